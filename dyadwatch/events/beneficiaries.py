"""Whom aid is for: the people in an aid act's recipient phrase ("provided food to children in X"), as the target
(issue 20, targets round 8).

Why: CAMEO 07 and the PLOVER manual's AID code the recipient of aid, whom it is given to. The actor tables name a
state's people only with a demonym ("Sudanese children"), so "children in Sudan", "orphans", "women and girls"
gave no actor; the recipient phrase was passed over and the last-resort place rule named the state of its "in"
phrase, or nothing. Here such a noun of people (``linking/beneficiary_nouns.tsv``) in the "to"/"for" phrase of an
aid act is the target: a civilian group (CVL, as the actor tables code families and villagers), placed by its own
place phrase ("in Sudan") when it has one and otherwise left for the events stage's placing. Resolved parties
("families in Chad", "the Red Crescent") keep the strict rules; only the aid roots take this rule, since a
recipient phrase of another act ("crimes against children") names no recipient of the act itself.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.arguments import Arg
from dyadwatch.events.lexicon import _rows
from dyadwatch.events.syntax import conjuncts, np_bounds, preps, verb_preps
from dyadwatch.records import Actor
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.arguments import Arguments
    from dyadwatch.events.matcher import Match

# CAMEO 07 "provide aid" and 033 "express intent to provide material aid" (0331-0334): both name whom the aid is
# for; not 023 "appeal for aid", whose target is the one asked
AID_CODES = ("07", "033")
BENEFIT_PREPS = ("to", "for", "dative")
SECTOR = "CVL"  # the actor codebook's civilians, as roles.tsv codes families, villagers and residents


@lru_cache(maxsize=1)
def load_beneficiary_nouns() -> frozenset[str]:
    """Nouns of people who receive aid: ``linking/beneficiary_nouns.tsv``."""
    return frozenset(noun.lower() for _line, (noun, _reason) in _rows(data_path("linking", "beneficiary_nouns.tsv"), 2))


def is_aid(match: Match) -> bool:
    """An act of giving aid, or a stated intent to give it ("pledged to send medicines to X")."""
    return match.cameo.startswith(AID_CODES) or match.entry.cameo.startswith(AID_CODES)


def _people(tok: Token, nouns: frozenset[str]) -> Token | None:
    """The noun of people a phrase names, itself or its counted group ("thousands of children"), else None."""
    if tok.lower_ in nouns or tok.lemma_.lower() in nouns:
        return tok
    if tok.like_num or tok.lemma_.lower() in ("thousand", "million", "hundred", "dozen", "number", "group"):
        for pobj in preps(tok).get("of", []):
            if pobj.lower_ in nouns or pobj.lemma_.lower() in nouns:
                return pobj
    return None


def beneficiaries(verb: Token, match: Match, args: Arguments) -> list[Arg]:
    """The people an aid act is for, from the verb's (or its object's) first recipient phrase that names them.

    Bounded: the verb's own phrases and those of its direct objects (``verb_preps``), their coordinated nouns,
    one counting "of" step."""
    if not is_aid(match):
        return []
    nouns = load_beneficiary_nouns()
    found = verb_preps(verb)
    for obj in match.objects:  # "provided food aid to children": the phrase hangs on the object the row took
        for key, objs in preps(obj).items():
            found.setdefault(key, objs)
    for key in BENEFIT_PREPS:
        out: list[Arg] = []
        seen: set[int] = set()
        for pobj in found.get(key, []):
            for tok in conjuncts(pobj):
                if tok.i in seen:
                    continue
                seen.add(tok.i)
                if args.mention(tok) is not None:
                    continue  # a party the actors stage resolved is the strict rules' to take
                people = _people(tok, nouns)
                if people is not None and args.mention(people) is None:
                    out.append(_group(tok, people, args))
        if out:
            return out
    return []


def _group(head: Token, people: Token, args: Arguments) -> Arg:
    """A civilian group for the phrase, placed by its own place phrase (or its counted noun's) if it has one."""
    start, end = np_bounds(head)[0], max(np_bounds(head)[1], np_bounds(people)[1] if people is not head else 0)
    span = args.analysis.span(start, end)
    place = args.located(people) or (args.located(head) if head is not people else None)
    country = place.actor.country if place is not None else None
    code = f"{country}{SECTOR}" if country else f"---{SECTOR}"
    actor = Actor(span=span, name=span.text, country=country, sectors=(SECTOR,), code=code,
                  rule="events:beneficiary", entity=f"{code}:{people.lemma_.lower()}")
    return Arg(actor, people.i, False)
