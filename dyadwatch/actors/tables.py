"""Actor tables: loading the packaged TSVs (and users' own) into one phrase gazetteer.

Why one gazetteer for every kind of entry (countries, demonyms, capitals, seats of power, organisations, groups,
office holders, roles, PETRARCH entries): the resolver needs a single longest-match pass over the tokens so that
"Communist Party of China" wins over "China" and "House Speaker" over "Speaker", whatever table each came from.

Table format (tab-separated, header line, ``|`` separates alternative phrases in one row)::

    phrase  kind  name  country  sectors  code  role  start  end  note

``kind`` is one of ``KINDS``; ``country`` an ISO 3166 alpha-3 code or an organisation code (``UN``, ``NATO``);
``sectors`` comma-separated CAMEO/PLOVER sector codes; ``start``/``end`` ISO dates bounding when the entry holds
(``end`` exclusive; empty = open). Only ``phrase`` and ``kind`` are required.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from dyadwatch.errors import ConfigError
from dyadwatch.tables import LazyValues, data_path, files_key, read_compiled, write_compiled

KINDS = frozenset(
    {
        "country",
        "demonym",
        "capital",
        "city",
        "region",
        "seat",
        "org",
        "group",
        "person",
        "role",
        "trait",
        "petrarch-actor",
        "petrarch-agent",
    }
)
# Kinds that name who an actor belongs to (a country, organisation or group), as opposed to what it does (role).
PLACE_KINDS = frozenset({"country", "demonym", "capital", "city", "region", "seat", "org", "group", "petrarch-actor"})
BUILTIN_TABLES = (
    "countries.tsv", "country_aliases.tsv", "demonyms.tsv", "seats.tsv", "agencies.tsv", "organisations.tsv",
    "groups.tsv", "roles.tsv", "office_holders.tsv", "cities.tsv", "ethnic_groups.tsv", "regions.tsv",
    "domestic_roles.tsv", "parties.tsv", "subdivisions.tsv",
)  # fmt: skip
# Names several states give their own institution ("Congress"): read apart from the gazetteer, and used only when
# the article's context names one of those states (``shared_names``).
SHARED_NAMES_TABLE = "shared_names.tsv"
TRAITS_TABLE = "country_traits.tsv"
# The base layer under the hand-written tables: generated from the Phoenix (PETRARCH2) dictionaries by
# tools/build_phoenix_tables.py. A phrase the hand-written tables list is theirs (see ``overlay``).
BASE_TABLES = ("phoenix_countries.tsv", "phoenix_international.tsv", "phoenix_groups.tsv", "phoenix_agents.tsv")
COMPILED_FORMAT = "actors-3"  # 2: with the office-holder index (``Gazetteer.office_holders``); 3: prefixes joined


@dataclass(frozen=True, slots=True)
class Entry:
    """One meaning of a phrase: who it names (country/organisation), what it does (sectors), and when."""

    kind: str
    name: str
    country: str | None = None
    sectors: tuple[str, ...] = ()
    code: str | None = None
    role: str | None = None
    start: date | None = None
    end: date | None = None
    source: str = ""
    # PETRARCH agents: True when the agent code goes before the actor code ("NGO~"), not after ("~GOV").
    prefix: bool = False

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Pattern:
    """The surface tokens of a phrase; ``stem`` lets the last token match as a prefix (PETRARCH stems)."""

    tokens: tuple[str, ...]
    entry: Entry
    stem: bool = False

    def case_ok(self, words: list[str]) -> bool:
        """Capitalised table phrases only match capitalised text; short acronyms ("US", "UN") match exactly.

        Why: "US" must not match "us", "Amnesty" the institution not "an amnesty", "General" the rank not
        "general" the adjective; roles are written in lower case and match in any case.
        """
        for want, got in zip(self.tokens, words, strict=False):
            if not any(ch.isupper() for ch in want):
                continue
            letters = [ch for ch in want if ch.isalpha()]
            if letters and all(ch.isupper() for ch in letters) and len(letters) <= 4:
                if got != want and got.rstrip(".") != want.rstrip("."):
                    return False
            elif want[:1].isupper() and not got[:1].isupper():
                return False
        return True


# Between the words of a phrase prefix (``Gazetteer.prefixes``). Were a word ever to hold it, a prefix could only
# match too often, which makes ``lookup`` try a longer window, whose phrase lookup (on word tuples) then fails.
PREFIX_SEP = "\x1f"


@dataclass(slots=True)
class Gazetteer:
    """Phrases -> entries, indexed by lower-cased token tuples for longest-match lookup."""

    exact: dict[tuple[str, ...], list[Pattern]] = field(default_factory=dict)
    stems: dict[str, list[Pattern]] = field(default_factory=dict)  # first 3 letters of the stem's first token
    max_len: int = 1
    islands: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> canonical name
    # First token of every exact phrase: most tokens start none, and the resolver skips them without a lookup.
    firsts: set[str] = field(default_factory=set)
    # Every leading part of every exact phrase, its words joined by ``PREFIX_SEP``: ``lookup`` tries only lengths
    # some phrase could have there. Strings, not tuples: the compiled cache reads 80,000 strings into a set in a
    # fifth of the time it takes for tuples, and a join costs ``lookup`` what building the tuple did.
    prefixes: set[str] = field(default_factory=set)
    stem_max: int = 0  # longest stem pattern
    # (country, office lower-cased) -> people who held it: built on first use, or read from the compiled cache.
    holders: Mapping[tuple[str, str], list[Entry]] | None = field(default=None, repr=False, compare=False)

    def add(self, tokens: tuple[str, ...], entry: Entry, stem: bool = False) -> None:
        if not tokens:
            return
        self.holders = None  # a new phrase may name a new office holder
        pattern = Pattern(tokens, entry, stem)
        if entry.kind == "country" and entry.country:
            self.country_names.setdefault(entry.country, entry.name)
        if stem:
            self.stems.setdefault(tokens[0].lower()[:3], []).append(pattern)
            self.stem_max = max(self.stem_max, len(tokens))
        else:
            key = tuple(t.lower() for t in tokens)
            self.exact.setdefault(key, []).append(pattern)
            self.firsts.add(key[0])
            self.prefixes.update(PREFIX_SEP.join(key[:k]) for k in range(1, len(key) + 1))
        self.max_len = max(self.max_len, len(tokens))

    def extend(self, other: Gazetteer) -> None:
        if not self.exact and not self.stems:  # the common case (built-in tables first): copy, don't re-add
            self.exact = {k: list(v) for k, v in other.exact.items()}
            self.stems = {k: list(v) for k, v in other.stems.items()}
            self.firsts, self.prefixes = set(other.firsts), set(other.prefixes)
            self.max_len, self.stem_max = other.max_len, other.stem_max
            self.islands, self.country_names = other.islands, dict(other.country_names)
            return
        for patterns in other.exact.values():
            for p in patterns:
                self.add(p.tokens, p.entry, p.stem)
        for patterns in other.stems.values():
            for p in patterns:
                self.add(p.tokens, p.entry, p.stem)
        self.islands = self.islands | other.islands
        for code, name in other.country_names.items():
            self.country_names.setdefault(code, name)

    def office_holders(self) -> Mapping[tuple[str, str], list[Entry]]:
        """(country, office lower-cased) -> every person of the exact phrases who held it, in table order.

        Why kept with the tables: finding them means looking at every phrase's entry, which on the compiled
        tables decoded all 60,000 patterns (about a second, the first time an article named an office without a
        name: "the prime minister"); the compiled cache stores this index, so it costs nothing there.
        """
        if self.holders is None:
            self.holders = holder_index(self.exact.values())
        return self.holders

    def extensions(self, key: tuple[str, ...]) -> Iterator[Entry]:
        """Entries of the longer exact phrases that begin with ``key`` ("king abdullah ii" for "king abdullah").

        A scan of every phrase: meant for rare checks (a titled name out of office), not the matching loop.
        """
        n = len(key)
        for other in self.exact:  # keys only: on the compiled tables ``items()`` would decode every phrase
            if len(other) > n and other[:n] == key:
                yield from (p.entry for p in self.exact[other])

    def may_start(self, lower: str, lemma: str) -> bool:
        """False when no phrase can start at a token (so ``lookup`` there would find nothing): a cheap pre-check."""
        return lower in self.firsts or lemma in self.firsts or lower[:3] in self.stems

    def lookup(self, lowers: list[str], words: list[str], lemmas: list[str]) -> list[tuple[int, list[Entry]]]:
        """All ``(length, entries)`` that match at the start of the token window, longest first."""
        found: list[tuple[int, list[Entry]]] = []
        top = min(self.max_len, len(lowers))
        # Longer windows cannot match: neither the words nor the lemmas begin any phrase that long, and no stem
        # pattern of this first word is that long. (Same result as trying every length, far fewer tuples built.)
        stems = self.stems.get(lowers[0][:3], ()) if lowers else ()
        reach = min(max((len(p.tokens) for p in stems), default=0), top)
        prefixes = self.prefixes
        for seq in (lowers, lemmas):
            n = 0
            key = seq[0] if top else ""
            while n < top and key in prefixes:  # key: the first n + 1 words joined by PREFIX_SEP
                n += 1
                if n < top:
                    key = f"{key}{PREFIX_SEP}{seq[n]}"
            reach = max(reach, n)
        for n in range(reach, 0, -1):
            entries: list[Entry] = []
            # The surface form first, then the lemma form (a list, not a set: the order must not depend on hashing)
            word_key, lemma_key = tuple(lowers[:n]), tuple(lemmas[:n])
            for key in (word_key,) if lemma_key == word_key else (word_key, lemma_key):
                for p in self.exact.get(key, ()):
                    use_lemma = key != word_key
                    if use_lemma and p.entry.kind not in ("role", "petrarch-agent"):
                        continue
                    if p.case_ok(words[:n]) and p.entry not in entries:
                        entries.append(p.entry)
            for p in stems:
                if len(p.tokens) == n and _stem_match(p.tokens, lowers[:n]) and p.case_ok(words[:n]):
                    entries.append(p.entry)
            if entries:
                found.append((n, entries))
        return found


def holder_index(phrases: Iterable[list[Pattern]]) -> dict[tuple[str, str], list[Entry]]:
    """People with a country and an office, by (country, office lower-cased), each once, in the order given."""
    index: dict[tuple[str, str], list[Entry]] = {}
    for patterns in phrases:
        for p in patterns:
            e = p.entry
            if e.kind == "person" and e.country and e.role:
                bucket = index.setdefault((e.country, e.role.lower()), [])
                if e not in bucket:
                    bucket.append(e)
    return index


def _stem_match(tokens: tuple[str, ...], lowers: list[str]) -> bool:
    *body, last = (t.lower() for t in tokens)
    return list(body) == lowers[:-1] and lowers[-1].startswith(last)


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    """spaCy's rule-based English tokenizer (no model): table phrases split exactly as article text does."""
    import spacy

    return spacy.blank("en").tokenizer


