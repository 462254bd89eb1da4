"""One error shape everywhere, and the request-size limit.

Every error response is ``{"error": {"status", "code", "message", "field"}}``: ``message`` is the library's
one-line "what is wrong and how to fix it", ``field`` names the request field at fault when there is one. Bad
requests never give a 500: malformed bodies and parameters are 422 naming the field, oversized bodies 413,
unknown ids 404, writes without a configured token 403.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyadwatch.errors import DyadwatchError, InputError, NothingFound, StoreError

log = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    field: str | None = None


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "Host header not in the server's allow-list"),
        (401, "Missing or wrong bearer token"),
        (403, "Read-only server"),
        (404, "Unknown id"),
        (413, "Body over the size limit"),
        (422, "Invalid field or parameter, or an answer over its size limit (the message says how to page)"),
        (503, "Store unavailable or coding over its time budget"),
    )
}


# Routes that also answer ``?format=csv`` document it (clients and schema checkers see both media types).
CSV: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}


class ApiError(Exception):
    """An error with its HTTP status, code and one-line message."""

    def __init__(self, status: int, message: str, *, code: str = "DW000", field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.field = field
        self.headers = headers


class PayloadTooLarge(ApiError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(413, message, code="DW413", field=field)


def body(status: int, message: str, code: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "field": field}}


def _json(status: int, message: str, code: str, field: str | None = None,
          headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body(status, message, code, field), status_code=status, headers=headers)


def _library_status(err: DyadwatchError) -> int:
    """The HTTP status of a library error: bad values are 422 (the request is well formed, a value is wrong)."""
    if isinstance(err, NothingFound):
        return 404
    if isinstance(err, InputError):
        return 422
    if isinstance(err, StoreError):
        return 503
    return int(getattr(err, "http_status", 500))


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or ("body" if loc and loc[0] == "body" else None)


def _most_specific(errors: Sequence[Any]) -> dict[str, Any]:
    """The error that says most: for a body that may be one object or a list, pydantic reports both readings
    ("Input should be a valid dictionary" for the object reading); the one that names a list item and its field
    is the one that tells the client what to fix."""
    if not errors:
        return {}
    return max(errors, key=lambda e: (_list_index(e.get("loc", ())) is not None, len(e.get("loc", ()))))


def _list_index(loc: tuple[Any, ...] | list[Any]) -> int | None:
    """The item index when ``loc`` points into a list body (``("body", "list[ArticleIn]", 1, "text")``)."""
    for before, part in itertools.pairwise(loc):
        if isinstance(part, int) and isinstance(before, str) and before.startswith("list["):
            return part
    return None


def _item_field(loc: tuple[Any, ...] | list[Any]) -> str | None:
    """``article 1 field 'text'`` reads better than ``list[ArticleIn].1.text``: drop the union branch's name."""
    return _field_of([p for p in loc if not (isinstance(p, str) and "[" in p)])


def _validation_message(err: RequestValidationError) -> tuple[str, str | None]:
    first = _most_specific(err.errors())
    index = _list_index(first.get("loc", ()))
    if index is not None and first.get("type") != "json_invalid":
        loc = list(first["loc"])
        field = _item_field(loc[loc.index(index) + 1:]) or "body"
        return (f"article {index} in the list, field {field!r}: {first.get('msg', 'invalid value')}; fix that "
                "item and send again (see /docs)", f"{index}.{field}")
    field = _field_of(first.get("loc", ()))
    kind = first.get("type", "")
    if kind == "json_invalid":
        return "the body is not valid JSON; send a JSON object such as {\"text\": \"...\"}", "body"
    msg = str(first.get("msg", "invalid value"))
    if field == "body":
        return ("the body must be JSON: an object such as {\"text\": \"...\"} (or a list of them where the route "
                "takes one), sent with Content-Type: application/json"), "body"
    where = f"{first['loc'][0]} " if first.get("loc") else ""
    return f"{where}field {field!r}: {msg}; fix it and send again (see /docs)", field


def install_error_handlers(app: FastAPI) -> None:
    """Turn every error into the one shape (and never a traceback in a response)."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, err: ApiError) -> JSONResponse:
        return _json(err.status, err.message, err.code, err.field, err.headers)

    @app.exception_handler(DyadwatchError)
    async def _library(request: Request, err: DyadwatchError) -> JSONResponse:
        status = _library_status(err)
        if status == 500:
            log.error("library error on %s: %s", request.url.path, err)
        return _json(status, super(DyadwatchError, err).__str__(), err.code)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError) -> JSONResponse:
        message, field = _validation_message(err)
        return _json(422, message, "DW422", field)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> JSONResponse:
        if isinstance(err.__cause__, ApiError):  # raised while FastAPI read the body (e.g. over the size limit)
            return await _api(request, err.__cause__)
        message = {404: f"no such path {request.url.path!r}; the API is listed at /docs",
                   405: f"method {request.method} is not allowed on {request.url.path}; see /docs",
                   400: "the body cannot be read; send JSON with Content-Type: application/json"}.get(
            err.status_code, str(err.detail))
        return _json(err.status_code, message, f"DW{err.status_code}", headers=getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def _internal(request: Request, err: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return _json(500, f"internal error ({type(err).__name__}); please report it with the request that caused "
                     "it", "DW500")


class BodyLimit:
    """ASGI middleware: refuses a body over ``limit`` bytes with 413, by its Content-Length or as it streams."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _message(self) -> str:
        return (f"request body over the limit of {self.limit:,} bytes; send fewer articles per request "
                "(or raise the limit with --max-request-mb)")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise PayloadTooLarge(self._message(), "body")
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, send: Send) -> None:
        payload = json.dumps(body(413, self._message(), "DW413", "body")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})
