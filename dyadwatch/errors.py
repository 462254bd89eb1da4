"""Errors that name the problem and the fix. The CLI turns each into one line and a non-zero exit."""

from __future__ import annotations


class DyadwatchError(Exception):
    """Base class: ``str(err)`` is a one-line message that says what is wrong and how to fix it."""

    code = "DW000"
    exit_code = 1

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(DyadwatchError):
    """The input cannot be read or parsed (missing file, bad encoding, malformed JSON line, bad date)."""

    code = "DW100"
    exit_code = 2


class ConfigError(DyadwatchError):
    """The settings or environment are wrong (unknown stage, missing model, bad table file)."""

    code = "DW200"
    exit_code = 3


class ModelNotFound(ConfigError):
    code = "DW201"


class PipelineError(DyadwatchError):
    """A stage failed on an article, or the stage order breaks a requires/assigns contract."""

    code = "DW300"
    exit_code = 4


class StoreError(DyadwatchError):
    """The store cannot be opened, migrated or written."""

    code = "DW400"
    exit_code = 5


class NotFound(DyadwatchError):
    """A requested item (event, article) is not in the store; the message says how to find valid ids."""

    code = "DW404"
    exit_code = 6
