"""What the coder found for one predicate before it becomes candidates: shared by the coder and its mixins."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dyadwatch.events import modality as mod
from dyadwatch.events.arguments import Arg
from dyadwatch.events.matcher import Match


@dataclass(slots=True)
class Found:
    """An event found in the parse, before it becomes one ``EventCandidate`` per source-target pair."""

    match: Match
    sentence: int
    sources: list[Arg]
    targets: list[Arg]
    nominal: bool
    status: mod.Status
    notes: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.75

    @property
    def cameo(self) -> str:
        return self.match.cameo
