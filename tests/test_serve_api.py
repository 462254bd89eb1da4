"""The HTTP API through FastAPI's TestClient, on a store coded by the real pipeline (``served_store``).

Each answer is checked against the library function the CLI calls for the same question, so the server cannot
drift into a second copy of a query.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from dyadwatch.server import ServerConfig, create_app

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"text": "China accused the United States of meddling in its affairs on Monday.",
           "published": "2024-11-25", "source": "Test Wire"}


@pytest.fixture(scope="module")
def client(served_store: Path):  # type: ignore[no-untyped-def]
    """A read-only server (no token), as `dyadwatch serve --db` starts it."""
    with TestClient(create_app(ServerConfig(db=str(served_store), warm_up=False))) as c:
        yield c


@pytest.fixture()
def writable(served_store: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "w.duckdb"
    shutil.copy(served_store, db)
    with TestClient(create_app(ServerConfig(db=str(db), token=TOKEN, warm_up=False,
                                            max_article_bytes=5000, max_request_bytes=20000))) as c:
        yield c


def _error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["status"] == status and body["message"] and "\n" not in body["message"]
    return body


def test_healthz_reports_store_and_versions(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["writable"] is False
    assert body["versions"]["dyadwatch"] == body["data_version"]["coder_version"]
    assert body["versions"]["tables"]
    assert client.get("/openapi.json").json()["info"]["title"] == "dyadwatch"
    assert client.get("/docs").status_code == 200


def test_event_pages_cover_the_cli_answer_newest_first(client: TestClient, served_store: Path) -> None:
    from dyadwatch import api
    from dyadwatch.store import EventFilter

    expected = {e["event_id"] for e in api.events(served_store, EventFilter())}
    seen: list[dict] = []
    cursor = None
    while True:
        url = "/v1/events?limit=4" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url).json()
        assert page["data_version"]["store_revision"]
        seen += page["events"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    ids = [e["event_id"] for e in seen]
    assert len(ids) == len(set(ids)) and set(ids) == expected
    dates = [e["date"]["value"] or "0001-01-01" for e in seen]
    assert dates == sorted(dates, reverse=True)


def test_event_filters_match_the_cli(client: TestClient, served_store: Path) -> None:
    from dyadwatch import api
    from dyadwatch.store import EventFilter

    for query, flt in (
        ("source=CHN&target=USA", EventFilter(source="CHN", target="USA")),
        ("source=chn", EventFilter(source="CHN")),
        ("target=USA,TWN", EventFilter(target=("USA", "TWN"))),
        ("type=REJECT&since=2024-11-01&until=2024-11-30", EventFilter(plover="REJECT", since=date(2024, 11, 1),
                                                                     until=date(2024, 11, 30))),
        ("all=true", EventFilter(include_uncounted=True)),
    ):
        got = {e["event_id"] for e in client.get(f"/v1/events?{query}&limit=1000").json()["events"]}
        assert got == {e["event_id"] for e in api.events(served_store, flt)}, query
    both = client.get("/v1/events?target=USA,JPN&limit=1000").json()["events"]
    assert {e["target"]["country"] for e in both} == {"USA", "JPN"}


def test_updated_since_and_csv(client: TestClient) -> None:
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    past = "2000-01-01T00:00:00Z"
    assert client.get("/v1/events", params={"updated_since": future}).json()["events"] == []
    assert client.get("/v1/events", params={"updated_since": past, "limit": 3}).json()["events"]
    csv = client.get("/v1/events?format=csv&limit=3")
    assert csv.headers["content-type"].startswith("text/csv") and len(csv.text.strip().splitlines()) == 4


def test_event_detail_has_reports_evidence_and_links(client: TestClient) -> None:
    events = client.get("/v1/events?limit=1000").json()["events"]
    linked = [e for e in events if e["responds_to"]]
    assert linked, "the test corpus states causes (citing the arms sale)"
    detail = client.get(f"/v1/events/{linked[0]['event_id']}").json()
    assert detail["event"]["n_mentions"] == len(detail["reports"]) >= 1
    report = detail["reports"][0]
    ev = report["evidence"]
    assert ev["start"] <= report["event"]["trigger"]["start"] < ev["end"]
    assert detail["responds_to"], detail
    cause = client.get(f"/v1/events/{detail['responds_to'][0]['id']}").json()
    assert detail["event"]["group_id"] in {r["id"] for r in cause["responses"]}


def test_article_spans_point_into_its_text(client: TestClient) -> None:
    body = client.get("/v1/articles/strain-nov-a").json()
    text = body["article"]["text"]
    assert body["events"] and body["spans"]
    kinds = {s["kind"] for s in body["spans"]}
    assert {"evidence", "source", "trigger"} <= kinds
    for span in body["spans"]:
        assert text[span["start"]:span["end"]] == span["text"], span
    by_hash = client.get(f"/v1/articles/{body['article']['content_hash']}").json()
    assert by_hash["article"]["article_id"] == "strain-nov-a"


def test_dyads_series_and_alerts_match_the_library(client: TestClient, served_store: Path) -> None:
    from dyadwatch import api
    from dyadwatch.analytics import dyad_alerts
    from dyadwatch.store import open_store

    dyads = client.get("/v1/dyads").json()
    assert dyads["dyads"] == api.dyad_summary(served_store)
    assert any(d["source_name"] == "China" and d["target"] == "USA" for d in dyads["dyads"])
    view = client.get("/v1/dyads/USA/CHN/series?by=month").json()
    with open_store(served_store, read_only=True) as store:
        alerts = dyad_alerts(store, "USA", "CHN")
    assert [a["period"] for a in view["alerts"]] == [a.period.isoformat() for a in alerts]
    assert view["alerts"] and view["alerts"][0]["events"]
    november = next(r for r in view["series"] if r["period"] == "2024-11-01")
    assert november["strain"] > 0 and november["q3_verbal_conflict"] >= 1
    listed = client.get("/v1/dyads/usa/chn/events?since=2024-11-01&until=2024-11-30").json()["events"]
    assert {e["group_id"] for e in view["alerts"][0]["events"]} <= {e["group_id"] for e in listed}
    assert client.get("/v1/dyads/USA/CHN/series?format=csv").text.startswith("period,")
    every = client.get("/v1/alerts").json()
    assert any(a["dyad"] == {"a": "CHN", "b": "USA", "a_name": "China", "b_name": "United States"}
               for a in every["alerts"])
    assert client.get("/v1/alerts?since=2030-01-01").json()["alerts"] == []
    feed = ET.fromstring(client.get("/v1/alerts.atom").content)
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(every["alerts"]) >= 1
    assert "events behind it" in entries[0].find("{http://www.w3.org/2005/Atom}summary").text


def test_exports_stream_what_the_cli_writes(client: TestClient, served_store: Path, tmp_path: Path) -> None:
    import io

    import pyarrow.parquet as pq

    from dyadwatch.analytics.exports import export_events
    from dyadwatch.store import open_store

    with open_store(served_store, read_only=True) as store:
        n = export_events(store, tmp_path / "e.tsv", "gdelt").rows
        n_parquet = export_events(store, tmp_path / "e.parquet", "parquet").rows
        export_events(store, tmp_path / "e.geojson", "geojson")
    tsv = client.get("/v1/export?to=gdelt")
    assert tsv.text == (tmp_path / "e.tsv").read_text(encoding="utf-8")
    assert len(tsv.text.splitlines()) == n  # GDELT files have no header row
    extended = client.get("/v1/export?to=gdelt-extended").text.splitlines()
    assert extended[0].startswith("GLOBALEVENTID") and len(extended) == n + 1
    plover = client.get("/v1/export?to=plover&source=CHN").text.splitlines()
    assert plover and all(json.loads(line)["actor"][0]["country_name"] == "CHN" for line in plover)
    parquet = client.get("/v1/export?to=parquet").content
    assert parquet == (tmp_path / "e.parquet").read_bytes() or pq.read_table(io.BytesIO(parquet)).num_rows == n_parquet
    geo = client.get("/v1/export?to=geojson").json()
    assert geo == json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_code_returns_the_pipeline_events(client: TestClient) -> None:
    from dyadwatch.io.readers import article_from_record
    from dyadwatch.pipeline import build_pipeline

    body = client.post("/v1/code", json=ARTICLE).json()
    expected = build_pipeline().analyse(article_from_record(dict(ARTICLE)))
    assert [e["event_id"] for e in body["events"]] == [e.event_id for e in expected.events]
    assert body["events"][0]["event"]["plover"] == "ACCUSE"
    for span in body["spans"]:
        assert ARTICLE["text"][span["start"]:span["end"]] == span["text"]


@pytest.mark.parametrize(("method", "url", "kwargs", "status", "field"), [
    ("post", "/v1/code", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "body"),
    ("post", "/v1/code", {"json": {"title": "no text"}}, 422, "text"),
    ("post", "/v1/code", {"json": {"text": "x", "published": "21/11/2024"}}, 422, "published"),
    ("post", "/v1/code", {"json": {"text": "x", "colour": "red"}}, 422, "colour"),
    ("get", "/v1/events?type=REJCT", {}, 422, None),
    ("get", "/v1/events?source=CHN'--", {}, 422, "source"),
    ("get", "/v1/events?limit=0", {}, 422, "limit"),
    ("get", "/v1/events?since=2024-12-01&until=2024-11-01", {}, 422, None),
    ("get", "/v1/events?cursor=bm90LWEtY3Vyc29y", {}, 422, None),
    ("get", "/v1/dyads/USA/CHN/series?by=fortnight", {}, 422, "by"),
    ("get", "/v1/dyads/US%3BDROP/CHN/series", {}, 422, "a"),
    ("get", "/v1/export?to=csv", {}, 422, "to"),
    ("get", "/v1/events/ev-does-not-exist", {}, 404, None),
    ("get", "/v1/articles/nope", {}, 404, None),
    ("get", "/v1/nothing-here", {}, 404, None),
    ("delete", "/v1/events", {}, 405, None),
])
def test_bad_requests_get_one_error_shape(client: TestClient, method: str, url: str, kwargs: dict, status: int,
                                          field: str | None) -> None:
    body = _error(getattr(client, method)(url, **kwargs), status)
    if field:
        assert body["field"] == field, body


@pytest.mark.parametrize("hostile", [
    "x' OR '1'='1", "'; DROP TABLE events; --", "../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
    "\u0000", "%00", "ev-1) UNION SELECT payload FROM events --",
])
def test_injection_and_traversal_strings_find_nothing(client: TestClient, hostile: str) -> None:
    from urllib.parse import quote

    for base in ("/v1/events/", "/v1/articles/"):
        response = client.get(base + quote(hostile, safe=""))
        assert response.status_code in (404, 422), (base, hostile, response.text)
    assert client.get("/v1/events", params={"type": hostile}).status_code == 422
    assert client.get("/static/" + quote("../../pyproject.toml", safe="")).status_code == 404
    assert client.get("/v1/events?limit=1").json()["events"], "the store is intact"


def test_read_only_server_refuses_writes_and_opens_the_store_read_only(client: TestClient) -> None:
    body = _error(client.post("/v1/articles", json=ARTICLE), 403)
    assert "read-only" in body["message"] and "--token-file" in body["message"]
    store = client.app.state.services.store
    with pytest.raises(Exception, match="read-only"):
        store.con.execute("CREATE TABLE intruder (i INTEGER)")
    assert "access-control-allow-origin" not in client.get("/v1/dyads", headers={"Origin": "http://evil"}).headers


def test_writes_need_the_token_and_ingest_is_idempotent(writable: TestClient) -> None:
    _error(writable.post("/v1/articles", json=ARTICLE), 401)
    _error(writable.post("/v1/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}), 401)
    before = writable.get("/v1/dyads").json()["data_version"]["store_revision"]
    first = writable.post("/v1/articles", json=ARTICLE, headers=AUTH).json()
    assert first["articles_new"] == 1 and first["events_written"] >= 1
    assert first["data_version"]["store_revision"] != before
    again = writable.post("/v1/articles", json=[ARTICLE], headers=AUTH).json()
    assert again["articles_new"] == 0 and again["articles_known"] == 1
    assert again["data_version"]["store_revision"] == first["data_version"]["store_revision"]
    found = writable.get("/v1/events?source=CHN&type=ACCUSE&since=2024-11-25&until=2024-11-25").json()["events"]
    assert any(e["evidence"]["text"].startswith("China accused") for e in found)


def test_a_bad_article_does_not_sink_the_batch(writable: TestClient) -> None:
    good = {**ARTICLE, "text": "Russia threatened Ukraine with new strikes on Friday.", "id": "good"}
    body = writable.post("/v1/articles", json=[{"text": "   ", "id": "blank"}, good], headers=AUTH).json()
    assert body["articles_new"] == 1
    assert [(r["article_id"], r["stage"]) for r in body["rejected"]] == [("blank", "input")]


def test_size_limits_give_413(writable: TestClient) -> None:
    big = _error(writable.post("/v1/code", json={"text": "a " * 3000}), 413)
    assert "limit" in big["message"] and big["field"] == "text"
    _error(writable.post("/v1/articles", json=[ARTICLE] * 200, headers=AUTH), 413)

    def chunks():  # no Content-Length: counted as it streams
        for _ in range(30):
            yield b" " * 1000

    _error(writable.post("/v1/code", content=chunks(), headers={"content-type": "application/json"}), 413)


def test_cors_only_when_configured(served_store: Path) -> None:
    app = create_app(ServerConfig(db=str(served_store), warm_up=False, cors_origins=("http://localhost:3000",)))
    with TestClient(app) as c:
        headers = c.get("/v1/dyads", headers={"Origin": "http://localhost:3000"}).headers
        assert headers["access-control-allow-origin"] == "http://localhost:3000"
        assert "access-control-allow-origin" not in c.get("/v1/dyads", headers={"Origin": "http://evil"}).headers


def test_over_budget_coding_is_a_rejection_not_a_stall(writable: TestClient, monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    from dyadwatch.config import Settings
    from dyadwatch.server.coding import Coder

    # A real watched worker with a budget no article can meet: the overrun is a rejection, the worker replaced.
    svc = writable.app.state.services
    tight = Coder(Settings(article_budget_s=0.001))
    monkeypatch.setattr(svc, "coder", tight)
    try:
        body = _error(writable.post("/v1/code", json=ARTICLE), 503)
        assert "time budget" in body["message"]
        batch = writable.post("/v1/articles", json=[ARTICLE], headers=AUTH).json()
        assert batch["articles_new"] == 0 and "time budget" in batch["rejected"][0]["reason"]
    finally:
        tight.close()
    assert writable.get("/healthz").status_code == 200


def test_unknown_codes_and_types_say_how_to_find_valid_ones(client: TestClient) -> None:
    for url in ("/v1/events?source=CHX", "/v1/events?type=REJCT", "/v1/dyads/USA/CHX/series"):
        body = _error(client.get(url), 422)
        assert "did you mean" in body["message"].lower() or "dyadwatch" in body["message"], body


def test_the_readme_promise_serve_the_demo_store(tmp_path: Path) -> None:
    """`make demo` then `dyadwatch serve --db dyadwatch-demo.duckdb`: the page and its data answer."""
    from click.testing import CliRunner

    from dyadwatch.cli.main import cli

    db = tmp_path / "dyadwatch-demo.duckdb"
    assert CliRunner().invoke(cli, ["demo", "--db", str(db)]).exit_code == 0
    with TestClient(create_app(ServerConfig(db=str(db), warm_up=False))) as c:
        assert c.get("/").status_code == 200 and c.get("/static/app.js").status_code == 200
        pairs = {(d["source"], d["target"]) for d in c.get("/v1/dyads").json()["dyads"]}
        assert ("JPN", "KOR") in pairs
        assert c.get("/v1/dyads/JPN/KOR/series").json()["series"]
