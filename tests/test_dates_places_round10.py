"""Round 10: retold and planned acts, and places that are a topic or a venue ahead (docs/dates.md, "Round 10").

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
])
def test_a_topic_a_venue_ahead_or_another_act_is_no_place(make_analysis, text: str, trigger: str,
                                                         wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert place(make_analysis, text, trigger) != wrong


@pytest.mark.parametrize(("text", "trigger", "right"), [
    ("Rebels attacked the town of Oruro on Sunday.", "attacked", "Oruro"),
    ("Chilean jets launched strikes on Oruro.", "launched", "Oruro"),
    # a relative clause describes the participant where the act found it
    ("Police arrested two smugglers who were hiding in the town of Oruro.", "arrested", "Oruro"),
    # a curfew laid on a town is where it holds
    ("Bolivian troops imposed a curfew on Oruro on Sunday.", "imposed", "Oruro"),
    # military positions are no stance: "on the outskirts of X" stays a place
    ("Rebels captured army positions on the outskirts of Oruro on Monday.", "captured", "Oruro"),
])
def test_a_place_of_the_act_is_kept(make_analysis, text: str, trigger: str,
                                    right: str) -> None:  # type: ignore[no-untyped-def]
    assert place(make_analysis, text, trigger) == right


# --- statements, occasions and episodes --------------------------------------------------------------------------
def test_a_quotation_its_own_verb_attributes_keeps_the_speakers_day(pipeline) -> None:  # type: ignore[no-untyped-def]
    """'"This is no moment to lift X," said the envoy': the same speaker goes on, with no time of its own, so the
    act deep in the quotation takes the day of the statement before."""
    found = coded(pipeline, "The Peruvian envoy told reporters on Monday that Chile must withdraw its troops. "
                            "\"This is not the moment for the council to consider lifting sanctions on Chile,\" "
                            "said the envoy.")["lifting"].date
    assert found.value == date(2023, 10, 9) and found.rule.startswith("speaker-continues"), found


def test_a_participle_of_making_on_the_event_noun_dates_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = coded(pipeline, "The statement answered a Bolivian proposal tabled on Monday that urged the council to "
                            "lift sanctions on Chile.")["proposal"].date
    assert found.value == date(2023, 10, 9), found


def test_a_treaty_signed_long_ago_still_does_not_date_its_denunciation(pipeline) -> None:  # type: ignore[no-untyped-def]
    """The participle must sit on the event noun itself: "denounced a treaty signed in 1904" is today's."""
    found = coded(pipeline, "Chile denounced a treaty signed in 1904.")["denounced"].date
    assert found.value == PUB and not found.historical, found


def test_the_talks_the_sentence_before_placed_frame_the_next(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"During the talks, X accused Y": the talks the sentence before dated and placed; what the accusation is
    about (the arming) is another act and takes neither."""
    events = coded(pipeline, "Peru and Chile held talks in Arica on Monday. During the talks, Peru accused Chile "
                             "of arming rebels.")
    accused = events["accused"]
    assert accused.date.value == date(2023, 10, 9), accused.date
    assert accused.location is not None and accused.location.name == "Arica", accused.location
    assert accused.location.rule == "episode:previous-sentence"
    arming = events.get("arming")
    assert arming is None or arming.location is None, arming


def test_a_new_episode_takes_no_place_from_the_sentence_before(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = coded(pipeline, "Peru and Chile held talks in Arica on Monday. In a separate raid, Chilean police "
                             "arrested two Peruvian smugglers.")
    assert events["arrested"].location is None, events["arrested"].location


def test_years_earlier_counts_back_from_the_storys_year(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"In 2019, X ... Two years earlier, Y had ...": 2017, not two years before publication; with no story year
    before it, "years earlier" still reads as "years ago"."""
    events = pipeline.analyse(__import__("dyadwatch.records", fromlist=["Article"]).Article.create(
        "In 2019, Chile expelled the Peruvian envoy. Two years earlier, Peru had expelled the Chilean envoy.",
        id="t", published=PUB)).events
    years = sorted(e.date.value.year for e in events if e.trigger.text == "expelled" and e.date.value)
    assert years == [2017, 2019], [(e.trigger.text, e.date) for e in events]
    alone = coded(pipeline, "Years earlier, Peru had expelled the Chilean envoy.")["expelled"].date
    assert alone.historical and alone.rule.startswith("expression:years-ago"), alone
