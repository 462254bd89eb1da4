"""Dependency-parse helpers: who is the subject, the object, the complement of a predicate.

Why a separate module: argument selection must survive the shapes real news takes (passives, coordinated verbs
and subjects, open clausal complements, relative clauses, participles), and each of those rules is easier to
check alone. All functions take spaCy tokens and use only the ClearNLP labels spaCy's English models emit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.events.control import control_table

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "attr", "oprd"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# Verbs whose object, not their subject, does what their infinitive complement says ("urged Iran to talk").
OBJECT_CONTROL = frozenset({
    "urge", "ask", "order", "force", "persuade", "invite", "press", "call", "encourage", "allow", "tell",
    "request", "pressure", "compel", "instruct", "advise", "warn", "implore", "permit", "help", "push",
})
# Raising verbs: in the passive ("X is expected to ...", "X was reported to have ...", "X is set to ...") their
# surface subject is the doer of the infinitive, and whoever expects or reports is no party to it (the "by" phrase
# of "X is said by aides to have ..." is the reporter). Grammar of English raising-to-subject passives.
RAISING_PASSIVES = frozenset({
    "expect", "say", "report", "believe", "think", "set", "schedule", "due", "understand", "know", "suppose",
    "allege", "rumour", "rumor", "consider", "see", "slate", "poise", "tip", "feared", "fear", "estimate",
})  # fmt: skip
# Participles that, after "be" and without a "by" phrase, describe their subject's stance rather than something
# done to it: "Israel is opposed to the plan" is Israel opposing; "is committed to", "is prepared to" likewise.
STATIVE_PARTICIPLES = frozenset({
    "oppose", "commit", "prepare", "determine", "resolve", "dedicate", "devote", "disposed", "inclined",
    "concern", "worry", "alarm", "dismay", "disappoint", "satisfy", "poise", "obligate", "oblige",
})  # fmt: skip
# What a stative participle is followed by ("opposed to", "concerned about", "prepared to act"); without it the
# participle is read as a plain passive ("atrocities were committed").
STATIVE_PREPS = frozenset({"to", "about", "over", "with", "at"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB"})


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Biden and Xi" -> [Biden, Xi])."""
    out = [token]
    kids = dependents(token)
    for child in kids:
        # "the UK, Norway, and Denmark": the parser often makes the middle item an apposition of the first; an
        # apposition next to a conjunct of the same head is an item of the list, not another name for the head
        dep = child.dep_
        if dep == "conj" or (dep == "appos" and child.pos_ == "PROPN" and token.pos_ == "PROPN"
                             and _listed(kids)):
            out.extend(conjuncts(child))
    return out


def _listed(kids: tuple[Token, ...]) -> bool:
    """Whether a word heads a list: a list may hang its "and ..." on the head or on the apposition itself ("The
    US, Russia, and Switzerland"). Plain loops: ``conjuncts`` runs per candidate word, most with no list."""
    for child in kids:
        if child.dep_ in ("conj", "cc"):
            return True
    for child in kids:
        if child.dep_ == "appos":
            for grandchild in dependents(child):
                if grandchild.dep_ == "conj":
                    return True
    return False


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [c for c in dependents(token) if c.dep_ in wanted]


def is_passive(verb: Token) -> bool:
    """Whether the verb is a true passive (its surface subject undergoes the act); stative ones are not."""
    for c in dependents(verb):
        if c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass":
            return not is_stative(verb)
    return False


def is_stative(verb: Token) -> bool:
    """ "is opposed to", "was committed to" with no "by" phrase: the subject holds the stance (see above)."""
    if verb.lemma_.lower() not in STATIVE_PARTICIPLES and verb.lower_ not in STATIVE_PARTICIPLES:
        return False
    if any(c.dep_ == "agent" for c in dependents(verb)):
        return False
    return any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in STATIVE_PREPS) for c in dependents(verb))


