"""The audit tool (tools/event_audit.py): Wilson intervals, scoring of judged fields, the join of verdicts to the
judging sheet (missing and extra keys are errors, not silently dropped), seeded sampling, and a sheet coded from a
constructed corpus. Sentences are written for these tests; none comes from an evaluation text.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tool_loader import load_tool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def audit():  # type: ignore[no-untyped-def]
    return load_tool("event_audit")


HEADER = ("article_id\tsentence_index\ttrigger_start\tplover\tsource_start\ttarget_start\t"
          "type\tsource_actor\tsource_country\ttarget_actor\ttarget_country\tdate\tplace\tstatus\terror_class\tnote\n")


def _row(article: str, sentence: int, trigger: int, plover: str = "CONSULT", source: int = 0,
         target: int = -1) -> dict[str, object]:
    return {"article_id": article, "sentence_index": sentence, "trigger_start": trigger, "plover": plover,
            "source_start": source, "target_start": target}


def _verdict_line(row: dict[str, object], verdicts: str, classes: str = "-", note: str = "") -> str:
    key = "\t".join(str(row[k]) for k in ("article_id", "sentence_index", "trigger_start", "plover", "source_start",
                                           "target_start"))
    return f"{key}\t{verdicts}\t{classes}\t{note}\n"


OK8 = "\t".join(["ok"] * 8)


def test_wilson_matches_the_closed_form_at_known_points(audit) -> None:  # type: ignore[no-untyped-def]
    lo, hi = audit.wilson(0, 10)
    assert lo == 0.0 and hi == pytest.approx(0.2775, abs=1e-4)
    lo, hi = audit.wilson(10, 10)
    assert lo == pytest.approx(0.7225, abs=1e-4) and hi == 1.0
    lo, hi = audit.wilson(20, 80)
    assert (round(lo, 3), round(hi, 3)) == (0.168, 0.355)
    assert audit.wilson(0, 0) == (0.0, 1.0)


@given(st.integers(min_value=1, max_value=2000), st.data())
def test_wilson_interval_holds_the_share_and_stays_in_unit_range(audit, total: int, data) -> None:  # type: ignore[no-untyped-def]
    ok = data.draw(st.integers(min_value=0, max_value=total))
    lo, hi = audit.wilson(ok, total)
    assert 0.0 <= lo <= ok / total <= hi <= 1.0
    assert hi - lo <= 2 * 1.96 * math.sqrt(0.25 / total) + 1e-9


def test_score_counts_fields_fully_right_and_dyad_right(audit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [_row("a", 0, 5), _row("a", 1, 40), _row("b", 0, 7), _row("b", 2, 90)]
    text = HEADER
    text += _verdict_line(rows[0], OK8)
    # a wrong place: dyad-right, not fully right
    text += _verdict_line(rows[1], "\t".join(["ok"] * 6 + ["wrong", "ok"]), "place-wrong", "place of another act")
    # a non-event: type wrong, every other field n/a
    text += _verdict_line(rows[2], "\t".join(["wrong"] + ["n/a"] * 7), "nonevent")
    # a wrong target country: neither
    text += _verdict_line(rows[3], "\t".join(["ok"] * 4 + ["wrong", "ok", "ok", "ok"]), "target-country,date")
    path = tmp_path / "v.tsv"
    path.write_text(text, encoding="utf-8")
    result = audit.score(audit.join(rows, audit.read_verdicts(path)))
    assert result["n"] == 4
    assert result["fields"]["type"][:2] == (3, 4)
    assert result["fields"]["place"][:2] == (2, 3)  # the non-event's n/a is left out
    assert result["fields"]["target_country"][:2] == (2, 3)
    assert result["fields"]["fully_right"][:2] == (1, 4)
    assert result["fields"]["dyad_right"][:2] == (2, 4)
    assert result["classes"] == {"place-wrong": 1, "nonevent": 1, "target-country": 1, "date": 1}
    assert "fully_right" in audit.render(result)


def test_join_reports_missing_and_extra_keys(audit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = [_row("a", 0, 5), _row("a", 1, 40)]
    path = tmp_path / "v.tsv"
    path.write_text(HEADER + _verdict_line(sheet[0], OK8) + _verdict_line(_row("z", 3, 3), OK8), encoding="utf-8")
    with pytest.raises(audit.AuditError) as err:
        audit.join(sheet, audit.read_verdicts(path))
    message = str(err.value)
    assert "1 sheet event(s) without a verdict" in message and "('a', 1, 40, 'CONSULT', 0, -1)" in message
    assert "1 verdict(s) for events not in the sheet" in message and "'z'" in message


def test_key_includes_the_actors_so_coordinated_ones_stay_apart(audit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = [_row("a", 0, 5, source=0), _row("a", 0, 5, source=12), _row("a", 0, 5, source=12, target=30)]
    path = tmp_path / "v.tsv"
    path.write_text(HEADER + _verdict_line(sheet[1], "\t".join(["ok"] * 7 + ["wrong"]), "modality")
                    + _verdict_line(sheet[0], OK8) + _verdict_line(sheet[2], OK8), encoding="utf-8")
    joined = audit.join(sheet, audit.read_verdicts(path))
    assert [v.key[4:] for v in joined] == [(0, -1), (12, -1), (12, 30)] and joined[1].fields["status"] == "wrong"


@pytest.mark.parametrize("body, problem", [
    (_verdict_line(_row("a", 0, 5), OK8) * 2, "judged twice"),
    (_verdict_line(_row("a", 0, 5), "\t".join(["ok"] * 7 + ["maybe"])), "not one of ok, wrong, n/a"),
    ("a\tx\t5\tCONSULT\t0\t-1\t" + OK8 + "\t-\t\n", "must be integers"),
])
def test_bad_verdict_files_are_one_line_errors(audit, tmp_path: Path, body: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "v.tsv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(audit.AuditError, match=problem):
        audit.read_verdicts(path)
    (tmp_path / "short.tsv").write_text("article_id\tnote\n", encoding="utf-8")
    with pytest.raises(audit.AuditError, match="missing column"):
        audit.read_verdicts(tmp_path / "short.tsv")


def test_sample_is_seeded_uniform_and_independent_of_input_order(audit) -> None:  # type: ignore[no-untyped-def]
    rows = [_row(f"art-{i % 7}", i, i * 3) for i in range(50)]
    first = audit.sample(rows, 10, seed=7)
    assert first == audit.sample(list(reversed(rows)), 10, seed=7)
    assert len({audit.event_key(r) for r in first}) == 10
    assert first != audit.sample(rows, 10, seed=8)
    with pytest.raises(audit.AuditError, match="--n 50 or less"):
        audit.sample(rows, 51, seed=7)


def test_sheet_is_refused_inside_the_repository(audit, capsys) -> None:  # type: ignore[no-untyped-def]
    status = audit.main(["sample", "--corpus", "x.jsonl", "--n", "1", "--seed", "1",
                         "--out", str(ROOT / "eval" / "sheet.jsonl")])
    assert status == 3 and "inside the repository" in capsys.readouterr().err
    assert not (ROOT / "eval" / "sheet.jsonl").exists()


def test_sample_codes_a_corpus_and_writes_every_field(audit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "news.jsonl"
    articles = [
        {"id": "n1", "published": "2024-05-10", "text": "Tanzania's foreign minister spoke to reporters on Thursday. "
         "Ruritania's defence chief met the Kenyan army commander in Nairobi on Wednesday."},
        {"id": "n2", "published": "2024-05-11", "text": "Chile condemned the Argentine government on Friday."},
    ]
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    out = tmp_path / "sheet.jsonl"
    assert audit.main(["sample", "--corpus", str(corpus), "--n", "1", "--seed", "3", "--out", str(out)]) == 0
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for name in ("article_id", "sentence_index", "trigger_start", "plover", "source_start", "target_start", "published",
                 "sentence", "previous", "cameo", "source_text", "source_country", "source_sector", "source_rule",
                 "target_text",
                 "target_country", "target_sector", "target_rule", "date", "date_precision", "historical",
                 "date_rule", "place", "place_country", "negated", "hypothetical"):
        assert name in row, name
    assert row["sentence"] in {a["text"][a["text"].find(row["sentence"]):][:len(row["sentence"])] for a in articles}


def _coded(article: str, sentence: int, trigger: int, **fields: object) -> dict[str, object]:
    row = _row(article, sentence, trigger)
    row.update({"cameo": "040", "negated": False, "hypothetical": False, "source_text": "Chile",
                "source_country": "CHL", "target_text": None, "target_country": None, "date": "2024-05-10",
                "date_precision": "day", "historical": False, "place": None, "source_rule": "dictionary"})
    row.update(fields)
    return row


def test_delta_keeps_only_events_whose_judged_content_changed(audit) -> None:  # type: ignore[no-untyped-def]
    same = _coded("a", 0, 5)
    renamed = _coded("a", 1, 9)  # only the rule's name changes: nothing to judge again
    old_target = _coded("b", 0, 3, target_text="the ministry", target_country=None)
    new_target = _coded("b", 0, 3, target_text="the ministry", target_country="PER")
    dropped = _coded("c", 2, 40, plover="ASSAULT")
    added = _coded("d", 0, 0, plover="ACCUSE", target_start=12)
    before = [same, renamed, old_target, dropped, dropped]
    after = [dict(renamed, source_rule="apposition"), same, new_target, dropped, added]
    rows = audit.delta(before, after)
    assert [(r["side"], r["article_id"]) for r in rows] == [("before", "b"), ("after", "b"), ("before", "c"),
                                                            ("after", "d")]
    assert audit.delta(after, after) == []


def test_score_delta_counts_net_right_events(audit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = audit.delta([_coded("b", 0, 3), _coded("c", 2, 40)],
                       [_coded("b", 0, 3, target_country="PER"), _coded("e", 1, 8)])
    header = "side\t" + HEADER
    lines = [
        "before\t" + _verdict_line(rows[0], "\t".join(["ok"] * 4 + ["wrong", "ok", "ok", "ok"]), "target-country"),
        "after\t" + _verdict_line(rows[1], OK8),
        "before\t" + _verdict_line(rows[2], "\t".join(["wrong"] + ["n/a"] * 7), "nonevent"),
        "after\t" + _verdict_line(rows[3], "\t".join(["ok"] * 6 + ["wrong", "ok"]), "place-wrong"),
    ]
    path = tmp_path / "delta.tsv"
    path.write_text(header + "".join(lines), encoding="utf-8")
    verdicts = audit.read_verdicts(path, sided=True)
    result = audit.score_delta(rows, audit.join(rows, verdicts, sided=True))
    assert result["sides"]["before"] == {"events": 2, "fully_right": 0, "dyad_right": 0}
    assert result["sides"]["after"] == {"events": 2, "fully_right": 1, "dyad_right": 2}
    assert result["net"] == {"events": 0, "fully_right": 1, "dyad_right": 2}
    assert "net" in audit.render_delta(result)
    path.write_text(header + lines[0].replace("before", "later", 1), encoding="utf-8")
    with pytest.raises(audit.AuditError, match="side before or after"):
        audit.read_verdicts(path, sided=True)


def test_delta_sheet_is_refused_inside_the_repository(audit, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    status = audit.main(["delta", "--before", str(empty), "--after", str(empty),
                         "--out", str(ROOT / "eval" / "delta.jsonl")])
    assert status == 3 and "inside the repository" in capsys.readouterr().err
