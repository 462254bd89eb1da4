"""The two event ontologies users work with, CAMEO and PLOVER, and the bridge between them.

Design decisions (documented here because users aggregate on them):

* **Weights come from CAMEO, types from PLOVER.** ``EventType.goldstein`` is GDELT's published Goldstein weight
  (falling back to the parent code when GDELT's table lacks a code, e.g. 1213 -> 121) and ``quad_class`` is
  GDELT's QuadClass by CAMEO root, so Goldstein/QuadClass aggregates match GDELT and ICEWS exactly.
  ``plover``/``mode``/``context`` follow the official CAMEO2PLOVER-2021 table (modes and contexts renamed to
  the manual's current vocabulary where the 2021 table uses retired names: see ``plover_aliases.tsv``).
* **CAMEO 01 (statements) and 02 (appeals) are kept**, though PLOVER drops them, so Goldstein and QuadClass
  series stay complete. 02x appeals read as REQUEST (the manual: "all requests, demands, and orders"), with the
  mode/context of the parallel 10x demand; 015 -> AGREE and 016 -> REJECT per the manual's translation note;
  018/019 -> SUPPORT by definition. The remaining statements (01, 010-014, 017) get the nearest type with
  basis ``"nearest"`` and **no PLOVER score** (``plover_score=None``): PLOVER has no category for them, so they
  must not move PLOVER-score aggregates. Filter with ``ont.plover_basis(code) != "nearest"`` for strict PLOVER
  counts.
* **SANCTION is material conflict** (quad 4): its own manual section and the manual's summary table say so,
  and CAMEO root 16 is QuadClass 4; only the manual's quad table lists it under verbal conflict.
* **ACCUSE's category score is -3**: the manual prints "3" but all its modes are negative.
* ``cameo_for_plover`` uses official CAMEO2PLOVER codes (REQUEST meet -> 106 "Demand meeting", not 026
  "Appeal to others to meet"), so the CAMEO code's QuadClass agrees with the PLOVER type's quad; where no
  official code has the mode, ``plover2cameo_overrides.tsv`` names one, else the type's general code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from dyadwatch.errors import ConfigError
from dyadwatch.ontology.model import BASES, CameoCode, PloverMode, PloverType, quad_class_of_root
from dyadwatch.records import EventType


def _f(value: str) -> float | None:
    return float(value) if value.strip() else None


def _norm_name(name: object) -> str:
    return str(name).strip().upper() if isinstance(name, str) else ""


@dataclass(frozen=True, slots=True)
class Ontology:
    """CAMEO codes, PLOVER types/modes/contexts and the CAMEO->PLOVER mapping, loaded from package data.

    Build it with :func:`dyadwatch.ontology.load_ontology` (cached); all fields are read-only mappings.
    """

    codes: Mapping[str, CameoCode]
    types: Mapping[str, PloverType]
    old_names: Mapping[str, str]
    contexts: Mapping[str, str]
    sectors: Mapping[str, str]
    auxiliary_modes: tuple[str, ...]
    plover2cameo: Mapping[tuple[str, str], str]
    table_versions: tuple[tuple[str, str], ...]
    default_types: Mapping[str, EventType]

    @property
    def versions(self) -> dict[str, str]:
        """``{table file: version}`` for every ontology table (a fresh dict: JSON-ready, safe to modify)."""
        return dict(self.table_versions)

    # ------------------------------------------------------------------------------------------------ build

    @classmethod
    def from_tables(cls, tables: Mapping[str, list[dict[str, str]]], versions: Mapping[str, str]) -> Ontology:
        """Assemble the ontology from the table rows, checking the cross-references between tables."""
        modes: dict[str, list[PloverMode]] = {}
        for r in tables["plover_modes.tsv"]:
            modes.setdefault(r["plover"], []).append(PloverMode(r["mode"], _f(r["score"]), r["description"]))
        types = {
            r["name"]: PloverType(
                name=r["name"], quad=r["quad"], quad_class=int(r["quad_class"]), score=float(r["score"]),
                requires_recipient=r["requires_recipient"] == "1", definition=r["definition"],
                modes=tuple(modes.get(r["name"], ())), cameo_roots=tuple(r["cameo_roots"].split()), note=r["note"],
            )
            for r in tables["plover_types.tsv"]
        }
        mapping: dict[str, tuple[str, str, str, str]] = {}
        for r in tables["cameo2plover.tsv"]:
            mapping[r["cameo"]] = (r["plover"], r["mode"], r["context"], "official")
        for r in tables["cameo2plover_dropped.tsv"]:
            if r["basis"] not in BASES:
                raise ConfigError(f"cameo2plover_dropped.tsv: unknown basis {r['basis']!r} for {r['cameo']}; "
                                  f"use one of {', '.join(BASES)}")
            mapping[r["cameo"]] = (r["plover"], r["mode"], r["context"], r["basis"])
        codes: dict[str, CameoCode] = {}
        for r in tables["cameo_codes.tsv"]:
            code = r["code"]
            src = next((c for c in (code, r["parent"], r["root"]) if c and c in mapping), None)
            if src is None:
                raise ConfigError(f"CAMEO {code} has no PLOVER mapping in cameo2plover*.tsv; "
                                  "run tools/build_ontology_tables.py")
            plover, mode, context, basis = mapping[src]
            if plover not in types:
                raise ConfigError(f"cameo2plover maps {src} to unknown PLOVER type {plover}; fix the table")
            codes[code] = CameoCode(
                code=code, name=r["name"], root=r["root"], parent=r["parent"] or None,
                goldstein=float(r["goldstein"]), goldstein_from=r["goldstein_from"],
                quad_class=int(r["quad_class"]), description=r["description"], plover=plover,
                mode=mode or None, context=context or None, basis=basis, plover_from=src,
            )
        contexts = {r["context"]: r["description"] for r in tables["plover_contexts.tsv"]}
        ont = cls(
            codes=MappingProxyType(codes),
            types=MappingProxyType(types),
            old_names=MappingProxyType({r["old_name"]: r["current_name"] for r in tables["plover_old_names.tsv"]}),
            contexts=MappingProxyType(contexts),
            sectors=MappingProxyType({r["sector"]: r["description"] for r in tables["plover_sectors.tsv"]}),
            auxiliary_modes=tuple(r["mode"] for r in tables["plover_auxiliary_modes.tsv"]),
            plover2cameo=MappingProxyType({(r["plover"], r["mode"]): r["cameo"]
                                           for r in tables["plover2cameo.tsv"]}),
            table_versions=tuple(sorted(versions.items())),
            default_types=MappingProxyType({}),
        )
        defaults = {code: ont._build_event_type(code, None, None, None) for code in codes}
        object.__setattr__(ont, "default_types", MappingProxyType(defaults))
        return ont

    # ------------------------------------------------------------------------------------------------ CAMEO

    def is_cameo(self, code: object) -> bool:
        """Whether ``code`` is a CAMEO 1.1b3 event code, given as a string (``"042"``, not ``42``)."""
        return isinstance(code, str) and code.strip() in self.codes

    def cameo_codes(self) -> list[str]:
        """All CAMEO codes, roots first within each root (``01, 010, 011, ..., 20, 200, ...``)."""
        return list(self.codes)

    def cameo(self, code: object) -> CameoCode:
        """The full record of a CAMEO code; raises ConfigError for an unknown code."""
        return self.codes[self._check(code)]

    def cameo_name(self, code: object) -> str:
        return self.cameo(code).name

    def cameo_root(self, code: object) -> str:
        return self.cameo(code).root

    def goldstein(self, code: object) -> float:
        return self.cameo(code).goldstein

    def quad_class(self, code: object) -> int:
        return self.cameo(code).quad_class

    def plover_basis(self, code: object) -> str:
        """How the code's PLOVER reading was obtained: official, manual-definition, manual-note or nearest."""
        return self.cameo(code).basis

    def _check(self, code: object) -> str:
        if isinstance(code, str):
            key = code.strip()
            if key in self.codes:
                return key
            hint = self._hint(key)
            raise ConfigError(f"unknown CAMEO event code {code!r}: not in the CAMEO 1.1b3 codebook; {hint}")
        if isinstance(code, int) and not isinstance(code, bool):
            raise ConfigError(f"CAMEO code {code!r} must be a string (leading zeros matter); {self._hint(str(code))}")
        raise ConfigError(f"CAMEO code must be a string such as '042', got {type(code).__name__}; "
                          "pass the code as a 2-4 digit string")

    def _hint(self, key: str) -> str:
        if key.isdigit():
            for width in (2, 3, 4):
                padded = key.zfill(width)
                if padded != key and padded in self.codes:
                    return f"did you mean {padded!r}? (pass codes as strings with their leading zero)"
        return "pass a 2-4 digit code string with its leading zero, e.g. '042' (see Ontology.cameo_codes())"

    # ------------------------------------------------------------------------------------------------ PLOVER

    def plover_types(self) -> list[PloverType]:
        """The 16 PLOVER types in the manual's order (cooperation to conflict)."""
        return list(self.types.values())

    def current_plover_name(self, name: str) -> str:
        """The current PLOVER name for a current or PLOVER 0.5b1 name (DEMAND -> REQUEST, FIGHT -> ASSAULT ...)."""
        key = _norm_name(name)
        key = self.old_names.get(key, key)
        if key not in self.types:
            known = ", ".join(self.types)
            old = ", ".join(f"{o}->{n}" for o, n in self.old_names.items())
            raise ConfigError(f"unknown PLOVER type {name!r}; use one of {known} (old names: {old})")
        return key

    def plover_type(self, name: str) -> PloverType:
        """A PLOVER type by current or 0.5b1 name (case-insensitive)."""
        return self.types[self.current_plover_name(name)]

    def plover_score(self, plover: str, mode: str | None = None) -> float:
        """The mode's PLOVER score when the manual gives one, else the type's category score."""
        ptype = self.plover_type(plover)
        found = ptype.mode(mode) if mode else None
        return found.score if found is not None and found.score is not None else ptype.score

    def is_context(self, name: str) -> bool:
        return name in self.contexts

    def cameo_for_plover(self, plover: str, mode: str | None = None) -> str:
        """The most general CAMEO code for a PLOVER type (and mode), per ``plover2cameo.tsv``.

        Chosen from the official CAMEO2PLOVER rows: the type's main root, 3-digit codes first, CAMEO's
        "general" x0 codes first, then the lowest (REQUEST -> 100, REQUEST meet -> 106, CONSULT visit -> 042).
        Modes with no official code use a documented override (ASSAULT aerial -> 195) or the type's code;
        auxiliary modes (future, hypothetical, ...) are ignored.
        The code's own PLOVER reading may differ for overrides (SANCTION convict -> 116, officially ACCUSE):
        pass ``plover=``/``mode=`` to :meth:`event_type` to keep yours.
        """
        ptype = self.plover_type(plover)
        key = (mode or "").strip().lower()
        if key in self.auxiliary_modes:  # future/hypothetical/...: say nothing about which CAMEO code
            key = ""
        if key and key not in ptype.mode_names:
            raise ConfigError(f"{key!r} is not a PLOVER {ptype.name} mode; use one of "
                              f"{', '.join(ptype.mode_names) or '(none: pass mode=None)'}")
        return self.plover2cameo[(ptype.name, key)]

    # ------------------------------------------------------------------------------------------------ event types

    def event_type(self, cameo: str, mode: str | None = None, context: str | Iterable[str] | None = None,
                   *, plover: str | None = None) -> EventType:
        """The event's type in both ontologies for a CAMEO code.

        PLOVER type/mode/context come from CAMEO2PLOVER (via the code's parent, then root, if the code itself
        has no row); ``mode``/``context`` override them (``""`` clears them; a mode must be one of the type's
        manual modes or an auxiliary mode such as ``"future"``; contexts must be manual contexts, several joined
        by ``;``). ``plover`` overrides the type when the coder knows better than the table (the manual's
        guidance, e.g. a court conviction coded 116 as SANCTION convict); a table mode that the new type lacks
        is dropped. Goldstein and QuadClass always come from the CAMEO code.
        """
        if mode is None and context is None and plover is None and isinstance(cameo, str):
            found = self.default_types.get(cameo)
            if found is not None:
                return found
        return self._build_event_type(self._check(cameo), mode, context, plover)

    def _build_event_type(self, code: str, mode: str | None, context: str | Iterable[str] | None,
                          plover: str | None) -> EventType:
        rec = self.codes[code]
        ptype = self.plover_type(plover) if plover is not None else self.types[rec.plover]
        if mode is None:
            mode_name = rec.mode if rec.mode and rec.mode in ptype.mode_names else None
        else:
            mode_name = self._check_mode(ptype, mode)
        ctx = rec.context if context is None else self._check_context(context)
        if rec.basis == "nearest" and plover is None:
            score: float | None = None  # PLOVER has no category for this statement: do not move PLOVER scores
        else:
            found = ptype.mode(mode_name) if mode_name else None
            score = found.score if found is not None and found.score is not None else ptype.score
        return EventType(plover=ptype.name, cameo=code, mode=mode_name, context=ctx, goldstein=rec.goldstein,
                         quad_class=quad_class_of_root(rec.root), plover_score=score)

    def _check_mode(self, ptype: PloverType, mode: str) -> str | None:
        key = mode.strip().lower()
        if not key:
            return None
        if key in ptype.mode_names or key in self.auxiliary_modes:
            return key
        allowed = ", ".join((*ptype.mode_names, *self.auxiliary_modes))
        raise ConfigError(f"{mode!r} is not a PLOVER {ptype.name} mode; use one of {allowed}")

    def _check_context(self, context: str | Iterable[str]) -> str | None:
        parts = re.split(r"[;,]", context) if isinstance(context, str) else list(context)
        names = [p.strip().lower() for p in parts if p.strip()]
        for name in names:
            if name not in self.contexts:
                raise ConfigError(f"{name!r} is not a PLOVER context; use one of {', '.join(self.contexts)}")
        return ";".join(dict.fromkeys(names)) or None
