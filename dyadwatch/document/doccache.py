"""Per-document caches of spaCy views that later stages read many times.

Why: ``doc.ents`` and ``span.ents`` build every entity ``Span`` of the whole document on each access; the
dates, places and quantities code asks for a sentence's entities once per event candidate, which made entity
building the largest cost after the parse itself. The cache lives in ``doc.user_data``, so it goes away with the
document and never outlives a change to it (no stage after the parser sets entities).

``token_strings`` does the same for the per-token strings the actor and link stages scan word by word: reading
``t.lower_`` over ``for t in doc`` builds a ``Token`` object per token per pass, which cost more than the scans.

``tokens`` and ``children`` do it for the tree walks of the event and actor rules: ``doc[i]``, ``token.children``
and ``token.head`` each build a new ``Token`` (three calls in spaCy) on every access, and the rules ask for the
same word's dependents many times per event candidate (about 850,000 ``Token`` objects per VOA pass in round 9).
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

_ENTS = "dw_ents"
_STARTS = "dw_ent_starts"
_STRINGS = "dw_token_strings"
_TEXT = "dw_text"
_OFFSETS = "dw_token_offsets"
_TOKENS = "dw_tokens"
_CHILDREN = "dw_children"
_LEFT_EDGES = "dw_left_edges"
_HEADS = "dw_heads"
# The strings of hash keys, for ``token_strings``, kept across documents: a key always names the same string (it is
# its hash), and a dictionary answers faster than the string store. Cleared when it outgrows ``_NAMES_MAX`` (a
# long run's vocabulary keeps growing), so a worker's memory stays flat.
_NAMES: dict[int, str] = {}
_LOWERED: dict[int, str] = {}  # key -> the string in lower case (lemmas)
_NAMES_MAX = 200_000
# Every ``doc.user_data`` key the package sets starts with one of these (``release`` drops them all).
OWN_PREFIXES = ("dw_", "_dw_")


class TokenStrings(NamedTuple):
    """Per-token strings of a document, indexed by token position (read-only lists)."""

    lower: list[str]  # ``t.lower_``
    text: list[str]  # ``t.text``
    lemma: list[str]  # ``t.lemma_.lower()``
    pos: list[str]  # ``t.pos_``


def release(doc: Doc) -> None:
    """Drop everything the package keeps in ``doc.user_data`` once the pipeline is done with the document.

    Why: the caches hold spaCy ``Span`` objects (entities, place mentions) and they point back at their ``Doc``,
    so a document and everything hanging off it (its token array, its ``tok2vec`` tensor, the article's reading)
    formed a reference cycle, freed only by a full collection instead of when its analysis is dropped. Over VOA a
    batch's documents (~270 MB of heap at the top, with the parser's freed work arrays under them) waited for
    that collection, then the heap was trimmed and the next batch faulted fresh pages in: ~20,000 page faults
    and up to 0.7 s of system time per two passes that bare spaCy, whose documents go when dropped, never pays.
    Every key must go, not only the span caches: one left behind keeps the cycle (an earlier attempt dropped
    two of five and changed nothing). Each cache is rebuilt if asked for again.
    """
    data = doc.user_data
    for key in [k for k in data if isinstance(k, str) and k.startswith(OWN_PREFIXES)]:
        del data[key]


def entities(doc: Doc) -> tuple[Span, ...]:
    """The document's named entities, built once."""
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        cached = tuple(doc.ents)
        doc.user_data[_ENTS] = cached
        doc.user_data[_STARTS] = [e.start for e in cached]
    return cached  # type: ignore[no-any-return]


def entities_in(span: Span) -> tuple[Span, ...]:
    """Entities that lie wholly inside ``span`` (what ``span.ents`` returns), from the document's cache."""
    ents = entities(span.doc)
    starts = span.doc.user_data[_STARTS]
    lo = bisect.bisect_left(starts, span.start)
    hi = bisect.bisect_left(starts, span.end)
    return tuple(e for e in ents[lo:hi] if e.end <= span.end)


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy joins every token's text and whitespace on each access, and
    the actor stage's readers (quotations, the article's layout, sentence ends) each ask for the whole text."""
    found = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return found  # type: ignore[no-any-return]


def token_offsets(doc: Doc) -> list[int]:
    """``t.idx`` of every token (its character offset in the parsed text), read once per document."""
    found = doc.user_data.get(_OFFSETS)
    if found is None:
        found = doc.user_data[_OFFSETS] = doc.to_array(IDX).tolist() if len(doc) else []
    return found  # type: ignore[no-any-return]


def token_strings(doc: Doc) -> TokenStrings:
    """``lower_``, ``text``, lower-cased ``lemma_`` and ``pos_`` of every token, built once per document."""
    cached = doc.user_data.get(_STRINGS)
    if cached is None:
        columns = doc.to_array([LOWER, ORTH, LEMMA, POS]).T.tolist() if len(doc) else [[], [], [], []]
        strings = doc.vocab.strings
        if len(_NAMES) > _NAMES_MAX or len(_LOWERED) > _NAMES_MAX:
            _NAMES.clear()
            _LOWERED.clear()
        name, lowered = _NAMES.get, _LOWERED.get

        def name_of(key: int) -> str:
            found = _NAMES[key] = strings[key]
            return found

        def lowered_of(key: int) -> str:
            found = _LOWERED[key] = strings[key].lower()
            return found

        # ``or``: a miss (None) or the empty string (key 0) asks the string store, which answers the same
        cached = TokenStrings(
            [name(k) or name_of(k) for k in columns[0]],
            [name(k) or name_of(k) for k in columns[1]],
            [lowered(k) or lowered_of(k) for k in columns[2]],
            [POS_NAMES[k] for k in columns[3]],
        )
        doc.user_data[_STRINGS] = cached
    return cached  # type: ignore[no-any-return]


def tokens(doc: Doc) -> list[Token]:
    """Every ``Token`` of the document, built once: ``tokens(doc)[i]`` is ``doc[i]`` without building it anew."""
    try:  # a subscript, not ``get``: this is asked for per word, and a method call costs a profiled call
        return doc.user_data[_TOKENS]  # type: ignore[no-any-return]
    except KeyError:
        found = doc.user_data[_TOKENS] = list(doc)
        return found


def children(token: Token) -> tuple[Token, ...]:
    """``tuple(token.children)``: the token's syntactic dependents in document order, from a table built once per
    document out of the head array (spaCy's ``children`` walks the token's edges and builds every dependent
    anew on each access). ``tests/test_speed_equivalence.py`` checks it against spaCy's own answer."""
    try:
        return token.doc.user_data[_CHILDREN][token.i]  # type: ignore[no-any-return]
    except KeyError:
        return _children_table(token.doc)[token.i]


