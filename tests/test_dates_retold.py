"""Retold history is dated and flagged, through the whole pipeline (issue 20, item 7: "0 old events unflagged").

Sentences written for these tests from English grammar, with names and places of their own; none is taken from
an evaluation text. Each structure is one the sentence-wide reading of the date check found missed on real news
(docs/dates.md, "Figures"): an event deep inside relative and participle clauses of a dated act, a "which"
clause set off by a dash, a "then-" title, a bare month or "the next year" told from a year the sentence names,
a date inside a "since" phrase, a date before a noun deep in the object, a trailing date on an "-ing"
participle of the object. Then the check's own reading (``dyadwatch.evaluation.corpus_dates``): what a reader
does not take from a sentence's dates is left out of its sentence-wide counts.
"""

from __future__ import annotations

from datetime import date

import pytest

PUB = date(2023, 10, 10)


def dates(pipeline, text: str):  # type: ignore[no-untyped-def]
    """{trigger text: EventDate} of the events of ``text``."""
    from dyadwatch.records import Article

    return {e.trigger.text: e.date for e in pipeline.analyse(Article.create(text, id="t", published=PUB)).events}


@pytest.mark.parametrize(("text", "trigger", "value", "rule"), [
    # an event noun inside a relative clause and a participle on the object of an act dated in an "after" clause
    ("Ties worsened in 2013 after Peruvian marines boarded a trawler that was trying to evade a Chilean embargo.",
     "embargo", date(2013, 1, 1), "enclosing"),
    # a "which" clause set off by a dash tells the next act, like one set off by a comma
    ("In 2016, a tribunal ruled against Chile \u2014 which Chile rejected.", "rejected", date(2016, 1, 1),
     "sequence"),
    # a bare month on a verb coordinated with one dated by month and year is in that year
    ("Chile recalled its envoy in February 2016 and closed its consulates in Peru in September.", "closed",
     date(2016, 9, 1), "expression"),
    # "the next year" counts from the year the sentence names
    ("In 2012, Chile withdrew its ambassador from Peru, and Peru recalled its envoy the next year.", "recalled",
     date(2013, 1, 1), "expression"),
    # a clause on an event subject that says when it happened dates what the event did
    ("The Sudanese raid, which took place in March 2016, killed Chadian soldiers.", "killed", date(2016, 3, 1),
     "subject-occasion"),
    # a trailing date the parser hangs on an "-ing" participle of the object dates the verb
    ("Iran seized a Kenyan tanker carrying weapons to rebels last June.", "seized", date(2023, 6, 1), "expression"),
])
def test_a_retold_event_takes_the_date_of_its_story(pipeline, text: str, trigger: str, value: date,
                                                    rule: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert found.value == value and found.historical, found
    assert found.rule.startswith(rule), found.rule


@pytest.mark.parametrize(("text", "trigger", "value", "precision"), [
    # an age set off by commas is no date (it was read as a day of the publication month)
    ("Herrera, 26, was arrested in Bolivia in November 2012.", "arrested", date(2012, 11, 1), "month"),
    # a weekday beside its calendar date: the calendar date names the day
    ("Five soldiers were killed Friday (April 14th) near the border with Chad.", "killed", date(2023, 4, 14), "day"),
    # two months before one year share it
    ("Chadian troops attacked rebel camps in May and June 1998.", "attacked", date(1998, 5, 1), "month"),
    # a span of months across years
    ("From March 2009 to June 2010, the militia attacked convoys in the north.", "attacked", date(2009, 3, 1),
     "year"),
    # a "while" participle and a fronted passive participle share the main clause's date
    ("The diplomat was shot while sitting in his car outside the embassy on 12 May 1994.", "shot",
     date(1994, 5, 12), "day"),
    ("Wounded near the Andes in 1981, the pilot was captured by rebels.", "captured", date(1981, 1, 1), "year"),
    # the event noun "since" counts from takes the date after its phrase
    ("Chile has kept troops on the border since the Bolivian invasion of the region in 1995.", "invasion",
     date(1995, 1, 1), "year"),
    # an offset from a date is counted, not the date itself
    ("Rebels attacked the capital two weeks after 3 March 2011.", "attacked", date(2011, 3, 17), "day"),
    # a sequence link from a day gives its month (the step just before or after, not the day)
    ("The guerrilla was captured on 4 June 2008 after being wounded in a firefight.", "wounded", date(2008, 6, 1),
     "month"),
    # a participle right after the verb, with no comma, is the same moment ("citing ..." after a comma is not)
    ("The rebel was captured fighting with guerrillas in the Andes in December 2001.", "captured",
     date(2001, 12, 1), "month"),
    # a chronology line: the date heading it
    ("2004 - Troops attacked rebel camps in the north.", "attacked", date(2004, 1, 1), "year"),
    # a trailing date on a participle that only describes the object's state
    ("Peruvian police arrested two men tied to the smuggling ring in March.", "arrested", date(2023, 3, 1),
     "month"),
    # a reaction to an act dated by its own participle follows it: its month
    ("Chile denounced the raid conducted on 9 August near the port of Arica.", "denounced", date(2023, 8, 1),
     "month"),
    # the year inside a named event ("the 1879 Pacific War") dates what happened in it
    ("Chilean troops occupied the coastal towns during the 1879 Pacific War.", "occupied", date(1879, 1, 1), "year"),
    # a past date in the infinitive of the campaign the verb happened during
    ("The rebels were captured during the campaign to oust the junta in 2001.", "captured", date(2001, 1, 1),
     "year"),
    # a perfect since a dated arrival starts then
    ("Peru has attacked Chilean posts repeatedly since its troops crossed the border on 3 April.", "attacked",
     date(2023, 4, 3), "day"),
])
def test_dates_read_from_news_forms(pipeline, text: str, trigger: str, value: date, precision: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert (found.value, found.precision, found.historical) == (value, precision, True), found


def test_story_year_needs_one_story_line(pipeline) -> None:  # type: ignore[no-untyped-def]
    """A year in a relative clause, or before a noun, does not pull a later bare month back into it."""
    withdrew = dates(pipeline, "Kenya, which invaded Somalia in 2011, withdrew its troops in March.")["withdrew"]
    assert withdrew.value == date(2023, 3, 1), withdrew
    condemned = dates(pipeline, "The rebels said their 2016 kidnapping of aid workers in Chad was a mistake, and "
                                "Chad condemned it in March.")
    if "condemned" in condemned:
        assert condemned["condemned"].value == date(2023, 3, 1), condemned["condemned"]


def test_the_next_year_with_nothing_to_count_from_is_no_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Peru recalled its envoy the next year.")["recalled"]
    assert found.precision == "published" and found.value == PUB, found  # never the year after publication


def test_a_pluperfect_below_a_dated_verb_is_history_without_its_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "In 2017, Chile, which had expelled Peruvian diplomats, imposed tariffs on Peru.")
    assert found["imposed"].value == date(2017, 1, 1)
    expelled = found["expelled"]
    assert expelled.historical and expelled.precision == "published" and ":before:" in expelled.rule, expelled


def test_an_aim_is_not_dated_by_the_act_that_pursues_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Chile tightened sanctions on Peru in 2013 in a bid to force Lima to withdraw its troops.")
    assert found["tightened"].value == date(2013, 1, 1)
    if "withdraw" in found:
        assert "enclosing" not in found["withdraw"].rule, found["withdraw"]


def test_a_then_title_on_the_actor_flags_history(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Then-President Michelle Bachelet visited Peru and met its foreign minister.")
    assert found["visited"].historical and found["met"].historical, found
    assert found["visited"].rule.endswith("then-title")
    today = dates(pipeline, "Chile criticised the policies of then-President Alan Garcia.")["criticised"]
    assert not today.historical, today  # today's criticism of old policies


def test_a_participle_of_an_earlier_act_keeps_its_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Chile denounced a treaty signed in 1904.")
    if "denounced" in found:
        assert found["denounced"].precision == "published", found["denounced"]


def test_a_date_before_a_noun_in_the_object_is_that_nouns(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "On Monday, Peru demanded a recount of the ballots in the 12 March referendum.")
    assert found["demanded"].value == date(2023, 10, 9), found["demanded"]


def test_a_date_inside_a_since_phrase_is_a_start(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Chile has received 20 loans from the IMF since independence in 1960.")["received"]
    assert found.value == date(1960, 1, 1) and found.rule.endswith(":since"), found


# --- the check's sentence-wide reading ---------------------------------------------------------------------


def sentence_counts(pipeline, text: str) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(year, month, old) events the sentence-wide reading counts in ``text``."""
    from dyadwatch.evaluation.corpus_dates import DateCheck, check_article
    from dyadwatch.records import Article

    check = DateCheck()
    check_article(pipeline.analyse(Article.create(text, id="t", published=PUB)), check, 30)
    return check.sentence_year_events, check.sentence_month_events, check.sentence_old_events


@pytest.mark.parametrize("text", [
    "Kenya, which invaded Somalia in 2011, withdrew its troops last week.",  # a second time: last week
    "Chile imposes sanctions on Peru, which it attacked in 2019.",  # a present act beside a past one
    "Chile will hold talks with Peru, which it attacked in 2019.",  # a future act beside a past one
    "Chile said on Monday it would expel diplomats who insulted its president in 2019.",  # a day, a modal
])
def test_the_sentence_reading_leaves_out_what_a_reader_does_not_read(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    events = dates(pipeline, text)
    assert events, text
    assert sentence_counts(pipeline, text) == (0, 0, 0), events


def test_a_bare_month_of_another_year_leaves_the_year_out(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"in November 2019 ... on May 4": two years named, so no one year to check (the old check still runs)."""
    year, month, _ = sentence_counts(pipeline, "Chile deposed its president in November 2019, and Peru closed "
                                               "the border on May 4.")
    assert (year, month) == (0, 0)


def test_the_sentence_reading_still_counts_one_named_past_period(pipeline) -> None:  # type: ignore[no-untyped-def]
    year, month, old = sentence_counts(pipeline, "In March 2019, Chile expelled Peruvian diplomats and closed "
                                                 "its border with Peru.")
    assert (year, month, old) == (2, 2, 2)
    text = "Chad accused Sudan of backing the rebels' 2016 kidnapping of aid workers."
    assert "accused" in dates(pipeline, text)
    assert sentence_counts(pipeline, text) == (0, 0, 0)  # the year says which kidnapping, not when Chad accused


def test_an_anniversary_dates_its_event_whole_years_back(pipeline) -> None:  # type: ignore[no-untyped-def]
    """The events stage codes no noun under "anniversary of" today; the dates stage is ready when one is."""
    from dataclasses import replace

    from dyadwatch.dating.resolve import date_candidates
    from dyadwatch.records import Article

    analysis = pipeline.analyse(Article.create("On Sunday, Chile marked the 50th anniversary of the coup in Peru. "
                                               "Peru marked the anniversary of the raid.", id="t", published=PUB))
    assert analysis.doc is not None and len(analysis.candidates) >= 1
    nouns = [t for t in analysis.doc if t.text in ("coup", "raid")]
    template = analysis.candidates[0]
    for noun in nouns:
        analysis.candidates.append(replace(template, sentence_index=analysis.sentence_of(noun.i),
                                           trigger=(noun.i, noun.i + 1), nominal=True, date=None, notes={}))
    date_candidates(analysis, 30)
    coup, raid = analysis.candidates[-2].date, analysis.candidates[-1].date
    assert coup is not None and coup.value == date(1973, 1, 1) and coup.precision == "year" and coup.historical
    assert raid is not None and raid.precision == "published" and raid.historical and raid.rule.endswith(
        "anniversary")
