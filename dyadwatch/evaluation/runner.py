"""Running the pipeline over a gold folder and handing the predictions to the right scorer.

Predictions are reduced to the events of each record as soon as an article is coded (the spaCy ``Doc`` and the
working ``Analysis`` are dropped), so even the 10k-record location set is scored in flat memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError, InputError
from dyadwatch.evaluation.dataset import (
    LOCATION,
    PETRARCH,
    PLOVER,
    EvalRecord,
    detect_kind,
    eval_file,
    file_sha256,
    load_records,
    recase_records,
)
from dyadwatch.evaluation.petrarch_eval import score_petrarch
from dyadwatch.evaluation.plover_eval import score_plover
from dyadwatch.evaluation.report import EvalReport, Metric
from dyadwatch.records import Article, Event

PETR_ACTORS = "PETR.Validate.actors.txt"
PETR_AGENTS = "PETR.Validate.agents.txt"
PETR_VERBS = "PETR.Validate.verbs.txt"

Progress = Callable[[int], None]
RATE_WORDS = ("recall", "precision", "accuracy", "f1")  # higher is better; "false_*_rate" is not


@dataclass(slots=True)
class Predictions:
    """Events per record id, and the records the pipeline rejected (scored as 'no events')."""

    events: dict[str, list[Event]] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)


def build(settings: Settings) -> Any:
    """The full pipeline, or a one-line error when a stage module cannot be imported."""
    from dyadwatch.pipeline import build_pipeline

    try:
        return build_pipeline(settings)
    except ModuleNotFoundError as err:
        raise ConfigError(
            f"the pipeline cannot be built ({err}); reinstall dyadwatch (`pip install -e .`) so every stage exists"
        ) from None


class Coder:
    """Codes eval records on watched worker processes (one Runner per settings, each article under its budget).

    ``pipeline`` gives an in-process pipeline for scorers that need the parse itself (event locations).
    """

    def __init__(self, settings: Settings | None = None, workers: int = 1) -> None:
        self.settings = settings or Settings()
        self.workers = workers
        self._pipelines: dict[str, Any] = {}
        self._runners: dict[str, Any] = {}

    def runner(self, settings: Settings) -> Any:
        from dyadwatch.runner import Runner

        key = repr(settings)
        if key not in self._runners:
            self._runners[key] = Runner(settings, workers=self.workers)
        return self._runners[key]

    def close(self) -> None:
        for runner in self._runners.values():
            runner.close()
        self._runners.clear()

    def pipeline(self, settings: Settings | None = None) -> Any:
        settings = settings or self.settings
        key = repr(settings)
        if key not in self._pipelines:
            self._pipelines[key] = build(settings)
        return self._pipelines[key]

    def code(
        self, records: Iterable[EvalRecord], settings: Settings | None = None, progress: Progress | None = None
    ) -> Predictions:
        from dyadwatch.pipeline import Rejected

        runner = self.runner(settings or self.settings)
        out = Predictions()

        def articles() -> Iterator[Article]:
            for rec in records:
                yield Article.create(rec.text, id=rec.id, published=rec.date)

        for result in runner.pipe(articles()):
            if isinstance(result, Rejected):
                out.events[result.article_id] = []
                out.rejected[result.article_id] = f"{result.stage}: {result.reason}"
            else:
                out.events[result.article.id] = list(result.events)
            if progress:
                progress(1)
        return out


def petrarch_settings(directory: Path, base: Settings) -> Settings:
    """The PETR.Validate dictionaries, which define the fictional actors and the test verbs of the PETRARCH unit
    tests; their verbs go on top of ours, as any user's PETRARCH verb dictionary does."""
    actors, agents, verbs = directory / PETR_ACTORS, directory / PETR_AGENTS, directory / PETR_VERBS
    for path in (actors, agents, verbs):
        if not path.exists():
            raise InputError(f"{path}: missing; the PETR-UT records need it beside eval.jsonl (see SOURCE.md)")
    return base.with_(petrarch_actors=(actors,), petrarch_agents=(agents,), petrarch_verbs=(verbs,))


