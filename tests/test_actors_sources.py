"""Issue 19, round 5: sources the text gives by other means than a subject -- the speaker of a quotation, the
other side of an exchange of fire, a short form the article defines, a body a person belongs to -- and a dummy
"it" that is no event's source.

Every sentence here is written for this test from the grammar of news (and the CAMEO codebook), never taken from an
evaluation set.
"""

from __future__ import annotations

import pytest
from coded import analyse, events_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.actors.quotes import FIRST_PERSON, quotations
from dyadwatch.records import Actor

# --- quotations ------------------------------------------------------------------------------------------------


def test_quotations_pair_curly_and_straight_marks() -> None:
    text = 'He said “we will go” and "they will stay".\n“An open one\nnext'
    quotes = [text[q.start:q.end] for q in quotations(text)]
    assert quotes == ["we will go", "they will stay", "An open one"]


def test_a_closing_mark_alone_closes_a_quotation_from_the_paragraph_start() -> None:
    text = "first line\nthe quotation goes on,” she said."
    assert [text[q.start:q.end] for q in quotations(text)] == ["the quotation goes on,"]


@given(st.text(alphabet=st.sampled_from(list('ab “”"«»\n.,')), max_size=80))
def test_quotations_stay_inside_their_paragraph_and_do_not_overlap(text: str) -> None:
    quotes = quotations(text)
    last_end = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert "\n" not in text[q.start:q.end]
        assert q.start >= last_end
        last_end = q.end


