"""Country from context: whose police, government or court an article means when it does not say.

Why: "police arrested five activists", "the government said", "the court ruled" name a sector but no state, yet a
reader knows which state from the rest of the article. Leaving them without a country drops the event from every
dyad series, export and alert. The reading below is the one a careful analyst makes, in order of how close the
evidence sits to the actor, and it stops rather than guesses when the evidence points two ways:

1. the sentence: a place the sentence puts things in ("in Kashmir", "at the border with X" does not count: only
   locative phrases, since a country named as the other party - "talks with China" - is not the actor's state);
   two different countries there -> ambiguous, unresolved;
2. the paragraph: a country named clearly more than any other (in two sentences at least, twice as often as the
   next);
3. the article: the dateline's country (counted double: the story was filed there) and every country the article
   names, the clear winner (at least twice, twice the next, named in two sentences or more); two countries of
   comparable weight -> ambiguous, unresolved;
4. home (``home``): an article that names one state only, and names it by something of its own inside it (a
   city, province or county, a national party or agency, the country as a place), is domestic news of that state
   even when it names it once: "police in kogi state arrested ...", "the karnataka government decided ...".
   An amount in a currency of one state only ("800 million naira", ``data/actors/currencies.tsv``) is such a
   mark too, though it weighs nothing at the other levels. A demonym, a person or the country as a party
   ("sanctions on X") is no mark: it may be the foreigner in the story. Any second state named anywhere in the
   article (a currency included), and the rule says nothing.

A news outlet the words were said to ("told VOA", "in an interview with the BBC") is no clue at the paragraph and
article levels: it says who reported the story, not which state it is about. A place inside an attribution clause
("..., aid officials in X said", "diplomats in neighbouring X said", "according to sources in X") is no locative
clue of its sentence (``attribution.py``): it is where the speaker sits, not where the reported people act.

Each answer names the mention that gave it (``Actor.evidence``) and the level, so a user can check it; the rule is
``context-country`` and events built on it carry a lower confidence.

A named person the tables do not know gets a country from the paragraph or the article only (being in a place
does not make one its citizen); a titled one ("President Ahmed al-Sharaa", "Justice Gibson Mandaza") likewise,
with the office's sector.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from dyadwatch.actors.attribution import attribution_tokens
from dyadwatch.actors.layout import find_structure
from dyadwatch.actors.tables import PLACE_KINDS
from dyadwatch.actors.vocabulary import Hit, is_locative, norm_name
from dyadwatch.document.doccache import doc_text, token_strings
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from datetime import date

    from spacy.tokens import Doc, Token

    from dyadwatch.document.analysis import Analysis
    from dyadwatch.records import TextSpan

# Sectors of actors that belong to no one state by definition: their country is never taken from context.
STATELESS_SECTORS = frozenset({"IGO", "NGO", "MNC", "REF", "UAF"})
# Heads that name several states or forces from abroad ("the three military-led nations", "peacekeepers"): never one
# country from context.
MANY_STATES = frozenset({"nation", "country", "state", "power", "ally", "neighbour", "neighbor", "member",
                         "peacekeeper", "monitor", "observer", "mediator", "donor"})
DATELINE_WEIGHT = 2
# Nouns that name a part of a place: a country or city modifying them still places things ("in the Kashmir valley").
PLACE_NOUNS = frozenset({"valley", "region", "province", "state", "district", "city", "town", "village", "area",
                         "border", "capital", "county", "coast", "street", "streets", "suburb", "outskirts", "part",
                         "north", "south", "east", "west", "centre", "center", "heart", "side", "camp", "port",
                         "island", "islands", "territory", "zone", "countryside", "neighbourhood", "neighborhood"})
MAX_CLIMB = 8
# Sectors of a state's organs and of armed groups: these may take the state of the sentences just before them.
NEARBY_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "INS"})
# Plural nouns of the people of a place ("affected families", "the residents"): they may take the one country the
# sentence just before puts things in (``ArticleContext.previous_place``, rule ``previous-place``).
PEOPLE_NOUNS = frozenset({"people", "resident", "civilian", "family", "villager", "inhabitant", "household",
                          "survivor", "victim", "local"})
PREVIOUS_PLACE = "previous-place"
HOME = "home"
# Table kinds that mark a state's inside wherever they stand ("the mumbai police", "the karnataka government"); the
# country itself only as a place ("in Pakistan"), not as a party ("talks with Pakistan").
INSIDE_KINDS = frozenset({"city", "region", "capital", "org"})
# How far back the last sentence naming a country may be to say which of two contending states the text is about.
NEARBY = 5


@dataclass(frozen=True, slots=True)
class Clue:
    """One place in the text that names a country: where it is and whether it is a locative ("in Delhi")."""

    token: int
    sentence: int
    paragraph: int
    country: str
    span: TextSpan
    locative: bool
    medium: bool = False  # a news outlet ("told VOA"): where the story is reported, not what it is about
    topic: bool = False  # the subject of its sentence's main clause, or that subject's possessor or modifier
    told: bool = False  # a news outlet a statement was made to ("told VOA", "in an interview with VOA")
    attributed: bool = False  # inside an attribution clause ("officials in X said"): the speaker's seat
    domestic: bool = False  # a mark of the state's own inside ("in kano", "the karnataka government", a party)


@dataclass(frozen=True, slots=True)
class Found:
    """A country from context, the mention that gave it, and the level it was found at."""

    country: str
    evidence: TextSpan
    level: str  # "sentence" | "paragraph" | "dateline" | "article" | "home" | "nearby" | "previous-place"


@dataclass(slots=True)
class ArticleContext:
    """The countries an article names, by sentence and paragraph, and its dateline's country."""

    clues: list[Clue] = field(default_factory=list)
    dateline: Clue | None = None
    attribution: frozenset[int] = frozenset()  # tokens inside attribution clauses (``attribution.py``)
    marks: list[Clue] = field(default_factory=list)  # amounts in one state's currency: for ``_home`` only

    def country_for(self, sentence: int, paragraph: int, *, person: bool = False,
                    nearby: bool = False, token: int | None = None, home: bool = True) -> Found | None:
        """The country the context gives an actor of ``sentence``/``paragraph``, or None (none or ambiguous).

        ``person``: one person (a name, "the minister") with no country of their own; where they are ("in Kabul")
        does not say whose they are, so the sentence's places are skipped and only the paragraph and the article
        count.

        ``token``: the actor's head token, when known. A place inside an attribution clause ("..., aid officials in
        X said") is the speaker's seat: it places the speaker (an actor whose token is inside that attribution),
        but for the people of the reported content it counts only when the paragraph and the article say nothing
        (a one-sentence text, where the seat is all there is).

        ``home``: whether the ``home`` level may answer. Callers say no for a named person and for one unnamed
        person with no office ("a suicide bomber", "a man"): a state named once is where the story happens, and
        the one person in it may be its foreigner (a visitor, a bomber from across the border).
        """
        speaker = token is not None and token in self.attribution
        here = [c for c in self.clues if c.sentence == sentence and c.locative and (speaker or not c.attributed)]
        countries = {c.country for c in here}
        if len(countries) == 1 and not person:
            return Found(here[0].country, here[0].span, "sentence")
        if len(countries) > 1:
            return None
        found = self._wider(sentence, paragraph, nearby=nearby, home=home)
        seats = [] if speaker or person else [c for c in self.clues
                                              if c.sentence == sentence and c.locative and c.attributed]
        if found is not None or len({c.country for c in seats}) != 1:
            return found
        return Found(seats[0].country, seats[0].span, "sentence")

    def _wider(self, sentence: int, paragraph: int, *, nearby: bool, home: bool = True) -> Found | None:
        """The paragraph's, the dateline's or the article's country (steps 2 and 3), or the state just named."""
        topical = [c for c in self.clues if not c.told]
        para = [c for c in topical if c.paragraph == paragraph]
        winner = _clear_winner(Counter(c.country for c in para))
        if winner is not None and len({c.sentence for c in para if c.country == winner}) > 1:
            clue = _nearest(para, winner, sentence)
            return Found(winner, clue.span, "paragraph")
        weights = Counter(c.country for c in topical)
        if self.dateline is not None:
            weights[self.dateline.country] += DATELINE_WEIGHT
        winner = _clear_winner(weights)
        if winner is None:
            found = self._home(topical, sentence) if home else None
            if found is not None or not nearby:
                return found
            return self._nearby(sentence, paragraph, weights)
        sentences = {c.sentence for c in topical if c.country == winner}
        if self.dateline is not None and self.dateline.country == winner:
            return Found(winner, self.dateline.span, "dateline")
        if len(sentences) < 2:
            return self._home(topical, sentence) if home else None
        return Found(winner, _nearest(topical, winner, sentence).span, "article")

    def _home(self, topical: list[Clue], sentence: int) -> Found | None:
        """Step 4: the one state a domestic story names, however few times, by a mark of its own inside it."""
        topical = [*topical, *self.marks]
        named = {c.country for c in topical} | ({self.dateline.country} if self.dateline is not None else set())
        if len(named) != 1:
            return None
        marks = [c for c in topical if c.domestic]
        if not marks:
            return None
        return Found(marks[0].country, _nearest(marks, marks[0].country, sentence).span, HOME)

    def _nearby(self, sentence: int, paragraph: int, weights: Counter[str]) -> Found | None:
        """Context that points two ways, settled by what the text was just about.

        An article about two states (Haiti and the USA, North Korea and the USA) names both too often for either
        to win the article; a reader then takes the state the text was about just before. Read: the places of the
        actor's own sentence (a country named there as the other party, "talks with China", is not the actor's
        state), else the last sentence before it, at most ``NEARBY`` back and in its paragraph (a new paragraph
        may turn to the other state), that names a country; a news outlet named there ("told VOA") does not
        count; when that sentence names two countries, the one that is (or owns) its main clause's subject, the
        topic the text continues, decides. It decides only when that names one country, and that country is one of
        the article's contenders (at least half the leader's weight, named in two sentences or more): a country
        named in passing does not take over the article.
        """
        near = [c for c in self.clues if c.sentence == sentence and c.locative and not c.attributed]
        if not near:  # the last sentence before that names a country
            before = [c for c in self.clues if sentence - NEARBY <= c.sentence < sentence
                      and c.paragraph == paragraph and not c.medium]
            last = max((c.sentence for c in before), default=None)
            near = [c for c in before if c.sentence == last]
            topics = {c.country for c in near if c.topic}
            if len(topics) == 1 and len({c.country for c in near}) > 1:
                near = [c for c in near if c.topic]  # "Kenya launched an operation on the border with Somalia"
        countries = {c.country for c in near}
        if len(countries) != 1:
            return None
        country = next(iter(countries))
        ranked = weights.most_common(1)
        if not ranked or 2 * weights[country] < ranked[0][1]:
            return None
        if len({c.sentence for c in self.clues if c.country == country}) < 2:
            return None
        return Found(country, _nearest(near, country, sentence).span, "nearby")

    def previous_place(self, sentence: int, paragraph: int) -> Found | None:
        """The one country the sentence just before ``sentence`` (same paragraph) puts things in, for the people of
        a sentence that names no country at all: "In X, relief began in the south. The agency gave food to
        affected families." -> X's families (level ``previous-place``). Only the sentence right before, only its
        places (locatives, not the parties it names), only when they are one country; none named, two named, or
        any country named in the actor's own sentence: None (the other levels decide)."""
        if sentence == 0 or any(c.sentence == sentence for c in self.clues):
            return None
        before = [c for c in self.clues if c.sentence == sentence - 1 and c.paragraph == paragraph and not c.medium]
        places = [c for c in before if c.locative]
        if not places or len({c.country for c in before}) != 1:
            return None
        return Found(places[-1].country, places[-1].span, PREVIOUS_PLACE)


