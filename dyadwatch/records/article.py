"""The Article owns the original text; everything else points into it."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any


def content_hash(text: str) -> str:
    """Hash of the article's content, stable across ids, whitespace and Unicode compositions.

    Why: ingest must recognise an article it already stored even when a feed gives it a new id or
    re-wraps its lines, so the key is derived from the words, not from the envelope.
    """
    folded = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as given: text, metadata, and a content hash that identifies it in the store."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    content_hash: str = field(default="")

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError("Article.text must be a str")
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))

    @classmethod
    def create(
        cls,
        text: str,
        *,
        id: str | None = None,
        published: date | None = None,
        title: str | None = None,
        source: str | None = None,
        url: str | None = None,
    ) -> Article:
        """Build an article; the id defaults to one derived from the content hash."""
        digest = content_hash(text)
        return cls(
            id=id or f"sha-{digest[:16]}",
            text=text,
            published=published,
            title=title,
            source=source,
            url=url,
            content_hash=digest,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "content_hash": self.content_hash,
        }
