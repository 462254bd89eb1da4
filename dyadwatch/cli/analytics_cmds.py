"""Analytics commands: ``series``, ``plot``, ``export`` and ``bench-store`` (a thin layer over
``dyadwatch.analytics``)."""

from __future__ import annotations

import math
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from dyadwatch.cli.options import DATE, db_option, format_option
from dyadwatch.cli.render import write_rows
from dyadwatch.errors import DyadwatchError

CODE = re.compile(r"^[A-Z]{3,5}$")
# The readable table shows the columns a reader scans first, under short names; csv/json carry them all.
TABLE_COLUMNS = {
    "period": "period", "events": "events", "q1_verbal_coop": "Q1 v.coop", "q2_material_coop": "Q2 m.coop",
    "q3_verbal_conflict": "Q3 v.confl", "q4_material_conflict": "Q4 m.confl", "goldstein_sum": "Goldstein Σ",
    "goldstein_mean": "Goldstein μ", "plover_score_mean": "PLOVER μ", "conflict_share": "conflict share",
    "strain": "strain",
}


def _code(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if not CODE.match(code):
        raise click.ClickException(
            f"{what} {value!r} is not an actor code; use an ISO 3166 alpha-3 country code (USA, CHN) or an "
            "organisation code (UNO, EUR, NATO)"
        )
    return code


@contextmanager
def _store(db: str) -> Iterator[Any]:
    """Open an existing store and bring its event groups up to date (new mentions join their events)."""
    from dyadwatch.analytics.grouping import update_groups
    from dyadwatch.store import open_store

    if db != ":memory:" and not Path(db).exists():
        raise click.ClickException(f"no store at {db!r}; run `dyadwatch ingest FILE --db {db}` first or pass --db")
    try:
        with open_store(db) as store:
            update_groups(store)
            yield store
    except DyadwatchError as err:
        raise click.ClickException(str(err)) from err


def _load_dyad(db: str, a: str, b: str | None, **options: Any) -> tuple[Any, Any]:
    """The dyad's series and the events behind it (what ``series`` and ``plot`` both show)."""
    from dyadwatch.analytics.series import dyad_events, dyad_series

    by = options.pop("by")
    with _store(db) as store:
        return dyad_series(store, a, b, by=by, **options), dyad_events(store, a, b, **options)


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


@click.command("series")
@click.argument("a")
@click.argument("b", required=False)
@_dyad_options
@format_option("table")
@db_option
def series_command(a: str, b: str | None, by: str, directed: bool, unit: str, since: date | None,
                   until: date | None, fmt: str, db: str) -> None:
    """Print the A-B dyad series: counts per QuadClass, Goldstein, PLOVER score, conflict share, strain.

    Changes in the strain index are reported as alerts naming the events behind them (after the table, or on
    stderr for machine-readable formats).

    Example: dyadwatch series USA CHN --by month --format csv
    """
    from dyadwatch.analytics.changes import alerts_for

    a_code, b_code = _code(a, "A"), _code(b, "B")
    assert a_code is not None
    series, events = _load_dyad(db, a_code, b_code, by=by, directed=directed, unit=unit, since=since, until=until)
    if series.empty:
        raise click.ClickException(
            f"no counted events for {a_code}-{b_code or '*'} in the store; ingest articles that mention them "
            "or widen --since/--until"
        )
    rows = [{k: _clean(v) for k, v in row.items()} for row in series.to_dict("records")]
    if fmt == "table":
        rows = [{short: row[col] for col, short in TABLE_COLUMNS.items()} for row in rows]
    arrow = "->" if directed else "<->"
    write_rows(rows, fmt, title=f"{a_code} {arrow} {b_code or 'all'} by {by} ({unit})")
    for alert in alerts_for(series, events):
        click.echo(f"alert: {alert.message()}", err=fmt != "table")


@click.command("plot")
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
                 since: date | None, until: date | None, db: str) -> None:
    """Draw the A-B dyad chart: events per QuadClass, the strain index, alerts with their top events.

    Example: dyadwatch plot USA CHN -o strain.png --by month
    """
    from dyadwatch.analytics.changes import alerts_for
    from dyadwatch.analytics.plot import plot_dyad

    a_code, b_code = _code(a, "A"), _code(b, "B")
    assert a_code is not None and b_code is not None
    series, events = _load_dyad(db, a_code, b_code, by=by, directed=directed, unit=unit, since=since, until=until)
    if series.empty:
        raise click.ClickException(
            f"nothing to plot: no counted events for {a_code}-{b_code}; ingest articles first or widen --since"
        )
    alerts = alerts_for(series, events, line)
    arrow = "→" if directed else "–"
    title = title or f"{a_code} {arrow} {b_code} relations by {by}: events and strain"
    try:
        path = plot_dyad(series, output, alerts, title=title, by=by, line=line)
    except DyadwatchError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"wrote {path} ({len(series)} periods, {int(series['events'].sum())} {unit}, "
               f"{len(alerts)} alert(s))")
    for alert in alerts:
        click.echo(f"alert: {alert.message()}")


