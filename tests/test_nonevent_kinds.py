"""Three more kinds of clause that report no act (round 9): a facility as the doer ("the camp offered shelter"),
explainer prose in the generic second person and rules stated as conditions on any member of a class ("if you
cross without a visa, the police can detain you"), and a commentator's claim about what a party wants or will do
("an analyst said Chile wants to expel ..."). Through the whole pipeline, on sentences written for these tests from
the grammar of news; none is taken from an evaluation or VOA text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events.nonevents import load_nonevents

NATIONS = ["Peru", "Chile", "Kenya", "Norway", "Vietnam", "Ghana"]
FACILITIES = ["camp", "hospital", "shelter", "school", "clinic"]
COMMENTATORS = ["An analyst", "A political analyst", "An expert", "A scholar", "Observer Ana Ruiz",
                "Ana Ruiz, a researcher at a think tank,"]
CLAIMS = ["wants to expel the ambassador of", "plans to sanction", "will expel the ambassador of", "could attack"]


def _triggers(found) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.trigger.text for e in found]


def test_the_table_has_the_three_kinds() -> None:
    table = load_nonevents()
    assert {"camp", "shelter", "prison"} <= table["facility"]
    assert "you" in table["second_person"]
    assert {"analyst", "expert", "observer"} <= table["commentator"]
    assert {"want", "plan", "hope"} <= table["claimed_intent"]


# --- facilities -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The camp in Chad offered shelter to refugees from Sudan.",
    "A hospital in Kenya offered treatment to wounded refugees from Somalia.",
    "Two camps opened in 1998, offering aid to people fleeing the war in Somalia.",
])
def test_a_facility_as_doer_is_no_event(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == []


@pytest.mark.parametrize("text", [
    "The government of Chad offered shelter to refugees from Sudan.",
    "The White House offered aid to Ukraine.",
    "The Kremlin offered talks to Ukraine.",
    "Militants attacked a school in northern Nigeria on Monday.",
])
def test_named_actors_and_attacks_on_facilities_stay(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text), text


def test_a_facility_that_receives_leaves_the_giver_acting(events) -> None:  # type: ignore[no-untyped-def]
    assert "received" in _triggers(events("Two sites in the north received aid from the United Nations."))


def test_a_participle_after_an_attacked_facility_is_the_attackers(events) -> None:  # type: ignore[no-untyped-def]
    assert "killing" in _triggers(events("Gunmen bombed a hotel in Nairobi on Monday, killing 12 Kenyans."))


# --- generic second person and rules ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "If you cross the border without a visa, the police can detain you.",
    "You can appeal to the court if the ministry rejects your request.",
    "When a refugee is accused of a crime, the state may deport him.",
    "When a suicide bomber blows himself up at a market, he kills dozens of shoppers.",
])
def test_a_rule_for_any_reader_is_no_event(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == []


@pytest.mark.parametrize(("text", "trigger"), [
    ('"If you protest again, we will arrest you," the police chief told the crowd.', "arrest"),
    ("If Russia attacks Poland, NATO will defend it.", "attacks"),
    ("When protesters stormed the parliament, police fired tear gas at them.", "fired"),
    ("Once a buffer zone is set up, the Peruvian army will launch its offensive against the rebels.", "launch"),
])
def test_quoted_threats_named_conditions_and_past_whens_stay(events, text: str,  # type: ignore[no-untyped-def]
                                                             trigger: str) -> None:
    assert trigger in _triggers(events(text))


# --- commentators' claims ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "An analyst said Chile wants to expel the Peruvian ambassador.",
    "Analyst Ana Ruiz said Kenya will sanction Ghana.",
    "Experts say Peru could attack Chile.",
    "A former diplomat said Beijing wants to sell more weapons to Pakistan.",
])
def test_a_commentators_claim_about_a_party_is_no_event(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == []


@pytest.mark.parametrize(("text", "trigger"), [
    ("Chile wants to expel the Peruvian ambassador, the foreign minister said.", "expel"),
    ("An analyst said Chile expelled the Peruvian ambassador on Monday.", "expelled"),
    ("Peru said it wants to restore diplomatic relations with Chile.", "restore"),
])
def test_a_partys_own_intent_and_a_reported_fact_stay(events, text: str,  # type: ignore[no-untyped-def]
                                                      trigger: str) -> None:
    assert trigger in _triggers(events(text))


# --- drawn sentences ---------------------------------------------------------------------------------------------

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=st.lists(st.sampled_from(NATIONS), min_size=2, max_size=2, unique=True),
       facility=st.sampled_from(FACILITIES), commentator=st.sampled_from(COMMENTATORS),
       claim=st.sampled_from(CLAIMS))
def test_drawn_facilities_and_commentators_give_no_event(events, pair: list[str], facility: str,  # type: ignore[no-untyped-def]
                                                         commentator: str, claim: str) -> None:
    one, other = pair
    assert events(f"The {facility} in {one} offered shelter to refugees from {other}.") == []
    assert events(f"{commentator} said {one} {claim} {other}.") == []
    # the same acts by the party itself are coded
    assert events(f"The government of {one} offered shelter to refugees from {other}.")
    assert events(f"The foreign minister of {one} said {one} {claim} {other}.")
