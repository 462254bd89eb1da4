"""Continuous watching: poll RSS/Atom feeds, fetch new items' pages, code and store them, round after round.

One round reads every feed (a URL or a local file), skips items whose page is already stored (by URL, before
any download; then by content hash at ingest), fetches the rest, extracts the article text with trafilatura,
codes and ingests. A feed or page that fails is reported in the round's line and tried again next round; the
others go on. Nothing here knows about time: ``dyadwatch watch`` calls ``watch_round`` on its schedule.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dyadwatch import __version__
from dyadwatch.errors import InputError
from dyadwatch.records import Article

# Seconds to wait for one feed or page before giving up on it for this round.
FETCH_TIMEOUT_S = 30.0
USER_AGENT = f"dyadwatch/{__version__} (+feed watcher)"
# Pages larger than this are not articles (or not worth coding): skipped with a reason.
MAX_PAGE_BYTES = 5_000_000


@dataclass(slots=True)
class RoundReport:
    """What one round did, and every problem with where it happened."""

    new: int = 0
    skipped: int = 0
    rejected: int = 0
    events: int = 0
    failed_feeds: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        failed = f", {len(self.failed_feeds)} feed(s) failed (retried next round)" if self.failed_feeds else ""
        return (f"{self.new} new, {self.skipped} skipped (already stored), {self.rejected} rejected, "
                f"{self.events} event(s){failed}")


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


def fetch(source: str, *, timeout: float = FETCH_TIMEOUT_S) -> bytes:
    """The bytes of an http(s) URL or a local file; any failure is an InputError naming the source."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # http(s) only: checked above
                data: bytes = response.read(MAX_PAGE_BYTES + 1)
        except urllib.error.HTTPError as err:
            raise InputError(f"{source}: HTTP {err.code} {err.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise InputError(f"{source}: cannot fetch ({reason})") from None
        if len(data) > MAX_PAGE_BYTES:
            raise InputError(f"{source}: over {MAX_PAGE_BYTES:,} bytes; not treated as an article")
        return data
    path = Path(source.removeprefix("file://"))
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"{source}: cannot read ({err.strerror})") from None


@dataclass(frozen=True, slots=True)
class FeedItem:
    id: str | None
    link: str | None
    title: str | None
    published: date | None
    body: str | None
    feed_title: str | None


def feed_items(raw: bytes, source: str) -> list[FeedItem]:
    import feedparser

    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        raise InputError(f"{source}: not a readable RSS/Atom feed ({feed.bozo_exception})")
    title = feed.feed.get("title")
    items = []
    for entry in feed.entries:
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
        items.append(FeedItem(entry.get("id"), entry.get("link"), entry.get("title"),
                              date(*parsed[:3]) if parsed else None, body, title))
    return items


def page_article(item: FeedItem, html: bytes | None) -> Article:
    """The article of a feed item: the page's main text (trafilatura), else the feed's own text."""
    import trafilatura

    text = None
    meta: Any = None
    if html:
        meta = trafilatura.bare_extraction(html.decode("utf-8", errors="replace"), with_metadata=True)
        text = getattr(meta, "text", None) if meta else None
    if not text and item.body:
        text = trafilatura.extract(f"<html><body>{item.body}</body></html>") or item.body
    if not text or not text.strip():
        raise InputError(f"{item.link or item.id}: no article text in the page or the feed entry")
    from dyadwatch.io.readers import parse_date

    published = item.published
    if published is None and meta is not None:
        try:
            published = parse_date(getattr(meta, "date", None))
        except InputError:
            published = None
    return Article.create(text, id=item.id or item.link, published=published,
                          title=item.title or getattr(meta, "title", None), source=item.feed_title, url=item.link)


def _stored_url(store: Any, url: str) -> bool:
    return not store.sql("SELECT 1 AS x FROM articles WHERE url = ? LIMIT 1", [url]).empty


def watch_round(feeds: Iterable[str], store: Any, code: Callable[[list[Article]], Iterable[Any]],
                *, fetcher: Callable[[str], bytes] = fetch) -> RoundReport:
    """One round over every feed: fetch, skip what is stored, code (``code`` returns Analysis/Rejected), ingest."""
    from dyadwatch import api

    report = RoundReport()
    articles: list[Article] = []
    queued: set[str] = set()
    for source in feeds:
        try:
            items = feed_items(fetcher(source), source)
        except InputError as err:
            report.failed_feeds.append(str(err))
            continue
        for item in items:
            if item.link and (item.link in queued or _stored_url(store, item.link)):
                report.skipped += 1
                continue
            try:
                html = fetcher(item.link) if item.link else None
            except InputError as err:
                if not item.body:  # no page and no text in the feed: try again next round
                    report.rejected += 1
                    report.problems.append(str(err))
                    continue
                html = None
            try:
                article = page_article(item, html)
            except InputError as err:
                report.rejected += 1
                report.problems.append(str(err))
                continue
            queued.add(item.link or article.id)
            articles.append(article)
    if articles:
        run = api.ingest_results(store, code(articles))
        report.new += run.stored.articles_new
        report.skipped += run.stored.articles_known
        report.rejected += len(run.skipped)
        report.events += run.events
        report.problems += run.skipped
    return report


def parse_every(text: str) -> float:
    """``15m``, ``30s``, ``2h`` (or plain seconds) -> seconds."""
    value = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        seconds = float(value[:-1]) * units[value[-1]] if value and value[-1] in units else float(value)
    except ValueError:
        seconds = -1
    if seconds <= 0:
        raise InputError(f"--every {text!r} is not a duration; write e.g. 15m, 30s or 1h")
    return seconds
