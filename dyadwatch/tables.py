"""Versions of the packaged data tables, recorded in every output.

Each folder under ``dyadwatch/data`` has a ``MANIFEST.json``: ``{"tables": {"file.tsv": {"version": ...,
"source": ..., "sha256": ...}}}``. ``tools/build_manifest.py`` refreshes the hashes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA = Path(str(resources.files("dyadwatch") / "data"))


def data_path(*parts: str) -> Path:
    """Path of a packaged data file."""
    return DATA.joinpath(*parts)


def word_table(*parts: str) -> dict[str, str]:
    """The first two tab-separated columns of a packaged word table (``word -> value``, the word lower-cased, both
    stripped); blank lines and lines starting with '#' are skipped, and any further columns (a reason, a source)
    are for the table's reader."""
    out: dict[str, str] = {}
    for line in data_path(*parts).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value = line.split("\t")[:2]
        out[word.strip().lower()] = value.strip()
    return out


@lru_cache(maxsize=1)
def table_versions() -> dict[str, str]:
    """``{"folder/file": version}`` for every packaged table, read from the manifests."""
    versions: dict[str, str] = {}
    for manifest in sorted(DATA.glob("*/MANIFEST.json")):
        tables = json.loads(manifest.read_text(encoding="utf-8")).get("tables", {})
        for name, info in sorted(tables.items()):
            versions[f"{manifest.parent.name}/{name}"] = str(info.get("version", "unknown"))
    return versions


# ------------------------------------------------------------------------------------------ compiled caches
CACHE_ENV = "DYADWATCH_CACHE"


def cache_dir() -> Path:
    """Where compiled tables are kept: ``$DYADWATCH_CACHE``, else ``$XDG_CACHE_HOME/dyadwatch``, else
    ``~/.cache/dyadwatch`` (the user's own directory: nothing is read from a shared or downloaded place)."""
    import os

    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dyadwatch"


def files_key(paths: list[Path], *extra: str) -> str:
    """sha256 over the contents of ``paths`` and ``extra`` strings (format version, library versions)."""
    import hashlib

    digest = hashlib.sha256()
    for part in extra:
        digest.update(part.encode("utf-8") + b"\0")
    for path in paths:
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_compiled(name: str, key: str) -> object | None:
    """A compiled table saved by ``write_compiled`` under the same key, or None (missing, stale or unreadable).

    Why msgpack and not pickle: the file is plain data (lists, maps, strings, numbers), so a tampered cache can
    at worst give wrong tables, never run code. Array keys come back as tuples (``use_list=False``).
    """
    import msgpack

    path = cache_dir() / f"{name}-{key[:32]}.msgpack"
    try:
        data = path.read_bytes()
        return msgpack.unpackb(data, use_list=False, strict_map_key=False, raw=False)
    except (OSError, ValueError, msgpack.UnpackException):
        return None


def has_compiled(name: str, key: str) -> bool:
    """Whether ``write_compiled`` saved this table under this key (without reading it)."""
    return (cache_dir() / f"{name}-{key[:32]}.msgpack").is_file()


def write_compiled(name: str, key: str, value: object) -> None:
    """Save a compiled table atomically (write, then rename); old versions of the same table are removed.

    A read-only or full cache directory only costs speed: the tables are rebuilt at the next start.
    """
    import os
    import tempfile

    import msgpack

    folder = cache_dir()
    target = folder / f"{name}-{key[:32]}.msgpack"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(msgpack.packb(value, use_bin_type=True))
        os.replace(tmp, target)
        for old in folder.glob(f"{name}-*.msgpack"):
            stem = old.name[len(name) + 1 : -len(".msgpack")]
            if old != target and len(stem) == 32 and all(c in "0123456789abcdef" for c in stem):
                old.unlink(missing_ok=True)  # an older build of this table (not "name-other-..." tables)
    except OSError:
        return


class LazyValues(dict):  # type: ignore[type-arg]
    """A dict whose values, read from a compiled cache, are decoded on first use of their key.

    Why: building tens of thousands of objects at every start costs more than reading the cache, and an article
    touches a few hundred keys. A value still to decode is a tuple (of numbers into the cache's tables); every read
    goes through ``__getitem__``/``get``/``values``/``items``, which decode it once and keep the result.
    """

    __slots__ = ("_decode",)

    def __init__(self, raw: dict[Any, Any], decode: Callable[[tuple[Any, ...]], Any]) -> None:
        super().__init__(raw)
        self._decode = decode

    def __getitem__(self, key: Any) -> Any:
        value = dict.__getitem__(self, key)
        if type(value) is tuple:
            value = self._decode(value)
            dict.__setitem__(self, key, value)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key in self:
            return self[key]
        dict.__setitem__(self, key, default)
        return default

    def values(self) -> list[Any]:  # type: ignore[override]
        return [self[k] for k in self]

    def items(self) -> list[tuple[Any, Any]]:  # type: ignore[override]
        return [(k, self[k]) for k in self]


