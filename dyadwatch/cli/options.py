"""Options shared by several commands, as decorators, so every read command takes the same flags."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from dyadwatch.errors import InputError
from dyadwatch.io import parse_date
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
