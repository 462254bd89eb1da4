"""Persistence behind one small interface: DuckDB now, PostgreSQL later.

``DuckDBStore`` and ``open_store`` are imported on first use: DuckDB, pandas and pyarrow take about a second to
import, and ``dyadwatch code`` (which never opens a store) should not pay for them.
"""

from typing import TYPE_CHECKING, Any

from dyadwatch.store.base import CodedArticle, EventFilter, IngestReport, Store

if TYPE_CHECKING:
    from dyadwatch.store.duckdb_store import DuckDBStore, open_store

__all__ = ["CodedArticle", "DuckDBStore", "EventFilter", "IngestReport", "Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in ("DuckDBStore", "open_store"):
        from dyadwatch.store import duckdb_store

        return getattr(duckdb_store, name)
    raise AttributeError(f"module 'dyadwatch.store' has no attribute {name!r}")
