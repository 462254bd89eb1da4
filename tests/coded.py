"""Helpers the actor tests share: code a constructed article on a fixed day and pick events by trigger."""
from __future__ import annotations

from datetime import date

from dyadwatch.records import Article

DAY = date(2025, 3, 10)


def analyse(pipeline, text: str):  # type: ignore[no-untyped-def]
    """The analysis of ``text`` as an article published on ``DAY`` (relative dates resolve against it)."""
    return pipeline.analyse(Article.create(text, published=DAY))


def events_of(analysis, trigger: str):  # type: ignore[no-untyped-def]
    """The events whose trigger is ``trigger``; fails, naming the triggers there are, when there is none."""
    found = [e for e in analysis.events if e.trigger.text == trigger]
    assert found, f"no event {trigger!r} in {[e.trigger.text for e in analysis.events]}"
    return found
