"""Event dates from the text, relative to publication: expressions, relations between events, history.

The names below are loaded on first use, not when the package is imported. Why: the input readers need only
``find_publication_date`` (a dateline scan in plain Python), and importing ``dyadwatch.dating.published`` runs
this file first; importing ``resolve`` here would pull in spaCy (``attach`` walks parses), about a second of
start-up in a process that never parses, such as the parent of ``dyadwatch code``'s worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.lazy import lazy_exports

if TYPE_CHECKING:
    from dyadwatch.dating.expressions import ParsedDate, parse_expression
    from dyadwatch.dating.published import find_publication_date
    from dyadwatch.dating.resolve import date_candidates, publication_date

__all__ = ["ParsedDate", "date_candidates", "find_publication_date", "parse_expression", "publication_date"]

_HOME = {
    "ParsedDate": "expressions",
    "parse_expression": "expressions",
    "find_publication_date": "published",
    "date_candidates": "resolve",
    "publication_date": "resolve",
}


__getattr__, __dir__ = lazy_exports(__name__, _HOME, globals(), __all__)
