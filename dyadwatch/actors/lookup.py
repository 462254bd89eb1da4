"""Finding the actor mention behind a token: the bridge the events stage uses from a parse argument to an actor."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyadwatch.document.analysis import Analysis, Mention


def mention_at(analysis: Analysis, token_i: int) -> Mention | None:
    """The mention covering ``token_i``, else the one whose head lies highest in that token's subtree.

    Why the subtree: an argument's head may be a bare noun ("the proposal of the Chinese side") whose actor
    sits in a modifier; the shallowest mention head under it is the one the phrase is about.
    """
    for m in analysis.mentions:
        if m.start <= token_i < m.end or m.head == token_i:
            return m
    doc = analysis.doc
    if doc is None or not 0 <= token_i < len(doc):
        return None
    tok = doc[token_i]
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    best: tuple[int, Mention] | None = None
    for m in analysis.mentions:
        if lo <= m.head < hi:
            depth = _depth(doc[m.head], token_i)
            if depth is not None and (best is None or depth < best[0]):
                best = (depth, m)
    return best[1] if best else None


def mentions_at(analysis: Analysis, token_i: int) -> list[Mention]:
    """All actors an argument stands for: the mention at ``token_i`` plus its coordinated partners.

    "Biden and Xi met" -> both; "Hungarian and Romanian officials" -> both.
    """
    first = mention_at(analysis, token_i)
    if first is None or analysis.doc is None:
        return []
    doc = analysis.doc
    out = [first]
    heads = {first.head}
    frontier = [doc[first.head]]
    for tok in doc[first.start : first.end]:
        frontier.extend(c for c in tok.children if c.dep_ == "conj")
    while frontier:
        tok = frontier.pop()
        for conj in [c for c in tok.children if c.dep_ == "conj"] + ([tok] if tok.dep_ == "conj" else []):
            for m in analysis.mentions:
                if m not in out and (m.start <= conj.i < m.end) and m.head not in heads:
                    out.append(m)
                    heads.add(m.head)
                    frontier.append(doc[m.head])
    return sorted(out, key=lambda m: m.start)


def _depth(tok, ancestor_i: int) -> int | None:  # type: ignore[no-untyped-def]
    for depth in range(len(tok.doc)):  # bounded: a path is never longer than the document
        if tok.i == ancestor_i:
            return depth
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None
