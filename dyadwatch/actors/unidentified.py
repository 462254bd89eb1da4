"""Unidentified agents: who set the bomb, when the text only says where it went off.

Why: news reports much violence with no doer: a passive with no by-agent ("two clerks were shot outside the
depot in X"), or the means as subject ("a roadside bomb near X killed two soldiers", "an explosion at a market in
X wounded ..."). CAMEO and PLOVER still code such an event: the PLOVER manual's sector codes give UAF ("unidentified
armed forces", "unknown gunmen") and UNK ("generic unidentified actors (e.g. actor for 'two civilians were killed
by a bomb')"), of the state the act happens in -- the GDELT/ICEWS convention of coding an unknown attacker as the
local unidentified actor. Without it the event has no source country and is lost to every dyad series.

The rule (``unidentified-in-place``) gives such an event, as source, the unidentified actor of the state of the
place the sentence puts the act in: the event's place from the places stage, a place the sentence itself names
and the gazetteer resolves to one state -- never the dateline, never the article's general context, never a place
inside the attribution ("officials in X said", ``attribution.py``). The sector is UAF when the means is a weapon
or an armed attack (a bomb, gunfire, "was shot"), else UNK ("an explosion", "an attempt", "was killed"). It stays
silent, rather than guess, when:

- the text names or implies a doer anywhere in the sentence outside the victims and the attribution (an actor
  mention, or an agent noun: "militants", "a bomber", "troops"), or the sentence before (same paragraph) told a
  violent act of a named doer: the earlier rules (confrontation party, previous operation) and the events stage
  decide those;
- the means is one only a state's forces command (an airstrike, shelling, a missile, a raid, custody: the doer is
  a military, often of another state than the place hit) or an exchange between two sides (clashes, fighting,
  riots, violence);
- the place names no state, or two (a border), or the sentence's locative places name two states;
- the event is hypothetical or negated (generic statements: "anyone may be killed there").

Disasters and accidents never reach this step: the hazard screen (``events/hazards.py``) drops them before.
The words are ``data/actors/unidentified_means.tsv`` (from the CAMEO codebook's 18-20 definitions and the PLOVER
manual). The evidence is the place's span, and the event's confidence is lowered like any inferred source.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from dyadwatch.actors.attribution import attribution_tokens
from dyadwatch.actors.context import PLACE_NOUNS, article_reading, paragraph_at
from dyadwatch.actors.implicit import CONFIDENCE_FACTOR, STATE_FORCES, VIOLENT_CODES
from dyadwatch.actors.persons import is_person_noun
from dyadwatch.actors.vocabulary import LOCATIVE_PREPS
from dyadwatch.records import Actor
from dyadwatch.tables import word_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dyadwatch.document.analysis import Analysis, EventCandidate
    from dyadwatch.records import Location

RULE = "unidentified-in-place"
SAME_OPERATION_RULE = "same-operation"
# Sectors that make a code no organ of a state, whatever state force sector it also has (a rebel group's armed wing).
NOT_STATE_FORCES = frozenset({"REB", "INS", "OPP", "SEP", "UAF"})
# The acts of violence an unknown doer commits: CAMEO 18 (assault: abduct, physically assault, bomb, assassinate),
# 190 (conventional force, unspecified) and 193 (small arms and light weapons). 191-196 (blockade, occupation,
# artillery, air power, ceasefire violations) and 20 (mass violence) are the acts of organised forces.
UNIDENTIFIED_CODES = ("18", "190", "193")
# Sources the earlier stages left empty: the unstated agent of a passive, or a subject no table knows.
OPEN_RULES = frozenset({"events:implicit-agent", "events:unresolved-subject", "unresolved"})
# Prepositions that give the means or circumstance of an agentless act ("killed in a bomb attack", "by gunfire").
MEANS_PREPS = frozenset({"in", "by", "during", "with", "from", "after", "following", "amid"})
SECTOR_NAMES = {"UAF": "unidentified armed attackers", "UNK": "unidentified actor"}
MAX_CLIMB = 8
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
# Where victims are taken or die after the act ("died in a Paris hospital"): not where it happened.
AFTERMATH_WORDS = frozenset({"die", "succumb", "hospital", "clinic", "treat", "hospitalize", "hospitalise",
                             "pronounce", "airlift", "evacuate", "rush", "bury", "flee", "live", "come", "from"})


@cache
def means_table() -> dict[str, str]:
    """word -> kind (weapon, blast, state, confrontation, agent) from ``unidentified_means.tsv``."""
    return word_table("actors", "unidentified_means.tsv")


def _kind(tok: Token) -> str | None:
    table = means_table()
    return table.get(tok.lemma_.lower()) or table.get(tok.lower_)


def fill_unidentified_agents(analysis: Analysis) -> None:
    """Give each violent event with no doer the unidentified actor of the state of the place it happened in."""
    doc = analysis.doc
    if doc is None or not analysis.candidates:
        return
    fill_same_operation(analysis)
    reading = article_reading(analysis)
    for cand in analysis.candidates:
        source = cand.source
        if not cand.type.cameo.startswith(UNIDENTIFIED_CODES) or cand.negated or cand.hypothetical:
            continue
        if source.rule not in OPEN_RULES or source.country or source.code or source.sectors or source.kind != "actor":
            continue
        sector = _sector(analysis, cand)
        if sector is None:
            continue
        location = cand.location
        sent = analysis.sentence_tokens(cand.sentence_index)
        place = _place_tokens(analysis, location, sent)
        if location is None or place is None or not _one_state(location):
            continue
        attribution = attribution_tokens(doc)
        if any(i in attribution for i in range(*place)) or _place_of_people(analysis, place):
            continue
        assert location.country is not None
        if _other_states(analysis, cand, location.country, sent, attribution) \
                or _agent_named(analysis, cand, sent, place, attribution):
            continue
        if reading is not None and _doer_before(analysis, cand, reading.paragraph_of):
            continue
        country = location.country
        cand.source = Actor(source.span, SECTOR_NAMES[sector], country, (sector,), country + sector, RULE,
                            f"{country}{sector}:unidentified", evidence=location.span)
        cand.confidence = round(cand.confidence * CONFIDENCE_FACTOR, 3)


def fill_same_operation(analysis: Analysis) -> None:
    """ "Airstrikes killed 40 fighters in X, and the army said its troops killed 12 more": an act of violence whose
    only doer is a means that only a state's forces command (kind ``state``: airstrikes, shelling, a raid, an
    operation), told in a sentence where another violent act, not negated, has one state's force (military,
    police, intelligence, with a state) as its doer, is that force's (rule ``same-operation``, evidence the force's
    mention). Two states' forces, or none: left as it was (the means alone does not say whose forces)."""
    doc = analysis.doc
    assert doc is not None
    for cand in analysis.candidates:
        source = cand.source
        if source.rule != "events:implicit-agent" or source.country or cand.negated \
                or not cand.type.cameo.startswith(VIOLENT_CODES):
            continue
        trigger = doc[cand.trigger[0]:max(cand.trigger[1], cand.trigger[0] + 1)].root
        if not _state_means(trigger):
            continue
        forces = [c.source for c in analysis.candidates
                  if c is not cand  # identity: two coded candidates, not parse objects
                  and c.sentence_index == cand.sentence_index and not c.negated
                  and c.type.cameo.startswith(VIOLENT_CODES) and c.source.country
                  and len(c.source.country) == 3 and set(c.source.sectors) & STATE_FORCES
                  and not set(c.source.sectors) & NOT_STATE_FORCES]
        if len({f.country for f in forces}) != 1:
            continue
        force = forces[0]
        cand.source = Actor(source.span, force.name, force.country, force.sectors, force.code, SAME_OPERATION_RULE,
                            force.entity, evidence=force.span)
        cand.confidence = round(cand.confidence * CONFIDENCE_FACTOR, 3)