def _clear_winner(weights: Counter[str]) -> str | None:
    ranked = weights.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _nearest(clues: list[Clue], country: str, sentence: int) -> Clue:
    return min((c for c in clues if c.country == country), key=lambda c: (abs(c.sentence - sentence), c.token))


def paragraph_at(paragraph_of: list[int], sentence: int) -> int:
    """The paragraph of ``sentence`` by ``paragraph_of`` (one entry per sentence; 0 past its end)."""
    return paragraph_of[sentence] if sentence < len(paragraph_of) else 0


def paragraph_starts(doc: Doc) -> list[int]:
    """Token indices that open a paragraph: the token after a space token that holds a line break.

    A line break can only be in a space token: between two other tokens spaCy keeps at most one space (a
    token's ``whitespace_`` is " " or ""), so the text between them never holds one. Read from the per-token
    strings, not ``for tok in doc`` (a Python ``Token`` per token, ~5% of the actors stage on VOA).
    """
    words = token_strings(doc).text
    last = len(words) - 1
    starts = [0]
    starts.extend(i + 1 for i, word in enumerate(words) if "\n" in word and i < last and word.isspace())
    return sorted(set(starts))


def locative_clue(doc: Doc, start: int, end: int) -> bool:
    """ "in Delhi", "in the Kashmir valley", "in the streets of Nairobi": the phrase places things rather than
    naming a party. Walks up through noun phrases and "of"-phrases to the preposition that governs them."""
    tok = doc[start:end].root
    for _ in range(MAX_CLIMB):
        if is_locative(tok):
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PLACE_NOUNS:
            tok = tok.head.head  # "the streets of Nairobi": the streets
        elif tok.dep_ in ("compound", "amod", "nmod", "poss", "appos") and tok.head.lemma_.lower() in PLACE_NOUNS:
            tok = tok.head  # "the Kashmir valley", "Kenya's capital"; not "at US military officers"
        else:
            return False
    return False


