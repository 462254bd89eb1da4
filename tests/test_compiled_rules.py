"""The compiled attribute ruler and lemmatiser give every token the attributes spaCy's own components give.

Two copies of the model are compared token by token: spaCy as ``spacy.load`` gives it, and the same model with
``dyadwatch.document.compiled_rules`` in place of its ``attribute_ruler`` and ``lemmatizer``. Texts: generated
news (hypothesis), a hand-written set of the cases the longer patterns exist for (contractions, "gon na",
expletive "there is", whitespace tokens) and, when the shared corpus is on disk, every VOA article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from strategies.news import news_texts

from dyadwatch.document import compiled_rules
from dyadwatch.document.model import resolve_model_name

VOA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa" / "articles.jsonl"
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]

# What the ruler's several-token and dependency patterns are for, and whitespace tokens of every kind.
HAND_WRITTEN = [
    "Y'all gonna come? Let's go, c'mon! I ain't doing nothin' about it. They gave it to me and to you.",
    "We're gon na win. You got ta see it. There is a deal and there are two more; there's hope.",
    "He does not know. Did she have it? He has had enough, and he did it.\n\n  The U.S.   is here.\t\n",
    "SANCTIONS GET TOUGHER\nThe minister gets the report; the army got it. Which one? That is all this is.",
    "",
    "   ",
    "n't",
]


@pytest.fixture(scope="module")
def models():  # type: ignore[no-untyped-def]
    import spacy

    name = resolve_model_name(None)
    plain, compiled = spacy.load(name), spacy.load(name)
    assert compiled_rules.install(compiled), "the model's ruler and lemmatiser should compile"
    return plain, compiled


def _differences(plain, compiled, texts: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for a, b in zip(plain.pipe(texts), compiled.pipe(texts), strict=True):
        assert a.text == b.text
        left, right = a.to_array(ATTRS), b.to_array(ATTRS)
        for i in range(len(a)):
            if (left[i] != right[i]).any():
                t, u = a[i], b[i]
                found.append(f"{t.text!r}: {t.tag_} {t.pos_} {t.morph} {t.lemma_} {t.dep_} != "
                             f"{u.tag_} {u.pos_} {u.morph} {u.lemma_} {u.dep_}")
    return found


def test_components_replaced(models) -> None:  # type: ignore[no-untyped-def]
    _, compiled = models
    assert compiled_rules.COMPILED_COMPONENT in compiled.pipe_names
    assert compiled_rules.RULER not in compiled.pipe_names
    assert compiled_rules.LEMMATIZER not in compiled.pipe_names
    assert compiled.get_pipe(compiled_rules.LEMMATIZER) is not None  # still there for its tables


def test_the_pipeline_model_is_compiled() -> None:
    from dyadwatch.document.model import load_model

    assert compiled_rules.COMPILED_COMPONENT in load_model().pipe_names


def test_hand_written_cases_identical(models) -> None:  # type: ignore[no-untyped-def]
    assert _differences(*models, HAND_WRITTEN) == []


def test_several_token_patterns_fire(models) -> None:  # type: ignore[no-untyped-def]
    _, compiled = models
    doc = compiled("We're gon na win.")
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na")] == ["go", "to"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_texts())
def test_generated_news_identical(models, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _differences(*models, [text]) == []


def test_voa_identical(models) -> None:  # type: ignore[no-untyped-def]
    if not VOA.exists():
        pytest.skip(f"corpus not found: {VOA}")
    with open(VOA, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    assert _differences(*models, texts) == []


def test_unsupported_pattern_keeps_spacy_components() -> None:
    import spacy

    nlp = spacy.load(resolve_model_name(None))
    nlp.get_pipe(compiled_rules.RULER).add([[{"LOWER": "x", "OP": "+"}]], {"POS": "X"})
    assert compiled_rules.compile_rules(nlp) is None
    assert not compiled_rules.install(nlp)
    assert compiled_rules.RULER in nlp.pipe_names


def test_memo_limit_starts_again(models, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    plain, compiled = models
    monkeypatch.setattr(compiled_rules, "MEMO_LIMIT", 5)
    assert _differences(plain, compiled, HAND_WRITTEN[:3]) == []


def test_component_survives_pickling(models) -> None:  # type: ignore[no-untyped-def]
    import pickle

    plain, compiled = models
    component = compiled.get_pipe(compiled_rules.COMPILED_COMPONENT)
    copy = pickle.loads(pickle.dumps(component))
    text = HAND_WRITTEN[1]
    with compiled.select_pipes(disable=[compiled_rules.COMPILED_COMPONENT, "ner"]):
        doc = compiled(text)
    ours = copy(doc)
    expected = plain(text)
    assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [(t.pos_, str(t.morph), t.lemma_) for t in expected]


def test_words_no_pattern_names_share_a_row(models) -> None:  # type: ignore[no-untyped-def]
    """A combination is resolved by what the patterns can tell of it: two plural subject nouns no pattern names
    share one row (a new word costs a look-up), while a word a pattern names ("n't") gets its own."""
    _, compiled = models
    component = compiled.get_pipe(compiled_rules.COMPILED_COMPONENT)
    compiled("Tariffs rose sharply. Sanctions rose sharply. They didn't rise.")
    column = component.read.index(_lower_id())
    rows = {compiled.vocab.strings[key[column]]: row for key, row in component._memo.items()}
    assert rows["tariffs"] == rows["sanctions"]
    assert rows["n't"] not in {rows["tariffs"], rows["rose"]}


def _lower_id() -> int:
    from spacy.attrs import LOWER

    return int(LOWER)


def test_index_membership_is_the_lists() -> None:
    """The lemmatiser's index keeps its words and order, and ``in`` answers as the list's ``in`` does."""
    import spacy

    nlp = spacy.load(resolve_model_name(None))
    table = nlp.get_pipe(compiled_rules.LEMMATIZER).lookups.get_table("lemma_index")
    before = {key: list(words) for key, words in table.items()}
    compiled_rules._index_sets(nlp.get_pipe(compiled_rules.LEMMATIZER))
    compiled_rules._index_sets(nlp.get_pipe(compiled_rules.LEMMATIZER))  # idempotent
    for key, words in table.items():
        assert isinstance(words, compiled_rules._Index)
        assert list(words) == before[key]
        for probe in [*before[key][:50], "zzqx", "", "Run", "runs"]:
            assert (probe in words) == (probe in before[key])
