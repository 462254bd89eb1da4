"""``dyadwatch serve``: a thin HTTP layer (FastAPI) over the same library functions the CLI calls.

    from dyadwatch.server import ServerConfig, create_app
    app = create_app(ServerConfig(db="news.duckdb"))     # then: uvicorn.run(app)

Modules: ``app`` builds the application, ``errors`` holds the one error shape and the size limit, ``services``
the open store and the coder, ``coding`` the one function that codes articles off the event loop, and one
``routes_*`` module per resource. No route holds a query: each calls ``dyadwatch.resources``, ``dyadwatch.api`` or
``dyadwatch.analytics``.
"""

from dyadwatch.server.app import create_app
from dyadwatch.server.config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
