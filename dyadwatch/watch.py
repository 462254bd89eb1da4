"""Continuous watching: poll RSS/Atom feeds, fetch new items' pages, code and store them, round after round.

A round that always finishes (issue 22):

1. Every feed is fetched (a URL or a local file) and read with feedparser.
2. Items whose page is already stored are skipped before any download: links are compared in canonical form
   (tracking parameters such as ``utm_*`` and the fragment dropped), so ``page?utm_source=x`` is the stored
   ``page``.
3. The other pages are fetched, each under a total deadline (connect, headers and body together: a server that
   trickles a byte at a time is cut off) and a size limit, and their text extracted with trafilatura. A page
   that fails (HTTP error, deadline, size, no text) is **not** replaced by the feed's description: it is
   reported ("2 failed pages") and fetched again next round, then with a growing back-off. Only a feed whose
   item carries the full article (``content:encoded``, Atom ``content``, at least ``FULL_TEXT_CHARS``) may be
   coded from the feed, and the round says so for each item.
4. Texts already stored under another URL (same content hash) are skipped before coding.
5. The rest are coded on a watched worker process (``dyadwatch.runner``), each under its time budget.
6. The store is written (and a grouping left pending by a crash finished, as every ingest does).

Nothing holds the store while pages are fetched or coded: it is taken for the look-ups and the write only, so a
standalone ``watch`` beside a ``serve`` on one DuckDB file waits its turn for each of them; a store still locked
after ``DYADWATCH_LOCK_WAIT`` is reported and tried again next round (coded articles wait in memory).

``run_round`` runs one round against an already-open store (the server's handle and its lock); ``run_db_round``
opens a store path for each access. ``dyadwatch watch`` calls the latter on its schedule.
"""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from dyadwatch import __version__
from dyadwatch.errors import InputError, StoreError
from dyadwatch.records import Article

USER_AGENT = f"dyadwatch/{__version__} (+feed watcher)"
# Seconds one feed or page may take in all: connecting, the headers and the whole body.
FETCH_DEADLINE_S = 20.0
# Seconds a single connect or read may block (a dead server is given up sooner than the whole deadline).
READ_TIMEOUT_S = 10.0
# Pages larger than this are not articles (or not worth coding); feeds may be larger.
MAX_PAGE_BYTES = 5_000_000
MAX_FEED_BYTES = 10_000_000
MAX_REDIRECTS = 5
# Seconds one round may spend fetching; pages not reached by then are left to the next round.
ROUND_DEADLINE_S = 600.0
# A page that failed n times in a row is tried again after 1, 2, 4 ... rounds, at most this many.
MAX_BACKOFF_ROUNDS = 16
# A feed entry's own content counts as the full article from this many characters of text (a description or a
# teaser is a sentence or two).
FULL_TEXT_CHARS = 600
# Query parameters that only track where a click came from: the same page with or without them.
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|ocid|cmpid|smid|at_\w+)$",
                      re.IGNORECASE)


