"""Issue 19 for lower-cased domestic news: the article's country without named entities, domestic offices and
institutions, national parties, "Congress" by context, police arrests.

The texts are written here from the grammar of domestic news (a "city:" or "city -" dateline, offices that name no
state, agentless passives of arrests), in several countries, never taken from an evaluation set.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.actors.tables import builtin_gazetteer, load_table, shared_names
from dyadwatch.config import Settings
from dyadwatch.records import Article
from dyadwatch.tables import data_path

DAY = date(2025, 6, 2)
CORPUS = Path(__file__).parent / "data" / "domestic_lower.jsonl"


def analyse(pipeline, text: str):  # type: ignore[no-untyped-def]
    return pipeline.analyse(Article.create(text, published=DAY))


def mention(analysis, text: str):  # type: ignore[no-untyped-def]
    found = [m.actor for m in analysis.mentions if m.actor.span.text.lower() == text]
    assert found, f"no mention {text!r} in {[m.actor.span.text for m in analysis.mentions]}"
    return found[0]


def arrests(analysis):  # type: ignore[no-untyped-def]
    return [e for e in analysis.events if e.type.cameo.startswith("173")]


# --- the dateline's place, whatever the tagger made of it ----------------------------------------------------


@pytest.mark.parametrize(
    ("dateline", "country"),
    [("lucknow:", "IND"), ("kolkata:", "IND"), ("karachi:", "PAK"), ("kisumu -", "KEN"), ("kano -", "NGA"),
     ("guadalajara -", "MEX")],
)  # fmt: skip
def test_lower_case_dateline_gives_police_a_country(pipeline, dateline: str, country: str) -> None:
    a = analyse(pipeline, f"{dateline} police on monday arrested three men over the killing of a shopkeeper.")
    police = mention(a, "police")
    assert (police.country, police.rule) == (country, "context-country")
    assert "COP" in police.sectors
    assert police.evidence is not None and police.evidence.text == dateline.split()[0].rstrip(":")


def test_agentless_arrest_under_a_lower_case_dateline(pipeline) -> None:
    a = analyse(pipeline, "kolkata: five people were arrested on tuesday for running a fake job racket.")
    found = arrests(a)
    assert found and found[0].source.country == "IND" and found[0].source.sectors == ("COP",)
    assert found[0].source.rule == "implicit-agent"


def test_no_dateline_no_country_guessed(pipeline) -> None:
    a = analyse(pipeline, "police on monday arrested three men over the killing of a shopkeeper.")
    assert mention(a, "police").country is None


# --- domestic offices and institutions take the context's country ---------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("the chief minister", "GOV"), ("the high court", "JUD"), ("the crime branch", "COP"),
     ("the district collector", "GOV"), ("the election commission", "GOV"), ("detectives", "COP"),
     ("the county assembly", "LEG"), ("party workers", "PTY")],
)  # fmt: skip
def test_domestic_offices_take_the_context_country(pipeline, phrase: str, sector: str) -> None:
    a = analyse(pipeline, f"nairobi - {phrase} criticised the plan on monday.")
    actor = mention(a, phrase)
    assert actor.country == "KEN" and sector in actor.sectors


def test_office_alone_in_an_article_about_two_states_stays_unresolved(pipeline) -> None:
    text = ("the chief minister criticised the plan on monday. india and pakistan both rejected it. "
            "pakistan and india traded charges.")  # fmt: skip
    assert mention(analyse(pipeline, text), "the chief minister").country is None


# --- parties, and "Congress" by the article's country -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [("the bjp accused the government of lying.", "the bjp", "IND"),
     ("the congress party accused the government of lying.", "the congress party", "IND"),
     ("the aam aadmi party accused the government of lying.", "the aam aadmi party", "IND"),
     ("the odm accused the government of lying.", "the odm", "KEN"),
     ("the all progressives congress accused the government of lying.", "the all progressives congress", "NGA")],
)  # fmt: skip
def test_lower_case_parties(pipeline, text: str, phrase: str, country: str) -> None:
    actor = mention(analyse(pipeline, text), phrase)
    assert actor.country == country and "PTY" in actor.sectors


@pytest.mark.parametrize(
    ("dateline", "country", "sector"),
    [("lucknow:", "IND", "PTY"), ("guadalajara -", "MEX", "LEG"), ("chicago -", "USA", "LEG")],
)
def test_congress_follows_the_article(pipeline, dateline: str, country: str, sector: str) -> None:
    a = analyse(pipeline, f"{dateline} congress leaders accused the governor of lying on monday.")
    actor = mention(a, "congress leaders")
    assert actor.country == country and sector in actor.sectors


def test_congress_without_context_keeps_the_table_meaning(pipeline) -> None:
    actor = mention(analyse(pipeline, "Congress leaders accused the governor of lying on Monday."), "congress leaders")
    assert actor.country == "USA"


def test_shared_names_table_lists_states() -> None:
    congress = shared_names()[("congress",)]
    assert congress["IND"].sectors == ("PTY",) and congress["MEX"].sectors == ("LEG",)
    assert "USA" not in congress  # the gazetteer's own meaning


# --- first-level divisions --------------------------------------------------------------------------------------


def test_divisions_are_safe_to_match_in_any_case() -> None:
    table = load_table(data_path("actors", "subdivisions.tsv"))
    keys = set(table.exact)
    assert {("jalisco",), ("uttar", "pradesh"), ("kisumu",)} & keys
    assert ("jalisco",) in keys and ("uttar", "pradesh") in keys
    for word in (("punjab",), ("rivers",), ("plateau",), ("central",), ("sahel",), ("kochi",), ("mexico",)):
        assert word not in keys, word  # two states, English words, a wider region, another state's city
    countries = {}
    for key, patterns in table.exact.items():
        countries.setdefault(key, set()).update(p.entry.country for p in patterns)
    assert all(len(c) == 1 for c in countries.values())


def test_division_places_an_event(pipeline) -> None:
    a = analyse(pipeline, "state police in jalisco arrested a suspected gang leader on wednesday.")
    found = arrests(a)
    assert found and found[0].source.country == "MEX"


def test_hand_tables_keep_their_meaning() -> None:
    gaz = builtin_gazetteer()
    assert {p.entry.country for p in gaz.exact[("lagos",)]} == {"NGA"}
    assert all(p.entry.kind == "role" for p in gaz.exact[("chief", "minister")])


# --- generated articles: a lower-cased dateline of any of several states, any casing ---------------------------

CITIES = (("lucknow", "IND"), ("patna", "IND"), ("peshawar", "PAK"), ("lagos", "NGA"), ("mombasa", "KEN"),
          ("monterrey", "MEX"), ("durban", "ZAF"), ("chittagong", "BGD"))  # fmt: skip
LEADS = ("police arrested {n} men on {d} after a clash in the market.",
         "{n} people were arrested on {d} after a clash in the market, officials said.",
         "police on {d} detained {n} protesters outside the state assembly.")  # fmt: skip


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(city=st.sampled_from(CITIES), lead=st.sampled_from(LEADS), mark=st.sampled_from([":", " -", " —"]),
       n=st.sampled_from(["two", "five", "12"]), day=st.sampled_from(["monday", "friday"]),
       upper=st.booleans())  # fmt: skip
def test_generated_domestic_arrests(pipeline, city, lead, mark, n, day, upper) -> None:  # type: ignore[no-untyped-def]
    name, country = city
    text = f"{name}{mark} " + lead.format(n=n, d=day) + " the chief minister ordered an inquiry."
    if upper:
        text = text.upper()
    a = analyse(pipeline, text)
    found = arrests(a)
    assert found, text
    assert {e.source.country for e in found} == {country}, text
    assert all("COP" in e.source.sectors for e in found), text


# --- the constructed domestic set ---------------------------------------------------------------------------------


def test_constructed_domestic_news(pipeline) -> None:
    """Written for this issue in several countries (tests/data/domestic_lower.jsonl, with its expected country
    and whether police arrested someone); the floors are below what the rules reach now, so a regression shows."""
    events = with_country = home = tp = fp = fn = 0
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        a = pipeline.analyse(Article.create(item["text"], published=date.fromisoformat(item["published"])))
        police = False
        for e in a.events:
            events += 1
            if e.source.country:
                with_country += 1
                home += e.source.country == item["country"]
            police |= e.type.cameo.startswith("173") and "COP" in e.source.sectors
        tp += police and item["arrest"]
        fp += police and not item["arrest"]
        fn += item["arrest"] and not police
    assert with_country / events >= 0.75
    assert home / with_country >= 0.95
    assert tp / (tp + fn) >= 0.8 and tp / (tp + fp) >= 0.9


# --- names the tables do not know, in lower-cased text -----------------------------------------------------------


@pytest.fixture(scope="module")
def vocabulary():  # type: ignore[no-untyped-def]
    from dyadwatch.pipeline.text_stages import case_vocabulary

    return case_vocabulary(Settings())


def test_unknown_names_are_capitalised(vocabulary) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.actors.casing import truecase

    text = "lucknow: akhilesh yadav and rahul gandhi accused the state government. the largest ceasefire held."
    assert truecase(text, vocabulary) == (
        "Lucknow: Akhilesh Yadav and Rahul Gandhi accused the state government. The largest ceasefire held."
    )
    assert truecase("officials said they didn't know the reason.", vocabulary) == (
        "Officials said they didn't know the reason."
    )


COMMON = ("government", "arrested", "criticised", "internationally", "protesters", "largest", "women", "stopped",
          "denied", "officials", "negotiations", "villagers", "hospitalised", "rioting", "funding")  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(COMMON), min_size=1, max_size=8))
def test_english_words_are_never_taken_for_names(vocabulary, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.actors.casing import truecase

    text = "and " + " ".join(words) + " and"
    assert truecase(text, vocabulary)[1:] == text[1:]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_name_casing_keeps_length_and_letters(vocabulary, text: str) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.actors.casing import truecase

    out = truecase(text.lower(), vocabulary)
    assert len(out) == len(text.lower()) and out.lower() == text.lower().lower()


def test_unknown_person_takes_the_article_country(pipeline) -> None:
    a = analyse(pipeline, "patna: akhilesh yadav on monday accused the state government of ignoring farmers.")
    actor = mention(a, "akhilesh yadav")
    assert actor.country == "IND" and actor.rule == "context-country"


def test_dateline_place_in_any_case(pipeline) -> None:
    """ "cebu -": the Phoenix table writes the place "CEBU"; the dateline's place is looked up in any case."""
    a = analyse(pipeline, "cebu - police arrested a village chief on thursday in a raid, a police spokesman said.")
    assert mention(a, "police").country == "PHL"


def test_congress_with_its_own_state_keeps_it(pipeline) -> None:
    a = analyse(pipeline, "lucknow: the mexican congress approved the treaty on monday, officials in lucknow said.")
    actor = mention(a, "the mexican congress")
    assert actor.country == "MEX"