def _state_means(verb: Token) -> bool:
    """ "Airstrikes killed ...", "were killed in airstrikes", "died in shelling": the act's means, as subject or
    after "in"/"by", is one only a state's forces command."""
    for child in verb.children:
        if child.dep_ == "nsubj" and _kind(child) == "state":
            return True
        if child.dep_ in ("prep", "agent") and child.lower_ in MEANS_PREPS:
            if any(c.dep_ == "pobj" and _kind(c) == "state" for c in child.children):
                return True
    return False


def _sector(analysis: Analysis, cand: EventCandidate) -> str | None:
    """UAF or UNK by the means the sentence gives; None when the act is not an agentless act of violence against
    people, or a word of the sentence (outside the victims and the attribution) says a state's forces, two sides or
    a named doer did it."""
    doc = analysis.doc
    assert doc is not None
    trigger = doc[cand.trigger[0]:max(cand.trigger[1], cand.trigger[0] + 1)].root
    if cand.source.rule == "events:implicit-agent":
        subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        if subject is not None:  # "a roadside bomb killed ...": the events stage read the subject as the means
            if _kind(subject) not in ("weapon", "blast"):
                return None
        elif not _passive(trigger) or _by_someone(trigger):
            return None
    else:
        head = _source_head(analysis, cand)
        if head is None or _kind(head) not in ("weapon", "blast"):
            return None  # a subject that is no means ("the man", "a string"): not this rule's to read
    if _toll(trigger) or any(c.dep_ == "prt" and c.lower_ in ("down", "up") for c in trigger.children):
        return None  # "have been killed since ...": a toll, not one act; "shot down", "blown up": aircraft, forces
    if not _victims_are_people(trigger):
        return None  # "the film was shot on location", "the bombs were detonated by the squad"
    sent = analysis.sentence_tokens(cand.sentence_index)
    skip = _victims(analysis, cand) | attribution_tokens(doc)
    kinds = {_kind(t) for t in sent if t.i not in skip}
    if kinds & {"state", "confrontation", "hazard"} or _doer_by(sent, skip):
        return None
    return "UAF" if "weapon" in kinds else "UNK"


