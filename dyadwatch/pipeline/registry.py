"""The one explicit table of pipeline stages: name -> class, imported lazily.

Nothing registers itself on import, so a stage is found here or nowhere. A change in a stage's behaviour that
users must be able to tell apart gets a new name (``events.v2``) and the old one stays listed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from dyadwatch.errors import ConfigError

if TYPE_CHECKING:
    from dyadwatch.config import Settings
    from dyadwatch.pipeline.stage import Stage

STAGES: dict[str, str] = {
    "normalise": "dyadwatch.pipeline.text_stages:NormaliseStage",
    "parse": "dyadwatch.pipeline.text_stages:ParseStage",
    "actors": "dyadwatch.pipeline.actors_stage:ActorsStage",
    "events": "dyadwatch.pipeline.events_stage:EventsStage",
    "dates": "dyadwatch.pipeline.dates_stage:DatesStage",
    "places": "dyadwatch.pipeline.places_stage:PlacesStage",
    "agents": "dyadwatch.pipeline.agents_stage:AgentsStage",
    "links": "dyadwatch.pipeline.links_stage:LinksStage",
    "assemble": "dyadwatch.pipeline.assemble:AssembleStage",
}


def stage_class(name: str) -> type[Stage]:
    """The class registered under ``name``."""
    try:
        target = STAGES[name]
    except KeyError:
        raise ConfigError(f"unknown stage {name!r}; known stages: {', '.join(STAGES)}") from None
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr)  # type: ignore[no-any-return]


def make_stage(name: str, settings: Settings) -> Stage:
    """Build the stage registered under ``name`` from the settings."""
    cls = stage_class(name)
    return cls.from_settings(settings)  # type: ignore[attr-defined,no-any-return]
