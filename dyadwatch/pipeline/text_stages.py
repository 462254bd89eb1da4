"""The normalise and parse stages: from an Article's text to a sentence-split dependency parse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dyadwatch.actors import casing
from dyadwatch.actors.casing import CaseVocabulary, build_vocabulary, casing_of, english_words, truecase
from dyadwatch.actors.tables import builtin_key
from dyadwatch.actors.vocabulary import PRONOUNS
from dyadwatch.document.analysis import Analysis
from dyadwatch.document.doccache import token_strings
from dyadwatch.document.model import PARAGRAPH_COMPONENT, load_model, model_info
from dyadwatch.document.normalise import normalise
from dyadwatch.document.selective import can_select, first_pass, parse_selected, run_first_pass
from dyadwatch.errors import InputError
from dyadwatch.pipeline.actors_stage import build_gazetteer
from dyadwatch.pipeline.stage import Stage
from dyadwatch.records import Sentence
from dyadwatch.tables import files_key, read_compiled, write_compiled

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from dyadwatch.config import Settings


class NormaliseStage(Stage):
    """Cleaned text with an offset map; text without usable casing (lower case, ALL CAPS) is truecased."""

    name = "normalise"
    requires = ()
    assigns = ("norm",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings
        self._vocabulary: CaseVocabulary | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> NormaliseStage:
        return cls(settings if settings.truecase else None)

    def __call__(self, analysis: Analysis) -> Analysis:
        norm = normalise(analysis.article.text)
        if self.settings is not None and _needs_truecasing(norm.text):
            recased = truecase(norm.text, self.vocabulary())
            if len(recased) == len(norm.text):  # letters change case one for one: the offset map still holds
                norm = replace(norm, text=recased)
        analysis.norm = norm
        return analysis

    def vocabulary(self) -> CaseVocabulary:
        """Built on the first text that needs it (most news is cased, so most runs never pay for it)."""
        if self._vocabulary is None:
            assert self.settings is not None
            self._vocabulary = case_vocabulary(self.settings)
        return self._vocabulary


def case_vocabulary(settings: Settings) -> CaseVocabulary:
    """The truecasing vocabulary of the settings' actor tables and model; compiled into the user cache for the
    package's own tables (building it reads every table phrase)."""
    nlp = load_model(settings.model)
    extra = settings.actor_tables or settings.petrarch_actors or settings.petrarch_agents
    own = settings.builtin_actors and not extra
    key = files_key([], builtin_key(settings.base_actors), repr(sorted(model_info(settings.model).items())))
    name = "casing" if settings.base_actors else "casing-hand"
    vocab = casing.from_plain(read_compiled(name, key)) if own else None
    if vocab is None:
        english = english_words(nlp.get_pipe("lemmatizer").lookups)
        vocab = build_vocabulary(build_gazetteer(settings), english, frozenset(nlp.Defaults.stop_words))
        if own:
            write_compiled(name, key, casing.to_plain(vocab))
    return vocab


def _needs_truecasing(text: str) -> bool:
    return casing_of(text) is not None or any(casing_of(line) == "upper" for line in text.splitlines())


class ParseStage(Stage):
    """spaCy over the normalised text, batched; the dependency parse only where an event may be (``screen``).

    With a ``screen`` (a predicate over a sentence's lemmas, forms and parts of speech), sentences come from the
    pipeline's ``senter`` and only those the screen passes, plus the sentence before one that opens with a
    pronoun's antecedent, are parsed (``dyadwatch.document.selective``). ``parsed``/``seen`` count sentences
    (without a screen every sentence is parsed: ``dyadwatch bench`` reports the share either way).
    """

    name = "parse"
    requires = ("norm",)
    assigns = ("doc", "sentences", "sent_starts")

    def __init__(self, nlp: Language, batch_size: int, n_process: int = 1,
                 screen: Callable[[list[str], list[str], list[str]], bool] | None = None) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process
        self.screen = screen if screen is not None and n_process == 1 and can_select(nlp, PARAGRAPH_COMPONENT) \
            else None
        self._steps = first_pass(nlp, PARAGRAPH_COMPONENT) if self.screen is not None else []
        self.seen = 0
        self.parsed = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> ParseStage:
        screen = None
        if settings.selective_parse:
            from dyadwatch.events.lexicon import load_lexicon
            from dyadwatch.events.screen import EventScreen

            lexicon = load_lexicon(tuple(Path(p) for p in settings.petrarch_verbs), settings.builtin_verbs)
            screen = EventScreen(lexicon).may_hold_event
        return cls(load_model(settings.model), settings.batch_size, settings.n_process, screen)

    def __call__(self, analysis: Analysis) -> Analysis:
        return next(iter(self.pipe([analysis])))

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        batch: list[Analysis] = []
        for analysis in analyses:
            batch.append(analysis)
            if len(batch) >= self.batch_size:
                yield from self._parse(batch)
                batch = []
        if batch:
            yield from self._parse(batch)

    def _texts(self, items: list[Analysis]) -> Iterator[str]:
        for a in items:
            assert a.norm is not None
            if len(a.norm.text) > self.nlp.max_length:
                raise InputError(
                    f"article {a.article.id!r} has {len(a.norm.text):,} characters, more than the parser's "
                    f"limit of {self.nlp.max_length:,}; split it into smaller articles"
                )
            yield a.norm.text

    def _docs(self, batch: list[Analysis]) -> Iterable[Doc]:
        if self.screen is None:
            return self.nlp.pipe(self._texts(batch), batch_size=self.batch_size, n_process=self.n_process)
        docs = run_first_pass(self.nlp, self._steps, self._texts(batch), self.batch_size)
        chosen = [self._choose(doc) for doc in docs]
        self.parsed += parse_selected(self.nlp, docs, chosen, self.batch_size)
        return docs

    def _choose(self, doc: Doc) -> list[Span]:
        """The sentences that may hold an event, and the sentence before each of those that has a pronoun (its
        antecedent is most often there, and actor coreference reads that sentence's subjects from the parse)."""
        strings = token_strings(doc)
        sents = list(doc.sents)
        keep = [False] * len(sents)
        assert self.screen is not None
        for k, sent in enumerate(sents):
            lo, hi = sent.start, sent.end
            if self.screen(strings.lemma[lo:hi], strings.lower[lo:hi], strings.pos[lo:hi]):
                keep[k] = True
                if k and any(w in PRONOUNS for w in strings.lower[lo:hi]):
                    keep[k - 1] = True
        return [s for s, kept in zip(sents, keep, strict=True) if kept]

    def _parse(self, batch: list[Analysis]) -> Iterator[Analysis]:
        for analysis, doc in zip(batch, self._docs(batch), strict=True):
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
            self.seen += len(analysis.sentences)
            if self.screen is None:
                self.parsed += len(analysis.sentences)
            yield analysis
