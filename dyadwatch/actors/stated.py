"""What an actor's own phrase says about its state beyond the tables' words (countries10): the base a group is
said to have ("militants based in Mali"), the state word on a party name several states share ("the Norwegian
Labour Party"), and whether an organisation's name run into a known person's ("Arctic NATO Brekkestad") leaves the
person the state the article gave them. Kept apart from the resolver, which calls them, to keep each module small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.actors.origins import RULE as ORIGIN_RULE
from dyadwatch.actors.vocabulary import Hit

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.records import Actor

# Participles of having one's base somewhere ("militants based in X", "a group headquartered in X").
BASE_VERBS = frozenset({"base", "headquarter", "headquartered"})
BASED_IN_RULE = "based-in"
# Rules by which a person's own words give their state ("Japan's prime minister X", the dated office table).
OWN_PERSON_RULES = frozenset({"title", "office-holder", "known-person", ORIGIN_RULE})


def based_in(head: Token, hit_at: dict[int, Hit]) -> Hit | None:
    """The place of "militants based in X", "a group headquartered in X": a participle of having one's base
    (``BASE_VERBS``) on the noun, with "in" and a place of one state; None otherwise."""
    for verb in head.children:
        if verb.dep_ != "acl" or verb.lemma_.lower() not in BASE_VERBS:
            continue
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for obj in prep.children:
                hit = hit_at.get(obj.i) if obj.dep_ == "pobj" else None
                if hit is not None and hit.kind in ("country", "capital", "city", "region") \
                        and hit.entry.country and len(hit.entry.country) == 3:
                    return hit
    return None


def state_before_party(places: list[Hit], place: Hit) -> Hit | None:
    """The state's own word (demonym, country, possessive) right before a party's table name, when it names another
    state than the table's ("the Norwegian Labour Party"); None otherwise."""
    if place.kind != "group" or "PTY" not in place.entry.sectors:
        return None
    before = [h for h in places if h.kind in ("demonym", "country") and place.start - 2 <= h.end <= place.start]
    if len(before) != 1 or not before[0].entry.country or before[0].entry.country == place.entry.country:
        return None
    return before[0]


def org_before_name(places: list[Hit], name_tokens: tuple[int, int] | None) -> bool:
    """Whether every table phrase of the unit is an organisation's name standing before the person's name."""
    return name_tokens is not None and all(h.kind in ("org", "petrarch-actor") and h.end <= name_tokens[0]
                                           for h in places)


def state_person(actor: Actor, seen: list[Actor]) -> bool:
    """Whether the person's last mention gave a state that one of their mentions' own words gave (a title, an
    office, a nationality, a stated origin), not an organisation's code."""
    country, entity = actor.country, actor.entity or ""
    if not country or len(country) != 3 or not entity.startswith("person:"):
        return False
    return any(a.entity == entity and a.country == country and a.rule in OWN_PERSON_RULES for a in seen)
