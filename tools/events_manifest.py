"""Refresh ``dyadwatch/data/lexicon/MANIFEST.json``: version, source and sha256 of every lexicon table.

Run after editing a lexicon table: ``.venv/bin/python tools/events_manifest.py [--version 2026.11.2]``.
The tables are hand-written (no upstream file to rebuild them from), so this only re-hashes and describes them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "dyadwatch" / "data" / "lexicon"
CODEBOOK = "CAMEO 1.1b3 codebook (Schrodt et al. 2012) category definitions and PLOVER manual (draft 2.0) definitions"
SOURCES = {
    "predicates.tsv": f"dyadwatch, hand-written from the {CODEBOOK} and general English usage",
    "classes.tsv": f"dyadwatch, hand-written object/complement classes for the predicates, from the {CODEBOOK}",
    "derive.tsv": "dyadwatch, from the parallel sub-code structure of the CAMEO 1.1b3 codebook (03/10/12/13/16 "
                  "mirror 04-08 and 16-20)",
    "modality.tsv": "dyadwatch, English modal, intent, conditional, negation and reporting words; PLOVER manual "
                    "auxiliary modes (future, hypothetical, negation)",
    "anaphors.tsv": "dyadwatch, event nouns that refer back to reported events, with the CAMEO roots they can name",
    "numbers.tsv": "dyadwatch, English number and scale words",
    "currencies.tsv": "dyadwatch, currency markers with ISO 4217 codes",
    "hazards.tsv": "dyadwatch, natural-disaster, accident, illness, common-crime, relief, civilian-vehicle and "
                   "armed-force words from general English vocabulary; PLOVER manual MOBILIZE/COERCE ambiguities "
                   "(disaster relief is AID)",
    "noun_heads.tsv": "dyadwatch, heads of a support verb's object that count or state the event noun of their "
                      "of-phrase (a round of talks, a statement of condemnation), from the grammar of English "
                      "quantity and container nouns; the carried act coded by the CAMEO 1.1b3 codebook (issue 20 "
                      "item 1)",
    "recipient_frames.tsv": "dyadwatch, which prepositions of an event or relational noun name its recipient, from "
                            f"the {CODEBOOK} and the (PREP +) target phrases of PETRARCH2 CAMEO.2.0.txt patterns "
                            "of the same nouns (issue 20 item 3)",
    "support_verbs.tsv": f"dyadwatch, support verbs that carry an event noun (issued a threat, provided aid), from the "
                         f"{CODEBOOK} examples and keywords (issue 20 item 1)",
    "type_fixes.tsv": "dyadwatch, governing verb + infinitive complements that fix the event type (ordered X to "
                      "stop -> COERCE restrict), each with its PLOVER manual / CAMEO 1.1b3 codebook reason (issue 20 "
                      "item 5)",
    "type_words.tsv": "dyadwatch, words that change an event's type (easing of sanctions -> CONCEDE, preparing an "
                      "act of force -> MOBILIZE, a conditional response -> THREATEN), each with its PLOVER manual / "
                      "CAMEO 1.1b3 codebook reason",
    "stances.tsv": "dyadwatch, stance adjectives (critical of, supportive of) with CAMEO 111/051 from the CAMEO 1.1b3 "
                   "codebook definitions",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=None, help="version for every table (default: keep, else 2026.11.1)")
    args = parser.parse_args()
    path = FOLDER / "MANIFEST.json"
    old = json.loads(path.read_text(encoding="utf-8"))["tables"] if path.exists() else {}
    tables = {}
    for table in sorted(FOLDER.glob("*.tsv")):
        if table.name not in SOURCES and old.get(table.name, {}).get("generated_by", "hand-curated") != "hand-curated":
            tables[table.name] = old[table.name]  # built by another tool (tools/build_verb_tables.py): its entry
            continue
        if table.name not in SOURCES:
            raise SystemExit(f"{table.name}: no source description; add it to SOURCES in {__file__}")
        digest = hashlib.sha256(table.read_bytes()).hexdigest()
        previous = old.get(table.name, {})
        tables[table.name] = {
            "version": args.version or previous.get("version", "2026.11.1"),
            "source": SOURCES[table.name],
            "licence": "dyadwatch (MIT)",
            "generated_by": "hand-curated",
            "sha256": digest,
        }
    path.write_text(json.dumps({"tables": tables}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(tables)} tables)")


if __name__ == "__main__":
    main()
