"""The predicate lexicon: TSV data files turned into lemma-keyed lookup tables.

Why data files and dicts: the lexicon is written and reviewed as data (from the CAMEO codebook and the PLOVER
manual), versioned in ``dyadwatch/data/lexicon/MANIFEST.json``, and looked up by lemma so the events stage never
scans the whole lexicon per token.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from dyadwatch.errors import ConfigError
from dyadwatch.events.entry import ACTOR, ANY, BASE, EVENT, HAND, INF, NONE, SOME, USER, Entry
from dyadwatch.events.layers import derive_by_code, read_base_layer, user_layer, with_layers
from dyadwatch.ontology import load_ontology
from dyadwatch.tables import data_path

__all__ = ["ACTOR", "ANY", "BASE", "EVENT", "HAND", "INF", "NONE", "SOME", "USER", "Entry", "Lexicon", "load_lexicon",
           "load_lexicon_from"]
# A row whose code is this is no event, as PETRARCH's "[---]": the most specific row wins, so it can take one
# object class out of a verb that is otherwise an event ("released a statement" is no release of anyone).
NULL_CODE = "---"
FOLDER = "lexicon"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All lexicon tables, keyed for O(1) lookup by lemma."""

    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    classes: dict[str, frozenset[str]]  # lemma -> classes
    derive: dict[str, dict[str, str]]  # map name -> {inner code prefix: derived code}
    modality: dict[str, frozenset[str]]  # word -> kinds
    anaphors: dict[str, tuple[str, ...]]  # noun -> CAMEO prefixes it can refer to
    # word -> the dictionary word classes (``@word``, ``&SYNSET``) of the PETRARCH layers; kept apart from
    # ``classes`` so thousands of dictionary words do not change what the hand-written classes say about a noun
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def classes_of(self, lemma: str) -> frozenset[str]:
        return self.classes.get(lemma.lower(), frozenset())

    def in_class(self, cls: str, word: str) -> bool:
        """Whether a word belongs to a hand-written class or to a dictionary word class."""
        table = self.words if cls[:1] in ("@", "&") else self.classes
        return cls in table.get(word.lower(), ())

    def kinds(self, word: str) -> frozenset[str]:
        return self.modality.get(word.lower(), frozenset())

    def derived(self, name: str | None, inner_code: str) -> str | None:
        """The code a derivation map gives for an inner event's code (longest prefix wins)."""
        if not name:
            return None
        table = self.derive.get(name, {})
        for size in range(len(inner_code), 1, -1):
            code = table.get(inner_code[:size])
            if code:
                return code
        return None

    def all_cameo_codes(self) -> set[str]:
        codes = {e.cameo for group in (self.verbs, self.nouns) for es in group.values() for e in es if e.cameo}
        codes |= {c for table in self.derive.values() for c in table.values()}
        return codes


def _rows(path: Path, width: int) -> Iterator[tuple[int, list[str]]]:
    """Data rows of a TSV file (comments and the header skipped), with their line numbers."""
    if not path.exists():
        raise ConfigError(f"lexicon table {path} is missing; reinstall dyadwatch or restore dyadwatch/data/lexicon")
    with path.open(encoding="utf-8", newline="") as handle:
        header_seen = False
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            if len(row) != width:
                raise ConfigError(
                    f"{path.name} line {number} has {len(row)} columns, expected {width}; fix the row's tabs"
                )
            yield number, [cell.strip() for cell in row]


@cache
def listed_words(folder: str, name: str) -> frozenset[str]:
    """The lower-cased first column of a two-column ``word<TAB>reason`` table (``data/<folder>/<name>``): the
    shape of the linking layer's word lists (undergoer, beneficiary and representative nouns, own-product and
    undergoing verbs), read in one place."""
    return frozenset(word.lower() for _line, (word, _reason) in _rows(data_path(folder, name), 2))


