"""The working document that pipeline stages fill in, like spaCy's ``Doc``.

Stages see token indices into the parsed (normalised) text; the records they produce carry offsets into the
original text. ``Analysis.span`` and ``Analysis.char_span`` do that mapping, in one place.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyadwatch.records import (
    Actor,
    Article,
    Event,
    EventDate,
    EventType,
    Location,
    Quantity,
    Sentence,
    TextSpan,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dyadwatch.config import Settings
    from dyadwatch.document.normalise import NormalisedText


@dataclass(slots=True)
class Mention:
    """An actor mention found in the parse: a token range of ``Analysis.doc`` and its resolved actor."""

    start: int  # first token index
    end: int  # one past the last token index
    actor: Actor
    head: int = -1  # syntactic head token of the mention (defaults to the last token)

    def __post_init__(self) -> None:
        if self.head < 0:
            self.head = self.end - 1


@dataclass(slots=True)
class EventCandidate:
    """An event found by the events stage, before dates and places are attached.

    Token positions refer to ``Analysis.doc``; ``trigger`` is ``(start, end)`` token indices.
    """

    sentence_index: int
    trigger: tuple[int, int]
    source: Actor
    target: Actor | None
    type: EventType
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    quantities: tuple[Quantity, ...] = ()
    rule: str = ""
    nominal: bool = False  # found from a noun ("the rejection", "Pelosi's visit") rather than a verb
    date: EventDate | None = None
    location: Location | None = None
    # Candidate indices this event responds to (cause -> response links found in the text).
    responds_to: list[int] = field(default_factory=list)
    # Free-form notes stages leave for later stages (e.g. an anchor event for "days after the meeting").
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Analysis:
    """Everything known about one article while it moves through the pipeline."""

    article: Article
    settings: Settings
    norm: NormalisedText | None = None
    doc: Doc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)  # first token index of each sentence
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[EventCandidate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Sentences that give no events (a discard phrase: sports, entertainment), set by the actors stage.
    discarded: set[int] = field(default_factory=set)

    # --- offset mapping: normalised/tokens -> original text -------------------------------------------------
    def char_span(self, start: int, end: int) -> TextSpan:
        """A span of the original text for a normalised character range."""
        assert self.norm is not None, "normalise must run first"
        ostart, oend = self.norm.to_original(start, end)
        return TextSpan(ostart, oend, self.article.text[ostart:oend])

    def span(self, token_start: int, token_end: int) -> TextSpan:
        """A span of the original text for a token range ``[token_start, token_end)`` of ``doc``."""
        assert self.doc is not None, "parse must run first"
        if token_end <= token_start:
            tok = self.doc[token_start]
            return self.char_span(tok.idx, tok.idx)
        from dyadwatch.document.doccache import token_offsets, token_strings  # imports spaCy: not at start-up

        # read from the document's arrays: stages ask for thousands of spans per article, a ``Token`` each end
        starts, words = token_offsets(self.doc), token_strings(self.doc).text
        return self.char_span(starts[token_start], starts[token_end - 1] + len(words[token_end - 1]))

    def sentence_of(self, token_index: int) -> int:
        """Index in ``sentences`` of the sentence that holds a token."""
        return max(bisect.bisect_right(self.sent_starts, token_index) - 1, 0)

    def token(self, index: int) -> Token | None:
        """The token at ``index`` of ``doc``, or None (not parsed yet, or an index outside the document)."""
        doc = self.doc
        return doc[index] if doc is not None and 0 <= index < len(doc) else None

    def sentence_tokens(self, index: int) -> Span:
        """The spaCy span of sentence ``index``."""
        assert self.doc is not None
        start = self.sent_starts[index]
        end = self.sent_starts[index + 1] if index + 1 < len(self.sent_starts) else len(self.doc)
        return self.doc[start:end]

    def mentions_in(self, token_start: int, token_end: int) -> list[Mention]:
        """Actor mentions that lie inside a token range."""
        return [m for m in self.mentions if m.start >= token_start and m.end <= token_end]
