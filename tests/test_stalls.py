"""Headline and caption shapes that once made the coder circle forever (issue 12) must finish.

They run in a child process with a hard timeout, so a regression fails this test instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHAPES = [
    "Approval of new tariffs against the Maduro government and its foreign allies by the United States.",
    "Its decision, its timing, its consequences.",
    "The ministry and its agencies, its partners and its donors.",
    " ".join(["it"] * 20) + ".",
    "Its allies and its rivals, their envoys and their armies.",
    "The union, its members and its leaders.",
]


def test_stall_shapes_finish(tmp_path: Path) -> None:
    lines = [*SHAPES, *(s.upper() for s in SHAPES), *(s.lower() for s in SHAPES)]
    path = tmp_path / "headlines.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-c", "from dyadwatch.cli.main import cli; cli()", "code", str(path),
           "--published", "2024-03-04", "--format", "jsonl"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=240, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("`dyadwatch code` still running after 240 s on verbless headlines (cased, upper, lower): a stall")
    assert done.returncode in (0, 3), done.stderr[-2000:]
