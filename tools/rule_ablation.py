"""Ablation of narrow linking rules: how often each fires on the shared gold and on unlabelled news, and what
coding loses or gains without it (issue 20, generalisation).

Why: a rule written while reading the gold may fit a handful of its sentences and misfire on unseen news. For each
rule in ``ABLATIONS`` this tool counts the sentences where the rule's helper returned something (its *firings*),
on the PLOVER gold, the PETRARCH unit tests and a JSONL corpus (VOA), then codes everything again with the rule
switched off and reports the gold figures (triple and pair recall, type micro-F1, PETR-UT exact) and every corpus
sentence whose events changed, so each firing can be read and judged against the codebook. Usage::

    PYTHONPATH=$PWD .venv/bin/python tools/rule_ablation.py [--rule NAME ...] [--json FILE]
        [--gold ../shared/eval/plover-gsr-cameo] [--petrarch ../shared/eval/petrarch-validation]
        [--corpus ../shared/corpus/voa/articles.jsonl]

Switching a rule off replaces its helper, in this process only, by the form without the rule (the patched
function is restored afterwards); the pipeline runs in process so the replacement is seen.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.evaluation.dataset import EvalRecord, eval_file, load_records, recase
from dyadwatch.evaluation.petrarch_eval import score_petrarch
from dyadwatch.evaluation.plover_eval import score_plover
from dyadwatch.evaluation.runner import petrarch_settings
from dyadwatch.io.readers import read_articles
from dyadwatch.pipeline import Analysis, build_pipeline
from dyadwatch.records import Article, Event

SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass
class Ablation:
    """A rule: the module attribute holding its helper, the helper without the rule, and when a call fired."""

    module: str
    attribute: str
    without: Callable[[Callable[..., Any]], Callable[..., Any]]
    fired: Callable[[Any, tuple[Any, ...]], bool]
    sentence: Callable[[tuple[Any, ...]], Any]


def _governed_without(original: Callable[..., Any]) -> Callable[..., Any]:
    def governed(verb: Any) -> list[Any]:
        return [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    return governed


def _governed_fired(result: Any, args: tuple[Any, ...]) -> bool:
    return any(a.dep_ != "xcomp" for a in result)


def _uncased_without(original: Callable[..., Any]) -> Callable[..., Any]:
    """``uncased_name`` without its amount check (the number-before-name skip)."""
    def uncased(doc: Any, head: Any, hit_at: Any) -> bool:
        from dyadwatch.actors.units import UNCASED_KEY

        if not doc.user_data.get(UNCASED_KEY) or head.pos_ != "PROPN" or head.ent_type_ or head.i in hit_at:
            return False
        near = [doc[k] for k in (head.i - 1, head.i + 1) if 0 <= k < len(doc)]
        return any(t.pos_ == "PROPN" and not t.ent_type_ and t.i not in hit_at and t.is_title for t in near) \
            and head.is_title
    return uncased


def _uncased_fired(result: Any, args: tuple[Any, ...]) -> bool:
    return not result and _uncased_without(lambda *a: None)(*args)


ABLATIONS: dict[str, Ablation] = {
    "counted_objects": Ablation("dyadwatch.events.syntax", "counted_objects", lambda f: lambda verb: [],
                                lambda r, a: bool(r), lambda a: a[0].sent),
    "_stranded_object": Ablation("dyadwatch.events.syntax", "_stranded_object",
                                 lambda f: lambda token, prep: [], lambda r, a: bool(r), lambda a: a[1].sent),
    "_performing": Ablation("dyadwatch.events.arguments", "_performing", lambda f: lambda participle: False,
                            lambda r, a: bool(r), lambda a: a[0].sent),
    "_governed_acts": Ablation("dyadwatch.events.frames", "_governed_acts", _governed_without, _governed_fired,
                               lambda a: a[0].sent),
    # only uncased text (lower case, ALL CAPS) reaches it: measure with --casing lower
    "units:number-before-name": Ablation("dyadwatch.actors.resolver", "uncased_name", _uncased_without,
                                         _uncased_fired, lambda a: a[1].sent),
    "target:grievance": Ablation("dyadwatch.events.targets:TargetFinder", "_grievance",
                                 lambda f: staticmethod(lambda verb, args: []), lambda r, a: bool(r),
                                 lambda a: a[0].sent),
    "target:shifted": Ablation("dyadwatch.events.targets", "shifted_objects", lambda f: lambda verb, args: [],
                               lambda r, a: bool(r), lambda a: a[0].sent),
    "concessive_targets": Ablation("dyadwatch.events.frames", "concessive_targets",
                                   lambda f: lambda verb, args: [], lambda r, a: bool(r), lambda a: a[0].sent),
    "type_fix": Ablation("dyadwatch.events.coder", "type_fix", lambda f: lambda verb: None,
                         lambda r, a: r is not None, lambda a: a[0].sent),
    "target:own-state": Ablation("dyadwatch.events.linking:Linker", "_own_state_target",
                                 lambda f: lambda self, match, args, sources: None,
                                 lambda r, a: r is not None, lambda a: a[1].token.sent),
    "source-country:target": Ablation("dyadwatch.events.placing:TargetPlacer", "place_source",
                                      lambda f: lambda self, source, targets, sentence: None,
                                      lambda r, a: r is not None,
                                      lambda a: a[0].analysis.sentence_tokens(a[3])),
    "_response_objects": Ablation("dyadwatch.events.targets:TargetFinder", "_response_objects",
                                  lambda f: staticmethod(lambda verb: []), lambda r, a: bool(r),
                                  lambda a: a[0].sent),
}


@contextmanager
def patched(ablation: Ablation, off: bool, firings: set[str] | None) -> Iterator[None]:
    """The rule switched off (``off``), or kept and its firings recorded (sentence texts) into ``firings``."""
    import importlib

    module_name, _, class_name = ablation.module.partition(":")
    owner: Any = importlib.import_module(module_name)
    if class_name:
        owner = getattr(owner, class_name)
    saved = owner.__dict__[ablation.attribute]  # a staticmethod stays one when restored
    original = getattr(owner, ablation.attribute)
    replacement: Any
    if off:
        replacement = ablation.without(original)
    else:
        def recording(*args: Any) -> Any:
            result = original(*args)
            if firings is not None and ablation.fired(result, args):
                shown = [_shown(t) for t in result] if isinstance(result, list) else _shown(result)
                firings.add(f"{str(ablation.sentence(args)).strip()}  => {shown}")
            return result
        replacement = staticmethod(recording) if isinstance(saved, staticmethod) else recording
    setattr(owner, ablation.attribute, replacement)
    try:
        yield
    finally:
        setattr(owner, ablation.attribute, saved)


def _shown(item: Any) -> Any:
    """A firing's result for reading: a token's text, an argument's actor text and country."""
    actor = getattr(item, "actor", None)
    if actor is not None:
        return f"{actor.span.text}/{actor.country}"
    return getattr(item, "text", item)