def preps(token: Token) -> dict[str, list[Token]]:
    """Prepositional objects of a token by preposition lemma ("met with X" -> {"with": [X]}).

    Multi-word prepositions ("in response to") are keyed by their last word's lemma joined to the first
    ("in_to"), and "between A and B" yields both conjuncts.
    """
    found: dict[str, list[Token]] = {}
    for child in dependents(token):
        if child.dep_ not in ("prep", "agent", "dative"):
            continue
        key = child.lower_
        objs = [c for c in dependents(child) if c.dep_ == "pobj"]
        if not objs:
            inner = [c for c in dependents(child) if c.dep_ == "prep"]  # "in response to X"
            for sub in inner:
                objs = [c for c in dependents(sub) if c.dep_ == "pobj"]
                if objs:
                    key = f"{key}_{sub.lower_}"
                    break
        if not objs and child.dep_ == "prep":
            objs = _stranded_object(token, child)
        if child.dep_ == "dative" and not objs and child.pos_ in NOUN_POS | {"PRON"}:
            objs = [child]
            key = "dative"
        for obj in objs:
            found.setdefault(key, []).extend(conjuncts(obj))
    return found


RAISED_SPAN = 16  # tokens read after "with and" for the shared object of a right-node raising


def _stranded_object(token: Token, prep: Token) -> list[Token]:
    """The object of a preposition the parser left empty because a reduced relative follows its noun: in "sent
    food to three families stranded in a camp" the parser may read "families stranded" as a clause of the verb
    and leave "to" alone. The noun that starts right after the preposition, subject of that clause (a sibling
    of the preposition, found among the token's own children: a bounded look), is its object."""
    doc = prep.doc
    if prep.i + 2 < len(doc) and doc[prep.i + 1].dep_ == "cc":
        # right-node raising: "signed a treaty with and sent aid to X", "in and near X" -- the preposition
        # shares the first prepositional object of the coordinated phrase (the one its twin preposition takes;
        # a later one belongs to a phrase of its own: "in and near X on Monday"), read up to the next
        # punctuation (a bounded look ahead)
        for tok in doc[prep.i + 2:min(prep.i + 2 + RAISED_SPAN, prep.sent.end)]:
            if tok.is_punct:
                break
            if tok.dep_ == "pobj":
                return [tok]
        return []
    for verb in dependents(token):
        if verb.dep_ not in ("advcl", "conj", "ccomp", "dep", "acl") or verb.pos_ not in VERB_POS:
            continue
        for subj in dependents(verb):
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.left_edge.i == prep.i + 1 and subj.i < verb.i:
                return [subj]
    return []


# Prepositions a verb's direct object may carry for the verb: the parser attaches "provided aid to X" and
# "imposed a curfew in X" to the object or to the verb with no difference in meaning. "of" stays with the noun
# ("dollars of aid"), as do the "between"/"over" of a named relation.
OBJECT_PP_KEYS = frozenset({"to", "for", "with", "against", "on", "upon", "toward", "towards", "into", "at", "in",
                            "inside", "from"})


def verb_preps(verb: Token, depth: int = 0) -> dict[str, list[Token]]:
    """A verb's prepositional objects, completed by those its direct objects carry (see ``OBJECT_PP_KEYS``)
    and then by those of its open complement ("threatened to resume attacks in X": the threat is about X).

    The verb's own phrases come first under each key; an object's phrase only fills a preposition the verb
    lacks, so "sent aid to X with Y" keeps the verb's attachments when the parser gives both.
    """
    found = preps(verb)
    extra: dict[str, list[Token]] = {}
    for child in dependents(verb):
        if child.dep_ != "dobj":
            continue
        for obj in conjuncts(child):
            for key, objs in preps(obj).items():
                if key in OBJECT_PP_KEYS and key not in found:
                    extra.setdefault(key, []).extend(objs)
    found = {**found, **extra}
    if depth < 2:
        for child in dependents(verb):
            if child.dep_ == "xcomp" and child.pos_ in VERB_POS:
                for key, objs in verb_preps(child, depth + 1).items():
                    if key in OBJECT_PP_KEYS and key not in found:
                        found[key] = objs
    return found


