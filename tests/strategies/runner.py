"""The parent side of the guarded runner: one worker process, a hard time limit per article, stalls counted.

Why a process: until every walk over the parse is bounded (issue 12), an article can spin forever in pure Python;
the only safe guard from outside is to kill the process and start a fresh one, then go on with the next article.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

WORKER = Path(__file__).with_name("worker.py")
STARTUP_LIMIT_S = 180.0  # loading spaCy and the tables on a busy 2-core machine


def budget_s(text: str, floor: float = 10.0, per_kchar: float = 2.0) -> float:
    """Hard limit for one article: the library's own budget when it has one, else a floor plus a per-size share.

    The fallback is deliberately generous (ordinary articles code in well under a second per thousand characters
    on one core) so only a real stall trips it, even on a machine shared by several jobs.
    """
    try:
        from dyadwatch.config import Settings

        settings = Settings()
        own = getattr(settings, "article_budget_s", None)
        if callable(own):
            own = own(text)
        if isinstance(own, int | float) and own > 0:
            return max(float(own) * 2, floor)
    except Exception:
        pass
    return floor + per_kchar * len(text) / 1000


@dataclass
class Outcome:
    status: str  # events | rejected | crash | bad-offsets | stall | worker-died
    seconds: float
    detail: dict[str, Any] = field(default_factory=dict)


class GuardedCoder:
    """Codes articles in a child process; an article over its limit kills the child and counts as a stall."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None
        self.restarts = 0

    def _start(self) -> subprocess.Popen[str]:
        env = dict(os.environ)
        env.setdefault("PYTHONUNBUFFERED", "1")
        proc = subprocess.Popen(
            [sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, encoding="utf-8", env=env,
        )
        line = self._readline(proc, STARTUP_LIMIT_S)
        if not line or json.loads(line).get("status") != "ready":
            proc.kill()
            raise RuntimeError("the fuzz worker did not start; run tests/strategies/worker.py by hand to see why")
        return proc

    @staticmethod
    def _readline(proc: subprocess.Popen[str], limit: float) -> str | None:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], limit)
        if not ready:
            return None
        return proc.stdout.readline() or None

    def code(self, text: str, published: date | None, limit: float | None = None) -> Outcome:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        limit = budget_s(text) if limit is None else limit
        assert self.proc.stdin is not None
        started = time.monotonic()
        request = {"text": text, "published": published.isoformat() if published else None, "limit": limit}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        # The worker kills its own overrunning child; this outer limit only catches a worker that hangs itself.
        line = self._readline(self.proc, limit * 25 + 30)
        took = time.monotonic() - started
        if line is None:
            status = "stall" if self.proc.poll() is None else "worker-died"
            self.close()
            self.restarts += 1
            return Outcome(status, took, {"limit_s": round(limit, 1)})
        detail = json.loads(line)
        return Outcome(detail.pop("status"), took, detail)

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc = None

    def __enter__(self) -> GuardedCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class Tally:
    """What a fuzz run saw: counts per outcome and the first ``keep`` failing inputs of each kind, with details."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    keep: int = 20

    @property
    def articles(self) -> int:
        return sum(self.counts.values())

    def add(self, text: str, published: date | None, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self.seconds += outcome.seconds
        kept = sum(1 for f in self.failures if f["status"] == outcome.status)
        if outcome.status not in ("events", "rejected") and kept < self.keep:
            self.failures.append({"status": outcome.status, "text": text,
                                  "published": published.isoformat() if published else None, **outcome.detail})

    def summary(self) -> str:
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return f"{self.articles} generated article(s): {parts}; {self.seconds:.0f} s coding"
