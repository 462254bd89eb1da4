"""Persistence behind one small interface: DuckDB now, PostgreSQL later."""

from dyadwatch.store.base import CodedArticle, EventFilter, IngestReport, Store
from dyadwatch.store.duckdb_store import DuckDBStore, open_store

__all__ = ["CodedArticle", "DuckDBStore", "EventFilter", "IngestReport", "Store", "open_store"]
