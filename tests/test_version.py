"""One version, named by every output (issue 25): ``--version``, ``info``, ``/healthz``, each event's
``coder_version``, the page's footer, and a CHANGELOG.md section for it.

The version is defined once, in ``dyadwatch/__init__.py``; pyproject.toml reads it, so a release cannot name two
versions. Stored events carry it, which is how a user tells which coder produced them.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch import __version__, api
from dyadwatch.cli.main import cli

REPO = Path(__file__).resolve().parents[1]


def test_version_is_semantic_and_defined_once() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__), __version__
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"], "the version lives in dyadwatch/__init__.py only"
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "dyadwatch.__version__"}


def test_setuptools_reads_the_version_from_the_package() -> None:
    config = pytest.importorskip("setuptools.config.pyprojecttoml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # setuptools calls its pyproject reader beta
        read = config.read_configuration(REPO / "pyproject.toml", expand=True)
    assert read["project"]["version"] == __version__


def test_cli_version_and_info_name_it() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"dyadwatch, version {__version__}"
    result = runner.invoke(cli, ["info", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["item"]: row["version"] for row in json.loads(result.output)}
    assert rows["dyadwatch"] == __version__


def test_every_event_names_the_coder_version() -> None:
    from dyadwatch.config import Settings
    from dyadwatch.pipeline import build_pipeline

    events = build_pipeline(Settings())(api.example_article())
    assert events
    assert {e.to_dict()["coder_version"] for e in events} == {f"dyadwatch {__version__}"}


def test_changelog_has_a_section_for_this_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, flags=re.M)
    assert __version__ in " ".join(headings), f"CHANGELOG.md has no section for {__version__}: {headings}"
    assert "0.1.0" in headings


def test_readme_names_this_version() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"Version {__version__}" in readme and f'"dyadwatch {__version__}"' in readme


def test_healthz_and_lists_name_it(served_store: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dyadwatch.server import ServerConfig, create_app

    with TestClient(create_app(ServerConfig(db=str(served_store), warm_up=False))) as client:
        health = client.get("/healthz").json()
        assert health["versions"]["dyadwatch"] == __version__
        assert health["data_version"]["coder_version"] == __version__
        # The page's footer is written from the data_version of every list answer.
        assert client.get("/v1/dyads").json()["data_version"]["coder_version"] == __version__
        assert client.get("/openapi.json").json()["info"]["version"] == __version__


@pytest.mark.timeout(300)
def test_page_footer_names_it(served_store: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium; .ci/run does it)")
    from serve_live import serve

    db = tmp_path / "page.duckdb"
    shutil.copy(served_store, db)
    with serve(db) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--headless", "--no-sandbox",
                                                                         "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page()
            page.goto(base + "/")
            page.wait_for_function("document.getElementById('version').textContent.length > 0")
            assert f"coder {__version__}" in page.locator("footer").inner_text()
        finally:
            browser.close()
