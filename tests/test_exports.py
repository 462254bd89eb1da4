"""Exports other tools read unchanged (issue 14, item 5): GDELT 2.0 event files, Parquet with real types, and the
rules for what an export leaves out (unresolved actors, undated events) and says so.

The 61 column names and their types below are written from the GDELT 2.0 Event Database codebook
("GDELT-Event_Codebook-V2.0.pdf", table "Event Table Fields"), independently of the exporter's own constants, so a
drift in either shows here.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from test_analytics import corpus

from dyadwatch.analytics import grouping
from dyadwatch.analytics.exports import export_events, gdelt_event_id
from dyadwatch.errors import NothingFound
from dyadwatch.store import CodedArticle, open_store

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
CODEBOOK_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in _ACTOR], *[f"Actor2{c}" for c in _ACTOR],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"Actor1Geo_{c}" for c in _GEO], *[f"Actor2Geo_{c}" for c in _GEO], *[f"ActionGeo_{c}" for c in _GEO],
    "DATEADDED", "SOURCEURL",
]
# Codebook types: INTEGER, FLOAT (numeric) and STRING; CAMEO codes are strings ("042" keeps its zero).
_INTEGERS = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
             "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED"}
_FLOATS = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
           "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}
CODEBOOK_DTYPES = {c: "int64" if c in _INTEGERS else "float64" if c in _FLOATS else str for c in CODEBOOK_COLUMNS}


def _unresolved_copy(coded: CodedArticle) -> CodedArticle:
    """The article with its first event's source actor stripped of its code: an event without a resolved actor."""
    first = coded.events[0]
    source = dataclasses.replace(first.source, country=None, code=None, sectors=(), rule="unresolved")
    event = dataclasses.replace(first, event_id=first.event_id + "-unresolved", source=source)
    article = dataclasses.replace(coded.article, id=coded.article.id + "-u", text=coded.article.text + " (copy)",
                                  content_hash="")
    return CodedArticle(article, (event,))


@pytest.fixture()
def store():  # type: ignore[no-untyped-def]
    articles = corpus()
    with open_store(":memory:") as s:
        s.ingest([*articles, _unresolved_copy(next(a for a in articles if a.events))])
        grouping.update_groups(s)
        yield s


def test_gdelt_export_loads_with_the_codebook_names_and_dtypes(store, tmp_path: Path) -> None:
    path = tmp_path / "events.export.CSV"
    report = export_events(store, path, "gdelt")
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert not first_line.startswith("GLOBALEVENTID")  # no header row, as GDELT's files
    assert all(len(line.split("\t")) == 61 for line in path.read_text(encoding="utf-8").splitlines())
    frame = pd.read_csv(path, sep="\t", header=None, names=CODEBOOK_COLUMNS, dtype=CODEBOOK_DTYPES,
                        keep_default_na=False, na_values={c: [""] for c in _INTEGERS | _FLOATS})
    assert len(frame) == report.rows == 10
    for column in CODEBOOK_COLUMNS:
        expected = CODEBOOK_DTYPES[column]
        assert frame[column].dtype == (object if expected is str else expected) or (
            expected is str and pd.api.types.is_string_dtype(frame[column])), column
    assert frame["GLOBALEVENTID"].is_unique and (frame["GLOBALEVENTID"] > 0).all()
    assert frame["SQLDATE"].between(19000101, 21001231).all()
    assert (frame["MonthYear"] == frame["SQLDATE"] // 100).all() and (frame["Year"] == frame["SQLDATE"] // 10000).all()
    assert frame["EventCode"].str.fullmatch(r"\d{3,4}").all()
    assert (frame["EventRootCode"] == frame["EventCode"].str[:2]).all()
    assert frame["QuadClass"].isin([1, 2, 3, 4]).all()
    assert frame["DATEADDED"].between(20000101000000, 21001231235959).all()
    assert frame["ActionGeo_Type"].isin([0, 1, 2, 3, 4, 5]).all()


def test_gdelt_ids_are_stable_across_re_exports(store, tmp_path: Path) -> None:
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    export_events(store, a, "gdelt")
    export_events(store, b, "gdelt")
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    assert gdelt_event_id("grp-x") == gdelt_event_id("grp-x") < 2**63


def test_unresolved_events_are_left_out_counted_and_includable(store, tmp_path: Path) -> None:
    kept = export_events(store, tmp_path / "a.parquet", "parquet", unit="mentions", include_uncounted=True)
    assert kept.unresolved == 1 and any("--include-unresolved" in line for line in kept.lines())
    everything = export_events(store, tmp_path / "b.parquet", "parquet", unit="mentions", include_uncounted=True,
                               include_unresolved=True)
    assert everything.rows == kept.rows + 1 and everything.unresolved == 0
    flagged = pd.read_parquet(tmp_path / "b.parquet")
    assert int(flagged["unresolved"].sum()) == 1


def test_parquet_keeps_real_date_types(store, tmp_path: Path) -> None:
    path = tmp_path / "e.parquet"
    export_events(store, path, "parquet")
    schema = pq.read_schema(path)
    for column in ("event_date", "first_seen", "last_seen", "published"):
        assert str(schema.field(column).type) == "date32[day]", column
    assert str(schema.field("ingested_at").type).startswith("timestamp")
    assert pd.read_parquet(path)["event_date"].map(type).eq(date).all()


def test_an_export_that_matches_nothing_writes_no_file(store, tmp_path: Path) -> None:
    path = tmp_path / "none.tsv"
    with pytest.raises(NothingFound, match="no events to export"):
        export_events(store, path, "gdelt", source="FRA")
    assert not path.exists()


def test_series_leave_out_unresolved_and_undated_events_and_count_them(store) -> None:
    from dyadwatch.analytics.series import dyad_series, left_out

    row = store.sql("SELECT target_country, event_date FROM events WHERE source_country IS NULL").iloc[0]
    target = row["target_country"]
    counted = int(dyad_series(store, target)["events"].sum())
    assert left_out(store, target)["unresolved"] == 1
    assert int(dyad_series(store, target, include_unresolved=True)["events"].sum()) >= counted
    assert left_out(store, target, include_unresolved=True)["unresolved"] == 0
