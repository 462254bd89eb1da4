"""What every route shares: the open store (one connection, one lock), the coder, and cached alert scans."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

from dyadwatch.records import Article
from dyadwatch.server.coding import Coder
from dyadwatch.server.config import ServerConfig
from dyadwatch.server.desk import Poller
from dyadwatch.server.errors import ApiError
from dyadwatch.store import open_store

T = TypeVar("T")


class Services:
    """The store and the coder of one server.

    A read-only server opens the store read-only (DuckDB: other read-only processes may open it too). One
    connection serves every request under a lock: DuckDB queries are fast and a connection is not meant to be
    used from two threads at once; a PostgreSQL store can lift the lock later.
    """

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.store = open_store(config.db, read_only=not config.opens_writable)
        self.lock = threading.RLock()
        self.coder = Coder(config.settings, queue_size=config.coding_queue)
        self._alerts: dict[tuple[Any, ...], Any] = {}
        self.poller: Poller | None = None

    def code_batch(self, articles: list[Article]) -> list[Any]:
        """Code articles one by one on the server's worker (each under its own budget), off the store lock."""
        return self.coder.code_blocking(articles)

    def start_watching(self) -> None:
        """Start the feed poller of ``serve --watch`` (writes through this store handle, under ``lock``)."""
        if self.config.watch is not None and self.poller is None:
            self.poller = Poller(self.config.watch, self.store, self.lock, self.code_batch).start()

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call a library function with the open store, under the store lock."""
        with self.lock:
            return fn(self.store, *args, **kwargs)

    def cached_alerts(self, fn: Callable[..., T], **kwargs: Any) -> T:
        """Alert scans cover every dyad: cached per store revision (any ingest changes the revision)."""
        from dyadwatch.resources import data_version

        with self.lock:
            key = (data_version(self.store)["store_revision"], *sorted(kwargs.items()))
            if key not in self._alerts:
                self._alerts = {key: fn(self.store, **kwargs)}
            return self._alerts[key]  # type: ignore[no-any-return]

    def close(self) -> None:
        if self.poller is not None:
            self.poller.stop()
        with self.lock:
            self.store.close()
        self.coder.close()


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def require_writer(request: Request) -> Services:
    """Writes need ``Authorization: Bearer <token>``, compared in constant time; no token configured: 403."""
    svc = services(request)
    token = svc.config.token
    if token is None:
        raise ApiError(403, "this server is read-only: restart `dyadwatch serve` with --token-file FILE to accept "
                       "writes", code="DW403")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "missing or wrong token; send the header `Authorization: Bearer <token>` with the token "
                       "of the server's --token-file", code="DW401", headers={"WWW-Authenticate": "Bearer"})
    return svc
