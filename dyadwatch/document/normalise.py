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
# The wire's dash: AP copy writes an em dash as a lone underscore between spaces ("The minister _ who took office in
# 2019 _ said ..."). Only a single "_" with blanks on both sides and a word character or punctuation (not another
# "_", not a line end) beyond them: runs of underscores ("____", "_ _ _") are blanks to fill in, not dashes.
_AP_DASH = re.compile(r"(?<=[^\s_])[ \t]+_(?=[ \t]+[^\s_])")


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


# A run of characters that normalising keeps as they are (ASCII, except the carriage return it folds), or one other
# character: the loop below steps once per run, not once per character (most news is ASCII).
_PIECE = re.compile(r"[\x00-\x0c\x0e-\x7f]+|[^\x00-\x0c\x0e-\x7f]")
# A letter or digit (``str.isalnum``: ``\w`` without the underscore) that is the last thing on its line.
_LINE_END = re.compile(r"[^\W_](?=[ \t]*\n)")


def _terminate_lines(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Put a full stop before a line break that ends a line without punctuation (headlines, bylines).

    Why: the parser otherwise reads a headline and the first sentence as one clause ("Headline about X\\nChina
    declined ..." makes "Headline" the subject of "declined"). The stop goes right after the line's last letter or
    digit (before any trailing spaces) and maps to it, so the offset map stays monotonic.
    """
    ends = [m.start() for m in _LINE_END.finditer(text)]
    if not ends:
        return text, origin
    pieces: list[str] = []
    out_origin: list[int] = []
    done = 0
    for k in ends:
        pieces.append(text[done : k + 1])
        pieces.append(".")
        out_origin.extend(origin[done : k + 1])
        out_origin.append(origin[k])
        done = k + 1
    pieces.append(text[done:])
    out_origin.extend(origin[done:])
    return "".join(pieces), out_origin


def _ap_dashes(text: str) -> str:
    """Write the wire's " _ " dash as the dash an em dash folds to, one character for one (the map is unchanged).

    Why: the parser reads a lone "_" as a word, so "The minister _ who took office in 2019 _ said" loses its
    subject and verb and the dates of its clauses go to the wrong verbs; with a dash it parses like any aside.
    """
    return _AP_DASH.sub(lambda m: m.group()[:-1] + "-", text)


def normalise(text: str) -> NormalisedText:
    """Normalise ``text`` (NFKC, ASCII quotes and dashes, the wire's " _ " dash, line ends, mixed-script repair).

    The offset map back to ``text`` is kept; every step but the line-end stop replaces one character by one.
    """
    pieces: list[str] = []
    origin: list[int] = []
    for m in _PIECE.finditer(text):
        piece, i = m.group(), m.start()
        if len(piece) > 1 or (piece.isascii() and piece != "\r"):
            pieces.append(piece)
            origin.extend(range(i, m.end()))
            continue
        ch = piece
        if ch in _DROP:
            continue
        if ch in _SIMPLE_FOLD:
            pieces.append(_SIMPLE_FOLD[ch])
            origin.append(i)
            continue
        folded = unicodedata.normalize("NFKC", ch)
        folded = "".join(_SIMPLE_FOLD.get(c, c) for c in folded if c not in _DROP)
        pieces.append(folded)
        origin.extend([i] * len(folded))
    norm = "".join(pieces)
    if "_" in norm:
        norm = _ap_dashes(norm)
    if "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text:
        norm, origin = _terminate_lines(norm, origin)
    if not norm.isascii():
        repaired = list(norm)
        for m in _WORD.finditer(norm):
            fixed = _latin_repair(m.group())
            if fixed is not None and len(fixed) == len(m.group()):
                repaired[m.start() : m.end()] = fixed
        norm = "".join(repaired)
    origin.append(len(text))
    return NormalisedText(text=norm, origin=tuple(origin), original_length=len(text))
