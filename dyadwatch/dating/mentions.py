"""Date phrases of a sentence, read relative to publication and to the dates the sentence itself names.

Why a module of its own: finding a sentence's date phrases is one job (which entities are dates, which numbers
are names, ages or counts, which phrases count from the story's own date rather than from today), and attaching
them to events is another (``dyadwatch.dating.attach``). spaCy's DATE entities are the raw material; the
readings of English below decide what each one means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Span

from dyadwatch.dating.expressions import MONTHS, NUMBERS, VAGUE, ParsedDate, month_end, parse_expression, shift
from dyadwatch.dating.structure import complement_words, tense
from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import entities_in, left_edges, span_tokens, tokens
from dyadwatch.document.doccache import head as head_of
from dyadwatch.document.tree import climb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.document.analysis import Analysis

OFFSET_FOLLOWERS = frozenset({"after", "before", "later", "earlier", "prior", "following"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
TIME_WORDS = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|night|morning|afternoon|evening|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_COUNT_WORDS = "|".join(sorted((*NUMBERS, *(k for k in VAGUE if k)), key=len, reverse=True))
DURATION = re.compile(rf"(?:(?:about|some|just|nearly|almost|only|barely|more than|less than|over|under)\s+)?"
                      rf"(?:(?:\d+|{_COUNT_WORDS})[\s-]+)?(?:minute|hour|day|week|month|year|decade)s?")
OFFSET_INSIDE = re.compile(r"(.+?)\s+(?:later|earlier)")
YEARS_EARLIER = re.compile(r"\b(years?|decades?)\s+(?:earlier|before)$", re.I)
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Dates that name their own year: a bare month or "the next year" later in the sentence counts from them.
STORY_ANCHORS = frozenset({"year", "month-year", "full-date"})
TOLD_FROM = re.compile(r"the\s+(?P<which>next|following|previous|prior|same)\s+(?P<unit>year|month)"
                       r"|the\s+(?P<unit2>year|month)\s+(?P<dir>before|after|earlier|later)"
                       r"|that\s+(?P<unit3>year|month)")
MONTH_WORDS = frozenset(MONTHS)
# Prepositions that place an act before a point ("before the vote", "until the election").
AHEAD_WORDS = frozenset({"before", "until", "till"})  # not "by": mostly a passive's agent ("angered by a ruling")
# Dependency labels of a word written before a noun it modifies.
NOUN_PREMODIFIERS = frozenset({"nummod", "compound", "amod", "nmod"})


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in the parse: token range, its meaning, and whether it only measures an offset."""

    start: int
    end: int
    parsed: ParsedDate | None
    offset: bool
    since: bool

    def contains(self, i: int) -> bool:
        return self.start <= i < self.end


# A dash that stands between words (spaced), as a chronology line or an aside writes it; "mid-2002" is a word.
_DASHES = ("-", "--", "\u2013", "\u2014")


def is_future(tok: Token, notes: dict[str, object] | None = None) -> bool:
    """Whether a date on ``tok`` lies ahead of the time of writing: a future auxiliary; "would" reporting a plan
    from the time of the report ("said the levies would apply from Wednesday"; not "would have"); a
    to-infinitive under a verb or adjective of schedule or intent ("is due to land in Quito Friday", "was told to
    report to the court on 27 March": the complement lies after its governor, see ``complements.json``)."""
    if notes and str(notes.get("tense", "")).lower() == "future":
        return True
    verb = climb(tok, lambda t: t.dep_ != "xcomp")
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in (*dependents(tok), *dependents(verb))):
        return True
    return _would_ahead(tok) or _scheduled(tok)


def _would_ahead(tok: Token) -> bool:
    """"would" before the verb, with no "have" after it: a plan told from the time of the report."""
    aux = [c for c in dependents(tok) if c.dep_ in ("aux", "auxpass")]
    return any(a.lower_ == "would" for a in aux) and not any(a.lemma_.lower() == "have" for a in aux)


