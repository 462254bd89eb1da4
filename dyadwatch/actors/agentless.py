"""Events whose doer is a thing: "the project was halted", "stock indexes fell", "prices rose".

Why: CAMEO and PLOVER code the actions of actors (states, organisations, groups, people). A source that names no
actor and cannot be one -- no named entity, no actor table hit, no pronoun, and a head noun that is no agent in the
Phoenix agents dictionary (``data/actors/agentive_nouns.txt``, built by tools/build_agentive_nouns.py) -- is an
inanimate thing, an abstract noun or a market, and its "event" is no political event -- except a contentious or
violent act, which news reports by its means when the doer is unknown ("a roadside bomb killed three soldiers").
Such events are dropped here, each with a recorded reason in the article's warnings, so a user can see
what went and why.

The other side of the same test: a linked subject that is one unnamed person ("a war veteran said", "the
shopkeeper told") is an actor the tables do not know. Like a named person the tables do not know
(``actors/context.py``), it takes the article's country from the paragraph or the article only -- never from the
places of its sentence, and never when the context points two ways -- with rule ``context-country``, the mention
that gave the country as evidence, and a lower confidence. One person is told by the grammar: a singular common
noun with an article ("a", "an", "the"), no entity, no table hit, whose head is an agent noun of the Phoenix
dictionary formed with an English agent suffix (-er, -or, -ist, -ian, -an, -ant, -ent, -man, -woman, -person), or
any person noun of ``actors/persons.py`` with an article. People named by a plural person noun ("critics", "the
relatives", "lawyers for the journalist", "green card holders") take it the same way: they are the article's people
unless the noun says they come from elsewhere ("foreigners", "migrants", "refugees") or are held by others
("hostages"); a collective noun ("the group", "the team") may be a group from abroad and takes no country.

Whether a head is a person is ``actors/persons.py``: the Phoenix agents, a table of person nouns (closed classes,
the CAMEO person synsets, the agent nouns of the CAMEO verbs) and English derivational morphology. Things stay
things; a person noun outside the Phoenix list ("the relatives", "an individual", "critics") is never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.actors.context import MANY_STATES, article_reading, paragraph_at
from dyadwatch.actors.implicit import CONFIDENCE_FACTOR
from dyadwatch.actors.persons import FOREIGN_CLASSES, agentive_nouns, is_person_noun, person_class
from dyadwatch.actors.vocabulary import pleonastic_it
from dyadwatch.document.doccache import token_offsets, token_strings
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span

    from dyadwatch.document.analysis import Analysis, EventCandidate

# spaCy entity labels that name (or may name) a party: a person, a group, an organisation, a place's people.
# Rules of a source the actors and events stages could not name (no table hit, no linked mention).
UNRESOLVED = frozenset({"unresolved", "events:unresolved-subject"})
# English agent-noun suffixes: the head of a noun naming one person who does something.
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "an", "ant", "ent", "man", "woman", "person")
# Contentious and violent acts (CAMEO 14 protest, 17 coerce, 18 assault, 19 fight, 20 mass violence) are reported
# by their means when the doer is unknown ("a roadside bomb killed", "an explosion hit", "a campaign demanded"):
# there the thing stands for its unnamed agent, and the event is kept.
MEANS_STAND_FOR_AGENT = ("14", "17", "18", "19", "20")
# A head formed like an agent noun ("commenter", "holder", "elder", "detainee") may name people the Phoenix list
# lacks: kept, so the rule errs towards keeping.
KEEP_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ee", "man", "men", "woman", "women", "person", "people")
PARTY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "FAC", "LOC"})

# Weather systems news names like people ("Cyclone Idai", "Hurricane Maria", "Typhoon Haiyan", "Storm Ciarán"):
# whatever they "slam" or "hit", no actor did it, and no event of any kind has a storm as its source.
STORM_NOUNS = frozenset({"cyclone", "hurricane", "typhoon", "storm", "depression", "tornado", "blizzard"})

# Classes of person nouns whose people are not the article's: from elsewhere, held by others, or a group that may
# come from abroad ("the group", "the team").
NOT_LOCAL = FOREIGN_CLASSES | {"collective"}
# Unnamed armed people: the one-word Phoenix agents coded UAF ("unidentified armed forces", PLOVER's "unknown
# gunmen") and "attacker", the CAMEO agent noun of "attack". PLOVER codes them as a sector of the country they are
# associated with, resolved from the article's context; like the organs of armed groups (``NEARBY_SECTORS``) they
# may take the state the text was just about when the article names two.
ARMED_PEOPLE = frozenset({"gunman", "gunmen", "assailant", "attacker", "militant", "militiaman", "militiamen",
                          "hitman", "hitmen", "marauder", "mercenary", "terrorist"})


def thing_source(analysis: Analysis, cand: EventCandidate) -> str | None:
    """The head noun when the event's source is a thing rather than a possible actor, else None."""
    source = cand.source
    if source.rule not in UNRESOLVED or source.kind != "actor" or source.country or source.code or source.sectors:
        return None
    if cand.type.cameo.startswith(MEANS_STAND_FOR_AGENT):
        return None
    span = _span(analysis, source.span.start, source.span.end)
    if span is None or len(span) == 0:
        return None
    head = span.root
    if head.pos_ != "NOUN" or head.tag_ in ("NNP", "NNPS"):
        return None
    if any(t.ent_type_ in PARTY_LABELS or t.pos_ in ("PROPN", "PRON") for t in span):
        return None
    nouns = agentive_nouns()
    lemma = head.lemma_.lower()
    if lemma in nouns or head.lower_ in nouns or lemma in MANY_STATES or lemma.endswith(KEEP_SUFFIXES):
        return None
    if is_person_noun(lemma, head.lower_):  # "the relatives", "an individual", "critics": people, not things
        return None
    return head.lower_


