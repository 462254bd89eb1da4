"""Unidentified agents placed where the act happens, and places inside attribution clauses.

Every sentence here is written for this test from the grammar of news (agentless passives of CAMEO 18-19 acts,
means as subjects, attribution clauses of wire copy); the names, places and wording are made up for it and are
taken from no evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies.news import news_texts

from dyadwatch.actors.attribution import attribution_tokens
from dyadwatch.actors.context import ArticleContext, Clue
from dyadwatch.actors.unidentified import RULE, means_table
from dyadwatch.records import Article, TextSpan

DAY = date(2025, 3, 10)


def analyse(pipeline, text: str):  # type: ignore[no-untyped-def]
    return pipeline.analyse(Article.create(text, published=DAY))


def unidentified(analysis):  # type: ignore[no-untyped-def]
    return [e for e in analysis.events if e.source.rule == RULE]


# --- the rule fires: an act of violence with no doer, a place the sentence names ------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Two bank clerks were shot dead outside a depot in Mogadishu on Friday.", "SOMUAF"),
        ("A roadside bomb near the town of Tikrit wounded three policemen on Monday.", "IRQUAF"),
        ("A local radio presenter was killed in a car bomb attack in Kandahar on Tuesday.", "AFGUAF"),
        ("A retired judge was stabbed to death near his farm outside Nakuru last week.", "KENUAF"),
        ("A shopkeeper was murdered at his home in Peshawar on Sunday night.", "PAKUNK"),
    ],
)
def test_violence_with_no_doer_takes_the_unidentified_actor_of_its_place(  # type: ignore[no-untyped-def]
        pipeline, text: str, code: str) -> None:
    a = analyse(pipeline, text)
    found = unidentified(a)
    assert found, [(e.source.rule, e.source.code) for e in a.events]
    event = found[0]
    assert event.source.code == code
    assert event.source.sectors == (code[3:],)
    assert event.source.evidence is not None and event.location is not None
    assert event.source.evidence.text == event.location.span.text  # the place that gave the state
    assert event.confidence < 0.5  # an inferred doer is less sure


# --- and stays silent: a doer named or implied, a state's arms, two sides, no place, a border ------------------


@pytest.mark.parametrize(
    "text",
    [
        "Four farmers were killed in an airstrike near Aleppo on Sunday.",  # air power: a state's, maybe foreign
        "Six soldiers were killed in clashes with rebels in Goma.",  # two sides: the other side is named
        "Militants stormed a checkpoint in Quetta and two guards were killed.",  # a doer named
        "A village elder in Kunduz was gunned down by a pair of youths riding a motorbike.",  # by people
        "Three farmers were killed by a landmine near the Thai border with Cambodia.",  # a border: two states
        "Two aid workers were shot dead on Friday.",  # no place: nothing says which state
        "Hundreds of people have been killed in Darfur since the revolt began.",  # a toll, not one act
        "A truck driver was killed in a road accident in Nairobi on Monday.",  # an accident has no author
        "Anyone who enters the valley near Herat could be killed.",  # a hypothetical
    ],
)
def test_no_unidentified_actor_when_the_text_gives_a_doer_or_no_single_state(  # type: ignore[no-untyped-def]
        pipeline, text: str) -> None:
    a = analyse(pipeline, text)
    assert not unidentified(a), [(e.trigger.text, e.source.code) for e in a.events]


def test_the_doer_of_the_sentence_before_blocks_the_rule(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, "Taliban fighters attacked a police post in Ghazni on Monday. Two officers were shot "
                          "dead in Ghazni.")
    assert not unidentified(a)


def test_a_place_inside_the_attribution_never_places_the_doer(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, "Two teachers were shot dead on Monday, aid officials in Nairobi said.")
    assert not unidentified(a)


def test_the_means_table_is_well_formed() -> None:
    table = means_table()
    assert set(table.values()) == {"weapon", "blast", "state", "confrontation", "agent", "hazard"}
    assert table["bomb"] == "weapon" and table["explosion"] == "blast" and table["airstrike"] == "state"
    assert table["clash"] == "confrontation" and table["gunmen"] == "agent" and table["accident"] == "hazard"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["Kandahar", "Mosul", "Peshawar", "Mogadishu", "Maiduguri", "Benghazi"]),
       st.sampled_from(["was shot dead", "was wounded in a bomb blast", "was killed"]),
       st.sampled_from(["", ", police said", ", according to hospital officials"]))
def test_generated_passives_never_take_a_state_other_than_the_place(  # type: ignore[no-untyped-def]
        pipeline, city: str, act: str, tail: str) -> None:
    a = analyse(pipeline, f"A local trader {act} in {city} on Tuesday{tail}.")
    for event in unidentified(a):
        assert event.location is not None and event.source.country == event.location.country


# --- attribution clauses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("Fighting killed 20 people, relief officials in Goma said.", "Goma", "Fighting"),
        ("According to sources in Juba, the army shelled the town.", "Juba", "army"),
        ("The agency reported from Lima that police detained ten miners.", "Lima", "police"),
    ],
)
def test_attribution_tokens(pipeline, text: str, inside: str, outside: str) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, text)
    tokens = attribution_tokens(a.doc)
    words = {a.doc[i].text for i in tokens}
    assert inside in words and outside not in words


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(news_texts(max_sentences=4))
def test_generated_news_attributions_hold_no_reported_clause(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, text)
    if a.doc is None:
        return
    tokens = attribution_tokens(a.doc)
    assert all(0 <= i < len(a.doc) for i in tokens)
    for tok in a.doc:  # the content a reporting verb introduces is never part of its attribution
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ("say", "tell", "report") \
                and tok.head.i not in tokens:  # (a "said" inside another attribution is all attribution)
            assert tok.i not in tokens
    for event in unidentified(a):  # and an unidentified doer always names the place's state
        assert event.location is not None and event.source.country == event.location.country


def _clue(token: int, sentence: int, country: str, *, attributed: bool = False) -> Clue:
    return Clue(token, sentence, 0, country, TextSpan(token, token + 1, "x"), True, attributed=attributed)


def test_a_speakers_seat_yields_to_the_article_and_places_the_speaker() -> None:
    context = ArticleContext([_clue(1, 0, "UGA"), _clue(8, 1, "UGA"), _clue(20, 2, "KEN", attributed=True)],
                             attribution=frozenset({19, 20}))
    assert context.country_for(2, 0).country == "UGA"  # the reported people: the article's state
    assert context.country_for(2, 0, token=19).country == "KEN"  # the speaker: where they sit
    alone = ArticleContext([_clue(5, 0, "KEN", attributed=True)], attribution=frozenset({5}))
    assert alone.country_for(0, 0).country == "KEN"  # a one-sentence text: the seat is all there is


def test_a_speakers_seat_in_another_state_does_not_place_the_police(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = analyse(pipeline, "Zambia's opposition called a general strike on Monday. Thousands marched through "
                          "Lusaka and Ndola, and Zambian officials warned of unrest. Police detained dozens of "
                          "marchers after the rally, diplomatic sources in neighbouring Malawi said.")
    detained = [e for e in a.events if e.trigger.text == "detained"]
    assert detained and detained[0].source.country == "ZMB"


# --- place names several states share --------------------------------------------------------------------------


def test_the_shared_places_table_lists_states_of_each_name() -> None:
    from dyadwatch.actors.ambiguous import shared_places

    table = shared_places()
    assert {"LBN", "LBY"} <= table["tripoli"]
    assert all(len(states) > 1 for states in table.values())


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Gunmen attacked an army checkpoint in the north Lebanese port of Tripoli on Sunday.", "LBN"),
        ("Pakistani police raided a warehouse in Hyderabad and seized smuggled fuel.", "PAK"),
        ("Lebanon sent more troops north. Lebanese officials said the port was calm. Soldiers detained five men "
         "in Tripoli overnight.", "LBN"),
    ],
)
def test_a_shared_place_name_takes_the_state_the_text_names(  # type: ignore[no-untyped-def]
        pipeline, text: str, country: str) -> None:
    from dyadwatch.actors.ambiguous import RULE as SHARED

    a = analyse(pipeline, text)
    settled = [m.actor for m in a.mentions if m.actor.rule == SHARED]
    assert settled and all(actor.country == country for actor in settled)
    placed = [e.location for e in a.events if e.location is not None and e.location.name in ("Tripoli", "Hyderabad")]
    assert placed and all(loc.country == country for loc in placed)


def test_a_shared_place_name_keeps_its_state_when_the_text_names_both(pipeline) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.actors.ambiguous import RULE as SHARED

    a = analyse(pipeline, "Libyan and Lebanese envoys met in Tripoli on Monday to discuss migrant boats.")
    assert not [m for m in a.mentions if m.actor.rule == SHARED]


def test_the_gazetteer_cuts_a_shared_city_to_the_one_named_state() -> None:
    from dyadwatch.places.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert gaz.resolve("Tripoli", frozenset({"LBN"})).country == "LBN"
    assert gaz.resolve("Tripoli", frozenset({"LBY"})).country == "LBY"
    assert gaz.resolve("Tripoli", frozenset({"LBN", "LBY"})).country == "LBY"  # both named: the old scoring
