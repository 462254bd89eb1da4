"""Build the package's base actor tables from the Phoenix (PETRARCH2) actor, agent and discard dictionaries.

Why a generated base layer: the hand-written tables name about 800 actors; the field's dictionaries name tens of
thousands (country names and their cities and provinces, about 18,000 dated office holders, international
organisations, companies and NGOs, non-state armed groups, 2,000 agent nouns). They are read with the same
parser the program uses for ``Settings(petrarch_actors=...)`` (``dyadwatch.actors.petrarch``), turned into the
package's TSV format and written under ``dyadwatch/data/actors/phoenix_*.tsv`` with the MIT notice, source and
sha256 in ``MANIFEST.json``. At run time the hand-written tables win: a Phoenix phrase the hand tables also list is
left out (``dyadwatch.actors.tables``).

How the dictionaries' conventions become table rows:

* A block whose codes are all bare country codes (``AFGHANISTAN_ [AFG]`` with its synonyms, cities and provinces)
  gives ``country`` rows; a territory code (``[USAGUM]``) counts as its country.
* Other blocks of the country file are people: ``person`` rows, one per dated code (``[USAGOV 20090120-20170120]``;
  ``<date`` = until, ``>date`` = from). An undated code next to dated ones is the person's code outside those
  periods (CountryInfo's ``[AZEELI]`` after a term), written as the gaps between them. Open-ended terms stop at
  ``HORIZON``: the dictionaries were last edited in 2016, and later office holders come from
  ``office_holders.tsv``. A one-word name (a bare surname or first name) is left out.
* International organisations, companies and NGOs (``IGO``/``NGO``/``MNC`` codes) give ``org`` rows, armed groups
  ``group`` rows; people in those files (a code with dates) stay ``person`` rows.
* Agents (``MINISTER [~GOV]``) give ``role`` rows with their sectors; ``!PERSON!`` sets are expanded.
* Discards give ``phoenix_discards.tsv``: phrase, scope (``sentence`` or ``story``) and ``whole_word``. Bare
  years (1914-1999), "years ago" and phrases naming the past ("Second World War") mark historical chronologies
  for a coder without dates; dyadwatch dates events itself, so those rows get kind ``chronology`` and the rest
  (sports, entertainment, ...) ``topic``.

What cannot be expressed is counted and printed, never dropped silently: stems (PETRARCH matches words of five or
more letters as prefixes; rows match whole words), null codes, phrases that do not survive re-tokenisation.

Run: ``.venv/bin/python tools/build_phoenix_tables.py [--source ../shared/dictionaries/petrarch2]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pycountry

from dyadwatch.actors.petrarch import load_actors, load_agents
from dyadwatch.actors.tables import Entry, Gazetteer, tokenize

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "dyadwatch" / "data" / "actors"
DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
VERSION = "2026.12.1"
COLUMNS = ("phrase", "kind", "name", "country", "sectors", "code", "role", "start", "end", "note")
HORIZON = date(2017, 1, 1)  # last edits of the dictionaries: 2015-2016
UPSTREAM = "openeventdata/petrarch2 petrarch2/data/dictionaries, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf"
LICENCE = (
    "MIT License, Copyright (c) 2014 Open Event Data Alliance. Permission is hereby granted, free of charge, to any "
    "person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the "
    "Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, "
    "distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is "
    "furnished to do so, subject to the following conditions: The above copyright notice and this permission "
    "notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "
    "\"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED."
)
FILES = {
    "phoenix_countries.tsv": "Phoenix.Countries.actors.txt",
    "phoenix_international.tsv": "Phoenix.International.actors.txt",
    "phoenix_groups.tsv": "Phoenix.MilNonState.actors.txt",
    "phoenix_agents.tsv": "Phoenix.agents.txt",
    "phoenix_discards.tsv": "Phoenix.discards.txt",
}
# Discards about the past ("Second World War", "Napoleonic Wars", "years ago", "1942"): PETRARCH dropped
# historical chronologies for want of dates; dyadwatch dates events itself, so these rows are kind "chronology".
HISTORY_WORDS = frozenset({"war", "wars", "empire", "ago", "later", "century", "centuries", "millennium"})
ORG_HEADS = frozenset({"IGO", "NGO", "MNC"})
# Words written in lower case inside names ("Islamic Republic of Afghanistan"): a lower-case table word matches
# any casing, a capitalised one only capitalised text.
LOWER_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "de", "del", "la", "le", "du", "da",
                         "des", "y", "et", "von", "van", "der", "den", "al", "el", "bin", "ibn", "bint", "ul", "ud",
                         "e", "di", "do", "dos", "das"})  # fmt: skip
# Head nouns of institutions' names: an undated entry of the country file that has one is a state institution
# ("Department of State", "Assam Rifles"), else a person ("Edward Snowden").
INSTITUTION_NOUNS = frozenset(
    "department ministry agency agencies force forces army committee council party bureau service services police "
    "guard guards rifles intelligence assembly parliament court commission office directorate director declaration "
    "government regime administration senate congress navy corps front union brigade brigades movement "
    "organization organisation authority authorities cabinet bank fund institute command group league alliance "
    "militia coalition chamber board presidency secretariat house state states federation tribunal".split()
)
ISO3 = frozenset(c.alpha_3 for c in pycountry.countries) | {"KSV", "PSE", "TWN"}


def _sectors_known(agents: Gazetteer) -> frozenset[str]:
    """The CAMEO sector codes: every 3-letter part of an agent code, and the PLOVER sector list."""
    found = {s for pats in agents.exact.values() for p in pats for s in p.entry.sectors}
    plover = (ROOT / "dyadwatch" / "data" / "ontology" / "plover_sectors.tsv").read_text(encoding="utf-8")
    found |= {line.split("\t")[0] for line in plover.splitlines()[1:] if line}
    return frozenset(found | ORG_HEADS | {"ELI", "IMG"})


def _case(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """ALL-CAPS dictionary words -> news casing: "BARACK OBAMA" -> "Barack Obama", "UNICEF" stays an acronym."""
    if len(tokens) == 1 and sum(ch.isalpha() for ch in tokens[0]) <= 4:
        return (tokens[0].upper(),)  # "ETA", "IS": an acronym only matches as written
    out = []
    for t in tokens:
        low = t.lower()
        if low in LOWER_WORDS or not any(ch.isalpha() for ch in t):
            out.append(low)
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in t.split("-")))
    return tuple(out)


def _phrase(tokens: tuple[str, ...], counts: Counter[str]) -> str | None:
    text = " ".join(_case(tokens))
    if "|" in text or "\t" in text:
        counts["phrase with '|' or tab (not representable)"] += 1
        return None
    if tuple(t.lower() for t in tokenize(text)) != tuple(t.lower() for t in tokens if t):
        counts["phrase not surviving re-tokenisation"] += 1
        return None
    return text


def _row(**kw: object) -> list[str]:
    return ["" if kw.get(c) is None else str(kw.get(c)) for c in COLUMNS]


def _blocks(gaz: Gazetteer, counts: Counter[str]) -> dict[str, tuple[set[tuple[str, ...]], set[Entry]]]:
    """Entry name -> (phrase token tuples, entries): the dictionary's blocks as the parser read them."""
    out: dict[str, tuple[set[tuple[str, ...]], set[Entry]]] = defaultdict(lambda: (set(), set()))
    for table in (gaz.exact, gaz.stems):
        for patterns in table.values():
            for p in patterns:
                if p.stem:
                    counts["stem patterns matched as whole words"] += 1
                phrases, entries = out[p.entry.name]
                phrases.add(p.tokens)
                entries.add(p.entry)
    return out