# Between the keys of a packed index's bucket; a table with a key that contains it keeps its keys as lists.
_KEY_SEP = "\x1e"
# Keys per bucket of a packed index: a lookup splits one bucket the first time it is touched.
_BUCKET_KEYS = 64


def _bucket_of(key: str, buckets: int) -> int:
    """A bucket number that is the same in every process (``hash()`` of a string is salted per process)."""
    import zlib

    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


def pack_index(table: dict[str, tuple[int, ...]]) -> dict[str, object]:
    """A ``{name: numbers}`` table as a few flat values for the compiled cache, read back by ``PackedIndex``.

    Why: msgpack builds one string and one tuple of ints per key when it reads a map, and for the place
    gazetteer's 125,000 names that was 0.1 s of every start (more than the rest of the file). Here the keys are
    spread over buckets by a stable hash, each bucket one string of keys, and the numbers are two arrays of
    unsigned 32-bit ints (the numbers of key ``i``, counted in bucket order, run from ``starts[i]`` to
    ``starts[i + 1]``): reading costs no work per key, a lookup splits its bucket the first time, and the numbers
    of a key become Python values only when it is looked up.
    """
    from array import array

    count = len(table)
    buckets = max(1, count // _BUCKET_KEYS)
    grouped: list[list[str]] = [[] for _ in range(buckets)]
    for key in table:
        grouped[_bucket_of(key, buckets)].append(key)
    numbers = array("I")
    starts = array("I", [0])
    bucket_starts = array("I", [0])
    for keys in grouped:
        for key in keys:
            numbers.extend(table[key])
            starts.append(len(numbers))
        bucket_starts.append(len(starts) - 1)
    joined: list[str] | list[list[str]] = [_KEY_SEP.join(keys) for keys in grouped]
    if any(_KEY_SEP in key for key in table):
        joined = grouped
    return {"keys": joined, "count": count, "bucket_starts": bucket_starts.tobytes(),
            "numbers": numbers.tobytes(), "starts": starts.tobytes(), "byteorder": sys.byteorder}


class PackedIndex(Mapping[str, Any]):
    """A read-only mapping over ``pack_index`` data: each bucket of keys split on first use, each value decoded
    on first lookup.

    Raises ``ValueError`` (or ``KeyError``/``TypeError`` on a missing or mistyped part) when the data is not
    consistent, so a damaged cache is rebuilt rather than trusted; the checks count keys without splitting them.
    """

    __slots__ = ("_bucket_starts", "_buckets", "_count", "_decode", "_decoded", "_keys", "_numbers", "_starts")

    def __init__(self, packed: dict[str, Any], decode: Callable[[tuple[int, ...]], Any]) -> None:
        from array import array

        keys, count = packed["keys"], int(packed["count"])
        numbers, starts, bucket_starts = array("I"), array("I"), array("I")
        numbers.frombytes(packed["numbers"])
        starts.frombytes(packed["starts"])
        bucket_starts.frombytes(packed["bucket_starts"])
        if packed["byteorder"] != sys.byteorder:
            for part in (numbers, starts, bucket_starts):
                part.byteswap()
        if not keys or len(bucket_starts) != len(keys) + 1 or bucket_starts[0] != 0 or bucket_starts[-1] != count \
                or len(starts) != count + 1 or starts[-1] != len(numbers):
            raise ValueError("packed index: keys, starts and numbers do not agree")
        for b, part in enumerate(keys):
            size = bucket_starts[b + 1] - bucket_starts[b]
            found = (part.count(_KEY_SEP) + 1 if size else (0 if part == "" else -1)) if isinstance(part, str) \
                else len(part)
            if found != size:
                raise ValueError("packed index: a bucket does not hold the keys it should")
        self._keys = keys
        self._count = count
        self._numbers = numbers
        self._starts = starts
        self._bucket_starts = bucket_starts
        self._buckets: dict[int, dict[str, int]] = {}
        self._decode = decode
        self._decoded: dict[str, Any] = {}

    def _bucket(self, b: int) -> dict[str, int]:
        """Key -> position (in bucket order) of the keys of bucket ``b``."""
        found = self._buckets.get(b)
        if found is None:
            part = self._keys[b]
            keys = (part.split(_KEY_SEP) if part or self._bucket_starts[b + 1] > self._bucket_starts[b] else []) \
                if isinstance(part, str) else part
            found = self._buckets[b] = dict(zip(keys, range(self._bucket_starts[b], self._bucket_starts[b + 1]),
                                                strict=True))
        return found

    def __getitem__(self, key: str) -> Any:
        try:
            return self._decoded[key]
        except KeyError:
            i = self._bucket(_bucket_of(key, len(self._keys)))[key]
            value = self._decoded[key] = self._decode(tuple(self._numbers[self._starts[i]:self._starts[i + 1]]))
            return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._bucket(_bucket_of(key, len(self._keys)))

    def __iter__(self) -> Iterator[str]:
        for b in range(len(self._keys)):
            yield from self._bucket(b)

    def __len__(self) -> int:
        return self._count