def kinded_words(folder: str, name: str) -> dict[str, frozenset[str]]:
    """kind -> lower-cased words of a three-column ``word<TAB>kind<TAB>reason`` table (``data/<folder>/<name>``):
    the shape of the non-event and type-word tables, read in one place."""
    out: dict[str, set[str]] = {}
    for _line, (word, kind, _reason) in _rows(data_path(folder, name), 3):
        out.setdefault(kind, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


def _opt(cell: str) -> str:
    return "" if cell == "-" else cell


def load_lexicon_from(folder: Path, base: bool = True) -> Lexicon:
    """Read a lexicon folder (the packaged one or a user's copy with the same files); ``base=False`` leaves out
    the base layer compiled from PETRARCH2's verb dictionary (for measuring what it adds)."""
    classes: dict[str, set[str]] = {}
    for _, (cls, lemma) in _rows(folder / "classes.tsv", 2):
        classes.setdefault(lemma.lower(), set()).add(cls)
    known_classes = {c for cs in classes.values() for c in cs}

    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for line, (lemma, pos, prt, obj, comp, cameo, mode, derive) in _rows(folder / "predicates.tsv", 8):
        obj_c = _opt(obj) or ANY
        comp_c = _opt(comp)
        for cls in (obj_c, comp_c):
            if cls and cls not in (ANY, SOME, NONE, ACTOR, EVENT, INF) and cls not in known_classes:
                raise ConfigError(f"predicates.tsv line {line} uses unknown class {cls!r}; add it to classes.tsv")
        if pos not in ("V", "N") or not (cameo.isdigit() or cameo == NULL_CODE):
            raise ConfigError(f"predicates.tsv line {line}: pos must be V or N and cameo a code or {NULL_CODE}, "
                              f"got {pos!r}/{cameo!r}")
        plover, _, mode_name = _opt(mode).rpartition(":")
        code = "" if cameo == NULL_CODE else cameo  # the null code: this predicate in this context is no event
        entry = Entry(lemma.lower(), pos, _opt(prt).lower(), obj_c, comp_c, code, mode_name or None,
                      plover or None, _opt(derive) or None, line)
        (verbs if pos == "V" else nouns).setdefault(entry.lemma, []).append(entry)

    derive: dict[str, dict[str, str]] = {}
    for _, (name, source, target) in _rows(folder / "derive.tsv", 3):
        derive.setdefault(name, {})[source] = target
    for group in (verbs, nouns):
        for entries in group.values():
            for e in entries:
                if e.derive and e.derive not in derive:
                    raise ConfigError(f"predicates.tsv line {e.line} names unknown derive map {e.derive!r}")

    modality: dict[str, set[str]] = {}
    for _, (word, kind) in _rows(folder / "modality.tsv", 2):
        modality.setdefault(word.lower(), set()).add(kind)
    anaphors = {noun.lower(): tuple(r.strip() for r in roots.split(","))
                for _, (noun, roots) in _rows(folder / "anaphors.tsv", 2)}

    lexicon = Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        classes={k: frozenset(v) for k, v in classes.items()},
        derive=derive,
        modality={k: frozenset(v) for k, v in modality.items()},
        anaphors=anaphors,
    )
    if not base:
        return lexicon
    return with_layers(lexicon, [read_base_layer(folder, derive_by_code(lexicon), set(lexicon.verbs))])


@lru_cache(maxsize=4)
def load_lexicon(petrarch_verbs: tuple[Path, ...] = (), builtin_verbs: bool = True, base: bool = True) -> Lexicon:
    """The packaged lexicon (hand-written rows over the compiled base layer), with a user's PETRARCH-format verb
    dictionaries on top; read once per process and combination."""
    lexicon = load_lexicon_from(data_path(FOLDER), base=base)
    if not petrarch_verbs:
        return lexicon
    derive = derive_by_code(lexicon)
    layers = [user_layer(Path(p), derive, load_ontology()) for p in petrarch_verbs]
    return with_layers(lexicon, layers, builtin_verbs=builtin_verbs)
