"""The PostgreSQL store against a real server: same contract, same answers as the DuckDB store."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_store import coded

from dyadwatch.errors import StoreError
from dyadwatch.store import EventFilter, open_store
from dyadwatch.store.migrations import MIGRATIONS
from dyadwatch.store.sqltext import qmark_to_dollar


def test_postgres_store_is_idempotent_and_migrated(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        assert store.dialect == "postgres"
        assert store.schema_version() == MIGRATIONS[-1].version
        first = store.ingest([coded("China rejected the meeting.")])
        assert (first.articles_new, first.events_written) == (1, 2)
        again = store.ingest([coded("China  rejected\nthe meeting.", id="other-id"), coded("A text."),
                              coded("A text.", id="dup")])
        assert (again.articles_new, again.articles_known, again.events_written) == (1, 2, 2)
        assert sorted(again.known_ids) == ["dup", "other-id"]
        assert len(store.events(EventFilter(include_uncounted=True))) == 4
    with open_store(postgres_url) as store:  # reopening migrates nothing and keeps the data
        assert store.migrate() == []  # type: ignore[attr-defined]
        assert len(store.articles()) == 2
    with open_store(postgres_url, read_only=True) as store:
        assert store.known_hashes([coded("A text.").article.content_hash, "nope"]) == {
            coded("A text.").article.content_hash
        }


def test_postgres_read_only_open_of_an_empty_database_names_the_fix(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="run `dyadwatch ingest"):
        open_store(postgres_url, read_only=True)


def test_postgres_unreachable_server_is_one_line_error() -> None:
    with pytest.raises(StoreError, match=r"cannot connect to PostgreSQL store postgresql://u:\*\*\*@127\.0\.0\.1"):
        open_store("postgresql://u:secret@127.0.0.1:1/none")


def test_postgres_failed_batch_leaves_nothing(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyadwatch.store import rows

    with open_store(postgres_url) as store:
        store.ingest([coded("Kept article.")])
        bad_schema = rows.EVENT_SCHEMA.set(0, rows.EVENT_SCHEMA.field(0).with_name("not_a_column"))
        monkeypatch.setattr(rows, "EVENT_SCHEMA", bad_schema)
        with pytest.raises(StoreError, match="rolled back"):
            store.ingest([coded("Doomed article.")])
        assert store.articles()["article_id"].tolist() == [coded("Kept article.").article.id]


def test_postgres_and_duckdb_answer_the_same(postgres_url: str) -> None:
    batch = [coded("Now.", 1), coded("Then.", 1, historical=True), coded("Not.", 1, negated=True),
             coded("Later.", 2, when=date(2025, 1, 3), plover="ACCUSE", cameo="112")]
    with open_store(":memory:") as duck, open_store(postgres_url) as pg:
        duck.ingest(batch)
        pg.ingest(batch)
        for flt in (EventFilter(), EventFilter(include_uncounted=True), EventFilter(plover="ACCUSE"),
                    EventFilter(since=date(2024, 12, 1)), EventFilter(source="CHN", limit=2)):
            pd.testing.assert_frame_equal(duck.events(flt), pg.events(flt))
            assert duck.event_payloads(flt) == pg.event_payloads(flt)  # type: ignore[attr-defined]
        query = ("SELECT plover, count(*) AS n, sum(goldstein) AS g, min(event_date) AS first FROM events "
                 "WHERE source_country = ? AND event_date >= ? GROUP BY plover ORDER BY plover")
        params = ["CHN", date(2024, 1, 1)]
        pd.testing.assert_frame_equal(duck.sql(query, params), pg.sql(query, params))


def test_postgres_sql_with_percent_and_quoted_question_marks(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        frame = store.sql("SELECT 7 % 3 AS m, '?' AS q, 'it''s ?' AS s, ? AS p", ["x"])
        assert frame.to_dict("records") == [{"m": 1, "q": "?", "s": "it's ?", "p": "x"}]
        with pytest.raises(StoreError, match="placeholder"):
            store.sql("SELECT ? AS a", [])


_PLAIN = st.text(alphabet="abc =,()*+\n", max_size=8)
_QUOTED = st.text(alphabet="ab?$ -*/", max_size=6).map(lambda t: "'" + t.replace("'", "''") + "'")
_IDENT = st.text(alphabet="ab?", min_size=1, max_size=4).map(lambda t: f'"{t}"')
_COMMENT = st.text(alphabet="ab? ", max_size=6).map(lambda t: f"/* {t} */")


@given(st.lists(st.one_of(_PLAIN, _QUOTED, _IDENT, _COMMENT, st.just("?")), max_size=12))
def test_qmark_rewrite_numbers_only_placeholders(pieces: list[str]) -> None:
    query = "".join(pieces)
    n = pieces.count("?")
    out = qmark_to_dollar(query, n)
    expected = "".join(pieces[:0])
    k = 0
    for piece in pieces:
        if piece == "?":
            k += 1
            expected += f"${k}"
        else:
            expected += piece
    # A plain piece ending in "/" or "-" could join the next into a comment opener; the alphabet rules that out.
    assert out == expected
