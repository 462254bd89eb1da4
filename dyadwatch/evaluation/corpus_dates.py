"""A date check that needs no gold: code any JSONL corpus and ask whether events are dated where their sentence says.

Why an oracle of its own: the dates stage decides which date phrase governs an event by walking the parse from
the phrase to the trigger; this check decides it by a coarser, independent reading of the same sentence, so the
two disagree exactly where one of them is wrong, and a person reads the disagreements (``--json`` keeps them).

The oracle's reading, written from English grammar (not from any corpus sentence):

* A *date phrase* is an explicit calendar year (``1963``, ``in 2015``) or a named month (``in April``,
  ``last November``, ``March 6``). A year that belongs to a proper name or title ("Agenda 2063", "the 1995 X
  Accords": a year right after a capitalised name word, inside a non-date entity, or before a proper noun) or
  that counts something (a number before a plural noun) is a *name year*: never a date.
* A year before a singular common noun ("a 2013 agreement") dates that noun's event only.
* Any other date phrase belongs to the clause it sits in, wherever the parser hung its preposition inside that
  clause (``launched an operation on the border in 2015`` dates ``launched`` even when ``in 2015`` hangs from
  ``border``). Clauses are split at relative, adverbial, complement and participial clauses and at coordinated
  verbs. A year already past at publication inside an infinitive clause also dates the verb governing it
  ("tried to kill him in 2022", "sent troops to secure the port in 2015"); a later one does not ("vowed to
  cut emissions by 2050": the vow is today). A phrase fronted before a verb, as that verb's own adjunct, also
  governs the verbs coordinated with it ("In 2019, X praised ... and announced ...").
* An event *names one year* when the phrases governing it name exactly one year; it is *dated there* when its
  date (not the publication fallback) falls in that year. Months likewise (and the year too when it is named).
  A bare month beside a separate year ("in 2023 and again in January") names two periods: not checked.
* An event governed by a phrase whose whole period ends more than the history threshold before publication is
  *old*; an old event not flagged historical is counted (the goal is none). "since <date>" phrases are left out
  of the old count: what has gone on since then is still going on.
* An event whose date was read from a name year is counted (the goal is none).

Negated and hypothetical events are left out (they are not counted in series either). The reading of the sentence
is ``dyadwatch.evaluation.date_reading``; this module checks coded events against it and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyadwatch.errors import InputError
from dyadwatch.evaluation.date_reading import (
    FORWARD_WORDS,
    FUTURE_AUX,
    DatePhrase,
    date_phrases,
    governs,
    now_or_later,
    other_time,
    period_end,
    sentence_wide,
)
from dyadwatch.evaluation.report import EvalReport, Metric, share

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.records import Event

DATASET_PREFIX = "corpus-dates"
MAX_EXAMPLES = 40


@dataclass(slots=True)
class DateCheck:
    """Counts of the check, plus examples of each kind of miss for people to read."""

    articles: int = 0
    events: int = 0
    year_events: int = 0
    year_dated: int = 0
    month_events: int = 0
    month_dated: int = 0
    old_events: int = 0
    old_unhistorical: int = 0
    name_dated: int = 0
    sentence_year_events: int = 0
    sentence_year_dated: int = 0
    sentence_month_events: int = 0
    sentence_month_dated: int = 0
    sentence_old_events: int = 0
    sentence_old_unhistorical: int = 0
    published_fallback: int = 0
    rejected: int = 0
    misses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def miss(self, kind: str, event: Event, text: str, expected: str) -> None:
        rows = self.misses.setdefault(kind, [])
        if len(rows) < MAX_EXAMPLES:
            rows.append({"article": event.article_id, "trigger": event.trigger.text, "expected": expected,
                         "date": event.date.value.isoformat() if event.date.value else None,
                         "precision": event.date.precision, "rule": event.date.rule,
                         "historical": event.date.historical,
                         "sentence": text[event.evidence.start:event.evidence.end]})


# --- checking events ----------------------------------------------------------------------------------------


def _trigger_token(analysis: Any, event: Event) -> Token | None:
    norm, doc = analysis.norm, analysis.doc
    start, end = norm.to_normalised(event.trigger.start), norm.to_normalised(event.trigger.end)
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def check_article(analysis: Any, result: DateCheck, history_days: int) -> None:
    """Add one coded article's events to the counts."""
    text = analysis.article.text
    published = analysis.article.published
    cache: dict[int, tuple[list[DatePhrase], list[int]]] = {}
    for event in analysis.events:
        if event.negated or event.hypothetical:
            continue
        result.events += 1
        if event.date.precision in ("published", "unknown"):
            result.published_fallback += 1
        trigger = _trigger_token(analysis, event)
        if trigger is None:
            continue
        if trigger.sent.start not in cache:
            cache[trigger.sent.start] = date_phrases(trigger.sent)
        phrases, names = cache[trigger.sent.start]
        _check_names(analysis, event, names, result, text)
        if published is not None:
            _check_sentence(event, phrases, trigger, published, history_days, result, text)
        ruling = [p for p in phrases if governs(p, trigger, published) and not _ahead(p, trigger.doc)]
        value = event.date.value if event.date.precision not in ("published", "unknown") else None
        years = {p.year for p in ruling if p.year is not None}
        bare_months = {p.month for p in ruling if p.month is not None and p.year is None}
        if bare_months and years:
            ruling = []  # "in 2023 and again in January": two periods, no single answer to check against
            years = set()
        if len(years) == 1:
            year = next(iter(years))
            result.year_events += 1
            if value is not None and value.year == year:
                result.year_dated += 1
            else:
                result.miss("year", event, text, str(year))
        months = {(p.month, p.year) for p in ruling if p.month is not None}
        if len({m for m, _ in months}) == 1:
            month, year = next(iter(months))
            result.month_events += 1
            fine = event.date.precision in ("day", "week", "month")
            if value is not None and fine and value.month == month and (year is None or value.year == year):
                result.month_dated += 1
            else:
                result.miss("month", event, text, f"{year or '?'}-{month:02d}")
        if published is not None:
            ends = [period_end(p, published) for p in ruling if not p.since]
            ends = [e for e in ends if e is not None]
            if ends and max(ends) < published - timedelta(days=history_days):
                result.old_events += 1
                if not event.date.historical:
                    result.old_unhistorical += 1
                    result.miss("old", event, text, f"historical (before {max(ends).isoformat()})")