def main_subject(tok: Token) -> bool:
    """ "Kenya launched ...", "Kenya's army launched ...", "U.S. lawmakers welcomed ...": the clue is, or names the
    owner or kind of, the subject of its sentence's main clause, the topic the next sentence continues (centering)."""
    for _ in range(2):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok.head.dep_ == "ROOT"
        if tok.dep_ not in ("poss", "compound", "amod", "nmod") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


# Words of saying whose recipient ("to X") or addressee ("told X") is who a statement was made to.
SAID_TO = frozenset({"tell", "say", "speak", "talk", "write", "email", "send", "inform", "explain", "reply", "respond",
                     "confirm", "describe", "statement", "comment", "remark", "interview", "message", "letter"})
SPOKEN_WITH = frozenset({"interview", "conversation", "talk", "speak", "chat", "exchange"})


def told_to(tok: Token) -> bool:
    """ "told VOA", "said in a statement to Reuters", "in an interview with the BBC": the outlet is who the words
    were said to, which says where the story is reported, not which state it is about (an outlet as employer, "a VOA
    host", or as actor still counts)."""
    if tok.dep_ in ("dobj", "dative") and tok.head.lemma_.lower() in SAID_TO:
        return True
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "with"):
        return False
    governor = tok.head.head.lemma_.lower()
    return governor in SAID_TO if tok.head.lower_ == "to" else governor in SPOKEN_WITH


