"""Typed, immutable records: what dyadwatch produces and stores.

Every span carries character offsets into the ORIGINAL article text, so evidence can always be highlighted
in what the user gave us, whatever normalisation did before parsing.
"""

from dyadwatch.records.actor import Actor
from dyadwatch.records.article import Article, content_hash
from dyadwatch.records.event import Event, EventDate, EventLink, EventType, Location, Quantity
from dyadwatch.records.span import Sentence, TextSpan

__all__ = [
    "Actor",
    "Article",
    "Event",
    "EventDate",
    "EventLink",
    "EventType",
    "Location",
    "Quantity",
    "Sentence",
    "TextSpan",
    "content_hash",
]
