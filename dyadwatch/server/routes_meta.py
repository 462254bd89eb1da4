"""``GET /healthz`` (store reachable, versions) and ``GET /v1/export`` (the exports of ``dyadwatch export``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from dyadwatch import api, resources
from dyadwatch.server.errors import ERROR_RESPONSES
from dyadwatch.server.models import Health
from dyadwatch.server.routes_events import CODES
from dyadwatch.server.services import Services, services

router = APIRouter(responses=ERROR_RESPONSES)
Svc = Annotated[Services, Depends(services)]


@router.get("/healthz", response_model=Health, tags=["meta"], summary="Store reachable; versions of package, "
            "model and tables")
def healthz(svc: Svc) -> Any:
    version = svc.read(resources.data_version)  # raises (503) when the store cannot answer
    return {"status": "ok", "store": svc.config.db if "://" not in svc.config.db else "(url)",
            "writable": svc.config.writable, "versions": api.info(svc.config.settings), "data_version": version}


@router.get("/v1/export", tags=["export"], response_class=StreamingResponse,
            summary="Stored events as GDELT TSV, PLOVER JSONL, Parquet or GeoJSON (streamed)",
            responses={200: {"content": {"text/tab-separated-values": {}, "application/x-ndjson": {},
                                         "application/vnd.apache.parquet": {}, "application/geo+json": {}}}})
async def export(
    svc: Svc,
    to: Annotated[Literal["gdelt", "gdelt-extended", "plover", "parquet", "geojson"], Query()],
    unit: Annotated[Literal["events", "mentions"], Query()] = "events",
    source: Annotated[str | None, Query(pattern=CODES.replace("{0,49}", "{0}"))] = None,
    target: Annotated[str | None, Query(pattern=CODES.replace("{0,49}", "{0}"))] = None,
    since: date | None = None,
    until: date | None = None,
    include_uncounted: bool = False,
    include_unresolved: bool = False,
) -> StreamingResponse:
    from dyadwatch.analytics.export_stream import MEDIA_TYPES, SUFFIXES, export_chunks
    from dyadwatch.analytics.exports import export_rows

    query = api.parse_query(source=source, target=target, since=since, until=until, several=False)
    # Bounded before any row is read: over the limit is a 422 saying how to split the export.
    await run_in_threadpool(svc.read, resources.check_export_size, unit=unit, source=query.source,
                            target=query.target, since=since, until=until, include_uncounted=include_uncounted)

    def frame() -> Any:
        return svc.read(export_rows, to, include_unresolved=include_unresolved, unit=unit, source=query.source,
                        target=query.target, since=since, until=until, include_uncounted=include_uncounted)

    rows, _report = await run_in_threadpool(frame)  # the rows are read now; rendering streams
    revision = svc.read(resources.data_version)["store_revision"]
    headers = {"Content-Disposition": f'attachment; filename="dyadwatch-{unit}.{SUFFIXES[to]}"',
               "X-Store-Revision": revision}
    return StreamingResponse(export_chunks(rows, to), media_type=MEDIA_TYPES[to], headers=headers)
