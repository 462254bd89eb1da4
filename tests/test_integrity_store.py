"""Issue 21: no mix of dated, undated and partly dated articles breaks a store, on DuckDB and PostgreSQL.

Hypothesis composes batches of coded articles (no publication date, a day, a month or a year, a date window
without a day, a date value without a usable precision; symmetric and directed types; a joint act coded in both
directions on one trigger; negated mentions), ingests them into a store in one or several batches, and then runs
every read command. Each must answer (0) or say nothing matched (4), never fail; and the store must check clean:
every countable mention in exactly one event, no event without a mention.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch import api
from dyadwatch.cli.main import cli
from dyadwatch.records import Actor, Article, Event, EventDate, EventType, TextSpan
from dyadwatch.store import CodedArticle, open_store

COUNTRIES = ("USA", "CHN", "TWN")
TYPES = (("REJECT", "125", 3), ("CONSULT", "040", 1), ("THREATEN", "130", 3), ("AID", "070", 2))
READ_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("events", "--all", "--format", "jsonl"),
    ("events", "--format", "csv"),
    ("series", "USA", "CHN", "--by", "month", "--format", "csv"),
    ("series", "CHN", "TWN", "--by", "week", "--unit", "mentions", "--format", "json"),
    ("export", "--to", "gdelt", "-o", "{tmp}/e.tsv"),
    ("export", "--to", "plover", "-o", "{tmp}/e.jsonl", "--include-uncounted"),
    ("export", "--to", "parquet", "-o", "{tmp}/e.parquet", "--include-unresolved"),
    ("export", "--to", "geojson", "-o", "{tmp}/e.geojson"),
    ("info",),
    ("check",),
)


@st.composite
def event_dates(draw: st.DrawFn, published: date | None) -> EventDate:
    """A mention's date as coders produce them: none, a precise or vague one, a window, a value without a window."""
    day = draw(st.dates(date(2023, 1, 1), date(2024, 12, 31)))
    kind = draw(st.sampled_from(["undated", "day", "month", "year", "window", "value-only", "published"]))
    if kind == "undated":
        return EventDate(None, "unknown")
    if kind == "window":  # "in the first half of the year": a range, no single day
        return EventDate(None, "month", range_start=day, range_end=day + timedelta(draw(st.integers(0, 90))))
    if kind == "value-only":  # a day whose precision gives no window
        return EventDate(day, "unknown")
    if kind == "published":
        return EventDate(published, "published") if published else EventDate(None, "unknown")
    return EventDate(day, kind, historical=draw(st.booleans()) and kind == "year")


@st.composite
def coded_articles(draw: st.DrawFn, index: int) -> CodedArticle:
    published = draw(st.none() | st.dates(date(2023, 1, 1), date(2024, 12, 31)))
    text = f"Article {index}: " + draw(st.text("abcdefgh ", min_size=5, max_size=30)) + "."
    article = Article.create(text, id=f"art-{index}", published=published,
                             source=draw(st.sampled_from([None, "Wire A", "Wire B"])))
    events = []
    for n in range(draw(st.integers(0, 4))):
        plover, cameo, quad = draw(st.sampled_from(TYPES))
        src = draw(st.sampled_from(COUNTRIES))
        tgt = draw(st.sampled_from((*COUNTRIES, None)))
        swapped = bool(events) and draw(st.booleans())  # the previous trigger coded again, actors swapped
        trigger_at = min(n * 2, len(text) - 2)
        if swapped:
            last = events[-1]
            plover, cameo, quad = last.type.plover, last.type.cameo, last.type.quad_class
            src, tgt = (last.target.country if last.target else src), last.source.country
            trigger_at = last.trigger.start
        span = TextSpan(trigger_at, trigger_at + 1, text[trigger_at:trigger_at + 1])
        events.append(Event(
            event_id=f"ev-{article.content_hash[:10]}-{n}", article_id=article.id, sentence_index=0,
            evidence=TextSpan(0, len(text), text),
            source=Actor(span, name=src, country=src, sectors=("GOV",), code=f"{src}GOV", rule="test"),
            target=Actor(span, name=tgt, country=tgt, sectors=("GOV",), code=f"{tgt}GOV" if tgt else None,
                         rule="test") if tgt else None,
            type=EventType(plover=plover, cameo=cameo, goldstein=-2.0, quad_class=quad, plover_score=-2.0),
            trigger=span, date=draw(event_dates(published)), negated=draw(st.booleans()) and n == 3,
        ))
    return CodedArticle(article, tuple(events))


