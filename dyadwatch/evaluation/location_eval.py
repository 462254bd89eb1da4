"""Score event locations against the event-location gold (Halterman 2019): given a gold trigger, is the place
we attach to it the annotated one?

Metrics (over gold triggers; a record may hold several):

* ``span_recall``: triggers with a gold location whose predicted location span overlaps one of the gold
  location spans, over all triggers with a gold location.
* ``country_accuracy``: over those found spans, how often the predicted place's country equals the reference
  country of the gold span text. The gold has no countries, so the reference is the gold text resolved by the
  same gazetteer in the sentence's own country context; gold texts the gazetteer does not know are left out
  and counted in ``country_unverifiable``. This checks resolution (right country for the words), not the
  gazetteer's coverage.
* ``precision``: predictions that overlap a gold location, over all predictions (a place predicted for a
  trigger whose gold has none counts against it); ``false_location_rate``: such predictions over the
  triggers that have no gold location. ``f1`` combines recall and precision.

Only ``normalise`` and ``parse`` run (``locate`` needs nothing else), taken from the caller's pipeline so the
same model and settings are used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from dyadwatch.records import Article, TextSpan

PARSE_STAGES = ("normalise", "parse")


def _parse_pipeline(pipeline_factory: Callable[..., Any]) -> Any:
    """The pipeline's own normalise and parse stages, with every sentence parsed.

    Why every sentence: this set scores ``locate`` at gold triggers, many of which are not predicates of our
    lexicon; in coding, ``locate`` only ever runs at a trigger the coder found, in a sentence the selective parse
    parsed. Parsing all sentences the selective way (same sentence boundaries, same per-sentence parse) scores
    the attacher on the parse it gets in coding.
    """
    from dyadwatch.config import Settings
    from dyadwatch.pipeline import Pipeline
    from dyadwatch.pipeline.text_stages import ParseStage

    full = pipeline_factory()
    stages = [s for s in full.stages if s.name in PARSE_STAGES]
    stages = [ParseStage(s.nlp, s.batch_size, s.n_process, _every_sentence) if isinstance(s, ParseStage)
              and s.screen is not None else s for s in stages]
    settings = getattr(full, "settings", None) or Settings()
    return Pipeline(stages, settings)


def _every_sentence(lemmas: list[str], lowers: list[str], pos: list[str]) -> bool:
    return True


def _published(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def trigger_token(analysis: Any, start: int, end: int) -> int | None:
    """The token of ``analysis.doc`` that heads a gold trigger given in original-text offsets."""
    norm, doc = analysis.norm, analysis.doc
    nstart, nend = norm.to_normalised(start), norm.to_normalised(end)
    span = doc.char_span(nstart, max(nend, nstart + 1), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return int(span.root.i)


def score_event_location(records: Iterable[dict[str, Any]], pipeline_factory: Callable[..., Any],
                         details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Score ``locate`` on eval records (dicts of ``eval.jsonl``); ``pipeline_factory()`` gives a pipeline.

    Pass a list as ``details`` to receive one row per gold trigger (for error analysis).
    """
    from dyadwatch.pipeline import Rejected
    from dyadwatch.places import article_context, load_gazetteer, locate

    pipeline = _parse_pipeline(pipeline_factory)
    gaz = load_gazetteer()
    kept: dict[str, dict[str, Any]] = {}

    def articles() -> Iterator[Article]:
        for rec in records:
            if not rec.get("gold"):
                continue
            kept[str(rec["id"])] = rec
            yield Article.create(rec["text"], id=str(rec["id"]), published=_published(rec.get("date")))

    counts = {"records": 0, "triggers": 0, "with_location": 0, "without_location": 0, "found": 0,
              "predicted": 0, "predicted_correct": 0, "predicted_on_none": 0, "country_checked": 0,
              "country_correct": 0, "country_unverifiable": 0, "unmapped_triggers": 0, "rejected": 0}
    for result in pipeline.pipe(articles()):
        rec = kept.pop(result.article_id if isinstance(result, Rejected) else result.article.id)
        counts["records"] += 1
        triggers: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for g in rec["gold"]:
            triggers.setdefault((g["trigger_start"], g["trigger_end"]), []).append(g)
        if isinstance(result, Rejected):
            counts["rejected"] += 1
        context = article_context(result) if not isinstance(result, Rejected) else frozenset()
        for (tstart, tend), golds in triggers.items():
            counts["triggers"] += 1
            gold_spans = [TextSpan(g["location_start"], g["location_end"], g["location_text"] or "")
                          for g in golds if g.get("location_start") is not None]
            if gold_spans:
                counts["with_location"] += 1
            else:
                counts["without_location"] += 1
            token = None if isinstance(result, Rejected) else trigger_token(result, tstart, tend)
            if token is None:
                counts["unmapped_triggers"] += 1
                continue
            loc = locate(result, token, context)
            hit = None
            if loc is not None and loc.span is not None:
                counts["predicted"] += 1
                hit = next((s for s in gold_spans if s.overlaps(loc.span)), None)
                if hit is not None:
                    counts["predicted_correct"] += 1
                elif not gold_spans:
                    counts["predicted_on_none"] += 1
            country_ok = None
            if hit is not None:
                counts["found"] += 1
                reference = gaz.resolve(rec["text"][hit.start:hit.end], context)
                if reference is None or reference.country is None:
                    counts["country_unverifiable"] += 1
                else:
                    counts["country_checked"] += 1
                    country_ok = loc is not None and loc.country == reference.country
                    counts["country_correct"] += int(country_ok)
            if details is not None:
                details.append({"id": rec["id"], "text": rec["text"], "trigger": rec["text"][tstart:tend],
                                "gold": [s.text for s in gold_spans],
                                "predicted": loc.span.text if loc and loc.span else None,
                                "country": loc.country if loc else None, "rule": loc.rule if loc else None,
                                "hit": hit is not None, "country_ok": country_ok})

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    recall = ratio(counts["found"], counts["with_location"])
    precision = ratio(counts["predicted_correct"], counts["predicted"])
    return {
        "n": counts["records"],
        "span_recall": recall,
        "country_accuracy": ratio(counts["country_correct"], counts["country_checked"]),
        "precision": precision,
        "f1": round(2 * recall * precision / (recall + precision), 4) if recall + precision else 0.0,
        "false_location_rate": ratio(counts["predicted_on_none"], counts["without_location"]),
        "counts": counts,
    }
