"""Sweep a corpus for support verbs whose object is an event noun but whose clause gave no event (issue 20 item 1).

Why: a support verb ("held talks", "issued a warning", "launched a series of raids", "provided $5 million in aid")
carries its object noun's event; when the noun is missing from the noun table, or the event noun is not the head
of the object ("a round of talks"), the clause codes nothing and the event is silently lost. Guessing which
nouns are missing is how tables drift from news: this tool walks the parses of a corpus and lists every clause
whose verb is a support or light verb with a nominal direct object and where the pipeline emitted no event,
counted by (verb, noun lemma). The noun counted is the event noun the object leads to: the object itself, or,
after a quantity or a group head ("a round of talks", "$5 million in aid", "a statement of condemnation"), the
noun of its "of"/"in" phrase. A row is marked ``*`` when that noun has a row in the lexicon's noun table: those
are the clauses a support verb should have coded (the figure to drive down); the others show which nouns news
carries with support verbs, to be checked against the CAMEO codebook and the PLOVER manual before any is added.

Usage (from the repository root; the texts are read, never copied)::

    PYTHONPATH=$PWD .venv/bin/python tools/support_sweep.py /tmp/el_articles.jsonl \
        ../shared/corpus/voa/articles.jsonl [--limit N] [--top 60] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyadwatch.events.lexicon import _rows
from dyadwatch.events.status import EventStatus
from dyadwatch.events.syntax import NOUN_POS, VERB_POS
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.document.analysis import Analysis

LEXICON = "lexicon"
# Verbs the issue names as support verbs beside the two tables ("signed an accord", "reached a deal", "imposed
# sanctions"): they have rows of their own, so a miss there means the object noun was not recognised.
EXTRA_VERBS = frozenset({"sign", "reach", "impose", "hold", "conduct", "issue", "declare", "express", "voice",
                         "provide", "offer", "extend", "launch", "stage", "carry", "make", "give", "pledge", "lodge",
                         "file", "mount"})
# Heads that count or group the event noun of their "of" phrase ("a round of talks", "a wave of arrests").
GROUP_HEADS = frozenset({"round", "series", "wave", "spate", "string", "number", "set", "couple", "volley",
                         "barrage", "flurry", "bout", "campaign", "package", "raft", "host", "slew", "lot",
                         "pair", "dozen", "hundred", "thousand", "kind", "type", "form", "new", "fresh"})
# Heads that are a vehicle of the event noun of their "of" phrase ("a statement of condemnation", "a letter of
# protest", "an offer of aid").
VEHICLE_HEADS = frozenset({"statement", "letter", "note", "message", "declaration", "expression", "show",
                           "gesture", "word", "words", "sign", "signal", "call", "offer", "pledge", "promise"})


@dataclass(frozen=True)
class Clause:
    """One support-verb clause: its verb, the object noun and the event noun it leads to, and whether it coded."""

    article: str
    sentence: int
    verb: str
    noun: str  # the object's head lemma
    event_noun: str  # the noun the object leads to (itself, or the noun of its "of"/"in" phrase)
    coded: bool
    background: bool  # in a clause the coder tells as background (a past temporal or relative clause)
    text: str


def sweep_verbs() -> frozenset[str]:
    """The verbs swept: the support-verb table, the light verbs of ``modality.tsv`` and the issue's list."""
    support = {verb.lower() for _, (verb, *_rest) in _rows(data_path(LEXICON, "support_verbs.tsv"), 4)}
    light = {word.lower() for _, (word, kind) in _rows(data_path(LEXICON, "modality.tsv"), 2) if kind == "light"}
    return frozenset(support | light | EXTRA_VERBS)


