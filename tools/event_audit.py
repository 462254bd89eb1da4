"""A judged audit of random events: how many of the events the coder emits are right, field by field.

Why: the gold sets measure recall (of the gold events, how many are found); nothing measured how many of the
events dyadwatch *emits* on ordinary news are right, which is what a user reading its output meets first. The
audit samples events uniformly from a coded corpus with a fixed seed, a person judges each field of each sampled
event against a written standard (docs/audit.md), and the judgements are scored with 95% Wilson intervals, so
that a later coder can be audited the same way on a fresh sample. Usage::

    PYTHONPATH=$PWD .venv/bin/python tools/event_audit.py sample --corpus ../shared/corpus/voa/articles.jsonl \\
        --n 80 --seed 7 --out /tmp/voa-7.jsonl
    PYTHONPATH=$PWD .venv/bin/python tools/event_audit.py score --sheet /tmp/voa-7.jsonl \\
        --verdicts eval/audit/voa-7.tsv
    PYTHONPATH=$PWD .venv/bin/python tools/event_audit.py delta --before /tmp/old-all.jsonl \\
        --after /tmp/new-all.jsonl --out /tmp/delta.jsonl           # the events a change added or removed
    PYTHONPATH=$PWD .venv/bin/python tools/event_audit.py score-delta --sheet /tmp/delta.jsonl \\
        --verdicts eval/audit/delta-0.8.0.tsv

The judging sheet holds the sentences of the corpus, so it is written outside the repository (the tool refuses a
path inside it); the verdict file lives in the repository and holds only each event's key, one verdict per field,
an error class and a note in the judge's own words.

Two random samples of 80 cannot show a gain of a few points (their intervals are about 0.2 wide), so a change is
also audited *paired*: ``delta`` compares every event two coders emit on the same corpus (``sample --all``) and
writes only the events one of them emits and the other does not (a changed field makes the old event removed and
the new one added); a judge marks both sides, and ``score-delta`` gives the net number of fully right and
dyad-right events the change adds, with the events it removes and adds.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# The judged fields, in the order of the verdict file's columns. ``status`` is the negated / hypothetical flags
# (a negated or hypothetical act coded as asserted, or the reverse, is wrong even when every other field is right).
FIELDS: tuple[str, ...] = (
    "type", "source_actor", "source_country", "target_actor", "target_country", "date", "place", "status",
)
# The brief's key (article, sentence, trigger offset, PLOVER type) is not unique: coordinated actors ("X and Y
# met", "praised X and Y") give one event per conjunct on the same trigger, so the source's and the target's
# offsets complete it (-1: no span).
KEY: tuple[str, ...] = ("article_id", "sentence_index", "trigger_start", "plover", "source_start", "target_start")
VERDICTS: frozenset[str] = frozenset({"ok", "wrong", "n/a"})
NO_ERROR = "-"


class AuditError(Exception):
    """A sheet or verdict file that cannot be scored: one line naming the problem and the fix."""


Key = tuple[str, int, int, str, int, int]


def event_key(row: dict[str, Any]) -> Key:
    """The stable key of an event: article, sentence, trigger offset, PLOVER type, source and target offsets."""
    return (str(row["article_id"]), int(row["sentence_index"]), int(row["trigger_start"]), str(row["plover"]),
            int(row["source_start"]), int(row["target_start"]))


SIDES: tuple[str, ...] = ("before", "after")


def delta_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The key of a delta-audit row: its side (``before`` or ``after``), then the event's key."""
    side = str(row["side"]).strip()
    if side not in SIDES:
        raise ValueError(side)
    return (side, *event_key(row))


# --- sampling ---------------------------------------------------------------------------------------------------

def _actor_fields(prefix: str, actor: Any) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_text": None, f"{prefix}_country": None, f"{prefix}_sector": None, f"{prefix}_rule": None}
    return {
        f"{prefix}_text": actor.span.text,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": "/".join(actor.sectors) or None,
        f"{prefix}_rule": actor.rule,
    }


