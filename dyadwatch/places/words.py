"""The package's place vocabulary (``data/places/place_words.json``), read once: the words every place rule uses."""

from __future__ import annotations

import json
from functools import lru_cache

from dyadwatch.errors import ConfigError
from dyadwatch.tables import data_path

WORDS = ("places", "place_words.json")


def _W(key: str) -> frozenset[str]:
    return place_words()[key]


def territory_verbs() -> frozenset[str]:
    """Verbs whose bare object is where the act happens (they act on territory, or move into it)."""
    return _W("place_object_verbs") | _W("territory_verbs") | _W("motion_words")


@lru_cache(maxsize=1)
def place_words() -> dict[str, frozenset[str]]:
    """The package's place vocabulary (``data/places/place_words.json``)."""
    path = data_path(*WORDS)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"place word table {path} cannot be read ({err}); reinstall dyadwatch") from err
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}