@pytest.mark.parametrize("text", [
    "“We strongly reject the allegations made by Pakistan,” Afghan foreign ministry spokesman Ahmad Karimi said.",
    "Afghan foreign ministry spokesman Ahmad Karimi said: “We strongly reject the allegations made by Pakistan.”",
    "“We strongly reject the allegations made by Pakistan,” said Afghan foreign ministry spokesman Ahmad Karimi.",
])
def test_we_in_a_quotation_is_the_speakers_state(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    event = events_of(analyse(pipeline, text), "reject")[0]
    assert event.source.country == "AFG" and event.source.rule == "quote-speaker"
    assert event.source.evidence is not None and "Karimi" in event.source.evidence.text
    assert event.target is not None and event.target.country == "PAK"


def test_i_in_a_quotation_is_the_speaker_in_person(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "“I will visit the Japanese capital next month,” French President Emmanuel Macron said on Monday."
    event = events_of(analyse(pipeline, text), "visit")[0]
    assert event.source.country == "FRA" and event.source.rule == "quote-speaker"
    assert event.source.entity == "person:emmanuel macron"


def test_a_quotation_continued_after_its_attribution(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("“The talks failed,” Kenyan Foreign Minister Paul Otieno said. “We will criticize Somalia at the "
            "summit.”")
    event = events_of(analyse(pipeline, text), "criticize")[0]
    assert event.source.country == "KEN" and event.source.rule == "quote-speaker"


def test_our_government_in_a_quotation_is_the_speakers(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("NAIROBI, Kenya -- Ethiopia's foreign minister Seyoum Tadesse spoke on Monday. “Our government "
            "condemns the raid,” Tadesse said.")
    analysis = analyse(pipeline, text)
    owned = [m.actor for m in analysis.mentions if m.actor.span.text == "Our government"]
    assert owned and owned[0].country == "ETH" and owned[0].rule == "quote-speaker"


def test_we_with_no_attribution_or_outside_a_quotation_names_no_one(pipeline) -> None:  # type: ignore[no-untyped-def]
    for text in ("“We strongly reject the allegations made by Pakistan.”",
                 "We strongly reject the allegations made by Pakistan, the newspaper's editors wrote."):
        analysis = analyse(pipeline, text)
        assert not [m for m in analysis.mentions if m.actor.span.text.lower() in FIRST_PERSON], text
        assert all(e.source.rule != "quote-speaker" for e in analysis.events)


def test_an_attribution_pronoun_refers_outside_the_quotation(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Ghanaian President John Mahama spoke on Friday. “We denounce the prison break and call on the people "
            "to stay home. The army will restore order,” he said.")
    analysis = analyse(pipeline, text)
    he = [m.actor for m in analysis.mentions if m.actor.span.text == "he"]
    assert he and he[0].country == "GHA" and he[0].entity == "person:john mahama"
    assert events_of(analysis, "denounce")[0].source.country == "GHA"


# --- a dummy "it" ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "trigger"), [
    ("“It would be unwise to back the rebels,” the analyst said.", "back"),
    ("He said it was vital to criticize the cabinet before the vote.", "criticize"),
])
def test_an_it_of_be_is_no_events_source(pipeline, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, text)
    assert not [e for e in analysis.events if e.trigger.text == trigger and e.source.span.text.lower() == "it"]
    if not [e for e in analysis.events if e.trigger.text == trigger]:
        assert any("dummy subject" in w for w in analysis.warnings)


def test_it_after_the_subjects_possessor(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Uganda's decree gave no reason why it demands the closure of the border posts."
    event = events_of(analyse(pipeline, text), "demands")[0]
    assert event.source.country == "UGA" and event.source.rule == "pronoun"


# --- the other side of an exchange of fire -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("LAGOS, Nigeria -- A kidnap suspect was killed in a shootout with Nigerian police on Friday.", "NGA", "COP"),
    ("Six marchers were shot dead in clashes with Indian security forces in Srinagar on Sunday.", "IND", "COP"),
    ("Four herders were wounded in the raid and a skirmish with Malian troops.", "MLI", "MIL"),
])
def test_the_other_side_of_a_confrontation_is_the_agent(pipeline, text: str, country: str, sector: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, text)
    sources = [e.source for e in analysis.events if e.source.rule == "confrontation-party"]
    assert sources, [(e.trigger.text, e.source.rule) for e in analysis.events]
    assert sources[0].country == country and sector in sources[0].sectors
    assert all(e.confidence < 0.5 for e in analysis.events if e.source.rule == "confrontation-party")


def test_fighting_between_two_sides_names_no_agent(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Two villagers were killed in fighting between the Sudanese army and the Rapid Support Forces."
    analysis = analyse(pipeline, text)
    assert all(e.source.rule != "confrontation-party" for e in analysis.events)


# --- a short form the article defines -------------------------------------------------------------------------------


def test_a_defined_short_form_is_that_body(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Rebels of the Justice and Equality Movement (JEM) seized a town in Darfur on Tuesday. Two days later "
            "JEM shelled an army base near El Fasher.")
    analysis = analyse(pipeline, text)
    event = events_of(analysis, "shelled")[0]
    assert event.source.country == "SDN" and event.source.rule == "acronym"
    assert event.source.evidence is not None and event.source.evidence.text == "Justice and Equality Movement"
    assert [m.actor.rule for m in analysis.mentions if m.actor.span.text == "JEM"] == ["acronym"]  # not "(JEM)"


def test_a_short_form_not_defined_is_nothing(pipeline) -> None:  # type: ignore[no-untyped-def]
    # not the initials of a body the article named: nothing (countries10: the initials of one named in full count)
    text = "Rebels of the Justice and Equality Movement seized a town on Tuesday. Two days later JLM shelled a base."
    analysis = analyse(pipeline, text)
    assert all(m.actor.rule != "acronym" for m in analysis.mentions)


def test_the_initials_of_a_body_named_in_full_are_that_body(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels of the Justice and Equality Movement seized a town on Tuesday. Two days later JEM shelled a base."
    analysis = analyse(pipeline, text)
    jem = [m.actor for m in analysis.mentions if m.actor.span.text == "JEM"]
    assert jem and jem[0].rule == "acronym" and jem[0].country == "SDN"


# --- one person of a body ------------------------------------------------------------------------------------------


def test_a_member_of_a_body_with_a_state_and_a_later_he(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "A member of an Italian mafia clan told judges on Wednesday he had tried to kill the prosecutor in Rome."
    analysis = analyse(pipeline, text)
    member = [m.actor for m in analysis.mentions if m.actor.span.text == "A member"]
    assert member and member[0].country == "ITA" and member[0].rule == "member-of"
    assert events_of(analysis, "kill")[0].source.country == "ITA"


@pytest.mark.parametrize(("text", "country"), [
    ("Grace Wanjiru, a senator in Kenya's parliament, said her party would boycott the vote.", "KEN"),
    ("Tomas Varga, who is Slovak, said he would appeal against the verdict.", "SVK"),
])
def test_an_apposition_naming_a_state_gives_the_person_that_state(pipeline, text: str, country: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, text)
    person = [m.actor for m in analysis.mentions if m.actor.rule == "apposition"]
    assert person and person[0].country == country


def test_an_apposition_that_only_places_the_person_gives_no_state(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Tomas Varga, a teacher in Nairobi, said he would appeal against the verdict.")
    assert all(m.actor.rule != "apposition" for m in analysis.mentions)


# --- removed "from" a body or a state, released on bail, named storms -------------------------------------------


@pytest.mark.parametrize(("text", "trigger", "code"), [
    ("DHAKA, Bangladesh -- A former minister was expelled from the Awami League on Monday for breaking ranks.",
     "expelled", "BGDPTY"),
    ("Two foreign reporters were deported from Ethiopia last week.", "deported", "ETHGOV"),
])
def test_removed_from_names_who_removed(pipeline, text: str, trigger: str, code: str) -> None:  # type: ignore[no-untyped-def]
    event = events_of(analyse(pipeline, text), trigger)[0]
    assert event.source.rule == "removed-from" and event.source.code == code


def test_released_on_bail_is_a_courts_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "DHAKA, Bangladesh -- The opposition activist was released on bail on Tuesday."
    event = events_of(analyse(pipeline, text), "released")[0]
    assert event.source.rule == "implicit-agent" and event.source.sectors == ("JUD",)
    assert event.source.country == "BGD"


def test_a_released_hostage_has_no_implied_court(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "DHAKA, Bangladesh -- The kidnapped engineer was released on Tuesday."
    analysis = analyse(pipeline, text)
    assert all(e.source.rule != "implicit-agent" for e in analysis.events)


def test_a_named_storm_is_no_source(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Tropical Cyclone Amara slammed into the coast of Madagascar on Sunday.")
    assert not [e for e in analysis.events if "Amara" in e.source.span.text]
    assert any("weather system" in w for w in analysis.warnings)


def test_a_name_apposed_to_an_office_for_a_state(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("A spokeswoman for Egypt's water ministry, Dr. Ahmed Fahmy, spoke on Sunday. “We urge Ethiopia to stop "
            "filling the dam,” Fahmy told reporters.")
    analysis = analyse(pipeline, text)
    fahmy = [m.actor for m in analysis.mentions if m.actor.span.text.endswith("Ahmed Fahmy")]
    assert fahmy and fahmy[0].country == "EGY" and fahmy[0].rule == "apposition"
    event = events_of(analysis, "urge")[0]
    assert event.source.country == "EGY" and event.source.rule == "quote-speaker"


# --- "the agency", "the group": the body named just before ---------------------------------------------------------


def test_the_agency_and_the_group_are_the_body_named_before(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The head of the World Food Programme said on Monday the agency needs 300 million dollars to aid refugees "
            "in Chad. Police said Hamas had smuggled rockets. The group denied the charge.")
    analysis = analyse(pipeline, text)
    agency = [m.actor for m in analysis.mentions if m.actor.span.text == "the agency"]
    group = [m.actor for m in analysis.mentions if m.actor.span.text == "The group"]
    assert agency and agency[0].country == "UN" and agency[0].rule == "body-anaphor"
    assert group and group[0].country == "PSE" and group[0].rule == "body-anaphor"


def test_the_group_after_two_groups_is_not_guessed(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Hamas and Hezbollah fighters clashed with troops on Sunday. The group later denied the charge."
    analysis = analyse(pipeline, text)
    assert all(m.actor.rule != "body-anaphor" for m in analysis.mentions)


SPEAKERS = [("Kenyan Foreign Minister Paul Otieno", "KEN"), ("Peru's interior minister", "PER"),
            ("a spokesman for the Ghanaian army", "GHA")]
ATTRIBUTIONS = ["“{q},” {s} said.", "“{q},” said {s}.", "{s} said: “{q}.”", "{s} told reporters, “{q}.”"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SPEAKERS), st.sampled_from(ATTRIBUTIONS), st.sampled_from(["We", "I"]))
def test_every_attribution_style_gives_the_speaker(pipeline, speaker, style: str, pronoun: str) -> None:  # type: ignore[no-untyped-def]
    who, country = speaker
    text = style.format(q=f"{pronoun} condemn the attack on the border post", s=who)
    text = text[0].upper() + text[1:]
    analysis = analyse(pipeline, text)
    first = [m.actor for m in analysis.mentions if m.actor.span.text == pronoun]
    assert first, text
    assert first[0].country == country and first[0].rule == "quote-speaker", (text, first[0])


def test_a_name_the_parser_coordinated_with_an_office_is_apposed() -> None:
    """ "the envoy for X, Ambassador Y, said": a parse that makes Y a conjunct of "envoy" (no "and") still apposes."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from dyadwatch.actors.resolver import _named_in_apposition
    from dyadwatch.document.analysis import Mention
    from dyadwatch.records import TextSpan

    words = ["the", "envoy", "for", "Egypt", ",", "Ambassador", "Fahmy", ",", "spoke"]
    heads = [1, 8, 1, 2, 1, 6, 1, 6, 8]
    deps = ["det", "nsubj", "prep", "pobj", "punct", "compound", "conj", "punct", "ROOT"]
    pos = ["DET", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    office = Mention(0, 2, Actor(TextSpan(0, 10, "the envoy"), "envoy", "EGY", ("GOV",), "EGYGOV", "member-of"), 1)
    span = TextSpan(25, 41, "Ambassador Fahmy")
    person = Mention(5, 7, Actor(span, "Fahmy", None, ("GOV",), "---GOV", "title", "person:fahmy"), 6)
    _named_in_apposition(doc, [office], person)
    assert person.actor.country == "EGY" and person.actor.rule == "apposition"
    doc2 = Doc(Vocab(), words=[*words[:4], "and", *words[5:]], heads=heads, deps=[*deps[:4], "cc", *deps[5:]],
               pos=[*pos[:4], "CCONJ", *pos[5:]])
    person2 = Mention(5, 7, Actor(span, "Fahmy", None, ("GOV",), "---GOV", "title", "person:fahmy"), 6)
    _named_in_apposition(doc2, [office], person2)
    assert person2.actor.country is None  # "the envoy and Fahmy": two people


def test_a_name_after_an_office_and_a_comma_in_a_two_state_story(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The Gulf crisis deepened as Qatar and Egypt traded charges. On Friday, the envoy for Egypt's foreign "
            "ministry, Ambassador Ahmed Fahmy, restated Cairo's position. “We urge Qatar to stop funding militants,” "
            "Fahmy said in a televised address.")
    analysis = analyse(pipeline, text)
    fahmy = [m.actor for m in analysis.mentions if m.actor.span.text == "Ambassador Ahmed Fahmy"]
    assert fahmy and fahmy[0].country == "EGY" and fahmy[0].rule == "apposition"
    assert events_of(analysis, "urge")[0].source.country == "EGY"
