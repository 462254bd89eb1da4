"""Which other predicates' date phrases govern an event: the structure a date travels along.

A date phrase is written once and read for every predicate that shares its time. English grammar says which
ones (see docs/dates.md):

* **coordination** — verbs coordinated with the dated verb, when their tenses agree: "the journalist had been detained
  and jailed for five years in 2009" dates both; "was arrested in 2011 and now faces trial" does not date the trial;
* **control complements** — "In 2019, X tried to kill Y" dates the killing, unless the governing verb looks
  forward (promise, plan, agree, threaten ...: the complement lies after it);
* **purpose, participial and "while" adjuncts** — "Last May, Chile staged naval drills to show its
  readiness" dates both; "In October, Peru amended the constitution, inserting a clause" dates the inserting;
* **reported complements** — "In June, Egypt declared it was suspending trade with Sudan" dates the suspending when the
  complement's tense is past (simple, progressive, perfect or pluperfect: before or at the report), never
  when it is future or modal ("announced it would cut ties" says nothing of when; the stated intent itself
  takes the announcement's date from ``dyadwatch.dating.statements``);
* **support verbs** — an event noun a verb carries out ("held talks", "used its veto") takes that verb's date;
* **"which/who" clauses set off by a comma** ("ruled against China in 2016, which rejected the ruling"): the
  next act of a participant, in the same year or month (a ``sequence`` link);
* **"where" clauses** on the place of a dated act ("broke out in March in the province, where troops shelled villages");
* **gerunds under a preposition** — "by filling the dam" (means) shares the verb's date; "after withdrawing",
  "accused X of attacking" (sequence) share its year or month, not its day.

The walk only goes from an event up to the predicates that govern it and sideways along coordinations: a date
on a reported or subordinate clause never dates the verb above it (the date of what someone said is not the
date of the saying), except the one case ``attach.attached_dates`` already allows (a past date inside a
to-infinitive).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of
from dyadwatch.document.doccache import span_tokens
from dyadwatch.errors import ConfigError
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

TABLE = ("dating", "complements.json")
MAX_STEPS = 4  # a date travels at most this many links: beyond it, another time is more likely than the same
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN"})
# Roles in which an event noun names what its verb does ("held talks", "the talks were held", "gave a warning").
CARRIED_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
# Tense groups a date may cross in a coordination: past with past (simple or pluperfect), like with like.
PAST = frozenset({"past", "pluperfect"})


@lru_cache(maxsize=1)
def complement_words() -> MappingProxyType[str, frozenset[str]]:
    """The word classes of ``data/dating/complements.json`` (forward-looking governors, auxiliaries...)."""
    path = data_path(*TABLE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"dating table {path} cannot be read ({err}); reinstall dyadwatch") from err
    return MappingProxyType({k: frozenset(v) for k, v in raw.items() if isinstance(v, list)})


def tense(tok: Token) -> str:
    """The tense a verb is written in: future (any modal), pluperfect, perfect, past, present or nonfinite.

    Nonfinite covers infinitives, bare participles ("detained and jailed") and gerunds: they take the time of
    whatever governs them.
    """
    aux = [c for c in dependents(tok) if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in complement_words()["future_auxiliaries"] for a in aux):
        return "future"
    if any(a.lower_ == "going" for a in aux) and any(c.tag_ == "TO" for c in dependents(tok)):
        return "future"
    if any(a.lemma_.lower() == "have" and a.tag_ == "VBD" for a in aux):
        return "pluperfect"
    if any(a.lemma_.lower() == "have" and a.tag_ in ("VBZ", "VBP") for a in aux):
        return "perfect"
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if tok.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    if tok.tag_ == "VBN" and not aux and any(c.dep_ == "nsubj" for c in dependents(tok)):
        # A participle with its own subject and no auxiliary is a finite past: "the militia captured the city"
        # (tagged as a participle), "a guard was shot and two porters hurt" (the auxiliary left out).
        return "past"
    return "nonfinite"


def tenses_agree(a: Token, b: Token) -> bool:
    """Whether two coordinated verbs can share one date phrase."""
    ta, tb = tense(a), tense(b)
    if ta == tb or "nonfinite" in (ta, tb):
        return True
    return ta in PAST and tb in PAST


def _mark(tok: Token) -> str | None:
    for c in dependents(tok):
        if c.dep_ == "mark" or (c.dep_ == "advmod" and c.i < tok.i and c.tag_ == "WRB"):
            return c.lower_
    return None


def _up(tok: Token) -> tuple[Token, str] | None:
    """The predicate whose time ``tok``'s clause shares, and the link's name, or None."""
    head = head_of(tok)
    if head.i == tok.i:
        return None
    dep = tok.dep_
    words = complement_words()
    if tok.pos_ in NOMINAL:
        if dep in CARRIED_DEPS and head.pos_ in VERBAL:
            return head, "support-verb"
        if dep == "nsubj" and head.pos_ in VERBAL and tense(head) in (PAST | {"perfect", "nonfinite"}):
            return head, "support-verb"  # "talks had collapsed", "clashes broke out"
        if dep == "pobj" and head.lower_ in words["carrying_prepositions"] and head_of(head).pos_ in VERBAL:
            return head_of(head), "support-verb"  # "took part in exercises", "responded with strikes"
        if dep == "conj" and head.pos_ in NOMINAL:
            return head, "conj"
        return None
    gerund = tok.tag_ == "VBG" or any(c.lower_ == "being" and c.dep_ == "auxpass" for c in dependents(tok))
    if dep == "pcomp" and gerund and head.dep_ == "prep" and head_of(head).pos_ in VERBAL:
        # "imposed sanctions in 2018 after withdrawing from the deal", "accused X of attacking": a gerund under
        # a preposition of the verb happens in the same period, just before or after it (see ``SEQUENCE``).
        return head_of(head), "sequence" if head.lower_ in words["sequence_prepositions"] else "means"
    if dep == "acl" and tok.tag_ == "VBG" and head.dep_ in ("nsubj", "nsubjpass") and head_of(head).pos_ in VERBAL:
        return head_of(head), "participle"  # "Kenya, citing threats, closed the border"
    if dep == "relcl" and head.dep_ == "pobj" and head_of(head).dep_ == "prep" \
            and head_of(head_of(head)).pos_ in VERBAL \
            and any(c.lower_ == "where" for c in dependents(tok)) and tense(tok) in PAST:
        # "fighting broke out in March in the province, where troops shelled villages"
        return head_of(head_of(head)), "where"
    if dep == "relcl" and _non_restrictive(tok) and tense(tok) == "past":
        verb = _verb_above(head)
        if verb is not None:
            return verb, "sequence"  # "ruled against China in 2016, which rejected the ruling": told in order
    if tok.pos_ not in VERBAL or head.pos_ not in VERBAL:
        return None
    t = tense(tok)
    if dep == "conj":
        return (head, "conj") if tenses_agree(tok, head) else None
    if t == "future":
        return None
    if dep == "xcomp":
        return None if head.lemma_.lower() in words["forward_governors"] else (head, "control")
    if dep == "advcl":
        mark = _mark(tok)
        if any(c.tag_ == "TO" for c in dependents(tok)) and mark in (None, "in", "so"):
            return head, "purpose"
        if mark is None and tok.tag_ in ("VBG", "VBN") and t == "nonfinite":
            return head, "participle"
        if mark in words["simultaneous_subordinators"] and t in (PAST | {"nonfinite"}):
            return head, "same-time"
        return None
    if dep == "ccomp":
        if head.lemma_.lower() in words["forward_governors"] or t not in (PAST | {"perfect"}):
            return None
        return head, "reported:past-perfect" if t == "pluperfect" else "reported"
    return None


# Punctuation that sets a "which/who" clause off from what it comments on: a comma, or a dash ("a tribunal
# ruled against Chile in May -- which Santiago rejected").
SETTING_OFF = frozenset({",", "-", "--", "\u2014", "\u2013"})
# How far ``enclosing`` climbs from an event to the predicate whose date it may share.
MAX_CLIMB = 12


def _non_restrictive(tok: Token) -> bool:
    """A "which/who" clause set off by a comma or a dash: it tells the next thing about a participant, not who it is."""
    left = tok.left_edge
    return left.i > 0 and tok.doc[left.i - 1].text in SETTING_OFF and left.lower_ in ("which", "who")


def _verb_above(noun: Token) -> Token | None:
    """The verb whose argument ``noun`` is (its object, subject, or the object of its preposition).

    A noun inside another noun's phrase ("in a statement in June", "the Esperanza, a trawler") is the argument
    of the verb its phrase belongs to: the walk climbs prepositions, appositions and coordinations of nouns.
    """
    for _ in range(MAX_STEPS):
        if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and head_of(noun).pos_ in VERBAL:
            return head_of(noun)
        if noun.dep_ == "pobj" and head_of(noun).dep_ == "prep":
            if head_of(head_of(noun)).pos_ in VERBAL:
                return head_of(head_of(noun))
            noun = head_of(head_of(noun))
        elif noun.dep_ in ("appos", "conj") and head_of(noun).pos_ in NOMINAL:
            noun = head_of(noun)
        else:
            return None
    return None


def _sideways(tok: Token) -> Iterator[tuple[Token, str]]:
    """Clauses below ``tok`` that share its time: later conjuncts ("detained and jailed in 2009"), clauses
    joined by a semicolon, "when/while/as" clauses ("When Russia invaded in 2014, Japan imposed sanctions",
    "was seized while sailing near the strait in May"), a fronted passive participle ("Wounded near the
    border in 1981, the officer was taken prisoner") and a participle of result ("shelled the post, killing
    twelve soldiers in March": what the act caused happened with it)."""
    if tok.pos_ not in VERBAL and tok.pos_ not in NOMINAL:
        return
    words = complement_words()
    if tok.pos_ in VERBAL and tense(tok) in PAST:
        yield from _subject_occasions(tok)
        yield from _place_occasions(tok)
        yield from _fronted_when(tok)
        if tok.lemma_.lower() in words["reaction_verbs"]:
            yield from _reacted_to(tok)
    shared = tok.dep_ == "conj" and head_of(tok).pos_ in VERBAL and tense(tok) == "nonfinite"  # "have been jailed
    # or deported since ...": the second participle shares the first one's auxiliaries
    if tok.pos_ in VERBAL and (tense(tok) == "perfect" or (shared and tense(head_of(tok)) == "perfect")):
        for c in dependents(tok):  # "has attacked posts since its troops crossed on 3 April": the span's start
            if c.dep_ == "advcl" and _mark(c) == "since" and c.pos_ in VERBAL:
                yield c, "since-clause"
    if tok.pos_ in NOMINAL:
        for c in dependents(tok):  # "the raids, in which forty died in May": what happened in the act, happened then
            if c.dep_ == "relcl" and c.pos_ in VERBAL and tense(c) in PAST and _in_which(c):
                yield c, "where"
    for c in dependents(tok):
        if c.dep_ == "conj":
            if tok.pos_ in VERBAL and c.pos_ in VERBAL and tenses_agree(tok, c):
                yield c, "conj"
            elif tok.pos_ in NOMINAL and c.pos_ in NOMINAL:
                yield c, "conj"
        elif tok.pos_ in VERBAL and c.pos_ in VERBAL and tense(c) in PAST and tense(tok) in PAST:
            if c.dep_ == "advcl" and _mark(c) in words["simultaneous_subordinators"]:
                yield c, "same-time"
            elif c.dep_ in ("ccomp", "parataxis") and _semicolon_between(c, tok):
                yield c, "conj"
        elif tok.pos_ in VERBAL and c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and _mark(c) is None \
                and c.i > tok.i and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text != "," \
                and tense(tok) in PAST and tok.lemma_.lower() not in words["forward_governors"] \
                and not any(g.dep_.startswith("nsubj") for g in dependents(c)):
            yield c, "participle"  # "was captured fighting in the hills in May": no comma, the same moment
        elif tok.pos_ in VERBAL and c.dep_ == "advcl" and c.tag_ == "VBG" and _mark(c) is None and c.i > tok.i \
                and c.lemma_.lower() in words["result_participles"] and tense(tok) in PAST \
                and not any(g.dep_.startswith("nsubj") for g in dependents(c)):
            yield c, "result"  # "shelled the post, killing twelve soldiers in March": the act and what it caused
        elif tok.pos_ in VERBAL and c.dep_ == "advcl" and c.tag_ == "VBG" and _mark(c) is None and c.i > tok.i \
                and c.lemma_.lower() in words["statement_verbs"] and tense(tok) in PAST \
                and not any(g.dep_.startswith("nsubj") for g in dependents(c)):
            yield c, "statement"  # "rejected the warrant, telling reporters on Wednesday ...": said as it was done
        elif tok.pos_ in VERBAL and c.dep_ == "advcl" and c.tag_ == "VBG" and _mark(c) is None \
                and c.left_edge.i == c.sent.start and c.right_edge.i < tok.i and tense(tok) in PAST \
                and not any(g.dep_.startswith("nsubj") or g.lower_ == "having" for g in dependents(c)):
            yield c, "participle"  # "Speaking in Lima on Tuesday, the envoy said ...": the frame of the act
        elif tok.pos_ in VERBAL and c.dep_ == "advcl" and tense(c) == "nonfinite" \
                and tense(tok) in (PAST | {"nonfinite"}):
            if _mark(c) in ("while", "when", "as") and c.tag_ == "VBG":
                yield c, "same-time"  # "was seized while sailing near the strait in May"
            elif _mark(c) is None and c.tag_ in ("VBN", "VBD", "VB") and c.left_edge.i == c.sent.start < tok.i \
                    and not any(g.dep_.startswith("nsubj") or g.dep_ in ("aux", "auxpass") for g in dependents(c)):
                yield c, "participle"  # "Wounded near the border in 1981, the officer was taken prisoner"


def _in_which(clause: Token) -> bool:
    """A relative clause that tells what happened inside its noun: "where", "in which", "during which"."""
    if any(c.lower_ == "where" and c.dep_ == "advmod" for c in dependents(clause)):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("in", "during") and any(g.lower_ == "which" for g in dependents(c))
               for c in dependents(clause))


