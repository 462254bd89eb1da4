"""The page at / in a real browser (Debian's Chromium driven by Playwright) against a real server process.

Skips (saying why) when Playwright or /usr/bin/chromium is missing; CI installs both (.ci/run, pyproject dev).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from serve_live import serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium; .ci/run does it)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.mark.timeout(300)
def test_page_dyad_chart_alert_event_evidence(browser, served_store: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "page.duckdb"
    shutil.copy(served_store, db)
    with serve(db) as base:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + "/")
        page.wait_for_selector("text=Dyads in the store")
        # Pick the pair by typing a country name, as an analyst would.
        page.fill("#dyad-search", "china united")
        page.keyboard.press("Enter")
        page.wait_for_selector("svg.chart")
        assert page.url.endswith("#/dyad/CHN/USA")
        assert page.locator("svg.chart .alert-mark").count() >= 1
        assert page.locator("svg.chart .strain").count() == 1
        page.screenshot(path=str(tmp_path / "chart.png"), full_page=True)
        # The alert marker is a link to its month: the events behind it are listed.
        page.locator("svg.chart a.alert-link").first.click()
        page.wait_for_selector("#period-events")
        page.locator("table a[href^='#/event/']").first.click()
        page.wait_for_selector("p.evidence mark.trigger")
        evidence = page.locator("p.evidence").first
        assert evidence.locator("mark.source").count() >= 1
        assert "report(s)" in page.locator("dl.kv").inner_text()
        page.screenshot(path=str(tmp_path / "evidence.png"), full_page=True)
        causes = page.locator("h3:has-text('Responds to') + ul a")
        if causes.count():  # the cause is a link too, and lists this event among its responses
            here = page.url.rsplit("/", 1)[-1]
            causes.first.click()
            page.wait_for_selector(f"h3:has-text('Responses') + ul a[href$='{here}']")
            page.go_back()
            page.wait_for_selector("p.evidence mark.trigger")
        # The article it came from, with its spans.
        page.locator("a[href^='#/article/']").first.click()
        page.wait_for_selector(".article-text mark.trigger")
        # Keyboard: Tab reaches the skip link first, then the dyad search box.
        page.goto(base + "/#/")
        page.reload()
        page.wait_for_selector("text=Dyads in the store")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "dyadwatch"  # the home link
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "dyad-search"
        # ... and a pair is chosen and its chart shown without the mouse.
        page.keyboard.type("United States China")
        page.keyboard.press("Enter")
        page.wait_for_selector("svg.chart")
        # Offline: every request went to the server itself.
        assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]
        page.close()
    assert (tmp_path / "chart.png").stat().st_size > 10_000


@pytest.mark.timeout(300)
def test_page_codes_a_pasted_article(browser, served_store: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "code.duckdb"
    shutil.copy(served_store, db)
    with serve(db) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone's width
        page.goto(base + "/#/code")
        page.fill("#code-text", "China accused the United States of meddling in its affairs on Monday.")
        page.fill("#code-published", "2024-11-25")
        page.click("#code-form button")
        page.wait_for_selector("#code-result mark.trigger")
        assert "ACCUSE" in page.locator("#code-result ol").inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"the page scrolls sideways on a narrow screen ({width} px)"
        page.screenshot(path=str(tmp_path / "code.png"), full_page=True)
        page.close()
