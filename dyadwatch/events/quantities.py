"""Quantities stated with an event: money ("$2 billion"), casualties ("killed 6"), arrests, troops.

Why attached here and not by a later stage: which number belongs to which event is a question of the parse
(the number modifies the event's object or the event noun), and the events stage holds that parse position.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import entities_in
from dyadwatch.errors import ConfigError
from dyadwatch.records import Quantity
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.document.analysis import Analysis

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
KILL_LEMMAS = frozenset({"kill", "murder", "execute", "massacre", "behead", "lynch", "killing", "death"})
WOUND_LEMMAS = frozenset({"wound", "injure", "hurt"})
ARREST_ROOTS = ("173",)
TROOP_ROOTS = ("15",)


@dataclass(frozen=True, slots=True)
class NumberWords:
    units: dict[str, float]
    scales: dict[str, float]
    currencies: dict[str, str]


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    """Number, scale and currency words from the lexicon folder."""
    units: dict[str, float] = {}
    scales: dict[str, float] = {}
    currencies: dict[str, str] = {}
    for name, width in (("numbers.tsv", 3), ("currencies.tsv", 2)):
        path = data_path("lexicon", name)
        if not path.exists():
            raise ConfigError(f"lexicon table {path} is missing; reinstall dyadwatch")
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")][1:]
        for row in rows:
            if len(row) != width:
                raise ConfigError(f"{name}: row {row!r} has {len(row)} columns, expected {width}")
            if name == "numbers.tsv":
                (units if row[2] == "unit" else scales)[row[0]] = float(row[1])
            else:
                currencies[row[0]] = row[1]
    return NumberWords(units, scales, currencies)


def number_value(tokens: list[Token]) -> float | None:
    """The value of a number phrase ("2 billion", "six", "1,200", "dozens"), or None."""
    words = number_words()
    value: float | None = None
    for tok in tokens:
        text = tok.lower_.replace(",", "")
        if _NUMBER.match(tok.text) and text.replace(".", "", 1).isdigit():
            value = float(text) if value is None else value * float(text)
        elif text in words.units:
            value = words.units[text] if value is None else value + words.units[text]
        elif text in words.scales:
            value = (value or 1.0) * words.scales[text]
    return value


def _number_phrase(tok: Token) -> list[Token]:
    """A number token with the number words attached to it ("2" + "billion", "at least" skipped)."""
    parts = [tok]
    scales = number_words().scales
    for child in tok.children:
        if child.dep_ in ("compound", "quantmod", "nummod") and (child.like_num or child.lower_ in scales):
            parts.append(child)
    return sorted(parts, key=lambda t: t.i)


def money(analysis: Analysis, tokens: list[Token]) -> list[Quantity]:
    """Money amounts (spaCy MONEY entities) inside the given tokens' subtrees."""
    assert analysis.doc is not None
    seen: set[int] = set()
    out: list[Quantity] = []
    words = number_words()
    for tok in tokens:
        lo, hi = tok.left_edge.i, tok.right_edge.i + 1
        for ent in entities_in(analysis.doc[lo:hi]):
            if ent.label_ != "MONEY" or ent.start < lo or ent.end > hi or ent.start in seen:
                continue
            seen.add(ent.start)
            unit = next((words.currencies[t.lower_] for t in ent if t.lower_ in words.currencies), None)
            value = number_value([t for t in ent if t.like_num or t.lower_ in words.scales])
            out.append(Quantity("money", value, unit, analysis.span(ent.start, ent.end)))
    return out


def counts(analysis: Analysis, trigger: Token, objects: list[Token], cameo: str) -> list[Quantity]:
    """Counted people or things: the object's number ("killed 6 people", "arrested 40", "sent 3,000 troops")."""
    lemma = trigger.lemma_.lower()
    if lemma in KILL_LEMMAS:
        kind = "killed"
    elif lemma in WOUND_LEMMAS:
        kind = "wounded"
    elif cameo.startswith(ARREST_ROOTS):
        kind = "arrested"
    elif cameo.startswith(TROOP_ROOTS):
        kind = "troops"
    else:
        kind = "count"
    out: list[Quantity] = []
    for obj in objects:
        number: Token | None = None
        if obj.like_num and obj.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT"):
            number = obj
            unit = None
        else:
            nums = [c for c in obj.children if c.dep_ == "nummod" and c.ent_type_ not in ("DATE", "TIME", "MONEY")]
            if nums:
                number = nums[0]
            unit = obj.lemma_.lower()
        if number is None:
            continue
        phrase = _number_phrase(number)
        value = number_value(phrase)
        if value is None:
            continue
        start, end = phrase[0].i, phrase[-1].i + 1
        if unit is not None:
            end = max(end, obj.i + 1)
        out.append(Quantity(kind, value, unit, analysis.span(start, end)))
    return out
