"""Analytics commands: ``series``, ``plot``, ``export`` and ``bench-store`` (a thin layer over
``dyadwatch.analytics``)."""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from dyadwatch.cli.options import DATE, DyadwatchCommand, db_option, format_option, note
from dyadwatch.errors import StoreError
from dyadwatch.rendering import write_rows

# The readable table shows the columns a reader scans first, under short names; csv/json carry them all.
TABLE_COLUMNS = {
    "period": "period", "events": "events", "q1_verbal_coop": "Q1 v.coop", "q2_material_coop": "Q2 m.coop",
    "q3_verbal_conflict": "Q3 v.confl", "q4_material_conflict": "Q4 m.confl", "goldstein_sum": "Goldstein Σ",
    "goldstein_mean": "Goldstein μ", "plover_score_mean": "PLOVER μ", "conflict_share": "conflict share",
    "strain": "strain",
}


def _query(**filters: Any) -> Any:
    """The checked query (library validation shared with the HTTP server); notes on how values were read."""
    from dyadwatch.query import parse_query

    query = parse_query(**filters)
    for remark in query.notes:
        note(remark)
    return query


@contextmanager
def _store(db: str) -> Iterator[Any]:
    """Open an existing store and bring its event groups up to date (new mentions join their events)."""
    from dyadwatch.api import group_events
    from dyadwatch.store import open_store
    from dyadwatch.store.factory import describe, store_exists

    if not store_exists(db):
        raise StoreError(
            f"no store at {describe(db)!r}; run `dyadwatch ingest FILE --db {describe(db)}` first or pass --db"
        )
    with open_store(db) as store:
        group_events(store)
        yield store


def _load_dyad(db: str, query: Any, **options: Any) -> tuple[Any, Any]:
    """The dyad's series and the events behind it (what ``series`` and ``plot`` both show); what it left out is
    reported on stderr, and a dyad without events is NothingFound (exit 4), the same in both commands."""
    from dyadwatch.analytics.series import dyad_events, dyad_series, left_out

    by = options.pop("by")
    a, b = query.source, query.target
    options.update(since=query.since, until=query.until)
    with _store(db) as store:
        series = dyad_series(store, a, b, by=by, **options)
        events = dyad_events(store, a, b, **options)
        dropped = left_out(store, a, b, **options)
    if dropped["unresolved"]:
        click.echo(f"left out {dropped['unresolved']} event(s) without a resolved source actor "
                   "(--include-unresolved counts them)", err=True)
    if dropped["undated"]:
        from dyadwatch.store.factory import describe

        click.echo(f"left out {dropped['undated']} undated event(s) (their articles had no publication date; "
                   f"date them with `dyadwatch recode --db {describe(db)} --where undated --published YYYY-MM-DD`)",
                   err=True)
    if series.empty or int(series["events"].sum()) == 0:
        raise query.nothing_found(db, f"counted {options.get('unit', 'events')} for the dyad",
                                  widen="--since/--until, --include-unresolved")
    return series, events


def _dyad_options(f: Any) -> Any:
    for option in reversed((
        click.option("--by", type=click.Choice(["day", "week", "month", "quarter", "year"]), default="month",
                     show_default=True, help="Period length."),
        click.option("--directed", is_flag=True, help="Only A acting on B (symmetric types such as meetings "
                     "count both ways); default: both directions."),
        click.option("--unit", type=click.Choice(["events", "mentions"]), default="events", show_default=True,
                     help="Count real events (reports grouped) or every report, GDELT-style."),
        click.option("--since", type=DATE, default=None, help="First day (YYYY-MM-DD)."),
        click.option("--until", type=DATE, default=None, help="Last day (YYYY-MM-DD)."),
        click.option("--include-unresolved", is_flag=True, help="Also count events whose source actor has no "
                     "code (left out by default; their number is reported)."),
    )):
        f = option(f)
    return f


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


@click.command("series", cls=DyadwatchCommand)
@click.argument("a")
@click.argument("b", required=False)
@_dyad_options
@format_option("table")
@db_option
def series_command(a: str, b: str | None, by: str, directed: bool, unit: str, since: date | None,
                   until: date | None, include_unresolved: bool, fmt: str, db: str) -> None:
    """Print the A-B dyad series: counts per QuadClass, Goldstein, PLOVER score, conflict share, strain.

    Changes in the strain index are reported as alerts naming the events behind them (after the table, or on
    stderr for machine-readable formats).

    Example: dyadwatch series USA CHN --by month --format csv
    """
    from dyadwatch.analytics.changes import alerts_for

    query = _query(source=a, target=b, since=since, until=until, several=False)
    a_code, b_code = query.source, query.target
    series, events = _load_dyad(db, query, by=by, directed=directed, unit=unit,
                                include_unresolved=include_unresolved)
    rows = [{k: _clean(v) for k, v in row.items()} for row in series.to_dict("records")]
    if fmt == "table":
        rows = [{short: row[col] for col, short in TABLE_COLUMNS.items()} for row in rows]
    arrow = "->" if directed else "<->"
    write_rows(rows, fmt, title=f"{a_code} {arrow} {b_code or 'all'} by {by} ({unit})")
    for alert in alerts_for(series, events):
        click.echo(f"alert: {alert.message()}", err=fmt != "table")


