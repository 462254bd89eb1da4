"""The result of one evaluation: flat, named metrics (what the gate pins) plus tables for people to read.

Why flat dotted names: the baseline file keys floors by ``dataset -> metric name``, so a metric keeps its name
across versions and a renamed metric shows up as a missing floor instead of silently passing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dyadwatch.records import Event


@dataclass(frozen=True, slots=True)
class Metric:
    """One number: its value (``None`` when nothing could be counted), the count it is a share of, and
    whether the quality gate keeps a floor for it."""

    name: str
    value: float | None
    n: int
    label: str
    gated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "n": self.n, "label": self.label, "gated": self.gated}


@dataclass(slots=True)
class EvalReport:
    """Everything one ``dyadwatch eval DIR`` run measured."""

    dataset: str
    records: int
    metrics: list[Metric] = field(default_factory=list)
    # Named tables (e.g. "per_type"): lists of row dicts with the same keys, rendered as they are.
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    rejected: int = 0
    sha256: str | None = None
    seconds: float | None = None

    def metric(self, name: str) -> Metric | None:
        return next((m for m in self.metrics if m.name == name), None)

    def values(self, gated_only: bool = False) -> dict[str, float]:
        return {m.name: m.value for m in self.metrics if m.value is not None and (m.gated or not gated_only)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "records": self.records,
            "sha256": self.sha256,
            "rejected": self.rejected,
            "seconds": round(self.seconds, 2) if self.seconds is not None else None,
            "metrics": {m.name: m.to_dict() for m in self.metrics},
            "tables": self.tables,
            "notes": self.notes,
        }


def share(hits: int, total: int) -> float | None:
    """``hits / total``, or ``None`` when there is nothing to count (never a misleading 0 or 1)."""
    return hits / total if total else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty denominator counts as 0 (nothing predicted is no precision)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def counted(events: Iterable[Event]) -> list[Event]:
    """Events that assert something happened: negated and hypothetical ones are not predictions of a type.

    Historical events still count here: gold sentences code what they say, whenever it happened.
    """
    return [e for e in events if not (e.negated or e.hypothetical)]


def uncounted(events: Iterable[Event]) -> list[Event]:
    return [e for e in events if e.negated or e.hypothetical]


def norm_code(code: Any) -> str:
    return str(code).strip().upper() if code else ""


def norm_sector(sector: Any) -> str:
    """``CVLalb`` -> ``CVL``: CAMEO appends lower-case ethnic/religious codes; ``***`` means unspecified."""
    text = str(sector or "").strip()
    head = text[:3].upper()
    return "" if not head or "*" in head or "-" in head else head


def actor_country_matches(actor: Any, gold: str) -> bool:
    """Whether a predicted actor is the gold country/organisation.

    The gold may be ISO alpha-3 (``USA``), a CAMEO organisation code (``IGO``, ``NGO``) or a CAMEO actor
    code with agents (``USAGOV``); the actor's ``country`` or the head of its CAMEO ``code`` must equal the
    gold's country part.
    """
    if actor is None or not gold:
        return False
    head = gold[:3]
    if head == "---":
        return False
    country = norm_code(getattr(actor, "country", None))
    code = norm_code(getattr(actor, "code", None))
    return country == head or code[:3] == head or (len(gold) > 3 and code == gold)


def actor_sector_matches(actor: Any, gold_sector: str) -> bool:
    if actor is None or not gold_sector:
        return False
    sectors = {norm_sector(s) for s in getattr(actor, "sectors", ()) or ()}
    return gold_sector in sectors


# Why a gold (source, target, type) triple was missed, in the order tried (issue 20 item 6): nothing coded in the
# sentence; the pair found under another type; the source found with no placed party as target; the source found
# with another party as target; the source not found at all.
MISS_CLASSES = ("no_event", "type_wrong", "no_target", "other_target", "source_lost")


def triple_miss(events: Sequence[Any], readings: Callable[[Any], list[tuple[Any, Any]]],
                source_ok: Callable[[Any], bool], target_ok: Callable[[Any], bool],
                type_ok: Callable[[Any], bool]) -> str:
    """``hit`` or the miss class of one gold triple against the events of its sentence.

    ``readings`` gives an event's (source, target) readings (both directions for reciprocal gold); the three
    predicates say whether an actor is the gold source / target and whether an event has the gold type.
    """
    def pair_ok(event: Any) -> bool:
        return any(source_ok(s) and target_ok(t) for s, t in readings(event))

    if any(pair_ok(e) and type_ok(e) for e in events):
        return "hit"
    if not events:
        return "no_event"
    if any(pair_ok(e) for e in events):
        return "type_wrong"
    with_source = [t for e in events for s, t in readings(e) if source_ok(s)]
    if with_source:
        placed = [t for t in with_source if t is not None and (getattr(t, "country", None) or getattr(t, "code", None))]
        return "other_target" if placed else "no_target"
    return "source_lost"
