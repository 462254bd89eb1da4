"""A date check that needs no gold: code any JSONL corpus and ask whether events are dated where their sentence says.

Why an oracle of its own: the dates stage decides which date phrase governs an event by walking the parse from
the phrase to the trigger; this check decides it by a coarser, independent reading of the same sentence, so the
two disagree exactly where one of them is wrong, and a person reads the disagreements (``--json`` keeps them).

The oracle's reading, written from English grammar (not from any corpus sentence):

* A *date phrase* is an explicit calendar year (``1963``, ``in 2015``) or a named month (``in April``,
  ``last November``, ``March 6``). A year that belongs to a proper name or title ("Agenda 2063", "the 1995 X
  Accords": a year right after a capitalised name word, inside a non-date entity, or before a proper noun) or
  that counts something (a number before a plural noun) is a *name year*: never a date.
* A year before a singular common noun ("a 2013 agreement") dates that noun's event only.
* Any other date phrase belongs to the clause it sits in, wherever the parser hung its preposition inside that
  clause (``launched an operation on the border in 2015`` dates ``launched`` even when ``in 2015`` hangs from
  ``border``). Clauses are split at relative, adverbial, complement and participial clauses and at coordinated
  verbs. A year already past at publication inside an infinitive clause also dates the verb governing it
  ("tried to kill him in 2022", "sent troops to secure the port in 2015"); a later one does not ("vowed to
  cut emissions by 2050": the vow is today). A phrase fronted before a verb, as that verb's own adjunct, also
  governs the verbs coordinated with it ("In 2019, X praised ... and announced ...").
* An event *names one year* when the phrases governing it name exactly one year; it is *dated there* when its
  date (not the publication fallback) falls in that year. Months likewise (and the year too when it is named).
  A bare month beside a separate year ("in 2023 and again in January") names two periods: not checked.
* An event governed by a phrase whose whole period ends more than the history threshold before publication is
  *old*; an old event not flagged historical is counted (the goal is none). "since <date>" phrases are left out
  of the old count: what has gone on since then is still going on.
* An event whose date was read from a name year is counted (the goal is none).

Negated and hypothetical events are left out (they are not counted in series either).
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyadwatch.errors import InputError
from dyadwatch.evaluation.report import EvalReport, Metric, share

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dyadwatch.records import Event

DATASET_PREFIX = "corpus-dates"
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
MAX_EXAMPLES = 40


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


@dataclass(slots=True)
class DateCheck:
    """Counts of the check, plus examples of each kind of miss for people to read."""

    articles: int = 0
    events: int = 0
    year_events: int = 0
    year_dated: int = 0
    month_events: int = 0
    month_dated: int = 0
    old_events: int = 0
    old_unhistorical: int = 0
    name_dated: int = 0
    sentence_year_events: int = 0
    sentence_year_dated: int = 0
    sentence_month_events: int = 0
    sentence_month_dated: int = 0
    sentence_old_events: int = 0
    sentence_old_unhistorical: int = 0
    published_fallback: int = 0
    rejected: int = 0
    misses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def miss(self, kind: str, event: Event, text: str, expected: str) -> None:
        rows = self.misses.setdefault(kind, [])
        if len(rows) < MAX_EXAMPLES:
            rows.append({"article": event.article_id, "trigger": event.trigger.text, "expected": expected,
                         "date": event.date.value.isoformat() if event.date.value else None,
                         "precision": event.date.precision, "rule": event.date.rule,
                         "historical": event.date.historical,
                         "sentence": text[event.evidence.start:event.evidence.end]})


# --- reading the sentence ---------------------------------------------------------------------------------------


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


def _now_or_later(trigger: Token) -> str | None:
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


def _sentence_wide(phrase: DatePhrase, trigger: Token) -> bool:
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


# --- checking events ----------------------------------------------------------------------------------------


def _trigger_token(analysis: Any, event: Event) -> Token | None:
    norm, doc = analysis.norm, analysis.doc
    start, end = norm.to_normalised(event.trigger.start), norm.to_normalised(event.trigger.end)
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def check_article(analysis: Any, result: DateCheck, history_days: int) -> None:
    """Add one coded article's events to the counts."""
    text = analysis.article.text
    published = analysis.article.published
    cache: dict[int, tuple[list[DatePhrase], list[int]]] = {}
    for event in analysis.events:
        if event.negated or event.hypothetical:
            continue
        result.events += 1
        if event.date.precision in ("published", "unknown"):
            result.published_fallback += 1
        trigger = _trigger_token(analysis, event)
        if trigger is None:
            continue
        if trigger.sent.start not in cache:
            cache[trigger.sent.start] = date_phrases(trigger.sent)
        phrases, names = cache[trigger.sent.start]
        _check_names(analysis, event, names, result, text)
        if published is not None:
            _check_sentence(event, phrases, trigger, published, history_days, result, text)
        ruling = [p for p in phrases if governs(p, trigger, published) and not _ahead(p, trigger.doc)]
        value = event.date.value if event.date.precision not in ("published", "unknown") else None
        years = {p.year for p in ruling if p.year is not None}
        bare_months = {p.month for p in ruling if p.month is not None and p.year is None}
        if bare_months and years:
            ruling = []  # "in 2023 and again in January": two periods, no single answer to check against
            years = set()
        if len(years) == 1:
            year = next(iter(years))
            result.year_events += 1
            if value is not None and value.year == year:
                result.year_dated += 1
            else:
                result.miss("year", event, text, str(year))
        months = {(p.month, p.year) for p in ruling if p.month is not None}
        if len({m for m, _ in months}) == 1:
            month, year = next(iter(months))
            result.month_events += 1
            fine = event.date.precision in ("day", "week", "month")
            if value is not None and fine and value.month == month and (year is None or value.year == year):
                result.month_dated += 1
            else:
                result.miss("month", event, text, f"{year or '?'}-{month:02d}")
        if published is not None:
            ends = [period_end(p, published) for p in ruling if not p.since]
            ends = [e for e in ends if e is not None]
            if ends and max(ends) < published - timedelta(days=history_days):
                result.old_events += 1
                if not event.date.historical:
                    result.old_unhistorical += 1
                    result.miss("old", event, text, f"historical (before {max(ends).isoformat()})")