@click.command("plot", cls=DyadwatchCommand)
@click.argument("a")
@click.argument("b")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Image file to write (.png, .svg or .pdf).")
@click.option("--line", type=click.Choice(["strain", "goldstein_mean"]), default="strain", show_default=True,
              help="The line drawn over the bars.")
@click.option("--title", default=None, help="Chart title (default: the dyad and period).")
@_dyad_options
@db_option
def plot_command(a: str, b: str, output: str, line: str, title: str | None, by: str, directed: bool, unit: str,
                 since: date | None, until: date | None, include_unresolved: bool, db: str) -> None:
    """Draw the A-B dyad chart: events per QuadClass, the strain index, alerts with their top events.

    Example: dyadwatch plot USA CHN -o strain.png --by month
    """
    from dyadwatch.analytics.changes import alerts_for
    from dyadwatch.analytics.plot import plot_dyad

    query = _query(source=a, target=b, since=since, until=until, several=False)
    a_code, b_code = query.source, query.target
    series, events = _load_dyad(db, query, by=by, directed=directed, unit=unit,
                                include_unresolved=include_unresolved)
    alerts = alerts_for(series, events, line)
    arrow = "→" if directed else "–"
    title = title or f"{a_code} {arrow} {b_code} relations by {by}: events and strain"
    path = plot_dyad(series, output, alerts, title=title, by=by, line=line)
    click.echo(f"wrote {path} ({len(series)} periods, {int(series['events'].sum())} {unit}, "
               f"{len(alerts)} alert(s))")
    for alert in alerts:
        click.echo(f"alert: {alert.message()}")


@click.command("export", cls=DyadwatchCommand)
@click.option("--to", "fmt", type=click.Choice(["gdelt", "gdelt-extended", "plover", "parquet", "geojson"]),
              required=True,
              help="gdelt: GDELT 2.0 event file (61 tab-separated columns, no header); gdelt-extended: the same with "
              "a header and our columns after GDELT's; plover: PLOVER JSONL; parquet: every stored column; "
              "geojson: located events as points (QGIS, kepler.gl).")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--unit", type=click.Choice(["events", "mentions"]), default="events", show_default=True,
              help="One row per real event (with NumMentions/NumSources) or per report.")
@click.option("--source", default=None, help="Only events by this actor code (or name, e.g. China).")
@click.option("--target", default=None, help="Only events aimed at this actor code.")
@click.option("--type", "event_type", default=None, help="Only this PLOVER type (REJECT) or CAMEO code (120).")
@click.option("--since", type=DATE, default=None, help="First day (YYYY-MM-DD).")
@click.option("--until", type=DATE, default=None, help="Last day (YYYY-MM-DD).")
@click.option("--include-uncounted", is_flag=True, help="Also historical (and, per mention, negated or "
              "hypothetical) events.")
@click.option("--include-unresolved", is_flag=True, help="Also events whose source actor has no code (left out by "
              "default; their number is reported).")
@db_option
def export_command(fmt: str, output: str, unit: str, source: str | None, target: str | None,
                   event_type: str | None, since: date | None, until: date | None, include_uncounted: bool,
                   include_unresolved: bool, db: str) -> None:
    """Export stored events (with their responds_to links) as a GDELT 2.0 event file, PLOVER JSONL, Parquet
    or GeoJSON.

    A query that matches nothing writes no file and exits 4.

    Example: dyadwatch export --to gdelt -o events.tsv --source CHN
    """
    from dyadwatch.analytics.exports import export_events

    query = _query(source=source, target=target, type=event_type, since=since, until=until)
    with _store(db) as store:
        report = export_events(store, output, fmt, unit=unit, source=query.source, target=query.target,
                               plover=query.plover, cameo=query.cameo, since=query.since, until=query.until,
                               include_uncounted=include_uncounted, include_unresolved=include_unresolved)
    what = f"feature(s) (one per located {unit[:-1]})" if fmt == "geojson" else unit
    click.echo(f"wrote {report.rows} {what} to {output} ({fmt})")
    for line in report.lines():
        click.echo(line, err=True)


@click.command("bench-store", cls=DyadwatchCommand)
@click.option("--events", "n", type=int, default=10_000_000, show_default=True, help="Events to generate.")
@click.option("--db", default=None, help="New store to fill: a DuckDB file that does not exist yet, or the "
              "postgresql:// URL of an empty database (default: a temporary DuckDB file, removed after).")
def bench_store_command(n: int, db: str | None) -> None:
    """Generate N events in bulk into a fresh store and time a USA-CHN monthly series (target < 1 s).

    Example: dyadwatch bench-store --events 10000000
             dyadwatch bench-store --events 10000000 --db postgresql://user@localhost/bench
    """
    from dyadwatch.instruments.store_bench import run_bench

    tmp = None if db else tempfile.mkdtemp(prefix="dyadwatch-bench-")
    path = db or str(Path(tmp or ".") / "bench.duckdb")
    try:
        result = run_bench(n, path)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    for line in result.lines():
        click.echo(line)
    if not result.ok:
        raise click.ClickException(
            "the series query took longer than the 1 s target; check the disk and free memory, then re-run"
        )
