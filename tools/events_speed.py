"""Time the events stage against spaCy's parse on real articles (the issue's budget: at most ~10% of parse time).

Usage: ``.venv/bin/python tools/events_speed.py [--n 200] [--corpus ../shared/corpus/voa/articles.jsonl]``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dyadwatch.config import Settings
from dyadwatch.pipeline import Analysis, build_pipeline
from dyadwatch.records import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--corpus", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa" / "articles.jsonl")
    args = parser.parse_args()
    texts = []
    with args.corpus.open(encoding="utf-8") as handle:
        for line in handle:
            if len(texts) >= args.n:
                break
            texts.append(json.loads(line)["text"])
    pipe = build_pipeline(Settings(stages=("normalise", "parse", "actors", "events")))
    stages = {s.name: s for s in pipe.stages}
    timings = dict.fromkeys(stages, 0.0)
    candidates = 0
    for text in texts:
        analysis = Analysis(article=Article.create(text), settings=pipe.settings)
        for name, stage in stages.items():
            start = time.perf_counter()
            analysis = stage(analysis)
            timings[name] += time.perf_counter() - start
        candidates += len(analysis.candidates)
    for name, seconds in timings.items():
        print(f"{name:<10} {seconds:8.2f} s")
    ratio = timings["events"] / timings["parse"]
    print(f"events / parse = {ratio:.3f}  ({candidates} candidates, {len(texts)} articles)")


if __name__ == "__main__":
    main()
