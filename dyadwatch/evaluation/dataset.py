"""Reading gold folders (``DIR/eval.jsonl``): typed records, dataset kind, and the data hash the gate pins.

Why a reader of our own: the eval files share one schema (``id, text, date, gold, label, meta``) that is not the
article input format, and the gate must know exactly which bytes it scored (sha256) to refuse silent data drift.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dyadwatch.errors import InputError

EVAL_FILE = "eval.jsonl"

PLOVER = "plover-gsr-cameo"
PETRARCH = "petrarch-validation"
LOCATION = "event-location"
KINDS = (PLOVER, PETRARCH, LOCATION)


@dataclass(frozen=True, slots=True)
class EvalRecord:
    """One gold record: the text to code, its publication date, and the gold entries (``None`` = no gold)."""

    id: str
    text: str
    date: date | None
    gold: list[dict[str, Any]] | None
    meta: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)


def eval_file(directory: Path) -> Path:
    """The ``eval.jsonl`` of a gold folder (or the file itself), with an error that names the fix."""
    directory = Path(directory)
    path = directory if directory.is_file() else directory / EVAL_FILE
    if not path.exists():
        raise InputError(f"{path}: no such file; pass a gold folder that holds {EVAL_FILE} (e.g. ../shared/eval/...)")
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _record(obj: Any, where: str) -> EvalRecord:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
        raise InputError(f"{where}: not an eval record (needs 'id' and 'text'); check the file follows SOURCE.md")
    when = None
    if obj.get("date"):
        try:
            when = date.fromisoformat(str(obj["date"])[:10])
        except ValueError:
            raise InputError(f"{where}: date {obj['date']!r} is not YYYY-MM-DD; fix the record") from None
    gold = obj.get("gold")
    if gold is not None and not isinstance(gold, list):
        raise InputError(f"{where}: 'gold' must be a list or null; fix the record")
    return EvalRecord(
        id=str(obj["id"]), text=obj["text"], date=when, gold=gold, meta=dict(obj.get("meta") or {}), raw=obj
    )


def iter_records(path: Path, limit: int | None = None) -> Iterator[EvalRecord]:
    """Stream the records of an ``eval.jsonl``; a malformed line stops the run (gold must be exact)."""
    with open(path, encoding="utf-8") as handle:
        count = 0
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(
                    f"{path}:{number}: malformed JSON ({err.msg}); restore the file from ../shared"
                ) from None
            yield _record(obj, f"{path}:{number}")
            count += 1


def load_records(path: Path, limit: int | None = None) -> list[EvalRecord]:
    try:
        return list(iter_records(path, limit))
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 (byte offset {err.start}); restore the file from ../shared") from None


def detect_kind(records: list[EvalRecord]) -> str:
    """Which scorer fits, judged from the records themselves (not the folder name, which users may rename)."""
    for rec in records:
        if rec.id.startswith(("PETR-UT:", "PETR2-GSR:")):
            return PETRARCH
        if "rechecked_gold" in rec.meta or any("trigger_start" in g for g in rec.gold or ()):
            return LOCATION
        if rec.meta.get("subset") in ("PLOVER_GSR", "CAMEO_MANUAL_EXAMPLE") or any(
            "plover_current" in g for g in rec.gold or ()
        ):
            return PLOVER
    raise InputError(
        "cannot tell which gold set this is (expected plover-gsr-cameo, petrarch-validation or event-location "
        "records); pass one of the ../shared/eval folders"
    )


CASINGS = ("as-is", "lower", "upper")


def recase(text: str, casing: str) -> str:
    """The text in lower case or ALL CAPS, character for character (a character whose case mapping changes its
    length, like "ß" -> "SS", is kept), so gold offsets into the text stay valid."""
    if casing == "as-is":
        return text
    change = str.lower if casing == "lower" else str.upper
    out = change(text)
    if len(out) == len(text):
        return out
    return "".join(c2 if len(c2 := change(c)) == 1 else c for c in text)


def recase_records(records: list[EvalRecord], casing: str) -> list[EvalRecord]:
    """The same gold with the text re-cased (``dyadwatch eval --casing``): how well news in another casing codes."""
    if casing not in CASINGS:
        raise InputError(f"unknown casing {casing!r}; use one of {', '.join(CASINGS)}")
    if casing == "as-is":
        return records
    out = []
    for rec in records:
        text = recase(rec.text, casing)
        raw = {**rec.raw, "text": text} if "text" in rec.raw else rec.raw
        out.append(dataclasses.replace(rec, text=text, raw=raw))
    return out
