"""The analytics commands through click: series, plot, export, bench-store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_analytics import corpus

from dyadwatch.cli.analytics_cmds import bench_store_command, export_command, plot_command, series_command
from dyadwatch.errors import EXIT_BAD_INPUT, EXIT_ENVIRONMENT, EXIT_NOTHING_FOUND
from dyadwatch.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("cli") / "relations.duckdb"
    with open_store(path) as store:
        store.ingest(corpus())  # groups are brought up to date by the commands themselves
    return str(path)


def test_cli_series_csv_and_alert_on_stderr(db: str) -> None:
    result = CliRunner().invoke(series_command, ["usa", "CHN", "--by", "month", "--format", "csv", "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["period"] for r in rows][-1] == "2024-11-01"
    assert rows[-1]["events"] == "4" and float(rows[-1]["strain"]) == pytest.approx(0.691057, abs=1e-4)
    assert rows[1]["strain"] == ""  # April: no events, no strain
    assert "alert: strain rise at 2024-11-01" in result.stderr


def test_cli_series_json_and_table(db: str) -> None:
    result = CliRunner().invoke(series_command, ["USA", "CHN", "--format", "json", "--unit", "mentions",
                                                 "--directed", "--db", db])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["period"] == "2024-03-01" and rows[-1]["events"] == 1
    table = CliRunner().invoke(series_command, ["USA", "CHN", "--db", db])
    assert table.exit_code == 0 and "strain" in table.stdout and "alert:" in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["USA", "CHN", "--db", "/nonexistent/x.duckdb"], "run `dyadwatch ingest"),
        (["XYZ", "CHN"], "dyadwatch codes actors"),
        (["USA", "CHN", "--since", "2024-12-01", "--until", "2024-01-01"], "swap them"),
    ],
)
def test_cli_series_errors_name_the_fix(db: str, args: list[str], message: str) -> None:
    if "--db" not in args:
        args = [*args, "--db", db]
    result = CliRunner().invoke(series_command, args)
    assert result.exit_code in (EXIT_BAD_INPUT, EXIT_ENVIRONMENT) and message in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_series_reads_a_country_name_as_its_code_and_says_so(db: str) -> None:
    result = CliRunner().invoke(series_command, ["United States", "china", "--format", "csv", "--db", db])
    assert result.exit_code == 0, result.output
    assert "read as USA" in result.stderr and "read as CHN" in result.stderr


def test_cli_no_events_is_the_same_message_and_status_in_series_plot_export(db: str, tmp_path: Path) -> None:
    runs = [
        CliRunner().invoke(series_command, ["FRA", "DEU", "--db", db]),
        CliRunner().invoke(plot_command, ["FRA", "DEU", "-o", str(tmp_path / "p.png"), "--db", db]),
        CliRunner().invoke(export_command, ["--to", "gdelt", "-o", str(tmp_path / "e.tsv"), "--source", "FRA",
                                            "--db", db]),
    ]
    for result in runs:
        assert result.exit_code == EXIT_NOTHING_FOUND, result.output
        assert result.stderr.startswith("Error: [DW120] no ") and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "e.tsv").exists() and not (tmp_path / "p.png").exists()


def test_cli_plot(db: str, tmp_path: Path) -> None:
    out = tmp_path / "strain.png"
    result = CliRunner().invoke(plot_command, ["USA", "CHN", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert "1 alert(s)" in result.stdout and "THREATEN" in result.stdout


def test_cli_export_formats(db: str, tmp_path: Path) -> None:
    for fmt, name in (("gdelt", "e.tsv"), ("plover", "e.jsonl"), ("parquet", "e.parquet")):
        out = tmp_path / name
        result = CliRunner().invoke(export_command, ["--to", fmt, "-o", str(out), "--db", db, "--source", "chn"])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0 and "wrote 6 events" in result.stdout
    bad = CliRunner().invoke(export_command, ["--to", "gdelt", "-o", str(tmp_path / "no" / "x.tsv"), "--db", db])
    assert bad.exit_code == EXIT_BAD_INPUT and "check the directory exists" in bad.output


def test_cli_bench_store_small(tmp_path: Path) -> None:
    path = tmp_path / "bench.duckdb"
    result = CliRunner().invoke(bench_store_command, ["--events", "20000", "--db", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("generated 20,000 events")
    assert "USA-CHN monthly series over mentions: cold" in lines[2] and "ms" in lines[2]
    assert lines[-1] == "target < 1 s: met"
    again = CliRunner().invoke(bench_store_command, ["--events", "10", "--db", str(path)])
    assert again.exit_code == EXIT_BAD_INPUT and "already exists" in again.output