def _by_someone(verb: Token) -> bool:
    """ "was shot by men on a motorcycle": a by-agent that is no means (a bomb, gunfire) names a doer."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for obj in (c for c in agent.children if c.dep_ == "pobj"):
            if _kind(obj) not in ("weapon", "blast"):
                return True
    return False


def _doer_by(sent: Span, skip: set[int] | frozenset[int]) -> bool:
    """ "... in an ambush by a local gang", "shot by two men": a "by" phrase anywhere in the sentence that names
    people (a person noun, a name, a group) rather than a means."""
    for tok in sent:
        if tok.i in skip or tok.dep_ != "pobj" or tok.head.lower_ != "by" or _kind(tok) in ("weapon", "blast"):
            continue
        if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP") \
                or is_person_noun(tok.lemma_.lower(), tok.lower_) or _kind(tok) == "agent":
            return True
    return False


def _toll(verb: Token) -> bool:
    """ "thousands have died since the uprising began", "hundreds were killed over the past year": a count."""
    if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in verb.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "since" for c in verb.children)


def _victims_are_people(verb: Token) -> bool:
    """The passive subject or the object, when there is one, names people (a pronoun, a person's name, a person
    noun, a number of people); a bombing (CAMEO 183) may have no victim ("a car bomb detonated")."""
    victim = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if victim is None:
        return True
    if victim.pos_ == "PRON" or victim.ent_type_ in ("PERSON", "NORP") or victim.like_num:
        return True
    if victim.pos_ == "PROPN":
        return victim.ent_type_ not in ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC", "GPE", "LOC")
    return is_person_noun(victim.lemma_.lower(), victim.lower_) or victim.lemma_.lower() in ("other", "one")


def _passive(verb: Token) -> bool:
    """ "was killed", "were wounded", and the reduced passive "a man shot in the street"."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "conj") and not any(c.dep_ == "nsubj" for c in verb.children)


def _phrase_nouns(head: Token) -> list[Token]:
    """The head noun and its compounds and modifiers ("a car bomb", "a suicide attack"), and coordinated nouns."""
    out = [head]
    out.extend(c for c in head.children if c.dep_ in ("compound", "amod", "nmod"))
    out.extend(c for c in head.children if c.dep_ == "conj")
    return out


def _source_head(analysis: Analysis, cand: EventCandidate) -> Token | None:
    span = _tokens(analysis, cand.source.span.start, cand.source.span.end)
    if span is None or len(span) == 0:
        return None
    head = span.root
    return head if head.pos_ == "NOUN" and not any(t.pos_ in ("PROPN", "PRON") for t in span) else None


def _place_tokens(analysis: Analysis, location: Location | None, sent: Span) -> tuple[int, int] | None:
    """The token range of the event's place when the sentence itself names it (not a dateline or the context)."""
    if location is None or location.rule.startswith("dateline") or location.span is None:
        return None
    span = _tokens(analysis, location.span.start, location.span.end)
    if span is None or span.start < sent.start or span.end > sent.end:
        return None
    return span.start, span.end


def _one_state(location: Location) -> bool:
    return bool(location.country) and len(location.country or "") == 3 and location.country.isalpha() \
        and location.country.isupper()


def _other_states(analysis: Analysis, cand: EventCandidate, country: str, sent: Span,
                  attribution: frozenset[int]) -> bool:
    """Whether the sentence names a state other than the event's place's (outside the victims and the
    attribution: "a Dutch engineer was shot in X" names the victims' state, not a second place), or a border."""
    doc = analysis.doc
    assert doc is not None
    if any(t.lemma_.lower() in BORDER_NOUNS for t in sent):
        return True  # "near the border with X": the place lies between two states
    reading = article_reading(analysis)
    if reading is None:
        return False
    victims = _victims(analysis, cand)
    return any(c.country != country and c.token not in victims and c.token not in attribution
               for c in reading.context.clues if c.sentence == cand.sentence_index)


