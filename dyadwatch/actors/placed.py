"""Local attackers, police, crowds and rebels with no state word take the state of the place they act in.

Why: international news names the doer of local violence and unrest by what it is, not whose it is: "a suicide
bomber struck a crowded market in X", "gunmen opened fire on a bus near X", "police fired tear gas at
protesters in X", "rebels captured the town of X". The actor tables give such a mention a sector (or nothing, for
"a suicide bomber") and no state, so the event has no source country and is lost to every dyad series. The ICEWS
and GDELT convention codes them as the local actor of the state the act happens in ("Insurgent (Iraq)",
"Police (Kenya)"); ``unidentified-in-place`` (``actors/unidentified.py``) already does so for the agentless
passive. This rule (``actor-in-place``) does it for the explicit subject.

It gives the source of a material act (CAMEO 14-20: protest, force posture, coercion, assault, fight, mass
violence) whose head noun is one of ``data/actors/placed_actors.tsv`` the state of the place the sentence puts
the act in: the event's place from the places stage when the sentence names it and it attaches to the act (never
a dateline, a place carried over from another sentence, or a speaker's seat), else the one state the sentence's
locative phrases name. It stays silent, rather than guess, when:

- the actor is one the text could place elsewhere: soldiers, troops, forces, fighters and aircraft are not in
  the table (often another state's), and an outsider ("foreign militants", "enemy gunmen"), a name or a
  nationality in the phrase ("Amal guerrillas", "Kurdish rebels"), a "from" phrase ("militants from across the
  border") or a group named in apposition leaves it to the other rules;
- the sentence, outside its victims and the attribution, names a state other than the place's (a demonym, a
  country, a city of another state), or a border;
- the place is a person's or a thing's modifier, where victims were taken, or off a coast (``unidentified``'s
  tests), or names no state or a non-state code.

A bare "bomber" is an aircraft as often as a person: only a "suicide", "car" or similar word makes it one here.
The evidence is the place's span and the event's confidence is lowered like every inferred source.

A second rule (``region-word``) reads the actor's own words: an organ or group named with a place inside one state
("the Zanzibar Police Force", "the Kano State Police Command", "Basque separatists") is that state's. The actor
tables know these places (``regions.tsv``, ``subdivisions.tsv``, ``cities.tsv``) and the resolver combines them
with a role in plain noun phrases ("the Sindh police"); a name the tagger reads as one organisation, and the
adjectives of regions (``data/actors/region_adjectives.tsv``) escaped it. Only a capitalised modifier before the
head of a state's organ or a group (a sector that is no international body's) counts, never a place in an
"of" or "in" phrase (the resolver reads those) nor a name two states share.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from dyadwatch.actors.attribution import attribution_tokens
from dyadwatch.actors.context import article_reading, iso_states, outsider
from dyadwatch.actors.implicit import CONFIDENCE_FACTOR, VIOLENT_CODES
from dyadwatch.actors.tables import Gazetteer, builtin_gazetteer, load_table
from dyadwatch.actors.unidentified import BORDER_NOUNS, _place_of_people, _tokens, _victims
from dyadwatch.records import Actor, TextSpan
from dyadwatch.tables import data_path, word_table

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dyadwatch.document.analysis import Analysis, EventCandidate

RULE = "actor-in-place"
# Material acts done in a place: protest (14), force posture (15), coerce (17), assault (18), fight (19), mass
# violence (20). What an actor says (01-13) is placed where it speaks about, not where it is.
PLACED_CODES = ("14", "15", "17", "18", "19", "20")
# Sources the earlier stages left without a state: a role the tables know, a subject no table knows.
OPEN_RULES = frozenset({"role", "events:unresolved-subject", "unresolved"})
# Sectors of a local collective; a role with another (MIL, GOV, IGO, ...) is not this rule's.
LOCAL_SECTORS = frozenset({"COP", "REB", "INS", "UAF", "CRM", "CVL", "OPP", "RAD", "SEP"})
# Words that make "bomber" a person ("a suicide bomber", "a car bomber", "a female bomber").
BOMBER_WORDS = frozenset({"suicide", "car", "truck", "female", "woman", "male", "teenage", "lone", "would-be",
                          "motorcycle", "motorbike"})
# Places the places stage attached to the act in its own sentence (not "dateline", "episode:...", "statement:...").
ATTACHED_RULES = ("attached", "shared")


REGION_RULE = "region-word"
REGION_KINDS = frozenset({"region", "city"})
# Sectors of bodies that belong to no one state: a place word on them says where they work, not whose they are.
STATELESS_SECTORS = frozenset({"IGO", "NGO", "MNC", "REF"})


@cache
def placed_nouns() -> dict[str, str]:
    """head-noun lemma -> PLOVER sector, from ``placed_actors.tsv``."""
    return word_table("actors", "placed_actors.tsv")


def fill_placed_actors(analysis: Analysis) -> None:
    """Give each local attacker, police force, crowd or rebel band with no state the state of its act's place."""
    doc = analysis.doc
    if doc is None or not analysis.candidates:
        return
    for cand in analysis.candidates:
        source = cand.source
        if cand.negated or cand.hypothetical or not cand.type.cameo.startswith(PLACED_CODES):
            continue
        if source.rule not in OPEN_RULES or source.country or source.kind != "actor":
            continue
        if source.sectors and not set(source.sectors) <= LOCAL_SECTORS:
            continue
        head = _local_head(analysis, cand)
        if head is None:
            continue
        found = _place(analysis, cand, head)
        if found is None:
            continue
        country, evidence = found
        sectors = source.sectors or (placed_nouns()[_lemma(head)],)
        name = source.name or head.lemma_.lower()
        cand.source = Actor(source.span, name, country, sectors, country + "".join(sectors), RULE, source.entity,
                            evidence=evidence)
        cand.confidence = round(cand.confidence * CONFIDENCE_FACTOR, 3)


