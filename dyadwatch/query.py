"""Event queries checked before they run: a filter that can never match is an error that says so.

Why here, in the library: the CLI (``events``, ``series``, ``plot``, ``export``) and the HTTP server read the same
filters from users, and both must answer ``--source XYZ`` the same way: one line naming the bad value, the nearest
valid ones ("did you mean CHN?") and how to list them, instead of an empty table that looks like "no news".

Decisions:

- Actor codes are the codes the coder can produce: every ``country`` value of the packaged actor tables (ISO 3166
  alpha-3 countries, organisation codes such as ``UN``, ``EU``, ``NATO``). ``dyadwatch codes actors`` lists them.
- A country or organisation NAME ("China", "united states", "NATO") is resolved to its code when it is exactly one
  of the tables' names or aliases (case-insensitive); the resolution is reported as a note (the CLI prints it on
  stderr), so a script sees what was queried. Anything else gets the did-you-mean error.
- ``type`` accepts a PLOVER type (current or PLOVER 0.5b1 name, case-insensitive) or a CAMEO code (2-4 digits,
  leading zero optional when unambiguous). A CAMEO code filters on the stored ``cameo`` column by prefix, which is
  CAMEO's own hierarchy: ``12`` is every REJECT code, ``121`` is 121 and its 1211..1214 children.
- ``since`` after ``until`` is an error (the range is empty), not an empty answer.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from dyadwatch.errors import NothingFound, QueryError
from dyadwatch.tables import data_path

# Actor tables whose ``country`` column names the codes events can carry, and whose names a user may type.
ACTOR_TABLES = ("countries.tsv", "country_aliases.tsv", "organisations.tsv", "groups.tsv", "regions.tsv")
NAME_TABLES = ("countries.tsv", "country_aliases.tsv", "organisations.tsv")
LIST_ACTORS = "dyadwatch codes actors"
LIST_TYPES = "dyadwatch codes types"


@dataclass(frozen=True, slots=True)
class ActorCodes:
    """Valid actor codes with a display name each, and the names/aliases that resolve to a code."""

    names: dict[str, str]  # code -> display name
    kinds: dict[str, str]  # code -> country | org
    aliases: dict[str, str]  # casefolded name or alias -> code


@lru_cache(maxsize=1)
def actor_codes() -> ActorCodes:
    """The codes and names from the packaged actor tables (read once per process)."""
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for table in ACTOR_TABLES:
        with data_path("actors", table).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                code = (row.get("country") or "").strip()
                if not code:
                    continue
                kind = (row.get("kind") or "").strip()
                if code not in names or (kind == "country" and kinds[code] != "country"):
                    names[code] = (row.get("name") or code).strip()
                    kinds[code] = "org" if kind == "org" else "country"
                if table in NAME_TABLES:
                    for phrase in [row.get("name") or "", *(row.get("phrase") or "").split("|")]:
                        key = phrase.strip().casefold()
                        if key and key not in aliases:
                            aliases[key] = code
    return ActorCodes(names, kinds, aliases)


def _suggest(value: str, choices: dict[str, str], limit: int = 3) -> list[str]:
    """Nearest keys of ``choices`` to ``value`` (rapidfuzz over the keys and their display names)."""
    from rapidfuzz import fuzz, process

    key = value.strip().upper()
    scored: dict[str, float] = {}
    for target in (list(choices), [f"{c} {n}" for c, n in choices.items()]):
        for _match, score, index in process.extract(key, target, scorer=fuzz.WRatio, limit=limit * 2,
                                                   processor=str.upper):
            code = list(choices)[index]
            scored[code] = max(scored.get(code, 0.0), float(score))
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
    return [code for code, score in ranked[:limit] if score >= 50]


def _did_you_mean(codes: list[str], names: dict[str, str]) -> str:
    if not codes:
        return ""
    shown = " or ".join(f"{c} ({names[c]})" if names.get(c) and names[c] != c else c for c in codes)
    return f"did you mean {shown}? "


def resolve_actor(value: str, what: str = "actor") -> tuple[str, str | None]:
    """A valid actor code for ``value`` and a note when a name was read as a code; QueryError otherwise."""
    table = actor_codes()
    raw = value.strip()
    code = raw.upper()
    if code in table.names:
        return code, None
    by_name = table.aliases.get(raw.casefold())
    if by_name:
        return by_name, f"{what} {value!r} read as {by_name} ({table.names.get(by_name, by_name)})"
    hint = _did_you_mean(_suggest(raw, table.names), table.names)
    raise QueryError(
        f"unknown {what} code {value!r}: no country or organisation has it; {hint}"
        f"list the codes with `{LIST_ACTORS}`"
    )


@dataclass(frozen=True, slots=True)
class EventTypes:
    plover: dict[str, str]  # PLOVER type -> its quad category
    old_names: dict[str, str]  # PLOVER 0.5b1 name -> current name
    cameo: dict[str, str]  # CAMEO code -> name


@lru_cache(maxsize=1)
def event_types() -> EventTypes:
    from dyadwatch.ontology import load_ontology

    ont = load_ontology()
    plover = {t.name: t.quad for t in ont.plover_types()}
    cameo = {code: ont.cameo_name(code) for code in ont.cameo_codes()}
    return EventTypes(plover, dict(ont.old_names), cameo)


def resolve_type(value: str) -> tuple[str | None, str | None, str | None]:
    """``(plover, cameo_prefix, note)`` for a PLOVER type name or a CAMEO code; QueryError otherwise."""
    types = event_types()
    raw = value.strip()
    key = raw.upper()
    if key in types.plover:
        return key, None, None
    if key in types.old_names:
        new = types.old_names[key]
        return new, None, f"type {value!r} is the PLOVER 0.5b1 name of {new}"
    if key.isdigit():
        if key in types.cameo:
            return None, key, f"type {value!r} read as CAMEO {key} ({types.cameo[key]})"
        padded = [p for p in (key.zfill(w) for w in (2, 3, 4)) if p != key and p in types.cameo]
        if len(padded) == 1:
            code = padded[0]
            return None, code, f"type {value!r} read as CAMEO {code} ({types.cameo[code]})"
        near = [c for c in types.cameo if c.startswith(key[:2])][:3] or padded[:3]
        hint = _did_you_mean(near, types.cameo)
        raise QueryError(
            f"unknown CAMEO event code {value!r}: not in the CAMEO 1.1b3 codebook; {hint}"
            f"list the codes with `{LIST_TYPES} --cameo`"
        )
    choices = {**types.plover, **{old: f"old name of {new}" for old, new in types.old_names.items()}}
    hint = _did_you_mean(_suggest(raw, {k: "" for k in choices}), {})
    raise QueryError(
        f"unknown event type {value!r}: not a PLOVER type or a CAMEO code; {hint}"
        f"list the types with `{LIST_TYPES}`"
    )


def check_dates(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise QueryError(
            f"empty date range: since {since.isoformat()} is after until {until.isoformat()}; swap them"
        )


@dataclass(frozen=True, slots=True)
class EventQuery:
    """A checked query: codes resolved, type split into PLOVER or CAMEO prefix, dates in order."""

    source: str | tuple[str, ...] | None = None  # one code, or several (any of them)
    target: str | tuple[str, ...] | None = None
    plover: str | None = None
    cameo: str | None = None
    since: date | None = None
    until: date | None = None
    notes: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        """The filters in words, for messages (``source CHN, type REJECT, since 2024-11-01``)."""
        parts = [f"{k} {v if isinstance(v, str) else ' or '.join(v)}"
                 for k, v in (("source", self.source), ("target", self.target), ("type", self.plover),
                              ("CAMEO", self.cameo)) if v]
        parts += [f"{k} {v.isoformat()}" for k, v in (("since", self.since), ("until", self.until)) if v]
        return ", ".join(parts) or "no filters"

    def to_filter(self, **options: Any) -> Any:
        """The store's ``EventFilter`` for this query (``options``: include_uncounted, limit, ...)."""
        from dyadwatch.store import EventFilter

        return EventFilter(source=self.source, target=self.target, plover=self.plover, cameo=self.cameo,
                           since=self.since, until=self.until, **options)

    def nothing_found(self, where: str, what: str = "events", widen: str = "--since/--until, --all") -> NothingFound:
        """The one message every front end gives for a valid query without results; ``widen`` names the options
        the asking command has (``plot`` and ``series`` have no ``--all``)."""
        return NothingFound(
            f"no {what} match {self.describe()} in {where}; widen the filters ({widen}) "
            "or ingest articles that report them"
        )


