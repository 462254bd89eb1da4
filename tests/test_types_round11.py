"""Round 11 of the events' types and status: the press asking for comment, private travel, critics' and generic
claims as non-events; relief from sanctions as CONCEDE, preparing an act of force as MOBILIZE, a conditional
warning as THREATEN; alleged acts and a signing that was supposed to happen flagged as not asserted. Through the
whole pipeline, on sentences written for these tests from the grammar of news; none is taken from an evaluation
or VOA text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.events.nonevents import load_nonevents
from dyadwatch.events.retype import load_type_words

NATIONS = ["Peru", "Chile", "Kenya", "Norway", "Ghana", "Latvia"]


def _by_trigger(found, trigger: str):  # type: ignore[no-untyped-def]
    return [e for e in found if e.trigger.text == trigger]


def test_the_tables_have_the_new_kinds() -> None:
    table = load_nonevents()
    assert "comment" in table["comment"]
    assert {"migrant", "tourist", "refugee"} <= table["traveller"]
    assert {"thousands", "wave"} <= table["crowd"]
    assert "afford" in table["claimed_intent"]
    words = load_type_words()
    assert {"relief", "relaxation", "lifting"} <= words["easing"]
    assert "prepare" in words["preparation"]
    assert {"respond", "retaliate"} <= words["response"]
    assert {"step", "measure"} <= words["response_object"]


# --- non-events ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Interior Ministry did not immediately answer the newspaper's message requesting comment.",
    "The Daily Courier asked the Kenyan embassy for comment on Tuesday.",
    "Thousands of migrants have traveled to Mexico this year.",
    "More than 5,000 tourists arrived in Cuba last month.",
    "A new wave of Eritreans arrived in Sudan in 2019, fleeing conscription.",
    "Critics suggest Canada cannot afford to defend Latvia.",
    "Analysts believe Ankara is looking for ways of mending ties with Cairo.",
    "A migrant can appeal to the high court.",
])
def test_press_requests_private_travel_and_claims_are_no_event(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == [], text


@pytest.mark.parametrize(("text", "trigger"), [
    ("The Chilean foreign minister arrived in Lima on Monday.", "arrived"),
    ("Three Kenyan diplomats traveled to Oslo for talks.", "traveled"),
    ("Peru asked Chile for the extradition of the suspect.", "asked"),
    ("Canada sent troops to defend Latvia, officials said.", "sent"),
    ("Peru could attack Chile, the defence minister warned.", "attack"),
])
def test_officials_visits_real_requests_and_parties_stay(events, text: str,  # type: ignore[no-untyped-def]
                                                         trigger: str) -> None:
    assert _by_trigger(events(text), trigger), text


def test_a_guess_about_one_past_act_is_not_a_rule(events) -> None:  # type: ignore[no-untyped-def]
    # "may have" with an indefinite person guesses at one act; only a modal of ability in general is a rule
    assert _by_trigger(events("A soldier may have attacked the Kenyan convoy on Friday."), "attacked")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(NATIONS),
       people=st.sampled_from(["Thousands of refugees", "Hundreds of pilgrims", "More than 2,000 patients",
                               "An influx of migrants"]),
       verb=st.sampled_from(["arrived in", "traveled to", "came to"]))
def test_drawn_movements_of_people_are_no_visit(events, place: str, people: str,  # type: ignore[no-untyped-def]
                                                verb: str) -> None:
    found = events(f"{people} {verb} {place} last year.")
    assert not [e for e in found if e.type.plover == "CONSULT"]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(outlet=st.sampled_from(["The Lagos Herald", "Radio Andes", "The agency", "The weekly"]),
       body=st.sampled_from(["the Chilean embassy", "Peru's foreign ministry", "the Kenyan police"]),
       form=st.sampled_from(["{o} asked {b} for comment.",
                             "{b} did not reply to an e-mail from {o} requesting comment.",
                             "{o} asked {b} for comment on the report."]))
def test_drawn_requests_for_comment_are_no_event(events, outlet: str, body: str,  # type: ignore[no-untyped-def]
                                                 form: str) -> None:
    text = form.format(o=outlet, b=body)
    text = text[0].upper() + text[1:]
    assert not [e for e in events(text) if e.type.plover == "REQUEST"], text


# --- types -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "trigger"), [
    ("The council may offer sanctions relief to Iran if talks resume.", "offer"),
    ("The ministry granted a partial relaxation of the sanctions on Monday.", "granted"),
    ("Norway offered to ease sanctions on Syria.", "offered"),
])
def test_relief_from_sanctions_is_a_concession(events, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert {e.type.plover for e in _by_trigger(events(text), trigger)} == {"CONCEDE"}, text


@pytest.mark.parametrize(("text", "trigger", "plover"), [
    ("Norway granted emergency relief to flood victims in Kenya.", "granted", "AID"),  # humanitarian relief
    # sanctions lifted are RETREAT, as CAMEO2PLOVER maps 085 and the codebook's own example is coded; an
    # agreement to lift them is AGREE: only a party's offer or grant of relief is the concession
    ("The European Union lifted sanctions on Belarus on Monday.", "lifted", "RETREAT"),
    ("The assembly agreed to lift the embargo on Cuba.", "agreed", "AGREE"),
])
def test_other_relief_keeps_its_type(events, text: str, trigger: str, plover: str) -> None:  # type: ignore[no-untyped-def]
    assert {e.type.plover for e in _by_trigger(events(text), trigger)} == {plover}, text


def test_a_future_handover_of_territory_is_concede(events) -> None:  # type: ignore[no-untyped-def]
    found = _by_trigger(events("Britain will hand over the islands to Mauritius next year."), "hand")
    assert [e.type.plover for e in found] == ["CONCEDE"]


def test_preparing_a_launch_is_mobilize(events) -> None:  # type: ignore[no-untyped-def]
    found = _by_trigger(events("The army is preparing to launch cruise missiles at the port."), "launch")
    assert [e.type.plover for e in found] == ["MOBILIZE"]
    assert found[0].type.mode == "weapons"
    assert not found[0].hypothetical  # the preparing is the act, and it is asserted
    # a plain statement of intent to attack stays a threat, and moving troops stays MOBILIZE
    threat = {e.type.plover for e in events("Chile vowed to attack the rebel camps.")}
    assert threat == {"THREATEN"}
    moved = _by_trigger(events("Turkey moved troops to the Syrian border on Friday."), "moved")
    assert [e.type.plover for e in moved] == ["MOBILIZE"]


def test_a_conditional_warning_is_a_threat(events) -> None:  # type: ignore[no-untyped-def]
    found = _by_trigger(events("If the incursions continue, Japan will take measures to defend its waters."),
                        "defend")
    assert found and {e.type.plover for e in found} == {"THREATEN"}
    assert not found[0].hypothetical  # the warning is stated now
    # the act inside the condition is what is warned about, not the warning
    inside = _by_trigger(events("Seoul warned it will respond if Pyongyang launches another missile."), "launches")
    assert inside and inside[0].type.plover == "ASSAULT" and inside[0].hypothetical
    # an unconditional purpose stays what it is
    plain = _by_trigger(events("Japan sent ships to defend its waters."), "sent")
    assert plain and plain[0].type.plover != "THREATEN"


# --- the item-5 confusions still hold ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "trigger", "plover"), [
    ("The governor ordered the broadcaster to stop transmitting.", "ordered", "COERCE"),
    ("The junta forced the foreign reporters to leave.", "forced", "COERCE"),
    ("Chile will hold talks with Peru next week.", "hold", "AGREE"),  # the manual: future meetings are AGREE
    ("The Kenyan president pardoned the jailed activists.", "pardoned", "CONCEDE"),
    ("A court in Lima convicted the former minister of bribery.", "convicted", "SANCTION"),
    ("A court in Lima sentenced the activist to ten years in prison.", "sentenced", "COERCE"),
    ("Prosecutors in Peru are investigating the former president.", "investigating", "ACCUSE"),
])
def test_item_five_types(events, text: str, trigger: str, plover: str) -> None:  # type: ignore[no-untyped-def]
    assert plover in {e.type.plover for e in _by_trigger(events(text), trigger)}, text


# --- modality ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "trigger"), [
    ("Chile allegedly offered to pay the activist's relatives.", "offered"),
    ("Ecuador contends it was forced to surrender the atoll in 1950.", "forced"),
    ("Chile and Peru were supposed to sign a trade deal on Friday, but the signing was called off.", "sign"),
])
def test_alleged_and_called_off_acts_are_not_asserted(events, text: str,  # type: ignore[no-untyped-def]
                                                      trigger: str) -> None:
    found = _by_trigger(events(text), trigger)
    assert found and all(e.hypothetical for e in found), text


@pytest.mark.parametrize(("text", "trigger"), [
    ("Kenyan officials blamed Somalia, accusing it of arming the rebels.", "accusing"),
    ("Chile offered to pay the activist's relatives.", "offered"),
    ("Ecuador said it was forced to surrender the atoll in 1950.", "forced"),
])
def test_accusations_offers_and_reported_acts_are_asserted(events, text: str,  # type: ignore[no-untyped-def]
                                                           trigger: str) -> None:
    found = _by_trigger(events(text), trigger)
    assert found and not any(e.hypothetical for e in found), text


# --- a subheading run into a sentence ----------------------------------------------------------------------------

def test_a_run_in_subheading_gives_no_source(events, nlp) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.events.private_acts import heading_tokens

    text = "Cash crop Thousands of pilgrims have flown to Peru this spring, officials say."
    assert events(text) == []
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "flown")
    assert [doc[i].text for i in sorted(heading_tokens(verb))] == ["Cash", "crop"]
    # a sentence with one subject, or a date between subject and verb, has no heading
    kept = _by_trigger(events("The Chilean army Tuesday attacked a post near Tacna."), "attacked")
    assert kept and kept[0].source.span.text.startswith("The Chilean army")
    assert not heading_tokens(next(t for t in nlp("Chile and Peru signed a pact.") if t.text == "signed"))
    # a name the parser splits into two subjects is no heading
    split = nlp("Harakat Nour Al-Din began the assault on the checkpoints on Monday.")
    verb = next(t for t in split if t.text == "began")
    assert not heading_tokens(verb)
    # a bare description before the names it describes is an apposition, and its event stays
    text = "Old rivals Chile and Peru have restored diplomatic ties after a long break."
    assert events(text)
    assert not heading_tokens(next(t for t in nlp(text) if t.text == "restored"))


# --- speculation and fears ---------------------------------------------------------------------------------------

def test_dismissing_fears_nobody_owns_is_no_event(events) -> None:  # type: ignore[no-untyped-def]
    assert events("The trade minister rebuffed fears that the tariffs would cause a recession.") == []
    # a possessor's demands are a party's: the rejection stays
    assert _by_trigger(events("The army rejected the rebels' demands."), "rejected")


def test_what_others_speculate_is_no_stated_intent(events) -> None:  # type: ignore[no-untyped-def]
    found = _by_trigger(events("Chile rejected speculation that it would expel the envoy."), "expel")
    assert found and all(e.hypothetical and e.type.plover != "THREATEN" for e in found)
    # the party's own statement of the same act is still a threat
    own = _by_trigger(events("Chile said it would expel the envoy."), "expel")
    assert own and {e.type.plover for e in own} == {"THREATEN"}


@pytest.mark.parametrize(("text", "noun", "kind"), [
    ("Thousands fled what Kenya calls an invasion by Somali militias.", "invasion", "alleged"),
    ("The alleged invasion by Chile began on Monday.", "invasion", "alleged"),
    ("The signing of the pact was postponed.", "signing", "prevented"),
    ("The invasion by Chile began on Monday.", "invasion", None),
])
def test_the_status_of_an_alleged_or_postponed_event_noun(nlp, text: str, noun: str,  # type: ignore[no-untyped-def]
                                                           kind: str | None) -> None:
    from dyadwatch.events.lexicon import load_lexicon
    from dyadwatch.events.modality import noun_status

    tok = next(t for t in nlp(text) if t.text == noun)
    status = noun_status(tok, load_lexicon())
    assert status.kind == kind and status.hypothetical == (kind is not None), text