# Nouns of a stance phrase whose own preposition names who the act is aimed at: "struck in protest against X",
# "marched in defiance of X", "rallied in opposition to X".
STANCE_NOUNS = frozenset({"protest", "defiance", "opposition", "condemnation", "denunciation", "outrage", "anger"})
STANCE_PREPS = ("against", "of", "at", "to", "over")
# Verbs of a purpose clause that say whom a protest or strike is aimed at: "went on strike to demand X".
PURPOSE_VERBS = frozenset({"demand", "protest", "denounce", "oppose", "condemn", "press", "urge", "call", "seek",
                           "reject", "challenge", "pressure", "pressurize", "force"})


def aimed_at(word: Token) -> list[Token]:
    """Whom a protest-like act is aimed at, from its stance phrase or its purpose clause (see above).

    Looked for on the word, its direct object ("staged a strike in protest of X") and the object of "on" ("went
    on strike to demand X"); the purpose clause gives its direct object or its "for" phrase ("to call for X").
    """
    hosts = [word]
    for child in dependents(word):
        if child.dep_ == "dobj":
            hosts.append(child)
        elif child.dep_ == "prep" and child.lower_ == "on":
            hosts.extend(c for c in dependents(child) if c.dep_ == "pobj")
    out: list[Token] = []
    for host in hosts:
        for noun in preps(host).get("in", []):
            if noun.lemma_.lower() in STANCE_NOUNS:
                pp = preps(noun)
                out.extend(t for key in STANCE_PREPS for t in pp.get(key, []))
        for child in dependents(host):
            if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in PURPOSE_VERBS and (any(
                    g.dep_ == "aux" and g.lower_ == "to" for g in dependents(child))
                    or (child.dep_ == "acl" and child.tag_ == "VBG")):  # "a rally calling for X's release"
                out.extend(t for c in dependents(child) if c.dep_ == "dobj" for t in conjuncts(c))
                out.extend(preps(child).get("for", []))
    return out


def own_subjects(verb: Token) -> list[Token]:
    """The verb's own active subjects (expanded over coordination), without inheritance.

    A stative participle's surface subject is its logical one ("Israel is opposed to ...").
    """
    wanted = SUBJECTS | PASSIVE_SUBJECTS if is_stative(verb) else SUBJECTS
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in wanted:
            out.extend(conjuncts(child))
    return out


CONDITION_MARKS = frozenset({"unless", "if", "until"})


def condition_subjects(word: Token) -> list[Token]:
    """Subjects of an "unless"/"if" clause on a word or on its infinitive ("threatened to leave unless X
    paid" -> X): whose act the condition is about."""
    heads = [word, *(c for c in word.children if c.dep_ == "xcomp")]
    for head in heads:
        for child in head.children:
            if child.dep_ != "advcl" or not any(g.dep_ == "mark" and g.lower_ in CONDITION_MARKS
                                                for g in child.children):
                continue
            found = [t for sub in child.children if sub.dep_ in SUBJECTS | PASSIVE_SUBJECTS
                     for t in conjuncts(sub)]
            if found:
                return found
    return []


def clause_subjects(word: Token) -> list[Token]:
    """Subjects of a word's finite complement clause ("demanded that the US cancel" -> US; "its demand that
    Israel ease" -> Israel). Only clauses with a subject of their own count; infinitives are control, not this."""
    out: list[Token] = []
    for child in word.children:
        # a clause verb the tagger read as a noun ("demanded that X's patrols end") is still the head of a clause
        # when it carries "that" and a subject of its own
        misread = child.dep_ == "ccomp" and child.pos_ == "NOUN" and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in child.children) and any(
            g.dep_ in SUBJECTS | PASSIVE_SUBJECTS for g in child.children)
        if child.dep_ in ("ccomp", "acl") and (child.pos_ in VERB_POS | {"AUX"} or misread):
            if child.dep_ == "acl" and not any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
                continue  # "the demand to leave", "forces deployed in X": not a that-clause
            for sub in child.children:
                if sub.dep_ in SUBJECTS | PASSIVE_SUBJECTS and sub.lower_ not in RELATIVE_PRONOUNS:
                    out.extend(conjuncts(sub))
            if out:
                return out
    if word.pos_ in NOUN_POS and word.dep_ == "dobj":
        # "repeated its demand that X withdraw": the parser often hangs the noun's clause on the verb
        for child in word.head.children:
            if child.dep_ == "ccomp" and child.i > word.i and any(g.dep_ == "mark" and g.lower_ == "that"
                                                                 for g in child.children):
                return [t for sub in child.children if sub.dep_ in SUBJECTS | PASSIVE_SUBJECTS
                        and sub.lower_ not in RELATIVE_PRONOUNS for t in conjuncts(sub)]
    return out