def _ahead(phrase: DatePhrase, doc: Doc) -> bool:
    """A bare month that names the noun after "before / until / by" in a plan or wish ("will not sign the pact
    before the referendum in May"): the coming May, the point the plan is placed before, not a past period; a reader
    takes no date of the act from it. Read from the words: the forward word at most six words back with no verb
    between, and a future, modal or present verb group (the reading's own ``now_or_later``)."""
    if phrase.year is not None:
        return False
    tok = doc[phrase.token]
    for j in range(tok.i - 1, max(tok.sent.start, tok.i - 7) - 1, -1):
        word = doc[j]
        if word.pos_ in ("VERB", "AUX"):
            return False
        if word.lower_ in FORWARD_WORDS - {"next"}:
            return word.i < tok.i - 2 and now_or_later(word.head) is not None
    return False


def _forward(phrase: DatePhrase, doc: Doc) -> bool:
    """A phrase that names a deadline or a plan: after "until/by/next", or in a clause with "will/shall"."""
    tok = doc[phrase.token]
    before = {doc[j].lower_ for j in range(max(tok.sent.start, tok.i - 3), tok.i)}
    if before & FORWARD_WORDS:
        return True
    clause = doc[phrase.clause]
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in (*clause.children, *clause.head.children))


def _check_sentence(event: Event, phrases: list[DatePhrase], trigger: Token, published: date, history_days: int,
                    result: DateCheck, text: str) -> None:
    """The stricter, sentence-wide reading: a sentence that names one past year (month) dates all its events there.

    Coarser than the clause oracle on purpose: it is what a reader of a short news sentence assumes, and what a
    held-out check without parses can count. Phrases of a future period (a later year, a deadline, a plan: see
    ``_forward``, or a day after publication) leave the sentence out; "since" phrases count for the year and month
    but not for "old" (what has gone on since is ongoing).

    What a reader does not take from a sentence's dates, so neither does this reading: a year or month that
    only says which act a noun names (``sentence_wide``); a sentence that also names a day, a week or a span
    from a point (``other_time``: it names more than one time); a year beside a bare month of another year
    ("deposed in November 2019 ... unrest that started May 4"); an event whose verb is present, perfect,
    future or modal (``now_or_later``: "closes the strait every winter", "are still held", "would halt").
    """
    doc = trigger.doc
    phrases = [p for p in phrases if sentence_wide(p, trigger)]
    if not phrases or any(p.year is not None and p.year > published.year for p in phrases) \
            or any(_forward(p, doc) or _after(p, published) for p in phrases) or other_time(trigger.sent):
        return
    own = any(p.noun_head == trigger.i for p in phrases)
    verb = None if own else now_or_later(trigger)
    if verb is not None and not (verb == "perfect" and any(p.since for p in phrases)):  # "since 2011, X has ..."
        return
    if verb != "perfect":  # "the worst attack since March": the point a comparison counts from, not its time
        phrases = [p for p in phrases if not p.since or p.noun_head == trigger.i]
        if not phrases:
            return
    value = event.date.value if event.date.precision not in ("published", "unknown") else None
    years = {p.year for p in phrases if p.year is not None}
    bare = {end.year for p in phrases if p.month is not None and p.year is None
            for end in [period_end(p, published)] if end is not None}
    if len(years) == 1 and not bare - years:
        year = next(iter(years))
        result.sentence_year_events += 1
        if value is not None and value.year == year:
            result.sentence_year_dated += 1
        else:
            result.miss("sentence-year", event, text, str(year))
    months = {(p.month, p.year) for p in phrases if p.month is not None}
    if len(months) == 1 and (not years or years == {y for _, y in months}):
        month, year = next(iter(months))
        end = period_end(DatePhrase(0, year, month, False, None, 0), published)
        if end is not None and date(end.year, end.month, 1) <= published:
            result.sentence_month_events += 1
            fine = event.date.precision in ("day", "week", "month")
            if value is not None and fine and value.month == month and (year is None or value.year == year):
                result.sentence_month_dated += 1
            else:
                result.miss("sentence-month", event, text, f"{year or '?'}-{month:02d}")
    ends = [period_end(p, published) for p in phrases]
    if phrases and not any(p.since for p in phrases) and all(e is not None for e in ends) \
            and max(e for e in ends if e is not None) < published - timedelta(days=history_days):
        result.sentence_old_events += 1
        if not event.date.historical:
            result.sentence_old_unhistorical += 1
            result.miss("sentence-old", event, text, "historical (every date of the sentence is old)")