def code(articles: list[Article], settings: Settings) -> dict[str, list[Event]]:
    """Events per article id, coded in this process (so a patched helper is the one used)."""
    pipe = build_pipeline(settings)
    out: dict[str, list[Event]] = {}
    for result in pipe.pipe(articles):
        if isinstance(result, Analysis):
            out[result.article.id] = list(result.events)
    return out


def _articles(records: list[EvalRecord], casing: str) -> list[Article]:
    return [Article.create(recase(r.text, casing), id=r.id, published=r.date) for r in records]


def _signature(event: Event) -> tuple[Any, ...]:
    return (event.sentence_index, event.type.cameo, event.source.span.text if event.source else None,
            event.source.country if event.source else None, event.target.span.text if event.target else None,
            event.target.country if event.target else None, event.rule)


def _signatures(events: list[Event]) -> list[tuple[Any, ...]]:
    return sorted(map(_signature, events), key=str)


def run(args: argparse.Namespace, off: bool, ablation: Ablation | None) -> dict[str, Any]:
    """Gold metrics, PETR-UT exact, corpus events and firings with the rule kept or switched off."""
    firings: dict[str, set[str]] = {"gold": set(), "petr": set(), "corpus": set()}
    gold = load_records(eval_file(args.gold))
    petr = [r for r in load_records(eval_file(args.petrarch)) if r.id.startswith("PETR-UT:")]
    corpus = [Article.create(recase(a.text, args.casing), id=a.id, published=a.published)
              for a in read_articles(str(args.corpus)) if isinstance(a, Article)]
    extra = _articles(load_records(eval_file(args.extra), args.extra_limit), args.casing) if args.extra else []
    firings["extra"] = set()
    out: dict[str, Any] = {}
    petr_settings = petrarch_settings(eval_file(args.petrarch).parent, Settings())
    for name, arts, settings in (("extra", extra, Settings()), ("gold", _articles(gold, args.casing), Settings()),
                                 ("petr", _articles(petr, args.casing), petr_settings),
                                 ("corpus", corpus, Settings())):
        if ablation is None:
            events = code(arts, settings)
        else:
            with patched(ablation, off, firings[name]):
                events = code(arts, settings)
        out[name] = events
    report = score_plover(gold, out["gold"], 0)
    metrics = report.values()
    petr_report = score_petrarch(petr, out["petr"], 0)
    petr_metrics = petr_report.values()
    corpus_events = {aid: sorted(map(_signature, evs), key=str) for aid, evs in out["corpus"].items()}
    return {"triple": metrics.get("triple.recall"), "pair": metrics.get("pair.recall"),
            "type_micro_f1": metrics.get("type.micro.f1"), "petr_ut_exact": petr_metrics.get("ut.event_exact"),
            "firings": {k: sorted(v) for k, v in firings.items()}, "corpus_events": corpus_events,
            "corpus_full": out["corpus"], "gold_full": out["gold"], "extra": out["extra"]}


