"""Coding on a Dask cluster gives the events a local run gives: a LocalCluster with two worker processes, and a
real ``dask scheduler`` with two ``dask worker`` processes on 127.0.0.1 driven through the CLI."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from dyadwatch import api  # noqa: E402
from dyadwatch.errors import EXIT_BAD_INPUT  # noqa: E402
from dyadwatch.runner.dask import partitions, read_partition  # noqa: E402

TEXTS = [
    "Germany and France signed a trade agreement in Berlin on Monday, officials said.",
    "Russia accused Ukraine of attacking a power station near the border on Tuesday.",
    "The prime minister of India met the president of Brazil in New Delhi to discuss climate finance.",
    "Japan protested after Chinese coast guard ships entered waters near disputed islands.",
    "Kenya sent police officers to Haiti under a United Nations mandate, the government said.",
    "Turkey threatened to block Sweden's membership of NATO over its policy on Kurdish groups.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "news.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": t, "published": f"2024-05-0{i + 1}"}) for i, t in enumerate(TEXTS)]
    lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _payloads(db: Path) -> list[str]:
    from dyadwatch.store import EventFilter

    rows = api.events(db, EventFilter(include_uncounted=True))
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


def test_partitions_cover_every_line_once(corpus: Path) -> None:
    for size in (1, 50, 97, 200, 10_000):
        parts = partitions([str(corpus)], size)
        items = [i for p in parts for i in read_partition(p, None)]
        ids = [i.id for i in items if not isinstance(i, str)]
        assert ids == [f"n{i}" for i in range(len(TEXTS))]
        assert sum(isinstance(i, str) and "malformed JSON" in i for i in items) == 1


def test_local_cluster_ingest_matches_a_local_run(corpus: Path, tmp_path: Path) -> None:
    local_db, dask_db, out = tmp_path / "local.duckdb", tmp_path / "dask.duckdb", tmp_path / "parquet"
    local = api.ingest([str(corpus)], local_db)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        report = api.ingest_on_cluster([str(corpus)], client, db=dask_db, partition_bytes=150)
        again = api.ingest_on_cluster([str(corpus)], client, db=dask_db, partition_bytes=400)
        parquet = api.ingest_on_cluster([str(corpus)], client, out_dir=str(out), partition_bytes=400)
    assert (report.articles, report.events) == (local.articles, local.events) and report.events > 0
    assert len(report.skipped) == 1 and "malformed JSON" in report.skipped[0]
    assert _payloads(dask_db) == _payloads(local_db)
    assert again.stored.articles_new == 0 and again.stored.events_written == 0  # nothing stored twice

    import pyarrow.parquet as pq

    events = pq.read_table(out / "events").to_pylist()
    assert len(events) == local.events == parquet.events
    assert sorted(json.dumps(json.loads(e["payload"]), sort_keys=True, default=str) for e in events) == _payloads(
        local_db)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_dask_scheduler_and_workers_as_processes_match_a_local_run(corpus: Path, tmp_path: Path) -> None:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(api.__file__).parents[1]),
                                                      os.environ.get("PYTHONPATH", "")]))
    logs = tmp_path / "logs"
    logs.mkdir()
    procs = [subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--no-dashboard"], env=env, stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("w"))]
    try:
        time.sleep(2)
        for n in range(2):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                 "--no-dashboard", "--host", "127.0.0.1"],
                env=env, stdout=subprocess.DEVNULL, stderr=(logs / f"worker{n}.log").open("w")))
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        from click.testing import CliRunner

        from dyadwatch.cli.main import cli

        on_cluster = CliRunner().invoke(cli, ["code", str(corpus), "--dask", address])
        local = CliRunner().invoke(cli, ["code", str(corpus)])
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert on_cluster.exit_code == local.exit_code == EXIT_BAD_INPUT, on_cluster.output[-2000:]  # the malformed line
    assert on_cluster.stdout == local.stdout and on_cluster.stdout.count("\n") > 0
