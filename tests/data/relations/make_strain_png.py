"""Regenerate docs/img/strain.png, the USA-CHN chart the README shows.

    .venv/bin/python tests/data/relations/make_strain_png.py            # full pipeline (needs ../shared)
    .venv/bin/python tests/data/relations/make_strain_png.py --hand     # the hand-coded test corpus only

With the full pipeline, the cooperation stories of March-September 2024 in corpus.json and the reference
article (../shared/examples/us-china-defence-relations.txt, November 2024) are coded, stored, grouped, and the
monthly USA-CHN series plotted with its alerts. ``--hand`` uses the hand-coded events of corpus.json instead
(its own November stories in place of the reference article).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "tests"))


def coded_with_pipeline() -> list:  # type: ignore[type-arg]
    from test_analytics_e2e import earlier_articles

    from dyadwatch.config import Settings
    from dyadwatch.pipeline import Rejected, build_pipeline
    from dyadwatch.records import Article
    from dyadwatch.store import CodedArticle

    text = (SHARED / "examples" / "us-china-defence-relations.txt").read_text(encoding="utf-8")
    articles = [*earlier_articles(),
                Article.create(text, id="reference", published=date(2024, 11, 21), source="Caliber.Az")]
    out = []
    from dyadwatch.pipeline.registry import STAGES

    stages = []
    for name in Settings().stages:
        try:
            importlib.import_module(STAGES[name].partition(":")[0])
            stages.append(name)
        except ModuleNotFoundError:
            print(f"note: stage {name!r} is not available; coding without it")
    for result in build_pipeline(Settings().with_(stages=tuple(stages))).pipe(articles):
        if isinstance(result, Rejected):
            raise SystemExit(f"article {result.article_id} rejected in {result.stage}: {result.reason}")
        out.append(CodedArticle(result.article, tuple(result.events)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hand", action="store_true", help="use the hand-coded corpus, not the pipeline")
    parser.add_argument("-o", "--output", default=str(REPO / "docs" / "img" / "strain.png"))
    args = parser.parse_args()

    from dyadwatch.analytics import dyad_alerts, dyad_series, update_groups
    from dyadwatch.analytics.plot import plot_dyad
    from dyadwatch.store import open_store

    if args.hand:
        from test_analytics import corpus

        coded = corpus()
        note = "hand-coded test corpus"
    else:
        coded = coded_with_pipeline()
        note = "coded by dyadwatch: test corpus + reference article"
    with open_store(":memory:") as store:
        store.ingest(coded)
        update_groups(store)
        since, until = date(2024, 3, 1), date(2024, 11, 30)
        series = dyad_series(store, "USA", "CHN", by="month", since=since, until=until)
        alerts = dyad_alerts(store, "USA", "CHN", since=since, until=until)
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        plot_dyad(series, args.output, alerts, title=f"USA – CHN relations, March–November 2024 ({note})")
    print(series[["period", "events", "goldstein_mean", "strain"]].to_string(index=False))
    for alert in alerts:
        print("alert:", alert.message())
    print("wrote", args.output)


if __name__ == "__main__":
    main()
