"""Filters that cannot match say so (issue 12, item 5): the library check the CLI and the HTTP server share, and
the CLI's one-line errors and exit statuses over it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from test_analytics import corpus

from dyadwatch.cli.main import cli
from dyadwatch.errors import EXIT_BAD_INPUT, EXIT_NOTHING_FOUND, EXIT_USAGE, QueryError
from dyadwatch.query import actor_codes, parse_query, resolve_actor, resolve_type
from dyadwatch.store import open_store


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source": "XYZ"}, "unknown source code 'XYZ'"),
        ({"source": "Chna"}, "did you mean CHN (China)"),
        ({"type": "REJCT"}, "did you mean REJECT"),
        ({"type": "999"}, "not in the CAMEO 1.1b3 codebook"),
        ({"since": date(2024, 12, 1), "until": date(2024, 1, 1)}, "swap them"),
    ],
)
def test_filters_that_cannot_match_are_one_line_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(QueryError) as err:
        parse_query(**kwargs)
    assert message in str(err.value) and "\n" not in str(err.value)
    if "since" not in kwargs:
        assert "dyadwatch codes" in str(err.value)


def test_names_and_cameo_codes_are_read_and_said() -> None:
    query = parse_query(source="China", target="usa", type="120")
    assert (query.source, query.target, query.plover, query.cameo) == ("CHN", "USA", None, "120")
    assert any("read as CHN" in n for n in query.notes) and any("CAMEO 120" in n for n in query.notes)
    assert resolve_type("42")[1] == "042"  # the leading zero, when only one code fits
    assert resolve_type("fight")[0] == "ASSAULT"  # PLOVER 0.5b1 name
    assert resolve_actor("NATO") == ("NATO", None)


@given(st.text(max_size=12))
def test_any_typed_value_resolves_or_fails_with_a_query_error(value: str) -> None:
    for check in (resolve_actor, resolve_type):
        try:
            check(value)
        except QueryError as err:
            assert "\n" not in str(err)


def test_every_actor_code_is_valid_as_itself() -> None:
    for code in actor_codes().names:
        assert resolve_actor(code)[0] == code


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("query") / "q.duckdb"
    with open_store(path) as store:
        store.ingest(corpus())
    return str(path)


def test_cli_events_bad_values_exit_3_with_the_fix(db: str) -> None:
    runner = CliRunner()
    for args, message in ((["--source", "XYZ"], "dyadwatch codes actors"), (["--type", "REJCT"], "REJECT"),
                          (["--since", "2024-12-01", "--until", "2024-01-01"], "swap them")):
        result = runner.invoke(cli, ["events", "--db", db, *args])
        assert result.exit_code == EXIT_BAD_INPUT, result.output
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1 and not result.stdout


def test_cli_events_names_cameo_and_nothing_found(db: str) -> None:
    runner = CliRunner()
    by_name = runner.invoke(cli, ["events", "--db", db, "--source", "China", "--format", "json"])
    assert by_name.exit_code == 0 and "read as CHN" in by_name.stderr
    assert {e["source"]["country"] for e in json.loads(by_name.stdout)} == {"CHN"}
    by_cameo = runner.invoke(cli, ["events", "--db", db, "--type", "12", "--all", "--format", "json"])
    assert by_cameo.exit_code == 0, by_cameo.output
    assert {e["event"]["cameo"][:2] for e in json.loads(by_cameo.stdout)} == {"12"}
    none = runner.invoke(cli, ["events", "--db", db, "--source", "FRA"])
    assert none.exit_code == EXIT_NOTHING_FOUND and none.stderr.startswith("Error: [DW120] no counted events")
    assert not none.stdout


def test_cli_codes_lists_actors_and_types() -> None:
    runner = CliRunner()
    actors = runner.invoke(cli, ["codes", "actors", "--search", "china", "--format", "json"])
    assert actors.exit_code == 0 and any(r["code"] == "CHN" for r in json.loads(actors.stdout))
    types = runner.invoke(cli, ["codes", "types", "--format", "json"])
    assert len(json.loads(types.stdout)) == 16
    cameo = runner.invoke(cli, ["codes", "types", "--cameo", "--search", "120", "--format", "json"])
    assert any(r["code"] == "120" for r in json.loads(cameo.stdout))


def test_cli_code_without_path_hints_at_stdin(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["code"])
    assert result.exit_code == EXIT_USAGE and "- to read standard input" in result.stderr


def test_several_codes_mean_any_of_them_but_a_dyad_takes_one_per_side(db: str) -> None:
    query = parse_query(source="China, usa")
    assert query.source == ("CHN", "USA")
    with pytest.raises(QueryError, match="one code per side"):
        parse_query(source="USA,CHN", several=False)
    result = CliRunner().invoke(cli, ["events", "--db", db, "--source", "CHN,USA", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {e["source"]["country"] for e in json.loads(result.stdout)} == {"CHN", "USA"}
