"""A ``.json`` file is read as one JSON document (an article, or a list of articles), else as JSON Lines.

The shipped example (``dyadwatch/examples/example_article.json``) is a pretty-printed object, and the README's tour
codes it directly; before, every one of its lines was rejected as malformed JSON Lines.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.io.readers import InputProblem, read_articles
from dyadwatch.records import Article

EXAMPLE = Path(__file__).resolve().parents[1] / "dyadwatch" / "examples" / "example_article.json"


def test_the_shipped_example_reads_as_one_article() -> None:
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    items = list(read_articles(str(EXAMPLE)))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].id == record["id"] and items[0].published == date.fromisoformat(record["published"])
    assert items[0].text == record["text"]


def test_a_json_list_names_each_bad_item(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "China met Japan."}, {"title": "no text"}, 3], indent=2), encoding="utf-8")
    items = list(read_articles(str(path), published=date(2025, 1, 2)))
    assert isinstance(items[0], Article) and items[0].published == date(2025, 1, 2)
    assert [str(i).split(":")[0] for i in items[1:]] == [f"{path}[2]", f"{path}[3]"]
    assert all(isinstance(i, InputProblem) for i in items[1:])


def test_json_lines_under_a_json_suffix_still_read(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"id": "a", "text": "China met Japan."}\n{"id": "b", "text": "Japan met China."}\n',
                    encoding="utf-8")
    assert [a.id for a in read_articles(str(path)) if isinstance(a, Article)] == ["a", "b"]


RECORD = st.fixed_dictionaries(
    {"text": st.text(min_size=1, max_size=80).filter(str.strip)},
    optional={"id": st.text(alphabet="abcdefgh0123456789-", min_size=1, max_size=12),
              "title": st.text(max_size=30), "published": st.dates().map(date.isoformat)},
)


@settings(max_examples=60, deadline=None)
@given(records=st.lists(RECORD, min_size=1, max_size=5), indent=st.sampled_from([None, 1, 2]),
       as_list=st.booleans())
def test_json_document_and_json_lines_give_the_same_articles(tmp_path_factory: pytest.TempPathFactory,
                                                            records: list[dict[str, str]], indent: int | None,
                                                            as_list: bool) -> None:
    folder = tmp_path_factory.mktemp("json")
    lines = folder / "a.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    document = folder / "a.json"
    chosen = records if as_list else records[:1]
    document.write_text(json.dumps(chosen if as_list else chosen[0], indent=indent), encoding="utf-8")
    expected = list(read_articles(str(lines)))[: len(chosen)]
    got = list(read_articles(str(document)))
    assert [type(x) for x in got] == [type(x) for x in expected]
    assert [(a.id, a.text, a.published) for a in got if isinstance(a, Article)] == [
        (a.id, a.text, a.published) for a in expected if isinstance(a, Article)]
