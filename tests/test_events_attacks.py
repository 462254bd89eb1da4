"""Weapons, attacked places and threatened parties (issue 20, seventh round): who an act of force or a threat is
aimed at when the sentence names a means, a thing or a clause instead of a party.

Sentences written for these tests, one construction each; none is taken from an evaluation set.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events.attacked import ATTACK_CODES, load_means
from dyadwatch.events.frames import load_undergoing


def rows_of(rows, plover: str):  # type: ignore[no-untyped-def]
    return [r for r in rows if r[0] == plover]


# --------------------------------------------------------------------------------------------- weapons
def test_weapon_maker_is_never_the_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(code("Somali militants fired Chinese-made mortars at Kenyan army bases."), "ASSAULT")
    assert rows and all(r[3] != "CHN" for r in rows)
    assert any(r[3] == "KEN" and "|weapon:" in r[4] for r in rows)


def test_weapon_owner_gives_way_to_the_phrase_after_into(code) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(code("Militants in Gaza launched Iranian rockets into southern Israel."), "ASSAULT")
    assert rows and all(r[3] != "IRN" for r in rows)
    assert any(r[3] == "ISR" for r in rows)


def test_gas_fired_at_a_crowd_is_the_means(code) -> None:  # type: ignore[no-untyped-def]
    # the row is "fire at": the direct object is the weapon, its maker is no target
    rows = rows_of(code("Zambian riot police fired British-made tear gas at striking miners."), "ASSAULT")
    assert rows and all(r[3] != "GBR" for r in rows)


def test_a_seized_weapon_keeps_its_owner(code) -> None:  # type: ignore[no-untyped-def]
    # seizing is no act done with the weapon: whose weapons they were is who is dispossessed
    rows = code("Egyptian border guards seized Libyan weapons in the desert.")
    assert any(r[3] == "LBY" for r in rows)
    assert not any("|weapon:" in r[4] for r in rows)


def test_an_attacked_weapon_is_the_patient(code) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(code("Armenian gunners attacked Azerbaijani tanks near the frontier."), "ASSAULT")
    assert any(r[3] == "AZE" for r in rows)


MAKERS = st.sampled_from(["Russian-made", "Iranian", "Chinese", "American-made", "French"])
WEAPONS = st.sampled_from(["rockets", "missiles", "mortars", "artillery shells", "drones"])
VERBS = st.sampled_from(["fired", "launched"])
AIMS = st.sampled_from([("at", "Ethiopian positions", "ETH"), ("into", "northern Uganda", "UGA"),
                        ("at", "Malian troops", "MLI"), ("on", "a Chadian garrison", "TCD")])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(maker=MAKERS, weapon=WEAPONS, verb=VERBS, aim=AIMS)
def test_any_weapon_maker_is_passed_over(code, maker: str, weapon: str, verb: str,  # type: ignore[no-untyped-def]
                                         aim: tuple[str, str, str]) -> None:
    prep, place, country = aim
    rows = rows_of(code(f"Rebel fighters {verb} {maker} {weapon} {prep} {place}."), "ASSAULT")
    makers = {"Russian-made": "RUS", "Iranian": "IRN", "Chinese": "CHN", "American-made": "USA", "French": "FRA"}
    assert all(r[3] != makers[maker] for r in rows)
    assert all(r[3] in (country, None) for r in rows)  # the phrase after at/into/on, or nothing


# ------------------------------------------------------------------------------------------ attacked places
def test_the_state_of_the_place_attacked_is_the_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(code("Eritrean jets bombed a bridge near the Sudanese town of Kassala."), "ASSAULT")
    assert any(r[3] == "SDN" and "|target:attacked-place" in r[4] for r in rows)


def test_positions_across_a_border_lie_in_the_state_named(code) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(code("Indian troops fired at positions across the border in Pakistan."), "ASSAULT")
    assert any(r[3] == "PAK" for r in rows)


def test_a_border_named_by_one_state_does_not_place_what_is_near_it(code) -> None:  # type: ignore[no-untyped-def]
    # camps "near the Kenyan border" may lie on either side of it
    rows = code("Ethiopian gunners shelled rebel camps near the Kenyan border.")
    assert not any(r[3] == "KEN" and "|target:attacked-place" in r[4] for r in rows)


def test_a_machine_hit_belongs_to_its_operator_not_the_place(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Insurgents shot down a helicopter near the Afghan town of Khost.")
    assert not any("|target:attacked-place" in r[4] for r in rows)


def test_a_date_is_no_thing_hit(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("A transport plane was shot down on March 3 near Goma.")
    assert not any("|target:attacked-place" in r[4] for r in rows)


def test_things_in_two_states_name_no_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Rwandan jets bombed camps in Congo and bridges in Burundi.")
    assert not any("|target:attacked-place" in r[4] for r in rows)


def test_own_forces_on_own_soil_attack_no_state(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Nigerian troops shelled rebel camps in northern Nigeria.")
    assert not any("|target:attacked-place" in r[4] for r in rows)


def test_no_attacked_place_for_a_deployment(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Chad deployed soldiers to camps in Niger.")
    assert not any("|target:attacked-place" in r[4] for r in rows)
    assert "154" not in ATTACK_CODES and not any(c.startswith("15") for c in ATTACK_CODES)


# ---------------------------------------------------------------------------------------- threat clauses
def test_a_threat_clause_names_its_would_be_victim(code) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(code("Minsk warned that Lithuania would face severe consequences."), "THREATEN")
    assert any(r[2] == "BLR" and r[3] == "LTU" and "|target:threat-clause" in r[4] for r in rows)


def test_a_passive_threat_clause_names_its_patient(code) -> None:  # type: ignore[no-untyped-def]
    rows = rows_of(code("Caracas warned that Guyanese oil platforms would be targeted."), "THREATEN")
    assert any(r[3] == "GUY" for r in rows)


def test_a_danger_in_the_present_is_no_threat_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The World Food Programme warned that Malawi faces a severe drought.")
    assert not any("|target:threat-clause" in r[4] for r in rows)


def test_an_active_clause_of_another_verb_names_no_victim(code) -> None:  # type: ignore[no-untyped-def]
    # Chile acts in the clause; it is not threatened
    rows = code("Bolivia warned that Chile would build a wall on the border.")
    assert not any("|target:threat-clause" in r[4] for r in rows)


def test_own_forces_sent_are_no_victim(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Hungary warned that Hungarian soldiers would be deployed to the frontier.")
    assert not any("|target:threat-clause" in r[4] for r in rows)


def test_tables_load() -> None:
    classes, roots, nouns = load_means()
    assert "MILAID" in classes and "19" in roots and "mortar" in nouns
    assert {"face", "pay"} <= load_undergoing()


def test_a_demand_clause_whose_verb_was_read_as_a_noun(code) -> None:  # type: ignore[no-untyped-def]
    # the tagger reads "end" as a noun; with "that" and a subject of its own it still heads the demanded clause
    rows = rows_of(code("Tokyo demanded that Beijing's naval patrols end."), "REQUEST")
    assert any(r[2] == "JPN" and r[3] == "CHN" for r in rows)
