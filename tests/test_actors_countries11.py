"""The state the text gives an actor in international news (0.9 round, countries11): constructed sentences for each
rule, with the case each rule must leave alone, and properties of the small readers behind them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.actors.stated import ORG_OFFICER_RULE, organisation_officer
from dyadwatch.records import Actor, TextSpan


def mention(analysis, text: str):  # type: ignore[no-untyped-def]
    found = [m.actor for m in analysis.mentions if m.actor.span.text == text]
    assert found, f"no mention {text!r}: {[m.actor.span.text for m in analysis.mentions]}"
    return found[-1]


def event(analysis, trigger: str, source: str | None = None):  # type: ignore[no-untyped-def]
    found = [e for e in analysis.events if e.trigger.text == trigger
             and (source is None or e.source.span.text == source)]
    assert found, f"no event {trigger!r}: {[(e.trigger.text, e.source.span.text) for e in analysis.events]}"
    return found[0]


# ------------------------------------------------------------------------------------------ armed groups


def test_described_militants_are_the_group_just_named(make_analysis) -> None:  # type: ignore[no-untyped-def]
    """ "the Islamist militants" after a named group: the word says what they are, not whose (group-anaphor)."""
    text = ("Somalia-based al-Shabab fighters raided a Kenyan village in May. Months later, police are still hunting "
            "the Islamist militants.")
    actor = mention(make_analysis(text), "the Islamist militants")
    assert (actor.country, actor.rule) == ("SOM", "group-anaphor")
    assert actor.code is not None and actor.code.startswith("SOMREB")


def test_a_state_word_on_militants_still_names_another_group(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("Kurdish fighters clashed with Turkish troops in May. Months later, the army is still hunting the Syrian "
            "militants.")
    actor = mention(make_analysis(text), "the Syrian militants")
    assert (actor.country, actor.rule) == ("SYR", "role")


def test_the_group_of_a_target_gives_its_base_to_no_one(make_analysis) -> None:  # type: ignore[no-untyped-def]
    """The militants' base (Somalia) is not where the unplaced police act: no ``source-country:target``."""
    text = ("Somalia-based al-Shabab fighters raided a Kenyan village in May. Months later, police attacked the "
            "Islamist militants near Lamu.")
    attacked = event(make_analysis(text), "attacked")
    assert attacked.target.rule == "group-anaphor"
    assert attacked.source.country != "SOM"


# ------------------------------------------------------------------------------------------ nationality


def test_nationality_beats_residence_in_a_title(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Syrian activist and U.S. resident Omar Haddad was detained on Monday. Haddad denied "
                             "the charges.")
    actor = mention(analysis, "U.S. resident Omar Haddad")
    assert (actor.country, actor.rule, actor.evidence.text) == ("SYR", "nationality", "Syrian activist")
    assert mention(analysis, "Haddad").country == "SYR"  # the later surname follows


def test_residence_alone_stands(make_analysis) -> None:  # type: ignore[no-untyped-def]
    actor = mention(make_analysis("Omar Haddad, a U.S. permanent resident, was detained on Monday."), "Omar Haddad")
    assert actor.country == "USA"


def test_birthplace_yields_to_citizenship(make_analysis) -> None:  # type: ignore[no-untyped-def]
    actor = mention(make_analysis("Police detained a Syrian-born Canadian citizen at the airport on Monday."),
                    "a Syrian-born Canadian citizen")
    assert actor.country == "CAN"


# ------------------------------------------------------------------------------------------ organisations' people