def evaluate(
    directory: Path,
    *,
    limit: int | None = None,
    coder: Coder | None = None,
    progress: Progress | None = None,
    total: Callable[[int], None] | None = None,
    location_all: bool = True,
    casing: str = "as-is",
) -> EvalReport:
    """Code a gold folder with the full pipeline and score it.

    ``total`` is told how many articles will be coded (for a progress bar); ``location_all=False`` scores only
    the re-checked gold of the event-location set (what the CI gate uses); ``casing`` (``lower``, ``upper``)
    re-cases the gold texts before coding.
    """
    path = eval_file(directory)
    directory = path.parent
    records = recase_records(load_records(path, limit), casing)
    if not records:
        raise InputError(f"{path}: no records; restore the file from ../shared")
    kind = detect_kind(records)
    own = coder is None
    coder = coder or Coder()
    try:
        started = time.perf_counter()
        if kind == PLOVER:
            if total:
                total(len(records))
            preds = coder.code(records, progress=progress)
            report = score_plover(records, preds.events, len(preds.rejected))
        elif kind == PETRARCH:
            if total:
                total(len(records))
            ut = [r for r in records if r.id.startswith("PETR-UT:")]
            rest = [r for r in records if not r.id.startswith("PETR-UT:")]
            ut_settings = petrarch_settings(directory, coder.settings) if ut else None
            preds = coder.code(rest, progress=progress)
            if ut:
                ut_preds = coder.code(ut, ut_settings, progress=progress)
                preds.events.update(ut_preds.events)
                preds.rejected.update(ut_preds.rejected)
            report = score_petrarch(records, preds.events, len(preds.rejected))
        else:
            report = score_location(records, coder, progress, total, location_all)
    finally:
        if own:
            coder.close()
    report.sha256 = file_sha256(path)
    report.seconds = time.perf_counter() - started
    if limit is not None:
        report.notes.append(f"--limit {limit}: scored the first {len(records)} records only")
    if casing != "as-is":
        report.notes.append(f"--casing {casing}: the gold texts were re-cased before coding")
    return report


def _location_scorer() -> Callable[..., dict[str, Any]]:
    try:
        from dyadwatch.evaluation.location_eval import score_event_location
    except ImportError as err:
        raise ConfigError(
            f"event-location scoring is not available yet ({err}); it needs "
            "dyadwatch.evaluation.location_eval.score_event_location from the time/place stage"
        ) from None
    return score_event_location


def _flatten(prefix: str, value: Any, out: dict[str, float]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, out)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out[prefix] = float(value)


def score_location(
    records: Sequence[EvalRecord],
    coder: Coder,
    progress: Progress | None,
    total: Callable[[int], None] | None,
    include_all: bool,
) -> EvalReport:
    """Delegate to the time/place scorer; floors on the re-checked gold, the rest is information."""
    scorer = _location_scorer()
    rechecked = [r for r in records if r.meta.get("rechecked_gold")]
    subsets: list[tuple[str, list[EvalRecord], bool]] = [("rechecked", rechecked, True)]
    if include_all:
        subsets.append(("all", list(records), False))
    if total:
        total(sum(len(recs) for _, recs, _ in subsets))
    metrics: list[Metric] = []
    counts: dict[str, dict[str, Any]] = {}
    for name, recs, gated in subsets:
        if not recs:
            continue
        result = scorer(_counting([r.raw for r in recs], progress), coder.pipeline)
        flat: dict[str, float] = {}
        _flatten("", result, flat)
        n = int(flat.get("n", len(recs)))
        for key, value in flat.items():
            # Rates become metrics (floors only for higher-is-better ones); counts go to a table.
            if key == "n" or key.startswith("counts.") or not 0.0 <= value <= 1.0:
                label = key.removeprefix("counts.")
                counts.setdefault(label, {"count": label})[name] = int(value) if value.is_integer() else value
                continue
            is_rate = any(w in key for w in RATE_WORDS)
            metrics.append(Metric(f"{name}.{key}", value, n, f"{name}: {key.replace('_', ' ')}", gated and is_rate))
    return EvalReport(LOCATION, len(records), metrics, {"counts": list(counts.values())}, [
        f"floors on the {len(rechecked)} re-checked gold records (meta.rechecked_gold); 'all' is information"
    ])


def _counting(items: list[dict[str, Any]], progress: Progress | None) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        if progress:
            progress(1)
