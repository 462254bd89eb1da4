"""Clauses about the press and about private people that the lexicon reads as political acts (called by the
non-event screen, ``events/nonevents.py``).

Why: two kinds of clause in news match predicate rows and report no political act (docs/audit.md, "A news
outlet's request for comment, and arrivals of migrants or patients, are no political acts"):

- "did not respond to the paper's e-mail requesting comment", "the agency asked the ministry for comment": the
  outlet asks for a statement to report; CAMEO 02 appeals are requests of one political party to another, and the
  press asking for a quote is how news is gathered, not an event: ``comment-request``;
- "thousands of migrants travelled to X", "more than 5,000 tourists arrived in Y", "a new wave of refugees
  arrived": CAMEO 042/043 (make / host a visit) and PLOVER CONSULT are visits of officials and delegations; people
  who move for a living, safety, treatment or leisure, counted in hundreds or more or named for their moving, visit
  no one: ``private-travel``. The words are ``comment``, ``traveller`` and ``crowd`` rows of ``nonevents.tsv``;
- a subheading run into the next sentence when a page was flattened ("Trade boom Exports to X rose ...") is parsed
  as a second subject; it names no one who acts: ``heading``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.found import Found

VISIT_CODES = ("042", "043")
REQUEST_ROOT = "02"
CROWD_SIZE = 100  # a delegation is counted in ones and tens; a movement of people in hundreds or more
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


def _requested(tok: Token) -> list[Token]:
    """What an appeal asks for: its "for" phrase ("asked X for comment"), else its object ("requesting comment")."""
    asked = [p for c in dependents(tok) if c.dep_ == "prep" and c.lower_ == "for"
             for p in dependents(c) if p.dep_ == "pobj"]
    return asked or [c for c in dependents(tok) if c.dep_ == "dobj"]


def comment_request(event: Found, table: dict[str, frozenset[str]]) -> bool:
    """An appeal (CAMEO 02) whose only object is a comment: the press asking for a statement."""
    if not event.cameo.startswith(REQUEST_ROOT):
        return False
    asked = _requested(event.match.token)
    words = table.get("comment", frozenset())
    return bool(asked) and all(a.lemma_.lower() in words or a.lower_ in words for a in asked)


def _subjects(verb: Token) -> list[Token]:
    """A verb's active subjects, or those of the first conjunct it shares them with."""
    tok = verb
    for _ in range(4):
        heading = heading_tokens(tok)
        found = [c for c in dependents(tok) if c.dep_ == "nsubj" and c.i not in heading]
        if found or tok.dep_ != "conj" or tok.head.i == tok.i:
            return found
        tok = tok.head
    return []


def _counted_crowd(noun: Token, table: dict[str, frozenset[str]]) -> bool:
    """"5,000 tourists", "thousands of migrants", "a wave of refugees": people counted in hundreds or more, or a
    group noun of people on the move."""
    if noun.lemma_.lower() in table.get("crowd", frozenset()) or noun.lower_ in table.get("crowd", frozenset()):
        return True
    for c in dependents(noun):
        if c.dep_ == "nummod":
            if c.lower_ in table.get("crowd", frozenset()):
                return True
            text = c.text
            if _NUMBER.match(text) and int(text.replace(",", "")) >= CROWD_SIZE:
                return True
    return False


def _travellers(noun: Token, table: dict[str, frozenset[str]]) -> bool:
    """The subject names people on the move (migrants, tourists, patients), or a crowd of them ("thousands of
    foreigners", "another wave of Somalis", "more than 80,000 visitors")."""
    words = table.get("traveller", frozenset())
    people = [noun] + [p for c in dependents(noun) if c.dep_ == "prep" and c.lower_ == "of"
                       for p in dependents(c) if p.dep_ == "pobj"]
    if any(p.lemma_.lower() in words or p.lower_ in words for p in people):
        return True
    return _counted_crowd(noun, table) and noun.tag_ in ("NNS", "NNPS", "NN")


def private_travel(event: Found, table: dict[str, frozenset[str]]) -> bool:
    """A visit (CAMEO 042/043) made by private people on the move, not by a party's representatives."""
    if event.nominal or not event.cameo.startswith(VISIT_CODES):
        return False
    subjects = _subjects(event.match.token)
    return bool(subjects) and all(_travellers(s, table) for s in subjects)


def heading_tokens(verb: Token) -> set[int]:
    """The tokens of a subheading run into the sentence after it, when text was flattened into one paragraph
    ("Cash crop Thousands of pilgrims flew to ..."), or an empty set: the verb has two
    subjects side by side with no conjunction, the first a capitalised phrase with no verb or punctuation of its
    own that opens the sentence, the second opening with a capital too."""
    subjects = sorted((c for c in dependents(verb) if c.dep_ in ("nsubj", "nsubjpass")), key=lambda t: t.i)
    if len(subjects) < 2:
        return set()
    first, second = subjects[:2]
    heading = list(first.subtree)
    if heading[0].i != first.sent.start or not heading[0].text[:1].isupper() \
            or heading[-1].i + 1 != second.left_edge.i or not second.left_edge.text[:1].isupper():
        return set()
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in heading):
        return set()
    if first.pos_ != "NOUN" or first.ent_type_:
        return set()  # a name the parser split in two ("Jabhat Fateh ...") is one subject, not a heading
    if second.pos_ == "PROPN" or second.left_edge.pos_ == "PROPN" or second.left_edge.ent_type_ in ("GPE", "ORG"):
        return set()  # "Old rivals Chile and Peru signed ...": a description before the names it describes
    return {t.i for t in heading}


def strip_heading(event: Found) -> bool:
    """Drop the sources a run-in subheading gave an event; True when none is left (the event is no event)."""
    if event.nominal or not event.sources:
        return False
    heading = heading_tokens(event.match.token)
    if not heading:
        return False
    event.sources = [a for a in event.sources if a.token not in heading]
    return not event.sources
