"""Events whose doer is a thing are no political events (CAMEO/PLOVER code the actions of actors).

Every sentence here is written for this test from the grammar of news, not taken from any corpus.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.actors.agentless import agentive_nouns
from dyadwatch.records import Article

DAY = date(2025, 3, 10)


def analyse(pipeline, text: str):  # type: ignore[no-untyped-def]
    return pipeline.analyse(Article.create(text, published=DAY))


def test_the_table_holds_the_phoenix_agents_and_no_things() -> None:
    nouns = agentive_nouns()
    for word in ("police", "official", "officials", "rebels", "protester", "troops", "government", "ministry",
                 "court", "party", "militants", "workers", "students", "farmer", "veteran", "fisherman"):
        assert word in nouns, word
    for word in ("project", "prices", "index", "storm", "market", "bridge"):
        assert word not in nouns, word


@pytest.mark.parametrize("text", [
    "The dam project threatened the fishing villages downstream, the report said.",
    "The new tariff schedule threatened the exporters of the region.",
])
def test_a_thing_as_source_gives_no_event(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, text)
    heads = {e.source.span.text.split()[-1].lower() for e in a.events}
    assert not heads & {"project", "schedule"}
    assert any("is a thing, no actor" in w for w in a.warnings)


@pytest.mark.parametrize("text", [
    "Farmers blocked the main highway near the capital on Tuesday.",
    "A retired schoolteacher accused the mayor of Lyon of fraud on Tuesday.",
    "Protesters attacked a police station in Lagos on Monday.",
])
def test_an_agent_as_source_keeps_its_event(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, text)
    assert a.events, text
    assert not any("is a thing, no actor" in w for w in a.warnings)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["Police", "Rebels", "Officials", "Soldiers", "Students", "Workers"]),
       st.sampled_from(["attacked", "accused", "blocked", "criticized"]))
def test_agentive_subjects_are_never_dropped(pipeline, subject: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, f"{subject} {verb} the governor of the province on Friday.")
    assert not any("is a thing, no actor" in w for w in a.warnings)


def test_one_unnamed_person_takes_a_clear_article_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("NAIROBI, Kenya -- Kenya's parliament met on Monday. A war veteran accused the mayor of lying to the "
            "town. Kenya's budget was debated.")
    a = analyse(pipeline, text)
    event = next(e for e in a.events if e.source.span.text == "A war veteran")
    assert (event.source.country, event.source.rule) == ("KEN", "context-country")
    assert event.source.evidence is not None


def test_one_unnamed_person_without_context_stays_unresolved(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, "Turkey and Greece held talks. A fisherman accused the coast guard of firing on his boat.")
    events = [e for e in a.events if e.source.span.text == "A fisherman"]
    assert events and all(e.source.country is None for e in events)
    assert not any("is a thing, no actor" in w for w in a.warnings)
