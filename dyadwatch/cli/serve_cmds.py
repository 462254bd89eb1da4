"""``serve``, ``watch`` and ``bench-serve``: the HTTP server, feed watching, and the server's latency bench."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from dyadwatch.cli.options import db_option, model_option
from dyadwatch.errors import StoreError


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default accepts only this machine. 0.0.0.0 exposes the server.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token-file", type=click.Path(dir_okay=False), default=None,
              help="File holding the write token; without it the server is read-only.")
@click.option("--cors-origin", "cors", multiple=True, help="Allow browser calls from this origin (repeatable); "
              "CORS is off by default.")
@click.option("--max-article-mb", type=click.FloatRange(min=0.001), default=2.0, show_default=True)
@click.option("--max-request-mb", type=click.FloatRange(min=0.001), default=20.0, show_default=True)
@click.option("--watch", "watch_file", type=click.Path(dir_okay=False), default=None,
              help="Also poll the RSS/Atom feeds listed in this file (one a line), in this process.")
@click.option("--every", default="15m", show_default=True, help="With --watch: time between rounds (30s, 15m, 1h).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests with this Host name (repeatable; '*' for any). By default only the "
              "loopback names and --host are answered, against DNS rebinding (docs/limits.md).")
@click.option("--coding-queue", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles admitted to coding at once (running or waiting); past it POST /v1/code answers 429.")
@model_option
def serve_command(db: str, host: str, port: int, token_file: str | None, cors: tuple[str, ...],
                  max_article_mb: float, max_request_mb: float, watch_file: str | None, every: str,
                  allow_hosts: tuple[str, ...], coding_queue: int, model: str | None) -> None:
    """Serve the store over HTTP: the JSON API under /v1 (docs at /docs) and the page at /.

    With --watch FEEDS the server also polls the feeds, round after round, and stores new items through its
    own store handle (one process, one writer); GET /v1/watch and the page say when the last round ran and what
    it found.

    \b
    Example:
      dyadwatch serve --db dyadwatch-demo.duckdb        # then open http://127.0.0.1:8000/
      dyadwatch serve --db news.duckdb --watch feeds.txt --every 15m
    """
    import uvicorn

    from dyadwatch.config import Settings
    from dyadwatch.server import ServerConfig, create_app
    from dyadwatch.server.config import read_token
    from dyadwatch.server.desk import WatchPlan
    from dyadwatch.server.hosts import allowed_hosts
    from dyadwatch.watch import parse_every, read_feed_list

    token = read_token(token_file) if token_file else None
    plan = (WatchPlan(tuple(read_feed_list(watch_file)), parse_every(every), watch_round_adapter())
            if watch_file else None)
    if not token and not plan and "://" not in db and not Path(db).exists():
        raise StoreError(f"no store at {db!r}; run `dyadwatch ingest FILE --db {db}` (or `dyadwatch "
                         "demo`) first, or pass --token-file (or --watch) to start an empty store")
    config = ServerConfig(db=db, token=token, cors_origins=cors, settings=Settings(model=model), watch=plan,
                          max_article_bytes=int(max_article_mb * 1_000_000),
                          max_request_bytes=int(max_request_mb * 1_000_000),
                          allowed_hosts=allowed_hosts(host, allow_hosts), coding_queue=coding_queue)
    app = create_app(config)
    mode = "read-write (token required)" if token else "read-only"
    if plan:
        mode = ("API " + mode) if not token else mode
        mode += f", watching {len(plan.feeds)} feed(s) every {every}"
    click.echo(f"serving {db} ({mode}) at http://{host}:{port}/  (API docs: /docs; Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def watch_round_adapter() -> Callable[[Sequence[str], Any, Callable[[list[Any]], list[Any]]], dict[str, Any]]:
    """A ``serve --watch`` round function: the watcher's ``run_round`` against the server's open store.

    The one place the server's poller reaches ``dyadwatch.watch`` (the server layer may not import it). The
    returned function keeps one ``WatchState`` for the server's life, so failed pages are retried with back-off
    and coded articles a busy store could not take are written next round. Returns the round's report as data.
    """
    from dyadwatch.watch import WatchState, run_round

    state = WatchState()

    def round_fn(feeds: Sequence[str], store: Any, code: Callable[[list[Any]], list[Any]]) -> dict[str, Any]:
        report = run_round(list(feeds), store, code, state=state)
        return {"new": report.new, "skipped": report.skipped, "rejected": report.rejected,
                "events": report.events, "failed_feeds": list(report.failed_feeds),
                "failed_pages": len(report.failed_pages), "problems": report.details(), "line": report.line()}

    return round_fn


@click.command("watch")
@click.argument("feeds_file", type=click.Path(dir_okay=False))
@db_option
@click.option("--every", default="15m", show_default=True, help="Time between rounds: 30s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Run one round and exit (for cron and tests).")
@click.option("--round-deadline", default="10m", show_default=True,
              help="Longest time a round spends fetching; pages not reached are left to the next round.")
@model_option
def watch_command(feeds_file: str, db: str, every: str, once: bool, round_deadline: str, model: str | None) -> None:
    """Poll the RSS/Atom feeds listed in FEEDS_FILE (URLs or files, one a line); code and store new items.

    Each round logs one line: new, skipped (already stored), rejected, failed pages and feeds. A page or feed
    that fails is reported and fetched again next round (then with a growing back-off); a feed's description is
    never stored in place of its page. Every fetch has a total deadline and a size limit, coding runs on a
    watched worker under the time budget, and the store is opened only to look up and to write, so other
    commands (and a `serve` on the same file) get their turn; a store still locked is written next round.
    With --once, exit status 3 when anything failed or was rejected, 5 when the store stayed locked.

    \b
    Example:
      dyadwatch watch feeds.txt --db news.duckdb --every 15m
    """
    import time
    from datetime import UTC, datetime

    from dyadwatch.config import Settings
    from dyadwatch.errors import EXIT_BAD_INPUT, StoreError
    from dyadwatch.runner import shared_runner
    from dyadwatch.watch import WatchState, parse_every, read_feed_list, run_db_round

    seconds = parse_every(every)
    deadline = parse_every(round_deadline, "--round-deadline")
    feeds = read_feed_list(feeds_file)
    runner = shared_runner(Settings(model=model))
    state = WatchState()
    click.echo(f"watching {len(feeds)} feed(s) into {db}" + ("" if once else f", every {every}"), err=True)
    try:
        while True:
            report = run_db_round(feeds, db, runner.code, state=state, deadline_s=deadline)
            stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
            click.echo(f"{stamp} round: {report.line()}", err=True)
            for line in report.details():
                click.echo(f"  {line}", err=True)
            if once:
                if report.store_busy:
                    raise StoreError(report.store_busy)
                if not report.ok:
                    raise SystemExit(EXIT_BAD_INPUT)
                return
            time.sleep(seconds)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@click.command("bench-serve")
@click.option("--events", "n", type=click.IntRange(min=1), default=10_000_000, show_default=True,
              help="Events to generate into a temporary store.")
@click.option("--requests", type=click.IntRange(min=10), default=200, show_default=True,
              help="Requests per endpoint.")
@click.option("--db", default=None, help="Serve this existing store instead of generating one.")
def bench_serve_command(n: int, requests: int, db: str | None) -> None:
    """Time a real server: p95 of a monthly USA-CHN series, a 100-event page with a dyad filter, and the
    country view of CHN (every dyad of one country with its change this period).

    Example: dyadwatch bench-serve --events 10000000
    """
    import os
    import platform

    from dyadwatch.instruments.serve_bench import bench_serve

    click.echo(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    lines, ok = bench_serve(n, requests, db)
    for line in lines:
        click.echo(line)
    if not ok:
        raise click.ClickException("a p95 goal was not met; check the disk and free memory, then re-run")
