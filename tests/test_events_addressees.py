"""Whom a statement is addressed to, whose charge a denial rejects, what a text is about, and armed people acted
upon (issue 20, targets round 10).

Sentences written for these tests, one construction each, with made-up wording; none is taken from an evaluation
set or the audited news.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies.news import news_texts

from dyadwatch.events.addressees import (
    load_address_nouns,
    load_armed_people,
    load_claim_nouns,
    load_telling_verbs,
    load_text_nouns,
)
from dyadwatch.events.lexicon import _rows
from dyadwatch.records import Article
from dyadwatch.tables import data_path

ADDRESSEE = "|target:addressee"
ACCUSER = "|target:accuser"
ARMED = "|target:armed-people"
TEXT = "|target:text"
SPEAKERS = {"The Ghanaian defence minister": "GHA", "The Peruvian foreign minister": "PER",
            "The Kenyan president": "KEN"}
AUDIENCES = {"Nigerian army commanders": "NGA", "Chilean lawmakers": "CHL", "Ugandan officials": "UGA"}


@pytest.fixture(scope="module")
def code(target_rows):  # type: ignore[no-untyped-def]
    return target_rows  # (CAMEO, source country, target span text, target code, rule): tests/conftest.py


def countries(rows) -> set[str]:  # type: ignore[no-untyped-def]
    return {(r[3] or "")[:3] for r in rows}


# ------------------------------------------------------------------------------------------ addressees
@pytest.mark.parametrize(("text", "root", "country"), [
    ("In a letter to the Egyptian president, the Israeli prime minister appealed for calm.", "02", "EGY"),
    ("In a speech to Nigerian lawmakers, the Ghanaian president called for unity.", "02", "NGA"),
    ("During talks with Chinese officials, the Kenyan trade minister pressed for lower tariffs.", "10", "CHN"),
    ("Speaking to Nigerian army commanders in Abuja, the Ghanaian defence minister stressed the need for "
     "more patrols.", "02", "NGA"),
    ("Addressing Ugandan lawmakers, the Kenyan president warned of new sanctions.", "13", "UGA"),
    ("The Kenyan foreign minister wrote to the Ugandan government, demanding the release of the fishermen.",
     "10", "UGA"),
    ('"We demand that the border be reopened," the Kenyan trade minister told Ugandan officials on Monday.',
     "10", "UGA"),
])
def test_the_party_spoken_to_is_the_recipient(code, text, root, country) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith(root)]
    assert rows and countries(rows) == {country} and all(ADDRESSEE in r[4] for r in rows)


def test_every_organisation_spoken_to_is_a_recipient(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Speaking to NATO and European Union commanders, the Danish defence minister stressed the need "
                "for more drones.")
    assert {(r[3] or "")[:9] for r in rows if ADDRESSEE in r[4]} == {"IGOWSTNAT", "IGOEUREEC"}


def test_the_recipient_the_act_names_itself_outranks_the_audience(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("In a speech to parliament, the Kenyan president urged Uganda to withdraw its troops.")
            if r[0].startswith("02")]
    assert rows and all(r[3] == "UGA" and ADDRESSEE not in r[4] for r in rows)


@pytest.mark.parametrize("text", [
    "Speaking to the BBC, the Kenyan president vowed to fight corruption.",  # the press is no addressee
    "Speaking to supporters in Nairobi, the opposition leader demanded new elections.",  # only placed by a place
    "In an interview with Reuters, the Ghanaian president called for calm.",  # an interview is no message
    "In a speech to Nigerian lawmakers, the Ghanaian president condemned the coup.",  # criticism aims at the act
])
def test_no_addressee_from_the_press_a_place_or_for_criticism(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert rows and all(ADDRESSEE not in r[4] for r in rows)


def test_an_intent_stated_to_a_party_is_addressed_to_it(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("The Kenyan president told Ugandan officials that Kenya would reopen the border.")
            if r[0].startswith("03")]
    assert rows and all(r[3] == "UGAGOV" and ADDRESSEE in r[4] for r in rows)


@pytest.mark.parametrize("text", [
    "The Kenyan president told Ugandan officials that Tanzania would reopen the border.",  # another's intent
    "The Kenyan president told Ugandan officials that Kenya would not reopen the border.",  # a refusal
])
def test_no_addressee_for_another_partys_intent_or_a_refusal(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert rows and all(ADDRESSEE not in r[4] for r in rows)


def test_a_told_content_of_another_party_is_not_addressed(code) -> None:  # type: ignore[no-untyped-def]
    rows = code('"Tanzania demands that the border be reopened," the Kenyan president told Ugandan officials.')
    assert all(ADDRESSEE not in r[4] for r in rows if r[1] == "TZA")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(speaker=st.sampled_from(sorted(SPEAKERS)), audience=st.sampled_from(sorted(AUDIENCES)),
       frame=st.sampled_from(["In a letter to {a}, {s} appealed for", "Speaking to {a}, {s} called for",
                              "In a speech to {a}, {s} called for"]),
       topic=st.sampled_from(["calm", "restraint", "more patrols", "unity"]))
def test_generated_addressed_appeals_name_the_audience(code, speaker, audience, frame, topic) -> None:  # type: ignore[no-untyped-def]
    text = frame.format(a=audience, s=speaker[0].lower() + speaker[1:]) + f" {topic}."
    rows = [r for r in code(text) if r[0].startswith("02")]
    assert rows and all(r[1] == SPEAKERS[speaker] for r in rows)
    assert countries(rows) == {AUDIENCES[audience]}


# ------------------------------------------------------------------------------------------ accusers
@pytest.mark.parametrize(("text", "code_", "span"), [
    ("The Chilean election commission denied charges by the opposition of fraud.", "CHLOPP", "the opposition"),
    ("The Kenyan army denied the claims by rights groups that it had killed civilians.", "HRI", "rights groups"),
    ("The opposition alleged that the army rigged the vote, charges the Chilean election commission denied.",
     "CHLOPP", "The opposition"),
    ("Peruvian senators repeated the claim, which the Chilean government rejected on Monday.", "PERLEG",
     "Peruvian senators"),
])
def test_a_denial_is_aimed_at_who_made_the_charge(code, text, code_, span) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith(("01", "12"))]
    assert rows and all((r[3] or "").endswith(code_) and r[2] == span and ACCUSER in r[4] for r in rows)


def test_a_denial_with_no_accuser_keeps_its_thing(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Police denied the charges of torture in a statement on Monday.")
            if r[0].startswith("01")]
    assert rows and all(ACCUSER not in r[4] for r in rows)


# ------------------------------------------------------------------------------------------ texts
@pytest.mark.parametrize(("text", "country"), [
    ("The Kenyan parliament passed a resolution that decries Ugandan lawmakers.", "UGA"),
    ("The Kenyan parliament adopted a motion that calls on the Ugandan government to pay compensation.", "UGA"),
    ("Chile welcomed the accord reached with Peru.", "PER"),
    ("Chile welcomed the accord it reached with Peru.", "PER"),
])
def test_a_text_acted_upon_gives_the_party_it_is_about(code, text, country) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if TEXT in r[4]]
    assert rows and all(r[3][:3] == country for r in rows)


def test_a_resolution_whose_participle_is_coded_leaves_one_act(code) -> None:  # type: ignore[no-untyped-def]
    """With its content a bare participle of an act ("decrying X"), the resolution's passing gives way to that act
    (the non-event screen's ``content-coded``), which keeps the party as target."""
    rows = code("The Kenyan parliament passed a resolution decrying Ugandan lawmakers.")
    assert [(r[0], r[3][:3]) for r in rows] == [("111", "UGA")]


@pytest.mark.parametrize(("text", "country"), [
    ("Chilean senators criticised the treaty Peru signed last year.", "PER"),
    ("Opposition parties rejected the budget the Kenyan finance minister proposed.", "KEN"),
    ("Kenya rejected the budget that Ugandan lawmakers passed.", "UGA"),
])
def test_whoever_made_a_text_in_a_relative_clause_owns_it(code, text, country) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith(("11", "12"))]
    assert rows and all((r[3] or "")[:3] == country and "|target:thing-owner" in r[4] for r in rows)


