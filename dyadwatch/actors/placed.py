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
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from dyadwatch.actors.attribution import attribution_tokens
from dyadwatch.actors.context import article_reading, outsider
from dyadwatch.actors.implicit import CONFIDENCE_FACTOR
from dyadwatch.actors.unidentified import BORDER_NOUNS, _place_of_people, _tokens, _victims
from dyadwatch.records import Actor, TextSpan
from dyadwatch.tables import data_path

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


@cache
def placed_nouns() -> dict[str, str]:
    """head-noun lemma -> PLOVER sector, from ``placed_actors.tsv``."""
    out: dict[str, str] = {}
    for line in data_path("actors", "placed_actors.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, sector = line.split("\t")[:2]
        out[word.strip().lower()] = sector.strip()
    return out


@cache
def _states() -> frozenset[str]:
    """ISO 3166 alpha-3 codes of states: a place resolved to anything else (a region code) places nobody."""
    import pycountry  # loaded on first use

    return frozenset(c.alpha_3 for c in pycountry.countries)


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
        if mention.head in subtree and (mention.actor.country or mention.actor.code):
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
    for clue in reading.context.clues:
        if clue.sentence != cand.sentence_index or clue.country == country:
            continue
        if clue.token in victims or clue.token in attribution or clue.medium or clue.told:
            continue
        return None  # the sentence names another state for someone: it may be theirs
    return country, evidence


def _event_place(analysis: Analysis, cand: EventCandidate, sent: Span,
                 attribution: frozenset[int]) -> tuple[str, TextSpan] | None:
    location = cand.location
    if location is None or location.span is None or not location.rule.startswith(ATTACHED_RULES):
        return None
    if location.country not in _states():
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
            and not c.attributed and not c.medium and c.country in _states()]
    if not here or len({c.country for c in here}) != 1:
        return None
    return here[0].country, here[0].span