@st.composite
def batches(draw: st.DrawFn) -> list[list[CodedArticle]]:
    n = draw(st.integers(1, 8))
    articles = [draw(coded_articles(i)) for i in range(n)]
    cuts = sorted(draw(st.sets(st.integers(1, max(n - 1, 1)), max_size=2)))
    out, start = [], 0
    for cut in [*cuts, n]:
        if articles[start:cut]:
            out.append(articles[start:cut])
        start = cut
    return out


def exercise(db: str, mix: list[list[CodedArticle]]) -> None:
    """Ingest the batches (grouping after each, as `ingest` does), run every read command, check the store."""
    with open_store(db) as store:
        for batch in mix:
            store.ingest(batch)
            api.group_events(store)
        placed = store.sql(
            "SELECT e.event_id, count(m.group_id) AS n FROM events e LEFT JOIN event_group_members m "
            "ON m.event_id = e.event_id WHERE NOT e.negated AND NOT e.hypothetical GROUP BY e.event_id")
        empty = store.sql("SELECT count(*) AS n FROM event_groups g WHERE NOT EXISTS "
                          "(SELECT 1 FROM event_group_members m WHERE m.group_id = g.group_id)")
        windows = store.sql("SELECT count(*) AS n FROM event_groups WHERE date_lo > date_hi")
    assert set(placed["n"]) <= {1}, "a mention in no event, or in two"
    assert int(empty["n"][0]) == 0 and int(windows["n"][0]) == 0
    with tempfile.TemporaryDirectory() as tmp:
        for command in READ_COMMANDS:
            args = [a.replace("{tmp}", tmp) for a in command]
            result = CliRunner().invoke(cli, [*args, "--db", db])
            assert result.exit_code in (0, 4), (args, result.output)
            assert "internal error" not in result.output, (args, result.output)


HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.function_scoped_fixture])


@HYPOTHESIS
@given(mix=batches())
def test_no_mix_of_dated_and_undated_articles_breaks_a_duckdb_store(mix: list[list[CodedArticle]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        exercise(str(Path(tmp) / "s.duckdb"), mix)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(mix=batches())
def test_no_mix_of_dated_and_undated_articles_breaks_a_postgres_store(postgres_server: Any,
                                                                      mix: list[list[CodedArticle]]) -> None:
    exercise(str(postgres_server.new_database()), mix)


def test_every_read_command_is_exercised() -> None:
    """The list above follows the CLI: a new read command must be added to it."""
    named = {c[0] for c in READ_COMMANDS}
    writes = {"code", "ingest", "demo", "watch", "serve", "copy", "eval", "bench", "bench-scale", "bench-serve",
              "bench-store", "plot", "codes", "recode", "forget"}
    missing = set(cli.commands) - named - writes
    assert not missing, f"read commands not exercised: {sorted(missing)}"


@pytest.mark.parametrize("n", [1])
def test_plot_reads_a_store_with_undated_mentions(tmp_path: Path, n: int) -> None:
    """plot (kept out of the Hypothesis loop: it renders a PNG) on a store of dated and undated mentions."""
    from test_store import coded

    db = str(tmp_path / "p.duckdb")
    mix = [[coded("China rejected the meeting."), CodedArticle(
        Article.create("Undated news.", id="u"), tuple(coded("Undated news.").events))]]
    exercise(db, mix)
    result = CliRunner().invoke(cli, ["plot", "CHN", "USA", "-o", str(tmp_path / "p.png"), "--db", db])
    assert result.exit_code == 0, result.output


def test_a_failing_grouping_run_leaves_the_step_pending_and_the_next_command_completes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A post-ingest step that fails never poisons the store: the articles are stored with grouping pending."""
    from test_analytics import corpus

    from dyadwatch.analytics import grouping
    from dyadwatch.analytics.integrity import check

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in grouping")

    db = str(tmp_path / "p.duckdb")
    with open_store(db) as store:
        store.ingest(corpus())
        monkeypatch.setattr(grouping, "assign", broken)
        with pytest.raises(RuntimeError):
            api.group_events(store)
        found = check(store)
        assert found.ok and found.ungrouped_articles == len(corpus())  # pending, not a fault
        assert int(store.sql("SELECT count(*) AS n FROM event_groups")["n"][0]) == 0
    monkeypatch.undo()
    result = CliRunner().invoke(cli, ["series", "USA", "CHN", "--db", db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert check(store).ungrouped_articles == 0
