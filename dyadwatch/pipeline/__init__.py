"""The coding pipeline: the orchestrator on top of the stage packages.

Holds only the ``Pipeline``, the ``Stage`` contract, the registry of stage names and the thin stage adapters;
the work itself lives in the packages below (``document``, ``actors``, ``events``, ``dating``, ``places``,
``links``), none of which imports this one.
"""

from __future__ import annotations

from dyadwatch.config import Settings
from dyadwatch.document.analysis import Analysis, EventCandidate, Mention
from dyadwatch.pipeline.pipeline import Pipeline, Rejected, check_order
from dyadwatch.pipeline.registry import make_stage
from dyadwatch.pipeline.stage import Stage


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    """Build the pipeline the settings describe (stages by name, from ``dyadwatch.pipeline.registry``)."""
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
