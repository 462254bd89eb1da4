"""Keeping the store right over HTTP (issue 21): ``POST /v1/recode``, ``POST /v1/forget``, ``POST /v1/check``.

All three change the store, so all three need the bearer token (``require_writer``), as ``POST /v1/articles``.
They call the same library functions as ``dyadwatch recode|forget|check``. A recode is worked through in bounded
requests: each call codes at most ``max_articles`` queued articles (with the server's running coder) and answers
how many are still queued; call again until ``queued`` is 0. A killed server loses nothing: the queue is in the
store.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from dyadwatch.server.errors import ERROR_RESPONSES
from dyadwatch.server.services import Services, require_writer

router = APIRouter(prefix="/v1", tags=["store upkeep"], responses=ERROR_RESPONSES)
Writer = Annotated[Services, Depends(require_writer)]


class RecodeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    where: list[str] = Field(default_factory=list, description="Conditions as `dyadwatch recode --where`: "
                             "article=ID, source=NAME, coder_version=V, since=DATE, before=DATE, undated")
    published: date | None = Field(None, description="Publication date for articles that lack one")
    published_override: bool = Field(False, description="Replace every selected article's own date with "
                                     "`published`")
    max_articles: int = Field(64, ge=1, le=10_000, description="Articles to re-code in this request")


class ForgetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=500)
    before: date | None = None


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    repair: bool = False


@router.post("/recode", summary="Re-code stored articles with the current coder (needs the token)")
async def recode(body: Annotated[RecodeIn, Body()], svc: Writer) -> Any:
    from dyadwatch.errors import InputError
    from dyadwatch.io.readers import OverrideDate
    from dyadwatch.runner.recode import pending, queue, run

    if body.published_override and body.published is None:
        raise InputError("published_override needs a published date to put in place; add \"published\"")
    given = OverrideDate.of(body.published) if body.published and body.published_override else body.published

    def work(store: Any) -> dict[str, Any]:
        report = queue(store, body.where, given)
        run(store, report, limit=body.max_articles, batch_size=min(body.max_articles, 64),
            coder=svc.coder.code_blocking)
        return {"resumed": report.resumed, "recoded": report.articles, "events_before": report.events_before,
                "events_after": report.events_after, "skipped": report.skipped, "queued": pending(store)}

    return await run_in_threadpool(svc.read, work)


@router.post("/forget", summary="Remove articles and everything derived from them (needs the token)")
async def forget(body: Annotated[ForgetIn, Body()], svc: Writer) -> Any:
    from dyadwatch.analytics.integrity import forget as forget_articles

    def work(store: Any) -> dict[str, Any]:
        report = forget_articles(store, article=body.article, source=body.source, before=body.before)
        return {"articles": report.articles, "events": report.events}

    return await run_in_threadpool(svc.read, work)


@router.post("/check", summary="Verify the store, and repair it when asked (needs the token)")
async def check(body: Annotated[CheckIn, Body()], svc: Writer) -> Any:
    from dyadwatch.analytics.integrity import check as check_store

    def work(store: Any) -> dict[str, Any]:
        report = check_store(store, repair=body.repair)
        return {"ok": report.ok, "schema": report.schema, "expected_schema": report.expected_schema,
                "findings": [{"name": f.name, "what": f.what, "count": f.count, "repaired": f.repaired}
                             for f in report.findings],
                "ungrouped_articles": report.ungrouped_articles, "recode_pending": report.recode_pending}

    return await run_in_threadpool(svc.read, work)