def _subject_occasions(verb: Token) -> Iterator[tuple[Token, str]]:
    """A clause on the verb's subject that says when the subject happened ("The raid, which took place in March,
    killed twelve soldiers"; "The drills, held in May, alarmed Peru"): what an event does, it does then."""
    occurrence = complement_words()["occurrence_verbs"]
    for subject in dependents(verb):
        if subject.dep_ not in ("nsubj", "nsubjpass") or subject.pos_ not in NOMINAL:
            continue
        for c in dependents(subject):
            if c.dep_ not in ("relcl", "acl"):
                continue
            if c.dep_ == "acl" and c.tag_ != "VBN":
                continue  # "held in May" (what was done to it), not "the raid killing ..."
            if _past_occurrence(c, occurrence):
                yield c, "subject-occasion"


def _reacted_to(verb: Token) -> Iterator[tuple[Token, str]]:
    """A reaction to an act the object names with its own date ("denounced the raid conducted on 9 August",
    "denounced the raid that took place in May"): the reaction follows it, in the same year or month."""
    occurrence = complement_words()["occurrence_verbs"]
    for obj in dependents(verb):
        if obj.dep_ != "dobj" or obj.pos_ not in NOMINAL:
            continue
        for c in dependents(obj):
            if c.dep_ in ("acl", "relcl") and _past_occurrence(c, occurrence):
                yield c, "reaction"


