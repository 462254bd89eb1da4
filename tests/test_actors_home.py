"""Domestic news that names its state once (the ``home`` context level), divisions named with their category word,
"the agency" across paragraphs, and the foreigners of a domestic story, who must never take its state.

The texts are written here from the grammar of domestic news, never taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_actors_domestic import analyse, mention  # the same readers, one copy

from dyadwatch.actors.context import HOME, ArticleContext, Clue
from dyadwatch.records import TextSpan

SPAN = TextSpan(0, 1, "x")


# --- the context level ----------------------------------------------------------------------------------------


def test_home_needs_one_state_and_a_mark_of_its_inside() -> None:
    inside = Clue(3, 0, 0, "NGA", SPAN, False, domestic=True)
    found = ArticleContext([inside]).country_for(2, 1)
    assert found is not None and (found.country, found.level) == ("NGA", HOME)
    # a demonym or a person of the state is no mark: it may be the foreigner of the story
    assert ArticleContext([Clue(3, 0, 0, "NGA", SPAN, False)]).country_for(2, 1) is None
    # a second state named anywhere, even once and far away: no home
    assert ArticleContext([inside, Clue(30, 4, 2, "GHA", SPAN, False)]).country_for(2, 1) is None
    # a news outlet the words were told to does not count as a second state
    told = Clue(30, 4, 2, "USA", SPAN, False, medium=True, told=True)
    assert ArticleContext([inside, told]).country_for(2, 1).country == "NGA"
    # a dateline of another state is a second state
    other = Clue(0, 0, 0, "GHA", SPAN, False)
    assert ArticleContext([inside], dateline=other).country_for(2, 1).country == "GHA"  # the dateline decides


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["IND", "PAK", "NGA"]), st.booleans(), st.integers(0, 5)), max_size=6))
def test_home_never_answers_for_two_states(clues: list[tuple[str, bool, int]]) -> None:
    ctx = ArticleContext([Clue(i, s, 0, c, SPAN, False, domestic=d) for i, (c, d, s) in enumerate(clues)])
    found = ctx.country_for(9, 3)
    if found is not None and found.level == HOME:
        assert len({c for c, _, _ in clues}) == 1 and any(d for _, d, _ in clues)


# --- in the pipeline ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "who", "country"),
    [("police in kogi state arrested four suspected kidnappers on sunday. the governor said the state would not "
      "tolerate crime.", "the governor", "NGA"),
     ("the governor of nakuru county sacked three officials on monday over missing funds. the county assembly "
      "welcomed the decision.", "the county assembly", "KEN"),
     ("The Rajasthan government on Friday raised the price of power for factories. The opposition said the "
      "decision would cost jobs.", "the opposition", "IND")],
)  # fmt: skip
def test_domestic_story_naming_its_state_once(pipeline, text: str, who: str, country: str) -> None:
    actor = mention(analyse(pipeline, text), who)
    assert actor.country == country
    assert actor.evidence is not None


def test_a_second_state_keeps_the_old_reading(pipeline) -> None:
    text = ("The Rajasthan government on Friday raised the price of power for factories. Traders from Nepal said "
            "the decision would cost jobs.\n\nThe opposition said it would protest.")
    assert mention(analyse(pipeline, text), "the opposition").country is None


def test_three_states_are_not_the_united_states(pipeline) -> None:
    a = analyse(pipeline, "assembly elections will be held in three states in november, the election commission said.")
    assert all(m.actor.country != "USA" for m in a.mentions)
    a = analyse(pipeline, "He studied law in the States before returning home.")
    assert any(m.actor.country == "USA" for m in a.mentions)


def test_the_agency_in_a_later_paragraph(pipeline) -> None:
    text = ("the national investigation agency on tuesday arrested two men in srinagar, an nia official said.\n\n"
            "the agency said it had seized weapons from the men.")
    a = analyse(pipeline, text)
    agency = mention(a, "the agency")
    assert (agency.country, agency.rule) == ("IND", "body-anaphor")
    assert mention(a, "it").country == "IND"


def test_two_agencies_leave_the_agency_unresolved(pipeline) -> None:
    text = ("The National Investigation Agency and the Economic and Financial Crimes Commission signed a pact.\n\n"
            "The agency said it would share records.")
    assert mention(analyse(pipeline, text), "the agency").country is None


# --- foreigners in a domestic story never take its state -------------------------------------------------------


def test_visiting_foreign_minister_keeps_own_state(pipeline) -> None:
    text = ("lucknow: the french foreign minister met the chief minister on monday to discuss investment in the "
            "state.\n\nthe chief minister said the talks were useful.")
    a = analyse(pipeline, text)
    assert mention(a, "the french foreign minister").country == "FRA"
    assert mention(a, "the chief minister").country == "IND"


def test_un_agency_takes_no_home_state(pipeline) -> None:
    text = ("The UN refugee agency said on Monday it had registered 500 families displaced by floods in Kogi State. "
            "The governor thanked the agency.")
    a = analyse(pipeline, text)
    un = [m.actor for m in a.mentions if m.actor.span.text.startswith("The UN")]
    assert un and all(x.country != "NGA" for x in un)
    assert mention(a, "the governor").country == "NGA"


def test_it_after_a_dateline_is_the_body_that_said_it(pipeline) -> None:
    text = "quetta: the anti-narcotics force said on friday it had detained three couriers near the border."
    a = analyse(pipeline, text)
    assert mention(a, "it").country == "PAK"
    assert mention(a, "it").code == mention(a, "the anti-narcotics force").code


def test_an_amount_in_one_states_currency_marks_a_domestic_story(pipeline) -> None:
    text = "detectives arrested a district treasurer over the theft of 40 million cedis. the suspect denied the charge."
    assert mention(analyse(pipeline, text), "detectives").country == "GHA"
    # a name that is also a currency, with no amount before it, is no mark
    assert mention(analyse(pipeline, "Ms. Rand said detectives arrested two men."), "detectives").country is None
    # two states' currencies: no home
    text = "detectives seized 40 million cedis and 9 million naira from a warehouse. the suspect denied the charge."
    assert mention(analyse(pipeline, text), "detectives").country is None


def test_one_person_takes_no_state_named_once(pipeline) -> None:
    """A state named once is where the story happens; its one bomber or its named visitor may be from abroad, so
    the home level gives them nothing. The bomber of a physical act is still placed by that act's own place (rule
    ``actor-in-place``, the ICEWS convention "Unidentified attacker (Nigeria)"), at lower confidence and with the
    place as evidence, never by the home rule."""
    a = analyse(pipeline, "A suicide bomber killed five people at a crowded market in Maiduguri on Friday.")
    bomber = [e.source for e in a.events if e.source.span.text.lower() == "a suicide bomber"]
    assert bomber and all(s.rule == "actor-in-place" and s.country == "NGA" for s in bomber)
    assert all(s.evidence is not None and s.evidence.text == "Maiduguri" for s in bomber)
    a = analyse(pipeline, "Police in Lagos arrested Tomas Eriksen, an engineer, on Monday over a road accident.")
    assert mention(a, "police in lagos").country == "NGA"
    assert mention(a, "tomas eriksen").country is None


def test_outsiders_and_foreign_voices_never_take_the_home_state(pipeline) -> None:
    text = "Enemy warplanes bombed a fuel depot on Friday, wounding three guards. Many families in Mosul fled."
    a = analyse(pipeline, text)
    assert all(e.source.country != "IRQ" for e in a.events if "warplanes" in e.source.span.text.lower())
    # a foreign head of state's office is no mark of the story's state, even when it is the only state named
    text = "Thousands of people marched near the campus on Sunday, with US President Joe Biden backing the protest."
    a = analyse(pipeline, text)
    assert all(m.actor.country != "USA" for m in a.mentions if m.actor.span.text.lower() == "thousands of people")