# --- fetching under a deadline -----------------------------------------------------------------------------
def _cut(conn: http.client.HTTPConnection) -> None:
    """Called by the deadline timer: shut the socket, which ends any read blocked on it."""
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _http_get(url: str, deadline_at: float, max_bytes: int, redirects: int = MAX_REDIRECTS) -> bytes:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: not an http(s) URL")
    remaining = deadline_at - time.monotonic()
    if remaining <= 0:
        raise InputError(f"{url}: no time left in this fetch's deadline; retried next round")
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname, parts.port, timeout=min(READ_TIMEOUT_S, remaining))
    timer = threading.Timer(remaining, _cut, [conn])
    timer.daemon = True
    timer.start()
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        response = conn.getresponse()
        location = response.getheader("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            if redirects <= 0:
                raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")
            return _http_get(urljoin(url, location), deadline_at, max_bytes, redirects - 1)
        if response.status >= 400:
            raise InputError(f"{url}: HTTP {response.status} {response.reason}")
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise InputError(f"{url}: {int(length):,} bytes, over the limit of {max_bytes:,}")
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.read1(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise InputError(f"{url}: over the limit of {max_bytes:,} bytes; not treated as an article")
            chunks.append(chunk)
            if time.monotonic() > deadline_at:
                raise OSError("deadline")
        if time.monotonic() > deadline_at:  # the timer cut the socket: what came is not the whole page
            raise OSError("deadline")
        return b"".join(chunks)
    except (OSError, http.client.HTTPException, UnicodeError, ValueError) as err:
        if time.monotonic() >= deadline_at - 0.05:
            raise InputError(f"{url}: not complete within its deadline (a slow or trickling server); "
                             "retried next round") from None
        raise InputError(f"{url}: cannot fetch ({err or type(err).__name__})") from None
    finally:
        timer.cancel()
        conn.close()


def fetch(source: str, *, deadline_s: float = FETCH_DEADLINE_S, max_bytes: int = MAX_PAGE_BYTES) -> bytes:
    """The bytes of an http(s) URL or a local file; any failure is an InputError naming the source.

    The deadline covers the whole fetch (connect, headers, body, redirects): a read that keeps receiving a few
    bytes never times out by itself, so a timer shuts the socket when the deadline passes.
    """
    if source.startswith(("http://", "https://")):
        return _http_get(source, time.monotonic() + deadline_s, max_bytes)
    path = Path(source.removeprefix("file://"))
    try:
        if path.stat().st_size > max_bytes:
            raise InputError(f"{source}: over the limit of {max_bytes:,} bytes")
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"{source}: cannot read ({err.strerror})") from None


def canonical_url(url: str) -> str:
    """The link as stored and compared: scheme and host in lower case, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


# --- feeds and pages ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FeedItem:
    id: str | None
    link: str | None
    title: str | None
    published: date | None
    content: str | None  # the entry's full content (content:encoded, Atom content), when the feed carries it
    summary: str | None  # the description: never coded as the article
    feed_title: str | None


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs or paths, one a line; blank lines and ``#`` comments ignored."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(f"cannot read the feeds file {str(p)!r} ({err.strerror}); check the path") from None
    feeds = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not feeds:
        raise InputError(f"{str(p)!r} lists no feeds; write one feed URL or file path a line")
    return feeds


def feed_items(raw: bytes, source: str) -> list[FeedItem]:
    import feedparser

    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        raise InputError(f"{source}: not a readable RSS/Atom feed ({feed.bozo_exception})")
    title = feed.feed.get("title")
    items = []
    for entry in feed.entries:
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        content = entry.get("content")
        items.append(FeedItem(entry.get("id"), entry.get("link"), entry.get("title"),
                              date(*parsed[:3]) if parsed else None, content[0].get("value") if content else None,
                              entry.get("summary"), title))
    return items


def _extract(html: str) -> tuple[str | None, Any]:
    import trafilatura

    meta = trafilatura.bare_extraction(html, with_metadata=True)
    text = getattr(meta, "text", None) if meta else None
    return (text if text and text.strip() else None), meta


def full_text(item: FeedItem) -> str | None:
    """The feed entry's own full article text, when it carries one (never its description)."""
    if not item.content:
        return None
    text, _ = _extract(f"<html><body><article>{item.content}</article></body></html>")
    text = text or item.content
    return text if len(text.strip()) >= FULL_TEXT_CHARS else None


class PageFailed(InputError):
    """A page that gave no article this round (fetch failed, no text): retried next round."""


def item_article(item: FeedItem, fetcher: Callable[[str], bytes], notes: list[str]) -> Article:
    """The article of a feed item: the page's main text; the feed's full content only when the page gives none
    (noted in ``notes``); ``PageFailed`` otherwise."""
    url = canonical_url(item.link) if item.link else None
    why = f"{item.id}: the item has no link"
    meta: Any = None
    text = None
    if item.link:
        try:
            text, meta = _extract(fetcher(item.link).decode("utf-8", errors="replace"))
            why = f"{item.link}: no article text in the page"
        except InputError as err:
            why = str(err).removeprefix(f"[{err.code}] ")
    if text is None:
        text = full_text(item)
        if text is None:  # the description is a teaser, not the article: never coded in its place
            raise PageFailed(why)
        notes.append(f"{why}; coded from the feed's full content instead")
    from dyadwatch.io.readers import parse_date

    published = item.published
    if published is None and meta is not None:
        try:
            published = parse_date(getattr(meta, "date", None))
        except InputError:
            published = None
    return Article.create(text, id=item.id or item.link, published=published,
                          title=item.title or getattr(meta, "title", None), source=item.feed_title, url=url)


# --- rounds ------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Failure:
    count: int
    next_round: int
    error: str


@dataclass(slots=True)
class WatchState:
    """What a watcher remembers between rounds: pages that failed (and when to try them again), and coded
    articles a locked store could not take yet."""

    round: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)
    pending: list[Any] = field(default_factory=list)

    def due(self, key: str) -> bool:
        failure = self.failures.get(key)
        return failure is None or self.round >= failure.next_round

    def failed(self, key: str, error: str) -> None:
        count = self.failures[key].count + 1 if key in self.failures else 1
        self.failures[key] = Failure(count, self.round + min(2 ** (count - 1), MAX_BACKOFF_ROUNDS), error)


