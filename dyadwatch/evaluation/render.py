"""Rich tables for eval and bench results (the JSON written next to them carries the same numbers)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from dyadwatch.evaluation.report import EvalReport


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def metrics_table(report: EvalReport, floors: dict[str, float] | None = None, epsilon: float = 0.0) -> Table:
    table = Table(title=f"{report.dataset}: {report.records} records", title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("n", justify="right")
    table.add_column("floor", justify="right")
    table.add_column("key", style="dim")
    floors = floors or {}
    for m in report.metrics:
        floor = floors.get(m.name)
        value = _fmt(m.value)
        if floor is not None and m.value is not None and m.value < floor - epsilon:
            value = f"[bold red]{value}[/]"
        table.add_row(m.label, value, str(m.n), _fmt(floor) if floor is not None else ("·" if m.gated else ""),
                      m.name)
    return table


def rows_table(title: str, rows: list[dict[str, Any]]) -> Table | None:
    if not rows:
        return None
    table = Table(title=title, title_justify="left")
    for key in rows[0]:
        table.add_column(key, justify="left" if isinstance(rows[0][key], str) else "right")
    for row in rows:
        table.add_row(*(_fmt(v) for v in row.values()))
    return table


def print_report(console: Console, report: EvalReport, floors: dict[str, float] | None, epsilon: float) -> None:
    for name, rows in report.tables.items():
        table = rows_table(f"{report.dataset}: {name.replace('_', ' ')}", rows)
        if table is not None:
            console.print(table)
    console.print(metrics_table(report, floors, epsilon))
    for note in report.notes:
        console.print(f"[dim]· {note}[/]")
    if report.seconds is not None:
        console.print(f"[dim]· coded and scored in {report.seconds:.1f} s[/]")


def print_bench(console: Console, result: Any) -> None:
    """The bench result: throughput of both sides, the ratio, memory across passes, and stage shares."""
    data = result.to_dict()
    table = Table(
        title=f"bench {result.corpus}: {result.ours.articles} articles "
              f"({result.repeat} pass(es), {result.rounds} interleaved rounds, batch {result.batch_size})",
        title_justify="left",
    )
    for col in ("side", "seconds", "CPU s", "articles/s", "sentences/s", "sentences"):
        table.add_column(col, justify="left" if col == "side" else "right")
    sides = [("dyadwatch pipeline", data["ours"])]
    if data["full_parse"]:
        sides.append(("dyadwatch, every sentence parsed", data["full_parse"]))
    sides.append((f"bare spaCy ({result.model})", data["bare_spacy"]))
    for label, side in sides:
        table.add_row(label, _fmt(side["seconds"]), _fmt(side["cpu_seconds"]), _fmt(side["articles_per_s"]),
                      _fmt(side["sentences_per_s"]), str(side["sentences"]))
    console.print(table)
    console.print("of the CPU time, system time and page faults: "
                  + "; ".join(f"{label.split(' (')[0]} {side['system_seconds']:.2f} s, {side['page_faults']}"
                              for label, side in sides))
    if data["parsed_share"] is not None:
        rest = ("the rest were tagged and their entities found, not parsed" if data["selective_parse"]
                else "selective parsing off: every sentence parsed")
        console.print(f"sentences parsed: {data['parsed_sentences']} of {data['seen_sentences']} "
                      f"({data['parsed_share']:.1%}; {rest})")
    ratio = result.ratio
    style = "green" if ratio is not None and ratio >= 0.95 else "red"
    spread = data["ratio_per_round"]
    console.print(f"ratio ours/bare (throughput): [{style}]{_fmt(ratio)}[/] (target >= 0.95, goal 1.0)"
                  + (f"; per round min {spread['min']:.3f} / median {spread['median']:.3f} / max {spread['max']:.3f}"
                     if spread else ""))
    console.print(f"ratio on CPU time (robust to other processes' load): {_fmt(result.ratio_cpu)}"
                  + (f"; per pass {', '.join(f'{r:.3f}' for r in data['ratio_cpu_per_pass'])}"
                     if len(data["ratio_cpu_per_pass"]) > 1 else ""))
    rounds = data["ratio_cpu_per_round"]
    if rounds:
        console.print(f"per round on CPU time: median {rounds['median']:.3f} (quartiles {rounds['q1']:.3f}-"
                      f"{rounds['q3']:.3f}, min {rounds['min']:.3f}, max {rounds['max']:.3f}, "
                      f"{len(rounds['values'])} rounds)")
    if data["full_parse"]:
        full = data["full_parse"]
        console.print(f"every sentence parsed: ratio {_fmt(full['ratio'])} (throughput), {_fmt(full['ratio_cpu'])} "
                      f"(CPU time); events {full['events']} (selective: {result.events})")
    memory = data["memory"]
    passes = ", ".join(f"after pass {p['pass']}: {p['rss_mb']:.0f} MB" for p in memory["passes"])
    growth = memory["rss_growth_mb"]
    console.print(f"peak RSS {memory['peak_rss_mb']:.0f} MB; RSS {passes}"
                  + (f"; growth pass 1 -> {result.repeat}: {growth:+.1f} MB" if growth is not None else ""))
    console.print(f"events coded: {result.events}; rejected articles: {result.rejected}; "
                  f"skipped input lines: {result.problem_count}")
    for problem in result.problems:
        console.print(f"[yellow]· {problem}[/]")
    if data["profile"]:
        prof = Table(title="per-stage CPU time (share of our pipeline's CPU time)", title_justify="left")
        prof.add_column("stage")
        prof.add_column("CPU s", justify="right")
        prof.add_column("share", justify="right")
        for name, row in data["profile"].items():
            prof.add_row(name, f"{row['cpu_seconds']:.3f}", f"{row['share']:.1%}")
        total = result.ours.cpu_seconds
        overhead = max(total - sum(r["cpu_seconds"] for r in data["profile"].values()), 0.0)
        prof.add_row("[dim](between stages)[/]", f"{overhead:.3f}", f"{overhead / total:.1%}" if total else "–")
        console.print(prof)
