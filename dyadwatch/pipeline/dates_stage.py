"""The ``dates`` stage: every event candidate gets an ``EventDate`` from its own words (see ``dyadwatch.dating``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.dating import date_candidates
from dyadwatch.pipeline.stage import Stage

if TYPE_CHECKING:
    from dyadwatch.config import Settings
    from dyadwatch.document.analysis import Analysis


class DatesStage(Stage):
    """Dates events relative to publication and flags history (older than ``history_days``)."""

    name = "dates"
    requires = ("candidates",)
    assigns = ("candidate_dates",)

    def __init__(self, history_days: int = 30) -> None:
        self.history_days = history_days

    @classmethod
    def from_settings(cls, settings: Settings) -> DatesStage:
        return cls(history_days=settings.history_days)

    def __call__(self, analysis: Analysis) -> Analysis:
        date_candidates(analysis, self.history_days)
        return analysis
