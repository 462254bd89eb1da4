"""The per-document caches and the gazetteer's shortcuts must give exactly what the slow paths give."""

from __future__ import annotations

from dyadwatch.actors.tables import Gazetteer, builtin_gazetteer
from dyadwatch.document.doccache import entities, entities_in, token_strings

TEXT = (
    "The Foreign Ministry in Ottawa said on Monday that Canadian diplomats had met their Brazilian counterparts. "
    "Ministers from both countries will travel to Geneva, where the United Nations Security Council meets.\n\n"
    "They didn't say more."
)


def test_token_strings_match_token_attributes(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    strings = token_strings(doc)
    assert strings.lower == [t.lower_ for t in doc]
    assert strings.text == [t.text for t in doc]
    assert strings.lemma == [t.lemma_.lower() for t in doc]
    assert strings.pos == [t.pos_ for t in doc]
    assert token_strings(doc) is strings  # built once per document
    empty = token_strings(nlp(""))
    assert empty.lower == [] and empty.pos == []


def test_entity_cache_matches_spacy(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    assert [(e.start, e.end, e.label_) for e in entities(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    for sent in doc.sents:
        assert [(e.start, e.end) for e in entities_in(sent)] == [(e.start, e.end) for e in sent.ents]


def _lookup_every_length(gaz: Gazetteer, lowers: list[str], words: list[str], lemmas: list[str]) -> list:
    """The lookup without the prefix shortcut: every window length from the longest phrase down."""
    found = []
    for n in range(min(gaz.max_len, len(lowers)), 0, -1):
        entries = []
        for key, lemma_key in ((tuple(lowers[:n]), False), (tuple(lemmas[:n]), True)):
            for p in gaz.exact.get(key, ()):
                if lemma_key and key != tuple(lowers[:n]) and p.entry.kind not in ("role", "petrarch-agent"):
                    continue
                if p.case_ok(words[:n]) and p.entry not in entries:
                    entries.append(p.entry)
        if entries:
            found.append((n, entries))
    return found


def test_lookup_shortcuts_change_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    gaz = builtin_gazetteer()
    doc = nlp(TEXT)
    s = token_strings(doc)
    hits = 0
    for i in range(len(doc)):
        window = slice(i, i + gaz.max_len)
        found = gaz.lookup(s.lower[window], s.text[window], s.lemma[window])
        # same lengths and entries (the order of entries within one length is not what this test is about)
        slow = _lookup_every_length(gaz, s.lower[window], s.text[window], s.lemma[window])
        assert [(n, set(es)) for n, es in found] == [(n, set(es)) for n, es in slow]
        if not gaz.may_start(s.lower[i], s.lemma[i]):
            assert found == []
        hits += bool(found)
    assert hits >= 5  # Ottawa, Canadian, Brazilian, Geneva, United Nations Security Council, ministers...


def test_prefix_index_follows_added_phrases() -> None:
    from dyadwatch.actors.tables import Entry

    gaz = Gazetteer()
    gaz.add(("Gondor", "Defence", "Council"), Entry(kind="org", name="Gondor Defence Council", country="GDR"))
    gaz.add(("Gondor",), Entry(kind="country", name="Gondor", country="GDR"))
    found = gaz.lookup(["gondor", "defence", "council", "said"], ["Gondor", "Defence", "Council", "said"],
                       ["gondor", "defence", "council", "say"])
    assert [n for n, _ in found] == [3, 1]
    assert gaz.may_start("gondor", "gondor") and not gaz.may_start("rohan", "rohan")
    merged = Gazetteer()
    merged.extend(gaz)
    assert merged.prefixes == gaz.prefixes and merged.firsts == gaz.firsts
