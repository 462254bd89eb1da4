"""Local attackers, police, crowds and rebels with no state word take the state of the place they act in.

Every sentence here is written for this test from the grammar of wire copy (an explicit subject of a CAMEO 14-20
act and a place phrase); the names, places and wording are made up for it and are taken from no evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from strategies.news import news_texts

from dyadwatch.actors.placed import RULE, placed_nouns
from dyadwatch.records import Article

DAY = date(2025, 3, 10)


def placed(pipeline, text: str):  # type: ignore[no-untyped-def]
    analysis = pipeline.analyse(Article.create(text, published=DAY))
    return analysis, [e for e in analysis.events if e.source.rule == RULE]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A suicide bomber blew himself up outside a bank in Kandahar on Monday, killing four guards.", "AFGUAF"),
        ("Gunmen opened fire on a minibus near the town of Rutshuru on Thursday, killing two teachers.", "COD"),
        ("Police fired tear gas at hundreds of students in the town of Kapenguria on Tuesday.", "KENCOP"),
        ("Several thousand protesters demonstrated outside the town hall of Chivilcoy on Saturday.", "ARGCVL"),
        ("Insurgents ambushed a supply convoy outside the town of Tuz Khurmatu on Sunday.", "IRQREB"),
        # the victims' state is theirs, not the attackers'
        ("Insurgents detonated a mine and wounded two American engineers near Tuz Khurmatu on Sunday.", "IRQREB"),
    ],
)
def test_a_local_actor_takes_the_state_of_its_acts_place(pipeline, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    analysis, found = placed(pipeline, text)
    assert found, [(e.source.rule, e.source.code, e.type.cameo) for e in analysis.events]
    source = found[0].source
    assert source.code is not None and source.code.startswith(code)
    assert source.country == code[:3] and source.sectors
    assert source.evidence is not None  # the place that gave the state
    assert found[0].confidence <= 0.6  # an inferred state is less sure (x0.8)


@pytest.mark.parametrize(
    "text",
    [
        "Foreign militants attacked a checkpoint near the town of Rutshuru on Friday.",  # an outsider
        "Kurdish rebels attacked an army post near the town of Tuz Khurmatu.",  # a nationality decides
        "Soldiers opened fire on a crowd in the town of Rutshuru on Sunday.",  # soldiers may be another state's
        "Gunmen crossed the border and attacked a post near the town of Rutshuru.",  # a border: two states
        "Gunmen shot dead two Nigerian traders near a mosque in Kapenguria and fled to Uganda.",  # a second state
        "Bombers struck a fuel depot outside the town of Tuz Khurmatu overnight.",  # "bombers" may be aircraft
        "Police said the protest in the town of Kapenguria had been peaceful.",  # a statement: not placed by it
        "Gunmen opened fire on a minibus on Thursday, killing two teachers.",  # no place
    ],
)
def test_it_stays_silent_when_the_place_may_not_be_the_actors(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    _analysis, found = placed(pipeline, text)
    assert not found, [(e.source.span.text, e.source.code, e.type.cameo) for e in found]


def test_the_table_gives_plover_sectors_and_leaves_out_forces() -> None:
    table = placed_nouns()
    assert table["police"] == "COP" and table["rebel"] == "REB" and table["gunman"] == "UAF"
    assert table["protester"] == "CVL"
    assert not {"soldier", "troop", "force", "fighter", "aircraft", "sniper"} & set(table)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=news_texts())
def test_generated_news_keeps_the_rule_to_states(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    _analysis, found = placed(pipeline, text)
    for event in found:
        assert event.source.country is not None and len(event.source.country) == 3
        assert event.source.code == event.source.country + "".join(event.source.sectors)


# --- states that no longer exist: their ISO 3166-3 codes, as the Phoenix dictionaries give them -------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Soviet troops occupied the Czech capital in August 1968.", "SUN"),
        ("The Soviet Union expelled three Norwegian diplomats in 1984.", "SUN"),
        ("Yugoslav forces shelled the town of Gorazde in 1994.", "YUG"),
        ("Czechoslovakia expelled two Austrian diplomats in 1968.", "CSK"),
        ("East German guards shot a young man at the wall in 1962.", "DDR"),
    ],
)
def test_historical_states_have_their_codes(pipeline, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    analysis = pipeline.analyse(Article.create(text, published=DAY))
    assert any(e.source.country == code for e in analysis.events), [
        (e.source.span.text, e.source.code) for e in analysis.events]


def test_a_former_soviet_republic_is_the_state_named_with_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The former Soviet republic of Armenia accused Azerbaijan of shelling its border villages on Monday."
    analysis = pipeline.analyse(Article.create(text, published=DAY))
    sources = {e.source.country for e in analysis.events}
    assert "ARM" in sources and "SUN" not in sources


def test_country_names_know_historical_codes() -> None:
    from dyadwatch.resources import country_name

    assert country_name("SUN") == "USSR" and country_name("CSK") == "Czechoslovakia"
    assert country_name("NATO") == "NATO"


# --- a place inside one state in the actor's own words (region-word) ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Zanzibar Police Force detained nine fishermen on Wednesday.", "TZACOP"),
        ("The Kano State Police Command detained nine traders on Wednesday.", "NGACOP"),
        ("Basque separatists bombed a power line on Wednesday.", "ESPREB"),
    ],
)
def test_an_organ_named_with_a_region_is_its_states(pipeline, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    analysis = pipeline.analyse(Article.create(text, published=DAY))
    found = [e for e in analysis.events if e.source.rule == "region-word"]
    assert found and found[0].source.code == code, [(e.source.rule, e.source.code) for e in analysis.events]
    assert found[0].source.evidence is not None


def test_a_region_two_states_share_places_no_one(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = pipeline.analyse(Article.create("Punjab police detained nine traders on Wednesday.", published=DAY))
    assert all(e.source.country is None for e in analysis.events)