def tokenize(phrase: str) -> tuple[str, ...]:
    words = tuple(t.text for t in _tokenizer()(phrase.strip()))
    if len(words) > 1 and words[0].lower() == "the":  # the article belongs to the noun phrase, not the name
        words = words[1:]
    return words


def _variants(phrase: str) -> Iterator[str]:
    """British and American spellings of the same title, so tables list each once."""
    yield phrase
    for a, b in (("defence", "defense"), ("Defence", "Defense"), ("adviser", "advisor")):
        if a in phrase:
            yield phrase.replace(a, b)
        elif b in phrase:
            yield phrase.replace(b, a)


def _date(value: str, path: Path, line: int) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{path}:{line}: bad date {value!r}; write dates as YYYY-MM-DD") from None


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if not reader.fieldnames or "phrase" not in reader.fieldnames or "kind" not in reader.fieldnames:
                raise ConfigError(
                    f"actor table {path} has no 'phrase' and 'kind' columns; start it with a tab-separated "
                    "header: phrase, kind, name, country, sectors, code, role, start, end, note"
                )
            for i, row in enumerate(reader, start=2):
                yield i, {k: (v or "").strip() for k, v in row.items() if k}
    except OSError as err:
        raise ConfigError(f"cannot read actor table {path} ({err.strerror}); check the path") from None
    except UnicodeDecodeError:
        raise ConfigError(f"actor table {path} is not UTF-8; re-save it as UTF-8") from None


