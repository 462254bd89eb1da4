"""Date expressions read relative to a fixed publication date, and the article's own publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.dating import find_publication_date, parse_expression

PUB = date(2024, 11, 21)  # a Thursday


@pytest.mark.parametrize(
    ("text", "value", "precision", "start", "end"),
    [
        ("this week", date(2024, 11, 18), "week", date(2024, 11, 18), date(2024, 11, 24)),
        ("three weeks ago", date(2024, 10, 28), "week", date(2024, 10, 28), date(2024, 11, 3)),
        ("last Tuesday", date(2024, 11, 19), "day", date(2024, 11, 19), date(2024, 11, 19)),
        ("Monday", date(2024, 11, 18), "day", date(2024, 11, 18), date(2024, 11, 18)),
        ("on Monday", date(2024, 11, 18), "day", date(2024, 11, 18), date(2024, 11, 18)),
        ("Thursday", PUB, "day", PUB, PUB),  # the paper's own weekday is today, not a week ago
        ("2022", date(2022, 1, 1), "year", date(2022, 1, 1), date(2022, 12, 31)),
        ("in 2022", date(2022, 1, 1), "year", date(2022, 1, 1), date(2022, 12, 31)),
        ("in August 2022", date(2022, 8, 1), "month", date(2022, 8, 1), date(2022, 8, 31)),
        ("1949", date(1949, 1, 1), "year", date(1949, 1, 1), date(1949, 12, 31)),
        ("the 1990s", date(1990, 1, 1), "decade", date(1990, 1, 1), date(1999, 12, 31)),
        ("last month", date(2024, 10, 1), "month", date(2024, 10, 1), date(2024, 10, 31)),
        ("yesterday", date(2024, 11, 20), "day", date(2024, 11, 20), date(2024, 11, 20)),
        ("two days ago", date(2024, 11, 19), "day", date(2024, 11, 19), date(2024, 11, 19)),
        ("March 15, 2023", date(2023, 3, 15), "day", date(2023, 3, 15), date(2023, 3, 15)),
        ("Nov. 3", date(2024, 11, 3), "day", date(2024, 11, 3), date(2024, 11, 3)),
        ("December", date(2023, 12, 1), "month", date(2023, 12, 1), date(2023, 12, 31)),  # past, not next month
        ("the summer of 2020", date(2020, 6, 1), "month", date(2020, 6, 1), date(2020, 8, 31)),
        ("last year", date(2023, 1, 1), "year", date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_expression_relative_to_publication(text: str, value: date, precision: str, start: date, end: date) -> None:
    parsed = parse_expression(text, PUB)
    assert parsed is not None, text
    assert (parsed.value, parsed.precision, parsed.range_start, parsed.range_end) == (value, precision, start, end)


def test_future_tense_reads_forward() -> None:
    parsed = parse_expression("Monday", PUB, future=True)
    assert parsed is not None and parsed.value == date(2024, 11, 25)
    parsed = parse_expression("next week", PUB)
    assert parsed is not None and parsed.range_start == date(2024, 11, 25)


def test_vague_counts_give_a_range() -> None:
    parsed = parse_expression("a few days ago", PUB)
    assert parsed is not None
    assert parsed.range_start is not None and parsed.range_end is not None
    assert date(2024, 11, 14) <= parsed.range_start < parsed.range_end <= date(2024, 11, 20)


@pytest.mark.parametrize("text", ["50-year-old", "three years", "annual", "decades-long", "weekly"])
def test_ages_and_durations_are_not_dates(text: str) -> None:
    assert parse_expression(text, PUB) is None


def test_without_publication_date_relative_is_flagged_absolute_resolves() -> None:
    flagged = parse_expression("three weeks ago", None)
    assert flagged is not None and flagged.value is None and flagged.precision == "unknown"
    year = parse_expression("August 2022", None)
    assert year is not None and year.value == date(2022, 8, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This story is from November 21, 2024\nThe ministry said...", date(2024, 11, 21)),
        ("Headline\nBody text here.\nThis story is from 3 March 2021.", date(2021, 3, 3)),
        ("OSLO, Nov. 21, 2024 (Reuters) - The government said...", date(2024, 11, 21)),
        ("LIMA, Peru, Monday, March 4, 2019 (AP) -- Officials said", date(2019, 3, 4)),
        ("Thursday, 21 November 2024\nKYIV - Officials said", date(2024, 11, 21)),
        ("Published: 2024-11-21\nText", date(2024, 11, 21)),
        ("The accord signed on March 3, 2020 in the capital still holds.", None),  # a date in the body
        ("No date at all.", None),
    ],
)
def test_find_publication_date(text: str, expected: date | None) -> None:
    assert find_publication_date(text) == expected


@pytest.mark.parametrize(("text", "start", "end"), [
    # a bound on a span back: older is allowed ("more than"), just short of it ("nearly"), anywhere in it ("less")
    ("more than a decade ago", date(2004, 11, 21), date(2014, 11, 21)),
    ("at least two years ago", date(2021, 11, 21), date(2022, 11, 21)),
    ("nearly 20 years ago", date(2004, 11, 21), date(2008, 11, 21)),
    ("less than a year ago", date(2023, 11, 21), PUB),
    ("some 40 years ago", date(1984, 1, 1), date(1984, 12, 31)),
    # the period itself behind "as early as", "between", "the end of", a bare season
    ("as early as 2015", date(2015, 1, 1), date(2015, 12, 31)),
    ("between 2015 and 2017", date(2015, 1, 1), date(2017, 12, 31)),
    ("the end of 2019", date(2019, 9, 2), date(2019, 12, 31)),
    ("the spring", date(2024, 3, 1), date(2024, 5, 31)),
    ("the 14th of last March", date(2024, 3, 14), date(2024, 3, 14)),
])
def test_bounded_spans_and_framed_periods(text: str, start: date, end: date) -> None:
    parsed = parse_expression(text, PUB)
    assert parsed is not None and (parsed.range_start, parsed.range_end) == (start, end), parsed


PIECES = ("more than", "nearly", "less than", "at least", "some", "as early as", "between", "from", "the end of",
          "the", "a", "two", "20", "26", "3", "31", "1998", "2015", "2031", "year", "years", "decade", "month", "weeks",
          "ago", "and", "to", "-", ",", "of", "last", "this", "next", "March", "June", "Dec.", "Friday", "spring",
          "summer", "early", "mid", "late", "after", "before", "since", "0", "99th", "Feb", "29")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(words=st.lists(st.sampled_from(PIECES), min_size=1, max_size=7),
       published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), future=st.booleans())
def test_any_mix_of_date_words_gives_a_period_or_nothing(words: list[str], published: date, future: bool) -> None:
    """Whatever news words come in, the reader returns None or a well-formed period: never an error, never an
    end before its start, never a precision outside the record's list."""
    from dyadwatch.records.event import DATE_PRECISIONS

    parsed = parse_expression(" ".join(words), published, future)
    if parsed is None or parsed.value is None:
        return
    assert parsed.precision in DATE_PRECISIONS
    start, end = parsed.range_start or parsed.value, parsed.range_end or parsed.value
    assert start <= end, (words, parsed)