@dataclass(slots=True)
class RoundReport:
    """What one round did, and every problem with where it happened."""

    new: int = 0
    skipped: int = 0
    rejected: int = 0
    events: int = 0
    failed_feeds: list[str] = field(default_factory=list)
    failed_pages: list[str] = field(default_factory=list)
    backing_off: int = 0
    deferred: int = 0
    from_feed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    store_busy: str | None = None

    @property
    def ok(self) -> bool:
        """Nothing failed or was rejected (``watch --once`` exits 3 otherwise, as a batch with bad inputs)."""
        return not (self.failed_feeds or self.failed_pages or self.problems or self.rejected)

    def line(self) -> str:
        parts = [f"{self.new} new", f"{self.skipped} skipped (already stored)", f"{self.rejected} rejected",
                 f"{self.events} event(s)"]
        if self.failed_pages:
            parts.append(f"{len(self.failed_pages)} failed page(s) (retried next round)")
        if self.backing_off:
            parts.append(f"{self.backing_off} failing page(s) waiting for a later round")
        if self.deferred:
            parts.append(f"{self.deferred} left for the next round (round deadline)")
        if self.from_feed:
            parts.append(f"{len(self.from_feed)} coded from the feed's full content")
        if self.failed_feeds:
            parts.append(f"{len(self.failed_feeds)} feed(s) failed (retried next round)")
        if self.store_busy:
            parts.append("store busy: writing next round")
        return ", ".join(parts)

    def details(self) -> list[str]:
        """One line per problem or note, for the log under the round's line."""
        return [*self.failed_feeds, *self.failed_pages, *self.problems, *self.from_feed,
                *([self.store_busy] if self.store_busy else [])]


StoreAccess = Callable[[], AbstractContextManager[Any]]
Code = Callable[[list[Article]], Iterable[Any]]


