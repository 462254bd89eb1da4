"""Scoring against the PLOVER gold-standard records (plover-gsr-cameo): types, actors, CAMEO roots.

Pure functions: gold records + predicted events -> metrics, so they are unit-tested with hand-made events
and the pipeline is only needed to produce the predictions.

Scoring is at sentence level (each record is one sentence): the set of PLOVER types we assert (events that
are neither negated nor hypothetical) against the set of gold types. Actor accuracy is asked of the gold
entries: for a gold (type, source, target) entry, does one of our events of that type carry the gold source
country / sector? It is reported over all gold entries ("overall") and over those whose type we found
("on type-correct events"), so a type miss and an actor miss can be told apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from dyadwatch.evaluation.dataset import PLOVER, EvalRecord
from dyadwatch.evaluation.report import (
    MISS_CLASSES,
    EvalReport,
    Metric,
    actor_country_matches,
    actor_sector_matches,
    counted,
    norm_code,
    norm_sector,
    prf,
    share,
    triple_miss,
    uncounted,
)
from dyadwatch.records import Event

DROPPED = "dropped"  # CAMEO2PLOVER's value for CAMEO 01/02 (statements, appeals), which PLOVER does not code


def gold_types(record: EvalRecord) -> set[str]:
    """PLOVER types the record's gold asserts, under current PLOVER names."""
    types: set[str] = set()
    for entry in record.gold or ():
        if entry.get("ontology") == "PLOVER":
            label = entry.get("plover_current") or entry.get("code")
        else:
            label = entry.get("plover_via_cameo2plover")
        if label and label != DROPPED:
            types.add(str(label).upper())
    return types


def has_plover_gold(record: EvalRecord) -> bool:
    """Whether the record says anything in PLOVER terms.

    A CAMEO manual example whose code PLOVER drops (01 statements, 02 appeals) has no PLOVER gold at all: any
    type we predict there is neither right nor wrong in PLOVER terms, so the record is left out of type scoring
    (it still counts for CAMEO root agreement).
    """
    gold = record.gold or []
    return not gold or any(
        e.get("ontology") == "PLOVER" or (e.get("plover_via_cameo2plover") or DROPPED) != DROPPED for e in gold
    )


def gold_cameo_codes(record: EvalRecord) -> set[str]:
    """CAMEO codes the gold gives for the sentence: CAMEO entries, or the linked CAMEO manual example."""
    codes = {str(e["code"]) for e in record.gold or () if e.get("ontology") == "CAMEO" and e.get("code")}
    link = record.meta.get("cameo_link") or {}
    if link.get("code"):
        codes.add(str(link["code"]))
    return codes


def predicted_types(events: Sequence[Event]) -> set[str]:
    return {e.type.plover.upper() for e in counted(events) if e.type.plover}


