"""Which place an event happened in: the place attached to its trigger in the parse, else none.

Why syntax and not proximity: "officials said in Washington that troops killed five in Kandahar" has two
places, and only the parse says which one "killed" happened in. A place named as an actor ("China declined")
or a possessor ("Iran's nuclear programme") is not where anything happened, so only locative places count:
objects of locative prepositions ("in", "near", "outside"), names inside such a phrase ("in a Baghdad market",
"in the village of X"), and places a trigger acts upon ("troops captured Aleppo").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import entities, entities_in, span_tokens, tokens
from dyadwatch.document.doccache import head as head_of
from dyadwatch.document.tree import CLAUSE_DEPS, clause_openers, crosses_clause, tree_path
from dyadwatch.places.clauses import (
    asked_act,
    content_clause,
    episode_noun,
    feared_outcome,
    in_main_clause,
    in_time_phrase,
    means_gerund,
    opens_with_there,
    statement_seat,
    statement_verb,
    tells_its_content,
    titled,
    topic_on,
)
from dyadwatch.places.gazetteer import Place, load_gazetteer
from dyadwatch.places.words import _W, territory_verbs
from dyadwatch.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dyadwatch.document.analysis import Analysis

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?:,\s*[A-Z][A-Za-z.' ]{1,30})?"
                       r"(?:,\s*[^\n]{0,30}?\d{4})?\s*(?:\([^)\n]{1,40}\)\s*)?(?:-|--|:)\s")


# Clauses of what someone said: a place in one is not where the saying happened, nor the reverse.
REPORTED = frozenset({"ccomp", "parataxis", "csubj"})
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
# Arabic names written with a lower-case article: "al-Tijara", "el-Arish".
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "an", "at"})
_PLACES_CACHE = "dw_place_mentions"
_ARTICLE_NAME = re.compile(r"^(?:al|el|ad|ar|as|ash|az|an|at)-[A-Z]")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in the parse: token range, how it attaches (its locative head), and what it resolves to."""

    start: int
    end: int
    root: int  # syntactic head token of the name
    attach: int  # the token the name's locative phrase hangs from (-1: not locative)
    relation: str  # "prep:in", "compound", "of", "object", "appos", or "" when not locative
    place: Place | None
    text: str
    label: str = ""  # the NER label ("" for a proper noun the NER missed)
    doc: Doc | None = None


