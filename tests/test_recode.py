"""``recode``, ``forget`` and ``check`` (issue 21): a re-coded store equals a fresh ingest with the same coder and
tables; a recode killed mid-run and run again equals an uninterrupted one (nothing lost or doubled), on DuckDB and
PostgreSQL; forgetting an article leaves no row derived from it; check finds and repairs what a crash or a bug
left behind.

The crash runs are the real ``dyadwatch recode`` in its own process (``ingest_runs``), killed with SIGKILL after
two committed batches, on VOA leads read from ../shared (skipped when absent).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from corpus_copies import VOA, write_copies
from ingest_runs import _RUN_CLI, ROOT, cli_env, store_contents

from dyadwatch import api
from dyadwatch.analytics.integrity import check
from dyadwatch.config import Settings
from dyadwatch.store import open_store

RECODE_LINE = "recoded a batch"


def changed_table(tmp: Path) -> Settings:
    """A table change: Pyongyang read as another state's seat (a user table on top of the package's)."""
    table = tmp / "mine.tsv"
    table.write_text("phrase\tkind\tname\tcountry\tsectors\nPyongyang|North Korea\tseat\tZorbia\tNOR\tGOV\n",
                     encoding="utf-8")
    return Settings(actor_tables=(table,))


def example_file(tmp: Path) -> Path:
    from dyadwatch.tables import DATA

    record = json.loads((DATA.parent / "examples" / "example_article.json").read_text(encoding="utf-8"))
    path = tmp / "demo.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def groups_of(db: str) -> set[frozenset[str]]:
    """Event groups as sets of their mentions (ids of groups depend on the founding mention, not compared)."""
    with open_store(db, read_only=True) as store:
        rows = store.sql("SELECT group_id, event_id FROM event_group_members ORDER BY group_id")
    out: dict[str, set[str]] = {}
    for gid, eid in zip(rows["group_id"], rows["event_id"], strict=True):
        out.setdefault(str(gid), set()).add(str(eid))
    return {frozenset(v) for v in out.values()}


def _recode(store: Any, settings: Settings | None = None, **kw: Any) -> Any:
    from dyadwatch.runner.recode import queue, run

    report = queue(store, kw.pop("where", ()), kw.pop("published", None))
    return run(store, report, settings=settings, **kw)


def test_recode_after_a_table_change_equals_a_fresh_ingest(tmp_path: Path) -> None:
    demo = example_file(tmp_path)
    db = str(tmp_path / "demo.duckdb")
    api.ingest([str(demo)], db)  # the demo store, coded with the package's tables
    before = store_contents(db)
    settings = changed_table(tmp_path)
    with open_store(db) as store:
        report = _recode(store, settings)
    assert report.articles == 1 and not report.skipped
    fresh = str(tmp_path / "fresh.duckdb")
    api.ingest([str(demo)], fresh, settings=settings)
    recoded = store_contents(db)
    assert recoded == store_contents(fresh)
    assert recoded != before  # the table change changed events (else this test proves nothing)
    assert any('"NOR"' in payload for _, _, payload in recoded["events"])
    assert groups_of(db) == groups_of(fresh)
    with open_store(db) as store:
        assert check(store).ok


def test_recode_where_undated_with_published_dates_the_undated_events(tmp_path: Path) -> None:
    """The way out the issue asked for: undated articles re-coded with a date; the dated ones untouched."""
    (tmp_path / "undated.txt").write_text("China condemned Japan on Monday.", encoding="utf-8")
    (tmp_path / "dated.jsonl").write_text(json.dumps({"id": "d", "text": "Japan praised South Korea on Monday.",
                                                      "published": "2024-11-21"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "u.duckdb")
    api.ingest([str(tmp_path / "undated.txt"), str(tmp_path / "dated.jsonl")], db)
    with open_store(db) as store:
        assert store.sql("SELECT count(*) AS n FROM events WHERE event_date IS NULL")["n"][0] > 0
    result = CliRunner().invoke(api_cli(), ["recode", "--db", db, "--where", "undated", "--published",
                                            "2024-11-21"])
    assert result.exit_code == 0, result.output
    with open_store(db, read_only=True) as store:
        dates = store.sql("SELECT article_id, event_date FROM events ORDER BY article_id")
        published = store.sql("SELECT article_id, published FROM articles ORDER BY article_id")
    assert dates["event_date"].notna().all()
    assert {str(d)[:10] for d in published["published"]} == {"2024-11-21"}


def api_cli() -> Any:
    from dyadwatch.cli.main import cli

    return cli


def test_forget_removes_the_article_and_everything_derived(tmp_path: Path) -> None:
    from test_analytics import corpus

    db = str(tmp_path / "f.duckdb")
    with open_store(db) as store:
        batch = corpus()
        store.ingest(batch)
        api.group_events(store)
        victim = batch[0].article
        n_events = int(store.sql("SELECT count(*) AS n FROM events WHERE article_id = ?", [victim.id])["n"][0])
    runner = CliRunner()
    result = runner.invoke(api_cli(), ["forget", "--db", db, "--article", victim.id])
    assert result.exit_code == 0, result.output
    assert f"forgot 1 article(s) and their {n_events} event(s)" in result.output
    with open_store(db) as store:
        for table in ("articles", "events", "event_links", "grouped_articles", "recode_pending"):
            left = store.sql(f"SELECT count(*) AS n FROM {table} WHERE content_hash = ?", [victim.content_hash])
            assert int(left["n"][0]) == 0, table
        assert check(store).ok
    again = runner.invoke(api_cli(), ["forget", "--db", db, "--article", victim.id])
    assert again.exit_code == 4 and "no stored article matches" in again.output
    assert runner.invoke(api_cli(), ["forget", "--db", db]).exit_code == 2
    source = runner.invoke(api_cli(), ["forget", "--db", db, "--before", "2100-01-01"])
    assert source.exit_code == 0
    with open_store(db, read_only=True) as store:
        assert int(store.sql("SELECT count(*) AS n FROM event_groups")["n"][0]) == 0


def test_check_finds_and_repairs_orphans_and_ungrouped_mentions(tmp_path: Path) -> None:
    from test_analytics import corpus

    db = str(tmp_path / "c.duckdb")
    with open_store(db) as store:
        store.ingest(corpus())
        api.group_events(store)
        # What a crash or an old bug can leave: a membership pointing nowhere, a group without members, a
        # mention left out of every group, an event whose article is gone.
        member = store.sql("SELECT event_id, group_id FROM event_group_members LIMIT 1").iloc[0]
        store.execute_all([
            ("INSERT INTO event_group_members VALUES ('ev-missing', ?, 'test', current_timestamp)",
             [str(member["group_id"])]),
            ("DELETE FROM event_group_members WHERE event_id = ?", [str(member["event_id"])]),
            ("INSERT INTO events SELECT * REPLACE ('gone' AS content_hash, 'ev-gone' AS event_id) FROM events "
             "LIMIT 1", []),
        ])
        found = check(store)
        assert not found.ok
        names = {f.name for f in found.faults}
        assert {"members-without-event", "ungrouped-events", "events-without-article"} <= names
    result = CliRunner().invoke(api_cli(), ["check", "--db", db])
    assert result.exit_code == 3 and "FAULT" in result.output
    repaired = CliRunner().invoke(api_cli(), ["check", "--db", db, "--repair"])
    assert repaired.exit_code == 0, repaired.output
    clean = CliRunner().invoke(api_cli(), ["check", "--db", db])
    assert clean.exit_code == 0 and "FAULT" not in clean.output
    with open_store(db, read_only=True) as store:
        placed = store.sql("SELECT count(*) AS n FROM events e WHERE NOT negated AND NOT hypothetical AND NOT "
                           "EXISTS (SELECT 1 FROM event_group_members m WHERE m.event_id = e.event_id)")
    assert int(placed["n"][0]) == 0


# --- killed mid-run ----------------------------------------------------------------------------------------------
def _start_recode(db: str, batch: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _RUN_CLI, "recode", "--db", db, "--batch", str(batch)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=ROOT,
    )


def _kill_after(proc: subprocess.Popen[str], batches: int) -> list[str]:
    assert proc.stderr is not None
    lines, seen = [], 0
    for line in proc.stderr:
        lines.append(line.rstrip("\n"))
        if RECODE_LINE in line:
            seen += 1
            if seen >= batches:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=120)
    return lines


def _crash_and_resume(tmp_path: Path, make_db: Any) -> None:
    corpus = tmp_path / "voa.jsonl"
    n = write_copies(corpus, 1, chars=200, limit=24)
    settings = changed_table(tmp_path)
    original = make_db("original")
    api.ingest([str(corpus)], original, settings=settings)  # coded with the old table
    reference = make_db("reference")  # an uninterrupted recode of a copy
    api.ingest([str(corpus)], reference, settings=settings)
    done = subprocess.run([sys.executable, "-c", _RUN_CLI, "recode", "--db", reference, "--batch", "4"],
                          capture_output=True, text=True, env=cli_env(), cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{n} article(s) re-coded" in done.stderr

    lines = _kill_after(_start_recode(original, 4), 2)
    assert sum(RECODE_LINE in line for line in lines) == 2, lines
    with open_store(original) as store:
        waiting = int(store.sql("SELECT count(*) AS n FROM recode_pending")["n"][0])
    assert 0 < waiting <= n - 8  # whole batches done, the rest still queued
    rerun = subprocess.run([sys.executable, "-c", _RUN_CLI, "recode", "--db", original, "--batch", "4"],
                           capture_output=True, text=True, env=cli_env(), cwd=ROOT, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert "resuming an interrupted recode" in rerun.stderr
    assert f"{waiting} article(s) re-coded" in rerun.stderr
    assert store_contents(original) == store_contents(reference)  # no event lost or doubled
    assert groups_of(original) == groups_of(reference)
    with open_store(original) as store:
        assert check(store).ok


@pytest.mark.skipif(not VOA.exists(), reason=f"VOA corpus not found at {VOA}")
@pytest.mark.timeout(600)
def test_recode_killed_mid_run_then_rerun_equals_an_uninterrupted_recode_duckdb(tmp_path: Path) -> None:
    _crash_and_resume(tmp_path, lambda name: str(tmp_path / f"{name}.duckdb"))


@pytest.mark.skipif(not VOA.exists(), reason=f"VOA corpus not found at {VOA}")
@pytest.mark.timeout(600)
def test_recode_killed_mid_run_then_rerun_equals_an_uninterrupted_recode_postgres(tmp_path: Path,
                                                                                  postgres_server: Any) -> None:
    _crash_and_resume(tmp_path, lambda name: str(postgres_server.new_database()))


def test_recode_cli_on_an_empty_selection_and_a_bad_where(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    with open_store(db):
        pass
    runner = CliRunner()
    empty = runner.invoke(api_cli(), ["recode", "--db", db])
    assert empty.exit_code == 4 and "no stored article matches" in empty.output
    bad = runner.invoke(api_cli(), ["recode", "--db", db, "--where", "colour=red"])
    assert bad.exit_code == 3 and "KEY=VALUE" in bad.output
    missing = runner.invoke(api_cli(), ["recode", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 5 and not (tmp_path / "none.duckdb").exists()


def test_http_routes_need_the_token_and_work_through_the_queue(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dyadwatch.server.app import create_app
    from dyadwatch.server.config import ServerConfig

    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "published": "2024-11-21"}) + "\n"
                            for i, text in enumerate(["Japan praised South Korea on Monday.",
                                                      "China condemned the United States on Tuesday."])),
                    encoding="utf-8")
    db = str(tmp_path / "h.duckdb")
    api.ingest([str(path)], db)
    before = store_contents(db)
    auth = {"Authorization": "Bearer s3cret"}
    with TestClient(create_app(ServerConfig(db=db, token="s3cret", warm_up=False))) as client:
        assert client.post("/v1/check", json={}).status_code == 401
        assert client.post("/v1/recode", json={}).status_code == 401
        first = client.post("/v1/recode", json={"max_articles": 1}, headers=auth).json()
        assert (first["recoded"], first["queued"], first["resumed"]) == (1, 1, False)
        second = client.post("/v1/recode", json={"max_articles": 5}, headers=auth).json()
        assert (second["recoded"], second["queued"], second["resumed"]) == (1, 0, True)
        checked = client.post("/v1/check", json={"repair": False}, headers=auth).json()
        assert checked["ok"] and checked["recode_pending"] == 0
        gone = client.post("/v1/forget", json={"article": "a0"}, headers=auth)
        assert gone.status_code == 200 and gone.json()["articles"] == 1
        missing = client.post("/v1/forget", json={"article": "a0"}, headers=auth)
        assert missing.status_code == 404
        assert client.post("/v1/forget", json={}, headers=auth).status_code == 422
    after = store_contents(db)
    assert [a for _, a in after["articles"]] == ["a1"]
    kept = {h for h, a in before["articles"] if a == "a1"}
    assert after["events"] == [e for e in before["events"] if e[1] in kept]  # re-coded to the same events
    with TestClient(create_app(ServerConfig(db=db, warm_up=False))) as read_only:
        assert read_only.post("/v1/check", json={}).status_code == 403


@pytest.mark.timeout(600)
def test_recode_on_a_dask_cluster_equals_a_fresh_ingest(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    texts = ["Germany and France signed a trade agreement in Berlin on Monday, officials said.",
             "Russia accused Ukraine of attacking a power station near the border on Tuesday.",
             "Pyongyang threatened Seoul with overwhelming force on Wednesday.",
             "Japan protested after Chinese coast guard ships entered waters near disputed islands."]
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "text": t, "published": "2024-05-02"}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    db, fresh = str(tmp_path / "d.duckdb"), str(tmp_path / "fresh.duckdb")
    api.ingest([str(corpus)], db, settings=changed_table(tmp_path))  # coded with the old table
    api.ingest([str(corpus)], fresh)
    assert store_contents(db) != store_contents(fresh)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client, open_store(db) as store:
        report = _recode(store, dask_address=client, batch_size=3)
    assert report.articles == len(texts) and not report.skipped
    assert store_contents(db) == store_contents(fresh)
    assert groups_of(db) == groups_of(fresh)


def test_check_reads_without_writing_and_names_an_old_schema(tmp_path: Path) -> None:
    db = str(tmp_path / "old.duckdb")
    with open_store(db) as store:
        store.execute_all([("DELETE FROM schema_migrations WHERE version = 7", []),
                           ("DROP TABLE recode_pending", [])])
    result = CliRunner().invoke(api_cli(), ["check", "--db", db])
    assert result.exit_code == 3 and "schema version 6 (this dyadwatch: 7)" in result.output
    with open_store(db, read_only=True) as store:
        assert store.schema_version() == 6  # a check changes nothing
    repaired = CliRunner().invoke(api_cli(), ["check", "--db", db, "--repair"])
    assert repaired.exit_code == 0, repaired.output