def load_table(path: Path, source: str | None = None) -> Gazetteer:
    """Read one table in the package's TSV format into a gazetteer."""
    gaz = Gazetteer()
    islands: set[str] = set()
    for line, row in read_rows(path):
        kind = row["kind"]
        if kind not in KINDS:
            raise ConfigError(f"{path}:{line}: unknown kind {kind!r}; use one of {', '.join(sorted(KINDS))}")
        country = row.get("country") or None
        if kind == "trait":
            if country:
                islands.add(country)
            continue
        sectors = tuple(s for s in (row.get("sectors") or "").replace(" ", "").split(",") if s)
        for phrase in (row.get("phrase") or "").split("|"):
            for variant in _variants(phrase.strip()):
                if not variant:
                    continue
                entry = Entry(
                    kind=kind,
                    name=variant.lower() if kind == "role" else (row.get("name") or variant),
                    country=country,
                    sectors=sectors,
                    code=row.get("code") or None,
                    role=row.get("role") or None,
                    start=_date(row.get("start", ""), path, line),
                    end=_date(row.get("end", ""), path, line),
                    source=source or path.name,
                )
                gaz.add(tokenize(variant), entry)
    gaz.islands = frozenset(islands)
    return gaz


def load_tables(paths: Iterable[Path]) -> Gazetteer:
    gaz = Gazetteer()
    for path in paths:
        gaz.extend(load_table(Path(path)))
    return gaz


