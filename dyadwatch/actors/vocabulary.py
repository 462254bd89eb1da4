"""The words and small parse tests that actor finding, resolution and coreference share.

Kept apart so that the three modules that use them (``units``, ``coreference``, ``resolver``) import downhill
from one place instead of from each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyadwatch.actors.tables import Entry
from dyadwatch.document.doccache import entities, heads, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
# "the former", "the latter": the first or second of the two parties named just before.
ORDINAL_ANAPHORS = frozenset({"former", "latter"})
# Definite nouns that point back to a country already named ("the island", "the country").
ANAPHOR_NOUNS = frozenset({"island", "country", "nation", "kingdom", "republic", "archipelago", "state"})
# Definite nouns that point back to a body named just before ("the World Food Programme ... the agency said", "Hamas
# ... the group denied"): the kind of body each may name.
ORG_ANAPHOR_NOUNS = {"agency": "org", "organization": "org", "organisation": "org", "group": "group",
                     "movement": "group", "militia": "group"}
# Nouns that, with "two"/"both", point to the pair of countries in focus.
DYAD_NOUNS = frozenset({"nation", "country", "side", "government", "state", "neighbour", "neighbor", "power",
                        "capital", "military", "leader", "superpower", "rival", "ally", "adversary"})  # fmt: skip


LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "within", "throughout", "across", "outside"})
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PERSON_ROLE_HEADS = frozenset({"official", "minister", "president", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "counterpart", "leader", "premier", "chancellor", "speaker", "ambassador", "envoy",
    "general", "commander", "king", "queen", "diplomat", "advisor", "adviser", "chief", "mayor", "governor",
    "judge", "prosecutor", "aide"})  # fmt: skip


@dataclass(slots=True)
class Hit:
    """A table phrase found in the text: token range and the entries it may mean (best first)."""

    start: int
    end: int
    entries: list[Entry]

    @property
    def kind(self) -> str:
        return self.entries[0].kind

    @property
    def entry(self) -> Entry:
        return self.entries[0]


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    head: int
    shared: int = -1  # head noun shared with a coordinated modifier ("Hungarian [and Romanian] officials")


def hits_in(hit_at: dict[int, Hit], start: int, end: int) -> list[Hit]:
    out: list[Hit] = []
    for i in range(start, end):
        if i in hit_at and (not out or out[-1].start != hit_at[i].start):
            out.append(hit_at[i])
    return out


def span_head(doc: Doc, start: int, end: int) -> int:
    """The first token of ``doc[start:end]`` whose head lies outside it (or a root), else the last token."""
    head = heads(doc)  # head indices, read once per document: no ``Token`` per word
    for i in range(start, min(end, len(head))):  # a slice's bounds, as ``doc[start:end]`` clamps them
        if not (start <= head[i] < end) or head[i] == i:
            return i
    return end - 1


def strip_end(doc: Doc, start: int, end: int) -> int:
    """``end`` moved back over possessive endings and punctuation."""
    every = tokens(doc)
    while end > start and (every[end - 1].tag_ == "POS" or every[end - 1].is_punct):
        end -= 1
    return end


def is_locative(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def pleonastic_it(tok: Token) -> bool:
    """An "it" that names nothing: the subject of "be" ("It was a mistake to ...", "it's not about ..."), of an
    expletive construction, or of a clause extraposed after an adjective or noun ("it seemed important to ...")."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = tok.head
    if head.lemma_ == "be" or any(c.dep_ == "expl" for c in head.children):
        return True
    return any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in head.children) \
        and any(c.dep_ in ("acomp", "attr") for c in head.children)


def is_definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its") for c in head.lefts)


def is_dual(head: Token) -> bool:
    return any(c.lower_ in ("two", "both") for c in head.lefts) and head.tag_ in ("NNS", "NNPS")


def is_body_anaphor(doc: Doc, unit: Unit, head: Token) -> bool:
    """ "the agency", "the group": a two-word definite ``ORG_ANAPHOR_NOUNS`` phrase (not "the X group")."""
    return head.lemma_.lower() in ORG_ANAPHOR_NOUNS and head.tag_ == "NN" and unit.end - unit.start == 2 \
        and doc[unit.start].lower_ == "the"


def person_words(doc: Doc, multi: bool = False) -> frozenset[str]:
    """Words of the article's PERSON entities: a later bare surname is a person even when the tagger misses it.

    ``multi``: only from names of two or more words ("Lloyd Austin"), which the tagger gets right far more often.
    """
    key = f"_dw_person_words_{multi}"
    cached = doc.user_data.get(key)
    if cached is None:
        ents = [e for e in entities(doc) if e.label_ == "PERSON" and (not multi or len(e) > 1)]
        cached = frozenset(t.lower_ for ent in ents for t in ent if t.is_alpha)
        doc.user_data[key] = cached
    return cached


def norm_name(name: str) -> str:
    return " ".join(name.replace("-", " ").lower().split())