def _strip(span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = span.doc
    toks = tokens(doc)
    while start < end and toks[start].lower_ in ("the", "a", "an") :
        start += 1
    while end > start and (toks[end - 1].text in ("'s", "'", ",", ".") or toks[end - 1].is_punct):
        end -= 1
    return start, end


def _locative_head(tok: Token) -> tuple[int, str]:
    """The token a place's phrase attaches to, and how; (-1, "") when the place is not locative."""
    chain = tok
    topical = False  # the name was reached through "of" a noun that is no place: "its use of X"
    # Walk up through the noun phrase that holds the name: "in a Baghdad market", "in the city of Nablus",
    # "in Mogadishu's Wadajir district", "on a central square of Berlin".
    for _ in range(5):
        dep = chain.dep_
        head = head_of(chain)
        if head.i == chain.i:
            return -1, ""
        if dep == "pobj" and head.lower_ in _W("locative_prepositions"):
            if topical and head.lower_ in _W("topic_prepositions"):
                return -1, ""  # "sued over its use of X", "a row over the fate of X": the topic, not the place
            if topic_on(head):
                return -1, ""  # "sanctions on X", "held a session on X", "imposed tariffs on X": what it is about
            return head_of(head).i, f"prep:{head.lower_}"
        if dep == "pobj" and head.lower_ == "of" and head_of(head).lower_ in _W("locative_prepositions") | {"out"}:
            # "north of Baghdad", "out of a courthouse": the compound preposition's head is the anchor
            return head_of(head_of(head)).i, f"prep:{head_of(head).lower_}"
        if dep == "pobj" and head.lower_ == "of" and head_of(head).pos_ in ("NOUN", "PROPN", "ADJ") and (
                head_of(head).lemma_.lower() not in _W("non_place_of_nouns")):
            # "the streets of X", "much of X"; not "in support of X", "in memory of X"
            owner = head_of(head)
            if owner.lemma_.lower() in _W("extent_nouns") and owner.dep_ not in ("compound", "poss") and not (
                    owner.dep_ == "pobj" and head_of(owner).lower_ in _W("locative_prepositions")):
                # "captured much of X", "the siege of X ended": X is where the noun's event takes place
                if owner.dep_ in ("dobj", "nsubjpass") and head_of(owner).pos_ == "VERB":
                    return head_of(owner).i, "object"
                return owner.i, "prep:of"
            topical = topical or not ({owner.lemma_.lower(), owner.lower_} & (_W("place_nouns") | _W("extent_nouns")))
            chain = owner
            continue
        if dep in ("compound", "nmod", "amod", "poss") and head.pos_ in ("NOUN", "PROPN"):
            # "over U.S. aid", "over China's arsenal": a name modifying a noun that is no place is a topic too
            topical = topical or not ({head.lemma_.lower(), head.lower_} & (_W("place_nouns") | _W("extent_nouns")))
            chain = head
            continue
        if dep in ("appos", "conj") and head.pos_ in ("PROPN", "NOUN"):
            chain = head
            continue
        if dep in ("dobj", "nsubjpass") and head.pos_ == "VERB" and (
                chain.i == tok.i or chain.lemma_.lower() in _W("place_nouns")
                or (tok.dep_ == "poss" and (chain.lemma_.lower() in _W("extent_nouns")
                                            or head.lemma_.lower() in territory_verbs()))) and (
                chain.i != tok.i or head.lemma_.lower() in territory_verbs()):
            # "captured Aleppo", "Grozny's streets were patrolled"; "accused Russia" names a party, "X's
            # leader was captured" a person and "praised X's pact" an agreement, not a place
            return head.i, "object"
        return -1, ""
    return -1, ""


def place_mentions(analysis: Analysis, sent: Span, context: frozenset[str]) -> list[PlaceMention]:
    """Place names in a sentence: named entities of place type and proper nouns the gazetteer knows.

    Kept per document (in ``doc.user_data``): ``locate`` asks once per event candidate and candidates share
    sentences; the answer depends only on the parse, the sentence and the article's context.
    """
    cache = sent.doc.user_data.setdefault(_PLACES_CACHE, {})
    key = (sent.start, sent.end, context)
    found = cache.get(key)
    if found is None:
        found = cache[key] = tuple(_place_mentions(sent, context))
    return list(found)


def _place_mentions(sent: Span, context: frozenset[str]) -> list[PlaceMention]:
    gaz = load_gazetteer()
    doc = sent.doc
    toks = tokens(doc)
    out: list[PlaceMention] = []
    covered: set[int] = set()
    spans: list[tuple[int, int, str]] = []
    for ent in entities_in(sent):
        if ent.label_ not in _W("not_place_labels"):
            start, end = _strip(ent)
            # "Deir Ezzor" + "Governorate": the NER often stops before the capitalised place noun
            while end < sent.end and toks[end].text[:1].isupper() and toks[end].lemma_.lower() in _W("place_nouns"):
                end += 1
            if end > start:
                spans.append((start, end, ent.label_))
    for start, end, _ in spans:
        covered.update(range(start, end))
    for ent in entities_in(sent):  # dates, numbers, money are not place names
        if ent.label_ in _W("not_place_labels"):
            covered.update(range(ent.start, ent.end))
    # Proper-noun runs the NER missed ("in Hasaka" tagged as nothing).
    i = sent.start
    while i < sent.end:
        article = (toks[i].lower_ in ARABIC_ARTICLES and i + 2 < sent.end and toks[i + 1].text == "-"
                   and _name_token(toks[i + 2]))
        if (_name_token(toks[i]) or article) and i not in covered:
            j = i + 2 if article else i
            while j < sent.end and j not in covered and (
                    _name_token(toks[j]) or (toks[j].text == "-" and j + 1 < sent.end and _name_token(toks[j + 1]))):
                j += 1
            spans.append((i, j, ""))
            i = j
        else:
            i += 1
    for start, end, label in spans:
        span = doc[start:end]
        text = span.text
        if text.lower() in _W("institution_names"):
            continue  # "Wall Street" for finance, "on Twitter": an institution or platform, not where anything happened
        if all(t.lemma_.lower() in _W("place_nouns") or t.is_punct for t in span_tokens(span)):
            continue  # "Governorate", "City" alone name no place
        place = gaz.resolve(text, context)
        if place is None and end - start > 1 and toks[end - 1].lemma_.lower() in _W("place_nouns"):
            place = gaz.resolve(doc[start:end - 1].text, context)
        attach, relation = _locative_head(span.root)
        if attach < 0 and place is None:
            continue
        if not _looks_like_name(span):
            continue
        if place is None and (span.root.tag_ == "NNPS" or span.root.dep_ == "amod"):
            continue  # "shooting at Croats", "a Slovak hut": a people or an adjective, not a place name
        if place is None and (_continues_a_title(span) or not _unresolved_place(span, label, relation)):
            continue
        if label == "PERSON" and titled(span) and not _via_place_noun(span.root):
            continue  # "calling on Secretary of State X": a person with a title, whatever the preposition
        if place is not None and label in ("ORG", "PERSON") and not _same_name(place.name, text) \
                and not _via_place_noun(span.root):
            place = None  # a party's name that only resembles a place's ("Hamas" is not "Hamm")
            if not _unresolved_place(span, label, relation):
                continue
        if place is not None and label == "PERSON" and not (
                _via_place_noun(span.root) or relation.startswith("prep")
                or (relation == "object" and (place.kind != "city" or place.population >= 100_000))):
            continue  # a person's name that is also some town's name
        if label == "NORP" and (place is None or span.root.pos_ == "ADJ" or span.root.dep_ == "amod"):
            continue  # "Syrian", "Afghan": a demonym, not a place (the actors stage reads those)
        if relation == "object" and place is not None and not (
                _via_place_noun(span.root) or (place.kind != "continent" and label != "PERSON")
                or _unresolved_place(span, label, relation)):
            continue
        out.append(PlaceMention(start, end, span.root.i, attach, relation, place, text, label, doc))
    out.extend(_borders(sent, covered, {(m.start, m.end) for m in out}))
    out.sort(key=lambda m: m.start)
    return out


def _continues_a_title(span: Span) -> bool:
    """"Treaty on X Partnership", "Commission for the X": a name joined to a capitalised name by a preposition
    is the rest of that name (a treaty's or a body's title), not a place of its own."""
    doc = span.doc
    i = span.start - 1
    while i > span.sent.start and doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    if i <= span.sent.start or doc[i].pos_ != "ADP" or doc[i].lower_ not in ("on", "of", "for"):
        return False
    before = doc[i - 1]
    return before.pos_ == "PROPN" and before.text[:1].isupper() and before.lemma_.lower() not in _W("place_nouns")


def _folded(name: str) -> str:
    """A name without accents, case or punctuation, to tell a gazetteer hit on the name from a near miss."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if c.isalnum()).lower()


def _same_name(place_name: str, text: str) -> bool:
    """The text spells the place's name (transliterations and articles aside: "Kut" / "Al Kut")."""
    from rapidfuzz import fuzz

    a, b = _folded(place_name), _folded(text)
    return bool(a and b) and (a in b or b in a or fuzz.ratio(a, b) >= 80)


def _borders(sent: Span, covered: set[int], taken: set[tuple[int, int]]) -> list[PlaceMention]:
    """"the Iraqi-Syrian border", "the Lebanese-Israeli frontier": a place named by the states it divides."""
    out: list[PlaceMention] = []
    for tok in span_tokens(sent):
        if tok.lemma_.lower() not in ("border", "frontier", "boundary") or tok.dep_ != "pobj":
            continue
        mods = [c for c in tok.subtree if c.i < tok.i and c.text[:1].isupper() and c.dep_ in ("amod", "compound")]
        if not mods:
            continue
        start = min(c.i for c in mods)
        if any((start, tok.i + 1) == t for t in taken):
            continue
        attach, relation = _locative_head(tok)
        if attach < 0 or relation[5:] not in _W("where_prepositions"):
            continue
        span = sent.doc[start:tok.i + 1]
        out.append(PlaceMention(start, tok.i + 1, tok.i, attach, relation, None, span.text, "", sent.doc))
    return out


def _name_token(tok: Token) -> bool:
    """A token of a name the NER missed: a proper noun, or a capitalised noun inside a sentence."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start and not tok.text.isupper()


def _unresolved_place(span: Span, label: str, relation: str) -> bool:
    """A name the gazetteer does not know is still a place when the text says so: a place-type entity after a
    "where" preposition, or a name after "village of", "town of", "province of"..."""
    root = span.root
    words = [t for t in span_tokens(span) if not t.is_punct]
    if label == "ORG" and (span.text.replace(".", "").isupper() or (
            len(words) > 1 and "-" not in span.text and span[-1].lemma_.lower() not in _W("place_nouns")
            and not _via_place_noun(root))):
        # "U.N.", "the Syrian Arab Army", "the Strategic Partnership": an organisation or an agreement, named by
        # its last word; a place's name ends in a place noun ("Manger Square") or is a bare name
        return False
    if relation == "object":
        verb = head_of(root).lemma_.lower() if root.dep_ in ("dobj", "nsubjpass") else ""
        if verb in _W("place_object_verbs"):
            return True  # "patrolled X", "shelled X": whatever X is called, it is a place
        if verb in _W("territory_verbs") and label not in ("PERSON", "NORP") and root.dep_ == "dobj":
            return True
        return label in PLACE_LABELS or _via_place_noun(root)
    if _via_place_noun(root):
        return True
    prep = relation[5:]
    if label in PLACE_LABELS and prep in _W("locative_prepositions"):
        return True
    # "in X", "at X" with a name the NER mislabelled (villages often come out as PERSON or ORG)
    return prep in _W("where_prepositions") and root.dep_ == "pobj" and root.pos_ in ("PROPN", "NOUN")


def _via_place_noun(root: Token) -> bool:
    """"the town of X", "X province", "the X refugee camp": a place noun says the name is a place."""
    if root.dep_ == "pobj" and head_of(root).lower_ == "of" \
            and head_of(head_of(root)).lemma_.lower() in _W("place_nouns"):
        return True
    head = root
    for _ in range(len(root.doc)):  # bounded: one step per token, whatever the parse
        if not (head.dep_ in ("compound", "amod", "nmod", "poss") and head_of(head).pos_ in ("NOUN", "PROPN")) \
                or head_of(head).i == head.i:
            break
        head = head_of(head)
        if head.lemma_.lower() in _W("place_nouns"):
            return True
    return root.dep_ == "appos" and head_of(root).lemma_.lower() in _W("place_nouns")


def _looks_like_name(span: Span) -> bool:
    """A gazetteer hit on a non-entity must look like a place name: capitalised, not a sentence-initial word
    that is also an ordinary word."""
    first = span[0]
    if not first.text[:1].isupper() and not _ARTICLE_NAME.match(span.text):
        return False
    return not (first.is_sent_start and len(span) == 1 and first.pos_ != "PROPN")




def _speaker_seat(doc: Doc, m: PlaceMention) -> bool:
    """Whether a place's phrase hangs from a report's source ("sources in X", "according to ... in X")."""
    if m.attach < 0:
        return False
    tok = doc[m.attach]
    for _ in range(8):
        if (tok.pos_ == "NOUN" and tok.lemma_.lower() in _W("speaker_nouns")) or tok.lower_ == "according":
            return True
        if tok.pos_ in ("VERB", "AUX") or head_of(tok).i == tok.i:
            return False
        tok = head_of(tok)
    return False


def _tells_another_act(clause: Token) -> bool:
    """An adverbial clause with its own subject, opened by a subordinator of time sequence or contrast, tells an
    act of its own ("while others gathered in X"); without a subject ("while filming in X") it shares the act's."""
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in dependents(clause))
    return own_subject and any(c.dep_ in ("mark", "advmod") and c.lower_ in _W("other_act_markers")
                               for c in dependents(clause))


