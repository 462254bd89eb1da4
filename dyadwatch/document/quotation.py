"""Which tokens of a sentence stand inside a quotation, read from the quotation marks themselves.

Both the dating stage (a statement that runs on over several sentences) and the events stage (a maker named
outside quotation marks in an earlier sentence) ask this of a parsed sentence, so it lives below both.

The analysis writes curly double quotes as straight ones, so which way a straight mark faces is read from its
spacing: it opens a quotation when a space (or the sentence start) is before it and a word is glued after it
('said: "We ...'), and closes one otherwise ('... adversaries," she said'). Single quotes are left out: the same
character is an apostrophe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.document.doccache import span_tokens

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

OPENING = frozenset({"\u201c", "``"})
CLOSING = frozenset({"\u201d", "''"})
STRAIGHT = frozenset({'"'})


def is_mark(tok: Token) -> bool:
    """Whether the token is a double quotation mark of any kind."""
    return tok.text in OPENING or tok.text in CLOSING or tok.text in STRAIGHT


def opens(tok: Token, sent: Span) -> bool | None:
    """True for a mark that opens a quotation, False for one that closes it, None for a token that is no mark."""
    if tok.text in OPENING:
        return True
    if tok.text in CLOSING:
        return False
    if tok.text not in STRAIGHT:
        return None
    spaced_before = tok.i == sent.start or bool(tok.doc[tok.i - 1].whitespace_)
    return spaced_before and not tok.whitespace_


def quoted_tokens(sent: Span, open_at_start: bool = False) -> set[int]:
    """Indices of the tokens of ``sent`` inside a quotation (a quotation still open from the sentence before
    when ``open_at_start``)."""
    inside = open_at_start
    out: set[int] = set()
    for tok in span_tokens(sent):
        mark = opens(tok, sent)
        if mark is None:
            if inside:
                out.add(tok.i)
        else:
            inside = mark
    return out


def left_open(sent: Span) -> bool:
    """The sentence ends inside a quotation it opened (a speech that goes on into the next sentence)."""
    inside = False
    for tok in span_tokens(sent):
        mark = opens(tok, sent)
        if mark is not None:
            inside = mark
    return inside
