"""``dyadwatch eval``: a tiny gold folder of our own sentences, through the full pipeline and the CLI."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dyadwatch.cli.eval_cmds import eval_command
from dyadwatch.errors import ConfigError
from dyadwatch.evaluation.dataset import EvalRecord
from dyadwatch.evaluation.runner import Coder, score_location


def gold(kind: str, source: str, target: str | None, **extra: Any) -> dict[str, Any]:
    return {"source": source, "target": target, "code": kind, "ontology": "PLOVER", "plover_current": kind,
            "source_sector": "GOV", "target_sector": None, **extra}


RECORDS = [
    {"id": "mine-1", "text": "The government of Chile condemned Bolivia on Tuesday for closing the border.",
     "date": "2021-05-04", "gold": [gold("ACCUSE", "CHL", "BOL")], "meta": {"subset": "PLOVER_GSR"}},
    {"id": "mine-2", "text": "Portugal sent medical supplies to Mozambique after the cyclone.",
     "date": None, "gold": [gold("AID", "PRT", "MOZ")], "meta": {"subset": "PLOVER_GSR"}},
    {"id": "mine-3", "text": "A spokesman said the weather in Oslo was mild.", "date": None,
     "gold": [{"source": None, "target": None, "code": "010", "ontology": "CAMEO",
               "plover_via_cameo2plover": "dropped"}], "meta": {"subset": "CAMEO_MANUAL_EXAMPLE"}},
]


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mini-plover"
    folder.mkdir()
    (folder / "eval.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    return folder


def run(*args: str) -> Any:
    return CliRunner().invoke(eval_command, list(args))


def test_eval_prints_table_writes_json_and_pins_a_baseline(gold_dir: Path, tmp_path: Path) -> None:
    out, base = tmp_path / "report.json", tmp_path / "baseline.json"
    res = run(str(gold_dir), "--json", str(out), "--baseline", str(base), "--update-baseline")
    assert res.exit_code == 0, res.output
    assert "PLOVER type F1 (micro)" in res.output and "source country accuracy" in res.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["dataset"] == "plover-gsr-cameo" and report["records"] == 3
    assert {"type.micro.f1", "cameo_root.agreement", "source_sector.overall"} <= set(report["metrics"])
    assert report["gate"]["problems"] == []
    pinned = json.loads(base.read_text(encoding="utf-8"))["datasets"]["plover-gsr-cameo"]
    assert pinned["records"] == 3 and len(pinned["sha256"]) == 64
    assert "type.micro.f1" in pinned["floors"]
    # Same pipeline, same data: the gate holds, and --check exits 0.
    again = run(str(gold_dir), "--baseline", str(base), "--check")
    assert again.exit_code == 0, again.output
    assert "every floor held" in again.output


def test_check_fails_when_floors_are_not_met(gold_dir: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    assert run(str(gold_dir), "--baseline", str(base), "--update-baseline").exit_code == 0
    data = json.loads(base.read_text(encoding="utf-8"))
    data["datasets"]["plover-gsr-cameo"]["floors"]["type.micro.recall"] = 1.5  # unreachable
    base.write_text(json.dumps(data), encoding="utf-8")
    res = run(str(gold_dir), "--baseline", str(base), "--check")
    assert res.exit_code != 0
    assert "below its floor" in res.output and "quality-gate problem" in res.output
    # and --update-baseline refuses to lower it
    res = run(str(gold_dir), "--baseline", str(base), "--update-baseline")
    assert res.exit_code != 0 and "refusing to lower" in res.output
    assert json.loads(base.read_text(encoding="utf-8")) == data  # untouched


def test_limit_cannot_update_the_baseline(gold_dir: Path, tmp_path: Path) -> None:
    res = run(str(gold_dir), "--limit", "1", "--update-baseline", "--baseline", str(tmp_path / "b.json"))
    assert res.exit_code != 0 and "drop --limit" in res.output
    res = run(str(gold_dir), "--limit", "1", "--baseline", str(tmp_path / "b.json"))
    assert res.exit_code == 0 and "1 records" in res.output


def test_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    res = run(str(tmp_path / "absent"))
    assert res.exit_code != 0
    assert "no such file" in res.output and len(res.output.strip().splitlines()) == 1


def test_petrarch_unit_tests_need_their_dictionaries(tmp_path: Path) -> None:
    folder = tmp_path / "petr"
    folder.mkdir()
    record = {"id": "PETR-UT:MINE-01", "text": "Gondor criticised Arnor.", "date": "1995-01-01",
              "gold": [{"source": "GON", "target": "ARN", "code": "111", "ontology": "CAMEO",
                        "in_cameo_codebook": True}], "meta": {"category": "DEMO"}}
    (folder / "eval.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    res = run(str(folder))
    assert res.exit_code != 0 and "PETR.Validate.actors.txt" in res.output


def test_location_scorer_absence_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dyadwatch.evaluation.location_eval", None)
    record = EvalRecord("evloc-1", "Troops patrolled Basra.", None, [], {"rechecked_gold": True})
    with pytest.raises(ConfigError, match="score_event_location"):
        score_location([record], Coder(), None, None, include_all=False)


def test_location_results_become_gated_rates_and_a_counts_table(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def fake_scorer(records: Any, pipeline_factory: Any) -> dict[str, Any]:
        ids = [r["id"] for r in records]
        seen.append(ids)
        return {"n": len(ids), "span_recall": 0.5, "false_location_rate": 0.25, "counts": {"found": 3}}

    monkeypatch.setitem(sys.modules, "dyadwatch.evaluation.location_eval",
                        types.SimpleNamespace(score_event_location=fake_scorer))
    records = [EvalRecord(f"evloc-{i}", "Troops patrolled the town.", None, [], {"rechecked_gold": i < 2},
                          {"id": f"evloc-{i}"}) for i in range(5)]
    report = score_location(records, Coder(), None, None, include_all=True)
    assert seen == [["evloc-0", "evloc-1"], [f"evloc-{i}" for i in range(5)]]
    gated = {m.name for m in report.metrics if m.gated}
    assert gated == {"rechecked.span_recall"}  # lower-is-better rates and the 'all' run hold no floor
    assert report.metric("all.span_recall") is not None
    assert {"count": "found", "rechecked": 3, "all": 3} in report.tables["counts"]


def test_malformed_gold_file_is_a_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "eval.jsonl").write_bytes(b'{"id": "a", "text": "ok", "gold": []}\n{"id": \n')
    res = run(str(folder))
    assert res.exit_code != 0 and "eval.jsonl:2: malformed JSON" in res.output
    (folder / "eval.jsonl").write_bytes(b'{"id": "a", "text": "caf\xe9"}\n')
    res = run(str(folder))
    assert res.exit_code != 0 and "not UTF-8" in res.output


def test_a_folder_of_gold_sets_scores_each_and_pins_all_together(gold_dir: Path, tmp_path: Path) -> None:
    petr = gold_dir.parent / "mini-petrarch"
    petr.mkdir()
    record = {"id": "PETR2-GSR:MINE_1", "text": "Brazil criticised Argentina over the trade dispute.",
              "date": "2015-06-09", "gold": [{"source": "BRA", "target": "ARG", "code": "111", "ontology": "CAMEO",
                                              "in_cameo_codebook": True}], "meta": {"category": "GOLD"}}
    (petr / "eval.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out, base = tmp_path / "all.json", tmp_path / "baseline.json"
    res = run(str(gold_dir.parent), "--json", str(out), "--baseline", str(base), "--update-baseline")
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["datasets"]) == {"plover-gsr-cameo", "petrarch-validation"}
    pinned = json.loads(base.read_text(encoding="utf-8"))["datasets"]
    assert set(pinned) == {"plover-gsr-cameo", "petrarch-validation"}
    # One set would lower a floor: nothing is saved, for either set.
    pinned["petrarch-validation"]["floors"]["gsr.cameo_root"] = 1.5
    pinned["plover-gsr-cameo"]["floors"]["type.micro.f1"] = 0.0
    saved = {"epsilon": 0.01, "datasets": pinned}
    base.write_text(json.dumps(saved), encoding="utf-8")
    res = run(str(gold_dir.parent), "--baseline", str(base), "--update-baseline")
    assert res.exit_code != 0 and "refusing to lower" in res.output
    assert json.loads(base.read_text(encoding="utf-8")) == saved