def _ahead(phrase: DatePhrase, doc: Doc) -> bool:
    """A bare month that names the noun after "before / until / by" in a plan or wish ("will not sign the pact
    before the referendum in May"): the coming May, the point the plan is placed before, not a past period; a reader
    takes no date of the act from it. Read from the words: the forward word at most six words back with no verb
    between, and a future, modal or present verb group (the reading's own ``_now_or_later``)."""
    if phrase.year is not None:
        return False
    tok = doc[phrase.token]
    for j in range(tok.i - 1, max(tok.sent.start, tok.i - 7) - 1, -1):
        word = doc[j]
        if word.pos_ in ("VERB", "AUX"):
            return False
        if word.lower_ in FORWARD_WORDS - {"next"}:
            return word.i < tok.i - 2 and _now_or_later(word.head) is not None
    return False


def _forward(phrase: DatePhrase, doc: Doc) -> bool:
    """A phrase that names a deadline or a plan: after "until/by/next", or in a clause with "will/shall"."""
    tok = doc[phrase.token]
    before = {doc[j].lower_ for j in range(max(tok.sent.start, tok.i - 3), tok.i)}
    if before & FORWARD_WORDS:
        return True
    clause = doc[phrase.clause]
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in (*clause.children, *clause.head.children))


def _check_sentence(event: Event, phrases: list[DatePhrase], trigger: Token, published: date, history_days: int,
                    result: DateCheck, text: str) -> None:
    """The stricter, sentence-wide reading: a sentence that names one past year (month) dates all its events there.

    Coarser than the clause oracle on purpose: it is what a reader of a short news sentence assumes, and what a
    held-out check without parses can count. Phrases of a future period (a later year, a deadline, a plan: see
    ``_forward``, or a day after publication) leave the sentence out; "since" phrases count for the year and month
    but not for "old" (what has gone on since is ongoing).

    What a reader does not take from a sentence's dates, so neither does this reading: a year or month that
    only says which act a noun names (``_sentence_wide``); a sentence that also names a day, a week or a span
    from a point (``other_time``: it names more than one time); a year beside a bare month of another year
    ("deposed in November 2019 ... unrest that started May 4"); an event whose verb is present, perfect,
    future or modal (``_now_or_later``: "closes the strait every winter", "are still held", "would halt").
    """
    doc = trigger.doc
    phrases = [p for p in phrases if _sentence_wide(p, trigger)]
    if not phrases or any(p.year is not None and p.year > published.year for p in phrases) \
            or any(_forward(p, doc) or _after(p, published) for p in phrases) or other_time(trigger.sent):
        return
    own = any(p.noun_head == trigger.i for p in phrases)
    verb = None if own else _now_or_later(trigger)
    if verb is not None and not (verb == "perfect" and any(p.since for p in phrases)):  # "since 2011, X has ..."
        return
    if verb != "perfect":  # "the worst attack since March": the point a comparison counts from, not its time
        phrases = [p for p in phrases if not p.since or p.noun_head == trigger.i]
        if not phrases:
            return
    value = event.date.value if event.date.precision not in ("published", "unknown") else None
    years = {p.year for p in phrases if p.year is not None}
    bare = {end.year for p in phrases if p.month is not None and p.year is None
            for end in [period_end(p, published)] if end is not None}
    if len(years) == 1 and not bare - years:
        year = next(iter(years))
        result.sentence_year_events += 1
        if value is not None and value.year == year:
            result.sentence_year_dated += 1
        else:
            result.miss("sentence-year", event, text, str(year))
    months = {(p.month, p.year) for p in phrases if p.month is not None}
    if len(months) == 1 and (not years or years == {y for _, y in months}):
        month, year = next(iter(months))
        end = period_end(DatePhrase(0, year, month, False, None, 0), published)
        if end is not None and date(end.year, end.month, 1) <= published:
            result.sentence_month_events += 1
            fine = event.date.precision in ("day", "week", "month")
            if value is not None and fine and value.month == month and (year is None or value.year == year):
                result.sentence_month_dated += 1
            else:
                result.miss("sentence-month", event, text, f"{year or '?'}-{month:02d}")
    ends = [period_end(p, published) for p in phrases]
    if phrases and not any(p.since for p in phrases) and all(e is not None for e in ends) \
            and max(e for e in ends if e is not None) < published - timedelta(days=history_days):
        result.sentence_old_events += 1
        if not event.date.historical:
            result.sentence_old_unhistorical += 1
            result.miss("sentence-old", event, text, "historical (every date of the sentence is old)")


