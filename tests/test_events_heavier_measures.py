"""A punitive measure made heavier, wider or longer, and the party named in an agreement's own phrase (issue 20,
targets round 9).

Raising, doubling or extending a sanction, tariff or duty is imposing more of it (CAMEO 163, as "tighten"): the
verb codes the act (class LEVIES in ``classes.tsv``) and the measure's "on"/"against" phrase names the target.
Before, a bare "doubled tariffs on X" gave no event and "doubling the Mexican tariff on X's exports" gave the
noun's event with no target. A ban, penalty or freeze raised at home stays no event.

Sentences written for these tests, one construction each; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events.lexicon import _rows
from dyadwatch.tables import data_path


@pytest.fixture(scope="module")
def code(target_rows):  # type: ignore[no-untyped-def]
    return target_rows  # (CAMEO, source country, target span text, target code, rule): tests/conftest.py


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Mexico doubled tariffs on Canada on Wednesday.", "MEX", "CAN"),
    ("Mexico doubled the Mexican tariff on Canada's steel exports.", "MEX", "CAN"),
    ("Brazil raised its duties on Argentina's goods.", "BRA", "ARG"),
    ("Brazil raised tariffs on Argentine goods.", "BRA", "ARG"),
    ("Germany extended sanctions on Belarus for another year.", "DEU", "BLR"),
    ("Ottawa renewed its embargo against Havana.", "CAN", "CUB"),
    ("Japan stepped up sanctions on Russian banks.", "JPN", "RUS"),
])
def test_a_heavier_measure_is_imposed_on_the_party_of_its_phrase(code, text, source, target) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0] == "163"]
    assert rows and all("obj=LEVIES" in r[4] for r in rows)
    assert all((r[1] or "").startswith(source) and (r[3] or "").startswith(target) for r in rows)


def test_a_participle_of_doubling_codes_one_event_with_its_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Mexico widened its quarrel with Canada in May, doubling the Mexican "
                            "levy on Canadian steel.") if r[0] == "163"]
    assert len(rows) == 1 and rows[0][1] == "MEX" and rows[0][3] == "CAN"


def test_the_measures_own_modifier_gives_way_to_the_party_of_its_reason(code) -> None:  # type: ignore[no-untyped-def]
    # targets round 11: the party whose act a sanction answers ("because X had ...") is its target
    rows = [r for r in code("The minister said Mexico was boosting the Mexican tariffs because Canada had cheated.")
            if "obj=LEVIES" in r[4]]
    assert rows and all(r[3] == "CAN" for r in rows)


@pytest.mark.parametrize("text", [
    "Mexico doubled the 25% Mexican tariff on its neighbour's steel exports to 50%.",
    "Japan renewed Japanese sanctions last week.",
    "Mexican President Ana Ruiz widened her quarrel with Ottawa on Friday, doubling the 25% Mexican tariff on "
    "her neighbour's steel exports to 50%.",
])
def test_the_measures_own_modifier_is_its_imposer_and_the_measure_no_target(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if "obj=LEVIES" in r[4]]
    assert rows and all(r[2] is None and r[4].endswith("|no-target:content") for r in rows)


def test_a_neighbours_goods_are_not_the_owners_own(code) -> None:  # type: ignore[no-untyped-def]
    # the owner of a relational noun ("its neighbour") is another party than the one the noun names
    rows = [r for r in code("Washington's president doubled the 25% American tariff on its northern "
                            "neighbour's steel exports.") if r[0] == "163"]
    assert rows and all(r[1] == "USA" and r[3] is None for r in rows)


def test_a_named_owner_of_the_measure_is_not_its_target(code) -> None:  # type: ignore[no-untyped-def]
    # the thing-owner rule would take the measure's own "India" (the imposer) as the party acted upon
    rows = [r for r in code("The Indian trade minister doubled the 10% India tariff on its neighbour's cotton "
                            "imports.") if r[0] == "163"]
    assert rows and all(r[1] == "IND" and not (r[3] or "").startswith("IND") for r in rows)


@pytest.mark.parametrize("text", [
    "The Kenyan government extended the ban on public rallies.",
    "Parliament raised penalties for drunk driving.",
    "The central bank extended its freeze on hiring.",
])
def test_a_domestic_ban_penalty_or_freeze_made_heavier_is_no_sanction(code, text) -> None:  # type: ignore[no-untyped-def]
    assert not [r for r in code(text) if r[0] == "163"]


def test_other_objects_keep_the_verbs_own_rows(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Norway extended an invitation to Sweden.")
    assert rows and all(r[0].startswith("03") and r[3] == "SWE" for r in rows)


def test_every_levies_row_is_a_sanction_row() -> None:
    levies = {row[1] for _, row in _rows(data_path("lexicon", "classes.tsv"), 2) if row[0] == "LEVIES"}
    assert levies == {"sanction", "embargo", "tariff", "duty", "levy"}
    rows = [row for _, row in _rows(data_path("lexicon", "predicates.tsv"), 8) if row[3] == "LEVIES"]
    assert len(rows) >= 10 and all(r[1] == "V" and r[5] == "163" and r[6] == "SANCTION:discontinue" for r in rows)


def test_no_levies_row_hides_a_verbs_petrarch_patterns() -> None:
    # a hand row for a verb drops its base-layer patterns ("intensified military operations" would be lost)
    rows = [row for _, row in _rows(data_path("lexicon", "predicates.tsv"), 8) if row[1] == "V"]
    levies = {r[0] for r in rows if r[3] == "LEVIES"}
    other_hand = {r[0] for r in rows if r[3] != "LEVIES"}
    base = {row[0].split("|")[0] for _, row in _rows(data_path("lexicon", "base_verbs.tsv"), 4)}
    assert levies and not {v for v in levies if v in base and v not in other_hand}


STATES = {"Mexico": "MEX", "Brazil": "BRA", "Japan": "JPN", "Kenya": "KEN"}
PARTIES = {"Chile": "CHL", "Ghana": "GHA", "Peru": "PER", "Vietnam": "VNM"}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(state=st.sampled_from(sorted(STATES)), verb=st.sampled_from(["doubled", "raised", "increased", "extended",
                                                                     "expanded", "renewed"]),
       measure=st.sampled_from(["tariffs", "sanctions", "duties"]), party=st.sampled_from(sorted(PARTIES)))
def test_generated_heavier_measures_name_the_party(code, state, verb, measure, party) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(f"{state} {verb} {measure} on {party}.") if r[0] == "163"]
    assert rows and all(r[1] == STATES[state] and r[3] == PARTIES[party] for r in rows)


# ------------------------------------------------------------------------------------------ an agreement's party
@pytest.mark.parametrize(("text", "targets"), [
    ("Peru hopes to reach a deal with Chile.", {"CHL"}),
    ("Peru signed a new trade pact with Chile's government last week.", {"CHLGOV"}),
    ("Peru backed the accord between Chile and Bolivia.", {"CHL", "BOL"}),
    ("Peru ratified the peace treaty with Chile.", {"CHL"}),
    ("Ghana's lawmakers passed a resolution against Nigeria's lawmakers.", {"NGALEG"}),
])
def test_the_party_in_an_agreements_own_phrase_is_the_target(code, text, targets) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert rows and {r[3] for r in rows} == targets and all("target:thing" not in r[4] for r in rows)
