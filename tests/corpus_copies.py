"""Test corpora built from the VOA articles in ../shared (read from there, never copied into the repo)."""

from __future__ import annotations

import json
from pathlib import Path

VOA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa" / "articles.jsonl"


def voa_records() -> list[dict[str, object]]:
    with VOA.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def lead(text: str, chars: int) -> str:
    """The article's opening sentences, about ``chars`` long (cut after a full stop)."""
    if len(text) <= chars:
        return text
    cut = text.find(". ", chars)
    return text if cut < 0 else text[: cut + 1]


def write_copies(path: Path, copies: int, *, chars: int = 350, limit: int | None = None) -> int:
    """Write VOA leads ``copies`` times over with new ids and distinct content (an edition line); returns count."""
    records = voa_records()[:limit]
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for rec in records:
                text = lead(str(rec["text"]), chars)
                row = {"id": f"{rec['id']}-c{k}", "title": rec.get("title"), "published": rec.get("published"),
                       "source": rec.get("source"), "url": rec.get("url"),
                       "text": text if k == 0 else f"{text}\n\nEdition {k}."}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    return n