def _scheduled(tok: Token) -> bool:
    """A to-infinitive whose governor looks forward ("due to", "set to", "expected to", "ordered to")."""
    if tok.dep_ != "xcomp" or not any(c.tag_ == "TO" for c in dependents(tok)):
        return False
    words = complement_words()
    governor = head_of(tok).lemma_.lower()
    return governor in words["forward_governors"] or governor in words["schedule_adjectives"]


def ahead_of(root: Token) -> Token | None:
    """The verb of a "before / until / ahead of" phrase whose noun a date names ("will not sign the pact before the
    referendum in May"): the date is when that noun happens, and it lies ahead when that verb does.

    The parser often hangs "in November" on the verb instead of the noun it follows; a date right after "in /
    on" right after such a noun names it all the same (the order of the words says so)."""
    toks = tokens(root.doc)
    first = left_edges(root.doc)[root.i]
    if first >= 2 and toks[first - 1].lower_ in ("in", "on") and toks[first - 2].pos_ == "NOUN" \
            and toks[first - 2].dep_ == "pobj" and head_of(toks[first - 2]).lower_ in AHEAD_WORDS \
            and head_of(head_of(toks[first - 2])).pos_ in ("VERB", "AUX"):
        return head_of(head_of(toks[first - 2]))
    tok = root
    for _ in range(4):
        head = head_of(tok)
        if head.i == tok.i:
            return None
        if tok.dep_ == "pobj" and head.lower_ in AHEAD_WORDS and head_of(head).pos_ in ("VERB", "AUX"):
            return head_of(head)
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head_of(head).pos_ in ("NOUN", "PROPN"):
            tok = head_of(head)
        elif tok.dep_ == "pobj" and head.lower_ == "of" and head_of(head).lower_ == "ahead":
            return head_of(head_of(head)) if head_of(head_of(head)).pos_ in ("VERB", "AUX") else None
        else:
            return None
    return None


def find_date_mentions(analysis: Analysis, sent: Span, published: date | None) -> list[DateMention]:
    """spaCy DATE entities (and TIME ones naming a day) of a sentence, parsed relative to publication."""
    out: list[DateMention] = []
    doc = sent.doc
    event_years = [year for ent in entities_in(sent) for year in _event_years(ent)] + _unnamed_years(sent) \
        + _heading_years(sent)
    named = {year.start for year in event_years}
    pieces = sorted([piece for ent in entities_in(sent) for piece in _split_entity(ent)] + event_years,
                    key=lambda span: span.start)  # in text order: later phrases count from earlier ones
    gloss = bracket_gloss(sent, published)
    if gloss is not None:
        out.append(gloss)
    for ent in pieces:
        if ent.label_ not in ("DATE", "TIME") or (gloss is not None and gloss.start <= ent.start < gloss.end):
            continue
        if ent.label_ == "TIME" and not TIME_WORDS.search(ent.text):
            continue
        text = ent.text
        if text.endswith("'s"):
            text = text[:-2]
        if ent.start not in named and name_number(ent):
            continue  # "Agenda 2063", "the 1995 X Accords", "2000 soldiers": a name, a title or a count
        nxt = doc[ent.end] if ent.end < len(doc) else None
        told = _told_from(text, ent, out)
        if told is not None:
            parsed_told, end = told
            out.append(DateMention(ent.start, ent.end + end, parsed_told, False, False))
            continue
        offset = nxt is not None and nxt.lower_ in OFFSET_FOLLOWERS and is_duration(text)
        prev = doc[ent.start - 1] if ent.start > sent.start else None
        since = (prev is not None and prev.lower_ == "since") or _under_since(ent.root)
        ahead = ahead_of(ent.root)
        future = any(is_future(t) for t in (ent.root.head, ent.root.head.head)) \
            or (ahead is not None and is_future(ahead))
        end = ent.end
        if offset and _earlier_alone(nxt, text):
            offset, end = False, ent.end + 1
            text = f"{text} {nxt.lower_}"  # type: ignore[union-attr]
        if YEARS_EARLIER.search(text):
            # "Years earlier, X had sent troops": told from a past point, so at least that long before
            # publication; read as "years ago" (a bound that makes it history, never a later date).
            text = YEARS_EARLIER.sub(r"\1 ago", text)
        elif OFFSET_INSIDE.fullmatch(text.strip().lower()) and is_duration(OFFSET_INSIDE.sub(r"\1", text.lower())):
            offset = True  # "months later", "three days earlier": from a point the text names, not from today
        parsed = None if offset else parse_expression(text, published, future)
        if parsed is None and not offset:
            parsed = _from_a_named_date(text, published, future)
        start = ent.start
        if parsed is None and not offset:
            parsed, start, end = _trimmed(ent, out, published, future)
        if parsed is not None and parsed.rule in ("month-name", "month-day") and not since:
            parsed = _in_the_story_year(parsed, ent.root, out, published)
        out.append(DateMention(start, end, parsed, offset, since))
    return _season_years(_shared_years(_named_days(out, doc), doc))