def _lemma(tok: Token) -> str:
    table = placed_nouns()
    return tok.lemma_.lower() if tok.lemma_.lower() in table else tok.lower_


def _local_head(analysis: Analysis, cand: EventCandidate) -> Token | None:
    """The source phrase's head when it is a table noun with no name, nationality, outsider word, origin or
    apposed group of its own: "a suicide bomber", "the police", "hundreds of protesters"."""
    span = _tokens(analysis, cand.source.span.start, cand.source.span.end)
    if span is None or len(span) == 0:
        return None
    head = span.root
    if head.pos_ in ("NUM", "PRON") or head.lemma_.lower() in ("group", "band", "crowd", "dozen", "hundred"):
        head = next((c for t in span for c in t.children if c.dep_ == "pobj" and c.i < span.end), head)
    table = placed_nouns()
    if head.lemma_.lower() not in table and head.lower_ not in table:
        return None
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") for t in span):
        return None  # "Amal guerrillas", "Kurdish rebels", "Zanzibar police": a name decides, not the place
    if outsider(head):
        return None
    if _lemma(head) == "bomber" and not any(t.lower_ in BOMBER_WORDS for t in span):
        return None  # "bombers struck the base": aircraft
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "of"):
            return None  # "militants from across the border", "rebels of the northern front"
        if child.dep_ == "appos" or (child.dep_ == "relcl" and child.lemma_ in ("belong", "come")):
            return None  # "rebels, members of X,": the group named decides
    subtree = {t.i for t in head.subtree} - set(range(span.start, span.end))
    for mention in analysis.mentions:
        code = mention.actor.code or ""
        if mention.head in subtree and (mention.actor.country or (code and not code.startswith("---"))):
            return None  # "a bomber believed to be a member of X": the group named decides
    return head


def _place(analysis: Analysis, cand: EventCandidate, head: Token) -> tuple[str, TextSpan] | None:
    """The one state of the act's place and the mention that says so, or None."""
    doc = analysis.doc
    assert doc is not None
    sent = analysis.sentence_tokens(cand.sentence_index)
    attribution = attribution_tokens(doc)
    if any(t.lemma_.lower() in BORDER_NOUNS for t in sent):
        return None  # "near the border with X": the place lies between two states
    found = _event_place(analysis, cand, sent, attribution) or _locative_place(analysis, cand, sent)
    if found is None:
        return None
    country, evidence = found
    reading = article_reading(analysis)
    if reading is None:
        return None
    victims = _victims(analysis, cand)
    if cand.type.cameo.startswith(VIOLENT_CODES):
        victims |= _struck(head)
    for clue in reading.context.clues:
        if clue.sentence != cand.sentence_index or clue.country == country:
            continue
        if clue.token in victims or clue.token in attribution or clue.medium or clue.told:
            continue
        return None  # the sentence names another state for someone: it may be theirs
    return country, evidence


