"""Events whose doer is a thing: "the project was halted", "stock indexes fell", "prices rose".

Why: CAMEO and PLOVER code the actions of actors (states, organisations, groups, people). A source that names no
actor and cannot be one -- no named entity, no actor table hit, no pronoun, and a head noun that is no agent in the
Phoenix agents dictionary (``data/actors/agentive_nouns.txt``, built by tools/build_agentive_nouns.py) -- is an
inanimate thing, an abstract noun or a market, and its "event" is no political event. Such events are dropped here,
each with a recorded reason in the article's warnings, so a user can see what went and why.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dyadwatch.document.analysis import Analysis, EventCandidate

# spaCy entity labels that name (or may name) a party: a person, a group, an organisation, a place's people.
# Rules of a source the actors and events stages could not name (no table hit, no linked mention).
UNRESOLVED = frozenset({"unresolved", "events:unresolved-subject"})
PARTY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "FAC", "LOC"})


@cache
def agentive_nouns() -> frozenset[str]:
    """The words that name an agent (Phoenix agents dictionary, all words of every entry)."""
    text = data_path("actors", "agentive_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def thing_source(analysis: Analysis, cand: EventCandidate) -> str | None:
    """The head noun when the event's source is a thing rather than a possible actor, else None."""
    source = cand.source
    if source.rule not in UNRESOLVED or source.kind != "actor" or source.country or source.code or source.sectors:
        return None
    span = _span(analysis, source.span.start, source.span.end)
    if span is None or len(span) == 0:
        return None
    head = span.root
    if head.pos_ != "NOUN" or head.tag_ in ("NNP", "NNPS"):
        return None
    if any(t.ent_type_ in PARTY_LABELS or t.pos_ in ("PROPN", "PRON") for t in span):
        return None
    nouns = agentive_nouns()
    if head.lemma_.lower() in nouns or head.lower_ in nouns:
        return None
    return head.lower_


def drop_thing_sources(analysis: Analysis) -> None:
    """Drop the events whose source is a thing, recording each as a warning with its reason."""
    kept = []
    for cand in analysis.candidates:
        head = thing_source(analysis, cand)
        if head is None:
            kept.append(cand)
            continue
        analysis.warnings.append(f"dropped a {cand.type.cameo} event: its source {cand.source.span.text!r} is a "
                                 f"thing, no actor (head noun {head!r} is no agent in the Phoenix agents dictionary)")
    if len(kept) != len(analysis.candidates):
        analysis.candidates[:] = kept


def _span(analysis: Analysis, start: int, end: int) -> Span | None:
    if end <= start or analysis.norm is None or analysis.doc is None:
        return None
    nstart, nend = analysis.norm.to_normalised(start), analysis.norm.to_normalised(end)
    return analysis.doc.char_span(nstart, nend, alignment_mode="expand")
