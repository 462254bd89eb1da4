"""The actors stage: every actor-like noun phrase of the article, resolved as of its publication date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.actors.discards import Discards, builtin_discards
from dyadwatch.actors.petrarch import load_actors, load_agents
from dyadwatch.actors.resolver import ActorResolver
from dyadwatch.actors.tables import Gazetteer, builtin_gazetteer, load_tables
from dyadwatch.document.analysis import Analysis
from dyadwatch.document.doccache import token_strings
from dyadwatch.pipeline.stage import Stage

if TYPE_CHECKING:
    from dyadwatch.config import Settings


def build_gazetteer(settings: Settings) -> Gazetteer:
    """Built-in tables (unless switched off), then the user's tables and PETRARCH dictionaries on top.

    A user's PETRARCH dictionary takes the place of the built-in Phoenix base layer (the same kind of dictionary):
    coding with one's own CAMEO dictionary must give that dictionary's actors, not Phoenix's as well.
    """
    if settings.builtin_actors and not (settings.actor_tables or settings.petrarch_actors or settings.petrarch_agents):
        return builtin_gazetteer(settings.base_actors)  # shared, read-only: the resolver never adds to it
    gaz = Gazetteer()
    if settings.builtin_actors:
        own_dictionary = bool(settings.petrarch_actors or settings.petrarch_agents)
        gaz.extend(builtin_gazetteer(settings.base_actors and not own_dictionary))
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

    def __init__(self, resolver: ActorResolver, discards: Discards | None = None) -> None:
        self.resolver = resolver
        self.discards = discards

    @classmethod
    def from_settings(cls, settings: Settings) -> ActorsStage:
        discards = builtin_discards() if settings.discards and settings.builtin_actors else None
        return cls(ActorResolver(build_gazetteer(settings)), discards)

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.mentions = self.resolver(analysis)
        if self.discards is not None and analysis.doc is not None:
            # Sports, entertainment and the like: those sentences give no events (the events stage skips them);
            # their mentions stay, so pronouns later in the article still find their antecedents.
            hits = self.discards.find(token_strings(analysis.doc).lower)
            if any(d.story for _, d in hits):
                analysis.warnings.append("discarded: a story-level discard phrase (sports or entertainment)")
                analysis.discarded = set(range(len(analysis.sentences)))
            else:
                analysis.discarded = {analysis.sentence_of(i) for i, _ in hits}
        return analysis
