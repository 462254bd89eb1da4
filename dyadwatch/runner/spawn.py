"""Starting a worker process, and starting the one of ``dyadwatch code`` before the command line is imported.

Why start one early: a one-sentence ``dyadwatch code`` waits for its worker to import spaCy, load the model and
build the stages (about a second), and the parent's own imports (click, rich, the library: about 0.1 s of one
core) used to come first. ``start_early_worker`` is called by ``dyadwatch.cli`` before any of those imports,
when the command line asks for ``code``; the worker then loads on one core while the parent imports on the
other, and the first ``Runner`` worker of this process adopts it (``take_early_worker``). Nothing else changes:
it is the same worker module and protocol, the settings still come from the parsed command line, and the time
budget of an article starts only when its chunk is sent. An early worker that is never adopted (a usage error,
a missing file) is killed when the process exits, and prints nothing.

Only the standard library is imported here, so that the early start costs the parent nothing.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

# What Dask's nanny sets for its workers too: the parser's matrix products on one thread per process.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
# How the parent tells a worker to lower its own CPU priority (``Runner(niceness=...)``).
NICE_VAR = "DYADWATCH_WORKER_NICE"
# Options of ``dyadwatch code`` under which no local worker codes, or nothing is coded at all.
_NO_LOCAL_WORKER = ("--dask", "--help", "-h")


@dataclass(slots=True)
class Started:
    """A worker process and the two ends of its pipes; it has been sent ``("init", sys.path)``."""

    proc: subprocess.Popen[bytes]
    outbox: Connection
    inbox: Connection
    niceness: int


def start_worker_process(niceness: int = 0) -> Started:
    """Start ``python -m dyadwatch.runner.worker`` (a fresh interpreter) and send it this process's path."""
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    env = dict(os.environ)
    env[NICE_VAR] = str(niceness)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    for name in THREAD_VARS:  # one core per worker: BLAS threads of N workers would fight over N cores
        env.setdefault(name, "1")
    try:
        proc = subprocess.Popen(  # our own interpreter and module
            [sys.executable, "-m", "dyadwatch.runner.worker", str(to_child_r), str(from_child_w)],
            pass_fds=(to_child_r, from_child_w), env=env, stdin=subprocess.DEVNULL,
        )
    except BaseException:
        for fd in (to_child_w, from_child_r):
            os.close(fd)
        raise
    finally:
        os.close(to_child_r)
        os.close(from_child_w)
    started = Started(proc, Connection(to_child_w, readable=False), Connection(from_child_r, writable=False),
                      niceness)
    try:
        started.outbox.send(("init", list(sys.path)))
    except OSError:  # it died at once: leave nothing behind, and let the caller report it
        proc.kill()
        proc.wait()
        _close(started)
        raise
    return started


_early: list[Started] = []


def wants_early_worker(argv: list[str]) -> bool:
    """Whether this command line codes on a local worker: ``dyadwatch code ...`` without --dask or --help."""
    return argv[1:2] == ["code"] and not any(
        arg == opt or arg.startswith(opt + "=") for arg in argv[2:] for opt in _NO_LOCAL_WORKER
    )


def start_early_worker(argv: list[str]) -> None:
    """Start the worker of ``dyadwatch code`` now, if ``argv`` is that command; see the module's docstring."""
    if _early or not wants_early_worker(argv):
        return
    try:
        _early.append(start_worker_process())
    except OSError:  # no process could be started now: the Runner will try again, and report it
        return


def take_early_worker(niceness: int) -> Started | None:
    """The worker started early, for the first ``Runner`` worker that wants one of this niceness; else None."""
    if not _early or _early[0].niceness != niceness:
        return None
    started = _early.pop()
    if started.proc.poll() is not None:  # it died before it was wanted: the caller starts another
        _close(started)
        return None
    return started


def _close(started: Started) -> None:
    for conn in (started.outbox, started.inbox):
        try:
            conn.close()
        except OSError:
            pass


@atexit.register
def discard_early_worker() -> None:
    """Kill a worker started early that no Runner adopted (the command failed, or never coded)."""
    while _early:
        started = _early.pop()
        if started.proc.poll() is None:
            started.proc.kill()
        started.proc.wait()
        _close(started)
