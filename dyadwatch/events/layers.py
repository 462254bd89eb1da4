"""Verb-row layers under and over the hand-written predicates: PETRARCH-format dictionaries as lexicon rows.

Why layers: the hand-written rows were tuned against the CAMEO codebook and the PLOVER manual and must keep
their say; the field's dictionary (base layer, compiled into ``base_*.tsv`` by ``tools/build_verb_tables.py``)
adds the verbs and contexts they lack; a user's own PETRARCH dictionary (``Settings.petrarch_verbs``) goes on
top, so coding with a peer's dictionary gives that peer's codes. Rows of every layer are ``Entry`` objects, so
one matcher serves all of them (``Matcher.match_verb`` takes the highest layer that matches).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dyadwatch.errors import ConfigError
from dyadwatch.events.entry import ANY, BASE, HAND, SOME, USER, Entry
from dyadwatch.events.petrarch_verbs import (
    PARTICLES,
    PREPOSITIONS,
    VerbPattern,
    read_verb_dictionary,
    split_code,
)

if TYPE_CHECKING:
    from dyadwatch.events.lexicon import Lexicon
    from dyadwatch.ontology import Ontology

log = logging.getLogger(__name__)
BASE_FILES = ("base_verbs.tsv", "base_patterns.tsv", "base_words.tsv")
# Whether the base layer codes a dictionary verb on its own ("say" -> 010, "decide" -> 030) or only in the
# contexts its patterns name. Measured on the shared gold (docs in the build tool): the isolated codes of
# CAMEO.2.0 cost far more precision than they add recall (most of them statements and intents that the
# hand-written rows and the modality table handle as reporting), so only context patterns are used.
BASE_ISOLATED = False
# Whether base rows also go to verbs the hand-written table has rows for (they would only speak where no
# hand-written row matches). Measured: see the build tool's docstring.
BASE_ON_HAND_VERBS = False
VerbRow = tuple[str, str, str, int]  # (lemma or "lemma|pre|post", block, cameo or "", line)


def derive_by_code(lexicon: Lexicon) -> dict[str, str]:
    """The derivation map the hand-written rows use for a bare code (020 -> appeal, 120 -> reject, ...), so a
    dictionary verb coded 120 also re-derives "refused to meet" from the refused act, as the codebook does."""
    votes: dict[str, Counter[str]] = {}
    for entries in lexicon.verbs.values():
        for e in entries:
            if e.tier == HAND and e.derive:
                votes.setdefault(e.cameo, Counter())[e.derive] += 1
    return {code: c.most_common(1)[0][0] for code, c in votes.items()}


def _compound(key: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """``cordon||off`` -> ("cordon", "off", (), ()); ``tap|wire|`` -> ("tap", "", ("@wire",), ())."""
    lemma, pre, post = [*key.split("|"), "", ""][:3]
    before = tuple("@" + w for w in pre.split("_") if w)
    words = [w for w in post.split("_") if w]
    prt = words.pop(0) if words and words[0] in PARTICLES | PREPOSITIONS else ""
    return lemma, prt, before, tuple("@" + w for w in words)


def build_entries(verbs: Iterable[VerbRow], patterns: Iterable[VerbPattern], *, tier: int, origin: str,
                  derive: dict[str, str], isolated: bool = True) -> tuple[dict[str, list[Entry]], dict[str, set[str]]]:
    """Lexicon rows by lemma for one layer, and the ``@word`` classes its compound verbs add.

    ``isolated=False`` keeps only rows that constrain what follows the verb (object, particle, phrase, words):
    a verb's own code, a bare ``- *`` pattern and one that names only the subject or a bare preposition
    (``* (TO)``) are left out.
    """
    by_block: dict[str, list[Entry]] = {}
    for p in patterns:
        bare = p.obj == ANY and not (p.prt or p.pps or p.before or p.after)
        if not isolated and p.obj in (ANY, SOME) and not p.after and all(c == ANY for _, c in p.pps):
            continue  # only a subject, auxiliary or bare preposition named: as loose as the verb's own code
        code, rev = split_code(p.cameo)
        by_block.setdefault(p.block, []).append(Entry(
            p.block.lower(), "V", p.prt, p.obj, "", code, None, None,
            derive.get(code) if bare else None, p.line, tier, p.pps, p.before, p.after, origin, rev))
    out: dict[str, list[Entry]] = {}
    extra_words: dict[str, set[str]] = {}
    for key, block, both, line in verbs:
        cameo, rev = split_code(both)
        if "|" in key:
            lemma, prt, before, after = _compound(key)
            for cls in (*before, *after):
                extra_words.setdefault(cls[1:], set()).add(cls)
            if cameo and (isolated or prt):
                out.setdefault(lemma, []).append(Entry(lemma, "V", prt, ANY, "", cameo, None, None, None, line, tier,
                                                       (), before, after, origin, rev))
            continue
        rows = out.setdefault(key, [])
        if cameo and isolated:
            rows.append(Entry(key, "V", "", ANY, "", cameo, None, None, derive.get(cameo), line, tier, (), (), (),
                              origin, rev))
        rows.extend(by_block.get(block, ()))
    return out, extra_words


def _opt(cell: str) -> str:
    return "" if cell == "-" else cell


def _table(path: Path, width: int) -> Iterator[list[str]]:
    """Rows of a generated table: plain tab splits (no quoting in generated files), checked for width."""
    header = True
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line[0] == "#":
            continue
        if header:
            header = False
            continue
        row = line.split("\t")
        if len(row) != width:
            raise ConfigError(f"{path.name} line {number} has {len(row)} columns, expected {width}; "
                              "rebuild it with tools/build_verb_tables.py")
        yield row


def read_base_layer(folder: Path, derive: dict[str, str], hand_verbs: Iterable[str] = ()
                    ) -> tuple[dict[str, list[Entry]], dict[str, set[str]]]:
    """The compiled base layer (``base_*.tsv``); empty when the folder has none (a user's lexicon copy)."""
    if not all((folder / name).exists() for name in BASE_FILES):
        return {}, {}
    verbs = [(lemma, block, "" if cameo == "-" else cameo, int(line))
             for lemma, block, cameo, line in _table(folder / "base_verbs.tsv", 4)]
    if not BASE_ON_HAND_VERBS:
        verbs = [v for v in verbs if v[0].split("|")[0] not in hand_verbs]
    blocks = {v[1] for v in verbs}
    patterns = []
    for block, cameo, prt, obj, pps, before, after, line, text in _table(folder / "base_patterns.tsv", 9):
        if block not in blocks:
            continue  # every verb of the block is left to the hand-written rows
        if not BASE_ISOLATED and obj in (ANY, SOME) and after == "-" and "=@" not in pps and "=&" not in pps:
            continue  # as loose as the verb's own code (see build_entries)
        pairs = () if pps == "-" else tuple(tuple(p.split("=", 1)) for p in pps.split(";"))
        patterns.append(VerbPattern(block, (), "" if cameo == "-" else cameo, "" if prt == "-" else prt, obj,
                                    pairs,  # type: ignore[arg-type]
                                    () if before == "-" else tuple(before.split(",")),
                                    () if after == "-" else tuple(after.split(",")), int(line), text))
    words: dict[str, set[str]] = {}
    for cls, word in _table(folder / "base_words.tsv", 2):
        held = words.get(word)
        if held is None:
            words[word] = {cls}
        else:
            held.add(cls)
    rows, extra = build_entries(verbs, patterns, tier=BASE, origin="CAMEO.2.0.txt", derive=derive,
                                isolated=BASE_ISOLATED)
    for word, classes in extra.items():
        words.setdefault(word, set()).update(classes)
    return rows, words


def user_layer(path: Path, derive: dict[str, str], ontology: Ontology | None = None
               ) -> tuple[dict[str, list[Entry]], dict[str, set[str]]]:
    """A user's PETRARCH-format verb file as the top layer. Rows whose code the CAMEO table lacks (a test
    dictionary's synthetic codes) are left out and counted in the log, since no event type can carry them."""
    vd = read_verb_dictionary(path)
    patterns = vd.patterns
    verbs = vd.verbs
    if ontology is not None:
        def known(code: str) -> bool:
            return all(not c or ontology.is_cameo(c) for c in split_code(code))
        dropped = sum(not known(p.cameo) for p in patterns) + sum(not known(v[2]) for v in verbs)
        patterns = [p for p in patterns if known(p.cameo)]
        verbs = [v for v in verbs if known(v[2])]
        if dropped:
            log.warning("%s: %d rows with codes outside the CAMEO table left out", path, dropped)
    rows, extra = build_entries(verbs, patterns, tier=USER, origin=Path(path).name, derive=derive)
    words = {w: set(c) for w, c in vd.word_classes().items()}
    for word, classes in extra.items():
        words.setdefault(word, set()).update(classes)
    for v in vd.report.skipped.values():
        if v:
            log.info("%s: %s", path, dict(vd.report.skipped))
            break
    return rows, words


def with_layers(lexicon: Lexicon, layers: Iterable[tuple[dict[str, list[Entry]], dict[str, set[str]]]],
                *, builtin_verbs: bool = True) -> Lexicon:
    """The lexicon with further verb layers merged in (``builtin_verbs=False`` keeps only the added layers)."""
    verbs: dict[str, tuple[Entry, ...]] = dict(lexicon.verbs) if builtin_verbs else {}
    words: dict[str, frozenset[str]] = dict(lexicon.words)
    for rows, layer_words in layers:
        for lemma, entries in rows.items():
            held = verbs.get(lemma)
            verbs[lemma] = held + tuple(entries) if held else tuple(entries)
        for word, classes in layer_words.items():
            held_classes = words.get(word)
            words[word] = held_classes | classes if held_classes else frozenset(classes)
    return replace(lexicon, verbs=verbs, words=words)

