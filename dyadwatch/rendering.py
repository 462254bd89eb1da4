"""Renderers over the same event dicts: JSON lines, JSON, CSV and a readable table."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

# CSV columns: the output contract flattened, most useful first.
EVENT_COLUMNS = (
    "event_id", "article_id", "sentence_index", "date", "date_precision", "historical",
    "source_country", "source_sector", "source_code", "source_text",
    "plover", "mode", "cameo", "goldstein", "quad_class",
    "target_country", "target_sector", "target_code", "target_text", "target_kind",
    "trigger", "location", "location_country", "lat", "lon",
    "negated", "hypothetical", "unresolved", "confidence", "responds_to", "evidence_start", "evidence_end", "evidence",
    "coder_version",
)  # fmt: skip


def flatten_event(event: dict[str, Any]) -> dict[str, Any]:
    """One flat row per event, for CSV and tables."""
    src = event.get("source") or {}
    tgt = event.get("target") or {}
    typ = event.get("event") or {}
    dat = event.get("date") or {}
    loc = event.get("location") or {}
    ev = event.get("evidence") or {}
    return {
        "event_id": event.get("event_id"),
        "article_id": event.get("article_id"),
        "sentence_index": event.get("sentence_index"),
        "date": dat.get("value"),
        "date_precision": dat.get("precision"),
        "historical": dat.get("historical"),
        "source_country": src.get("country"),
        "source_sector": src.get("sector"),
        "source_code": src.get("code"),
        "source_text": src.get("text"),
        "plover": typ.get("plover"),
        "mode": typ.get("mode"),
        "cameo": typ.get("cameo"),
        "goldstein": typ.get("goldstein"),
        "quad_class": typ.get("quad_class"),
        "target_country": tgt.get("country"),
        "target_sector": tgt.get("sector"),
        "target_code": tgt.get("code"),
        "target_text": tgt.get("text"),
        "target_kind": tgt.get("kind", "actor") if tgt else None,
        "trigger": (typ.get("trigger") or {}).get("text"),
        "location": loc.get("name"),
        "location_country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "negated": event.get("negated"),
        "hypothetical": event.get("hypothetical"),
        "unresolved": bool(event.get("unresolved", not src.get("country"))),
        "confidence": event.get("confidence"),
        "responds_to": ";".join(event.get("responds_to") or []),
        "evidence_start": ev.get("start"),
        "evidence_end": ev.get("end"),
        "evidence": ev.get("text"),
        "coder_version": event.get("coder_version"),
    }


def _actor_label(row: dict[str, Any], prefix: str) -> str:
    country = row.get(f"{prefix}_country")
    sector = row.get(f"{prefix}_sector")
    text = row.get(f"{prefix}_text")
    if not text and not country:
        return "-"
    code = "".join(x for x in (country, sector) if x) or "?"
    return f"{code} ({text})" if text else code


def events_table(events: Sequence[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for name in ("#", "date", "source", "event", "target", "place", "flags", "trigger"):
        table.add_column(name, overflow="fold")
    for i, event in enumerate(events, start=1):
        row = flatten_event(event)
        flags = [f for f in ("historical", "negated", "hypothetical", "unresolved") if row.get(f)]
        if row.get("responds_to"):
            flags.append("responds")
        place = row.get("location") or ""
        if place and row.get("location_country"):
            place += f" ({row['location_country']})"
        mode = f"/{row['mode']}" if row.get("mode") else ""
        table.add_row(
            str(i),
            f"{row.get('date') or '?'} ({row.get('date_precision')})",
            _actor_label(row, "source"),
            f"{row.get('plover')}{mode} {row.get('cameo')}",
            _actor_label(row, "target"),
            place,
            ",".join(flags),
            str(row.get("trigger") or ""),
        )
    return table


NOTE_MIN_CHARS = 40


def shared_notes(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Columns that hold one long text, the same in every row: a note on the whole table, not a value.

    Why: a resource row says what it counts (the dyads' ``counts``) so that JSON and CSV rows stand alone; in a
    terminal table that text, repeated and wrapped in every row, buried the figures. Shown once under the table.
    """
    if len(rows) < 2:
        return {}
    notes = {}
    for column, value in rows[0].items():
        if (isinstance(value, str) and len(value) >= NOTE_MIN_CHARS
                and all(row.get(column) == value for row in rows[1:])):
            notes[column] = value
    return notes


def rows_table(rows: Sequence[dict[str, Any]], title: str | None = None) -> Table:
    notes = shared_notes(rows)
    caption = "\n".join(f"{column}: {text}" for column, text in notes.items()) or None
    table = Table(title=title, caption=caption, caption_justify="left")
    columns = [column for column in (list(rows[0]) if rows else []) if column not in notes]
    for column in columns:
        table.add_column(str(column))
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    return table


def write_events(events: Iterable[dict[str, Any]], fmt: str, out: TextIO | None = None,
                 title: str | None = None) -> None:
    """Render events in ``fmt`` to ``out`` (stdout by default)."""
    out = out or sys.stdout
    if fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump(list(events), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for event in events:
            writer.writerow(flatten_event(event))
    else:
        Console(file=out, width=200 if not out.isatty() else None).print(events_table(list(events), title))


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, out: TextIO | None = None,
               title: str | None = None) -> None:
    """Render plain rows (summaries, series) in ``fmt``."""
    out = out or sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        Console(file=out, width=200 if not out.isatty() else None).print(rows_table(rows, title))
