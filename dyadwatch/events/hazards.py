"""Not every death is an attack: conflict events caused by disasters, accidents and common crime (mixed into the
Coder).

Why: "an earthquake killed 40 people" parses like "militants killed 40 people", and "the army sent troops to help
flood victims" like a troop build-up. A conflict type (ASSAULT, COERCE, PROTEST, MOBILIZE) needs a political
actor; a natural disaster or an accident has no author, so its deaths are no event at all. Common crime keeps
its event but is flagged and given a low confidence. A political response to a disaster is still coded, as the
PLOVER manual says: mobilising police or military forces for disaster relief is AID, and a state of emergency
over a natural disaster is not COERCE. The words come from ``hazards.tsv`` (general vocabulary).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.lexicon import FOLDER, _rows
from dyadwatch.events.syntax import NOUN_POS, VERB_POS, preps
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.arguments import Arguments
    from dyadwatch.events.found import Found

# CAMEO roots of the conflict types PLOVER calls PROTEST (14), MOBILIZE (15), COERCE (17), ASSAULT (18-20).
CONFLICT_ROOTS = ("14", "15", "17", "18", "19", "20")
MOBILIZE_ROOT = "15"
EMERGENCY_CODES = ("1724",)  # impose state of emergency or martial law
RELIEF_CODE = "073"  # provide humanitarian aid
AUTHORLESS = frozenset({"natural", "accident"})
# Prepositions that give the cause of an agentless event ("killed in a crash", "died in floods", "hit by a storm").
CAUSE_PREPS = ("in", "by", "during", "after", "from", "following", "amid", "because_of", "due_to")
CRIME_PENALTY = 0.3
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# A vehicle driven into people on purpose is an attack, not a crash ("a truck rammed into the crowd").
RAMMING_VERBS = frozenset({"ram", "plough", "plow", "mow"})
# Civilians with no state are no author of a crash: "passengers ... capsized, killing 40" is the ferry's.
CIVILIAN = frozenset({"CVL"})
MAX_PHRASE_WORDS = 12  # a vehicle's own phrase after it: "a truck carrying explosives and fuel"


@lru_cache(maxsize=1)
def load_hazards() -> dict[str, str]:
    """word -> kind (natural, accident, crime, relief) from ``hazards.tsv``."""
    return {word.lower(): kind for _, (word, kind) in _rows(data_path(FOLDER, "hazards.tsv"), 2)}


class HazardScreen:
    """Drops or flags conflict events a hazard caused, and recodes relief deployments (mixed into ``Coder``)."""

    hazard_screen = True  # class switch, so an ablation can measure the layer

    def _screen_hazards(self, found: list[Found], sentence: int, args: Arguments | None = None) -> None:
        if not self.hazard_screen:
            return
        table = load_hazards()
        for event in [e for e in found if e.sentence == sentence]:
            if not event.cameo.startswith(CONFLICT_ROOTS):
                continue
            tok = event.match.token
            cause = self._hazard_cause(event, table)
            if cause in AUTHORLESS:
                found.remove(event)
                continue
            if cause == "crime":
                event.notes["hazard"] = "crime"
                event.confidence -= CRIME_PENALTY
                continue
            if event.cameo.startswith(MOBILIZE_ROOT) or event.cameo in EMERGENCY_CODES:
                context = {table.get(t.lemma_.lower()) or table.get(t.lower_) for t in tok.subtree}
                context |= {table.get(t.lemma_.lower()) for t in tok.sent if t.pos_ in NOUN_POS}
                if "natural" in context or "accident" in context:
                    if event.cameo in EMERGENCY_CODES:
                        found.remove(event)  # PLOVER: an emergency over a disaster is not repression
                        continue
                    if "relief" in context or _helps(tok):
                        event.notes["relief_cameo"] = event.cameo
                        event.match.cameo = RELIEF_CODE  # PLOVER: forces mobilised for disaster relief are AID
                        helped = args.subjects(_helped(tok)) if args is not None else []
                        if helped:  # the aid goes to those helped, not to the forces sent
                            event.targets = helped

    def _hazard_cause(self, event: Found, table: dict[str, str]) -> str | None:
        """The hazard kind that did it: the subject names a hazard ("floods killed 12", "a bus crash killed"),
        or an agentless event's cause phrase does ("were killed in an earthquake"). Political actors win."""
        doc = event.match.token.doc
        kinds: list[str | None] = []
        for source in event.sources:
            if source.token < 0:
                continue  # the implicit agent of a passive: see the cause phrase below
            tok = doc[source.token]
            kind = _kind_of(tok, table)  # "Turkish floods" are floods, whatever their country
            if kind is None and tok.dep_ in MODIFIER_DEPS and tok.head.pos_ in NOUN_POS:
                kind = _kind_of(tok.head, table)  # the mention is a modifier: "a Peruvian bus" is a bus
            if kind is None and source.resolved and (source.actor.country or set(source.actor.sectors) - CIVILIAN):
                return None  # a political actor acted (civilians only by what the cause below says they did)
            kinds.append(kind)
        verb = event.match.token
        if not any(kinds) and verb.pos_ in VERB_POS:
            # an unstated agent with a means or a hazard as subject ("a fire killed 12"): the subject says which
            kinds.extend(_kind_of(c, table) for c in verb.children if c.dep_ == "nsubj" and c.pos_ in NOUN_POS)
            # coordinated verbs share a trailing cause phrase: "homes were destroyed or submerged by floods"
            sharing = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in VERB_POS)]
            if verb.dep_ == "conj" and verb.head.pos_ in VERB_POS:
                sharing.append(verb.head)
            for head in sharing:
                pp = preps(head)
                for key in CAUSE_PREPS:  # a vehicle here is a place ("arrested in his car"), not a cause
                    kinds.extend(k for t in pp.get(key, []) for k in [_kind_of(t, table)] if k != "vehicle")
            # the clause that tells what happened: "two trains collided, killing 15", "were killed when a
            # tornado struck": a hazard verb, or a hazard noun as that clause's subject
            clauses = [c for c in verb.children if c.dep_ == "advcl" and c.pos_ in VERB_POS]
            # "when a lorry overturned" misread as a noun clause with a participle: the participle is the verb
            clauses += [p for c in verb.children if c.dep_ == "advcl" and c.pos_ in NOUN_POS
                        for p in c.children if p.dep_ == "acl" and p.pos_ in VERB_POS]
            if verb.dep_ in ("advcl", "conj") and verb.head.pos_ in VERB_POS:
                clauses.append(verb.head)
            for clause in clauses:
                kinds.append(table.get(clause.lemma_.lower()) if table.get(clause.lemma_.lower()) in AUTHORLESS
                             else None)
                # a vehicle in the clause says nothing alone ("when their bus was ambushed"): only its verb does
                kinds.extend(k for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                             for k in [_kind_of(c, table)] if k != "vehicle")
        if "vehicle" in kinds and event.match.token.lemma_.lower() not in RAMMING_VERBS:
            kinds.append("accident")  # a bus or a ferry does not act: its deaths are a crash's
        for kind in ("natural", "accident", "crime"):
            if kind in kinds:
                return kind
        return None