def _gaps(terms: list[tuple[date | None, date | None]]) -> list[tuple[date | None, date | None]]:
    """The periods outside ``terms`` (for a default code): before the first, between, after the last."""
    spans = sorted((s or date.min, e or date.max) for s, e in terms)
    gaps: list[tuple[date | None, date | None]] = []
    cursor = date.min
    for s, e in spans:
        if s > cursor:
            gaps.append((None if cursor == date.min else cursor, s))
        cursor = max(cursor, e)
    if cursor < date.max:
        gaps.append((cursor, None))
    return gaps


def _split(code: str, sectors_known: frozenset[str]) -> tuple[str | None, tuple[str, ...]]:
    """``USAGOVMIL`` -> (``USA``, (``GOV``, ``MIL``)); ``ELI`` -> (None, (``ELI``,)); unknown parts are names
    of organisations (``IGOUNO``'s ``UNO``), not sectors."""
    head = code[:3]
    start = 0 if head not in ISO3 and head not in ORG_HEADS and head in sectors_known else 3
    parts = [code[i : i + 3] for i in range(start, len(code) - len(code) % 3, 3)]
    country = head if head in ISO3 or head in ORG_HEADS else None
    return country, tuple(s for s in parts if s in sectors_known)


def countryinfo_names(path: Path) -> set[str]:
    """Names of the entries the country file marks ``# CountryInfo.txt``, as ``load_actors`` names them.

    Why: those are CountryInfo's office holders (people); the file's other entries with sectors and no dates
    are state institutions ("KNESSET [ISRGOVLEG]", "FBI [USACOP]"). The parser drops comments, so the tool
    reads that mark itself.
    """
    names: set[str] = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if raw[:1] in (" ", "\t", "+") or "# CountryInfo" not in raw:
            continue
        text = re.sub(r"\[[^\]]*\]", "", raw.split("#", 1)[0]).strip()
        names.add(text.replace("_", " ").strip().title())
    return names


