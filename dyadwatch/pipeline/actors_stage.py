"""The actors stage: every actor-like noun phrase of the article, resolved as of its publication date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.actors.petrarch import load_actors, load_agents
from dyadwatch.actors.resolver import ActorResolver
from dyadwatch.actors.tables import Gazetteer, builtin_gazetteer, load_tables
from dyadwatch.document.analysis import Analysis
from dyadwatch.pipeline.stage import Stage

if TYPE_CHECKING:
    from dyadwatch.config import Settings


def build_gazetteer(settings: Settings) -> Gazetteer:
    """Built-in tables (unless switched off), then the user's tables and PETRARCH dictionaries on top."""
    if settings.builtin_actors and not (settings.actor_tables or settings.petrarch_actors or settings.petrarch_agents):
        return builtin_gazetteer()  # shared, read-only: the resolver never adds to it
    gaz = Gazetteer()
    if settings.builtin_actors:
        gaz.extend(builtin_gazetteer())
    if settings.actor_tables:
        gaz.extend(load_tables(settings.actor_tables))
    for path in settings.petrarch_actors:
        gaz.extend(load_actors(path))
    for path in settings.petrarch_agents:
        gaz.extend(load_agents(path))
    return gaz


class ActorsStage(Stage):
    name = "actors"
    requires = ("doc", "sentences")
    assigns = ("mentions",)

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver

    @classmethod
    def from_settings(cls, settings: Settings) -> ActorsStage:
        return cls(ActorResolver(build_gazetteer(settings)))

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.mentions = self.resolver(analysis)
        return analysis
