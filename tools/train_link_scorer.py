"""Train the link scorer (``dyadwatch/events/scorer.py`` ``LinkModel``) on a PLOVER gold folder, with k-fold
cross-validation by document, and report its figures beside the rules' own (issue 20 item 4).

Why a script and a data file: the target rules offer candidates and a hand-weighted score picks one; a small
logistic regression over the same readable features (``scorer.FEATURES``) may pick better. Whether it does is
only known held-out: each fold's model is fitted on the other folds' documents (identical texts always share a
fold) and judged on its own, both on the candidate it picks and end to end (the fold's records coded again with
that model: (source, target, type) triple recall and pair recall, as ``dyadwatch eval`` counts them). Usage::

    PYTHONPATH=$PWD .venv/bin/python tools/train_link_scorer.py ../shared/eval/plover-gsr-cameo [--folds 5]
        [--l2 1.0] [--write]

``--write`` writes ``dyadwatch/data/linking/link_scorer.json`` (weights, feature list, training data sha256, CV
figures) and its MANIFEST entry. numpy only.

A training unit is one event whose source matches a gold entry's source, with every candidate target the rules
allowed (``TargetFinder.collect_links``); a candidate is positive when one of its (placed) targets is the gold
target. Units with no positive candidate teach nothing about the choice and are counted, not fitted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dyadwatch.config import Settings
from dyadwatch.evaluation.dataset import EvalRecord, eval_file, file_sha256, load_records
from dyadwatch.evaluation.plover_eval import triple_outcome
from dyadwatch.evaluation.report import actor_country_matches, counted, norm_code
from dyadwatch.events.scorer import (
    FEATURES,
    OWN_SIDE_PENALTY,
    PRONOUN_PENALTY,
    LinkModel,
    model_from,
    vector,
)
from dyadwatch.events.targets import TargetFinder
from dyadwatch.pipeline import build_pipeline
from dyadwatch.records import Article

OUT = Path(__file__).resolve().parents[1] / "dyadwatch" / "data" / "linking"
VERSION = "2026.12.12"


@dataclass(slots=True)
class Unit:
    """One event's choice: its candidates' feature vectors, which are right, and which the rules took."""

    group: int
    x: np.ndarray
    y: np.ndarray
    rules_pick: int


class _Code:
    """A (country, code) pair as ``actor_country_matches`` reads an actor."""

    def __init__(self, country: str, code: str) -> None:
        self.country, self.code = country, code


def gold_pairs(record: EvalRecord) -> list[dict[str, Any]]:
    return [e for e in record.gold or () if e.get("ontology") == "PLOVER"
            and norm_code(e.get("source")) and norm_code(e.get("target"))]


def group_of(record: EvalRecord, folds: int) -> int:
    """The record's fold, by its text: the same sentence in two records is one document."""
    return int(hashlib.sha256(record.text.encode("utf-8")).hexdigest(), 16) % folds


def code_all(pipe: Any, records: Sequence[EvalRecord]) -> dict[str, tuple[list[Any], list[Any]]]:
    """Each record's candidates (with their pools) and assembled events."""
    out: dict[str, tuple[list[Any], list[Any]]] = {}
    for rec in records:
        analysis = pipe.analyse(Article.create(rec.text, id=rec.id, published=rec.date))
        out[rec.id] = (list(analysis.candidates), list(analysis.events))
    return out


def units_of(records: Sequence[EvalRecord], coded: dict[str, tuple[list[Any], list[Any]]],
             folds: int) -> tuple[list[Unit], int]:
    """The training units, and how many events had a matching source but no right candidate."""
    units: list[Unit] = []
    hopeless = 0
    for rec in records:
        entries = gold_pairs(rec)
        if not entries:
            continue
        seen: set[tuple[int, int, int]] = set()
        for cand in coded[rec.id][0]:
            pool = cand.notes.get("link_pool")
            key = (cand.trigger[0], cand.source.span.start, cand.source.span.end)
            if not pool or key in seen:
                continue
            seen.add(key)
            golds = [norm_code(e.get("target")) for e in entries
                     if actor_country_matches(cand.source, norm_code(e.get("source")))]
            if not golds:
                continue
            y = np.array([float(any(actor_country_matches(_Code(c, k), g) for c, k in row["targets"] for g in golds))
                          for row in pool])
            if not y.any():
                hopeless += 1
                continue
            x = np.array([vector(row) for row in pool])
            scores = [row["score"] for row in pool]
            units.append(Unit(group_of(rec, folds), x, y, int(np.argmax(scores))))
    return units, hopeless


