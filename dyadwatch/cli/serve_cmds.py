"""``serve``, ``watch`` and ``bench-serve``: the HTTP server, feed watching, and the server's latency bench."""

from __future__ import annotations

from pathlib import Path

import click

from dyadwatch.cli.options import db_option, model_option


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
@model_option
def serve_command(db: str, host: str, port: int, token_file: str | None, cors: tuple[str, ...],
                  max_article_mb: float, max_request_mb: float, model: str | None) -> None:
    """Serve the store over HTTP: the JSON API under /v1 (docs at /docs) and the dyad page at /.

    \b
    Example:
      dyadwatch serve --db dyadwatch-demo.duckdb        # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from dyadwatch.config import Settings
    from dyadwatch.server import ServerConfig, create_app
    from dyadwatch.server.config import read_token

    token = read_token(token_file) if token_file else None
    if not token and "://" not in db and not Path(db).exists():
        raise click.ClickException(f"no store at {db!r}; run `dyadwatch ingest FILE --db {db}` (or `dyadwatch "
                                   "demo`) first, or pass --token-file to start an empty store that accepts writes")
    config = ServerConfig(db=db, token=token, cors_origins=cors, settings=Settings(model=model),
                          max_article_bytes=int(max_article_mb * 1_000_000),
                          max_request_bytes=int(max_request_mb * 1_000_000))
    app = create_app(config)
    mode = "read-write (token required)" if token else "read-only"
    click.echo(f"serving {db} ({mode}) at http://{host}:{port}/  (API docs: /docs; Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("watch")
@click.argument("feeds_file", type=click.Path(dir_okay=False))
@db_option
@click.option("--every", default="15m", show_default=True, help="Time between rounds: 30s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Run one round and exit (for cron and tests).")
@model_option
def watch_command(feeds_file: str, db: str, every: str, once: bool, model: str | None) -> None:
    """Poll the RSS/Atom feeds listed in FEEDS_FILE (URLs or files, one a line); code and store new items.

    Each round logs one line: new, skipped (already stored), rejected, failed feeds. A failing feed is
    reported and tried again next round; the others go on. The store is opened for each round only, so
    other commands can read it between rounds.

    \b
    Example:
      dyadwatch watch feeds.txt --db news.duckdb --every 15m
    """
    import time
    from datetime import UTC, datetime

    from dyadwatch.config import Settings
    from dyadwatch.pipeline import build_pipeline
    from dyadwatch.store import open_store
    from dyadwatch.watch import parse_every, read_feed_list, watch_round

    seconds = parse_every(every)
    feeds = read_feed_list(feeds_file)
    pipeline = build_pipeline(Settings(model=model))
    click.echo(f"watching {len(feeds)} feed(s) into {db}" + ("" if once else f", every {every}"), err=True)
    try:
        while True:
            with open_store(db) as store:
                report = watch_round(feeds, store, pipeline.pipe)
            stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
            click.echo(f"{stamp} round: {report.line()}", err=True)
            for problem in [*report.failed_feeds, *report.problems]:
                click.echo(f"  {problem}", err=True)
            if once:
                if report.failed_feeds or report.problems:
                    raise SystemExit(2)
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
    """Time a real server: p95 of a monthly USA-CHN series and of a 100-event page with a dyad filter.

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