def _unresolved_source(analysis: Analysis, cand: EventCandidate) -> Span | None:
    """The words of the event's source when it is an actor the tables left with no country, code or sector."""
    source = cand.source
    if source.rule not in UNRESOLVED or source.kind != "actor" or source.country or source.code or source.sectors:
        return None
    span = _span(analysis, source.span.start, source.span.end)
    return span if span is not None and len(span) else None


def _unresolved_target(analysis: Analysis, cand: EventCandidate) -> Span | None:
    """The words of the event's target when it is an actor the tables left with no country, code or sector."""
    target = cand.target
    if target is None or target.rule not in UNRESOLVED or target.kind != "actor" or target.country \
            or target.code or target.sectors:
        return None
    span = _span(analysis, target.span.start, target.span.end)
    if span is None or not len(span) or any(t.lower_.startswith("anti") for t in span):
        return None  # "anti-personnel mines" cut short by the parser: a thing, not people
    return span


def place_unnamed_targets(analysis: Analysis) -> None:
    """ "Officials in Baidoa met traditional elders": local people named by a plural person noun with no state of
    their own words ("elders", "residents", "villagers", "protesters"), as a target, take the state the context
    gives them -- first the place their sentence puts things in, then the paragraph or the article -- as such a
    source does (rule ``context-country``, evidence the place). Foreigners, hostages and groups ("refugees", "the
    team") take none, nor anyone when the context points two ways."""
    reading = article_reading(analysis)
    if reading is None:
        return
    for cand in analysis.candidates:
        if not unnamed_people(analysis, cand, target=True):
            continue
        sentence = cand.sentence_index
        found = reading.context.country_for(sentence, paragraph_at(reading.paragraph_of, sentence))
        if found is None:
            continue
        assert cand.target is not None
        span = cand.target.span
        cand.target = Actor(span, span.text, found.country, (), found.country, "context-country",
                            evidence=found.evidence)
        cand.confidence = round(cand.confidence * CONFIDENCE_FACTOR, 3)


def one_unnamed_person(analysis: Analysis, cand: EventCandidate) -> bool:
    """True when the event's unresolved source is one person named by an agent noun ("a war veteran")."""
    span = _unresolved_source(analysis, cand)
    if span is None:
        return False
    head = span.root
    if head.pos_ != "NOUN" or head.tag_ != "NN" or any(t.ent_type_ or t.pos_ in ("PROPN", "PRON") for t in span):
        return False
    if not any(t.dep_ == "det" and t.lower_ in ("a", "an", "the") and t.head.i == head.i for t in span):
        return False
    lemma = head.lemma_.lower()
    if lemma in MANY_STATES:
        return False
    if lemma in agentive_nouns() and lemma.endswith(PERSON_SUFFIXES):
        return True
    return _local_people(lemma, head.lower_)


