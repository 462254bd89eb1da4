"""Event dates from the text, relative to publication: expressions, relations between events, history."""

from dyadwatch.dating.expressions import ParsedDate, parse_expression
from dyadwatch.dating.published import find_publication_date
from dyadwatch.dating.resolve import date_candidates, publication_date

__all__ = ["ParsedDate", "date_candidates", "find_publication_date", "parse_expression", "publication_date"]
