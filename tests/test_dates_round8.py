"""Round 8 of issue 20 item 7: the audit's date errors, as general constructions of news.

A stance or intent reported by a verb of saying is dated when it was said; a weekday or a day of a plan lies
ahead; a plan placed "before" a coming date is not dated by it; acts of past occasions are retold; a story told
over several sentences keeps its time. Sentences written for these tests from English grammar, with names and
places of their own; none is taken from an evaluation or audit text (docs/dates.md, "Round 8").
"""

from __future__ import annotations

from datetime import date

import pytest

PUB = date(2023, 10, 12)  # a Thursday


def coded(pipeline, text: str, published: date = PUB):  # type: ignore[no-untyped-def]
    from dyadwatch.records import Article

    return pipeline.analyse(Article.create(text, id="t", published=published)).events


def dates(pipeline, text: str, published: date = PUB):  # type: ignore[no-untyped-def]
    """{trigger text: EventDate} of the events of ``text``."""
    return {e.trigger.text: e.date for e in coded(pipeline, text, published)}


# --- the time of a statement ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "trigger", "value"), [
    # a present stance, the date on the saying verb's "in" phrase
    ("In an interview Wednesday with a radio station in Lima, Peru's envoy said Lima rejects the ruling of the "
     "court.", "rejects", date(2023, 10, 11)),
    # a quoted demand, the weekday trailing the saying verb
    ("\"Peru expects Chile to withdraw its troops,\" the ministry said in a note to reporters Tuesday.",
     "withdraw", date(2023, 10, 10)),
    # a conditional intent, the weekday in a fronted participle of the saying verb
    ("Speaking at a university in Lima on Monday, the Peruvian foreign minister said Peru would sign the accord "
     "with Chile if Santiago drops its claim.", "sign", date(2023, 10, 9)),
    # an act with a participle of saying after it: said as it was done
    ("Peru rejected the ruling, telling reporters in Lima on Wednesday that the court was biased.", "rejected",
     date(2023, 10, 11)),
])
def test_a_reported_stance_takes_the_day_it_was_stated(pipeline, text: str, trigger: str,
                                                       value: date) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert found.value == value and found.precision == "day" and not found.historical, found
    assert found.rule.startswith("statement"), found.rule


@pytest.mark.parametrize(("text", "trigger", "value"), [
    ("In December, Egypt declared it would suspend trade with Sudan.", "suspend", date(2022, 12, 1)),
    ("In January, Egypt said Sudan will attack its border posts.", "attack", date(2023, 1, 1)),
])
def test_an_intent_stated_long_ago_is_dated_then(pipeline, text: str, trigger: str,
                                                 value: date) -> None:  # type: ignore[no-untyped-def]
    """The events stage codes a future complement of a verb of saying as the stated intent: the intent is the
    statement's, so it is dated and flagged like it (round 7 kept the publication date)."""
    found = dates(pipeline, text)
    if trigger in found:
        assert found[trigger].value == value and found[trigger].historical, found[trigger]


def test_a_saying_verb_in_the_future_dates_nothing(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"will say on Friday that it rejects": the statement is still to come, so it gives its complement no day."""
    found = dates(pipeline, "Peru will say on Friday whether it rejects the ruling of the court.")
    for trigger, d in found.items():
        assert not d.rule.startswith("statement"), (trigger, d)


# --- dates that lie ahead ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "trigger", "value"), [
    # (a plan coded as an agreement, "is due to sign the accord on Monday", is dated when announced: round 10)
    ("Chile is due to expel the Peruvian ambassador on Monday.", "expel", date(2023, 10, 16)),
    ("The minister said Peru would lift its sanctions on Chile on Saturday.", "lift", date(2023, 10, 14)),
])
def test_a_planned_weekday_resolves_forward(pipeline, text: str, trigger: str,
                                            value: date) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)
    if trigger in found:
        assert found[trigger].value == value, found[trigger]


def test_a_scheduled_day_is_not_the_order(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"was told to report on 27 October": the day of the hearing lies ahead, and it is not the order's."""
    found = dates(pipeline, "The Chilean envoy was ordered to appear before a Peruvian court on October 27.")
    assert found["ordered"].precision == "published" and not found["ordered"].historical, found["ordered"]


def test_a_plan_before_a_coming_date_is_not_dated_by_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Peru's president told aides he does not want to sign the pact with Chile before the "
                            "referendum in November.")
    for d in found.values():
        assert d.value is not None and d.value <= PUB and not d.historical, d
    past = dates(pipeline, "Peru attacked Chilean posts before the election in May.")["attacked"]
    assert past.value == date(2023, 5, 1) and past.historical, past  # a past act keeps the month as its bound


def test_a_relation_does_not_date_an_ongoing_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Peru is expelling Chilean diplomats after Chile said last month that Lima was lying.")
    expelling = found["expelling"]  # "after" only bounds when the expelling began: it is the news of the day
    assert expelling.precision == "published", expelling
    past = dates(pipeline, "Peru expelled Chilean diplomats two days after the vote on 3 October.")["expelled"]
    assert past.precision != "published", past  # a past act keeps its relation


