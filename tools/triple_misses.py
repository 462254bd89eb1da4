"""List the (source, target, type) triples of a PLOVER gold set that the pipeline misses, with their miss class.

Why: ``dyadwatch eval`` reports only the counts of each miss class (issue 20 item 6); improving the argument
linking needs the sentences behind them, grouped by class, to find the constructions that fail. Usage::

    PYTHONPATH=$PWD .venv/bin/python tools/triple_misses.py ../shared/eval/plover-gsr-cameo [--only no_target]
        [--json FILE]

It prints, for each miss, the gold entry, the sentence and the events coded there (type, source, target, rule).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from dyadwatch.evaluation.dataset import eval_file, load_records
from dyadwatch.evaluation.plover_eval import triple_outcome
from dyadwatch.evaluation.report import counted, norm_code
from dyadwatch.evaluation.runner import Coder


def _actor(actor: Any) -> str:
    if actor is None:
        return "-"
    return f"{actor.span.text!r}/{actor.country or actor.code or '?'}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", type=Path)
    ap.add_argument("--only", action="append", help="miss class(es) to print (default: all)")
    ap.add_argument("--json", type=Path, help="write the misses here as JSON")
    args = ap.parse_args()
    records = load_records(eval_file(args.directory))
    coder = Coder()
    try:
        preds = coder.code(records)
    finally:
        coder.close()
    misses: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    for record in records:
        live = counted(preds.events.get(record.id, []))
        for entry in record.gold or ():
            if entry.get("ontology") != "PLOVER":
                continue
            if not (norm_code(entry.get("source")) and norm_code(entry.get("target"))):
                continue
            outcome = triple_outcome(entry, live, bool(record.meta.get("reciprocal")))
            counts[outcome] += 1
            if outcome == "hit":
                continue
            misses.append({
                "id": record.id, "miss": outcome, "text": record.text,
                "gold": {k: entry.get(k) for k in ("plover_current", "code", "source", "target")},
                "events": [{"type": e.type.plover, "cameo": e.type.cameo, "source": _actor(e.source),
                            "target": _actor(e.target), "trigger": e.trigger.text, "rule": e.rule}
                           for e in live],
            })
    for miss in misses:
        if args.only and miss["miss"] not in args.only:
            continue
        print(f"== {miss['miss']} {miss['id']} gold={miss['gold']}")
        print("   " + miss["text"].replace("\n", " ")[:600])
        for ev in miss["events"]:
            print(f"   -> {ev['type']}/{ev['cameo']} {ev['source']} -> {ev['target']} [{ev['trigger']}] {ev['rule']}")
    print(dict(counts))
    if args.json:
        args.json.write_text(json.dumps(misses, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
