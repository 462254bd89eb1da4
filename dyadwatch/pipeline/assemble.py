"""The last stage: turn working candidates into immutable, traceable ``Event`` records."""

from __future__ import annotations

import hashlib

from dyadwatch import __version__
from dyadwatch.config import Settings
from dyadwatch.document.analysis import Analysis, EventCandidate
from dyadwatch.document.model import model_info
from dyadwatch.pipeline.stage import Stage
from dyadwatch.records import Event, EventDate, EventLink, TextSpan
from dyadwatch.tables import table_versions

CODER_VERSION = f"dyadwatch {__version__}"


def event_id(content_hash: str, cand: EventCandidate, trigger: tuple[int, int]) -> str:
    """A stable id: same article content + same trigger + same coding -> same id, whatever the article id.

    Why: re-coding the same story under another id (or re-ingesting it) must not mint new events.
    """
    target = cand.target.span.start if cand.target else -1
    key = (
        f"{content_hash}|{trigger[0]}:{trigger[1]}|{cand.type.cameo}|{cand.type.plover}|"
        f"{cand.source.span.start}|{target}"
    )
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


class AssembleStage(Stage):
    name = "assemble"
    requires = ("candidates",)
    assigns = ("events",)

    def __init__(self, settings: Settings) -> None:
        # Every event names the tables and the model that produced it.
        info = model_info(settings.model)
        self.tables = {**table_versions(), "model": f"{info['model']} {info['model_version']}"}
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: Settings) -> AssembleStage:
        return cls(settings)

    def __call__(self, analysis: Analysis) -> Analysis:
        article = analysis.article
        tables = self.tables
        ids: list[str] = []
        triggers: list[tuple[int, int]] = []
        for cand in analysis.candidates:
            trig = analysis.span(*cand.trigger)
            triggers.append((trig.start, trig.end))
            ids.append(event_id(article.content_hash, cand, (trig.start, trig.end)))
        events: list[Event] = []
        for i, cand in enumerate(analysis.candidates):
            sentence = analysis.sentences[cand.sentence_index] if analysis.sentences else None
            trig = analysis.span(*cand.trigger)
            date = cand.date or _fallback_date(analysis)
            events.append(
                Event(
                    event_id=ids[i],
                    article_id=article.id,
                    sentence_index=cand.sentence_index,
                    evidence=sentence.span if sentence else trig,
                    source=cand.source,
                    target=cand.target,
                    type=cand.type,
                    trigger=trig,
                    date=date,
                    location=cand.location,
                    negated=cand.negated,
                    hypothetical=cand.hypothetical,
                    confidence=cand.confidence,
                    quantities=cand.quantities,
                    links=_links(cand, i, ids),
                    rule=cand.rule,
                    coder_version=CODER_VERSION,
                    tables=tables,
                )
            )
        analysis.events = events
        return analysis


def _links(cand: EventCandidate, index: int, ids: list[str]) -> tuple[EventLink, ...]:
    """The candidate's cause -> response links as event ids, with the cue and sentence the links stage found."""
    evidence: dict[int, tuple[str | None, TextSpan | None]] = {}
    for note in cand.notes.get("links", []):
        span = note.get("evidence")
        evidence.setdefault(note["responds_to"], (note.get("cue"), TextSpan(**span) if span else None))
    links = []
    for j in cand.responds_to:
        if 0 <= j < len(ids) and j != index:
            cue, span = evidence.get(j, (None, None))
            links.append(EventLink(ids[j], cue, span))
    return tuple(links)


def _fallback_date(analysis: Analysis) -> EventDate:
    """Without a dates stage: the publication date, flagged as such (never a guess)."""
    published = analysis.article.published
    if published is None:
        return EventDate(value=None, precision="unknown", rule="no-date")
    return EventDate(value=published, precision="published", rule="publication-date")
