"""The desk's API (TestClient): a country's relations, the pair table, the map, downloads of what a view shows,
``/v1/watch``, the offline ``/docs``, the map's package data, and the poller of ``serve --watch`` on a real store
with feeds served by a local HTTP server."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from dyadwatch.analytics.exports import export_rows
from dyadwatch.analytics.relations import ViewFilter
from dyadwatch.server import ServerConfig, create_app
from dyadwatch.server.desk import LockedStore, Poller, WatchPlan
from dyadwatch.server.page import STATIC
from dyadwatch.store import open_store


@pytest.fixture(scope="module")
def client(served_store: Path):  # type: ignore[no-untyped-def]
    with TestClient(create_app(ServerConfig(db=str(served_store), warm_up=False))) as c:
        yield c


def test_country_view_lists_every_partner_with_change_sorted(client, served_store: Path) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/v1/countries/CHN").json()
    assert data["country"] == {"code": "CHN", "name": "China"}
    partners = data["partners"]
    assert {p["partner"] for p in partners} >= {"USA"}
    with open_store(served_store, read_only=True) as store:
        truth = store.sql(
            "SELECT CASE WHEN source_country = 'CHN' THEN target_country ELSE source_country END AS p, count(*) AS n "
            "FROM event_groups WHERE counted AND source_country IS NOT NULL AND target_country IS NOT NULL "
            "AND (source_country = 'CHN' OR target_country = 'CHN') AND source_country <> target_country GROUP BY 1")
    assert {p["partner"]: p["events"] for p in partners} == dict(zip(truth["p"], truth["n"], strict=True))
    for p in partners:
        assert p["verbal_coop"] + p["material_coop"] + p["verbal_conflict"] + p["material_conflict"] <= p["events"]
        assert p["outgoing"] + p["incoming"] == p["events"]
        assert len(p["spark"]) == 12 and p["spark"][-1] == p["events_now"]
        if p["change"] is not None:
            assert p["change"] == pytest.approx(p["strain_now"] - p["strain_before"], abs=0.002)
    changes = [p["change"] for p in partners]
    known = [c for c in changes if c is not None]
    assert known == sorted(known, reverse=True)
    assert changes[: len(known)] == known  # pairs without a change come after those with one
    usa = next(p for p in partners if p["partner"] == "USA")
    assert data["current"] == "2024-11-01" and data["before"] == {"from": "2023-12-01", "until": "2024-10-31"}
    # November's strain against the cooperation of the months before: the largest rise, first.
    assert usa["strain_now"] > 0 > usa["strain_before"] and usa["change"] > 1 and partners[0]["partner"] == "USA"
    assert usa["events_now"] + usa["events_before"] == sum(usa["spark"])


def test_country_view_by_name_and_filters(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/v1/countries/China").json()["country"]["code"] == "CHN"
    conflict = client.get("/v1/countries/CHN?quad_class=3").json()["partners"]
    assert conflict and all(p["verbal_conflict"] == p["events"] for p in conflict)
    assert client.get("/v1/countries/CHN?quad_class=5").status_code == 422
    bad = client.get("/v1/countries/CHN?type=PROTESTT")
    assert bad.status_code == 422 and "PROTEST" in bad.json()["error"]["message"]
    assert client.get("/v1/countries/CHN?since=2024-12-01&until=2024-01-01").status_code == 422
    early = client.get("/v1/countries/CHN?until=2024-06-30").json()
    assert early["current"] == "2024-06-01"
    assert all(p["events"] <= 9 for p in early["partners"])


def test_pair_table_and_map(client) -> None:  # type: ignore[no-untyped-def]
    pairs = client.get("/v1/pairs").json()["pairs"]
    top = pairs[0]
    assert (top["a"], top["b"]) == ("CHN", "USA") and top["a_name"] == "China" and len(top["spark"]) == 12
    assert [p["events"] for p in pairs] == sorted((p["events"] for p in pairs), reverse=True)
    points = client.get("/v1/map").json()["points"]
    assert points and all(p["quad_class"] in (1, 2, 3, 4) for p in points)
    located = next(p for p in points if p["geonameid"] is not None)
    at = client.get(f"/v1/map/events?geonameid={located['geonameid']}").json()["events"]
    assert len(at) == located["events"] and all(e["location_name"] for e in at)
    china = client.get("/v1/map/events?country=CHN").json()["events"]
    assert china and client.get("/v1/map/events").status_code == 422
    # A point's and a country's downloads hold the events the map lists for them.
    gid = located["geonameid"]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/v1/download?view=place&geonameid={gid}&to=csv").text)))
    assert [r["group_id"] for r in rows] == [e["group_id"] for e in at]
    lines = client.get(f"/v1/download?view=place&geonameid={gid}&to=gdelt").text.strip().splitlines()
    assert len(lines) == len(at) and all(line.split("\t")[-3] == str(gid) for line in lines)  # ActionGeo_FeatureID
    lines = client.get("/v1/download?view=place&a=CHN&to=gdelt").text.strip().splitlines()
    assert len(lines) == len(china)
    assert client.get("/v1/download?view=place&to=csv").status_code == 422


def test_downloads_are_what_the_view_shows(client, served_store: Path) -> None:  # type: ignore[no-untyped-def]
    shown = client.get("/v1/countries/CHN?quad_class=1").json()["partners"]
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/download?view=country&a=CHN&quad_class=1&to=csv").text)))
    assert [r["partner"] for r in rows] == [p["partner"] for p in shown]
    assert [int(r["events"]) for r in rows] == [p["events"] for p in shown]
    gdelt = client.get("/v1/download?view=country&a=CHN&quad_class=1&to=gdelt")
    assert gdelt.status_code == 200 and "attachment" in gdelt.headers["content-disposition"]
    with open_store(served_store, read_only=True) as store:
        frame, _ = export_rows(store, "gdelt", unit="events", actor="CHN",
                               **ViewFilter(quad_class=1).export_filters())
    lines = gdelt.text.strip().splitlines()
    assert len(lines) == len(frame) == sum(p["events"] for p in shown)
    assert all(line.split("\t")[29] == "1" for line in lines)
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(client.get("/v1/download?view=events&a=CHN&b=USA&to=parquet").content))
    pair = next(p for p in client.get("/v1/pairs").json()["pairs"] if (p["a"], p["b"]) == ("CHN", "USA"))
    assert table.num_rows == pair["events"]
    assert client.get("/v1/download?view=country&to=csv").status_code == 422  # a country view needs a=


def test_watch_status_off_and_docs_offline(client) -> None:  # type: ignore[no-untyped-def]
    status = client.get("/v1/watch").json()
    assert status["enabled"] is False and "store_revision" in status["data_version"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text
    assert "http://" not in docs.text and "https://" not in docs.text and "cdn" not in docs.text.lower()
    assert client.get("/redoc").status_code == 404
    assert client.get("/static/docs.js").status_code == 200
    assert "/v1/countries/{code}" in client.get("/openapi.json").json()["paths"]
    types = {t["type"] for t in client.get("/v1/types").json()["types"]}
    assert {"PROTEST", "CONSULT", "ASSAULT"} <= types


def test_static_manifest_lists_every_asset_with_the_map_sha256() -> None:
    manifest = json.loads((STATIC / "MANIFEST.json").read_text(encoding="utf-8"))
    listed = {a["file"] for a in manifest["assets"]} | {a["file"] for a in manifest["third_party"]}
    assert listed == {p.name for p in STATIC.iterdir() if p.name != "MANIFEST.json"}
    world = next(a for a in manifest["third_party"] if a["file"] == "world-110m.geojson")
    data = (STATIC / "world-110m.geojson").read_bytes()
    assert hashlib.sha256(data).hexdigest() == world["sha256"]
    assert "public domain" in world["licence"] and world["source_package"].startswith("npm:world-atlas@")
    geo = json.loads(data)
    codes = {f["id"] for f in geo["features"]}
    assert {"CHN", "USA", "DEU", "BRA", "AUS"} <= codes and len(geo["features"]) > 150
    for f in geo["features"]:
        lon, lat = f["properties"]["centroid"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_locked_store_waits_for_the_server_lock(served_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "l.duckdb"
    shutil.copy(served_store, db)
    lock = threading.RLock()
    with open_store(db) as store:
        locked = LockedStore(store, lock)
        done: list[float] = []
        lock.acquire()
        worker = threading.Thread(target=lambda: (locked.sql("SELECT 1 AS x"), done.append(time.monotonic())))
        worker.start()
        time.sleep(0.3)
        assert not done  # a round's store call waits while a request holds the lock
        lock.release()
        worker.join(timeout=10)
        assert done
        with locked.lock("grouping"):  # the grouping lock holds the server lock for its whole block
            assert lock._is_owned()  # type: ignore[attr-defined]


@pytest.mark.timeout(300)
def test_poller_round_stores_a_feed_item_through_the_server_store(served_store: Path, tmp_path: Path) -> None:
    from test_watch import PAGES, Quiet, _page, _rss  # the feeds and pages of the watcher's own tests

    from dyadwatch.cli.serve_cmds import watch_round_adapter
    from dyadwatch.config import Settings
    from dyadwatch.pipeline import build_pipeline

    root = tmp_path / "site"
    root.mkdir()
    for name, (title, text) in PAGES.items():
        (root / name).write_text(_page(title, text), encoding="utf-8")
    from functools import partial
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(_rss(base, ["protest.html"]), encoding="utf-8")
    db = tmp_path / "p.duckdb"
    shutil.copy(served_store, db)
    pipeline = build_pipeline(Settings())
    try:
        with open_store(db) as store:
            plan = WatchPlan((f"{base}/feed.xml", f"{base}/missing.xml"), 3600.0, watch_round_adapter())
            poller = Poller(plan, store, threading.RLock(), lambda articles: list(pipeline.pipe(articles)))
            first = poller.run_once()
            assert first["rounds"] == 1 and first["last"]["new"] == 1 and first["last"]["events"] >= 1
            assert len(first["last"]["failed_feeds"]) == 1 and "missing.xml" in first["last"]["failed_feeds"][0]
            assert first["last_finished"] and first["next_round"] > first["last_finished"]
            assert not store.sql("SELECT 1 AS x FROM event_groups WHERE source_country = 'KOR' "
                                 "AND target_country = 'PRK'").empty
            second = poller.run_once()  # nothing new: the item is skipped, totals keep the first round's
            assert second["last"]["new"] == 0 and second["last"]["skipped"] == 1 and second["totals"]["new"] == 1
    finally:
        server.shutdown()
        server.server_close()


def test_serve_watch_refuses_a_bad_feeds_file_or_interval(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dyadwatch.cli.main import cli

    db = tmp_path / "new.duckdb"
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--watch", str(tmp_path / "missing.txt")])
    assert result.exit_code == 3 and "cannot read the feeds file" in result.output
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--watch", str(feeds)])
    assert result.exit_code == 3 and "lists no feeds" in result.output
    feeds.write_text("http://127.0.0.1:9/feed.xml\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--watch", str(feeds), "--every", "soon"])
    assert result.exit_code == 3 and "not a duration" in result.output
    assert not db.exists()  # nothing was started, nothing created
