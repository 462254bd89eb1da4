"""Measure the actors stage on the shared evaluation sets (reads ../shared; never part of the package).

plover-gsr-cameo: for each gold actor with a text, is there a mention overlapping it, does it resolve to the gold
country (organisations count as ``IGO``/``NGO``) and, where gold has one, the gold sector?
petrarch-validation (PETR-UT records, PETR.Validate dictionaries only): share of gold source/target codes that
some mention of the sentence resolves to.

Run: ``.venv/bin/python tools/eval_actors.py [--errors N]``
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date
from pathlib import Path

from dyadwatch.config import Settings
from dyadwatch.pipeline import build_pipeline
from dyadwatch.records import Article

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
STAGES = ("normalise", "parse", "actors")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _norm_country(actor) -> str | None:  # type: ignore[no-untyped-def]
    c = actor.country
    if c is None:
        return None
    if len(c) != 3 or "IGO" in actor.sectors or "NGO" in actor.sectors:
        return "NGO" if "NGO" in actor.sectors else "IGO"
    return c


def plover(errors: int) -> dict[str, float]:
    pipe = build_pipeline(Settings(stages=STAGES))
    counts: Counter[str] = Counter()
    shown = 0
    for line in (SHARED / "plover-gsr-cameo" / "eval.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        golds = [g for g in rec["gold"] if "source_sector" in g]
        if not golds:
            continue
        text = rec["text"]
        a = pipe.analyse(Article.create(text, published=_date(rec.get("date"))))
        for g in golds:
            for side in ("source", "target"):
                gtext, gcode, gsec = g.get(f"{side}_text"), g.get(side), g.get(f"{side}_sector")
                if not gtext or not gcode:
                    continue
                at = text.find(gtext)
                if at < 0:
                    continue
                counts[f"{side}_n"] += 1
                over = [m.actor for m in a.mentions if m.actor.span.start < at + len(gtext) and at < m.actor.span.end]
                if not over:
                    counts[f"{side}_unmatched"] += 1
                    continue
                counts[f"{side}_matched"] += 1
                ok = any(_norm_country(x) == gcode for x in over)
                counts[f"{side}_country_ok"] += ok
                if not ok and shown < errors:
                    shown += 1
                    got = [(x.span.text, x.country, x.rule) for x in over]
                    print(f"  {side} gold={gcode}/{gsec} text={gtext!r} got={got}")
                if gsec and gsec[:3].upper() not in ("***",):
                    counts[f"{side}_sector_n"] += 1
                    counts[f"{side}_sector_ok"] += any(gsec[:3].upper() in x.sectors for x in over)
    out: dict[str, float] = {}
    for side in ("source", "target"):
        n = counts[f"{side}_n"]
        out[f"{side}_country_acc"] = counts[f"{side}_country_ok"] / n if n else 0.0
        out[f"{side}_country_acc_matched"] = counts[f"{side}_country_ok"] / max(counts[f"{side}_matched"], 1)
        out[f"{side}_span_match"] = counts[f"{side}_matched"] / n if n else 0.0
        out[f"{side}_sector_acc_matched"] = counts[f"{side}_sector_ok"] / max(counts[f"{side}_sector_n"], 1)
        out[f"{side}_n"] = n
    return out


def petrarch(errors: int) -> dict[str, float]:
    base = SHARED / "petrarch-validation"
    settings = Settings(
        stages=STAGES, builtin_actors=False,
        petrarch_actors=(base / "PETR.Validate.actors.txt",), petrarch_agents=(base / "PETR.Validate.agents.txt",),
    )  # fmt: skip
    pipe = build_pipeline(settings)
    n = ok = records = both = 0
    shown = 0
    for line in (base / "eval.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        if not rec["id"].startswith("PETR-UT") or not rec["gold"]:
            continue
        a = pipe.analyse(Article.create(rec["text"], published=_date(rec.get("date"))))
        codes = {m.actor.code for m in a.mentions}
        rec_ok = True
        for g in rec["gold"]:
            for side in ("source", "target"):
                code = g.get(side)
                if not code:
                    continue
                n += 1
                hit = code in codes
                ok += hit
                rec_ok &= hit
                if not hit and shown < errors:
                    shown += 1
                    print(f"  {rec['id']} {side} gold={code} got={sorted(c for c in codes if c)} | {rec['text'][:90]}")
        records += 1
        both += rec_ok
    return {"code_share": ok / n if n else 0.0, "codes": n, "records_all_codes": both / records if records else 0.0,
            "records": records}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--only", choices=("plover", "petrarch"))
    args = ap.parse_args()
    if args.only != "petrarch":
        print("plover-gsr-cameo", json.dumps(plover(args.errors), indent=1))
    if args.only != "plover":
        print("petrarch-validation", json.dumps(petrarch(args.errors), indent=1))


if __name__ == "__main__":
    main()
