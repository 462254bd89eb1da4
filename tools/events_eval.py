"""Score the events stage alone (normalise -> parse -> actors -> events) on the shared gold sets.

Why not only ``dyadwatch eval``: that needs every stage; this isolates the event coder, uses the same scoring
functions (``dyadwatch.evaluation``) and adds the error analysis the lexicon work needs (confusions, misses,
false alarms by type). Usage::

    .venv/bin/python tools/events_eval.py [--shared ../shared] [--errors N] [--dump FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.evaluation.dataset import load_records
from dyadwatch.evaluation.petrarch_eval import score_petrarch
from dyadwatch.evaluation.plover_eval import gold_cameo_codes, gold_types, score_plover
from dyadwatch.evaluation.runner import petrarch_settings
from dyadwatch.pipeline import build_pipeline
from dyadwatch.records import Article, Event, EventDate, TextSpan

STAGES = ("normalise", "parse", "actors", "events")


def as_events(analysis: Any) -> list[Event]:
    """Candidates as ``Event`` records (no date/place: those are other stages'), for the shared scorers."""
    out = []
    for i, c in enumerate(analysis.candidates):
        trig = analysis.span(*c.trigger)
        out.append(
            Event(
                event_id=str(i),
                article_id=analysis.article.id,
                sentence_index=c.sentence_index,
                evidence=TextSpan(0, 0, ""),
                source=c.source,
                target=c.target,
                type=c.type,
                trigger=trig,
                date=EventDate(None, "unknown"),
                negated=c.negated,
                hypothetical=c.hypothetical,
                confidence=c.confidence,
                rule=c.rule,
            )
        )
    return out


def run(records: list[Any], settings: Settings) -> dict[str, list[Event]]:
    pipe = build_pipeline(settings.with_(stages=STAGES))
    preds: dict[str, list[Event]] = {}
    for r in records:
        analysis = pipe.analyse(Article.create(r.text, id=r.id, published=r.date))
        preds[r.id] = as_events(analysis)
    return preds


def show(report: Any) -> None:
    for m in report.metrics:
        value = "n/a" if m.value is None else f"{m.value:.3f}"
        print(f"  {m.label:<60} {value}  (n={m.n})")
    for name, rows in report.tables.items():
        if name == "per_type":
            print("  type            sup  pred   P      R      F1")
            for row in rows:
                print(
                    f"  {row['type']:<14} {row['support']:>4} {row['predicted']:>5}  {row['precision']:.2f}  "
                    f"{row['recall']:.2f}  {row['f1']:.2f}"
                )


def scored_records(records: list[Any]) -> list[Any]:
    """Records that carry a PLOVER type: CAMEO 01/02 manual examples (``plover_via_cameo2plover == "dropped"``)
    have none, so any type we assert there would count as a false positive although the ontology is right."""
    out = []
    for r in records:
        entries = r.gold or ()
        if entries and all(e.get("plover_via_cameo2plover") == "dropped" and e.get("ontology") != "PLOVER"
                           for e in entries):
            continue
        out.append(r)
    return out


def plover_errors(records: list[Any], preds: dict[str, list[Event]], n: int) -> None:
    """Misses and false alarms grouped by type, with the trigger and code that caused each false alarm."""
    misses: dict[str, list[str]] = {}
    alarms: dict[str, list[str]] = {}
    for r in records:
        gold = gold_types(r)
        live = [e for e in preds[r.id] if not (e.negated or e.hypothetical)]
        pred = {e.type.plover for e in live}
        codes = sorted(gold_cameo_codes(r))
        ours = [(e.type.cameo, e.trigger.text) for e in live]
        for g in sorted(gold - pred):
            misses.setdefault(g, []).append(f"{r.id} codes={codes} ours={ours} :: {r.text[:150]}")
        for x in sorted(pred - gold):
            trig = [(e.type.cameo, e.trigger.text, e.rule.split("@")[0]) for e in live if e.type.plover == x]
            alarms.setdefault(x, []).append(f"{r.id} gold={sorted(gold)} {trig} :: {r.text[:150]}")
    for title, table in (("MISSED", misses), ("FALSE ALARM", alarms)):
        for t, rows in sorted(table.items(), key=lambda kv: -len(kv[1])):
            print(f"  == {title} {t} ({len(rows)})")
            for line in rows[:n]:
                print("    " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--errors", type=int, default=0, help="print this many misclassified records")
    parser.add_argument("--dump", type=Path, help="write per-record predictions as JSONL")
    args = parser.parse_args()
    base = Settings()

    plover_records = load_records(args.shared / "eval" / "plover-gsr-cameo" / "eval.jsonl")
    preds = run(plover_records, base)
    print("plover-gsr-cameo (PLOVER types without the CAMEO 01/02 examples; CAMEO roots over all records)")
    typed = scored_records(plover_records)
    show(score_plover(typed, preds))
    root = next(m for m in score_plover(plover_records, preds).metrics if m.name == "cameo_root.agreement")
    print(f"  CAMEO root agreement, all records                            {root.value:.3f}  (n={root.n})")
    if args.errors:
        plover_errors(typed, preds, args.errors)

    pdir = args.shared / "eval" / "petrarch-validation"
    petr = load_records(pdir / "eval.jsonl")
    ut = [r for r in petr if r.id.startswith("PETR-UT:")]
    rest = [r for r in petr if not r.id.startswith("PETR-UT:")]
    ppreds = run(rest, base)
    ppreds.update(run(ut, petrarch_settings(pdir, base)))
    print("petrarch-validation")
    show(score_petrarch(petr, ppreds))
    if args.errors:
        for r in rest:
            gold = {g["code"] for g in r.gold or ()}
            ours = {e.type.cameo for e in ppreds[r.id] if not (e.negated or e.hypothetical)}
            if {c[:2] for c in gold} - {c[:2] for c in ours}:
                print(f"  {r.id}: gold={sorted(gold)} ours={sorted(ours)} :: {r.text[:160]}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as handle:
            for rid, events in {**preds, **ppreds}.items():
                handle.write(json.dumps({"id": rid, "events": [e.to_dict() for e in events]}) + "\n")


if __name__ == "__main__":
    main()
