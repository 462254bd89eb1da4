"""Clauses that report no event at all: questions, polls, generic and habitual statements, what a text says, goods
that arrive, consumption called demand, and past careers (mixed into the Coder).

Why: the modality stage flags what an actor considers or is asked to do, but some clauses hold no act by anyone,
even a hypothetical one. The audit standard (docs/audit.md) counts them as non-events even when flagged:

- a direct question ("Will Peru expel the envoy?") asks, and asking whether something is so ("reporters asked
  whether X would ...") requests information, not an act: ``question`` and ``asking``;
- what a poll of the public finds people want is opinion: ``survey``;
- "the group mainly attacks convoys" tells what an actor usually does, and "anyone can be detained", "pupils could
  be attacked" what can happen in general: ``habitual`` and ``generic`` (PLOVER codes events, not dispositions);
- "the law lets the state deport X", "articles that breach the charter" describe a text: ``document``;
- "the first batch of vaccine arrived in X" is a delivery, not a visit: ``cargo``;
- "their growing energy demands" is consumption, not a demand on anyone: ``consumption``;
- "a former envoy who had negotiated with X" tells a career: ``past-role``.

Each rule names its reason; the event is dropped and the reason logged at debug level (``dyadwatch.events``), so a
user can see why a clause gave nothing. The words are in ``nonevents.tsv`` with their reasons.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.lexicon import FOLDER, _rows
from dyadwatch.events.syntax import NOUN_POS, VERB_POS
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dyadwatch.events.found import Found

log = logging.getLogger("dyadwatch.events")

# Verbs whose subject's finding is reported ("a poll found / showed / suggested that ...").
FINDING_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "acomp"})
# CAMEO codes of moving to a place (make a visit, host a visit): a thing that arrives visits no one.
VISIT_CODES = ("042", "043")
DEMAND_LEMMAS = frozenset({"demand"})
QUESTION_WORDS = frozenset({"whether", "if", "what", "who", "whom", "why", "how", "when", "where", "which"})
CLOSERS = "\"'”’)] \t\n"
# Marks after which a question can begin inside a sentence that asserts something before it.
QUESTION_OPENERS = (":", ";", "…", "—", " –", "“", "‘", "«", ' "', " '")
MAX_CLIMB = 8  # clauses to climb from an event to the verb that reports it


@lru_cache(maxsize=1)
def load_nonevents() -> dict[str, frozenset[str]]:
    """kind -> words, from ``nonevents.tsv`` (the reason column is documentation for the reader of the table)."""
    out: dict[str, set[str]] = {}
    for _, (word, kind, _reason) in _rows(data_path(FOLDER, "nonevents.tsv"), 3):
        out.setdefault(kind, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


def is_question(sent: Span) -> bool:
    """A sentence that ends in a question mark (closing quotes and brackets aside) asks; it asserts nothing."""
    return sent.text.rstrip(CLOSERS).endswith("?")


def question_start(sent: Span) -> int:
    """Where the question of a sentence that ends in one begins, as a character offset into the document: the
    sentence's start, or just after the last colon, dash, ellipsis or opening quotation mark that introduces it
    ("the crowd marched, chanting 'why do you ...?'", "they face a choice: do they ...?"). What comes before is
    asserted."""
    text = sent.text.rstrip(CLOSERS)
    cut = max(text.rfind(mark) for mark in QUESTION_OPENERS)
    return sent.start_char + (cut + 1 if cut > 0 else 0)


def _governors(tok: Token) -> list[Token]:
    """The verbs above a clause, nearest first, as far as clauses embed one another."""
    out: list[Token] = []
    for _ in range(MAX_CLIMB):
        if tok.head.i == tok.i or tok.dep_ not in FINDING_DEPS | {"pcomp", "pobj", "prep", "relcl", "dobj"}:
            break
        tok = tok.head
        if tok.pos_ in VERB_POS:
            out.append(tok)
    return out


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _own_subjects(verb: Token) -> list[Token]:
    """A verb's subjects, or those of the first conjunct it shares them with ("may be arrested and deported")."""
    tok = verb
    for _ in range(MAX_CLIMB):
        subjects = _subjects(tok)
        if subjects or tok.dep_ != "conj" or tok.head.i == tok.i:
            return subjects
        tok = tok.head
    return []


def _modals(verb: Token) -> set[str]:
    tok = verb
    for _ in range(MAX_CLIMB):
        found = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"}
        if found or tok.dep_ != "conj" or _subjects(tok) or tok.head.i == tok.i:
            return found
        tok = tok.head
    return set()


def _bare_plural(noun: Token, table: dict[str, frozenset[str]]) -> bool:
    """A subject that names no particular party: a plural common noun with no determiner, possessor or number
    ("pupils", "green card holders"), or a word such as "anyone"."""
    if noun.lower_ in table.get("generic", frozenset()):
        return True
    if noun.tag_ != "NNS" or noun.ent_type_:
        return False
    return not any(c.dep_ in ("det", "poss", "nummod", "predet", "quantmod") or c.ent_type_ in ("GPE", "NORP", "ORG")
                   for c in noun.children)


def _dated(verb: Token) -> bool:
    """Whether a clause names a particular time ("on Monday", "last week"): then it tells a particular event."""
    return any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)


