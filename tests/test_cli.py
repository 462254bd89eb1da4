"""The command line: formats over one data path, loud one-line failures, non-zero exits."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli.main import EXIT_PARTIAL, cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


ARTICLE = "Japan praised South Korea on Monday.\nChina condemned the United States on Tuesday."


def test_cli_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help"
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        if name in {"code", "ingest", "events", "info", "demo"}:
            assert "Example:" in result.output, name


def test_cli_missing_file_is_one_line_and_nonzero(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["code", str(tmp_path / "missing.txt")])
    assert result.exit_code == EXIT_PARTIAL
    assert "no such file" in result.stderr


def test_cli_bad_date_option_says_the_form(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["code", str(path), "--published", "21/11/2024"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_cli_code_formats_render_the_same_events(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    jsonl = runner.invoke(cli, ["code", str(path), "--published", "2024-11-21", "--format", "jsonl"])
    assert jsonl.exit_code == 0, jsonl.output
    events = [json.loads(line) for line in jsonl.stdout.splitlines()]
    as_csv = runner.invoke(cli, ["code", str(path), "--published", "2024-11-21", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in events]
    table = runner.invoke(cli, ["code", str(path), "--published", "2024-11-21", "--format", "table"])
    assert table.exit_code == 0
    for event in events:
        assert ARTICLE[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]


def test_cli_jsonl_with_bad_line_codes_the_rest_and_exits_nonzero(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"id": "good", "text": ARTICLE, "published": "2024-11-21"}) + "\n{broken\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["code", str(path)])
    assert result.exit_code == EXIT_PARTIAL
    assert f"{path}:2" in result.stderr and "malformed JSON" in result.stderr
    assert all(json.loads(line)["article_id"] == "good" for line in result.stdout.splitlines())


def test_cli_ingest_twice_stores_once_and_events_query(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": ARTICLE, "published": "2024-11-21"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    first = runner.invoke(cli, ["ingest", str(path), "--db", db])
    assert first.exit_code == 0, first.stderr
    assert "1 new" in first.stderr
    second = runner.invoke(cli, ["ingest", str(path), "--db", db])
    assert "0 new, 1 already stored" in second.stderr
    listed = runner.invoke(cli, ["events", "--db", db, "--all", "--format", "json"])
    assert listed.exit_code == 0
    stored = json.loads(listed.stdout)
    coded = runner.invoke(cli, ["code", str(path), "--format", "json"])
    assert sorted(e["event_id"] for e in stored) == sorted(e["event_id"] for e in json.loads(coded.stdout))


def test_cli_events_on_missing_store_fails_with_fix(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "dyadwatch ingest" in result.stderr


def test_cli_info_lists_model_and_tables(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["info", "--format", "json"])
    assert result.exit_code == 0
    items = {row["item"]: row["version"] for row in json.loads(result.stdout)}
    assert items["model"].startswith("en_core_web_sm")
    assert any(k.startswith("table ontology/") for k in items)


def test_cli_code_warns_once_about_articles_without_a_publication_date(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": f"n{i}", "text": ARTICLE + f" Item {i}."}) + "\n" for i in range(2)),
                    encoding="utf-8")
    result = runner.invoke(cli, ["code", str(path)])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "no publication date" in line]
    assert len(warnings) == 1 and "2 article(s)" in warnings[0] and "--published" in warnings[0]
