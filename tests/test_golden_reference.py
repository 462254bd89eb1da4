"""Whole-article golden test on the reference article (../shared/examples, published 2024-11-21).

Two layers: the story's must-haves, asserted directly (issue 2, item 10), and a golden file of every event's
key fields so that any change in output is seen in review. Regenerate the golden file with
``pytest tests/test_golden_reference.py --update-golden`` and read the diff before committing it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).parent / "golden" / "reference_article.events.json"
PUBLISHED = date(2024, 11, 21)


@pytest.fixture(scope="module")
def events(make_analysis, reference_text: str) -> list[Any]:  # type: ignore[no-untyped-def]
    return list(make_analysis(reference_text, published=PUBLISHED).events)


def projection(event: Any) -> dict[str, Any]:
    """The fields a reviewer checks: who, what, whom, when, where, from which words."""
    loc = event.location
    return {
        "sentence": event.sentence_index,
        "trigger": event.trigger.text,
        "source": [event.source.country, list(event.source.sectors), event.source.span.text],
        "target": [event.target.country, list(event.target.sectors), event.target.span.text] if event.target else None,
        "type": [event.type.plover, event.type.mode, event.type.cameo],
        "date": [event.date.value.isoformat() if event.date.value else None, event.date.precision,
                 event.date.historical],
        "place": [loc.name, loc.country] if loc else None,
        "flags": [event.negated, event.hypothetical],
    }


def find(events: list[Any], plover: str, source: str, target: str | None = None) -> list[Any]:
    return [
        e for e in events
        if e.type.plover == plover and e.source.country == source
        and (target is None or (e.target is not None and e.target.country == target))
    ]


def test_reference_chn_rejects_meeting_with_usa_in_laos_this_week(events: list[Any]) -> None:
    found = [e for e in find(events, "REJECT", "CHN", "USA") if e.location and e.location.country == "LAO"]
    assert found, "CHN -> USA REJECT located in Laos"
    assert date(2024, 11, 18) <= found[0].date.value <= date(2024, 11, 24)
    assert found[0].type.cameo.startswith("12")


def test_reference_usa_arms_aid_to_taiwan_about_three_weeks_earlier(events: list[Any]) -> None:
    found = find(events, "AID", "USA", "TWN")
    assert found, "USA -> TWN AID (arms)"
    assert date(2024, 10, 24) <= found[0].date.value <= date(2024, 11, 7)
    assert not found[0].date.historical


def test_reference_2022_chn_usa_event_is_historical(events: list[Any]) -> None:
    found = [
        e for e in events
        if e.source.country == "CHN" and e.target is not None and e.target.country == "USA"
        and e.date.value is not None and e.date.value.year == 2022
    ]
    assert found, "a CHN -> USA event dated 2022"
    assert all(e.date.historical for e in found)


def test_reference_evidence_points_into_the_original_text(events: list[Any], reference_text: str) -> None:
    for event in events:
        assert reference_text[event.evidence.start : event.evidence.end] == event.evidence.text
        assert event.evidence.start <= event.trigger.start < event.trigger.end <= event.evidence.end


def test_reference_matches_golden_file(events: list[Any], request: pytest.FixtureRequest) -> None:
    current = [projection(e) for e in events]
    if request.config.getoption("--update-golden"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert current == expected
