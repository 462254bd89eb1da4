"""Round 9: dates carried from the sentence before (docs/dates.md, "Round 9").

A quotation that goes on, or a speaker that goes on ("he added"), was said when the statement before it was; a
sentence framed by a definite noun of the episode the sentence before told ("In the raid, ...") happened then; a
sentence whose object pronoun takes up the person just named goes on with that story; the story's day may come
from a same-day clause of the sentence before ("hours after it left the port on Monday"). Sentences written for
these tests from English grammar, with names and places of their own; none is taken from an evaluation or audit
text.
"""

from __future__ import annotations

from datetime import date

import pytest

PUB = date(2023, 10, 12)  # a Thursday


def dates(pipeline, text: str, published: date = PUB):  # type: ignore[no-untyped-def]
    """{trigger text: EventDate} of the events of ``text``."""
    from dyadwatch.records import Article

    return {e.trigger.text: e.date for e in pipeline.analyse(Article.create(text, id="t", published=published)).events}


# --- a statement that goes on --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "trigger", "value", "rule"), [
    # a sentence that is all quotation continues the quotation the sentence before attributed
    ("\"We will not withdraw our troops from the border,\" the Peruvian defence minister said on Tuesday. "
     "\"If Chile sends its navy again, we will expel its ambassador.\"", "expel", date(2023, 10, 10),
     "quote-continues"),
    # a quotation that runs over two sentences after its attribution
    ("\"We will not withdraw our troops from the border,\" the Peruvian defence minister said on Tuesday. "
     "\"Chile must respect the treaty. If Chile sends its navy again, we will expel its ambassador.\"", "expel",
     date(2023, 10, 10), "quote-continues"),
    # curly quotation marks, the weekday fronted
    ("On Monday, the Kenyan president told a rally: \u201cSomalia must respect our border.\u201d "
     "\u201cOtherwise we will close our embassy in Mogadishu.\u201d", "close", date(2023, 10, 9), "quote-continues"),
    # a pronoun that takes up the speaker, with no time of its own
    ("On Monday, the Kenyan foreign minister said Kenya would reopen its border with Somalia. He added that Kenya "
     "would sign a trade agreement with Somalia.", "sign", date(2023, 10, 9), "speaker-continues"),
])
def test_a_statement_that_goes_on_keeps_its_day(pipeline, text: str, trigger: str, value: date,
                                                rule: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert found.value == value and found.precision == "day" and not found.historical, found
    assert found.rule.startswith(rule), found.rule


@pytest.mark.parametrize(("text", "trigger"), [
    # a new speaker is a new statement: the day of the first is not the second's
    ("\"We will not withdraw our troops,\" the Peruvian defence minister said on Tuesday. The Chilean envoy "
     "said Chile would expel the Peruvian ambassador.", "expel"),
    # the sentence before reports no statement: a quotation after it is not dated by its weekday
    ("Peruvian troops crossed the border on Tuesday. \"Peru will expel the Chilean ambassador.\"", "expel"),
    # an apostrophe is no quotation mark: the sentence is not all quotation
    ("\"We will not withdraw,\" the Peruvian minister said on Tuesday. Chile's envoy will expel the Peruvian "
     "attache.", "expel"),
])
def test_another_statement_does_not_take_the_day(pipeline, text: str,
                                                 trigger: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert not found.rule.startswith(("quote-continues", "speaker-continues")), found
    assert found.precision == "published", found


# --- an episode that goes on ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "trigger", "value", "precision"), [
    # a recent day: the episode's day, whatever verb of saying reports the act
    ("Gunmen seized a passenger train near Mombasa on Tuesday. In the rescue operation that lasted two days, the "
     "Kenyan army said it killed 20 militants.", "killed", date(2023, 10, 10), "day"),
    # an old year: the act of the episode is in it, and retold
    ("In 2019, Kenyan troops raided a militant camp in Somalia. During the raid, the soldiers killed twelve "
     "fighters, the Kenyan army said.", "killed", date(2019, 1, 1), "year"),
    # the story's day from a same-day clause of the sentence before ("hours after ... on Monday")
    ("Pirates hijacked a cargo ship hours after it left the port of Mombasa on Monday. In the operation, the Kenyan "
     "navy said it killed four pirates.", "killed", date(2023, 10, 9), "day"),
])
def test_an_act_of_the_episode_takes_its_date(pipeline, text: str, trigger: str, value: date,
                                              precision: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert (found.value, found.precision) == (value, precision), found
    assert found.rule.startswith("story:episode"), found.rule


def test_a_fronted_there_goes_on_at_the_occasion_told(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"There," takes up the last occasion the sentence before named, and the date written with it."""
    found = dates(pipeline, "Peru and Chile have been at odds since talks collapsed at a summit in Quito held in "
                            "March. There, the Peruvian president asked Chile for a new maritime border.")["asked"]
    assert (found.value, found.precision, found.historical) == (date(2023, 3, 1), "month", True), found
    assert found.rule.startswith("story:episode"), found.rule


def test_an_indefinite_episode_is_a_new_one(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"In a raid" names another episode than the one the sentence before dated."""
    found = dates(pipeline, "Gunmen seized a passenger train near Mombasa on Tuesday. In a separate raid, the "
                            "Kenyan army said it killed 20 militants.")["killed"]
    assert not found.rule.startswith("story:episode") and found.precision == "published", found


# --- a person the story named -------------------------------------------------------------------------------------
def test_an_object_pronoun_takes_up_the_story(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "A Peruvian opposition leader was detained in July 2019 while leaving a clinic "
                            "in Lima. Prosecutors charged him with inciting riots.")["charged"]
    assert (found.value, found.precision, found.historical) == (date(2019, 7, 1), "month", True), found
    assert found.rule.startswith("story:previous-sentence"), found.rule