def test_apposition_beats_the_crisis_state(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("The war in Sudan has displaced millions. Sudan's army and a rival force have fought across Sudan since "
            "2023. Amina Yusuf, UNICEF's executive director, urged the generals to open the roads.")
    actor = mention(make_analysis(text), "Amina Yusuf")
    assert (actor.code, actor.rule) == ("IGOUNOCHL", "apposition")


def test_titled_head_of_the_organisation_just_named(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("Doctors Without Borders briefed the council on Sudan. Secretary General Ana Ruiz said the clinics "
            "were overwhelmed.")
    actor = mention(make_analysis(text), "Secretary General Ana Ruiz")
    assert (actor.code, actor.rule, actor.evidence.text) == ("NGOHLHMSF", ORG_OFFICER_RULE, "Doctors Without Borders")


def test_a_state_office_is_no_organisation_officer(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("Doctors Without Borders briefed the council on Sudan. Foreign Minister Ana Ruiz said the clinics "
            "were overwhelmed.")
    actor = mention(make_analysis(text), "Foreign Minister Ana Ruiz")
    assert actor.rule != ORG_OFFICER_RULE and actor.code != "NGOHLHMSF"


def test_she_does_not_continue_he(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("Pedro Alves, a Brazilian surgeon, spoke first. He said the clinics were full. The camp needs more "
            "money. She urged the council to act.")
    actor = mention(make_analysis(text), "She")
    assert actor.country is None


# ------------------------------------------------------------------------------------------ pronouns


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The islands were run from Mauritius, which says it was forced to give them up in 1968.", "MUS"),
        ("The Mauritian government, which argues it was pressed to cede the atoll, welcomed the ruling.", "MUS"),
    ],
)
def test_it_after_a_relative_pronoun(make_analysis, text: str, country: str) -> None:  # type: ignore[no-untyped-def]
    actor = mention(make_analysis(text), "it")
    assert (actor.country, actor.rule) == (country, "pronoun")


# ------------------------------------------------------------------------------------------ implied state agents


def test_a_ransom_the_authorities_deny_paying(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("Bandits seized 40 pupils from a school in Zamfara state, Nigeria, on Friday. Officials said that no "
            "ransom had been paid for the pupils.")
    paid = event(make_analysis(text), "paid")
    assert (paid.source.country, paid.source.code, paid.source.rule) == ("NGA", "NGAGOV", "implicit-agent")


def test_a_ransom_others_report_has_no_implied_payer(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("Bandits seized 40 pupils from a school in Zamfara state, Nigeria, on Friday. No ransom had been paid "
            "for the pupils, their parents said.")
    paid = event(make_analysis(text), "paid")
    assert paid.source.country is None


def test_air_strikes_of_the_force_the_sentence_names(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("Airstrikes kill 40 fighters Early on Monday, Somalia's spy agency reported that the national army "
            "had killed 12 al-Shabab commanders near Jowhar.")
    kill = event(make_analysis(text), "kill")
    assert (kill.source.country, kill.source.rule) == ("SOM", "same-operation")
    assert set(kill.source.sectors) & {"MIL", "COP", "SPY"}


def test_shelling_beside_a_rebel_attack_names_no_doer(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Shelling killed four civilians in the town as rebels attacked a police post.")
    assert all(e.source.rule != "same-operation" for e in analysis.events)


# ------------------------------------------------------------------------------------------ local people


def test_local_people_as_target_take_the_town_state(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "Government officials and traditional elders were meeting at a hotel in Kismayo when gunmen attacked it."
    meetings = [e for e in make_analysis(text).events if e.trigger.text == "meeting"]
    elders = [e.target for e in meetings if e.target is not None and e.target.span.text == "traditional elders"]
    assert elders and (elders[0].country, elders[0].rule) == ("SOM", "context-country")


# ------------------------------------------------------------------------------------------ properties


def _actor(country: str, code: str, rule: str, sectors: tuple[str, ...] = ()) -> Actor:
    return Actor(TextSpan(0, 4, "name"), "name", country, sectors, code, rule)


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=40), states=st.lists(st.sampled_from(["KEN", "SDN", "USA", "FRA"]), max_size=4),
       sentence=st.integers(min_value=0, max_value=5))
def test_officer_is_never_a_state(title: str, states: list[str], sentence: int) -> None:
    """Whatever the title, mentions of states alone never make anyone an organisation's officer."""
    seen = [(sentence, _actor(c, c + "GOV", "organisation", ("GOV",))) for c in states]
    assert organisation_officer(title, sentence, seen) is None


@settings(max_examples=60, deadline=None)
@given(prefix=st.text(alphabet="abcdefgh ", max_size=12), gap=st.integers(min_value=0, max_value=3))
def test_officer_needs_one_organisation_close_by(prefix: str, gap: int) -> None:
    """One organisation in the sentence or the one before decides; farther back, or two, nothing."""
    msf = _actor("MSF", "NGOHLHMSF", "organisation", ("NGO",))
    who = _actor("WHO", "IGOUNOWHO", "organisation", ("IGO",))
    title = prefix + " executive director"
    found = organisation_officer(title, 5, [(5 - gap, msf)])
    assert (found is msf) == (gap <= 1)
    assert organisation_officer(title, 5, [(5, msf), (5, who)]) is None


# ------------------------------------------------------------------------------------------ charges


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a criminal offence, in the passive: the prosecution of the place's state
        ("Police in Phnom Penh detained a reporter on Friday. The reporter was accused of sedition.", "KHM"),
        ("Two Kenyan students were accused of plotting to bomb a hotel in Nairobi.", "KEN"),
        # no offence: anyone may accuse a minister of neglect
        ("The minister was accused of ignoring the flood victims in Kenya.", None),
        # a state's own spies are charged abroad: the place's state, theirs, is not who charged them
        ("Iranian intelligence agents were accused of plotting to bomb a hotel in Tehran.", None),
    ],
)
def test_an_accusation_of_an_offence_is_a_charge(make_analysis, text: str, country: str | None) -> None:  # type: ignore[no-untyped-def]
    accused = event(make_analysis(text), "accused")
    assert accused.source.country == country
    if country is not None:
        assert (accused.source.code, accused.source.rule) == (country + "JUD", "implicit-agent")


# ------------------------------------------------------------------------------------------ bases and places


@pytest.mark.parametrize(
    "text",
    [
        "Militants operating from Somalia attacked a police post in Kenya's Lamu county on Monday.",
        "Gunmen operating out of Somalia attacked a police post in Kenya's Lamu county on Monday.",
        "Rebels with hideouts in Somalia attacked a village in Kenya on Monday.",
    ],
)
def test_sheltering_abroad_is_no_base(make_analysis, text: str) -> None:  # type: ignore[no-untyped-def]
    """ "operating from X" / "with hideouts in X" is the cross-border idiom for a state's own insurgents sheltering
    next door: it does not make them X's (the round-10 paired audit judged such readings wrong)."""
    attacked = event(make_analysis(text), "attacked")
    assert attacked.source.rule != "based-in"
    assert attacked.source.country != "SOM"


def test_based_in_still_names_the_base(make_analysis) -> None:  # type: ignore[no-untyped-def]
    attacked = event(make_analysis("Militants based in Somalia attacked a police post in Kenya's Lamu county on "
                                   "Monday."), "attacked")
    assert (attacked.source.country, attacked.source.rule) == ("SOM", "based-in")


def test_a_place_inside_a_person_mention_places_no_group(make_analysis) -> None:  # type: ignore[no-untyped-def]
    """ "in Gao" belongs to the mention of a French worker: the kidnappers are not French."""
    kidnapped = event(make_analysis("Armed men kidnapped a French aid worker in Gao, Mali, last year."), "kidnapped")
    assert kidnapped.target.country == "FRA"
    assert kidnapped.source.country != "FRA"


@pytest.mark.parametrize(
    ("first", "code", "rule"),
    [
        # "the court's president" after an international court: its officer, not the applicant state's judge
        ("Peru asked the International Court of Justice to settle its quarrel with Chile.", "IGOUNOJUD",
         ORG_OFFICER_RULE),
        # after a national court the office noun keeps that court's state
        ("Peru asked a court in Lima to settle its quarrel with Chile.", "PERJUDGOV", "coref-same-role"),
    ],
)
def test_the_officer_of_the_court_named_before(make_analysis, first: str, code: str, rule: str) -> None:  # type: ignore[no-untyped-def]
    text = first + " The court's president, Judge Maria Ortiz, rejected Peru's request for a delay."
    actor = mention(make_analysis(text), "The court's president, Judge Maria Ortiz")
    assert (actor.code, actor.rule) == (code, rule)


NATIONALITIES = {"Syrian": "SYR", "Kenyan": "KEN", "Peruvian": "PER", "Egyptian": "EGY", "Nigerian": "NGA"}
RESIDENCES = {"U.S.": "USA", "German": "DEU", "Canadian": "CAN", "Swedish": "SWE"}


@settings(max_examples=15, deadline=None)
@given(nationality=st.sampled_from(sorted(NATIONALITIES)), residence=st.sampled_from(sorted(RESIDENCES)),
       noun=st.sampled_from(["activist", "journalist", "student", "lawyer"]))
def test_nationality_wins_whatever_the_pair(make_analysis, nationality: str, residence: str, noun: str) -> None:  # type: ignore[no-untyped-def]
    """Generated titles "<nationality> <noun> and <state> resident <name>": the nationality's state, always."""
    text = f"{nationality} {noun} and {residence} resident Omar Haddad was detained on Monday."
    analysis = make_analysis(text)
    person = [m.actor for m in analysis.mentions if "Omar Haddad" in m.actor.span.text]
    assert person and person[-1].country == NATIONALITIES[nationality]
