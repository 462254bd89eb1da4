"""Round 6 of issue 20 item 7: the structures behind the old events the date check found unflagged.

Sentences written for these tests from English grammar, with names and places of their own; none is taken from
an evaluation text (docs/dates.md, "Figures, round 6", says which classes of error each one stands for). First
the coder (``dyadwatch.dating``), then the check's sentence-wide reading (``dyadwatch.evaluation.corpus_dates``):
what a reader does not take from a sentence's dates is not asked of the coder either.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PUB = date(2023, 10, 10)


def dates(pipeline, text: str):  # type: ignore[no-untyped-def]
    """{trigger text: EventDate} of the events of ``text``."""
    from dyadwatch.records import Article

    return {e.trigger.text: e.date for e in pipeline.analyse(Article.create(text, id="t", published=PUB)).events}


@pytest.mark.parametrize(("text", "trigger", "value", "precision", "rule"), [
    # the auxiliary left out of the second passive: "porters [were] wounded" is a past, and shares the "when" date
    ("Two Chadian guards were shot and four porters wounded when a bomb went off at the gate on 4 March.",
     "wounded", date(2023, 3, 4), "day", "same-time"),
    # a year before a noun the tagger left out of every entity ("the 1971 border war"): the war's year, and a
    # time adjunct of the verb
    ("Chilean troops seized the pass during the 1971 border war.", "seized", date(1971, 1, 1), "year", "expression"),
    # "of the following year": the day in the year after the one the sentence named
    ("In May 2003 Chilean troops entered Tacna, and on 4 June of the following year they shelled the town.",
     "shelled", date(2004, 6, 4), "day", "expression"),
    # a count written right after the date ("On 2 May 4,000 farmers"): the date without it
    ("On 2 May 4,000 farmers demonstrated in Lima against the new tax.", "demonstrated", date(2023, 5, 2), "day",
     "expression"),
    # a place name the tagger ran into the date entity ("Tarma last August")
    ("A Peruvian mayor was shot dead while addressing a rally in the village of Tarma last August.", "shot",
     date(2023, 8, 1), "month", "same-time"),
    # "following" read by the parser as a participle still relates the act to the dated one
    ("Hundreds of people were detained following the 2009 riots in the capital.", "detained", date(2009, 1, 1),
     "year", "relative:after"),
    # a span fronted before its relation, which the parser hangs on the span ("[A year [after 3 May]]")
    ("A year after 3 May 2010, Chilean police arrested the planner of the raid.", "arrested", date(2011, 5, 3),
     "day", "relative:after"),
    # "between 3 and 9 May": the span
    ("Police arrested 40 protesters in Lima between 3 and 9 May.", "arrested", date(2023, 5, 3), "week",
     "expression:between"),
    # a bracketed date that opens a sentence heads what follows it
    ("[3 March] as police raided the market in Lima.", "raided", date(2023, 3, 3), "day", ""),
    # a participle after a verb dated by a fronted phrase
    ("In May 2014, two trucks carrying explosives blew up near the border, killing 40 Afghan soldiers.", "killing",
     date(2014, 5, 1), "month", "participle"),
])
def test_round6_structures_are_dated(pipeline, text: str, trigger: str, value: date, precision: str,
                                     rule: str) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, text)[trigger]
    assert found.value == value and found.precision == precision and found.historical, found
    assert rule in found.rule, found.rule


def test_an_old_acts_aim_is_history_but_a_recent_one_is_not(pipeline) -> None:  # type: ignore[no-untyped-def]
    """A wish or aim told of an old dated act is part of that old story (dated when it was voiced, as a reader
    dates it, and flagged); the same aim of this week's act is today's (what it aims at lies ahead)."""
    old = dates(pipeline, "In November 2014, an informer wrote to the Peruvian police, saying he wanted to sell "
                          "names to detectives.")["sell"]
    # round 8: the wish is reported by "saying", so the statement's date gives it first (the same date)
    assert old.historical and old.value == date(2014, 11, 1) and old.rule.startswith(("aim-of", "statement")), old
    new = dates(pipeline, "On Monday, an informer wrote to the Peruvian police, saying he wanted to sell names "
                          "to detectives.")["sell"]
    assert not new.historical, new


def test_a_sequence_gerund_under_a_dated_day_takes_its_month(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Omar was captured on 27 July 2012, after being wounded in a battle with Afghan "
                            "troops.")["wounded"]
    assert found.value == date(2012, 7, 1) and found.precision == "month", found


def test_a_perfect_shares_its_since_clause_with_a_conjoined_participle(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dates(pipeline, "Hundreds of Peruvian miners have been jailed or wounded since the army's sweep "
                            "started in August.")["jailed"]
    assert found.value == date(2023, 8, 1) and "since-clause" in found.rule, found


def test_a_mistagged_simple_past_takes_its_bare_month(pipeline) -> None:  # type: ignore[no-untyped-def]
    """A relative clause's older year does not date the main verb; the main verb's bare month does."""
    found = dates(pipeline, "The militia, which first appeared in 2009, captured Tarma in February.")["captured"]
    assert found.value == date(2023, 2, 1) and found.historical, found


def test_a_sentence_without_a_main_verb_is_framed_by_its_dates(nlp) -> None:  # type: ignore[no-untyped-def]
    """``enclosing`` ends at a nominal root (a fragment, or a sentence the parser lost its verb in)."""
    from dyadwatch.dating.structure import enclosing

    doc = nlp("Fresh clashes in May 2014 near the Afghan border, killing 40 soldiers.")
    killing = next(t for t in doc if t.lower_ == "killing")
    assert doc[killing.head.i].pos_ in ("NOUN", "PROPN") and killing.head.head.i == killing.head.i
    assert [t.lower_ for t, _ in enclosing(killing)] == ["clashes"]


def test_tense_reads_a_participle_with_a_subject_as_past(nlp) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.dating.structure import tense

    doc = nlp("Two guards were shot and four porters wounded at the gate.")
    wounded = next(t for t in doc if t.lower_ == "wounded")
    assert tense(wounded) == "past"


def test_bracket_gloss(nlp) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.dating.mentions import bracket_gloss

    doc = nlp("[3 March] as police raided the market in Lima.")
    gloss = bracket_gloss(doc[:], PUB)
    assert gloss is not None and gloss.parsed is not None and gloss.parsed.value == date(2023, 3, 3)
    assert bracket_gloss(nlp("[Reuters] Police raided the market.")[:], PUB) is None
    assert bracket_gloss(nlp("Police raided the market.")[:], PUB) is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("[]() 0123456789MarchJunof,.abtheyslw")), max_size=40))
def test_bracket_gloss_never_fails_on_odd_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.dating.mentions import bracket_gloss

    doc = nlp(text)
    for sent in doc.sents:
        gloss = bracket_gloss(sent, PUB)
        assert gloss is None or (sent.start < gloss.start < gloss.end < sent.end)


# --- the check's sentence-wide reading ---------------------------------------------------------------------------


def _sentence_counts(pipeline, text: str):  # type: ignore[no-untyped-def]
    from dyadwatch.evaluation.corpus_dates import DateCheck, check_article
    from dyadwatch.records import Article

    result = DateCheck()
    check_article(pipeline.analyse(Article.create(text, id="t", published=PUB)), result, 30)
    return result


@pytest.mark.parametrize("text", [
    # a relative clause on a participant tells that participant's story
    "The general, who took office in 1988, was arrested at his farm.",
    # a participle on a noun tells the noun's act
    "Farmers marched against a decree signed in 1994.",
    # a reported complement's date is not the saying's
    "The mayor claimed that a clerk was beaten in 2008.",
    # the point a comparison counts from ("since")
    "Chilean jets bombed the depot, the heaviest raid since the truce collapsed in March.",
    # a perfect participle tells an earlier act
    "Peruvian troops shelled the town, having trained in the mountains in early February.",
    # a count of hours from another act is a second time
    "Police detained the organiser hours after the union called a stoppage on 5 July.",
    # so is a span counted from a named date
    "Exactly a year after 3 May 2010, Chilean police arrested the planner of the raid.",
    # and a decade beside a month
    "Rebels who fought the army in the 1990s attacked a Peruvian garrison in March.",
])
def test_the_sentence_reading_leaves_out_what_a_reader_does(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    result = _sentence_counts(pipeline, text)
    assert result.events >= 1
    assert result.sentence_year_events == result.sentence_month_events == result.sentence_old_events == 0, result


@pytest.mark.parametrize("text", [
    # a clause saying when the subject event happened still dates what it did
    "The Chilean raid, which took place in March 2016, killed Peruvian soldiers.",
    # the occasion of the act through a bare participle
    "In a communique released in April 2016, Peru condemned Chile.",
    # a participle that only says what state the object is in
    "Peruvian police arrested two men tied to the smuggling ring in March 2016.",
])
def test_the_sentence_reading_keeps_what_a_reader_takes(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    result = _sentence_counts(pipeline, text)
    assert result.sentence_year_events >= 1 and result.sentence_year_dated == result.sentence_year_events, result
    assert result.sentence_old_events >= 1 and result.sentence_old_unhistorical == 0, result