def bracket_gloss(sent: Span, published: date | None) -> DateMention | None:
    """A calendar date in brackets opening a sentence ("[3 May] as troops fired on the marchers"), or None.

    Monitoring services gloss a weekday with its date in brackets ("were arrested on Friday [3 May] after ..."),
    and the sentence splitter cuts the text at the bracket: the date heads the words after it, and names the
    weekday just before it (``resolve`` joins the two).
    """
    doc = sent.doc
    if len(sent) < 3 or doc[sent.start].text not in ("[", "("):
        return None
    close = next((t.i for t in span_tokens(sent)[1:8] if t.text in ("]", ")")), None)
    if close is None or close == sent.start + 1:
        return None
    parsed = parse_expression(doc[sent.start + 1:close].text, published)
    if parsed is None or parsed.value is None or parsed.precision != "day":
        return None
    return DateMention(sent.start + 1, close, parsed, False, False)


def _from_a_named_date(text: str, published: date | None, future: bool) -> ParsedDate | None:
    """An entity that runs on past its date: "two weeks after 4 March 2011" (the offset from the date it names),
    or "June 3 after a" (the parser took in the words of a relation that follows: the date alone)."""
    m = re.fullmatch(r"(?P<head>.+?)\s+(?P<dir>after|before)\s+(?P<tail>.+)", text.strip(), re.I)
    if m is None:
        return None
    anchor = parse_expression(m.group("tail"), published, future)
    step = re.fullmatch(r"(?:exactly\s+|just\s+)?(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
                        r"\s+(?P<unit>day|week|month|year)s?", m.group("head").strip().lower())
    if anchor is not None and anchor.value is not None and step is not None:
        n = NUMBERS.get(step.group("n")) or int(step.group("n"))
        sign = 1 if m.group("dir").lower() == "after" else -1
        start = shift(anchor.range_start or anchor.value, step.group("unit"), sign * n)
        end = shift(anchor.range_end or anchor.value, step.group("unit"), sign * n)
        return ParsedDate.period(start, end, anchor.precision, f"offset-from-date:{anchor.rule}")
    return parse_expression(m.group("head"), published, future)


def _named_days(mentions: list[DateMention], doc: Doc) -> list[DateMention]:
    """A weekday or "this morning" set beside the calendar date it is ("Friday (April 14)", "Tuesday, 9 May"):
    the calendar date names the day; the weekday only agrees with it."""
    out = list(mentions)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.parsed is None or b.parsed is None or a.parsed.rule not in ("weekday", "today") \
                or b.parsed.precision != "day" or b.start - a.end > 2:
            continue
        if all(not t.is_alpha for t in doc[a.end:b.start]):
            out[k] = DateMention(a.start, a.end, b.parsed, a.offset, a.since)
    return out


