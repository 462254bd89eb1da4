"""An actor check that needs no gold: code any JSONL corpus and show how many events reach a dyad.

Why: an event enters a dyad series, an export row, an alert or a map point only when its source has a country.
On a user's own news the first question is how many events get one, by which rule (the text said so, the
context did, an authority was implied), and which actor texts stay without one, so the user can add a line to
their own actor table (``--actor-table``). Nothing here is compared with a gold answer: the shares describe the
coder's output, and the gate pins them on the shared VOA corpus so a change that loses countries shows.

Counted: every coded event (negated and hypothetical ones too: they are stored and shown). A source "has a
country" when ``Actor.country`` is set (an ISO code or an organisation code such as ``NATO``); a dyad reference
("the two nations") names two countries and is counted on its own line, not as resolved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dyadwatch.errors import InputError
from dyadwatch.evaluation.corpus_dates import _articles
from dyadwatch.evaluation.dataset import recase
from dyadwatch.evaluation.report import EvalReport, Metric, share

DATASET_PREFIX = "corpus-actors"
TOP_UNRESOLVED = 30


@dataclass(slots=True)
class ActorCheck:
    """Counts of the check and the unresolved source texts, most frequent first."""

    articles: int = 0
    rejected: int = 0
    events: int = 0
    with_country: int = 0
    targets: int = 0
    targets_with_country: int = 0
    dyad_references: int = 0
    no_source_text: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    unresolved: Counter[str] = field(default_factory=Counter)

    def add(self, events: Iterable[Any]) -> None:
        for event in events:
            self.events += 1
            source = event.source
            if source.country:
                self.with_country += 1
                self.by_rule[source.rule] += 1
                self.countries[source.country] += 1
            elif source.rule == "dyad-reference":
                self.dyad_references += 1
            elif not source.span.text.strip():
                self.no_source_text += 1
            else:
                self.unresolved[" ".join(source.span.text.lower().split())] += 1
            if event.target is not None and event.target.kind == "actor":
                self.targets += 1
                self.targets_with_country += bool(event.target.country)


def dataset_name(path: Path) -> str:
    """``corpus-actors:voa`` for ``.../voa/articles.jsonl`` (the folder names the corpus)."""
    stem = path.parent.name if path.stem in ("articles", "corpus", "data") and path.parent.name else path.stem
    return f"{DATASET_PREFIX}:{stem}"


def check_corpus(path: Path, pipeline: Any, progress: Callable[[int], None] | None = None,
                 limit: int | None = None, casing: str = "as-is") -> tuple[ActorCheck, list[str]]:
    """Code every article of a JSONL corpus with ``pipeline`` and count its events' source countries.

    ``casing`` (``lower``, ``upper``) re-cases every text first: news without usable casing must resolve too.
    """
    from dyadwatch.pipeline import Rejected

    if not path.is_file():
        raise InputError(f"{path}: no such file; pass a JSONL corpus (one article object with 'text' per line)")
    problems: list[str] = []
    result = ActorCheck()
    articles: Iterable[Any] = _articles(path, problems)
    if limit is not None:
        articles = (a for n, a in enumerate(_articles(path, problems)) if n < limit)
    if casing != "as-is":
        articles = (replace(a, text=recase(a.text, casing), content_hash="") for a in articles)
    for coded in pipeline.pipe(articles):
        result.articles += 1
        if isinstance(coded, Rejected):
            result.rejected += 1
        else:
            result.add(coded.events)
        if progress:
            progress(1)
    if result.articles == 0:
        raise InputError(f"{path}: no readable articles; each line needs a JSON object with 'text'")
    return result, problems


def to_report(check: ActorCheck, name: str) -> EvalReport:
    """The check as an eval report: the source-country share is gated, the rest is for people to read."""
    inferred = sum(n for rule, n in check.by_rule.items() if rule in ("context-country", "implicit-agent"))
    metrics = [
        Metric("source_country.share", share(check.with_country, check.events), check.events,
               "events whose source has a country", True),
        Metric("source_country.from_context_share", share(inferred, check.events), check.events,
               "events whose source country came from context or an implied authority (information)"),
        Metric("target_country.share", share(check.targets_with_country, check.targets), check.targets,
               "actor targets with a country (information)"),
    ]
    by_rule = [{"rule": rule, "events": n, "share": round(n / check.events, 4) if check.events else None}
               for rule, n in check.by_rule.most_common()]
    by_rule += [
        {"rule": "(dyad reference: two countries)", "events": check.dyad_references,
         "share": round(check.dyad_references / check.events, 4) if check.events else None},
        {"rule": "(no source in the text)", "events": check.no_source_text,
         "share": round(check.no_source_text / check.events, 4) if check.events else None},
        {"rule": "(unresolved source text)", "events": sum(check.unresolved.values()),
         "share": round(sum(check.unresolved.values()) / check.events, 4) if check.events else None},
    ]
    unresolved = [{"source text": text, "events": n} for text, n in check.unresolved.most_common(TOP_UNRESOLVED)]
    countries = [{"country": c, "events": n} for c, n in check.countries.most_common(15)]
    return EvalReport(name, check.articles, metrics,
                      {"by_rule": by_rule, "unresolved": unresolved, "countries": countries},
                      ["an unresolved text that names an actor of yours can be added to an actor table "
                       "(--actor-table); see docs/actors.md"], rejected=check.rejected)


def evaluate_corpus_actors(path: Path, coder: Any, *, limit: int | None = None,
                           progress: Callable[[int], None] | None = None,
                           total: Callable[[int], None] | None = None,
                           casing: str = "as-is") -> tuple[EvalReport, dict[str, Any]]:
    """Run the check with an eval ``Coder``'s pipeline; returns the report and every unresolved text (``--json``)."""
    import time

    from dyadwatch.evaluation.dataset import file_sha256

    started = time.perf_counter()
    if total and path.is_file():
        with open(path, "rb") as handle:
            lines = sum(1 for line in handle if line.strip())
        total(min(lines, limit) if limit else lines)
    check, problems = check_corpus(path, coder.pipeline(), progress, limit, casing)
    report = to_report(check, dataset_name(path))
    report.sha256 = file_sha256(path)
    report.seconds = time.perf_counter() - started
    report.notes += [f"skipped input: {p}" for p in problems[:5]]
    if limit is not None:
        report.notes.append(f"--limit {limit}: checked the first {check.articles} articles only")
    if casing != "as-is":
        report.notes.append(f"--casing {casing}: the texts were re-cased before coding")
    return report, {"unresolved": dict(check.unresolved.most_common()), "skipped": problems}
