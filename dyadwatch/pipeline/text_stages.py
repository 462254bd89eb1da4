"""The normalise and parse stages: from an Article's text to a sentence-split dependency parse."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from dyadwatch.document.analysis import Analysis
from dyadwatch.document.model import load_model
from dyadwatch.document.normalise import normalise
from dyadwatch.errors import InputError
from dyadwatch.pipeline.stage import Stage
from dyadwatch.records import Sentence

if TYPE_CHECKING:
    from spacy.language import Language

    from dyadwatch.config import Settings


class NormaliseStage(Stage):
    name = "normalise"
    requires = ()
    assigns = ("norm",)

    @classmethod
    def from_settings(cls, settings: Settings) -> NormaliseStage:
        return cls()

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.norm = normalise(analysis.article.text)
        return analysis


class ParseStage(Stage):
    """spaCy over the normalised text, batched with ``nlp.pipe``."""

    name = "parse"
    requires = ("norm",)
    assigns = ("doc", "sentences", "sent_starts")

    def __init__(self, nlp: Language, batch_size: int, n_process: int = 1) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process

    @classmethod
    def from_settings(cls, settings: Settings) -> ParseStage:
        return cls(load_model(settings.model), settings.batch_size, settings.n_process)

    def __call__(self, analysis: Analysis) -> Analysis:
        return next(iter(self.pipe([analysis])))

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        def texts(items: list[Analysis]) -> Iterator[str]:
            for a in items:
                assert a.norm is not None
                if len(a.norm.text) > self.nlp.max_length:
                    raise InputError(
                        f"article {a.article.id!r} has {len(a.norm.text):,} characters, more than the parser's "
                        f"limit of {self.nlp.max_length:,}; split it into smaller articles"
                    )
                yield a.norm.text

        batch: list[Analysis] = []
        for analysis in analyses:
            batch.append(analysis)
            if len(batch) >= self.batch_size:
                yield from self._parse(batch, texts)
                batch = []
        if batch:
            yield from self._parse(batch, texts)

    def _parse(self, batch: list[Analysis], texts) -> Iterator[Analysis]:  # type: ignore[no-untyped-def]
        docs = self.nlp.pipe(texts(batch), batch_size=self.batch_size, n_process=self.n_process)
        for analysis, doc in zip(batch, docs, strict=True):
            analysis.doc = doc
            analysis.sentences = []
            analysis.sent_starts = []
            for sent in doc.sents:
                # Trim line breaks at the edges without walking every token (this loop runs per sentence).
                first, last = sent.start, sent.end - 1
                while first <= last and doc[first].is_space:
                    first += 1
                while last >= first and doc[last].is_space:
                    last -= 1
                if first > last:
                    continue
                analysis.sent_starts.append(sent.start)
                analysis.sentences.append(Sentence(index=len(analysis.sentences), span=analysis.span(first, last + 1)))
            yield analysis
