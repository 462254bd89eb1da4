"""The gazetteer, place attachment, the dateline rule and the places stage (own sentences, no eval text)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.config import Settings
from dyadwatch.pipeline import EventCandidate
from dyadwatch.pipeline.places_stage import PlacesStage
from dyadwatch.places import find_dateline, load_gazetteer, locate
from dyadwatch.records import Actor, EventType, TextSpan

PARSE = ("normalise", "parse")
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "us-china-defence-relations.txt"


def token(analysis, word: str, nth: int = 0) -> int:  # type: ignore[no-untyped-def]
    return [t.i for t in analysis.doc if t.text == word][nth]


def add(analysis, word: str, nth: int = 0) -> EventCandidate:  # type: ignore[no-untyped-def]
    i = token(analysis, word, nth)
    cand = EventCandidate(sentence_index=analysis.sentence_of(i), trigger=(i, i + 1),
                          source=Actor(TextSpan(0, 0, "")), target=None, type=EventType("OTHER", "010"))
    analysis.candidates.append(cand)
    return cand


def place_of(make_analysis, text: str, trigger: str):  # type: ignore[no-untyped-def]
    analysis = make_analysis(text, stages=PARSE)
    return analysis, locate(analysis, token(analysis, trigger))


# --- gazetteer ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [("Laos", "LAO", "country"), ("Peru", "PER", "country"), ("U.S.", "USA", "country"),
     ("Burma", "MMR", "country"), ("Paris", "FRA", "city"), ("Washington", "USA", "city"),
     ("Hasaka", "SYR", "city"), ("Al-Hasakah", "SYR", "city"), ("Kiev", "UKR", "city"),
     ("Sana'a", "YEM", "city"), ("West Bank", "PSE", "region"), ("Deir Ezzor", "SYR", "city")],
)
def test_gazetteer_names(name: str, country: str, kind: str) -> None:
    place = load_gazetteer().resolve(name)
    assert place is not None and (place.country, place.kind) == (country, kind)


def test_gazetteer_records_have_coordinates_and_ids() -> None:
    laos = load_gazetteer().resolve("Laos")
    assert laos is not None and laos.geonameid == 1655842 and laos.feature_class == "A"
    assert laos.lat is not None and 13 < laos.lat < 23 and 100 < laos.lon < 108  # type: ignore[operator]
    dc = load_gazetteer().resolve("Washington")
    assert dc is not None and dc.capital and abs(dc.lat - 38.9) < 0.2  # type: ignore[operator]


def test_ambiguous_names_follow_the_article_countries() -> None:
    gaz = load_gazetteer()
    assert gaz.resolve("Georgia").country == "GEO"  # type: ignore[union-attr]
    assert gaz.resolve("Georgia", frozenset({"GEO", "RUS"})).country == "GEO"  # type: ignore[union-attr]
    state = gaz.resolve("Georgia", frozenset({"USA"}))
    assert state is not None and state.kind == "state" and state.country == "USA"
    assert gaz.resolve("Paris", frozenset({"USA"})).country == "FRA"  # type: ignore[union-attr]


def test_unknown_words_are_not_places() -> None:
    gaz = load_gazetteer()
    assert gaz.resolve("Zqxvillefoo") is None
    assert gaz.resolve("al-Nowherezz") is None


# --- attachment ---------------------------------------------------------------------------------------------


def test_place_attached_by_preposition(make_analysis) -> None:  # type: ignore[no-untyped-def]
    a, loc = place_of(make_analysis, "The two presidents met in Peru on Saturday.", "met")
    assert loc is not None and loc.country == "PER" and loc.rule == "attached"
    assert a.article.text[loc.span.start:loc.span.end] == "Peru"


def test_place_inside_the_event_phrase(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "China declined a meeting with the minister during the regional summit in Laos this week."
    _, loc = place_of(make_analysis, text, "declined")
    assert loc is not None and loc.country == "LAO"


def test_village_in_a_province(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen attacked a checkpoint in the village of Tell Zorbak in Hasaka on Sunday."
    _, loc = place_of(make_analysis, text, "attacked")
    assert loc is not None and "Zorbak" in loc.name and loc.country == "SYR"
    assert loc.rule.startswith("attached:within")


def test_each_clause_keeps_its_own_place(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said in Washington that soldiers killed five fighters in Kandahar."
    a = make_analysis(text, stages=PARSE)
    killed = locate(a, token(a, "killed"))
    said = locate(a, token(a, "said"))
    assert killed is not None and killed.country == "AFG"
    assert said is not None and said.country == "USA"


def test_actor_is_not_a_place(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, "Iran condemned the strike on Tuesday.", "condemned")
    assert loc is None


def test_recipient_is_not_a_place_but_destination_is(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, "Washington approved an arms sale to Taiwan.", "approved")
    assert loc is None
    _, loc = place_of(make_analysis, "The senator's visit to Taiwan angered officials.", "visit")
    assert loc is not None and loc.country == "TWN"


def test_captured_place_is_the_location(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, "Government troops captured Aleppo after a long siege.", "captured")
    assert loc is not None and loc.country == "SYR"


def test_single_place_of_the_sentence(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, "In Kabul, gunmen opened fire and two guards died.", "died")
    assert loc is not None and loc.country == "AFG"


def test_two_unattached_places_give_none(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, "Envoys from Norway and Chile praised the agreement.", "praised")
    assert loc is None


def test_unknown_place_name_is_kept_without_a_guessed_country(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, "Rebels shelled the town of Zorbakistanville overnight.", "shelled")
    assert loc is not None and loc.name == "Zorbakistanville" and loc.country is None


# --- dateline and stage -------------------------------------------------------------------------------------


def test_dateline_is_the_place_of_reporting(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "NAIROBI (Reuters) - Police fired tear gas at protesters in Mombasa on Tuesday."
    a = make_analysis(text, stages=PARSE)
    dateline = find_dateline(a)
    assert dateline is not None and dateline.country == "KEN" and dateline.rule == "dateline"
    fired = add(a, "fired")
    PlacesStage.from_settings(Settings())(a)
    assert fired.location is not None and fired.location.name == "Mombasa"


def test_dateline_used_when_nothing_else_is_given(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "NAIROBI (Reuters) - Police fired tear gas at protesters on Tuesday."
    a = make_analysis(text, stages=PARSE)
    fired = add(a, "fired")
    PlacesStage.from_settings(Settings())(a)
    assert fired.location is not None and fired.location.country == "KEN"
    assert fired.location.rule == "dateline:no-other-place"
    assert a.article.text[fired.location.span.start:fired.location.span.end] == "NAIROBI"


def test_stage_leaves_none_when_no_place(make_analysis) -> None:  # type: ignore[no-untyped-def]
    a = make_analysis("The minister condemned the decision.", published=date(2024, 11, 21), stages=PARSE)
    cand = add(a, "condemned")
    PlacesStage.from_settings(Settings())(a)
    assert cand.location is None


def test_reference_article_places(make_analysis) -> None:  # type: ignore[no-untyped-def]
    if not REFERENCE.exists():
        pytest.skip(f"reference article not found at {REFERENCE}")
    a = make_analysis(REFERENCE.read_text(encoding="utf-8"), stages=PARSE)
    declined, met, severed = add(a, "declined"), add(a, "met"), add(a, "severed")
    PlacesStage.from_settings(Settings())(a)
    assert declined.location is not None and declined.location.country == "LAO"
    assert met.location is not None and met.location.country == "PER"
    assert severed.location is None  # the visit was to Taiwan; the severing was not located there


def test_washington_state_and_capital() -> None:
    gaz = load_gazetteer()
    state = gaz.resolve("Washington state")
    capital = gaz.resolve("Washington")
    assert state is not None and state.kind == "state"
    assert capital is not None and capital.kind == "city" and capital.capital


def test_article_countries_pick_the_us_state(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "Storms flooded Atlanta on Monday. Officials declared an emergency in Georgia on Tuesday."
    a = make_analysis(text, stages=PARSE)
    loc = locate(a, token(a, "declared"))
    assert loc is not None and loc.name == "Georgia" and loc.country == "USA" and loc.feature_class == "A"
    text = "Russian troops massed near Tbilisi. Officials declared an emergency in Georgia on Tuesday."
    a = make_analysis(text, stages=PARSE)
    loc = locate(a, token(a, "declared"))
    assert loc is not None and loc.country == "GEO"


# --- where the act happened, not who or where the speaker is ------------------------------------------------


@pytest.mark.parametrize(("text", "trigger"), [
    ("Ukraine accused Russia of breaking the ceasefire.", "accused"),  # a party, not a place
    ("Shares tumbled on Wall Street after the central bank raised rates.", "tumbled"),  # an industry
    ("The two leaders signed a Treaty on Comprehensive Strategic Partnership last week.", "signed"),  # a treaty
    ("Two soldiers were wounded, according to a statement from the ministry in Lima.", "wounded"),  # speaker's seat
    ("Peru's ambassador was arrested on Monday.", "arrested"),  # whose ambassador, not where
])
def test_no_event_place(make_analysis, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, text, trigger)
    assert loc is None, loc


def test_distance_landmark_is_not_the_place(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, "A bomb exploded in Tikrit, some 150 km north of Baghdad, on Sunday.",
                      "exploded")
    assert loc is not None and loc.name != "Baghdad" and loc.span is not None and loc.span.text == "Tikrit"


def test_object_of_an_act_on_territory_beats_its_container(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, loc = place_of(make_analysis, "Militants captured Mosul in Nineveh province on Tuesday.", "captured")
    assert loc is not None and loc.span is not None and loc.span.text == "Mosul"
