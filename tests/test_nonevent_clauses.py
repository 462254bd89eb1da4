"""Clauses that report no event (questions, polls, generic and habitual statements, what a text says, goods that
arrive, consumption, past careers) and the status fixes of issue 20 (acts presupposed by a call to stop them, the
content of a ruling to continue them, hoped-for events). Through the whole pipeline, on sentences written for these
tests from the grammar of news; none is taken from an evaluation or VOA text.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events.nonevents import is_question, load_nonevents

TOKENIZER = spacy.blank("en")  # tokens only: what is_question reads is the span's text

NATIONS = ["Peru", "Chile", "Kenya", "Norway", "Vietnam", "Ghana"]
# Verbs the coder codes as acts between two states in a plain past sentence.
ACTS = ["attacked", "expelled the diplomats of", "condemned", "sanctioned", "threatened"]
BARE = {"attacked": "attack", "expelled the diplomats of": "expel the diplomats of", "condemned": "condemn",
        "sanctioned": "sanction", "threatened": "threaten"}


def _types(found) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.type.plover for e in found]


def _at(found, trigger: str):  # type: ignore[no-untyped-def]
    hits = [e for e in found if e.trigger.text == trigger]
    assert hits, [(e.trigger.text, e.type.plover) for e in found]
    return hits


# --- questions --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Do you believe Chile should expand its navy?",
    '"Will the government expel the Peruvian envoy?" the host asked.',
    "Why did Kenya never condemn the raid on the border post?",
])
def test_a_direct_question_asserts_no_event(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == []


def test_asking_whether_is_no_appeal(events) -> None:  # type: ignore[no-untyped-def]
    assert events("Journalists asked whether Oslo would impose sanctions on Hanoi.") == []


def test_asking_a_party_to_act_is_still_an_appeal(events) -> None:  # type: ignore[no-untyped-def]
    assert "REQUEST" in _types(events("Norway asked Vietnam to release the detained fishermen."))


def test_an_indirect_question_is_flagged_as_one(events) -> None:  # type: ignore[no-untyped-def]
    found = events("It remains unclear whether Chile will expel the Peruvian ambassador.")
    assert all(e.hypothetical for e in found)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(NATIONS), st.sampled_from(NATIONS), st.sampled_from(ACTS),
       st.sampled_from(["Did {a} {v} {b}?", "Will {a} {v} {b} again?", '"Why would {a} {v} {b}?"']))
def test_a_statement_asked_as_a_question_gives_no_event(events, a: str, b: str, act: str, form: str) -> None:  # type: ignore[no-untyped-def]
    if a == b:
        return
    assert events(form.format(a=a, v=BARE[act], b=b)) == []


@given(st.text(max_size=60), st.sampled_from(["?", '?"', "?”", "? ", "?)'"]))
def test_a_sentence_ending_in_a_question_mark_is_a_question(text: str, end: str) -> None:
    def sentence(t: str):  # type: ignore[no-untyped-def]
        return TOKENIZER(t)[:]  # a real span over its own document: is_question reads the document's text

    assert is_question(sentence(text + end))
    assert not is_question(sentence(text.rstrip("?\"'”’)] \t\n") + "."))


# --- polls, generic and habitual statements ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A new survey found that most Chileans want to send troops to Peru.",
    "Sixty percent of respondents said they would pay more taxes to fund the army.",
    "According to a new poll, most Chileans want Chile to expel the Peruvian envoy.",
])
def test_what_a_poll_finds_people_want_is_no_act(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == []


def test_a_source_cited_for_an_act_is_no_poll(events) -> None:  # type: ignore[no-untyped-def]
    found = events("According to the ministry, Chile expelled the Peruvian envoy on Monday.")
    assert "SANCTION" in _types(found)


@pytest.mark.parametrize("text", [
    "Asylum seekers can be detained if they enter the country without papers.",
    "Civilians could be killed when rockets fall near the camps.",
])
def test_what_can_happen_to_nobody_in_particular_is_no_event(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == []


def test_a_particular_party_that_could_act_stays_a_hypothetical_event(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Chile could expel the Peruvian ambassador, the minister said.")
    assert found and all(e.type.plover != "ASSAULT" for e in found)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(NATIONS), st.sampled_from(sorted(load_nonevents()["habitual"] - {"rarely", "seldom"})))
def test_what_a_group_usually_does_is_no_event(events, nation: str, adverb: str) -> None:  # type: ignore[no-untyped-def]
    assert events(f"The rebel militia {adverb} attacks army convoys in northern {nation}.") == []


def test_a_past_attack_with_a_frequency_adverb_is_still_reported(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Rebels in Kenya attacked an army convoy near the border on Monday.")
    assert "ASSAULT" in _types(found)


# --- descriptions read as acts --------------------------------------------------------------------------------

def test_what_a_law_permits_is_no_act(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Ghana's new constitution contains clauses that violate the regional charter.")
    assert "REJECT" not in _types(found)


@pytest.mark.parametrize("text", [
    "The decree lets police detain protesters for 30 days without charge.",
    "The new law allows the government to expel foreign journalists.",
])
def test_what_a_text_permits_an_actor_is_no_act(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [e for e in events(text) if not e.hypothetical] == []
    assert "COERCE" not in _types(events(text))


def test_goods_that_arrive_pay_no_visit(events) -> None:  # type: ignore[no-untyped-def]
    assert events("A second shipment of Norway's grain arrived in Accra on Friday.") == []


def test_a_delegation_that_arrives_still_visits(events) -> None:  # type: ignore[no-untyped-def]
    assert "CONSULT" in _types(events("A Norwegian trade delegation arrived in Accra on Friday."))


@pytest.mark.parametrize("text", [
    "Power cuts grew worse as Ghana's electricity demand rose.",
    "Vietnam's growing demand for coal worries its neighbours.",
])
def test_demand_for_a_good_is_consumption(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "REQUEST" not in _types(events(text))


def test_a_political_demand_is_still_a_demand(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Protesters in Lima repeated their demand for the release of the Chilean activists.")
    assert "REQUEST" in _types(found)


def test_a_past_career_in_a_relative_clause_is_no_event(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Ana Ruiz, a former Peruvian envoy who had negotiated with Chile for a decade, praised the deal.")
    assert "CONSULT" not in _types(found)


# --- status --------------------------------------------------------------------------------------------------

def test_a_call_to_stop_an_act_says_the_act_goes_on(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Vietnam must quit intimidating the Norwegian fishermen.")
    assert all(not e.hypothetical for e in _at(found, "intimidating"))


def test_a_ruling_to_continue_a_detention_is_a_detention(events) -> None:  # type: ignore[no-untyped-def]
    found = events("A court in Lima ruled on Tuesday to continue to detain the Chilean activist.")
    assert any(e.type.plover == "COERCE" and not e.hypothetical for e in _at(found, "detain"))


def test_an_accusation_of_continuing_an_act_still_only_alleges_it(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Peru accused Chile of continuing to arm the rebels.")
    assert all(e.hypothetical for e in _at(found, "arm"))


def test_a_future_continuation_stays_a_stated_intention(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Kenya will continue to attack the militants, the army said.")
    assert all(e.type.plover != "ASSAULT" or e.hypothetical for e in _at(found, "attack"))


def test_a_hoped_for_resumption_is_hypothetical(events) -> None:  # type: ignore[no-untyped-def]
    found = events("The senators hoped that military cooperation between Peru and Chile could resume soon.")
    assert all(e.hypothetical for e in _at(found, "cooperation"))


def test_an_existing_event_said_to_change_stays_asserted(events) -> None:  # type: ignore[no-untyped-def]
    found = events("The arrest of the Ghanaian envoy by Norway could be unconstitutional, lawyers said.")
    assert all(not e.hypothetical for e in _at(found, "arrest"))


def test_a_forecast_of_a_relation_is_no_event_at_all(events) -> None:  # type: ignore[no-untyped-def]
    # round 10, the seed-10 standard: a forecast of how ties go is a non-event, not a hypothetical act
    found = events("Norway's cooperation with Ghana will likely grow slowly, analysts said.")
    assert [e for e in found if e.trigger.text == "cooperation"] == []


def test_pressure_through_an_asserted_act_is_asserted(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Norway kept its trade curbs on Vietnam in place to pressure Hanoi to free the activists.")
    assert all(not e.hypothetical for e in _at(found, "pressure"))


def test_a_quoted_question_after_an_act_leaves_the_act(events) -> None:  # type: ignore[no-untyped-def]
    found = events("The crowd marched through Lima chanting, 'Why do you jail us?'")
    assert "PROTEST" in _types(found)


def test_a_question_after_a_colon_leaves_the_statement_before_it(events) -> None:  # type: ignore[no-untyped-def]
    found = events("The army prepared to strike the rebel towns, leaving the militia with a choice: do they "
                   "reinforce the north or the south?")
    assert _at(found, "strike")
    assert not [e for e in found if e.trigger.text == "reinforce"]


def test_a_groups_relative_clause_still_tells_its_acts(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Both former partners, which had deployed soldiers to back opposing militias, now trade fire.")
    assert "MOBILIZE" in _types(found)


def test_what_may_befall_a_bare_plural_is_no_event(events) -> None:  # type: ignore[no-untyped-def]
    assert events("Migrants without papers may be arrested and deported by police.") == []


def test_a_survey_that_counts_acts_keeps_them(events) -> None:  # type: ignore[no-untyped-def]
    found = events("According to a newspaper survey of court files, police in Lima detained 40 students this year.")
    assert "COERCE" in _types(found)


@pytest.mark.parametrize("text, hypothetical", [
    ("There could be Ortega's arrest next week, the lawyer warned.", True),
    ("There was Ortega's arrest on Monday, and then protests.", False),
])
def test_an_existential_gives_its_event_the_clauses_status(events, text: str, hypothetical: bool) -> None:  # type: ignore[no-untyped-def]
    assert all(e.hypothetical == hypothetical for e in _at(events(text), "arrest"))