def _after(phrase: DatePhrase, published: date) -> bool:
    """A month and day still to come at publication ("due to be signed Nov. 20", published 14 November)."""
    if phrase.month is None or phrase.day is None or (phrase.year is None and phrase.month != published.month):
        return False  # a bare month other than the current one is its latest past occurrence
    year = phrase.year if phrase.year is not None else published.year
    try:
        return date(year, phrase.month, phrase.day) > published
    except ValueError:
        return False


def _check_names(analysis: Any, event: Event, names: list[int], result: DateCheck, text: str) -> None:
    span = event.date.span
    if span is None or not names:
        return
    doc = analysis.doc
    for i in names:
        tok = doc[i]
        start, end = analysis.norm.to_original(tok.idx, tok.idx + len(tok.text))
        if span.start < end and start < span.end:
            result.name_dated += 1
            result.miss("name", event, text, "no date from a name")
            return


# --- running it -------------------------------------------------------------------------------------------------


def dataset_name(path: Path) -> str:
    """``corpus-dates:voa`` for ``.../voa/articles.jsonl``: the folder names the corpus, the file rarely does."""
    stem = path.parent.name if path.stem in ("articles", "corpus", "data") and path.parent.name else path.stem
    return f"{DATASET_PREFIX}:{stem}"


def _articles(path: Path, problems: list[str]) -> Iterator[Any]:
    from dyadwatch.io.readers import InputProblem, read_articles

    for item in read_articles(str(path)):
        if isinstance(item, InputProblem):
            problems.append(str(item))
        else:
            yield item


