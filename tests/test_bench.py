"""``dyadwatch bench``: output shape on a tiny corpus of our own sentences (never timings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli.eval_cmds import bench_command
from dyadwatch.config import Settings
from dyadwatch.instruments.pipeline_bench import first_side, run_bench

TEXTS = [
    {"id": "t1", "text": "The foreign minister of Chile visited Lima on Monday. Peru welcomed the visit.",
     "published": "2024-03-04", "title": "Visit", "url": "https://example.org/1", "source": "test"},
    {"id": "t2", "text": "Kenya accused Somalia of violating the border agreement.", "date": "2024-03-05"},
    {"id": "t3", "text": "Norway pledged aid to Sudan after the floods. Talks resume next week."},
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(t) for t in TEXTS) + "\n", encoding="utf-8")
    return path


def test_bench_measures_both_sides_over_every_pass(corpus: Path) -> None:
    result = run_bench(corpus, repeat=2, profile=True,
                       settings=Settings(stages=("normalise", "parse"), selective_parse=True))
    data = result.to_dict()
    assert data["ours"]["articles"] == data["bare_spacy"]["articles"] == 6
    assert data["ours"]["sentences"] >= 6 and data["bare_spacy"]["sentences"] >= 6
    assert data["ours"]["chars"] == data["bare_spacy"]["chars"]
    for side in (data["ours"], data["bare_spacy"]):
        assert side["system_seconds"] >= 0 and side["page_faults"] >= 0
    assert data["ratio"] is not None and data["ratio"] > 0
    assert data["ratio_cpu"] is not None and data["ours"]["cpu_seconds"] > 0
    assert set(data["ratio_per_round"]) == {"min", "median", "max"}
    assert data["rounds"] == 2
    rounds = data["ratio_cpu_per_round"]  # the rounds' CPU ratios, their median beside the total
    assert len(rounds["values"]) == 2 and rounds["min"] <= rounds["q1"] <= rounds["median"] <= rounds["q3"]
    assert rounds["q3"] <= rounds["max"] and rounds["median"] == data["ratio_cpu_round_median"]
    assert len(data["ratio_cpu_per_pass"]) == 2 and all(r > 0 for r in data["ratio_cpu_per_pass"])
    assert [p["pass"] for p in data["memory"]["passes"]] == [0, 1, 2]
    assert data["memory"]["rss_growth_mb"] is not None and data["memory"]["peak_rss_mb"] > 0
    assert set(data["profile"]) == {"normalise", "parse"}
    assert sum(v["share"] for v in data["profile"].values()) <= 1.0001
    # selective parsing: every pass's sentences counted; these all hold a predicate ("talks" is an event noun)
    assert data["seen_sentences"] == data["ours"]["sentences"]
    assert 0 < data["parsed_sentences"] <= data["seen_sentences"]
    assert data["parsed_share"] == round(data["parsed_sentences"] / data["seen_sentences"], 4)
    assert data["full_parse"] is None
    assert data["selective_parse"] is True


def test_bench_reports_the_parsed_share_when_every_sentence_is_parsed(corpus: Path) -> None:
    data = run_bench(corpus, settings=Settings(stages=("normalise", "parse"))).to_dict()
    assert data["selective_parse"] is False
    assert data["seen_sentences"] == data["parsed_sentences"] == data["ours"]["sentences"] >= 4
    assert data["parsed_share"] == 1.0
    res = CliRunner().invoke(bench_command, [str(corpus)])
    assert res.exit_code == 0, res.output
    assert "sentences parsed:" in res.output and "100.0%" in res.output and "every sentence parsed" in res.output


def test_bench_full_parse_side_runs_in_the_same_rounds(corpus: Path) -> None:
    settings = Settings(stages=("normalise", "parse"), selective_parse=True)
    data = run_bench(corpus, full_parse_side=True, settings=settings).to_dict()
    full = data["full_parse"]
    assert full["articles"] == data["ours"]["articles"] == 3
    assert full["ratio"] is not None and full["ratio"] > 0


def test_bench_skips_bad_lines_and_reports_them(tmp_path: Path, corpus: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(corpus.read_text(encoding="utf-8") + "{not json\n" + json.dumps({"id": "x"}) + "\n",
                   encoding="utf-8")
    result = run_bench(bad, settings=Settings(stages=("normalise", "parse")))
    assert result.ours.articles == 3
    assert result.problem_count == 2
    assert "malformed JSON" in result.problems[0] and "bad.jsonl:4" in result.problems[0]


def test_bench_cli_prints_table_and_writes_json(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    res = CliRunner().invoke(bench_command, [str(corpus), "--repeat", "2", "--json", str(out), "--profile"])
    assert res.exit_code == 0, res.output
    assert "ratio ours/bare" in res.output and "peak RSS" in res.output and "articles/s" in res.output
    assert "per-stage CPU time" in res.output and "events" in res.output and "per pass" in res.output
    assert "system time and page faults" in res.output
    assert "per round on CPU time: median" in res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["ours"]["articles"] == 6
    assert {"articles_per_s", "sentences_per_s"} <= set(data["ours"]) and "ratio" in data
    assert set(data["profile"]) == {"normalise", "parse", "actors", "events", "dates", "places", "agents", "links",
                                     "assemble"}
    assert all(row["cpu_seconds"] >= 0 and 0 <= row["share"] <= 1 for row in data["profile"].values())


def test_bench_cli_missing_corpus_is_one_line_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(bench_command, [str(tmp_path / "nope.jsonl")])
    assert res.exit_code != 0
    assert "no such file" in res.output and len(res.output.strip().splitlines()) == 1


def test_each_chunk_is_coded_first_by_each_side_in_turn() -> None:
    # two chunks per pass (as VOA in batches of 32): over two passes each chunk has each side first once
    for chunk in range(2):
        assert {first_side(chunk, p, 2) for p in range(2)} == {0, 1}
    assert [first_side(c, 0, 3) for c in range(3)] == [0, 1, 2]
