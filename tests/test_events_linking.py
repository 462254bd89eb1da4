"""Linking, targets that are not parties, type shapes and hazards (issue 13, items 2, 3 and 5).

Sentences written for these tests, one construction each; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from dyadwatch.events.hazards import load_hazards
from dyadwatch.events.linking import load_stances
from dyadwatch.records import Actor, TextSpan

STAGES = ("normalise", "parse", "actors", "events")


@pytest.fixture(scope="module")
def code(make_analysis):  # type: ignore[no-untyped-def]
    def run(text: str):  # type: ignore[no-untyped-def]
        analysis = make_analysis(text, stages=STAGES)
        return [
            (analysis.doc[c.trigger[0]].lemma_.lower(), c.type.plover, c.type.cameo, c.source.country,
             c.target, c)
            for c in analysis.candidates
        ]

    return run


def one(rows, lemma: str):  # type: ignore[no-untyped-def]
    found = [r for r in rows if r[0] == lemma]
    assert found, f"no event for {lemma!r} in {[r[:4] for r in rows]}"
    return found[0]


# ------------------------------------------------------------------------------------------ non-party targets
def test_possessor_of_a_decision_is_the_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Ghana's foreign minister denounced the governor's ruling.")
    _, plover, _, src, target, cand = one(rows, "denounce")
    assert (plover, src) == ("ACCUSE", "GHA")
    assert target is not None and target.span.text == "the governor" and target.kind == "actor"
    assert cand.rule.endswith("|target:thing-owner")


def test_act_without_a_named_author_is_an_event_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The Chilean government condemned the looting.")
    _, plover, _, src, target, _ = one(rows, "condemn")
    assert (plover, src) == ("ACCUSE", "CHL")
    assert target is not None and target.kind == "event" and target.country is None
    assert target.span.text == "the looting"


def test_statement_without_an_author_is_a_thing_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Peru rejected the allegations on Monday.")
    _, plover, _, src, target, _ = one(rows, "reject")
    assert (plover, src) == ("REJECT", "PER")
    assert target is not None and target.kind == "thing" and target.country is None


def test_event_noun_takes_its_prepositional_argument(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Brazilian prosecutors launched an inquiry into the mining company.")
    _, plover, _, src, target, _ = one(rows, "launch")
    assert (plover, src) == ("ACCUSE", "BRA")
    assert target is not None and target.span.text == "the mining company"


def test_kind_is_in_the_output_contract() -> None:
    span = TextSpan(0, 3, "the")
    assert Actor(span=span).to_dict()["kind"] == "actor"
    assert Actor(span=span, kind="event").to_dict()["kind"] == "event"


# ---------------------------------------------------------------------------------------------- loose links
def test_loose_link_finds_a_party_deep_in_the_object(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Canada suspended part of a training programme for Haiti.")
    _, plover, _, src, target, cand = one(rows, "suspend")
    assert (plover, src) == ("SANCTION", "CAN")
    assert target is not None and target.country == "HTI"
    assert cand.rule.endswith("|loose-link") and cand.confidence < 0.75


def test_loose_link_never_crosses_into_a_reported_clause(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Norway praised the talks, saying Colombia had made progress.")
    praise = one(rows, "praise")
    assert praise[4] is None or praise[4].country != "COL"


def test_loose_link_skips_places(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Thousands of Serbian farmers demonstrated in Belgrade.")
    demo = one(rows, "demonstrate")
    assert demo[1] == "PROTEST" and not (demo[4] is not None and "loose" in demo[5].rule)


# ---------------------------------------------------------------------------------------------- type shapes
def test_name_calling_is_criticism_of_the_one_named(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The Venezuelan president called the Colombian president a coward.")
    _, plover, cameo, src, target, _ = one(rows, "call")
    assert (plover, cameo, src) == ("ACCUSE", "111", "VEN") and target.country == "COL"


def test_name_calling_with_an_insulting_modifier(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Iran called the Israeli prime minister a reckless gambler.")
    _, plover, _, src, target, _ = one(rows, "call")
    assert (plover, src, target.country) == ("ACCUSE", "IRN", "ISR")


def test_calling_a_criminal_is_an_accusation(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Armenia called the Azerbaijani commander a criminal.")
    _, plover, cameo, _, target, _ = one(rows, "call")
    assert (plover, cameo, target.country) == ("ACCUSE", "112", "AZE")


def test_expulsion_from_a_party_is_a_sanction_of_the_member(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Mbeki was expelled from the union last week.")
    _, plover, cameo, _, target, _ = one(rows, "expel")
    assert (plover, cameo) == ("SANCTION", "166") and target.span.text == "Mbeki"


def test_objection_to_comments(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Egypt refuted the Ethiopian minister's comments.")
    _, plover, _, src, target, _ = one(rows, "refute")
    assert (plover, src, target.country) == ("ACCUSE", "EGY", "ETH")


def test_stance_adjective_on_an_issued_report(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The European Union published a statement critical of Belarus.")
    _, plover, cameo, src, target, _ = one(rows, "critical")
    assert (plover, cameo, src, target.country) == ("ACCUSE", "111", "EU", "BLR")


def test_call_for_punishment_is_disapproval_not_a_request(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Sweden called for sanctions against Myanmar.")
    _, plover, _, src, target, _ = one(rows, "call")
    assert (plover, src, target.country) == ("ACCUSE", "SWE", "MMR")


def test_generic_passive_is_no_event(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("In many provinces, girls are barred from attending school.")
    assert not [r for r in rows if r[1] == "COERCE"]


def test_legalising_a_coercive_act_is_no_concession(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The Greek parliament passed a bill legalizing the seizure of smuggling boats.")
    assert not [r for r in rows if r[1] == "CONCEDE"]


# --------------------------------------------------------------------------------------------------- hazards
@pytest.mark.parametrize("text", [
    "A powerful cyclone killed 60 people in Myanmar.",
    "Three hikers were killed in an avalanche in the Alps.",
    "Two ferries collided off the coast of Bangladesh, killing nine passengers.",
    "Eleven people were killed when a storm hit the capital.",
])
def test_disasters_and_accidents_give_no_conflict_event(code, text: str) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert not [r for r in rows if r[1] in ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE")], [r[:4] for r in rows]


def test_common_crime_is_flagged_with_low_confidence(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Burglars shot a pharmacist in Lima.")
    shot = one(rows, "shoot")
    assert shot[5].notes.get("hazard") == "crime" and shot[5].confidence <= 0.45


def test_troops_sent_for_disaster_relief_are_aid(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Chile sent soldiers to help flood victims in the south.")
    sent = one(rows, "send")
    assert (sent[1], sent[2], sent[3]) == ("AID", "073", "CHL") and "disaster-relief" in sent[5].rule
    assert sent[4] is not None and "victims" in sent[4].span.text


def test_political_violence_still_codes(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Militants killed eight Pakistani soldiers during a storm.")
    kill = one(rows, "kill")
    assert kill[1] == "ASSAULT" and kill[4] is not None and kill[4].country == "PAK"


def test_tables_load() -> None:
    hazards = load_hazards()
    assert hazards["earthquake"] == "natural" and hazards["robbery"] == "crime" and hazards["relief"] == "relief"
    assert load_stances()["critical"][0].cameo == "111"
