"""Object pronouns and "the former" / "the latter" (``actors/coreference.py``): constructed sentences, and a property
that no reference ever points to itself or to a mention after it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.actors.coreference import AMBIGUOUS_RULE, REFERENCE_RULES
from dyadwatch.actors.vocabulary import PRONOUNS

STAGES = ("normalise", "parse", "actors")
REFERENCES = PRONOUNS | {"the former", "the latter"}


def mention(analysis, text: str):  # type: ignore[no-untyped-def]
    found = [m.actor for m in analysis.mentions if m.actor.span.text == text]
    assert found, f"no mention {text!r}: {[m.actor.span.text for m in analysis.mentions]}"
    return found[-1]


@pytest.mark.parametrize(
    ("text", "pronoun", "country", "rule"),
    [
        # binding: the object "it" is not Nairobi, nor Nairobi's state named in the sentence before
        ("Kenya has quarrelled with Uganda for months. Nairobi accused it of arming rebels.", "it", "UGA",
         "coref-previous-sentence"),
        # "them" is the officials met, not the government that met them
        ("The Kenyan government met Ugandan lawmakers on Friday and urged them to resign.", "them", "UGA", "pronoun"),
        ("Peruvian diplomats met Chilean ministers, then Lima pressed them to reopen the border.", "them", "CHL",
         "pronoun"),
        # the direct object outranks a prepositional one
        ("Many Kenyan officials blame Somalia for the unrest in Wajir, accusing it of sheltering gunmen.", "it", "SOM",
         "pronoun"),
        # two mentions of one state tie: the state either way
        ("Many Kenyan officials blame Somalia for the unrest, and some distrust Mogadishu, accusing it of sheltering "
         "gunmen.", "it", "SOM", "pronoun"),
        # "to a ravine" is a place, no thing "them" might be; the victims are no state-level subject's
        ("Gunmen near Cali marched six Colombian farmers to a ravine and executed them.", "them", "COL", "pronoun"),
        # the subject of the sentence before is the topic an object pronoun picks up
        ("Norway expelled two Swedish diplomats. Stockholm urged it to reconsider.", "it", "NOR",
         "coref-previous-sentence"),
        ("Chile has long quarrelled with Peru over water. Lima called on it to reopen the crossing.", "it", "CHL",
         "coref-previous-sentence"),
    ],
)
def test_object_pronoun_resolved(make_analysis, text: str, pronoun: str, country: str, rule: str) -> None:  # type: ignore[no-untyped-def]
    actor = mention(make_analysis(text, stages=STAGES), pronoun)
    assert (actor.country, actor.rule) == (country, rule)


@pytest.mark.parametrize(
    ("text", "pronoun", "rule"),
    [
        # two parties of the same rank: no guess, and the rule says why
        ("Talks between Kenya and Uganda collapsed. Ethiopia accused it of arming rebels.", "it",
         AMBIGUOUS_RULE),
        # a thing stands between the party and the pronoun: the pronoun may be the thing
        ("Kenyan officials imposed new tariffs. Ugandan traders condemned them.", "them", "unresolved"),
        # a bare object "it" of a verb of judging is most often the act
        ("Norway expelled two Swedish diplomats. Stockholm condemned it.", "it", "unresolved"),
        # a participle that may hang on the reported clause or on the verb of saying: neither subject is "it"
        ("Oxfam said that the junta had shelled villages, accusing it of breaking the truce.", "it", "unresolved"),
        # the only candidate is the clause's own subject: never "X accused it" = X
        ("Nairobi accused it of arming rebels.", "it", "unresolved"),
    ],
)
def test_object_pronoun_left_open(make_analysis, text: str, pronoun: str, rule: str) -> None:  # type: ignore[no-untyped-def]
    actor = mention(make_analysis(text, stages=STAGES), pronoun)
    assert actor.country is None
    assert actor.rule == rule


def test_former_and_latter(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Ghana and Togo signed a fishing accord. The former accused the latter of delays.",
                             stages=STAGES)
    former, latter = mention(analysis, "The former"), mention(analysis, "the latter")
    assert (former.country, former.rule) == ("GHA", "former-latter")
    assert (latter.country, latter.rule) == ("TGO", "former-latter")
    assert latter.evidence is not None and latter.evidence.text == "Togo"


def test_the_latters_office(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Ghana and Togo signed a fishing accord. The latter's president praised farmers.",
                             stages=STAGES)
    assert mention(analysis, "The latter's president").country == "TGO"


def test_three_parties_are_no_pair(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Ghana, Togo and Benin signed a fishing accord. The latter accused Nigeria of delays.",
                             stages=STAGES)
    latter = mention(analysis, "The latter")
    assert (latter.country, latter.rule) == (None, AMBIGUOUS_RULE)


def test_former_as_a_modifier_is_no_reference(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Ghana and Togo met. The former president of Benin criticized Nigeria.", stages=STAGES)
    assert all(m.actor.rule != "former-latter" for m in analysis.mentions)


def test_president_is_not_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    analysis = make_analysis("Togo signed a fishing accord. The Togolese president said it would help farmers.",
                             stages=STAGES)
    assert mention(analysis, "it").country is None


NAMES = ("Kenya", "Uganda", "Ghana", "Togo", "Peru", "Chile", "Norway", "the Kenyan government", "Ugandan lawmakers",
         "Peruvian officials", "the rebels")
TEMPLATES = (
    "{a} accused it of {act}.",
    "{a} urged them to {verb}.",
    "{a} met {b} and pressed them to {verb}.",
    "The former accused the latter of {act}.",
    "The latter's minister criticized {a}.",
    "{a} said it would {verb}.",
    "{a} condemned it after {b} warned them.",
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.sampled_from(("{a} and {b} held talks.", "{a} criticized {b} on Monday.", "{a} signed a pact.", "")),
    second=st.sampled_from(TEMPLATES),
    a=st.sampled_from(NAMES),
    b=st.sampled_from(NAMES),
    act=st.sampled_from(("arming rebels", "delays", "smuggling")),
    verb=st.sampled_from(("withdraw", "resign", "negotiate")),
)
def test_references_point_back(make_analysis, first: str, second: str, a: str, b: str, act: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    """A reference is never its own antecedent nor a mention after it: its entity is that of an earlier mention
    that is no reference, and its evidence (if any) ends before it."""
    text = " ".join(x for x in (first.format(a=a, b=b), second.format(a=b, b=a, act=act, verb=verb)) if x)
    text = text[0].upper() + text[1:]
    analysis = make_analysis(text, stages=STAGES)
    for m in analysis.mentions:
        actor = m.actor
        if actor.span.text.lower() not in REFERENCES or actor.country is None:
            continue
        assert actor.entity != f"m{m.start}"
        earlier = [o for o in analysis.mentions if o.end <= m.start and o.actor.entity == actor.entity
                   and o.actor.rule not in REFERENCE_RULES]
        assert earlier, (text, actor.span.text, actor.rule)
        if actor.evidence is not None:
            assert actor.evidence.end <= actor.span.start
