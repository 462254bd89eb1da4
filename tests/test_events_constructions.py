"""The events stage on one construction at a time, with sentences written for these tests."""

from __future__ import annotations

import pytest

STAGES = ("normalise", "parse", "actors", "events")


@pytest.fixture(scope="module")
def code(make_analysis):  # type: ignore[no-untyped-def]
    def run(text: str):  # type: ignore[no-untyped-def]
        analysis = make_analysis(text, stages=STAGES)
        return analysis, [
            (analysis.doc[c.trigger[0]].lemma_.lower(), c.type.plover, c.type.cameo, c.source.country,
             c.target.country if c.target else None, c)
            for c in analysis.candidates
        ]

    return run


def one(rows, lemma: str):  # type: ignore[no-untyped-def]
    found = [r for r in rows if r[0] == lemma]
    assert found, f"no event for {lemma!r} in {[r[:5] for r in rows]}"
    return found[0]


def test_passive_with_agent(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Russia was condemned by Germany on Tuesday.")
    _lemma, plover, cameo, src, tgt, _ = one(rows, "condemn")
    assert (plover, src, tgt) == ("ACCUSE", "DEU", "RUS") and cameo.startswith("11")


def test_coordinated_subjects_are_symmetric(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("France and Germany signed a trade agreement.")
    dyads = {(r[3], r[4]) for r in rows if r[0] == "sign"}
    assert dyads == {("FRA", "DEU"), ("DEU", "FRA")}
    assert all(r[1] == "SUPPORT" and r[2] == "057" for r in rows if r[0] == "sign")


def test_coordinated_verbs_share_subject_and_object(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Poland arrested and expelled two Russian diplomats.")
    arrest, expel = one(rows, "arrest"), one(rows, "expel")
    assert arrest[1:5] == ("COERCE", "173", "POL", "RUS")
    assert expel[1] == "SANCTION" and expel[3:5] == ("POL", "RUS")


def test_open_clausal_complement_takes_the_main_subject(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Japan condemned the missile launch, vowing to impose sanctions.")
    vow = one(rows, "vow")
    assert vow[1] == "THREATEN" and vow[2] == "1312" and vow[3] == "JPN"


def test_relative_clause_subject_is_the_antecedent(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Sudan, which expelled the French ambassador last week, has recalled its envoy from Paris.")
    expel = one(rows, "expel")
    assert expel[1] == "SANCTION" and expel[3:5] == ("SDN", "FRA")
    recall = one(rows, "recall")
    assert recall[3:5] == ("SDN", "FRA")  # not its own envoy


def test_reported_speech_codes_the_reported_event(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Officials said Turkey had shelled Syrian positions.")
    shell = one(rows, "shell")
    assert shell[1] == "ASSAULT" and shell[3:5] == ("TUR", "SYR")
    assert shell[5].notes.get("reported") and not shell[5].hypothetical
    assert not [r for r in rows if r[0] == "say"]


def test_reported_obligation_is_a_demand_by_the_speaker(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Britain said Libya must release the detained sailors.")
    release = one(rows, "release")
    assert release[1] == "REQUEST" and release[2].startswith("105") and release[3:5] == ("GBR", "LBY")


def test_possessive_visit_to(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Modi's visit to Washington drew large crowds.")
    visit = one(rows, "visit")
    assert visit[1:5] == ("CONSULT", "042", "IND", "USA") and visit[5].nominal


def test_meeting_between(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("A meeting between Egypt and Israel took place on Monday.")
    meeting = one(rows, "meeting")
    assert meeting[1] == "CONSULT" and {meeting[3], meeting[4]} == {"EGY", "ISR"}


def test_object_class_selects_the_code(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Australia declined the invitation. Canada declined to comment.")
    codes = {r[2] for r in rows if r[0] == "decline"}
    assert "011" in codes  # "decline to comment" is a statement, not a rejection


def test_negation_is_flagged_not_dropped(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Iran did not attack Iraq.")
    attack = one(rows, "attack")
    assert attack[1] == "ASSAULT" and attack[5].negated


def test_plans_to_is_a_statement_of_intent(code) -> None:  # type: ignore[no-untyped-def]
    # CAMEO codes a stated plan as "express intent" (03x): the statement happened, the aid not yet
    _, rows = code("Brazil plans to send aid to Haiti.")
    send = one(rows, "send")
    assert send[1:5] == ("AGREE", "033", "BRA", "HTI")
    assert send[5].notes["intended_cameo"] == "070" and send[5].notes["modality"] == "intent"


def test_will_impose_sanctions_is_a_threat(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Canada will impose sanctions on Iran.")
    impose = one(rows, "impose")
    assert impose[1:5] == ("THREATEN", "1312", "CAN", "IRN")
    assert impose[5].notes["modality"] == "future" and impose[5].notes["intended_cameo"] == "163"


def test_conditional_event_is_hypothetical(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Ukraine will retaliate if Russia attacks Kyiv.")
    attack = one(rows, "attack")
    assert attack[5].hypothetical and not attack[5].negated and attack[5].notes["modality"] == "conditional"


def test_killed_quantity(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Egyptian soldiers killed 6 protesters near the border.")
    kill = one(rows, "kill")
    assert kill[1] == "ASSAULT" and kill[3] == "EGY"
    q = [q for q in kill[5].quantities if q.kind == "killed"]
    assert q and q[0].value == 6 and q[0].span.text.startswith("6")


def test_arrested_quantity_in_words(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Kenyan police arrested forty activists in Nairobi.")
    arrest = one(rows, "arrest")
    assert arrest[1:4] == ("COERCE", "173", "KEN")
    q = [q for q in arrest[5].quantities if q.kind == "arrested"]
    assert q and q[0].value == 40


def test_sanctions_are_sanction_discontinue_per_plover_manual(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("The European Union imposed sanctions on Belarus.")
    impose = one(rows, "impose")
    assert impose[1] == "SANCTION" and impose[2] == "163" and impose[5].type.mode == "discontinue"


def test_purpose_clause_is_not_asserted(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Thousands of Chilean students marched in Santiago to demand education reform.")
    march = one(rows, "march")
    assert march[1] == "PROTEST" and not march[5].hypothetical
    demand = [r for r in rows if r[0] == "demand"]
    assert all(r[5].hypothetical for r in demand)


def test_light_verb_carries_the_noun_event(code) -> None:  # type: ignore[no-untyped-def]
    analysis, rows = code("Jailed Bahraini activists began a hunger strike on Sunday.")
    begin = one(rows, "begin")
    assert begin[1:4] == ("PROTEST", "142", "BHR")
    start, end = begin[5].trigger
    assert analysis.doc[start:end].text == "began a hunger strike"


def test_protest_claim_is_folded_into_the_protest(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Serbian farmers blocked highways near Belgrade, demanding higher subsidies.")
    block = one(rows, "block")
    assert block[1] == "PROTEST" and block[3] == "SRB"
    assert not [r for r in rows if r[1] == "REQUEST" and not r[5].hypothetical]


def test_passive_without_agent_has_an_implicit_unresolved_source(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Two Nigerian journalists were arrested in Lagos.")
    arrest = one(rows, "arrest")
    cand = arrest[5]
    assert arrest[1] == "COERCE" and arrest[4] == "NGA"
    assert cand.source.country is None and cand.source.rule == "events:implicit-agent"
    assert cand.notes["implicit_agent"] and cand.confidence < 0.6


def test_vow_not_to_is_a_refusal(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Armenia vowed not to return the seized villages to Azerbaijan.")
    vow = one(rows, "vow")
    assert vow[1] == "REJECT" and vow[3] == "ARM"


def test_resignation_is_retreat_per_plover_manual(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Peru's interior minister resigned on Friday.")
    resign = one(rows, "resign")
    assert resign[1] == "RETREAT" and resign[2] == "0831"


def test_coordinated_modifiers_split_into_two_parties(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Indian and French warships held joint exercises in the Arabian Sea.")
    dyads = {(r[3], r[4]) for r in rows if r[0] == "hold"}
    assert dyads == {("IND", "FRA"), ("FRA", "IND")}
    assert all(r[1:3] == ("COOPERATE", "062") for r in rows if r[0] == "hold")


# --- second round: status, main event, role reversal, codebook constructions ------------------------------------


def counted_rows(rows):  # type: ignore[no-untyped-def]
    return [r for r in rows if not (r[5].negated or r[5].hypothetical)]


def test_reported_duty_is_a_demand_even_when_the_act_is_not_in_the_lexicon(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Brazil said Venezuela must respect the constitution.")
    demand = one(rows, "respect")
    assert demand[1:5] == ("REQUEST", "100", "BRA", "VEN") and not demand[5].hypothetical


def test_a_duty_to_be_ready_to_mediate_is_a_demand_for_mediation(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Egypt said Qatar must be ready to mediate between Sudan and Chad.")
    mediate = one(rows, "mediate")
    assert mediate[1] == "REQUEST" and mediate[2] == "108" and mediate[3] == "EGY"


def test_insisting_on_a_fact_is_no_demand(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("India insisted the attack came from Pakistan.")
    assert not [r for r in rows if r[1] == "REQUEST"]


def test_attempted_act_is_coded_as_the_act(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Kenya tried to hack into the servers of the Ugandan parliament.")
    hack = one(rows, "hack")
    assert hack[1] == "COERCE" and hack[5].type.mode == "cyber" and hack[3] == "KEN"
    assert not hack[5].hypothetical and hack[5].notes.get("attempt") == "try"


def test_received_from_reverses_the_roles(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Japan received weapons from the United States.")
    receive = one(rows, "receive")
    assert receive[1:5] == ("AID", "072", "USA", "JPN")


def test_stated_unwillingness_to_accept_is_a_rejection(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Canada said it will not accept the Russian proposal.")
    accept = one(rows, "accept")
    assert accept[1] == "REJECT" and accept[2].startswith("12") and accept[3:5] == ("CAN", "RUS")
    assert not (accept[5].negated or accept[5].hypothetical)


def test_plain_past_negation_stays_a_negated_event(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Germany did not send weapons to Ukraine.")
    assert not [r for r in counted_rows(rows)]


def test_grounds_of_an_arrest_are_alleged_not_asserted(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("The Turkish police arrested an Iranian journalist for spying on Israel.")
    assert one(rows, "arrest")[1] == "COERCE"
    assert [r[0] for r in counted_rows(rows)] == ["arrest"]


def test_relative_clause_on_an_object_is_background(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Russia demanded the release of a tanker that Ukraine had seized.")
    assert [r[1] for r in counted_rows(rows)] == ["REQUEST"]


def test_relative_clause_on_the_subject_is_kept(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("The rebels, who kidnapped two Italian engineers last month, attacked a Nigerian army base.")
    assert {r[0] for r in counted_rows(rows)} == {"kidnap", "attack"}


def test_purpose_of_a_sending_is_not_done_yet(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Indonesia sent troops to help defend East Timor.")
    defend = one(rows, "defend")
    assert defend[5].hypothetical and defend[5].notes.get("modality") == "purpose"


def test_prevented_war_did_not_happen(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Greece urged Turkey to prevent a war with Cyprus.")
    assert not [r for r in counted_rows(rows) if r[1] == "ASSAULT"]


def test_indictment_is_a_legal_accusation(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("A Dutch court indicted a Serbian general for war crimes.")
    assert one(rows, "indict")[1:3] == ("ACCUSE", "115")


def test_political_pressure_is_a_demand(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Ghana pressured Togo to release the opposition leader.")
    assert one(rows, "pressure")[1:5] == ("REQUEST", "1053", "GHA", "TGO")


def test_exercises_of_two_states_are_joint(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("China and Russia launched naval exercises in the Pacific.")
    assert {r[1:3] for r in rows if r[0] == "launch"} == {("COOPERATE", "062")}


def test_permission_is_a_concession_and_what_it_permits_is_not_done_yet(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("The Nigerian government allowed the opposition leader to hold a rally.")
    assert one(rows, "allow")[1] == "CONCEDE"
    assert [r[0] for r in counted_rows(rows)] == ["allow"]


def test_killed_in_air_strikes_is_coded_by_its_means_once(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Syrian civilians were killed in Turkish air strikes.")
    assert [r[1:5] for r in rows] == [("ASSAULT", "195", "TUR", "SYR")]


def test_riot_damage_is_part_of_the_riot(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Kenyan students rioted in Nairobi, setting fire to police cars.")
    assert [r[1] for r in counted_rows(rows)] == ["PROTEST"]


def test_human_shields(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Pakistani troops used the villagers as human shields.")
    assert one(rows, "use")[1:3] == ("ASSAULT", "184")


def test_refusing_refugees_is_a_rejection_of_asylum(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Jordan said on Monday that it would not accept additional refugees from Syria.")
    assert one(rows, "accept")[1:4] == ("REJECT", "122", "JOR")
    _, rows = code("Germany accepted 5,000 Afghan refugees.")
    assert one(rows, "accept")[1:4] == ("AID", "075", "DEU")


def test_travelling_for_talks_is_a_consultation(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Iranian and Saudi diplomats returned to Baghdad for talks.")
    assert {r[3] for r in rows if r[0] == "return" and r[1] == "CONSULT"} == {"IRN", "SAU"}


def test_attack_named_as_subject_is_coded_by_its_means(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("A car bombing in Kabul killed three Afghan policemen.")
    kill = one(rows, "kill")
    assert kill[1] == "ASSAULT" and kill[2].startswith("183") and kill[4] == "AFG"
    assert kill[5].notes.get("implicit_agent")


def test_wanting_another_party_to_act_is_an_appeal(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("The Polish government wants Germany to pay reparations.")
    assert one(rows, "want")[1:5] == ("REQUEST", "020", "POL", "DEU")
    _, rows = code("The Polish government wants to buy tanks.")
    assert not [r for r in rows if r[0] == "want"]


def test_event_noun_in_a_topic_phrase_is_not_a_new_event(code) -> None:  # type: ignore[no-untyped-def]
    # the raids are what the complaint is about, reported when they happened; the complaint is the news
    _, rows = code("Syria complained to the Security Council over two Turkish air raids on Sunday.")
    assert one(rows, "complain")[1] == "ACCUSE"
    assert not [r for r in rows if r[0] == "raid"]


def test_event_noun_put_in_sequence_is_kept(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Beijing suspended military talks with Washington after Macron's visit to Taiwan.")
    assert one(rows, "suspend")[3] == "CHN"
    assert one(rows, "visit")[1] == "CONSULT"


def test_event_noun_given_as_cause_is_kept(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Georgia closed its border with Russia because of fighting between Armenia and Azerbaijan.")
    assert one(rows, "fighting")[1] == "ASSAULT"


def test_act_inside_a_condition_is_not_asserted(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Kenya will pull out its troops unless Somalia signs a truce with militias attacking the north.")
    attack = one(rows, "attack")
    assert attack[5].hypothetical


def test_infinitive_parsed_as_adverbial_is_the_complement(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("The rebels have sworn to fight until they seize the capital.")
    swear = one(rows, "swear")
    assert swear[1] == "THREATEN" and swear[2].startswith("13")
    assert not [r for r in rows if r[0] == "fight"]


def test_purpose_infinitive_is_not_a_complement(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Chad sent troops to Mali to fight the insurgents.")
    assert one(rows, "send")[1] == "MOBILIZE"


def test_request_clause_gives_the_rejection_sub_code(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Yemen rejected an American proposal to hold talks.")
    reject = one(rows, "reject")
    assert reject[1:5] == ("REJECT", "125", "YEM", "USA")


def test_announced_future_retreat_is_a_concession(code) -> None:  # type: ignore[no-untyped-def]
    # PLOVER manual: "announced ... would withdraw troops" is RETREAT + future, coded CONCEDE; CAMEO keeps 0356
    _, rows = code("Kenya announced that it would withdraw its troops from Somalia.")
    withdraw = one(rows, "withdraw")
    assert withdraw[1:5] == ("CONCEDE", "0356", "KEN", "SOM")
    assert withdraw[5].type.mode == "future"


def test_agreement_to_do_something_is_a_commitment(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("India and Nepal reached an agreement to share intelligence on smugglers.")
    reach = [r for r in rows if r[0] == "reach"]
    assert {(r[3], r[4]) for r in reach} == {("IND", "NPL"), ("NPL", "IND")}
    assert all(r[1:3] == ("AGREE", "0314") for r in reach)


def test_mobilizing_non_military_objects_is_no_mobilization(code) -> None:  # type: ignore[no-untyped-def]
    _, rows = code("Qatar mobilized lobbyists in Washington.")
    assert not [r for r in rows if r[1] == "MOBILIZE"]
    _, rows = code("Armenia mobilized 50,000 reservists.")
    assert one(rows, "mobilize")[1:4] == ("MOBILIZE", "154", "ARM")


@pytest.mark.parametrize(("text", "lemma", "cameo"), [
    ("Kurdish youths threw stones at Turkish police.", "throw", "145"),
    ("Polish dockworkers stopped work on Monday.", "stop", "143"),
    ("Amnesty demanded that Egypt end curbs on the press.", "demand", "1051"),
])
def test_codebook_rows_for_riots_strikes_and_restrictions(code, text: str, lemma: str, cameo: str) -> None:  # type: ignore[no-untyped-def]
    _, rows = code(text)
    assert one(rows, lemma)[2] == cameo


@pytest.mark.parametrize(
    ("text", "lemma", "hypothetical"),
    [
        ("Egypt refused to let its foreign minister meet the Sudanese envoy.", "meet", True),
        ("France made the Malian junta sign the accord.", "sign", False),
    ],
)
def test_causative_complement_takes_the_causative_verbs_status(code, text: str, lemma: str,  # type: ignore[no-untyped-def]
                                                                hypothetical: bool) -> None:
    """"refused to let X meet Y": no meeting happened; "let X visit": the visit did."""
    _, rows = code(text)
    assert one(rows, lemma)[5].hypothetical is hypothetical
