"""The DuckDB store: idempotent, atomic per batch, bulk loads, filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.errors import StoreError
from dyadwatch.records import Actor, Article, Event, EventDate, EventType, TextSpan
from dyadwatch.store import CodedArticle, EventFilter, open_store
from dyadwatch.store.migrations import MIGRATIONS


def make_event(article: Article, n: int, *, plover: str = "REJECT", cameo: str = "125", historical: bool = False,
               negated: bool = False, when: date = date(2024, 11, 20)) -> Event:
    span = TextSpan(0, 5, article.text[:5])
    return Event(
        event_id=f"ev-{article.content_hash[:8]}-{n}",
        article_id=article.id,
        sentence_index=0,
        evidence=span,
        source=Actor(span, name="China", country="CHN", sectors=("GOV",), code="CHNGOV", rule="test"),
        target=Actor(span, name="United States", country="USA", sectors=("GOV",), code="USAGOV", rule="test"),
        type=EventType(plover=plover, cameo=cameo, goldstein=-4.0, quad_class=3, plover_score=-4.0),
        trigger=span,
        date=EventDate(when, "day", historical=historical),
        negated=negated,
    )


def coded(text: str, n_events: int = 2, **kw: object) -> CodedArticle:
    article = Article.create(text, id=str(kw.pop("id", None) or "") or None, published=date(2024, 11, 21))
    return CodedArticle(article, tuple(make_event(article, i, **kw) for i in range(n_events)))  # type: ignore[arg-type]


def test_store_ingest_is_idempotent_by_content(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        first = store.ingest([coded("China rejected the meeting.")])
        assert (first.articles_new, first.events_written) == (1, 2)
        # Same content under another id and with different line wrapping: recognised, nothing doubled.
        again = store.ingest([coded("China  rejected\nthe meeting.", id="other-id")])
        assert (again.articles_new, again.articles_known, again.events_written) == (0, 1, 0)
        assert again.known_ids == ["other-id"]
        assert len(store.events(EventFilter(include_uncounted=True))) == 2
    with open_store(db) as store:  # reopening migrates nothing and keeps the data
        assert store.schema_version() == MIGRATIONS[-1].version
        assert len(store.articles()) == 1


def test_store_same_content_twice_in_one_batch_counts_once() -> None:
    with open_store(":memory:") as store:
        report = store.ingest([coded("A text."), coded("A text.", id="dup")])
        assert (report.articles_new, report.articles_known) == (1, 1)


def test_store_failed_batch_leaves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from dyadwatch.store import rows

    with open_store(":memory:") as store:
        store.ingest([coded("Kept article.")])
        bad_schema = rows.EVENT_SCHEMA.set(0, rows.EVENT_SCHEMA.field(0).with_name("not_a_column"))
        monkeypatch.setattr(rows, "EVENT_SCHEMA", bad_schema)
        with pytest.raises(StoreError, match="rolled back"):
            store.ingest([coded("Doomed article.")])
        # The article row of the failed batch was written before the events failed: it must be gone too.
        assert store.articles()["article_id"].tolist() == [coded("Kept article.").article.id]
        assert len(store.events(EventFilter(include_uncounted=True))) == 2


def test_store_filters_counted_events_by_default() -> None:
    with open_store(":memory:") as store:
        store.ingest([coded("Now.", 1), coded("Then.", 1, historical=True), coded("Not.", 1, negated=True)])
        assert len(store.events(EventFilter())) == 1
        assert len(store.events(EventFilter(include_uncounted=True))) == 3
        assert len(store.events(EventFilter(source="CHN", target="USA", plover="REJECT"))) == 1
        assert len(store.events(EventFilter(since=date(2024, 12, 1)))) == 0
        payloads = store.event_payloads(EventFilter())
        assert payloads[0]["source"]["country"] == "CHN"


def test_store_read_only_missing_file_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="dyadwatch ingest"):
        open_store(tmp_path / "none.duckdb", read_only=True)


def test_store_write_frame_upserts_by_key() -> None:
    import pandas as pd

    with open_store(":memory:") as store:
        store.con.execute("CREATE TABLE t (k INTEGER, v VARCHAR)")
        store.write_frame("t", pd.DataFrame({"k": [1, 2], "v": ["a", "b"]}), key=["k"])
        store.write_frame("t", pd.DataFrame({"k": [2, 3], "v": ["B", "c"]}), key=["k"])
        assert store.sql("SELECT * FROM t ORDER BY k")["v"].tolist() == ["a", "B", "c"]
