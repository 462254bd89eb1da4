"""Whether an event happened: negation, future/intent/conditional modality, tense, and reported speech.

Why flags and not filtering: a denied or planned event is still information (a user may want "threats of
sanctions that were not carried out"); the counts leave them out via ``Event.counted``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of
from dyadwatch.events.entry import INF

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.lexicon import Lexicon


# Modals that put an event in the future or the possible ("will impose", "may halt"); "should"/"must" state an
# obligation someone else imposes and "can" an ability: those events stay plain hypothetical.
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "may", "might", "could", "wo"})
# Derive maps whose predicates take a proposition, not a fact, as complement ("demanded that X withdraw").
MODAL_KINDS = frozenset({"modal", "obligation"})
# Prepositions that introduce the alleged act of a verb of accusing or punishing ("arrested for", "convicted of").
GROUNDS_PREPS = frozenset({"for", "of", "with", "over"})
IRREALIS_MAPS = frozenset({"request", "appeal", "intent", "threat", "reject", "accuse", "halt"})
# Pronouns of the speaker's own side: "we must", "I would like to".
# Kinds through which the act a verb of stopping or continuing takes stays asserted: a duty, a call or a ruling to
# stop or continue it ("a future continuation" stays the stated intention it is).
PRESUPPOSING_KINDS = frozenset({"obligation", "modal", "content", "purpose"})
# Kinds of a clause that a nominal event in it shares: what could happen, is hoped for or asked for.
CLAUSE_KINDS = frozenset({"future", "modal", "content", "intent", "conditional", "question"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


@dataclass(frozen=True, slots=True)
class Status:
    """An event's status. ``kind`` says why it is not a plain assertion: future | intent | conditional |
    purpose | content (the content of a demand, offer, threat, accusation ...), or None."""

    negated: bool = False
    hypothetical: bool = False
    kind: str | None = None
    notes: dict[str, Any] = field(default_factory=dict)


def irrealis_lemmas(lex: Lexicon) -> frozenset[str]:
    """Lemmas whose complement is a proposition: lexicon predicates with a derive map, intent and content words.
    A row that asks for an infinitive (comp INF, "told X to leave") makes no proposition of a "that"-clause: "X
    did Y, officials told reporters" reports Y as done, so such rows leave their lemma out."""
    out = {lemma for group in (lex.verbs, lex.nouns) for lemma, entries in group.items()
           if any(e.derive in IRREALIS_MAPS and e.comp != INF for e in entries)}
    out |= {w for w, kinds in lex.modality.items() if kinds & {"intent", "content"}}
    return frozenset(out)


def _negated_here(tok: Token, lex: Lexicon) -> bool:
    for child in dependents(tok):
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("advmod", "det") and "negation" in lex.kinds(child.lower_) and child.lower_ != "no":
            return True
    return False


def _none_acted_on(verb: Token) -> bool:
    """ "no ransom was paid", "paid no ransom": the quantifier "no" on what the act is done to says it was done
    to nothing, so nothing happened. Only the patient (a passive's subject, an active's object): "no" on an
    active subject ("no state objected") has its own readings."""
    return any(c.dep_ in ("nsubjpass", "dobj") and any(g.dep_ == "det" and g.lower_ == "no" for g in dependents(c))
               for c in dependents(verb))


def _modal(tok: Token, lex: Lexicon) -> str | None:
    for child in dependents(tok):
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD" and lex.kinds(child.lower_) & MODAL_KINDS:
            return child.lower_
    return None


def conditional(tok: Token, lex: Lexicon) -> bool:
    """A clause opened by a conditional mark of the lexicon ("if", "unless", "whether")."""
    return any(c.dep_ == "mark" and "condition" in lex.kinds(c.lower_) for c in dependents(tok))


def _indirect_question(tok: Token) -> bool:
    """A "whether/if" clause that is a verb's complement ("asked whether X would ...", "it is unclear if Y will")
    is an indirect question: it asks whether the act happens, it does not condition another act."""
    return tok.dep_ in ("ccomp", "csubj") and any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in dependents(tok))


def _compared(tok: Token, lex: Lexicon) -> bool:
    """A clause with its own subject introduced by a word of comparison ("it is like the army is judging itself")
    says what something resembles, not what happened. Without a subject the word gives an example ("policies like
    arming the rebels"), which is asserted."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in dependents(tok)):
        return False
    if tok.dep_ == "pcomp" and "comparison" in lex.kinds(head_of(tok).lower_):
        return True
    return any(c.dep_ == "mark" and "comparison" in lex.kinds(c.lower_) for c in dependents(tok))


def first_person(tok: Token) -> bool:
    """Whether a subject is the speaker's own side: "we", "I", "our allies", "the U.S. and our partners"."""
    def pronoun(t: Token) -> bool:  # "US" is a country, "us" a pronoun
        return t.lower_ in FIRST_PERSON and t.tag_ in ("PRP", "PRP$")

    return any(pronoun(t) or any(c.dep_ == "poss" and pronoun(c) for c in dependents(t))
               for t in (tok, *(c for c in dependents(tok) if c.dep_ == "conj")))


