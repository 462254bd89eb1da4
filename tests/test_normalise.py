"""The normaliser: cleaned text for the parser, offsets that always map back into the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.document.normalise import normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Defen\u0441e Ministers", "Defence Ministers"),  # Cyrillic es inside a Latin word
        ("\u201cresolute countermeasures\u201d", '"resolute countermeasures"'),
        ("Ministers\u2019 Meeting", "Ministers' Meeting"),
        ("surface-to-air missiles \u2014 a first", "surface-to-air missiles - a first"),
        ("the \ufb01rst time", "the first time"),  # NFKC expands the ligature
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_normalise_cleans(text: str, expected: str) -> None:
    assert normalise(text).text == expected


def test_normalise_keeps_real_cyrillic_words() -> None:
    assert normalise("Москва said").text == "Москва said"


def test_normalise_maps_repaired_word_to_original_offsets() -> None:
    original = "the ASEAN Defen\u0441e Ministers"
    norm = normalise(original)
    start = norm.text.index("Defence")
    ostart, oend = norm.to_original(start, start + len("Defence"))
    assert original[ostart:oend] == "Defen\u0441e"


def test_normalise_maps_expanded_characters_whole() -> None:
    original = "a \ufb01ne day"
    norm = normalise(original)
    start = norm.text.index("fine")
    assert norm.to_original(start, start + 4) == (2, 5)
    assert norm.to_original(start, start + 1) == (2, 3)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=-5, max_value=400), st.integers(min_value=-5, max_value=400))
def test_normalise_offsets_always_inside_original(text: str, a: int, b: int) -> None:
    norm = normalise(text)
    assert len(norm.origin) == len(norm.text) + 1
    assert all(x <= y for x, y in zip(norm.origin, norm.origin[1:], strict=False))
    start, end = norm.to_original(min(a, b), max(a, b))
    assert 0 <= start <= end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1))
def test_normalise_every_character_maps_to_its_source(text: str) -> None:
    norm = normalise(text)
    for i in range(len(norm.text)):
        start, end = norm.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_normalise_is_identity_on_single_line_ascii(text: str) -> None:
    text = text.replace("\r", "").replace("\n", " ")
    assert normalise(text).text == text


def test_normalise_terminates_unpunctuated_lines() -> None:
    norm = normalise("Headline here  \nBody text.\n\nBy A Writer\n")
    assert norm.text == "Headline here.  \nBody text.\n\nBy A Writer.\n"
    start = norm.text.index(".")
    assert norm.to_original(0, start + 1) == (0, len("Headline here"))
