"""Non-events measured: the share of constructed disaster and accident reports coded as conflict, and of political
protest and violence coded with a political type (issue 20, done-when: disasters as conflict <= 0.10, political
snippets with a political type >= 0.70).

Why: held-out news is not ours to read, so the measurement is built from the grammar of disaster, accident and
crime reporting (``tests/strategies/hazard_news.py``): a seeded sample of every structure, coded by the whole
pipeline in this process. Usage::

    PYTHONPATH=$PWD .venv/bin/python tools/nonevent_check.py [--n 400] [--seed 20] [--show]

``--show`` prints every miss: a disaster coded as conflict, a political sentence with no political type, with
the events coded (type, CAMEO, source, target, rule).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from strategies.hazard_news import TEMPLATES, Case, constructed, misses, shares  # noqa: E402

from dyadwatch.config import Settings  # noqa: E402
from dyadwatch.evaluation.report import counted  # noqa: E402
from dyadwatch.pipeline import Analysis, build_pipeline  # noqa: E402
from dyadwatch.records import Article, Event  # noqa: E402


def verdicts(cases: list[Case]) -> list[tuple[Case, list[Event]]]:
    """Each case with the events the whole pipeline asserts for it (negated and hypothetical ones left out)."""
    pipe = build_pipeline(Settings())
    articles = [Article.create(c.text, id=f"case-{n}") for n, c in enumerate(cases)]
    by_id: dict[str, list[Event]] = {}
    for result in pipe.pipe(articles):
        if isinstance(result, Analysis):
            by_id[result.article.id] = counted(result.events)
    return [(c, by_id.get(f"case-{n}", [])) for n, c in enumerate(cases)]


def _event(e: Event) -> str:
    src = e.source.country or e.source.span.text if e.source else "-"
    tgt = (e.target.country or e.target.span.text) if e.target else "-"
    return f"{e.type.plover} {e.type.cameo} {src} -> {tgt} [{e.rule}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4 * len(TEMPLATES), help="cases (every structure in turn)")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--show", action="store_true", help="print every miss with its events")
    args = ap.parse_args()
    results = verdicts(constructed(args.n, args.seed))
    figures = shares(results)
    print(f"cases: {figures['counts']}")
    for key in ("disaster_as_conflict", "crime_as_conflict", "political_typed", "political_as_conflict"):
        value = figures[key]
        print(f"{key:<24} {value:.3f}" if value is not None else f"{key:<24} -")
    if args.show:
        for case, events in misses(results):
            print(f"\n[{case.kind}/{case.structure}] {case.text}")
            for e in events:
                print(f"    {_event(e)}")


if __name__ == "__main__":
    main()
