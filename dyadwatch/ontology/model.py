"""Immutable views of the ontology tables: CAMEO codes, PLOVER types and modes, and the CAMEO->PLOVER rows."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

# GDELT's QuadClass by CAMEO root: 1 verbal cooperation (01-04), 2 material cooperation (05-08),
# 3 verbal conflict (09-13), 4 material conflict (14-20).
QUAD_NAMES = MappingProxyType(
    {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}
)

# How a CAMEO code's PLOVER reading was obtained, from strongest to weakest:
#   official           the CAMEO2PLOVER-2021 table (directly, or via the code's parent/root)
#   manual-definition  CAMEO 01/02 code whose meaning a PLOVER type's definition covers (02x appeals -> REQUEST)
#   manual-note        CAMEO 01/02 code the manual's translation note names (015 -> AGREE, 016 -> REJECT)
#   nearest            CAMEO 01 statement with no PLOVER equivalent: nearest type, and no PLOVER score
BASES = ("official", "manual-definition", "manual-note", "nearest")


def quad_class_of_root(root: str) -> int:
    """GDELT QuadClass of a two-digit CAMEO root: 01-05 verbal cooperation, 06-08 material cooperation,
    09-13 verbal conflict, 14-20 material conflict.

    Root 05 (diplomatic cooperation: praise, endorse, sign an agreement) is verbal, as in GDELT's data and the
    ICEWS codebook table, and as PLOVER files its SUPPORT type under verbal cooperation.
    """
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


@dataclass(frozen=True, slots=True)
class PloverMode:
    """A mode of a PLOVER type (the "how"), with its PLOVER score when the manual's score table gives one."""

    name: str
    score: float | None
    description: str


@dataclass(frozen=True, slots=True)
class PloverType:
    """One of the 16 PLOVER event types, as the PLOVER manual defines it.

    ``quad``/``quad_class`` come from the type's own manual section ("Quad category"); ``score`` is the
    category's PLOVER score (ACCUSE's printed "3" read as -3, see ``note``).
    """

    name: str
    quad: str
    quad_class: int
    score: float
    requires_recipient: bool
    definition: str
    modes: tuple[PloverMode, ...]
    cameo_roots: tuple[str, ...] = ()
    note: str = ""

    @property
    def mode_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.modes)

    def mode(self, name: str) -> PloverMode | None:
        key = name.strip().lower()
        return next((m for m in self.modes if m.name == key), None)


@dataclass(frozen=True, slots=True)
class CameoCode:
    """A CAMEO 1.1b3 event code with GDELT's Goldstein weight and QuadClass, and its PLOVER reading.

    ``goldstein_from`` is the code whose GDELT weight is used (the code itself, or its parent when GDELT's
    table lacks it). ``basis`` says how strong the PLOVER reading is (see ``BASES``).
    """

    code: str
    name: str
    root: str
    parent: str | None
    goldstein: float
    goldstein_from: str
    quad_class: int
    description: str
    plover: str
    mode: str | None
    context: str | None
    basis: str
    plover_from: str
