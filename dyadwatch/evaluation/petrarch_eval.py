"""Scoring against the PETRARCH validation records (petrarch-validation): CAMEO codes and actor codes.

The set mixes three things that must not be averaged together: the PETRARCH unit tests (PETR-UT, stylised
sentences with fictional actors, coded with the PETR.Validate dictionaries), the PETR-2 validation records
(PETR2-GSR), and within those the real news sentences (categories AFP/GOLD/TEST), the only real-text check.
Each group gets its own numbers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from dyadwatch.evaluation.dataset import PETRARCH, EvalRecord
from dyadwatch.evaluation.report import (
    MISS_CLASSES,
    EvalReport,
    Metric,
    actor_country_matches,
    counted,
    norm_code,
    share,
    triple_miss,
    uncounted,
)
from dyadwatch.records import Event

NEWS_CATEGORIES = frozenset({"AFP", "GOLD", "TEST"})
# group key -> the name reports give it
GROUPS = {"ut": "PETR-UT", "gsr": "PETR2-GSR", "gsr_news": "PETR2-GSR news"}


def record_groups(record: EvalRecord) -> list[str]:
    if record.id.startswith("PETR-UT:"):
        return ["ut"]
    if record.id.startswith("PETR2-GSR:"):
        news = str(record.meta.get("category", "")).upper() in NEWS_CATEGORIES
        return ["gsr", "gsr_news"] if news else ["gsr"]
    return []


def actor_code_matches(actor: Any, gold: str) -> bool:
    """Exact CAMEO actor code (``USAGOV`` == ``USAGOV``)."""
    return actor is not None and norm_code(getattr(actor, "code", None)) == gold


def _entry_checks(entry: dict[str, Any], events: list[Event], group: str, hits: Counter[str],
                  totals: Counter[str], misses: Counter[str]) -> bool:
    """Tally one gold entry; returns whether its CAMEO root was found."""

    def add(name: str, hit: bool) -> None:
        totals[f"{group}.{name}"] += 1
        hits[f"{group}.{name}"] += int(hit)

    code = str(entry.get("code") or "")
    same_root = [e for e in events if e.type.cameo and e.type.cameo[:2] == code[:2]]
    root_ok = bool(same_root)
    if not entry.get("in_cameo_codebook"):
        # Synthetic test codes (901-915, ...) that no CAMEO coder can emit: not scored, actors neither.
        return root_ok
    add("cameo_root", root_ok)
    add("cameo_exact", any(e.type.cameo == code for e in events))
    # the whole expected event: its code with its source and target codes, as PETRARCH's own tests check it
    wanted = {role: norm_code(entry.get(role)) for role in ("source", "target")}
    add("event_exact", any(e.type.cameo == code and all(not gold or actor_code_matches(getattr(e, role), gold)
                                                        for role, gold in wanted.items()) for e in events))
    if wanted["source"] and wanted["target"] and not wanted["source"].startswith("---") \
            and not wanted["target"].startswith("---"):
        # where a missed (source, target, code) went: the same breakdown as the PLOVER gold's triple recall
        outcome = triple_miss(events, lambda e: [(e.source, e.target)],
                              lambda a: actor_code_matches(a, wanted["source"]),
                              lambda a: actor_code_matches(a, wanted["target"]), lambda e: e.type.cameo == code)
        add("pair_exact", outcome in ("hit", "type_wrong"))
        if outcome != "hit":
            misses[f"{group}:{outcome}"] += 1
    for role in ("source", "target"):
        gold = norm_code(entry.get(role))
        if not gold:
            continue
        code_hit = any(actor_code_matches(getattr(e, role), gold) for e in same_root)
        add(f"{role}_code.overall", code_hit)
        if root_ok:
            add(f"{role}_code.on_root_correct", code_hit)
        if gold.startswith("---"):  # "unknown country" + agent: only the exact code can be compared
            continue
        country_hit = any(actor_country_matches(getattr(e, role), gold) for e in same_root)
        add(f"{role}_country.overall", country_hit)
        if root_ok:
            add(f"{role}_country.on_root_correct", country_hit)
    return root_ok


def score_petrarch(
    records: Sequence[EvalRecord], predictions: Mapping[str, Sequence[Event]], rejected: int = 0
) -> EvalReport:
    """Score predicted events (by record id; missing = no events) against the PETRARCH expected codings."""
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    negated = excluded = 0
    for record in records:
        events = list(predictions.get(record.id, ()))
        live = counted(events)
        negated += len(uncounted(events))
        roots = {e.type.cameo[:2] for e in live if e.type.cameo}
        gold_roots = {str(g.get("code") or "")[:2] for g in record.gold or ()}
        category = f"{record.id.split(':', 1)[0]}/{record.meta.get('category', '?')}"
        if record.meta.get("in_include_list") is False:
            excluded += 1  # PETRARCH's own <Include> list leaves these categories out
            continue
        for group in record_groups(record):
            if record.gold == []:
                totals[f"{group}.noevent_correct"] += 1
                hits[f"{group}.noevent_correct"] += int(not live)
            for entry in record.gold or ():
                found = _entry_checks(entry, live, group, hits, totals, misses)
                if group in ("ut", "gsr") and entry.get("in_cameo_codebook"):
                    by_category[category]["gold"] += 1
                    by_category[category]["root_found"] += int(found)
            if record.gold:
                # Over-generation: our events whose CAMEO root no gold entry of the sentence has.
                for e in live:
                    if e.type.cameo:
                        totals[f"{group}.cameo_root_precision"] += 1
                        hits[f"{group}.cameo_root_precision"] += int(e.type.cameo[:2] in gold_roots)
        if record.gold == []:
            by_category[category]["noevent"] += 1
            by_category[category]["noevent_ok"] += int(not live)
        by_category[category]["records"] += 1
        by_category[category]["with_events"] += int(bool(roots))

    def metric(name: str, label: str, gated: bool = False) -> Metric:
        return Metric(name, share(hits[name], totals[name]), totals[name], label, gated)

    metrics: list[Metric] = []
    for key, title in GROUPS.items():
        gate = key != "gsr_news"  # 39 sentences: reported, too small to hold a floor against noise
        metrics += [
            metric(f"{key}.cameo_root", f"{title}: CAMEO root agreement", True),
            metric(f"{key}.cameo_exact", f"{title}: CAMEO exact code agreement", gate),
            metric(f"{key}.event_exact", f"{title}: (source, target, code) reproduced exactly", key == "ut"),
            metric(f"{key}.pair_exact", f"{title}: (source, target) codes reproduced, any code"),
            metric(f"{key}.cameo_root_precision", f"{title}: our events with a gold root"),
            metric(f"{key}.source_country.overall", f"{title}: source country match (all gold)", gate),
            metric(f"{key}.source_country.on_root_correct", f"{title}: source country match (root-correct)"),
            metric(f"{key}.source_code.overall", f"{title}: source code exact (all gold)"),
            metric(f"{key}.target_country.overall", f"{title}: target country match (all gold)", gate),
            metric(f"{key}.target_country.on_root_correct", f"{title}: target country match (root-correct)"),
            metric(f"{key}.target_code.overall", f"{title}: target code exact (all gold)"),
            metric(f"{key}.noevent_correct", f"{title}: no-event records left empty", gate),
        ]
    rows = [
        {
            "category": cat,
            "records": c["records"],
            "gold_in_codebook": c["gold"],
            "root_found": c["root_found"],
            "root_agreement": round(c["root_found"] / c["gold"], 4) if c["gold"] else None,
            "noevent_ok": f"{c['noevent_ok']}/{c['noevent']}" if c["noevent"] else "",
        }
        for cat, c in sorted(by_category.items())
    ]
    breakdown = [{"group": GROUPS[key], **{name: misses[f"{key}:{name}"] for name in MISS_CLASSES}}
                 for key in GROUPS]
    notes = [f"{negated} negated/hypothetical events not counted as predictions"]
    if excluded:
        notes.append(f"{excluded} records outside the file's <Include> list not scored")
    if rejected:
        notes.append(f"{rejected} records rejected by the pipeline (scored as no events)")
    return EvalReport(PETRARCH, len(records), metrics, {"per_category": rows, "triple_misses": breakdown}, notes,
                      rejected)