def _performed(verb: Token, head: Token, lex: Lexicon) -> bool:
    """"I would like to thank X", "we want to congratulate Y": a speech act a speaker says they wish to do is done
    by saying so; it is the act, not an intention to act."""
    return "performative" in lex.kinds(verb.lemma_.lower()) and any(
        c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON and c.tag_ == "PRP" for c in dependents(head))


def _inside_condition(tok: Token, lex: Lexicon) -> bool:
    """Whether a word lies anywhere inside an "if"/"unless" clause, however deep (a participle or relative clause
    within the condition states no more than the condition does)."""
    for _ in range(8):
        if tok.dep_ == "advcl" and conditional(tok, lex):
            return True
        if head_of(tok).i == tok.i:
            return False
        tok = head_of(tok)
    return False


def _alleged_here(word: Token, lex: Lexicon) -> bool:
    """"allegedly offered", "the alleged offer": an adverb or adjective that attributes the act to a claim."""
    return any(c.dep_ in ("advmod", "amod") and "alleged" in lex.kinds(c.lower_) for c in dependents(word))


def _past_copula(word: Token) -> bool:
    """"were supposed to", "had been supposed to": the verb or adjective of a plan in a past tense."""
    auxes = [c for c in dependents(word) if c.dep_ in ("aux", "auxpass")]
    if word.pos_ == "ADJ" and head_of(word).i != word.i:
        auxes.append(head_of(word))
    return any(a.tag_ == "VBD" and a.lemma_ in ("be", "have") for a in auxes)


def _accompanying(clause: Token) -> bool:
    """A bare participle clause ("..., accusing it of ...", "..., vowing to ..."): no subject, subordinator or
    infinitive marker of its own, so it tells another act of the same subject, asserted as its verb is; it is
    never the content of that verb (a "that" clause or infinitive is)."""
    return clause.tag_ == "VBG" and not any(
        c.dep_ in ("mark", "nsubj", "nsubjpass", "aux", "auxpass") for c in dependents(clause))


def _has_grounds(verb: Token, lex: Lexicon) -> bool:
    """"accused X of violating ..., ignoring ...": after a verb of accusing with its "of/for" phrase, a bare
    participle may go on listing what is alleged, so it is not read as the accuser's own act."""
    return "grounds" in lex.kinds(verb.lemma_.lower()) and any(
        c.dep_ == "prep" and c.lower_ in GROUNDS_PREPS for c in dependents(verb))


def _cancelled(verb: Token, lex: Lexicon) -> bool:
    """A verb that stops an event happening: "prevent", "postpone", "cancel" rows, and "call off"."""
    return "prevent" in lex.kinds(verb.lemma_.lower()) or (
        verb.lemma_.lower() == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in dependents(verb)))


def _tense(verb: Token) -> dict[str, Any]:
    """Tense notes for the dates stage ("had requested" is before the reference time of the sentence)."""
    aux = [c for c in dependents(verb) if c.dep_ in ("aux", "auxpass")]
    notes: dict[str, Any] = {}
    if any(a.tag_ == "MD" and a.lower_ in ("will", "shall", "'ll") for a in aux):
        notes["tense"] = "future"
    elif any(a.lemma_ == "have" and a.tag_ == "VBD" for a in aux) and verb.tag_ == "VBN":
        notes["tense"] = "past"
        notes["past_perfect"] = True
    elif any(a.lemma_ == "have" and a.tag_ in ("VBP", "VBZ") for a in aux):
        notes["tense"] = "present_perfect"
    elif verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        notes["tense"] = "past"
    elif verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        notes["tense"] = "present"
    return notes


def _has_own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in dependents(tok))


