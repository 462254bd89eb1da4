"""Non-events (issue 20, done-when): disasters, accidents and epidemics are not conflict; political protest and
violence is coded with a political type. Through the whole pipeline.

Sentences written for these tests from the grammar of disaster and protest reporting, plus the constructed cases of
tests/strategies/hazard_news.py (a seeded sample of every structure, and Hypothesis draws). None is taken from an
evaluation text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from strategies.hazard_news import TEMPLATES, Case, cases, constructed, is_conflict, shares

from dyadwatch.evaluation.report import counted


@pytest.fixture(scope="module")
def asserted(make_analysis):  # type: ignore[no-untyped-def]
    """text -> the events the whole pipeline asserts (negated and hypothetical ones left out)."""
    def run(text: str):  # type: ignore[no-untyped-def]
        return counted(make_analysis(text).events)

    return run


def test_constructed_sample_meets_the_issue_shares(asserted) -> None:  # type: ignore[no-untyped-def]
    sample = constructed(2 * len(TEMPLATES), seed=7)
    figures = shares([(case, asserted(case.text)) for case in sample])
    assert figures["disaster_as_conflict"] is not None and figures["disaster_as_conflict"] <= 0.10, figures
    assert figures["political_typed"] is not None and figures["political_typed"] >= 0.70, figures


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases(kind="disaster"))
def test_hazard_as_subject_or_cause_is_never_conflict(asserted, case: Case) -> None:  # type: ignore[no-untyped-def]
    # the structures where the hazard itself is the subject or the cause phrase: no author, no conflict
    if case.structure not in ("hazard-subject", "hazard-subject-plural", "died-in", "killed-when", "lost-lives",
                              "killed-by", "result-clause", "crash", "collapse", "epidemic", "army-camp"):
        return
    events = asserted(case.text)
    assert not any(is_conflict(e) for e in events), (case.text, [(e.type.cameo, e.rule) for e in events])


@pytest.mark.parametrize("text", [
    "A Peruvian bus hit a truck near Cusco, killing 14 passengers.",        # a vehicle, whatever its country
    "Nine workers died when a gas explosion ripped through a plant in Pune.",
    "A boiler explosion at a sugar mill in Sindh killed six labourers.",
    "Twenty people were killed when a lorry overturned on a mountain road in Nepal.",
    "Dengue has killed 40 people in Bangladesh since June.",
    "A fire killed eleven patients at a clinic in Kano.",                   # a hazard as subject of the act
    "Their crops and homes were flattened or washed away by floods in Malawi.",
    "A coach full of tourists collided with a tanker, killing 11 people.",   # civilians only ride in the crash
    "A ferry with 200 passengers on board capsized, killing 35.",
])
def test_accidents_and_epidemics_are_no_conflict(asserted, text: str) -> None:  # type: ignore[no-untyped-def]
    events = asserted(text)
    assert not any(is_conflict(e) for e in events), [(e.type.cameo, e.rule) for e in events]


@pytest.mark.parametrize(("text", "cameo"), [
    ("Russian planes bombed Aleppo.", "183"),                                 # aircraft of a state act
    ("An army truck rammed protesters in Khartoum.", None),                    # a force's vehicle keeps its act
    ("Kenyan security forces arrested 30 opposition activists in Kisumu.", "173"),  # participle read as the verb
    ("Eight soldiers died when their bus was ambushed near Gao.", "180"),     # a vehicle acted on is no crash
    ("A roadside bomb struck a Malian army convoy near Gao.", "190"),         # a means of attack, agent unstated
])
def test_political_violence_keeps_its_event(asserted, text: str, cameo: str | None) -> None:  # type: ignore[no-untyped-def]
    events = asserted(text)
    if cameo is None:
        assert not any(e.notes.get("hazard") for e in events)
    else:
        assert any(e.type.cameo == cameo for e in events), [(e.type.cameo, e.rule) for e in events]


def test_no_on_the_patient_negates(make_analysis) -> None:  # type: ignore[no-untyped-def]
    events = make_analysis("The Kenyan government paid no ransom for the freed hostages.").events
    assert events and all(e.negated for e in events if e.type.cameo.startswith("08"))
    kept = make_analysis("The Kenyan government paid a ransom for the freed hostages.").events
    assert any(not e.negated for e in kept)


def test_coordinated_passives_share_the_agent(make_analysis) -> None:  # type: ignore[no-untyped-def]
    events = make_analysis("Two Somali villages were shelled and looted by Kenyan troops.").events
    shelled = [e for e in events if e.trigger.text == "shelled"]
    assert shelled and shelled[0].source.country == "KEN"


@pytest.mark.parametrize("text", [
    "Two vans loaded with explosives blew up at a checkpoint, killing 17 police officers.",
    "A truck carrying explosives detonated beside the barracks, killing nine soldiers.",
])
def test_a_vehicle_carrying_explosives_is_a_bomb_not_a_crash(asserted, text: str) -> None:  # type: ignore[no-untyped-def]
    events = asserted(text)
    assert any(is_conflict(e) for e in events), [(e.type.cameo, e.rule) for e in events]


def test_civilians_who_attack_are_still_conflict(asserted) -> None:  # type: ignore[no-untyped-def]
    events = asserted("Farmers attacked a police station, killing two officers.")
    assert any(is_conflict(e) for e in events), [(e.type.cameo, e.rule) for e in events]
