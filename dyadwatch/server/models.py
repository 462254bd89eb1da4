"""Request and response bodies, as the OpenAPI schema shows them.

Events inside responses are the output contract's records (README, "Output contract"), typed here as objects so
the contract stays defined in one place (``dyadwatch.records``), not copied field by field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

Record = dict[str, Any]


class DataVersion(BaseModel):
    """The coder version and the store revision (changes on every ingest that stores something)."""

    coder_version: str
    store_revision: str
    store_schema: int


class ArticleIn(BaseModel):
    """An article to code or ingest: its text and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article's full text (UTF-8)")
    id: str | None = Field(None, max_length=1000, description="Your id for it; default: derived from the text")
    published: date | None = Field(None, description="Publication date (YYYY-MM-DD); dates in the text are "
                                   "read relative to it")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=500, description="The outlet")


class Health(BaseModel):
    status: str
    store: str
    writable: bool
    versions: Record
    data_version: DataVersion


class EventPage(BaseModel):
    events: list[Record]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page")
    data_version: DataVersion


class EventDetail(BaseModel):
    event: Record | None = Field(description="The real event (a group of reports); null if not grouped yet")
    reports: list[Record]
    responds_to: list[Record]
    responses: list[Record]
    data_version: DataVersion


class ArticleView(BaseModel):
    article: Record
    events: list[Record]
    spans: list[Record]
    data_version: DataVersion | None = None


class CodeResult(BaseModel):
    article: Record
    events: list[Record]
    spans: list[Record]
    coder_version: str


class Rejection(BaseModel):
    article_id: str
    stage: str
    reason: str


class IngestResult(BaseModel):
    articles: int = Field(description="Articles coded")
    events: int
    articles_new: int
    articles_known: int
    events_written: int
    rejected: list[Rejection]
    data_version: DataVersion


class DyadList(BaseModel):
    dyads: list[Record]
    data_version: DataVersion


class SeriesView(BaseModel):
    dyad: Record
    series: list[Record]
    alerts: list[Record]
    data_version: DataVersion


class EventList(BaseModel):
    events: list[Record]
    data_version: DataVersion


class AlertList(BaseModel):
    alerts: list[Record]
    data_version: DataVersion