ActorValue = str | Sequence[str] | None


def _actor_values(value: ActorValue) -> list[str]:
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p and p.strip()]


def parse_query(*, source: ActorValue = None, target: ActorValue = None, type: str | None = None,
                since: date | None = None, until: date | None = None, several: bool = True) -> EventQuery:
    """Check and resolve user filters; raises QueryError (one line: the bad value, did-you-mean, how to list).

    ``source``/``target`` take one code or name, or several (a comma-separated string or a sequence: "USA,TWN"
    means either) unless ``several`` is False (a dyad has one actor per side).
    """
    notes: list[str] = []
    codes: dict[str, str | tuple[str, ...] | None] = {}
    for what, value in (("source", source), ("target", target)):
        values = _actor_values(value)
        if len(values) > 1 and not several:
            raise QueryError(f"{what} {value!r} names {len(values)} actors; give one code per side, e.g. USA")
        resolved = []
        for one in values:
            code, note = resolve_actor(one, what)
            resolved.append(code)
            if note:
                notes.append(note)
        codes[what] = None if not resolved else resolved[0] if len(resolved) == 1 else tuple(resolved)
    plover = cameo = None
    if type is not None and type.strip():
        plover, cameo, note = resolve_type(type)
        if note:
            notes.append(note)
    check_dates(since, until)
    return EventQuery(codes["source"], codes["target"], plover, cameo, since, until, tuple(notes))


def list_actor_codes(search: str | None = None) -> list[dict[str, str]]:
    """Rows ``{code, name, kind}`` for ``dyadwatch codes actors`` (optionally filtered by a substring)."""
    table = actor_codes()
    rows = [{"code": c, "name": table.names[c], "kind": table.kinds.get(c, "")} for c in sorted(table.names)]
    return _search(rows, search)


def list_event_types(search: str | None = None, *, cameo: bool = False) -> list[dict[str, str]]:
    """Rows for ``dyadwatch codes types``: PLOVER types (and their CAMEO roots), or every CAMEO code."""
    from dyadwatch.ontology import load_ontology

    ont = load_ontology()
    if cameo:
        rows = [{"code": c, "name": ont.cameo_name(c), "plover": ont.cameo(c).plover} for c in ont.cameo_codes()]
    else:
        rows = [{"type": t.name, "quad": t.quad, "cameo_roots": ",".join(t.cameo_roots)} for t in ont.plover_types()]
    return _search(rows, search)


def _search(rows: list[dict[str, str]], search: str | None) -> list[dict[str, str]]:
    if not search:
        return rows
    needle = search.casefold()
    return [r for r in rows if any(needle in str(v).casefold() for v in r.values())]
