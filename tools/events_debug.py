"""Show how the events stage reads one sentence: parse, actor mentions, candidates and the rules that fired.

Usage: ``.venv/bin/python tools/events_debug.py "Sentence one." ["Sentence two." ...]`` (own sentences, or
eval sentences during error analysis: the output is for reading, never for writing lexicon rows from).
"""

from __future__ import annotations

import sys

from dyadwatch.config import Settings
from dyadwatch.pipeline import build_pipeline
from dyadwatch.records import Article

STAGES = ("normalise", "parse", "actors", "events")


def main() -> None:
    pipe = build_pipeline(Settings(stages=STAGES))
    for text in sys.argv[1:]:
        analysis = pipe.analyse(Article.create(text))
        assert analysis.doc is not None
        print("=" * 100)
        print(text)
        for tok in analysis.doc:
            print(f"  {tok.i:>3} {tok.text:<16} {tok.lemma_:<14} {tok.pos_:<6} {tok.tag_:<5} {tok.dep_:<10} "
                  f"<- {tok.head.i:>3} {tok.head.text}")
        for m in analysis.mentions:
            print(f"  mention {m.start}-{m.end} {analysis.doc[m.start:m.end].text!r} -> {m.actor.code}")
        for c in analysis.candidates:
            trig = analysis.doc[c.trigger[0]:c.trigger[1]].text
            print(f"  EVENT {trig!r} {c.type.cameo} {c.type.plover} {c.source.code}->"
                  f"{c.target.code if c.target else None} neg={c.negated} hyp={c.hypothetical} {c.rule}")


if __name__ == "__main__":
    main()
