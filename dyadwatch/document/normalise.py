"""Text normalisation with an offset map back to the original.

Why: spaCy's small English model tags "Defenсe" (with a Cyrillic U+0441) as an unknown token and typographic
quotes split names unpredictably, so we parse a cleaned copy. Every annotation must still point into the text the
user gave us, so each normalised character remembers the original character it came from.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters folded to ASCII one-for-one: quotes, dashes, spaces. One-for-one keeps the map trivial here.
_SIMPLE_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u2028": "\n", "\u2029": "\n", "\r": "\n",
}  # fmt: skip
# Zero-width characters are dropped (they map to nothing).
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A cleaned copy of a text and, for each of its characters, the offset of its source character.

    ``origin[i]`` is the original offset of normalised character ``i``; ``origin[len(text)]`` is the original
    length, so end offsets map too.
    """

    text: str
    origin: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` range to the original text (always inside it)."""
        start = min(max(start, 0), len(self.text))
        end = min(max(end, start), len(self.text))
        ostart = self.origin[start]
        if end == start:
            return ostart, ostart
        # One past the original position of the last character in the range: a character that NFKC expanded
        # ("ﬁ" -> "fi") is kept whole, and characters dropped between two kept ones stay inside the range.
        return ostart, self.origin[end - 1] + 1

    def to_normalised(self, offset: int) -> int:
        """Map an original offset to the first normalised character at or after it."""
        return bisect.bisect_left(self.origin, offset, 0, len(self.text))


@lru_cache(maxsize=4096)
def _latin_repair(word: str) -> str | None:
    """Return the word with non-Latin lookalikes swapped for Latin letters, if it is a mixed-script word.

    Only words that are mostly Latin are repaired; a genuinely Cyrillic or Greek word is left alone.
    """
    if word.isascii():
        return None
    # Imported here: its table takes a noticeable share of start-up, and ASCII text (most news) never needs it.
    from confusable_homoglyphs import confusables

    if not confusables.is_mixed_script(word):
        return None
    latin = sum(1 for ch in word if ch.isascii())
    if latin * 2 < len(word):
        return None
    out = []
    for ch in word:
        if ch.isascii():
            out.append(ch)
            continue
        found = confusables.is_confusable(ch, preferred_aliases=["latin"], greedy=True)
        repl = None
        if found:
            for hom in found[0]["homoglyphs"]:
                cand = hom["c"]
                if len(cand) == 1 and cand.isascii() and cand.isalpha():
                    repl = cand
                    break
        out.append(repl or ch)
    repaired = "".join(out)
    return repaired if repaired != word else None


def _terminate_lines(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """Put a full stop before a line break that ends a line without punctuation (headlines, bylines).

    Why: the parser otherwise reads a headline and the first sentence as one clause ("Headline about X\\nChina
    declined ..." makes "Headline" the subject of "declined"). The inserted stop maps to the last character of
    the line, so the offset map stays monotonic.
    """
    out: list[str] = []
    out_origin: list[int] = []
    last_word = -1  # index in ``out`` of the last character that is not a space or tab
    for ch, pos in zip(chars, origin, strict=True):
        if ch == "\n" and last_word >= 0 and out[last_word].isalnum():
            out.insert(last_word + 1, ".")
            out_origin.insert(last_word + 1, out_origin[last_word])
        out.append(ch)
        out_origin.append(pos)
        if ch not in " \t":
            last_word = len(out) - 1
    return out, out_origin


def normalise(text: str) -> NormalisedText:
    """Normalise ``text`` (NFKC, ASCII quotes and dashes, line ends, mixed-script repair), keeping the offset map."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        if ch in _SIMPLE_FOLD:
            chars.append(_SIMPLE_FOLD[ch])
            origin.append(i)
            continue
        if ch.isascii():
            chars.append(ch)
            origin.append(i)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        folded = "".join(_SIMPLE_FOLD.get(c, c) for c in folded if c not in _DROP)
        for c in folded:
            chars.append(c)
            origin.append(i)
    if "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text:
        chars, origin = _terminate_lines(chars, origin)
    norm = "".join(chars)
    if not norm.isascii():
        repaired = list(norm)
        for m in _WORD.finditer(norm):
            fixed = _latin_repair(m.group())
            if fixed is not None and len(fixed) == len(m.group()):
                repaired[m.start() : m.end()] = fixed
        norm = "".join(repaired)
    origin.append(len(text))
    return NormalisedText(text=norm, origin=tuple(origin), original_length=len(text))
