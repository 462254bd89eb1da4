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
- "a former envoy who had negotiated with X" tells a career: ``past-role``;
- "camps housing refugees", "the shelter provides food" describe what a place is for: ``facility`` (a name in the
  actor dictionaries, "the White House", is a proper noun and still acts);
- "you can apply", "if you leave, you lose ..." outside a quotation is explainer prose stating a rule, and "if
  holders are charged" a condition on a generic subject: ``second-person`` and ``generic``;
- an analyst saying that a group wants, hopes, plans or will do something is opinion or forecast about a party,
  no act of it: ``commentary``;
- "their cooperation will likely develop slowly", a warning that "the crisis may deepen" forecast how a
  relation or a situation will go, and no party does or threatens anything: ``forecast``;
- "we are so invested in X" says how committed someone is (an adjective of state), not that anyone invested:
  ``state``;
- "some states have ignored such rulings in the past", "critics blame X for ..." tell what a vague class of
  parties has done or does in general: ``habitual``;
- "building projects were suspended" with no one suspending them tells of works stalled, no act by a party:
  ``works``;
- the press asking a party for comment, people on the move read as visits, and a subheading run into a sentence
  (``events/private_acts.py``): ``comment-request``, ``private-travel``, ``heading``; dismissing fears or
  speculation that no party owns ("rebuffed fears of a recession") states a view: ``hearsay``.

Each rule names its reason; the event is dropped and the reason logged at debug level (``dyadwatch.events``), so a
user can see why a clause gave nothing. The words are in ``nonevents.tsv`` with their reasons.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import doc_text
from dyadwatch.document.doccache import head as head_of
from dyadwatch.events.lexicon import FOLDER, kinded_words
from dyadwatch.events.private_acts import comment_request, private_travel, strip_heading
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
FORECAST_MODALS = frozenset({"will", "would", "could", "might", "may", "'ll", "wo"})
# CAMEO roots of cooperation (intent, consult, diplomatic and material cooperation, aid, yield): relations whose
# predicted course is a forecast; conflict that "could escalate" is going on.
COOPERATIVE = ("03", "04", "05", "06", "07", "08")
MAX_CLIMB = 8  # clauses to climb from an event to the verb that reports it


@lru_cache(maxsize=1)
def load_nonevents() -> dict[str, frozenset[str]]:
    """kind -> words, from ``nonevents.tsv`` (the reason column is documentation for the reader of the table)."""
    return kinded_words(FOLDER, "nonevents.tsv")