def _shared_years(mentions: list[DateMention], doc: Doc) -> list[DateMention]:
    """"in May and June 1998": the year written after the second month is the first month's too."""
    out = list(mentions)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.parsed is None or b.parsed is None or a.parsed.value is None or b.parsed.value is None \
                or a.parsed.rule.split(":")[0] not in ("month-name", "month-day") \
                or b.parsed.rule not in ("month-year", "full-date") or b.start - a.end > 2:
            continue
        if all(t.lower_ in ("and", "or", "to", "through", "-", "\u2013", ",") for t in doc[a.end:b.start]):
            year = b.parsed.value.year
            try:
                start = a.parsed.value.replace(year=year)
                end = (a.parsed.range_end or a.parsed.value).replace(year=year)
            except ValueError:
                continue
            parsed = ParsedDate(start, a.parsed.precision, start, end, f"{a.parsed.rule.split(':')[0]}:shared-year")
            out[k] = DateMention(a.start, a.end, parsed, a.offset, a.since)
    return out


def _season_years(mentions: list[DateMention]) -> list[DateMention]:
    """A season a dated day or month right after it falls in ("their summer offensive starting July 2"): that
    season is the one of the date's year, not the latest one before publication."""
    out = list(mentions)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.parsed is None or b.parsed is None or a.parsed.rule != "season" or b.parsed.value is None \
                or a.parsed.range_start is None or a.parsed.range_end is None or b.start - a.end > 6 \
                or b.parsed.precision not in ("day", "month"):
            continue
        for year in (b.parsed.value.year, b.parsed.value.year - 1):
            shift_by = year - a.parsed.range_start.year
            try:
                start = a.parsed.range_start.replace(year=year)
                end = a.parsed.range_end.replace(year=a.parsed.range_end.year + shift_by)
            except ValueError:
                break
            if start <= b.parsed.value <= end and shift_by:
                out[k] = DateMention(a.start, a.end, ParsedDate.period(start, end, "month", "season:dated"),
                                     a.offset, a.since)
                break
    return out


def _story_anchor(before: list[DateMention], doc: Doc) -> DateMention | None:
    """The latest date of the sentence so far that names its own year ("in 2015", "in February 2016").

    A year written before a noun ("their 2016 kidnapping") names which act the noun is, not the time the
    sentence tells its story in: it is no anchor.
    """
    for m in reversed(before):
        if m.parsed is None or m.parsed.value is None or m.parsed.rule not in STORY_ANCHORS:
            continue
        root = doc[m.start:m.end].root
        if root.dep_ in NOUN_PREMODIFIERS and root.i < head_of(root).i and head_of(root).pos_ == "NOUN":
            continue
        return m
    return None


def _in_the_story_year(parsed: ParsedDate, month: Token, before: list[DateMention],
                       published: date | None) -> ParsedDate:
    """A bare month after a date with its year, in the same story line, is in the year the story is told in.

    "Chile recalled its envoy in February 2016 and closed its consulates in **September**": September 2016, not
    the latest September before publication. A month earlier in the year than the anchor's own month is the
    next year's ("the junta took power in October 2009 and banned parties in **March**"). Only when both dates sit on
    one verb or on coordinated past verbs: "Kenya, which invaded Somalia in 2011, withdrew in **March**" tells
    background in a relative clause and today's news in the main one. Never after publication.
    """
    mention = _story_anchor(before, month.doc)
    anchor = mention.parsed if mention is not None else None
    if mention is None or anchor is None or anchor.value is None or parsed.value is None:
        return parsed
    verb, anchor_verb = _verb_of(month), _verb_of(month.doc[mention.start])
    if verb is None or anchor_verb is None or tense(verb) not in ("past", "pluperfect") \
            or not _coordinated(verb, anchor_verb):
        return parsed
    year = anchor.value.year
    if anchor.precision in ("month", "day") and parsed.value.month < anchor.value.month:
        year += 1
    try:
        start, end = parsed.value.replace(year=year), (parsed.range_end or parsed.value).replace(year=year)
    except ValueError:
        return parsed
    if published is not None and end > published:
        return parsed
    return ParsedDate(start, parsed.precision, start, end, f"{parsed.rule}:story-year")


