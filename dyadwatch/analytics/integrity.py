"""A store an error cannot poison: check it, repair what can be repaired, forget articles, and say what is stale.

Why here (analytics): a repair ends by running grouping again, and grouping lives in this layer. The SQL that
removes rows is in ``dyadwatch.store.upkeep`` (one text for both backends); this module decides what to remove.

Nothing here needs the coder: ``dyadwatch recode`` (``dyadwatch.runner.recode``) is the step that re-codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from dyadwatch.errors import NothingFound, QueryError
from dyadwatch.store.migrations import MIGRATIONS
from dyadwatch.store.upkeep import CHECKS

if TYPE_CHECKING:
    import pandas as pd

    from dyadwatch.store.base import Store

CHUNK = 500  # articles per rewrite transaction (keeps the parameter lists and the transactions small)
WHERE_KEYS = ("article", "source", "coder_version", "since", "before", "undated")


def regroup(store: Store) -> Any:
    """Complete pending grouping (articles not yet grouped, groups dissolved by a removal), one run at a time."""
    from dyadwatch.analytics.grouping import update_groups

    with store.lock("grouping"):
        return update_groups(store)


# --- selecting articles ------------------------------------------------------------------------------------------
def parse_where(conditions: tuple[str, ...] | list[str]) -> tuple[str, list[Any], str]:
    """``--where`` conditions (all must hold) as a WHERE clause on ``articles``, its parameters and a description.

    Each condition is ``KEY=VALUE`` (``article``, ``source``, ``coder_version``, ``since`` and ``before`` on the
    publication date, YYYY-MM-DD) or the bare word ``undated`` (articles without a publication date). Values are
    parameters, never SQL.
    """
    from dyadwatch.io import parse_date

    clauses: list[str] = []
    params: list[Any] = []
    for raw in conditions:
        key, sep, value = raw.partition("=")
        key, value = key.strip().lower().replace("-", "_"), value.strip()
        if key == "undated" and not sep:
            clauses.append("published IS NULL")
            continue
        if key not in WHERE_KEYS or not sep or not value:
            raise QueryError(f"--where {raw!r} is not a condition; write KEY=VALUE with KEY one of "
                             f"{', '.join(k for k in WHERE_KEYS if k != 'undated')}, or the word undated")
        if key in ("since", "before"):
            day = parse_date(value, field=f"--where {key}")
            clauses.append("published >= ?" if key == "since" else "published < ?")
            params.append(day)
        else:
            clauses.append(f"{'article_id' if key == 'article' else key} = ?")
            params.append(value)
    described = " and ".join(conditions) if conditions else "every article"
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params, described


def selected_hashes(store: Store, where: str, params: list[Any]) -> list[str]:
    frame = store.sql(f"SELECT content_hash FROM articles{where} ORDER BY content_hash", params)
    return [str(h) for h in frame["content_hash"]]


# --- forget ------------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class ForgetReport:
    articles: int = 0
    events: int = 0


def forget(store: Store, *, article: str | None = None, source: str | None = None,
           before: date | None = None) -> ForgetReport:
    """Remove the articles chosen (by id, outlet, or published before a day) and everything derived from them.

    Each chunk of articles goes in one transaction; the surviving mentions of dissolved groups are regrouped at
    the end (and by the next command if this one is killed first). A selection that matches nothing raises
    ``NothingFound``, so a typo in an id is not a silent success.
    """
    if article is None and source is None and before is None:
        raise QueryError("forget needs --article ID, --source NAME or --before DATE; nothing was removed")
    conditions = [f"article={article}"] * (article is not None) + [f"source={source}"] * (source is not None)
    if before is not None:
        conditions.append(f"before={before.isoformat()}")
    where, params, described = parse_where(conditions)
    hashes = selected_hashes(store, where, params)
    if not hashes:
        raise NothingFound(f"no stored article matches {described}; list them with `dyadwatch events --all`")
    report = ForgetReport(articles=len(hashes))
    for i in range(0, len(hashes), CHUNK):
        chunk = hashes[i:i + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        report.events += int(store.sql(f"SELECT count(*) AS n FROM events WHERE content_hash IN ({marks})",
                                       chunk)["n"][0])
        with store.lock("grouping"):
            store.rewrite(chunk, [])
    regroup(store)
    return report


# --- check -------------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Finding:
    name: str
    what: str
    count: int
    repaired: bool = False


@dataclass(slots=True)
class CheckReport:
    """What ``dyadwatch check`` found; ``ok`` when nothing needs a repair (pending work is not a fault)."""

    schema: int
    expected_schema: int
    findings: list[Finding] = field(default_factory=list)
    ungrouped_articles: int = 0  # grouping pending: the next command that reads groups completes it
    recode_pending: int = 0  # an interrupted recode: `dyadwatch recode` resumes it
    regrouped: int = 0  # mentions placed by this check's grouping run

    @property
    def faults(self) -> list[Finding]:
        return [f for f in self.findings if f.count and not f.repaired]

    @property
    def ok(self) -> bool:
        return self.schema == self.expected_schema and not self.faults

    def lines(self) -> list[str]:
        out = [f"schema version {self.schema} (this dyadwatch: {self.expected_schema})"
               + ("" if self.schema == self.expected_schema else
                  "; `dyadwatch check --repair` (or any command that writes) migrates it")]
        for f in self.findings:
            state = "ok" if not f.count else ("repaired" if f.repaired else "FAULT (run with --repair)")
            out.append(f"{f.name}: {f.count} {f.what}: {state}")
        out.append(f"articles waiting for grouping: {self.ungrouped_articles}"
                   + (f" (grouped now: {self.regrouped} mention(s) placed)" if self.regrouped else
                      " (any command that reads events completes it; --repair does it now)"
                      if self.ungrouped_articles else ""))
        out.append(f"articles waiting for an interrupted recode: {self.recode_pending}"
                   + (" (run `dyadwatch recode --db ...` to finish it)" if self.recode_pending else ""))
        return out


def _count(store: Store, query: str) -> int:
    return int(store.sql(query)["n"][0])


def check(store: Store, *, repair: bool = False) -> CheckReport:
    """Verify the store: schema version, orphan rows, every countable mention in exactly one group.

    With ``repair``: delete orphan rows, dissolve broken groups, mark their articles ungrouped, and run grouping
    (all in transactions; grouping places every mention not yet placed). Nothing coded is ever guessed: a repair
    only removes derived rows that point nowhere and recomputes groups.
    """
    report = CheckReport(schema=store.schema_version(), expected_schema=MIGRATIONS[-1].version)
    if report.schema != report.expected_schema:  # the tables checked below may not exist yet: migrate first
        return report
    for name, what, query, fixes in CHECKS:
        finding = Finding(name, what, _count(store, query))
        if finding.count and repair:
            store.execute_all([(fix, []) for fix in fixes])
            finding.repaired = True
        report.findings.append(finding)
    pending = ("SELECT count(*) AS n FROM articles a WHERE NOT EXISTS "
               "(SELECT 1 FROM grouped_articles g WHERE g.content_hash = a.content_hash)")
    report.ungrouped_articles = _count(store, pending)
    if repair and report.ungrouped_articles:
        report.regrouped = regroup(store).mentions_new
    report.recode_pending = _count(store, "SELECT count(DISTINCT content_hash) AS n FROM recode_pending")
    return report


# --- what is stale -----------------------------------------------------------------------------------------------
def coder_versions(store: Store) -> pd.DataFrame:
    """Stored events and articles per coder version, oldest first: what a ``recode`` would bring up to date."""
    return store.sql(
        "SELECT e.coder_version, count(*) AS events, count(DISTINCT e.content_hash) AS articles, "
        "min(a.ingested_at) AS first_coded, max(a.ingested_at) AS last_coded FROM events e "
        "JOIN articles a ON a.content_hash = e.content_hash GROUP BY e.coder_version ORDER BY first_coded"
    )