def _kind_of(noun: Token, table: dict[str, str]) -> str | None:
    """A noun's hazard kind, from its lemma, a modifier and its head ("gas explosion": an explosion alone may be
    a bomb's), or a compound modifier ("bus crash", "flood waters"); ``vehicle`` for civilian transport with no
    word of a force on it ("a bus", not "an army truck")."""
    modifiers = [c for c in noun.children if c.dep_ in MODIFIER_DEPS and c.i < noun.i]
    for child in modifiers:
        kind = table.get(f"{child.lemma_.lower()} {noun.lemma_.lower()}")
        if kind in ("natural", "accident"):
            return kind
    # the form too, singularised: the small model leaves some plurals unlemmatised ("wildfires")
    kind = table.get(noun.lemma_.lower()) or table.get(noun.lower_) or table.get(noun.lower_.removesuffix("s"))
    if kind in ("natural", "accident", "crime"):
        return kind
    if kind == "vehicle":
        armed = any(table.get(c.lemma_.lower()) == "armed" or table.get(c.lower_) == "armed"
                    for c in _vehicle_phrase(noun, modifiers))
        return None if armed else "vehicle"
    for child in noun.children:
        if child.dep_ == "compound" and child.i < noun.i:
            kind = table.get(child.lemma_.lower())
            if kind in ("natural", "accident"):
                return kind
    return None


def _vehicle_phrase(noun: Token, modifiers: list[Token]) -> list[Token]:
    """The words that say whose a vehicle is or what it carries: its modifiers before it, and the words of the
    phrases after it ("a truck carrying explosives", "a car packed with explosives"), at most
    ``MAX_PHRASE_WORDS`` of them: a vehicle-borne bomb is a weapon, not a crash."""
    words = list(modifiers)
    for child in noun.children:
        if child.i > noun.i and child.dep_ in ("acl", "prep", "relcl", "amod"):
            words.extend(t for t in child.subtree if t.i - noun.i <= MAX_PHRASE_WORDS)
    return words


def _helps(verb: Token) -> bool:
    """A purpose clause of helping, assisting or rescuing ("sent troops to help ...")."""
    return any(t.lemma_.lower() in ("help", "assist", "aid", "rescue", "evacuate", "support") and t.i != verb.i
               for t in verb.subtree)


def _helped(verb: Token) -> list[Token]:
    """Who a purpose clause of helping names ("to help flood victims" -> victims)."""
    for t in verb.subtree:
        if t.lemma_.lower() in ("help", "assist", "aid", "rescue", "evacuate", "support") and t.i != verb.i:
            return [c for c in t.children if c.dep_ == "dobj"]
    return []