def _struck(head: Token) -> set[int]:
    """The tokens of what the actor's own verbs struck ("injured three US soldiers", "fired on an Israeli patrol"):
    the victims' state is theirs, not the attacker's (only read for violence: a protest's object is its topic)."""
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") or head.dep_ == "pobj" else None
    if verb is not None and head.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head  # "were shot by gunmen"
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return set()
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    out: set[int] = set()
    for v in verbs:
        for child in v.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                out.update(t.i for t in child.subtree)
            elif child.dep_ == "prep" and child.lower_ in ("on", "at", "against", "upon"):
                out.update(t.i for t in child.subtree if t.i != child.i)
    return out


def _event_place(analysis: Analysis, cand: EventCandidate, sent: Span,
                 attribution: frozenset[int]) -> tuple[str, TextSpan] | None:
    location = cand.location
    if location is None or location.span is None or not location.rule.startswith(ATTACHED_RULES):
        return None
    if location.country not in iso_states():
        return None
    span = _tokens(analysis, location.span.start, location.span.end)
    if span is None or span.start < sent.start or span.end > sent.end:
        return None
    if any(i in attribution for i in range(span.start, span.end)) or _place_of_people(analysis,
                                                                                       (span.start, span.end)):
        return None
    assert location.country is not None
    return location.country, location.span


def _locative_place(analysis: Analysis, cand: EventCandidate, sent: Span) -> tuple[str, TextSpan] | None:
    """The one state the sentence's own locative phrases name ("in X", "near Y"), outside the attribution."""
    reading = article_reading(analysis)
    if reading is None:
        return None
    here = [c for c in reading.context.clues if c.sentence == cand.sentence_index and c.locative
            and not c.attributed and not c.medium and c.country in iso_states()]
    if not here or len({c.country for c in here}) != 1:
        return None
    return here[0].country, here[0].span


@cache
def _region_adjectives() -> Gazetteer:
    return load_table(data_path("actors", "region_adjectives.tsv"), source="actors/region_adjectives.tsv")


def fill_region_words(analysis: Analysis) -> None:
    """Give each organ or group with no state whose own words name a place inside one state that state."""
    if analysis.doc is None:
        return
    for cand in analysis.candidates:
        cand.source = _with_region(analysis, cand.source)
        if cand.target is not None:
            cand.target = _with_region(analysis, cand.target)


def _with_region(analysis: Analysis, actor: Actor) -> Actor:
    if actor.kind != "actor" or actor.country or actor.rule not in OPEN_RULES or not actor.sectors:
        return actor
    if set(actor.sectors) & STATELESS_SECTORS:
        return actor
    span = _tokens(analysis, actor.span.start, actor.span.end)
    if span is None or len(span) < 2:
        return actor
    head = span.root
    found = _region_before(analysis, span.start, head.i)
    if found is None:
        return actor
    country, evidence = found
    return Actor(actor.span, actor.name, country, actor.sectors, country + "".join(actor.sectors), REGION_RULE,
                 actor.entity, evidence=evidence)


def _region_before(analysis: Analysis, start: int, head: int) -> tuple[str, TextSpan] | None:
    """The one state of the longest table place (or region adjective) among the capitalised words before the
    head ("the Kano State Police Command", "Basque separatists")."""
    doc = analysis.doc
    assert doc is not None
    lowers = [t.lower_ for t in doc[start:head]]
    tables = (builtin_gazetteer(True), _region_adjectives())
    for i in range(len(lowers)):
        if not doc[start + i].text[:1].isupper():
            continue
        for n in range(len(lowers) - i, 0, -1):
            key = tuple(lowers[i:i + n])
            entries = [p.entry for gaz in tables for p in gaz.exact.get(key, ())]
            places = {e.country for e in entries if e.kind in REGION_KINDS}
            if not places:
                continue
            others = {e.country for e in entries} - places
            if len(places) != 1 or others - places or not places <= iso_states():
                return None  # a name two states share, or also a country's, a person's or a group's
            if any(doc[start + k].dep_ == "pobj" for k in range(i, i + n)):
                return None
            return next(iter(places)), analysis.span(start + i, start + i + n)
    return None
