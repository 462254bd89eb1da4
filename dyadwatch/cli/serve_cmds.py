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
