"""Whom an act is for and what it only says (issue 20, targets round 8): the people aid is given to, the act a
demand, promise, threat or charge names as its content, a proposer's own plan, and the trained scorer knowing
every rule name.

Sentences written for these tests, one construction each; none is taken from an evaluation set.
"""

from __future__ import annotations

import ast
import inspect

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events import targets
from dyadwatch.events.lexicon import _rows
from dyadwatch.events.recipients import load_beneficiary_nouns
from dyadwatch.events.scorer import RULES
from dyadwatch.tables import data_path

BENEFICIARY = "|target:beneficiary"
CONTENT = "|no-target:content"


@pytest.fixture(scope="module")
def code(target_rows):  # type: ignore[no-untyped-def]
    return target_rows  # (CAMEO, source country, target span text, target code, rule): tests/conftest.py


# ------------------------------------------------------------------------------------------ beneficiaries
def test_aid_to_people_in_a_state_is_aimed_at_those_people(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Norway delivered food aid to orphans in Malawi.") if r[0].startswith("07")]
    assert rows and all(r[2] == "orphans" and r[3] == "MWICVL" and BENEFICIARY in r[4] for r in rows)


def test_a_counted_group_keeps_its_count_in_the_span(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Denmark gave medical aid to thousands of women in Chad.") if r[0].startswith("07")]
    assert rows and all(r[2] == "thousands of women" and r[3] == "TCDCVL" for r in rows)


def test_a_promise_of_aid_names_its_beneficiaries_too(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Japan pledged to send medicines to widows and orphans in Yemen.")
            if r[0].startswith("033")]
    assert {r[2] for r in rows} == {"widows", "orphans"} and all(BENEFICIARY in r[4] for r in rows)


def test_a_resolved_group_keeps_the_strict_rule(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Norway delivered aid to refugees in Chad.") if r[0].startswith("07")]
    assert rows and all(r[3] == "TCDREF" and BENEFICIARY not in r[4] for r in rows)


def test_people_in_the_phrase_of_another_act_are_no_beneficiaries(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The report accused Kenya of crimes against children.")
    assert all(BENEFICIARY not in r[4] for r in rows)


DONORS = {"Norway": "NOR", "Canada": "CAN", "Japan": "JPN"}
PLACES = {"Sudan": "SDN", "Malawi": "MWI", "Chad": "TCD", "Yemen": "YEM"}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(donor=st.sampled_from(sorted(DONORS)), verb=st.sampled_from(["delivered", "provided", "sent"]),
       aid=st.sampled_from(["food aid", "humanitarian aid", "emergency aid"]),
       count=st.sampled_from(["", "3,000 ", "thousands of "]),
       people=st.sampled_from(["children", "women", "orphans", "widows", "households"]),
       place=st.sampled_from(sorted(PLACES)))
def test_generated_aid_sentences_name_the_people_placed(code, donor, verb, aid, count, people,  # type: ignore[no-untyped-def]
                                                         place) -> None:
    rows = [r for r in code(f"{donor} {verb} {aid} to {count}{people} in {place}.") if r[0].startswith("07")]
    assert rows
    for r in rows:
        assert r[1] == DONORS[donor] and r[3] == f"{PLACES[place]}CVL" and people in (r[2] or "")


def test_the_beneficiary_table_lists_nouns_with_reasons() -> None:
    rows = list(_rows(data_path("linking", "beneficiary_nouns.tsv"), 2))
    assert rows and all(noun == noun.lower() and len(reason) > 10 for _line, (noun, reason) in rows)
    assert {noun for _line, (noun, _reason) in rows} == load_beneficiary_nouns()


# ------------------------------------------------------------------------------------------ content
@pytest.mark.parametrize("text", [
    "The governor threatened military action.",
    "The farmers demanded tough measures.",
    "Two brothers were charged with murder.",
])
def test_the_act_asked_threatened_or_alleged_is_no_target(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert rows and all(r[2] is None and CONTENT in r[4] for r in rows)


def test_a_party_named_beside_the_content_is_still_the_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Uganda threatened sanctions against Kenya.") if r[0].startswith("13")]
    assert rows and all(r[3] == "KEN" and CONTENT not in r[4] for r in rows)


@pytest.mark.parametrize("text", ["The senator condemned the looting.", "Bolivia rejected the new mining law."])
def test_condemned_acts_and_rejected_texts_keep_their_thing_target(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert rows and all(r[2] is not None and "|target:thing" in r[4] for r in rows)


def test_a_proposed_plan_is_the_proposers_own(code) -> None:  # type: ignore[no-untyped-def]
    alone = code("Uganda proposed a peace plan.")
    assert alone and all(r[2] is None and "|no-target:own-thing" in r[4] for r in alone)
    addressed = code("Uganda proposed a peace plan to Kenya.")
    assert addressed and all(r[3] == "KEN" for r in addressed)


# ------------------------------------------------------------------------------------------ the scorer
def test_the_trained_scorer_knows_every_rule_the_target_search_yields() -> None:
    """A rule the scorer does not know has all-zero indicators: the model could not weigh it (docs/linking.md)."""
    tree = ast.parse(inspect.getsource(targets))
    yielded = {node.value.elts[0].value for node in ast.walk(tree)
               if isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple)
               and isinstance(node.value.elts[0], ast.Constant)}
    assert yielded and yielded <= set(RULES)


# ------------------------------------------------------------------------------------------ representatives
def test_whom_lawyers_act_for_is_not_whom_they_ask(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Lawyers for the Kenyan activist Joseph Mwangi requested that he be released on bail.")
    assert rows and all(r[2] is None for r in rows)


def test_a_representatives_addressee_is_still_the_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code("Lawyers for the opposition leader asked the court to free her.") if r[0].startswith("02")]
    assert rows and all(r[2] == "the court" for r in rows)


def test_a_spokesman_for_one_state_demanding_of_another_keeps_it(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("A spokesman for Kenya demanded that Uganda release the fishermen.")
    rows = [r for r in rows if r[0].startswith("10")]
    assert rows and all(r[3] == "UGA" for r in rows)


def test_the_representative_table_lists_nouns_with_reasons() -> None:
    from dyadwatch.events.recipients import load_representative_nouns

    rows = list(_rows(data_path("linking", "representative_nouns.tsv"), 2))
    assert {noun for _line, (noun, _reason) in rows} == load_representative_nouns()
    assert all(len(reason) > 10 for _line, (_noun, reason) in rows)


# ------------------------------------------------------------------------------------------ bodies asked for
@pytest.mark.parametrize(("text", "country"), [
    ("The African Union pressed for a broad-based government in Somalia.", "SOM"),
    ("Germany called for a new government in Libya that protects minorities.", "LBY"),
    ("Egypt demanded a new leadership in Sudan.", "SDN"),
])
def test_a_body_asked_to_be_formed_gives_way_to_its_state(code, text, country) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith(("02", "10"))]
    assert rows and all(r[3] == country and "|passed-over:asked-for" in r[4] for r in rows)


def test_a_body_asked_for_with_no_place_gives_no_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Egypt called for a new government.")
    assert rows and all(r[2] is None for r in rows)


@pytest.mark.parametrize("text", ["Kenya urged a new government in Somalia to hold elections.",
                                  "Ghana appealed to the government of Togo for calm."])
def test_an_existing_body_addressed_stays_the_target(code, text) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(text) if r[0].startswith("02")]
    assert rows and all(r[3] and r[3].endswith("GOV") and "asked-for" not in r[4] for r in rows)


def _trainer():  # type: ignore[no-untyped-def]
    from tool_loader import load_tool

    return load_tool("train_link_scorer")


def _folds(pairs: list[tuple[int, int]]) -> list[dict[str, int]]:
    return [{"gold_triples": 60, "rules_triples": r, "model_triples": m} for r, m in pairs]


def test_fold_noise_switches_on_only_for_a_gain_beyond_the_folds_spread() -> None:
    noise = _trainer().fold_noise
    assert noise(_folds([(40, 40)] * 5)) == {"triple_recall_gain": 0.0, "fold_noise": 0.0, "switch_on": False}
    assert noise(_folds([(40, 42), (40, 43), (40, 42), (40, 43), (40, 42)]))["switch_on"]
    assert not noise(_folds([(40, 49), (40, 31), (40, 48), (40, 33), (40, 41)]))["switch_on"]
    assert not noise(_folds([(40, 39)] * 5))["switch_on"]


def test_the_trained_scorer_is_used_only_if_its_figures_say_so() -> None:
    import json

    from dyadwatch.events.targets import TargetFinder

    data = json.loads(data_path("linking", "link_scorer.json").read_text(encoding="utf-8"))
    end = data["cv"]["end_to_end"]
    assert len(end["per_fold"]) == data["cv"]["folds"] and "fold_noise" in end
    assert end["switch_on"] == (TargetFinder.link_model is not None)


# ------------------------------------------------------------------------------------------ frames of transfer
@pytest.mark.parametrize(("text", "country"), [
    ("China protested the sale of fighter jets to Taiwan.", "TWN"),
    ("Peru backed the resumption of arms deliveries to Bolivia.", "BOL"),
    ("Canada welcomed the lifting of the ban on Cuban cigars.", "CUB"),
    ("Iran condemned the renewal of pressure on Syria.", "SYR"),
])
def test_the_recipient_of_a_transfer_or_a_measure_is_in_its_frame(code, text, country) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert rows and all(r[3] == country for r in rows)


def test_people_transferred_are_still_those_the_act_befalls(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Egypt protested the transfer of Palestinian prisoners to Israel.")
    assert rows and all(r[3] == "PSE" for r in rows)


def test_transfer_rows_are_marked_and_framed_by_to() -> None:
    from dyadwatch.events.frames import load_frames, transfer_nouns

    frames = load_frames()
    assert transfer_nouns() and all(frames[n] == ("to",) for n in transfer_nouns())


# ------------------------------------------------------------------------------------------ participles of aiming
@pytest.mark.parametrize(("text", "countries"), [
    ("Canada imposed tariffs targeting China and Vietnam.", {"CHN", "VNM"}),
    ("Kenya condemned the airstrikes targeting Somali villages.", {"SOM"}),
    ("Uganda announced sanctions aimed at Rwandan officials.", {"RWA"}),
    ("Kenya imposed sanctions that target Ugandan traders.", {"UGA"}),
    ("Argentina's new tariffs aimed at Brazilian beef took effect.", {"BRA"}),
])
def test_a_participle_of_aiming_names_the_recipient(code, text, countries) -> None:  # type: ignore[no-untyped-def]
    rows = code(text)
    assert rows and {r[3][:3] for r in rows if r[3]} == countries and all("|target:aimed" in r[4] for r in rows)


def test_a_participle_of_another_verb_names_no_recipient(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Canada imposed tariffs covering Chinese steel.")
    assert all("|target:aimed" not in r[4] for r in rows)


TARGETS = {"Chinese": "CHN", "Rwandan": "RWA", "Ugandan": "UGA", "Chilean": "CHL"}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(state=st.sampled_from(sorted(DONORS)), measure=st.sampled_from(["tariffs", "sanctions"]),
       aim=st.sampled_from(["targeting", "aimed at", "that target"]), demonym=st.sampled_from(sorted(TARGETS)),
       people=st.sampled_from(["officials", "traders", "banks"]))
def test_generated_aimed_measures_name_the_party(code, state, measure, aim, demonym, people) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in code(f"{state} imposed {measure} {aim} {demonym} {people}.") if r[0].startswith("16")]
    assert rows and all(r[1] == DONORS[state] and (r[3] or "").startswith(TARGETS[demonym]) for r in rows)
