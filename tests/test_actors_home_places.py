"""Marks of a state's inside that the home level used to miss: a province or city the Phoenix country lists give as
the state itself, a division the tagger did not read as a place, and a place word that is only part of a person's
name; with the domestic organs, parties and shared names of this round's tables.

The texts are written here from the grammar of domestic news, never taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_actors_domestic import analyse, mention  # the same readers, one copy

from dyadwatch.actors.context import place_of_country
from dyadwatch.actors.tables import Entry
from dyadwatch.actors.vocabulary import Hit

PHOENIX = "actors/phoenix_countries.tsv"


def _hit(country: str, kind: str = "country", source: str = PHOENIX) -> Hit:
    return Hit(0, 1, [Entry(kind, "x", country, source=source)])


# --- a place inside the state, listed with the state's names ---------------------------------------------------


def test_a_province_in_the_phoenix_country_list_is_a_place_inside() -> None:
    assert place_of_country(_hit("IDN"), "East Java")
    assert place_of_country(_hit("IND"), "Madurai")


@pytest.mark.parametrize("text", ["Indonesia", "Indonesian", "Indnonesia", "the State of Israel", "Israelis"])
def test_a_name_of_the_state_is_no_place_inside(text: str) -> None:
    country = "ISR" if "sra" in text else "IDN"
    assert not place_of_country(_hit(country), text)


def test_only_the_phoenix_country_lists_are_read_so() -> None:
    assert not place_of_country(_hit("IDN", source="actors/countries.tsv"), "East Java")
    assert not place_of_country(_hit("IDN", kind="city"), "East Java")
    assert not place_of_country(_hit("NGO"), "East Java")  # a code that is no state's


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_place_of_country_reads_any_text(text: str) -> None:
    assert place_of_country(_hit("IDN"), text) in (True, False)
    assert not place_of_country(_hit("IDN"), f"{text} Indonesia") or "indonesia" not in text.lower()


# --- in the pipeline ------------------------------------------------------------------------------------------


def test_a_province_named_only_through_the_phoenix_list_makes_a_story_domestic(pipeline) -> None:
    text = ("The governor of East Java on Tuesday shut markets for three days after heavy rains. The regional "
            "health office said hundreds of people had fallen ill.\n\nThe president promised money for repairs.")
    assert mention(analyse(pipeline, text), "the president").country == "IDN"


def test_a_division_after_the_state_of_in_lower_case(pipeline) -> None:
    text = ("the electoral institute on friday fined a governing party for spending too much on posters in the state "
            "of veracruz.\n\nopposition leaders accused the governor of buying votes.")
    a = analyse(pipeline, text)
    assert mention(a, "opposition leaders").country == "MEX"
    assert mention(a, "the electoral institute").sectors == ("GOV",)


def test_a_place_inside_a_persons_name_is_no_mark(pipeline) -> None:
    """ "Farah" is an Afghan province; in a Somali clan leader's name it must not stand for Afghanistan."""
    text = ("Gunmen loyal to the clan elder Abdi Farah Warsame raided a livestock market in Mogadishu on Sunday. "
            "The police said they had sealed the roads.")
    assert mention(analyse(pipeline, text), "the police").country == "SOM"


# --- this round's table rows ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "who", "code"),
    [("The National Unity Platform said on Friday it would boycott the vote in Kampala.", "the national unity platform",
      "UGAPTY"),
     ("Dhaka police said the BNP had called a strike for Sunday.", "the bnp", "BGDPTY"),
     ("The New Patriotic Party chose a new leader at a congress in Kumasi.", "the new patriotic party", "GHAPTY")],
)  # fmt: skip
def test_parties_of_more_states(pipeline, text: str, who: str, code: str) -> None:
    assert mention(analyse(pipeline, text), who).code == code


def test_the_national_guard_is_the_article_states(pipeline) -> None:
    text = ("MONTERREY - Gunmen set fire to three lorries on a highway in Nuevo Leon on Tuesday, the state prosecutor "
            "said.\n\nThe National Guard sent two hundred troops to the highway.")
    assert mention(analyse(pipeline, text), "the national guard").country == "MEX"
    text = "The governor of Ohio said on Monday the National Guard would help clear the snow."
    assert mention(analyse(pipeline, text), "the national guard").country == "USA"


def test_an_anti_corruption_commission_takes_the_home_state(pipeline) -> None:
    text = ("the anti-corruption commission on monday questioned an official of mombasa county over a land deal. "
            "the official denied wrongdoing.")
    actor = mention(analyse(pipeline, text), "the anti-corruption commission")
    assert (actor.country, actor.sectors) == ("KEN", ("GOV",))
