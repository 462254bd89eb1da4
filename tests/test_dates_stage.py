"""The dates stage on parsed sentences with hand-built event candidates (publication: Thursday 2024-11-21)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.config import Settings
from dyadwatch.pipeline import EventCandidate
from dyadwatch.pipeline.dates_stage import DatesStage
from dyadwatch.records import Actor, EventType, TextSpan

PUB = date(2024, 11, 21)
PARSE = ("normalise", "parse")
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "us-china-defence-relations.txt"


def add(analysis, word: str, nominal: bool = False, nth: int = 0, notes: dict | None = None) -> EventCandidate:  # type: ignore[no-untyped-def]
    """Append a candidate whose trigger is the ``nth`` token spelled ``word``."""
    tokens = [t for t in analysis.doc if t.text == word]
    tok = tokens[nth]
    cand = EventCandidate(
        sentence_index=analysis.sentence_of(tok.i), trigger=(tok.i, tok.i + 1),
        source=Actor(TextSpan(0, 0, "")), target=None, type=EventType("OTHER", "010"), nominal=nominal,
        notes=dict(notes or {}),
    )
    analysis.candidates.append(cand)
    return cand


def run(make_analysis, text: str, triggers: list, published: date | None = PUB, history_days: int = 30):  # type: ignore[no-untyped-def]
    analysis = make_analysis(text, published=published, stages=PARSE)
    cands = [add(analysis, *t) if isinstance(t, tuple) else add(analysis, t) for t in triggers]
    DatesStage.from_settings(Settings(history_days=history_days))(analysis)
    return analysis, cands


def test_this_week(make_analysis) -> None:  # type: ignore[no-untyped-def]
    a, (c,) = run(make_analysis, "Protesters marched through the capital this week.", ["marched"])
    assert (c.date.value, c.date.precision) == (date(2024, 11, 18), "week")
    assert (c.date.range_start, c.date.range_end) == (date(2024, 11, 18), date(2024, 11, 24))
    assert c.date.text == "this week" and not c.date.historical
    assert a.article.text[c.date.span.start:c.date.span.end] == "this week"


def test_weeks_ago_on_a_nominal(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (approval,) = run(make_analysis, "The protest follows the ministry's approval three weeks ago of a new dam.",
                         [("approval", True)])
    assert approval.date.precision == "week"
    assert date(2024, 10, 24) <= approval.date.value <= date(2024, 11, 7)


def test_last_tuesday_and_on_monday(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (c,) = run(make_analysis, "Police arrested the opposition leader last Tuesday.", ["arrested"])
    assert (c.date.value, c.date.precision) == (date(2024, 11, 19), "day")
    _, (c,) = run(make_analysis, "The rebels attacked a convoy on Monday.", ["attacked"])
    assert c.date.value == date(2024, 11, 18) and c.date.text == "Monday"


def test_future_event_reads_forward(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (c,) = run(make_analysis, "The foreign ministers will meet on Monday.", ["meet"])
    assert c.date.value == date(2024, 11, 25)


def test_years_months_and_history(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (c,) = run(make_analysis, "The navy seized the port in 2022.", ["seized"])
    assert (c.date.value, c.date.precision, c.date.historical) == (date(2022, 1, 1), "year", True)
    _, (c,) = run(make_analysis, "Troops entered the border town in August 2022.", ["entered"])
    assert (c.date.value, c.date.precision, c.date.historical) == (date(2022, 8, 1), "month", True)


def test_since_year(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (c,) = run(make_analysis, "The territory has been administered separately since 1962.", ["administered"])
    assert (c.date.value, c.date.precision, c.date.historical) == (date(1962, 1, 1), "year", True)
    assert c.date.text == "since 1962"


def test_possessive_year_on_nominal(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (visit,) = run(make_analysis, "Officials recalled the senator's 2019 visit to the region.", [("visit", True)])
    assert (visit.date.value, visit.date.precision, visit.date.historical) == (date(2019, 1, 1), "year", True)


def test_following_an_event_takes_its_date(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "Ankara recalled its ambassador following the senator's 2019 visit to the island."
    _, (recalled, visit) = run(make_analysis, text, ["recalled", ("visit", True)])
    assert visit.date.value == date(2019, 1, 1)
    assert recalled.notes["date_anchor"] == 1
    assert recalled.date.value == date(2019, 1, 1) and recalled.date.historical
    assert recalled.date.rule.startswith("relative:after")


def test_following_an_undated_noun_with_a_date_inside(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # No candidate for "visit": the date inside the anchor phrase still dates the event.
    _, (recalled,) = run(make_analysis, "Ankara recalled its ambassador following the senator's 2019 visit.",
                         ["recalled"])
    assert recalled.date.value == date(2019, 1, 1)
    assert "date_anchor" not in recalled.notes


def test_days_after_a_meeting(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "The talks collapsed just days after the two ministers met in Oslo."
    _, (collapsed, met) = run(make_analysis, text, ["collapsed", "met"])
    assert met.notes["date_anchor"] == 0
    assert met.date.range_start is not None and met.date.range_end is not None
    assert date(2024, 11, 10) <= met.date.range_start <= met.date.range_end < PUB
    assert collapsed.date.precision == "published"


def test_following_the_approval_resolves_against_its_date(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "The union called a strike following the approval of the budget last month."
    _, (strike, approval) = run(make_analysis, text, ["called", ("approval", True)])
    assert approval.date.value == date(2024, 10, 1)
    assert strike.notes["date_anchor"] == 1
    assert strike.date.value == date(2024, 10, 1) and strike.date.precision == "month"


def test_no_expression_uses_publication(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (c,) = run(make_analysis, "The minister condemned the attack.", ["condemned"])
    assert (c.date.value, c.date.precision, c.date.historical) == (PUB, "published", False)


def test_no_publication_date_is_a_flag_not_a_guess(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (c,) = run(make_analysis, "The minister condemned the attack.", ["condemned"], published=None)
    assert (c.date.value, c.date.precision) == (None, "unknown")
    _, (c,) = run(make_analysis, "The army shelled the town three weeks ago.", ["shelled"], published=None)
    assert (c.date.value, c.date.precision) == (None, "unknown")
    _, (c,) = run(make_analysis, "The army shelled the town in August 2022.", ["shelled"], published=None)
    assert c.date.value == date(2022, 8, 1)


def test_publication_date_from_the_text_when_metadata_has_none(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "This story is from November 21, 2024\nThe army shelled the town two days ago."
    _, (c,) = run(make_analysis, text, ["shelled"], published=None)
    assert c.date.value == date(2024, 11, 19)


def test_history_window_is_configurable(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "Militias looted the warehouse two months ago."
    _, (c,) = run(make_analysis, text, ["looted"], history_days=30)
    assert c.date.historical
    _, (c,) = run(make_analysis, text, ["looted"], history_days=120)
    assert not c.date.historical


def test_has_a_history_of(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "The government has a history of expelling foreign reporters."
    _, (c,) = run(make_analysis, text, ["expelling"])
    assert c.date.historical and "history-of" in c.date.rule


def test_past_perfect_without_date(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (c,) = run(make_analysis, "The envoy had left the capital before the vote.", ["left"])
    assert c.date.precision == "published" and c.date.rule == "published:past-perfect"
    _, (c,) = run(make_analysis, "The envoy left the capital.", ["left"], )
    assert c.date.rule == "published"


def test_past_perfect_note_from_events_stage(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, (c,) = run(make_analysis, "The envoy left the capital.", [("left", False, 0, {"past_perfect": True})])
    assert c.date.rule == "published:past-perfect"


def test_date_span_in_original_offsets(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "“Defenсe” officials said troops withdrew last Tuesday."  # curly quotes and a Cyrillic letter
    a, (c,) = run(make_analysis, text, ["withdrew"])
    assert a.article.text[c.date.span.start:c.date.span.end] == "last Tuesday"


@pytest.fixture(scope="module")
def reference(make_analysis):  # type: ignore[no-untyped-def]
    if not REFERENCE.exists():
        pytest.skip(f"reference article not found at {REFERENCE}")
    analysis = make_analysis(REFERENCE.read_text(encoding="utf-8"), published=PUB, stages=PARSE)
    names = ["declined", ("approval", True), "met", "severed", ("visit", True), "retreated", "using"]
    cands = {(t if isinstance(t, str) else t[0]): add(analysis, *(t if isinstance(t, tuple) else (t,)))
             for t in names}
    DatesStage.from_settings(Settings())(analysis)
    return cands


def test_reference_article_dates(reference) -> None:  # type: ignore[no-untyped-def]
    laos, approval, peru = reference["declined"].date, reference["approval"].date, reference["met"].date
    assert date(2024, 11, 18) <= laos.value <= date(2024, 11, 24) and not laos.historical
    assert date(2024, 10, 24) <= approval.value <= date(2024, 11, 7) and not approval.historical
    assert date(2024, 11, 10) <= peru.value <= date(2024, 11, 20) and not peru.historical
    for name in ("severed", "visit"):
        assert reference[name].date.value.year == 2022 and reference[name].date.historical, name
    assert reference["retreated"].date.value.year == 1949
    assert reference["using"].date.historical  # "has a history of using ..."


def test_relation_to_an_undated_event_stays_published(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "The union called a strike following the approval of the budget."
    _, (strike, approval) = run(make_analysis, text, ["called", ("approval", True)])
    assert approval.date.precision == "published"
    assert strike.date.precision == "published"  # never upgraded to a day-precision guess


def test_possessive_weekday_on_nominal(make_analysis) -> None:  # type: ignore[no-untyped-def]
    a, (attack,) = run(make_analysis, "Officials condemned Tuesday's attack on the convoy.", [("attack", True)])
    assert attack.date.value == date(2024, 11, 19) and attack.date.precision == "day"
    assert a.article.text[attack.date.span.start:attack.date.span.end] == "Tuesday"


def test_date_of_another_clause_is_not_borrowed(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry said on Monday that soldiers had stormed the village in 2021."
    _, (said, stormed) = run(make_analysis, text, ["said", "stormed"])
    assert said.date.value == date(2024, 11, 18)
    assert stormed.date.value == date(2021, 1, 1) and stormed.date.historical
