"""Round 10: retold and planned acts, and places that are a topic, a venue ahead or another act's (docs/dates.md,
"Round 10").

Sentences written for these tests from English grammar, with names and places of their own; none is taken from
an evaluation or audit text.
"""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.places import locate

PUB = date(2023, 10, 12)  # a Thursday
PARSE = ("normalise", "parse")


def coded(pipeline, text: str):  # type: ignore[no-untyped-def]
    """{trigger text: event} of the events of ``text``."""
    from dyadwatch.records import Article

    return {e.trigger.text: e for e in pipeline.analyse(Article.create(text, id="t", published=PUB)).events}


def place(make_analysis, text: str, trigger: str):  # type: ignore[no-untyped-def]
    """The name of the place ``locate`` gives the first token ``trigger`` of ``text`` (None: no place)."""
    analysis = make_analysis(text, stages=PARSE)
    found = locate(analysis, next(t.i for t in analysis.doc if t.text == trigger))
    return None if found is None else found.name


# --- dates ---------------------------------------------------------------------------------------------------------
def test_a_span_back_the_tagger_ran_into_the_verb_dates_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"was arrested weeks ago": the tagger takes the verb into the date entity; the date after it still reads."""
    found = coded(pipeline, "The Chilean activist was arrested weeks ago by Peruvian police.")["arrested"].date
    assert found.precision != "published" and found.value is not None and found.value < PUB, found
    assert found.rule.endswith("weeks-ago"), found.rule


@pytest.mark.parametrize("text", [
    "The Peruvian foreign minister is scheduled to travel to Chile on Wednesday for talks with his counterpart.",
    "Chile is due to sign the fishing accord with Peru on Monday.",
])
def test_a_plan_coded_as_agreement_is_dated_when_announced(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    """A planned trip or signing is an AGREE of today (the PLOVER manual codes future meetings so): the coming
    weekday is when the planned act will be, not the agreement's date; nor is its destination its place."""
    events = [e for e in coded(pipeline, text).values() if e.type.plover == "AGREE"]
    assert events, "the plan is coded as an agreement"
    for event in events:
        assert event.date.value == PUB and event.date.precision == "published", event.date
        assert "planned" in event.date.rule, event.date.rule
        assert event.location is None or event.location.name != "Chile", event.location


def test_a_plan_reported_on_a_day_takes_the_statement(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"said in Lima on Tuesday that X would visit Y on Saturday": the statement's day and seat."""
    events = coded(pipeline, "The ministry said in Lima on Tuesday that the Peruvian president would visit Chile "
                             "on Saturday.")
    visit = events["visit"]
    if visit.type.plover == "AGREE":
        assert visit.date.value == date(2023, 10, 10), visit.date
        assert visit.location is not None and visit.location.name == "Lima", visit.location


def test_a_past_visit_keeps_its_day_and_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    visit = coded(pipeline, "The Peruvian president visited Chile on Tuesday.")["visited"]
    assert visit.date.value == date(2023, 10, 10), visit.date
    assert visit.location is not None and visit.location.name == "Chile", visit.location


# --- places --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "trigger", "wrong"), [
    # the topic of a measure or of a deliberation
    ("Chile imposed new sanctions on Bolivia.", "imposed", "Bolivia"),
    ("The UN Security Council held a session on Bolivia this week.", "held", "Bolivia"),
    ("Peru's envoy demanded on Monday that the council maintain sanctions on Bolivia.", "demanded", "Bolivia"),
    # the venue of an ordered act still to come
    ("A Peruvian judge ordered the Chilean activist to stand trial in Arica next month.", "ordered", "Arica"),
    # the place of an earlier act a relative clause tells, with its own time
    ("Officials said no ransom was paid for the release of the students, who were abducted on Sunday from their "
     "dormitory in the town of Oruro.", "paid", "Oruro"),
])
def test_a_topic_a_venue_ahead_or_another_act_is_no_place(make_analysis, text: str, trigger: str,
                                                         wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert place(make_analysis, text, trigger) != wrong


@pytest.mark.parametrize(("text", "trigger", "right"), [
    ("Rebels attacked the town of Oruro on Sunday.", "attacked", "Oruro"),
    ("Chilean jets launched strikes on Oruro.", "launched", "Oruro"),
    # a relative clause with no time of its own still describes the participant where the act found it
    ("Police arrested two smugglers who were hiding in the town of Oruro.", "arrested", "Oruro"),
])
def test_a_place_of_the_act_is_kept(make_analysis, text: str, trigger: str,
                                    right: str) -> None:  # type: ignore[no-untyped-def]
    assert place(make_analysis, text, trigger) == right
