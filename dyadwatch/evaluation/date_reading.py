"""The date check's reading of a sentence: which years and months it names, and which clause each one governs.

Split from ``corpus_dates`` (which counts and reports) so that each stays small; the reading is the oracle the
module docstring of ``dyadwatch.evaluation.corpus_dates`` describes, written from English grammar and sharing no
code with the dates stage (``dyadwatch.dating``): the two disagree exactly where one of them is wrong.
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# Clause-opening dependencies. An infinitive clause is one too, but a past date inside it also dates its governor
# (see ``governs``).
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp", "xcomp"})
ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "advmod", "pobj", "nummod"})
PREMODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "npadvmod", "poss"})
NAME_ENTITIES = frozenset({"ORG", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "NORP", "PERSON", "LOC"})
FORWARD_WORDS = frozenset({"until", "till", "by", "next", "before", "ahead"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
UNIT_WORDS = frozenset({"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
                        "year", "years", "decade", "decades"})
# Words of a date entity that place it at a day, a week or a span from a point: "last week", "on Sunday",
# "this year", "two days later", "a decade ago", "each year".
POINT_WORDS = frozenset({
    "today", "tonight", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "last", "this", "next", "past", "coming", "ago", "later", "earlier", "recently",
    "each", "every", "weekend", "previous", "current"})
# Prepositions of time: a year before a noun they govern ("after the 2022 visit") dates the verb above; "charges
# arising from a 1985 shooting" only says which shooting.
TIME_PREPOSITIONS = frozenset({"in", "at", "on", "during", "after", "before", "since", "following", "until", "till",
                               "amid", "throughout", "ahead", "prior", "preceding"})
# Verbs that say when their noun happened: a clause of theirs on a noun dates what that noun did.
OCCURRENCE_VERBS = frozenset({"take", "happen", "occur", "hold", "stage", "conduct", "carry", "unfold"})
# Participles that say what state a noun is in, not an act of its own: a date after them is the verb's ("seized
# a tanker carrying arms last June", "arrested men tied to the ring in March").
STATE_PARTICIPLES = frozenset({"tie", "link", "arm", "connect", "affiliate", "associate", "load", "base", "backed"})
MAX_CLIMB = 60  # a parse is a tree, but every walk is bounded all the same


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """One year or month the sentence names, where it sits, and what the oracle makes of it."""

    token: int  # the year or month token
    year: int | None
    month: int | None
    since: bool
    noun_head: int | None  # set when the year or month premodifies a common noun: it dates that noun only
    clause: int  # clause head token governing the phrase
    day: int | None = None  # the day of a month phrase ("March 6", "13 December"), when written





def clause_head(tok: Token) -> Token:
    """The head of the clause a token sits in (ROOT, a clause-opening dependent, or a coordinated verb)."""
    for _ in range(MAX_CLIMB):
        if tok.head.i == tok.i or tok.dep_ in CLAUSE_DEPS:
            return tok
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
            return tok
        tok = tok.head
    return tok


def is_month(tok: Token) -> int | None:
    """The month a token names: a month word used as a date (``May`` only inside a DATE entity)."""
    number = MONTHS.get(tok.lower_.rstrip("."))
    if number is None or not tok.text[:1].isupper():
        return None
    if tok.lower_ in ("may", "march") and tok.ent_type_ != "DATE":
        return None  # the verbs "may" and "march"
    if len(tok.text.rstrip(".")) <= 3 and tok.lower_ not in ("may",) and tok.ent_type_ != "DATE":
        return None
    return number


def is_name_year(tok: Token, sent_start: int) -> bool:
    """A year that is part of a proper name, a title or a count, not a date."""
    if tok.ent_type_ in NAME_ENTITIES:
        return True
    prev = tok.doc[tok.i - 1] if tok.i > sent_start else None
    if prev is not None and prev.text[:1].isupper() and prev.i > sent_start and is_month(prev) is None \
            and prev.pos_ == "PROPN":
        return True  # "Agenda 2063", "Vision 2030"
    head = tok.head
    set_off = any(t.text in ("-", "--", "\u2013", "\u2014") and t.doc[t.i - 1].whitespace_
                  for t in tok.doc[tok.i + 1:head.i])  # "1857 - Troops take X": a chronology line's year
    if tok.dep_ in PREMODIFIER_DEPS and tok.i < head.i and not set_off:
        if head.pos_ == "PROPN":
            return True  # "the 1995 X Accords"
        if head.tag_ in ("NNS", "NNPS") and tok.dep_ == "nummod" and not _determined(tok):
            return True  # "2000 soldiers": a count ("the 2019 talks" names the year of the talks)
    return False


def _event_head(tok: Token) -> int | None:
    """The head of the named event a year is written in ("the 1879 Pacific War", "the 2008 financial crisis"): the
    year is when that event happened, so it dates that noun (and, like any year before a noun, the sentence
    only when the noun is a time adjunct, "seized the port in the 1879 war"); it is no title."""
    if tok.ent_type_ != "EVENT" or tok.dep_ not in PREMODIFIER_DEPS:
        return None
    head = tok.head
    for _ in range(4):
        if head.dep_ not in ("compound", "nmod", "amod") or head.head.i == head.i:
            break
        head = head.head
    return head.i if head.i > tok.i else None


def _determined(tok: Token) -> bool:
    """A determiner or possessive stands before the number: "the 2019 talks", "Kenya's 2017 elections"."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", tok.text)) and any(
        c.i < tok.i and (c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "its", "their")))
        for c in tok.head.children)


