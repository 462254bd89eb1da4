"""Issue 22's bounds, in the library and through FastAPI's TestClient: text refused before parsing, the time
budget's ceiling, a worker killed over its memory limit, series and lists with a maximum size, calendar-end
times, the Host allow-list, the bounded coding queue, and grouping finished by whoever writes next.

The live-server abuse cases (a real uvicorn process under load) are in ``test_serve_abuse.py``.
"""

from __future__ import annotations

import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies.news import news_texts

from dyadwatch.analytics.series import MAX_SERIES_PERIODS, SeriesTooLong, check_length, dyad_series, period_count
from dyadwatch.config import Settings
from dyadwatch.errors import InputError
from dyadwatch.pipeline import Analysis, Pipeline, Rejected, Stage
from dyadwatch.pipeline.guard import unfit_reason
from dyadwatch.pipeline.text_stages import NormaliseStage
from dyadwatch.records import Article
from dyadwatch.runner import Runner, article_budget

HOG = "hold a lot of memory"


# --- text refused before parsing ----------------------------------------------------------------------------
def test_degenerate_texts_are_refused_with_the_reason_and_the_fix() -> None:
    s = Settings()
    assert "over the coding limit of 100,000" in unfit_reason("a " * 500_000, s)  # type: ignore[operator]
    assert "no sentence end" in unfit_reason("a " * 20_000, s)  # type: ignore[operator]
    assert "one word ('war')" in unfit_reason("War. " * 2_000, s)  # type: ignore[operator]
    prose = "China accused the United States of meddling in its affairs on Monday, officials said. " * 200
    assert unfit_reason(prose, s) is None
    assert unfit_reason("", s) is None


@settings(max_examples=60, deadline=None)
@given(news_texts())
def test_news_shaped_text_is_admitted(text: str) -> None:
    assert unfit_reason(text, Settings()) is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_gets_a_verdict_in_one_line(text: str) -> None:
    reason = unfit_reason(text, Settings(max_sentence_chars=500))
    assert reason is None or (reason and "\n" not in reason)


def test_the_pipeline_rejects_a_megabyte_of_one_word_at_once() -> None:
    pipeline = Pipeline([NormaliseStage()], Settings())
    start = time.monotonic()
    results = list(pipeline.pipe([Article.create("a " * 500_000, id="big"), Article.create("Japan met Korea.",
                                                                                          id="ok")]))
    assert time.monotonic() - start < 5
    assert isinstance(results[0], Rejected) and results[0].stage == "input" and "100,000" in results[0].reason
    assert isinstance(results[1], Analysis)
    with pytest.raises(InputError, match="coding limit"):
        pipeline.analyse(Article.create("a " * 500_000, id="big"))


# --- the time budget's ceiling and the memory limit ---------------------------------------------------------
def test_every_budget_has_a_ceiling() -> None:
    huge = Article.create("x. " * 60_000)
    assert article_budget(Settings(), huge) == 120.0
    assert article_budget(Settings(article_budget_s=1_000), huge) == 120.0
    assert article_budget(Settings(article_budget_max_s=30), huge) == 30.0


class Hog(Stage):
    """A stage that grows without bound on marked texts, like the parse of a megabyte sentence did."""

    name = "hog"
    requires = ("norm",)

    def __call__(self, analysis: Analysis) -> Analysis:
        held = []
        while HOG in analysis.article.text:
            held.append(b"x" * (20 * 1024 * 1024))  # written, so resident
            time.sleep(0.02)
        return analysis


def hog_pipeline(settings: Settings) -> Pipeline:
    return Pipeline([NormaliseStage(), Hog()], settings)


@pytest.mark.timeout(120)
def test_a_worker_over_its_memory_limit_is_killed_and_only_its_article_rejected() -> None:
    articles = [Article.create(t, id=f"a{i}") for i, t in enumerate(("one.", f"two {HOG}.", "three."))]
    with Runner(Settings(worker_max_rss_mb=600, article_budget_s=100), factory=hog_pipeline, chunk_size=3) as r:
        start = time.monotonic()
        results = r.code(articles)
        assert time.monotonic() - start < 60
        assert [type(x).__name__ for x in results] == ["Coded", "Rejected", "Coded"]
        assert results[1].stage == "hog" and "memory limit of 600 MB exceeded" in results[1].reason  # type: ignore[union-attr]
        assert r.restarts >= 1


# --- series and lists with a maximum size -------------------------------------------------------------------
@settings(max_examples=100, deadline=None)
@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 4000),
       st.sampled_from(["day", "week", "month", "quarter", "year"]))
