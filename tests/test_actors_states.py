"""Which state an actor gets when the text places it but a rule used to give none or the wrong one (countries10):
"the militants" after a named armed group, bodies spread over the world, an organisation's name run into a known
person's, a party name several states share, the targets of a court, and the people of the place just named.

Sentences written for these tests, one construction each; none is taken from an evaluation set or from VOA.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.document.tree import WORLD_WORDS, worldwide

STAGES = ("normalise", "parse", "actors", "events")


@pytest.fixture(scope="module")
def mentions(make_analysis):  # type: ignore[no-untyped-def]
    """``mentions(text)`` -> {mention text: (country, code, rule)} after the actors stage."""

    def run(text: str) -> dict[str, tuple[str | None, str | None, str]]:
        analysis = make_analysis(text, stages=("normalise", "parse", "actors"))
        doc = analysis.doc
        return {doc[m.start:m.end].text: (m.actor.country, m.actor.code, m.actor.rule) for m in analysis.mentions}

    return run


@pytest.fixture(scope="module")
def sides(make_analysis):  # type: ignore[no-untyped-def]
    """``sides(text)`` -> [(source text, source country, target text, target country, target rule)]."""

    def run(text: str):  # type: ignore[no-untyped-def]
        analysis = make_analysis(text, stages=STAGES)
        return [(c.source.span.text, c.source.country, c.target.span.text if c.target else None,
                 c.target.country if c.target else None, c.target.rule if c.target else None)
                for c in analysis.candidates]

    return run


# ------------------------------------------------------------------------------ "the militants" = the group named
def test_the_militants_are_the_group_just_named_not_the_host_state(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("Somalia-based al-Shabab has raided Kenyan border villages for years. Near the coast, the "
                     "militants attacked a police post in Lamu on Monday.")
    assert found["the militants"] == ("SOM", "SOMREBSHB", "group-anaphor")


def test_an_official_of_a_group_is_no_antecedent_for_the_militants(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("Pakistan blamed its neighbour for the raid. The Taliban foreign ministry spokesperson denied "
                     "any role. The militants blew up a bridge in Balochistan on Tuesday.")
    assert found["The militants"][2] != "group-anaphor"


def test_modified_militants_are_not_simply_the_group(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("Somalia-based al-Shabab has raided Kenyan villages for years. Later, the Kenyan militants "
                     "attacked a post in Lamu.")
    assert found.get("the Kenyan militants", (None, None, ""))[2] != "group-anaphor"


# ---------------------------------------------------------------------------------- bodies spread over the world
@pytest.mark.parametrize("text, who", [
    ("Leaders around the world condemned the kidnapping of the pupils in Nigeria.", "Leaders"),
    ("The raid on the school in Nigeria drew global outrage, with many leaders calling for the pupils' release.",
     "many leaders"),
    ("Foreign governments criticised the police in Nigeria on Monday.", "Foreign governments"),
])
def test_bodies_spread_over_the_world_take_no_state(sides, text: str, who: str) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in sides(text) if r[0] == who]
    assert rows and all(r[1] is None for r in rows)


def test_leaders_of_the_state_still_take_it(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("Nigerian leaders met in Abuja on Monday. Police in Lagos said the leaders had agreed.")
    assert found["the leaders"][0] == "NGA"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([*sorted(WORLD_WORDS), "leaders", "the", "with", "around", "condemned", "many",
                                 "Nigeria", "calling", "outrage", ",", "."]), min_size=1, max_size=12))
def test_worldwide_reads_any_parse(nlp, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(" ".join(words))
    assert all(worldwide(t) in (True, False) for t in doc)
    assert not any(worldwide(t) for t in doc if t.tag_ not in ("NNS", "NNPS"))


# ------------------------------------------------------------------- an organisation's name run into a person's
def test_organisation_before_a_known_persons_name_keeps_the_persons_state(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("Norway's new foreign minister, Ola Brekkestad, took office on Monday.\n\nArctic NATO "
                     "Brekkestad's plan for a northern pact worries Moscow, analysts said. In June, Brekkestad "
                     "visited Iceland.")
    assert found["Brekkestad"][0] == "NOR"
    assert any(k.endswith("NATO Brekkestad") and v[0] == "NOR" for k, v in found.items())


def test_an_organisations_titled_officer_stays_its_officer(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("Norway's new foreign minister, Ola Brekkestad, took office on Monday. NATO Secretary-General "
                     "Mark Rutte visited Oslo.")
    assert found["NATO Secretary-General Mark Rutte"][0] == "NATO"


# ---------------------------------------------------------------------------- party names several states share
@pytest.mark.parametrize("text, phrase, state", [
    ("Ola Brekkestad, a member of the Norwegian Labour Party, visited Iceland.", "Norwegian Labour Party", "NOR"),
    ("The British Labour Party met in Leeds.", "The British Labour Party", "GBR"),
])
def test_a_shared_party_name_belongs_to_the_state_named_on_it(mentions, text: str, phrase: str,
                                                             state: str) -> None:  # type: ignore[no-untyped-def]
    hits = [v for k, v in mentions(text).items() if k.endswith(phrase)]
    assert hits and hits[0][0] == state and hits[0][1] == state + "PTY"


# ----------------------------------------------------------------------------------- the targets of a court
@pytest.mark.parametrize("text, state", [
    ("A Kenyan court on Friday quashed an order of the county government that had closed 40 schools.", "KEN"),
    ("the kerala high court on friday quashed an order of the state government that had shut 40 schools.", "IND"),
])
def test_a_courts_target_organ_is_of_the_courts_state(sides, text: str, state: str) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in sides(text) if r[2] and "government" in r[2]]
    # the lower-cased Indian story names one state only: the ``home`` context level (domestic10) places the state
    # government before the court's rule is asked; the state is the same
    rules = {"events:target-country:source", "context-country"} if state == "IND" else {"events:target-country:source"}
    assert rows and all(r[3] == state and r[4] in rules for r in rows)


# ------------------------------------------------------------------------ the people of the place just named
FLOODS = ("Floods hit Mozambique and Malawi this week. Mozambique said 30 people died. Malawi said 20 died. "
          "Mozambique asked for aid.\n\n")


def test_people_take_the_one_state_the_sentence_before_puts_things_in(sides) -> None:  # type: ignore[no-untyped-def]
    rows = sides(FLOODS + "In Malawi, aid agencies began relief work in reachable areas. On Friday the UN food agency "
                 "gave food to affected families in Chikwawa district.")
    assert any(r[2] == "affected families" and r[3] == "MWI" for r in rows)


@pytest.mark.parametrize("before", [
    "Aid agencies began relief work in reachable areas.",  # no country named just before
    "In Malawi and Mozambique, aid agencies began relief work.",  # two countries
])
def test_people_take_no_state_when_the_sentence_before_does_not_give_one(sides, before: str) -> None:  # type: ignore[no-untyped-def]
    rows = sides(FLOODS + before + " On Friday the UN food agency gave food to affected families in Chikwawa "
                 "district.")
    assert any(r[2] == "affected families" for r in rows)
    assert not any(r[2] == "affected families" and r[3] is not None for r in rows)


# ------------------------------------------------------------------------ initials of a body named in full
def test_initials_of_a_body_named_in_full_are_that_body(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("The ruling National Congress Party lost its majority in Khartoum last year. A new decree "
                     "lets the cabinet freeze the NCP's accounts.")
    ncp = [v for k, v in found.items() if "NCP" in k]
    assert ncp and ncp[0][:3] == ("SDN", "SDNPTY", "acronym")


def test_initials_before_the_full_name_are_not_it(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("The NCP said nothing on Monday. Later the National Congress Party met in Khartoum.")
    assert all(v[2] != "acronym" for k, v in found.items() if "NCP" in k)


# ------------------------------------------------------------------------------- one release, one agent
def test_a_release_reported_twice_has_one_agent(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Blogger Sok Vanna was freed from prison on Friday. Sok Vanna was released on bail by a court "
                   "in Phnom Penh, his lawyer said. Sok Vanna was released after he wrote a letter to the king.")
    releases = [e for e in found if e.type.cameo == "0841"]
    assert len(releases) >= 2
    assert all(e.source.country == "KHM" for e in releases)
    assert any(e.source.rule == "same-release" for e in releases)


# ------------------------------------------------------------------------------------------ "based in X"
def test_a_group_based_in_a_state_is_that_states(mentions) -> None:  # type: ignore[no-untyped-def]
    found = mentions("Somalia-based militants raided a Kenyan police post on Monday. Militants based in Mali "
                     "later struck a town in Niger.")
    assert found["Militants"][:3] == ("MLI", "MLIREB", "based-in")
    assert found["Somalia-based militants"][0] == "SOM"
