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
    text = text.replace("\r", "").replace("\n", " ").replace("_", "")  # the wire dash: tested below
    assert normalise(text).text == text


def test_normalise_terminates_unpunctuated_lines() -> None:
    norm = normalise("Headline here  \nBody text.\n\nBy A Writer\n")
    assert norm.text == "Headline here.  \nBody text.\n\nBy A Writer.\n"
    start = norm.text.index(".")
    assert norm.to_original(0, start + 1) == (0, len("Headline here"))


# --- the wire's " _ " dash ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoy _ who arrived in 2018 _ left.", "The envoy - who arrived in 2018 - left."),
        ("Two guards  _  both unarmed  _  were hurt.", "Two guards  -  both unarmed  -  were hurt."),
        ("March 4, 2002 _ Rebels seize a town.", "March 4, 2002 - Rebels seize a town."),
        ("the vote,  _    held in May", "the vote,  -    held in May"),
        ("snake_case _ stays", "snake_case - stays"),
        ("fill in ____ here", "fill in ____ here"),  # a blank to fill, not a dash
        ("a _ _ b", "a _ _ b"),
        ("_ leading and trailing _", "_ leading and trailing _"),
        ("ends a line _\nnext line\n", "ends a line _\nnext line.\n"),
    ],
)
def test_normalise_reads_the_wire_dash(text: str, expected: str) -> None:
    assert normalise(text).text == expected


_WORDS = st.text(alphabet="abcXYZ019,.'", min_size=1, max_size=8)
_GAPS = st.sampled_from([" ", " _ ", "  _  ", "\t_ ", " _\t", "_", " __ ", " _ _ ", "\n", " _\n", "\u00a0_\u00a0"])


@st.composite
def _wire_texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=12))
    gaps = draw(st.lists(_GAPS, min_size=len(words) - 1, max_size=len(words) - 1))
    return "".join(w + g for w, g in zip(words, [*gaps, ""], strict=True))


@settings(max_examples=300, deadline=None)
@given(_wire_texts())
def test_normalise_wire_dash_keeps_every_offset(text: str) -> None:
    """The dash replaces one character by one: the map is the one of the same text with "_" read as "#"."""
    norm = normalise(text)
    plain = normalise(text.replace("_", "#"))
    assert norm.origin == plain.origin
    assert len(norm.text) == len(plain.text)
    for i, ch in enumerate(norm.text):
        source = text[norm.origin[i]]
        if ch == "-" and source == "_":
            continue  # a dash: the underscore it replaced, at the same place
        assert ch == plain.text[i] or (ch == "_" and plain.text[i] == "#")
    for i, ch in enumerate(norm.text):
        if ch == "-" and text[norm.origin[i]] == "_":
            start, end = norm.to_original(i, i + 1)
            assert text[start:end] == "_"


@settings(max_examples=300, deadline=None)
@given(_wire_texts())
def test_normalise_wire_dash_is_idempotent(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_normalise_leaves_text_without_a_lone_underscore_alone(text: str) -> None:
    """Underscores that touch a letter, another underscore or a line end are not dashes."""
    text = text.replace("\r", "").replace("\n", " ").replace(" _", "__").replace("_ ", "__").replace("\t_", "__")
    assert normalise(text).text == text
