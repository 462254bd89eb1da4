"""Spans are views into the original article text: offsets first, the text only as a convenience copy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A ``[start, end)`` character range of the original article text, with that text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span offsets ({self.start}, {self.end})")

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    def overlaps(self, other: TextSpan) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: its position in the article and its span in the original text."""

    index: int
    span: TextSpan