def _after(phrase: DatePhrase, published: date) -> bool:
    """A month and day still to come at publication ("due to be signed Nov. 20", published 14 November)."""
    if phrase.month is None or phrase.day is None or (phrase.year is None and phrase.month != published.month):
        return False  # a bare month other than the current one is its latest past occurrence
    year = phrase.year if phrase.year is not None else published.year
    try:
        return date(year, phrase.month, phrase.day) > published
    except ValueError:
        return False


def _check_names(analysis: Any, event: Event, names: list[int], result: DateCheck, text: str) -> None:
    span = event.date.span
    if span is None or not names:
        return
    doc = analysis.doc
    for i in names:
        tok = doc[i]
        start, end = analysis.norm.to_original(tok.idx, tok.idx + len(tok.text))
        if span.start < end and start < span.end:
            result.name_dated += 1
            result.miss("name", event, text, "no date from a name")
            return


# --- running it -------------------------------------------------------------------------------------------------


def dataset_name(path: Path) -> str:
    """``corpus-dates:voa`` for ``.../voa/articles.jsonl``: the folder names the corpus, the file rarely does."""
    stem = path.parent.name if path.stem in ("articles", "corpus", "data") and path.parent.name else path.stem
    return f"{DATASET_PREFIX}:{stem}"


def _articles(path: Path, problems: list[str]) -> Iterator[Any]:
    from dyadwatch.io.readers import InputProblem, read_articles

    for item in read_articles(str(path)):
        if isinstance(item, InputProblem):
            problems.append(str(item))
        else:
            yield item


