"""Query text shared by the store backends: the portable ``?`` placeholder scheme and its PostgreSQL form.

Why one scheme: the analytics modules write their SQL once, with ``?`` placeholders (DuckDB's, and the DB-API's
``qmark`` style), and every store runs it. PostgreSQL numbers its parameters (``$1``, ``$2``, ...); the rewrite
below is a small lexer, not a string replace, so a ``?`` inside a string literal, a quoted identifier, a comment
or a dollar-quoted body is left alone, and a count that does not match the parameters is an error, never a
silently shifted value.
"""

from __future__ import annotations

import re

from dyadwatch.errors import StoreError

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")


def qmark_to_dollar(query: str, n_params: int | None = None) -> str:
    """``query`` with every ``?`` placeholder outside quotes and comments numbered ``$1``, ``$2``, ...

    ``n_params``, when given, must equal the number of placeholders found.
    """
    out: list[str] = []
    i, n, count = 0, len(query), 0
    while i < n:
        ch = query[i]
        if ch == "?":
            count += 1
            out.append(f"${count}")
            i += 1
            continue
        end = _skip_quoted(query, i)
        out.append(query[i:end])
        i = end
    if n_params is not None and count != n_params:
        raise StoreError(
            f"query has {count} ? placeholder(s) but {n_params} parameter(s) were given; pass one value per ?"
        )
    return "".join(out)


def _skip_quoted(query: str, i: int) -> int:
    """Index just past the literal, identifier or comment starting at ``i`` (or ``i + 1`` for plain text)."""
    ch = query[i]
    n = len(query)
    if ch in ("'", '"'):
        j = i + 1
        while j < n:
            if query[j] == ch:
                if j + 1 < n and query[j + 1] == ch:  # doubled quote: an escaped quote inside
                    j += 2
                    continue
                return j + 1
            j += 1
        return n  # unterminated: the server reports it
    if query.startswith("--", i):
        j = query.find("\n", i)
        return n if j < 0 else j + 1
    if query.startswith("/*", i):
        j = query.find("*/", i + 2)
        return n if j < 0 else j + 2
    if ch == "$":
        m = _DOLLAR_TAG.match(query, i)
        if m and (i == 0 or not (query[i - 1].isalnum() or query[i - 1] == "_")):
            tag = m.group(0)
            j = query.find(tag, m.end())
            return n if j < 0 else j + len(tag)
    return i + 1