def agents(verb: Token) -> list[Token]:
    """The "by" phrase of a passive verb (spaCy labels it ``agent``)."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out.extend(conjuncts(obj))
    return out


def passive_subjects(verb: Token) -> list[Token]:
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in PASSIVE_SUBJECTS:
            out.extend(conjuncts(child))
    return out


def relative_antecedent(verb: Token) -> Token | None:
    """For a relative clause verb, the noun it modifies ("the army that attacked" -> army)."""
    if verb.dep_ == "relcl" and verb.head.pos_ in NOUN_POS | {"PRON"}:
        return verb.head
    return None


def logical_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Who does what the verb says, following control and coordination when the verb has no subject of its own.

    Active subject > passive agent > relative-clause antecedent > participle's noun > the subject (or, for
    object-control verbs, the object) of the verb it depends on. ``subject_path`` names the step that decided.
    """
    return subject_path(verb, depth)[0]


# Names of the steps of ``subject_path`` that the source trace reports (``|source:NAME`` in an event's rule).
RAISED = "raised-subject"  # "X is expected to expel ..." -> X
PASSIVE_CONTROLLED = "passive-controlled"  # "X thanked them after being freed": X is freed, not the one freeing
PASSIVE_OBJECT_CONTROL = "passive-object-control"  # "X was urged by Y to withdraw" -> X withdraws


def raised_subjects(verb: Token) -> list[Token]:
    """The surface subject of a passive raising or object-control verb whose infinitive ``verb`` is: "Kenya is
    expected to expel", "Uganda was urged by the UN to withdraw" -> Kenya, Uganda. Empty for any other shape."""
    head = verb.head
    if head.i == verb.i or not is_passive(head):
        return []
    lemma = head.lemma_.lower()
    if verb.dep_ == "advcl" and lemma in OBJECT_CONTROL and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return passive_subjects(head)  # "was pressured by Y to expel": the parser's purpose reading of the complement
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []  # an infinitive only: "was reported killed" is a passive of its own, its subject the victim
    if lemma not in RAISING_PASSIVES and lemma not in OBJECT_CONTROL and head.lower_ not in RAISING_PASSIVES:
        return []
    return passive_subjects(head)


def subject_path(verb: Token, depth: int = 0) -> tuple[list[Token], str | None]:
    """``logical_subjects`` with the name of the new step that decided, if one did (see ``RAISED`` and the
    two passive names): the coder puts it in the event's rule so that every such source says how it was found.

    A passive with no "by" phrase never takes the doer of the clause it depends on: the controller of a passive
    infinitive, participle or coordinated passive undergoes the act ("praised his lawyers after being released",
    "fired tear gas and were pelted with stones"); the act's doer is unstated.
    """
    if depth > 6:
        return [], None
    raised = raised_subjects(verb) if not is_passive(verb) else []
    if raised and not own_subjects(verb):
        return raised, (RAISED if verb.head.lemma_.lower() not in OBJECT_CONTROL else PASSIVE_OBJECT_CONTROL)
    if depth == 0 and is_passive(verb) and not agents(verb) and passive_controlled(verb) \
            and _subjects(verb.head if verb.head.dep_ != "prep" else verb.head.head, 1):
        return [], PASSIVE_CONTROLLED
    if not own_subjects(verb) and relative_antecedent(verb) is None:
        found = controller(verb, depth)
        if found is not None:
            return found
    return _subjects(verb, depth), None


