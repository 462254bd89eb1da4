"""The structure of a news article that is not its story: datelines, bylines, credits and interview labels.

Why here, before any actor is read: "CAIRO, Egypt -- The U.S. Navy is investigating" names where the story was
filed, not two more investigators; "city: five activists were arrested" names where it happened, not who was
arrested; "VOA:" in an interview is who asks, not a party to anything; "Photo: Reuters" and "By Jane Doe" name the
people who made the article. News puts these pieces in fixed places (the start of the text or of a paragraph, a
line of its own, a parenthesis), so they are recognised by their place and punctuation, never by their words
alone, and what they say is kept: the dateline's place becomes the article's context.

The shapes, from wire and newsroom style guides:

* dateline: ``CITY --``, ``CITY, Country --``, ``CITY (Agency) -``, ``CITY, Nov. 3 (Agency) --``, ``City —``,
  ``city:`` at the start of the text or of a paragraph. An ALL-CAPS place or one followed by an agency is always a
  dateline; a place written in ordinary case and a dash only at the top of the article and when the actor tables
  know its words as a place (the caller checks: ``Structure.strict`` is False for those).
* A colon after one to four capitalised words opening a paragraph is a label whatever the words are
  ("New Delhi:", "VOA:", "Q:"); it is a dateline too when the words name a place.
* interview label: ``Q:``, ``A:``, ``VOA:`` or a short name followed by a colon at the start of a paragraph.
* interview label run into a paragraph: a transcript flattened into one paragraph ("... on the border. Q: Did the
  minister ...") keeps its labels after a sentence's end; one counts when the same label stands in label place
  (a paragraph's start or a sentence's end) at least twice in the article, as the turns of an interview do.
* byline: a line ``By Jane Doe`` (optionally ``, Agency``), ``(Reporting by ...)``, ``... contributed to this
  report``.
* credit: a line starting ``Photo:``, ``Image:``, ``Video:``, ``FILE -``, ``Credit:``; a parenthesis
  ``(AP Photo/...)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DASH = r"(?:--|—|–|-)"
_WORD = r"[A-Z][A-Za-z.'\-]*"
_CAPS = r"[A-Z][A-Z.'\-]+"
_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?"
_AGENCY = r"\((?P<agency>[^()\n]{1,40})\)"
# "CAIRO, Egypt --", "BEIRUT, Lebanon (AP) -", "GENEVA, Nov. 3 (Reuters) -", "Beijing —", "New Delhi:".
_DATELINE = re.compile(
    rf"(?P<place>{_WORD}(?: {_WORD}){{0,3}})(?:,\s*(?P<region>{_WORD}(?: {_WORD}){{0,2}}))?(?:,?\s*{_MONTH})?"
    rf"\s*(?:{_AGENCY}\s*)?(?P<mark>{_DASH}|:)\s+(?=\S)"
)
_LABEL = re.compile(r"(?P<label>Q|A|[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,2}):[ \t]+(?=\S)")
# The same after a sentence's end inside a paragraph: "... the harbour. Q: Will the navy ..."
_RUN_IN_LABEL = re.compile(r"(?<=[.?!\"”’] )(?P<label>Q|A|[A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*){0,2}):[ \t]+(?=\S)")
RUN_IN_TURNS = 2  # label places the same label needs in the article before a run-in one counts
# A line of its own: "By Jane Doe", "By Jane Doe and Ali Hassan, VOA" (any case: lower-cased copy keeps the shape).
# A line of its own: "By Jane Doe", "By Jane Doe and Ali Hassan, VOA" (any case: lower-cased copy keeps the shape;
# the normaliser may have ended the line with a stop). A sentence has its function words; a byline has none ("By
# contrast, the army said." is no byline).
_BYLINE = re.compile(r"(?i:by)[ \t]+[\w.'\-]+(?:[ \t]+[\w.'\-]+){0,3}(?:[ \t]*(?:,|and|&)[ \t]*[\w.'\-/ \t]{0,40})*"
                     r"[ \t]*$", re.MULTILINE)
_SENTENCE_WORDS = re.compile(r"\b(?:the|a|an|said|says|say|is|was|were|are|has|have|had|will|would|to|of|in|on|"
                             r"with|that|this|contrast|then|now|far|law|force|default|way)\b", re.IGNORECASE)
_CREDIT = re.compile(r"(?:Photo|Photos|Image|Video|File photo|FILE|Credit|Caption|Graphic)\s*(?::|—|–|--|-)[^\n]*",
                     re.IGNORECASE)
_CREDIT_PAREN = re.compile(r"\((?:[\w.]+ )?(?:Photo|Image|Video)s?\b[^()\n]{0,60}\)", re.IGNORECASE)
_REPORTING = re.compile(r"\((?:Additional )?(?:reporting|writing|editing)\b[^()\n]{0,200}\)", re.IGNORECASE)
_CONTRIBUTED = re.compile(r"^[^\n.]{0,80}\bcontributed (?:to )?(?:this )?report(?:ing)?\.?[ \t]*$", re.MULTILINE)
_PARAGRAPH = re.compile(r"(?:\A|\n)[ \t]*(?=\S)")


@dataclass(frozen=True, slots=True)
class Structure:
    """One piece of article structure: its character range in the (normalised) text and what it is.

    ``place`` is the dateline's place words ("CAIRO, Egypt"), for the caller to resolve. ``strict`` is False for
    a dateline or label that reads as one only if its words name a place (the caller confirms with its tables).
    """

    start: int
    end: int
    kind: str  # "dateline" | "label" | "byline" | "credit"
    place: tuple[int, int] | None = None
    strict: bool = True


def find_structure(text: str) -> list[Structure]:
    """Every dateline, label, byline and credit in ``text``, in text order (never overlapping)."""
    found: list[Structure] = []
    for para in _PARAGRAPH.finditer(text):
        at = para.end()
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        line = text[at:line_end]
        credit = _CREDIT.match(line)
        if credit is not None and _credit_line(line):
            found.append(Structure(at, at + credit.end(), "credit"))
            continue
        byline = _BYLINE.match(line)
        if byline is not None and not _SENTENCE_WORDS.search(line[2:]):
            found.append(Structure(at, at + byline.end(), "byline"))
            continue
        item = _dateline(text, at, first=not found and not text[:at].strip())
        if item is None:
            item = _label(text, at)
        if item is not None:
            found.append(item)
    found.extend(_run_in_labels(text, found))
    for pattern, kind in ((_CREDIT_PAREN, "credit"), (_REPORTING, "byline"), (_CONTRIBUTED, "byline")):
        for m in pattern.finditer(text):
            if not any(s.start <= m.start() < s.end for s in found):
                found.append(Structure(m.start(), m.end(), kind))
    found.sort(key=lambda s: s.start)
    return found


def _credit_line(line: str) -> bool:
    """ "Photo: Reuters" is a credit line; "file - ..." too (the wire's "FILE -" caption mark, maybe lower-cased);
    "Video shows ..." is a sentence (the mark must follow the word directly)."""
    return re.match(r"\w+(?: photo)?\s*(?::|—|–|--|-)\s", line, re.IGNORECASE) is not None


def _dateline(text: str, at: int, *, first: bool) -> Structure | None:
    m = _DATELINE.match(text, at)
    if m is None:
        return None
    place = m.group("place")
    words = place.split()
    caps = all(re.fullmatch(_CAPS, w) for w in words) and any(len(w.strip(".")) > 1 for w in words)
    agency = m.group("agency") is not None
    colon = m.group("mark") == ":"
    if caps and (len(words) > 1 or len(place) > 2) and place not in ("Q", "A"):
        strict = True  # the wire's "CAIRO --", "NEW DELHI:"
    elif colon or agency:
        strict = True  # "New Delhi: police said ...", "VOA: ...", "Beijing (Reuters) -": a place or not
    elif first:
        strict = False  # "Beijing —" at the top: a dateline if the words are a place
    else:
        return None
    end = m.end("region") if m.group("region") else m.end("place")
    return Structure(at, m.end(), "dateline", (m.start("place"), end), strict)


def _label(text: str, at: int) -> Structure | None:
    m = _LABEL.match(text, at)
    if m is None:
        return None
    return Structure(at, m.end(), "label", None, True)


def _run_in_labels(text: str, found: list[Structure]) -> list[Structure]:
    """Interview labels inside a paragraph, after a sentence's end, whose label the article uses as one at least
    ``RUN_IN_TURNS`` times in all (counting the labels that open paragraphs): the turns of a flattened transcript.
    A single "Kenya: ..." after a full stop is left alone."""
    turns: dict[str, int] = {}
    for item in found:
        if item.kind in ("label", "dateline") and text[item.end - 1].isspace():
            m = _LABEL.match(text, item.start)
            if m is not None:
                turns[m.group("label")] = turns.get(m.group("label"), 0) + 1
    run_in = [m for m in _RUN_IN_LABEL.finditer(text) if "\n" not in m.group(0)]
    for m in run_in:
        turns[m.group("label")] = turns.get(m.group("label"), 0) + 1
    return [Structure(m.start(), m.end(), "label", None, True) for m in run_in
            if turns[m.group("label")] >= RUN_IN_TURNS and not any(s.start <= m.start() < s.end for s in found)]
