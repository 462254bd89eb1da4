"""The pipeline contract: stage order checks, typed rejections, batches that survive a bad article."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError, PipelineError
from dyadwatch.pipeline import Analysis, Pipeline, Rejected, Stage, build_pipeline, check_order
from dyadwatch.pipeline.registry import STAGES, stage_class
from dyadwatch.records import Article


class Needs(Stage):
    name = "needs"
    requires = ("doc",)
    assigns = ("events",)

    def __call__(self, analysis: Analysis) -> Analysis:
        return analysis


class Explodes(Stage):
    name = "explodes"

    def __call__(self, analysis: Analysis) -> Analysis:
        if "boom" in analysis.article.text:
            raise ValueError("cannot handle boom")
        return analysis


def test_pipeline_refuses_stage_whose_requirement_is_unassigned() -> None:
    with pytest.raises(PipelineError, match="requires doc"):
        check_order([Needs()])


def test_pipeline_refuses_duplicate_stage() -> None:
    with pytest.raises(PipelineError, match="twice"):
        check_order([Explodes(), Explodes()])


def test_pipeline_unknown_stage_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="known stages: normalise"):
        build_pipeline(Settings(stages=("normalise", "sentiment")))


def test_pipeline_registry_lists_every_stage_class() -> None:
    for name in STAGES:
        cls = stage_class(name)
        assert cls.name == name
        assert hasattr(cls, "from_settings")


def test_pipeline_bad_article_is_rejected_and_batch_goes_on() -> None:
    pipeline = Pipeline([Explodes()], Settings(batch_size=2))
    texts = ["fine one", "boom here", "fine two"]
    results = list(pipeline.pipe(Article.create(t) for t in texts))
    assert [type(r).__name__ for r in results] == ["Analysis", "Rejected", "Analysis"]
    rejected = results[1]
    assert isinstance(rejected, Rejected)
    assert rejected.stage == "explodes" and "cannot handle boom" in rejected.reason


def test_pipeline_parse_maps_sentences_to_original_offsets(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "Headline about Defen\u0441e\nChina declined a meeting. It cited Caliber.Az reports."
    analysis = make_analysis(text, stages=("normalise", "parse"))
    spans = [s.span for s in analysis.sentences]
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
    assert spans[0].text == "Headline about Defen\u0441e"  # the original, Cyrillic and all
    assert spans[1].text == "China declined a meeting."
    assert spans[2].text == "It cited Caliber.Az reports."


def test_pipeline_full_run_gives_events_with_original_offsets(make_analysis, reference_text) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis(reference_text, published=date(2024, 11, 21))
    assert analysis.events
    for event in analysis.events:
        for span in (event.evidence, event.trigger, event.source.span):
            assert reference_text[span.start : span.end] == span.text
        assert event.tables and event.coder_version.startswith("dyadwatch")
