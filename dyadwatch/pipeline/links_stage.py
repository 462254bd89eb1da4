"""The ``links`` stage: the adapter that runs cause -> response linking (``dyadwatch.links``) on an article."""

from __future__ import annotations

from dyadwatch.config import Settings
from dyadwatch.document.analysis import Analysis
from dyadwatch.links import link_candidates
from dyadwatch.pipeline.stage import Stage


class LinksStage(Stage):
    """Cause -> response links between the candidates of one article."""

    name = "links"
    requires = ("candidates",)
    assigns = ("candidate_links",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: Settings) -> LinksStage:
        return cls(settings)

    def __call__(self, analysis: Analysis) -> Analysis:
        link_candidates(analysis)
        return analysis
