"""Golden test: the events the reference article must yield (type, dyad, flags; dates and places are other stages')."""

from __future__ import annotations

import pytest

STAGES = ("normalise", "parse", "actors", "events")


@pytest.fixture(scope="module")
def ref(make_analysis, reference_text):  # type: ignore[no-untyped-def]
    return make_analysis(reference_text, stages=STAGES)


def trigger_text(analysis, cand) -> str:  # type: ignore[no-untyped-def]
    return analysis.doc[cand.trigger[0]].text.lower()


def find(analysis, trigger: str, plover: str, source: str, target: str | None = None):  # type: ignore[no-untyped-def]
    """Candidates with that trigger word, PLOVER type and dyad (country codes)."""
    return [
        c for c in analysis.candidates
        if trigger_text(analysis, c) == trigger and c.type.plover == plover and c.source.country == source
        and (target is None or (c.target is not None and c.target.country == target))
    ]


def counted(cands):  # type: ignore[no-untyped-def]
    return [c for c in cands if not (c.negated or c.hypothetical)]


def test_declined_meeting_is_reject_meet(ref) -> None:  # type: ignore[no-untyped-def]
    found = counted(find(ref, "declined", "REJECT", "CHN", "USA"))
    assert found and found[0].type.cameo == "125" and found[0].type.mode == "meet"


def test_requested_meeting_is_request_meet(ref) -> None:  # type: ignore[no-untyped-def]
    found = counted(find(ref, "requested", "REQUEST", "USA", "CHN"))
    assert found and found[0].type.mode == "meet" and found[0].type.cameo in ("026", "106")
    assert found[0].notes.get("past_perfect") is True


def test_rejected_proposal_targets_the_proposer(ref) -> None:  # type: ignore[no-untyped-def]
    found = counted(find(ref, "rejected", "REJECT", "CHN", "USA"))
    assert found and found[0].type.cameo.startswith("12")
    assert found[0].notes.get("target_from") == "anaphor"


def test_arms_package_approval_is_military_aid_with_money(ref) -> None:  # type: ignore[no-untyped-def]
    found = counted(find(ref, "approval", "AID", "USA", "TWN"))
    assert found and found[0].nominal and found[0].type.cameo == "072"
    money = [q for q in found[0].quantities if q.kind == "money"]
    assert money and money[0].value == 2e9 and money[0].unit == "USD" and "$2 billion" in money[0].span.text


def test_condemned_deal_is_accuse_against_the_seller(ref) -> None:  # type: ignore[no-untyped-def]
    # "the deal" refers back to the US approval of the arms package: the condemnation is aimed at the US
    found = counted(find(ref, "condemned", "ACCUSE", "CHN", "USA"))
    assert found and found[0].type.cameo.startswith("11")


def test_vowing_countermeasures_is_a_threat_by_beijing(ref) -> None:  # type: ignore[no-untyped-def]
    found = counted(find(ref, "vowing", "THREATEN", "CHN"))
    assert found and found[0].type.cameo.startswith("13")


def test_peru_meeting_is_third_party_consult_both_ways(ref) -> None:  # type: ignore[no-untyped-def]
    there = counted(find(ref, "met", "CONSULT", "USA", "CHN"))
    back = counted(find(ref, "met", "CONSULT", "CHN", "USA"))
    assert there and back
    assert there[0].type.cameo == "044" and there[0].type.mode == "third-party"


def test_severed_lines_is_sanction_against_us(ref) -> None:  # type: ignore[no-untyped-def]
    found = counted(find(ref, "severed", "SANCTION", "CHN", "USA"))
    assert found and found[0].type.cameo == "161"


def test_pelosi_visit_is_nominal_consult_visit(ref) -> None:  # type: ignore[no-untyped-def]
    found = counted(find(ref, "visit", "CONSULT", "USA", "TWN"))
    assert found and found[0].nominal and found[0].type.cameo == "042" and found[0].type.mode == "visit"


def test_intermediary_sentence_is_negated_and_not_counted(ref) -> None:  # type: ignore[no-untyped-def]
    acts = [c for c in ref.candidates if trigger_text(ref, c) == "act"]
    assert acts and all(c.negated for c in acts)
    sentence = acts[0].sentence_index
    assert not counted([c for c in ref.candidates if c.sentence_index == sentence])


def test_confirming_the_refusal_is_not_an_event(ref) -> None:  # type: ignore[no-untyped-def]
    assert not [c for c in ref.candidates if trigger_text(ref, c) in ("confirmed", "refusal", "speaking")]


def test_every_candidate_is_well_formed(ref) -> None:  # type: ignore[no-untyped-def]
    assert ref.candidates
    for c in ref.candidates:
        assert c.rule.startswith("lexicon:")
        assert c.type.plover and c.type.cameo and c.type.goldstein is not None
        assert 0.0 < c.confidence < 1.0
        start, end = c.trigger
        assert ref.sentence_of(start) == c.sentence_index and end > start
        assert c.source.span.end <= len(ref.article.text)
