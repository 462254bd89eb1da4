"""Persistence behind one small interface: DuckDB (one file, the default) or PostgreSQL (a shared server)."""

from dyadwatch.store.base import CodedArticle, EventFilter, IngestReport, Store
from dyadwatch.store.duckdb_store import DuckDBStore
from dyadwatch.store.factory import open_store

__all__ = ["CodedArticle", "DuckDBStore", "EventFilter", "IngestReport", "Store", "open_store"]
