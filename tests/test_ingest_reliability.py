"""Ingest loses and doubles nothing: skip-before-parse, a SIGKILL mid-run, two runs on one DuckDB file.

Every run here is the real ``dyadwatch ingest`` in its own process, on VOA article leads repeated with new ids
(read from ../shared; skipped when absent).
"""

from __future__ import annotations

import signal
from collections import Counter
from pathlib import Path

import pytest
from corpus_copies import VOA, write_copies
from ingest_runs import BATCH_LINE, start_ingest, store_contents, wait_for_batches

from dyadwatch import api

pytestmark = pytest.mark.skipif(not VOA.exists(), reason=f"VOA corpus not found at {VOA}")


def test_second_ingest_parses_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "voa.jsonl"
    n = write_copies(corpus, 1, chars=200, limit=8)
    db = str(tmp_path / "s.duckdb")
    first = api.ingest([str(corpus)], db)
    assert (first.parsed, first.stored.articles_new) == (n, n)
    again = api.ingest([str(corpus)], db)
    assert again.parsed == 0  # nothing went through the pipeline
    assert (again.articles, again.stored.articles_known, again.stored.articles_new) == (0, n, 0)
    # A file with one new article among stored ones parses only that one.
    extra = tmp_path / "more.jsonl"
    extra.write_text(corpus.read_text(encoding="utf-8") + corpus.read_text(encoding="utf-8").splitlines()[0]
                     .replace('"text": "', '"text": "Update. ') + "\n", encoding="utf-8")
    third = api.ingest([str(extra)], db)
    assert (third.parsed, third.stored.articles_new, third.stored.articles_known) == (1, 1, n)


def test_sigkill_mid_ingest_then_rerun_loses_and_doubles_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "voa-copies.jsonl"
    n = write_copies(corpus, 6, chars=160)  # 294 articles, 64 per committed batch
    assert n >= 250
    ref_db = str(tmp_path / "reference.duckdb")
    api.ingest([str(corpus)], ref_db)  # the uninterrupted run
    reference = store_contents(ref_db)
    assert len(reference["articles"]) == n

    db = str(tmp_path / "crashed.duckdb")
    victim = start_ingest([str(corpus)], db)
    try:
        lines = wait_for_batches(victim, 2)
        assert sum(BATCH_LINE in line for line in lines) == 2, lines
        victim.send_signal(signal.SIGSTOP)  # frozen mid-run, still holding the file: no more batches
        # While the victim holds the file, a second ingest waits (bounded) and stops with one line naming it.
        blocked = start_ingest([str(corpus)], db, DYADWATCH_LOCK_WAIT="1")
        _, err = blocked.communicate(timeout=240)
        assert blocked.returncode != 0
        problem = [line for line in err.splitlines() if line.startswith("Error:")]
        assert len(problem) == 1 and db in problem[0] and "locked" in problem[0], err
        assert "DYADWATCH_LOCK_WAIT" in problem[0]
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=60)
    finally:
        if victim.poll() is None:
            victim.kill()
    crashed = store_contents(db)  # the store opens after the crash and holds whole batches only
    assert 128 <= len(crashed["articles"]) < n
    by_article = Counter(h for _, h, _ in crashed["events"])
    expected = Counter(h for _, h, _ in reference["events"])
    assert all(by_article[h] == expected[h] for h, _ in crashed["articles"])  # no half-written article

    # Re-run the same ingest; a second one started meanwhile waits for the lock, then finds everything stored.
    rerun = start_ingest([str(corpus)], db)
    lines = wait_for_batches(rerun, 1)
    waiter = start_ingest([str(corpus)], db, DYADWATCH_LOCK_WAIT="600")
    _, rerun_err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, rerun_err
    _, waiter_err = waiter.communicate(timeout=600)
    assert waiter.returncode == 0, waiter_err
    assert f"0 new, {n} already stored" in waiter_err
    final = store_contents(db)
    assert final == reference  # every article exactly once, the same events as the uninterrupted run
