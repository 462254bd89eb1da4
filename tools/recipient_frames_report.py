"""Check ``recipient_frames.tsv`` against PETRARCH2's CAMEO verb dictionary: for every noun the frame table lists,
the dictionary patterns in which a prepositional phrase follows that noun (``* BOLSTER TIES (WITH +)``), and
which of those phrases hold the target (``+``).

Why: the frame table is hand-written from the CAMEO codebook definitions; the dictionary is the field's largest
record of where targets sit. This tool shows, per noun, where the two agree, where the dictionary knows a
preposition the table lacks (a candidate row), and which frame nouns the dictionary never follows with a phrase,
so the table's ``reason`` column cites only patterns that exist.

Run: ``.venv/bin/python tools/recipient_frames_report.py [../shared/dictionaries/petrarch2/CAMEO.2.0.txt]
[--json report.json]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dyadwatch.events.frames import load_frames  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
# "NOUN (PREP ...)" or "{MOD NOUN} (PREP ...)" inside a pattern line "- * ... [CODE]"
PHRASE = re.compile(r"([A-Z_]+)\}?\s*\(([A-Z]+)([^)]*)\)")


def dictionary_phrases(source: Path) -> dict[str, list[tuple[str, bool, int, str]]]:
    """noun (lower case) -> (preposition, whether the phrase holds the target, line, pattern) for every pattern."""
    out: dict[str, list[tuple[str, bool, int, str]]] = defaultdict(list)
    with source.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.split("#", 1)[0].strip()
            if not text.startswith("-"):
                continue
            for noun, prep, rest in PHRASE.findall(text):
                out[noun.lower()].append((prep.lower(), "+" in rest, number, text))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--json", type=Path, help="write the comparison here")
    args = parser.parse_args()
    if not args.source.exists():
        raise SystemExit(f"{args.source} not found; pass the path of PETRARCH2's CAMEO.2.0.txt")
    table = load_frames()
    found = dictionary_phrases(args.source)
    report: dict[str, dict[str, object]] = {}
    agree = unseen = 0
    for noun, preps in sorted(table.items()):
        seen = found.get(noun, []) + (found.get(noun[:-1], []) if noun.endswith("s") else [])
        shared = sorted({p for p, _, _, _ in seen if p in preps})
        agree += bool(shared)
        unseen += not seen
        report[noun] = {
            "table": list(preps),
            "dictionary": [{"prep": p, "target": t, "line": n, "pattern": pat} for p, t, n, pat in seen],
            "agree": shared,
        }
        cited = "; ".join(f"{p}{'+' if t else ''}@{n}" for p, t, n, _ in seen[:6])
        print(f"{noun:16} table={','.join(preps):22} dictionary={cited or '-'}")
    print(f"{len(table)} frame nouns: {agree} share a preposition with a dictionary pattern; "
          f"{unseen} are never followed by a phrase there (their rows rest on the codebook alone)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
