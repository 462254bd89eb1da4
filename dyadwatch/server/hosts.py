"""The Host allow-list: a server answers only requests addressed to a name it was told it has.

Why (issue 22): a server on 127.0.0.1 is reachable from any web page the user opens, through DNS rebinding: the
page's own domain is re-pointed at 127.0.0.1, and the browser then sends the page's requests, with
``Host: evil.example``, to the local server as if same-origin. Refusing every Host that is not one of the
server's own names stops that: the attacker cannot make the browser send ``Host: localhost``.

The default names are the loopback ones (``localhost`` and its subdomains, 127.0.0.1, ::1), the address given
to ``--host``, and ``testserver`` (the name Starlette's test client sends; a single-label name that public DNS
cannot point anywhere, so no page can rebind it). ``--allow-host NAME`` adds a name (a reverse proxy's, a LAN
name); ``--allow-host '*'`` turns the check off. Anything else is a 400 in the API's error shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "testserver")


def host_name(header: str) -> str:
    """The name part of a Host header value: ``[::1]:8000`` -> ``::1``, ``Example.org.:80`` -> ``example.org``."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(bind: str | None = None, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The allow-list of a server bound to ``bind`` with the names ``extra`` added (``*``: any)."""
    names = [*LOCAL_HOSTS]
    if bind and bind not in ("0.0.0.0", "::", ""):
        names.append(host_name(bind))
    names += [host_name(n) if n != "*" else "*" for n in extra]
    return tuple(dict.fromkeys(names))


class HostAllowList:
    """ASGI middleware: a request whose Host is not in ``hosts`` gets 400 before any route runs."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(hosts)
        self.any = "*" in self.hosts

    def allows(self, header: str | None) -> bool:
        if self.any:
            return True
        if not header:
            return False
        name = host_name(header)
        return name in self.hosts or name.endswith(".localhost")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.any:
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(b"host")
        header = raw.decode("latin-1") if raw is not None else None
        if self.allows(header):
            await self.app(scope, receive, send)
            return
        message = (f"Host {header!r} is not a name of this server; use http://localhost or "
                   "http://127.0.0.1, or start it with --allow-host NAME for the name you use")
        payload = json.dumps({"error": {"status": 400, "code": "DW400", "message": message,
                                        "field": "host"}}).encode()
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})