# --- retold: past occasions and the story's time -------------------------------------------------------------------
def test_acts_of_past_occasions_are_retold(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "In past quarrels, Peru has threatened to expel Chilean diplomats.")["threatened"]
    assert found.historical and found.rule.endswith("past-occasion"), found
    series = dates(pipeline, "During previous crises, Peru expelled Chilean diplomats.")["expelled"]
    assert series.historical, series
    one = dates(pipeline, "At the previous meeting, Peru agreed to reopen the border.")["agreed"]
    assert not one.historical, one  # a single previous meeting may be last week's


def test_a_bare_later_counts_from_the_story(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "In 1879, Chile said the nitrate fields were its own. What came next? Several months "
                            "later, Chilean troops invaded Peru.")["invaded"]
    assert found.value is not None and found.value.year == 1879 and found.historical, found
    assert "story" in found.rule, found.rule


@pytest.mark.parametrize(("text", "trigger", "value", "precision"), [
    ("In 2016, Peruvian officials offered to pay the families of Chilean fishermen. The families declined.",
     "declined", date(2016, 1, 1), "year"),
    ("Rebels shelled a Peruvian army post near the Chilean border in June. Four guards were wounded.", "wounded",
     date(2023, 6, 1), "month"),
    ("Peruvian rebels attacked a Chilean border post on Monday. They burned the barracks.", "burned",
     date(2023, 10, 9), "day"),
])
def test_a_plain_past_sentence_goes_on_with_the_story(pipeline, text: str, trigger: str, value: date,
                                                      precision: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)
    if trigger in found:
        assert found[trigger].value == value and found[trigger].precision == precision, found[trigger]
        assert found[trigger].rule.startswith("story:previous-sentence"), found[trigger].rule


@pytest.mark.parametrize(("text", "trigger"), [
    ("In 2016, Peruvian rebels killed 40 people in attacks. Peruvian officials blamed Chile.", "blamed"),  # new subject
    ("In 2016, Peru arrested two Chilean fishermen. Chile has condemned the arrest and urged Peru to free them.",
     "urged"),  # a perfect
    ("In 2016, Peru arrested two Chilean fishermen. Chile said it rejected the arrest.", "rejected"),  # saying
    ("In 2016, Peru arrested two Chilean fishermen. On Tuesday, the fishermen were freed.", "freed"),  # own time
])
def test_the_story_stops_where_the_sentence_breaks_it(pipeline, text: str,
                                                      trigger: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)
    if trigger in found:
        assert not found[trigger].rule.startswith("story"), found[trigger]
        assert found[trigger].value is None or found[trigger].value.year != 2016, found[trigger]


# --- a day counted back from the story's day ------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "trigger", "value"), [
    # nothing to count from: the day before publication (the news of the day is the reference point)
    ("In an interview the day before, Peru's envoy said Lima rejects the ruling of the court.", "rejects",
     date(2023, 10, 11)),
    ("A day earlier, Peru's envoy said Lima rejects the ruling.", "rejects", date(2023, 10, 11)),
    # the story's last named day, a sentence back
    ("On Tuesday, Chile protested to Peru. In an interview the day before, Peru's envoy said Lima rejects the "
     "ruling of the court.", "rejects", date(2023, 10, 9)),
    # the eve of a dated occasion is the day before it
    ("On the eve of the October 3 summit, Peru's envoy said Lima would sign the accord with Chile.", "sign",
     date(2023, 10, 2)),
    ("Peru expelled Chilean diplomats on the eve of 3 May 2019.", "expelled", date(2019, 5, 2)),
])
def test_the_day_before_counts_from_the_story(pipeline, text: str, trigger: str,
                                              value: date) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert found.value == value and found.precision == "day", found


def test_a_day_before_inside_a_dated_sentence_counts_from_that_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Peru expelled the Chilean envoy on 3 May 2015, and a day earlier Chile had closed its "
                            "consulate.")["closed"]
    assert found.value == date(2015, 5, 2), found


def test_the_story_goes_on_from_an_uncoded_dated_clause(pipeline) -> None:  # type: ignore[no-untyped-def]
    """The sentence before has no coded event (the raid has no actor), but its main clause has the story's day;
    a definite subject ("the gunmen") takes up a participant of that story."""
    found = dates(pipeline, "Monday's raid marked a sharp escalation in the long insurgency. The gunmen set fire to "
                            "a Chilean depot.")
    (d,) = found.values()
    assert d.value == date(2023, 10, 9) and d.rule.startswith("story:previous-sentence"), d
    old = dates(pipeline, "The 2016 floods were the worst in decades. The Chilean army rescued Peruvian farmers.")
    (o,) = old.values()
    assert o.value == date(2016, 1, 1) and o.historical, o
