"""open_store(target): one factory for every --db, and the DuckDB file lock turned into a bounded wait."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyadwatch.errors import InputError, StoreError
from dyadwatch.store import DuckDBStore, open_store
from dyadwatch.store.duckdb_store import lock_wait
from dyadwatch.store.factory import describe, store_exists


def test_factory_picks_the_backend_from_the_target(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.duckdb") as store:
        assert isinstance(store, DuckDBStore) and store.dialect == "duckdb"
    with pytest.raises(InputError, match=r"unknown store URL.*postgresql://"):
        open_store("mysql://u:pw@host/db")
    with pytest.raises(StoreError, match="run `dyadwatch ingest"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    assert describe("postgresql://me:secret@db/events") == "postgresql://me:***@db/events"
    assert store_exists("postgresql://db/events") and not store_exists(tmp_path / "missing.duckdb")


def test_lock_wait_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADWATCH_LOCK_WAIT", "2.5")
    assert lock_wait() == 2.5
    monkeypatch.setenv("DYADWATCH_LOCK_WAIT", "soon")
    with pytest.raises(StoreError, match="DYADWATCH_LOCK_WAIT='soon' is not a number"):
        lock_wait()


def test_a_locked_duckdb_file_waits_then_stops_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    open_store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
         "time.sleep(120)", str(db)], stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        with pytest.raises(StoreError) as caught:
            DuckDBStore(db, lock_wait_s=0.5)
        assert time.monotonic() - start >= 0.5  # it waited before giving up
        message = str(caught.value)
        assert "\n" not in message and str(db) in message and f"process {holder.pid}" in message
        assert "DYADWATCH_LOCK_WAIT" in message
    finally:
        holder.kill()
        holder.wait()
    with open_store(db) as store:  # the lock went with the process; the store is intact
        assert store.schema_version() > 0
