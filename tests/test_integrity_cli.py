"""Issue 21, the new user's cases: an undated article never breaks a store, --published fills and
--published-override replaces, and the small front-end fixes (each with the exact case that failed)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli.main import cli
from dyadwatch.errors import EXIT_BAD_INPUT, EXIT_NOTHING_FOUND
from dyadwatch.io.readers import OverrideDate, read_articles
from dyadwatch.store import open_store

FIJI = ("The Fijian rebels said they will release Prime Minister Mahendra Chaudhry and more than 30 members of his "
        "government, whom they had taken hostage two weeks ago, on the weekend.")


def test_undated_fiji_sentence_ingests_and_the_store_stays_usable(tmp_path: Path) -> None:
    """The article that broke a store for good: undated, and coded twice with the same trigger."""
    (tmp_path / "fiji.txt").write_text(FIJI + "\n", encoding="utf-8")
    db = str(tmp_path / "f.duckdb")
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(tmp_path / "fiji.txt"), "--db", db])
    assert first.exit_code == 0, first.output
    listed = runner.invoke(cli, ["events", "--db", db, "--all", "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    assert {json.loads(line)["event"]["plover"] for line in listed.stdout.splitlines()} == {"CONCEDE"}
    (tmp_path / "more.txt").write_text("Japan praised South Korea on Monday.", encoding="utf-8")
    again = runner.invoke(cli, ["ingest", str(tmp_path / "more.txt"), "--db", db, "--published", "2024-11-21"])
    assert again.exit_code == 0, again.output
    with open_store(db, read_only=True) as store:
        events = store.sql("SELECT count(*) AS n FROM events")["n"][0]
        members = store.sql("SELECT count(*) AS n FROM event_group_members")["n"][0]
        pending = store.sql("SELECT count(*) AS n FROM articles a WHERE NOT EXISTS "
                            "(SELECT 1 FROM grouped_articles g WHERE g.content_hash = a.content_hash)")["n"][0]
    assert pending == 0 and members == events  # every mention placed (none of them negated here)


def test_published_fills_only_missing_dates_and_override_replaces(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "own", "text": "China condemned Japan.", "published": "2019-12-23"}) + "\n"
                    + json.dumps({"id": "none", "text": "China condemned Japan again."}) + "\n", encoding="utf-8")
    filled = {a.id: a.published for a in read_articles(str(path), published=date(2025, 3, 15))}  # type: ignore[union-attr]
    assert filled == {"own": date(2019, 12, 23), "none": date(2025, 3, 15)}
    replaced = {a.id: a.published for a in read_articles(str(path), published=OverrideDate.of(date(2025, 3, 15)))}  # type: ignore[union-attr]
    assert replaced == {"own": date(2025, 3, 15), "none": date(2025, 3, 15)}
    assert all(type(d) is date for d in replaced.values())  # the marker does not leak into articles

    runner = CliRunner()
    own = runner.invoke(cli, ["code", str(path), "--published", "2025-03-15"])
    assert own.exit_code == 0, own.output
    by_article = {json.loads(line)["article_id"]: json.loads(line)["date"]["value"] for line in own.stdout.splitlines()}
    assert by_article["own"].startswith("2019") and by_article["none"].startswith("2025")
    over = runner.invoke(cli, ["code", str(path), "--published-override", "2025-03-15"])
    assert {json.loads(line)["date"]["value"][:4] for line in over.stdout.splitlines()} == {"2025"}
    both = runner.invoke(cli, ["code", str(path), "--published", "2025-03-15", "--published-override", "2025-03-15"])
    assert both.exit_code == 2 and "not both" in both.output


def test_empty_jsonl_exits_3_like_an_empty_txt(tmp_path: Path) -> None:
    for name in ("empty.jsonl", "empty.txt"):
        (tmp_path / name).write_text("\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["code", str(tmp_path / name)])
        assert result.exit_code == EXIT_BAD_INPUT, (name, result.output)
        assert "the file is empty" in result.stderr


def test_codes_search_without_a_match_says_so_and_exits_4() -> None:
    for args in (["codes", "actors", "--search", "DHS-no-such"], ["codes", "types", "--search", "zzzz"],
                 ["codes", "types", "--cameo", "--search", "zzzz"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == EXIT_NOTHING_FOUND, result.output
        assert result.stdout == "" and "contains" in result.stderr and "dyadwatch codes" in result.stderr
    assert CliRunner().invoke(cli, ["codes", "actors", "--search", "korea"]).exit_code == 0


def test_code_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`dyadwatch code ... | head -c 1`: no 'BrokenPipeError ... this is a bug'."""
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": "Japan praised South Korea on Monday.", "published": "2024-11-21"})
             for i in range(40)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run(
        f"{sys.executable} -c 'from dyadwatch.cli.main import cli; cli()' code {path} | head -c 1",
        shell=True, capture_output=True, text=True, timeout=240,
        env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert "BrokenPipe" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr


@pytest.fixture(scope="module")
def located_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from test_analytics import corpus

    path = tmp_path_factory.mktemp("geo") / "g.duckdb"
    with open_store(path) as store:
        store.ingest(corpus())
    return str(path)


def test_geojson_export_reports_features_written_and_what_it_left_out(located_db: str, tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    result = CliRunner().invoke(cli, ["export", "--to", "geojson", "-o", str(out), "--db", located_db])
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    if result.exit_code == EXIT_NOTHING_FOUND:  # nothing located: no file, and the reason is the place
        pytest.fail(result.output)
    assert result.exit_code == 0, result.output
    assert f"wrote {len(features)} feature(s)" in result.stdout
    plover = CliRunner().invoke(cli, ["export", "--to", "plover", "-o", str(tmp_path / "e.jsonl"), "--db", located_db])
    total = len((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines())
    assert plover.exit_code == 0
    if total > len(features):
        assert f"left out {total - len(features)} event(s) without a place" in result.stderr


def test_plot_no_events_does_not_suggest_all(located_db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["plot", "FRA", "DEU", "-o", str(tmp_path / "p.png"), "--db", located_db])
    assert result.exit_code == EXIT_NOTHING_FOUND
    assert "--all" not in result.stderr and "--since/--until" in result.stderr
    events = CliRunner().invoke(cli, ["events", "--source", "FRA", "--db", located_db])
    assert events.exit_code == EXIT_NOTHING_FOUND and "--all" in events.stderr  # events has --all


def test_a_list_with_one_empty_text_names_the_item_and_the_problem(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dyadwatch.server.app import create_app
    from dyadwatch.server.config import ServerConfig

    db = tmp_path / "w.duckdb"
    with open_store(db):
        pass
    app = create_app(ServerConfig(db=str(db), token="t0ken", warm_up=False))
    with TestClient(app) as client:
        answer = client.post("/v1/articles", headers={"Authorization": "Bearer t0ken"},
                             json=[{"text": "Japan praised South Korea."}, {"text": ""}])
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert "article 1" in error["message"] and "'text'" in error["message"] and "at least 1" in error["message"]
    assert error["field"] == "1.text" and "valid dictionary" not in error["message"]
