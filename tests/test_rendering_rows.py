"""Terminal tables of plain rows: a text shared by every row is printed once, under the table."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from dyadwatch.rendering import rows_table, shared_notes, write_rows

NOTE = "real events, reports grouped: what the chart of a dyad sums, undated apart"


def _rows(n: int) -> list[dict[str, object]]:
    return [{"source": "USA", "target": f"K{i}", "events": i, "counts": NOTE} for i in range(n)]


def test_a_long_text_shared_by_every_row_is_a_note_not_a_column() -> None:
    out = io.StringIO()
    write_rows(_rows(3), "table", out=out, title="Dyads")
    text = out.getvalue()
    assert text.count("counts: real events") == 1
    assert "┃ counts" not in text and "K2" in text


def test_rows_that_differ_or_are_short_keep_their_columns() -> None:
    rows = _rows(3)
    rows[1]["counts"] = NOTE + " (and one more)"
    assert shared_notes(rows) == {}
    assert shared_notes([{"a": "short", "b": 1}, {"a": "short", "b": 2}]) == {}
    assert shared_notes(_rows(1)) == {}, "one row: nothing to share, the value stays in its column"


def test_machine_formats_keep_the_field_in_every_row() -> None:
    out = io.StringIO()
    write_rows(_rows(2), "csv", out=out)
    assert out.getvalue().count(NOTE) == 2


@given(st.lists(st.fixed_dictionaries({"x": st.integers(), "note": st.text(min_size=0, max_size=60)}),
                min_size=0, max_size=6))
def test_every_column_is_a_column_or_a_note(rows: list[dict[str, object]]) -> None:
    notes = shared_notes(rows)
    table = rows_table(rows)
    headers = {str(column.header) for column in table.columns}
    expected = set(rows[0]) if rows else set()
    assert headers | set(notes) == expected and not headers & set(notes)