def armed_people(analysis: Analysis, cand: EventCandidate) -> bool:
    """True when the event's unresolved source is unnamed armed people: "the attackers", "gunmen", "armed men".
    One of them ("a gunman") is one person, who takes a country the way any unnamed person does."""
    span = _unresolved_source(analysis, cand)
    if span is None:
        return False
    head = span.root
    if head.pos_ != "NOUN" or head.tag_ != "NNS" \
            or any(t.ent_type_ in PARTY_LABELS or t.pos_ in ("PROPN", "PRON") for t in span):
        return False
    lemma = head.lemma_.lower()
    if lemma in ARMED_PEOPLE or head.lower_ in ARMED_PEOPLE:
        return True
    return lemma in ("man", "men") and any(c.dep_ == "amod" and c.lower_ == "armed" for c in head.children)


def _local_people(lemma: str, lower: str) -> bool:
    """A person noun whose people are the article's (not foreigners, hostages, or a group that may be foreign)."""
    cls = person_class(lemma, lower)
    return cls is not None and cls not in NOT_LOCAL


def unnamed_people(analysis: Analysis, cand: EventCandidate, *, target: bool = False) -> bool:
    """True when the event's unresolved source (``target``: target) is people named by a plural person noun
    ("critics", "the relatives", "lawyers for the journalist"), who are the article's people (not foreigners,
    hostages, a group)."""
    span = _unresolved_target(analysis, cand) if target else _unresolved_source(analysis, cand)
    if span is None:
        return False
    head = span.root
    if head.pos_ != "NOUN" or head.tag_ != "NNS":
        return False
    if any(t.ent_type_ in PARTY_LABELS or t.pos_ in ("PROPN", "PRON") for t in span):
        return False
    lemma = head.lemma_.lower()
    if lemma in MANY_STATES or head.lower_ in MANY_STATES:
        return False
    return _local_people(lemma, head.lower_)


def named_before(analysis: Analysis, cand: EventCandidate) -> Actor | None:
    """The person an unresolved one-word source names when the article gave that word in a person's name before
    ("Donald Trump ... trump said" in lower-cased text, where the tagger reads the bare surname as a common noun):
    that person, rule ``coreference``. Two persons sharing the word: None."""
    span = _unresolved_source(analysis, cand)
    doc = analysis.doc
    if span is None or doc is None:
        return None
    words = [t for t in span if t.is_alpha]
    if len(words) != 1 or words[0].pos_ == "PRON":
        return None
    word = words[0].lower_
    found: dict[str, Actor] = {}
    for mention in analysis.mentions:
        actor = mention.actor
        if mention.end > span.start or not (actor.entity or "").startswith("person:"):
            continue
        # the person's own name words, not the title's ("Commerce Secretary Howard Lutnick": not "commerce")
        names = set(actor.entity[len("person:"):].split()) | {t.lower_ for t in doc[mention.start:mention.end]
                                                               if t.ent_type_ == "PERSON"}
        if word in names:
            found[actor.entity] = actor
    if len(found) != 1:
        return None
    prev = next(iter(found.values()))
    return Actor(cand.source.span, prev.name, prev.country, prev.sectors, prev.code, "coreference", prev.entity)


def storm_source(analysis: Analysis, cand: EventCandidate) -> bool:
    """Whether the event's unresolved source is a named weather system ("Tropical Cyclone Amara slammed into the
    coast"): a storm noun followed by a name."""
    span = _unresolved_source(analysis, cand)
    if span is not None and any(t.lower_ in STORM_NOUNS and k + 1 < len(span) and span[k + 1].is_title
                                for k, t in enumerate(span)):
        return True
    return _named_storm_before(analysis, cand.source)


