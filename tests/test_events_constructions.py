"""Targets named one construction away from the predicate (issue 20, second round): purpose clauses and objects
shifted after an "as" phrase.

Sentences written for these tests, one construction each; none is taken from an evaluation set.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

STAGES = ("normalise", "parse", "actors", "events")


def pairs(rows, plover: str) -> set[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {(src, tgt) for p, _, src, tgt, _ in rows if p == plover}


# ------------------------------------------------------------------------------------------ purpose clauses
def test_purpose_clause_names_whom_the_act_reaches(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan police opened fire to disperse Ugandan traders.")
    assert ("KEN", "UGA") in pairs(rows, "ASSAULT")
    assert any("|target:purpose" in r[4] for r in rows)


def test_purpose_clause_one_control_step_deeper(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Denmark sent medical supplies to help treat Syrian refugees.")
    assert ("DNK", "SYR") in pairs(rows, "AID")


def test_purpose_clause_with_its_own_subject_is_no_purpose(code) -> None:  # type: ignore[no-untyped-def]
    # "so that Chad could ..." gives the clause its own subject: Chad's act, not the sender's purpose
    rows = code("Norway sent food aid so that Chad could feed Sudanese refugees.")
    assert not any("|target:purpose" in r[4] for r in rows)


def test_purpose_of_a_meeting_is_its_topic_not_a_partner(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("French and German ministers met in Brussels to discuss Iran.")
    assert not any(r[0] == "CONSULT" and r[3] == "IRN" and "|target:purpose" in r[4] for r in rows)


def test_own_object_outranks_the_purpose_clause(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Turkey expelled Dutch diplomats to punish Germany.")
    assert ("TUR", "NLD") in pairs(rows, "SANCTION")
    assert not any("|target:purpose" in r[4] for r in rows)


def test_purpose_clause_naming_no_one_leaves_the_next_its_say(code) -> None:  # type: ignore[no-untyped-def]
    # the first purpose clause ("to restore order") names no party: the search goes on to the second one
    rows = code("Kenyan police opened fire to restore order, to disperse Ugandan traders.")
    assert any(r[1] == "193" and r[2] == "KEN" and r[3] == "UGA" and "|target:purpose" in r[4] for r in rows)


def test_coordinated_purpose_clauses_share_the_doer(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan police opened fire to restore order and to disperse Ugandan traders.")
    assert any(r[1] == "193" and r[2] == "KEN" and r[3] == "UGA" and "|target:purpose" in r[4] for r in rows)


def test_purpose_clauses_naming_no_one_give_no_target(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan police opened fire to restore order, to calm the crowd.")
    assert not any("|target:purpose" in r[4] for r in rows)


def test_point_in_time_is_no_particle_object(code) -> None:  # type: ignore[no-untyped-def]
    # "fired on Monday" fires on no one; "fired on X on Monday" still does
    assert not [r for r in code("Kenyan police fired shots on Monday to restore calm.") if r[1] == "193"]
    assert ("KEN", "UGA") in pairs(code("Kenyan police fired on Ugandan traders on Monday."), "ASSAULT")
    # a date after "on" is no appellee of "call on" (appeal, 020), however many rows of the verb were tried before
    for text in ("The Kenyan union called a stoppage on 5 July.", "Kenyan workers called a strike on Tuesday."):
        assert not [r for r in code(text) if r[1] == "020"], code(text)


def test_duration_stays_a_particle_object(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("A Kenyan court sentenced the Ugandan smuggler to ten years in prison.")
    assert any(r[1] == "173" for r in rows), rows


# --------------------------------------------------------------------------------------------- shifted objects
def test_object_shifted_after_as_phrase(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Poland on Monday condemned as a grave violation Belarus's detention of the journalists.")
    assert ("POL", "BLR") in pairs(rows, "ACCUSE")
    assert any("|target:shifted" in r[4] for r in rows)


def test_as_phrase_with_ordinary_object_is_untouched(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Poland condemned Belarus as a threat to peace.")
    assert ("POL", "BLR") in pairs(rows, "ACCUSE")
    assert not any("|target:shifted" in r[4] for r in rows)


# ------------------------------------------------------------------------------------------------ stance phrases
def test_retaliation_is_aimed_at_the_one_who_did_the_answered_act(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Syrian troops shelled the town in retaliation for Turkey's raid.")
    assert ("SYR", "TUR") in pairs(rows, "ASSAULT")
    assert any("|target:stance" in r[4] for r in rows)


def test_protest_phrase_hung_on_a_time_noun(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan activists staged a hunger strike in jail on Sunday in protest against abuses by"
                " Ugandan police.")
    assert ("KEN", "UGA") in pairs(rows, "PROTEST")


def test_stance_phrase_without_a_party_links_nothing(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Syrian troops shelled the hills in retaliation for the heavy losses.")
    assert not any("|target:stance" in r[4] for r in rows)


def test_purpose_clause_is_no_partner_of_cooperation(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Japan wants to strengthen ties in Asia to counter Beijing's growing clout.")
    assert not any("|target:purpose" in r[4] for r in rows)


def test_purpose_clause_names_whose_act_the_protest_opposes(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenyan farmers blocked a road to show their anger at Uganda's tariffs.")
    assert ("KEN", "UGA") in pairs(rows, "PROTEST")


# --------------------------------------------------------------------------------------------- relational nouns
def test_an_ally_is_not_its_owner(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Russian jets bombed Turkey's allies in northern Syria.")
    assert ("RUS", "SYR") in pairs(rows, "ASSAULT")
    assert ("RUS", "TUR") not in pairs(rows, "ASSAULT")


def test_owned_act_still_names_its_owner(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Kenya praised Uganda's decision.")
    assert ("KEN", "UGA") in pairs(rows, "SUPPORT")


def test_display_purpose_names_the_doers_own_quality(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Spain held an exercise to demonstrate NATO's naval strength.")
    assert not any("|target:purpose" in r[4] for r in rows)


# ------------------------------------------------------------------------------------ acts of speech and owners
def test_refusal_to_answer_a_demand_is_aimed_at_whoever_demanded(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Hamas refused to respond to a demand from the Egyptian president.")
    assert ("PSE", "EGY") in pairs(rows, "REJECT")
    assert any("|target:control" in r[4] for r in rows)


def test_from_phrase_of_a_movement_is_no_owner(code) -> None:  # type: ignore[no-untyped-def]
    rows = code("Ghana refused to comment on the withdrawal from Togo.")
    assert ("GHA", "TGO") not in pairs(rows, "REJECT")


# ------------------------------------------------------------------------------------------------ robustness
WORDS = ("Kenya", "Uganda's", "troops", "opened", "fire", "to", "disperse", "in", "protest", "against", "as", "a",
         "crime", "denounced", "allies", "refused", "respond", "demand", "from", "show", "anger", "at", "the", "and")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
def test_new_links_only_name_placed_parties(make_analysis, words) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis(" ".join(words) + ".", stages=STAGES)
    for c in analysis.candidates:
        if any(f"|target:{how}" in c.rule for how in ("purpose", "stance", "shifted")):
            assert c.target is not None and c.target.kind == "actor"
            assert c.target.country or c.target.sectors
