"""``dyadwatch serve --watch FEEDS``: the server polls feeds itself, so a newsroom runs one process.

Why in the server: DuckDB allows one writing process per store file. A separate ``dyadwatch watch`` beside a
``serve`` has to wait for the file; here the poller writes through the server's own store handle, under the
same lock as ``POST /v1/articles``, so there is one writer and the page shows a round's events as soon as the
round stores them (no restart: every read goes to the same open store).

What runs under the store lock: only the store's own calls (each read, each ingest batch, a grouping run as a
whole). Fetching feeds and pages and coding articles happen outside it, so reads keep answering during a round.

The round itself is not written here: the server layer must not import ``dyadwatch.watch`` (they are sibling
layers), so the CLI hands in a ``RoundFn`` that calls it (``cli.serve_cmds.watch_round_adapter``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dyadwatch.records import Article

log = logging.getLogger(__name__)

# (feeds, store, code) -> what the round did: new, skipped, rejected, events, failed_feeds, problems, line.
RoundFn = Callable[[Sequence[str], Any, Callable[[list[Article]], list[Any]]], dict[str, Any]]
# Problems kept in the status (a round with thousands of bad items must not make /v1/watch huge).
MAX_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """What to watch and how often; ``round_fn`` is one polling round against an open store."""

    feeds: tuple[str, ...]
    every_s: float
    round_fn: RoundFn


class LockedStore:
    """The server's store as a round sees it: every store call runs under the server's store lock.

    ``lock(name)`` (the grouping lock) also holds the server lock for its whole block, so a reader never sees a
    grouping run half done. Attributes that are not methods are passed through unchanged.
    """

    def __init__(self, store: Any, lock: threading.RLock) -> None:
        self._store = store
        self._lock = lock

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._store, name)
        if name == "lock":
            return self._named_lock
        if not callable(value):
            return value

        def locked(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return value(*args, **kwargs)

        return locked

    @contextmanager
    def _named_lock(self, name: str) -> Iterator[None]:
        with self._lock, self._store.lock(name):
            yield


@dataclass(slots=True)
class WatchStatus:
    """What ``GET /v1/watch`` answers: the schedule, the last round and what it found."""

    feeds: int
    every_s: float
    rounds: int = 0
    running: bool = False
    last_started: str | None = None
    last_finished: str | None = None
    last_seconds: float | None = None
    last: dict[str, Any] | None = None
    next_round: str | None = None
    error: str | None = None
    totals: dict[str, int] = field(default_factory=lambda: {"new": 0, "events": 0, "rejected": 0})

    def to_dict(self) -> dict[str, Any]:
        return {"enabled": True, "feeds": self.feeds, "every_s": self.every_s, "rounds": self.rounds,
                "running": self.running, "last_started": self.last_started, "last_finished": self.last_finished,
                "last_seconds": self.last_seconds, "last": self.last, "next_round": self.next_round,
                "error": self.error, "totals": dict(self.totals)}


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Poller:
    """A daemon thread that runs a round, sleeps ``every_s``, and again, until ``stop``."""

    def __init__(self, plan: WatchPlan, store: Any, lock: threading.RLock,
                 code: Callable[[list[Article]], list[Any]]) -> None:
        self.plan = plan
        self.store = LockedStore(store, lock)
        self.code = code
        self.status = WatchStatus(feeds=len(plan.feeds), every_s=plan.every_s)
        self._status_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Poller:
        self._thread = threading.Thread(target=self._loop, name="dyadwatch-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout)

    def snapshot(self) -> dict[str, Any]:
        with self._status_lock:
            return self.status.to_dict()

    def run_once(self) -> dict[str, Any]:
        """One round now (the loop's body; tests call it directly). A failing round is recorded, not raised."""
        started = _now()
        clock = time.monotonic()
        with self._status_lock:
            self.status.running = True
            self.status.last_started = started.isoformat()
        result: dict[str, Any] | None = None
        error = None
        try:
            result = self.plan.round_fn(self.plan.feeds, self.store, self.code)
        except Exception as err:
            log.exception("watch round failed")
            error = f"{type(err).__name__}: {err}"
        finished = _now()
        with self._status_lock:
            st = self.status
            st.running = False
            st.rounds += 1
            st.last_finished = finished.isoformat()
            st.last_seconds = round(time.monotonic() - clock, 2)
            st.error = error
            if result is not None:
                result = {**result, "problems": list(result.get("problems", []))[:MAX_PROBLEMS],
                          "failed_feeds": list(result.get("failed_feeds", []))[:MAX_PROBLEMS]}
                st.last = result
                for key in st.totals:
                    st.totals[key] += int(result.get(key, 0))
            st.next_round = datetime.fromtimestamp(finished.timestamp() + self.plan.every_s, UTC).isoformat()
            return st.to_dict()

    def _loop(self) -> None:
        while not self._stop.is_set():
            snap = self.run_once()
            log.warning("watch round: %s", (snap.get("last") or {}).get("line") or snap.get("error"))
            self._stop.wait(self.plan.every_s)