def check_corpus(path: Path, pipeline: Any, history_days: int, progress: Callable[[int], None] | None = None,
                 limit: int | None = None) -> tuple[DateCheck, list[str]]:
    """Code every article of a JSONL corpus with ``pipeline`` and check its event dates."""
    from dyadwatch.pipeline import Rejected

    if not path.is_file():
        raise InputError(f"{path}: no such file; pass a JSONL corpus (one article object with 'text' per line)")
    problems: list[str] = []
    result = DateCheck()
    articles: Iterable[Any] = _articles(path, problems)
    if limit is not None:
        articles = (a for n, a in enumerate(_articles(path, problems)) if n < limit)
    for coded in pipeline.pipe(articles):
        result.articles += 1
        if isinstance(coded, Rejected):
            result.rejected += 1
        else:
            check_article(coded, result, history_days)
        if progress:
            progress(1)
    if result.articles == 0:
        raise InputError(f"{path}: no readable articles; each line needs a JSON object with 'text'")
    return result, problems


def to_report(check: DateCheck, name: str, history_days: int) -> EvalReport:
    """The check as an eval report: shares are gated metrics, the counts a table, the misses examples."""
    metrics = [
        Metric("year.share", share(check.year_dated, check.year_events), check.year_events,
               "events whose clause names one year, dated in that year", True),
        Metric("month.share", share(check.month_dated, check.month_events), check.month_events,
               "events whose clause names one month, dated in that month", True),
        Metric("old.historical_share", share(check.old_events - check.old_unhistorical, check.old_events),
               check.old_events, f"events older than {history_days} days flagged historical", True),
        Metric("sentence.year.share", share(check.sentence_year_dated, check.sentence_year_events),
               check.sentence_year_events, "events whose sentence names one past year, dated in that year", True),
        Metric("sentence.month.share", share(check.sentence_month_dated, check.sentence_month_events),
               check.sentence_month_events, "events whose sentence names one past month, dated in that month",
               True),
        Metric("sentence.old.historical_share",
               share(check.sentence_old_events - check.sentence_old_unhistorical, check.sentence_old_events),
               check.sentence_old_events, f"events whose sentence names only dates older than {history_days} "
               "days, flagged historical", True),
        Metric("published_fallback.share", share(check.published_fallback, check.events), check.events,
               "events left on the publication date (information)"),
    ]
    counts = [
        {"count": "articles", "value": check.articles},
        {"count": "events (asserted)", "value": check.events},
        {"count": "naming one year / dated there", "value": f"{check.year_events} / {check.year_dated}"},
        {"count": "naming one month / dated there", "value": f"{check.month_events} / {check.month_dated}"},
        {"count": "old events not flagged historical (goal 0)", "value": check.old_unhistorical},
        {"count": "sentence names one past year / dated there",
         "value": f"{check.sentence_year_events} / {check.sentence_year_dated}"},
        {"count": "sentence names one past month / dated there",
         "value": f"{check.sentence_month_events} / {check.sentence_month_dated}"},
        {"count": "sentence dates all old, event not flagged historical", "value": check.sentence_old_unhistorical},
        {"count": "events dated from a year inside a name (goal 0)", "value": check.name_dated},
        {"count": "rejected articles", "value": check.rejected},
    ]
    report = EvalReport(name, check.articles, metrics, {"counts": counts}, [
        "oracle: the year/month phrases of the event's own clause (see dyadwatch/evaluation/corpus_dates.py); "
        "--json lists the misses",
    ], rejected=check.rejected)
    return report


def evaluate_corpus_dates(path: Path, coder: Any, *, limit: int | None = None,
                          progress: Callable[[int], None] | None = None,
                          total: Callable[[int], None] | None = None) -> tuple[EvalReport, dict[str, Any]]:
    """Run the check with an eval ``Coder``'s pipeline; returns the report and the misses (for ``--json``)."""
    import time

    from dyadwatch.evaluation.dataset import file_sha256

    started = time.perf_counter()
    if total and path.is_file():
        with open(path, "rb") as handle:
            lines = sum(1 for line in handle if line.strip())
        total(min(lines, limit) if limit else lines)
    history_days = coder.settings.history_days
    check, problems = check_corpus(path, coder.pipeline(), history_days, progress, limit)
    report = to_report(check, dataset_name(path), history_days)
    report.sha256 = file_sha256(path)
    report.seconds = time.perf_counter() - started
    report.notes += [f"skipped input: {p}" for p in problems[:5]]
    if limit is not None:
        report.notes.append(f"--limit {limit}: checked the first {check.articles} articles only")
    return report, {"misses": check.misses, "skipped": problems}
