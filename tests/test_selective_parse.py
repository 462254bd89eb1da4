"""Selective parsing: the screen that says which sentences may hold an event, and the parse that follows it.

The screen reads the lexicon, so these tests build sentences from the lexicon's own rows and classes (never from
evaluation text); the parse is checked for what later stages rely on: the document's text and offsets, one tree
per sentence, the sentences the screen passed parsed as one sentence each.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from strategies.news import news_texts

from dyadwatch.config import Settings
from dyadwatch.document.analysis import Analysis
from dyadwatch.events.entry import Entry
from dyadwatch.events.lexicon import load_lexicon
from dyadwatch.events.screen import EventScreen, word_keys
from dyadwatch.pipeline.text_stages import NormaliseStage, ParseStage
from dyadwatch.records import Article


@pytest.fixture(scope="module")
def screen() -> EventScreen:
    return EventScreen(load_lexicon())


def _words(text: str, nlp_stage: ParseStage) -> tuple[list[str], list[str], list[str]]:
    doc = nlp_stage.nlp(text)
    return [t.lemma_.lower() for t in doc], [t.lower_ for t in doc], [t.pos_ for t in doc]


@pytest.fixture(scope="module")
def parse() -> ParseStage:
    return ParseStage.from_settings(Settings(selective_parse=True))


def _analyse(text: str, parse: ParseStage) -> Analysis:
    analysis = Analysis(article=Article.create(text, id="t"), settings=Settings())
    return parse(NormaliseStage()(analysis))


def test_word_keys_follow_the_coders_lookup() -> None:
    assert word_keys("stag", "staged")[:2] == ("stag", "staged")
    assert "stage" in word_keys("stag", "staging")
    assert "" not in word_keys("a", "a")


def test_screen_passes_a_predicate_and_fails_a_sentence_without_one(screen: EventScreen, parse: ParseStage) -> None:
    assert screen.may_hold_event(*_words("Kenya accused Somalia of violating the border agreement.", parse))
    assert not screen.may_hold_event(*_words("The weather was mild and sunny on the coast.", parse))


def test_screen_reads_new_lexicon_rows_without_a_change(parse: ParseStage) -> None:
    """A noun another layer adds (here: one the lexicon does not know) widens the screen by itself."""
    lexicon = load_lexicon()
    words = _words("The blorvation of the harbour was announced.", parse)
    assert not EventScreen(lexicon).may_hold_event(*words)
    row = Entry("blorvation", "N", "", "*", "", "190", None, None, None, 0)
    wider = dataclasses.replace(lexicon, nouns={**lexicon.nouns, "blorvation": (row,)})
    assert EventScreen(wider).may_hold_event(*words)


def test_screen_checks_the_words_a_row_needs(screen: EventScreen) -> None:
    """A row whose particle is missing from the sentence cannot fit; with the particle it may."""
    lemma, entry = next((k, e) for k, rows in screen.verbs.items() for e in rows
                        if e.prt and " " not in e.prt and all(r.prt for r in rows) and not e.pps
                        and e.obj in ("*", "+", "0", "ACTOR") and not e.comp and not e.before and not e.after
                        and not any(w in screen.nouns for w in word_keys(k, k)) and k not in screen.self_coding)
    without = [lemma, "the", "weather"]
    assert not screen.may_hold_event(without, without, ["VERB", "DET", "NOUN"])
    with_prt = [*without, entry.prt]
    assert screen.may_hold_event(with_prt, with_prt, ["VERB", "DET", "NOUN", "ADP"])


def test_selective_parse_keeps_text_offsets_and_parses_only_passed_sentences(parse: ParseStage) -> None:
    text = ("Kenya accused Somalia of violating the border agreement. The weather was mild and sunny.\n"
            "Norway pledged aid to Sudan after the floods.")
    before = parse.parsed, parse.seen
    analysis = _analyse(text, parse)
    doc = analysis.doc
    assert doc is not None and analysis.norm is not None and doc.text == analysis.norm.text
    assert [s.span.text for s in analysis.sentences] == [
        "Kenya accused Somalia of violating the border agreement.", "The weather was mild and sunny.",
        "Norway pledged aid to Sudan after the floods."]
    assert (parse.parsed - before[0], parse.seen - before[1]) == (2, 3)
    weather = analysis.sentence_tokens(1)
    assert {t.dep_ for t in weather} <= {"ROOT", "dep"}  # a flat tree: no relation read into it
    accused = analysis.sentence_tokens(0)
    assert {t.dep_ for t in accused} >= {"nsubj", "dobj"}


def test_pronoun_sentence_parses_the_sentence_before(parse: ParseStage) -> None:
    text = "The weather was mild in Nairobi. It accused Somalia of violating the agreement."
    before = parse.parsed
    _analyse(text, parse)
    assert parse.parsed - before == 2


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_texts(max_sentences=5))
def test_selective_parse_gives_one_tree_per_sentence_on_generated_news(parse: ParseStage, text: str) -> None:
    analysis = _analyse(text, parse)
    doc = analysis.doc
    assert doc is not None and analysis.norm is not None and doc.text == analysis.norm.text
    for sent in doc.sents:
        assert all(sent.start <= t.head.i < sent.end for t in sent)
        assert sum(1 for t in sent if t.head.i == t.i) == 1
    for sentence in analysis.sentences:
        assert analysis.article.text[sentence.span.start:sentence.span.end] == sentence.span.text