@click.command("export")
@click.option("--to", "fmt", type=click.Choice(["gdelt", "plover", "parquet", "geojson"]), required=True,
              help="gdelt: GDELT 2.0 event-table TSV; plover: PLOVER JSONL; parquet: every stored column; "
              "geojson: located events as points (QGIS, kepler.gl).")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--unit", type=click.Choice(["events", "mentions"]), default="events", show_default=True,
              help="One row per real event (with NumMentions/NumSources) or per report.")
@click.option("--source", default=None, help="Only events by this actor code.")
@click.option("--target", default=None, help="Only events aimed at this actor code.")
@click.option("--since", type=DATE, default=None, help="First day (YYYY-MM-DD).")
@click.option("--until", type=DATE, default=None, help="Last day (YYYY-MM-DD).")
@click.option("--include-uncounted", is_flag=True, help="Also historical (and, per mention, negated or "
              "hypothetical) events.")
@db_option
def export_command(fmt: str, output: str, unit: str, source: str | None, target: str | None,
                   since: date | None, until: date | None, include_uncounted: bool, db: str) -> None:
    """Export stored events (with their responds_to links) as GDELT-shaped TSV, PLOVER JSONL, Parquet or GeoJSON.

    Example: dyadwatch export --to gdelt -o events.tsv --source CHN
    """
    from dyadwatch.analytics.exports import export_events

    with _store(db) as store:
        try:
            n = export_events(store, output, fmt, unit=unit, source=_code(source, "--source"),
                              target=_code(target, "--target"), since=since, until=until,
                              include_uncounted=include_uncounted)
        except DyadwatchError as err:
            raise click.ClickException(str(err)) from err
    click.echo(f"wrote {n} {unit} to {output} ({fmt})")


@click.command("bench-store")
@click.option("--events", "n", type=int, default=10_000_000, show_default=True, help="Events to generate.")
@click.option("--db", default=None, help="New store file to fill (default: a temporary file, removed after).")
def bench_store_command(n: int, db: str | None) -> None:
    """Generate N events in bulk into a fresh store and time a USA-CHN monthly series (target < 1 s).

    Example: dyadwatch bench-store --events 10000000
    """
    from dyadwatch.analytics.bench import run_bench

    tmp = None if db else tempfile.mkdtemp(prefix="dyadwatch-bench-")
    path = db or str(Path(tmp or ".") / "bench.duckdb")
    try:
        result = run_bench(n, path)
    except DyadwatchError as err:
        raise click.ClickException(str(err)) from err
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    for line in result.lines():
        click.echo(line)
    if not result.ok:
        raise click.ClickException(
            "the series query took longer than the 1 s target; check the disk and free memory, then re-run"
        )
