"""Running ``dyadwatch ingest`` as a real subprocess, and reading a store's contents for comparison."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The real CLI entry point, with INFO logging on stderr so a test can see each committed batch.
_RUN_CLI = (
    "import logging, sys; logging.basicConfig(level=logging.INFO, format='%(name)s: %(message)s'); "
    "from dyadwatch.cli.main import cli; sys.argv[0] = 'dyadwatch'; cli()"
)
BATCH_LINE = "stored a batch"


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def start_ingest(paths: list[str], db: str, **env: str) -> subprocess.Popen[str]:
    """Start ``dyadwatch ingest PATHS --db DB`` in its own process; stderr is piped (one line per batch)."""
    return subprocess.Popen(
        [sys.executable, "-c", _RUN_CLI, "ingest", *paths, "--db", db],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=cli_env(**env), cwd=ROOT,
    )


def wait_for_batches(proc: subprocess.Popen[str], n: int) -> list[str]:
    """Read the process's stderr until ``n`` batches were committed (or it ends); the lines read."""
    assert proc.stderr is not None
    lines: list[str] = []
    seen = 0
    for line in proc.stderr:
        lines.append(line.rstrip("\n"))
        if BATCH_LINE in line:
            seen += 1
            if seen >= n:
                break
    return lines


def store_contents(db: str) -> dict[str, Any]:
    """What a store holds, in a form two stores can be compared by: article hashes, event ids and payloads."""
    from dyadwatch.store import open_store

    with open_store(db, read_only=True) as store:
        articles = store.sql("SELECT content_hash, article_id FROM articles ORDER BY content_hash")
        events = store.sql("SELECT event_id, content_hash, payload FROM events ORDER BY event_id")
    return {
        "articles": list(zip(articles["content_hash"], articles["article_id"], strict=True)),
        "events": list(zip(events["event_id"], events["content_hash"], events["payload"], strict=True)),
    }
