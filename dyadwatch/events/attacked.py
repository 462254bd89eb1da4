"""Who an act of force is aimed at when the sentence names a weapon, a thing or a place instead of a party (issue 20,
seventh round; mixed into the Coder's target search through ``targets``).

Why: news reports an attack by its means and by what was hit. "Rebels fired Russian-made rockets at government
positions in Goma" names three countries' worth of words, and only one is attacked: the rockets are the means (CAMEO
194 "fight with artillery", 195 "employ aerial weapons", 204 "use weapons of mass destruction" define the event by
its weapon), so their maker or owner is never the target; the recipient is the phrase after at/on/against/into, or
the place that phrase's thing stands in. "Israeli jets bombed a bridge near the Lebanese town of Tyre": no party is
attacked by name, but the PLOVER manual codes ASSAULT's recipient as who is attacked, and the state a bridge, a
camp or a town lies in is who suffers it (as the CAMEO coders code "shelled X's villages" against X). Two helpers:

- ``means_objects``: the objects of a force row that constrain their class to a means of force (``means.tsv``);
- ``attacked_places``: the one state the attacked things lie in, read through their own modifiers and place
  phrases, a bounded number of steps; none when the things lie in two states.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.arguments import Arg, Arguments
from dyadwatch.events.lexicon import Lexicon, _rows
from dyadwatch.events.matcher import Match
from dyadwatch.events.syntax import NOUN_POS, conjuncts, preps
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

# Prepositions after an act of force that name what it hits ("fired at", "air strikes on", "rocket fire against",
# "rockets into"); read on the verb, on its means object and on the event noun it carries.
ATTACK_PREPS = ("at", "on", "upon", "against", "into")
# Prepositions by which a thing or place says where it lies ("camps in X", "a bridge near X", "positions across the
# border in X", "the town of X"). Not "to"/"toward" (where something goes) nor "from" (where it came from).
WHERE_PREPS = ("in", "inside", "near", "outside", "across", "around", "along", "at", "of", "on")
# Nouns of a line between two states: "camps near the Thai border" lie on either side of it, so the demonym names
# no state the camps lie in; the line's own place phrase still may ("across the border in X").
DIVIDING_NOUNS = frozenset({"border", "frontier", "boundary", "borderline"})
MAX_PLACE_STEPS = 3  # "positions across the border in X": thing -> border -> X
TIME_LABELS = frozenset({"DATE", "TIME"})  # named-entity labels of points in time
# CAMEO codes of material conflict whose recipient is the one attacked or dispossessed (PLOVER ASSAULT, and COERCE
# seize / destroy property); not MOBILIZE or a threat: a place of deployment is no victim.
ATTACK_CODES = ("18", "19", "20", "1711", "1712")


@lru_cache(maxsize=1)
def load_means() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """The means-of-force classes, the CAMEO prefixes of acts of force and the means nouns the classes lack, from
    ``linking/means.tsv``."""
    classes: set[str] = set()
    roots: list[str] = []
    nouns: set[str] = set()
    for _line, (kind, value, _reason) in _rows(data_path("linking", "means.tsv"), 3):
        if kind == "class":
            classes.add(value)
        elif kind == "root":
            roots.append(value)
        elif kind == "noun":
            nouns.add(value.lower())
    return frozenset(classes), tuple(roots), frozenset(nouns)


def _means_words(noun: Token) -> list[str]:
    """The words that may name a weapon in a noun phrase: its head, and for "fire" its compounds ("rocket fire",
    "artillery fire"). Never another head's modifier: "gas pipelines" are pipelines, not gas."""
    words = [noun.lemma_.lower(), noun.lower_]
    if noun.lemma_.lower() == "fire":
        words += [c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    return words


def is_means(noun: Token, lex: Lexicon) -> bool:
    """Whether the noun names a weapon or a means of force (a class of ``means.tsv``)."""
    classes, _roots, nouns = load_means()
    words = _means_words(noun)
    return any(word in nouns for word in words) or any(lex.in_class(cls, word) for word in words for cls in classes)


def means_objects(match: Match, lex: Lexicon) -> frozenset[int]:
    """Indices of the nouns an act of force takes as its instrument: the objects of a row that constrained their
    class ("fired Iranian-made missiles at X", "hurled stones at police", "used chemical weapons on X"), and the
    direct objects of a row that took its own object from a preposition ("fired tear gas at demonstrators": the
    row is "fire at"). Only acts of force: "seized Iranian weapons" or "sold arms to X" keep their object, and a
    weapon the row took as what is hit ("attacked an Israeli tank") is the patient, not the means."""
    classes, roots, _nouns = load_means()
    if not match.cameo.startswith(roots):
        return frozenset()
    taken = {o.i for o in match.objects}
    # the row's own object class must be a means ("target + MILITARY" hits a military vehicle, it is no weapon)
    nouns = [o for o in match.objects if match.object_is_thing and match.entry.obj in classes]
    nouns += [d for c in match.token.children if c.dep_ == "dobj" and c.i not in taken for d in conjuncts(c)]
    return frozenset(o.i for o in nouns if o.pos_ in NOUN_POS and is_means(o, lex))


def attacked_things(verb: Token, match: Match, means: frozenset[int]) -> list[Token]:
    """The nouns an act of force hits: its objects that are not its means, and the objects of the attack phrases
    of the verb, of its means object and of the event noun it carries ("launched rocket fire against camps")."""
    heads = [verb, *(o for o in match.objects if o.i in means)]
    if match.light_noun is not None:
        heads.append(verb.doc[match.light_noun])
    things = [o for o in match.objects if o.i not in means and o.i != match.light_noun and o.pos_ in NOUN_POS]
    for head in heads:
        pp = preps(head)
        for key in ATTACK_PREPS:
            things.extend(t for t in pp.get(key, []) if t.pos_ in NOUN_POS)
    # a point in time is no thing hit: a date's own phrase ("on May 2 close to X") is no place of the act
    return [c for t in things for c in conjuncts(t) if c.ent_type_ not in TIME_LABELS]


def _states_of(noun: Token, args: Arguments, steps: int, out: dict[str, Arg]) -> None:
    """Collect the states a thing or place lies in: its own party (a demonym, "the Lebanese town"), else the
    places of its phrases of where, followed ``steps`` times at most (a bounded walk down the parse)."""
    arg = args.np(noun) if noun.lemma_.lower() not in DIVIDING_NOUNS else None
    if arg is not None and arg.actor.country:
        out.setdefault(arg.actor.country, arg)
        return
    if steps <= 0:
        return
    pp = preps(noun)
    for key in WHERE_PREPS:
        for place in pp.get(key, []):
            if place.pos_ in NOUN_POS and place.ent_type_ not in TIME_LABELS:
                _states_of(place, args, steps - 1, out)


def attacked_places(verb: Token, match: Match, args: Arguments, lex: Lexicon) -> list[Arg]:
    """The state the things an act of force hits lie in, when they lie in exactly one: "bombed a bridge near the
    Lebanese town of Tyre" -> Lebanon, "fired at positions across the border in X" -> X. Nothing for other acts,
    when a thing names a party itself (the strict rules took it), or when the things lie in two states."""
    if not match.cameo.startswith(ATTACK_CODES):
        return []
    states: dict[str, Arg] = {}
    for thing in attacked_things(verb, match, means_objects(match, lex)):
        if args.mention(thing) is not None:
            continue  # a party attacked by name is the object's or the phrase's rule, not a place's
        if is_means(thing, lex):
            continue  # a helicopter shot down, a tank hit: the machine is its operator's, wherever it is
        _states_of(thing, args, MAX_PLACE_STEPS, states)
    return list(states.values()) if len(states) == 1 else []
