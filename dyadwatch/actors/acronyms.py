"""Acronyms the article defines: "the Justice and Equality Movement (JEM) ... JEM fighters" (rule ``acronym``).

Why: news names an organisation in full once, gives its short form in parentheses or after "or" ("the Coastal Defence
Directorate, or CDD,"), and uses the short form from then on. The tables cannot list every
short form (many name different bodies in different countries), but the article's own definition settles which
body it means in this article. News also writes the initials of a body it named in full without defining them
("the Movement for Democratic Change ... the MDC said"): three or more capitalised words whose initials are the short
form, named before it, count as its definition (two bodies with the same initials: neither). A later occurrence of
the short form, written exactly as defined (all capitals),
is a table hit with the full name's entries; the mention it gives is marked with rule ``acronym``, carries the
defining phrase as evidence and lowers its events' confidence like every reference resolved from elsewhere.
Only names of bodies (organisations, groups, institutions, parties) define an acronym: a person or a place does
not.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dyadwatch.actors.vocabulary import Hit
from dyadwatch.document.doccache import tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

RULE = "acronym"
BODY_KINDS = frozenset({"org", "group", "seat", "petrarch-actor", "party"})
# Function words a body's initials leave out ("the Justice and Equality Movement" -> JEM).
INITIAL_SKIPS = frozenset({"the", "of", "and", "for", "in", "on", "to", "de", "la", "du", "des", "el", "al"})
# Set on the parse: token index of each acronym hit -> the token range of the phrase that defined it.
DEFINED_KEY = "dw_acronym_defined"
# Set on the parse: token indices of the short forms where they are defined ("(JEM)"): part of the full name's
# mention, never a mention of their own.
DEFINITION_KEY = "dw_acronym_definition"


def _short_form(tok: Token) -> bool:
    text = tok.text
    return 2 <= len(text) <= 8 and text.isalpha() and text.isupper()


def _definition(doc: Doc, hit: Hit) -> Token | None:
    """The short form written right after the full name: "Name (ABC)" or "Name, or ABC,"."""
    k = hit.end
    if k + 2 < len(doc) and doc[k].text == "(" and _short_form(doc[k + 1]) and doc[k + 2].text == ")":
        return doc[k + 1]
    if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "or" and _short_form(doc[k + 2]) \
            and (k + 3 >= len(doc) or doc[k + 3].is_punct):
        return doc[k + 2]
    return None


def _initials(doc: Doc, hit: Hit) -> str | None:
    """The initials of a body's full name as written ("Movement for Democratic Change" -> "MDC"), skipping the
    function words news leaves out of them ("Justice and Equality Movement" -> "JEM"); None for a name of fewer
    than three capitalised words (two letters name too many things) or one written in no usable case."""
    words = [t for t in doc[hit.start:hit.end] if t.is_alpha and t.lower_ not in INITIAL_SKIPS]
    if len(words) < 3 or not all(t.text[0].isupper() and not t.is_upper for t in words):
        return None
    return "".join(t.text[0] for t in words)


def defined_acronyms(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """``hits`` plus a hit for every later use of a short form the article defined after a body's full name.

    A short form the tables already give a meaning where it is used keeps that meaning; one defined for two
    different bodies in the article is dropped (no guess)."""
    taken = {i for h in hits for i in range(h.start, h.end)}
    defined: dict[str, tuple[Hit, Token]] = {}
    clash: set[str] = set()
    for hit in hits:
        if hit.kind not in BODY_KINDS:
            continue
        short = _definition(doc, hit)
        if short is None:
            continue
        if short.text in defined and defined[short.text][0].entry != hit.entry:
            clash.add(short.text)
        defined.setdefault(short.text, (hit, short))
    explicit = frozenset(short.i for _, short in defined.values())
    by_initials: dict[str, tuple[Hit, Token]] = {}
    for hit in hits:  # "the Movement for Democratic Change ... the MDC": the initials of a body named in full
        short_text = _initials(doc, hit) if hit.kind in BODY_KINDS else None
        if short_text is None or short_text in defined:
            continue
        if short_text in by_initials and by_initials[short_text][0].entry != hit.entry:
            clash.add(short_text)
        by_initials.setdefault(short_text, (hit, doc[hit.end - 1]))
    defined.update(by_initials)
    if not defined:
        return hits
    doc.user_data[DEFINITION_KEY] = explicit
    added: list[Hit] = []
    spans: dict[int, tuple[int, int]] = {}
    for tok in tokens(doc):  # built once per document (``doccache.tokens``)
        found = defined.get(tok.text)
        if found is None or tok.text in clash or tok.i in taken or tok.i <= found[1].i:
            continue
        full = found[0]
        added.append(Hit(tok.i, tok.i + 1, [replace(e, source=f"{e.source}|{RULE}") for e in full.entries]))
        spans[tok.i] = (full.start, full.end)
    doc.user_data[DEFINED_KEY] = spans
    return sorted([*hits, *added], key=lambda h: h.start)
