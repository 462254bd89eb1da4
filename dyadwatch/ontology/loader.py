"""Read the packaged ontology tables (``dyadwatch/data/ontology``), checked against their manifest.

Why the hash check: the tables decide every event's type and weight; a hand edit that skipped
``tools/build_ontology_tables.py`` would silently change results while still claiming the old version.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from dyadwatch.errors import ConfigError
from dyadwatch.tables import data_path

FOLDER = "ontology"
REBUILD = "reinstall dyadwatch or run tools/build_ontology_tables.py"

# Tables the ontology needs; the manifest may list more.
REQUIRED = (
    "cameo_codes.tsv",
    "cameo2plover.tsv",
    "cameo2plover_dropped.tsv",
    "plover_types.tsv",
    "plover_modes.tsv",
    "plover_contexts.tsv",
    "plover_sectors.tsv",
    "plover_auxiliary_modes.tsv",
    "plover_old_names.tsv",
    "plover2cameo.tsv",
)


def ontology_dir() -> Path:
    return data_path(FOLDER)


def read_manifest(folder: Path | None = None) -> dict[str, dict[str, str]]:
    path = (folder or ontology_dir()) / "MANIFEST.json"
    try:
        tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
    except (OSError, ValueError, KeyError) as err:
        raise ConfigError(f"ontology manifest {path} is missing or unreadable ({err}); {REBUILD}") from err
    return {str(k): dict(v) for k, v in tables.items()}


def read_tables(folder: Path | None = None) -> tuple[dict[str, list[dict[str, str]]], dict[str, str]]:
    """Every required table as a list of rows, and ``{file: version}`` for every table in the manifest."""
    folder = folder or ontology_dir()
    manifest = read_manifest(folder)
    tables: dict[str, list[dict[str, str]]] = {}
    for name in REQUIRED:
        info = manifest.get(name)
        if info is None:
            raise ConfigError(f"ontology table {name} is not in {folder / 'MANIFEST.json'}; {REBUILD}")
        try:
            raw = (folder / name).read_bytes()
        except OSError as err:
            raise ConfigError(f"ontology table {folder / name} cannot be read ({err.strerror}); {REBUILD}") from err
        if hashlib.sha256(raw).hexdigest() != info.get("sha256"):
            raise ConfigError(f"ontology table {name} does not match its MANIFEST.json sha256 (edited without "
                              f"rebuilding?); run tools/build_ontology_tables.py")
        tables[name] = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""), delimiter="\t"))
    versions = {name: str(info.get("version", "unknown")) for name, info in sorted(manifest.items())}
    return tables, versions
