"""Round 9: places that are said, feared or a person's, and the place of a statement (docs/dates.md, "Round 9").

Sentences written for these tests from English grammar, with names and places of their own; none is taken from
an evaluation or audit text.
"""

from __future__ import annotations

import pytest

from dyadwatch.places import locate

PARSE = ("normalise", "parse")


def place(make_analysis, text: str, trigger: str):  # type: ignore[no-untyped-def]
    """The name of the place ``locate`` gives the first token ``trigger`` of ``text`` (None: no place)."""
    analysis = make_analysis(text, stages=PARSE)
    found = locate(analysis, next(t.i for t in analysis.doc if t.text == trigger))
    return None if found is None else found.name


@pytest.mark.parametrize(("text", "trigger", "wrong"), [
    # what a noun says: a "that" clause on "charge", "claim" is reported content
    ("The ministry repeated the charge that rebels with camps in Bolivia had planned the ambush.", "repeated",
     "Bolivia"),
    # what a noun fears: the place of the feared outcome is not the act's
    ("The trade minister dismissed worries that the new levies would trigger a slump in Peru.", "levies", "Peru"),
    ("The trade minister dismissed worries that the new levies would trigger a slump in Peru.", "dismissed", "Peru"),
])
def test_a_place_said_or_feared_is_not_the_acts(make_analysis, text: str, trigger: str,
                                                wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert place(make_analysis, text, trigger) != wrong


def test_the_feared_act_itself_keeps_its_place(make_analysis) -> None:  # type: ignore[no-untyped-def]
    """"fears that troops would attack in X": the place hangs on the trigger itself, so it is the act's (a
    hypothetical act, which the events stage flags)."""
    assert place(make_analysis, "Farmers voiced fears that the militia would attack in Cajamarca.",
                 "attack") == "Cajamarca"


def test_a_titled_name_is_a_person(make_analysis) -> None:  # type: ignore[no-untyped-def]
    """"calling on Foreign Minister X": a person, whatever preposition is before the name; the gerund of means
    shares the place of the verb it hangs from ("led ... in calling on")."""
    found = place(make_analysis, "In Lima, opposition deputies led a group of senators in calling on Foreign "
                                 "Minister Ricardo Salazar to resign.", "calling")
    assert found == "Lima"


def test_a_title_word_inside_a_place_noun_phrase_is_still_a_place(make_analysis) -> None:  # type: ignore[no-untyped-def]
    found = place(make_analysis, "Government jets bombed the village of Sheikh Miskin on Sunday.", "bombed")
    assert found is not None and "Miskin" in found


def test_a_stated_intent_is_placed_where_it_was_stated(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("The Kenyan president rejected the ruling, telling reporters in Mombasa on Wednesday that he would ask "
            "China to block the resolution.")
    assert place(make_analysis, text, "ask") == "Mombasa"


@pytest.mark.parametrize(("text", "trigger"), [
    # a past act the statement reports happened elsewhere
    ("The Peruvian minister said in Lima that troops killed five rebels.", "killed"),
    # the speaker's description is not where the statement was made
    ("Peru will expel the envoy, said a lecturer at a university in Cusco.", "expel"),
    # a clause of another act beside the statement
    ("As delegates meet in Quito, analysts say Peru will expel the envoy.", "expel"),
])
def test_a_statement_does_not_lend_other_places(make_analysis, text: str,
                                                trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert place(make_analysis, text, trigger) is None


def test_a_fronted_there_takes_the_place_of_the_sentence_before(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("Peru and Chile have been at odds since talks collapsed at a summit in Quito held in March. There, the "
            "Peruvian president asked Chile for a new maritime border.")
    assert place(make_analysis, text, "asked") == "Quito"
    # "There were ..." is no place adverb: nothing is taken from the sentence before
    assert place(make_analysis, "Riots broke out in Quito. There were no arrests as Peru closed the border.",
                 "closed") is None
