"""Every command the README and docs/ show works (issue 25).

Two checks over the fenced code blocks of README.md and docs/*.md:

- **Runnable blocks** (info string ``sh runnable``) are run, line by line, in a temporary copy of a fresh clone's
  layout after ``make demo``: ``dyadwatch/examples/`` is there, ``dyadwatch-demo.duckdb`` holds the coded example
  (made once per session by ``dyadwatch demo``, the command ``make demo`` runs), and ``../shared`` is the shared
  data when the repository has it beside it. Each line must exit 0, or the status its comment names
  (``# nothing found: exit status 4``). ``dyadwatch`` on the PATH is this checkout's command line.
- **Every block** (sh, bash, shell, console, and ``$ `` lines of any other block) is parsed: each
  ``dyadwatch SUBCOMMAND ...`` it names must be a real subcommand whose options and arguments click accepts, so a
  typo or a renamed option fails here. Blocks that cannot run in CI (SLURM, a remote Dask cluster, a server to
  open in a browser) stay unmarked and are still parsed.

Writing docs: mark a block runnable only when it runs on the shipped example within seconds; use concrete values
(``--since 2025-06-01``, not ``--since DATE``) so the parse check can check them too.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from dyadwatch.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SHELL_LANGUAGES = {"sh", "bash", "shell", "console", "zsh"}
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
OPERATORS = {"|", "||", "&", "&&", ";", ";;", "(", ")", ">", ">>", "<", "<<", ">&", "<&", "|&", "&>"}
EXPECTED_STATUS = re.compile(r"exit status (\d+)")
COMMAND_TIMEOUT_S = 240

@dataclass(frozen=True)
class Block:
    """A fenced code block: where it starts, its info string's words, and its logical lines."""

    doc: Path
    line: int
    info: tuple[str, ...]
    lines: tuple[tuple[int, str], ...]

    @property
    def language(self) -> str:
        return self.info[0].lower() if self.info else ""

    @property
    def runnable(self) -> bool:
        return self.language in SHELL_LANGUAGES and "runnable" in self.info[1:]

    def where(self, number: int) -> str:
        return f"{self.doc.relative_to(REPO)}:{number}"


def read_blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, with backslash continuations joined into logical lines."""
    blocks: list[Block] = []
    opened: tuple[str, int, tuple[str, ...]] | None = None
    body: list[tuple[int, str]] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = FENCE.match(raw)
        if opened is None:
            if match:
                opened = (match["fence"], number, tuple(match["info"].split()))
                body = []
            continue
        fence = opened[0]
        if match and match["fence"].startswith(fence[0]) and len(match["fence"]) >= len(fence) and not match["info"]:
            blocks.append(Block(path, opened[1], opened[2], tuple(_logical(body))))
            opened = None
        else:
            body.append((number, raw))
    return blocks


def _logical(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    joined: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, text in lines:
        if pending is not None:
            number, text = pending[0], pending[1] + " " + text.strip()
            pending = None
        if text.rstrip().endswith("\\"):
            pending = (number, text.rstrip()[:-1].rstrip())
            continue
        joined.append((number, text))
    if pending is not None:
        joined.append(pending)
    return joined


def split_comment(line: str) -> tuple[str, str]:
    """The command and its trailing ``# comment`` (a ``#`` outside quotes that starts a word)."""
    quote = ""
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), ""


def shell_lines(block: Block) -> list[tuple[int, str]]:
    """The lines of a block that are shell commands: all of a shell block, ``$ ``-prompted lines elsewhere."""
    found = []
    for number, text in block.lines:
        stripped = text.strip()
        if stripped.startswith("$ "):
            found.append((number, stripped[2:]))
        elif block.language in SHELL_LANGUAGES and stripped and not stripped.startswith("#"):
            found.append((number, stripped))
    return found


def dyadwatch_invocations(command: str) -> list[list[str]]:
    """The argument lists of every ``dyadwatch`` (or ``path/to/dyadwatch``) run in one shell command line."""
    command = re.sub(r"(?<!\S)\d(?=>|<)", "", command)  # the 2 of 2>/dev/null is no argument
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    runs: list[list[str]] = []
    at_command = True
    current: list[str] | None = None
    for token in lexer:
        if token in OPERATORS or set(token) <= set("|&;<>()"):
            if current is not None:
                runs.append(current)
                current = None
            at_command = token in {"|", "||", "&", "&&", ";", "(", "|&"}
            continue
        if current is not None:
            current.append(token)
            continue
        if at_command and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", token):  # VAR=value before the command
            continue
        if at_command and token.rsplit("/", 1)[-1] == "dyadwatch":
            current = []
        at_command = False
    if current is not None:
        runs.append(current)
    return runs


def check_invocation(args: list[str]) -> str | None:
    """None when click accepts ``dyadwatch ARGS`` (without running it); else why not."""
    try:
        if not args or args[0].startswith("-"):  # the group's own options: --version, --help
            cli.make_context("dyadwatch", list(args))
            return None
        name, *rest = args
        group_ctx = click.Context(cli, info_name="dyadwatch")
        command = cli.get_command(group_ctx, name)
        if command is None:
            return f"no subcommand {name!r}"
        command.make_context(name, rest, parent=group_ctx)
    except click.exceptions.Exit:  # --help, --version
        return None
    except click.BadParameter as err:
        if "does not exist" in err.format_message():  # a file the reader would give (--petrarch-verbs FILE)
            return None
        return err.format_message()
    except click.UsageError as err:
        return err.format_message()
    return None