# Names of the control steps (``controller``), reported like the steps above.
GERUND_OBJECT = "gerund-object"  # "blamed Peru for attacking", "Peru was accused of attacking" -> Peru
PREP_OBJECT = "prep-object"  # "called on Peru to withdraw", "appealed to Peru to release" -> Peru
NOUN_OWNER = "noun-owner"  # "Peru's decision to expel", "the move by Peru to deport", "Peru's policy of arming"
# Entity labels of a modifier or "of" object that can own a decision ("a Russian plan", "the plan of Iran").
OWNER_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
TIME_LABELS = frozenset({"DATE", "TIME"})  # "called on Monday to ...": a time is no addressee
DEGREE_WORDS = frozenset({"enough", "too"})  # words of degree that take an infinitive of their own


def controller(verb: Token, depth: int = 0) -> tuple[list[Token], str] | None:
    """Who does what a gerund or an infinitive without a subject of its own says, when the word that governs it
    hands it to a party other than its own subject (the words: ``data/sources/control.tsv``):

    - a gerund phrase of a verb of judging or preventing: its direct object, or in the passive its subject
      ("blamed Peru for attacking", "Peru was accused of attacking", "barred Peru from entering", and "activists
      jailed for insulting ..." -> the activists);
    - the infinitive of a verb that names its addressee in a prepositional phrase: that phrase's object ("called
      on Peru to withdraw", "appealed to Peru to release", "is counting on Peru to veto");
    - the infinitive or "of"-gerund of a noun of deciding, planning or trying: the noun's owner (possessor,
      "by" phrase, a named "of" object or modifier), or the subject of the verb that makes or announces it
      ("Peru's decision to expel", "the move by Peru to deport", "a Peruvian plan to", "Peru announced a plan to").

    None when no rule applies (the caller's own order then decides), so the step is read only where it names
    someone. An active verb only: a passive gerund or infinitive is undergone, not done (``passive_controlled``).
    """
    if depth > 6 or is_passive(verb) or verb.head.i == verb.i:
        return None
    table = control_table()
    head = verb.head
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep":
        governor, prep = head.head, head.lower_
        if governor.pos_ in VERB_POS and (governor.lemma_.lower(), prep) in table.gerund_object:
            if is_passive(governor):
                found = passive_subjects(governor)
                if not found and governor.dep_ == "acl" and governor.head.pos_ in NOUN_POS:
                    found = conjuncts(governor.head)  # "activists jailed for insulting the king"
            else:
                found = [t for c in governor.children if c.dep_ == "dobj" for t in conjuncts(c)]
            return (found, GERUND_OBJECT) if found else None
        if governor.pos_ == "NOUN" and prep == "of" and _control_noun(governor):
            found = noun_owners(governor, depth)
            return (found, NOUN_OWNER) if found else None
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.dep_ in ("xcomp", "advcl") and head.pos_ in VERB_POS and not any(c.dep_ == "dobj" for c in head.children):
        # with a direct object the phrase is no addressee: "called a strike on Monday to protest ..."
        for prep in (c for c in head.children if c.dep_ == "prep" and c.i < verb.i):
            if (head.lemma_.lower(), prep.lower_) in table.prep_object:
                found = [t for g in prep.children if g.dep_ == "pobj" and g.ent_type_ not in TIME_LABELS
                         for t in conjuncts(g)]
                if found:
                    return found, PREP_OBJECT
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and _control_noun(head) and not _degree_complement(head):
        found = noun_owners(head, depth)
        return (found, NOUN_OWNER) if found else None
    return None


