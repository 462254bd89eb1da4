"""Flattening records into the store's columns, with explicit Arrow schemas for bulk loads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa

from dyadwatch.records import Actor, Event
from dyadwatch.store.base import CodedArticle, IngestReport

ARTICLE_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()),
        ("article_id", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("text", pa.string()),
        ("n_events", pa.int32()),
        ("coder_version", pa.string()),
        ("ingested_at", pa.timestamp("us")),
    ]
)


def _actor_fields(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{prefix}_text", pa.string()),
        (f"{prefix}_name", pa.string()),
        (f"{prefix}_country", pa.string()),
        (f"{prefix}_sector", pa.string()),
        (f"{prefix}_code", pa.string()),
        (f"{prefix}_start", pa.int32()),
        (f"{prefix}_end", pa.int32()),
    ]


EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("content_hash", pa.string()),
        ("article_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("evidence_text", pa.string()),
        *_actor_fields("source"),
        *_actor_fields("target"),
        ("plover", pa.string()),
        ("mode", pa.string()),
        ("context", pa.string()),
        ("cameo", pa.string()),
        ("goldstein", pa.float64()),
        ("quad_class", pa.int32()),
        ("plover_score", pa.float64()),
        ("trigger_text", pa.string()),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("event_date", pa.date32()),
        ("date_precision", pa.string()),
        ("date_text", pa.string()),
        ("date_range_start", pa.date32()),
        ("date_range_end", pa.date32()),
        ("historical", pa.bool_()),
        ("location_name", pa.string()),
        ("location_country", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geonameid", pa.int64()),
        ("negated", pa.bool_()),
        ("hypothetical", pa.bool_()),
        ("confidence", pa.float64()),
        ("published", pa.date32()),
        ("outlet", pa.string()),
        ("coder_version", pa.string()),
        # What the target is: a party ("actor"), or an act or thing acted upon ("event", "thing"), never a party.
        ("target_kind", pa.string()),
        ("payload", pa.string()),
    ]
)

LINK_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("responds_to", pa.string()),
        ("content_hash", pa.string()),
        ("cue", pa.string()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("evidence_text", pa.string()),
    ]
)


def article_rows(batch: Sequence[CodedArticle], now: datetime) -> list[dict[str, Any]]:
    from dyadwatch import __version__

    return [
        {
            "content_hash": c.article.content_hash,
            "article_id": c.article.id,
            "title": c.article.title,
            "published": c.article.published,
            "source": c.article.source,
            "url": c.article.url,
            "text": c.article.text,
            "n_events": len(c.events),
            "coder_version": c.events[0].coder_version if c.events else __version__,
            "ingested_at": now,
        }
        for c in batch
    ]


def _actor(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{k}": None for k in ("text", "name", "country", "sector", "code", "start", "end")}
    return {
        f"{prefix}_text": actor.span.text,
        f"{prefix}_name": actor.name,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": actor.sector,
        f"{prefix}_code": actor.code,
        f"{prefix}_start": actor.span.start,
        f"{prefix}_end": actor.span.end,
    }


def event_row(event: Event, coded: CodedArticle) -> dict[str, Any]:
    loc = event.location
    return {
        "event_id": event.event_id,
        "content_hash": coded.article.content_hash,
        "article_id": coded.article.id,
        "sentence_index": event.sentence_index,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "evidence_text": event.evidence.text,
        **_actor("source", event.source),
        **_actor("target", event.target),
        "plover": event.type.plover,
        "mode": event.type.mode,
        "context": event.type.context,
        "cameo": event.type.cameo,
        "goldstein": event.type.goldstein,
        "quad_class": event.type.quad_class,
        "plover_score": event.type.plover_score,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "event_date": event.date.value,
        "date_precision": event.date.precision,
        "date_text": event.date.text,
        "date_range_start": event.date.range_start,
        "date_range_end": event.date.range_end,
        "historical": event.date.historical,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "confidence": event.confidence,
        "published": coded.article.published,
        "outlet": coded.article.source,
        "coder_version": event.coder_version,
        "target_kind": event.target.kind if event.target else None,
        "payload": json.dumps(event.to_dict(), ensure_ascii=False),
    }


def event_rows(batch: Sequence[CodedArticle]) -> list[dict[str, Any]]:
    return [event_row(e, c) for c in batch for e in c.events]


def link_rows(batch: Sequence[CodedArticle]) -> list[dict[str, Any]]:
    return [
        {
            "event_id": e.event_id,
            "responds_to": link.responds_to,
            "content_hash": c.article.content_hash,
            "cue": link.cue,
            "evidence_start": link.evidence.start if link.evidence else None,
            "evidence_end": link.evidence.end if link.evidence else None,
            "evidence_text": link.evidence.text if link.evidence else None,
        }
        for c in batch
        for e in c.events
        for link in e.links
    ]


def coded_tables(batch: Sequence[CodedArticle], now: datetime) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The batch as the three Arrow tables a bulk load writes: articles, events, links."""
    return (
        pa.Table.from_pylist(article_rows(batch, now), schema=ARTICLE_SCHEMA),
        pa.Table.from_pylist(event_rows(batch), schema=EVENT_SCHEMA),
        pa.Table.from_pylist(link_rows(batch), schema=LINK_SCHEMA),
    )


def dedupe_batch(batch: Sequence[CodedArticle]) -> tuple[dict[str, CodedArticle], IngestReport]:
    """The batch by content hash (the first occurrence wins) and a report counting the repeats as known."""
    report = IngestReport()
    unique: dict[str, CodedArticle] = {}
    for coded in batch:
        if coded.article.content_hash in unique:
            report.articles_known += 1
            report.known_ids.append(coded.article.id)
        else:
            unique[coded.article.content_hash] = coded
    return unique, report