def _reference_point(doc: Doc, m: PlaceMention) -> bool:
    """A place after a compass word measured by a distance ("some 50 km northwest of X"): a landmark to
    measure from, not where anything happened."""
    if not m.relation.startswith("prep:") or m.relation[5:] not in COMPASS:
        return False
    compass = next((t for t in doc[m.root].ancestors if t.lower_ in COMPASS), None)
    if compass is None:
        return False
    return any(t.like_num for c in dependents(compass) if c.dep_ in ("npadvmod", "nummod", "advmod", "quantmod")
               for t in c.subtree)


def attachment(trigger: Token, m: PlaceMention) -> tuple[int, int] | None:
    """How closely a locative place attaches to a trigger: (tier, distance), lower is closer; None: not at all.

    Tier 0: the place's phrase hangs inside the trigger's own clause or noun phrase. Tier 1: it hangs from an
    adverbial clause of the trigger or from the predicate the trigger depends on (shared circumstances:
    "opened fire, killing three in X"). Tier 2: it sits in a clause inside the trigger's subtree that describes
    a participant or means ("a bomb, planted near X, went off"), two clauses away at most: further away the
    place belongs to another act. Reported speech (ccomp) never lends a place, either way.
    """
    if m.attach < 0:
        return None
    doc = trigger.doc
    head = doc[m.attach]
    path = tree_path(head, trigger)
    if path is None:
        return None
    up_place, up_trigger = path
    if tells_its_content(up_place) or in_time_phrase(up_trigger):
        return None
    if not up_trigger and asked_act(trigger, up_place):
        return None
    if feared_outcome(trigger, head):
        return None
    if crosses_clause(up_place):
        # One or two hops into adverbial clauses of the trigger share its circumstances.
        crossings = clause_openers(up_place)
        if any(content_clause(t) for t in crossings):
            return None  # "reiterated the claim that militants with bases in X ...": what is said, not where
        if any(t.dep_ == "advcl" and _tells_another_act(t) for t in crossings):
            return None  # "patrolled the streets while others gathered in X", "... since bombers hit X"
        if not up_trigger and len(crossings) <= 2 and all(t.dep_ in ("advcl",) for t in crossings):
            return (1, len(up_place))
        if not up_trigger and len(crossings) <= 2 and not any(t.dep_ in REPORTED for t in crossings):
            # A clause describing the event's participants or means ("a bomb, planted near X, went off",
            # "a man travelling through X was shot"): weaker than the event's own phrase, better than nothing.
            return (2, len(up_place))
        return None
    distance = len(up_place) + len(up_trigger)
    if not up_trigger:
        return (0 if m.relation.startswith(("prep", "compound")) or (m.relation == "object" and head.i == trigger.i)
                else 1, distance)
    # The trigger sits below the place's head: a nominal inside a clause, or a subordinate predicate.
    if any(t.dep_ == "advcl" and _tells_another_act(t) for t in up_trigger):
        return None  # "troops patrolled X while rebels shelled the port": the shelling is another act
    if len(up_trigger) <= 3 and all(t.dep_ in (CLAUSE_DEPS - REPORTED) | {"dobj", "pobj", "prep", "nsubj",
                                                                           "nsubjpass", "attr", "compound", "appos"}
                                    or means_gerund(t) for t in up_trigger):
        return (1, distance)
    return None


