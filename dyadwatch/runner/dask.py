"""Coding on a Dask distributed cluster: partitions of the input coded where the workers are.

Why Dask and not a home-made scheduler: it already re-runs the tasks of a worker that dies, spreads work over
machines, and runs on SLURM (dask-jobqueue) and Kubernetes (dask-kubernetes, the Dask Helm chart).

- A worker plugin starts one ``Runner`` per Dask worker: the pipeline is loaded once per worker, in a watched
  process, so the per-article time budget holds on the cluster exactly as on a laptop.
- The inputs are split into partitions by byte range (JSONL; a split owns the lines that start inside it) or one
  per file (text, HTML, feeds). Workers open them with fsspec: local paths or any URL the workers can read.
- Results come back in partition order; the client stores them in bulk (the store is idempotent by content hash,
  so a partition re-run after a worker died stores nothing twice), or workers write Parquet files in the
  store's event schema (``--out DIR``, for stores the client cannot reach), one file per partition, overwritten
  when a partition is re-run.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError, InputError
from dyadwatch.records import Article
from dyadwatch.runner.budget import Coded

PLUGIN_NAME = "dyadwatch-runner"
# Bytes of JSONL per partition: ~50 VOA-sized articles, a few seconds to a minute of coding per task.
PARTITION_BYTES = 256 * 1024
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}


@dataclass(frozen=True, slots=True)
class Partition:
    """A piece of one input: the JSONL lines that start in ``[start, end)``, or a whole file (``end = -1``)."""

    index: int
    url: str
    start: int = 0
    end: int = -1


@dataclass(slots=True)
class PartitionResult:
    index: int
    coded: list[Coded] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    articles: int = 0
    events: int = 0


def _require_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ConfigError(
            "--dask needs Dask distributed; install it with `pip install 'dyadwatch[dask]'`"
        ) from None
    return distributed


def partitions(paths: Iterable[str], partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    """Split the inputs into partitions (sizes read through fsspec, so URLs work as well as paths)."""
    import fsspec

    out: list[Partition] = []
    for url in paths:
        try:
            fs, path = fsspec.core.url_to_fs(url)
            size = fs.size(path)
        except (FileNotFoundError, OSError) as err:
            raise InputError(f"{url}: cannot read it ({err}); check the path or URL") from None
        if Path(path).suffix.lower() not in JSONL_SUFFIXES:
            out.append(Partition(len(out), url))
            continue
        for start in range(0, max(size, 1), max(partition_bytes, 1)):
            out.append(Partition(len(out), url, start, min(start + partition_bytes, size)))
    return out


def read_partition(part: Partition, published: date | None) -> Iterator[Article | str]:
    """The articles of one partition; unreadable lines come out as one-line problem messages."""
    import fsspec

    from dyadwatch.io.readers import article_from_record, read_articles

    if part.end < 0:
        suffix = Path(fsspec.core.url_to_fs(part.url)[1]).suffix
        with fsspec.open(part.url, "rb") as handle, tempfile.TemporaryDirectory() as tmp:
            local = Path(tmp) / f"input{suffix}"
            local.write_bytes(handle.read())
            for item in read_articles(str(local), published=published):
                yield item if isinstance(item, Article) else f"{part.url}: {item.message}"
        return
    with fsspec.open(part.url, "rb") as handle:
        if part.start > 0:
            handle.seek(part.start - 1)
            handle.readline()  # the line that started before this split belongs to the previous one
        while handle.tell() < part.end:
            offset = handle.tell()
            raw = handle.readline()
            if not raw:
                return
            if not raw.strip():
                continue
            try:
                yield article_from_record(json.loads(raw.decode("utf-8-sig")), published)
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                yield f"{part.url} at byte {offset}: malformed JSON line ({err}); fix or remove the line"
            except InputError as err:
                yield f"{part.url} at byte {offset}: {err.args[0]}"


def _distributed_plugin_base() -> type:
    try:
        from distributed import WorkerPlugin
    except ImportError:  # pragma: no cover - only without the extra
        return object
    return WorkerPlugin  # type: ignore[no-any-return]


# Runners of this Dask worker process, by settings: a client that registers the plugin again (every
# `ingest --dask` does) reuses the loaded pipeline instead of loading it again. They end with the worker process.
_RUNNERS: dict[tuple[str, int], Any] = {}


class RunnerPlugin(_distributed_plugin_base()):  # type: ignore[misc]
    """Loads the pipeline once per Dask worker, in a watched Runner process (its worker dies with the Dask one)."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings, processes: int = 1) -> None:
        self.settings = settings
        self.processes = processes
        self.runner: Any = None

    def setup(self, worker: Any) -> None:
        from dyadwatch.runner.pool import Runner

        key = (repr(self.settings), self.processes)
        if key not in _RUNNERS:
            _RUNNERS[key] = Runner(self.settings, workers=self.processes).start()
        self.runner = _RUNNERS[key]


