"""Per-document caches of spaCy views that later stages read many times.

Why: ``doc.ents`` and ``span.ents`` build every entity ``Span`` of the whole document on each access; the
dates, places and quantities code asks for a sentence's entities once per event candidate, which made entity
building the largest cost after the parse itself. The cache lives in ``doc.user_data``, so it goes away with the
document and never outlives a change to it (no stage after the parser sets entities).
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

_ENTS = "dw_ents"
_STARTS = "dw_ent_starts"


def entities(doc: Doc) -> tuple[Span, ...]:
    """The document's named entities, built once."""
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        cached = tuple(doc.ents)
        doc.user_data[_ENTS] = cached
        doc.user_data[_STARTS] = [e.start for e in cached]
    return cached  # type: ignore[no-any-return]


def entities_in(span: Span) -> tuple[Span, ...]:
    """Entities that lie wholly inside ``span`` (what ``span.ents`` returns), from the document's cache."""
    ents = entities(span.doc)
    starts = span.doc.user_data[_STARTS]
    lo = bisect.bisect_left(starts, span.start)
    hi = bisect.bisect_left(starts, span.end)
    return tuple(e for e in ents[lo:hi] if e.end <= span.end)
