"""Actors as resolved from the text: who the words name, and why we think so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dyadwatch.records.span import TextSpan


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor mention.

    ``country`` is an ISO 3166 alpha-3 code, or a CAMEO/PLOVER organisation code (``IGO``-style codes such as
    ``NATO``) for actors that belong to no single state; ``None`` when the text does not say (never a guess).
    ``rule`` names the resolution rule that fired, so a user can see why.

    ``kind`` says what the span is: ``actor`` (a party), or, for a target that is not a party, ``event`` (an act
    the source acts upon: "condemned the bombing") or ``thing`` (a decision, statement, report, policy: "refuted
    the comments"). Such targets keep their span and have no country: the event is not lost, and no dyad is
    guessed. Older readers that ignore ``kind`` see an actor without a country, as before.
    """

    span: TextSpan
    name: str | None = None
    country: str | None = None
    sectors: tuple[str, ...] = ()
    code: str | None = None
    rule: str = "unresolved"
    entity: str | None = None  # key shared by all mentions of the same real-world actor in an article
    kind: str = "actor"  # "actor" | "event" | "thing" (see the class docstring)
    # The mention that gave the country when the actor's own words did not (rules ``context-country`` and
    # ``implicit-agent``): the dateline, or the place or country named nearby.
    evidence: TextSpan | None = None

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "sectors": list(self.sectors),
            "code": self.code,
            "rule": self.rule,
            "kind": self.kind,
            **({"evidence": self.evidence.to_dict()} if self.evidence is not None else {}),
        }
