"""The FastAPI application: routers, the error shape, the body limit, the Host allow-list, CORS (off unless
configured)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from dyadwatch import __version__
from dyadwatch.server import page, routes_desk, routes_dyads, routes_events, routes_meta, routes_write
from dyadwatch.server.config import ServerConfig
from dyadwatch.server.errors import BodyLimit, install_error_handlers
from dyadwatch.server.hosts import HostAllowList
from dyadwatch.server.routes_integrity import router as integrity_router
from dyadwatch.server.services import Services

log = logging.getLogger(__name__)

DESCRIPTION = """Political event data from news: events with their evidence, dyad series with strain and change
alerts, coding of new articles. Every response body is JSON in one error shape when something is wrong
(`{"error": {"status", "code", "message", "field"}}`); list responses carry `data_version`."""


def create_app(config: ServerConfig) -> FastAPI:
    """The application for one store. Opening the store happens here, so a bad ``--db`` fails at start."""
    services = Services(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if config.warm_up:
            await run_in_threadpool(services.coder.warm_up)
        services.start_watching()
        yield
        services.close()

    # docs_url/redoc_url off: FastAPI's pages load their script from a CDN; page.py serves an offline /docs.
    app = FastAPI(title="dyadwatch", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.services = services
    install_error_handlers(app)
    for module in (routes_meta, routes_events, routes_dyads, routes_desk, routes_write, page):
        app.include_router(module.router)
    app.include_router(integrity_router)
    app.mount("/static", page.static_files(), name="static")
    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, limit=config.max_request_bytes)
    app.add_middleware(HostAllowList, hosts=config.allowed_hosts)  # outermost: a foreign Host reaches nothing
    return app
