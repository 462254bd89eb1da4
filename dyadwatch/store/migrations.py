"""Versioned schema migrations: named, ordered, recorded in ``schema_migrations``, each in a transaction.

Append new migrations at the end; never edit one that has shipped. Events carry no primary-key index on
purpose: DuckDB's ART indexes slow bulk loads and cost memory at 10M rows, and idempotency is enforced one level up,
by the articles' content-hash key (events are only written for articles that were new in the same transaction).

Both backends share this one list. The SQL is written once, in the subset DuckDB and PostgreSQL share; where
the dialects differ the difference is explicit, never guessed: ``sql_for`` spells ``DOUBLE`` as PostgreSQL's
``DOUBLE PRECISION`` and gives every ``VARCHAR`` the ``"C"`` collation there (byte order, as DuckDB sorts, so
``ORDER BY`` answers the same on both whatever the server's locale; text indexes get cheaper too), and a
migration that only one backend needs gives the other an explicit empty ``postgres``/``duckdb`` text, with the
reason next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIALECTS = ("duckdb", "postgres")
_DOUBLE = re.compile(r"\bDOUBLE\b(?!\s+PRECISION)")
_VARCHAR = re.compile(r"\bVARCHAR\b")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str
    # Dialect-specific replacements of ``sql`` (None: the shared text applies; "": nothing to do on that backend).
    duckdb: str | None = None
    postgres: str | None = None

    def sql_for(self, dialect: str) -> str:
        """The statements to run on ``dialect`` (``duckdb`` or ``postgres``); may be empty."""
        if dialect not in DIALECTS:
            raise ValueError(f"unknown SQL dialect {dialect!r}; use one of {DIALECTS}")
        own = self.duckdb if dialect == "duckdb" else self.postgres
        text = self.sql if own is None else own
        if dialect == "postgres":
            text = _VARCHAR.sub('VARCHAR COLLATE "C"', _DOUBLE.sub("DOUBLE PRECISION", text))
        return text


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
    # Issue 15: the indexes a shared PostgreSQL store needs. Keys make concurrent ingests safe (ON CONFLICT on the
    # article's content hash; the derived tables' upsert keys; event ids are indexed but not unique, as in DuckDB,
    # so a batch is never refused on one backend and kept on the other), and covering dyad indexes let the series query
    # read 10M events with an index-only scan. DuckDB gets none of them: its ART indexes slow bulk loads and cost
    # memory (see above), and its zone maps already make the dyad scan fast; one writer at a time keeps it safe.
    Migration(
        5,
        "shared-store-indexes",
        "",
        duckdb="",
        postgres="""
        CREATE INDEX events_content_hash ON events (content_hash);
        CREATE INDEX events_event_id ON events (event_id);
        CREATE INDEX events_dyad ON events (source_country, target_country)
            INCLUDE (event_date, quad_class, goldstein, plover_score, negated, hypothetical, historical);
        CREATE INDEX events_article ON events (article_id);
        CREATE INDEX event_links_content_hash ON event_links (content_hash);
        CREATE UNIQUE INDEX event_groups_group_id ON event_groups (group_id);
        CREATE INDEX event_groups_dyad ON event_groups (source_country, target_country)
            INCLUDE (event_date, counted, is_symmetric, quad_class, goldstein, plover_score);
        CREATE INDEX event_groups_window ON event_groups (date_lo, date_hi);
        CREATE UNIQUE INDEX event_group_members_event_id ON event_group_members (event_id);
        CREATE INDEX event_group_members_group_id ON event_group_members (group_id);
        CREATE UNIQUE INDEX grouped_articles_content_hash ON grouped_articles (content_hash);
        """,
    ),
    Migration(
        6,
        "target-kind",
        # A target that is an act or a thing ("condemned the bombing") is no party: grouping must not read it as
        # one. Rows stored before this migration have only party targets, so NULL reads as "actor".
        "ALTER TABLE events ADD COLUMN target_kind VARCHAR;",
    ),
    # Issue 21: the articles a `dyadwatch recode` run still has to re-code, with the publication date it was asked
    # to apply (``published_override``: replace the article's own; else fill a missing one). A batch's rewrite
    # deletes its rows in the same transaction, so a killed run resumes exactly where it stopped.
    Migration(
        7,
        "recode-pending",
        """
        CREATE TABLE recode_pending (
            content_hash VARCHAR NOT NULL,
            published DATE,
            published_override BOOLEAN NOT NULL,
            queued_at TIMESTAMP NOT NULL
        );
        """,
    ),
)