def _phrase(doc, m: PlaceMention) -> set[int]:  # type: ignore[no-untyped-def]
    """Tokens of the noun phrase a place name heads or modifies ("the X refugee camp", "the town of X")."""
    out = {t.i for t in doc[m.root].subtree} | {m.root}
    tok = doc[m.root]
    for _ in range(4):
        if tok.dep_ in ("compound", "nmod", "amod", "poss", "appos") and head_of(tok).pos_ in ("NOUN", "PROPN"):
            tok = head_of(tok)
        elif tok.dep_ == "pobj" and head_of(tok).lower_ == "of" and head_of(head_of(tok)).pos_ in ("NOUN", "PROPN"):
            tok = head_of(head_of(tok))
        else:
            break
        out.add(tok.i)
    return out


def _container(m: PlaceMention, mentions: list[PlaceMention], doc) -> PlaceMention | None:  # type: ignore[no-untyped-def]
    """"the village of X in Y", "Y's X district", "X, Y": a resolved place that contains ``m``."""
    phrase = _phrase(doc, m)
    for other in mentions:
        if other is m or other.place is None:  # identity: place mentions
            continue
        if _contains(other, m, phrase, doc):
            return other
    return None


def _contains(outer: PlaceMention, inner: PlaceMention, phrase: set[int], doc) -> bool:  # type: ignore[no-untyped-def]
    oroot = doc[outer.root]
    if outer.relation.startswith("prep:") and outer.attach in phrase and outer.attach != inner.attach:
        return True
    if oroot.dep_ in ("poss", "appos") and head_of(oroot).i in phrase and oroot.i not in range(inner.start, inner.end):
        return True
    return outer.start == inner.end + 1 and doc[inner.end].text == ","


