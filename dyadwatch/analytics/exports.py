"""Exports in the shapes users already work with: GDELT 2.0 event table (TSV), PLOVER JSONL, Parquet.

Rows are *events* (groups of mentions) by default, as in GDELT's event table, with ``NumMentions``,
``NumSources`` and ``NumArticles`` counted from the grouped mentions; ``unit="mentions"`` writes one row per
report. Each row keeps the cause -> response links (``responds_to``), at the same unit.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from dyadwatch.errors import InputError
from dyadwatch.store.base import date_range_sql

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

FORMATS = ("gdelt", "plover", "parquet", "geojson")

# GDELT 2.0 event table, in its order (the "GDELT Event Codebook V2.0"). 61 columns.
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
# What GDELT has no column for, appended after its 61 so positional readers still work.
GDELT_EXTRA = ("DW_PLOVER", "DW_Mode", "DW_Context", "DW_DatePrecision", "DW_RespondsTo", "DW_Evidence")


def export_frame(store: Store, *, unit: str = "events", source: str | None = None, target: str | None = None,
                 since: date | None = None, until: date | None = None,
                 include_uncounted: bool = False) -> pd.DataFrame:
    """The rows to export: one per event (with its representative mention's fields) or per mention."""
    if unit not in ("events", "mentions"):
        raise InputError(f"unknown unit {unit!r}; use events or mentions")
    clauses: list[str] = []
    params: list[Any] = []
    for col, value in (("source_country", source), ("target_country", target)):
        if value:
            clauses.append(f"{'g' if unit == 'events' else 'e'}.{col} = ?")
            params.append(value)
    prefix = "g" if unit == "events" else "e"
    dates, date_params = date_range_sql(f"{prefix}.event_date", since, until)
    clauses += dates
    params += date_params
    if unit == "events":
        if not include_uncounted:
            clauses.append("g.counted")
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        query = (
            "SELECT e.* EXCLUDE (payload, event_date, date_precision, location_name, location_country, lat, lon, "
            "geonameid), g.group_id, g.event_date, g.date_precision, g.location_name, g.location_country, g.lat, "
            "g.lon, g.geonameid, g.n_mentions, g.n_articles, g.n_sources, g.first_seen, g.last_seen, "
            "g.historical AS group_historical, a.url, a.ingested_at "
            "FROM event_groups g JOIN events e ON e.event_id = g.representative "
            f"LEFT JOIN articles a ON a.content_hash = e.content_hash{where} ORDER BY g.event_date, g.group_id"
        )
        links = store.sql(
            "SELECT DISTINCT mr.group_id AS gid, mc.group_id AS responds_to FROM event_links l "
            "JOIN event_group_members mr ON mr.event_id = l.event_id "
            "JOIN event_group_members mc ON mc.event_id = l.responds_to WHERE mr.group_id <> mc.group_id "
            "ORDER BY 1, 2"
        )
        key = "group_id"
    else:
        if not include_uncounted:
            clauses.append("NOT e.negated AND NOT e.hypothetical AND NOT e.historical")
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        query = (
            "SELECT e.* EXCLUDE (payload), e.event_id AS group_id, 1 AS n_mentions, 1 AS n_articles, "
            "1 AS n_sources, e.published AS first_seen, e.published AS last_seen, a.url, a.ingested_at "
            f"FROM events e LEFT JOIN articles a ON a.content_hash = e.content_hash{where} "
            "ORDER BY e.event_date, e.event_id"
        )
        links = store.sql("SELECT DISTINCT event_id AS gid, responds_to FROM event_links ORDER BY 1, 2")
        key = "event_id"
    frame = store.sql(query, params)
    by_id: dict[str, list[str]] = {}
    for gid, target_id in zip(links["gid"], links["responds_to"], strict=True):
        by_id.setdefault(str(gid), []).append(str(target_id))
    frame["responds_to"] = [by_id.get(str(k), []) for k in frame[key if unit == "mentions" else "group_id"]]
    for col in ("event_date", "first_seen", "last_seen", "published"):
        if col in frame:
            frame[col] = pd.to_datetime(frame[col]).dt.date
    return frame


def _s(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _geo(row: dict[str, Any]) -> dict[str, Any]:
    """GDELT geo fields: type 1 = country, 4 = world city (our gazetteer knows countries and places)."""
    if not _s(row.get("location_name")) and not _s(row.get("location_country")):
        return dict.fromkeys(_GEO)
    country_level = _s(row.get("geonameid")) is None and _s(row.get("lat")) is None
    return {
        "Type": 1 if country_level else 4,
        "FullName": _s(row.get("location_name")),
        "CountryCode": _s(row.get("location_country")),
        "ADM1Code": None,
        "ADM2Code": None,
        "Lat": _s(row.get("lat")),
        "Long": _s(row.get("lon")),
        "FeatureID": int(gid) if (gid := _s(row.get("geonameid"))) is not None else None,
    }


def gdelt_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The export frame in GDELT 2.0 event-table shape (string codes, named columns)."""
    rows = []
    for row in frame.to_dict("records"):
        day: date | None = _s(row.get("event_date"))
        cameo = str(_s(row.get("cameo")) or "")
        geo = _geo(row)
        added = _s(row.get("ingested_at"))
        out: dict[str, Any] = {
            "GLOBALEVENTID": row["group_id"],
            "SQLDATE": day.strftime("%Y%m%d") if day else None,
            "MonthYear": day.strftime("%Y%m") if day else None,
            "Year": str(day.year) if day else None,
            "FractionDate": f"{day.year + (day.timetuple().tm_yday - 0.5) / 365.25:.4f}" if day else None,
            "IsRootEvent": 1 if int(_s(row.get("sentence_index")) or 0) == 0 else 0,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": _s(row.get("quad_class")),
            "GoldsteinScale": _s(row.get("goldstein")),
            "NumMentions": int(row["n_mentions"]),
            "NumSources": int(row["n_sources"]),
            "NumArticles": int(row["n_articles"]),
            "AvgTone": None,
            "DATEADDED": pd.Timestamp(added).strftime("%Y%m%d%H%M%S") if added is not None else None,
            "SOURCEURL": _s(row.get("url")) or _s(row.get("article_id")),
            "DW_PLOVER": row.get("plover"),
            "DW_Mode": _s(row.get("mode")),
            "DW_Context": _s(row.get("context")),
            "DW_DatePrecision": _s(row.get("date_precision")),
            "DW_RespondsTo": ";".join(row.get("responds_to") or []),
            "DW_Evidence": " ".join(str(_s(row.get("evidence_text")) or "").split()),
        }
        for n, prefix in ((1, "source"), (2, "target")):
            country = _s(row.get(f"{prefix}_country"))
            sector = _s(row.get(f"{prefix}_sector"))
            code = _s(row.get(f"{prefix}_code")) or ("".join(x for x in (country, sector) if x) or None)
            name = _s(row.get(f"{prefix}_name")) or _s(row.get(f"{prefix}_text"))
            values = dict.fromkeys(_ACTOR)
            values.update({"Code": code, "Name": name.upper() if name else None, "CountryCode": country,
                           "Type1Code": sector})
            for c in _ACTOR:
                out[f"Actor{n}{c}"] = values[c]
            for c in _GEO:
                # We locate the action, not each actor (as GDELT's ActionGeo).
                out[f"Actor{n}Geo_{c}"] = None
        for c in _GEO:
            out[f"ActionGeo_{c}"] = geo[c]
        rows.append(out)
    # object dtype throughout: integer codes with gaps must not turn into floats ("1816670.0").
    return pd.DataFrame(rows, columns=[*GDELT_COLUMNS, *GDELT_EXTRA], dtype=object)


def plover_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """PLOVER JSON records, with the manual's field names (``id``, ``date``, ``actor``, ``event`` ...)."""
    records = []
    for row in frame.to_dict("records"):
        day = _s(row.get("event_date"))

        def entity(prefix: str, row: dict[str, Any] = row) -> list[dict[str, Any]]:
            if not _s(row.get(f"{prefix}_country")) and not _s(row.get(f"{prefix}_text")):
                return []
            return [{
                "raw_text": _s(row.get(f"{prefix}_text")),
                "entity_name": _s(row.get(f"{prefix}_name")),
                "code": _s(row.get(f"{prefix}_code")),
                "country_name": _s(row.get(f"{prefix}_country")),
                "sector_code": _s(row.get(f"{prefix}_sector")),
                "other_sector_codes": "",
            }]

        loc = None
        if _s(row.get("location_name")) or _s(row.get("location_country")):
            gid = _s(row.get("geonameid"))
            loc = {"name": _s(row.get("location_name")), "country": _s(row.get("location_country")),
                   "lat": _s(row.get("lat")), "lon": _s(row.get("lon")),
                   "geonameid": int(gid) if gid is not None else None}
        records.append({
            "id": row["group_id"],
            "has_event": True,
            "date": day.isoformat() if day else None,
            "date_precision": _s(row.get("date_precision")),
            "actor": entity("source"),
            "recipient": entity("target"),
            "event": [row["plover"]],
            "mode": [m] if (m := _s(row.get("mode"))) else [],
            "context": [c] if (c := _s(row.get("context"))) else [],
            "event_loc": loc,
            "event_text": [_s(row.get("trigger_text"))] if _s(row.get("trigger_text")) else [],
            "quad_code": _s(row.get("quad_class")),
            "event_scale": _s(row.get("plover_score")),
            "cameo": _s(row.get("cameo")),
            "goldstein": _s(row.get("goldstein")),
            "link": row["group_id"],
            "responds_to": list(row.get("responds_to") or []),
            "num_mentions": int(row["n_mentions"]),
            "num_articles": int(row["n_articles"]),
            "num_sources": int(row["n_sources"]),
            "first_seen": d.isoformat() if (d := _s(row.get("first_seen"))) else None,
            "last_seen": d.isoformat() if (d := _s(row.get("last_seen"))) else None,
            "text": " ".join(str(_s(row.get("evidence_text")) or "").split()),
            "cite_info": {"article_id": _s(row.get("article_id")), "source": _s(row.get("outlet")),
                          "url": _s(row.get("url"))},
            "coder": _s(row.get("coder_version")),
        })
    return records


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def export_events(store: Store, path: str | Path, fmt: str, **filters: Any) -> int:
    """Write events to ``path`` in ``fmt`` (gdelt | plover | parquet | geojson); returns the number of rows."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    frame = export_frame(store, **filters)
    path = Path(path)
    try:
        if fmt == "gdelt":
            gdelt_rows(frame).to_csv(path, sep="\t", index=False, na_rep="", lineterminator="\n")
        elif fmt == "geojson":
            from dyadwatch.analytics.export_stream import export_chunks

            with path.open("wb") as out:
                for chunk in export_chunks(frame, fmt):
                    out.write(chunk)
        elif fmt == "plover":
            with path.open("w", encoding="utf-8") as out:
                for record in plover_records(frame):
                    out.write(json.dumps(record, ensure_ascii=False, default=_jsonable) + "\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            pq.write_table(table, path)
    except OSError as err:
        raise InputError(f"cannot write {str(path)!r} ({err.strerror}); check the directory exists and is writable"
                         ) from err
    return len(frame)


def read_gdelt(path: str | Path) -> pd.DataFrame:
    """Read a GDELT-shaped export back with every code as a string (``EventCode`` "042" stays "042")."""
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