class _Tally:
    """hits/total counters keyed by metric name."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.total: Counter[str] = Counter()

    def add(self, name: str, hit: bool) -> None:
        self.total[name] += 1
        self.hits[name] += int(hit)

    def metric(self, name: str, label: str, gated: bool = False) -> Metric:
        return Metric(name, share(self.hits[name], self.total[name]), self.total[name], label, gated)


def _actor_checks(record: EvalRecord, entry: dict[str, Any], events: list[Event], tally: _Tally) -> None:
    gtype = str(entry.get("plover_current") or entry.get("code") or "").upper()
    same_type = [e for e in events if e.type.plover.upper() == gtype]
    type_ok = bool(same_type)
    reciprocal = bool(record.meta.get("reciprocal"))

    def roles(event: Event, role: str) -> list[Any]:
        # SRC/TAR markup: CAMEO codes both directions, so either role of our event may carry the actor.
        if reciprocal:
            return [event.source, event.target]
        return [event.source if role == "source" else event.target]

    for role in ("source", "target"):
        gold_country = norm_code(entry.get(role))
        if gold_country:
            hit = any(actor_country_matches(a, gold_country) for e in same_type for a in roles(e, role))
            tally.add(f"{role}_country.overall", hit)
            if type_ok:
                tally.add(f"{role}_country.on_type_correct", hit)
        gold_sector = norm_sector(entry.get(f"{role}_sector"))
        if gold_sector:
            hit = any(actor_sector_matches(a, gold_sector) for e in same_type for a in roles(e, role))
            tally.add(f"{role}_sector.overall", hit)
            if type_ok:
                tally.add(f"{role}_sector.on_type_correct", hit)


def _roles(event: Event, reciprocal: bool) -> list[tuple[Any, Any]]:
    """(source, target) readings of an event: both directions for reciprocal gold (SRC/TAR markup)."""
    pairs = [(event.source, event.target)]
    if reciprocal:
        pairs.append((event.target, event.source))
    return pairs


def triple_outcome(entry: dict[str, Any], events: list[Event], reciprocal: bool) -> str:
    """``hit`` or the miss class of one gold entry that names both a source and a target country.

    Countries are compared as in the actor metrics (``actor_country_matches``); the type is the PLOVER type.
    """
    gtype = str(entry.get("plover_current") or entry.get("code") or "").upper()
    gsrc, gtgt = norm_code(entry.get("source")), norm_code(entry.get("target"))
    return triple_miss(events, lambda e: _roles(e, reciprocal), lambda a: actor_country_matches(a, gsrc),
                       lambda a: actor_country_matches(a, gtgt), lambda e: e.type.plover.upper() == gtype)


def _triple_checks(record: EvalRecord, entry: dict[str, Any], events: list[Event], tally: _Tally,
                   misses: Counter[str]) -> None:
    if not (norm_code(entry.get("source")) and norm_code(entry.get("target"))):
        return  # no gold target (or source): no triple to find
    outcome = triple_outcome(entry, events, bool(record.meta.get("reciprocal")))
    tally.add("triple.recall", outcome == "hit")
    tally.add("pair.recall", outcome in ("hit", "type_wrong"))
    if outcome != "hit":
        misses[outcome] += 1


def score_plover(
    records: Sequence[EvalRecord], predictions: Mapping[str, Sequence[Event]], rejected: int = 0
) -> EvalReport:
    """Score predicted events (by record id; a missing id means no events) against the PLOVER gold."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    tally = _Tally()
    misses: Counter[str] = Counter()
    negated_total = negated_gold_type = 0
    for record in records:
        events = list(predictions.get(record.id, ()))
        live = counted(events)
        gold = gold_types(record)
        pred = predicted_types(events) if has_plover_gold(record) else set()
        for t in pred & gold:
            tp[t] += 1
        for t in pred - gold:
            fp[t] += 1
        for t in gold - pred:
            fn[t] += 1
        for e in uncounted(events):
            negated_total += 1
            negated_gold_type += int(e.type.plover.upper() in gold)
        for entry in record.gold or ():
            if entry.get("ontology") == "PLOVER":
                _actor_checks(record, entry, live, tally)
                _triple_checks(record, entry, live, tally, misses)
        codes = gold_cameo_codes(record)
        roots = {e.type.cameo[:2] for e in live if e.type.cameo}
        exact = {e.type.cameo for e in live if e.type.cameo}
        for code in codes:
            tally.add("cameo_root.agreement", code[:2] in roots)
            tally.add("cameo_code.agreement", code in exact)

    types = sorted(set(tp) | set(fp) | set(fn))
    rows: list[dict[str, Any]] = []
    f1s: list[float] = []
    precisions: list[float] = []
    recalls: list[float] = []
    for t in types:
        p, r, f = prf(tp[t], fp[t], fn[t])
        f1s.append(f)
        precisions.append(p)
        recalls.append(r)
        rows.append({"type": t, "support": tp[t] + fn[t], "predicted": tp[t] + fp[t], "tp": tp[t],
                     "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)})
    mp, mr, mf = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    n_gold = sum(tp.values()) + sum(fn.values())
    n_pred = sum(tp.values()) + sum(fp.values())

    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    metrics = [
        Metric("type.micro.precision", mp, n_pred, "PLOVER type precision (micro)", True),
        Metric("type.micro.recall", mr, n_gold, "PLOVER type recall (micro)", True),
        Metric("type.micro.f1", mf, n_gold, "PLOVER type F1 (micro)", True),
        Metric("type.macro.precision", mean(precisions), len(types), "PLOVER type precision (macro)"),
        Metric("type.macro.recall", mean(recalls), len(types), "PLOVER type recall (macro)"),
        Metric("type.macro.f1", mean(f1s), len(types), "PLOVER type F1 (macro)", True),
        tally.metric("source_country.overall", "source country accuracy (all gold entries)", True),
        tally.metric("source_country.on_type_correct", "source country accuracy (type-correct events)", True),
        tally.metric("target_country.overall", "target country accuracy (all gold entries)", True),
        tally.metric("target_country.on_type_correct", "target country accuracy (type-correct events)"),
        tally.metric("source_sector.overall", "source sector accuracy (all gold entries)", True),
        tally.metric("source_sector.on_type_correct", "source sector accuracy (type-correct events)"),
        tally.metric("target_sector.overall", "target sector accuracy (all gold entries)"),
        tally.metric("target_sector.on_type_correct", "target sector accuracy (type-correct events)"),
        tally.metric("cameo_root.agreement", "CAMEO root agreement (gold CAMEO codes)", True),
        tally.metric("cameo_code.agreement", "CAMEO exact code agreement (gold CAMEO codes)"),
        tally.metric("triple.recall", "(source, target, type) triple recall (gold with both countries)", True),
        tally.metric("pair.recall", "(source, target) pair recall, any type (gold with both countries)"),
    ]
    missed = sum(misses.values())
    breakdown = [{"miss": name, "entries": misses[name],
                  "share_of_misses": round(misses[name] / missed, 4) if missed else None} for name in MISS_CLASSES]
    notes = [
        "type scores are per sentence: the set of PLOVER types we assert vs the gold set (plover_current; "
        "CAMEO-only records via CAMEO2PLOVER, CAMEO 01/02 'dropped' = no type)",
        f"{negated_total} negated/hypothetical events not counted as predictions "
        f"({negated_gold_type} of them have a gold type of their sentence)",
    ]
    if rejected:
        notes.append(f"{rejected} records rejected by the pipeline (scored as no events)")
    notes.append("triple misses: " + ", ".join(f"{name.replace('_', ' ')} {misses[name]}" for name in MISS_CLASSES))
    return EvalReport(PLOVER, len(records), metrics, {"per_type": rows, "triple_misses": breakdown}, notes, rejected)
