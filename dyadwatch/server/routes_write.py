"""Coding: ``POST /v1/code`` (events, nothing stored) and ``POST /v1/articles`` (ingest; needs the token).

Coding never runs on the event loop: each article goes to ``Coder.code_one`` (a worker, under its time budget).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.concurrency import run_in_threadpool

from dyadwatch import __version__, api, resources
from dyadwatch.errors import InputError
from dyadwatch.io.readers import article_from_record
from dyadwatch.pipeline import Rejected
from dyadwatch.pipeline.guard import unfit_reason
from dyadwatch.records import Article
from dyadwatch.runner import Coded
from dyadwatch.server.coding import over_budget
from dyadwatch.server.errors import ERROR_RESPONSES, ApiError, ErrorBody, PayloadTooLarge
from dyadwatch.server.models import ArticleIn, CodeResult, IngestResult
from dyadwatch.server.services import Services, require_writer, services

router = APIRouter(prefix="/v1", tags=["coding"], responses={
    **ERROR_RESPONSES, 429: {"model": ErrorBody, "description": "Coding queue full (see Retry-After)"}})


def to_article(item: ArticleIn, svc: Services, where: str = "text") -> Article:
    """The library's Article for a request item; over the per-article limits (bytes of the request, characters
    the coder takes) is a 413 naming the item and the limit."""
    size = len(item.text.encode("utf-8"))
    if size > svc.config.max_article_bytes:
        raise PayloadTooLarge(f"{where} is {size:,} bytes, over the limit of {svc.config.max_article_bytes:,} per "
                              "article; split it or raise --max-article-mb", where)
    limit = svc.config.settings.max_article_chars
    if len(item.text) > limit:
        raise PayloadTooLarge(f"{where} is {len(item.text):,} characters, over the coding limit of {limit:,} per "
                              "article (Settings.max_article_chars); split it into articles", where)
    reason = unfit_reason(item.text, svc.config.settings)  # degenerate text: refused before it takes a queue place
    if reason is not None:
        raise InputError(f"{where}: {reason}")
    record = item.model_dump(exclude_none=True)
    if "published" in record:
        record["published"] = record["published"].isoformat()
    return article_from_record(record)


def _articles(batch: list[ArticleIn], svc: Services, listed: bool) -> list[Article | Rejected]:
    """Each item as an Article, or a Rejected naming why it cannot be coded (a bad article; the others go on)."""
    out: list[Article | Rejected] = []
    for i, item in enumerate(batch):
        try:
            out.append(to_article(item, svc, f"article {i}" if listed else "text"))
        except InputError as err:
            out.append(Rejected(item.id or f"#{i}", "input", err.args[0]))
    return out


@router.post("/code", response_model=CodeResult, summary="Code one article and return its events (nothing stored)")
async def code(item: Annotated[ArticleIn, Body()], svc: Annotated[Services, Depends(services)]) -> Any:
    # A place in the queue first (a full queue answers 429 before any work), then the text checks off the event
    # loop (they read the whole text), then the worker.
    with svc.coder.admit(1):
        article = await run_in_threadpool(to_article, item, svc)
        result = await svc.coder.code_admitted(article)
    if isinstance(result, Rejected):
        status = 503 if over_budget(result) else 422
        raise ApiError(status, f"article rejected in the {result.stage} stage: {result.reason}", code="DW300",
                       field="text")
    return {**resources.coded_article(result), "coder_version": __version__}


@router.post("/articles", response_model=IngestResult,
             summary="Code and store one article or a list (needs Authorization: Bearer <token>)")
async def ingest(
    items: Annotated[ArticleIn | list[ArticleIn], Body()], svc: Annotated[Services, Depends(require_writer)]
) -> Any:
    batch = items if isinstance(items, list) else [items]
    if not batch:
        raise ApiError(422, "the list of articles is empty; send one article object or a non-empty list",
                       code="DW422", field="body")
    with svc.coder.admit(len(batch)):  # the whole batch or nothing: 429 before any article is coded
        results = await run_in_threadpool(_articles, batch, svc, isinstance(items, list))
        done: list[Coded | Rejected] = [
            r if isinstance(r, Rejected) else await svc.coder.code_admitted(r) for r in results
        ]

    def store() -> tuple[api.RunReport, dict[str, Any]]:
        return svc.read(api.ingest_results, done), svc.read(resources.data_version)

    report, version = await run_in_threadpool(store)
    rejected = [{"article_id": r.article_id, "stage": r.stage, "reason": r.reason}
                for r in done if isinstance(r, Rejected)]
    return {
        "articles": report.articles, "events": report.events, "articles_new": report.stored.articles_new,
        "articles_known": report.stored.articles_known, "events_written": report.stored.events_written,
        "rejected": rejected, "data_version": version,
    }