def overlay(hand: Gazetteer, base: Gazetteer) -> Gazetteer:
    """The hand-written tables on top of the base layer: a base phrase the hand tables also list is left out,
    and so is every phrase of a base person the hand tables name (their dated offices win, "Barack Obama")."""
    people = {k for k, ps in hand.exact.items() if any(p.entry.kind == "person" for p in ps)}
    out = Gazetteer()
    out.extend(hand)
    for table in (base.exact, base.stems):
        for patterns in table.values():
            for p in patterns:
                lowered = tuple(t.lower() for t in p.tokens)
                if lowered in hand.exact:
                    continue
                if p.entry.kind == "person" and tuple(p.entry.name.lower().split()) in people:
                    continue
                out.add(p.tokens, p.entry, p.stem)
    out.islands = hand.islands | base.islands
    for code, name in base.country_names.items():
        out.country_names.setdefault(code, name)
    return out


def _build_builtin(with_base: bool) -> Gazetteer:
    hand = Gazetteer()
    for name in (*BUILTIN_TABLES, TRAITS_TABLE):
        hand.extend(load_table(data_path("actors", name), source=f"actors/{name}"))
    base = Gazetteer()
    for name in BASE_TABLES if with_base else ():
        base.extend(load_table(data_path("actors", name), source=f"actors/{name}"))
    return overlay(hand, base)


_SEP = "\x1f"


def _day(iso: str) -> date | None:
    return date.fromisoformat(iso) if iso else None


def to_plain(gaz: Gazetteer) -> dict[str, object]:
    """The gazetteer as plain data (lists, maps, strings, ints) for the compiled cache."""
    entries: dict[Entry, int] = {}
    patterns: list[tuple[tuple[str, ...], int, bool]] = []
    pattern_ids: dict[int, int] = {}

    def pid(p: Pattern) -> int:
        if id(p) not in pattern_ids:
            pattern_ids[id(p)] = len(patterns)
            patterns.append((p.tokens, entries.setdefault(p.entry, len(entries)), p.stem))
        return pattern_ids[id(p)]

    exact = {k: tuple(pid(p) for p in ps) for k, ps in gaz.exact.items()}  # tuples: "still to decode"
    stems = {k: tuple(pid(p) for p in ps) for k, ps in gaz.stems.items()}
    holders = {k: tuple(entries[e] for e in es) for k, es in gaz.office_holders().items()}  # entries of ``exact``
    # One string per entry and per pattern (fields joined by a control character): unpacking 50,000 short
    # strings is several times faster than unpacking 50,000 ten-field arrays, and most are never split.
    rows = [
        _SEP.join((e.kind, e.name, e.country or "", ",".join(e.sectors), e.code or "", e.role or "",
                   e.start.isoformat() if e.start else "", e.end.isoformat() if e.end else "", e.source,
                   "1" if e.prefix else ""))
        for e in entries
    ]  # fmt: skip
    packed = [f"{i}{_SEP}{'1' if stem else ''}{_SEP}{_SEP.join(toks)}" for toks, i, stem in patterns]
    return {"format": COMPILED_FORMAT, "entries": rows, "patterns": packed, "exact": exact, "stems": stems,
            "firsts": sorted(gaz.firsts), "prefixes": sorted(gaz.prefixes), "max_len": gaz.max_len,
            "stem_max": gaz.stem_max, "islands": sorted(gaz.islands),
            "country_names": gaz.country_names, "holders": holders}  # fmt: skip