def date_phrases(sent: Span) -> tuple[list[DatePhrase], list[int]]:
    """The date phrases a sentence names, and the tokens of its name years."""
    phrases: list[DatePhrase] = []
    names: list[int] = []
    month_years: set[int] = set()
    for tok in sent:
        month = is_month(tok)
        if month is None:
            continue
        year = None
        for other in (*tok.children, *(t for t in sent[max(tok.i - sent.start, 0):][1:4])):
            if YEAR.match(other.text):
                year = int(other.text)
                month_years.add(other.i)
                break
        noun = tok.head.i if (tok.dep_ in PREMODIFIER_DEPS and tok.i < tok.head.i and tok.head.pos_ == "NOUN"
                              and tok.head.ent_type_ != "DATE") else None
        phrases.append(DatePhrase(tok.i, year, month, _since(tok, sent.start), noun, clause_head(tok).i,
                                  _day(tok, sent)))
    for tok in sent:
        if not YEAR.match(tok.text) or tok.i in month_years:
            continue
        if tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ in ("s", "'s") and tok.doc[tok.i + 1].idx == \
                tok.idx + len(tok.text):
            continue  # "1990s": a decade
        event = _event_head(tok)
        if event is None and is_name_year(tok, sent.start):
            names.append(tok.i)
            continue
        noun = event if event is not None else tok.head.i if (tok.dep_ in PREMODIFIER_DEPS and tok.i < tok.head.i
                                                              and tok.head.pos_ == "NOUN") else None
        phrases.append(DatePhrase(tok.i, int(tok.text), None, _since(tok, sent.start), noun, clause_head(tok).i))
    return phrases, names


def _day(month: Token, sent: Span) -> int | None:
    """The day number written next to a month word ("March 6", "6 March", "Dec. 13"), if any."""
    for j in (month.i + 1, month.i - 1):
        if sent.start <= j < sent.end and re.fullmatch(r"\d{1,2}", sent.doc[j].text) \
                and 1 <= int(sent.doc[j].text) <= 31:
            return int(sent.doc[j].text)
    return None