def _pobj(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in NOUN_POS:
                    return g
    return None


def event_noun(obj: Token) -> Token:
    """The noun an object leads to: "a round of talks" -> talks, "$5 million in aid" -> aid, else the object."""
    quantity = obj.like_num or obj.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") \
        or any(c.dep_ == "nummod" or c.like_num for c in obj.children)
    if quantity:
        inner = _pobj(obj, "in") or _pobj(obj, "of")
        if inner is not None:
            return inner
    if obj.lemma_.lower() in GROUP_HEADS | VEHICLE_HEADS:
        inner = _pobj(obj, "of")
        if inner is not None:
            return inner
    return obj


def _lemma(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma == "carry" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return "carry out"
    return lemma


def clauses(analysis: Analysis, verbs: frozenset[str]) -> Iterator[Clause]:
    """Every clause of the article whose verb is a swept verb with a nominal direct object."""
    doc = analysis.doc
    assert doc is not None, "the parse stage must run first"
    triggers = [(e.trigger.start, e.trigger.end) for e in analysis.events]
    for tok in doc:
        if tok.pos_ not in VERB_POS or tok.lemma_.lower() not in verbs:
            continue
        for obj in (c for c in tok.children if c.dep_ == "dobj" and c.pos_ in NOUN_POS | {"NUM"}):
            if obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "DATE", "TIME"):
                continue
            noun = event_noun(obj)
            if noun.pos_ not in NOUN_POS:  # a bare number ("gave 12"): no noun to count
                continue
            # the clause: the verb, its object phrase, and the verbs it is the open complement of ("agreed to
            # hold talks" is coded at "agreed")
            ranges = [(tok.i, tok.i + 1), (obj.left_edge.i, obj.right_edge.i + 1)]
            head = tok
            while head.dep_ == "xcomp" and head.head.i != head.i:
                head = head.head
                ranges.append((head.i, head.i + 1))
            spans = [analysis.span(a, b) for a, b in ranges]  # offsets in the original text, as triggers
            coded = any(s < sp.end and sp.start < e for s, e in triggers for sp in spans)
            sent = tok.sent
            yield Clause(analysis.article.id, analysis.sentence_of(tok.i), _lemma(tok), obj.lemma_.lower(),
                         noun.lemma_.lower(), coded, EventStatus._background(tok), sent.text.strip())


def table_nouns() -> frozenset[str]:
    """The event nouns of the noun table (``predicates.tsv`` rows of part of speech N)."""
    rows = _rows(data_path(LEXICON, "predicates.tsv"), 8)
    return frozenset(lemma.lower() for _, (lemma, pos, *_rest) in rows if pos == "N")


def summary(found: Iterable[Clause], nouns: frozenset[str]) -> dict[str, object]:
    """Counts: all swept clauses, those with no event, and those with a table noun and no event, by (verb, noun)."""
    found = list(found)
    missed = [c for c in found if not c.coded]
    with_noun = [c for c in missed if c.event_noun in nouns]
    by_pair = Counter((c.verb, c.event_noun) for c in missed)
    return {"clauses": len(found), "no_event": len(missed), "table_noun_no_event": len(with_noun),
            "table_noun_no_event_foreground": sum(1 for c in with_noun if not c.background),
            "table_noun_clauses": sum(1 for c in found if c.event_noun in nouns),
            "by_pair": [[v, n, k, n in nouns] for (v, n), k in by_pair.most_common()]}


def _articles(paths: list[str], limit: int | None) -> Iterator[object]:
    from dyadwatch.io.readers import InputProblem, read_articles
    for path in paths:
        count = 0
        for item in read_articles(path):
            if isinstance(item, InputProblem):
                continue
            yield item
            count += 1
            if limit is not None and count >= limit:
                break


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+", help="JSONL article files (id, text, published)")
    ap.add_argument("--limit", type=int, help="articles per file")
    ap.add_argument("--top", type=int, default=60, help="(verb, noun) pairs to print")
    ap.add_argument("--json", type=Path, help="write every clause and the counts here")
    args = ap.parse_args()
    from dyadwatch.config import Settings
    from dyadwatch.pipeline import Analysis, build_pipeline
    pipe = build_pipeline(Settings())
    verbs, nouns = sweep_verbs(), table_nouns()
    found: list[Clause] = []
    for result in pipe.pipe(_articles(args.inputs, args.limit)):  # type: ignore[arg-type]
        if isinstance(result, Analysis):
            found.extend(clauses(result, verbs))
    counts = summary(found, nouns)
    print(f"clauses {counts['clauses']}  no event {counts['no_event']}  with a table noun "
          f"{counts['table_noun_clauses']}, of which no event {counts['table_noun_no_event']} "
          f"({counts['table_noun_no_event_foreground']} outside background clauses)")
    for verb, noun, k, listed in counts["by_pair"][: args.top]:  # type: ignore[index]
        print(f"{k:5d}  {verb:<10} {noun:<18} {'*' if listed else ''}")
    if args.json:
        rows = [c.__dict__ for c in found]
        args.json.write_text(json.dumps({"counts": counts, "clauses": rows}, indent=1), encoding="utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