def _victims(analysis: Analysis, cand: EventCandidate) -> set[int]:
    """The tokens of the event's target when it is the act's patient (passive subject, object), not a party named
    elsewhere ("a bomb, planted by militants, was detonated": the militants are no victims)."""
    if cand.target is None:
        return set()
    target = _tokens(analysis, cand.target.span.start, cand.target.span.end)
    if target is None:
        return set()
    tok = target.root
    for _ in range(MAX_CLIMB):
        if tok.dep_ in ("agent",) or (tok.dep_ == "pobj" and tok.head.lower_ == "by"):
            return set()
        if tok.dep_ in ("nsubjpass", "dobj", "nsubj", "ROOT") or tok.head.i == tok.i:
            break
        tok = tok.head
    return set(range(target.start, target.end))


def _agent_named(analysis: Analysis, cand: EventCandidate, sent: Span, place: tuple[int, int],
                 attribution: frozenset[int]) -> bool:
    """Whether the sentence names or implies a doer outside the victims, the place and the attribution: an actor
    mention (or a name the tables do not know), an agent noun, or another violent act of the sentence whose doer
    the text names ("... were killed after herdsmen attacked the village")."""
    doc = analysis.doc
    assert doc is not None
    victims = _victims(analysis, cand)
    skip = victims | attribution | set(range(*place))
    for mention in analysis.mentions:
        if not (sent.start <= mention.start < sent.end) or mention.actor.kind != "actor":
            continue
        if any(i in skip for i in range(mention.start, mention.end)) or _in_place_phrase(doc[mention.head]):
            continue
        a = mention.actor
        if a.country or a.code or a.sectors or doc[mention.head].ent_type_ in ("PERSON", "ORG", "NORP"):
            return True
    for tok in sent:
        if tok.i in skip or _kind(tok) != "agent" or _in_place_phrase(tok):
            continue
        if tok.dep_ == "poss" and tok.head.i in victims:
            continue
        return True
    for other in analysis.candidates:
        if other.trigger == cand.trigger or other.sentence_index != cand.sentence_index or other.source.rule == RULE:
            continue
        if other.type.cameo.startswith(VIOLENT_CODES) and other.source.rule not in OPEN_RULES \
                and other.source.span.end > other.source.span.start:
            return True
    return False


def _place_of_people(analysis: Analysis, place: tuple[int, int]) -> bool:
    """Whether the place phrase says where people are from or were taken, or modifies a noun ("a U.S. patrol",
    "died in a Paris hospital", "pronounced dead at X hospital"): not where the act happened."""
    doc = analysis.doc
    assert doc is not None
    root = doc[place[0]:place[1]].root
    if root.dep_ == "poss" and root.head.pos_ != "PROPN" and root.head.lemma_.lower() not in PLACE_NOUNS:
        return True  # "Houston's brother": a person's name that is also a city's ("Baghdad's district" is a place)
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() not in PLACE_NOUNS:
        return True
    if any(t.dep_ == "pobj" and t.head.lower_ == "off" for t in (root, *root.ancestors)):
        return True  # "off the coast of X": outside the state's land
    tok = root
    for _ in range(MAX_CLIMB):
        if tok.lemma_.lower() in AFTERMATH_WORDS:
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _in_place_phrase(tok: Token) -> bool:
    """ "near a police station", "at an army base": a noun inside a locative phrase names where, not who (a phrase
    whose head is a means, "in an army attack", is no place)."""
    for _ in range(MAX_CLIMB):
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
            return _kind(tok) is None  # "in an army attack", "in an ambush by a gang": a means, not a place
        if tok.dep_ not in ("compound", "amod", "nmod", "poss", "pobj", "prep") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _doer_before(analysis: Analysis, cand: EventCandidate, paragraph_of: list[int]) -> bool:
    """Whether the sentence before, in the same paragraph, told a violent act with a doer the text names: the
    victims here are most likely that doer's ("Militants stormed the hotel. Twenty people were killed.")."""
    before = cand.sentence_index - 1
    if before < 0 or paragraph_at(paragraph_of, before) != paragraph_at(paragraph_of, cand.sentence_index):
        return False
    return any(c.sentence_index == before and c.type.cameo.startswith(VIOLENT_CODES)
               and c.source.rule != RULE and (c.source.country or c.source.code)
               for c in analysis.candidates)


def _tokens(analysis: Analysis, start: int, end: int) -> Span | None:
    doc: Doc | None = analysis.doc
    if end <= start or analysis.norm is None or doc is None:
        return None
    nstart, nend = analysis.norm.to_normalised(start), analysis.norm.to_normalised(end)
    return doc.char_span(nstart, nend, alignment_mode="expand")