def _degree_complement(noun: Token) -> bool:
    """Whether the noun stands inside a phrase of "enough" or "too", whose own infinitive the parser may hang on
    the noun: in "satisfied enough with their efforts to drop the case" the dropping is the satisfied one's."""
    tok = noun
    for _ in range(4):
        if tok.head.i == tok.i or tok.pos_ in VERB_POS:
            return False
        tok = tok.head
        if any(c.dep_ == "advmod" and c.lower_ in DEGREE_WORDS for c in tok.children):
            return True
    return False


def _control_noun(noun: Token) -> bool:
    nouns = control_table().nouns
    return noun.lemma_.lower() in nouns or noun.lower_ in nouns


def noun_owners(noun: Token, depth: int = 0) -> list[Token]:
    """Whose decision, plan or attempt a noun is: its possessor ("Peru's", "its"), its "by" phrase, a named "of"
    object or modifier ("the decision of Peru", "a Peruvian plan"), else the subject of a verb that makes, takes
    or announces it (``owner-verb`` rows: "Peru announced a plan to ..."). A common noun modifier ("a peace plan")
    owns nothing."""
    for child in noun.children:
        if child.dep_ == "poss":
            return conjuncts(child)
    pp = preps(noun)
    if pp.get("by"):
        return pp["by"]
    named = [t for t in pp.get("of", []) if t.pos_ == "PROPN" or t.ent_type_ in OWNER_LABELS]
    if named:
        return named
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i and (
                child.pos_ == "PROPN" or child.ent_type_ in OWNER_LABELS):
            return conjuncts(child)
    first = noun
    while first.dep_ == "conj" and first.head.pos_ in NOUN_POS:
        first = first.head
    if first.dep_ == "dobj" and first.head.pos_ in VERB_POS \
            and first.head.lemma_.lower() in control_table().owner_verbs:
        return _subjects(first.head, depth + 1)
    return []


# Dependencies by which a clause with no subject of its own takes its doer from the verb it depends on. Not
# "ccomp": a finite complement clause has a subject of its own, and a passive one without it is a misparse.
CONTROLLED_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp"})
# What may stand between the "and"/"but" and a coordinated verb whose subject is left out ("and were freed",
# "but was later released"): anything else there (a noun) is a subject the parser lost.
ELLIPSIS_FILLERS = frozenset({"aux", "auxpass", "advmod", "neg", "punct", "cc", "npadvmod"})


def passive_controlled(verb: Token) -> bool:
    """Whether a passive with no subject of its own hangs on an active verb: its controller is the active verb's
    doer, who undergoes this act ("thanked them after being freed", "captured the town but were driven out").

    The shapes are checked, since a parser often drops a passive's subject: a coordinated passive only when
    nothing but auxiliaries and adverbs follows the conjunction; a subordinate clause with a conjunction ("when",
    "while") only as a gerund passive ("while being held").
    """
    if verb.dep_ not in CONTROLLED_DEPS or any(c.dep_ in PASSIVE_SUBJECTS | SUBJECTS for c in verb.children):
        return False
    if any(t.dep_ in PASSIVE_SUBJECTS | SUBJECTS for t in verb.subtree if t.i < verb.i):
        return False  # a subject inside the clause before its verb: the parser hung the clause's subject lower
    if verb.dep_ == "conj":
        cc = [c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
        if not cc or any(t.dep_ not in ELLIPSIS_FILLERS for t in verb.doc[cc[-1].i + 1:verb.i]):
            return False
    # a finite adverbial clause ("when"/"because" as a mark, or a wh-adverb: "when six men were killed") has a
    # subject of its own; only a gerund passive ("while being held") leaves it to the controller
    if verb.dep_ == "advcl" and any((c.dep_ == "mark" and c.lower_ != "to") or (c.dep_ == "advmod" and c.tag_ == "WRB")
                                    for c in verb.children) \
            and not any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children):
        return False
    head = verb.head.head if verb.head.dep_ == "prep" else verb.head
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod") and head.head.i != head.i:
        head = head.head
    # a copula's complement ("the deal is yet to be signed") is no controlled clause: only a full verb controls
    return head.pos_ in VERB_POS and not is_passive(head)