CLUE_KINDS = frozenset({"country", "demonym", "capital", "city", "region", "seat", "org", "petrarch-actor",
                        "person"})
DATELINE_KINDS = frozenset({"country", "capital", "city", "region"})
# (first token, end token, kinds) -> the table places there: how a dateline's place is read when the tagger missed it
PlaceLookup = Callable[[int, int, frozenset[str]], list[Hit]]


@dataclass(slots=True)
class Reading:
    """What the article's structure and places say before any actor is resolved."""

    context: ArticleContext
    blocked: frozenset[int]  # tokens of datelines, bylines, credits and labels: never actors
    paragraph_of: list[int]  # paragraph index of each sentence
    dateline_place: tuple[int, int] | None = None  # token range of the dateline's first place name ("CAIRO")


READING_KEY = "dw_article_reading"


def article_reading(analysis: Analysis) -> Reading | None:
    """The reading the actors stage made of this article (later stages use its context), if it ran."""
    doc = analysis.doc
    found = doc.user_data.get(READING_KEY) if doc is not None else None
    return found if isinstance(found, Reading) else None


def read_article(analysis: Analysis, hits: list[Hit], day: date, place_lookup: PlaceLookup | None = None) -> Reading:
    """The article's structure (``dyadwatch.actors.layout``) and the countries it names, as context clues.

    ``place_lookup(start, end, kinds)`` finds table places in a token range whatever the tagger made of them: a
    dateline's place with no hit among ``hits`` (a lower-cased "lucknow:" the tagger read as a common noun) is
    looked up with it. The reading is kept with the parse (``article_reading``) so the implicit-agent step reads
    the same context.
    """
    doc = analysis.doc
    assert doc is not None
    blocked: set[int] = set()
    dateline: Clue | None = None
    dateline_place: tuple[int, int] | None = None
    named = [h for h in hits if h.kind in PLACE_KINDS]
    for item in find_structure(doc_text(doc)):
        tokens = _tokens_in(doc, item.start, item.end)
        inside = [h for h in named if item.place is not None
                  and doc[h.start].idx >= item.place[0] and doc[h.end - 1].idx < item.place[1]]
        if not inside and item.kind == "dateline" and item.place is not None and place_lookup is not None:
            words = _tokens_in(doc, *item.place)
            if words:
                inside = place_lookup(words[0], words[-1] + 1, DATELINE_KINDS)
        if not item.strict and not _covers(doc, inside, item.place):
            continue
        place = [h for h in inside if h.kind in DATELINE_KINDS]
        blocked.update(tokens)
        if item.kind == "dateline" and dateline is None and place and item.start < _first_sentence_end(analysis):
            best = next((h for h in place if h.kind == "country"), place[0])
            dateline_place = (place[0].start, place[0].end)
            if best.entry.country and len(best.entry.country) == 3:
                dateline = Clue(best.start, 0, 0, best.entry.country, analysis.span(best.start, best.end), False)
    starts = paragraph_starts(doc)
    paragraph_of = [max(bisect.bisect_right(starts, s) - 1, 0) for s in analysis.sent_starts]
    clues: list[Clue] = []
    attribution = attribution_tokens(doc)
    for h in hits:
        if h.start in blocked or (h.kind not in CLUE_KINDS and not _national_party(h)):
            continue
        entry = h.entry
        if not entry.country or len(entry.country) != 3:
            continue
        if entry.kind == "person" and not entry.valid_on(day):
            continue
        sentence = analysis.sentence_of(h.start)
        paragraph = paragraph_at(paragraph_of, sentence)
        locative = locative_clue(doc, h.start, h.end) and entry.kind in DATELINE_KINDS
        span = analysis.span(h.start, h.end)
        clues.append(Clue(h.start, sentence, paragraph, entry.country, span, locative,
                          "MED" in entry.sectors, main_subject(doc[h.start:h.end].root),
                          "MED" in entry.sectors and told_to(doc[h.start:h.end].root), h.start in attribution,
                          _inside(h, locative) or (place_of_country(h, span.text) and not _in_name(doc, h))))
    marks = currency_marks(analysis, paragraph_of)
    named = {c.country for c in clues if not c.told} | ({dateline.country} if dateline is not None else set())
    if place_lookup is not None and len(named | {c.country for c in marks}) < 2:  # else no home level: skip
        marks.extend(missed_places(analysis, paragraph_of, hits, place_lookup))
    context = ArticleContext(clues, dateline, attribution, marks=marks)
    reading = Reading(context, frozenset(blocked), paragraph_of, dateline_place)
    doc.user_data[READING_KEY] = reading
    return reading


