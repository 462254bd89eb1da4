"""The child side of the guarded runner: codes one article per request, checks every offset, answers one line.

Run as a separate process (``python tests/strategies/worker.py``) so that an article that never finishes can be
killed from outside without losing the run: a stall in a pure-Python loop cannot be interrupted from another
thread, and ``signal.alarm`` would fight pytest-timeout for SIGALRM.

Protocol: one JSON object per line on stdin ``{"text": ..., "published": "YYYY-MM-DD" | null}``; one JSON object
per line on the original stdout ``{"status": "events" | "rejected" | "crash" | "bad-offsets" | "stall", ...}``.
With a ``"limit"`` in the request, the article is coded in a forked child that is killed when it overruns. Anything the
library prints goes to stderr, so the protocol stream stays clean.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from datetime import date
from typing import Any


def spans_of(event: Any) -> Iterator[tuple[str, Any]]:
    """Every text span an event carries, named: evidence, actors, trigger, date text, place text, quantities."""
    yield "evidence", event.evidence
    yield "source", event.source.span
    if event.target is not None:
        yield "target", event.target.span
    yield "trigger", event.trigger
    if event.date.span is not None:
        yield "date", event.date.span
    if event.location is not None and event.location.span is not None:
        yield "location", event.location.span
    for q in event.quantities:
        yield "quantity", q.span
    for link in event.links:
        if link.evidence is not None:
            yield "link", link.evidence


def offset_problems(text: str, events: list[Any]) -> list[str]:
    """Spans whose offsets do not give back their text in the original article (empty list: all good)."""
    problems = []
    for event in events:
        for name, span in spans_of(event):
            if not (0 <= span.start <= span.end <= len(text)) or text[span.start : span.end] != span.text:
                problems.append(
                    f"{name} span ({span.start}, {span.end}) {span.text!r} != text {text[span.start:span.end]!r}"
                )
    return problems


def code_one(pipeline: Any, text: str, published: date | None) -> dict[str, Any]:
    """Code one article and classify the outcome."""
    from dyadwatch.errors import DyadwatchError
    from dyadwatch.records import Article

    article = Article.create(text, published=published)
    try:
        events = pipeline.analyse(article).events
    except DyadwatchError as err:  # a typed rejection: the library said why, in its own words
        return {"status": "rejected", "reason": str(err)}
    except Exception as err:  # anything else is a bug: keep the traceback for the report
        return {"status": "crash", "error": f"{type(err).__name__}: {err}", "traceback": traceback.format_exc()}
    problems = offset_problems(text, events)
    if problems:
        return {"status": "bad-offsets", "events": len(events), "problems": problems[:5]}
    return {"status": "events", "events": len(events)}


# The limit is CPU time of the coding child (a shared, overloaded machine must not turn slow into "stalled"),
# with a wall-clock backstop at this multiple of it.
WALL_FACTOR = 20


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used, from /proc; None where /proc is absent."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def code_forked(pipeline: Any, text: str, published: date | None, limit: float) -> dict[str, Any]:
    """Code in a forked child (copy-on-write, no model reload) and kill it if it overruns ``limit`` CPU seconds.

    Why fork: restarting a worker costs a model load (seconds); a fork of the loaded worker costs milliseconds,
    so a stall costs only its limit and the run goes on from the same loaded state.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            result = code_one(pipeline, text, published)
        except BaseException as err:
            result = {"status": "crash", "error": f"{type(err).__name__}: {err}", "traceback": traceback.format_exc()}
        with os.fdopen(write_fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(result))
        os._exit(0)
    os.close(write_fd)
    chunks: list[bytes] = []
    wall_deadline = time.monotonic() + limit * WALL_FACTOR
    try:
        while True:
            ready, _, _ = select.select([read_fd], [], [], 0.25)
            if not ready:
                used = cpu_seconds(pid)
                if (used if used is not None else 0.0) > limit or time.monotonic() > wall_deadline:
                    os.kill(pid, signal.SIGKILL)
                    return {"status": "stall", "limit_s": round(limit, 1), "cpu_s": used}
                continue
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)
    if not chunks:
        return {"status": "crash", "error": "the coding process died without an answer"}
    return json.loads(b"".join(chunks).decode("utf-8"))  # type: ignore[no-any-return]


def main() -> None:
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # library output goes to stderr; the protocol keeps the original stdout
    from dyadwatch.config import Settings
    from dyadwatch.pipeline import build_pipeline

    pipeline = build_pipeline(Settings())
    proto.write(json.dumps({"status": "ready"}) + "\n")
    proto.flush()
    for line in sys.stdin:
        request = json.loads(line)
        published = date.fromisoformat(request["published"]) if request.get("published") else None
        limit = request.get("limit")
        if limit and hasattr(os, "fork"):
            result = code_forked(pipeline, request["text"], published, float(limit))
        else:
            result = code_one(pipeline, request["text"], published)
        proto.write(json.dumps(result) + "\n")
        proto.flush()


if __name__ == "__main__":
    main()