def to_location(analysis: Analysis, m: PlaceMention, mentions: list[PlaceMention], rule: str,
                context: frozenset[str]) -> Location | None:
    doc = analysis.doc
    assert doc is not None
    container = _container(m, mentions, doc)
    place = m.place
    if container is not None and container.place is not None and container.place.country:
        refined = load_gazetteer().resolve(m.text, context | {container.place.country})
        if refined is not None and (place is None or refined.country == container.place.country):
            place = refined
    span = analysis.span(m.start, m.end)
    if place is None:
        if container is None or container.place is None:
            # Named as a place by the text but unknown to the gazetteer: the words, never a guessed country.
            return Location(name=span.text, country=None, span=span, rule=f"{rule}:unresolved")
        c = container.place
        return Location(name=span.text, country=c.country, lat=c.lat, lon=c.lon, geonameid=None,
                        feature_class="P", span=span, rule=f"{rule}:within:{c.name}")
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                    geonameid=place.geonameid, feature_class=place.feature_class, span=span, rule=rule)


def article_context(analysis: Analysis) -> frozenset[str]:
    """The article's countries: its actors' countries and its unambiguous place names."""
    countries: set[str] = set()
    for mention in analysis.mentions:
        if mention.actor.country and len(mention.actor.country) == 3:
            countries.add(mention.actor.country)
    if analysis.doc is not None:
        gaz = load_gazetteer()
        for ent in entities(analysis.doc):
            if ent.label_ in ("GPE", "LOC") and not gaz.is_ambiguous(ent.text):
                place = gaz.resolve(ent.text)
                if place is not None and place.country:
                    countries.add(place.country)
    return frozenset(countries)


