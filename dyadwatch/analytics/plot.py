"""The dyad chart: events per QuadClass as stacked bars, the strain index as a line, alerts annotated.

Drawn on a bare ``matplotlib.figure.Figure`` with the Agg canvas, so plotting never touches pyplot's global
state or needs a display.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dyadwatch.errors import InputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from dyadwatch.analytics.changes import Alert

QUADS = (
    ("q1_verbal_coop", "Verbal cooperation", "#7fbf7b"),
    ("q2_material_coop", "Material cooperation", "#1b7837"),
    ("q3_verbal_conflict", "Verbal conflict", "#f4a582"),
    ("q4_material_conflict", "Material conflict", "#b2182b"),
)
LINES = {
    "strain": ("Strain index (−1 cooperation … +1 conflict)", (-1.05, 1.05)),
    "goldstein_mean": ("Goldstein mean (−10 conflict … +10 cooperation)", (-10.5, 10.5)),
}


def _label(period: pd.Timestamp, by: str) -> str:
    if by == "month":
        return period.strftime("%b %Y")
    if by == "year":
        return period.strftime("%Y")
    if by == "quarter":
        return f"Q{period.quarter} {period.year}"
    return period.strftime("%d %b %Y")


def _alert_text(alert: Alert, width: int = 46) -> str:
    head = f"{alert.column} {alert.direction}: {alert.before:+.2f} → {alert.after:+.2f}"
    lines = [head]
    for event in alert.events[:2]:
        label = (
            f"{event.get('source_country') or '?'} {event.get('plover')} {event.get('target_country') or '-'}: "
            f"“{event.get('trigger_text') or event.get('cameo')}”"
        )
        if (event.get("n_mentions") or 1) > 1:
            label += f" ×{event['n_mentions']} mentions"
        lines.extend(textwrap.wrap(label, width))
    return "\n".join(lines)


def dyad_figure(series: pd.DataFrame, alerts: list[Alert] | None = None, *, title: str, by: str = "month",
                line: str = "strain") -> Figure:
    """Build the chart (no file written) so callers can embed or save it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if series.empty:
        raise InputError("nothing to plot: the store has no counted events for this dyad; ingest articles first")
    if line not in LINES:
        raise InputError(f"unknown line {line!r}; use one of: {', '.join(LINES)}")
    fig = Figure(figsize=(11, 6), dpi=120, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    x = np.arange(len(series))
    bottom = np.zeros(len(series))
    for column, name, colour in QUADS:
        values = series[column].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, color=colour, label=name, width=0.7, edgecolor="white", linewidth=0.5)
        bottom += values
    ax.set_ylabel("Events per period (stacked by QuadClass)")
    ax.set_ylim(0, max(bottom.max() * 1.35, 1))
    ax.yaxis.get_major_locator().set_params(integer=True)
    periods = pd.to_datetime(series["period"])
    labels = [_label(p, by) for p in periods]
    step = max(1, len(labels) // 14)
    ax.set_xticks(x[::step], labels[::step], rotation=30 if len(labels) > 6 else 0, ha="right" if len(labels) > 6
                  else "center")
    ax.set_xlim(-0.6, len(series) - 0.4)
    ax.grid(axis="y", alpha=0.25)
    ax.spines[["top"]].set_visible(False)

    ax2 = ax.twinx()
    line_label, limits = LINES[line]
    values = series[line].to_numpy(dtype=float)
    known = ~np.isnan(values)
    # Periods without events have no strain: bridge them with a thin dashed line, never a fake zero.
    ax2.plot(x[known], values[known], color="#2c3e50", linewidth=1.0, linestyle="--", alpha=0.6, zorder=4)
    ax2.plot(x, values, color="#2c3e50", linewidth=2.2, marker="o", markersize=5, label=line_label, zorder=5)
    ax2.axhline(0, color="#2c3e50", linewidth=0.8, linestyle=":", alpha=0.7)
    ax2.set_ylim(*limits)
    ax2.set_ylabel(line_label)
    ax2.spines[["top"]].set_visible(False)

    position = {p: i for i, p in enumerate(series["period"])}
    for n, alert in enumerate(alerts or []):
        i = position.get(alert.period)
        if i is None:
            continue
        ax.axvline(i, color="#c0392b", linewidth=1.4, linestyle="--", alpha=0.8, zorder=1)
        y = alert.after if not np.isnan(alert.after) else 0.0
        to_left = i > len(series) / 2
        frac = (i + 0.6) / (len(series) + 0.2)
        ax2.annotate(
            _alert_text(alert),
            xy=(i, values[i] if not np.isnan(values[i]) else y),
            xytext=(frac - 0.06 if to_left else frac + 0.06, 0.62 - 0.22 * (n % 3)),
            textcoords="axes fraction",
            ha="right" if to_left else "left",
            va="top",
            fontsize=8.5,
            color="#7b241c",
            bbox={"boxstyle": "round,pad=0.4", "fc": "#fdf2f0", "ec": "#c0392b", "alpha": 0.95},
            arrowprops={"arrowstyle": "->", "color": "#c0392b"},
            zorder=10,
        )
    handles, names = ax.get_legend_handles_labels()
    h2, n2 = ax2.get_legend_handles_labels()
    ax.legend(handles[::-1] + h2, names[::-1] + n2, loc="upper left", fontsize=8.5, frameon=False, ncol=1)
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    ax.set_title("events grouped across reports · negated, hypothetical and historical mentions not counted · "
                 "dashed red line: detected change", fontsize=8, color="#555555", loc="left")
    return fig


def plot_dyad(series: pd.DataFrame, path: str | Path, alerts: list[Alert] | None = None, *, title: str,
              by: str = "month", line: str = "strain") -> Path:
    """Draw the chart and save it (PNG, SVG or PDF, by the file's suffix)."""
    fig = dyad_figure(series, alerts, title=title, by=by, line=line)
    path = Path(path)
    try:
        fig.savefig(path)
    except (OSError, ValueError) as err:
        raise InputError(f"cannot save the chart to {str(path)!r} ({err}); use a writable .png/.svg/.pdf path"
                         ) from err
    return path
