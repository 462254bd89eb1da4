"""First-person pronouns inside a quotation take the quotation's speaker (rule ``quote-speaker``).

Why: news reports what parties say in their own words, and their own words say "we" and "I": "“We strongly reject
the allegations,” the ministry spokesman said." The "we" of a quotation is whoever the article says is speaking --
the subject of the speech verb outside the quotation marks that attributes it ("..., X said", "X told reporters,
“...”", "according to X") -- and "I" is the speaker in person. This is how a reader and a CAMEO coder read a
quotation; outside quotation marks "we" is the writer and names no party.

Where the attribution is:

* in the sentences the quotation runs through, outside the quotation marks (before the opening mark, after the
  closing one), nearest to the quotation first;
* for a quotation that continues an attributed one in the same paragraph ("“A,” X said. “B.”"), the speaker of
  the quotation before it.

A quotation that no speech verb attributes, or whose attribution names two different speakers, leaves its
first-person pronouns without a mention, as before: no guess. A speaker the article cannot place gives an
unresolved mention (the pronoun is that speaker, whose country is not known). A resolved one carries the
speaker's mention as evidence, and its events a lower confidence, like every reference resolved from elsewhere.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import doc_text, token_offsets, token_strings, tokens
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.document.analysis import Analysis, Mention

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
FIRST_PERSON = FIRST_PERSON_SINGULAR | FIRST_PERSON_PLURAL
# Verbs that attribute a quotation to its speaker (the reporting verbs of news style).
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "write", "state", "stress", "note", "insist", "argue", "explain", "warn", "declare",
    "announce", "tweet", "post", "remark", "reply", "respond", "continue", "recall", "claim", "assert", "emphasize",
    "emphasise", "underline", "conclude", "affirm", "maintain", "acknowledge", "admit", "contend", "observe",
})
OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
RULE = "quote-speaker"
OFFICE_RULE = "speaker-state"
# Sectors of a state's own organs: "the president", "the government", "the army" in a speaker's words with no state.
STATE_ORGANS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})
# Set on the parse by the resolver: the article's quotations, for the pronoun rules.
QUOTES_KEY = "dw_quotations"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: character offsets of its words in the parsed text (between the marks)."""

    start: int
    end: int


_MARK = re.compile("[" + re.escape(OPENING + CLOSING + STRAIGHT) + "]")  # any quotation mark


def quotations(text: str) -> list[Quote]:
    """The quotations of ``text``, paragraph by paragraph: curly marks pair as opened and closed, straight marks
    alternate. A quotation still open at the end of its paragraph runs to it (news reopens a long quotation on
    each paragraph without closing the one before); a closing mark with no opening one closes a quotation that
    began at the paragraph's start."""
    quotes: list[Quote] = []
    offset = 0
    for paragraph in text.split("\n"):
        opened: int | None = None
        closed = offset  # where a quotation with no opening mark may begin: the paragraph, or the last close
        for mark in _MARK.finditer(paragraph):  # only the marks: a Python step per character cost more
            ch, pos = mark.group(), offset + mark.start()
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


def quoted(doc: Doc, char: int) -> bool:
    """Whether character ``char`` of the parsed text is inside a quotation the resolver found."""
    quotes: list[Quote] = doc.user_data.get(QUOTES_KEY, [])
    return _inside(quotes, [q.start for q in quotes], char) is not None


def _inside(quotes: list[Quote], starts: list[int], char: int) -> Quote | None:
    k = bisect_right(starts, char) - 1
    if k >= 0 and quotes[k].start <= char < quotes[k].end:
        return quotes[k]
    return None