def locate(analysis: Analysis, trigger_token_index: int, context: frozenset[str] | None = None,
           planned: bool = False) -> Location | None:
    """The place of the event whose trigger is at ``trigger_token_index`` (a token of ``analysis.doc``).

    Needs only ``doc`` (and ``norm`` for offsets), so it works for any trigger, coded or gold. ``planned``: the
    event is a plan coded as its announcement ("is scheduled to travel to X", AGREE): the destination or venue
    on the trigger is where the planned act will be, so only the seat of the statement reporting it counts.
    """
    doc = analysis.doc
    assert doc is not None, "parse must run first"
    if context is None:
        context = article_context(analysis)
    trigger = doc[trigger_token_index]
    sent = analysis.sentence_tokens(analysis.sentence_of(trigger_token_index)) if analysis.sent_starts else trigger.sent
    mentions = place_mentions(analysis, sent, context)
    dateline = dateline_chars(analysis)
    if dateline is not None:  # the place of reporting is not the place of the event
        mentions = [m for m in mentions if doc[m.start].idx >= dateline[1] or doc[m.end - 1].idx < dateline[0]]
    if not mentions and (planned or not opens_with_there(sent)):
        return None if planned or not in_main_clause(trigger) else episode_place(analysis, sent, context)
    found = None if planned else _attached_place(analysis, trigger, mentions, context)
    if found is None and not planned and opens_with_there(sent):
        found = _there(analysis, sent, context)
    if found is None and not planned and not any(m.attach >= 0 for m in mentions) and in_main_clause(trigger):
        found = episode_place(analysis, sent, context)
    if found is None:
        # A stance or intent a verb of saying reports is the statement: where it was made ("told reporters in X
        # that he would ask Y to ..."), when the act names no place of its own.
        say = statement_verb(trigger)
        if say is not None:
            seats = [m for m in mentions if m.attach >= 0 and statement_seat(say, doc[m.attach])]
            said = _attached_place(analysis, say, seats, context, speaking=True)
            if said is not None:
                return replace(said, rule=f"statement:{said.rule}")
    return found


