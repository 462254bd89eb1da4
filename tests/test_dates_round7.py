"""Round 7 of issue 20 item 7: the wire's " _ " dash, chronology lines, and the old events still unflagged.

Sentences written for these tests from English grammar and the conventions of wire copy, with names and places of
their own; none is taken from an evaluation text (docs/dates.md, "Round 7", says which class of error each one
stands for).
"""

from __future__ import annotations

from datetime import date

import pytest

PUB = date(2023, 10, 10)


def coded(pipeline, text: str):  # type: ignore[no-untyped-def]
    """The events of ``text`` published on PUB."""
    from dyadwatch.records import Article

    return pipeline.analyse(Article.create(text, id="t", published=PUB)).events


def dates(pipeline, text: str):  # type: ignore[no-untyped-def]
    """{trigger text: EventDate} of the events of ``text``."""
    return {e.trigger.text: e.date for e in coded(pipeline, text)}


# --- the AP dash and chronology lines ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "trigger", "value", "precision"), [
    # a chronology line in wire style: the full date, then " _ ", then the act (the parse had lost the verb)
    ("Oct. 9, 2002 _ Rebels are captured near the border by Peruvian police.", "captured", date(2002, 10, 9), "day"),
    # a bare year heading the line, which the parser hangs on a person's name as if it titled him
    ("1987 _ General Alvaro Ruiz is arrested in Quito by Ecuadorian police.", "arrested", date(1987, 1, 1), "year"),
    # the same with a spaced hyphen, and a year the tagger reads as a count
    ("1861 - Peru captures the island of Lobos from Chile.", "captures", date(1861, 1, 1), "year"),
    # an aside between two wire dashes leaves the verb its own trailing date
    ("Peruvian troops _ backed by helicopters _ attacked the rebel camp in March 2015.", "attacked",
     date(2015, 3, 1), "month"),
])
def test_chronology_lines_and_wire_dashes_are_dated(pipeline, text: str, trigger: str, value: date,
                                                    precision: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert found.value == value and found.precision == precision and found.historical, found


def test_a_range_of_counts_is_no_chronology_line(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"2000 - 3000 troops": two counts joined by a dash, not a year heading the line."""
    found = dates(pipeline, "2000 - 3000 troops attacked the town of Tumbes.")
    assert all(d.value != date(2000, 1, 1) for d in found.values()), found


def test_wire_dash_spans_point_into_the_original_text(pipeline) -> None:  # type: ignore[no-untyped-def]
    """The dash is read as one, but every span still names the characters the user gave, underscores and all."""
    text = "Oct. 9, 2002 _ Rebels are captured near the border by Peruvian police."
    (event,) = [e for e in coded(pipeline, text) if e.trigger.text == "captured"]
    assert text[event.trigger.start:event.trigger.end] == "captured"
    assert event.date.span is not None
    assert text[event.date.span.start:event.date.span.end] == "Oct. 9, 2002"
    assert "_" in text[event.evidence.start:event.evidence.end]


# --- old events the check found unflagged: the coder's classes ------------------------------------------------------
@pytest.mark.parametrize(("text", "trigger", "value", "precision", "rule"), [
    # a participle of result set off after its clause: what the act caused happened with it
    ("Chilean marines shelled the Peruvian port, wounding nine fishermen in May 2016.", "shelled", date(2016, 5, 1),
     "month", "result"),
    ("Chilean troops attacked the Peruvian border post at dawn, killing twelve Peruvian soldiers in March 2015.",
     "attacked", date(2015, 3, 1), "month", "result"),
    # a "where" clause on the place of the act saying when "the shooting" or "the clash" happened there
    ("Peruvian police shot two Chilean smugglers at the fish market of Tacna, where the shooting happened on "
     "March 4.", "shot", date(2023, 3, 4), "day", "where-occasion"),
    ("Three Chilean rebels were killed at the checkpoint, while two Peruvian guards were hurt as the raiders left "
     "the bus depot, where the clash occurred late on March 4.", "killed", date(2023, 3, 4), "day",
     "where-occasion"),
    # a fronted "when" clause the parser hung on the future verb of its own reported complement still frames
    # the main verb
    ("So when the council suddenly announced, in April 2012, that the park and some events like the summer fair "
     "would be closed to visitors and off-limits to everybody else, a group of people protested the new rule as "
     "unfair.", "protested", date(2012, 4, 1), "month", "same-time"),
    # told inside the story of a dated day (a participle on the agent): around that day, so its month
    ("Peruvian fishermen were detained on 9 November 2019 by Chilean marines attacking smugglers.", "attacking",
     date(2019, 11, 1), "month", "enclosing"),
])
def test_round7_structures_are_dated(pipeline, text: str, trigger: str, value: date, precision: str,
                                     rule: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert found.value == value and found.precision == precision and found.historical, found
    assert rule in found.rule, found.rule


def test_a_reason_participle_and_an_indefinite_occasion_keep_their_dates(pipeline) -> None:  # type: ignore[no-untyped-def]
    """A reason ("citing attacks in 2015") is no result of the act, and "where a protest took place" names
    another event, not the act taken up again: neither dates the verb."""
    assert dates(pipeline, "Chile closed its border with Peru, citing attacks by Peruvian rebels in 2015.")[
        "closed"].precision == "published"
    assert dates(pipeline, "Peruvian police shot two Chilean smugglers in Tacna, where a protest took place on "
                           "March 4.")["shot"].precision == "published"


def test_a_relation_in_apposition_to_a_date_counts_from_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"<date>, the day before X attacked": "the day" is that date, so the attack is the day after it (the main
    clause, dated by nothing, would have sent it to the day after publication)."""
    found = dates(pipeline, "The memo described talks held at a secret meeting in Lima on March 3, 1982, the day "
                            "before Peruvian troops attacked the Chilean outpost at Tacna.")["attacked"]
    assert found.value == date(1982, 3, 4) and found.historical and "appositive-date" in found.rule, found


def test_an_act_inside_an_occasion_that_ended_long_ago_is_history(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"killed in the fighting ..., which ended in September 2015": before that end, by an unknown span: the
    publication date is kept and the event flagged. An end last week says nothing of history, and "which ended
    the truce" (transitive) names no end of the occasion."""
    old = dates(pipeline, "Forty Peruvian soldiers were killed in the fighting at the border post of Tacna which "
                          "ended in September 2015 after a final assault by Chilean troops.")["killed"]
    assert old.historical and old.precision == "published" and "occasion-ended" in old.rule, old
    recent = dates(pipeline, "Forty Peruvian soldiers were killed in the siege of Tacna, which ended last week.")
    assert not recent["killed"].historical, recent
