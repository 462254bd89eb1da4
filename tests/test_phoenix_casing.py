"""The Phoenix base tables, the compiled caches, discards and truecasing (issue 13 items 1, 4 and 6).

Sentences are written for these tests; nothing is taken from the evaluation sets.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dyadwatch.actors.casing import CaseVocabulary, casing_of, truecase
from dyadwatch.actors.discards import Discard, Discards
from dyadwatch.actors.tables import BASE_TABLES, Gazetteer, builtin_gazetteer, from_plain, load_table, to_plain
from dyadwatch.evaluation.dataset import recase
from dyadwatch.tables import data_path, read_compiled, write_compiled

STAGES = ("normalise", "parse", "actors")


@pytest.fixture(scope="module")
def run(make_analysis):  # type: ignore[no-untyped-def]
    def go(text: str, published: date | None = date(2010, 6, 1)):  # type: ignore[no-untyped-def]
        return make_analysis(text, published=published, stages=STAGES)

    return go


def actor(analysis, text: str):  # type: ignore[no-untyped-def]
    for m in analysis.mentions:
        if m.actor.span.text == text:
            return m.actor
    raise AssertionError(f"no mention {text!r} in {[m.actor.span.text for m in analysis.mentions]}")


# ------------------------------------------------------------------------------------------- base tables
def test_base_tables_carry_the_mit_notice_and_their_hashes() -> None:
    import hashlib

    manifest = json.loads(data_path("actors", "MANIFEST.json").read_text(encoding="utf-8"))["tables"]
    for name in (*BASE_TABLES, "phoenix_discards.tsv"):
        info = manifest[name]
        assert "MIT" in info["licence"] and "Open Event Data Alliance" in info["licence"]
        assert "build_phoenix_tables.py" in info["source"]
        assert info["sha256"] == hashlib.sha256(data_path("actors", name).read_bytes()).hexdigest()


def test_a_dated_office_holder_of_the_base_layer(run) -> None:  # type: ignore[no-untyped-def]
    # Only the Phoenix country file lists him: head of government of Azerbaijan 1996-2018 (dated codes).
    held = run("Artur Rasizade visited Ankara.", date(2001, 5, 1))
    assert (actor(held, "Artur Rasizade").country, actor(held, "Artur Rasizade").code) == ("AZE", "AZEGOV")
    before = run("Artur Rasizade visited Ankara.", date(1990, 5, 1))
    assert actor(before, "Artur Rasizade").sectors == ("ELI",)  # the dictionary's code outside his terms


def test_hand_tables_win_over_the_base_layer() -> None:
    gaz = builtin_gazetteer()
    obama = gaz.exact[("barack", "obama")]
    assert {p.entry.source for p in obama} == {"actors/office_holders.tsv"}
    # Phoenix's longer forms of the same person are left out too: the hand table's dated offices hold.
    assert ("president", "barack", "obama") not in gaz.exact
    # A base-only phrase is there
    assert any(p.entry.source == "actors/phoenix_countries.tsv" for p in gaz.exact[("artur", "rasizade")])


def test_one_word_english_words_are_not_names() -> None:
    groups = load_table(data_path("actors", "phoenix_groups.tsv"))
    assert ("youth",) not in groups.exact and ("foundation",) not in groups.exact


# ---------------------------------------------------------------------------------------- compiled caches
def test_compiled_gazetteer_round_trips(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADWATCH_CACHE", str(tmp_path))
    gaz = load_table(data_path("actors", "seats.tsv"))
    write_compiled("test", "k" * 64, to_plain(gaz))
    back = from_plain(read_compiled("test", "k" * 64))
    assert back is not None and set(back.exact) == set(gaz.exact) and back.prefixes == gaz.prefixes
    words = ["White", "House"]
    assert back.lookup([w.lower() for w in words], words, [w.lower() for w in words]) == gaz.lookup(
        [w.lower() for w in words], words, [w.lower() for w in words]
    )


def test_a_damaged_cache_is_rebuilt_not_trusted(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADWATCH_CACHE", str(tmp_path))
    (tmp_path / f"test-{'a' * 32}.msgpack").write_bytes(b"\xc1not msgpack")
    assert read_compiled("test", "a" * 64) is None
    write_compiled("test", "a" * 64, {"format": "other"})
    assert from_plain(read_compiled("test", "a" * 64)) is None


def test_empty_gazetteer_extends_by_copy() -> None:
    gaz = load_table(data_path("actors", "seats.tsv"))
    merged = Gazetteer()
    merged.extend(gaz)
    merged.add(("Freedonia",), gaz.exact[("kremlin",)][0].entry)
    assert ("freedonia",) not in gaz.exact and ("freedonia",) in merged.exact


def test_compiled_places_resolve_like_the_built_index(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.places import gazetteer as places

    monkeypatch.setenv("DYADWATCH_CACHE", str(tmp_path))
    built = places.Gazetteer(15000)
    write_compiled("places-test", "b" * 64, places._to_plain(built))
    back = places._from_plain(read_compiled("places-test", "b" * 64))
    assert back is not None
    for name in ("Laos", "Washington", "southern Lebanon", "Al Hasakah", "Sao Paulo"):
        assert back.resolve(name) == built.resolve(name)


# ----------------------------------------------------------------------------------------------- discards
def test_discards_match_words_plurals_and_phrases() -> None:
    d = Discards()
    d.add(Discard(("champion",), story=False, whole_word=False))
    d.add(Discard(("world", "cup"), story=True, whole_word=False))
    assert [x.words for _, x in d.find("the champions won".split())] == [("champion",)]
    assert d.find("the us championed the plan".split()) == []
    assert d.find("the world cup final".split())[0][1].story


def test_a_sports_sentence_gives_no_events(make_analysis) -> None:  # type: ignore[no-untyped-def]
    a = make_analysis("Brazil attacked Argentina in the football final. Brazil recalled its ambassador from Chile.",
                      published=date(2010, 6, 1), stages=("normalise", "parse", "actors", "events"))
    assert a.discarded == {0}
    assert a.candidates and all(c.sentence_index == 1 for c in a.candidates)


# ---------------------------------------------------------------------------------------------- truecasing
VOCAB = CaseVocabulary(
    phrases={("white", "house"): ("White", "House"), ("china",): ("China",), ("nato",): ("NATO",),
             ("xi", "jinping"): ("Xi", "Jinping")},
    ambiguous={"trump": "Trump"}, roles=frozenset({"officials"}), max_len=2,
)  # fmt: skip


def test_truecasing_from_the_vocabulary() -> None:
    text = "the us and china met. president trump said the white house and nato agreed. they told us so."
    assert truecase(text, VOCAB) == (
        "The US and China met. President Trump said the White House and NATO agreed. They told us so."
    )
    assert truecase("US OFFICIALS MET XI JINPING IN CHINA TODAY", VOCAB) == "US officials met Xi Jinping in China today"


def test_casing_of() -> None:
    assert casing_of("the talks went on all day in the capital") == "lower"
    assert casing_of("THE TALKS WENT ON ALL DAY IN THE CAPITAL") == "upper"
    assert casing_of("The talks went on all day in Paris") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
@example("ßAAAAAAAAAAA")  # "ß" upper-cases to "SS": found by Hypothesis in CI
def test_truecasing_keeps_length_and_letters(text: str) -> None:
    out = truecase(text.lower(), VOCAB)
    assert len(out) == len(text.lower()) and out.lower() == text.lower().lower()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["lower", "upper", "as-is"]))
def test_recased_gold_keeps_offsets(text: str, casing: str) -> None:
    out = recase(text, casing)
    assert len(out) == len(text)


def test_all_caps_text_codes_its_actors(run) -> None:  # type: ignore[no-untyped-def]
    a = run("NORTH KOREA FIRED A MISSILE OVER JAPAN, SOUTH KOREAN MILITARY OFFICIALS SAID.")
    assert actor(a, "NORTH KOREA").country == "PRK" and actor(a, "JAPAN").country == "JPN"
    lower = run("north korea fired a missile over japan, south korean military officials said.")
    assert actor(lower, "north korea").country == "PRK"