def controlled_undergoers(verb: Token) -> list[Token]:
    """Who undergoes a passive with no subject of its own: the controller of a passive that hangs on an active
    verb ("praised his lawyers after being released" -> the one who praised), or the raised subject of "X is
    expected to be sanctioned" (``RAISED``). Empty for any other shape."""
    if passive_controlled(verb):
        head = verb.head.head if verb.head.dep_ == "prep" else verb.head
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod") and head.head.i != head.i:
            head = head.head
        return _subjects(head, 1)
    return raised_subjects(verb)


def _subjects(verb: Token, depth: int) -> list[Token]:
    if depth > 6:
        return []
    passive = is_passive(verb)
    if passive:
        found = agents(verb)
        if not found and any(c.dep_ in PASSIVE_SUBJECTS for c in verb.children):
            # "villages were shelled and burned by X": the coordinated passives of one finite clause share the
            # trailing agent phrase (not "a report to be released and seen by X": no subject of its own)
            found = [a for c in verb.children if c.dep_ == "conj" and c.pos_ in VERB_POS
                     and not any(g.dep_ in PASSIVE_SUBJECTS for g in c.children) for a in agents(c)]
        if found:
            return found
    else:
        found = own_subjects(verb)
        found = [t for t in found if t.lower_ not in RELATIVE_PRONOUNS or relative_antecedent(verb) is None]
        if found:
            return found
        antecedent = relative_antecedent(verb)
        if antecedent is not None:
            return conjuncts(antecedent)
        controlled = controller(verb, depth)
        if controlled is not None:
            return controlled[0]
    if verb.dep_ == "acl" and verb.head.pos_ in NOUN_POS and not passive and verb.tag_ == "VBG":
        return [verb.head]  # "protesters demanding reform"
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in NOUN_POS and verb.head.dep_ == "ROOT" \
            and any(c.dep_ == "dobj" for c in verb.children):
        # "Kenyan forces arrested 60 activists" read as a noun with a participle: a participle of a noun is
        # passive and takes no object, so with one, and no other verb in the sentence, it is the finite verb
        return conjuncts(verb.head)
    if passive and verb.dep_ in ("acl", "relcl"):
        return []  # "the package approved by ..." had no agent: unknown
    if verb.dep_ == "conj":
        return logical_subjects(verb.head, depth + 1)
    if verb.dep_ == "acomp" and verb.head.pos_ in VERB_POS | {"AUX"}:
        return logical_subjects(verb.head, depth + 1)  # "Kenya is opposed to ...", "X seems committed to ..."
    if verb.dep_ in ("xcomp", "advcl", "ccomp", "pcomp") or (verb.dep_ == "acl" and verb.head.pos_ in VERB_POS):
        head = verb.head
        if head.dep_ == "prep":  # "after meeting X", "by sending troops"
            head = head.head
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod") and head.head.i != head.i:
            head = head.head  # "is willing to send", "are guilty of violating"
        if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objs:
                return conjuncts(objs[0])
        if verb.dep_ == "ccomp":
            return []  # a clausal complement with no subject is not controlled by the main clause
        if head.pos_ in VERB_POS | {"AUX"}:
            return logical_subjects(head, depth + 1)
    return []


def direct_objects(verb: Token) -> list[Token]:
    """What the verb acts on: its direct object, or for a passive its surface subject."""
    if is_passive(verb):
        found = passive_subjects(verb)
        if not found and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in NOUN_POS:
            found = conjuncts(verb.head)  # "the package approved by Congress"
        if not found:
            found = controlled_undergoers(verb)
        if found:
            return found
    out: list[Token] = []
    for child in dependents(verb):
        if child.dep_ in OBJECTS:
            out.extend(conjuncts(child))
    if not out:
        out = counted_objects(verb)
    if not out:
        antecedent = relative_antecedent(verb)
        if antecedent is not None and any(c.dep_ in SUBJECTS for c in dependents(verb)):
            # "the town that the army shelled": the relative pronoun is the (unlabelled) object
            if not any(c.dep_ in SUBJECTS and c.lower_ in RELATIVE_PRONOUNS for c in dependents(verb)):
                out = conjuncts(antecedent)
    if not out:
        # "arrested and expelled two diplomats": the first conjunct shares the last one's object
        for conj in (c for c in dependents(verb) if c.dep_ == "conj" and c.pos_ in VERB_POS):
            if not any(g.dep_ in SUBJECTS for g in dependents(conj)):
                out = [g for g in dependents(conj) if g.dep_ == "dobj"]
                if out:
                    return out
    if not out and verb.dep_ == "conj" and verb.head.pos_ in VERB_POS:
        # "arrested and charged 12 activists": shared object of right-node coordination
        shared = [c for c in dependents(verb.head) if c.dep_ == "dobj" and c.i > verb.i]
        out = shared
    return out