def episode_place(analysis: Analysis, sent: Span, context: frozenset[str]) -> Location | None:
    """The place of the episode a sentence that names no place takes up ("Rebels stormed a barracks in X. The
    siege ended at dawn ...", "... an offensive in X. The offensive dragged on for months"): its main
    clause is framed by a definite noun of an episode (``clauses.episode_noun``), and the sentence before places
    that episode: the place ``locate`` gives the same noun there, else its verb (rule
    ``episode:previous-sentence``)."""
    si = analysis.sentence_of(sent.start)
    noun = episode_noun(sent)
    if si < 1 or noun is None:
        return None
    before = analysis.sentence_tokens(si - 1)
    anchors = [a for tok in span_tokens(before) if tok.lemma_.lower() == noun.lemma_.lower() and tok.pos_ == "NOUN"
               for a in (tok, head_of(tok))] + [before.root]  # the same noun, else the act the sentence told
    mentions = place_mentions(analysis, before, context)
    for anchor in anchors:
        found = _attached_place(analysis, anchor, mentions, context)
        if found is not None:
            return replace(found, rule="episode:previous-sentence")
    return None


def _there(analysis: Analysis, sent: Span, context: frozenset[str]) -> Location | None:
    """The place a fronted "There," takes up: the last place the sentence before puts something "in / at / near"."""
    si = analysis.sentence_of(sent.start)
    if si < 1:
        return None
    before = place_mentions(analysis, analysis.sentence_tokens(si - 1), context)
    where = _W("where_prepositions")
    for m in reversed(before):
        if m.attach >= 0 and m.relation.startswith("prep:") and m.relation[5:] in where:
            found = to_location(analysis, m, before, "there:previous-sentence", context)
            if found is not None:
                return found
    return None


def _attached_place(analysis: Analysis, trigger: Token, mentions: list[PlaceMention], context: frozenset[str],
                    speaking: bool = False) -> Location | None:
    """The best place among ``mentions`` that attaches to ``trigger`` (see ``attachment``), or None; for a verb of
    saying (``speaking``) the seat of its audience counts ("told reporters in X": the statement was made there)."""
    doc = trigger.doc
    trigger_token_index = trigger.i
    scored: list[tuple[tuple[int, int, int], PlaceMention]] = []
    directions = _W("direction_prepositions")
    for m in mentions:
        if m.start <= trigger_token_index < m.end:
            continue
        if m.relation == "prep:from" and doc[m.attach].pos_ in ("NOUN", "PROPN"):
            continue  # "envoys from Norway": where the people come from, not where the event happens
        if m.relation[5:] in directions and not (
                m.attach == trigger.i and trigger.lemma_.lower() in _W("motion_words")) and not (
                doc[m.attach].lemma_.lower() in _W("extent_nouns") and doc[m.attach].pos_ == "NOUN"):
            continue  # "a sale to Taiwan" is not in Taiwan; "a visit to Taiwan" and "the entrance to X" are
        if not speaking and _speaker_seat(doc, m):
            continue  # "according to sources in X", "a statement from the ministry in X": where the speaker is
        if _reference_point(doc, m):
            continue  # "Y, 50 km north of X": X only measures where Y is
        how = attachment(trigger, m)
        if how is not None:
            prep = m.relation[5:]
            # "in X" beats "north of Y" (near Y, not in it), which beats "from X", "to X"
            where_bonus = (0 if m.relation == "object" or (prep in _W("where_prepositions") and prep not in COMPASS)
                           else 1 if prep in COMPASS else 2)
            scored.append(((how[0], where_bonus, how[1]), m))
    scored.sort(key=lambda x: (x[0], abs(x[1].root - trigger_token_index)))
    for (tier, _, _), best in _most_specific_first(scored):
        found = to_location(analysis, best, mentions, "attached" if tier == 0 else "shared", context)
        if found is not None:
            return found
    # A place the parse does not connect to the act is not its place, even when it is the sentence's only one:
    # "Ukraine accused Russia ..." and "... officials in X said" name a party and a speaker's seat.
    return None



