"""The DuckDB and PostgreSQL stores give the same answers on real coded news, and PostgreSQL stays exact when
two ``dyadwatch ingest`` processes write the same file at once. Real server (tests/pgserver.py), real CLI runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from corpus_copies import VOA, write_copies
from ingest_runs import start_ingest, store_contents

from dyadwatch import api
from dyadwatch.store import CodedArticle, EventFilter, open_store

pytestmark = pytest.mark.skipif(not VOA.exists(), reason=f"VOA corpus not found at {VOA}")

# Columns that record when a row was written, not what it says.
_WHEN = ("ingested_at", "updated_at", "joined_at", "grouped_at")


@pytest.fixture(scope="module")
def voa_subset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("voa") / "voa-subset.jsonl"
    write_copies(path, 1, chars=700, limit=10)
    return path


@pytest.fixture(scope="module")
def coded_subset(voa_subset: Path) -> list[CodedArticle]:
    report = api.RunReport()
    return [CodedArticle(a.article, tuple(a.events))
            for a in api.code(api.iter_inputs([str(voa_subset)], None, report), report)]


def _table(store: Any, table: str, order: str) -> pd.DataFrame:
    frame = store.sql(f"SELECT * FROM {table} ORDER BY {order}")
    return frame.drop(columns=[c for c in _WHEN if c in frame.columns])


def _answers(store: Any) -> dict[str, Any]:
    """Everything the read commands show: events, payloads, groups, series, events behind them, exports."""
    from dyadwatch.analytics.exports import export_frame
    from dyadwatch.analytics.series import dyad_events, dyad_series

    pairs = store.sql("SELECT source_country, target_country, count(*) AS n FROM events WHERE source_country IS NOT "
                      "NULL AND target_country IS NOT NULL AND source_country <> target_country "
                      "GROUP BY source_country, target_country ORDER BY n DESC, source_country, target_country")
    a, b = pairs.iloc[0]["source_country"], pairs.iloc[0]["target_country"]
    out: dict[str, Any] = {
        "events": store.events(EventFilter(include_uncounted=True)),
        "payloads": store.event_payloads(EventFilter()),
        "groups": _table(store, "event_groups", "group_id"),
        "members": _table(store, "event_group_members", "event_id"),
        "links": _table(store, "event_links", "event_id, responds_to"),
        "summary": pd.DataFrame(store_summary(store)),
    }
    for by in ("month", "week"):
        for unit in ("events", "mentions"):
            out[f"series-{by}-{unit}"] = dyad_series(store, a, b, by=by, unit=unit)
            out[f"series-{by}-{unit}-directed"] = dyad_series(store, a, b, by=by, unit=unit, directed=True)
    out["series-one-side"] = dyad_series(store, a, None)
    for unit in ("events", "mentions"):
        out[f"behind-{unit}"] = dyad_events(store, a, b, unit=unit)
        frame = export_frame(store, unit=unit, include_uncounted=True)
        out[f"export-{unit}"] = frame.drop(columns=[c for c in _WHEN if c in frame.columns])
    return out


def store_summary(store: Any) -> list[dict[str, Any]]:
    frame = store.sql("SELECT plover, quad_class, count(*) AS n, sum(goldstein) AS g FROM events "
                      "GROUP BY plover, quad_class ORDER BY plover, quad_class")
    return frame.to_dict("records")  # type: ignore[no-any-return]


def _assert_same(left: dict[str, Any], right: dict[str, Any]) -> None:
    assert left.keys() == right.keys()
    for key, value in left.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, right[key], check_dtype=False, obj=key)
        else:
            assert value == right[key], key


def test_voa_events_and_analytics_match_on_duckdb_and_postgres(
    tmp_path: Path, postgres_url: str, postgres_server: Any, coded_subset: list[CodedArticle]
) -> None:
    assert sum(len(c.events) for c in coded_subset) >= 10
    duck_db = str(tmp_path / "voa.duckdb")
    for target in (duck_db, postgres_url):
        with open_store(target) as store:
            for i in range(0, len(coded_subset), 4):  # several batches, as ingest writes them
                store.ingest(coded_subset[i:i + 4])
            api.group_events(store)
    with open_store(duck_db) as duck, open_store(postgres_url) as pg:
        duck_answers = _answers(duck)
        _assert_same(duck_answers, _answers(pg))
    assert api.dyad_summary(duck_db) == api.dyad_summary(postgres_url)

    # One command moves the DuckDB store to PostgreSQL; re-running it copies nothing more.
    moved = postgres_server.new_database()
    runner = CliRunner()
    from dyadwatch.cli.main import cli

    result = runner.invoke(cli, ["copy", "--from", duck_db, "--to", moved])
    assert result.exit_code == 0, result.output
    assert f"copied {len(coded_subset)} article(s)" in result.output
    again = runner.invoke(cli, ["copy", "--from", duck_db, "--to", moved])
    assert "copied 0 article(s)" in again.output
    assert f"{len(coded_subset)} article(s) were already there" in again.output
    with open_store(moved) as pg:
        _assert_same(duck_answers, _answers(pg))
    # And back: PostgreSQL to a new DuckDB file.
    back = str(tmp_path / "back.duckdb")
    assert runner.invoke(cli, ["copy", "--from", moved, "--to", back]).exit_code == 0
    with open_store(back) as duck:
        _assert_same(duck_answers, _answers(duck))
    # And the read commands take the URL as --db, like a file path.
    shown = runner.invoke(cli, ["events", "--db", moved, "--format", "csv"])
    assert shown.exit_code == 0 and shown.output == runner.invoke(cli, ["events", "--db", duck_db, "--format",
                                                                       "csv"]).output


def test_two_concurrent_ingests_into_postgres_double_nothing(
    tmp_path: Path, postgres_url: str, voa_subset: Path
) -> None:
    reference_db = str(tmp_path / "reference.duckdb")
    api.ingest([str(voa_subset)], reference_db)
    first = start_ingest([str(voa_subset)], postgres_url)
    second = start_ingest([str(voa_subset)], postgres_url)
    errors = [p.communicate(timeout=600)[1] for p in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), errors
    assert store_contents(postgres_url) == store_contents(reference_db)
    with open_store(postgres_url) as store:
        dup = store.sql("SELECT event_id FROM event_group_members GROUP BY event_id HAVING count(*) > 1")
        assert dup.empty
        orphans = store.sql("SELECT group_id FROM event_groups g WHERE NOT EXISTS "
                            "(SELECT 1 FROM event_group_members m WHERE m.group_id = g.group_id)")
        assert orphans.empty
        grouped = store.sql("SELECT count(*) AS n FROM grouped_articles")["n"].iloc[0]
        assert grouped == len(store_contents(postgres_url)["articles"])