PHOENIX_COUNTRIES = "phoenix_countries.tsv"
NAME_TABLES = ("countries.tsv", "country_aliases.tsv", "demonyms.tsv")
# rapidfuzz ratio (0-100) at which a phrase is a spelling of a state's name ("Indnonesia"), not a place inside it.
NEAR_SPELLING = 80
# Table kinds read by ``missed_places``: divisions and regions anywhere, cities and capitals after "<place> of".
MISSED_KINDS = frozenset({"region", "city", "capital"})


# Words between a number and its currency ("800 million naira", "2 crore rupees").
AMOUNT_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "lakh", "lakhs", "crore", "crores",
                          "mn", "bn"})


@cache
def currencies() -> dict[str, str]:
    """Currency word -> the one state that issues it (``data/actors/currencies.tsv``: none shared by two states,
    none an English word or a common name: no peso, rupee, shilling, dollar, won or real)."""
    lines = data_path("actors", "currencies.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {row[0]: row[1] for row in (line.split("\t") for line in lines if line.strip())}


def currency_marks(analysis: Analysis, paragraph_of: list[int]) -> list[Clue]:
    """Amounts in one state's currency ("800 million naira"): a mark of domestic news for ``_home``. Only after a
    number or an amount word, so a surname ("Rand") or a given name ("Yen") never counts."""
    doc = analysis.doc
    assert doc is not None
    table = currencies()
    words = token_strings(doc).lower
    marks: list[Clue] = []
    for i, word in enumerate(words):
        country = table.get(word)
        if country is None or i == 0 or not (doc[i - 1].like_num or words[i - 1] in AMOUNT_WORDS):
            continue
        sentence = analysis.sentence_of(i)
        marks.append(Clue(i, sentence, paragraph_at(paragraph_of, sentence), country, analysis.span(i, i + 1),
                          False, domestic=True))
    return marks


@cache
def country_names() -> dict[str, frozenset[str]]:
    """State -> the normalised names that name the state itself: ISO and common names, aliases, demonyms
    (``countries.tsv``, ``country_aliases.tsv``, ``demonyms.tsv``)."""
    names: dict[str, set[str]] = {}
    for table in NAME_TABLES:
        lines = data_path("actors", table).read_text(encoding="utf-8").splitlines()[1:]
        for row in (line.split("\t") for line in lines if line.strip()):
            if len(row) > 3 and row[3]:
                names.setdefault(row[3], set()).update(norm_name(p) for p in row[0].split("|"))
    return {country: frozenset(found) for country, found in names.items()}


def place_of_country(hit: Hit, text: str) -> bool:
    """A place inside a state that its Phoenix country list names ("West Java", "Madurai" under Indonesia and
    India): the Phoenix dictionaries list a state's provinces, cities and landmarks with its names and misspellings,
    so such a phrase comes as the state itself, though it is a mark of the state's inside like a city (``_home``).
    A name of the state (an ISO or common name, an alias, a demonym, one of these inside the phrase: "State of
    Israel") or a near spelling of one ("Indnonesia") is no place inside it."""
    entry = hit.entry
    if hit.kind != "country" or entry.source != f"actors/{PHOENIX_COUNTRIES}" or entry.country not in _states():
        return False
    names = country_names().get(entry.country or "", frozenset())
    words = norm_name(text)
    if words.startswith("the "):
        words = words[4:]
    if not words or words in names or any(f" {n} " in f" {words} " for n in names):
        return False
    return all(fuzz.ratio(words, n) < NEAR_SPELLING for n in names)


# Nouns of a place's kind before "of": "the state of veracruz", "the province of kampot".
PLACE_OF = frozenset({"state", "province", "region", "county", "department", "district", "city", "governorate",
                      "prefecture", "municipality"})


def missed_places(analysis: Analysis, paragraph_of: list[int], hits: list[Hit],
                  place_lookup: PlaceLookup) -> list[Clue]:
    """Table places the mention finder did not take, as marks of domestic news for ``_home`` only.

    Why: in lower-cased text, and in cased text the entity recogniser reads as a person ("The Tamil Nadu
    government", tagged PERSON), a province or a city is not a proper noun to the tagger, so it gives no hit and
    the story seems to name no place of its own. A division or well-known region of one state (the ``region``
    tables are kept to names safe in any case) counts wherever it stands; a city only after a place noun and "of"
    ("the state of veracruz"), where no reading but a place is possible. Like an amount in a currency they weigh
    nothing at the other levels, and a second state among them silences the home rule as any other name does."""
    doc = analysis.doc
    assert doc is not None
    taken = {i for h in hits for i in range(h.start, h.end)}
    words = token_strings(doc).lower
    marks: list[Clue] = []
    for h in place_lookup(0, len(doc), MISSED_KINDS):
        entry = h.entry
        if any(i in taken for i in range(h.start, h.end)) or entry.country not in _states() or _in_name(doc, h):
            continue
        if entry.kind != "region" and not (h.start > 1 and words[h.start - 1] == "of"
                                           and words[h.start - 2] in PLACE_OF):
            continue
        sentence = analysis.sentence_of(h.start)
        marks.append(Clue(h.start, sentence, paragraph_at(paragraph_of, sentence), str(entry.country),
                          analysis.span(h.start, h.end), False, domestic=True))
    return marks


@cache
def iso_states() -> frozenset[str]:
    """ISO 3166 alpha-3 codes of current states: not ``IGO``, ``NGO``, a region's or an organisation's code."""
    import pycountry  # loaded on first use

    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def _states() -> frozenset[str]:
    """``iso_states`` and Kosovo's two codes: the states whose marks make an article domestic."""
    return iso_states() | {"KSV", "XKX"}


def _inside(hit: Hit, locative: bool) -> bool:
    """A mark of a state's own inside (``ArticleContext._home``): a city, province, county or capital anywhere, a
    national party, a national agency of its own (police, courts, intelligence: a seat with a sector beyond GOV,
    not "US President" or "the Kremlin", which speak abroad), the country only as a place; never a news outlet
    ("told VOA"), a body of several states, or a code that is no state's."""
    sectors = set(hit.entry.sectors)
    if sectors & {"MED", *STATELESS_SECTORS} or hit.entry.country not in _states():
        return False
    if hit.kind == "seat":
        return bool(sectors - {"GOV"})
    return hit.kind in INSIDE_KINDS or _national_party(hit) or (hit.kind == "country" and locative)


# Words that make an actor the other side or an outsider ("the enemy warplanes", "foreign troops", "the visiting
# minister"): such an actor never takes the ``home`` state.
OUTSIDER_WORDS = frozenset({"enemy", "foreign", "hostile", "invading", "occupying", "coalition", "international",
                            "allied", "visiting", "overseas", "multinational", "expatriate", "exiled"})


def outsider(head: Token) -> bool:
    """Whether the actor headed by ``head`` is named as an outsider or the enemy of the place (``OUTSIDER_WORDS``
    before it)."""
    return any(t.lower_ in OUTSIDER_WORDS for t in head.lefts)


def _national_party(hit: Hit) -> bool:
    """A party of one state ("the BJP", "the ODM") says which state the article is about as surely as a city does:
    domestic politics is written about with party names and no country name. (Armed groups are not counted: they
    fight across borders.)"""
    return hit.kind == "group" and "PTY" in hit.entry.sectors


def _in_name(doc: Doc, hit: Hit) -> bool:
    """Whether a place word is part of a person's longer name ("Hussein Farah Aideed": a PERSON entity that reaches
    beyond it). Such a word names no place of the story. (A neighbouring proper noun is no sign: "Takhar Province",
    "in Corsica Thursday".)"""
    return any(ent.label_ == "PERSON" and ent.start <= hit.start and hit.end <= ent.end
               and ent.end - ent.start > hit.end - hit.start for ent in doc.ents)


def _tokens_in(doc: Doc, start: int, end: int) -> list[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(range(span.start, span.end)) if span is not None else []


def _covers(doc: Doc, place: list[Hit], chars: tuple[int, int] | None) -> bool:
    """Whether table names (places, or "UNITED NATIONS") cover every word of the dateline's place words."""
    if chars is None or not place:
        return False
    covered = {i for h in place for i in range(h.start, h.end)}
    return all(i in covered for i in _tokens_in(doc, *chars) if doc[i].is_alpha)


def _first_sentence_end(analysis: Analysis) -> int:
    """Character offset (normalised) where the second sentence starts: a dateline sits in the first."""
    doc = analysis.doc
    assert doc is not None
    if len(analysis.sent_starts) > 1:
        return int(doc[analysis.sent_starts[1]].idx)
    return len(doc_text(doc))
