"""Where the article says a person is from: "X, a Hungarian businessman", "X, who is Slovak", "A and B, both from
Slovakia" (rule ``person-origin``).

Why: a person the actor tables do not know took, until now, the country the article names most, and in an
article about two states (a trial in one state of a plot by another) no country at all, or the wrong one. News
introduces such a person once, with a nationality or an origin, and then writes the surname alone, often before
and after that introduction ("X told the court ... X, who is Slovak, said ..."). A reader applies that
introduction to every mention of the name; so does this module: it reads the whole article's introductions first
(``person_origins``), and the resolver gives a named person with no country of its own words the country its
introduction states (``origin_of``), before any context rule. CAMEO codes a person by the state the text affiliates
them with; a nationality or a "from"-origin the text states is that, where being somewhere ("a lawyer in Nairobi")
is not.

Read (dependency shapes of English news, never one parser's quirks alone):

* an apposition whose head noun carries a nationality or a country's possessive: "X, a Hungarian businessman",
  "X, a Kenyan", "X, Kenya's former envoy";
* an apposition or a name with a "from"-phrase, or a "native/citizen/national of"-phrase: "X, a lawyer from
  Uganda", "X, from Uganda", "X, a native of Slovakia";
* a "who is/was" clause with a nationality: "X, who is Slovak", "X, who is a Polish citizen";
* "both/all from": the origin of a coordination of names is each one's ("A and B, both from Slovakia").

A name introduced with two different states (two people sharing a surname, or a dual national) gives none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyadwatch.actors.vocabulary import person_words
from dyadwatch.document.doccache import tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.actors.vocabulary import Hit

RULE = "person-origin"
# Table kinds that say which state a person is from.
ORIGIN_KINDS = frozenset({"country", "demonym"})
# Nouns whose "of"-phrase states where a person is from (not "a member of", which ``member-of`` reads).
ORIGIN_NOUNS = frozenset({"native", "citizen", "national", "resident", "son", "daughter"})
# Distributive words of "A and B, both from X".
DISTRIBUTIVE = frozenset({"both", "all", "each"})


@dataclass(frozen=True, slots=True)
class Origin:
    """A country the article says a person is from, and the token range of the words that say so."""

    country: str
    start: int
    end: int


def person_origins(doc: Doc, hit_at: dict[int, Hit]) -> dict[str, Origin]:
    """Every name the article introduces with a nationality or an origin: full name and surname (lower case) ->
    the origin. A key introduced with two different states is left out (``origin_of`` then finds nothing)."""
    found: dict[str, Origin] = {}
    clashes: set[str] = set()
    names = person_words(doc, multi=True)  # a surname the tagger reads as a noun once ("Mehdiyev, who is ...")
    for tok in tokens(doc):  # built once per document (``doccache.tokens``)
        if tok.dep_ in ("compound", "flat") or tok.i in hit_at:
            continue
        if tok.pos_ != "PROPN" and not (tok.is_title and tok.lower_ in names):
            continue
        origin = _stated_origin(tok, hit_at)
        if origin is None:
            continue
        introduced = [tok]
        if _distributive(tok):
            introduced += [c for c in tok.conjuncts if c.pos_ == "PROPN" and c.i not in hit_at]
        for name in introduced:
            for key in _keys(doc, name):
                if key in found and found[key].country != origin.country:
                    clashes.add(key)
                found.setdefault(key, origin)
    for key in clashes:
        found.pop(key, None)
    return found


def origin_of(name: str, origins: dict[str, Origin]) -> Origin | None:
    """The origin of a person named ``name`` ("Rafal Nowicki" or "Nowicki"): by full name, else by surname when
    the introduction gave the same surname; a full name that differs from the introduced one ("Ann Kowal" after
    "Jan Kowal, a Pole") is another person."""
    words = name.lower().split()
    if not words or not origins:
        return None
    full = " ".join(words)
    if full in origins:
        return origins[full]
    if len(words) == 1:
        return origins.get(words[0])
    introduced = origins.get(words[-1])
    if introduced is None:
        return None
    other_full = [k for k, v in origins.items() if v == introduced and " " in k]
    return introduced if not other_full else None


def _keys(doc: Doc, name: Token) -> list[str]:
    start = name.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "flat") \
            and doc[start - 1].head.i == name.i:
        start -= 1
    full = " ".join(t.lower_ for t in doc[start:name.i + 1])
    return [full, name.lower_] if start < name.i else [full]


def _distributive(name: Token) -> bool:
    """ "A and B, both from X": the origin phrase carries "both" (as the apposition or a preconjunct)."""
    for child in name.children:
        if child.lower_ in DISTRIBUTIVE and child.dep_ in ("appos", "preconj", "det", "advmod"):
            return True
        if child.dep_ in ("prep", "appos") and any(g.lower_ in DISTRIBUTIVE for g in child.children):
            return True
    return False


def _stated_origin(name: Token, hit_at: dict[int, Hit]) -> Origin | None:
    """The origin one of the name's own dependents states, or None (none, or two different states)."""
    found: list[Origin] = []
    for child in name.children:
        if child.i < name.i:
            continue  # "Hungarian businessman X": the unit's own words, read by the resolver already
        if child.dep_ == "prep" and child.lower_ == "from":
            found += _objects(child, hit_at)
        elif child.dep_ == "appos":
            found += _noun_origin(child, hit_at)
        elif child.dep_ == "relcl" and child.lemma_ == "be" \
                and any(g.dep_ == "nsubj" and g.lower_ in ("who", "that") for g in child.children):
            for pred in child.children:
                if pred.dep_ in ("acomp", "attr"):
                    found += _noun_origin(pred, hit_at)
    countries = {o.country for o in found}
    return found[0] if len(countries) == 1 else None


def _noun_origin(noun: Token, hit_at: dict[int, Hit]) -> list[Origin]:
    """ "a Hungarian businessman", "Kenya's envoy", "a Kenyan", "a lawyer from Uganda", "a native of Slovakia"."""
    found: list[Origin] = []
    own = _origin_at(noun.i, hit_at)
    if own is not None:
        found.append(own)  # "X, a Kenyan", "X, who is Slovak"
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < noun.i:
            origin = _origin_at(child.i, hit_at)
            if origin is not None:
                found.append(origin)
        elif child.dep_ == "prep" and (child.lower_ == "from"
                                       or (child.lower_ == "of" and noun.lemma_.lower() in ORIGIN_NOUNS)):
            found += _objects(child, hit_at)  # not "at"/"for"/"in": an employer or a place is no origin
    return found


def _objects(prep: Token, hit_at: dict[int, Hit]) -> list[Origin]:
    out = []
    for pobj in prep.children:
        if pobj.dep_ == "pobj":
            origin = _origin_at(pobj.i, hit_at)
            if origin is not None:
                out.append(origin)
    return out


def _origin_at(i: int, hit_at: dict[int, Hit]) -> Origin | None:
    hit = hit_at.get(i)
    if hit is None or hit.kind not in ORIGIN_KINDS:
        return None
    country = hit.entry.country
    if not country or len(country) != 3:
        return None
    return Origin(country, hit.start, hit.end)
