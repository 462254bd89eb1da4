"""Discards: phrases that mark a sentence (or a whole story) as sports, entertainment or other news that is not
political interaction, so its actors give no events.

Why: "Brazil beat Argentina" in a match report is not an assault, "the Chicago Bears" not an armed group. The
phrases come from the Phoenix (PETRARCH2) discard dictionary (``phoenix_discards.tsv``, built by
tools/build_phoenix_tables.py): ``scope`` ``sentence`` stops that sentence, ``story`` the whole article. Rows of
kind ``chronology`` (bare years, "years ago") are not used: PETRARCH dropped historical chronologies for want of
dates, and dyadwatch dates events itself (historical events are flagged, not dropped). Matching is case-blind over
the tokens; a phrase not marked ``whole_word`` lets its last word match as a stem ("basketball" -> "basketballs"),
but a one-word phrase only takes a plural ending ("champion" must not stop "the US championed the resolution").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache

from dyadwatch.errors import ConfigError
from dyadwatch.tables import data_path

TABLE = ("actors", "phoenix_discards.tsv")


@dataclass(frozen=True, slots=True)
class Discard:
    words: tuple[str, ...]
    story: bool
    whole_word: bool


@dataclass(slots=True)
class Discards:
    """Discard phrases indexed by their first word (stems: by the first word's first three letters)."""

    by_first: dict[str, list[Discard]] = field(default_factory=dict)
    by_stem: dict[str, list[Discard]] = field(default_factory=dict)

    def add(self, d: Discard) -> None:
        if len(d.words) == 1 and not d.whole_word:
            self.by_stem.setdefault(d.words[0][:3], []).append(d)
        else:
            self.by_first.setdefault(d.words[0], []).append(d)

    def find(self, lowers: list[str]) -> list[tuple[int, Discard]]:
        """Every ``(token index, discard)`` that matches in a document's lower-cased tokens."""
        found: list[tuple[int, Discard]] = []
        by_first, by_stem = self.by_first, self.by_stem
        for i, word in enumerate(lowers):  # every word of every article: membership first, the rows only on a hit
            if word in by_first:
                for d in by_first[word]:
                    if _matches(d, lowers, i):
                        found.append((i, d))
            if word[:3] in by_stem:
                for d in by_stem[word[:3]]:
                    if word in (d.words[0], d.words[0] + "s", d.words[0] + "es"):
                        found.append((i, d))
        return found


def _matches(d: Discard, lowers: list[str], i: int) -> bool:
    n = len(d.words)
    window = lowers[i : i + n]
    if len(window) < n or window[:-1] != list(d.words[:-1]):
        return False
    return window[-1] == d.words[-1] or (not d.whole_word and window[-1].startswith(d.words[-1]))


@lru_cache(maxsize=1)
def builtin_discards() -> Discards:
    """The topic discards of the packaged table (chronology rows left out, see the module docstring)."""
    path = data_path(*TABLE)
    out = Discards()
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("kind") != "topic":
                    continue
                words = tuple(_words(row["phrase"]))
                if words:
                    out.add(Discard(words, row["scope"] == "story", row["whole_word"] == "yes"))
    except (OSError, KeyError) as err:
        raise ConfigError(f"discard table {path} cannot be read ({err}); reinstall dyadwatch") from None
    return out


def _words(phrase: str) -> list[str]:
    """Dictionary words split as the tokenizer splits them: "semi-final" -> semi - final, "queen's" -> queen 's."""
    out: list[str] = []
    for word in phrase.lower().split():
        parts = word.replace("-", " - ").replace("'s", " 's").split()
        out.extend(parts)
    return out
