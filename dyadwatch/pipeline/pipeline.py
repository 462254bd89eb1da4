"""The Pipeline: an ordered list of named stages, checked against their requires/assigns contracts.

A batch never loses its good articles because of a bad one: a failing article becomes a ``Rejected`` result
naming the stage and the reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields

from dyadwatch.config import Settings
from dyadwatch.document.analysis import Analysis
from dyadwatch.errors import DyadwatchError, InputError, PipelineError
from dyadwatch.pipeline.guard import unfit_reason
from dyadwatch.pipeline.stage import Stage
from dyadwatch.records import Article, Event

log = logging.getLogger(__name__)

_ANALYSIS_FIELDS = {f.name for f in fields(Analysis)}


@dataclass(frozen=True, slots=True)
class Rejected:
    """An article the pipeline could not code, and why (a typed result, never ``None``)."""

    article_id: str
    stage: str
    reason: str


def check_order(stages: Sequence[Stage]) -> None:
    """Refuse a stage order in which a stage requires what no earlier stage assigns."""
    available: set[str] = {"article", "settings"}
    seen: set[str] = set()
    for stage in stages:
        if not stage.name:
            raise PipelineError(f"stage {type(stage).__name__} has no name; set its `name` class attribute")
        if stage.name in seen:
            raise PipelineError(f"stage {stage.name!r} appears twice in the pipeline; list each stage once")
        seen.add(stage.name)
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                "put the stage that assigns it first"
            )
        available.update(stage.assigns)


class Pipeline:
    """Runs stages in order over articles; ``pipe`` streams batches so memory stays flat."""

    def __init__(self, stages: Sequence[Stage], settings: Settings) -> None:
        check_order(stages)
        self.stages = list(stages)
        self.settings = settings

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def analyse(self, article: Article) -> Analysis:
        """Run every stage on one article; errors propagate (use ``pipe`` to collect rejections)."""
        reason = unfit_reason(article.text, self.settings)
        if reason is not None:
            raise InputError(f"article {article.id}: {reason}")
        analysis = Analysis(article=article, settings=self.settings)
        for stage in self.stages:
            analysis = self._run(stage, analysis)
        return analysis

    def __call__(self, article: Article) -> list[Event]:
        return self.analyse(article).events

    def pipe(self, articles: Iterable[Article]) -> Iterator[Analysis | Rejected]:
        """Code a stream of articles, in batches; yields an Analysis or a Rejected per article, in order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._pipe_batch(batch)
                batch = []
        if batch:
            yield from self._pipe_batch(batch)

    def admit(self, article: Article) -> Analysis | Rejected:
        """The article's analysis, or a ``Rejected`` in stage "input" when its text must not be parsed
        (``dyadwatch.pipeline.guard``: too long, one endless sentence, one word repeated)."""
        reason = unfit_reason(article.text, self.settings)
        if reason is not None:
            log.warning("article %s rejected before parsing: %s", article.id, reason)
            return Rejected(article.id, "input", reason)
        return Analysis(article=article, settings=self.settings)

    def _pipe_batch(self, articles: list[Article]) -> Iterator[Analysis | Rejected]:
        results: list[Analysis | Rejected] = [self.admit(a) for a in articles]
        for stage in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, Analysis)]
            if not live:
                break
            if type(stage).pipe is not Stage.pipe:  # identity: methods, not tokens
                try:
                    done = list(stage.pipe(results[i] for i in live))  # type: ignore[misc]
                    for i, analysis in zip(live, done, strict=True):
                        results[i] = self._checked(stage, analysis)
                    continue
                except Exception:
                    log.debug("batch failed in stage %s; retrying article by article", stage.name)
            for i in live:
                current = results[i]
                assert isinstance(current, Analysis)
                try:
                    results[i] = self._run(stage, current)
                except Exception as err:
                    reason = str(err) if isinstance(err, DyadwatchError) else f"{type(err).__name__}: {err}"
                    log.warning("article %s rejected in stage %s: %s", current.article.id, stage.name, reason)
                    results[i] = Rejected(current.article.id, stage.name, reason)
        from dyadwatch.document.doccache import release  # here: doccache imports spaCy, the CLI parent must not

        for result in results:  # each document goes when its analysis does, not at the next full collection
            if isinstance(result, Analysis) and result.doc is not None:
                release(result.doc)
        yield from results

    def _run(self, stage: Stage, analysis: Analysis) -> Analysis:
        return self._checked(stage, stage(analysis))

    @staticmethod
    def _checked(stage: Stage, analysis: object) -> Analysis:
        if not isinstance(analysis, Analysis):
            raise PipelineError(f"stage {stage.name!r} returned {type(analysis).__name__}, not an Analysis")
        for name in stage.assigns:
            if name in _ANALYSIS_FIELDS and getattr(analysis, name) is None:
                raise PipelineError(f"stage {stage.name!r} did not assign {name!r}")
        return analysis
