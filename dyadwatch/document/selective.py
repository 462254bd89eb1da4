"""Selective parsing: tag and recognise entities everywhere, run the dependency parser only where it is needed.

Why: in the small English pipeline the parser also sets the sentence boundaries, so every sentence paid for a
parse even when nothing downstream could use one. Here sentences come from the pipeline's own ``senter``
component (shipped, disabled by default, far cheaper than the parser) and our line-break rule; the caller picks
the sentences to parse; each picked sentence is parsed as a document of its own and its tree written back into
the article's document. The article's document is never rebuilt, so every token keeps its character offset into
the (normalised) text, and tags, lemmas and entities are untouched.

How the parser sees a sentence on its own: a new document of the sentence's words carries their ``tok2vec``
output (``doc.tensor``), which the parser's listener reads at prediction time, so the parser works from the same
context vectors as over the whole text; preset sentence starts keep it one sentence. A sentence that is not
parsed gets a flat tree, every token attached to its first with the generic label ``dep``: spaCy needs a tree per
sentence to keep the boundaries, and no rule of ours reads meaning into ``dep``.

The tree could also be joined with ``Doc.from_docs``; writing heads and labels back with one ``from_array``
does the same without copying every token of the article a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import DEP, HEAD, SENT_START, SPACY

from dyadwatch.document.doccache import token_strings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

PARSER = "parser"
SENTER = "senter"
FLAT_LABEL = "dep"


def can_select(nlp: Language, paragraph_component: str) -> bool:
    """Whether the pipeline has what selective parsing needs: a parser, a ``senter`` and our line-break rule."""
    names = set(nlp.component_names)
    return {PARSER, SENTER, paragraph_component} <= names


def first_pass(nlp: Language, paragraph_component: str) -> list[tuple[str, Any]]:
    """The enabled components without the parser, then ``senter``, then the line-break rule (which must run after
    whatever sets sentence starts, or the starts it sets would be overwritten)."""
    steps = [(name, proc) for name, proc in nlp.pipeline if name not in (PARSER, SENTER, paragraph_component)]
    steps.append((SENTER, nlp.get_pipe(SENTER)))
    steps.append((paragraph_component, nlp.get_pipe(paragraph_component)))
    return steps


def run_first_pass(nlp: Language, steps: list[tuple[str, Any]], texts: Iterable[str], batch_size: int) -> list[Doc]:
    """Tokenise and run ``steps`` over ``texts`` in one batch (what ``nlp.pipe`` does, minus the parser)."""
    docs: Iterable[Doc] = (nlp.make_doc(t) for t in texts)
    for _, proc in steps:
        if hasattr(proc, "pipe"):
            docs = proc.pipe(docs, batch_size=batch_size)
        else:
            docs = _each(proc, docs)
    return list(docs)


def _each(proc: Callable[[Doc], Doc], docs: Iterable[Doc]) -> Iterator[Doc]:
    for doc in docs:
        yield proc(doc)


def parse_selected(nlp: Language, docs: list[Doc], chosen: list[list[Span]], batch_size: int) -> int:
    """Parse the ``chosen`` sentences of each document (one list per document, in order) and give every other
    sentence a flat tree. Returns the number of sentences parsed."""
    parser = nlp.get_pipe(PARSER)
    pieces = [piece for doc, sents in zip(docs, chosen, strict=True) for piece in _pieces(doc, sents)]
    if pieces:
        for start in range(0, len(pieces), batch_size):
            part = pieces[start : start + batch_size]
            parser.set_annotations(part, parser.predict(part))
    strings = nlp.vocab.strings
    root, flat = strings.add("ROOT"), strings.add(FLAT_LABEL)
    it = iter(pieces)
    for doc, sents in zip(docs, chosen, strict=True):
        n = len(doc)
        if not n:
            continue
        index = numpy.arange(n, dtype="int64")
        starts = numpy.array([s.start for s in doc.sents], dtype="int64")
        owner = starts[numpy.searchsorted(starts, index, side="right") - 1]
        heads = owner - index  # relative offsets: every token to its sentence's first token
        labels = numpy.where(heads == 0, root, flat).astype("uint64")
        array = numpy.stack([heads.astype("uint64"), labels], axis=1)
        for sent in sents:
            array[sent.start : sent.end] = next(it).to_array([HEAD, DEP])
        doc.from_array([HEAD, DEP], array)
    return len(pieces)


def _pieces(doc: Doc, sents: list[Span]) -> Iterator[Doc]:
    """Each sentence as a document of its own with what the parser reads: its words and their ``tok2vec`` rows.

    Why not ``Span.as_doc``: it copies every attribute, entity and span group of the sentence, which cost more
    than parsing it; the parser's model reads the context vectors and nothing else.
    """
    from spacy.tokens import Doc

    if not sents:
        return
    words = token_strings(doc).text
    spaces = doc.to_array(SPACY).astype(bool).tolist()
    for sent in sents:
        piece = Doc(doc.vocab, words=words[sent.start : sent.end], spaces=spaces[sent.start : sent.end])
        starts = numpy.full((len(piece), 1), -1, dtype="int64")
        starts[0, 0] = 1  # one sentence, as the screen saw it: the parser may not split or join it
        piece.from_array([SENT_START], starts.astype("uint64"))
        piece.tensor = doc.tensor[sent.start : sent.end]
        yield piece