def english_words() -> frozenset[str]:
    """Words of the English lemmatizer's index (WordNet): a one-word name that is also one of these ("Youth",
    "Foundation", "Rice") would turn ordinary capitalised words into actors, so it is left out."""
    import spacy

    from dyadwatch.config import DEFAULT_MODELS

    for model in DEFAULT_MODELS:
        try:
            nlp = spacy.load(model, enable=["lemmatizer"])
        except OSError:
            continue
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(w for words in index.values() for w in words)
    raise SystemExit(f"none of {DEFAULT_MODELS} is installed; install one (see README) and run again")


def _common(text: str, words: frozenset[str]) -> bool:
    return " " not in text and not text.isupper() and text.lower() in words


def actor_rows(path: Path, file_kind: str, sectors_known: frozenset[str], words: frozenset[str],
               counts: Counter[str]) -> list[list[str]]:  # fmt: skip
    rows: list[list[str]] = []
    source = path.name
    people = countryinfo_names(path) if file_kind == "countries" else set()
    problems: list[str] = []
    gaz = load_actors(path, problems)
    counts[f"{file_kind}: malformed code blocks skipped"] += len(problems)
    for name, (phrases, entries) in sorted(_blocks(gaz, counts).items()):
        texts = sorted({t for t in (_phrase(p, counts) for p in phrases) if t})
        dated = [e for e in entries if e.start or e.end]
        undated = [e for e in entries if not (e.start or e.end)]
        display = " ".join(_case(tuple(name.split())))
        place = file_kind == "countries" and all(
            e.code and not _split(e.code, sectors_known)[1] for e in entries
        )
        if place:
            isos = sorted({e.code[:3] for e in entries if e.code and e.code[:3] in ISO3})
            counts["countries: non-ISO codes of places skipped (USR, YUG, ...)"] += len(
                {e.code for e in entries if e.code and e.code[:3] not in ISO3})
            for iso in isos:
                rows.append(_row(phrase="|".join(texts), kind="country", name=display, country=iso, code=iso,
                                 note=f"Phoenix {source}"))  # fmt: skip
                counts["countries: country rows"] += 1
            continue
        if file_kind == "countries":
            institution = any(w.lower() in INSTITUTION_NOUNS for w in name.split()) or name.isupper()
            kind = "person" if dated or name in people or not institution else "seat"  # "FBI [USACOP]": an agency
        else:
            kind = {"international": "org", "groups": "group"}[file_kind]
            if dated:
                kind = "person"  # "KOFI_ATTA_ANNAN_ [IGOUNO 970101-061231]"
        common = [t for t in texts if _common(t, words)]
        if common:
            counts[f"{kind}: one-word names that are English words, left out"] += len(common)
            texts = [t for t in texts if t not in common]
        if not texts:
            continue
        if kind == "person":
            # A bare name ("Abdullah", "Obama") is a first name or surname many people share; the resolver takes
            # a bare surname from an earlier full name in the article, and current leaders' from the hand table.
            single = [t for t in texts if " " not in t]
            counts["person: one-word names left out"] += len(single)
            texts = [t for t in texts if " " in t]
            if not texts:
                continue
        periods: list[tuple[Entry, date | None, date | None, list[str]]] = []
        for e in dated:
            start, end = e.start, e.end
            if end is None:
                if start is not None and start >= HORIZON:
                    counts["terms starting after the horizon (left to office_holders.tsv)"] += 1
                    continue
                end = HORIZON
                counts["open-ended terms closed at the horizon"] += 1
            periods.append((e, start, end, texts))
        if undated:
            multi = [t for t in texts if len(t.split()) > 1]
            if kind == "person" and dated:
                gaps = _gaps([(s, en) for _, s, en, _ in periods]) if periods else [(None, None)]
                for e in undated:
                    for s, en in gaps:
                        if multi:
                            periods.append((e, s, en, multi))
            else:
                for e in undated:
                    periods.append((e, None, None, texts))
        for e, start, end, used in periods:
            code = e.code or ""
            country, sectors = _split(code, sectors_known)
            if country is None and not sectors:
                counts[f"{file_kind}: codes naming no country or sector ({code[:3]})"] += 1
                if kind != "group":
                    continue
            rows.append(_row(
                phrase="|".join(used), kind=kind, name=display, country=country, sectors=",".join(sectors),
                code=code, start=start.isoformat() if start else None, end=end.isoformat() if end else None,
                note=f"Phoenix {source}",
            ))  # fmt: skip
            counts[f"{file_kind}: {kind} rows"] += 1
    return rows


