"""Options shared by several commands, as decorators, so every read command takes the same flags."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from dyadwatch.errors import EXIT_INTERNAL, EXIT_OK, DyadwatchError, InputError
from dyadwatch.io import parse_date
from dyadwatch.io.readers import OverrideDate
from dyadwatch.store.factory import DEFAULT_DB

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "jsonl", "json", "csv")


class DateType(click.ParamType):
    """A YYYY-MM-DD date, with an error that shows the expected form."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date | None:
        if value is None or isinstance(value, date):
            return value
        try:
            return parse_date(value)
        except InputError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-11-21", param, ctx)


DATE = DateType()


def handle_errors(ctx: click.Context, run: Callable[[], Any]) -> Any:
    """Run a command; a library error becomes its one-line message and exit status (errors.py's table), and an
    unexpected exception becomes a one-line internal error (exit 1) unless DYADWATCH_DEBUG asks for the traceback."""
    try:
        return run()
    except DyadwatchError as err:
        click.echo(f"Error: {err}", err=True)
        ctx.exit(err.exit_code)
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except BrokenPipeError:
        reader_went_away()
        ctx.exit(EXIT_OK)
    except Exception as err:
        if os.environ.get("DYADWATCH_DEBUG"):
            raise
        click.echo(
            f"Error: [DW001] internal error: {type(err).__name__}: {err}; this is a bug, please report it with the "
            "command you ran (set DYADWATCH_DEBUG=1 to see the traceback)",
            err=True,
        )
        ctx.exit(EXIT_INTERNAL)


def reader_went_away() -> None:
    """The reader of stdout closed it (``dyadwatch code ... | head``): end quietly, as Unix tools do.

    Why exit 0: the reader took what it wanted; the command did what was asked. stdout is pointed at /dev/null
    so the interpreter's final flush cannot raise again and print a traceback.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests' captured output)
        pass


class DyadwatchCommand(click.Command):
    """A command whose failures follow the exit-status table, also when invoked on its own (tests, plugins)."""

    def invoke(self, ctx: click.Context) -> Any:
        return handle_errors(ctx, lambda: super(DyadwatchCommand, self).invoke(ctx))


def note(message: str) -> None:
    """A remark about how the input was read (e.g. a country name taken as its code), on stderr."""
    click.echo(f"note: {message}", err=True)


def db_option(f: F) -> F:
    return click.option(
        "--db", default=DEFAULT_DB, show_default=True, envvar="DYADWATCH_DB",
        help="Store: a DuckDB file path or a postgresql://user@host/db URL (env DYADWATCH_DB).",
    )(f)


def format_option(default: str = "table") -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option(
            "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
            help="Output format: a readable table, JSON lines, a JSON array, or CSV.",
        )(f)

    return decorate


def petrarch_verbs_option(f: F) -> F:
    f = click.option(
        "--builtin-verbs/--no-builtin-verbs", default=True, show_default=True,
        help="Keep the built-in verb rows under --petrarch-verbs (--no-builtin-verbs: code verbs with those only).",
    )(f)
    return click.option(
        "--petrarch-verbs", "petrarch_verbs", multiple=True,
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        help="A PETRARCH-format verb dictionary whose patterns go on top of the built-in predicates (repeatable).",
    )(f)


def model_option(f: F) -> F:
    return click.option("--model", default=None, help="Installed spaCy pipeline to parse with.")(f)


def workers_option(f: F) -> F:
    return click.option(
        "--workers", type=click.IntRange(min=0), default=1, show_default=True,
        help="Worker processes, each with the model loaded once (0: one per core).",
    )(f)


def dask_option(f: F) -> F:
    return click.option(
        "--dask", "dask_address", default=None, metavar="ADDRESS",
        help="Code on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786).",
    )(f)


def published_options(f: F) -> F:
    """``--published DATE`` (fills only a missing publication date) and ``--published-override DATE`` (replaces
    every article's own); the command receives one ``published`` value (an ``OverrideDate`` for the latter)."""
    import functools

    @functools.wraps(f)
    def wrapper(*args: Any, published: date | None = None, published_override: date | None = None,
                **kwargs: Any) -> Any:
        if published is not None and published_override is not None:
            raise click.UsageError("give --published (fills missing dates) or --published-override (replaces "
                                   "every date), not both")
        given = OverrideDate.of(published_override) if published_override is not None else published
        return f(*args, published=given, **kwargs)

    wrapper = click.option(
        "--published-override", "published_override", type=DATE, default=None,
        help="Publication date that replaces every article's own (YYYY-MM-DD).",
    )(wrapper)
    wrapper = click.option(
        "--published", type=DATE, default=None,
        help="Publication date for articles that lack one (YYYY-MM-DD); an article's own date wins.",
    )(wrapper)
    return wrapper  # type: ignore[return-value]
