"""One way to open a store, whatever the backend: ``open_store(target)``.

``target`` is what users type after ``--db`` (or put in ``DYADWATCH_DB``): a DuckDB file path, ``:memory:``,
or a ``postgresql://`` URL. Every command, the library and the HTTP server open stores through here, so a new
backend is one branch in one function.
"""

from __future__ import annotations

from pathlib import Path

from dyadwatch.store.base import Store
from dyadwatch.store.duckdb_store import DEFAULT_DB, open_duckdb
from dyadwatch.store.postgres_store import URL_SCHEMES, is_postgres_url, redact

__all__ = ["DEFAULT_DB", "describe", "is_postgres_url", "open_store", "store_exists"]


def open_store(target: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
    """Open the store at ``target``, creating and migrating it unless ``read_only``.

    ``read_only`` opens an existing store only (a missing one is an error naming the command that creates it).
    """
    if is_postgres_url(target):
        from dyadwatch.errors import ConfigError

        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            raise ConfigError(
                "a postgresql:// store needs psycopg 3; run `pip install 'psycopg[binary]>=3.2'`"
            ) from err
        from dyadwatch.store.postgres_store import PostgresStore

        return PostgresStore(str(target), read_only=read_only)
    text = str(target)
    if "://" in text:
        from dyadwatch.errors import InputError

        raise InputError(
            f"--db {redact(text)!r}: unknown store URL; give a DuckDB file path or a URL starting with "
            f"{' or '.join(URL_SCHEMES)}"
        )
    return open_duckdb(target, read_only=read_only)


def store_exists(target: str | Path) -> bool:
    """Whether ``target`` names a store that can be read (a PostgreSQL URL is checked when opened)."""
    return is_postgres_url(target) or str(target) == ":memory:" or Path(target).exists()


def describe(target: str | Path) -> str:
    """``target`` as messages show it (a URL without its password)."""
    return redact(str(target)) if is_postgres_url(target) else str(target)