class NonEventScreen:
    """Drops events in clauses that report no act (see the module docstring); mixed into ``Coder``."""

    nonevent_screen = True  # class switch, so an ablation can measure the layer

    def _screen_nonevents(self, found: list[Found], sentence: int) -> None:
        if not self.nonevent_screen:
            return
        table = load_nonevents()
        for event in [e for e in found if e.sentence == sentence]:
            reason = non_event_reason(event, table)
            if reason is not None:
                log.debug("non-event (%s): %r", reason, event.match.token.sent.text[:120])
                found.remove(event)


def non_event_reason(event: Found, table: dict[str, frozenset[str]]) -> str | None:
    """Why an event's clause reports no act, or None when it may report one."""
    tok = event.match.token
    if is_question(tok.sent) and tok.idx >= question_start(tok.sent):
        return "question"
    governors = _governors(tok)
    if _asks_question(tok, table) or any(_asks_question(g, table) for g in governors[:1]):
        return "asking"
    if _poll_opinion(tok, governors, table):
        return "survey"
    if event.nominal:
        return _nominal_reason(event, table)
    if _habitual(tok, table):
        return "habitual"
    if _generic(tok, table):
        return "generic"
    if _document(tok, table) or (tok.dep_ in ("ccomp", "xcomp") and _document(tok.head, table)):
        return "document"  # "the law lets the state deport X": neither the letting nor the deporting is an act
    if event.cameo.startswith(VISIT_CODES) and any(s.lemma_.lower() in table.get("cargo", ()) for s in
                                                   _own_subjects(tok)):
        return "cargo"
    if _past_role(tok, table):
        return "past-role"
    return None


def _asks_question(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """"asked whether X would ...", "wondered why Y ...": a verb of asking with an indirect question asks for
    information; "asked X to withdraw" (an infinitive, no question word) is still an appeal."""
    if verb.lemma_.lower() not in table.get("asking", ()):
        return False
    for comp in verb.children:
        if comp.dep_ != "ccomp" or comp.pos_ not in VERB_POS:
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in comp.children):
            return True
        first = comp.doc[comp.left_edge.i]
        if first.lower_ in QUESTION_WORDS and first.tag_ in ("WDT", "WP", "WP$", "WRB"):
            return True
    return False


def _poll_opinion(tok: Token, governors: list[Token], table: dict[str, frozenset[str]]) -> bool:
    """An event in what a poll reports people want, think or would do ("a poll found most voters want to send
    troops", "respondents said they would pay"). A survey that counts acts ("according to a survey by a news
    agency, police arrested 300 people") reports facts: its acts stay."""
    chain = [tok, *governors]
    at = next((n for n, verb in enumerate(chain) if _survey(verb, table)), None)
    if at is None:
        return False
    opinion = table.get("opinion", frozenset())
    return any(verb.lemma_.lower() in opinion or _modals(verb) for verb in chain[:at + 1])


def _survey(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A verb whose subject is a poll or its respondents ("a poll found", "respondents said", "60 percent of
    respondents said"), or that a poll is cited for ("according to a poll, most voters want ...")."""
    words = table.get("survey", frozenset())

    def survey_word(t: Token) -> bool:
        return t.lemma_.lower() in words or t.lower_ in words

    for subject in _subjects(verb):
        parts = [subject, *(c for c in subject.children if c.dep_ == "compound")]
        parts += [p for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
        if any(survey_word(p) for p in parts):
            return True
    for prep in verb.children:  # "according to a poll": the parser hangs "to" under "according"
        if prep.dep_ == "prep" and prep.lower_ == "according":
            if any(survey_word(t) for t in prep.subtree if t.dep_ == "pobj"):
                return True
    return False


def _habitual(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A plain present with an adverb of frequency: what an actor does in general ("mainly targets convoys")."""
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return any(c.dep_ == "advmod" and c.lower_ in table.get("habitual", ()) for c in verb.children)


def _generic(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A modal of ability or possibility on a subject that names no party, at no particular time ("anyone can be
    detained", "pupils could be attacked"): a statement about what can happen, no act."""
    if not _modals(verb) & table.get("generic_modal", frozenset()):
        return False
    subjects = _own_subjects(verb)
    if not subjects or not all(_bare_plural(s, table) for s in subjects):
        return False
    return not _dated(verb)


def _document(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A text as the subject of a verb of permitting, requiring or violating, directly or through a relative
    pronoun ("the law lets ...", "articles that violate ...")."""
    docs = table.get("document", frozenset())
    subjects = _own_subjects(verb)
    if verb.dep_ == "relcl" and all(s.tag_ in ("WDT", "WP") for s in subjects):
        subjects = [verb.head]
    if not subjects or not all(s.lemma_.lower() in docs and s.pos_ in NOUN_POS for s in subjects):
        return False
    return verb.lemma_.lower() in table.get("document_verb", ())


def _past_role(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A relative clause on a person in a past role ("a former envoy who had negotiated with X"): a career.
    Only "who": a group's or state's relative clause ("former allies, which sent troops") tells its acts."""
    if verb.dep_ != "relcl" or not any(s.lower_ == "who" for s in _subjects(verb)):
        return False
    words = table.get("former", frozenset())
    return any(c.dep_ in ("amod", "compound", "advmod") and c.lower_ in words for c in verb.head.children)


def _nominal_reason(event: Found, table: dict[str, frozenset[str]]) -> str | None:
    noun = event.match.token
    if noun.lemma_.lower() in DEMAND_LEMMAS:
        goods = table.get("commodity", frozenset())
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]
        modifiers += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"
                      for p in c.children if p.dep_ == "pobj"]
        if any(m.lemma_.lower() in goods or m.lower_ in goods for m in modifiers):
            return "consumption"
    return None