def status(verb: Token, lex: Lexicon, irrealis: frozenset[str], protest_verb: bool = False) -> Status:
    """The status of the event a verb states, looking up through the clauses that govern it.

    ``protest_verb``: a purpose clause that protests ("stayed home to protest the law") is done by the act it
    modifies, so it is asserted, unlike other purposes ("sent troops to fight").
    """
    negated = _negated_here(verb, lex) or _none_acted_on(verb)
    modal = _modal(verb, lex)
    if modal == "would" and "wish" in lex.kinds(verb.lemma_.lower()):
        modal = None  # "X would like Y to ...": a wish stated now, politely, not a future one
    kind: str | None = None
    if conditional(verb, lex):
        kind = "question" if _indirect_question(verb) else "conditional"
    elif _compared(verb, lex):
        kind = "comparison"
    elif modal is not None:
        kind = "future" if modal in FUTURE_MODALS else "obligation" if "obligation" in lex.kinds(modal) else "modal"
    elif verb.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in dependents(verb)):
        if not protest_verb:
            kind = "purpose"  # "sent troops to fight": the fighting is the sending's aim
        elif _modal(head_of(verb), lex) is not None:
            # "would blockade the capital to demand X": a protest or pressure done by an act is as real as the act
            head_modal = _modal(head_of(verb), lex)
            kind = "future" if head_modal in FUTURE_MODALS else "modal"
    if kind is None and _alleged_here(verb, lex):
        kind = "alleged"  # "allegedly offered": the writer reports someone's claim, not the act
    notes = _tense(verb)
    if modal is not None:
        notes["modal"] = modal
    tok = verb
    presupposed: str | None = None  # the verb of stopping or continuing the act is the complement of
    alleged = False  # the act is the ground of an accusation
    for _ in range(5):
        head = head_of(tok)
        if head.i == tok.i:
            break
        dep = tok.dep_
        head_lemma = head.lemma_.lower()
        kinds = lex.kinds(head_lemma) | lex.kinds(head.lower_)
        if dep == "conj":
            if not _has_own_subject(tok) and kind is None:
                head_modal = _modal(head, lex)
                if head_modal is not None:
                    kind = "future" if head_modal in FUTURE_MODALS else "modal"
            tok = head
            continue
        if dep == "xcomp":
            if tok.i == verb.i and _performed(verb, head, lex):
                break  # "I would like to thank X": thanked, asserted
            if tok.i == verb.i and kind is None and "ongoing" in kinds and _modal(head, lex) not in FUTURE_MODALS:
                presupposed = head_lemma  # "must quit intimidating X": the intimidation goes on, asserted
                tok = head
                continue
            if "scheduled" in kinds:
                # "were supposed to sign": a plan the past tense says was not carried out; "is supposed to" a plan
                kind = kind or ("planned" if _past_copula(head) else "intent")
                notes["intent"] = head_lemma
            elif "attempt" in kinds:
                notes["attempt"] = head_lemma  # "tried to hack": acted on, coded as the act
            elif "prevent" in kinds:
                kind = kind or "prevented"
            elif "intent" in kinds or (head_lemma == "go" and head.tag_ == "VBG"):
                kind = kind or "intent"
                notes["intent"] = head_lemma
            elif head_lemma in irrealis:
                kind = kind or "content"
            if "negation" in kinds or _negated_here(head, lex):  # "failed to reach", "did not plan to"
                negated = True
            head_modal = _modal(head, lex)
            if head_modal is not None and kind is None:
                kind = "future" if head_modal in FUTURE_MODALS else "modal"
            if head.pos_ == "ADJ" and head.dep_ == "acomp":  # "is willing to", "is ready to"
                tok = head_of(head) if head_of(head).i != head.i else head
                outer = _modal(tok, lex)
                if outer is not None and "obligation" in lex.kinds(outer):
                    kind = "obligation"  # "Y must be ready to mediate": a duty someone states, not Y's intent
                    notes["modal"] = outer
                elif outer is not None and kind is None:
                    kind = "future"
                continue
            tok = head
            continue
        if dep in ("ccomp", "acl", "pcomp", "advcl", "relcl"):
            if dep == "advcl" and _accompanying(tok) and not _has_grounds(head, lex):
                break  # "blamed X, accusing it of ...": a participle of the same subject's act, done as the verb is
            governor = head_of(head) if head.pos_ == "ADP" else head
            governor_kinds = lex.kinds(governor.lemma_.lower())
            if dep in ("ccomp", "acl") and head.pos_ == "NOUN" and "hearsay" in lex.kinds(head_lemma):
                kind = "content"  # "speculation that X would expel Y": a guess, not X's stated intent
                notes["content_of"] = head.i
                break
            if dep == "ccomp" and "claiming" in governor_kinds and governor.i == head.i:
                kind = kind or "alleged"  # "X argues it was forced to ...": X's claim, not the writer's report
                notes["content_of"] = governor.i
                alleged = True
                break
            if dep == "ccomp" and "causative" in governor_kinds and governor.i == head.i:
                tok = head  # "refused to let X meet Y": the meeting has the status of the letting
                continue
            if dep == "pcomp" and head.lower_ in GROUNDS_PREPS and "grounds" in governor_kinds:
                kind = kind or "content"  # "arrested for spying": the act alleged, not asserted
                notes["content_of"] = governor.i
                alleged = True
            elif dep == "pcomp" and "prevent" in governor_kinds:
                kind = kind or "prevented"  # "stopped them from attacking"
            elif dep != "relcl" and (governor.lemma_.lower() in irrealis or head_lemma in irrealis):
                kind = kind or "content"
                notes["content_of"] = governor.i
            elif dep in ("advcl", "acl") and tok.i != verb.i and kind is None and not protest_verb \
                    and any(c.dep_ == "aux" and c.tag_ == "TO" for c in dependents(tok)):
                kind = "purpose"  # "sent material to help defend X": the aim of the sending, not done yet
        break
    if kind is None and _inside_condition(verb, lex):
        kind = "conditional"  # "will withdraw unless X agrees a ceasefire with rebels fighting ...": not asserted
    if presupposed is not None and not alleged and kind in PRESUPPOSING_KINDS:
        kind = None  # a duty or call to stop an act, or a ruling to continue it, says that the act goes on
        notes["ongoing"] = presupposed
        notes.pop("content_of", None)
    hypothetical = kind is not None
    if kind is not None:
        notes["modality"] = kind
    reported = _reporting_verb(verb, lex)
    if reported is not None:
        notes["reported"] = True
        notes["reported_by_token"] = reported.i
    return Status(negated, hypothetical, kind, notes)


def _reporting_verb(verb: Token, lex: Lexicon) -> Token | None:
    tok = verb
    for _ in range(5):
        if tok.dep_ not in ("ccomp", "conj", "xcomp", "acomp") or head_of(tok).i == tok.i:
            return None
        tok = head_of(tok)
        if "speech" in lex.kinds(tok.lemma_.lower()):
            return tok
    return None


def noun_status(noun: Token, lex: Lexicon, irrealis: frozenset[str] = frozenset()) -> Status:
    """Status of a nominal event: "no talks", "the planned visit", "a possible deal"; and the status of the clause
    whose verb says the noun's event comes about ("hope that cooperation could resume"): an event named as what
    may resume is no more asserted than that clause. Other verbs say something of an event that exists ("the
    arrest could be unconstitutional"), and an object may exist already ("urged X to keep its promise")."""
    negated = any(c.dep_ == "det" and c.lower_ == "no" for c in dependents(noun))
    hypothetical = any(c.dep_ in ("amod", "compound") and "intent" in lex.kinds(c.lemma_.lower())
                       for c in dependents(noun))
    notes: dict[str, Any] = {}
    kind = "intent" if hypothetical else None
    head = head_of(noun)
    if not hypothetical and (_alleged_here(noun, lex) or (
            noun.dep_ == "oprd" and "labelling" in lex.kinds(head.lemma_.lower()))):
        hypothetical, kind = True, "alleged"  # "the alleged offer", "what X calls an invasion by Y"
    if not hypothetical and noun.dep_ == "nsubjpass" and head.pos_ == "VERB" and _cancelled(head, lex):
        hypothetical, kind = True, "prevented"  # "the signing was postponed / called off"
    if noun.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "ADP"):
        governor = head_of(head) if head.pos_ == "ADP" else head
        if _negated_here(governor, lex):
            negated = True
        if "prevent" in lex.kinds(governor.lemma_.lower()):  # "to prevent a civil war": it did not happen
            hypothetical = True
            kind = kind or "prevented"
        if _modal(governor, lex) is not None or "intent" in lex.kinds(governor.lemma_.lower()):
            hypothetical = True
            kind = kind or "intent"
    if not hypothetical and head.i != noun.i and head.pos_ in ("VERB", "AUX") and (
            (noun.dep_ == "nsubj" and "occur" in lex.kinds(head.lemma_.lower()))
            or (noun.dep_ == "attr" and head.lemma_ == "be" and any(c.dep_ == "expl" for c in dependents(head)))):
        # "there could be an arrest": an existential says the event comes about, as "occur" verbs do
        clause = status(head, lex, irrealis)
        if clause.hypothetical and clause.kind in CLAUSE_KINDS:
            hypothetical = True  # the clause's modality is no intention of the noun's actors: "possible"
            kind = "possible" if clause.kind in ("future", "intent") else clause.kind
    if kind is not None:
        notes["modality"] = kind
    return Status(negated, hypothetical, kind, notes)
