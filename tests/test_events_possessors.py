"""The possessor of an act done to people is its patient (issue 20, eighth round): "her detention", "their
kidnapping" say who was detained or kidnapped, never who did it.

Sentences written for these tests, one construction each; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events.lexicon import _rows
from dyadwatch.events.linking import load_own_products
from dyadwatch.events.possessors import load_undergoer_nouns
from dyadwatch.tables import data_path

STAGES = ("normalise", "parse", "actors", "events")
RULE = "|target:possessed-undergoer"


@pytest.fixture(scope="module")
def code(make_analysis):  # type: ignore[no-untyped-def]
    def run(text: str):  # type: ignore[no-untyped-def]
        analysis = make_analysis(text, stages=STAGES)
        return [(c.type.cameo, c.source.span.text, c.source.country, c.source.rule,
                 c.target.span.text if c.target is not None else None, c.rule) for c in analysis.candidates]

    return run


def test_a_pronoun_possessor_is_the_target_and_the_agent_unstated(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Their kidnapping frightened the villagers of Ardmore.") if r[0].startswith("18")]
    assert rows and all(r[4] == "Their" and r[3] == "events:implicit-agent" and RULE in r[5] for r in rows)


def test_the_by_phrase_is_the_agent(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Her detention by Ugandan soldiers worried her family.") if r[0] == "173"]
    assert rows and all(r[2] == "UGA" and r[4] == "Her" for r in rows)


def test_a_group_of_people_is_the_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("The pilots' deportation from Chad angered lawyers.") if r[0] == "174"]
    assert rows and all(r[4] is not None and "pilots" in r[4] and "pilots" not in r[1] for r in rows)


def test_an_organ_with_an_of_object_stays_the_agent(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The Chadian army's detention of four herders angered Niger.")
    assert not any(RULE in r[5] for r in rows)
    assert not any(r[4] is not None and "army" in r[4] for r in rows)


def test_a_state_possessor_without_an_object_is_not_taken_as_undergoer(code) -> None:  # type: ignore[no-untyped-def]
    assert not any(RULE in r[5] for r in code("Belarus's arrest of nobody was a relief; Belarus's arrests continued."))


def test_a_noun_outside_the_table_keeps_its_possessor_as_agent(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Their invasion alarmed the people of Latvia.")
    assert not any(RULE in r[5] for r in rows)


def test_the_object_of_a_condemnation_is_the_undergoer_not_the_act(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Bolivia condemned the activists' detention.") if r[0].startswith("11")]
    assert rows and all(r[2] == "BOL" and r[4] is not None and "activists" in r[4] for r in rows)
    assert all("detention" not in r[4] and RULE in r[5] for r in rows)


def test_table_rows_are_single_lower_case_nouns_with_reasons() -> None:
    rows = list(_rows(data_path("linking", "undergoer_nouns.tsv"), 2))
    assert len(rows) == len(load_undergoer_nouns()) >= 20
    for _line, (noun, reason) in rows:
        assert noun == noun.lower() and " " not in noun and reason.startswith("CAMEO")


PRONOUNS = st.sampled_from(["His", "Her", "Their"])
NOUNS = st.sampled_from(["arrest", "detention", "abduction", "kidnapping", "release", "deportation", "expulsion"])
VERBS = st.sampled_from(["angered", "worried", "surprised", "alarmed"])
WHO = st.sampled_from(["the residents of Tarnow", "aid workers in Goma", "the editors of the weekly"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pronoun=PRONOUNS, noun=NOUNS, verb=VERBS, who=WHO)
def test_a_possessive_pronoun_of_an_undergoer_noun_is_never_the_source(  # type: ignore[no-untyped-def]
        code, pronoun: str, noun: str, verb: str, who: str) -> None:
    for row in code(f"{pronoun} {noun} {verb} {who}."):
        assert row[1] != pronoun


# ------------------------------------------------------------------------- a source's own product is no target
def test_a_retracted_own_statement_is_no_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Portugal retracted its statement on Thursday.") if r[0] == "080"]
    assert rows and all(r[4] is None and "|no-target:own-thing" in r[5] for r in rows)


def test_a_rejected_thing_keeps_its_thing_target(code) -> None:  # type: ignore[no-untyped-def]
    # rejecting acts upon something another made: by design the thing stays (docs/linking.md, `target:thing`)
    rows = [r for r in code("Uruguay rejected the law.") if r[0].startswith("12")]
    assert rows and all(r[4] == "the law" and "|target:thing" in r[5] for r in rows)


def test_an_own_product_table_lists_verbs_with_reasons() -> None:
    rows = list(_rows(data_path("linking", "own_product_verbs.tsv"), 2))
    assert rows and all(verb == verb.lower() and " " not in verb and reason for _line, (verb, reason) in rows)
    assert {verb for _line, (verb, _reason) in rows} == load_own_products()
