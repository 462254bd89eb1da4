"""What a dated mention can mean: the window of days its date and precision allow.

One rule for every place that asks "can these two mentions be the same event?": coreference inside an article
(``dyadwatch.links``) and report grouping across articles (``dyadwatch.analytics.grouping``). It lives with the
records because it is a property of an ``EventDate``'s value and precision, not of either consumer.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# Most precise first: the order in which a group prefers a member's date.
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "published": 3, "year": 4, "decade": 5, "unknown": 6}

# Outlets date the same day-precise event a day apart across time zones and deadlines.
DAY_TOLERANCE_DAYS = 1
# A date taken from the publication day ("no date in the text") means "recently": news reports events of the
# last few days. Three days keeps a Monday report of a Friday meeting with the meeting, not a week later.
PUBLISHED_LOOKBACK_DAYS = 3


def date_window(
    value: date | None, precision: str, range_start: date | None = None, range_end: date | None = None,
    published: date | None = None,
) -> tuple[date | None, date | None]:
    """The days a mention's date can mean, given its precision."""
    if range_start and range_end and precision != "day":
        return range_start, range_end
    if value is None:
        return None, None
    if precision == "day":
        return value - timedelta(DAY_TOLERANCE_DAYS), value + timedelta(DAY_TOLERANCE_DAYS)
    if precision == "week":
        return value - timedelta(3), value + timedelta(3)
    if precision == "month":
        last = calendar.monthrange(value.year, value.month)[1]
        return value.replace(day=1), value.replace(day=last)
    if precision == "year":
        return date(value.year, 1, 1), date(value.year, 12, 31)
    if precision == "decade":
        start = value.year - value.year % 10
        return date(start, 1, 1), date(start + 9, 12, 31)
    if precision == "published":
        return value - timedelta(PUBLISHED_LOOKBACK_DAYS), value
    return None, None
