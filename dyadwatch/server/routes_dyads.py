"""Dyads and alerts: ``/v1/dyads``, ``/v1/dyads/{a}/{b}/series``, ``/v1/dyads/{a}/{b}/events``, ``/v1/alerts``
and the Atom feed ``/v1/alerts.atom``."""

from __future__ import annotations

import io
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from dyadwatch import api, resources
from dyadwatch.server.atom import alerts_feed
from dyadwatch.server.errors import CSV, ERROR_RESPONSES
from dyadwatch.server.models import AlertList, DyadList, EventList, SeriesView
from dyadwatch.server.services import Services, services

router = APIRouter(prefix="/v1", tags=["dyads"], responses=ERROR_RESPONSES)

Code = Annotated[str, Path(pattern=r"^[A-Za-z]{2,6}$", description="Actor code, e.g. USA")]
Svc = Annotated[Services, Depends(services)]
Since = Annotated[date | None, Query(description="First day (YYYY-MM-DD)")]
Until = Annotated[date | None, Query(description="Last day (YYYY-MM-DD)")]
Directed = Annotated[bool, Query(description="Only A acting on B (symmetric types count both ways)")]
Unit = Annotated[Literal["events", "mentions"], Query(description="Real events (reports grouped) or every report")]
Format = Annotated[Literal["json", "csv"], Query()]


_NO_KINDS: dict[str, Any] = {}


def kinds_filter(
    type: Annotated[str | None, Query(max_length=40, description="PLOVER type or CAMEO code, e.g. PROTEST or 14")]
    = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1-4")] = None,
    include_uncounted: Annotated[bool, Query(description="Also negated, hypothetical and historical events")]
    = False,
    include_unresolved: Annotated[bool, Query(description="Also events whose source actor has no code")] = False,
) -> dict[str, Any]:
    """The page's filters of a dyad view (type checked by ``parse_query``), as keyword arguments."""
    query = api.parse_query(type=type)
    return {"plover": query.plover, "cameo": query.cameo, "quad_class": quad_class,
            "include_uncounted": include_uncounted, "include_unresolved": include_unresolved}


def _pair(a: str, b: str) -> tuple[str, str]:
    """The dyad's codes, checked like the CLI's (an unknown code is a 422 with did-you-mean)."""
    query = api.parse_query(source=a, target=b, several=False)
    return str(query.source), str(query.target)


def _csv(rows: list[dict[str, Any]]) -> Response:
    from dyadwatch.rendering import write_rows

    out = io.StringIO()
    write_rows(rows, "csv", out=out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


@router.get("/dyads", response_model=DyadList, responses=CSV, summary="The pairs present, with event counts")
def list_dyads(svc: Svc, format: Format = "json") -> Any:
    rows = svc.read(resources.dyads)
    if format == "csv":
        return _csv(rows)
    return {"dyads": rows, "data_version": svc.read(resources.data_version)}


@router.get("/dyads/{a}/{b}/series", response_model=SeriesView, responses=CSV,
            summary="Counts per QuadClass, Goldstein sums, strain, and alerts with the events behind each")
def dyad_series(
    a: Code, b: Code, svc: Svc, since: Since = None, until: Until = None, directed: Directed = False,
    unit: Unit = "events", format: Format = "json",
    by: Annotated[Literal["day", "week", "month", "quarter", "year"], Query()] = "month",
    kinds: Annotated[dict[str, Any], Depends(kinds_filter)] = _NO_KINDS,
) -> Any:
    view = svc.read(resources.dyad_view, *_pair(a, b), by=by, directed=directed, unit=unit, since=since,
                    until=until, **kinds)
    if format == "csv":
        return _csv(view["series"])
    return view


@router.get("/dyads/{a}/{b}/events", response_model=EventList,
            summary="The events behind a dyad's series in a window (newest first)")
def dyad_events(a: Code, b: Code, svc: Svc, since: Since = None, until: Until = None, directed: Directed = False,
                unit: Unit = "events", kinds: Annotated[dict[str, Any], Depends(kinds_filter)] = _NO_KINDS) -> Any:
    return svc.read(resources.dyad_event_list, *_pair(a, b), directed=directed, unit=unit, since=since,
                    until=until, **kinds)


@router.get("/alerts", response_model=AlertList, summary="Every change alert of every dyad, newest first")
def list_alerts(svc: Svc, since: Since = None) -> Any:
    return svc.cached_alerts(resources.all_alerts, since=since)


@router.get("/alerts.atom", response_class=Response, summary="The alerts as an Atom feed, for feed readers",
            responses={200: {"content": {"application/atom+xml": {}}}})
def alerts_atom(request: Request, svc: Svc, since: Since = None) -> Response:
    data = svc.cached_alerts(resources.all_alerts, since=since)
    base = str(request.base_url)
    return Response(alerts_feed(data, base), media_type="application/atom+xml; charset=utf-8")
