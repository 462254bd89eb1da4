"""Store commands: ``copy`` (move a store to another backend, e.g. DuckDB to a shared PostgreSQL)."""

from __future__ import annotations

import click


@click.command("copy")
@click.option("--from", "source", required=True, help="Store to read: a DuckDB file or a postgresql:// URL.")
@click.option("--to", "dest", required=True, help="Store to fill (created and migrated if new).")
def copy_command(source: str, dest: str) -> None:
    """Copy every article, event and event group from one store to another, in bulk; safe to re-run.

    \b
    Example:
      dyadwatch copy --from news.duckdb --to postgresql://user@localhost/events
    """
    from dyadwatch.store import open_store
    from dyadwatch.store.copy import copy_store
    from dyadwatch.store.factory import describe

    if describe(source) == describe(dest):
        raise click.UsageError("--from and --to name the same store; give two different stores")
    with open_store(source, read_only=True) as src, open_store(dest) as dst:
        report = copy_store(src, dst)
    click.echo(
        f"copied {report.articles_copied} article(s), {report.events_copied} event(s) and "
        f"{report.groups_written} event group(s) to {describe(dest)}; {report.articles_known} article(s) "
        "were already there",
        err=True,
    )
