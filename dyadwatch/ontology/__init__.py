"""CAMEO and PLOVER event ontologies from the package's versioned tables (``dyadwatch/data/ontology``).

    from dyadwatch.ontology import load_ontology
    ont = load_ontology()
    ont.event_type("125")            # EventType(plover="REJECT", mode="meet", cameo="125", goldstein=-5.0, ...)
    ont.cameo_for_plover("REQUEST", "meet")   # "106"

See :mod:`dyadwatch.ontology.ontology` for the documented decisions (CAMEO 01/02, SANCTION's quad, ACCUSE's
score) and ``tools/build_ontology_tables.py`` for how the tables are rebuilt from their upstream sources.
"""

from __future__ import annotations

from functools import lru_cache

from dyadwatch.ontology.loader import read_tables
from dyadwatch.ontology.model import BASES, QUAD_NAMES, CameoCode, PloverMode, PloverType, quad_class_of_root
from dyadwatch.ontology.ontology import Ontology


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The ontology from package data only (never ``../shared``); loaded once per process."""
    tables, versions = read_tables()
    return Ontology.from_tables(tables, versions)


__all__ = [
    "BASES",
    "QUAD_NAMES",
    "CameoCode",
    "Ontology",
    "PloverMode",
    "PloverType",
    "load_ontology",
    "quad_class_of_root",
]
