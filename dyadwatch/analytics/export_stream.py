"""Exports as a stream of byte chunks (for HTTP responses and large files), and the GeoJSON export.

The rows are the same as ``export_frame`` gives every other export; only the rendering is chunked, so a client
starts receiving a large export before the last row is rendered. GeoJSON writes located events as points
(``[lon, lat]``, RFC 7946), with the event's type, dyad, counts and evidence as properties, for QGIS or kepler.gl.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pandas as pd

from dyadwatch.analytics.exports import _arrow, _jsonable, _s, gdelt_rows, plover_records
from dyadwatch.errors import InputError

STREAM_FORMATS = ("gdelt", "gdelt-extended", "plover", "parquet", "geojson")
MEDIA_TYPES = {
    "gdelt": "text/tab-separated-values; charset=utf-8",
    "gdelt-extended": "text/tab-separated-values; charset=utf-8",
    "plover": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
}
SUFFIXES = {"gdelt": "tsv", "gdelt-extended": "tsv", "plover": "jsonl", "parquet": "parquet", "geojson": "geojson"}
# Rows rendered per chunk: small enough to start sending at once, large enough to keep pandas vectorised.
CHUNK_ROWS = 2000


def geojson_feature(row: dict[str, Any]) -> dict[str, Any] | None:
    """One located event as a GeoJSON point feature; None when the event has no coordinates."""
    lat, lon = _s(row.get("lat")), _s(row.get("lon"))
    if lat is None or lon is None:
        return None
    day = _s(row.get("event_date"))
    props = {
        "id": row.get("group_id"),
        "date": day.isoformat() if day else None,
        "date_precision": _s(row.get("date_precision")),
        "plover": _s(row.get("plover")),
        "mode": _s(row.get("mode")),
        "cameo": _s(row.get("cameo")),
        "quad_class": _s(row.get("quad_class")),
        "goldstein": _s(row.get("goldstein")),
        "source_country": _s(row.get("source_country")),
        "target_country": _s(row.get("target_country")),
        "place": _s(row.get("location_name")),
        "place_country": _s(row.get("location_country")),
        "geonameid": _s(row.get("geonameid")),
        "num_mentions": int(row["n_mentions"]),
        "num_sources": int(row["n_sources"]),
        "responds_to": list(row.get("responds_to") or []),
        "evidence": " ".join(str(_s(row.get("evidence_text")) or "").split()),
        "article_id": _s(row.get("article_id")),
        "url": _s(row.get("url")),
    }
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": props}


def export_chunks(frame: pd.DataFrame, fmt: str) -> Iterator[bytes]:
    """Render the rows of ``exports.export_rows`` in ``fmt``, chunk by chunk (the bytes ``export_events`` writes)."""
    if fmt not in STREAM_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(STREAM_FORMATS)}")
    if fmt == "parquet":  # a Parquet footer comes last: the file is built whole, then sent in pieces
        import pyarrow.parquet as pq

        buffer = io.BytesIO()
        pq.write_table(_arrow(frame), buffer)
        data = buffer.getvalue()
        for i in range(0, len(data), 1 << 20):
            yield data[i:i + (1 << 20)]
        return
    if fmt == "geojson":
        yield b'{"type": "FeatureCollection", "features": ['
    first = fmt != "gdelt"  # GDELT's own files have no header row; the extended one has
    for start in range(0, max(len(frame), 1), CHUNK_ROWS):
        part = frame.iloc[start:start + CHUNK_ROWS]
        if fmt.startswith("gdelt"):
            text = gdelt_rows(part, extended=fmt == "gdelt-extended").to_csv(
                sep="\t", index=False, header=first, na_rep="", lineterminator="\n")
            first = False
            yield text.encode("utf-8")
        elif fmt == "plover":
            yield "".join(json.dumps(r, ensure_ascii=False, default=_jsonable) + "\n"
                          for r in plover_records(part)).encode("utf-8")
        else:
            features = [f for f in (geojson_feature(r) for r in part.to_dict("records")) if f]
            for feature in features:
                yield (("" if first else ",") + json.dumps(feature, ensure_ascii=False, default=_jsonable)).encode()
                first = False
    if fmt == "geojson":
        yield b"]}\n"
