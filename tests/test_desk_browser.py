"""The desk in a real browser (Debian's Chromium, Playwright) against a real ``dyadwatch serve`` process: the map,
the country view, filters and downloads, ``/docs``, feed watching, and no request to any other host.

Skips (saying why) when Playwright or /usr/bin/chromium is missing; CI installs both (.ci/run, pyproject dev).
"""

from __future__ import annotations

import csv
import io
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from serve_live import serve
from test_serve_browser import browser  # noqa: F401  (the module's Chromium fixture)
from test_watch import PAGES, Quiet, _page, _rss

LOCAL = {"127.0.0.1", "localhost"}


def offline(page, blocked: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Fail every request to another host (recording it), as if the machine had no network."""
    def handle(route) -> None:  # type: ignore[no-untyped-def]
        if urlsplit(route.request.url).hostname in LOCAL or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()
    page.route("**/*", handle)


@pytest.mark.timeout(300)
def test_every_view_loads_offline_map_country_view_filters_and_docs(browser, served_store: Path,  # noqa: F811
                                                                    tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "desk.duckdb"
    shutil.copy(served_store, db)
    with serve(db) as base:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        blocked: list[str] = []
        errors: list[str] = []
        offline(page, blocked)
        page.on("pageerror", lambda e: errors.append(str(e)))
        # Landing: the pair table sorts, each pair has a sparkline.
        page.goto(base + "/")
        page.wait_for_selector("table.sortable svg.spark")
        page.click("button.sort[data-key='strain']")
        page.wait_for_function("location.hash.includes('sort=strain')")
        page.wait_for_selector("th[aria-sort] button[data-key='strain']")
        # Searching a country's name lands on its relations, not on an arbitrary pair (the USA has four partners
        # in this store: China, Taiwan, South Korea and Japan; the summit meeting counts with China).
        page.fill("#dyad-search", "United States")
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash.startsWith('#/country/USA')")
        page.wait_for_selector("h2:has-text('United States: relations')")
        rows = page.locator("table.sortable tbody tr")
        assert rows.count() >= 2
        page.click("button.sort[data-key='events']")
        page.wait_for_selector("th[aria-sort='descending'] button[data-key='events']")
        counts = [int(t) for t in page.locator("table.sortable tbody tr td:nth-child(7)").all_inner_texts()]
        assert counts == sorted(counts, reverse=True) and counts[0] == 10, counts
        page.click("button.sort[data-key='events']")  # again: ascending
        page.wait_for_selector("th[aria-sort='ascending'] button[data-key='events']")
        counts = [int(t) for t in page.locator("table.sortable tbody tr td:nth-child(7)").all_inner_texts()]
        assert counts == sorted(counts), counts
        # The map: outlines from the package, points coloured by QuadClass; a country and a point list events.
        page.goto(base + "/#/map")
        page.wait_for_selector("svg.map a.point circle")
        assert page.locator("svg.map path.land").count() > 150
        assert page.locator("svg.map circle.q1").count() >= 1
        page.locator("svg.map a[href^='#/map/country/CHN']").first.click()
        page.wait_for_selector("#map-events table a[href^='#/event/']")
        assert "Events in China" in page.inner_text("#map-events h3")
        page.locator("svg.map a.point").first.click()
        page.wait_for_selector("#map-events-title")
        # A dyad: a filter changes the chart and its download.
        page.goto(base + "/#/dyad/CHN/USA")
        page.wait_for_selector("svg.chart")
        assert page.locator("svg.chart rect.bar-coop").count() >= 1
        page.select_option("#f-quad", "3")
        page.wait_for_function("location.hash.includes('quad=3')")
        page.wait_for_function("document.querySelectorAll('svg.chart rect.bar-coop').length === 0")
        assert page.locator("svg.chart rect.bar-conf").count() >= 1
        href = page.locator(".downloads a[data-format='csv']").first.get_attribute("href")
        assert href and "quad_class=3" in href and "view=dyad" in href
        table = list(csv.DictReader(io.StringIO(httpx.get(base + href).text)))
        assert table and all(r["q1_verbal_coop"] == "0" and r["q2_material_coop"] == "0" for r in table)
        assert sum(int(r["q3_verbal_conflict"]) for r in table) >= 1
        gdelt = page.locator(".downloads a[data-format='gdelt']").first.get_attribute("href")
        lines = httpx.get(base + gdelt).text.strip().splitlines()
        assert lines and all(line.split("\t")[29] == "3" for line in lines)  # QuadClass column of GDELT 2.0
        # The URL holds the view: reloading shows the same filtered chart.
        page.reload()
        page.wait_for_selector("svg.chart")
        assert page.locator("#f-quad").input_value() == "3"
        # Event, article and code views, then /docs: drawn from /openapi.json, nothing from a CDN.
        page.goto(base + "/#/dyad/CHN/USA/2024-11-01")
        page.wait_for_selector("#period-events + .table-wrap a[href^='#/event/']")
        page.locator("#period-events + .table-wrap a[href^='#/event/']").first.click()
        page.wait_for_selector("p.evidence mark.trigger")
        page.locator("a[href^='#/article/']").first.click()
        page.wait_for_selector(".article-text mark.trigger")
        page.goto(base + "/#/code")
        page.wait_for_selector("#code-text")
        page.goto(base + "/docs")
        page.wait_for_selector("article.op h3:has-text('/v1/countries/{code}')")
        op = page.locator("article.op:has(h3:has-text('/v1/countries/{code}'))")
        op.locator("input[name='code']").fill("CHN")
        op.locator("button:has-text('Try it')").click()
        page.wait_for_function("[...document.querySelectorAll('pre.try-out')]"
                               ".some(p => p.textContent.includes('HTTP 200'))")
        assert not blocked, blocked
        assert not errors, errors
        page.close()


@pytest.mark.timeout(300)
def test_phone_width_map_country_and_chart_fit(browser, served_store: Path, tmp_path: Path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    db = tmp_path / "phone.duckdb"
    shutil.copy(served_store, db)
    with serve(db) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for where, ready in (("#/country/CHN", "table.sortable"), ("#/map", "svg.map a.point"),
                             ("#/dyad/CHN/USA/2024-11-01", "#period-events")):
            page.goto(f"{base}/{where}")
            page.wait_for_selector(ready)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 400, f"{where} scrolls sideways on a phone ({width} px)"
        # The chart is drawn at the phone's width, so its axis labels are not shrunk to a few pixels.
        size = page.evaluate("(() => { const t = document.querySelector('svg.chart text');"
                             " return t.getBoundingClientRect().height; })()")
        assert size >= 10, f"axis labels are {size:.1f} px high on a phone"
        page.close()


@pytest.fixture()
def wire(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "wire"
    root.mkdir()
    for name, (title, text) in PAGES.items():
        (root / name).write_text(_page(title, text), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.timeout(300)
def test_watched_feed_item_appears_on_the_page(browser, served_store: Path, tmp_path: Path,  # noqa: F811
                                               wire: tuple[str, Path]) -> None:  # type: ignore[no-untyped-def]
    site, root = wire
    db = tmp_path / "watched.duckdb"
    shutil.copy(served_store, db)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site}/feed.xml\n", encoding="utf-8")
    (root / "feed.xml").write_text(_rss(site, []), encoding="utf-8")  # empty at first
    with serve(db, "--watch", str(feeds), "--every", "2s") as base:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(base + "/")
        page.wait_for_selector("table.sortable")
        page.wait_for_selector("#watch:has-text('last round')")
        assert "Germany" not in page.inner_text("table.sortable")
        # The wire publishes an item: within a round its events are on the page, without a reload.
        (root / "feed.xml").write_text(_rss(site, ["aid.html"]), encoding="utf-8")
        page.wait_for_selector("table.sortable a:has-text('Germany')", timeout=120_000)
        status = httpx.get(base + "/v1/watch").json()
        assert status["enabled"] and status["totals"]["new"] == 1 and status["totals"]["events"] >= 1
        assert "1 new article(s)" in page.inner_text("#watch") or status["rounds"] >= 2
        assert httpx.get(base + "/healthz").status_code == 200  # reads answer while the poller runs
        page.close()
