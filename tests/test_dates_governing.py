"""Dates from the sentence: which date phrase governs which event, and what is never a date.

Sentences written for these tests from English grammar (fronted adjuncts, infinitive clauses, event nouns
carried by a verb, years inside names).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.dating import parse_expression

PUB = date(2023, 10, 10)


def events(pipeline, text: str, published: date = PUB):  # type: ignore[no-untyped-def]
    from dyadwatch.records import Article

    return {e.trigger.text: e for e in pipeline.analyse(Article.create(text, id="t", published=published)).events}


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("last November", date(2022, 11, 1), date(2022, 11, 30), "month"),
    ("this March", date(2023, 3, 1), date(2023, 3, 31), "month"),
    ("next May", date(2024, 5, 1), date(2024, 5, 31), "month"),
    ("January of this year", date(2023, 1, 1), date(2023, 1, 31), "month"),
    ("from February through June this year", date(2023, 2, 1), date(2023, 6, 30), "year"),
])
def test_month_expressions(text: str, start: date, end: date, precision: str) -> None:
    parsed = parse_expression(text, PUB)
    assert parsed is not None and (parsed.range_start, parsed.range_end, parsed.precision) == (start, end, precision)


def test_fronted_month_dates_every_coordinated_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = events(pipeline, "In May, the army ousted the governor and detained him.")
    detained = found["detained"].date
    assert (detained.value, detained.precision, detained.historical) == (date(2023, 5, 1), "month", True)


def test_past_year_in_an_infinitive_dates_its_governor(pipeline) -> None:  # type: ignore[no-untyped-def]
    sent = events(pipeline, "Chile sent troops to secure the northern border in 2015.")["sent"].date
    assert sent.value == date(2015, 1, 1) and sent.historical


def test_future_year_in_an_infinitive_does_not(pipeline) -> None:  # type: ignore[no-untyped-def]
    vowed = events(pipeline, "The minister vowed to cut emissions by 2040.")["vowed"].date
    assert vowed.precision == "published" and not vowed.historical


def test_year_inside_a_name_is_no_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    criticized = events(pipeline, "According to Vision 2040, Peru criticized Chile over the dispute.")["criticized"]
    assert criticized.date.precision == "published" and criticized.date.value == PUB


def test_last_month_name_and_history(pipeline) -> None:  # type: ignore[no-untyped-def]
    hosted = events(pipeline, "Last October, Japan hosted a naval exercise with India.", date(2023, 4, 10))["hosted"]
    assert hosted.date.value == date(2022, 10, 1) and hosted.date.historical


def test_event_noun_carried_by_its_verb_takes_the_clause_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    veto = events(pipeline, "Russia used its veto to block the resolution in March.")["veto"].date
    assert veto.value == date(2023, 3, 1) and veto.precision == "month"


def test_date_of_a_reported_clause_does_not_date_the_report(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = events(pipeline, "Officials said on Friday that Kenya deployed soldiers to Somalia in 2011.")
    assert found["deployed"].date.value == date(2011, 1, 1) and found["deployed"].date.historical


def test_eval_dates_over_a_corpus(tmp_path: Path) -> None:
    from dyadwatch.cli.main import cli

    corpus = tmp_path / "news.jsonl"
    lines = [
        {"id": "a", "published": "2023-10-10", "text": "Chile sent troops to secure the northern border in 2015. "
                                                       "According to Vision 2040, Peru criticized Chile."},
        {"id": "b", "published": "2023-04-10", "text": "Last October, Japan hosted a naval exercise with India."},
    ]
    corpus.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    out = tmp_path / "dates.json"
    result = CliRunner().invoke(cli, ["eval", str(corpus), "--dates", "--json", str(out),
                                      "--baseline", str(tmp_path / "none.json")])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    metrics = report["metrics"]
    assert metrics["year.share"]["value"] == 1.0 and metrics["year.share"]["n"] >= 1
    assert metrics["month.share"]["value"] == 1.0
    assert metrics["old.historical_share"]["value"] == 1.0
    counts = {row["count"]: row["value"] for row in report["tables"]["counts"]}
    assert counts["events dated from a year inside a name (goal 0)"] == 0
    assert report["dataset"] == "corpus-dates:news"


def test_eval_dates_needs_a_file(tmp_path: Path) -> None:
    from dyadwatch.cli.main import cli

    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--dates"])
    assert result.exit_code != 0 and "JSONL corpus file" in result.output
