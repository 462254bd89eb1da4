"""Build dyadwatch/data/actors/agentive_nouns.txt: every word that names an agent in the Phoenix agents dictionary.

Why: the Phoenix agents dictionary lists exactly the common nouns that can be the doer of a CAMEO event (officials,
police, rebels, protesters, farmers, ministries ...). A linked subject whose head noun is none of them, has no named
entity and no actor table hit ("the project", "stock indexes", "prices") is no party to a political event. The
table keeps every word of every entry (a word of a multi-word agent such as "war veteran" or "police chief" counts),
with the ``!PERSON!``/``!MINIST!`` macros expanded and regular plurals added, so the list errs towards keeping.

Usage: python tools/build_agentive_nouns.py ../shared/dictionaries/petrarch2/Phoenix.agents.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "dyadwatch" / "data" / "actors" / "agentive_nouns.txt"


def words(path: Path) -> set[str]:
    """Every lower-cased word of every agent phrase, macros expanded, with a regular plural."""
    macros: dict[str, list[str]] = {}
    found: set[str] = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip().lower() for w in macro.group(2).split(",")]
            continue
        phrase = re.split(r"\s*[\[{]", line, maxsplit=1)[0]
        phrases = [phrase]
        for name, expansion in macros.items():
            phrases = [p.replace(name, e) for p in phrases for e in expansion] if name in phrase else phrases
        for one in phrases:
            for word in re.split(r"[_\s]+", one.lower()):
                word = word.strip("-'.")
                if len(word) > 2 and word.isalpha():
                    found.add(word)
    plural = {w + ("es" if w.endswith(("s", "x", "ch", "sh")) else "s") for w in found}
    singular = {w[:-1] for w in found if w.endswith("s") and not w.endswith("ss")}
    return found | plural | singular


def main() -> None:
    """Write the table, one word a line, sorted."""
    table = sorted(words(Path(sys.argv[1])))
    OUT.write_text("".join(w + "\n" for w in table), encoding="utf-8")
    print(f"{len(table)} words -> {OUT}")


if __name__ == "__main__":
    main()