def _named_storm_before(analysis: Analysis, source: Actor) -> bool:
    """ "Cyclone Amara flooded the coast ... the town was struck by Amara": a stateless source whose name the
    article gave earlier right after a storm noun (also "Cyclones Amara and Bheki") is that storm, named alone
    (one or two words, capitalised)."""
    doc = analysis.doc
    name = source.span.text.strip()
    words = name.split()
    if doc is None or source.country or source.code or not 0 < len(words) <= 2 or not name[:1].isupper():
        return False
    # the storm noun may be plural: "Cyclones Amara and Bheki" names two storms. Read over the document's word
    # arrays (built once per document): this runs for every stateless source, and token objects cost per access.
    strings, offsets = token_strings(doc), token_offsets(doc)
    lower, text = strings.lower, strings.text
    first, size = words[0], len(words)
    for i, word in enumerate(lower):
        if offsets[i] >= source.span.start:
            break
        if (text[i + 1:i + 2] == [first] and (word in STORM_NOUNS or word.removesuffix("s") in STORM_NOUNS)
                and doc[i + 1:i + 1 + size].text == name):
            return True
    return False


def pleonastic_source(analysis: Analysis, cand: EventCandidate) -> bool:
    """Whether the event's source is an "it" that names nothing ("It would be unwise to back the plan", "it is
    vital to open ..."): the parser took the dummy subject of "be" for the doer of the clause after it,
    whose own doer the sentence does not give there. No event of the article is about that "it"."""
    span = _unresolved_source(analysis, cand)
    return span is not None and len(span) == 1 and pleonastic_it(span[0])


def drop_thing_sources(analysis: Analysis) -> None:
    """Drop the events whose source is a thing (recording each as a warning with its reason); give one unnamed
    person, or unnamed people, the article's country where the context is clear."""
    reading = article_reading(analysis)
    kept = []
    for cand in analysis.candidates:
        person = named_before(analysis, cand)
        if person is not None:
            cand.source = person
            kept.append(cand)
            continue
        armed = reading is not None and armed_people(analysis, cand)
        one = reading is not None and not armed and one_unnamed_person(analysis, cand)
        if reading is not None and (armed or one or unnamed_people(analysis, cand)):
            sentence = cand.sentence_index
            paragraph = paragraph_at(reading.paragraph_of, sentence)
            # armed people are where they act ("gunmen in Zamfara"), and may take the state just named; neither
            # they nor one unnamed person ("a suicide bomber") take a state the article names only once (``home``)
            found = reading.context.country_for(sentence, paragraph, person=not armed, nearby=armed,
                                                home=not (armed or one))
            if found is not None:
                span = cand.source.span
                sectors = ("UAF",) if armed else ()
                cand.source = Actor(span, span.text, found.country, sectors, found.country + "".join(sectors),
                                    "context-country", evidence=found.evidence)
                cand.confidence = round(cand.confidence * CONFIDENCE_FACTOR, 3)
            kept.append(cand)
            continue
        if storm_source(analysis, cand):
            analysis.warnings.append(f"dropped a {cand.type.cameo} event: its source {cand.source.span.text!r} is "
                                     "a named weather system, no actor")
            continue
        if pleonastic_source(analysis, cand):
            analysis.warnings.append(f"dropped a {cand.type.cameo} event: its source {cand.source.span.text!r} is "
                                     "the dummy subject of 'be' or of an extraposed clause, no actor")
            continue
        head = thing_source(analysis, cand)
        if head is None:
            kept.append(cand)
            continue
        analysis.warnings.append(f"dropped a {cand.type.cameo} event: its source {cand.source.span.text!r} is a "
                                 f"thing, no actor (head noun {head!r} is no agent in the Phoenix agents dictionary)")
    if len(kept) != len(analysis.candidates):
        analysis.candidates[:] = kept
    place_unnamed_targets(analysis)


def _span(analysis: Analysis, start: int, end: int) -> Span | None:
    if end <= start or analysis.norm is None or analysis.doc is None:
        return None
    nstart, nend = analysis.norm.to_normalised(start), analysis.norm.to_normalised(end)
    return analysis.doc.char_span(nstart, nend, alignment_mode="expand")