def test_a_relative_clause_with_its_own_object_names_no_owner(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan opposition parties rejected the plan that gives the Ugandan army more power.")
    assert rows and all("|target:thing-owner" not in r[4] for r in rows)


@pytest.mark.parametrize("text", [
    "The Kenyan parliament passed a resolution expressing concern over the drought.",
    "Ugandan rebels violated a deal to protect Kenyan farmers.",  # what the deal is for, not whom it is with
])
def test_a_text_about_no_party_stays_a_thing(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert rows and all(TEXT not in r[4] for r in rows)


# ------------------------------------------------------------------------------------------ armed people
@pytest.mark.parametrize(("text", "span", "code_"), [
    ("Security forces killed the attackers.", "the attackers", "---UAF"),
    ("Troops killed five attackers who had stormed a hotel.", "five attackers", "---UAF"),
    ("Police arrested the assailants on Sunday.", "the assailants", "---UAF"),
    ("Police killed two attackers and arrested three raiders.", "three raiders", "---REB"),
])
def test_armed_people_acted_upon_are_coded_without_a_state(code, text, span, code_) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[2] == span]
    assert rows and all(r[3] == code_ and ARMED in r[4] for r in rows)


def test_armed_people_are_no_target_of_a_statement(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The governor praised the attackers.")
    assert all(ARMED not in r[4] for r in rows)


# ------------------------------------------------------------------------------------------ tables
@pytest.mark.parametrize(("name", "width", "loader"), [
    ("address_nouns.tsv", 3, load_address_nouns), ("telling_verbs.tsv", 3, load_telling_verbs),
    ("claim_nouns.tsv", 2, load_claim_nouns), ("armed_people.tsv", 3, load_armed_people),
    ("text_nouns.tsv", 2, load_text_nouns),
])
def test_the_tables_list_lower_case_words_with_reasons(name, width, loader) -> None:  # type: ignore[no-untyped-def]
    rows = list(_rows(data_path("linking", name), width))
    assert rows and all(r[0] == r[0].lower() and len(r[-1]) > 8 for _line, r in rows)
    assert {r[0] for _line, r in rows} == set(loader())


def test_table_cells_are_from_their_closed_sets() -> None:
    assert set(load_telling_verbs().values()) <= {"object", "to", "both"}
    assert set(load_armed_people().values()) <= {"UAF", "REB", "CRM"}
    assert all(set(p) <= {"to", "before", "with", "for"} for p in load_address_nouns().values())


# ------------------------------------------------------------------------------------------ own state's organs
def test_an_appeal_to_another_organ_of_the_same_state_is_aimed_at_it(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Three US senators called on Secretary of State Jane Moreno to prevent further "
                            "violence in Bosnia.") if r[0].startswith("02")]
    assert rows and all(r[3] == "USAGOV" for r in rows)


def test_an_own_organ_moved_by_the_source_is_still_passed_over(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Kenya withdrew its troops from Somalia.") if r[3]]
    assert rows and all(r[3] == "SOM" for r in rows)


def test_a_title_and_a_name_are_one_actor(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Three US senators called on Secretary of State Jane Moreno to act.",
                             stages=("normalise", "parse", "actors", "events"))
    calls = [c for c in analysis.candidates if c.type.cameo.startswith("02")]
    assert len(calls) == 1 and calls[0].target is not None and calls[0].target.code == "USAGOV"


# ------------------------------------------------------------------------------------------ any news
RULE_SUFFIXES = (ADDRESSEE, ACCUSER, ARMED, TEXT)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=news_texts(max_sentences=4), frame=st.sampled_from([
    "", "In a letter to Ugandan officials, the Kenyan minister called for calm. ",
    "Speaking to Chilean lawmakers, the Peruvian president urged restraint. ",
    "Police killed the attackers. ",
]))
def test_generated_news_gets_targets_inside_the_text(pipeline, text, frame) -> None:  # type: ignore[no-untyped-def]
    full = frame + text
    analysis = pipeline.analyse(Article.create(full))
    if frame:  # the constructed first sentence always gives its rule, whatever news follows it
        assert any(suffix in e.rule for e in analysis.events for suffix in RULE_SUFFIXES)
    for event in analysis.events:
        if any(suffix in event.rule for suffix in RULE_SUFFIXES):
            target = event.target
            assert target is not None and target.kind == "actor"
            assert full[target.span.start:target.span.end] == target.span.text
            assert event.source is not None and target.span != event.source.span
