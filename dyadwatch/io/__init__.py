"""Getting articles in: text, JSONL, HTML and feed files, with typed problems for what cannot be read."""

from dyadwatch.io.readers import InputProblem, parse_date, read_articles

__all__ = ["InputProblem", "parse_date", "read_articles"]
