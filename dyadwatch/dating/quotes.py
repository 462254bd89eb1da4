"""A quotation that goes on past its sentence: it was said when the statement before it was.

News reports a speech over several sentences and dates it once: "'We will not withdraw,' the minister said on
Tuesday. 'If they cross the line again, we will expel their envoy.'" or "... He added that the talks were over."
The second sentence names no time; what it reports (a threat, a refusal, a plan) is the same statement, made on
the same day. ``statements.saying_verb`` dates acts by a verb of saying in their own sentence; this module finds,
for an act with no time of its own, the verb of saying of the sentence before whose statement it continues:

* a sentence that is all quotation (it opens with a quotation mark, or the quotation the sentence before opened is
  still open) and has no verb of saying of its own outside the quotation continues the quotation of the sentence
  before, when that sentence reports one (it has a quotation mark and a verb of saying);
* a verb of saying with no time ("he added", "she said") whose subject is a personal pronoun, or the same name as
  the subject of the saying verb before, is the same speaker going on; so is a quotation that verb attributes
  from outside it, whatever clause of the quotation the act sits in ('"Now is no time to lift X," said the envoy').

A verb of saying in the future, a sentence that names any time, or a sentence before with no verb of saying
breaks it; only one sentence back (a quotation three sentences on may be another speaker's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.dating.statements import saying_verb
from dyadwatch.dating.structure import VERBAL, complement_words, tense
from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import span_tokens
from dyadwatch.document.quotation import is_mark, left_open, opens, quoted_tokens

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dyadwatch.document.analysis import Analysis

# How many sentences back a quotation that runs on looks for the sentence that attributes it.
QUOTE_BACK = 3
# Pronouns that take up the speaker just named ("he added", "she said").
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "it"})


def _saying_verbs(sent: Span, outside: set[int] | None = None) -> list[Token]:
    """Verbs of saying of ``sent`` not in the future ("will say" dates nothing), optionally only those outside the
    token indices ``outside`` names as quoted."""
    say = complement_words()["statement_verbs"]
    return [t for t in span_tokens(sent) if t.lemma_.lower() in say and t.pos_ in VERBAL and tense(t) != "future"
            and (outside is None or t.i not in outside)]


def _subject(verb: Token) -> Token | None:
    return next((c for c in dependents(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)


def _same_speaker(subject: Token | None, before: Token) -> bool:
    """The subject of the saying verb takes up the speaker of ``before``: a personal pronoun, or the same name."""
    if subject is None:
        return False
    if subject.lower_ in SPEAKER_PRONOUNS:
        return True
    named = _subject(before)
    return named is not None and subject.lemma_.lower() == named.lemma_.lower()


def _all_quotation(analysis: Analysis, si: int) -> bool:
    """Sentence ``si`` is all quotation: it opens one (or goes on with the one the sentence before left open) and
    has no verb of saying of its own outside it."""
    sent = analysis.sentence_tokens(si)
    still_open = si > 0 and left_open(analysis.sentence_tokens(si - 1))
    first = next((t for t in span_tokens(sent) if not t.is_space), None)
    if first is None or not (still_open or opens(first, sent)):
        return False
    return not _saying_verbs(sent, quoted_tokens(sent, still_open))


def previous_statement(analysis: Analysis, si: int, root: Token) -> tuple[Token, str] | None:
    """The verb of saying before sentence ``si`` whose statement the act at ``root`` (in sentence ``si``, which
    names no time) continues, and how ("quote" or "speaker"); None when it is not a continuation. A speaker goes
    on from the sentence right before; a quotation from the nearest sentence (at most ``QUOTE_BACK`` back) that
    attributes it, across sentences that are all quotation themselves."""
    if si < 1:
        return None
    sent, before = analysis.sentence_tokens(si), analysis.sentence_tokens(si - 1)
    own = saying_verb(root)
    if own is None:  # '"Now is no time to lift X," said the envoy': the act deep in the quotation its verb attributes
        quoted = quoted_tokens(sent, left_open(before))
        outside = _saying_verbs(sent, quoted) if root.i in quoted else []
        own = outside[0] if outside else None
    if own is not None:  # "he added": the same speaker, no time of its own
        verb = next((v for v in reversed(_saying_verbs(before)) if _same_speaker(_subject(own), v)), None)
        return None if verb is None else (verb, "speaker")
    still_open = left_open(before)
    if not _all_quotation(analysis, si) or root.i not in quoted_tokens(sent, still_open):
        return None
    for sj in range(si - 1, max(si - 1 - QUOTE_BACK, -1), -1):
        earlier = analysis.sentence_tokens(sj)
        verbs = _saying_verbs(earlier)
        if verbs and any(is_mark(t) for t in earlier):
            return verbs[-1], "quote"  # the sentence that attributes the quotation
        if verbs or not _all_quotation(analysis, sj):
            return None  # an indirect statement, or a sentence that is no quotation: nothing to continue
    return None
