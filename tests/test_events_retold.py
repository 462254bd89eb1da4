"""The maker of a claim, offer, gift or measure that only an earlier sentence names (targets round 12).

A definite "the claim", "the proposal", "the vaccines", "the tariffs" acted upon with no maker of its own and no
coded event to refer back to is its maker's (the one who said, proposed or gave it) or, for a measure eased or
extended, the party it falls on, found at most two sentences back (one for gifts and measures); two makers, a
maker nobody can code, a paragraph break or the acting source's own side give nothing.

Sentences written for these tests, one construction each, with made-up wording; none is taken from an evaluation
set or the audited news.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies.news import news_texts

from dyadwatch.events.lexicon import _rows
from dyadwatch.events.retold import RULE_OF, load_making_verbs, load_retold_nouns
from dyadwatch.events.scorer import NOTED_RULES
from dyadwatch.records import Article
from dyadwatch.tables import data_path


@pytest.fixture(scope="module")
def code(target_rows):  # type: ignore[no-untyped-def]
    return target_rows  # (CAMEO, source country, target span text, target code, rule): tests/conftest.py


def acts(rows, root: str):  # type: ignore[no-untyped-def]
    return [r for r in rows if r[0].startswith(root)]


def countries(rows) -> set[str]:  # type: ignore[no-untyped-def]
    return {(r[3] or "")[:3] for r in rows}


# ------------------------------------------------------------------------------------------ claims and offers
@pytest.mark.parametrize(("text", "root", "country"), [
    ("Uruguay's foreign minister said on Monday that Chilean troops had crossed the border. Chile rejected the "
     "claim.", "12", "URY"),
    ('"We hold proof that the militia is paid from abroad," the Kenyan interior minister said on Monday. Somalia '
     "rejected the allegation.", "12", "KEN"),
    ("Russia said NATO was preparing an attack. Norway rejected the remarks.", "12", "RUS"),
    ("Peru proposed a joint patrol of the river. Ecuador accepted the proposal on Tuesday.", "08", "PER"),
    ("The Malian junta proposed a two-year transition. West African leaders discussed the proposal at a summit in "
     "Abuja.", "04", "MLI"),
])
def test_a_definite_claim_or_offer_is_its_earlier_makers(code, text, root, country) -> None:  # type: ignore[no-untyped-def]
    rows = acts(code(text), root)
    assert rows and countries(rows) == {country}
    assert all("maker-previous-sentence" in r[4] for r in rows)


def test_the_maker_may_stand_two_sentences_back(code) -> None:  # type: ignore[no-untyped-def]
    text = ("Uruguay's foreign minister said Chilean troops had crossed the border. The troops left within hours. "
            "Chile rejected the claim.")
    assert countries(acts(code(text), "12")) == {"URY"}


def test_three_sentences_back_is_too_far(code) -> None:  # type: ignore[no-untyped-def]
    text = ("Uruguay's foreign minister said Chilean troops had crossed the border. The troops left within hours. "
            "The river rose overnight. Chile rejected the claim.")
    rows = acts(code(text), "12")
    assert rows and all(r[3] is None for r in rows)


@pytest.mark.parametrize("text", [
    # two makers compete: no guess
    "Uruguay said Chilean troops had crossed the border. Argentina said Chilean planes had entered its airspace. "
    "Chile rejected the claim.",
    # a maker the tables cannot code competes with the one they can
    "The Kenyan interior minister said the militia was paid from abroad. Analysts said the region was tense. "
    "Somalia rejected the allegation.",
    # the acting source's own organ said it: no rejection of its own claim
    "Chile's foreign ministry said Peruvian boats had entered its waters. Chile rejected the claim.",
    # a paragraph break ends the walk
    "Uruguay's foreign minister said Chilean troops had crossed the border.\n\nChile rejected the claim.",
])
def test_no_guess(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = acts(code(text), "12")
    assert rows and not any("previous-sentence" in r[4] for r in rows)
    assert not ({"URY", "KEN", "ARG"} & countries(rows))


def test_a_claim_of_its_own_maker_keeps_it(code) -> None:  # type: ignore[no-untyped-def]
    text = "Uruguay said Chilean troops had crossed the border. Chile rejected the claim by Argentina."
    rows = acts(code(text), "12")
    assert countries(rows) == {"ARG"} and not any("previous-sentence" in r[4] for r in rows)


def test_a_coded_earlier_event_still_wins(code) -> None:  # type: ignore[no-untyped-def]
    rows = acts(code("Bolivia accused Paraguay of sheltering smugglers. Paraguay rejected the allegation."), "12")
    assert countries(rows) == {"BOL"} and all("previous-sentence" not in r[4] for r in rows)


def test_a_makers_verb_inside_a_quotation_is_not_read(code) -> None:  # type: ignore[no-untyped-def]
    text = ('"Uruguay claims our troops crossed the border," the Chilean minister wrote on Monday. Bolivia '
            "rejected the claim.")
    rows = acts(code(text), "12")
    assert rows and "URY" not in countries(rows)


# ------------------------------------------------------------------------------------------------------ gifts
@pytest.mark.parametrize(("text", "country"), [
    ("Japan donated two million vaccine doses to Vietnam last week. Hanoi welcomed the vaccines on Friday.", "JPN"),
    ("A batch of vaccines donated by China arrived in Manila on Monday. The president welcomed the vaccines.", "CHN"),
])
def test_welcomed_gifts_are_aimed_at_the_giver(code, text, country) -> None:  # type: ignore[no-untyped-def]
    rows = acts(code(text), "05")
    assert rows and countries(rows) == {country} and all("giver-previous-sentence" in r[4] for r in rows)


def test_a_received_gift_names_its_giver_once(code) -> None:  # type: ignore[no-untyped-def]
    # the giving was not coded (a participle): the receipt is the gift, the giver its source
    text = ("A consignment of medical aid donated by Germany reached the port on Saturday. Moldovan officials "
            "received the supplies on Sunday.")
    rows = acts(code(text), "07")
    assert len(rows) == 1 and rows[0][1] == "DEU" and countries(rows) == {"MDA"}
    # the giving was coded: the receipt adds no second gift
    text = "Germany sent medical aid to Moldova on Saturday. Moldovan officials received the supplies on Sunday."
    assert len(acts(code(text), "07")) == 1


def test_a_gift_two_sentences_back_is_too_far(code) -> None:  # type: ignore[no-untyped-def]
    text = ("Japan donated two million vaccine doses to Vietnam. The doses will go to hospitals. Hanoi welcomed "
            "the vaccines on Friday.")
    assert not any("giver-previous-sentence" in r[4] for r in code(text))


# --------------------------------------------------------------------------------------------------- measures
@pytest.mark.parametrize(("text", "root", "country"), [
    ("The United States imposed sanctions on Venezuela in 2019. Washington eased the sanctions on Friday.",
     "08", "VEN"),
    ("Canada imposed tariffs on Chinese electric cars in August. Ottawa will extend the tariffs next year.",
     "13", "CHN"),
    ("Beijing imposed curbs on Australian barley in 2020. Beijing lifted the curbs this week.", "08", "AUS"),
])
def test_an_eased_or_extended_measure_falls_on_its_earlier_party(code, text, root, country) -> None:  # type: ignore[no-untyped-def]
    rows = acts(code(text), root)
    assert rows and countries(rows) == {country} and all("measured-previous-sentence" in r[4] for r in rows)


def test_a_criticised_measure_answers_its_imposer(code) -> None:  # type: ignore[no-untyped-def]
    rows = acts(code("Canada imposed tariffs on Chinese electric cars in August. Beijing condemned the tariffs."),
                "11")
    assert rows and countries(rows) == {"CAN"}


def test_two_parties_of_the_measure_give_nothing(code) -> None:  # type: ignore[no-untyped-def]
    text = ("The United States imposed sanctions on Venezuela and sanctions on Cuba in 2019. Washington eased the "
            "sanctions on Friday.")
    rows = acts(code(text), "08")
    assert not any("measured-previous-sentence" in r[4] for r in rows)


# ------------------------------------------------------------------------------------------------------ tables
def test_tables_are_well_formed() -> None:
    nouns, verbs = load_retold_nouns(), load_making_verbs()
    assert {row.kind for row in nouns.values()} == set(RULE_OF)
    assert {k for kinds in verbs.values() for k in kinds} <= set(RULE_OF)
    for name, width in (("retold_nouns.tsv", 4), ("making_verbs.tsv", 3)):
        assert list(_rows(data_path("linking", name), width))


def test_the_scorer_notes_the_new_rules() -> None:
    assert set(RULE_OF.values()) <= NOTED_RULES


# ------------------------------------------------------------------------------------------ generated news
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=news_texts(max_sentences=3), frame=st.sampled_from([
    "", "Peru said the talks had failed. ", "Japan donated vaccines to Laos. ",
    "Canada imposed tariffs on Chinese steel. ",
]), tail=st.sampled_from(["", " Chile rejected the claim.", " Laos welcomed the vaccines.",
                          " Ottawa eased the tariffs."]))
def test_generated_news_targets_stay_inside_the_text(pipeline, frame, text, tail) -> None:  # type: ignore[no-untyped-def]
    full = frame + text + tail
    analysis = pipeline.analyse(Article.create(full))
    for event in analysis.events:
        if event.target is not None:
            span = event.target.span
            assert 0 <= span.start <= span.end <= len(full) and full[span.start:span.end] == span.text
