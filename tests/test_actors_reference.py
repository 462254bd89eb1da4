"""Golden test: the reference article's actors, resolved as of its publication date (2024-11-21)."""

from __future__ import annotations

import pytest

STAGES = ("normalise", "parse", "actors")


@pytest.fixture(scope="module")
def ref(make_analysis, reference_text):  # type: ignore[no-untyped-def]
    return make_analysis(reference_text, stages=STAGES)


def find(analysis, text: str, nth: int = 0):  # type: ignore[no-untyped-def]
    found = [m.actor for m in analysis.mentions if text in m.actor.span.text]
    assert len(found) > nth, f"no mention containing {text!r}: {[m.actor.span.text for m in analysis.mentions]}"
    return found[nth]


@pytest.mark.parametrize(
    ("text", "country", "sectors"),
    [
        ("US Defence Secretary Lloyd Austin", "USA", {"GOV", "MIL"}),
        ("his Chinese counterpart, Dong Jun", "CHN", {"GOV", "MIL"}),
        ("A senior US defence official", "USA", {"GOV", "MIL"}),
        ("US President Joe Biden", "USA", {"GOV"}),
        ("Chinese President Xi Jinping", "CHN", {"GOV"}),
        ("National Security Advisor Jake Sullivan", "USA", {"GOV"}),
        ("then-House Speaker Nancy Pelosi", "USA", {"LEG"}),
        ("Kuomintang forces", "TWN", {"PTY", "MIL"}),
        ("Communist Party", "CHN", {"PTY"}),
        ("Beijing", "CHN", {"GOV"}),
        ("US media", "USA", {"MED"}),
        ("Caliber.Az", "AZE", {"MED"}),
    ],
)
def test_reference_actor(ref, text: str, country: str, sectors: set[str]) -> None:  # type: ignore[no-untyped-def]
    actor = find(ref, text)
    assert actor.country == country
    assert sectors <= set(actor.sectors)


def test_media_are_not_governments(ref) -> None:  # type: ignore[no-untyped-def]
    for text in ("Caliber.Az", "US media"):
        assert "GOV" not in find(ref, text).sectors


def test_names_codes_and_rules(ref) -> None:  # type: ignore[no-untyped-def]
    austin = find(ref, "US Defence Secretary Lloyd Austin")
    assert austin.name == "Lloyd Austin"
    assert austin.rule == "title"
    assert austin.code == "USAGOVMIL"
    assert find(ref, "his Chinese counterpart").name == "Dong Jun"
    assert find(ref, "Beijing").code == "CHNGOV"
    assert find(ref, "Beijing").rule == "capital-metonym"
    assert find(ref, "Chinese President Xi Jinping").name == "Xi Jinping"


def test_later_surname_is_the_same_entity(ref) -> None:  # type: ignore[no-untyped-def]
    austin = find(ref, "US Defence Secretary Lloyd Austin")
    bare = [m.actor for m in ref.mentions if m.actor.span.text == "Austin"]
    assert bare and all(a.entity == austin.entity and a.country == "USA" for a in bare)
    assert all(a.rule == "coreference" for a in bare)


def test_country_and_organisation(ref) -> None:  # type: ignore[no-untyped-def]
    china = [m.actor for m in ref.mentions if m.actor.span.text == "China"]
    assert china and all(a.country == "CHN" for a in china)
    asean = find(ref, "ASEAN")
    assert asean.country == "ASEAN"
    assert "IGO" in asean.sectors


def test_island_anaphora(ref) -> None:  # type: ignore[no-untyped-def]
    for text in ("the self-governed island", "the island"):
        actor = find(ref, text)
        assert actor.country == "TWN"
        assert actor.rule == "anaphor"


def test_two_nations_is_the_dyad(ref) -> None:  # type: ignore[no-untyped-def]
    for text in ("the two nations", "the two countries"):
        actor = find(ref, text)
        assert actor.rule == "dyad-reference"
        assert actor.country is None
        assert set(actor.name.split("+")) == {"USA", "CHN"}


def test_pronoun_its_is_beijing(ref) -> None:  # type: ignore[no-untyped-def]
    its = [m.actor for m in ref.mentions if m.actor.span.text == "its"]
    assert its and all(a.country == "CHN" and a.rule == "pronoun" for a in its)


def test_mentions_sorted_and_disjoint(ref) -> None:  # type: ignore[no-untyped-def]
    previous_end = -1
    for m in ref.mentions:
        assert m.start >= previous_end
        assert m.start <= m.head < m.end
        previous_end = m.end