def _fronted_when(root: Token) -> Iterator[tuple[Token, str]]:
    """A sentence that opens with a "when / while / as" clause is framed by it ("So when the council announced, in
    April 2012, that the park would close, residents protested"), even where the parser hung that clause on a
    verb inside the reported complement instead of on the main verb."""
    if root.dep_ != "ROOT":
        return
    sent = root.sent
    for word in span_tokens(sent)[:3]:
        if word.lower_ in complement_words()["simultaneous_subordinators"] and word.dep_ in ("advmod", "mark"):
            clause = head_of(word)
            if clause.i < root.i and head_of(clause).i != root.i and clause.pos_ in VERBAL and tense(clause) in PAST \
                    and clause.dep_ == "advcl":
                yield clause, "same-time"
            return


def _place_occasions(verb: Token) -> Iterator[tuple[Token, str]]:
    """A "where" clause on the place of the act that says when "the shooting" happened there ("police shot two
    smugglers at the plaza, where the shooting happened on 4 March"): the definite event noun takes the act
    up again, so the clause dates it; "guards were hurt as the raiders left the depot, where ..." too). Only
    places in the phrases of the verb and of the past clauses right below it, three links deep."""
    occurrence = complement_words()["occurrence_verbs"]
    frontier = [verb, *(c for c in dependents(verb) if c.dep_ in ("advcl", "conj") and c.pos_ in VERBAL
                        and tense(c) in PAST)]
    frontier += [g for c in frontier[1:] for g in dependents(c) if g.dep_ in ("advcl", "conj") and g.pos_ in VERBAL
                 and tense(g) in PAST]
    for _ in range(3):  # verb -> (prep ->) noun (-> prep -> noun): bounded
        nouns = [g for t in frontier for c in dependents(t)
                 for g in ((c,) if c.dep_ == "dobj" else dependents(c) if c.dep_ == "prep" else ())
                 if g.dep_ in ("pobj", "dobj") and g.pos_ in NOMINAL]
        for noun in nouns:
            for c in (*dependents(noun), *(g for k in dependents(noun) if k.dep_ in ("prep", "conj", "appos")
                                       for g in dependents(k))):
                if c.dep_ != "relcl" or not any(w.lower_ == "where" and w.dep_ == "advmod" for w in dependents(c)):
                    continue
                subject = next((g for g in dependents(c) if g.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ == "NOUN" and tense(c) in PAST \
                        and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in dependents(subject)) \
                        and _past_occurrence(c, occurrence):
                    yield c, "where-occasion"
        frontier = nouns


def _past_occurrence(clause: Token, occurrence: frozenset[str]) -> bool:
    """A past or nonfinite clause whose verb says its noun happened ("conducted", "held"; "take" only in "take
    place")."""
    lemma = clause.lemma_.lower()
    if lemma not in occurrence or (lemma == "take" and not any(g.lower_ == "place" for g in dependents(clause))):
        return False
    return tense(clause) in (PAST | {"nonfinite"})


def _semicolon_between(a: Token, b: Token) -> bool:
    """Two clauses written side by side with a semicolon or colon (a parser often hangs one on the other)."""
    doc = a.doc
    gap = range(a.right_edge.i + 1, b.i) if a.i < b.i else range(b.i + 1, a.left_edge.i)
    return any(doc[j].text in (";", ":") for j in gap)


def governors(root: Token) -> list[tuple[Token, str]]:
    """Predicates whose date phrases may date ``root``'s event, nearest first, each with the path's link names.

    Breadth first over upward links (``_up``) and coordinations in both directions, at most ``MAX_STEPS``
    links, each token once; ``root`` itself is not listed (its own clause is read by ``attach``).
    """
    seen = {root.i}
    out: list[tuple[Token, str]] = []
    queue: deque[tuple[Token, str, int]] = deque([(root, "", 0)])
    while queue:
        tok, path, depth = queue.popleft()
        if depth >= MAX_STEPS:
            continue
        links = list(_sideways(tok))
        up = _up(tok)
        if up is not None:
            links.append(up)
        for nxt, link in links:
            if nxt.i in seen:
                continue
            seen.add(nxt.i)
            name = f"{path}+{link}" if path else link
            out.append((nxt, name))
            queue.append((nxt, name, depth + 1))
    return out


def enclosing(root: Token) -> list[tuple[Token, bool]]:
    """The verbs above ``root`` whose past time its event shares, nearest first, each with "told as before it".

    The last resort of the structure walk, for an event deep inside a retold story: "Ties worsened in 2013
    after Peruvian marines boarded a trawler that belonged to a fleet trying to evade a Chilean **embargo**".
    Every verb from the event up to the dated one must be past, pluperfect or nonfinite: a present, perfect,
    future or modal verb on the way (or the complement of a forward-looking governor, or the infinitive of an
    aim: "launched a bid to get Bolivia to drop its claim") says its event is not in that past, and the climb
    stops. The flag is True once a pluperfect verb lies on the way below the dated verb ("deported refugees
    who **had fled** the war"): its event lies before that date, by an unknown span.
    """
    words = complement_words()
    out: list[tuple[Token, bool]] = []
    earlier = False
    tok = root
    for _ in range(MAX_CLIMB):
        if tok.pos_ in VERBAL:
            t = tense(tok)
            if t not in (PAST | {"nonfinite"}):
                return out
            if tok.i != root.i:
                out.append((tok, earlier))
            earlier = earlier or t == "pluperfect"
        head = head_of(tok)
        if head.i == tok.i:
            break
        if tok.dep_ == "xcomp" and head.lemma_.lower() in words["forward_governors"]:
            return out
        if tok.dep_ == "acl" and any(c.tag_ == "TO" for c in dependents(tok)):
            return out  # "a bid to get X to drop", "a plan to": the aim a noun names lies ahead
        tok = head
    if tok.pos_ in NOMINAL and head_of(tok).i == tok.i and tok.i != root.i:
        out.append((tok, earlier))  # a sentence without a main verb (or one the parser lost): its dates frame all
    return out


ENDING_VERBS = frozenset({"end", "finish", "conclude", "close"})


def ended_occasion(root: Token) -> Token | None:
    """The clause saying when the occasion of an act ended ("killed in the fighting at the camp, which ended in
    September"): an act inside an occasion lies before its end, so the end bounds it (a bound, not its date).

    The occasion is the noun of the verb's "in / during" phrase; the "which ended" clause may hang on it or, as
    the parser often puts it, on a noun of its own phrase ("the fighting at the camp which ended"), two links deep.
    """
    if root.pos_ not in VERBAL or tense(root) not in PAST:
        return None
    for prep in dependents(root):
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "amid"):
            continue
        nouns = [g for g in dependents(prep) if g.dep_ == "pobj" and g.pos_ in NOMINAL]
        for _ in range(3):
            for noun in nouns:
                for c in dependents(noun):
                    if c.dep_ == "relcl" and c.lemma_.lower() in ENDING_VERBS and tense(c) in PAST \
                            and not any(g.dep_ in ("dobj", "nsubjpass") for g in dependents(c)):
                        return c  # "which ended" (intransitive), not "which ended the truce"
            nouns = [g for n in nouns for p in dependents(n) if p.dep_ == "prep" for g in dependents(p)
                     if g.dep_ == "pobj" and g.pos_ in NOMINAL]
    return None


