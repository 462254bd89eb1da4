"""The eval scorers are pure: hand-made gold records and hand-made events in, metrics out."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dyadwatch.errors import InputError
from dyadwatch.evaluation.dataset import LOCATION, PETRARCH, PLOVER, EvalRecord, detect_kind
from dyadwatch.evaluation.petrarch_eval import score_petrarch
from dyadwatch.evaluation.plover_eval import gold_types, score_plover
from dyadwatch.evaluation.report import actor_country_matches, norm_sector, prf
from dyadwatch.records import Actor, Event, EventDate, EventType, TextSpan


def actor(country: str | None, sectors: tuple[str, ...] = (), code: str | None = None) -> Actor:
    return Actor(span=TextSpan(0, 1, "x"), name=country, country=country, sectors=sectors, code=code)


def event(
    plover: str,
    cameo: str,
    source: Actor,
    target: Actor | None = None,
    *,
    negated: bool = False,
    hypothetical: bool = False,
) -> Event:
    span = TextSpan(0, 1, "x")
    return Event(
        event_id="ev", article_id="a", sentence_index=0, evidence=span, source=source, target=target,
        type=EventType(plover=plover, cameo=cameo), trigger=span,
        date=EventDate(value=date(2020, 1, 1), precision="day"), negated=negated, hypothetical=hypothetical,
    )


def plover_record(rid: str, entries: list[dict[str, Any]], **meta: Any) -> EvalRecord:
    gold = []
    for e in entries:
        gold.append({"ontology": "PLOVER", "code": e["type"], "plover_current": e["type"],
                     "source": e.get("source"), "target": e.get("target"),
                     "source_sector": e.get("source_sector"), "target_sector": e.get("target_sector")})
    return EvalRecord(rid, "The ministers met.", None, gold, {"subset": "PLOVER_GSR", **meta})


def metric(report: Any, name: str) -> float | None:
    m = report.metric(name)
    assert m is not None, name
    return m.value


def test_prf_handles_empty_denominators() -> None:
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = prf(1, 1, 0)
    assert (p, r) == (0.5, 1.0)
    assert f == pytest.approx(2 / 3)


def test_plover_type_scores_per_type_micro_and_macro() -> None:
    records = [
        plover_record("r1", [{"type": "REJECT", "source": "CHN", "target": "USA"}]),
        plover_record("r2", [{"type": "AID", "source": "USA", "target": "TWN"}]),
        plover_record("r3", [{"type": "CONSULT", "source": "FRA"}]),
    ]
    preds = {
        "r1": [event("REJECT", "120", actor("CHN"), actor("USA"))],  # right type
        "r2": [event("SUPPORT", "050", actor("USA"), actor("TWN"))],  # wrong type: FP SUPPORT, FN AID
        # r3: nothing predicted -> FN CONSULT
    }
    report = score_plover(records, preds)
    assert metric(report, "type.micro.precision") == pytest.approx(1 / 2)
    assert metric(report, "type.micro.recall") == pytest.approx(1 / 3)
    rows = {row["type"]: row for row in report.tables["per_type"]}
    assert rows["REJECT"]["f1"] == 1.0
    assert rows["AID"]["recall"] == 0.0
    assert rows["SUPPORT"]["precision"] == 0.0
    # macro over the union of gold and predicted types: REJECT 1, AID 0, SUPPORT 0, CONSULT 0
    assert metric(report, "type.macro.f1") == pytest.approx(0.25)


def test_negated_and_hypothetical_events_are_not_type_predictions() -> None:
    records = [plover_record("r1", [{"type": "THREATEN", "source": "RUS"}])]
    preds = {"r1": [event("THREATEN", "130", actor("RUS"), negated=True),
                    event("ASSAULT", "190", actor("RUS"), hypothetical=True)]}
    report = score_plover(records, preds)
    assert metric(report, "type.micro.recall") == 0.0
    assert report.metric("type.micro.precision").n == 0  # type: ignore[union-attr]
    assert any("2 negated/hypothetical" in note and "1 of them" in note for note in report.notes)


def test_actor_accuracy_overall_and_on_type_correct_events() -> None:
    records = [
        plover_record("r1", [{"type": "ACCUSE", "source": "ISR", "target": "PSE", "source_sector": "GOV"}]),
        plover_record("r2", [{"type": "AGREE", "source": "EGY", "target": "SDN", "source_sector": "MIL"}]),
    ]
    preds = {
        "r1": [event("ACCUSE", "112", actor("ISR", ("GOV",)), actor("LBN"))],  # source right, target wrong
        "r2": [event("REQUEST", "100", actor("EGY", ("MIL",)), actor("SDN"))],  # actors right, type wrong
    }
    report = score_plover(records, preds)
    assert metric(report, "source_country.overall") == 0.5  # r2's type was missed, so its actor is not found
    assert metric(report, "source_country.on_type_correct") == 1.0
    assert metric(report, "target_country.overall") == 0.0
    assert metric(report, "source_sector.overall") == 0.5
    assert report.metric("source_country.on_type_correct").n == 1  # type: ignore[union-attr]


def test_reciprocal_gold_accepts_either_role() -> None:
    records = [plover_record("r1", [{"type": "CONSULT", "source": "HUN", "target": "ROU"}], reciprocal=True)]
    preds = {"r1": [event("CONSULT", "040", actor("ROU"), actor("HUN"))]}
    report = score_plover(records, preds)
    assert metric(report, "source_country.overall") == 1.0
    assert metric(report, "target_country.overall") == 1.0


def test_cameo_only_records_use_cameo2plover_and_dropped_means_no_type() -> None:
    statement = EvalRecord("c1", "A minister spoke.", None,
                           [{"code": "010", "ontology": "CAMEO", "plover_via_cameo2plover": "dropped"}],
                           {"subset": "CAMEO_MANUAL_EXAMPLE"})
    retreat = EvalRecord("c2", "Troops withdrew.", None,
                         [{"code": "0874", "ontology": "CAMEO", "plover_via_cameo2plover": "RETREAT"}],
                         {"subset": "CAMEO_MANUAL_EXAMPLE"})
    assert gold_types(statement) == set()
    assert gold_types(retreat) == {"RETREAT"}
    preds = {"c2": [event("RETREAT", "0871", actor("SRB"))]}
    report = score_plover([statement, retreat], preds)
    assert metric(report, "type.micro.f1") == 1.0
    assert metric(report, "cameo_root.agreement") == 0.5  # 087 found, 01 not
    assert metric(report, "cameo_code.agreement") == 0.0


def test_cameo_link_gives_plover_records_a_cameo_code() -> None:
    rec = plover_record("r1", [{"type": "REJECT", "source": "CHN"}], cameo_link={"code": "125"})
    report = score_plover([rec], {"r1": [event("REJECT", "128", actor("CHN"))]})
    assert metric(report, "cameo_root.agreement") == 1.0
    assert metric(report, "cameo_code.agreement") == 0.0


def test_country_and_sector_matching_rules() -> None:
    assert actor_country_matches(actor("USA"), "USA")
    assert actor_country_matches(actor(None, code="USAGOV"), "USAGOV")
    assert actor_country_matches(actor("IGO", code="IGOUNO"), "IGO")
    assert not actor_country_matches(actor("USA"), "---GOV")
    assert not actor_country_matches(None, "USA")
    assert norm_sector("CVLalb") == "CVL"
    assert norm_sector("***") == ""


def petr(rid: str, category: str, gold: list[dict[str, Any]]) -> EvalRecord:
    return EvalRecord(rid, "Some sentence.", date(2015, 6, 9), gold, {"category": category})


def cameo(code: str, source: str, target: str | None, in_codebook: bool = True) -> dict[str, Any]:
    return {"code": code, "source": source, "target": target, "ontology": "CAMEO", "in_cameo_codebook": in_codebook}


def test_petrarch_groups_are_scored_separately() -> None:
    records = [
        petr("PETR-UT:DEMO-01", "DEMO", [cameo("064", "ARN", "GON")]),
        petr("PETR-UT:VERB-01", "VERB", [cameo("901", "ARN", "GON", in_codebook=False)]),
        petr("PETR-UT:ERROR-01", "ERROR", []),
        petr("PETR2-GSR:GOLD_0", "GOLD", [cameo("195", "USA", "IRQMUS")]),
        petr("PETR2-GSR:OTHER_1", "OTHER", [cameo("112", "USAGOV", "RUS")]),
        petr("PETR2-GSR:OTHER_2", "OTHER", []),
    ]
    preds = {
        "PETR-UT:DEMO-01": [event("COOPERATE", "064", actor("ARN", code="ARN"), actor("GON", code="GON"))],
        "PETR-UT:VERB-01": [event("CONSULT", "040", actor("ARN"))],
        "PETR-UT:ERROR-01": [event("AID", "070", actor("ARN"), negated=True)],  # negated: still "empty"
        "PETR2-GSR:GOLD_0": [event("ASSAULT", "190", actor("USA", code="USA"), actor("IRQ", code="IRQ"))],
        "PETR2-GSR:OTHER_1": [event("ACCUSE", "111", actor("USA", ("GOV",), code="USAGOV"), actor("CHN"))],
        "PETR2-GSR:OTHER_2": [event("CONSULT", "040", actor("FRA"))],
    }
    report = score_petrarch(records, preds)
    assert metric(report, "ut.cameo_root") == 1.0  # the synthetic 901 code is excluded
    assert metric(report, "ut.cameo_exact") == 1.0
    assert report.metric("ut.cameo_root").n == 1  # type: ignore[union-attr]
    assert metric(report, "ut.noevent_correct") == 1.0
    assert metric(report, "ut.source_code.overall") == 1.0  # DEMO right; the synthetic VERB code not asked
    assert report.metric("ut.source_code.overall").n == 1  # type: ignore[union-attr]
    assert metric(report, "gsr.cameo_root") == 1.0  # roots 19 and 11 found
    assert metric(report, "gsr.cameo_exact") == 0.0  # but neither exact code
    assert metric(report, "gsr.source_code.overall") == 1.0
    assert metric(report, "gsr.target_code.overall") == 0.0  # IRQ is not IRQMUS, CHN is not RUS
    assert metric(report, "gsr.noevent_correct") == 0.0
    assert metric(report, "gsr_news.cameo_root") == 1.0
    assert metric(report, "gsr_news.target_country.overall") == 1.0  # IRQ is the country of IRQMUS
    assert report.metric("gsr_news.cameo_root").n == 1  # type: ignore[union-attr]
    cats = {row["category"]: row for row in report.tables["per_category"]}
    assert cats["PETR-UT/DEMO"]["root_agreement"] == 1.0


def test_detect_kind_from_records() -> None:
    assert detect_kind([petr("PETR-UT:X", "DEMO", [])]) == PETRARCH
    assert detect_kind([plover_record("r", [{"type": "AGREE"}])]) == PLOVER
    loc = EvalRecord("evloc-1", "t", None, [{"trigger_start": 0}], {"rechecked_gold": True})
    assert detect_kind([loc]) == LOCATION
    with pytest.raises(InputError, match="cannot tell"):
        detect_kind([EvalRecord("x", "t", None, None, {})])


def test_petrarch_unknown_country_codes_and_excluded_categories() -> None:
    records = [
        petr("PETR2-GSR:OTHER_9", "OTHER", [cameo("043", "---GOV", "FRA")]),
        EvalRecord("PETR-UT:X-1", "t", None, [cameo("064", "ARN", "GON")],
                   {"category": "X", "in_include_list": False}),
    ]
    preds = {"PETR2-GSR:OTHER_9": [event("CONSULT", "043", actor(None, ("GOV",), code="---GOV"), actor("FRA"))]}
    report = score_petrarch(records, preds)
    assert report.metric("gsr.source_country.overall").n == 0  # type: ignore[union-attr]
    assert metric(report, "gsr.source_code.overall") == 1.0
    assert metric(report, "gsr.target_country.overall") == 1.0
    assert report.metric("ut.cameo_root").n == 0  # type: ignore[union-attr]
    assert any("<Include>" in note for note in report.notes)