def code_corpus(corpus: str) -> list[dict[str, Any]]:
    """Every event the whole pipeline emits for the corpus, as a judging-sheet row (one model load)."""
    from dyadwatch.config import Settings
    from dyadwatch.document.analysis import Analysis
    from dyadwatch.io.readers import read_articles
    from dyadwatch.pipeline import build_pipeline
    from dyadwatch.records import Article

    articles = [a for a in read_articles(corpus) if isinstance(a, Article)]
    pipe = build_pipeline(Settings())
    rows: list[dict[str, Any]] = []
    for result in pipe.pipe(articles):
        if not isinstance(result, Analysis):
            continue
        sentences = {s.index: s.span.text for s in result.sentences}
        for e in result.events:
            row: dict[str, Any] = {
                "article_id": e.article_id,
                "sentence_index": e.sentence_index,
                "trigger_start": e.trigger.start,
                "plover": e.type.plover,
                "source_start": e.source.span.start if e.source.span.text else -1,
                "target_start": e.target.span.start if e.target is not None and e.target.span.text else -1,
                "published": result.article.published.isoformat() if result.article.published else None,
                "sentence": sentences.get(e.sentence_index, e.evidence.text),
                "previous": sentences.get(e.sentence_index - 1),
                "trigger": e.trigger.text,
                "cameo": e.type.cameo,
                "mode": e.type.mode,
                "rule": e.rule,
                "negated": e.negated,
                "hypothetical": e.hypothetical,
            }
            row.update(_actor_fields("source", e.source))
            row.update(_actor_fields("target", e.target))
            row.update({
                "date": e.date.value.isoformat() if e.date.value else None,
                "date_precision": e.date.precision,
                "date_text": e.date.text,
                "historical": e.date.historical,
                "date_rule": e.date.rule,
                "place": e.location.name if e.location else None,
                "place_text": e.location.span.text if e.location and e.location.span else None,
                "place_country": e.location.country if e.location else None,
            })
            rows.append(row)
    return rows