def heads(doc: Doc) -> list[int]:
    """``t.head.i`` of every token (a root is its own head), from the head array, once per document."""
    try:
        return doc.user_data[_HEADS]  # type: ignore[no-any-return]
    except KeyError:
        offsets = doc.to_array(HEAD).astype("int64").tolist() if len(doc) else []
        found = doc.user_data[_HEADS] = [i + offset for i, offset in enumerate(offsets)]
        return found


def head(token: Token) -> Token:
    """``token.head`` from the document's tables (spaCy builds the head ``Token`` anew on each access; the dating,
    status and place rules climb the same clauses many times per candidate). A root is its own head."""
    data = token.doc.user_data
    try:
        return data[_TOKENS][data[_HEADS][token.i]]  # type: ignore[no-any-return]
    except KeyError:
        return tokens(token.doc)[heads(token.doc)[token.i]]


def span_tokens(span: Span) -> list[Token]:
    """The tokens of ``span`` (what ``for t in span`` yields), from the document's list: iterating a ``Span``
    builds every ``Token`` anew."""
    return tokens(span.doc)[span.start:span.end]


def _children_table(doc: Doc) -> list[tuple[Token, ...]]:
    """Dependents of every token, by token index (a token that is its own head is a root, nobody's dependent)."""
    every = tokens(doc)
    kids: list[list[Token]] = [[] for _ in every]
    for i, head in enumerate(heads(doc)):
        if head != i:
            kids[head].append(every[i])
    table = doc.user_data[_CHILDREN] = [tuple(k) for k in kids]
    return table


def left_edges(doc: Doc) -> list[int]:
    """``t.left_edge.i`` of every token: the first token of its subtree, from the head array, once per document."""
    try:
        return doc.user_data[_LEFT_EDGES]  # type: ignore[no-any-return]
    except KeyError:
        pass
    head = heads(doc)
    edges = list(range(len(head)))
    for i in range(len(head)):
        k = i
        while head[k] != k:  # up to the root, lowering each ancestor's edge; stop where it is already lower
            k = head[k]
            if edges[k] <= i:
                break
            edges[k] = i
    doc.user_data[_LEFT_EDGES] = edges
    return edges


_NP_LABELS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunk_bounds(doc: Doc) -> list[tuple[int, int, int]]:
    """``(start, end, root)`` token indices of ``doc.noun_chunks``, the same chunks in the same order.

    Why: spaCy's English chunk iterator builds a ``Token`` for every word of the document (its part of speech,
    label, left edge and head), then a ``Span`` per chunk and its root; here parts of speech, labels and heads
    come from one array, and a ``Token`` is built only for a chunk's head word (its left edge). A chunk's root is
    spaCy's ``Span.root``: a sentence root inside it, else its one word whose head lies outside it (a chunk with
    several such words asks spaCy). Another language's iterator, a span hook or a document without a parse gets
    spaCy's own answer (or its error).
    """
    from spacy.lang.en.syntax_iterators import noun_chunks as english

    other = doc.noun_chunks_iterator is not english  # identity: the language's iterator function, not a token
    if other or doc.user_span_hooks or not doc.has_annotation("DEP"):
        return [(chunk.start, chunk.end, chunk.root.i) for chunk in doc.noun_chunks]
    strings = doc.vocab.strings
    np_deps = frozenset(strings.add(label) for label in _NP_LABELS)
    conj = strings.add("conj")
    nominal = frozenset(POS_IDS[name] for name in ("NOUN", "PROPN", "PRON"))
    pos, dep, head = doc.to_array([POS, DEP, HEAD]).astype("int64").T.tolist()
    lefts = left_edges(doc)
    out: list[tuple[int, int, int]] = []
    prev_end = -1
    for i, tag in enumerate(pos):
        if tag not in nominal:
            continue
        if dep[i] not in np_deps:
            if dep[i] != conj:
                continue
            h = i + head[i]
            while dep[h] == conj and h + head[h] < h:
                h += head[h]
            if dep[h] not in np_deps:  # coordinated to a noun phrase: a noun phrase
                continue
        start = lefts[i]
        if start <= prev_end:  # no nested chunks
            continue
        prev_end = i
        out.append((start, i + 1, _span_root(doc, head, start, i + 1)))
    return out


def _span_root(doc: Doc, head: list[int], start: int, end: int) -> int:
    """``doc[start:end].root.i`` from the head offsets, for the two cases that need no path lengths."""
    outside = []
    for k in range(start, end):
        if head[k] == 0:
            return k  # a sentence root: the first one
        if not start <= k + head[k] < end:
            outside.append(k)
    if len(outside) == 1:
        return outside[0]
    if not outside:
        return start
    return int(doc[start:end].root.i)
