"""The ``agents`` stage: implicit agents of agentless authority acts (see ``dyadwatch.actors.implicit``).

It runs after ``places`` because the place an act happened in names whose authorities did it ("were arrested in
Srinagar": India's police), before that the article's context; and the place of an act of violence with no doer
names whose unidentified actor did it (``dyadwatch.actors.unidentified``), and whose local attackers, police,
crowds and rebels with no state word they are (``dyadwatch.actors.placed``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.actors.agentless import drop_thing_sources
from dyadwatch.actors.implicit import fill_implicit_agents
from dyadwatch.actors.placed import fill_placed_actors, fill_region_words
from dyadwatch.actors.unidentified import fill_unidentified_agents
from dyadwatch.pipeline.stage import Stage

if TYPE_CHECKING:
    from dyadwatch.config import Settings
    from dyadwatch.document.analysis import Analysis


class AgentsStage(Stage):
    """Fills the source of "five activists were arrested" with the police of the place's or context's country."""

    name = "agents"
    requires = ("candidates",)
    assigns = ("candidate_agents",)

    @classmethod
    def from_settings(cls, settings: Settings) -> AgentsStage:
        return cls()

    def __call__(self, analysis: Analysis) -> Analysis:
        fill_implicit_agents(analysis)
        fill_unidentified_agents(analysis)  # after the named and implied doers: only what is left
        fill_region_words(analysis)  # "the Zanzibar Police Force": a place inside one state in the actor's words
        fill_placed_actors(analysis)  # "gunmen", "the police" with no state: the state of the act's place
        drop_thing_sources(analysis)
        return analysis
