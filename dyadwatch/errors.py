"""Errors that name the problem and the fix. The CLI turns each into one line and a non-zero exit.

Exit statuses, one table for every command (README "Exit statuses" repeats it):

====  =================  ==========================================================================================
code  meaning            when
====  =================  ==========================================================================================
0     ok                 the command did what was asked
1     internal error     a bug: an unexpected exception (reported as one line; DYADWATCH_DEBUG=1 shows the traceback)
2     usage error        the command line itself is wrong: unknown option, missing argument, malformed flag value
3     bad input          a value or file that cannot be used: unknown actor code or event type, inverted date range,
                         unreadable file or line (a batch that skipped bad inputs still codes the good ones, and
                         exits 3 after reporting what it skipped)
4     nothing found      a valid query that matched no events (``events``, ``series``, ``plot``, ``export``)
5     environment        settings, model, tables or the store cannot be used (missing model, store locked or absent)
====  =================  ==========================================================================================

The HTTP layer maps the same classes to statuses (``http_status``) so both front ends say the same thing.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_NOTHING_FOUND = 4
EXIT_ENVIRONMENT = 5

EXIT_STATUSES: dict[int, str] = {
    EXIT_OK: "ok",
    EXIT_INTERNAL: "internal error (a bug; please report it)",
    EXIT_USAGE: "usage error (option, argument or flag value)",
    EXIT_BAD_INPUT: "bad input (unknown code or type, inverted dates, unreadable file; or inputs skipped in a batch)",
    EXIT_NOTHING_FOUND: "nothing found (a valid query matched no events)",
    EXIT_ENVIRONMENT: "environment (settings, model, tables or store unusable)",
}


class DyadwatchError(Exception):
    """Base class: ``str(err)`` is a one-line message that says what is wrong and how to fix it."""

    code = "DW000"
    exit_code = EXIT_INTERNAL
    http_status = 500

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(DyadwatchError):
    """The input cannot be read or parsed (missing file, bad encoding, malformed JSON line, bad date)."""

    code = "DW100"
    exit_code = EXIT_BAD_INPUT
    http_status = 400


class QueryError(InputError):
    """A query filter that can never match: unknown actor code, unknown event type, inverted date range."""

    code = "DW110"
    http_status = 422


class NothingFound(DyadwatchError):
    """A valid query that matched no events (not an error in the query: the store holds nothing for it)."""

    code = "DW120"
    exit_code = EXIT_NOTHING_FOUND
    http_status = 404


class ConfigError(DyadwatchError):
    """The settings or environment are wrong (unknown stage, missing model, bad table file)."""

    code = "DW200"
    exit_code = EXIT_ENVIRONMENT
    http_status = 500


class ModelNotFound(ConfigError):
    code = "DW201"


class PipelineError(DyadwatchError):
    """A stage failed on an article, or the stage order breaks a requires/assigns contract."""

    code = "DW300"
    exit_code = EXIT_INTERNAL
    http_status = 500


class StoreError(DyadwatchError):
    """The store cannot be opened, migrated or written."""

    code = "DW400"
    exit_code = EXIT_ENVIRONMENT
    http_status = 503
