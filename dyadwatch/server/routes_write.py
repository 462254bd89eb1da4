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


@router.post("/code", response_model=CodeResult, summary="Code one article and return its events (nothing stored)")
async def code(item: Annotated[ArticleIn, Body()], svc: Annotated[Services, Depends(services)]) -> Any:
    article = to_article(item, svc)
    result = await svc.coder.code_one(article)
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
    results: list[Coded | Rejected | None] = []
    articles: list[Article] = []
    for i, item in enumerate(batch):  # a bad article is rejected; the others go on
        try:
            articles.append(to_article(item, svc, f"article {i}" if isinstance(items, list) else "text"))
            results.append(None)
        except InputError as err:
            results.append(Rejected(item.id or f"#{i}", "input", err.args[0]))
    coded = iter(await svc.coder.code_many(articles) if articles else [])  # 429 at once when the queue is full
    done: list[Coded | Rejected] = [r if r is not None else next(coded) for r in results]

    def store() -> api.RunReport:
        return svc.read(api.ingest_results, done)

    report = await run_in_threadpool(store)
    rejected = [{"article_id": r.article_id, "stage": r.stage, "reason": r.reason}
                for r in done if isinstance(r, Rejected)]
    return {
        "articles": report.articles, "events": report.events, "articles_new": report.stored.articles_new,
        "articles_known": report.stored.articles_known, "events_written": report.stored.events_written,
        "rejected": rejected, "data_version": svc.read(resources.data_version),
    }