def _all_invocations() -> list[tuple[str, list[str]]]:
    found = []
    for doc in DOCS:
        for block in read_blocks(doc):
            for number, line in shell_lines(block):
                command, _ = split_comment(line)
                for args in dyadwatch_invocations(command):
                    found.append((block.where(number), args))
    return found


INVOCATIONS = _all_invocations()


def test_the_docs_show_commands_and_runnable_blocks() -> None:
    """The extractor finds what the docs show (a guard against a parser that silently finds nothing)."""
    readme = read_blocks(REPO / "README.md")
    assert any(b.runnable for b in readme), "the README's tour must be runnable"
    names = {args[0] for _, args in INVOCATIONS if args and not args[0].startswith("-")}
    assert {"code", "ingest", "events", "series", "plot", "serve", "export"} <= names, names
    assert dyadwatch_invocations("DYADWATCH_DB=x.duckdb .venv/bin/dyadwatch events --limit 3 2>/dev/null | wc -l") \
        == [["events", "--limit", "3"]]
    assert check_invocation(["events", "--sourc", "CHN"]) is not None  # a typo fails
    assert check_invocation(["evnets"]) == "no subcommand 'evnets'"


@pytest.mark.parametrize(("where", "args"), INVOCATIONS, ids=[f"{w} {' '.join(a[:2])}" for w, a in INVOCATIONS])
def test_every_dyadwatch_command_in_the_docs_parses(where: str, args: list[str]) -> None:
    problem = check_invocation(args)
    assert problem is None, f"{where}: `dyadwatch {shlex.join(args)}`: {problem}"


LINK = re.compile(r"\]\((?!https?://|mailto:|#)([^)#\s]+)(?:#[^)]*)?\)")

def test_relative_links_resolve() -> None:
    """Every relative link of the README, the changelog and docs/ points at a file of the repository."""
    missing: set[str] = set()
    for doc in [*DOCS, REPO / "CHANGELOG.md"]:
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            path = (doc.parent / target).resolve()
            if not path.exists():
                missing.add(str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path))
    assert not missing, f"links to files that do not exist: {sorted(missing)}"


# --- running the runnable blocks ---------------------------------------------------------------------------------

RUNNABLE_DOCS = [doc for doc in DOCS if any(b.runnable for b in read_blocks(doc))]


@pytest.fixture(scope="session")
def after_make_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A clone's layout after ``make demo`` (the package's examples, the demo store), and the environment in which
    ``dyadwatch`` is this checkout's command line."""
    root = tmp_path_factory.mktemp("docs")
    clone = root / "clone"
    clone.mkdir()
    (clone / "dyadwatch").symlink_to(REPO / "dyadwatch", target_is_directory=True)
    shared = REPO.parent / "shared"
    if shared.is_dir():
        (root / "shared").symlink_to(shared, target_is_directory=True)
    bin_dir = root / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "dyadwatch"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -c '
                    '"import sys; sys.argv[0] = \'dyadwatch\'; from dyadwatch.cli.main import cli; cli()" "$@"\n',
                    encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "DYADWATCH_LOCK_WAIT": "60", "COLUMNS": "160"}
    env.pop("DYADWATCH_DB", None)
    done = subprocess.run(["dyadwatch", "demo"], cwd=clone, env=env, capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    assert (clone / "dyadwatch-demo.duckdb").exists()
    return clone, env


@pytest.mark.timeout(300)
@pytest.mark.parametrize("doc", RUNNABLE_DOCS, ids=[str(d.relative_to(REPO)) for d in RUNNABLE_DOCS])
def test_runnable_blocks_run(doc: Path, after_make_demo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    clone, env = after_make_demo
    work = tmp_path / "clone"
    work.mkdir()
    (work / "dyadwatch").symlink_to(REPO / "dyadwatch", target_is_directory=True)
    shutil.copy(clone / "dyadwatch-demo.duckdb", work / "dyadwatch-demo.duckdb")
    if (clone.parent / "shared").exists():
        (tmp_path / "shared").symlink_to(clone.parent / "shared", target_is_directory=True)
    ran, skipped = 0, 0
    for block in read_blocks(doc):
        if not block.runnable:
            continue
        for number, line in shell_lines(block):
            command, comment = split_comment(line)
            if "../shared" in command and not (tmp_path / "shared").exists():
                skipped += 1  # the shared evaluation data is beside the repository in CI, not in every checkout
                continue
            status = EXPECTED_STATUS.search(comment)
            expected = int(status.group(1)) if status else 0
            done = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=work, env=env,
                                  capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
            assert done.returncode == expected, (
                f"{block.where(number)}: `{command}` exited {done.returncode}, the doc says {expected}:\n"
                f"{done.stderr[-2000:]}")
            ran += 1
    if skipped and not ran:
        pytest.skip(f"{doc.name}: its runnable commands need ../shared beside the repository")
    assert ran, f"{doc.name}: a runnable block with no command"
