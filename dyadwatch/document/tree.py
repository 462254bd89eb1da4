"""Walking the dependency tree: shared by the stages that attach dates and places to event triggers."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

# Dependencies that open a new clause: a date or place on the far side of one belongs to another predicate.
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "csubjpass", "parataxis", "conj", "xcomp"})


def tree_path(a: Token, b: Token) -> tuple[list[Token], list[Token]] | None:
    """Tokens from ``a`` up to (not including) the lowest common ancestor, and the same from ``b``."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    side_b: list[Token] = []
    for t in (b, *b.ancestors):
        if t.i in index:
            return up_a[: index[t.i]], side_b
        side_b.append(t)
    return None


def clause_openers(tokens: list[Token]) -> list[Token]:
    """The verbs among ``tokens`` that head a clause of their own."""
    return [t for t in tokens if t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX")]


def crosses_clause(tokens: list[Token]) -> bool:
    return bool(clause_openers(tokens))


def climb(tok: Token, stop: Callable[[Token], bool]) -> Token:
    """The first of ``tok`` and its heads for which ``stop`` holds, else the sentence root.

    Why not ``while ...: tok = tok.head``: spaCy builds a new ``Token`` object on every access, so a test such as
    ``tok.head is not tok`` is never false and a walk that relies on it circles on the root forever. This walk
    compares tokens by index and takes at most one step per token of the document, whatever the parse.
    """
    for _ in range(len(tok.doc)):
        if stop(tok) or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok
