"""Clauses and names that lend an event no place, or lend it one: the grammar of what is said, feared or done as.

A place inside what a noun says ("the claim that militants with bases in X ...") or fears ("worries that
sanctions could trigger a slump in X") is reported or imagined, not where the act was; a name with a person's
title is a person, whatever preposition is before it; a gerund under "in" or "by" of a verb is the act the verb is
done as, so it shares the verb's place; a stance or intent a verb of saying reports is the statement itself, made
where the saying was (``statement_verb``). Separate from ``attach`` (which weighs how a place attaches) so that each
stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of
from dyadwatch.places.words import _W

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def content_clause(tok: Token) -> bool:
    """A clause that tells what a noun says or fears ("the claim that X orchestrated the attack", "worries that
    sanctions could trigger a slump"): a "that / whether" clause on a noun, which is reported content like a
    verb's complement, not a relative clause (whose "that" is its subject or object, not a marker)."""
    return tok.dep_ == "acl" and any(
        c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in dependents(tok))


def feared_outcome(trigger: Token, head: Token) -> bool:
    """The trigger sits in what a fear or worry is about ("worries that sanctions could trigger a slump in X"), and
    the place hangs from another word of it (the feared outcome, not the trigger): an outcome that has not
    happened, whose place is no place of the act."""
    if head.i == trigger.i:
        return False
    for tok in (trigger, *trigger.ancestors):
        if tok.dep_ in ("acl", "ccomp") and head_of(tok).lemma_.lower() in _W("fear_words"):
            return head.i in {t.i for t in tok.subtree}
        if tok.dep_ in ("ccomp", "relcl", "advcl"):
            return False  # another clause: a fear above it is not about this act
    return False


def means_gerund(tok: Token) -> bool:
    """A gerund under "in" or "by" of a verb ("led lawmakers in calling on X", "responded by closing the port") is
    the act the verb is done as: it shares the verb's place. Under "of", "for", "with" it is the content of an
    accusation or thanks (``tells_its_content``), under "after" or "before" another act in time."""
    return tok.dep_ == "pcomp" and tok.tag_ == "VBG" and head_of(tok).lower_ in ("in", "by") \
        and head_of(head_of(tok)).pos_ in ("VERB", "AUX")


def titled(span: Span) -> bool:
    """A name with a person's title before it ("President X", "Secretary of State X", "the minister, X"): the
    tagger's PERSON label is then right, while a village the tagger calls a person has no title."""
    root = span.root
    titles = _W("person_titles")
    if any(c.dep_ in ("compound", "nmod", "amod", "appos") and c.i < span.start and c.lemma_.lower() in titles
           for c in dependents(root)):
        return True
    if root.dep_ == "appos" and head_of(root).lemma_.lower() in titles:
        return True
    return span.start > 0 and span.doc[span.start - 1].lemma_.lower().rstrip(".") in titles


# Auxiliaries of a stated intent or possibility: "would ask", "will veto", "may expel".
MODALS = frozenset({"will", "would", "shall", "'ll", "wo", "may", "might", "could", "can", "should", "must"})
# Links an act climbs to the verb of saying that reports it ("said it would ask ...", "said it rejects X and would
# appeal"); at most this many.
CLIMB = frozenset({"ccomp", "xcomp", "conj"})
MAX_CLIMB = 5


def _stated(verb: Token) -> bool:
    """The verb tells a stance or an intent, not a past act: a modal ("would ask") or a present ("rejects")."""
    aux = [c for c in dependents(verb) if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in MODALS for a in aux) or any(a.lower_ == "going" for a in aux):
        return True
    if any(a.tag_ in ("VBD", "VBN") or a.lemma_.lower() == "have" for a in aux):
        return False
    return verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux)


def statement_verb(trigger: Token) -> Token | None:
    """The verb of saying whose complement states the trigger's act as a stance or an intent ("told reporters in X
    that he would ask Y to veto ..."), or None: the act is the statement, so it was done where the saying was. A
    past act the verb reports ("said troops killed five") happened elsewhere, and is not placed by the saying."""
    tok = trigger
    if tok.pos_ not in ("VERB", "AUX"):
        return None  # an event noun ("the leader's call for X stems from ...") names an act of its own time and place
    finite = tok
    for _ in range(MAX_CLIMB):  # "plans to expel": the intent is told by the finite verb above the infinitive
        if finite.dep_ != "xcomp" or head_of(finite).i == finite.i:
            break
        finite = head_of(finite)
    if not _stated(finite):
        return None
    say = _W("saying_verbs")
    for _ in range(MAX_CLIMB):
        head = head_of(tok)
        if head.i == tok.i or tok.dep_ not in CLIMB:
            return None
        if tok.dep_ == "ccomp" and head.pos_ == "VERB" and head.lemma_.lower() in say:
            return head
        tok = head
    return None


def statement_seat(say: Token, head: Token) -> bool:
    """The place's phrase, hanging from ``head``, says where the statement of ``say`` was made: on the verb itself
    ("said in X"), on its audience ("told reporters in X"), or on a participle of speaking with no subject of its
    own ("Speaking in X, ..."); not on the speaker ("a lecturer at X said") nor in a clause of another act ("as
    talks go on in X, experts say")."""
    tok = head
    for _ in range(2 * MAX_CLIMB):  # a place may sit deep in the phrase of the occasion ("at X, a forum in Y")
        if tok.i == say.i:
            return True
        if tok.dep_ in ("nsubj", "nsubjpass", "relcl", "acl", "ccomp", "conj"):
            return False
        if tok.dep_ == "advcl" and (tok.tag_ not in ("VBG", "VBN")
                                    or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in dependents(tok))):
            return False
        if head_of(tok).i == tok.i:
            return False
        tok = head_of(tok)
    return False


def opens_with_there(sent: Span) -> bool:
    """"There, the envoy asked ...": the sentence opens with the place adverb set off by a comma, so it goes on at
    the place the sentence before named (not "There were ...", whose "there" is no adverb)."""
    first = sent[0] if len(sent) else None
    return first is not None and first.lower_ == "there" and first.dep_ == "advmod" and len(sent) > 1 \
        and sent[1].text == ","


def topic_on(prep: Token) -> bool:
    """"on X" says what a measure or a deliberation is about or falls on ("sanctions on X", "a session on X",
    "imposed tariffs on X": ``topic_on_words``), not where it happened; also when the parser hangs "on" on the verb
    right after such an object ("held a session on X")."""
    if prep.lower_ != "on":
        return False
    words = _W("topic_on_words")
    owner = head_of(prep)
    if {owner.lemma_.lower(), owner.lower_} & words:
        return True
    return owner.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("dobj", "nsubjpass") and c.right_edge.i + 1 == prep.i and c.lemma_.lower() in words
        for c in dependents(owner))


# Determiners and possessives of a noun that takes up an episode already told.
DEFINITE = frozenset({"the", "this", "that", "its", "their"})


def episode_noun(sent: Span) -> Token | None:
    """The definite noun of an episode that frames the sentence's main clause ("The siege ended ...", "In the
    operation, ...", "During the talks, ...": ``episode_nouns``), or None: the sentence goes on with an episode the
    one before told. An indefinite noun ("in a separate raid") is another episode."""
    root = sent.root
    frames = [c for c in dependents(root) if c.dep_ in ("nsubj", "nsubjpass")]
    frames += [g for c in dependents(root) if c.dep_ == "prep" and c.lower_ in ("in", "during", "at", "throughout")
               and c.i < root.i for g in dependents(c) if g.dep_ == "pobj"]
    for noun in frames:
        if {noun.lemma_.lower(), noun.lower_} & _W("episode_nouns") and any(
                c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in dependents(noun)):
            return noun
    return None


def in_main_clause(trigger: Token) -> bool:
    """The act is told by the sentence's main clause: the root, a conjunct, a complement or an argument of it ("In
    the raid, the army said it killed ten"), not an adverbial, relative or prepositional clause of another act
    ("accused X of arming rebels")."""
    tok = trigger
    for _ in range(8):
        if head_of(tok).i == tok.i:
            return True
        if tok.dep_ not in ("conj", "ccomp", "xcomp", "dobj", "nsubj", "nsubjpass"):
            return False
        tok = head_of(tok)
    return False


def tells_its_content(up_place: list[Token]) -> bool:
    """The place hangs inside a gerund after "of", "for" or "with" of a verb: the act someone is accused of,
    charged with or thanked for ("accused Y of arming rebels in X") is another act, with its own place."""
    return any(t.dep_ == "pcomp" and head_of(t).lower_ in _W("content_prepositions")
               and head_of(head_of(t)).pos_ == "VERB"
               for t in up_place)


def asked_act(trigger: Token, up_place: list[Token]) -> bool:
    """The place hangs inside what an asking, urging or proposing trigger asks for: its infinitive complement
    ("asked Y to station troops in X"), an infinitive on the noun ("a proposal to invest in X") or its "for"
    phrase ("a call for war on rebels in X"). That act has not happened; its place is where it would, not where
    the asking was done (which the text may give elsewhere, or not at all)."""
    if not up_place or trigger.lemma_.lower() not in _W("asking_words"):
        return False
    step = up_place[-1]  # the trigger's own child on the way to the place
    if step.dep_ == "xcomp" or (step.dep_ == "prep" and step.lower_ == "for"):
        return True
    return step.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in dependents(step))


def in_time_phrase(up_trigger: list[Token]) -> bool:
    """The trigger is an event noun inside a phrase of time sequence ("after their expulsion, they settled in X"):
    another act, earlier or later, whose place the clause's own place does not give."""
    return any(t.dep_ == "prep" and t.lower_ in _W("temporal_prepositions") for t in up_trigger[1:])