def from_plain(data: object) -> Gazetteer | None:
    """Rebuild a gazetteer from ``to_plain`` data; None when the data is not of this format."""
    if not isinstance(data, dict) or data.get("format") != COMPILED_FORMAT:
        return None
    try:
        rows, raw_patterns = data["entries"], data["patterns"]
        entries: list[Entry | None] = [None] * len(rows)
        patterns: list[Pattern | None] = [None] * len(raw_patterns)

        def entry(i: int) -> Entry:
            e = entries[i]
            if e is None:
                k, n, c, sec, code, role, s, end, src, pre = rows[i].split(_SEP)
                e = entries[i] = Entry(k, n, c or None, tuple(x for x in sec.split(",") if x), code or None,
                                       role or None, _day(s), _day(end), src, bool(pre))  # fmt: skip
            return e

        def decode(ids: tuple[int, ...]) -> list[Pattern]:
            out = []
            for i in ids:
                p = patterns[i]
                if p is None:
                    e, stem, *toks = raw_patterns[i].split(_SEP)
                    p = patterns[i] = Pattern(tuple(toks), entry(int(e)), bool(stem))
                out.append(p)
            return out

        gaz = Gazetteer()
        gaz.exact = LazyValues(data["exact"], decode)
        gaz.stems = {k: decode(ids) for k, ids in data["stems"].items()}
        gaz.firsts = set(data["firsts"])
        gaz.prefixes = set(data["prefixes"])
        gaz.max_len, gaz.stem_max = int(data["max_len"]), int(data["stem_max"])
        gaz.islands = frozenset(data["islands"])
        gaz.country_names = dict(data["country_names"])
        gaz.holders = LazyValues(data["holders"], lambda ids: [entry(i) for i in ids])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None
    return gaz


def builtin_key(with_base: bool = True) -> str:
    """The compiled cache's key: the tables' contents, the compiled format and the tokenizer's version."""
    import spacy

    from dyadwatch import __version__

    names = (*BUILTIN_TABLES, TRAITS_TABLE, *(BASE_TABLES if with_base else ()))
    return files_key([data_path("actors", n) for n in names], COMPILED_FORMAT, __version__, spacy.__version__)


@lru_cache(maxsize=1)
def shared_names() -> dict[tuple[str, ...], dict[str, Entry]]:
    """Lower-cased phrase -> {state: its own institution of that name} ("congress" -> IND: the party, MEX: the
    legislature). The gazetteer's meaning ("Congress" -> US Congress) holds unless the article is about one of
    these states."""
    gaz = load_table(data_path("actors", SHARED_NAMES_TABLE), source=f"actors/{SHARED_NAMES_TABLE}")
    out: dict[tuple[str, ...], dict[str, Entry]] = {}
    for key, patterns in gaz.exact.items():
        for p in patterns:
            if p.entry.country:
                out.setdefault(key, {}).setdefault(p.entry.country, p.entry)
    return out


@lru_cache(maxsize=2)
def builtin_gazetteer(with_base: bool = True) -> Gazetteer:
    """The package's own tables (hand-written over the Phoenix base), loaded once per process.

    Tokenising some 150,000 phrases with spaCy takes seconds, so the result is compiled once into the user's
    cache directory (keyed by the tables' sha256) and read back from there at later starts.
    """
    key = builtin_key(with_base)
    name = "actors" if with_base else "actors-hand"
    gaz = from_plain(read_compiled(name, key))
    if gaz is None:
        gaz = _build_builtin(with_base)
        write_compiled(name, key, to_plain(gaz))
    return gaz
