"""No ``is``/``is not`` between parse objects: spaCy makes a new ``Token`` on every access, so identity between
tokens is never true and a walk that stops on it never stops (issue 12: headlines that stalled the coder).

This reads the source of every package that touches the parse and fails on any identity comparison whose sides
are not a constant (None, True, False, ...). A comparison that really is about Python objects, not tokens, says
so with a trailing ``# identity:`` comment giving the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dyadwatch"
PARSE_PACKAGES = ("document", "actors", "events", "dating", "places", "links", "pipeline")


def identity_comparisons(source: str) -> list[tuple[int, str]]:
    """(line, source text) of every ``is``/``is not`` whose operands are both non-constants, unless marked."""
    lines = source.splitlines()
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            if not isinstance(op, ast.Is | ast.IsNot):
                continue
            if isinstance(left, ast.Constant) or isinstance(right, ast.Constant):
                continue
            if "# identity:" in lines[node.lineno - 1]:
                continue
            found.append((node.lineno, ast.get_source_segment(source, node) or ""))
    return found


def _modules() -> list[Path]:
    return sorted(p for pkg in PARSE_PACKAGES for p in (PACKAGE / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_identity_between_parse_objects(path: Path) -> None:
    bad = identity_comparisons(path.read_text(encoding="utf-8"))
    assert not bad, f"{path.name}: compare tokens by .i, never by identity: " + "; ".join(
        f"line {n}: {text}" for n, text in bad)


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("while verb.head is not verb:\n    verb = verb.head\n", 1),
        ("ok = tok.head is tok\n", 1),
        ("if a is None or b is not None:\n    pass\n", 0),
        ("same = f is g  # identity: two callables\n", 0),
        ("ok = tok.head.i == tok.i\n", 0),
    ],
)
def test_the_check_itself(source: str, flagged: int) -> None:
    assert len(identity_comparisons(source)) == flagged
