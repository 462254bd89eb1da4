"""The time of a statement: the stance or intent a verb of saying reports is dated when it was said.

News codes much of what it reports from speech: "X said on Tuesday it would meet Y", "told reporters Monday it
does not recognise the court", "'We expect Z to withdraw,' the ministry said Wednesday". The act the coder reads
from the complement (an offer, a refusal, a demand) is the statement itself, so its date is the saying verb's,
whatever the complement's tense: a present stance holds when it is stated, and a plan ("would meet", "plans to
expel") is a plan made then. ``structure._up`` refuses these complements on purpose (the date of what is planned
is not the date of the plan), so this walk is separate and comes after every date of the event's own: it climbs
from the trigger through complements and coordinations to the nearest verb of saying, and reads that verb's date
the usual way (its own clause, then ``structure.governors``: a fronted "Speaking at X on Tuesday," or a "told
reporters at a briefing Thursday" that governs it).

A pluperfect on the way ("said Z had attacked") lies before the statement and keeps the bound rules of
``resolve``; a verb of saying in the future ("will say") dates nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.dating.structure import MAX_STEPS, NOMINAL, VERBAL, complement_words, governors, tense
from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of

if TYPE_CHECKING:
    from spacy.tokens import Token

# The links a reported act climbs to its verb of saying: the complement of the saying verb or of a verb inside
# it ("said Peru plans to expel ..."), and coordination ("said it rejects X and would appeal").
CLIMB_DEPS = frozenset({"ccomp", "xcomp", "conj"})
# The roles in which a nominal trigger is the argument of the verb that tells what happens to it ("said the
# levies would apply from Friday").
NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})


def saying_verb(root: Token) -> Token | None:
    """The verb of saying whose complement holds ``root``'s act, at most ``MAX_STEPS + 2`` links up, or None."""
    say = complement_words()["statement_verbs"]
    tok = root
    if tok.pos_ in NOMINAL:
        if tok.dep_ not in NOUN_ROLES or head_of(tok).pos_ not in VERBAL:
            return None
        tok = head_of(tok)
    for _ in range(MAX_STEPS + 2):
        if tok.pos_ in VERBAL and tense(tok) == "pluperfect":
            return None  # told as before the statement: not its time
        head = head_of(tok)
        if head.i == tok.i or tok.dep_ not in CLIMB_DEPS:
            return None
        if tok.dep_ == "ccomp" and head.lemma_.lower() in say and head.pos_ in VERBAL:
            return None if tense(head) == "future" else head
        tok = head
    return None


def statement_chain(root: Token) -> list[tuple[Token, str]]:
    """The verb of saying above ``root`` and the predicates that date it, each with its path (``statement``
    first), nearest first; empty when ``root`` is not reported speech."""
    verb = saying_verb(root)
    if verb is None:
        return []
    return [(verb, "statement"), *((tok, f"statement+{path}") for tok, path in governors(verb))]


def ongoing(root: Token) -> bool:
    """The act is told in the present or the future ("Peru is pressing to close the accord now that Chile said
    last month ...", "will reopen the border after the vote"): a relation to another event only bounds when it
    began or will begin, it does not date it; the act is the news of the day (its statement's date, if any).
    The verb is the trigger's, or the one its to-infinitive or noun hangs from (at most ``MAX_STEPS`` links)."""
    tok = root
    if tok.pos_ in NOMINAL and tok.dep_ in NOUN_ROLES and head_of(tok).pos_ in VERBAL:
        tok = head_of(tok)
    for _ in range(MAX_STEPS):
        if tok.pos_ not in VERBAL:
            return False
        t = tense(tok)
        if t != "nonfinite":
            return t in ("present", "future") and not any(c.lower_ == "going" for c in dependents(tok))
        if tok.dep_ != "xcomp" or head_of(tok).i == tok.i:
            return False
        tok = head_of(tok)
    return False
