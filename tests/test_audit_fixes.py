"""Classes of wrong events found by the judged audit of random VOA events (docs/audit.md), fixed in the status of
events (conditions, comparisons, self-exhortations, passives, performatives) and in where an event happened.
Through the whole pipeline, on sentences written for these tests from the grammar of news; none is taken from an
evaluation or VOA text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _at(found, trigger: str):  # type: ignore[no-untyped-def]
    hits = [e for e in found if e.trigger.text == trigger]
    assert hits, [(e.trigger.text, e.type.plover) for e in found]
    return hits


# --- status: what the text asserts ------------------------------------------------------------------------------

def test_a_negation_inside_a_condition_is_no_refusal(events) -> None:  # type: ignore[no-untyped-def]
    found = events("If the tariffs are not dropped by Mexico, we will raise our own, the president said.")
    for e in _at(found, "dropped"):
        assert e.hypothetical and e.type.plover != "REJECT"


def test_a_present_refusal_outside_a_condition_stays_a_refusal(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Mexico will not drop the tariffs on steel, the minister said.")
    assert any(e.type.plover == "REJECT" and not e.hypothetical for e in _at(found, "drop"))


def test_a_clause_of_comparison_is_not_asserted(events) -> None:  # type: ignore[no-untyped-def]
    found = events('"It is a bit like the army is investigating its own crimes," Moreno said.')
    assert all(e.hypothetical for e in _at(found, "investigating"))


def test_like_giving_an_example_is_asserted(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Peru took harsh steps, like arresting the opposition leaders.")
    assert any(e.type.plover == "COERCE" and not e.hypothetical for e in _at(found, "arresting"))


@pytest.mark.parametrize("text", [
    '"I believe we must accept that the fight will be long," the opposition leader said.',
    "The senator said the United States and our partners must adopt a firmer line.",
])
def test_a_speaker_exhorting_their_own_side_demands_nothing(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in events(text) if e.type.plover == "REQUEST"]


@pytest.mark.parametrize("text, source, target", [
    ("Sweden said Iran must release the prisoners.", "SWE", "IRN"),
    ("Norway said the US must pay its share.", "NOR", "USA"),  # "US" is a country, not the pronoun
])
def test_a_duty_laid_on_another_party_is_still_a_demand(events, text: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    found = [e for e in events(text) if e.type.plover == "REQUEST"]
    assert any(e.source.country == source and e.target and e.target.country == target for e in found), found


def test_a_possible_arrest_is_no_threat_by_anyone(events) -> None:  # type: ignore[no-untyped-def]
    # a particular group: with a bare plural ("migrants may be arrested") it is a generic statement and no event
    # at all (docs/audit.md; tests/test_nonevent_clauses.py)
    found = events("The migrants on the boat may be arrested and deported by police.")
    for trigger in ("arrested", "deported"):
        for e in _at(found, trigger):
            assert e.type.plover == "COERCE" and e.hypothetical


def test_an_active_future_act_is_still_a_stated_intent(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Chile will expel the diplomats.")
    assert any(e.type.plover == "THREATEN" and not e.hypothetical for e in _at(found, "expel"))


def test_a_second_verb_with_its_own_auxiliary_keeps_its_own_voice(events) -> None:  # type: ignore[no-untyped-def]
    found = events("The minister has been charged by prosecutors and will resign.")
    assert all(not e.hypothetical for e in _at(found, "resign"))


def test_would_like_to_thank_is_thanking(events) -> None:  # type: ignore[no-untyped-def]
    found = events('"We would like to thank Norway for its help," the minister said.')
    assert any(e.type.plover == "SUPPORT" and not e.hypothetical for e in _at(found, "thank"))


def test_would_like_another_party_to_act_is_an_appeal_made_now(events) -> None:  # type: ignore[no-untyped-def]
    found = [e for e in events("Sweden would like Iran to free the sailors.") if e.type.plover == "REQUEST"]
    assert found and not any(e.hypothetical for e in found)


@pytest.mark.parametrize("text", [
    "Many graduates struggle when seeking work in the capital.",
    "Many patients seek treatment abroad.",
    "The governor will seek a second term next year.",
])
def test_seeking_what_no_party_grants_is_no_appeal(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in events(text) if e.type.plover == "REQUEST"]


@pytest.mark.parametrize("text, code", [
    ("Kenya sought aid from the World Bank.", "023"),
    ("Iran seeks talks with the EU.", "026"),
    ("The family seeks the release of the hostages.", "0253"),
    ("The supreme court on Tuesday sought a response from the federal government.", "020"),
    ("The families of the victims sought compensation from the mining company.", "020"),
])
def test_seeking_aid_talks_or_a_release_is_an_appeal(events, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert any(e.type.plover == "REQUEST" and e.type.cameo == code for e in events(text))


def test_a_leader_due_to_travel_states_a_future_visit(events) -> None:  # type: ignore[no-untyped-def]
    found = _at(events("Ghana's president is due to visit Peru next month."), "visit")
    assert all(e.type.plover == "AGREE" and not e.hypothetical for e in found)


# --- where the event happened -----------------------------------------------------------------------------------

def _place(found, trigger: str) -> str | None:  # type: ignore[no-untyped-def]
    (e, *_) = _at(found, trigger)
    return e.location.name if e.location else None


def test_the_place_of_an_accused_act_is_not_the_accusations(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Colombian officials blamed Venezuela, accusing it of giving weapons to guerrillas in Ecuador.")
    assert _place(found, "blamed") is None and _place(found, "accusing") is None
    assert _place(found, "giving") == "Ecuador"


def test_an_event_noun_after_a_time_preposition_takes_no_place_of_the_clause(events) -> None:  # type: ignore[no-untyped-def]
    assert _place(events("After their deportation, many Rohingya settled in Bangladesh."), "deportation") is None


def test_a_place_the_act_is_about_is_not_where_it_happened(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Activists have filed several suits against the Australian government over its use of Nauru.")
    assert _place(found, "filed") is None
    assert _place(events("Rebels fought on the outskirts of Kabul."), "fought") == "Kabul"


@pytest.mark.parametrize("text, trigger", [
    ("The two leaders quarrelled after Chile cut ties over Peruvian aid to Bolivia.", "cut"),
    ("Both states recalled envoys in 2019 over Peru's treatment of migrants.", "recalled"),
])
def test_a_name_modifying_the_topic_after_over_is_no_place(events, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert _place(events(text), trigger) is None


def test_a_platform_is_no_place(events) -> None:  # type: ignore[no-untyped-def]
    assert _place(events("A Chilean senator condemned Peru's president on Twitter."), "condemned") is None


@pytest.mark.parametrize("text, trigger", [
    ("The Latvian premier said she would ask Washington to base fighter jets in Latvia.", "ask"),
    ("The senator called for tougher action against smugglers in Honduras.", "called"),
    ("Chad urged Sudan to pull its militias out of the frontier town of Adre.", "urged"),
])
def test_the_place_of_an_act_asked_for_is_not_where_it_was_asked(events, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert _place(events(text), trigger) is None


def test_the_place_of_the_asking_itself_stays(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Speaking in Dakar, the Gambian minister urged Senegal to reopen the border.")
    assert _place(found, "urged") == "Dakar"
    assert _place(events("Protesters in Lagos demanded the release of two reporters."), "demanded") == "Lagos"


def test_an_adverbial_clause_telling_another_act_takes_no_place_from_the_main_clause(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Police patrolled Kabul while rebels attacked the airport.")
    assert _place(found, "attacked") is None


def test_a_possessor_of_an_agreement_is_no_place(events) -> None:  # type: ignore[no-untyped-def]
    assert _place(events("Iran's ambassador praised Tehran and Beijing's pact."), "praised") is None


NATIONS = ["Chile", "Peru", "Kenya", "Ghana", "Norway", "Japan", "Egypt", "Jordan"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(NATIONS), st.sampled_from(NATIONS), st.sampled_from(["condemned", "praised", "criticised"]),
       st.sampled_from(["deal", "treaty", "plan", "request"]))
def test_a_possessor_never_places_an_act_on_its_object(events, a: str, b: str, verb: str, noun: str) -> None:  # type: ignore[no-untyped-def]
    for e in events(f"{a} {verb} {b}'s {noun} on Monday."):
        assert e.location is None, (e.trigger.text, e.location)


# --- a null row: releasing a publication is no release ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The rebel group released a video of the captured pilot on Sunday.",
    "The ministry released figures showing a rise in arrests.",
    "Kenya's army released a statement on the border incident.",
])
def test_releasing_a_publication_is_no_release(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in events(text) if e.type.cameo.startswith("084")]


@pytest.mark.parametrize("text", [
    "The rebels released 12 hostages on Monday.",
    "Iran released the seized tanker.",
])
def test_releasing_people_or_property_is_still_a_release(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [e for e in events(text) if e.type.cameo.startswith("084")]


def test_the_null_code_loads_as_no_event() -> None:
    from dyadwatch.events.lexicon import load_lexicon

    rows = [e for e in load_lexicon().verbs["release"] if e.obj == "PUBLICATION"]
    assert rows and all(e.null for e in rows)