def sample(rows: Sequence[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` events drawn uniformly without replacement with ``seed``, in key order (the draw does not depend on
    the order the pipeline yielded them in)."""
    ordered = sorted(rows, key=event_key)
    if n > len(ordered):
        raise AuditError(f"asked for {n} events but the corpus gives {len(ordered)}; pass --n {len(ordered)} or less")
    picked = random.Random(seed).sample(range(len(ordered)), n)
    return [ordered[i] for i in sorted(picked)]


def _inside_repo(path: Path) -> bool:
    try:
        path.resolve().relative_to(ROOT)
    except ValueError:
        return False
    return True


# --- scoring ----------------------------------------------------------------------------------------------------

def wilson(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% for z = 1.96): honest at small n and near 0 or 1, where the
    normal approximation leaves [0, 1]."""
    if total <= 0:
        return (0.0, 1.0)
    p = successes / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    # the bounds are exact at the ends (0 and n successes), where rounding would leave a hair off 0 or 1
    lo = 0.0 if successes == 0 else max(0.0, centre - half)
    hi = 1.0 if successes == total else min(1.0, centre + half)
    return (lo, hi)


@dataclass(frozen=True)
class Verdict:
    """One judged event: a verdict per field, the error classes, the judge's note."""

    key: tuple[Any, ...]
    fields: dict[str, str]
    classes: tuple[str, ...]
    note: str

    @property
    def fully_right(self) -> bool:
        """Every field right: the type right and no field wrong (n/a: the field has nothing to judge)."""
        return self.fields["type"] == "ok" and all(v != "wrong" for v in self.fields.values())

    @property
    def dyad_right(self) -> bool:
        """The type and both countries right: what a dyad series counts."""
        return self.fields["type"] == "ok" and all(
            self.fields[f] != "wrong" for f in ("source_country", "target_country"))


def read_verdicts(path: Path, *, sided: bool = False) -> list[Verdict]:
    """The verdict file: a TSV with the key columns, one column per field, ``error_class`` and ``note``; a
    ``sided`` file (a delta audit) also has a ``side`` column (before / after), which leads the key."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise AuditError(f"cannot read the verdict file {path} ({exc.strerror}); pass an existing TSV") from None
    with handle:
        reader = csv.DictReader(handle, delimiter="\t")
        needed = (*(("side",) if sided else ()), *KEY, *FIELDS, "error_class", "note")
        missing = [c for c in needed if c not in (reader.fieldnames or [])]
        if missing:
            raise AuditError(f"{path}: missing column(s) {', '.join(missing)}; write the header of docs/audit.md")
        out: list[Verdict] = []
        seen: set[Key] = set()
        for line, row in enumerate(reader, start=2):
            try:
                key = delta_key(row) if sided else event_key(row)
            except (TypeError, ValueError):
                raise AuditError(f"{path}:{line}: sentence_index and the offsets must be integers"
                                 + (" and side before or after" if sided else "")) from None
            if key in seen:
                raise AuditError(f"{path}:{line}: the event {key} is judged twice; keep one row per event")
            seen.add(key)
            fields = {f: (row[f] or "").strip() for f in FIELDS}
            bad = {f: v for f, v in fields.items() if v not in VERDICTS}
            if bad:
                raise AuditError(f"{path}:{line}: verdict(s) {bad} are not one of ok, wrong, n/a; fix the row")
            classes = tuple(c.strip() for c in (row["error_class"] or NO_ERROR).split(",") if c.strip() != NO_ERROR)
            out.append(Verdict(key, fields, classes, (row["note"] or "").strip()))
    return out


def read_sheet(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise AuditError(f"cannot read the sheet {path} ({exc.strerror}); run `sample` first") from None
    return [json.loads(line) for line in lines if line.strip()]


def join(sheet: Iterable[dict[str, Any]], verdicts: Sequence[Verdict], *, sided: bool = False) -> list[Verdict]:
    """The verdicts of the sheet's events, in the sheet's order. An event of the sheet left unjudged, or a verdict
    for an event the sheet does not hold (the corpus or the coder changed), is an error naming the keys: a score
    over a silently partial join would not be the sample's."""
    keys = [delta_key(r) if sided else event_key(r) for r in sheet]
    by_key = {v.key: v for v in verdicts}
    unjudged = [k for k in keys if k not in by_key]
    extra = sorted(set(by_key) - set(keys))
    problems = []
    if unjudged:
        problems.append(f"{len(unjudged)} sheet event(s) without a verdict (first {unjudged[0]})")
    if extra:
        problems.append(f"{len(extra)} verdict(s) for events not in the sheet (first {extra[0]})")
    if problems:
        raise AuditError("; ".join(problems) + "; judge the sheet's events, and only those")
    return [by_key[k] for k in keys]


def score(verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """Per-field accuracy (n/a left out), fully right, dyad-right, each with its Wilson interval; error classes."""
    table: dict[str, Any] = {}
    for f in FIELDS:
        judged = [v.fields[f] for v in verdicts if v.fields[f] != "n/a"]
        ok = judged.count("ok")
        table[f] = (ok, len(judged), wilson(ok, len(judged)))
    n = len(verdicts)
    for name, test in (("fully_right", Verdict.fully_right.fget), ("dyad_right", Verdict.dyad_right.fget)):
        ok = sum(1 for v in verdicts if test(v))  # type: ignore[misc]
        table[name] = (ok, n, wilson(ok, n))
    classes = Counter(c for v in verdicts for c in v.classes)
    return {"n": n, "fields": table, "classes": dict(classes.most_common())}


def render(result: dict[str, Any]) -> str:
    lines = [f"events judged: {result['n']}", f"{'field':<16} {'right':>9} {'share':>6}  95% Wilson"]
    for name, (ok, total, (lo, hi)) in result["fields"].items():
        share = f"{ok / total:.3f}" if total else "-"
        lines.append(f"{name:<16} {ok:>4}/{total:<4} {share:>6}  [{lo:.3f}, {hi:.3f}]")
    lines.append("error classes (events may carry several):")
    lines.extend(f"  {c:<28} {k}" for c, k in result["classes"].items())
    return "\n".join(lines)


# --- a paired audit of a change ---------------------------------------------------------------------------------

# What a judge sees of an event: a change that touches only a rule's name or the date's wording changes no verdict,
# so such events are not judged again.
CONTENT: tuple[str, ...] = (
    "plover", "cameo", "negated", "hypothetical", "source_text", "source_country", "target_text", "target_country",
    "date", "date_precision", "historical", "place",
)


def _content(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["article_id"], row["sentence_index"], row["trigger_start"], *(row.get(f) for f in CONTENT))


def delta(before: Sequence[dict[str, Any]], after: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events only one of two codings of the same corpus emits, each with its ``side``, in key order.

    An event whose judged content is the same on both sides (same trigger, type, actors, countries, date, flags,
    place) is left out; one that changed in any of those appears twice, as removed (``before``) and as added
    (``after``), so the judge marks the old and the new version on their own. Equal events on one side are
    matched as a multiset, so one duplicate dropped is one removal."""
    remaining = Counter(_content(r) for r in after)
    kept_before = Counter(_content(r) for r in before)
    out: list[dict[str, Any]] = []
    for row in before:
        c = _content(row)
        if remaining[c] > 0:
            remaining[c] -= 1
        else:
            out.append({"side": "before", **row})
    for row in after:
        c = _content(row)
        if kept_before[c] > 0:
            kept_before[c] -= 1
        else:
            out.append({"side": "after", **row})
    return sorted(out, key=lambda r: (event_key(r), r["side"] == "after"))


def score_delta(rows: Sequence[dict[str, Any]], verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """Per side: events judged, fully right, dyad-right; and the net events each measure gains (after minus
    before). A removed wrong event is a gain of precision as much as an added right one."""
    sides: dict[str, dict[str, int]] = {}
    for side in SIDES:
        judged = [v for v in verdicts if v.key[0] == side]
        sides[side] = {
            "events": len(judged),
            "fully_right": sum(1 for v in judged if v.fully_right),
            "dyad_right": sum(1 for v in judged if v.dyad_right),
        }
    net = {m: sides["after"][m] - sides["before"][m] for m in ("events", "fully_right", "dyad_right")}
    classes = {side: dict(Counter(c for v in verdicts if v.key[0] == side for c in v.classes).most_common())
               for side in SIDES}
    return {"rows": len(rows), "sides": sides, "net": net, "classes": classes}


def render_delta(result: dict[str, Any]) -> str:
    b, a, net = result["sides"]["before"], result["sides"]["after"], result["net"]
    lines = [f"{'':<12} {'events':>7} {'fully right':>12} {'dyad-right':>11}",
             f"{'removed':<12} {b['events']:>7} {b['fully_right']:>12} {b['dyad_right']:>11}",
             f"{'added':<12} {a['events']:>7} {a['fully_right']:>12} {a['dyad_right']:>11}",
             f"{'net':<12} {net['events']:>+7} {net['fully_right']:>+12} {net['dyad_right']:>+11}"]
    for side, label in (("before", "removed"), ("after", "added")):
        if result["classes"][side]:
            lines.append(f"error classes of the {label} events: "
                         + ", ".join(f"{c} {k}" for c, k in result["classes"][side].items()))
    return "\n".join(lines)


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    if _inside_repo(path):
        raise AuditError(f"{path} is inside the repository and would hold the corpus's sentences; "
                         "write it elsewhere (e.g. /tmp)")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


# --- command line -----------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="code a corpus and write a judging sheet of N random events")
    s.add_argument("--corpus", required=True)
    s.add_argument("--n", type=int, required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--out", required=True, help="the sheet (JSON Lines), outside the repository")
    s.add_argument("--all", dest="all_out", help="also write every coded event (JSON Lines) here")
    c = sub.add_parser("score", help="join a verdict file to its sheet and print the audit's figures")
    c.add_argument("--sheet", required=True)
    c.add_argument("--verdicts", required=True)
    c.add_argument("--json", action="store_true", help="print the figures as JSON")
    d = sub.add_parser("delta", help="write the events that two codings (sample --all) do not share")
    d.add_argument("--before", required=True, help="every event of the old coder (sample --all)")
    d.add_argument("--after", required=True, help="every event of the new coder on the same corpus")
    d.add_argument("--out", required=True, help="the delta sheet (JSON Lines), outside the repository")
    sd = sub.add_parser("score-delta", help="join a delta verdict file (with a side column) to its sheet")
    sd.add_argument("--sheet", required=True)
    sd.add_argument("--verdicts", required=True)
    sd.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    try:
        if args.command == "sample":
            out = Path(args.out)
            for path in (out, Path(args.all_out) if args.all_out else None):
                if path is not None and _inside_repo(path):
                    raise AuditError(f"{path} is inside the repository and would hold the corpus's sentences; "
                                     "write it elsewhere (e.g. /tmp)")
            rows = code_corpus(args.corpus)
            picked = sample(rows, args.n, args.seed)
            _write_jsonl(out, picked)
            if args.all_out:
                _write_jsonl(Path(args.all_out), sorted(rows, key=event_key))
            print(f"{len(rows)} events coded, {len(picked)} sampled (seed {args.seed}) -> {out}")
        elif args.command == "delta":
            rows = delta(read_sheet(Path(args.before)), read_sheet(Path(args.after)))
            _write_jsonl(Path(args.out), rows)
            removed = sum(1 for r in rows if r["side"] == "before")
            print(f"{removed} event(s) removed, {len(rows) - removed} added -> {args.out}")
        elif args.command == "score-delta":
            sheet = read_sheet(Path(args.sheet))
            result = score_delta(sheet, join(sheet, read_verdicts(Path(args.verdicts), sided=True), sided=True))
            print(json.dumps(result, indent=1) if args.json else render_delta(result))
        else:
            result = score(join(read_sheet(Path(args.sheet)), read_verdicts(Path(args.verdicts))))
            print(json.dumps(result, indent=1) if args.json else render(result))
    except AuditError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
