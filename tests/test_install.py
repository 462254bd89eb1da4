"""The HTML stack installs with any pip: a fresh venv's own pip (not an upgraded one) resolves what the
project declares for reading web pages, and the cleaner jusText needs is in the set (issue 22).

Why a real resolve: with the pip that Python 3.11's ``venv`` ships, ``lxml[html_clean]`` (asked for by jusText)
resolved to lxml alone once lxml dropped that extra, and ``watch`` failed on its first page. Only a resolve by
that pip shows it. ``--dry-run --report`` installs nothing; it needs the package index, so the test is marked
``network`` and skipped when the index cannot be reached (or with ``DYADWATCH_OFFLINE=1``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HTML_STACK = ("trafilatura", "lxml_html_clean", "feedparser")
OFFLINE = ("NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
           "No matching distribution found", "Could not fetch URL", "ConnectionError")


def _declared(names: tuple[str, ...]) -> list[str]:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    wanted = {n.replace("-", "_").lower() for n in names}
    return [d for d in deps if re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].replace("-", "_").lower() in wanted]


@pytest.mark.network
@pytest.mark.timeout(300)
def test_a_fresh_venvs_own_pip_resolves_the_html_stack(tmp_path: Path) -> None:
    if os.environ.get("DYADWATCH_OFFLINE"):
        pytest.skip("DYADWATCH_OFFLINE is set")
    requirements = _declared(HTML_STACK)
    assert len(requirements) == len(HTML_STACK), requirements  # each declared directly in pyproject.toml
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)  # the pip this Python bundles, not upgraded
    python = env_dir / "bin" / "python"
    pip_version = subprocess.run([python, "-m", "pip", "--version"], capture_output=True, text=True, check=True)
    report = tmp_path / "report.json"
    done = subprocess.run(
        [python, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--disable-pip-version-check",
         "--only-binary=:all:", "--report", str(report), *requirements],
        capture_output=True, text=True, timeout=280,
    )
    if done.returncode != 0 and any(marker in done.stderr for marker in OFFLINE):
        pytest.skip(f"the package index cannot be reached: {done.stderr.strip().splitlines()[-1]}")
    assert done.returncode == 0, done.stderr
    names = {item["metadata"]["name"].replace("-", "_").lower()
             for item in json.loads(report.read_text(encoding="utf-8"))["install"]}
    assert {"trafilatura", "justext", "lxml", "lxml_html_clean"} <= names, (pip_version.stdout, sorted(names))
    assert sys.version_info >= (3, 11)
