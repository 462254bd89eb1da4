"""Round 10 of the non-event screen: forecasts of a relation or a situation ("their cooperation will likely deepen
slowly", "warned that the crisis could worsen"), states ("we are so invested in X", "acceded to independence"),
what a vague class has done or does ("some states have ignored such rulings in the past", "critics blame X"),
building works stalled with no one halting them, and a planned inquiry kept as ACCUSE. Through the whole
pipeline, on sentences written for these tests from the grammar of news; none is taken from an evaluation or VOA
text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events.nonevents import load_nonevents

NATIONS = ["Peru", "Chile", "Kenya", "Norway", "Vietnam", "Ghana"]
RELATION_NOUNS = ["cooperation", "trade cooperation", "military cooperation"]
FORECASTS = ["will likely develop slowly", "could deepen in the coming years", "may grow only gradually",
             "will probably weaken"]


def _triggers(found) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.trigger.text for e in found]


def test_the_table_has_the_new_kinds() -> None:
    table = load_nonevents()
    assert {"develop", "worsen", "deteriorate"} <= table["forecast"]
    assert "warn" in table["warning"]
    assert "invest" in table["state_participle"]
    assert {"some", "many"} <= table["vague"]
    assert "critic" in table["stance_class"]
    assert "project" in table["works"]


@pytest.mark.parametrize("text", [
    "Ghana's trade cooperation with Norway will likely develop slowly.",
    "A relief coordinator warned that the situation in the north could deteriorate further.",
    "An aid official warned that conditions in the camps may get worse.",
    "We are so invested in Moldova.",
    "Many governments have ignored the tribunal's decisions in the past.",
    "Critics blame the ruling coalition for the slump in exports.",
    "Road repair projects near the border town were halted in 2020.",
    "Tuvalu acceded to independence in 1978.",
])
def test_forecasts_states_and_vague_habits_are_no_event(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == [], text


@pytest.mark.parametrize(("text", "trigger"), [
    ("Ghana expanded its trade cooperation with Norway on Monday.", "expanded"),
    ("The fighting between Chile and Peru could escalate, the mayor said.", "fighting"),
    ("Chile warned Peru that the situation at the border could get worse.", "warned"),
    ("China has invested in Kenyan railways.", "invested"),
    ("Peru ignored the tribunal's decision in the past.", "ignored"),
    ("The critics accused the ruling coalition of fraud on Tuesday.", "accused"),
    ("Talks with Peru were suspended in 2021.", "suspended"),
    ("The army halted the road projects near the border.", "halted"),
    ("The president acceded to the protesters' demands.", "acceded"),
])
def test_named_parties_present_acts_and_halts_by_someone_stay(events, text: str,  # type: ignore[no-untyped-def]
                                                              trigger: str) -> None:
    assert trigger in _triggers(events(text)), text


def test_a_planned_inquiry_is_accuse_not_agree(events) -> None:  # type: ignore[no-untyped-def]
    found = [e for e in events("A new commission will investigate the killing of the Peruvian journalist.")
             if e.trigger.text == "investigate"]
    assert [e.type.plover for e in found] == ["ACCUSE"]
    assert not found[0].hypothetical  # the statement of a planned inquiry counts, as a stated intent does


def test_a_future_cooperative_act_is_still_agree(events) -> None:  # type: ignore[no-untyped-def]
    found = [e for e in events("Norway will send food aid to Kenya.") if e.trigger.text == "send"]
    assert [e.type.plover for e in found] == ["AGREE"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=st.lists(st.sampled_from(NATIONS), min_size=2, max_size=2, unique=True),
       noun=st.sampled_from(RELATION_NOUNS), forecast=st.sampled_from(FORECASTS))
def test_drawn_relation_forecasts_give_no_event(events, pair: list[str], noun: str,  # type: ignore[no-untyped-def]
                                                forecast: str) -> None:
    one, other = pair
    assert events(f"{one}'s {noun} with {other} {forecast}.") == []
    # the same relation as an act that happened is coded
    assert events(f"{one} signed a {noun} agreement with {other} on Monday.")


@pytest.mark.parametrize(("text", "plover"), [
    ("The two ministers reiterated the claim that the bombing was organized by militants with bases in Peru.",
     "ACCUSE"),
    ("Peru reiterated its claim to the disputed islands held by Chile.", "REQUEST"),
])
def test_a_claim_with_its_content_alleges_a_claim_to_a_thing_demands(events, text: str,  # type: ignore[no-untyped-def]
                                                                    plover: str) -> None:
    assert {e.type.plover for e in events(text) if e.trigger.text == "reiterated"} == {plover}


@pytest.mark.parametrize(("text", "trigger"), [
    ("Lawmakers in Peru passed a resolution on Friday, decrying the Chilean senate's move as meddling.",
     "decrying"),
    ("The Peruvian parliament passed a resolution condemning Chile.", "condemning"),
])
def test_a_resolution_whose_content_is_coded_is_that_act(events, text: str,  # type: ignore[no-untyped-def]
                                                         trigger: str) -> None:
    found = events(text)
    assert _triggers(found) == [trigger]
    assert found[0].type.plover == "ACCUSE"


def test_a_resolution_with_no_coded_content_stays(events) -> None:  # type: ignore[no-untyped-def]
    assert "passed" in _triggers(events("The parliament of Peru passed a resolution on Friday."))