def aimed_from(root: Token) -> list[Token]:
    """The past verbs above an event that lies in what they aim at, nearest first ([] when it lies in no aim).

    "In 1994 the informer wrote to the police, saying he wanted to **sell** names"; "shelled the harbour in
    2003, hoping to break the **blockade**": a plan, wish or aim told of an old act (a forward-looking governor's
    complement, an infinitive of purpose on a noun or a verb) is no later than its story: whatever came of it is
    not today's news. ``enclosing`` stops at such a complement (its date is not the governor's); this walk goes
    on through it, with the same tense conditions on every verb.
    """
    words = complement_words()
    out: list[Token] = []
    aimed = False
    tok = root
    for _ in range(MAX_CLIMB):
        if tok.pos_ in VERBAL:
            t = tense(tok)
            if t not in (PAST | {"nonfinite"}):
                return out
            if aimed and t in PAST:
                out.append(tok)
        head = head_of(tok)
        if head.i == tok.i:
            break
        if (tok.dep_ == "xcomp" and head.lemma_.lower() in words["forward_governors"]) or (
                tok.dep_ in ("acl", "advcl") and any(c.tag_ == "TO" for c in dependents(tok))):
            aimed = True
        tok = head
    return out


COARSE_LINKS = frozenset({"sequence", "reaction"})


def fine_enough(path: str, precision: str) -> bool:
    """A "sequence" or "reaction" link puts an event just before or after its governor: in the same year or month,
    not day."""
    return not (COARSE_LINKS & set(path.split("+"))) or precision not in ("day", "week")


def first_link(path: str) -> str:
    """The kind of structure a date came along, for the event's rule ("reported+conj" -> "reported")."""
    return path.split("+", 1)[0]
