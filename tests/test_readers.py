"""Input readers: every bad input becomes a named problem; good articles are never lost."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.errors import InputError
from dyadwatch.io import InputProblem, parse_date, read_articles
from dyadwatch.records import Article


def test_readers_jsonl_skips_bad_lines_and_keeps_good(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Japan praised Korea.", "published": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "a2", "text": ""}),
        json.dumps({"id": "a3", "text": "Peru hosted talks.", "published": "yesterday-ish"}),
        json.dumps({"id": "a4", "text": "Chile protested.", "date": "2024-03-04T10:00:00Z", "title": "T"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_articles(str(path)))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [a.id for a in articles] == ["a1", "a4"]
    assert articles[1].published == date(2024, 3, 4)
    assert [p.where for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "malformed JSON" in problems[0].message
    assert "YYYY-MM-DD" in problems[2].message


def test_readers_text_file_is_one_article_with_content_id(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Headline here\nBody of the story.\n", encoding="utf-8")
    (article,) = read_articles(str(path), published=date(2024, 1, 1))
    assert isinstance(article, Article)
    assert article.title == "Headline here"
    assert article.id.startswith("sha-")
    assert article.text == "Headline here\nBody of the story.\n"


def test_readers_missing_file_and_bad_encoding_raise_with_fix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_articles(str(tmp_path / "nope.txt")))
    bad = tmp_path / "latin.txt"
    bad.write_bytes("caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(InputError, match=r"not UTF-8.*iconv"):
        list(read_articles(str(bad)))
    with pytest.raises(InputError, match="directory"):
        list(read_articles(str(tmp_path)))


def test_readers_empty_text_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    (item,) = read_articles(str(path))
    assert isinstance(item, InputProblem)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-11-21", date(2024, 11, 21)), ("2024-11-21T23:59:00+05:00", date(2024, 11, 21)), (None, None)],
)
def test_readers_parse_date(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_readers_feed_entries_become_articles(tmp_path: Path) -> None:
    feed = tmp_path / "f.rss"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>One</title><link>http://x/1</link><guid>g1</guid>
        <pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate><description>Chile protested to Peru.</description></item>
        <item><title>Two</title><link>http://x/2</link></item></channel></rss>""",
        encoding="utf-8",
    )
    items = list(read_articles(str(feed)))
    assert isinstance(items[0], Article) and items[0].published == date(2025, 6, 3)
    assert items[0].source == "Wire"
    assert isinstance(items[1], InputProblem)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_readers_parse_date_never_crashes_on_user_text(value: str) -> None:
    try:
        result = parse_date(value)
    except InputError as err:
        assert "YYYY-MM-DD" in str(err)
    else:
        assert result is None or isinstance(result, date)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=6))
def test_readers_jsonl_any_lines_yield_articles_or_problems(tmp_path_factory: pytest.TempPathFactory,
                                                             lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("h") / "x.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        items = list(read_articles(str(path)))
    except InputError:
        return  # undecodable bytes (lone surrogates): a file-level error with its fix
    assert all(isinstance(i, Article | InputProblem) for i in items)
