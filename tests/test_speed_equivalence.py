"""The round-6 speed rewrites give what the code they replaced gave (docs/speed.md, "Round 6").

Each fast path is compared with the plain form it stands for: the letter counts with ``str.isupper`` per
character, the quotation finder and the normaliser with their former per-character loops (kept here as the
reference), the array readers with spaCy's ``Token``/``Span`` attributes, and the verb matcher's row plan with
trying every row. Texts: hypothesis (generated news and character soups with the marks each function reads),
hand-written sentences, and every VOA article when the shared corpus is on disk.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies.news import news_texts

from dyadwatch.actors.casing import casing_of, letter_counts
from dyadwatch.actors.quotes import CLOSING, OPENING, STRAIGHT, Quote, quotations
from dyadwatch.document import normalise as normalise_module
from dyadwatch.document.normalise import normalise

VOA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa" / "articles.jsonl"
HAND_WRITTEN = [
    "The foreign ministers of Ruritania and Borduria met in Geneva on Monday and agreed to resume talks.",
    "“We will not accept this,” the spokeswoman said. “Our forces stay.”\nHe added that the army withdrew.",
    "Protesters and police clashed as the rebels, the army and two militias fought near the old port.",
    "HEADLINE WITHOUT A STOP\nOfficials in the capital said the deal, which both sides signed, holds.",
    "",
    "  \n\t ",
]


def _voa_texts(limit: int | None = None) -> list[str]:
    if not VOA.exists():
        return []
    with open(VOA, encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()][:limit]


# --- letter counts (casing) -------------------------------------------------------------------------------------
@given(st.text(max_size=200))
def test_letter_counts_match_per_character_tests(text: str) -> None:
    assert letter_counts(text) == (sum(map(str.isupper, text)), sum(map(str.islower, text)))


def test_letter_counts_on_scripts_and_special_letters() -> None:
    text = "ÀÉîöΣσ Ǆǅǆ ﬀ İı Ⅻⅻ ⓐⒶ Defenсe US us"  # titlecase, ligature, dotted I, numerals, circled letters
    assert letter_counts(text) == (sum(map(str.isupper, text)), sum(map(str.islower, text)))
    assert casing_of("the talks went on all day in the capital") == "lower"


# --- quotations -------------------------------------------------------------------------------------------------
def _quotations_per_character(text: str) -> list[Quote]:
    """The finder as it was: one step per character."""
    quotes: list[Quote] = []
    offset = 0
    for paragraph in text.split("\n"):
        opened: int | None = None
        closed = offset
        for k, ch in enumerate(paragraph):
            pos = offset + k
            if ch in OPENING or (ch == STRAIGHT and opened is None):
                if opened is None:
                    opened = pos + 1
            elif ch in CLOSING or ch == STRAIGHT:
                quotes.append(Quote(closed if opened is None else opened, pos))
                opened, closed = None, pos + 1
        if opened is not None and offset + len(paragraph) > opened:
            quotes.append(Quote(opened, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return [q for q in quotes if q.end > q.start]


@given(st.text(alphabet=st.sampled_from(list(OPENING + CLOSING + STRAIGHT + "ab .\n'")), max_size=80))
def test_quotations_match_the_per_character_finder(text: str) -> None:
    assert quotations(text) == _quotations_per_character(text)


def test_quotations_on_news() -> None:
    for text in HAND_WRITTEN + _voa_texts():
        assert quotations(text) == _quotations_per_character(text)


# --- normalise --------------------------------------------------------------------------------------------------
def _blanks_then_word(chars: list[str], k: int, step: int) -> bool:
    """Whether one or more spaces or tabs and then a character that is neither blank nor "_" lie that way of k."""
    j = k + step
    while 0 <= j < len(chars) and chars[j] in " \t":
        j += step
    return j != k + step and 0 <= j < len(chars) and not chars[j].isspace() and chars[j] != "_"


def _normalise_per_character(text: str) -> tuple[str, tuple[int, ...]]:
    """Text and offset map as the normaliser made them with one step per character (before the Latin repair,
    which both share)."""
    fold, drop = normalise_module._SIMPLE_FOLD, normalise_module._DROP
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch in drop:
            continue
        if ch in fold:
            chars.append(fold[ch])
            origin.append(i)
            continue
        if ch.isascii():
            chars.append(ch)
            origin.append(i)
            continue
        folded = "".join(fold.get(c, c) for c in unicodedata.normalize("NFKC", ch) if c not in drop)
        for c in folded:
            chars.append(c)
            origin.append(i)
    for k, ch in enumerate(chars):  # the wire's " _ " dash, one character for one
        if ch == "_" and _blanks_then_word(chars, k, -1) and _blanks_then_word(chars, k, 1):
            chars[k] = "-"
    if "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text:
        out: list[str] = []
        out_origin: list[int] = []
        last_word = -1
        for ch, pos in zip(chars, origin, strict=True):
            if ch == "\n" and last_word >= 0 and out[last_word].isalnum():
                out.insert(last_word + 1, ".")
                out_origin.insert(last_word + 1, out_origin[last_word])
            out.append(ch)
            out_origin.append(pos)
            if ch not in " \t":
                last_word = len(out) - 1
        chars, origin = out, out_origin
    return "".join(chars), (*origin, len(text))


def _same_as_before(text: str) -> None:
    result = normalise(text)
    expected_text, expected_origin = _normalise_per_character(text)
    assert result.origin == expected_origin
    if expected_text.isascii():
        assert result.text == expected_text
    else:  # the mixed-script repair swaps letters one for one after the loop; lengths and ASCII stay
        assert len(result.text) == len(expected_text)


SOUP = list("ab Z9_.-\t\n\r\u2028\u2029\u201c\u201d\u2019\u00a0\u2014\u200b\ufeff\u00adﬁéÉ\u0441Ⅻ½\u3000")


@given(st.text(alphabet=st.sampled_from(SOUP), max_size=60))
def test_normalise_matches_the_per_character_loop(text: str) -> None:
    _same_as_before(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_texts())
def test_normalise_matches_on_generated_news(text: str) -> None:
    _same_as_before(text)


def test_normalise_matches_on_voa() -> None:
    for text in HAND_WRITTEN + _voa_texts():
        _same_as_before(text)


# --- array readers ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def voa_docs(nlp):  # type: ignore[no-untyped-def]
    return list(nlp.pipe(HAND_WRITTEN + _voa_texts(20)))


def _check_arrays(doc) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.document.doccache import (
        children,
        head,
        left_edges,
        noun_chunk_bounds,
        release,
        span_tokens,
        token_offsets,
        token_strings,
        tokens,
    )

    release(doc)
    assert tokens(doc) == list(doc)
    assert [children(t) for t in doc] == [tuple(t.children) for t in doc]
    assert left_edges(doc) == [t.left_edge.i for t in doc]
    assert [head(t) for t in doc] == [t.head for t in doc]
    assert [head(t).i for t in doc] == [t.head.i for t in doc]
    release(doc)  # ``head`` and ``span_tokens`` build the tables themselves when asked first
    assert [head(t).i for t in doc] == [t.head.i for t in doc]
    release(doc)
    assert [span_tokens(s) for s in doc.sents] == [list(s) for s in doc.sents]
    assert [[t.i for t in span_tokens(doc[k:k + 3])] for k in range(len(doc))] == \
        [[t.i for t in doc[k:k + 3]] for k in range(len(doc))]
    strings = token_strings(doc)
    assert strings.lower == [t.lower_ for t in doc]
    assert strings.text == [t.text for t in doc]
    assert strings.lemma == [t.lemma_.lower() for t in doc]
    assert strings.pos == [t.pos_ for t in doc]
    assert token_offsets(doc) == [t.idx for t in doc]
    assert noun_chunk_bounds(doc) == [(c.start, c.end, c.root.i) for c in doc.noun_chunks]


def test_array_readers_match_tokens_and_spans(voa_docs) -> None:  # type: ignore[no-untyped-def]
    assert sum(len(list(d.noun_chunks)) for d in voa_docs) > 50
    for doc in voa_docs:
        _check_arrays(doc)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(news_texts())
def test_array_readers_on_generated_news(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    _check_arrays(nlp(text))


def _attribution_per_token(doc) -> frozenset[int]:  # type: ignore[no-untyped-def]
    """The attribution scan as it was written: a spaCy ``Token`` per word (round 7)."""
    from dyadwatch.actors.attribution import ATTRIBUTION_DEPS, REPORTING_VERBS, _content, _reports

    out: set[int] = set()
    for tok in doc:
        if tok.lower_ == "according" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
            out.update(t.i for t in tok.subtree)
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in REPORTING_VERBS or not _reports(tok):
            continue
        for child in tok.children:
            if child.dep_ in ATTRIBUTION_DEPS and not _content(child):
                out.update(t.i for t in child.subtree)
    return frozenset(out)


ATTRIBUTED = [
    "The shelling killed nine people in the port, relief workers in Valdora said on Sunday.",
    "According to officials in the province, the militia seized two villages.",
    "The agency reported from the capital that talks had stalled, and diplomats confirmed it.",
]


def test_attribution_scan_matches_the_per_token_form(voa_docs, nlp) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.actors.attribution import attribution_tokens
    from dyadwatch.document.doccache import release

    docs = list(voa_docs) + [nlp(text) for text in ATTRIBUTED]
    assert any(attribution_tokens(d) for d in docs[-len(ATTRIBUTED):])
    for doc in docs:
        release(doc)
        assert attribution_tokens(doc) == _attribution_per_token(doc)


def test_noun_chunks_fall_back_without_a_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.document.doccache import noun_chunk_bounds

    doc = nlp.make_doc("Ministers met in the capital.")  # tokens only: spaCy's own error, not a guess
    with pytest.raises(ValueError):
        noun_chunk_bounds(doc)


def test_span_offsets_match_tokens(pipeline) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.records import Article

    article = Article(id="s6", text=HAND_WRITTEN[1] + "\n" + HAND_WRITTEN[0])
    analysis = pipeline.analyse(article)
    doc = analysis.doc
    for start in range(len(doc)):
        for end in (start + 1, min(start + 3, len(doc))):
            first, last = doc[start], doc[end - 1]
            assert analysis.span(start, end) == analysis.char_span(first.idx, last.idx + len(last.text))


# --- the verb matcher's row plan --------------------------------------------------------------------------------
def _events(pipeline, texts: list[str]) -> list[list[dict]]:  # type: ignore[no-untyped-def,type-arg]
    from dyadwatch.records import Article

    return [[e.to_dict() for e in pipeline.analyse(Article(id=f"plan{k}", text=text)).events]
            for k, text in enumerate(texts)]


def test_row_plan_codes_what_trying_every_row_codes(pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.events import matcher

    texts = [
        *HAND_WRITTEN,
        "The president condemned the missile strikes and demanded an apology from the neighbouring state.",
        "Rebels attacked a police convoy; the government sent troops and promised aid to the villagers.",
        "The minister accused the opposition of plotting a coup and called on the army to stay neutral.",
        *_voa_texts(8),
    ]
    planned = _events(pipeline, texts)

    def every_row(entries):  # type: ignore[no-untyped-def]
        return matcher._Plan(entries, list(range(len(entries))), {})

    monkeypatch.setattr(matcher, "_plan", every_row)
    assert _events(pipeline, texts) == planned
    assert any(planned)
