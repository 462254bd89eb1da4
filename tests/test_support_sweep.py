"""Support verbs whose object is a group or vehicle head, the nouns added from the sweep, and the sweep tool itself
(tools/support_sweep.py). Sentences written for these tests; none is taken from an evaluation text or VOA.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tool_loader import load_tool

from dyadwatch.events.frames import VEHICLE_ROOTS, load_noun_heads


@pytest.fixture(scope="module")
def sweep():  # type: ignore[no-untyped-def]
    return load_tool("support_sweep")


def typed(rows, plover: str) -> list[tuple[str | None, str | None, str]]:  # type: ignore[no-untyped-def]
    return [(src, tgt, rule) for p, _, src, tgt, rule in rows if p == plover]


# ------------------------------------------------------------------------------------------------ table
def test_noun_heads_table_is_well_formed() -> None:
    heads = load_noun_heads()
    assert heads["series"] == "group" and heads["statement"] == "vehicle"
    assert set(heads.values()) == {"group", "vehicle"}
    assert all(len(root) == 2 for root in VEHICLE_ROOTS)


# ------------------------------------------------------------------------------------------ group heads
def test_support_verb_carries_the_counted_event(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Pyongyang issued a string of threats against Seoul.")
    got = typed(rows, "THREATEN")
    assert got and got[0][:2] == ("PRK", "KOR") and "|support-verb:issue@" in got[0][2]


def test_light_verb_carries_the_counted_event(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Tunisian police carried out a spate of arrests in Sfax.")
    assert typed(rows, "COERCE") and all(r[1].startswith("173") for r in rows if r[0] == "COERCE")


def test_vehicle_head_carries_an_act_of_speech(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Austria issued a declaration of condemnation against Slovenia.")
    assert any(p == "ACCUSE" and src == "AUT" and tgt == "SVN" for p, _, src, tgt, _ in rows)


def test_vehicle_head_never_carries_a_demonstration(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Peru issued a letter of protest to Bolivia.")
    assert not [r for r in rows if r[1].startswith("14") and "|support-verb:" in r[4]]


def test_a_head_without_an_event_noun_codes_nothing(code) -> None:  # type: ignore[no-untyped-def]
    assert code("The ministry issued a series of stamps.") == []


# ------------------------------------------------------------------------------------------ nouns added
def test_counter_attack_and_amnesty_are_events(code) -> None:  # type: ignore[no-untyped-def]
    assert [r for r in code("Armenian forces launched a counterattack on Azerbaijani positions.")
            if r[0] == "ASSAULT" and r[1] == "190"]
    # "concession" is left out: news names concessions wished for more often than made
    assert not [r for r in code("The envoy hopes to win concessions from Abkhazia.") if r[1] == "080"]
    assert [r for r in code("The Malian president declared an amnesty for the rebels.")
            if r[0] == "CONCEDE" and r[1] == "056"]


# ------------------------------------------------------------------------------------------ the sweep tool
def test_sweep_finds_the_clause_and_its_event_noun(sweep, make_analysis) -> None:  # type: ignore[no-untyped-def]
    verbs = sweep.sweep_verbs()
    assert {"issue", "hold", "launch", "provide"} <= verbs
    coded = list(sweep.clauses(make_analysis("Pyongyang issued a string of threats against Seoul."), verbs))
    assert [(c.verb, c.noun, c.event_noun, c.coded) for c in coded] == [("issue", "string", "threat", True)]
    bare = list(sweep.clauses(make_analysis("The ministry issued a series of stamps."), verbs))
    assert [(c.verb, c.event_noun, c.coded) for c in bare] == [("issue", "stamp", False)]
    money = list(sweep.clauses(make_analysis("Denmark provided $12 million in aid to Malawi."), verbs))
    assert [c.event_noun for c in money] == ["aid"] and money[0].coded


def test_sweep_summary_counts_table_nouns(sweep) -> None:  # type: ignore[no-untyped-def]
    clause = sweep.Clause
    found = [clause("a", 0, "hold", "talk", "talk", False, False, "x"),
             clause("a", 1, "hold", "talk", "talk", True, False, "y"),
             clause("b", 0, "take", "place", "place", False, True, "z")]
    counts = sweep.summary(found, frozenset({"talk"}))
    assert counts["clauses"] == 3 and counts["no_event"] == 2
    assert counts["table_noun_no_event"] == 1 and counts["table_noun_no_event_foreground"] == 1
    assert counts["by_pair"][0][3] in (True, False)


@settings(max_examples=15, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120))
def test_sweep_never_fails_on_any_text(sweep, make_analysis, text: str) -> None:  # type: ignore[no-untyped-def]
    for c in sweep.clauses(make_analysis(text or "x"), sweep.sweep_verbs()):
        assert c.verb and c.event_noun is not None


# ------------------------------------------------------------------------------- rows the sweep pointed to
def test_condolences_offered_are_an_empathetic_comment(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Portugal offered its condolences to Brazil.")
    assert [r[1] for r in rows] == ["018"] and rows[0][2:4] == ("PRT", "BRA")


def test_a_request_filed_is_a_request(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Zambia filed two requests for the hearing to be moved.")
    assert any(r[1].startswith("02") and "|support-verb:file@" in r[4] for r in rows)


def test_goers_to_a_rally_hold_it(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Thousands of Ghanaians gathered in Accra for a rally against the fuel levy.")
    assert any(p == "PROTEST" and src == "GHA" for p, _, src, _, _ in rows)
    assert not code("Fans gathered at the stadium for the cup final.")


def test_holding_hostages_is_hostage_taking_and_holding_prisoners_is_not(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Pirates held the Greek crew hostage for two weeks.")
    assert any(p == "ASSAULT" and c == "181" and tgt == "GRC" for p, c, _, tgt, _ in rows)
    assert not [r for r in code("Rebels held prisoners in a camp near the Chadian border.") if r[1] == "181"]
