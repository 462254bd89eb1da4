"""The desk's routes: feed watching status, a country's relations, the pair table, the map, and downloads of
exactly what a view shows (``/v1/download``), through the same export functions as ``dyadwatch export``."""

from __future__ import annotations

import io
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse

from dyadwatch import api, resources
from dyadwatch.analytics.relations import ViewFilter
from dyadwatch.server.errors import ERROR_RESPONSES
from dyadwatch.server.services import Services, services

router = APIRouter(prefix="/v1", tags=["desk"], responses=ERROR_RESPONSES)
Svc = Annotated[Services, Depends(services)]
Code = Annotated[str, Path(pattern=r"^[A-Za-z]{2,6}$", description="Country code, e.g. CHN")]
By = Annotated[Literal["week", "month", "quarter", "year"], Query(description="Period of the change and sparkline")]


def view_filter(
    type: Annotated[str | None, Query(max_length=40, description="PLOVER type or CAMEO code, e.g. PROTEST or 14")]
    = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1-4")] = None,
    since: Annotated[date | None, Query(description="First day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="Last day (YYYY-MM-DD)")] = None,
    include_uncounted: Annotated[bool, Query(description="Also negated, hypothetical and historical events")]
    = False,
    include_unresolved: Annotated[bool, Query(description="Also events whose source actor has no code")] = False,
) -> ViewFilter:
    """The page's filters, checked like the CLI's (``parse_query``: an unknown type is a 422 with did-you-mean)."""
    query = api.parse_query(type=type, since=since, until=until)
    return ViewFilter(plover=query.plover, cameo=query.cameo, quad_class=quad_class, since=since, until=until,
                      include_uncounted=include_uncounted, include_unresolved=include_unresolved)


Flt = Annotated[ViewFilter, Depends(view_filter)]


def _country(code: str) -> str:
    return str(api.parse_query(source=code, several=False).source)


@router.get("/watch", summary="Feed watching of `serve --watch`: when the last round ran and what it found")
def watch_status(svc: Svc) -> Any:
    if svc.poller is None:
        return {"enabled": False, "data_version": svc.read(resources.data_version)}
    return {**svc.poller.snapshot(), "data_version": svc.read(resources.data_version)}


@router.get("/types", summary="The PLOVER event types (with their QuadClass and CAMEO roots) a filter takes")
def event_types() -> Any:
    from dyadwatch.query import list_event_types

    return {"types": list_event_types()}


@router.get("/countries/{code}", summary="Every dyad of one country: counts, strain, change this period")
def country(code: Code, svc: Svc, flt: Flt, by: By = "month") -> Any:
    return svc.read(resources.country_view, _country(code), flt, by=by)


@router.get("/pairs", summary="Undirected pairs with events, conflict, strain and a sparkline per pair")
def pairs(svc: Svc, flt: Flt, by: By = "month") -> Any:
    return svc.read(resources.pair_list, flt, by=by)


@router.get("/map", summary="Events by place (located places and country-only points) for the map")
def map_view(svc: Svc, flt: Flt) -> Any:
    return svc.read(resources.map_view, flt)


@router.get("/map/events", summary="The events at a place (geonameid) or in a country, newest first")
def map_events(
    svc: Svc, flt: Flt,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,6}$")] = None,
    geonameid: Annotated[int | None, Query(ge=0)] = None,
    unplaced: Annotated[bool, Query(description="Only events placed no finer than the country")] = False,
) -> Any:
    return svc.read(resources.place_event_list, flt, country=_country(country) if country else None,
                    geonameid=geonameid, unplaced=unplaced)


def _csv(rows: list[dict[str, Any]], name: str) -> Response:
    from dyadwatch.rendering import write_rows

    flat = [{k: ("|".join(map(str, v)) if isinstance(v, list) else v) for k, v in row.items()} for row in rows]
    out = io.StringIO()
    write_rows(flat, "csv", out=out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


DOWNLOADS: dict[int | str, dict[str, Any]] = {200: {"content": {
    "text/csv": {}, "text/tab-separated-values": {}, "application/vnd.apache.parquet": {}}}}


@router.get("/download", response_class=StreamingResponse, responses=DOWNLOADS,
            summary="What a view shows, as CSV (its rows) or as the events behind it (GDELT TSV, Parquet)")
async def download(
    svc: Svc, flt: Flt,
    view: Annotated[Literal["pairs", "country", "dyad", "events", "place"], Query(description="The view's table")],
    to: Annotated[Literal["csv", "gdelt", "parquet"], Query()] = "csv",
    a: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,6}$", description="Country (country view), or a side")]
    = None,
    b: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,6}$", description="Other side (dyad views)")] = None,
    by: By = "month",
    geonameid: Annotated[int | None, Query(ge=0, description="A map point's place (view=place)")] = None,
    unplaced: Annotated[bool, Query(description="view=place with a=COUNTRY: only events placed no finer")] = False,
) -> Response:
    """``view=pairs``: the pair table; ``country`` (``a``): a country's dyads; ``dyad`` (``a``, ``b``): the
    chart's series; ``events`` (``a``, ``b``): the events of a pair in the filter's dates; ``place``
    (``geonameid``, or ``a`` with ``unplaced``): the events of a map point or country. CSV is the view's rows;
    GDELT and Parquet are the events behind it, written by ``dyadwatch export``'s functions."""
    from dyadwatch.analytics.export_stream import MEDIA_TYPES, SUFFIXES, export_chunks
    from dyadwatch.analytics.exports import export_rows
    from dyadwatch.errors import InputError

    first = _country(a) if a else None
    second = _country(b) if b else None
    if view in ("country", "dyad", "events") and first is None:
        raise InputError(f"view={view} needs a=COUNTRY; e.g. a=CHN")
    if view in ("dyad", "events") and second is None:
        raise InputError(f"view={view} needs a and b, e.g. a=CHN&b=USA")
    if view == "place" and first is None and geonameid is None:
        raise InputError("view=place needs geonameid=N (a point on the map) or a=COUNTRY")
    name = "-".join(["dyadwatch", view, *(c for c in (first, second) if c)])
    if to == "csv":
        if view == "pairs":
            rows = svc.read(resources.pair_list, flt, by=by)["pairs"]
        elif view == "country":
            rows = svc.read(resources.country_view, first, flt, by=by)["partners"]
        elif view == "dyad":
            rows = svc.read(resources.dyad_view, first, second, by=by, since=flt.since, until=flt.until,
                            plover=flt.plover, cameo=flt.cameo, quad_class=flt.quad_class,
                            include_uncounted=flt.include_uncounted,
                            include_unresolved=flt.include_unresolved)["series"]
        elif view == "place":
            rows = svc.read(resources.place_event_list, flt, country=first, geonameid=geonameid,
                            unplaced=unplaced)["events"]
        else:
            rows = svc.read(resources.dyad_event_list, first, second, since=flt.since, until=flt.until,
                            plover=flt.plover, cameo=flt.cameo, quad_class=flt.quad_class,
                            include_uncounted=flt.include_uncounted,
                            include_unresolved=flt.include_unresolved)["events"]
        return _csv(rows, name)
    filters: dict[str, Any] = flt.export_filters()
    if view == "country":
        filters["actor"] = first
    elif view in ("dyad", "events"):
        filters["pair"] = (first, second)
    elif view == "place":
        filters.update(located_in=first, geonameid=geonameid, unplaced=unplaced)

    def frame() -> Any:
        return svc.read(export_rows, to, unit="events", **filters)

    rows_frame, _report = await run_in_threadpool(frame)
    return StreamingResponse(export_chunks(rows_frame, to), media_type=MEDIA_TYPES[to],
                             headers={"Content-Disposition": f'attachment; filename="{name}.{SUFFIXES[to]}"'})
