"""Recipient frames, control complements and support verbs: where an event's target sits when it is not the
verb's own object or phrase (issue 20 items 1-3; mixed into the Coder's target search).

Why: news states many recipients one step away from the predicate. A verb acts upon an event noun whose own
phrase names the party ("welcomed the resumption of ties with X", "backed a boycott of talks with X"); a
verb of agreeing, refusing or threatening governs an infinitive whose object is the one affected ("agreed to
supply X with", "refused to let X", "vowed to punish X": CAMEO codes the intent, the refusal or the threat as
aimed at X); a support verb ("held talks", "lodged a complaint", "provided $40 million in aid") carries an
event noun whose type is the event's. Which preposition of a noun marks its recipient is data
(``recipient_frames.tsv``); the support verbs are data too (``support_verbs.tsv``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.arguments import Arg, Arguments
from dyadwatch.events.lexicon import FOLDER, _rows
from dyadwatch.events.syntax import NOUN_POS, VERB_POS, preps
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_OF_DEPTH = 3  # "the resumption of formal ties with X": nouns walked through "of" phrases
# CAMEO roots whose event takes the recipient of the act it governs (codebook: 03 intent "to provide X with",
# 08 yield "decided to allow X", 12 reject "refused to let X", 13 threaten "vowed to punish X", 10 demand).
CONTROL_ROOTS = ("03", "08", "10", "12", "13")
# Prepositions of a governed act that name whom it affects ("to supply aid to X", "to impose sanctions on X").
COMPLEMENT_PREPS = ("to", "with", "against", "on", "upon", "toward", "towards", "for", "from")


@lru_cache(maxsize=1)
def load_frames() -> dict[str, tuple[str, ...]]:
    """lemma -> the prepositions that name its recipient, from ``recipient_frames.tsv``."""
    out: dict[str, tuple[str, ...]] = {}
    for _line, (lemma, _pos, prep_list, _reason) in _rows(data_path(FOLDER, "recipient_frames.tsv"), 4):
        out[lemma.lower()] = tuple(p.strip().lower() for p in prep_list.split(",") if p.strip())
    return out


@lru_cache(maxsize=1)
def load_support_verbs() -> dict[str, bool]:
    """verb -> whether its event noun may come in an "in" phrase after a quantity ("$5m in aid")."""
    return {verb.lower(): flag.strip().lower() == "yes"
            for _line, (verb, flag, _reason) in _rows(data_path(FOLDER, "support_verbs.tsv"), 3)}


def of_chain(noun: Token) -> list[Token]:
    """The noun and the nouns its "of" phrases lead to: "the resumption of ties" -> [resumption, ties]."""
    chain = [noun]
    current = noun
    for _ in range(MAX_OF_DEPTH):
        nxt = [t for t in preps(current).get("of", []) if t.pos_ in NOUN_POS]
        if not nxt or nxt[0].i in {c.i for c in chain}:
            break
        current = nxt[0]
        chain.append(current)
    return chain


def framed_recipients(noun: Token, args: Arguments, frames: dict[str, tuple[str, ...]]) -> list[Arg]:
    """Parties a noun acted upon addresses through its frame, at the noun or down its "of" chain.

    "welcomed the resumption of formal diplomatic ties with X / between X and Y" -> X (and Y): "resumption"
    frames "of", so the walk goes on to "ties", whose frame is "with"/"between". A noun's "of" phrase counts as
    a recipient only when the frame says so ("criticism of X") and it names a party.
    """
    for tok in of_chain(noun):
        wanted = frames.get(tok.lemma_.lower()) or frames.get(tok.lower_)
        if not wanted:
            continue
        pp = preps(tok)
        if tok.dep_ == "dobj" and tok.head.pos_ in VERB_POS:
            # the parser often hangs the noun's phrase on the verb ("restore ties with X on Monday")
            for key, objs in preps(tok.head).items():
                later = [o for o in objs if o.i > tok.i]
                if later:
                    pp.setdefault(key, later)
        for prep in wanted:
            found = args.split([t for t in pp.get(prep, []) if t.pos_ in NOUN_POS | {"PRON"}])
            found = [a for a in found if a.actor.country or a.actor.sectors]
            if found:
                return found
    return []


def complement_recipients(verb: Token, args: Arguments, depth: int = 0) -> list[Arg]:
    """Whom the act governed by a control verb is aimed at: "agreed to provide X with", "refused to allow X
    planes to land", "vowed to punish X". The complement's object, indirect object, the subject of a
    causative's own complement ("allow X to land"), then its recipient phrases; one level deeper at most."""
    for comp in verb.children:
        if comp.dep_ != "xcomp" or comp.pos_ not in VERB_POS:
            continue
        objects = [c for c in comp.children if c.dep_ in ("dobj", "dative") and c.pos_ in NOUN_POS | {"PRON"}]
        found = [a for a in args.split(objects) if a.actor.country or a.actor.sectors]
        if found:
            return found
        for inner in comp.children:  # "to allow UN planes to land": the causative's complement's subject
            if inner.dep_ in ("ccomp", "xcomp") and inner.pos_ in VERB_POS:
                subjects = [c for c in inner.children if c.dep_ == "nsubj"]
                found = [a for a in args.split(subjects) if a.actor.country or a.actor.sectors]
                if found:
                    return found
        pp = preps(comp)
        for prep in COMPLEMENT_PREPS:
            found = [a for a in args.split(pp.get(prep, [])) if a.actor.country or a.actor.sectors]
            if found:
                return found
        if depth < 1:
            found = complement_recipients(comp, args, depth + 1)
            if found:
                return found
    return []