def _sentence(events: list[Event], index: int) -> str:
    for ev in events:
        if ev.sentence_index == index:
            return ev.evidence.text if ev.evidence else ""
    return ""


def changed(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Corpus sentences whose events differ, with the events on each side."""
    out = []
    for aid, evs in before["corpus_events"].items():
        other = after["corpus_events"].get(aid, [])
        indices = {e[0] for e in evs} | {e[0] for e in other}
        for idx in sorted(indices):
            kept = [e[1:] for e in evs if e[0] == idx]
            dropped = [e[1:] for e in other if e[0] == idx]
            if kept != dropped:
                text = (_sentence(before["corpus_full"].get(aid, []), idx)
                        or _sentence(after["corpus_full"].get(aid, []), idx))
                out.append({"article": aid, "sentence": idx, "text": text, "with_rule": kept,
                            "without_rule": dropped})
    return out


def rule_census(events: dict[str, list[Event]]) -> Counter[str]:
    """How many events carry each rule suffix (``|target:control``), line numbers dropped."""
    counts: Counter[str] = Counter()
    for evs in events.values():
        for ev in evs:
            for part in ev.rule.split("|")[1:]:
                counts[part.split("@")[0]] += 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rule", action="append", choices=sorted(ABLATIONS), help="rule(s) to ablate (default: all)")
    ap.add_argument("--gold", type=Path, default=SHARED / "eval" / "plover-gsr-cameo")
    ap.add_argument("--petrarch", type=Path, default=SHARED / "eval" / "petrarch-validation")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "voa" / "articles.jsonl")
    ap.add_argument("--census", action="store_true", help="print how many gold and corpus events carry each "
                    "rule suffix (to find rules that fire on a handful of gold items)")
    ap.add_argument("--casing", choices=("as-is", "lower", "upper"), default="as-is",
                    help="re-case every text first (the units rule fires on uncased text only)")
    ap.add_argument("--extra", type=Path, help="a gold folder whose texts serve as more unlabelled news "
                    "(firings and changed events only; its gold is not read), e.g. ../shared/eval/event-location")
    ap.add_argument("--extra-limit", type=int, default=2000, help="records of --extra to code")
    ap.add_argument("--json", type=Path, help="write the results here")
    args = ap.parse_args()
    results: dict[str, Any] = {}
    base = run(args, off=False, ablation=None)
    print(f"baseline: triple {base['triple']:.3f} pair {base['pair']:.3f} type micro-F1 "
          f"{base['type_micro_f1']:.3f} PETR-UT exact {base['petr_ut_exact']:.3f}")
    if args.census:
        gold_counts = rule_census(base["gold_full"])
        corpus_counts = rule_census(base["corpus_full"])
        for part in sorted(set(gold_counts) | set(corpus_counts)):
            print(f"  {part:<50} gold-events {gold_counts[part]:>4}  corpus-events {corpus_counts[part]:>4}")
    for name in args.rule or sorted(ABLATIONS):
        kept = run(args, off=False, ablation=ABLATIONS[name])
        cut = run(args, off=True, ablation=ABLATIONS[name])
        diff = changed(kept, cut)
        extra_changed = sum(1 for aid, evs in kept["extra"].items()
                            if _signatures(evs) != _signatures(cut["extra"].get(aid, [])))
        results[name] = {
            "firings": {k: len(v) for k, v in kept["firings"].items()},
            "corpus_firings": kept["firings"]["corpus"],
            "kept": {k: kept[k] for k in ("triple", "pair", "type_micro_f1", "petr_ut_exact")},
            "cut": {k: cut[k] for k in ("triple", "pair", "type_micro_f1", "petr_ut_exact")},
            "corpus_changes": diff,
            "extra_firings": kept["firings"]["extra"], "extra_changed": extra_changed,
        }
        print(f"\n== {name}: fires on gold {len(kept['firings']['gold'])}, PETR-UT {len(kept['firings']['petr'])}, "
              f"corpus {len(kept['firings']['corpus'])} sentences, extra {len(kept['firings']['extra'])} "
              f"(events changed in {extra_changed})")
        print("   kept: " + ", ".join(f"{k} {v:.3f}" for k, v in results[name]["kept"].items()))
        print("   cut:  " + ", ".join(f"{k} {v:.3f}" for k, v in results[name]["cut"].items()))
        for sent in kept["firings"]["corpus"]:
            print(f"   fired: {sent[:300]}")
        for sent in kept["firings"]["extra"]:
            print(f"   fired (extra): {sent[:300]}")
        for change in diff:
            print(f"   changed {change['article']}#{change['sentence']}: {change['text'][:300]}")
            print(f"      with:    {change['with_rule']}")
            print(f"      without: {change['without_rule']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
