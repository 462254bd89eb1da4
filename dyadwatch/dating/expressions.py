"""Parse one date expression ("three weeks ago", "in August 2022", "the 1990s") relative to publication.

Why our own rules before dateparser: dateparser turns "this week" into the publication day, "the 1990s" into a
timestamp and "Thursday" (in a Thursday paper) into the week before; news use needs calendar periods with their
precision and range. dateparser stays the fallback for the long tail of absolute formats ("Nov. 3", "3/11/2024"),
called only on short spans and cached by (text, publication date, tense).

Convention: ``value`` is the first day of the period the text allows (``range_start``), so sorting and filtering
by ``value`` never puts an event after the earliest day its words allow; ``range_start..range_end`` is the period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

MONTHS = MappingProxyType({
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{name.lower(): i for i, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
})
WEEKDAYS = MappingProxyType({
    **{name.lower(): i for i, name in enumerate(calendar.day_name)},
    **{name.lower(): i for i, name in enumerate(calendar.day_abbr)},
})
NUMBERS = MappingProxyType({
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "a couple of": 2, "couple of": 2,
})  # fmt: skip
# Vague counts: (fewest, most) units.
VAGUE = MappingProxyType(
    {"a few": (2, 5), "few": (2, 5), "several": (3, 7), "some": (2, 7), "many": (5, 12), "": (2, 7)}
)
SEASONS = MappingProxyType({"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)})
UNIT_DAYS = MappingProxyType({"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652})

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_COUNT_RE = r"(?P<count>\d+|" + "|".join(
    sorted([*NUMBERS, "a few", "few", "several", "some", "many"], key=len, reverse=True)
) + r")?\s*"
_UNIT_RE = r"(?P<unit>day|week|month|year|decade)s?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_TRIGGER_WORDS = re.compile(
    rf"\b(?:{_MONTH_RE}|{_WEEKDAY_RE}|today|tonight|yesterday|tomorrow|ago|last|this|next|past|recent|"
    r"spring|summer|autumn|fall|winter)\b|\d",
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date expression's meaning: period, precision, and the rule that read it."""

    value: date | None
    precision: str
    range_start: date | None = None
    range_end: date | None = None
    rule: str = ""

    @classmethod
    def period(cls, start: date, end: date, precision: str, rule: str) -> ParsedDate:
        return cls(start, precision, start, end, rule)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def week_of(d: date) -> tuple[date, date]:
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6)


def unit_period(d: date, unit: str) -> tuple[date, date]:
    """The calendar ``unit`` (day, week, month, year, decade) that contains ``d``."""
    if unit == "day":
        return d, d
    if unit == "week":
        return week_of(d)
    if unit == "month":
        return date(d.year, d.month, 1), month_end(d.year, d.month)
    if unit == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    first = d.year - d.year % 10
    return date(first, 1, 1), date(first + 9, 12, 31)


