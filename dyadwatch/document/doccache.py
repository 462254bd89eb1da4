"""Per-document caches of spaCy views that later stages read many times.

Why: ``doc.ents`` and ``span.ents`` build every entity ``Span`` of the whole document on each access; the
dates, places and quantities code asks for a sentence's entities once per event candidate, which made entity
building the largest cost after the parse itself. The cache lives in ``doc.user_data``, so it goes away with the
document and never outlives a change to it (no stage after the parser sets entities).

``token_strings`` does the same for the per-token strings the actor and link stages scan word by word: reading
``t.lower_`` over ``for t in doc`` builds a ``Token`` object per token per pass, which cost more than the scans.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from spacy.attrs import LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

_ENTS = "dw_ents"
_STARTS = "dw_ent_starts"
_STRINGS = "dw_token_strings"


class TokenStrings(NamedTuple):
    """Per-token strings of a document, indexed by token position (read-only lists)."""

    lower: list[str]  # ``t.lower_``
    text: list[str]  # ``t.text``
    lemma: list[str]  # ``t.lemma_.lower()``
    pos: list[str]  # ``t.pos_``


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


def token_strings(doc: Doc) -> TokenStrings:
    """``lower_``, ``text``, lower-cased ``lemma_`` and ``pos_`` of every token, built once per document."""
    cached = doc.user_data.get(_STRINGS)
    if cached is None:
        strings = doc.vocab.strings
        memo: dict[int, str] = {}
        lower_memo: dict[int, str] = {}

        def text_of(key: int) -> str:
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings[key]
            return found

        def lower_of(key: int) -> str:
            found = lower_memo.get(key)
            if found is None:
                found = lower_memo[key] = text_of(key).lower()
            return found

        rows = doc.to_array([LOWER, ORTH, LEMMA, POS]).tolist() if len(doc) else []
        cached = TokenStrings(
            [text_of(r[0]) for r in rows],
            [text_of(r[1]) for r in rows],
            [lower_of(r[2]) for r in rows],
            [POS_NAMES[r[3]] for r in rows],
        )
        doc.user_data[_STRINGS] = cached
    return cached  # type: ignore[no-any-return]