def fit(units: Sequence[Unit], l2: float) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method with an L2 penalty (the bias unpenalised)."""
    x = np.vstack([u.x for u in units])
    y = np.concatenate([u.y for u in units])
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def as_model(weights: np.ndarray, bias: float) -> LinkModel:
    return LinkModel(VERSION, FEATURES, tuple(float(v) for v in weights), bias)


OWN, PRONOUN = FEATURES.index("own_side"), FEATURES.index("unplaced_pronoun")


def picked(unit: Unit, weights: np.ndarray, bias: float) -> int:
    """The candidate ``scorer.choose`` links with this model: the most probable, penalties kept (earliest on ties)."""
    probability = 1.0 / (1.0 + np.exp(-np.clip(unit.x @ weights + bias, -30, 30)))
    penalty = OWN_SIDE_PENALTY * unit.x[:, OWN] + PRONOUN_PENALTY * unit.x[:, PRONOUN]
    return int(np.argmax(probability - penalty))


def triples(records: Sequence[EvalRecord], coded: dict[str, tuple[list[Any], list[Any]]]) -> tuple[int, int, int]:
    """(triple hits, pair hits, gold entries) as ``dyadwatch eval`` counts them."""
    hit = pair = total = 0
    for rec in records:
        live = counted(coded[rec.id][1])
        for entry in gold_pairs(rec):
            outcome = triple_outcome(entry, live, bool(rec.meta.get("reciprocal")))
            total += 1
            hit += outcome == "hit"
            pair += outcome in ("hit", "type_wrong")
    return hit, pair, total


def fold_noise(per_fold: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """How far the model's held-out triple recall differs from the rules' on the same folds, and the fold noise.

    The noise is the standard deviation of the per-fold differences (model minus rules, in recall), scaled to the
    whole set (divided by the square root of the number of folds): a difference within it is no evidence
    that either scorer links better. ``switch_on`` is true only when the model's gain exceeds that noise.
    """
    diffs = [(f["model_triples"] - f["rules_triples"]) / max(f["gold_triples"], 1) for f in per_fold]
    total = sum(f["gold_triples"] for f in per_fold)
    gain = sum(f["model_triples"] - f["rules_triples"] for f in per_fold) / max(total, 1)
    noise = float(np.std(diffs, ddof=1) / np.sqrt(len(diffs))) if len(diffs) > 1 else 0.0
    return {"triple_recall_gain": round(gain, 4), "fold_noise": round(noise, 4),
            "switch_on": bool(gain > 0 and gain > noise)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--write", action="store_true", help="write dyadwatch/data/linking/link_scorer.json")
    args = ap.parse_args()
    path = eval_file(args.directory)
    records = load_records(path)
    pipe = build_pipeline(Settings())
    TargetFinder.collect_links = True
    TargetFinder.link_model = None
    coded = code_all(pipe, records)
    units, hopeless = units_of(records, coded, args.folds)
    rules_hit, rules_pair, total = triples(records, coded)
    right_rules = right_model = 0
    cv_hit = cv_pair = 0
    per_fold: list[dict[str, Any]] = []
    TargetFinder.collect_links = False
    for fold in range(args.folds):
        train = [u for u in units if u.group != fold]
        test = [u for u in units if u.group == fold]
        weights, bias = fit(train, args.l2)
        right_rules += sum(int(u.y[u.rules_pick]) for u in test)
        right_model += sum(int(u.y[picked(u, weights, bias)]) for u in test)
        held = [r for r in records if group_of(r, args.folds) == fold]
        rules_fold = triples(held, coded)  # the rules' own figures on the same held-out records
        TargetFinder.link_model = as_model(weights, bias)
        hit, pair, gold = triples(held, code_all(pipe, held))
        cv_hit, cv_pair = cv_hit + hit, cv_pair + pair
        per_fold.append({"gold_triples": gold, "rules_triples": rules_fold[0], "model_triples": hit,
                         "rules_pairs": rules_fold[1], "model_pairs": pair})
    TargetFinder.link_model = None
    weights, bias = fit(units, args.l2)
    choice = {"units": len(units), "units_without_a_right_candidate": hopeless,
              "rules_right": right_rules, "model_right": right_model,
              "rules_accuracy": round(right_rules / max(len(units), 1), 4),
              "model_accuracy": round(right_model / max(len(units), 1), 4)}
    end = {"gold_triples": total,
           "rules_triple_recall": round(rules_hit / total, 4), "model_triple_recall": round(cv_hit / total, 4),
           "rules_pair_recall": round(rules_pair / total, 4), "model_pair_recall": round(cv_pair / total, 4),
           "per_fold": per_fold, **fold_noise(per_fold)}
    data = {
        "version": VERSION,
        "about": "Logistic regression over the link scorer's readable features (dyadwatch/events/scorer.py); "
                 "trained by tools/train_link_scorer.py; cv: held-out figures by document, beside the rules'.",
        "features": list(FEATURES),
        "weights": [round(float(v), 6) for v in weights],
        "bias": round(bias, 6),
        "l2": args.l2,
        "training": {"data": f"{path.parent.name}/{path.name}", "sha256": file_sha256(path), "records": len(records),
                     "units": len(units), "candidates": int(sum(len(u.y) for u in units))},
        "cv": {"folds": args.folds, "grouping": "by sentence text (sha256 mod folds)", "choice": choice,
               "end_to_end": end},
    }
    model_from(data)  # the feature list must load back
    print(json.dumps({"cv": data["cv"], "training": data["training"]}, indent=2))
    if args.write:
        OUT.mkdir(parents=True, exist_ok=True)
        target = OUT / "link_scorer.json"
        target.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        # the folder's other tables keep their entries: only the model's is rewritten
        manifest_path = OUT / "MANIFEST.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
        manifest.setdefault("tables", {})["link_scorer.json"] = {
            "version": VERSION,
            "source": f"fitted by tools/train_link_scorer.py on the PLOVER gold standard records (Open Event Data "
                      f"Alliance / Parus Analytics, 2016) as ../shared/eval/{path.parent.name}/{path.name}, sha256 "
                      f"{data['training']['sha256']}",
            "licence": "CC BY-SA 4.0 (weights derived from the CC BY-SA 4.0 gold records)",
            "generated_by": "tools/train_link_scorer.py",
            "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
        }
        manifest["tables"] = dict(sorted(manifest["tables"].items()))
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
