"""Control: the doer of a gerund or infinitive named outside its clause's subject position (``syntax.controller``,
``data/sources/control.tsv``): object-controlled gerunds of verbs of judging and preventing, prepositional-object
control, and the owner of a noun of deciding, planning or trying.

Sentences written for these tests, one construction each, with names and wording of their own; none is taken
from an evaluation set.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from strategies.news import news_texts

from dyadwatch.errors import ConfigError
from dyadwatch.events import control
from dyadwatch.events.lexicon import load_lexicon
from dyadwatch.events.syntax import controller

STAGES = ("normalise", "parse", "actors", "events")


def rows_of(make_analysis, text: str):  # type: ignore[no-untyped-def]
    analysis = make_analysis(text, stages=STAGES)
    return [(c.type.cameo, c.source.country, c.source.span.text, c.target.country if c.target is not None else None,
             c.rule, c.hypothetical) for c in analysis.candidates]


def of_verb(rows, lemma: str):  # type: ignore[no-untyped-def]
    return [r for r in rows if f":V:{lemma}" in r[4]]


# ------------------------------------------------------------------------------ gerunds of judging and preventing
def test_one_blamed_for_an_act_did_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "Ecuador blamed Colombia for shelling its border villages.")
    shelled = of_verb(rows, "shell")
    assert shelled and all(r[1] == "COL" and "|source:gerund-object" in r[4] for r in shelled)


def test_passive_accused_subject_does_the_gerund(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "Eritrea has been accused of arming rebels in Somalia.")
    armed = [r for r in rows if "|source:gerund-object" in r[4]]
    assert armed and all(r[1] == "ERI" for r in armed)
    assert all(r[5] for r in armed)  # the act is alleged, not asserted


def test_one_praised_for_a_release_did_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "Norway praised Venezuela for releasing the jailed opposition leaders.")
    freed = of_verb(rows, "release")
    assert freed and freed[0][1] == "VEN" and freed[0][2] == "Venezuela"


def test_prevented_party_is_the_would_be_doer_and_nothing_is_asserted(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "A Kenyan court prevented Uganda from deporting the herders.")
    deport = of_verb(rows, "deport")
    assert deport and deport[0][1] == "UGA" and deport[0][5]


def test_gerund_of_a_verb_not_listed_keeps_the_subject(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "after": a time phrase, no control by the object
    rows = rows_of(make_analysis, "Ecuador recalled its envoy after shelling Colombian border villages.")
    assert not any("|source:gerund-object" in r[4] for r in rows)


# ------------------------------------------------------------------------------ prepositional-object control
def test_addressee_of_a_plea_does_the_infinitive(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "Senegal pleaded with Gambia to free the detained traders.")
    freed = [r for r in rows if "|source:prep-object" in r[4]]
    assert freed and all(r[1] == "GMB" for r in freed)


def test_party_relied_on_does_the_infinitive(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "Lebanon is counting on France to mediate between Syria and Israel.")
    mediated = of_verb(rows, "mediate")
    assert mediated and {r[1] for r in mediated} == {"FRA"} and all(r[5] for r in mediated)


def test_plain_purpose_infinitive_keeps_the_subject(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "Senegal sent envoys to Gambia to negotiate the release of the traders.")
    assert not any("|source:prep-object" in r[4] for r in rows)


# ------------------------------------------------------------------------------ owners of decisions and plans
@pytest.mark.parametrize(("text", "country"), [
    ("Portugal's decision to expel three Angolan diplomats surprised observers.", "PRT"),
    ("The move by Portugal to expel three Angolan diplomats surprised observers.", "PRT"),
    ("The decision of Portugal to expel three Angolan diplomats surprised observers.", "PRT"),
    ("Portugal announced a plan to expel three Angolan diplomats.", "PRT"),
])
def test_owner_of_a_decision_does_its_infinitive(make_analysis, text: str, country: str) -> None:  # type: ignore[no-untyped-def]
    expel = of_verb(rows_of(make_analysis, text), "expel")
    assert expel and expel[0][1] == country and expel[0][3] == "AGO" and "|source:noun-owner" in expel[0][4]
    assert expel[0][5]  # decided or planned, not yet done


def test_owner_of_a_policy_does_its_gerund(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "Iran's policy of arming Houthi fighters worries Saudi officials.")
    assert any(r[1] == "IRN" and "|source:noun-owner" in r[4] for r in rows)


def test_decision_with_no_owner_names_no_doer(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "The decision to expel three Angolan diplomats surprised observers.")
    assert not of_verb(rows, "expel")


def test_common_noun_modifier_owns_no_plan(make_analysis) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(make_analysis, "Portugal rejected a peace plan to withdraw Angolan troops from the region.")
    assert not any("|source:noun-owner" in r[4] for r in rows)


def test_another_partys_plan_is_not_the_rejecters(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "reject" is no verb that makes or announces the plan it takes
    rows = rows_of(make_analysis, "Portugal rejected the plan to expel three Angolan diplomats.")
    assert not any(r[1] == "PRT" for r in of_verb(rows, "expel"))


# ------------------------------------------------------------------------------ the table
def test_table_kinds_are_read() -> None:
    table = control.control_table()
    assert ("accuse", "of") in table.gerund_object and ("call", "on") in table.prep_object
    assert "decision" in table.nouns and "announce" in table.owner_verbs


def test_every_preventing_row_has_a_status_that_asserts_nothing() -> None:
    # a gerund of preventing is coded as the prevented party's act: only where modality reads it as prevented
    lex = load_lexicon()
    for verb, prep in control.control_table().gerund_object:
        if prep == "from":
            assert "prevent" in lex.kinds(verb), verb


def test_unknown_kind_names_the_line(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "control.tsv").write_text("kind\tword\tprep\treason\nsubject\tvow\t-\tno such kind\n",
                                                      encoding="utf-8")
    monkeypatch.setattr(control, "data_path", lambda *parts: tmp_path.joinpath(*parts))
    control.control_table.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"control.tsv line 2 has kind 'subject'"):
            control.control_table()
    finally:
        control.control_table.cache_clear()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(news_texts(max_sentences=4))
def test_controller_stays_in_the_sentence_and_never_names_the_verb(make_analysis, text: str) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis(text, stages=("normalise", "parse"))
    if analysis.doc is None:
        return
    for tok in analysis.doc:
        found = controller(tok)
        if found is None:
            continue
        tokens, step = found
        assert tokens and step in ("gerund-object", "prep-object", "noun-owner")
        assert all(t.sent == tok.sent and t.i != tok.i for t in tokens)


# ------------------------------------------------------------------------------ the other side of a two-sided row
def test_reversed_act_never_makes_a_thing_its_source(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # a row coded from both sides ([A:B]) turns its target into a source: only a party may take that place
    rows = rows_of(make_analysis, "Norway hopes to finalize a fishing deal soon.")
    assert rows and all(r[2] != "a fishing deal" for r in rows)
    both = rows_of(make_analysis, "Norway hopes to finalize a fishing deal with Iceland soon.")
    assert {(r[1], r[3]) for r in both} >= {("NOR", "ISL"), ("ISL", "NOR")}
