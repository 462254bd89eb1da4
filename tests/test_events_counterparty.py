"""The counterparty, not the thing, the topic or the place (targets round 11).

A rejected claim or resolution named only by a definite noun is its maker's; a refused hearing is the court's; the
one an appeal is made to is its object, resolved or not; a consultation's topic and the foe of a war called for are
no recipients; people an act of force befalls are its target, not the town they were taken from.

Sentences written for these tests, one construction each, with made-up wording; none is taken from an evaluation
set or the audited news.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies.news import news_texts

from dyadwatch.events.lexicon import _rows
from dyadwatch.events.recipients import load_victim_nouns
from dyadwatch.events.scorer import RULES
from dyadwatch.records import Article
from dyadwatch.tables import data_path


@pytest.fixture(scope="module")
def code(target_rows):  # type: ignore[no-untyped-def]
    return target_rows  # (CAMEO, source country, target span text, target code, rule): tests/conftest.py


def countries(rows) -> set[str]:  # type: ignore[no-untyped-def]
    return {(r[3] or "")[:3] for r in rows}


# ------------------------------------------------------------------------------------------ makers of claims
@pytest.mark.parametrize(("text", "country"), [
    ("Bolivia accused Paraguay of sheltering smugglers. Paraguay rejected the allegation on Friday.", "BOL"),
    ("Ecuador accused Colombia of shelling a border post. Colombia rejected the accusation.", "ECU"),
    ("Senegal's parliament passed a motion urging Gambia to free the fishermen. Gambia rejected the resolution "
     "a day later.", "SEN"),
])
def test_a_definite_claim_refers_to_its_maker(code, text, country) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith("12") and r[1] != country]
    assert rows and countries(rows) == {country} and all("thing" not in r[4] for r in rows)


def test_a_claim_with_no_earlier_maker_stays_a_thing(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Paraguay rejected the allegation on Friday.") if r[0].startswith("12")]
    assert rows and all(r[3] is None for r in rows)


@pytest.mark.parametrize("text", [
    "Ghana refused to attend a hearing by the International Court of Justice over its dispute with Togo.",
    "Ghana has declined to attend the International Court of Justice's hearing on the maritime border.",
])
def test_a_refused_hearing_is_aimed_at_the_court(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith("12")]
    assert rows and all(r[3] and r[3].startswith("IGO") for r in rows)


# ------------------------------------------------------------------------------------------ the one asked
def test_the_body_urged_is_the_recipient_not_those_it_is_to_press(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("The Norwegian envoy asked the commission to lean on the armed factions to open the roads.")
            if r[0].startswith("02")]
    assert rows and all(r[2] == "the commission" for r in rows)


@pytest.mark.parametrize("text", [
    "The Norwegian envoy urged restraint to avoid a wider war.",
    "The Norwegian envoy urged calm to keep the talks alive.",
])
def test_what_is_urged_is_no_addressee(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith("02")]
    assert all("|target:addressed" not in r[4] for r in rows)


def test_a_named_addressee_is_kept(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("The Norwegian envoy urged Ethiopian officials to press the rebels to disarm.")
            if r[0].startswith("02")]
    assert rows and countries(rows) == {"ETH"}


# ------------------------------------------------------------------------------------------ topics and foes
@pytest.mark.parametrize("text", [
    "The Security Council held a meeting on Yemen on Thursday.",
    "The Security Council will hold a session about Yemen next week.",
    "Speaking at a Security Council meeting on Yemen, the Omani envoy said the talks were failing.",
])
def test_a_meetings_topic_is_no_partner(code, text) -> None:  # type: ignore[no-untyped-def]
    assert all(r[3] != "YEM" for r in code(text))


def test_partners_meeting_on_a_topic_keep_each_other(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Kenya and Tanzania held talks on Somalia in Arusha.") if r[0].startswith("04")]
    assert rows and countries(rows) == {"KEN", "TZA"}


def test_the_foe_of_a_war_called_for_is_no_recipient(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("The Malian president called for an all-out offensive against the insurgents.")
            if r[0].startswith("02")]
    assert rows and all(r[2] is None or "insurgents" not in r[2] for r in rows)


@pytest.mark.parametrize(("text", "country"), [
    ("The Malian president called on Niger to wage war on the insurgents.", "NER"),
    ("The Malian president called for sanctions against Niger.", "NER"),
])
def test_the_one_called_on_and_sanctions_keep_their_target(code, text, country) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[1] == "MLI"]
    assert rows and countries(rows) == {country}


# ------------------------------------------------------------------------------------------ victims
@pytest.mark.parametrize(("text", "span"), [
    ("Gunmen abducted 35 pupils from Malumfashi in Katsina State.", "35 pupils"),
    ("Bandits seized 14 passengers from Birnin Gwari on Sunday.", "14 passengers"),
])
def test_the_people_taken_not_the_town(code, text, span) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith(("17", "18"))]
    assert rows and all(r[2] == span and r[3].endswith("CVL") for r in rows)


def test_victim_table_rows_have_reasons() -> None:
    rows = [row for _line, row in _rows(data_path("linking", "victim_nouns.tsv"), 2)]
    assert rows and all(word == word.lower() and len(reason) > 10 for word, reason in rows)
    assert {"pupils", "passengers"} <= load_victim_nouns() and "children" in load_victim_nouns()


def test_the_scorer_knows_the_new_rules() -> None:
    assert {"addressed", "victims"} <= set(RULES)


# ------------------------------------------------------------------------------------------ generated news
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=news_texts(max_sentences=3), frame=st.sampled_from([
    "", "The Security Council held a meeting on Yemen. ", "Gunmen abducted 35 pupils from a school. ",
    "The envoy implored the assembly to lean on the factions. ",
]))
def test_generated_news_targets_stay_inside_the_text(pipeline, text, frame) -> None:  # type: ignore[no-untyped-def]
    full = frame + text
    analysis = pipeline.analyse(Article.create(full))
    for event in analysis.events:
        target = event.target
        if target is not None:
            assert 0 <= target.span.start <= target.span.end <= len(full)
            assert full[target.span.start:target.span.end] == target.span.text


def test_each_verb_of_force_keeps_its_own_victims(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("A bomber blew himself up at a bus stop in Kano, killing four women and wounding 51 others.")
    wounded = [r for r in rows if r[0] == "182"]
    assert wounded and all(r[2] == "51 others" for r in wounded)


def test_members_of_a_named_group_are_not_civilians(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Four FRX men were killed near the border on Sunday.") if r[0].startswith("18")]
    assert all(r[3] is None or not r[3].endswith("CVL") for r in rows)


# ------------------------------------------------------------------------------------------ reasons
@pytest.mark.parametrize(("text", "country"), [
    ("Chile raised duties on copper wire because Peru had subsidised its smelters.", "PER"),
    ("The minister said Chile was doubling the levies because \"Peru has been dumping wire on us.\"", "PER"),
])
def test_a_sanction_answers_the_party_of_its_reason_clause(code, text, country) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith("16")]
    assert rows and countries(rows) == {country}


def test_a_reason_with_no_party_or_a_time_gives_no_target(code) -> None:  # type: ignore[no-untyped-def]
    for text in ("Chile raised duties on copper wire because local smelters were struggling.",
                 "Chile has raised duties on copper wire since March."):
        assert all(r[3] is None or r[3][:3] != "CHL" for r in code(text) if r[0].startswith("16"))


def test_counted_others_are_more_of_the_people_named_before(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Gunmen killed a Ghanaian soldier and wounded two others at a checkpoint.")
            if r[0] == "182"]
    assert rows and all(r[2] == "two others" and r[3] == "GHAMIL" for r in rows)
