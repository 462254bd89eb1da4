"""Regenerate docs/img/serve.png, the dyad page the README shows (needs Playwright and /usr/bin/chromium).

    PYTHONPATH=. .venv/bin/python tools/serve_screenshot.py STORE.duckdb [-o docs/img/serve.png]

STORE is any store with USA-CHN events, e.g. the one the tests build from tests/data/relations/corpus.json and
the example article (``served_store``). Starts `dyadwatch serve` on a free port, opens the USA-CHN page with the
November 2024 alert's month selected, and saves a screenshot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("-o", "--output", default=str(REPO / "docs" / "img" / "serve.png"))
    parser.add_argument("--hash", default="#/dyad/CHN/USA/2024-11-01", help="page to show")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from serve_live import serve

    with serve(Path(args.store)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1000})
        page.goto(base + "/" + args.hash)
        page.wait_for_selector("#period-events")
        page.screenshot(path=args.output, full_page=True)
        browser.close()
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
