"""Issue 19, round 6 (0.5): more sources with a state, each by a rule a reader of news uses -- a person's stated
origin, "they" after two people of one state, an office named inside a quotation, an outlet that was only told,
the main subject of the sentence before, unnamed armed people, freeing after a force's operation, legal statuses
and summons, national police and prison services.

Every sentence here is written for this test from the grammar of news (and the CAMEO codebook / PLOVER manual),
never taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from coded import analyse, events_of
from hypothesis import given
from hypothesis import strategies as st

from dyadwatch.actors.origins import Origin, origin_of

# --- a person's stated origin (person-origin) ------------------------------------------------------------------


def test_origin_of_matches_the_full_name_or_the_surname() -> None:
    origins = {"jan kowal": Origin("POL", 3, 4), "kowal": Origin("POL", 3, 4)}
    assert origin_of("Jan Kowal", origins) == Origin("POL", 3, 4)
    assert origin_of("Kowal", origins) == Origin("POL", 3, 4)
    assert origin_of("Ann Kowal", origins) is None  # another person with the same surname
    assert origin_of("Nowak", origins) is None


@given(st.text(max_size=40), st.dictionaries(st.text(max_size=12), st.sampled_from(["POL", "KEN"]), max_size=4))
def test_origin_of_never_fails_on_any_name(name: str, table: dict[str, str]) -> None:
    origins = {key: Origin(country, 0, 1) for key, country in table.items()}
    found = origin_of(name, origins)
    assert found is None or found in origins.values()


def test_both_from_a_country_gives_each_name_its_state(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Tomasz Lewicki and Pavel Hrdina went on trial in Vienna on Monday. Lewicki and Hrdina, both from "
            "Slovakia, have denied the charges. Prosecutors say Lewicki threatened the editor of an Austrian "
            "newspaper.")
    analysis = analyse(pipeline, text)
    threat = events_of(analysis, "threatened")[0]
    assert threat.source.country == "SVK"
    stated = [m.actor for m in analysis.mentions if m.actor.rule == "person-origin"]
    assert stated and all(a.country == "SVK" for a in stated)
    assert stated[0].evidence is not None and stated[0].evidence.text == "Slovakia"


def test_an_origin_stated_later_applies_to_earlier_mentions(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Martin Kovac told the court in Vienna on Tuesday that he had attacked the editor of an Austrian "
            "newspaper. Austrian police arrested him in May. Kovac, who is Slovak, said he regrets the attack.")
    attack = events_of(analyse(pipeline, text), "attacked")[0]
    assert attack.source.country == "SVK"


def test_two_people_sharing_a_surname_keep_their_own_states(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Jan Novak, a Czech lawyer, spoke on Monday. Anna Novak, who is Polish, accused the Austrian "
            "government of fraud.")
    accused = events_of(analyse(pipeline, text), "accused")[0]
    assert accused.source.country == "POL"


# --- "they" after two people of one state ------------------------------------------------------------------------


def test_they_after_two_people_of_one_state(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Tomasz Lewicki and Pavel Hrdina went on trial in Vienna on Monday. Lewicki and Hrdina, both from "
            "Slovakia, have denied the charges. If convicted, they face ten years in prison.")
    they = [m.actor for m in analyse(pipeline, text).mentions if m.actor.span.text == "they"]
    assert they and they[0].country == "SVK" and they[0].rule == "coref-previous-sentence"


def test_they_after_two_people_of_two_states_stays_unresolved(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Tomasz Lewicki and Pavel Hrdina went on trial in Vienna on Monday. Lewicki, who is Slovak, and "
            "Hrdina, a Czech citizen, have denied the charges. If convicted, they face ten years in prison.")
    they = [m.actor for m in analyse(pipeline, text).mentions if m.actor.span.text == "they"]
    assert they and they[0].country is None


# --- an office inside a quotation is the speaker's state's (speaker-state) ----------------------------------------


def test_the_president_in_a_quotation_is_the_speakers(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "“The president has rejected the peace plan,” Kenyan Senator Grace Wanjiru said on Monday."
    rejected = events_of(analyse(pipeline, text), "rejected")[0]
    assert rejected.source.country == "KEN" and rejected.source.rule == "speaker-state"
    assert rejected.source.sectors == ("GOV",)


def test_the_two_leaders_in_a_quotation_stay_a_pair(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "“The two leaders have rejected the peace plan,” Kenyan Senator Grace Wanjiru said on Monday."
    rejected = events_of(analyse(pipeline, text), "rejected")[0]
    assert rejected.source.country is None


# --- context: an outlet that was only told; the main subject of the sentence before ----------------------------------


def test_an_outlet_told_does_not_weigh_in_the_context(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Kwame Boateng escaped from a prison in Kumasi in Ghana on Friday, officials told VOA. The jailbreak "
            "shocked Ghanaians, a lawyer told VOA. Accra said it would investigate. Prisons in Ghana are crowded, "
            "Ghanaian activists say. An American embassy official told VOA that the United States and Washington "
            "were concerned. Law enforcement charged Boateng with robbery in 2019.")
    charged = events_of(analyse(pipeline, text), "charged")[0]
    assert charged.source.country == "GHA" and charged.source.rule == "context-country"


def test_the_main_subject_before_settles_a_two_country_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Niger and Mali share a desert frontier. Mali has asked Niger for troops. Niger began an offensive "
            "against the jihadists along its frontier with Mali last year. Months on, security forces continue to "
            "battle the insurgents. Mali says the jihadists shelter in Niger.")
    battle = events_of(analyse(pipeline, text), "battle")[0]
    assert battle.source.country == "NER" and battle.source.evidence is not None


# --- unnamed armed people (PLOVER UAF) ---------------------------------------------------------------------------


def test_unnamed_attackers_take_the_state_just_named(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Niger and Mali share a desert frontier. Mali has asked Niger for troops. Niger began an offensive "
            "against the jihadists along its frontier with Mali last year. Witnesses said the attackers fired on a "
            "bus. Mali says the jihadists shelter in Niger.")
    fired = events_of(analyse(pipeline, text), "fired")[0]
    assert fired.source.country == "NER" and fired.source.sectors == ("UAF",)


# --- agents the act or the sentence before implies ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "trigger", "country", "sector"), [
    ("A student leader was granted asylum in Canada on Monday.", "granted", "CAN", "GOV"),
    ("The opposition leader has been ordered to appear before a judge in Lima on Friday.", "ordered", "PER", "JUD"),
])
def test_a_conferred_status_or_a_summons_implies_its_authority(pipeline, text: str, trigger: str, country: str,  # type: ignore[no-untyped-def]
                                                                sector: str) -> None:
    event = events_of(analyse(pipeline, text), trigger)[0]
    assert event.source.country == country and event.source.sectors == (sector,)
    assert event.source.rule == "implicit-agent"


def test_a_granted_interview_implies_no_authority(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The activist was granted an interview with the minister in Ottawa on Monday."
    assert all(e.source.country is None for e in events_of(analyse(pipeline, text), "granted"))


def test_freeing_after_a_forces_operation_is_that_forces(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The Nigerian army said it killed 20 kidnappers in a raid on their camp in Zamfara. Forty hostages "
            "were freed.")
    freed = events_of(analyse(pipeline, text), "freed")[0]
    assert freed.source.country == "NGA" and freed.source.rule == "previous-operation"
    assert "MIL" in freed.source.sectors


def test_freeing_after_kidnappers_acts_has_no_agent(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Kidnappers killed two guards in Zamfara on Monday. Forty hostages were freed on Tuesday."
    assert events_of(analyse(pipeline, text), "freed")[0].source.country is None


# --- tables: national police and prison services; an immigration court --------------------------------------------


def test_the_national_police_take_the_datelines_state(pipeline) -> None:  # type: ignore[no-untyped-def]
    arrested = events_of(analyse(pipeline, "ACCRA, Ghana -- The national police arrested five men on Monday."),
                         "arrested")[0]
    assert arrested.source.country == "GHA" and arrested.source.sectors == ("COP",)


def test_the_board_of_immigration_appeals_is_a_us_court(pipeline) -> None:  # type: ignore[no-untyped-def]
    rejected = events_of(analyse(pipeline, "The Board of Immigration Appeals rejected the request on Monday."),
                         "rejected")[0]
    assert rejected.source.country == "USA" and rejected.source.sectors == ("JUD",)


# --- a pronoun inside a quotation ----------------------------------------------------------------------------------


def test_a_pronoun_in_a_quotation_refers_to_whom_the_quotation_named(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Three U.S. senators wrote to Secretary of State Jane Smith on Monday. \"We are deeply worried about the "
            "conduct of Milan Petrovic, the leader of Serbia's ruling party,\" the lawmakers said in a note sent to "
            "Smith. "
            "\"For years, he has attacked the courts and threatened the opposition.\"")
    attacked = events_of(analyse(pipeline, text), "attacked")[0]
    assert attacked.source.country == "SRB" and attacked.source.rule == "coref-previous-sentence"
    assert attacked.source.evidence is not None and attacked.source.evidence.text == "Milan Petrovic"