def shift(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "year":
        return add_months(d, 12 * n)
    return add_months(d, 120 * n)


def _narrow(start: date, end: date, qualifier: str | None) -> tuple[date, date]:
    """Early / mid / late: the first, middle or last third of a period."""
    if not qualifier:
        return start, end
    days = (end - start).days + 1
    third = max(days // 3, 1)
    if qualifier.startswith("early"):
        return start, start + timedelta(days=third - 1)
    if qualifier.startswith("late"):
        return end - timedelta(days=third - 1), end
    return start + timedelta(days=third), end - timedelta(days=third)


def _count(word: str | None) -> tuple[int, int] | None:
    """Exact or vague count as (fewest, most); None for an unknown word."""
    word = (word or "").strip()
    if word.isdigit():
        return int(word), int(word)
    if word in NUMBERS:
        return NUMBERS[word], NUMBERS[word]
    if word in VAGUE:
        return VAGUE[word]
    return None


def _clean(text: str) -> tuple[str, str | None]:
    """Lower-case, drop articles and leading prepositions; return the text and an early/mid/late qualifier."""
    t = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:")
    t = re.sub(r"^(?:on|in|during|at(?! least| most)|by|of|from|as of|around|about|circa|c\.)\s+", "", t)
    # "as early as 2015", "back in 2015", "between 2015 and 2017": the period itself
    t = re.sub(r"^(?:as (?:early|late|recently|far back) as|back in|between)\s+", "", t)
    t = re.sub(r"^the\s+", "", t)
    qualifier = None
    m = re.match(r"^(early|earlier|mid|middle of|late|later|end of|close of|beginning of|start of)[\s-]+"
                 r"(?:in\s+)?(?:the\s+)?", t)
    if m:
        qualifier = {"earlier": "early", "middle of": "mid", "later": "late", "end of": "late", "close of": "late",
                     "beginning of": "early", "start of": "early"}.get(m.group(1), m.group(1))
        t = t[m.end():]
    return t, qualifier


def _day_of(t: str, p: date, future: bool) -> ParsedDate | None:
    """"the 14th of last March", "the 3rd of this month": a day of a month named some other way."""
    m = re.fullmatch(r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)\s+of\s+(?P<rest>.+)", t)
    if m is None:
        return None
    month = _relative(m.group("rest"), None, p, future)
    if month is None or month.precision != "month" or month.value is None:
        return None
    try:
        d = month.value.replace(day=int(m.group("day")))
    except ValueError:
        return None
    return ParsedDate.period(d, d, "day", f"day-of:{month.rule}")


def _approximately_ago(t: str, qualifier: str | None, p: date, future: bool) -> ParsedDate | None:
    """"more than a decade ago", "nearly 20 years ago", "less than a year ago": a span back, with its bound.

    "More than / over / at least N ago" ends N before publication (older is allowed, up to half as much again);
    "nearly / almost N ago" lies just short of N back (the last fifth of the span); "less than / under N ago"
    anywhere in the last N; "some / roughly / around N ago" is N ago.
    """
    m = re.fullmatch(r"(?P<word>more than|well over|just over|over|at least|nearly|almost|close to|just under|"
                     r"less than|under|some|roughly|approximately|around|about)\s+(?P<rest>.+\bago)", t)
    if m is None:
        return None
    rest, word = m.group("rest"), m.group("word")
    n_unit = re.fullmatch(_COUNT_RE + _UNIT_RE + r"\s+ago", rest)
    count = _count(n_unit.group("count")) if n_unit else None
    if n_unit is None or count is None or count[0] != count[1] or word in ("some", "roughly", "approximately",
                                                                           "around", "about"):
        return _relative(rest, qualifier, p, future)
    n, unit = count[0], n_unit.group("unit")
    back = shift(p, unit, -n)
    if word in ("more than", "well over", "just over", "over", "at least"):
        start, end = shift(p, unit, -(n + max(1, n // 2))), back
    elif word in ("nearly", "almost", "close to", "just under"):
        start, end = back, back + (p - back) / 5
    else:
        start, end = back, p
    return ParsedDate.period(start, end, _precision_of(start, end), f"{unit}s-ago:{word.replace(' ', '-')}")


def _pick_month(month: int, published: date, future: bool) -> int:
    """The year of a month named without one: the latest not after publication, or the next for the future."""
    year = published.year
    if future:
        return year if month >= published.month else year + 1
    return year if month <= published.month else year - 1


def _relative(t: str, qualifier: str | None, p: date, future: bool) -> ParsedDate | None:
    """Expressions that need the publication date."""
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening", "now", "currently"):
        return ParsedDate.period(p, p, "day", "today")
    if t in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        d = p - timedelta(days=1)
        return ParsedDate.period(d, d, "day", "yesterday")
    if t in ("tomorrow", "tomorrow morning", "tomorrow night"):
        d = p + timedelta(days=1)
        return ParsedDate.period(d, d, "day", "tomorrow")
    m = re.fullmatch(r"(this|last|next|past|previous|coming|current)\s+(week|month|year|decade)", t)
    if m:
        which, unit = m.groups()
        n = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[which]
        if which == "past":  # "the past week": the last seven days, not the calendar week before
            start, end = shift(p, unit, -1), p
        else:
            start, end = unit_period(shift(p, unit, n), unit)
        start, end = _narrow(start, end, qualifier)
        if qualifier == "early" and n == 0 and not future:
            end = min(end, p)
        return ParsedDate.period(start, end, unit, f"{which}-{unit}")
    m = re.fullmatch(_COUNT_RE + _UNIT_RE + r"\s+(?P<dir>ago|earlier|before|later|from now|hence)", t)
    if m:
        count = _count(m.group("count"))
        if count is None:
            return None
        unit = m.group("unit")
        sign = -1 if m.group("dir") in ("ago", "earlier", "before") else 1
        lo, hi = count
        if lo == hi:
            start, end = unit_period(shift(p, unit, sign * lo), unit)
            precision = unit
        else:
            a, b = shift(p, unit, sign * lo), shift(p, unit, sign * hi)
            start, end = min(a, b), max(a, b)
            precision = _precision_of(start, end)
        return ParsedDate.period(start, end, precision, f"{unit}s-{'ago' if sign < 0 else 'ahead'}")
    m = re.fullmatch(r"(?:(?:past|last|previous|recent|coming|next)\s+)" + _COUNT_RE + _UNIT_RE, t) or re.fullmatch(
        r"recent\s+" + _COUNT_RE + _UNIT_RE, t
    )
    if m:
        count = _count(m.group("count")) or (2, 4)
        unit = m.group("unit")
        if t.startswith(("coming", "next")):
            return ParsedDate.period(p, shift(p, unit, count[1]), _precision_of(p, shift(p, unit, count[1])),
                                     f"next-{unit}s")
        start = shift(p, unit, -count[1])
        return ParsedDate.period(start, p, _precision_of(start, p), f"past-{unit}s")
    m = re.fullmatch(rf"(?P<which>last|this|next|past|coming)?\s*(?P<wd>{_WEEKDAY_RE}){_PART_OF_DAY}", t)
    if m:
        wd = WEEKDAYS[m.group("wd")]
        which = m.group("which")
        if which == "next" or (which in (None, "this", "coming") and future):
            delta = (wd - p.weekday()) % 7
            if which == "next" and delta == 0:
                delta = 7
            d = p + timedelta(days=delta)
        else:
            delta = (p.weekday() - wd) % 7
            if which in ("last", "past") and delta == 0:
                delta = 7
            d = p - timedelta(days=delta)
        return ParsedDate.period(d, d, "day", "weekday")
    m = re.fullmatch(rf"(?P<which>last|this|next|past|coming)\s+(?P<month>{_MONTH_RE})\.?", t)
    if m:  # "last November": the latest one before this month; "this November": the one of this year
        month, which = MONTHS[m.group("month")], m.group("which")
        year = p.year
        if which in ("last", "past"):
            year = p.year if month < p.month else p.year - 1
        elif which in ("next", "coming"):
            year = p.year if month > p.month else p.year + 1
        start, end = _narrow(date(year, month, 1), month_end(year, month), qualifier)
        return ParsedDate.period(start, end, "month", f"{which}-month-name")
    m = re.fullmatch(rf"(?P<a>{_MONTH_RE})\.?(?:\s+(?:through|to|until|till|and|-)\s+(?P<b>{_MONTH_RE})\.?)?,?"
                     r"\s+(?:of\s+)?(?P<which>this|last|next)\s+year", t)
    if m:  # "January of this year", "from January through July this year"
        year = p.year + {"this": 0, "last": -1, "next": 1}[m.group("which")]
        first = MONTHS[m.group("a")]
        last = MONTHS[m.group("b")] if m.group("b") else first
        if last < first:
            return None
        start, end = _narrow(date(year, first, 1), month_end(year, last), qualifier)
        return ParsedDate.period(start, end, _precision_of(start, end), "month-range")
    m = re.fullmatch(rf"(?P<a>{_MONTH_RE})\.?\s+(?:through|to|until|till|-)\s+(?P<b>{_MONTH_RE})\.?", t)
    if m and MONTHS[m.group("a")] <= MONTHS[m.group("b")]:  # "March to May": the latest such span
        first, last = MONTHS[m.group("a")], MONTHS[m.group("b")]
        year = _pick_month(last, p, future)
        start, end = _narrow(date(year, first, 1), month_end(year, last), qualifier)
        return ParsedDate.period(start, end, _precision_of(start, end), "month-range")
    m = re.fullmatch(rf"(?P<month>{_MONTH_RE})\.?", t)
    if m:
        month = MONTHS[m.group("month")]
        year = _pick_month(month, p, future)
        start, end = _narrow(date(year, month, 1), month_end(year, month), qualifier)
        return ParsedDate.period(start, end, "month", "month-name")
    m = re.fullmatch(rf"(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?", t) or re.fullmatch(
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\.?", t
    )
    if m:
        month, day = MONTHS[m.group("month")], int(m.group("day"))
        year = _pick_month(month, p, future)
        if month == p.month and year == p.year and not future and day > p.day:
            year -= 1
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return ParsedDate.period(d, d, "day", "month-day")
    m = re.fullmatch(r"(?P<season>spring|summer|autumn|fall|winter)", t)
    if m:
        first, last = SEASONS[m.group("season")]
        year = p.year if (first <= p.month or future) else p.year - 1
        return _season(year, first, last, qualifier)
    return None


def _season(year: int, first: int, last: int, qualifier: str | None) -> ParsedDate:
    start = date(year, first, 1)
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    start, end = _narrow(start, month_end(end_year, end_month), qualifier)
    return ParsedDate.period(start, end, "month", "season")


def _month_spans(t: str, qualifier: str | None) -> ParsedDate | None:
    """Spans of months across years, and of days in a month: "March 2009 to June 2010", "June 2-4, 2016"."""
    m = re.fullmatch(rf"(?P<a>{_MONTH_RE})\.?,?\s+(?P<ya>1[0-9]{{3}}|20[0-9]{{2}})\s*(?:-|to|and|through|until)\s*"
                     rf"(?P<b>{_MONTH_RE})\.?,?\s+(?P<yb>1[0-9]{{3}}|20[0-9]{{2}})", t)
    if m:
        start = date(int(m.group("ya")), MONTHS[m.group("a")], 1)
        end = month_end(int(m.group("yb")), MONTHS[m.group("b")])
        if end >= start:
            return ParsedDate.period(start, end, _precision_of(start, end), "month-year-range")
    m = re.fullmatch(rf"(?P<a>{_MONTH_RE})\.?\s+(?:and|or|to|through|-)\s+(?P<b>{_MONTH_RE})\.?,?\s+(?:of\s+)?"
                     r"(?P<y>1[0-9]{3}|20[0-9]{2})", t)
    if m and MONTHS[m.group("a")] <= MONTHS[m.group("b")]:  # "May and June 1998": both in 1998
        year = int(m.group("y"))
        start, end = date(year, MONTHS[m.group("a")], 1), month_end(year, MONTHS[m.group("b")])
        return ParsedDate.period(start, end, _precision_of(start, end), "month-year-range")
    return None


def _day_span(t: str, p: date | None, future: bool) -> ParsedDate | None:
    """"June 2-4" (this year's or the latest), "June 2-4, 2016": a run of days in one month."""
    m = re.fullmatch(rf"(?P<month>{_MONTH_RE})\.?\s+(?P<a>\d{{1,2}})\s*(?:-|to|and|through)\s*(?P<b>\d{{1,2}})"
                     r"(?:,?\s+(?P<y>1[0-9]{3}|20[0-9]{2}))?", t)
    if m is None:
        return None
    month, a, b = MONTHS[m.group("month")], int(m.group("a")), int(m.group("b"))
    if m.group("y"):
        year = int(m.group("y"))
    elif p is not None:
        year = _pick_month(month, p, future)
    else:
        return None
    try:
        start, end = date(year, month, a), date(year, month, b)
    except ValueError:
        return None
    if end < start:
        return None
    return ParsedDate.period(start, end, _precision_of(start, end), "day-range")


def _absolute(t: str, qualifier: str | None) -> ParsedDate | None:
    """Expressions that name their own year: they need no publication date."""
    found = _month_spans(t, qualifier)
    if found is not None:
        return found
    m = re.fullmatch(r"(?P<y>1[0-9]{3}|20[0-9]{2})", t)
    if m:
        y = int(m.group("y"))
        start, end = _narrow(date(y, 1, 1), date(y, 12, 31), qualifier)
        return ParsedDate.period(start, end, "year", "year")
    m = re.fullmatch(r"(?:(?P<c>1[0-9]|20)|')(?P<d>[0-9])0'?s", t)
    if m:
        century = int(m.group("c")) if m.group("c") else (19 if int(m.group("d")) >= 3 else 20)
        first = century * 100 + int(m.group("d")) * 10
        start, end = _narrow(date(first, 1, 1), date(first + 9, 12, 31), qualifier)
        return ParsedDate.period(start, end, "decade", "decade")
    m = re.fullmatch(
        r"(?P<a>1[0-9]{3}|20[0-9]{2})\s*(?:-|to|and|through|until)\s*(?P<b>1[0-9]{3}|20[0-9]{2}|[0-9]{2})", t
    )
    if m:
        a = int(m.group("a"))
        b_text = m.group("b")
        b = int(b_text) if len(b_text) == 4 else a - a % 100 + int(b_text)
        if b >= a:
            return ParsedDate.period(date(a, 1, 1), date(b, 12, 31), _precision_of(date(a, 1, 1), date(b, 12, 31)),
                                     "year-range")
    m = re.fullmatch(rf"(?P<month>{_MONTH_RE})\.?,?\s+(?:of\s+)?(?P<y>1[0-9]{{3}}|20[0-9]{{2}})", t)
    if m:
        month, year = MONTHS[m.group("month")], int(m.group("y"))
        start, end = _narrow(date(year, month, 1), month_end(year, month), qualifier)
        return ParsedDate.period(start, end, "month", "month-year")
    m = re.fullmatch(r"(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>1[0-9]{3}|20[0-9]{2})", t)
    if m:
        first, last = SEASONS[m.group("season")]
        return _season(int(m.group("y")), first, last, qualifier)
    m = re.fullmatch(
        rf"(?:(?:{_WEEKDAY_RE}),?\s+)?(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        r"(?P<y>1[0-9]{3}|20[0-9]{2})", t
    ) or re.fullmatch(
        rf"(?:(?:{_WEEKDAY_RE}),?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\.?,?\s+"
        r"(?P<y>1[0-9]{3}|20[0-9]{2})", t
    ) or re.fullmatch(r"(?P<y>1[0-9]{3}|20[0-9]{2})-(?P<m>[01][0-9])-(?P<day>[0-3][0-9])", t)
    if m:
        month = MONTHS[m.group("month")] if "month" in m.groupdict() and m.group("month") else int(m.group("m"))
        try:
            d = date(int(m.group("y")), month, int(m.group("day")))
        except ValueError:
            return None
        return ParsedDate.period(d, d, "day", "full-date")
    return None


def _precision_of(start: date, end: date) -> str:
    """The coarsest-fitting precision for a period of this width."""
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 10:
        return "week"
    if days <= 62:
        return "month"
    if days <= 800:
        return "year"
    return "decade"


_PERIOD = MappingProxyType(
    {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}
)


def _dateparser(text: str, published: date | None, future: bool) -> ParsedDate | None:
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    else:
        settings["REQUIRE_PARTS"] = ["year"]
    data = _parser(tuple(sorted((k, repr(v)) for k, v in settings.items()))).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    precision = _PERIOD.get(data.period or "day", "day")
    start, end = unit_period(d, precision)
    return ParsedDate.period(start, end, precision, "dateparser")


@lru_cache(maxsize=64)
def _parser(key: tuple[tuple[str, str], ...]) -> DateDataParser:
    """One DateDataParser per settings (building one costs more than parsing)."""
    import ast

    from dateparser.date import DateDataParser

    settings = {k: (ast.literal_eval(v) if not v.startswith("datetime") else _as_datetime(v)) for k, v in key}
    return DateDataParser(languages=["en"], settings=settings)


def _as_datetime(text: str) -> datetime:
    y, m, d = (int(x) for x in re.findall(r"\d+", text)[:3])
    return datetime(y, m, d)


@lru_cache(maxsize=8192)
def parse_expression(text: str, published: date | None, future: bool = False) -> ParsedDate | None:
    """What a date expression means, or None when it is not a point or period in time (ages, durations).

    With no publication date, expressions that need one give precision ``unknown`` and no value (a flag,
    never a guess); expressions that name their year still resolve.
    """
    t, qualifier = _clean(text)
    if not t or not _TRIGGER_WORDS.search(t) or re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)?", t):
        return None  # a bare small number ("Herrera, 26, was held"): an age, a count or a day with no month
    if re.search(r"\b(?:old|long|annual|daily|weekly|monthly|yearly|straight|consecutive)\b|-year-|-day-", t):
        return None
    found = _absolute(t, qualifier)
    if found is not None:
        return found
    if published is None:
        if _relative(t, qualifier, date(2000, 6, 15), future) is not None:
            return ParsedDate(None, "unknown", rule="relative:no-publication-date")
        return None
    found = _approximately_ago(t, qualifier, published, future) or _day_span(t, published, future) \
        or _relative(t, qualifier, published, future) or _day_of(t, published, future)
    if found is not None:
        return found
    if re.fullmatch(_COUNT_RE + _UNIT_RE, t):  # a bare duration ("three years") is not a date
        return None
    return _dateparser(text, published, future)