def agent_rows(path: Path, counts: Counter[str]) -> list[list[str]]:
    by_code: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    for patterns in load_agents(path).exact.values():
        for p in patterns:
            text = " ".join(t.lower() for t in p.tokens)
            if "|" in text:
                counts["agents: phrase with '|'"] += 1
                continue
            if p.entry.prefix:
                counts["agents: front codes (NGO~) written as sectors"] += 1
            by_code[(p.entry.code or "", p.entry.sectors)].add(text)
    rows = []
    for (code, sectors), phrases in sorted(by_code.items()):
        if not sectors:
            counts["agents: codes naming no sector"] += 1
            continue
        for chunk in _chunks(sorted(phrases), 40):
            rows.append(_row(phrase="|".join(chunk), kind="role", name=chunk[0], sectors=",".join(sectors),
                             code=code, note=f"Phoenix {path.name}"))  # fmt: skip
        counts["agents: role phrases"] += len(phrases)
    return rows


def _chunks(items: list[str], n: int) -> list[list[str]]:
    return [items[i : i + n] for i in range(0, len(items), n)]


def discard_rows(path: Path, counts: Counter[str]) -> list[list[str]]:
    """``PHRASE`` (sentence) / ``+PHRASE`` (story); a trailing ``_`` means whole word, else a stem."""
    rows = [["phrase", "scope", "whole_word", "kind", "note"]]
    seen: set[tuple[str, str]] = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = re.sub(r"#.*$", "", raw).strip()
        if not line:
            continue
        scope = "story" if line.startswith("+") else "sentence"
        text = line.lstrip("+").strip()
        whole = text.endswith("_")
        text = " ".join(text.replace("_", " ").split()).lower()
        if not text or (text, scope) in seen:
            continue
        seen.add((text, scope))
        words = set(text.split())
        history = bool(words & HISTORY_WORDS) or any(w.isdigit() and len(w) == 4 for w in words)
        kind = "chronology" if history else "topic"
        rows.append([text, scope, "yes" if whole else "no", kind, f"Phoenix {path.name}"])
        counts[f"discards: {kind} {scope}"] += 1
    return rows


def write_tsv(path: Path, header: list[str] | tuple[str, ...], rows: list[list[str]]) -> None:
    lines = ["\t".join(header)]
    for row in rows:
        if any("\t" in cell or "\n" in cell for cell in row):
            raise SystemExit(f"{path.name}: a cell holds a tab or newline: {row}")
        lines.append("\t".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def update_manifest(source: Path) -> None:
    path = OUT / "MANIFEST.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    upstream = {name: hashlib.sha256((source / src).read_bytes()).hexdigest() for name, src in FILES.items()}
    for name, src in FILES.items():
        manifest["tables"][name] = {
            "version": VERSION,
            "source": f"generated by tools/build_phoenix_tables.py from {src} ({UPSTREAM})",
            "licence": LICENCE,
            "upstream_sha256": upstream[name],
            "sha256": hashlib.sha256((OUT / name).read_bytes()).hexdigest(),
        }
    manifest["tables"] = dict(sorted(manifest["tables"].items()))
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder of the Phoenix dictionaries")
    args = parser.parse_args()
    missing = [src for src in FILES.values() if not (args.source / src).is_file()]
    if missing:
        raise SystemExit(f"{args.source}: missing {', '.join(missing)}; pass --source DIR holding them")
    counts: Counter[str] = Counter()
    agents_path = args.source / FILES["phoenix_agents.tsv"]
    sectors_known = _sectors_known(load_agents(agents_path))
    words = english_words()
    for name, kind in (("phoenix_countries.tsv", "countries"), ("phoenix_international.tsv", "international"),
                       ("phoenix_groups.tsv", "groups")):  # fmt: skip
        write_tsv(OUT / name, COLUMNS, actor_rows(args.source / FILES[name], kind, sectors_known, words, counts))
    write_tsv(OUT / "phoenix_agents.tsv", COLUMNS, agent_rows(agents_path, counts))
    discards = discard_rows(args.source / FILES["phoenix_discards.tsv"], counts)
    write_tsv(OUT / "phoenix_discards.tsv", discards[0], discards[1:])
    update_manifest(args.source)
    for key, n in sorted(counts.items()):
        print(f"{n:8d}  {key}")


if __name__ == "__main__":
    main()