SPECIFICITY = MappingProxyType(
    {"city": 0, "subdivision": 1, "state": 1, "region": 2, "country": 3, "continent": 4}
)


def _most_specific_first(scored: list[tuple[tuple[int, int, int], PlaceMention]]) -> list[
        tuple[tuple[int, int, int], PlaceMention]]:
    """Among equally well attached places, the most specific: "in X village in Y province" is X."""
    if not scored:
        return scored
    (tier, where, distance), _ = scored[0]
    close = [x for x in scored if x[0][0] == tier and x[0][1] == where and x[0][2] <= distance + 3]
    rest = [x for x in scored if x not in close]
    mentions = [m for _, m in scored]
    doc = None

    def key(x: tuple[tuple[int, int, int], PlaceMention]) -> tuple[int, int]:
        m = x[1]
        nonlocal doc
        if m.place is not None:
            spec = SPECIFICITY.get(m.place.kind, 0)
        else:  # unknown to the gazetteer: small when a place noun or a known container says so
            spec = -1 if _via_place_noun(doc[m.root]) or _container(m, mentions, doc) is not None else 0
        others = [o for o in mentions if o is not m]  # identity: mention records
        contains_other = any(_contains(m, o, _phrase(doc, o), doc) for o in others)
        if m.relation == "object" and doc[m.root].dep_ in ("dobj", "nsubjpass") and m.attach == doc[m.root].head.i:
            # "captured X in Y province": the act's own object is its place, Y contains it
            return -3, x[0][2]
        return spec + (2 if contains_other else 0), x[0][2]

    if close:
        doc = close[0][1].doc
        close.sort(key=key)
    return close + rest


def dateline_chars(analysis: Analysis) -> tuple[int, int] | None:
    """Normalised character range of the dateline's place name, if the article opens with one."""
    if analysis.norm is None:
        return None
    m = _DATELINE.match(analysis.norm.text)
    if m is None or not any(c.isalpha() for c in m.group("place")):
        return None
    return m.start("place"), m.end("place")


def find_dateline(analysis: Analysis) -> Location | None:
    """The dateline's place ("SAN FRANCISCO -", "BEIRUT, Lebanon (AP) -"): where the story was filed."""
    chars = dateline_chars(analysis)
    if chars is None:
        return None
    assert analysis.norm is not None
    name = analysis.norm.text[chars[0]:chars[1]]
    place = load_gazetteer().resolve(name.title())
    if place is None:
        return None
    span = analysis.char_span(*chars)
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon, geonameid=place.geonameid,
                    feature_class=place.feature_class, span=span, rule="dateline")


def has_event_places(analysis: Analysis, context: frozenset[str]) -> bool:
    """Whether the article names any place other than its dateline (then the dateline places nothing)."""
    doc = analysis.doc
    if doc is None:
        return False
    dateline = dateline_chars(analysis)
    for si in range(len(analysis.sentences)):
        for m in place_mentions(analysis, analysis.sentence_tokens(si), context):
            if dateline is not None and doc[m.start].idx < dateline[1] and doc[m.end - 1].idx >= dateline[0]:
                continue
            if m.attach >= 0:
                return True
    return False
