"""Our own stages' CPU per pass over a corpus, after a warm pass, with spaCy's components left out of the profile.

Why: ``dyadwatch bench --profile`` times every stage, the parse included, in rounds against bare spaCy; to find
what our Python does per token or per mention, the stages after the parse need a profile of their own, taken in
steady state (a warm pass first: lazily decoded tables, the vocabulary) and with the parse outside it. Run from a
source tree with ``PYTHONPATH`` set to it; ``--cprofile FILE`` also writes cProfile statistics of those stages
(open with ``pstats``) and prints the number of function calls, which does not depend on the machine's load.

    PYTHONPATH=$PWD python tools/profile_stages.py ../shared/corpus/voa/articles.jsonl --passes 2 \\
        --cprofile /tmp/stages.prof
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyadwatch.config import Settings
from dyadwatch.document.analysis import Analysis
from dyadwatch.evaluation.runner import build
from dyadwatch.instruments.pipeline_bench import _Problems, stream_corpus
from dyadwatch.pipeline import Pipeline
from dyadwatch.pipeline.process import settle, tune_allocator
from dyadwatch.pipeline.stage import Stage


class _Profiled(Stage):
    """A stage whose CPU time is added to ``clock``; stages other than the parse run under ``profiler``."""

    def __init__(self, inner: Stage, clock: dict[str, float], profiler: cProfile.Profile | None) -> None:
        self.inner = inner
        self.clock = clock
        self.name = inner.name  # type: ignore[misc]
        self.requires = inner.requires  # type: ignore[misc]
        self.assigns = inner.assigns  # type: ignore[misc]
        self.profiler = profiler if inner.name != "parse" else None
        clock.setdefault(inner.name, 0.0)

    def _step(self, work: Iterator[Analysis]) -> tuple[bool, Analysis | None]:
        start = time.process_time()
        if self.profiler is not None:
            self.profiler.enable()
        try:
            return True, next(work)
        except StopIteration:
            return False, None
        finally:
            if self.profiler is not None:
                self.profiler.disable()
            self.clock[self.name] += time.process_time() - start

    def __call__(self, analysis: Analysis) -> Analysis:
        more, done = self._step(_lazy(self.inner, analysis))
        assert more and done is not None
        return done

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        work = iter(self.inner.pipe(analyses)) if type(self.inner).pipe is not Stage.pipe else \
            (self.inner(a) for a in analyses)
        while True:
            more, done = self._step(work)
            if not more:
                return
            assert done is not None
            yield done


def _lazy(stage: Stage, analysis: Analysis) -> Iterator[Analysis]:
    yield stage(analysis)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL corpus, one article per line")
    parser.add_argument("--passes", type=int, default=2, help="timed passes after the warm one")
    parser.add_argument("--cprofile", type=Path, help="write cProfile statistics of our stages here")
    parser.add_argument("--top", type=int, default=30, help="functions to print by own time (with --cprofile)")
    args = parser.parse_args()
    tune_allocator()
    settings = Settings()
    pipeline = build(settings)
    profiler = cProfile.Profile() if args.cprofile else None
    clock: dict[str, float] = {}
    timed = Pipeline([_Profiled(s, clock, profiler) for s in pipeline.stages], settings)
    for _ in pipeline.pipe(stream_corpus(args.corpus, 0, _Problems())):
        pass  # the warm pass: untimed
    settle()
    events = 0
    for k in range(args.passes):
        for result in timed.pipe(stream_corpus(args.corpus, k + 1, _Problems())):
            events += len(result.events) if isinstance(result, Analysis) else 0
    print(f"{events} events over {args.passes} pass(es); CPU seconds per pass:")
    for name, seconds in clock.items():
        print(f"  {name:10s} {seconds / args.passes:7.3f}")
    ours = sum(v for k, v in clock.items() if k != "parse") / args.passes
    print(f"  {'(not parse)':10s} {ours:7.3f}" + ("  (under cProfile: read as proportions)" if profiler else ""))
    if profiler is not None:
        profiler.dump_stats(args.cprofile)
        stats = pstats.Stats(str(args.cprofile))
        print(f"function calls in our stages: {stats.total_calls:,} ({stats.total_calls // args.passes:,} per pass)")
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
