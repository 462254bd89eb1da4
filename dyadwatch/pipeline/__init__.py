"""The coding pipeline: named stages from the registry, run in order over articles."""

from __future__ import annotations

from dyadwatch.config import Settings
from dyadwatch.pipeline.analysis import Analysis, EventCandidate, Mention
from dyadwatch.pipeline.pipeline import Pipeline, Rejected, check_order
from dyadwatch.pipeline.stage import Stage


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    """Build the pipeline the settings describe (stages by name, from ``dyadwatch.registry``)."""
    from dyadwatch.registry import make_stage

    settings = settings or Settings()
    return Pipeline([make_stage(name, settings) for name in settings.stages], settings)


__all__ = [
    "Analysis",
    "EventCandidate",
    "Mention",
    "Pipeline",
    "Rejected",
    "Stage",
    "build_pipeline",
    "check_order",
]