@lru_cache(maxsize=1)
def load_person_words() -> frozenset[str]:
    """Nouns that name people (the actors layer's ``person_nouns.tsv``, read as data): "a resident", "a bomber"
    in a condition is any member of a class; "a buffer zone" is no one."""
    words = set()
    for line in data_path("actors", "person_nouns.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.add(line.split("\t", 1)[0].lower())
    return frozenset(words)


def sentence_text(sent: Span) -> str:
    """``sent.text`` cut from the document's text, read once per document: spaCy joins the tokens anew on every
    ``.text``, and the screen asks for it for every event of the sentence."""
    return doc_text(sent.doc)[sent.start_char:sent.end_char]


def is_question(sent: Span) -> bool:
    """A sentence that ends in a question mark (closing quotes and brackets aside) asks; it asserts nothing."""
    return sentence_text(sent).rstrip(CLOSERS).endswith("?")


def question_start(sent: Span) -> int:
    """Where the question of a sentence that ends in one begins, as a character offset into the document: the
    sentence's start, or just after the last colon, dash, ellipsis or opening quotation mark that introduces it
    ("the crowd marched, chanting 'why do you ...?'", "they face a choice: do they ...?"). What comes before is
    asserted."""
    text = sentence_text(sent).rstrip(CLOSERS)
    cut = max(text.rfind(mark) for mark in QUESTION_OPENERS)
    return sent.start_char + (cut + 1 if cut > 0 else 0)


def _governors(tok: Token) -> list[Token]:
    """The verbs above a clause, nearest first, as far as clauses embed one another."""
    out: list[Token] = []
    for _ in range(MAX_CLIMB):
        if head_of(tok).i == tok.i or tok.dep_ not in FINDING_DEPS | {"pcomp", "pobj", "prep", "relcl", "dobj"}:
            break
        tok = head_of(tok)
        if tok.pos_ in VERB_POS:
            out.append(tok)
    return out


def _subjects(verb: Token) -> list[Token]:
    return [c for c in dependents(verb) if c.dep_ in ("nsubj", "nsubjpass")]


def _own_subjects(verb: Token) -> list[Token]:
    """A verb's subjects, or those of the first conjunct it shares them with ("may be arrested and deported")."""
    tok = verb
    for _ in range(MAX_CLIMB):
        subjects = _subjects(tok)
        if subjects or tok.dep_ != "conj" or head_of(tok).i == tok.i:
            return subjects
        tok = head_of(tok)
    return []


def _modals(verb: Token) -> set[str]:
    tok = verb
    for _ in range(MAX_CLIMB):
        found = {c.lower_ for c in dependents(tok) if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"}
        if found or tok.dep_ != "conj" or _subjects(tok) or head_of(tok).i == tok.i:
            return found
        tok = head_of(tok)
    return set()


def _bare_plural(noun: Token, table: dict[str, frozenset[str]]) -> bool:
    """A subject that names no particular party: a plural common noun with no determiner, possessor or number
    ("pupils", "green card holders"), or a word such as "anyone"."""
    if noun.lower_ in table.get("generic", frozenset()):
        return True
    if noun.tag_ != "NNS" or noun.ent_type_:
        return False
    return not any(c.dep_ in ("det", "poss", "nummod", "predet", "quantmod") or c.ent_type_ in ("GPE", "NORP", "ORG")
                   for c in dependents(noun))


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
        here = [e for e in found if e.sentence == sentence]
        for event in here:
            # a subheading run into the sentence is no source; an event it alone gave is none
            reason = "heading" if strip_heading(event) else None
            reason = reason or non_event_reason(event, table) or _statement_of_coded_act(event, here)
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
    if _forecast_relation(event, table):
        return "forecast"
    if _habitual(tok, table) or _past_habit(tok, table) or _stance_class(tok, table):
        return "habitual"
    if _generic(tok, table):
        return "generic"
    if _document(tok, table) or (tok.dep_ in ("ccomp", "xcomp") and _document(head_of(tok), table)):
        return "document"  # "the law lets the state deport X": neither the letting nor the deporting is an act
    if event.cameo.startswith(VISIT_CODES) and any(s.lemma_.lower() in table.get("cargo", ()) for s in
                                                   _own_subjects(tok)):
        return "cargo"
    if private_travel(event, table):
        return "private-travel"
    if comment_request(event, table):
        return "comment-request"
    if _dismissed_hearsay(event, table):
        return "hearsay"
    if _past_role(tok, table):
        return "past-role"
    if _facility_acts(event, table):
        return "facility"
    if _second_person(tok, table):
        return "second-person"
    if _conditional_generic(tok, table):
        return "generic"
    if _commentary(tok, governors, table):
        return "commentary"
    if _warned_situation(event, table):
        return "forecast"
    if _state_participle(tok, table):
        return "state"
    if _stalled_works(event, table):
        return "works"
    return None


def _statement_of_coded_act(event: Found, here: list[Found]) -> str | None:
    """"lawmakers passed a resolution decrying X": passing a text (a statement, CAMEO 010) whose content is a
    participle coded as its own act (ACCUSE "decrying") is that act, not a second one; the statement's code would
    count an approval beside the criticism. The participle hangs on the verb or on its object."""
    tok = event.match.token
    if event.nominal or event.cameo != "010":
        return None
    heads = {tok.i} | {c.i for c in dependents(tok) if c.dep_ == "dobj"}
    for other in here:
        if other is event:  # identity: the coded events themselves, not tokens
            continue
        part = other.match.token
        if not other.nominal and part.tag_ == "VBG" \
                and part.dep_ in ("acl", "advcl", "xcomp") and head_of(part).i in heads \
                and not any(c.dep_ in ("nsubj", "aux") for c in dependents(part)):
            return "content-coded"  # a bare participle; "charges that X is committing ..." is a clause
    return None


def _doers(verb: Token) -> list[Token]:
    """Who does a verb's act: its active subjects, the noun a participle or relative clause describes ("camps
    housing refugees", "camps that shelter ..."), or the subject of the clause an adverbial participle hangs on
    ("camps opened, offering ...")."""
    subjects = [c for c in dependents(verb) if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and all(s.tag_ in ("WDT", "WP") for s in subjects):
        return [head_of(verb)] if subjects else []
    if subjects:
        return subjects
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head_of(verb).dep_ != "dobj":
        return [head_of(verb)]  # after an object the participle is often the clause's ("bombed a hotel, killing 15")
    if verb.dep_ in ("advcl", "conj") and verb.tag_ in ("VBG", "VBD", "VBZ", "VBP") and head_of(verb).pos_ in VERB_POS:
        return [c for c in _own_subjects(head_of(verb)) if c.dep_ == "nsubj"]
    return []


def _facility(noun: Token, table: dict[str, frozenset[str]]) -> bool:
    """A place or building as common noun ("the camps", "a shelter"); a proper name is an actor's (a capital
    at the sentence's start is no name: "Camps housing ...")."""
    if noun.pos_ != "NOUN" and (noun.i != noun.sent.start or noun.ent_type_):
        return False
    words = table.get("facility", frozenset())
    return noun.lemma_.lower() in words or noun.lower_ in words or noun.lower_.removesuffix("s") in words


def _facility_acts(event: Found, table: dict[str, frozenset[str]]) -> bool:
    """A facility doing the act, with the event's source (if any) inside its noun phrase ("Dadaab camps
    shelter ..."). A facility that receives ("two sites received aid from the UN") leaves the giver as source:
    that act stays."""
    tok = event.match.token
    for doer in _doers(tok):
        if not _facility(doer, table):
            continue
        inside = {t.i for t in doer.subtree}
        if all(arg.token in inside for arg in event.sources):
            return True
    return False


def _quoted(tok: Token) -> bool:
    """Whether a token is inside a quotation of its sentence: an opening mark before it left open, or a closing
    mark after it with no opening one (a quotation carried over from the sentence before)."""
    sent = tok.sent
    text = sentence_text(sent)
    before = text[:tok.idx - sent.start_char]
    after = text[tok.idx - sent.start_char:]
    if before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1:
        return True
    if '"' not in before and after.count('"') % 2 == 1:  # a straight quotation carried over, closed after it
        return True
    closes, opens = after.find("\u201d"), after.find("\u201c")
    return "\u201c" not in before and closes >= 0 and (opens < 0 or closes < opens)


def _second_person(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """"you" as the subject outside quotation marks, or as subject of the condition such a clause rests on ("if
    you leave, you lose ..."): explainer prose addressing any reader, no act by a party."""
    you = table.get("second_person", frozenset())
    subjects = _own_subjects(verb)
    if not subjects or not all(s.lower_ in you for s in subjects):
        return False
    return not _quoted(verb)


def _conditional_generic(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A rule stated as a condition on a subject that names no party, unless it names a time: the condition
    itself ("if holders are charged", "when a resident is convicted"), the clause it conditions when that is in
    the present or carries a modal ("if you post such things, the police can arrest you"), and a condition hung
    on a clause about any reader ("you can call the consulate if the police detain you")."""
    # A named time or a quotation rules every reading out; they are read last because most clauses fail the
    # structural tests first and a walk over the clause's subtree is the costly part.
    return _rule_like(verb, table) and not (_dated(verb) or _quoted(verb))


def _rule_like(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """The structural half of ``_conditional_generic``: a generic condition, the clause it conditions, or a clause
    about any reader with such a condition under it."""
    if _generic_condition(verb, table):
        return True
    if verb.dep_ == "advcl" and _is_condition(verb, table) and head_of(verb).pos_ in VERB_POS:
        if not _timeless(head_of(verb)) or _dated(head_of(verb)):
            return False
        # "holders lose their status if they violate ...": the condition's pronoun is the rule's class
        own = _own_subjects(verb)
        back = bool(own) and all(s.lower_ in ("they", "he", "she") for s in own)
        return _person_subjects(head_of(verb), table) or (back and _generic_subjects(head_of(verb), table))
    if _timeless(verb) and not _governors(verb):  # a reported one ("warned that if ...") may be a threat
        return any(_generic_condition(c, table, persons_only=True) for c in dependents(verb))
    return False


def _is_condition(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """"if/unless ..." (a mark), or "when/whenever ..." (the parser hangs these as an adverb)."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in table.get("condition", ()) for c in dependents(verb))


def _timeless(verb: Token) -> bool:
    """A present or modal clause ("if you leave", "when a holder is charged"); a past one ("when protesters
    stormed the building") tells what happened once."""
    auxes = [c for c in dependents(verb) if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("VBD", "VBN") for a in auxes):
        return False
    return verb.tag_ in ("VBZ", "VBP", "VB") or any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxes)


def _generic_subjects(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    subjects = _own_subjects(verb)
    return bool(subjects) and all(_bare_plural(s, table) or _indefinite_person(s) or s.lower_ in
                                  table.get("second_person", ()) for s in subjects)


def _generic_condition(verb: Token, table: dict[str, frozenset[str]], persons_only: bool = False) -> bool:
    """"if you leave", "when a resident is charged": a present condition on a subject that names no party.
    ``persons_only`` leaves out bare plurals ("if protesters storm ...", which may be a threat's condition)."""
    if verb.dep_ != "advcl" or not _is_condition(verb, table) or not _timeless(verb) or _dated(verb):
        return False
    if not persons_only:
        return _generic_subjects(verb, table)
    return _person_subjects(verb, table)


def _person_subjects(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """Subjects that are any reader or any member of a class ("you", "a resident"), never a bare plural."""
    subjects = _own_subjects(verb)
    return bool(subjects) and all(_indefinite_person(s) or s.lower_ in table.get("second_person", ())
                                  for s in subjects)


def _indefinite_person(noun: Token) -> bool:
    """"a resident", "a card holder": an indefinite singular noun of a person, any member of a class."""
    return (noun.tag_ == "NN" and not noun.ent_type_ and noun.lemma_.lower() in load_person_words()
            and any(c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in dependents(noun))
            and not any(c.dep_ in ("poss", "nummod") or c.ent_type_ for c in dependents(noun)))


def _commentator(noun: Token, table: dict[str, frozenset[str]]) -> bool:
    """An analyst, expert or observer: the noun itself, a title before a name ("analyst Jane Roe"), or an
    apposition ("Jane Roe, an analyst at ..."); or someone in a former role ("a former ambassador"), who speaks
    for no party now."""
    words = table.get("commentator", frozenset())
    parts = [noun, *(c for c in dependents(noun) if c.dep_ in ("compound", "appos"))]
    if any(p.lemma_.lower() in words for p in parts):
        return True
    if _bare_plural(noun, table) and noun.lemma_.lower() in table.get("stance_class", ()):
        return True  # "critics suggest X cannot afford ...": people named for a stance speak for no party
    former = table.get("former", frozenset())  # "a former diplomat": no longer speaks for a party
    return any(m.dep_ == "amod" and m.lower_ in former for p in parts for m in dependents(p))


def _commentary(tok: Token, governors: list[Token], table: dict[str, frozenset[str]]) -> bool:
    """An event inside what a commentator says a party wants, hopes, plans or will do ("an analyst said the
    militias want to derail the talks"): opinion or forecast about others, no act of theirs. The commentator's
    own intent ("I hope ...") and a party that is the speaker stay."""
    chain = [tok, *governors]
    at = next((n for n, verb in enumerate(chain) if n and any(_commentator(s, table) for s in _subjects(verb))),
              None)
    if at is None:
        return False
    intent = table.get("claimed_intent", frozenset())
    claim = chain[:at]
    if any(s.lower_ in ("i", "we") for verb in claim for s in _subjects(verb)):
        return False
    return any(verb.lemma_.lower() in intent or _modals(verb) & FORECAST_MODALS for verb in claim)


def _asks_question(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """"asked whether X would ...", "wondered why Y ...": a verb of asking with an indirect question asks for
    information; "asked X to withdraw" (an infinitive, no question word) is still an appeal."""
    if verb.lemma_.lower() not in table.get("asking", ()):
        return False
    for comp in dependents(verb):
        if comp.dep_ != "ccomp" or comp.pos_ not in VERB_POS:
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in dependents(comp)):
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
        parts = [subject, *(c for c in dependents(subject) if c.dep_ == "compound")]
        parts += [p for c in dependents(subject) if c.dep_ == "prep" and c.lower_ == "of"
                  for p in dependents(c) if p.dep_ == "pobj"]
        if any(survey_word(p) for p in parts):
            return True
    for prep in dependents(verb):  # "according to a poll": the parser hangs "to" under "according"
        if prep.dep_ == "prep" and prep.lower_ == "according":
            if any(survey_word(t) for t in prep.subtree if t.dep_ == "pobj"):
                return True
    return False


def _habitual(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A plain present with an adverb of frequency: what an actor does in general ("mainly targets convoys")."""
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in dependents(verb)):
        return False
    return any(c.dep_ == "advmod" and c.lower_ in table.get("habitual", ()) for c in dependents(verb))


def _generic(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A modal of ability or possibility on a subject that names no party, at no particular time ("anyone can be
    detained", "pupils could be attacked", "a refugee whose appeal succeeds may stay"): a statement about what
    can happen, no act."""
    if not _modals(verb) & table.get("generic_modal", frozenset()):
        return False
    subjects = _own_subjects(verb)
    if not subjects or not all(_bare_plural(s, table) or _indefinite_person(s) for s in subjects):
        return False
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in dependents(verb)):
        return False  # "a soldier may have fired": a guess about one past act, not a rule
    return not _dated(verb)


def _document(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A text as the subject of a verb of permitting, requiring or violating, directly or through a relative
    pronoun ("the law lets ...", "articles that violate ...")."""
    docs = table.get("document", frozenset())
    subjects = _own_subjects(verb)
    if verb.dep_ == "relcl" and all(s.tag_ in ("WDT", "WP") for s in subjects):
        subjects = [head_of(verb)]
    if not subjects or not all(s.lemma_.lower() in docs and s.pos_ in NOUN_POS for s in subjects):
        return False
    return verb.lemma_.lower() in table.get("document_verb", ())


def _past_role(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A relative clause on a person in a past role ("a former envoy who had negotiated with X"): a career.
    Only "who": a group's or state's relative clause ("former allies, which sent troops") tells its acts."""
    if verb.dep_ != "relcl" or not any(s.lower_ == "who" for s in _subjects(verb)):
        return False
    words = table.get("former", frozenset())
    return any(c.dep_ in ("amod", "compound", "advmod") and c.lower_ in words for c in dependents(head_of(verb)))


def _nominal_reason(event: Found, table: dict[str, frozenset[str]]) -> str | None:
    if _forecast_relation(event, table):
        return "forecast"
    noun = event.match.token
    if noun.lemma_.lower() in DEMAND_LEMMAS:
        goods = table.get("commodity", frozenset())
        modifiers = [c for c in dependents(noun) if c.dep_ in ("compound", "amod")]
        modifiers += [p for c in dependents(noun) if c.dep_ == "prep" and c.lower_ == "for"
                      for p in dependents(c) if p.dep_ == "pobj"]
        if any(m.lemma_.lower() in goods or m.lower_ in goods for m in modifiers):
            return "consumption"
    return None


def _forecast_verb(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A verb of how something goes ("develop", "grow", "worsen"), or a linking verb with such an adjective
    ("get worse", "become worse")."""
    words = table.get("forecast", frozenset())
    if verb.lemma_.lower() in words:
        return True
    return any(c.dep_ in ("acomp", "oprd") and (c.lower_ in words or c.lemma_.lower() in words)
               for c in dependents(verb))


def _predicted(verb: Token) -> bool:
    """A clause that says what will or may come: a modal, or "likely"/"probably" on the verb."""
    return bool(_modals(verb) & FORECAST_MODALS) or any(
        c.dep_ == "advmod" and c.lower_ in ("likely", "probably", "unlikely") for c in dependents(verb))


def _forecast_relation(event: Found, table: dict[str, frozenset[str]]) -> bool:
    """An event noun as the subject of a predicted change ("their cooperation will likely develop slowly", "ties
    could deepen"): a forecast of how a relation goes, no act by either party. The noun's own verb says nothing
    happened; a past or present verb ("cooperation grew last year") is left to the event's own status."""
    noun = event.match.token
    if not event.nominal or not event.cameo.startswith(COOPERATIVE) or noun.dep_ != "nsubj" \
            or head_of(noun).pos_ not in VERB_POS:
        return False  # "the fighting could escalate" presupposes fighting that goes on: that stays
    verb = head_of(noun)
    return _forecast_verb(verb, table) and _predicted(verb)


def _warned_situation(event: Found, table: dict[str, frozenset[str]]) -> bool:
    """A warning with no party warned whose content is a situation's predicted course ("warned that the crisis
    could worsen"): a comment on a situation, no threat by anyone (PLOVER THREATEN needs a party threatened with
    an act of the speaker)."""
    tok = event.match.token
    if event.targets or tok.lemma_.lower() not in table.get("warning", ()):
        return False
    situations = table.get("situation", frozenset())
    for verb in tok.subtree:
        if verb.i == tok.i or verb.pos_ not in VERB_POS:
            continue
        subjects = _own_subjects(verb)
        if subjects and all(s.lemma_.lower() in situations and not s.ent_type_ for s in subjects) \
                and _forecast_verb(verb, table) and _predicted(verb):
            return True
    return False


def _state_participle(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """"we are (so) invested in X": a participle of commitment after "be", with a party as its subject and no
    agent, is an adjective of state (committed), not a passive of the act ("funds were invested in X" has money
    as its subject and is not caught)."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in table.get("state_participle", ()):
        return False
    if not any(c.dep_ == "auxpass" and c.lemma_.lower() == "be" for c in dependents(verb)):
        return False
    if any(c.dep_ == "agent" for c in dependents(verb)):
        return False
    degree = any(c.dep_ == "advmod" and c.lower_ in table.get("degree", ()) for c in dependents(verb))
    party = [s for s in _subjects(verb) if s.tag_ == "PRP" or s.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")]
    return degree or bool(party)


def _vague_plural(noun: Token, table: dict[str, frozenset[str]]) -> bool:
    """A bare plural ("governments"), or a plural with a vague quantifier ("some countries", "many states")."""
    if _bare_plural(noun, table):
        return True
    if noun.tag_ != "NNS" or noun.ent_type_:
        return False
    dets = [c for c in dependents(noun) if c.dep_ in ("det", "amod", "predet", "poss", "nummod")]
    return bool(dets) and all(d.lower_ in table.get("vague", ()) for d in dets)


def _past_habit(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """"some governments have ignored such rulings in the past": "in the past" with a vague class as subject
    tells what has happened now and then, no particular act (a named party, "Peru ignored the ruling in the past",
    stays)."""
    past = any(p.dep_ == "prep" and p.lower_ == "in" and any(
        o.dep_ == "pobj" and o.lower_ == "past" and not o.ent_type_ for o in dependents(p)) for p in dependents(verb))
    if not past:
        return False
    subjects = _own_subjects(verb)
    return bool(subjects) and all(_vague_plural(s, table) for s in subjects)


def _stance_class(verb: Token, table: dict[str, frozenset[str]]) -> bool:
    """A plain present on a bare plural named for its stance ("critics blame X", "opponents accuse Y"): what such
    people say in general; a dated or quoted clause, or one with a determiner ("the critics said"), stays."""
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in dependents(verb)):
        return False
    subjects = _own_subjects(verb)
    if not subjects or not all(s.lemma_.lower() in table.get("stance_class", ()) and _bare_plural(s, table)
                               for s in subjects):
        return False
    return not (_dated(verb) or _quoted(verb))


def _stalled_works(event: Found, table: dict[str, frozenset[str]]) -> bool:
    """A halt (CAMEO 16) in the passive with no one halting, of building works ("road projects were suspended"):
    works stalled, for money or weather, is no act by a party; "talks were suspended" and a named halter stay."""
    tok = event.match.token
    if not event.cameo.startswith("16") or any(a.actor.span.text.strip() for a in event.sources) \
            or any(c.dep_ == "agent" for c in dependents(tok)):  # an unstated agent has an empty span
        return False
    patients = [c for c in dependents(tok) if c.dep_ == "nsubjpass"]
    return bool(patients) and all(p.lemma_.lower() in table.get("works", ()) for p in patients)


def _dismissed_hearsay(event: Found, table: dict[str, frozenset[str]]) -> bool:
    """A rejection (CAMEO 12) of speculation, fears or rumours that no party owns ("the minister rebuffed fears of
    a recession"): a view on a worry, no rejection of anyone's proposal or demand; "dismissed Peru's concerns"
    (a possessor) keeps its party."""
    if event.nominal or not event.cameo.startswith("12"):
        return False
    objects = [c for c in dependents(event.match.token) if c.dep_ == "dobj"]
    words = table.get("hearsay", frozenset())
    return bool(objects) and all(o.lemma_.lower() in words and not any(c.dep_ == "poss" for c in dependents(o))
                                 for o in objects)