def _verb_of(tok: Token) -> Token | None:
    """The nearest verb above a date phrase."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if head_of(tok).i == tok.i:
            return None
        tok = head_of(tok)
    return None


def _coordinated(a: Token, b: Token) -> bool:
    """The same verb, or verbs joined by coordination ("invaded ... and annexed ...")."""
    def chain(t: Token) -> set[int]:
        out = {t.i}
        for _ in range(4):
            if t.dep_ != "conj" or head_of(t).i == t.i:
                break
            t = head_of(t)
            out.add(t.i)
        return out
    return bool(chain(a) & chain(b))


def _told_from(text: str, ent: Span, before: list[DateMention]) -> tuple[ParsedDate | None, int] | None:
    """"the next year", "the year before", "that year": a year or month counted from the story's own date.

    These words never count from today (that is "next year", "a year ago"): they count from a date the sentence
    has named, so "In 1979, Soviet troops invaded Afghanistan; the United States boycotted the Olympics the
    next year" is 1980. Returns the meaning (None when the sentence names no date to count from: no guess) and
    how many tokens after the entity belong to the phrase ("the year" + "before").
    """
    t = text.lower().strip()
    extra = 0
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and re.fullmatch(r"the (?:year|month)", t) and nxt.lower_ in OFFSET_FOLLOWERS \
            and not any(c.dep_ in ("pobj", "pcomp") for c in dependents(nxt)):  # not "the year before the war"
        t, extra = f"{t} {nxt.lower_}", 1
    m = TOLD_FROM.fullmatch(t)
    if m is None:
        return None
    unit = m.group("unit") or m.group("unit2") or m.group("unit3")
    word = m.group("which") or m.group("dir") or "same"
    step = {"next": 1, "following": 1, "after": 1, "later": 1, "previous": -1, "prior": -1, "before": -1,
            "earlier": -1, "same": 0, "that": 0}[word]
    found = _story_anchor(before, ent.doc)
    anchor = found.parsed if found is not None else None
    if anchor is None or anchor.value is None or (unit == "month" and anchor.precision not in ("month", "day")):
        return None, extra
    if unit == "year":
        y = anchor.value.year + step
        return ParsedDate.period(date(y, 1, 1), date(y, 12, 31), "year", f"story-{word}-year"), extra
    first = anchor.value.replace(day=1)
    index = first.year * 12 + first.month - 1 + step
    y, mo = divmod(index, 12)
    start = date(y, mo + 1, 1)
    return ParsedDate.period(start, month_end(y, mo + 1), "month", f"story-{word}-month"), extra


def _under_since(tok: Token) -> bool:
    """A date inside a "since" phrase ("since independence in 1947", "since gaining power in July"): the start
    of what has gone on since, like "since 1947" itself."""
    for _ in range(4):
        if head_of(tok).i == tok.i or head_of(tok).tag_ in FINITE_TAGS:
            return False  # a finite verb between: the date is its clause's, not the "since" phrase's
        tok = head_of(tok)
        if tok.lower_ == "since" and tok.dep_ in ("prep", "mark"):
            return True
    return False


def _earlier_alone(word: Token | None, text: str) -> bool:
    """"two years earlier" with nothing after it (no "before the vote"): a span of years back, not a relation."""
    if word is None or word.lower_ not in ("earlier", "before") or not re.search(r"\b(?:years?|decades?)$", text, re.I):
        return False
    return not any(c.dep_ in ("pobj", "pcomp") for c in dependents(word)) and not any(
        c.dep_ == "advcl" for c in dependents(head_of(word)) if c.i > word.i and word.lower_ == "before")


def name_number(ent: Span) -> bool:
    """A DATE entity that is only a number inside a proper name, a title or a quantity, so never a date.

    English writes a year into a name right after a capitalised name word ("Agenda 2063", "Vision 2030") or
    before a proper noun it titles ("the 1995 X Accords"); a number before a plural common noun counts it.
    A year before a singular common noun ("the 2014 abduction") is a date, of that noun, and so is a year set
    off from the noun by a spaced dash (a chronology line: "1992 - Rebels seize the town").
    """
    if not all(t.like_num for t in span_tokens(ent)):
        return False
    doc, sent_start = ent.doc, ent.sent.start
    prev = doc[ent.start - 1] if ent.start > sent_start else None
    if prev is not None and prev.i > sent_start and prev.pos_ == "PROPN" and prev.text[:1].isupper() \
            and prev.lower_.rstrip(".") not in MONTH_WORDS and not prev.ent_type_ == "DATE":
        return True
    root = ent.root
    head = head_of(root)
    if root.i < head.i and any(t.text in _DASHES and doc[t.i - 1].whitespace_ for t in doc[ent.end:head.i]):
        return False  # "1992 - Rebels seize X": a chronology line's year, which the parser hung on the subject
    if root.i < head.i and root.dep_ in NOUN_PREMODIFIERS:
        if head.pos_ == "PROPN" and head.ent_type_ not in ("DATE", ""):
            return True
        if head.tag_ in ("NNS", "NNPS") and root.dep_ == "nummod" and not year_before_plural(root):
            return True
    return False


def year_before_plural(tok: Token) -> bool:
    """"the 2019 talks", "Ethiopia's 2020 elections": a year-shaped number after a determiner or possessive
    before a plural noun dates it; "2000 soldiers" (no determiner) counts them."""
    if not re.fullmatch(r"(?:19|20)\d\d", tok.text):
        return False
    head = head_of(tok)
    return any(c.i < tok.i and (c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "its", "their")))
               for c in dependents(head))


def is_duration(text: str) -> bool:
    """"three days after" is an offset; "2022 after", "June after a court ruled" are points in time."""
    return bool(DURATION.fullmatch(text.strip().lower()))


def _event_years(ent: Span) -> list[Span]:
    """The year written inside a named event ("the 1879 Pacific War", "the 2008 financial crisis"): the date of
    that event, so a date phrase of the sentence like any other, even before the capitalised name (the event
    happened in its year; a year titling a law or a plan, "Agenda 2063", is no EVENT entity)."""
    if ent.label_ != "EVENT":
        return []
    return [Span(ent.doc, t.i, t.i + 1, label="DATE") for t in span_tokens(ent)
            if re.fullmatch(r"(?:1[5-9]|20)\d\d", t.text) and t.dep_ in NOUN_PREMODIFIERS]


def _unnamed_years(sent: Span) -> list[Span]:
    """A year the tagger left out of every entity, written after a determiner or possessive before a singular
    common noun ("during the 1971 border war", "at their 1988 congress"): a date of that noun, like "the 2014
    abduction" (a count would stand before a plural with no determiner)."""
    out = []
    for t in span_tokens(sent):
        if t.ent_type_ or not re.fullmatch(r"(?:1[5-9]|20)\d\d", t.text) or t.dep_ not in NOUN_PREMODIFIERS:
            continue
        head = head_of(t)
        if head.i > t.i and head.tag_ == "NN" and year_before_plural(t):
            out.append(Span(sent.doc, t.i, t.i + 1, label="DATE"))
    return out