def code_partition(part: Partition, published: date | None, out_dir: str | None) -> PartitionResult:
    """A Dask task: code one partition with this worker's Runner (events back, or Parquet under ``out_dir``)."""
    from distributed import get_worker

    from dyadwatch.pipeline import Rejected

    runner = get_worker().plugins[PLUGIN_NAME].runner
    result = PartitionResult(part.index)
    articles: list[Article] = []
    for item in read_partition(part, published):
        if isinstance(item, str):
            result.skipped.append(item)
        else:
            articles.append(item)
    for coded in runner.code(articles):
        if isinstance(coded, Rejected):
            result.skipped.append(f"article {coded.article_id}: {coded.stage} stage failed: {coded.reason}")
            continue
        result.articles += 1
        result.events += len(coded.events)
        result.coded.append(coded)
    if out_dir is not None:
        write_parquet(result.coded, out_dir, part.index)
        result.coded = []
    return result


def write_parquet(coded: list[Coded], out_dir: str, index: int) -> None:
    """One Parquet file of events and one of articles per partition, in the store's schema (atomic rename)."""
    from datetime import UTC, datetime

    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dyadwatch.store.base import CodedArticle
    from dyadwatch.store.rows import ARTICLE_SCHEMA, EVENT_SCHEMA, article_rows, event_rows

    batch = [CodedArticle(c.article, c.events) for c in coded]
    fs, root = fsspec.core.url_to_fs(out_dir)
    for name, schema, rows in (
        ("events", EVENT_SCHEMA, event_rows(batch)),
        ("articles", ARTICLE_SCHEMA, article_rows(batch, datetime.now(UTC).replace(tzinfo=None))),
    ):
        fs.makedirs(f"{root}/{name}", exist_ok=True)
        final = f"{root}/{name}/part-{index:05d}.parquet"
        tmp = f"{final}.tmp-{os.getpid()}"
        with fs.open(tmp, "wb") as handle:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), handle)
        fs.mv(tmp, final)


def code_on_cluster(
    paths: Iterable[str],
    address: Any,
    *,
    settings: Settings | None = None,
    published: date | None = None,
    out_dir: str | None = None,
    partition_bytes: int = PARTITION_BYTES,
    processes_per_worker: int = 1,
    partitions_override: list[Partition] | None = None,
) -> Iterator[PartitionResult]:
    """Code the inputs on the Dask cluster at ``address`` (or a ``Client``/``LocalCluster``); partition order."""
    distributed = _require_distributed()
    settings = settings or Settings()
    parts = partitions_override or partitions(paths, partition_bytes)  # recode cuts its file at batch ends
    own = not isinstance(address, distributed.Client)
    try:
        client = distributed.Client(address) if own else address
    except OSError as err:
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({err}); start one with `dask scheduler`"
                          ) from None
    try:
        client.register_plugin(RunnerPlugin(settings, processes_per_worker), name=PLUGIN_NAME)
        futures = client.map(code_partition, parts, published=published, out_dir=out_dir, pure=False)
        for future in futures:
            yield future.result()
            future.release()
    finally:
        if own:
            client.close()
