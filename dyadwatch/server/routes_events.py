"""Events and articles: ``GET /v1/events``, ``/v1/events/{id}``, ``/v1/articles/{id}`` (reads only)."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from dyadwatch import api, resources
from dyadwatch.server.errors import CSV, ERROR_RESPONSES
from dyadwatch.server.models import ArticleView, EventDetail, EventPage
from dyadwatch.server.services import Services, services
from dyadwatch.store import EventFilter

router = APIRouter(prefix="/v1", tags=["events"], responses=ERROR_RESPONSES)

# One actor code (ISO 3166 alpha-3 or an organisation code) or several, comma-separated.
CODES = r"^[A-Za-z]{2,6}(,[A-Za-z]{2,6}){0,49}$"
# Ids are opaque (feed ids are often URLs, slashes included): any text, looked up as a parameter, never a path.
ID_DOC = "An id as the API gives it (URL-encode it)"
Id = Annotated[str, Path(min_length=1, max_length=1000, description=ID_DOC)]
Svc = Annotated[Services, Depends(services)]

Codes = Annotated[str | None, Query(pattern=CODES, description="Actor code(s), e.g. CHN or USA,TWN (any of them)")]


def event_filter(
    source: Codes = None,
    target: Codes = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. REJECT")] = None,
    since: Annotated[date | None, Query(description="Events dated on or after (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="Events dated on or before (YYYY-MM-DD)")] = None,
    updated_since: Annotated[datetime | None, Query(description="Only events stored after this time (ISO 8601)")
                             ] = None,
    all: Annotated[bool, Query(description="Include negated, hypothetical and historical events")] = False,
) -> EventFilter:
    """The same filters as ``dyadwatch events``, checked by the same function (unknown code or type: 422 with
    did-you-mean and how to list valid ones)."""
    query = api.parse_query(source=source, target=target, type=type, since=since, until=until)
    flt: EventFilter = query.to_filter(include_uncounted=all, updated_since=updated_since)
    return flt


@router.get("/events", response_model=EventPage, responses=CSV,
            summary="Stored events, newest first (cursor pagination)")
def list_events(
    flt: Annotated[EventFilter, Depends(event_filter)],
    svc: Annotated[Services, Depends(services)],
    limit: Annotated[int, Query(ge=1, le=resources.MAX_PAGE)] = 100,
    cursor: Annotated[str | None, Query(max_length=400, description="next_cursor of the previous page")] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Any:
    page = svc.read(resources.event_page, flt, limit=limit, cursor=cursor)
    if format == "csv":
        from dyadwatch.rendering import write_events

        out = io.StringIO()
        write_events(page["events"], "csv", out=out)
        headers = {"X-Next-Cursor": page["next_cursor"] or "",
                   "X-Store-Revision": page["data_version"]["store_revision"]}
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    return page


@router.get("/events/{event_id:path}", response_model=EventDetail,
            summary="One real event with every report of it, its evidence and its cause/response links")
def get_event(event_id: Id, svc: Svc) -> Any:
    return svc.read(resources.event_detail, event_id)


@router.get("/articles/{article_id:path}", response_model=ArticleView,
            summary="An article's text with every coded span")
def get_article(article_id: Id, svc: Svc) -> Any:
    return svc.read(resources.article_detail, article_id)