def check_corpus(path: Path, pipeline: Any, history_days: int, progress: Callable[[int], None] | None = None,
                 limit: int | None = None) -> tuple[DateCheck, list[str]]:
    """Code every article of a JSONL corpus with ``pipeline`` and check its event dates."""
    from dyadwatch.pipeline import Rejected

    if not path.is_file():
        raise InputError(f"{path}: no such file; pass a JSONL corpus (one article object with 'text' per line)")
    problems: list[str] = []
    result = DateCheck()
    articles: Iterable[Any] = _articles(path, problems)
    if limit is not None:
        articles = (a for n, a in enumerate(_articles(path, problems)) if n < limit)
    for coded in pipeline.pipe(articles):
        result.articles += 1
        if isinstance(coded, Rejected):
            result.rejected += 1
        else:
            check_article(coded, result, history_days)
        if progress:
            progress(1)
    if result.articles == 0:
        raise InputError(f"{path}: no readable articles; each line needs a JSON object with 'text'")
    return result, problems


def to_report(check: DateCheck, name: str, history_days: int) -> EvalReport:
    """The check as an eval report: shares are gated metrics, the counts a table, the misses examples."""
    metrics = [
        Metric("year.share", share(check.year_dated, check.year_events), check.year_events,
               "events whose clause names one year, dated in that year", True),
        Metric("month.share", share(check.month_dated, check.month_events), check.month_events,
               "events whose clause names one month, dated in that month", True),
        Metric("old.historical_share", share(check.old_events - check.old_unhistorical, check.old_events),
               check.old_events, f"events older than {history_days} days flagged historical", True),
        Metric("sentence.year.share", share(check.sentence_year_dated, check.sentence_year_events),
               check.sentence_year_events, "events whose sentence names one past year, dated in that year", True),
        Metric("sentence.month.share", share(check.sentence_month_dated, check.sentence_month_events),
               check.sentence_month_events, "events whose sentence names one past month, dated in that month",
               True),
        Metric("sentence.old.historical_share",
               share(check.sentence_old_events - check.sentence_old_unhistorical, check.sentence_old_events),
               check.sentence_old_events, f"events whose sentence names only dates older than {history_days} "
               "days, flagged historical", True),
        Metric("published_fallback.share", share(check.published_fallback, check.events), check.events,
               "events left on the publication date (information)"),
    ]
    counts = [
        {"count": "articles", "value": check.articles},
        {"count": "events (asserted)", "value": check.events},
        {"count": "naming one year / dated there", "value": f"{check.year_events} / {check.year_dated}"},
        {"count": "naming one month / dated there", "value": f"{check.month_events} / {check.month_dated}"},
        {"count": "old events not flagged historical (goal 0)", "value": check.old_unhistorical},
        {"count": "sentence names one past year / dated there",
         "value": f"{check.sentence_year_events} / {check.sentence_year_dated}"},
        {"count": "sentence names one past month / dated there",
         "value": f"{check.sentence_month_events} / {check.sentence_month_dated}"},
        {"count": "sentence dates all old, event not flagged historical", "value": check.sentence_old_unhistorical},
        {"count": "events dated from a year inside a name (goal 0)", "value": check.name_dated},
        {"count": "rejected articles", "value": check.rejected},
    ]
    report = EvalReport(name, check.articles, metrics, {"counts": counts}, [
        "oracle: the year/month phrases of the event's own clause (see dyadwatch/evaluation/corpus_dates.py); "
        "--json lists the misses",
    ], rejected=check.rejected)
    return report


def evaluate_corpus_dates(path: Path, coder: Any, *, limit: int | None = None,
                          progress: Callable[[int], None] | None = None,
                          total: Callable[[int], None] | None = None) -> tuple[EvalReport, dict[str, Any]]:
    """Run the check with an eval ``Coder``'s pipeline; returns the report and the misses (for ``--json``)."""
    import time

    from dyadwatch.evaluation.dataset import file_sha256

    started = time.perf_counter()
    if total and path.is_file():
        with open(path, "rb") as handle:
            lines = sum(1 for line in handle if line.strip())
        total(min(lines, limit) if limit else lines)
    history_days = coder.settings.history_days
    check, problems = check_corpus(path, coder.pipeline(), history_days, progress, limit)
    report = to_report(check, dataset_name(path), history_days)
    report.sha256 = file_sha256(path)
    report.seconds = time.perf_counter() - started
    report.notes += [f"skipped input: {p}" for p in problems[:5]]
    if limit is not None:
        report.notes.append(f"--limit {limit}: checked the first {check.articles} articles only")
    return report, {"misses": check.misses, "skipped": problems}