def counted_objects(verb: Token) -> list[Token]:
    """ "kidnapped up to 16 advisers", "killed up to 30 civilians": "up to" before a number bounds the count of
    the object, but the parser reads "up" as the verb's particle and "to 16 advisers" as its phrase."""
    for prt in (c for c in dependents(verb) if c.dep_ == "prt" and c.lower_ == "up"):
        for prep in (c for c in dependents(prt) if c.dep_ == "prep" and c.lower_ == "to"):
            for pobj in (c for c in dependents(prep) if c.dep_ == "pobj"):
                if pobj.like_num or any(c.dep_ == "nummod" for c in dependents(pobj)):
                    return conjuncts(pobj)
    return []


def complement(verb: Token) -> Token | None:
    """The verb's open or clausal complement ("threatened to retaliate", "demanded that X withdraw")."""
    for dep in ("xcomp", "ccomp"):
        for child in dependents(verb):
            if child.dep_ == dep and child.pos_ in VERB_POS | {"AUX"}:
                return child
    return None


def modifier_lemmas(noun: Token) -> list[str]:
    """Lemmas that classify a noun: its own and those of its compound/adjective/noun modifiers."""
    out = [noun.lemma_.lower(), noun.lower_]
    for child in dependents(noun):
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            out.append(child.lemma_.lower())
            out.append(child.lower_)
    return out


def np_bounds(token: Token) -> tuple[int, int]:
    """Token range of a noun phrase's core: the head with its left modifiers (not its clauses)."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nummod", "nmod", "quantmod", "case"):
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ("compound", "case"):
            end = max(end, child.right_edge.i + 1)
    return start, end


# Modal auxiliaries of the future: a threat announces what will befall its target ("would face", "will be hit").
FUTURE_MODALS = frozenset({"will", "would", "'ll", "shall"})
# Passives that move the speaker's own people or things ("troops would be deployed / sent"): no victim.
SENDING_VERBS = frozenset({"send", "deploy", "dispatch", "station", "move", "mobilize", "mobilise", "post"})


def undergoer_clause_subjects(word: Token, undergoing: frozenset[str]) -> list[Token]:
    """Subjects of a threat's "that"-clause who would undergo the threatened act: "warned that Y would face
    consequences" (a verb of ``undergoing``), "warned that Y would be targeted" (a passive) -> Y. The clause must
    speak of the future (will/would): "warned that Y faces famine" states a danger, not a threat. One clause of
    the word's own children is read, no deeper."""
    for child in word.children:
        if child.dep_ != "ccomp" or child.pos_ not in VERB_POS:
            continue
        if not any(a.dep_ == "aux" and a.lower_ in FUTURE_MODALS for a in child.children):
            continue
        if is_passive(child) and child.lemma_.lower() in SENDING_VERBS:
            continue  # "warned that its troops would be deployed": what is sent is the threatener's own
        keys = PASSIVE_SUBJECTS if is_passive(child) else SUBJECTS if child.lemma_.lower() in undergoing else ()
        found = [t for sub in child.children if sub.dep_ in keys and sub.lower_ not in RELATIVE_PRONOUNS
                 for t in conjuncts(sub)]
        if found:
            return found
    return []
