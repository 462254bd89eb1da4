"""The ``dyadwatch`` command line: a thin click layer over ``dyadwatch.api``.

Every failure exits non-zero with one line that names the problem and the fix; output goes to stdout,
progress and problems to stderr, so pipes stay clean.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from dyadwatch import __version__, api
from dyadwatch.cli.analytics_cmds import bench_store_command, export_command, plot_command, series_command
from dyadwatch.cli.eval_cmds import bench_command, bench_scale_command, eval_command
from dyadwatch.cli.integrity_cmds import check_command, forget_command, recode_command, store_info_rows
from dyadwatch.cli.options import (
    DATE,
    DyadwatchCommand,
    dask_option,
    db_option,
    format_option,
    handle_errors,
    model_option,
    note,
    petrarch_verbs_option,
    published_options,
    workers_option,
)
from dyadwatch.cli.serve_cmds import bench_serve_command, serve_command, watch_command
from dyadwatch.cli.store_cmds import copy_command
from dyadwatch.config import Settings
from dyadwatch.errors import EXIT_BAD_INPUT, NothingFound
from dyadwatch.rendering import write_events, write_rows
from dyadwatch.store.factory import describe

# Exit status when some inputs were skipped but the rest was coded (the good ones are never lost): bad input.
EXIT_PARTIAL = EXIT_BAD_INPUT

err_console = Console(stderr=True)


class DyadwatchGroup(click.Group):
    """Turns library errors into one-line messages and their exit statuses (the table in ``dyadwatch.errors``)."""

    command_class = DyadwatchCommand

    def invoke(self, ctx: click.Context) -> Any:
        return handle_errors(ctx, lambda: super(DyadwatchGroup, self).invoke(ctx))


def _progress(description: str, total: int | None = None) -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[events]} events"), TimeElapsedColumn(),
        console=err_console, transient=True, disable=not err_console.is_terminal,
    )


def _report_skipped(report: api.RunReport) -> None:
    for problem in report.skipped:
        click.echo(f"skipped: {problem}", err=True)
    if report.skipped:
        click.echo(
            f"{len(report.skipped)} input(s) skipped, {report.articles} article(s) coded; "
            "fix the inputs above and run again (stored articles are recognised and not doubled)",
            err=True,
        )
    if report.undated:
        click.echo(f"warning: {api.undated_warning(report.undated)}", err=True)


@click.group(cls=DyadwatchGroup)
@click.version_option(__version__, prog_name="dyadwatch")
def cli() -> None:
    """Turn international news into dated, located, sourced political event data and dyad trends."""


@cli.command("code")
@click.argument("path", required=False)
@published_options
@format_option("jsonl")
@model_option
@petrarch_verbs_option
@workers_option
@dask_option
def code_command(path: str | None, published: date | None, fmt: str, model: str | None,
                 petrarch_verbs: tuple[Path, ...], builtin_verbs: bool, workers: int,
                 dask_address: str | None) -> None:
    """Code PATH (a text file with one article, a JSONL file of articles, or - for stdin) and print events.

    \b
    Example:
      dyadwatch code article.txt --published 2024-11-21 --format table
      dyadwatch code articles.jsonl > events.jsonl
      dyadwatch code s3://bucket/news.jsonl --dask tcp://scheduler:8786 > events.jsonl
    """
    from dyadwatch.errors import InputError

    if path is None:
        raise click.UsageError(
            "missing PATH: give an article file, a JSONL file, or - to read standard input "
            "(e.g. `cat article.txt | dyadwatch code - --published 2024-11-21`)"
        )
    if not builtin_verbs and not petrarch_verbs:
        raise InputError("--no-builtin-verbs leaves no verb to code with; add --petrarch-verbs FILE or drop it")
    if path != "-" and "://" not in path and not Path(path).exists():  # fail before loading the model
        raise InputError(f"{path}: no such file; check the path (use - to read standard input)")
    settings = Settings(model=model, petrarch_verbs=tuple(petrarch_verbs), builtin_verbs=builtin_verbs)
    report = api.RunReport()
    events: list[dict[str, Any]] = []
    with _progress("coding") as progress:
        task = progress.add_task("coding", total=None, events=0)

        shown = {"events": 0}

        def emit(coded: Any) -> None:
            batch = [e.to_dict() for e in coded.events]
            if fmt == "jsonl":
                write_events(batch, "jsonl")
            else:
                events.extend(batch)
            shown["events"] += len(batch)
            progress.update(task, advance=1, events=shown["events"])

        if dask_address:
            if path == "-":
                raise InputError("--dask reads its inputs on the workers; pass a file path or URL, not -")
            report = api.ingest_on_cluster([path], dask_address, settings=settings, published=published,
                                           on_article=emit)
        else:
            inputs = api.iter_inputs([path], published, report)
            for coded in api.code(inputs, report, settings=settings, workers=workers):
                emit(coded)
    if fmt != "jsonl":
        write_events(events, fmt)
    _report_skipped(report)
    if not report.ok:
        sys.exit(EXIT_PARTIAL)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@published_options
@model_option
@workers_option
@dask_option
@click.option("--out", "out_dir", default=None, metavar="DIR",
              help="With --dask: workers write Parquet files (store schema) under DIR instead of the store.")
def ingest_command(paths: tuple[str, ...], db: str, published: date | None, model: str | None, workers: int,
                   dask_address: str | None, out_dir: str | None) -> None:
    """Code article files into the store. Articles already stored (same content) are not stored twice.

    \b
    Example:
      dyadwatch ingest news/*.jsonl --db news.duckdb --workers 0
      dyadwatch ingest news/*.jsonl --db postgresql://user@host/events
      dyadwatch ingest s3://bucket/news/*.jsonl --db news.duckdb --dask tcp://scheduler:8786
    """
    if out_dir and not dask_address:
        raise click.UsageError("--out DIR is for --dask runs (workers write Parquet); drop it or add --dask ADDRESS")
    with _progress("ingesting") as progress:
        task = progress.add_task("ingesting", total=None, events=0)
        counter = {"events": 0}

        def tick(analysis: Any) -> None:
            counter["events"] += len(analysis.events)
            progress.update(task, advance=1, events=counter["events"])

        if dask_address:
            report = api.ingest_on_cluster(paths, dask_address, db=None if out_dir else db, out_dir=out_dir,
                                           settings=Settings(model=model), published=published, on_article=tick)
        else:
            report = api.ingest(paths, db, settings=Settings(model=model), published=published, on_article=tick,
                                workers=workers)
    stored = report.stored
    click.echo(
        f"{report.articles} article(s) coded: {stored.articles_new} new, {stored.articles_known} already stored "
        f"(not parsed again); {stored.events_written} event(s) written to {describe(db)}" if not out_dir else
        f"{report.articles} article(s) coded, {report.events} event(s) written as Parquet under {out_dir}",
        err=True,
    )
    _report_skipped(report)
    if not report.ok:
        sys.exit(EXIT_PARTIAL)


@cli.command("events")
@db_option
@click.option("--source", default=None, help="Source country/organisation code, e.g. CHN (or its name, e.g. China).")
@click.option("--target", default=None, help="Target country/organisation code, e.g. USA.")
@click.option("--type", "plover", default=None, help="PLOVER event type (REJECT) or CAMEO code (120, 12).")
@click.option("--since", type=DATE, default=None, help="Events dated on or after (YYYY-MM-DD).")
@click.option("--until", type=DATE, default=None, help="Events dated on or before (YYYY-MM-DD).")
@click.option("--all", "include_uncounted", is_flag=True, help="Include negated, hypothetical and historical.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@format_option("table")
def events_command(db: str, source: str | None, target: str | None, plover: str | None, since: date | None,
                   until: date | None, include_uncounted: bool, limit: int | None, fmt: str) -> None:
    """List stored events. Unknown codes or types, and inverted dates, are errors (exit 3); a query that
    matches nothing says so (exit 4). `dyadwatch codes actors|types` lists the valid values.

    \b
    Example:
      dyadwatch events --source CHN --target USA --type REJECT --since 2024-11-01
    """
    from dyadwatch.query import parse_query

    query = parse_query(source=source, target=target, type=plover, since=since, until=until)
    for remark in query.notes:
        note(remark)
    found = api.events(db, query.to_filter(include_uncounted=include_uncounted, limit=limit))
    if not found:
        raise query.nothing_found(db, "counted events" if not include_uncounted else "events")
    write_events(found, fmt)


@cli.group("codes", cls=DyadwatchGroup)
def codes_group() -> None:
    """List the values filters accept: actor codes (countries, organisations) and event types."""


@codes_group.command("actors")
@click.option("--search", default=None, help="Only rows containing this text (code or name).")
@format_option("table")
def codes_actors_command(search: str | None, fmt: str) -> None:
    """Actor codes for --source/--target and dyads: ISO 3166 alpha-3 countries and organisation codes.

    \b
    Example:
      dyadwatch codes actors --search korea
    """
    from dyadwatch.query import list_actor_codes

    rows = list_actor_codes(search)
    if not rows:
        raise NothingFound(f"no actor code or name contains {search!r}; try a shorter or different text, or list "
                           "every code with `dyadwatch codes actors`")
    write_rows(rows, fmt, title="Actor codes")


@codes_group.command("types")
@click.option("--cameo", is_flag=True, help="List every CAMEO code instead of the PLOVER types.")
@click.option("--search", default=None, help="Only rows containing this text.")
@format_option("table")
def codes_types_command(cameo: bool, search: str | None, fmt: str) -> None:
    """Event types for --type: the 16 PLOVER types (with their CAMEO roots), or every CAMEO code.

    \b
    Example:
      dyadwatch codes types --cameo --search reject
    """
    from dyadwatch.query import list_event_types

    rows = list_event_types(search, cameo=cameo)
    if not rows:
        listing = "dyadwatch codes types" + (" --cameo" if cameo else "")
        raise NothingFound(f"no {'CAMEO code' if cameo else 'PLOVER type'} contains {search!r}; try a shorter or "
                           f"different text, or list them all with `{listing}`")
    write_rows(rows, fmt, title="CAMEO codes" if cameo else "PLOVER types")


@cli.command("info")
@format_option("table")
@click.option("--db", default=None, help="Also show this store's schema and its events per coder version.")
def info_command(fmt: str, db: str | None) -> None:
    """Versions of dyadwatch, the model and every data table (what every output records).

    \b
    Example:
      dyadwatch info --format json
      dyadwatch info --db news.duckdb
    """
    data = api.info()
    tables = data.pop("tables")
    rows = [{"item": k, "version": ", ".join(v) if isinstance(v, list) else v} for k, v in data.items()]
    rows += [{"item": f"table {k}", "version": v} for k, v in tables.items()]
    if db is not None:
        rows += store_info_rows(db)
    write_rows(rows, fmt)


@cli.command("demo")
@click.option("--db", default="dyadwatch-demo.duckdb", show_default=True,
              help="Store for the demo: a DuckDB file or a postgresql:// URL.")
@format_option("table")
def demo_command(db: str, fmt: str) -> None:
    """Code the project's own example article into a store, then print its events and the dyad summary.

    \b
    Example:
      dyadwatch demo
    """
    from dyadwatch.pipeline import build_pipeline
    from dyadwatch.store import CodedArticle, open_store

    article = api.example_article()
    analysis = build_pipeline(Settings()).analyse(article)
    with open_store(db) as store:
        stored = store.ingest([CodedArticle(article, tuple(analysis.events))])
        api.group_events(store)
    events = [e.to_dict() for e in analysis.events]
    write_events(events, fmt, title=f"Events in {article.title!r} (published {article.published})")
    write_rows(api.dyad_summary(db), fmt, title="Dyad summary (counted events)")
    click.echo(
        f"{len(events)} event(s); store {db}: {stored.articles_new} new article(s), "
        f"{stored.articles_known} already stored",
        err=True,
    )



def main() -> None:  # pragma: no cover - console entry point
    cli()




# Commands that live in their own modules: quality and speed instruments, dyad analytics.
cli.add_command(eval_command, "eval")
cli.add_command(bench_command, "bench")
cli.add_command(series_command, "series")
cli.add_command(plot_command, "plot")
cli.add_command(export_command, "export")
cli.add_command(bench_store_command, "bench-store")
cli.add_command(serve_command, "serve")
cli.add_command(watch_command, "watch")
cli.add_command(bench_serve_command, "bench-serve")
cli.add_command(bench_scale_command, "bench-scale")
cli.add_command(copy_command, "copy")
cli.add_command(recode_command, "recode")
cli.add_command(forget_command, "forget")
cli.add_command(check_command, "check")
