"""The possessor of an act done to people is its patient: "his arrest", "their abduction", "the reporter's killing"
(issue 20, eighth round; used by the Coder's event nouns).

Why: English puts the undergoer of many nominalised acts in the possessive when no "of"-object takes that role
(NomBank's ARG1 of "arrest", "abduction", "release"...), and a reader never takes "her release was welcomed" to
say that she freed someone. Read as the owner of the act, as every other event noun's possessor is ("Russia's
invasion"), the victim became the abductor, the expeller or the one who freed. Which nouns work this way is data
(``linking/undergoer_nouns.tsv``, each with its reason). Only a person, a personal pronoun or a group of people
is taken as undergoer: a state or an organ as possessor stays the agent ("Iran's execution of two men", "the
army's arrest of protesters"), and so does any possessor of a noun whose "of"-object already names the undergoer.
The agent is then the noun's "by" phrase or no one (an implicit agent, as for a passive with none).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.arguments import Arg
from dyadwatch.events.lexicon import listed_words
from dyadwatch.events.syntax import np_bounds, preps
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.arguments import Arguments

# Possessive pronouns of persons; "its" stands for a state, an organ or a thing, whose act the noun stays.
PERSONAL_POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your"})
# Named entities that are states, organisations or places, never a person undergoing the act.
NOT_PERSON_LABELS = frozenset({"GPE", "ORG", "NORP", "LOC", "FAC"})
# Plural heads that name a state's organ as a whole, not a group of persons ("the authorities' detention ...").
COLLECTIVE_ORGANS = frozenset({"authority", "authorities", "government", "force", "forces", "police", "army",
                               "military", "ministry", "court", "regime", "administration"})


@lru_cache(maxsize=1)
def load_undergoer_nouns() -> frozenset[str]:
    """Event nouns whose possessor is their undergoer: ``linking/undergoer_nouns.tsv``."""
    return listed_words("linking", "undergoer_nouns.tsv")


def _is_people(poss: Token, args: Arguments) -> bool:
    """A person, a personal pronoun or a group of people (not a state, an organisation or an organ)."""
    if poss.pos_ == "PRON":
        return poss.lower_ in PERSONAL_POSSESSIVES
    if poss.ent_type_ in NOT_PERSON_LABELS:
        return False
    if poss.ent_type_ == "PERSON":
        return True
    if poss.pos_ != "NOUN":
        return False
    lemma = poss.lemma_.lower()
    if lemma in COLLECTIVE_ORGANS or poss.lower_ in COLLECTIVE_ORGANS:
        return False
    return lemma in args.person_nouns or poss.tag_ == "NNS"


def possessed_undergoer(noun: Token, args: Arguments) -> Arg | None:
    """The person or group an event noun's possessor names as the one the act befalls ("their abduction" ->
    them), or None when the possessor is the agent, a state, an organ, or the noun has an "of"-object."""
    if noun.lemma_.lower() not in load_undergoer_nouns() and noun.lower_ not in load_undergoer_nouns():
        return None
    if any(p for p in preps(noun).get("of", [])):
        return None  # "the militia's abduction of two engineers": the possessor did it
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)
    if poss is None or not _is_people(poss, args):
        return None
    arg = args.np(poss)
    if arg is not None and arg.actor.country and not arg.actor.sectors and poss.ent_type_ != "PERSON" \
            and poss.pos_ != "PRON":
        return None  # a bare state named by a common noun ("the country's expulsion ...")
    if arg is None:
        arg = _unresolved(poss, args)
    return arg


def _unresolved(poss: Token, args: Arguments) -> Arg | None:
    """A possessor the actors stage left unresolved, as an actor with no country ("the girls'" -> "the girls"):
    the possessive ending is not part of the name."""
    if poss.pos_ == "PRON":  # the text's own pronoun, its antecedent left to the actors stage as for any mention
        span = args.analysis.span(poss.i, poss.i + 1)
        return Arg(Actor(span=span, name=None, rule="events:unresolved-pronoun"), poss.i, False)
    return named_unresolved(poss, args)


def named_unresolved(tok: Token, args: Arguments) -> Arg | None:
    """A noun phrase the actors stage left unresolved, as an actor with no country ("the mayor's" -> "the
    mayor"): the possessive ending is not part of the name."""
    arg = args.unresolved(tok)
    if arg is None:
        return None
    start, end = np_bounds(tok)
    while end - 1 > start and tok.doc[end - 1].dep_ == "case":
        end -= 1
    span = args.analysis.span(start, end)
    return Arg(Actor(span=span, name=span.text, rule=arg.actor.rule), arg.token, False)


def named_agent(noun: Token, args: Arguments) -> Arg | None:
    """The agent an undergoer noun names in its own "by" phrase ("his arrest by Kenyan police")."""
    for pobj in preps(noun).get("by", []):
        arg = args.np(pobj)
        if arg is not None:
            return arg
    return None
