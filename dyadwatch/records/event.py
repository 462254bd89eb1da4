"""Events: the output contract of dyadwatch (one JSON object per event)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dyadwatch.records.actor import Actor
from dyadwatch.records.span import TextSpan

# Precisions a date can carry; ``published`` means "no date in the text, publication date used".
DATE_PRECISIONS = ("day", "week", "month", "year", "decade", "published", "unknown")


@dataclass(frozen=True, slots=True)
class EventType:
    """The event's type in both ontologies, with the weights users aggregate on."""

    plover: str
    cameo: str
    mode: str | None = None
    context: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    plover_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "plover": self.plover,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover_score": self.plover_score,
        }


@dataclass(frozen=True, slots=True)
class EventDate:
    """When the event happened, as the text says it, with how precisely it says it."""

    value: date | None
    precision: str
    text: str | None = None
    span: TextSpan | None = None
    historical: bool = False
    range_start: date | None = None
    range_end: date | None = None
    rule: str = ""

    def __post_init__(self) -> None:
        if self.precision not in DATE_PRECISIONS:
            raise ValueError(f"unknown date precision {self.precision!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value.isoformat() if self.value else None,
            "precision": self.precision,
            "text": self.text,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
            "range": (
                [self.range_start.isoformat(), self.range_end.isoformat()]
                if self.range_start and self.range_end
                else None
            ),
            "historical": self.historical,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where the event happened, resolved against the offline gazetteer."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_class: str | None = None
    span: TextSpan | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature_class": self.feature_class,
            "text": self.span.text if self.span else None,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    """A stated amount attached to an event: money, casualties, arrests, troops."""

    kind: str  # money | killed | wounded | arrested | troops | count
    value: float | None
    unit: str | None
    span: TextSpan

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "unit": self.unit, "text": self.span.text,
                "start": self.span.start, "end": self.span.end}


@dataclass(frozen=True, slots=True)
class EventLink:
    """This event responds to another event of the same article: the cue words and the sentence that say so."""

    responds_to: str  # event_id of the cause
    cue: str | None = None
    evidence: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "responds_to": self.responds_to,
            "cue": self.cue,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event mention, traceable to the sentence it came from."""

    event_id: str
    article_id: str
    sentence_index: int
    evidence: TextSpan
    source: Actor
    target: Actor | None
    type: EventType
    trigger: TextSpan
    date: EventDate
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    quantities: tuple[Quantity, ...] = ()
    links: tuple[EventLink, ...] = ()
    rule: str = ""
    coder_version: str = ""
    tables: dict[str, str] = field(default_factory=dict)

    @property
    def responds_to(self) -> tuple[str, ...]:
        """Ids of the events this one responds to (cause -> response links found in the text)."""
        return tuple(link.responds_to for link in self.links)

    @property
    def counted(self) -> bool:
        """Whether the event belongs in current counts: real, asserted, and news of the day."""
        return not (self.negated or self.hypothetical or self.date.historical)

    @property
    def unresolved(self) -> bool:
        """No code for the source actor (and maybe no actor at all): kept and shown, but left out of series and
        exports by default, since "someone did X to the USA" says nothing about a dyad."""
        return self.source.country is None

    def to_dict(self) -> dict[str, Any]:
        event = self.type.to_dict()
        event["trigger"] = self.trigger.to_dict()
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "evidence": self.evidence.to_dict(),
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "event": event,
            "date": self.date.to_dict(),
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "unresolved": self.unresolved,
            "confidence": round(self.confidence, 3),
            "quantities": [q.to_dict() for q in self.quantities],
            "responds_to": list(self.responds_to),
            "links": [link.to_dict() for link in self.links],
            "rule": self.rule,
            "coder_version": self.coder_version,
            "tables": dict(self.tables),
        }