def _paragraph_bounds(text: str, char: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end < 0 else end


def _speakers(doc: Doc, quotes: list[Quote], starts: list[int], lo: int, hi: int, quote: Quote) -> list[Token]:
    """Subjects of the speech verbs outside every quotation in characters [lo, hi), nearest to ``quote`` first."""
    found: list[tuple[int, Token]] = []
    window = doc.char_span(lo, hi, alignment_mode="expand")
    for tok in window if window is not None else ():
        if tok.idx < lo or tok.idx >= hi or _inside(quotes, starts, tok.idx) is not None:
            continue
        subject: Token | None = None
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS:
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            subject = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if subject is None or _inside(quotes, starts, subject.idx) is not None:
            continue
        distance = tok.idx - quote.end if tok.idx >= quote.end else quote.start - tok.idx
        found.append((distance, subject))
    found.sort(key=lambda pair: pair[0])
    return [subject for _, subject in found]


def _sentence_span(doc: Doc, char: int) -> tuple[int, int] | None:
    """Character bounds of the sentence holding ``char`` (else the next one)."""
    span = doc.char_span(char, min(char + 1, _text_len(doc)), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sent = span[0].sent
    return sent.start_char, sent.end_char


def _mention_of(mentions: list[Mention], tok: Token) -> Mention | None:
    for mention in mentions:
        if mention.start <= tok.i < mention.end and not _first_person(mention, tok.doc):
            return mention
    return None


def _first_person(mention: Mention, doc: Doc) -> bool:
    """A mention that is one first-person pronoun ("we", not the "US" of a headline)."""
    if mention.end - mention.start != 1:
        return False
    strings = token_strings(doc)  # asked for every mention for every quotation: no ``Token`` each time
    return strings.lower[mention.start] in FIRST_PERSON and strings.pos[mention.start] == "PRON"


def speaker(analysis: Analysis, mentions: list[Mention], quotes: list[Quote], quote: Quote,
            depth: int = 0) -> Mention | None:
    """The mention that speaks ``quote``, or None when no speech verb attributes it or two speakers do."""
    doc = analysis.doc
    assert doc is not None
    starts = [q.start for q in quotes]
    para_lo, para_hi = _paragraph_bounds(_text(doc), quote.start)
    first, last = _sentence_span(doc, quote.start), _sentence_span(doc, max(quote.end - 1, quote.start))
    if first is None or last is None:
        return None
    adjacent = _adjacent_speaker(doc, mentions, quote)
    if adjacent is not None:
        return adjacent
    lo, hi = max(first[0], para_lo), min(max(last[1], first[1]), para_hi)
    subjects = _speakers(doc, quotes, starts, lo, hi, quote)
    found = [m for m in (_mention_of(mentions, s) for s in subjects) if m is not None]
    if found:
        ids = {m.actor.entity or id(m) for m in found}
        if len(ids) > 1 and found[0].actor.entity != found[1].actor.entity \
                and (subjects[0].idx > quote.end) == (subjects[1].idx > quote.end):
            return None  # two speakers on the same side of the quotation: no guess
        return found[0]
    if subjects or depth:
        return None  # attributed to someone who is no mention (a thing, "the statement said"): not a party
    before = [q for q in quotes if para_lo <= q.start and q.end <= quote.start]
    if before:  # "“A,” X said. “B.”": the quotation continues the one before it
        return speaker(analysis, mentions, quotes, before[-1], depth + 1)
    return None


def _speech_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS


def _adjacent_speaker(doc: Doc, mentions: list[Mention], quote: Quote) -> Mention | None:
    """The attribution written right beside the quotation, read from the words alone (a sentence may be left
    unparsed): "“...,” X said", "“...,” said X" after it, "X said: “...”" before it."""
    by_start = {m.start: m for m in mentions if not _first_person(m, doc)}
    by_end = {m.end: m for m in mentions if not _first_person(m, doc)}
    after = doc.char_span(quote.end, _text_len(doc), alignment_mode="expand")
    if after is not None and len(after):
        k = after.start
        while k < len(doc) and (doc[k].is_punct or doc[k].is_space):
            k += 1
        if k in by_start:
            m = by_start[k]
            if m.end < len(doc) and _speech_verb(doc[m.end]):
                return m
        elif k < len(doc) and _speech_verb(doc[k]) and k + 1 in by_start:
            return by_start[k + 1]
    before = doc.char_span(0, quote.start, alignment_mode="expand") if quote.start else None
    if before is not None and len(before):
        k = before.end - 1
        while k >= 0 and (doc[k].is_punct or doc[k].is_space) and doc[k].text in ":,“\"„« \n":
            k -= 1
        if k >= 1 and _speech_verb(doc[k]) and k in by_end:
            return by_end[k]
    return None


def first_person_units(doc: Doc, quotes: list[Quote]) -> set[int]:
    """Token indices of first-person pronouns inside a quotation (the only ones that may name a party)."""
    starts = [q.start for q in quotes]
    strings = token_strings(doc)  # read from arrays: a ``Token`` per word of the article cost more than the test
    offsets = token_offsets(doc)
    return {i for i, (lower, pos) in enumerate(zip(strings.lower, strings.pos, strict=True))
            if lower in FIRST_PERSON and pos == "PRON" and _inside(quotes, starts, offsets[i]) is not None}


def resolve_first_person(analysis: Analysis, mentions: list[Mention], quotes: list[Quote]) -> list[Mention]:
    """Give every first-person mention inside a quotation its speaker; drop the ones no speaker attributes."""
    doc = analysis.doc
    assert doc is not None
    starts = [q.start for q in quotes]
    quoted = first_person_units(doc, quotes)
    if not quoted:
        return mentions
    every = tokens(doc)  # built once per document: ``doc[k]`` builds a ``Token`` per look
    memo: dict[Quote, Mention | None] = {}

    def speaker_of(quote: Quote) -> Mention | None:
        if quote not in memo:
            memo[quote] = speaker(analysis, mentions, quotes, quote)
        return memo[quote]

    kept: list[Mention] = []
    for mention in mentions:
        if not _first_person(mention, doc):
            owner = next((c for c in dependents(every[mention.head]) if c.i < mention.head and c.dep_ == "poss"
                          and c.i in quoted and c.i >= mention.start), None)  # among its ``lefts``
            if owner is not None and not mention.actor.country and mention.actor.sectors:
                quote = _inside(quotes, starts, owner.idx)
                found = speaker_of(quote) if quote is not None else None
                if found is not None and found.actor.country:  # "“our government”": the speaker's
                    mention.actor = _owned(mention.actor, found.actor)
            kept.append(mention)
            continue
        tok = every[mention.start]
        quote = _inside(quotes, starts, tok.idx)
        found = speaker_of(quote) if quote is not None else None
        if found is None:
            continue
        mention.actor = as_speaker(analysis.span(mention.start, mention.end), found.actor,
                                   plural=tok.lower_ in FIRST_PERSON_PLURAL)
        kept.append(mention)
    return kept


def resolve_quoted_offices(analysis: Analysis, mentions: list[Mention], quotes: list[Quote]) -> None:
    """ "“The president should veto the budget bill,” Senator Jane Roe said": an office or organ of a
    state named inside a quotation with no state ("the president", "the government", "the army"; definite and
    singular) is the speaker's own state's, as "our government" is (rule ``speaker-state``, evidence the speaker).
    Only when the speaker's state is known and is a state (not an organisation's officer); a pair ("the two
    leaders") or another state's office named with its state are not touched."""
    doc = analysis.doc
    assert doc is not None
    starts = [q.start for q in quotes]
    memo: dict[Quote, Mention | None] = {}
    for mention in mentions:
        actor = mention.actor
        if actor.country or actor.rule != "role" or not actor.sectors or actor.sectors[0] not in STATE_ORGANS:
            continue
        head = doc[mention.head]
        if head.tag_ not in ("NN", "NNP") or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts):
            continue
        quote = _inside(quotes, starts, head.idx)
        if quote is None:
            continue
        if quote not in memo:
            memo[quote] = speaker(analysis, mentions, quotes, quote)
        found = memo[quote]
        who = found.actor if found is not None else None
        if who is None or not who.country or len(who.country) != 3 or "IGO" in who.sectors:
            continue
        mention.actor = replace(_owned(actor, who), rule=OFFICE_RULE)


def _owned(own: Actor, who: Actor) -> Actor:
    """ "our army" in the speaker's words: the speaker's state, the mention's own sector."""
    country = who.country
    assert country is not None
    code = country + "".join(own.sectors) if len(country) == 3 else who.code
    entity = f"{code}:{(own.entity or '').rsplit(':', 1)[-1]}"
    return Actor(own.span, own.name, country, own.sectors, code, RULE, entity, evidence=who.span)


def as_speaker(span, who: Actor, *, plural: bool) -> Actor:  # type: ignore[no-untyped-def]
    """The pronoun as the speaker: "I" is the speaker in person; "we" the body the speaker speaks for (the
    speaker's state and sector, not the person)."""
    if not who.country:
        return Actor(span, None, None, (), None, "unresolved", who.entity)
    if plural and (who.entity or "").startswith("person:"):
        entity = who.code or who.country
        return Actor(span, who.code or who.country, who.country, who.sectors, who.code, RULE, entity,
                     evidence=who.span)
    return Actor(span, who.name, who.country, who.sectors, who.code, RULE, who.entity, evidence=who.span)


def _text(doc: Doc) -> str:
    """The document's text, read once per document (``doccache.doc_text``): the quotation search asks for it per
    quotation."""
    return doc_text(doc)


def _text_len(doc: Doc) -> int:
    """Length of the document's text, without rebuilding it."""
    return len(_text(doc))
