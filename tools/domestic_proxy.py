"""Score a JSONL of constructed domestic news with expected countries: the proxy for issue 19's held-out news.

Each line: ``{"id", "text", "published", "country": ISO3 of the domestic actors, "arrest": true|false}``
(``tests/data/domestic_lower.jsonl`` is one, written by hand for this purpose). Prints, over all events: the share
whose source has a country, the share of those in the article's country, and police-arrest recall/precision at the
document level (an article "has a police arrest" when an event of CAMEO 173 has a police source, COP).

Usage: ``PYTHONPATH=. .venv/bin/python tools/domestic_proxy.py tests/data/domestic_lower.jsonl [-v]``
"""

from __future__ import annotations

import json
import sys
from datetime import date

from dyadwatch.config import Settings
from dyadwatch.pipeline import build_pipeline
from dyadwatch.records import Article


def main() -> None:
    path, verbose = sys.argv[1], "-v" in sys.argv[2:]
    pipe = build_pipeline(Settings())
    events = with_country = home = 0
    tp = fp = fn = 0
    for line in open(path, encoding="utf-8"):
        item = json.loads(line)
        article = Article.create(item["text"], published=date.fromisoformat(item["published"]), id=item["id"])
        analysis = pipe.analyse(article)
        police = False
        for e in analysis.events:
            events += 1
            src = e.source
            if src.country:
                with_country += 1
                home += src.country == item["country"]
            if e.type.cameo.startswith("173") and "COP" in (src.sectors or ()):
                police = True
            if verbose:
                tgt = e.target
                print(f"  {item['id']} {e.type.cameo} {src.span.text!r}:{src.country}/{src.code}/{src.rule} -> "
                      f"{tgt.span.text if tgt else None!r}:{tgt.country if tgt else None}")
        tp += police and item["arrest"]
        fp += police and not item["arrest"]
        fn += (not police) and item["arrest"]
        if verbose and police != item["arrest"]:
            print(f"  ** {item['id']}: police arrest {'found, not there' if police else 'missed'}")
    print(f"events {events}: source country {with_country / max(events, 1):.3f}, "
          f"of those home country {home / max(with_country, 1):.3f}; police arrest recall "
          f"{tp / max(tp + fn, 1):.2f} precision {tp / max(tp + fp, 1):.2f} (tp {tp} fp {fp} fn {fn})")


if __name__ == "__main__":
    main()
