"""Regenerate the page's screenshots in docs/img/ (needs Playwright and /usr/bin/chromium).

    PYTHONPATH=. .venv/bin/python tools/serve_screenshot.py STORE.duckdb            # every screenshot below
    PYTHONPATH=. .venv/bin/python tools/serve_screenshot.py STORE.duckdb --only serve

STORE is any store with USA-CHN events, e.g. the one the tests build from tests/data/relations/corpus.json and
the example article (``served_store``). Starts `dyadwatch serve` on a free port and saves each view: the USA-CHN
dyad with the November 2024 alert's month selected (serve.png, the README's), the pair table, China's relations,
the map with China chosen, the API reference, and the dyad and the map at a phone's width (390 px).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# name: (path after the base URL, selector that says the view is drawn, viewport width)
SHOTS = {
    "serve": ("/#/dyad/CHN/USA/2024-11-01", "#period-events", 1100),
    "desk-pairs": ("/#/", "table.sortable svg.spark", 1100),
    "desk-country": ("/#/country/CHN", "table.sortable", 1100),
    "desk-map": ("/#/map/country/CHN", "#map-events table", 1100),
    "desk-docs": ("/docs", "article.op", 1100),
    "desk-phone-dyad": ("/#/dyad/CHN/USA/2024-11-01", "#period-events", 390),
    "desk-phone-map": ("/#/map/country/CHN", "#map-events table", 390),
    "desk-phone-country": ("/#/country/CHN", "table.sortable", 390),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("-o", "--output-dir", default=str(REPO / "docs" / "img"))
    parser.add_argument("--only", action="append", choices=sorted(SHOTS), help="only this screenshot (repeatable)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from serve_live import serve

    out = Path(args.output_dir)
    with serve(Path(args.store)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name in args.only or list(SHOTS):
            path, ready, width = SHOTS[name]
            page = browser.new_page(viewport={"width": width, "height": 1000 if width > 600 else 844})
            page.goto(base + path)
            page.wait_for_selector(ready)
            page.evaluate("document.activeElement && document.activeElement.blur()")
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=name != "desk-docs")
            page.close()
            print(f"wrote {target}")
        browser.close()


if __name__ == "__main__":
    main()