def test_period_count_is_what_pandas_fills(start: date, days: int, by: str) -> None:
    end = start + timedelta(days=days)
    aligned = {"day": start, "week": start - timedelta(days=start.weekday()),
               "month": start.replace(day=1), "quarter": date(start.year, (start.month - 1) // 3 * 3 + 1, 1),
               "year": date(start.year, 1, 1)}[by]
    freq = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}[by]
    assert period_count(start, end, by) == len(pd.date_range(aligned, end, freq=freq))


def test_a_series_over_the_whole_calendar_is_refused_with_how_to_narrow_it(served_store: Path) -> None:
    from dyadwatch.store import open_store

    with pytest.raises(SeriesTooLong) as err:
        check_length(date(1, 1, 1), date(9999, 12, 31), "day")
    assert "3,652,059 periods" in str(err.value) and f"limit of {MAX_SERIES_PERIODS:,}" in str(err.value)
    with open_store(served_store, read_only=True) as store:
        for by in ("day", "year"):
            with pytest.raises(SeriesTooLong, match="narrow since/until"):
                dyad_series(store, "USA", "CHN", by=by, since=date(1, 1, 1), until=date(9999, 12, 31))
        assert len(dyad_series(store, "USA", "CHN", by="day", since=date(2024, 1, 1), until=date(2024, 12, 31))) == 366


def test_lists_and_exports_are_bounded(served_store: Path) -> None:
    from dyadwatch import resources
    from dyadwatch.store import open_store

    with open_store(served_store, read_only=True) as store:
        assert resources.dyad_event_list(store, "USA", "CHN")["events"]
        with pytest.raises(InputError, match="GET /v1/events"):
            resources.dyad_event_list(store, "USA", "CHN", limit=1)
        assert resources.check_export_size(store) > 1
        with pytest.raises(InputError, match="split it by since/until"):
            resources.check_export_size(store, limit=1)


# --- the HTTP layer -----------------------------------------------------------------------------------------
@pytest.fixture()
def client(served_store: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from dyadwatch.server import ServerConfig, create_app

    db = tmp_path / "w.duckdb"
    shutil.copy(served_store, db)
    with TestClient(create_app(ServerConfig(db=str(db), token="t" * 20, warm_up=False, coding_queue=2))) as c:
        yield c


def test_http_bounds_answer_422_saying_the_limit(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/v1/dyads/USA/CHN/series", params={"since": "0001-01-01", "until": "9999-12-31", "by": "day"})
    assert r.status_code == 422 and "limit of 5,000" in r.json()["error"]["message"]
    for moment in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):
        r = client.get("/v1/events", params={"updated_since": moment})
        assert r.status_code == 422 and "outside the calendar" in r.json()["error"]["message"], r.text
    r = client.post("/v1/code", json={"text": "a " * 60_000})
    assert r.status_code == 413 and "coding limit" in r.json()["error"]["message"]


def test_host_allow_list(client) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.server.hosts import allowed_hosts, host_name

    r = client.get("/healthz", headers={"Host": "evil.example"})
    assert r.status_code == 400 and r.json()["error"]["field"] == "host" and "--allow-host" in r.text
    for good in ("localhost:8000", "127.0.0.1", "[::1]:8000", "app.localhost"):
        assert client.get("/healthz", headers={"Host": good}).status_code == 200, good
    assert host_name("[::1]:80") == "::1" and host_name("Example.ORG.:8080") == "example.org"
    hosts = allowed_hosts("192.0.2.7", ["news.example"])
    assert "192.0.2.7" in hosts and "news.example" in hosts and "localhost" in hosts
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0")


def test_a_full_coding_queue_is_429_with_retry_after(client) -> None:  # type: ignore[no-untyped-def]
    coder = client.app.state.services.coder
    with coder.admit(2):  # the queue is held full, as by two requests coding and waiting
        r = client.post("/v1/code", json={"text": "Japan protested against North Korea's missile launch."})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "coding queue is full" in r.json()["error"]["message"]
        assert client.get("/healthz").status_code == 200
    assert coder.admitted == 0


def test_grouping_is_finished_by_whoever_writes_next(served_store: Path, tmp_path: Path) -> None:
    """A grouping killed before it marked its articles: the next write (server post, watch round) finishes it."""
    from dyadwatch import api
    from dyadwatch.store import open_store

    db = tmp_path / "g.duckdb"
    shutil.copy(served_store, db)
    with open_store(db) as store:
        groups = int(store.sql("SELECT count(*) AS n FROM event_groups")["n"].iloc[0])
        for table in ("grouped_articles", "event_group_members", "event_groups"):
            store.sql(f"DELETE FROM {table}")
        api.ingest_results(store, [])  # a write that stored nothing new
        assert int(store.sql("SELECT count(*) AS n FROM event_groups")["n"].iloc[0]) == groups
