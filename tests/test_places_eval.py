"""The event-location scorer on records written for the test (same schema as the eval set)."""

from __future__ import annotations

from dyadwatch.config import Settings
from dyadwatch.evaluation.location_eval import score_event_location
from dyadwatch.pipeline import build_pipeline


def record(rid: str, text: str, trigger: str, place: str | None) -> dict:
    t = text.index(trigger)
    gold = {"trigger": trigger, "trigger_start": t, "trigger_end": t + len(trigger),
            "location_text": place, "location_start": None, "location_end": None}
    if place is not None:
        p = text.index(place)
        gold.update(location_start=p, location_end=p + len(place))
    return {"id": rid, "text": text, "date": None, "gold": [gold], "meta": {"rechecked_gold": True}}


def factory():  # type: ignore[no-untyped-def]
    return build_pipeline(Settings(stages=("normalise", "parse")))


def test_scores_recall_country_and_precision() -> None:
    records = [
        record("a", "Soldiers shot two smugglers near Herat on Friday.", "shot", "Herat"),
        record("b", "The presidents met in Peru last week.", "met", "Peru"),
        record("c", "The minister condemned the decision in Rome.", "condemned", None),  # predicts a place: wrong
        record("d", "The minister condemned the decision.", "condemned", None),
        record("e", "Rebels shelled the town of Zorbakistanville.", "shelled", "Zorbakistanville"),  # unresolved
    ]
    details: list[dict] = []
    result = score_event_location(records, factory, details)
    assert result["n"] == 5 and result["counts"]["with_location"] == 3
    assert result["span_recall"] == 1.0
    assert result["country_accuracy"] == 1.0 and result["counts"]["country_unverifiable"] == 1
    assert result["precision"] == 0.75 and result["false_location_rate"] == 0.5
    assert [d["hit"] for d in details] == [True, True, False, False, True]


def test_gold_trigger_without_candidate_and_with_a_date() -> None:
    records = [record("a", "Gunmen killed three guards in Kismayo on Tuesday.", "killed", "Kismayo")]
    records[0]["date"] = "2012-05-01"
    result = score_event_location(records, factory)
    assert result["span_recall"] == 1.0 and result["counts"]["unmapped_triggers"] == 0
