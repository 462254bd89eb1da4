"""What a server runs with: the store, the write token, the size limits, CORS, the coding budget and queue, the
Host allow-list."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError
from dyadwatch.server.desk import WatchPlan
from dyadwatch.server.hosts import LOCAL_HOSTS

# Articles admitted into the coding queue at once (``server/coding.py``); past it /v1/code answers 429.
CODING_QUEUE = 16

# Body limits (issue 16): one article's text, and a whole request (a batch of articles).
MAX_ARTICLE_BYTES = 2_000_000
MAX_REQUEST_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Settings of one server. ``token=None`` makes the server read-only (write routes answer 403)."""

    db: str
    token: str | None = None
    max_article_bytes: int = MAX_ARTICLE_BYTES
    max_request_bytes: int = MAX_REQUEST_BYTES
    cors_origins: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)
    warm_up: bool = True  # load the model at start-up, so the first /v1/code is not charged for it
    watch: WatchPlan | None = None  # serve --watch: poll these feeds in this process (opens the store writable)
    # Host names the server answers to (``server/hosts.py``): the loopback names unless told otherwise; "*": any.
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    coding_queue: int = CODING_QUEUE

    @property
    def writable(self) -> bool:
        return self.token is not None

    @property
    def opens_writable(self) -> bool:
        """The store is opened for writing when writes come over HTTP (a token) or from the feed poller."""
        return self.token is not None or self.watch is not None


def read_token(path: str | Path) -> str:
    """The write token from a file (first line, stripped); a missing, empty or short token is refused."""
    p = Path(path)
    try:
        token = p.read_text(encoding="utf-8").strip().splitlines()[0].strip() if p.stat().st_size else ""
    except OSError as err:
        raise ConfigError(f"cannot read the token file {str(p)!r} ({err.strerror}); check the path") from None
    if len(token) < 16:
        raise ConfigError(
            f"the token in {str(p)!r} is empty or shorter than 16 characters; write a long random one, e.g. "
            f"`python -c 'import secrets; print(secrets.token_urlsafe(32))' > {p}`"
        )
    return token