def other_time(sent: Span) -> bool:
    """The sentence names a time that is not a calendar year or month: a day, a week, a span back or on.

    "last week", "on Sunday", "this year", "two days later", "a decade ago", "each year": beside a year or a month
    such a phrase places some of the sentence's events elsewhere in time ("Kenya, which invaded Somalia in 2011,
    withdrew its troops last week"), so the sentence no longer names one period; so does a span counted from
    another time ("a month after the invasion", "a year after 3 May 2010"), and a decade ("in the 1990s"). A
    bare length ("after 11 days of fighting", "two decades of hostility") places nothing and does not count.
    """
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        words = [t.lower_.rstrip(".") for t in ent]
        head = list(itertools.takewhile(lambda w: not (YEAR.match(w) or w in MONTHS), words))
        lead = [t.lower_ for t in sent.doc[max(ent.start - 2, sent.start):ent.start]] + head
        if len(head) < len(words) and set(lead) & UNIT_WORDS and set(lead) & {"after", "before"}:
            return True  # "a year after 11 September 2001": counted from the date it names
        if any(re.fullmatch(r"(?:1[5-9]|20)\d0s", w) for w in words):
            return True  # "in the 1990s": a decade, a span beside the named year or month
        if any(YEAR.match(w) or (w in MONTHS and len(w) > 2) for w in words):
            continue
        if set(words) & POINT_WORDS:
            return True
        nxt = sent.doc[ent.end] if ent.end < sent.end else None
        if nxt is not None and nxt.lower_ in ("after", "before") and set(words) & UNIT_WORDS:
            return True  # "a month after the invasion": a second time, counted from another
    return False


def now_or_later(trigger: Token) -> str | None:
    """The event's verb is present, present perfect, future or modal: not an act of a named past period.

    Returns "modal", "perfect" or "present" (None for a past verb), because a perfect with "since" ("has
    held drills since 2022") is how English writes a span that starts in the named year.

    The oracle's own reading of the verb group (it shares no code with the dates stage): a nominal event takes
    the verb it hangs from; a nonfinite verb (infinitive, participle, gerund) the verb that governs it.
    """
    tok = trigger
    for _ in range(MAX_CLIMB):
        if tok.pos_ in ("VERB", "AUX"):
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            if any(a.tag_ == "MD" or a.lower_ in FUTURE_AUX for a in aux):
                return "modal"
            if any(a.tag_ == "VBD" for a in aux) or tok.tag_ == "VBD":
                return None
            if any(a.tag_ in ("VBZ", "VBP") and a.lemma_.lower() == "have" for a in aux):
                return "perfect"
            if tok.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
                return "present"
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def sentence_wide(phrase: DatePhrase, trigger: Token) -> bool:
    """Whether a reader takes ``phrase`` as a time of the whole sentence, for the event of ``trigger``.

    A year or month that premodifies a noun ("the rebels' 2016 kidnapping", "Chile's November referendum")
    tells which act the noun names, not when the sentence's other acts happen, unless that noun phrase is a
    time adjunct of a verb ("after the 2022 visit", "during the 2019 talks").
    """
    doc = trigger.doc
    if _own_clause_only(doc[phrase.token], trigger):
        return False
    if phrase.noun_head is None or phrase.noun_head == trigger.i:
        return True
    noun = doc[phrase.noun_head]
    return noun.dep_ == "pobj" and noun.head.lower_ in TIME_PREPOSITIONS and noun.head.head.pos_ in ("VERB", "AUX")


def _own_clause_only(tok: Token, trigger: Token) -> bool:
    """The date sits in a clause whose time a reader does not give to the event of ``trigger``.

    * a clause on a noun (a relative clause, a participle or an infinitive on it): "the general, who took office
      in 1988, was arrested", "marched against a decree signed in 1994", "the area that troops took in November",
      "talks to extend the mission after 2000" tell that noun's story, not the time of the sentence's other acts;
      except a clause saying when the noun itself happened ("the raid, which took place in March, killed ...")
      and the clause on the event's own noun ("attacks, where 200 died in April");
      except a participle that only says what state the noun is in ("a tanker carrying arms last June");
    * a reported complement or a perfect participle below the event ("he claimed a villager was killed in 2008",
      "won the title, having won in February"): the saying is not the date of what is said, and "having"
      tells an earlier act.
    """
    doc = tok.doc
    ancestors = {a.i for a in trigger.ancestors} | {trigger.i}
    node = tok
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i or node.i == trigger.i:
            return False
        noun = _noun_of_clause(node)
        if noun is not None and trigger.i not in {t.i for t in node.subtree}:
            occurs = node.lemma_.lower() in OCCURRENCE_VERBS and (
                node.lemma_.lower() != "take" or any(c.lower_ == "place" for c in node.children))
            occasion = noun.dep_ == "pobj" and noun.head.lower_ in ("in", "at", "during") and node.dep_ == "acl" \
                and noun.head.head.i in ancestors  # "in a communique released in May, X condemned Y"
            state = node.dep_ == "acl" and (node.tag_ == "VBG" or node.lemma_.lower() in STATE_PARTICIPLES)
            return noun.i != trigger.i and not occurs and not occasion and not state
        if node.head.i in ancestors and (node.dep_ in ("ccomp", "csubj") or (
                node.dep_ == "advcl" and any(c.lower_ == "having" for c in node.children))) \
                and not any(t.text in (";", ":") for t in doc[min(node.i, node.head.i):max(node.i, node.head.i)]):
            return True  # (a clause the parser hung on another across a semicolon is its equal, not reported)
        node = node.head
    return False