def _stored_urls(store: Any, urls: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = list(urls[i:i + 500])
        frame = store.sql(f"SELECT url FROM articles WHERE url IN ({', '.join('?' * len(chunk))})", chunk)
        out.update(str(u) for u in frame["url"])
    return out


def _round(feeds: Iterable[str], access: StoreAccess, code: Code, state: WatchState,
           fetcher: Callable[..., bytes], deadline_s: float) -> RoundReport:
    from dyadwatch import api

    state.round += 1
    report = RoundReport()
    end = time.monotonic() + deadline_s
    items: list[FeedItem] = []
    for source in feeds:
        try:
            items += feed_items(fetcher(source, max_bytes=MAX_FEED_BYTES), source)
        except InputError as err:
            report.failed_feeds.append(str(err).removeprefix(f"[{err.code}] "))
    keys = [canonical_url(i.link) if i.link else i.id or "" for i in items]
    try:
        with access() as store:
            stored = _stored_urls(store, [k for k in keys if k])
    except StoreError as err:
        report.store_busy = str(err)
        return report
    articles: list[Article] = []
    seen: set[str] = set()
    for item, key in zip(items, keys, strict=True):
        if key in stored or key in seen:  # stored, or listed twice (in two feeds): one copy is enough
            report.skipped += 1
            state.failures.pop(key, None)
            continue
        seen.add(key)
        if not state.due(key):
            report.backing_off += 1
            continue
        if time.monotonic() > end:
            report.deferred += 1
            continue
        try:
            articles.append(item_article(item, fetcher, report.from_feed))
        except PageFailed as err:
            message = str(err).removeprefix(f"[{err.code}] ")
            state.failed(key, message)
            report.failed_pages.append(message)
    try:
        with access() as store:
            known = store.known_hashes(list({a.content_hash for a in articles}))
    except StoreError as err:
        report.store_busy = str(err)
        return report
    fresh: list[Article] = []
    hashes: set[str] = set()
    for article in articles:  # the same text under another URL (or twice in this round): not coded again
        if article.content_hash in known or article.content_hash in hashes:
            report.skipped += 1
            state.failures.pop(article.url or article.id, None)
        else:
            hashes.add(article.content_hash)
            fresh.append(article)
    results = [*state.pending, *(code(fresh) if fresh else [])]
    try:
        with access() as store:
            run = api.ingest_results(store, results)
    except StoreError as err:
        state.pending = results
        report.store_busy = f"{err} ({len(results)} coded article(s) kept for the next round)"
        return report
    state.pending = []
    for article in fresh:
        state.failures.pop(article.url or article.id, None)
    report.new += run.stored.articles_new
    report.skipped += run.stored.articles_known
    report.rejected += len(run.skipped)
    report.events += run.events
    report.problems += run.skipped
    return report


def run_round(feeds: Iterable[str], store: Any, code: Code, *, lock: AbstractContextManager[Any] | None = None,
              state: WatchState | None = None, fetcher: Callable[..., bytes] = fetch,
              deadline_s: float = ROUND_DEADLINE_S) -> RoundReport:
    """One round over every feed against an already-open ``store`` (a server's handle).

    ``code`` codes a list of articles and returns one ``Coded``/``Rejected`` each (e.g. a ``Runner``'s
    ``code``: a watched worker under the time budget). ``lock``, when given, is held around each store access
    (the URL look-up, the content-hash look-up, the write) and never while pages are fetched or coded: pass the
    lock that serialises the handle's other users (a server's ``Services.lock``). ``state`` carries failed pages
    and their back-off from round to round: keep one ``WatchState`` for the life of the watcher.
    """
    guard = lock if lock is not None else nullcontext()

    @contextmanager
    def access() -> Iterator[Any]:
        with guard:
            yield store

    return _round(feeds, access, code, state if state is not None else WatchState(), fetcher, deadline_s)


def run_db_round(feeds: Iterable[str], db: str | Path, code: Code, *, state: WatchState | None = None,
                 fetcher: Callable[..., bytes] = fetch, deadline_s: float = ROUND_DEADLINE_S) -> RoundReport:
    """One round that opens the store at ``db`` for each access only (the standalone ``dyadwatch watch``): a
    DuckDB file held by another process is waited for (``DYADWATCH_LOCK_WAIT``), then left to the next round."""
    from dyadwatch.store import open_store

    def access() -> AbstractContextManager[Any]:
        return open_store(db)

    return _round(feeds, access, code, state if state is not None else WatchState(), fetcher, deadline_s)


def parse_every(text: str, option: str = "--every") -> float:
    """``15m``, ``30s``, ``2h`` (or plain seconds) -> seconds."""
    value = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        seconds = float(value[:-1]) * units[value[-1]] if value and value[-1] in units else float(value)
    except ValueError:
        seconds = -1
    if seconds <= 0:
        raise InputError(f"{option} {text!r} is not a duration; write e.g. 15m, 30s or 1h")
    return seconds
