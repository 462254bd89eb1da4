"""Persistence behind one small interface: DuckDB (one file, the default) or PostgreSQL (a shared server).

``DuckDBStore`` and ``open_store`` are imported on first use: the backends pull in DuckDB, pandas and pyarrow
(about a second), which ``dyadwatch code`` never needs.
"""

from typing import TYPE_CHECKING, Any

from dyadwatch.store.base import CodedArticle, EventFilter, IngestReport, Store

if TYPE_CHECKING:
    from dyadwatch.store.duckdb_store import DuckDBStore
    from dyadwatch.store.factory import open_store

__all__ = ["CodedArticle", "DuckDBStore", "EventFilter", "IngestReport", "Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name == "DuckDBStore":
        from dyadwatch.store.duckdb_store import DuckDBStore

        return DuckDBStore
    if name == "open_store":
        from dyadwatch.store.factory import open_store

        return open_store
    raise AttributeError(f"module 'dyadwatch.store' has no attribute {name!r}")
