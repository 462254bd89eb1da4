"""Versioned schema migrations: named, ordered, recorded in ``schema_migrations``, each in a transaction.

Append new migrations at the end; never edit one that has shipped. Events carry no primary-key index on
purpose: DuckDB's ART indexes slow bulk loads and cost memory at 10M rows, and idempotency is enforced one level up,
by the articles' content-hash key (events are only written for articles that were new in the same transaction).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles-and-events",
        """
        CREATE TABLE articles (
            content_hash VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            title VARCHAR,
            published DATE,
            source VARCHAR,
            url VARCHAR,
            text VARCHAR NOT NULL,
            n_events INTEGER NOT NULL,
            coder_version VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL
        );
        CREATE TABLE events (
            event_id VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            evidence_text VARCHAR NOT NULL,
            source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
            source_code VARCHAR, source_start INTEGER, source_end INTEGER,
            target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
            target_code VARCHAR, target_start INTEGER, target_end INTEGER,
            plover VARCHAR NOT NULL, mode VARCHAR, context VARCHAR, cameo VARCHAR NOT NULL,
            goldstein DOUBLE, quad_class INTEGER, plover_score DOUBLE,
            trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
            event_date DATE, date_precision VARCHAR, date_text VARCHAR, date_range_start DATE,
            date_range_end DATE, historical BOOLEAN NOT NULL,
            location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
            negated BOOLEAN NOT NULL, hypothetical BOOLEAN NOT NULL, confidence DOUBLE,
            published DATE, outlet VARCHAR,
            coder_version VARCHAR NOT NULL,
            payload VARCHAR NOT NULL
        );
        CREATE TABLE event_links (
            event_id VARCHAR NOT NULL,
            responds_to VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL
        );
        """,
    ),
    # Issue 6 (relations): real events grouped from their mentions, each membership with its reason. No key
    # indexes, for the reason given above; the upserts in `dyadwatch.analytics.grouping` keep the keys unique.
    Migration(
        2,
        "event-groups",
        """
        CREATE TABLE event_groups (
            group_id VARCHAR NOT NULL,
            plover VARCHAR NOT NULL, mode VARCHAR, cameo VARCHAR,
            source_country VARCHAR, source_key VARCHAR NOT NULL,
            target_country VARCHAR, target_key VARCHAR NOT NULL,
            is_symmetric BOOLEAN NOT NULL,
            goldstein DOUBLE, quad_class INTEGER, plover_score DOUBLE,
            event_date DATE, date_precision VARCHAR, date_lo DATE, date_hi DATE,
            location_name VARCHAR, location_country VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
            n_mentions INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_sources INTEGER NOT NULL,
            first_seen DATE, last_seen DATE,
            historical BOOLEAN NOT NULL, counted BOOLEAN NOT NULL,
            representative VARCHAR NOT NULL,
            updated_at TIMESTAMP NOT NULL
        );
        CREATE TABLE event_group_members (
            event_id VARCHAR NOT NULL,
            group_id VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            joined_at TIMESTAMP NOT NULL
        );
        """,
    ),
    # Issue 6: a cause -> response link keeps its evidence: the cue ("citing", "in response to", "follows") and the
    # sentence that states it, in original-text offsets. Filled by ingest when events carry link evidence.
    Migration(
        3,
        "event-link-evidence",
        """
        ALTER TABLE event_links ADD COLUMN cue VARCHAR;
        ALTER TABLE event_links ADD COLUMN evidence_start INTEGER;
        ALTER TABLE event_links ADD COLUMN evidence_end INTEGER;
        ALTER TABLE event_links ADD COLUMN evidence_text VARCHAR;
        """,
    ),
    # Issue 6: which articles have been through event grouping, so grouping after an ingest reads only the new
    # articles' mentions instead of anti-joining every stored mention (5 s at 10M events; this is milliseconds).
    Migration(
        4,
        "grouped-articles",
        """
        CREATE TABLE grouped_articles (
            content_hash VARCHAR NOT NULL,
            grouped_at TIMESTAMP NOT NULL
        );
        """,
    ),
)