def _noun_of_clause(node: Token) -> Token | None:
    """The noun a relative or participle clause headed by ``node`` is on, if it is one: also a bare participle
    right after its noun that the parser took for an adverbial clause ("marched against a decree signed in
    1994" parsed with "signed" on "marched")."""
    if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return node.head
    before = node.doc[node.i - 1] if node.i > 0 else None
    if node.dep_ == "advcl" and node.tag_ in ("VBN", "VBD") and before is not None \
            and before.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in node.children):
        return before
    return None


def _since(tok: Token, sent_start: int) -> bool:
    """"since 2011", and a date inside a clause that "since" opens ("the worst attack since troops crossed the
    border in March"): a point something counts from, not a time something happened in."""
    doc = tok.doc
    if any(doc[j].lower_ == "since" for j in range(max(tok.i - 3, sent_start), tok.i)):
        return True
    clause = clause_head(tok)
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children)


def _infinitive(tok: Token) -> bool:
    return tok.dep_ in ("xcomp", "advcl") and any(c.tag_ == "TO" for c in tok.children)


def _fronted(phrase: DatePhrase, clause: Token) -> bool:
    """The phrase is the clause verb's own adjunct, placed before the verb."""
    tok = clause.doc[phrase.token]
    for _ in range(MAX_CLIMB):
        if tok.head.i == clause.i:
            return tok.dep_ in ADJUNCT_DEPS and tok.i < clause.i
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def governs(phrase: DatePhrase, trigger: Token, published: date | None = None) -> bool:
    """Whether the oracle reads ``phrase`` as dating the event whose trigger head is ``trigger``."""
    doc = trigger.doc
    if phrase.noun_head is not None:
        return trigger.i == phrase.noun_head
    event_clause = clause_head(trigger)
    clause = doc[phrase.clause]
    past = published is not None and phrase.year is not None and date(phrase.year, phrase.month or 1, 1) <= published
    for _ in range(MAX_CLIMB):  # a past date in an infinitive clause also dates its governor
        if clause.i == event_clause.i or not (past and _infinitive(clause)):
            break
        clause = clause_head(clause.head)
    if event_clause.i == clause.i:
        return True
    # A fronted phrase governs the verbs coordinated with its verb.
    if _fronted(phrase, clause):
        tok = event_clause
        for _ in range(MAX_CLIMB):
            if tok.dep_ != "conj" or tok.head.i == tok.i:
                break
            tok = clause_head(tok.head)
            if tok.i == clause.i:
                return True
    # "since 2011, when troops went in": a when-clause hanging from the date takes it.
    if event_clause.dep_ in ("relcl", "advcl", "acl") and any(c.lower_ == "when" for c in event_clause.children):
        return abs(event_clause.head.i - phrase.token) <= 2
    return False


def period_end(phrase: DatePhrase, published: date) -> date | None:
    """The last day of the period a phrase names (a bare month: its latest occurrence up to publication)."""
    if phrase.month is not None:
        year = phrase.year
        if year is None:
            year = published.year if phrase.month <= published.month else published.year - 1
        return date(year, phrase.month, calendar.monthrange(year, phrase.month)[1])
    if phrase.year is not None:
        return date(phrase.year, 12, 31)
    return None
