"""Readers that turn files into ``Article``s, streaming, and report what they skip and why.

A bad line or file never stops the good ones: it becomes an ``InputProblem`` in the stream, in order, so the
caller can count it, print it, and still exit non-zero at the end.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dyadwatch.errors import InputError
from dyadwatch.records import Article

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
# A first line this short, followed by a line break, is taken as the headline.
MAX_TITLE_CHARS = 200


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Something in the input that was skipped: where, and a one-line message that says how to fix it."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def parse_date(value: Any, *, field: str = "published") -> date | None:
    """Parse an ISO date or datetime (``2024-11-21``, ``2024-11-21T08:00:00Z``); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(f"{field} {text!r} is not a date; write it as YYYY-MM-DD") from None


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{where} is not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}); "
            "convert it first, e.g. `iconv -f latin1 -t utf-8 FILE > FILE.utf8`"
        ) from None


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{path} is a directory; pass the article files inside it (e.g. {path}/*.jsonl)")
    try:
        return p.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}); check its permissions") from None


def _fallback_published(text: str) -> date | None:
    """The date the article states about itself (dateline, "This story is from ..."), if any."""
    try:
        from dyadwatch.dating.published import find_publication_date
    except ImportError:  # pragma: no cover - the dating package ships with dyadwatch
        return None
    return find_publication_date(text)


class OverrideDate(date):
    """A publication date that replaces every article's own (``--published-override``).

    A plain ``date`` given as ``published`` only fills a missing date (``--published``): the article's own date
    (its ``published`` field, feed or page metadata, dateline) wins. Why a ``date`` subclass instead of a second
    parameter: it travels unchanged through every layer that passes a publication date on (the API, the worker
    pool, Dask partitions), so no layer can drop the difference.
    """

    @classmethod
    def of(cls, day: date) -> OverrideDate:
        return cls(day.year, day.month, day.day)


def choose_published(own: date | None, given: date | None, text: str | None = None) -> date | None:
    """The article's publication date: an override replaces its own; a plain given date only fills a gap.

    Order without an override: the date the source gives (field, metadata), the date the text gives about
    itself (a dateline), then the date the user gave.
    """
    if isinstance(given, OverrideDate):
        return date(given.year, given.month, given.day)
    if own is not None:
        return own
    stated = _fallback_published(text) if text else None
    return stated or given


def article_from_record(record: Any, published: date | None = None) -> Article:
    """Build an Article from a JSON object (``id, text, published|date, title, url, source``).

    Raises:
        InputError: the object lacks text or has a malformed date (the message names the fix).
    """
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object per line, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no 'text' field with the article's text; add one")
    raw_id = record.get("id")
    own = parse_date(record.get("published", record.get("date")))
    return Article.create(
        text,
        id=str(raw_id) if raw_id not in (None, "") else None,
        published=choose_published(own, published, text),
        title=record.get("title"),
        source=record.get("source"),
        url=record.get("url"),
    )


def _title(text: str) -> str | None:
    first, sep, _ = text.lstrip().partition("\n")
    first = first.strip()
    return first if sep and 0 < len(first) <= MAX_TITLE_CHARS else None


def _read_jsonl(path: str, text: str, published: date | None) -> Iterator[Article | InputProblem]:
    if not text.strip():  # as an empty .txt: an empty batch is a mistake worth a status, not a silent success
        yield InputProblem(path, "the file is empty; pass a JSONL file with one article object per line")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputProblem(where, f"malformed JSON ({err.msg} at column {err.colno}); fix or remove the line")
            continue
        try:
            yield article_from_record(record, published)
        except InputError as err:
            yield InputProblem(where, err.args[0])


def _read_json(path: str, text: str, published: date | None) -> Iterator[Article | InputProblem]:
    """A ``.json`` file: one JSON document (an article object, or a list of them, as the shipped example is),
    else JSON Lines, which many tools also write under that suffix."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        yield from _read_jsonl(path, text, published)
        return
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        where = f"{path}[{number}]" if isinstance(document, list) else path
        try:
            yield article_from_record(record, published)
        except InputError as err:
            yield InputProblem(where, err.args[0])


def _read_html(path: str, raw: bytes, published: date | None) -> Iterator[Article | InputProblem]:
    import trafilatura

    html = raw.decode("utf-8", errors="replace")
    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    if not extracted or not getattr(extracted, "text", None):
        yield InputProblem(path, "no article text found in the HTML; pass the article page, not an index page")
        return
    when = choose_published(parse_date(getattr(extracted, "date", None)), published, extracted.text)
    yield Article.create(
        extracted.text, published=when, title=getattr(extracted, "title", None),
        source=getattr(extracted, "sitename", None), url=getattr(extracted, "url", None),
    )


def _read_feed(path: str, raw: bytes, published: date | None) -> Iterator[Article | InputProblem]:
    import feedparser

    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        yield InputProblem(path, f"not a readable RSS/Atom feed ({feed.bozo_exception}); check the file")
        return
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
        if not body:
            yield InputProblem(f"{path}#{number}", "feed entry has no text; the feed gives headlines only")
            continue
        text = _strip_html(body)
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        when = choose_published(date(*parsed[:3]) if parsed else None, published, text)
        yield Article.create(
            text, id=entry.get("id") or entry.get("link"), published=when, title=entry.get("title"),
            source=source, url=entry.get("link"),
        )


def _strip_html(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    import trafilatura

    return trafilatura.extract(f"<html><body>{fragment}</body></html>") or fragment


def read_articles(path: str, *, published: date | None = None) -> Iterator[Article | InputProblem]:
    """Stream the articles in ``path`` (``-`` for stdin): one per text file, one per JSONL line or feed entry.

    Raises:
        InputError: the file itself cannot be read (missing, a directory, not UTF-8).
    """
    raw = _read_bytes(path)
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in HTML_SUFFIXES:
        yield from _read_html(path, raw, published)
        return
    if suffix in FEED_SUFFIXES:
        yield from _read_feed(path, raw, published)
        return
    text = _decode(raw, "standard input" if path == "-" else path)
    if suffix == ".json":
        yield from _read_json(path, text, published)
        return
    if suffix in JSONL_SUFFIXES or (path == "-" and text.lstrip().startswith("{")):
        yield from _read_jsonl(path, text, published)
        return
    if not text.strip():
        yield InputProblem(path, "the file is empty; pass a file with the article's text")
        return
    yield Article.create(
        text,
        published=choose_published(None, published, text),
        title=_title(text),
        source=None,
    )
