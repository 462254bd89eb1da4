"""Versions of the packaged data tables, recorded in every output.

Each folder under ``dyadwatch/data`` has a ``MANIFEST.json``: ``{"tables": {"file.tsv": {"version": ...,
"source": ..., "sha256": ...}}}``. ``tools/build_manifest.py`` refreshes the hashes.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA = Path(str(resources.files("dyadwatch") / "data"))


def data_path(*parts: str) -> Path:
    """Path of a packaged data file."""
    return DATA.joinpath(*parts)


@lru_cache(maxsize=1)
def table_versions() -> dict[str, str]:
    """``{"folder/file": version}`` for every packaged table, read from the manifests."""
    versions: dict[str, str] = {}
    for manifest in sorted(DATA.glob("*/MANIFEST.json")):
        tables = json.loads(manifest.read_text(encoding="utf-8")).get("tables", {})
        for name, info in sorted(tables.items()):
            versions[f"{manifest.parent.name}/{name}"] = str(info.get("version", "unknown"))
    return versions
