"""The article's own publication date, when its metadata has none: a dateline or a "This story is from" line.

Only the article's head (and lines that say so explicitly) is searched: a date in the body is an event's date,
not the paper's, and guessing one would date every relative expression wrongly.
"""

from __future__ import annotations

import re
from datetime import date

from dyadwatch.dating.expressions import _MONTH_RE, parse_expression

_DATE = (
    rf"(?i:(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_RE})\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_WEEKDAY = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# "This story is from November 21, 2024", "Published: 21 Nov 2024", "Posted on 2024-11-21".
_LABELLED = re.compile(
    r"(?:this\s+(?:story|article|report)\s+(?:is|was)\s+(?:from|published\s+(?:on\s+)?)|published(?:\s+on)?:?"
    r"|posted(?:\s+on)?:?|first\s+published(?:\s+on)?:?|dated:?|date:)\s*" + _WEEKDAY + r"(?P<date>" + _DATE + ")",
    re.I,
)
# "WASHINGTON, Nov. 21, 2024 (Reuters) -", "BEIRUT, 21 November 2024 -": a dateline with a full date.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.' ]{1,30})?,\s*" + _WEEKDAY + r"(?P<date>" + _DATE + r")"
    r"\s*(?:\([^)]{1,40}\)\s*)?[-\u2013\u2014:]",
    re.M,
)
# A date on a line of its own near the top ("Thursday, 21 November 2024").
_ALONE = re.compile(r"^\s*" + _WEEKDAY + r"(?P<date>" + _DATE + r")\s*$", re.M | re.I)
HEAD_CHARS = 600


def find_publication_date(text: str) -> date | None:
    """The publication date an article states about itself, or None (never today's date, never a guess)."""
    head = text[:HEAD_CHARS]
    for pattern, scope in ((_LABELLED, text), (_DATELINE, head), (_ALONE, head)):
        for m in pattern.finditer(scope):
            parsed = parse_expression(m.group("date"), None)
            if parsed is not None and parsed.value is not None and parsed.precision == "day":
                return parsed.value
    return None
