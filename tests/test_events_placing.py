"""Unplaced domestic targets, and the link scorer's third round (issue 20): a target that names no state takes
one from the article's context or from its other party; "up to N" objects; conjoined forces sent home; one
candidate per recipient preposition; a group's own state as target; a complaint's grievance; the trained scorer.

Sentences written for these tests, one construction each; none is taken from an evaluation set.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import ConfigError
from dyadwatch.events.placing import STATE_SECTORS, state_organ
from dyadwatch.events.scorer import FEATURES, LinkModel, load_model, model_from, vector
from dyadwatch.events.targets import TargetFinder
from dyadwatch.records import Actor, TextSpan
from dyadwatch.tables import data_path

STAGES = ("normalise", "parse", "actors", "events")


@pytest.fixture(scope="module")
def code(make_analysis):  # type: ignore[no-untyped-def]
    def run(text: str):  # type: ignore[no-untyped-def]
        analysis = make_analysis(text, stages=STAGES)
        return [(c.type.plover, c.source.country, c.target.country if c.target is not None else None, c.rule,
                 c.notes) for c in analysis.candidates]

    return run


def pairs(rows, plover: str) -> set[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {(src, tgt) for p, src, tgt, _, _ in rows if p == plover}


# --------------------------------------------------------------------------------------- unplaced targets
def test_domestic_group_takes_the_state_of_the_organ_acting_on_it(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan police arrested opposition supporters.")
    assert ("KEN", "KEN") in pairs(rows, "COERCE")
    assert any("|target-country:source" in r[3] and r[4].get("target_country") == "source" for r in rows)


def test_state_organ_takes_the_state_of_the_group_acting_on_it(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Rebels in Mali rejected an offer from the president.")
    assert ("MLI", "MLI") in pairs(rows, "REJECT")


def test_one_state_acting_on_an_unplaced_organ_places_nothing(code) -> None:  # type: ignore[no-untyped-def]
    # "the government" facing Russia may be anyone's: diplomacy as often as not
    rows = code("Russia criticised the government.")
    assert ("RUS", None) in pairs(rows, "ACCUSE")
    assert not any("|target-country" in r[3] for r in rows)


def test_another_state_in_the_sentence_places_nothing(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan police arrested protesters outside the Ugandan embassy.")
    assert ("KEN", "KEN") not in pairs(rows, "COERCE")
    assert not any("|target-country:source" in r[3] for r in rows)


def test_stateless_target_is_never_placed(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan police arrested refugees.")
    assert ("KEN", None) in pairs(rows, "COERCE")


def test_context_of_the_sentence_places_an_ethnic_group(code) -> None:  # type: ignore[no-untyped-def]
    # the actors stage leaves "ethnic Uzbeks" a people without a state; the act's place puts them in one
    rows = code("Troops killed three ethnic Uzbeks in a raid in southern Kyrgyzstan on Monday.")
    assert any(r[0] == "ASSAULT" and r[2] == "KGZ" for r in rows)


def test_state_organ_and_sector_are_composed_into_the_code(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Chinese police detained students.", stages=STAGES)
    target = next(c.target for c in analysis.candidates if c.target is not None)
    assert target.country == "CHN" and target.code == "CHNEDU"
    assert target.rule == "events:target-country:source"
    assert target.evidence is not None and target.evidence.text == "Chinese police"


def test_state_organ_predicate() -> None:
    span = TextSpan(0, 1, "x")
    assert state_organ(Actor(span, country="RUS"))  # a bare state
    assert state_organ(Actor(span, sectors=("COP",)))
    assert not state_organ(Actor(span, sectors=("OPP",)))
    assert {"GOV", "MIL", "COP", "JUD"} <= STATE_SECTORS


# ------------------------------------------------------------------------------------------ constructions
def test_up_to_a_number_bounds_the_object(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Gunmen kidnapped up to 12 Nigerian students.")
    assert any(r[0] == "ASSAULT" and r[2] == "NGA" for r in rows)


def test_conjoined_people_sent_home_are_the_senders_own(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("The UN will withdraw its observers and aid workers from Sudan.")
    targets = {r[2] for r in rows}
    assert "SDN" in targets and None not in targets


def test_own_side_phrase_gives_way_to_the_next_preposition(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Romania will impose restrictions on its grain trade for Ukrainian exporters.")
    assert {r[2] for r in rows} == {"UKR"}


def test_complaint_is_aimed_at_the_grievance_not_the_audience(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Japan complained to the United Nations over North Korean missile tests.")
    assert ("JPN", "PRK") in pairs(rows, "ACCUSE")
    assert any("|target:grievance" in r[3] for r in rows)


def test_complaint_without_a_grievance_keeps_its_addressee(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Iran complained to the Security Council.")
    assert not any("|target:grievance" in r[3] for r in rows)
    assert any(r[0] == "ACCUSE" and r[2] == "UN" for r in rows)


def test_an_act_is_owned_by_the_agent_of_its_participle(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenya condemned the attack carried out by Somali militants.")
    assert ("KEN", "SOM") in pairs(rows, "ACCUSE")


def test_a_participle_that_is_no_performing_names_no_owner_of_the_act(code) -> None:  # type: ignore[no-untyped-def]
    # the US requested the meeting; it is the Security Council's meeting, not a US one
    rows = code("Envoys met for a session of the Security Council requested last week by the United States.")
    assert not any("USA" in (r[1], r[2]) for r in rows)


def test_a_thing_is_owned_by_whoever_acted_on_it(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan farmers began a hunger strike to demand the return of land seized by Ugandan troops.")
    assert any(r[0] == "PROTEST" and r[2] == "UGA" for r in rows)


def test_a_group_acting_on_its_own_state_is_a_domestic_event(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Angry Greek farmers blockaded Athens.")
    assert ("GRC", "GRC") in pairs(rows, "COERCE")


def test_a_state_recalling_its_envoy_still_names_the_place(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("France recalled its ambassador from Mali.")
    assert {r[2] for r in rows if r[0] == "SANCTION"} == {"MLI"}


# ------------------------------------------------------------------------------------------ the scorers
def test_every_link_names_its_rule_and_scorer(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan police arrested opposition supporters.")
    links = [r[4]["link"] for r in rows if "link" in r[4]]
    assert links and all(link["scorer"] == "rules" and link["rule"] for link in links)


def test_trained_scorer_links_and_says_so(make_analysis) -> None:  # type: ignore[no-untyped-def]
    model = load_model()
    TargetFinder.link_model = model
    try:
        analysis = make_analysis("Japan complained to the United Nations over North Korean missile tests.",
                                 stages=STAGES)
    finally:
        TargetFinder.link_model = None
    link = next(c.notes["link"] for c in analysis.candidates if "link" in c.notes)
    assert link["scorer"] == f"trained:{model.version}"
    assert 0.0 < link["probability"] < 1.0 and link["rule"]


def test_shipped_model_matches_features_and_manifest() -> None:
    import hashlib

    path = data_path("linking", "link_scorer.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES and len(data["weights"]) == len(FEATURES)
    assert {"folds", "choice", "end_to_end"} <= set(data["cv"]) and data["training"]["sha256"]
    manifest = json.loads(data_path("linking", "MANIFEST.json").read_text(encoding="utf-8"))["tables"]
    assert manifest["link_scorer.json"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_model_trained_on_other_features_is_refused() -> None:
    with pytest.raises(ConfigError, match="train_link_scorer"):
        model_from({"version": "x", "features": ["rank"], "weights": [1.0], "bias": 0.0})


def test_model_probability_follows_its_weights() -> None:
    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("placed")] = 4.0
    model = LinkModel("t", FEATURES, tuple(weights), -2.0)
    placed = {"rule": "object", "placed": 1.0}
    assert model.probability(placed) > 0.5 > model.probability({**placed, "placed": 0.0})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({
    "rule": st.text(max_size=12), "rank": st.integers(-5, 10_000), "distance": st.integers(0, 10_000),
    "placed": st.floats(0, 1), "own_side": st.booleans(), "kind": st.sampled_from(["actor", "thing", "event"]),
}))
def test_feature_vector_is_bounded_for_any_features(feats) -> None:  # type: ignore[no-untyped-def]
    x = vector(feats)
    assert len(x) == len(FEATURES) and all(-1.0 <= v <= 4.0 for v in x)


WORDS = ("Kenyan", "police", "arrested", "opposition", "supporters", "the", "president", "rebels", "in", "Mali",
         "rejected", "complained", "to", "over", "up", "12", "Ugandan", "refugees", "and", "government")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
def test_placed_targets_keep_their_role(make_analysis, words) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis(" ".join(words) + ".", stages=STAGES)
    for c in analysis.candidates:
        if c.target is not None and c.target.rule.startswith("events:target-country:"):
            assert c.target.sectors and c.target.country and len(c.target.country) == 3
            assert c.target.code is not None and c.target.code.startswith(c.target.country)
            assert "|target-country:" in c.rule
