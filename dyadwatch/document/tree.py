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


# Words that put a body of people in no one state: "world leaders", "leaders around the world", "foreign
# governments", "international donors", "a global outcry with many leaders ...".
WORLD_WORDS = frozenset({"world", "globe", "worldwide", "global", "globally", "international", "internationally",
                         "foreign", "abroad"})
# Prepositions that spread a body over the world ("around the world", "across the globe").
SPREAD_PREPS = frozenset({"around", "across", "throughout", "over", "from", "all"})


def worldwide(head: Token) -> bool:
    """Whether a plural body of people is said to be spread over the world, not any one state's: a modifier of its
    own ("world leaders", "foreign governments", "leaders worldwide", "leaders around the world"), or the
    world-wide reaction it is part of ("a global outcry, with many leaders calling ..."). Such a body takes no state
    from the article's context (the article's state is the place of the matter, not theirs)."""
    if head.tag_ not in ("NNS", "NNPS"):
        return False
    for child in head.children:
        if child.lower_ in WORLD_WORDS and child.dep_ in ("amod", "compound", "advmod", "npadvmod"):
            return True
        if child.dep_ == "prep" and child.lower_ in SPREAD_PREPS \
                and any(g.lemma_.lower() in ("world", "globe") for g in child.children if g.dep_ == "pobj"):
            return True
    prep = head.head if head.dep_ == "pobj" else None
    if head.dep_ == "nsubj" and head.head.dep_ == "pcomp":  # "with many leaders calling for ..."
        prep = head.head.head
    if prep is None or prep.dep_ != "prep" or prep.lower_ not in ("with", "from", "among", "by"):
        return False
    owner = prep.head  # "an outcry from leaders", or the verb of "drew global condemnation, with leaders ..."
    owners = [owner] if owner.pos_ == "NOUN" else [c for c in owner.children if c.dep_ in ("dobj", "nsubj", "attr")]
    return any(c.lower_ in WORLD_WORDS and c.dep_ == "amod" for o in owners for c in o.children)