def _heading_years(sent: Span) -> list[Span]:
    """A bare year opening a chronology line ("1861 - Peru seizes the islands", "1861: ..."), which the tagger
    may read as a count: the date of the line, like "March 3, 2004 - Troops close the crossing"."""
    toks = tokens(sent.doc)
    first = sent.start + (1 if toks[sent.start].text in ("[", "(", *_DASHES) else 0)
    if first + 1 >= sent.end:
        return []
    year, mark = toks[first], toks[first + 1]
    if year.ent_type_ == "DATE" or not re.fullmatch(r"(?:1[5-9]|20)\d\d", year.text) \
            or not (mark.text == ":" or (mark.text in _DASHES and year.whitespace_)) \
            or (first + 2 < sent.end and sent.doc[first + 2].like_num):
        return []  # "2000 - 3000 troops": a range of counts
    return [Span(sent.doc, first, first + 1, label="DATE")]


SAME_YEAR = re.compile(r"(?P<head>.+?)\s+of\s+(?:the\s+)?(?P<which>same|that|following|next|previous|prior)\s+year",
                       re.I)


def _trimmed(ent: Span, before: list[DateMention], published: date | None,
             future: bool) -> tuple[ParsedDate | None, int, int]:
    """The date inside an entity the tagger ran over its edges, when the whole does not read as one.

    "Tarma last October" (a place name taken in): the date after the leading name words; "May 2 4,000"
    (the count that opens the next phrase): the date before the number; "arrested weeks ago" (the verb it dates
    taken in): the date after the verb; "Oct. 9, 2002 - Rebels" (a spaced dash,
    as a chronology line or the wire's " _ " writes it): the date before the dash; "2 June of that year": the
    day, in the year the sentence last named (the next one for "following", the one before for "previous"), else
    its latest occurrence, like a bare month; "between May 3 and May 9": the span. Returns the meaning (None:
    none) and the tokens it spans.
    """
    words = list(ent)
    while words and words[0].pos_ in ("VERB", "AUX") and words[0].tag_ != "VBG":
        words = words[1:]  # "arrested weeks ago": the verb the span dates, taken in (no date opens with a verb)
    while words and words[0].pos_ == "PROPN" and words[0].lower_.rstrip(".") not in MONTH_WORDS \
            and not TIME_WORDS.fullmatch(words[0].text):
        words = words[1:]
    while words and re.fullmatch(r"\d{1,3}(?:,\d{3})+", words[-1].text):
        words = words[:-1]
    dash = next((k for k, w in enumerate(words) if k and w.text in _DASHES and words[k - 1].whitespace_
                 and not (k + 1 < len(words) and words[k + 1].like_num)), None)  # "2000 - 3000": a range
    if dash is not None:
        words = words[:dash]  # "Oct. 9, 2002 - Rebels": a chronology line's date, the tagger ran over its dash
    if not words:
        return None, ent.start, ent.end
    span = (words[0].i, words[-1].i + 1)
    text = ent.doc[span[0]:span[1]].text
    m = SAME_YEAR.fullmatch(text)
    if m is not None:
        parsed = parse_expression(m.group("head"), published, future)
        anchor = _story_anchor(before, ent.doc)
        if parsed is None or parsed.value is None or anchor is None or anchor.parsed is None \
                or anchor.parsed.value is None:
            return parsed, *span
        year = anchor.parsed.value.year + {"following": 1, "next": 1, "previous": -1, "prior": -1}.get(
            m.group("which").lower(), 0)
        try:
            start, end = parsed.value.replace(year=year), (parsed.range_end or parsed.value).replace(year=year)
        except ValueError:
            return parsed, *span
        return ParsedDate(start, parsed.precision, start, end, f"{parsed.rule}:story-year"), *span
    between = words[0].lower_ == "between" or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "between")
    pair = re.fullmatch(r"(?:between\s+)?(?P<a>.+?)\s+and\s+(?P<b>.+)", text, re.I)
    if pair is not None and between:
        first, second = pair.group("a"), pair.group("b")
        if re.fullmatch(r"\d{1,2}", first):  # "between 3 and 9 May": the month written once
            first = re.sub(r"^\d{1,2}", first, second)
        a, b = (parse_expression(t, published, future) for t in (first, second))
        if a is not None and b is not None and a.value is not None and b.value is not None:
            start, end = a.range_start or a.value, b.range_end or b.value
            days = (end - start).days
            if 0 <= days <= 366:  # "between 18 and 27 May": the span
                precision = "day" if days == 0 else "week" if days <= 10 else "month" if days <= 62 else "year"
                return ParsedDate(start, precision, start, end, "between"), *span
    if len(words) == len(ent):
        return None, ent.start, ent.end
    return parse_expression(text, published, future), *span


def _split_entity(ent: Span) -> list[Span]:
    """A date entity the parser ran across a comma into an offset ("July 2019, weeks [after]"): two mentions.

    Only when what follows the last comma is a bare duration, so "March 6, 2020" stays whole.
    """
    commas = [t.i for t in span_tokens(ent) if t.text == ","]
    if not commas:
        return [ent]
    cut = commas[-1]
    head, tail = ent.doc[ent.start:cut], ent.doc[cut + 1:ent.end]
    if not len(head) or not len(tail) or not is_duration(tail.text):
        return [ent]
    label = ent.label_
    return [Span(ent.doc, head.start, head.end, label=label), Span(ent.doc, tail.start, tail.end, label=label)]
