"""Instructions to a party and requests laid before a court (lexicon round 10).

"Told X to <verb>" instructs X: a demand (CAMEO 10, as "ordered X to"), re-derived from the complement's kind
(101x-105x) when the complement codes an event. "Told X that ..." reports a statement and is no demand: the row's
complement marker INF accepts only an open "to"-infinitive. Seeking bail and filing an appeal or petition are
requests (CAMEO 020); applying for asylum stays PETRARCH2's 0233 (no hand row hides that verb's patterns).

Sentences written for these tests, one construction each; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events.entry import INF
from dyadwatch.events.lexicon import load_lexicon


@pytest.fixture(scope="module")
def code(target_rows):  # type: ignore[no-untyped-def]
    return target_rows  # (CAMEO, source country, target span text, target code, rule): tests/conftest.py


def told(rows):  # type: ignore[no-untyped-def]
    return [r for r in rows if "V:tell+" in r[4]]


def test_an_instruction_with_a_coded_complement_is_the_matching_demand(code) -> None:  # type: ignore[no-untyped-def]
    rows = told(code("The Malian president told Algerian militias to withdraw from the border post."))
    assert len(rows) == 1 and rows[0][0] == "1056" and rows[0][1] == "MLI" and (rows[0][3] or "").startswith("DZA")


def test_an_instruction_with_an_uncoded_complement_is_a_plain_demand(code) -> None:  # type: ignore[no-untyped-def]
    rows = told(code("Ottawa told Havana to expect a delegation next spring."))
    assert len(rows) == 1 and rows[0][0] == "100" and rows[0][1] == "CAN" and (rows[0][3] or "").startswith("CUB")


@pytest.mark.parametrize("text", [
    "The Chilean envoy told reporters that the border talks would resume.",
    "The Peruvian minister told Ecuador that Lima would back the plan.",
    "The Bolivian rebel commander was told to leave the capital.",
])
def test_a_report_or_an_unnamed_instructor_is_no_demand(code, text) -> None:  # type: ignore[no-untyped-def]
    assert not told(code(text))


@pytest.mark.parametrize(("text", "cameo", "rule", "target"), [
    ("The Zambian opposition leader sought bail from the High Court.", "020", "V:seek+obj=BAIL", "ZMB"),
    ("The former Malawian minister filed an appeal with the Lilongwe court.", "020", "V:file+obj=PLEA", "MWI"),
    ("The Belarusian activist applied for asylum in Poland last week.", "0233", "V:utilize+for+obj=&ASYLUM", "POL"),
])
def test_a_request_to_a_court_or_state_is_an_appeal(code, text, cameo, rule, target) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if rule in r[4]]
    assert len(rows) == 1 and rows[0][0] == cameo and (rows[0][3] or "").startswith(target)


def test_the_instruction_row_asks_for_an_infinitive() -> None:
    rows = [e for e in load_lexicon().verbs["tell"] if not e.null and e.cameo]
    assert rows and all(e.comp == INF and e.derive == "request" for e in rows)


SENDERS = {"Chile": "CHL", "Ghana": "GHA", "Peru": "PER", "Vietnam": "VNM"}
ADDRESSEES = {"Mexico": "MEX", "Brazil": "BRA", "Japan": "JPN", "Kenya": "KEN"}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sender=st.sampled_from(sorted(SENDERS)), addressee=st.sampled_from(sorted(ADDRESSEES)),
       infinitive=st.booleans())
def test_generated_instructions_and_reports(code, sender, addressee, infinitive) -> None:  # type: ignore[no-untyped-def]
    clause = "to reopen its embassy soon" if infinitive else "the embassy would reopen soon"
    rows = told(code(f"{sender} told {addressee} {clause}."))
    if infinitive:
        assert len(rows) == 1 and rows[0][0].startswith("10") and rows[0][1] == SENDERS[sender]
        assert (rows[0][3] or "").startswith(ADDRESSEES[addressee])
    else:
        assert not rows


@pytest.mark.parametrize(("text", "cameo"), [
    ("The Turkish army lifted a blockade on Syrian trucks on Monday, officials told Reuters.", "0872"),
    ("Turkish soldiers often beat Syrian prisoners, a military court was told on Monday.", "182"),
])
def test_an_act_reported_to_someone_stays_asserted(make_analysis, text, cameo) -> None:  # type: ignore[no-untyped-def]
    # the instruction row must not make "told" a verb of irrealis content: "X did Y, officials told Z" reports Y
    analysis = make_analysis(text, stages=("normalise", "parse", "actors", "events"))
    found = [c for c in analysis.candidates if c.type.cameo == cameo]
    assert found and not any(c.hypothetical for c in found)
