"""Attribution clauses: the words that say who reported a sentence's content, and from where.

Why: news puts the speaker's seat inside the attribution ("..., relief officials in Goma said", "diplomats in
neighbouring Kenya said", "the agency reported from the capital", "according to officials in the province"). That
place is where the speaker sits, not where the reported act happened nor whose people did it: a careful reader never
makes "the fighting killed 20 people, aid workers in X said" X's fighting on the strength of the attribution alone.
The actors stage therefore reads a place inside an attribution as no locative clue of its sentence (``context.py``)
and never as the place of an unidentified agent (``unidentified.py``).

An attribution is, for a reporting verb (the speech verbs of ``quotes.py`` and "report", "confirm", "quote") that
introduces reported content (a clausal complement, or the parenthetical "X said" the parser hangs off the content
as ``parataxis`` or a sentence-final clause): its subject's phrase, its addressee ("told reporters in X") and its
own prepositional modifiers ("said in X", "reported from X"), never its complement. "According to ..." is one
too: the whole phrase after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.actors.quotes import SPEECH_VERBS
from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import token_strings, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Reporting verbs of news style beyond the quotation verbs: a report's source.
REPORTING_VERBS = SPEECH_VERBS | {"report", "confirm", "quote", "cite", "inform"}
# Dependents of a reporting verb that belong to the attribution (who spoke, to whom, where and how).
ATTRIBUTION_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "dobj", "dative", "prep", "npadvmod", "advmod"})
# Dependents that carry the reported content.
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "conj", "advcl", "dep"})
ATTRIBUTION_KEY = "dw_attribution_tokens"


def attribution_tokens(doc: Doc) -> frozenset[int]:
    """Indices of the tokens that lie inside an attribution clause anywhere in ``doc`` (kept with the parse)."""
    found = doc.user_data.get(ATTRIBUTION_KEY)
    if isinstance(found, frozenset):
        return found
    out: set[int] = set()
    strings = token_strings(doc)  # word strings from arrays: a spaCy Token only for the few words that qualify
    lower, lemma, pos = strings.lower, strings.lemma, strings.pos
    every = tokens(doc)
    for i in range(len(every)):
        if lower[i] == "according":
            tok = every[i]
            if any(c.dep_ == "prep" and c.lower_ == "to" for c in dependents(tok)):
                out.update(t.i for t in tok.subtree)
            continue
        if pos[i] not in ("VERB", "AUX") or lemma[i] not in REPORTING_VERBS:
            continue
        tok = every[i]
        if not _reports(tok):
            continue
        for child in dependents(tok):
            if child.dep_ in ATTRIBUTION_DEPS and not _content(child):
                out.update(t.i for t in child.subtree)
    result = frozenset(out)
    doc.user_data[ATTRIBUTION_KEY] = result
    return result


def in_attribution(doc: Doc, start: int, end: int) -> bool:
    """Whether any token of ``doc[start:end]`` lies inside an attribution clause."""
    tokens = attribution_tokens(doc)
    return any(i in tokens for i in range(start, end))


def sentence_attribution(sent: Span) -> frozenset[int]:
    """The attribution tokens of one sentence."""
    tokens = attribution_tokens(sent.doc)
    return frozenset(i for i in range(sent.start, sent.end) if i in tokens)


def _reports(verb: Token) -> bool:
    """Whether the reporting verb introduces content: a clausal complement, or it is the parenthetical "X said"
    hung off (or heading) the content clause."""
    if any(c.dep_ == "ccomp" for c in dependents(verb)):
        return True
    if verb.dep_ == "parataxis":
        return True
    return verb.dep_ == "ROOT" and any(c.dep_ in ("parataxis",) for c in dependents(verb))


def _content(child: Token) -> bool:
    """A dependent that is (or holds) the reported clause, not part of the attribution."""
    if child.dep_ in CONTENT_DEPS:
        return True
    return any(t.dep_ in ("ccomp", "parataxis") for t in dependents(child))
