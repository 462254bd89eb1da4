"""One exit-status table, enforced (issue 21): every command on empty, missing, unreadable, broken and valid
inputs, each status checked against the table in README.md / docs/exit-statuses.md / dyadwatch/errors.py."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli.main import cli
from dyadwatch.errors import EXIT_STATUSES
from dyadwatch.store import open_store

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("empty", "missing", "unreadable", "broken", "valid")


def table_of(path: Path) -> dict[int, str]:
    """The ``| status | meaning |`` table of a markdown file (the first one found)."""
    rows = re.findall(r"^\| (\d) \| (.+?) \|$", path.read_text(encoding="utf-8"), flags=re.M)
    return {int(code): meaning for code, meaning in rows}


def test_the_table_is_one_table() -> None:
    doc = table_of(ROOT / "docs" / "exit-statuses.md")
    assert set(doc) == set(EXIT_STATUSES) == {0, 1, 2, 3, 4, 5}
    readme = table_of(ROOT / "README.md")
    assert set(readme) == set(doc), "README's exit-status table and docs/exit-statuses.md list different statuses"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("inputs")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "empty.jsonl").write_text("\n", encoding="utf-8")
    (d / "broken.txt").write_bytes(b"\xff\xfe\x00 not utf-8")
    (d / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    (d / "valid.jsonl").write_text(json.dumps({"id": "v", "text": "Japan praised South Korea on Monday.",
                                               "published": "2024-11-21"}) + "\n", encoding="utf-8")
    (d / "valid.txt").write_text("Japan praised South Korea on Monday.", encoding="utf-8")
    # Unreadable: a file without read permission; as root every file is readable, so a directory instead.
    if os.geteuid() == 0:
        (d / "unreadable.txt").mkdir()
        (d / "unreadable.jsonl").mkdir()
        (d / "unreadable.duckdb").mkdir()
    else:
        for name in ("unreadable.txt", "unreadable.jsonl", "unreadable.duckdb"):
            (d / name).write_text("x", encoding="utf-8")
            (d / name).chmod(0)
    (d / "broken.duckdb").write_bytes(b"this is not a database file" * 100)
    with open_store(d / "empty.duckdb"):
        pass
    from test_analytics import corpus

    with open_store(d / "valid.duckdb") as store:
        store.ingest(corpus()[:6])
    (d / "feeds-empty.txt").write_text("# no feeds\n", encoding="utf-8")
    gold = d / "gold-empty"
    gold.mkdir()
    return d


def _db(d: Path, kind: str) -> str:
    return str(d / f"{kind}.duckdb")


# (command, {kind: expected status}); "{db}" is the store of that kind, "{in}" the input file of that kind.
STORE_READS: dict[str, tuple[list[str], dict[str, int]]] = {
    "events": (["events", "--db", "{db}"], {"empty": 4, "missing": 5, "unreadable": 5, "broken": 5, "valid": 0}),
    "series": (["series", "USA", "CHN", "--db", "{db}"],
               {"empty": 4, "missing": 5, "unreadable": 5, "broken": 5, "valid": 0}),
    "plot": (["plot", "USA", "CHN", "-o", "{tmp}/p.png", "--db", "{db}"],
             {"empty": 4, "missing": 5, "unreadable": 5, "broken": 5, "valid": 0}),
    "export": (["export", "--to", "plover", "-o", "{tmp}/e.jsonl", "--db", "{db}"],
               {"empty": 4, "missing": 5, "unreadable": 5, "broken": 5, "valid": 0}),
    "info": (["info", "--db", "{db}"], {"empty": 0, "missing": 5, "unreadable": 5, "broken": 5, "valid": 0}),
    "check": (["check", "--db", "{db}"], {"empty": 0, "missing": 5, "unreadable": 5, "broken": 5, "valid": 0}),
    "forget": (["forget", "--db", "{db}", "--before", "2000-01-01"],
               {"empty": 4, "missing": 5, "unreadable": 5, "broken": 5, "valid": 4}),
    "recode": (["recode", "--db", "{db}", "--where", "article=none"],
               {"empty": 4, "missing": 5, "unreadable": 5, "broken": 5, "valid": 4}),
    "copy": (["copy", "--from", "{db}", "--to", "{tmp}/copy.duckdb"],
             {"empty": 0, "missing": 5, "unreadable": 5, "broken": 5, "valid": 0}),
}
FILE_INPUTS: dict[str, tuple[list[str], dict[str, int]]] = {
    "code": (["code", "{in}"], {"empty": 3, "missing": 3, "unreadable": 3, "broken": 3, "valid": 0}),
    "ingest": (["ingest", "{in}", "--db", "{tmp}/i.duckdb"],
               {"empty": 3, "missing": 3, "unreadable": 3, "broken": 3, "valid": 0}),
}


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


def _check(code: int, expected: int, args: list[str], output: str) -> None:
    assert code == expected, f"{' '.join(args)} exited {code}, the table says {expected}: {output}"
    assert "internal error" not in output and "Traceback" not in output
    if code:
        problems = [line for line in output.splitlines() if line.startswith(("Error:", "skipped:"))]
        assert problems, f"{' '.join(args)}: no one-line reason for status {code}: {output}"


@pytest.mark.parametrize("command", sorted(STORE_READS))
def test_store_commands_follow_the_table(command: str, inputs: Path, tmp_path: Path) -> None:
    template, expected = STORE_READS[command]
    for kind in KINDS:
        args = [a.replace("{db}", _db(inputs, kind)).replace("{tmp}", str(tmp_path)) for a in template]
        code, output = _run(args)
        _check(code, expected[kind], args, output)
        for left in ("copy.duckdb",):
            if (tmp_path / left).exists():
                (tmp_path / left).unlink()
    assert not (inputs / "missing.duckdb").exists()  # a read never creates a store


@pytest.mark.parametrize("command", sorted(FILE_INPUTS))
@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_file_commands_follow_the_table(command: str, suffix: str, inputs: Path, tmp_path: Path) -> None:
    template, expected = FILE_INPUTS[command]
    for kind in KINDS:
        args = [a.replace("{in}", str(inputs / f"{kind}{suffix}")).replace("{tmp}", str(tmp_path))
                for a in template]
        code, output = _run(args)
        _check(code, expected[kind], args, output)


def test_the_other_commands_follow_the_table(inputs: Path, tmp_path: Path) -> None:
    cases = [
        (["codes", "actors", "--search", "no-such-actor-anywhere"], 4),
        (["codes", "actors", "--search", "korea"], 0),
        (["codes", "types", "--search", "reject"], 0),
        (["watch", str(inputs / "missing.txt"), "--db", str(tmp_path / "w.duckdb"), "--once"], 3),
        (["watch", str(inputs / "feeds-empty.txt"), "--db", str(tmp_path / "w.duckdb"), "--once"], 3),
        (["serve", "--db", _db(inputs, "missing")], 5),
        (["serve", "--db", _db(inputs, "broken")], 5),
        (["eval", str(inputs / "missing-gold")], 3),
        (["eval", str(inputs / "gold-empty")], 3),
        (["bench", str(inputs / "missing.jsonl")], 3),
        (["bench", str(inputs / "empty.jsonl")], 3),
        (["bench-scale", str(inputs / "missing.jsonl")], 3),
        (["recode", "--db", _db(inputs, "valid"), "--where", "colour=red"], 3),
        (["forget", "--db", _db(inputs, "valid")], 2),
        (["events", "--db", _db(inputs, "valid"), "--since", "21/11/2024"], 2),
        (["events", "--db", _db(inputs, "valid"), "--source", "XYZ"], 3),
        (["no-such-command"], 2),
    ]
    for args, expected in cases:
        code, output = _run(args)
        if expected == 2:  # click's own usage errors: "Error: ..." with the usage line above it
            assert code == 2 and "Error:" in output, (args, output)
        else:
            _check(code, expected, args, output)


def test_recode_and_check_on_a_valid_store_succeed(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    shutil.copy(inputs / "valid.duckdb", db)
    with open_store(db, read_only=True) as store:
        first = str(store.sql("SELECT article_id FROM articles ORDER BY article_id LIMIT 1")["article_id"][0])
    for args in (["recode", "--db", str(db), "--where", f"article={first}"], ["check", "--db", str(db)],
                 ["forget", "--db", str(db), "--before", "2100-01-01"], ["check", "--db", str(db)]):
        code, output = _run(args)
        _check(code, 0, args, output)
