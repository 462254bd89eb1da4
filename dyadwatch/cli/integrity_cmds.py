"""Keeping a store right: ``recode`` (re-code stored articles), ``forget`` (remove articles and what they gave),
``check`` (verify and repair), and the per-coder-version rows of ``info --db``.

Exit statuses follow the one table (``dyadwatch.errors``): a selection that matches no article is 4, a bad
``--where`` 3, a store that cannot be opened 5, ``check`` finding a fault it did not repair 3.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dyadwatch.cli.options import (
    DATE,
    DyadwatchCommand,
    dask_option,
    db_option,
    model_option,
    published_options,
    workers_option,
)
from dyadwatch.errors import EXIT_BAD_INPUT, StoreError

err_console = Console(stderr=True)


def _open(db: str, read_only: bool = False) -> Any:
    """An existing store, opened for writing unless ``read_only``; a missing one is an error, never created."""
    from dyadwatch.store import open_store
    from dyadwatch.store.factory import describe, store_exists

    if not store_exists(db):
        raise StoreError(f"no store at {describe(db)!r}; run `dyadwatch ingest FILE --db {describe(db)}` first "
                         "or pass --db")
    return open_store(db, read_only=read_only)


@click.command("recode", cls=DyadwatchCommand)
@db_option
@click.option("--where", "where", multiple=True, metavar="COND",
              help="Only articles where COND holds (repeatable, all must hold): article=ID, source=NAME, "
              "coder_version=V, since=YYYY-MM-DD, before=YYYY-MM-DD (publication date), or undated.")
@published_options
@click.option("--batch", "batch_size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Articles per transaction (what a kill can cost, at most).")
@model_option
@workers_option
@dask_option
def recode_command(db: str, where: tuple[str, ...], published: date | None, batch_size: int, model: str | None,
                   workers: int, dask_address: str | None) -> None:
    """Re-code stored articles with the current coder and tables, replacing their events, groups and links.

    Each batch of articles is replaced in one transaction. A killed run resumes where it stopped: run the same
    command again (an interrupted run is always finished before a new selection is queued).

    \b
    Example:
      dyadwatch recode --db news.duckdb
      dyadwatch recode --db news.duckdb --where undated --published 2024-11-21
      dyadwatch recode --db news.duckdb --where source=Reuters --workers 0
    """
    from dyadwatch.config import Settings
    from dyadwatch.runner.recode import queue, run

    with _open(db) as store:
        report = queue(store, where, published)
        if report.resumed:
            click.echo(f"resuming an interrupted recode: {report.queued} article(s) still queued "
                       "(its selection and dates; run again afterwards for a new selection)", err=True)
        with Progress(TextColumn("recoding"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[events]}"
                      " events"), TimeElapsedColumn(), console=err_console, transient=True,
                      disable=not err_console.is_terminal) as progress:
            task = progress.add_task("recoding", total=report.queued, events=0)
            seen = {"events": 0}

            def tick(articles: int, events: int) -> None:
                seen["events"] += events
                progress.update(task, advance=articles, events=seen["events"])

            run(store, report, settings=Settings(model=model), workers=workers, dask_address=dask_address,
                batch_size=batch_size, on_batch=tick)
    click.echo(f"{report.articles} article(s) re-coded: {report.events_before} event(s) replaced by "
               f"{report.events_after}; {getattr(report.groups, 'mentions_new', 0)} mention(s) regrouped", err=True)
    for problem in report.skipped:
        click.echo(f"skipped: {problem}", err=True)
    if report.skipped:
        sys.exit(EXIT_BAD_INPUT)


@click.command("forget", cls=DyadwatchCommand)
@db_option
@click.option("--article", default=None, metavar="ID", help="The article with this id.")
@click.option("--source", default=None, metavar="NAME", help="Every article from this outlet.")
@click.option("--before", type=DATE, default=None, help="Every article published before this day (YYYY-MM-DD).")
def forget_command(db: str, article: str | None, source: str | None, before: date | None) -> None:
    """Remove articles and everything derived from them (events, links, event groups), one transaction a chunk.

    Conditions given together must all hold. Events other articles reported stay; they are regrouped.

    \b
    Example:
      dyadwatch forget --db news.duckdb --article sha-1ec249a08c1ee1ee
      dyadwatch forget --db news.duckdb --source "Test Wire" --before 2020-01-01
    """
    from dyadwatch.analytics.integrity import forget

    if article is None and source is None and before is None:
        raise click.UsageError("say what to forget: --article ID, --source NAME or --before DATE")
    with _open(db) as store:
        report = forget(store, article=article, source=source, before=before)
    click.echo(f"forgot {report.articles} article(s) and their {report.events} event(s)", err=True)


@click.command("check", cls=DyadwatchCommand)
@db_option
@click.option("--repair", is_flag=True, help="Remove orphan rows, dissolve broken event groups and regroup.")
def check_command(db: str, repair: bool) -> None:
    """Verify a store: schema version, orphan rows, every countable event in exactly one event group.

    Exit 0 when the store is sound (or --repair made it so), 3 when a fault remains.

    \b
    Example:
      dyadwatch check --db news.duckdb
      dyadwatch check --db news.duckdb --repair
    """
    from dyadwatch.analytics.integrity import check

    with _open(db, read_only=not repair) as store:  # a check changes nothing, not even the schema
        report = check(store, repair=repair)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        click.echo("the store has faults; run `dyadwatch check --repair --db ...` to repair them", err=True)
        sys.exit(EXIT_BAD_INPUT)


def store_info_rows(db: str) -> list[dict[str, Any]]:
    """``info --db``: the store's schema and its events per coder version (what a ``recode`` would refresh)."""
    from dyadwatch import __version__
    from dyadwatch.analytics.integrity import coder_versions
    from dyadwatch.store import open_store
    from dyadwatch.store.factory import describe

    with open_store(db, read_only=True) as store:
        rows = [{"item": "store", "version": describe(db)},
                {"item": "store schema", "version": str(store.schema_version())}]
        for row in coder_versions(store).to_dict("records"):
            current = " (current)" if row["coder_version"] == f"dyadwatch {__version__}" else " (stale: recode)"
            rows.append({"item": f"events coded by {row['coder_version']}",
                         "version": f"{row['events']} event(s) in {row['articles']} article(s){current}"})
    return rows


__all__ = ["check_command", "forget_command", "recode_command", "store_info_rows"]
