"""``dyadwatch eval`` and ``dyadwatch bench``: the quality and speed instruments, as thin click commands."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dyadwatch.cli.options import DyadwatchCommand, petrarch_verbs_option, workers_option
from dyadwatch.config import Settings
from dyadwatch.errors import DyadwatchError, InputError


def _console() -> Console:
    return Console(stderr=False, highlight=False)


@contextmanager
def _progress(label: str) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """A rich progress bar on stderr; yields (advance, set_total) callbacks for the library code."""
    with Progress(
        TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=(err := Console(stderr=True)), transient=True, disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(label, total=None)

        def advance(n: int) -> None:
            bar.advance(task, n)

        def set_total(n: int) -> None:
            bar.update(task, total=n)

        yield advance, set_total


def _write_json(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    except OSError as err:
        raise click.ClickException(f"cannot write {path} ({err.strerror}); choose a writable --json path") from None


def _gold_folders(directory: Path) -> list[Path]:
    """DIR itself when it holds eval.jsonl, else every sub-folder that does (``../shared/eval`` -> all sets)."""
    if directory.is_file() or (directory / "eval.jsonl").exists() or not directory.is_dir():
        return [directory]
    found = sorted(sub for sub in directory.iterdir() if (sub / "eval.jsonl").is_file())
    if not found:
        raise InputError(f"{directory} holds no eval.jsonl, nor do its sub-folders; pass a gold folder")
    return found


@click.command(cls=DyadwatchCommand)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N records (quick look; no gate).")
@click.option("--json", "json_out", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here.")
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False), default=Path("eval/baseline.json"),
              show_default=True, help="Floors file of the quality gate.")
@click.option("--update-baseline", is_flag=True, help="Raise the floors to the values measured now.")
@click.option("--allow-regression", is_flag=True, help="With --update-baseline: allow floors to go down.")
@click.option("--check", is_flag=True, help="Exit non-zero when a metric falls below its floor (the CI gate).")
@click.option("--rechecked-only", is_flag=True,
              help="event-location: score only the re-checked gold (skip the 10k-record information run).")
@click.option("--casing", type=click.Choice(["as-is", "lower", "upper"]), default="as-is", show_default=True,
              help="Re-case the gold texts before coding (lower case, ALL CAPS); floors are not checked then.")
@petrarch_verbs_option
@click.option("--dates", is_flag=True,
              help="DIR is a JSONL corpus of articles (no gold): check that events are dated where their "
                   "sentence says (year, month, history, years inside names).")
@click.option("--actors", is_flag=True,
              help="DIR is a JSONL corpus of articles (no gold): the share of events whose source has a country, "
                   "by rule, and the most frequent actor texts left without one.")
@workers_option
def eval_command(
    directory: Path,
    limit: int | None,
    json_out: Path | None,
    baseline: Path,
    update_baseline: bool,
    allow_regression: bool,
    check: bool,
    rechecked_only: bool,
    casing: str,
    petrarch_verbs: tuple[Path, ...],
    builtin_verbs: bool,
    dates: bool,
    actors: bool,
    workers: int,
) -> None:
    """Score the pipeline against a gold folder (DIR/eval.jsonl) and print a table (and JSON with --json).

    DIR may also be a folder of gold folders (e.g. ../shared/eval): every set is scored, and with
    --update-baseline the floors of all of them are saved together or not at all. With --dates, DIR is a JSONL
    corpus of articles and the date check runs over it (its floors are pinned like a gold set's); with --actors,
    likewise the actor check (how many events get a source country, by which rule, and what stays unresolved).
    """
    from dyadwatch.evaluation.baseline import check as gate_check
    from dyadwatch.evaluation.baseline import load_baseline, save_baseline, update
    from dyadwatch.evaluation.render import print_report
    from dyadwatch.evaluation.runner import Coder, evaluate

    if update_baseline and limit is not None:
        raise click.ClickException("--update-baseline needs the whole gold set; drop --limit")
    if update_baseline and casing != "as-is":
        raise click.ClickException("--update-baseline needs the gold as written; drop --casing")
    if allow_regression and not update_baseline:
        raise click.ClickException("--allow-regression only applies with --update-baseline; add it or drop it")
    console = _console()
    if dates and actors:
        raise click.ClickException("--dates and --actors are two checks; run them one at a time")
    corpus = dates or actors
    if corpus and not directory.is_file():
        flag = "--dates" if dates else "--actors"
        raise click.ClickException(f"{directory}: {flag} needs a JSONL corpus file (one article per line)")
    folders = [directory] if corpus else _gold_folders(directory)
    gated = limit is None and casing == "as-is" and (baseline.exists() or update_baseline)
    outputs: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    coder: Coder | None = None
    try:
        floors_file = load_baseline(baseline)
        new_file = floors_file
        epsilon = float(floors_file.get("epsilon", 0.0))
        coder = Coder(Settings(petrarch_verbs=tuple(petrarch_verbs), builtin_verbs=builtin_verbs), workers=workers)
        for folder in folders:
            extra: dict[str, Any] = {}
            with _progress(f"eval {folder.name or folder}") as (advance, set_total):
                if dates:
                    from dyadwatch.evaluation.corpus_dates import evaluate_corpus_dates

                    report, extra = evaluate_corpus_dates(folder, coder, limit=limit, progress=advance,
                                                          total=set_total)
                elif actors:
                    from dyadwatch.evaluation.corpus_actors import evaluate_corpus_actors

                    report, extra = evaluate_corpus_actors(folder, coder, limit=limit, progress=advance,
                                                           total=set_total, casing=casing)
                else:
                    report = evaluate(folder, limit=limit, coder=coder, progress=advance, total=set_total,
                                      location_all=not rechecked_only, casing=casing)
            entry = floors_file["datasets"].get(report.dataset, {})
            print_report(console, report, entry.get("floors"), epsilon)
            output = {**report.to_dict(), **extra}
            if update_baseline:
                new_file, changes = update(report, new_file, allow_regression=allow_regression)
                console.print(f"[green]{report.dataset}: new floors[/] ({len(changes)} change(s))")
                for change in changes:
                    console.print(f"  {change}")
            found = [str(p) for p in gate_check(report, new_file)] if gated else []
            problems += found
            output["gate"] = {"baseline": str(baseline), "epsilon": epsilon, "checked": gated,
                              "floors": new_file["datasets"].get(report.dataset, {}).get("floors", {}),
                              "problems": found}
            outputs[report.dataset] = output
        if update_baseline:
            save_baseline(baseline, new_file)
            console.print(f"[green]baseline {baseline} saved[/]")
        if json_out:
            _write_json(json_out, next(iter(outputs.values())) if len(outputs) == 1 else {"datasets": outputs})
    except DyadwatchError:
        raise  # its own exit status (errors.py's table), not 1
    finally:
        if coder is not None:
            coder.close()
    if limit is not None:
        console.print("[yellow]gate not checked: --limit scores a subset[/]")
    elif casing != "as-is":
        console.print(f"[yellow]gate not checked: --casing {casing} re-cases the gold (floors are for the text "
                      "as written)[/]")
    elif not gated:
        console.print(f"[yellow]gate not checked: no baseline at {baseline} (pass --baseline, or run from the "
                      "repository root)[/]")
        if check:
            raise click.ClickException(f"no baseline at {baseline}; pass --baseline PATH or run from the repo root")
    elif problems:
        for problem in problems:
            console.print(f"[red]gate: {problem}[/]")
        if check:
            raise click.ClickException(f"{len(problems)} quality-gate problem(s); see above")
    else:
        console.print(f"[green]gate: every floor held ({', '.join(outputs)})[/]")


@click.command(cls=DyadwatchCommand)
@click.argument("corpus", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--repeat", type=click.IntRange(min=1), default=1, show_default=True,
              help="Stream the corpus N times (new ids each pass) to show memory stays flat.")
@click.option("--json", "json_out", type=click.Path(path_type=Path, dir_okay=False), help="Write the result here.")
@click.option("--profile", is_flag=True, help="Also time each pipeline stage and print its share.")
@click.option("--selective-parse", "full_parse_side", is_flag=True,
              help="Parse selectively (only sentences that may hold an event) and also time our pipeline parsing "
                   "every sentence, in the same rounds.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Also time N worker processes against one, the in-process pipeline and spaCy's n_process=N.")
def bench_command(corpus: Path, repeat: int, json_out: Path | None, profile: bool, full_parse_side: bool,
                  workers: int | None) -> None:
    """Code CORPUS.jsonl with the full pipeline and time a bare spaCy pass over the same texts, interleaved.

    \b
    With --workers N: the time budget's cost (one watched worker against the pipeline in this process), the
    speed-up of N workers over one, against bare spaCy with n_process=N, and the workers' memory per block.
    """
    from dyadwatch.config import Settings
    from dyadwatch.evaluation.render import print_bench
    from dyadwatch.instruments.pipeline_bench import run_bench

    console = _console()
    if workers is not None:
        _bench_workers(console, corpus, repeat, workers or (os.cpu_count() or 1), json_out)
        return
    try:
        with _progress(f"bench {corpus.name}") as (advance, set_total):
            result = run_bench(corpus, repeat=repeat, profile=profile, full_parse_side=full_parse_side,
                               settings=Settings(selective_parse=True) if full_parse_side else None,
                               progress=advance, total=set_total)
    except DyadwatchError:
        raise  # its own exit status (errors.py's table), not 1
    print_bench(console, result)
    if json_out:
        _write_json(json_out, result.to_dict())


def _bench_workers(console: Console, corpus: Path, repeat: int, workers: int, json_out: Path | None) -> None:
    from rich.table import Table

    from dyadwatch.instruments.workers_bench import run_workers_bench

    try:
        with _progress(f"bench --workers {workers} {corpus.name}") as (advance, set_total):
            result = run_workers_bench(corpus, workers=workers, repeat=repeat, progress=advance, total=set_total)
    except DyadwatchError:
        raise  # its own exit status (errors.py's table), not 1
    data = result.to_dict()
    table = Table(title=f"{corpus.name} x{repeat}: wall-clock throughput, sides interleaved block by block",
                  title_justify="left")
    for column in ("side", "articles", "seconds", "articles/s", "events", "rejected"):
        table.add_column(column, justify="left" if column == "side" else "right")
    for side, row in data["sides"].items():
        table.add_row(side, str(row["articles"]), f"{row['seconds']:.1f}", f"{row['articles_per_s']:.2f}",
                      "" if row["events"] is None else str(row["events"]),
                      "" if row["rejected"] is None else str(row["rejected"]))
    console.print(table)
    console.print(f"budget overhead (workers_1 / in_process throughput): {data['budget_overhead_ratio']}")
    console.print(f"speed-up, {workers} workers / 1 worker: {data['speedup_vs_1_worker']}")
    console.print(f"{workers} workers / bare spaCy n_process={workers}: {data[f'vs_bare_spacy_n_process_{workers}']}")
    curve = ", ".join(f"{m['articles']}: {'/'.join(str(x) for x in m['worker_rss_mb'])}" for m in data["memory"])
    console.print(f"worker RSS (MB) after N articles: {curve}; workers recycled: {data['workers_recycled']}")
    if json_out:
        _write_json(json_out, data)


@click.command(cls=DyadwatchCommand)
@click.argument("corpus", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--articles", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Repeat the corpus to this many articles (each copy with a new content hash).")
@click.option("--workers", type=click.IntRange(min=2), default=2, show_default=True,
              help="Worker processes (and Dask LocalCluster workers) to compare with one.")
@click.option("--no-dask", is_flag=True, help="Leave out the Dask LocalCluster side.")
@click.option("--sample-every", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Articles between two samples of each worker's resident memory.")
@click.option("--json", "json_out", type=click.Path(path_type=Path, dir_okay=False), help="Write the result here.")
def bench_scale_command(corpus: Path, articles: int, workers: int, no_dask: bool, sample_every: int,
                        json_out: Path | None) -> None:
    """Ingest CORPUS repeated to N articles into DuckDB: 1 worker, N workers, a Dask LocalCluster; articles/s.

    \b
    Example:
      dyadwatch bench-scale ../shared/corpus/voa/articles.jsonl --articles 10000
    """
    from rich.table import Table

    from dyadwatch.instruments.scale_bench import run_scale_bench

    console = _console()
    try:
        result = run_scale_bench(corpus, articles=articles, workers=workers, dask=not no_dask,
                                 log=lambda line: click.echo(line, err=True), sample_every=sample_every)
    except DyadwatchError:
        raise  # its own exit status (errors.py's table), not 1
    table = Table(title=f"ingest of {corpus.name} repeated to {articles} articles into DuckDB", title_justify="left")
    for column in ("side", "articles", "events", "seconds", "articles/s", "speed-up"):
        table.add_column(column, justify="left" if column == "side" else "right")
    for row in result["rows"]:
        table.add_row(row["side"], str(row["articles"]), str(row["events"]), f"{row['seconds']:.1f}",
                      f"{row['articles_per_s']:.2f}", f"{row['speedup']:.2f}x")
    console.print(table)
    for row in result["rows"]:
        if "rss_curve" in row:
            curve = ", ".join(f"{p['articles']}: {'/'.join(f'{x:.0f}' for x in p['worker_rss_mb'])}"
                              for p in row["rss_curve"])
            console.print(f"{row['side']}: worker RSS (MB) after N articles: {curve}; "
                          f"workers recycled: {row['workers_recycled']}")
    if json_out:
        _write_json(json_out, result)
