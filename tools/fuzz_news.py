"""Long fuzz runs over generated news: ``make fuzz N=5000`` (or ``python tools/fuzz_news.py -n 5000``).

Every generated article (tests/strategies/news.py) is coded in a guarded child process with a hard time limit;
the run counts articles, events, typed rejections, stalls, crashes and offset errors, prints a summary, and writes
the failing inputs with their tracebacks to a JSON file so each can be replayed and minimised. Exit status 1 when
anything stalled, crashed or pointed outside the text, so a long run can gate a release.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from strategies.news import news_articles  # noqa: E402
from strategies.runner import GuardedCoder, Tally  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed, for a reproducible run")
    parser.add_argument("--limit", type=float, default=None, help="CPU seconds per article (default: budget)")
    parser.add_argument("--out", default="fuzz-failures.json", help="where to write failing inputs")
    parser.add_argument("--max-sentences", type=int, default=8)
    args = parser.parse_args(argv)

    tally = Tally()
    started = time.monotonic()
    with GuardedCoder() as coder:

        @seed(args.seed)
        @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(news_articles(args.max_sentences))
        def run(article: tuple[str, date | None]) -> None:
            text, published = article
            outcome = coder.code(text, published, args.limit)
            tally.add(text, published, outcome)
            if outcome.status not in ("events", "rejected"):
                why = outcome.detail.get("error") or outcome.detail.get("problems") or ""
                print(f"[{tally.articles}] {outcome.status}: {text[:100]!r} {why}", file=sys.stderr)
            if tally.articles % 100 == 0:
                print(f"... {tally.summary()}", file=sys.stderr)

        run()
    elapsed = time.monotonic() - started
    Path(args.out).write_text(json.dumps({"summary": tally.summary(), "counts": dict(tally.counts),
                                          "failures": tally.failures}, indent=2, ensure_ascii=False))
    print(f"{tally.summary()} ({elapsed:.0f} s wall, {coder.restarts} worker restart(s)); failures in {args.out}")
    bad = sum(v for k, v in tally.counts.items() if k not in ("events", "rejected"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
