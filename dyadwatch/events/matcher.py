"""Lexicon matching over the parse: which row of the predicate lexicon a verb or event noun stands for.

Why rows compete by specificity: "decline" alone is REJECT (120), "decline a meeting" is REJECT meet (125) and
"decline comment" is a statement (011); the row that pins down most of the context (particle, object class,
complement) says what the writer meant. The object or complement may itself be an event ("reject the talks",
"threaten to attack"): then the code is derived from that inner event through the CAMEO codebook's parallel
sub-codes (derive.tsv), and the inner event is consumed rather than coded twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.events.lexicon import ACTOR, ANY, EVENT, INF, NONE, SOME, Entry, Lexicon
from dyadwatch.events.syntax import (
    NOUN_POS,
    VERB_POS,
    complement,
    direct_objects,
    modifier_lemmas,
    preps,
    verb_preps,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

# Prepositions whose object names what an event noun is about ("approval of", "request for", "talks on").
NOUN_OBJECT_PREPS = ("of", "for", "on")
AGREEMENT_CODE = "057"  # sign formal agreement: re-derived when the agreement's clause names the agreed act
TIME_ENTS = frozenset({"DATE", "TIME"})  # entity types of time phrases (weekdays, dates, hours)
TIME_POINT_PREPS = frozenset({"on", "at"})  # prepositions of a point in time ("on Monday", "at dawn")


@dataclass(slots=True)
class Match:
    """A lexicon row matched at a token, with the parse positions it was matched on."""

    token: Token
    entry: Entry
    cameo: str
    objects: list[Token]  # what the predicate acts on (direct object, prepositional object, "of" phrase)
    object_is_thing: bool  # the row constrained the object's class: the object is a thing, not the target
    inner: Match | None = None  # the event the code was derived from (complement or event-noun object)
    consumed: set[int] = field(default_factory=set)  # tokens not to code again as events of their own
    derived_from: str | None = None  # "complement" | "object" | "anaphor" | "agreement"
    light_noun: int | None = None  # the event noun a light verb carries ("began a hunger strike")

    def coded(self, prefixes: str | tuple[str, ...]) -> bool:
        """Whether the code, or the matched row's own code, starts with one of ``prefixes``: a code derived from a
        complement or an event-noun object keeps the kind of act its row names."""
        return self.cameo.startswith(prefixes) or self.entry.cameo.startswith(prefixes)


@dataclass(frozen=True, slots=True)
class _Classes:
    """The union of ``Lexicon.in_class`` over some words: ``has(cls)`` is ``any(lex.in_class(cls, w) ...)``."""

    words: frozenset[str]  # dictionary word classes ("@...", "&..."): Lexicon.words
    classes: frozenset[str]  # hand-written classes: Lexicon.classes

    @staticmethod
    def of(lex: Lexicon, words: Sequence[str]) -> _Classes:
        lowered = [w.lower() for w in words]
        return _Classes(frozenset(c for w in lowered for c in lex.words.get(w, ())),
                        frozenset(c for w in lowered for c in lex.classes.get(w, ())))

    @staticmethod
    def union(parts: Sequence[_Classes]) -> _Classes:
        if len(parts) == 1:
            return parts[0]
        return _Classes(frozenset().union(*(p.words for p in parts)), frozenset().union(*(p.classes for p in parts)))

    @staticmethod
    def named(parts: Sequence[_Classes]) -> set[str]:
        """Every ``cls`` for which some part ``has(cls)``: the dictionary classes of ``words``, the hand-written
        ones of ``classes`` (each looked up where ``has`` looks)."""
        out: set[str] = set()
        for part in parts:
            out.update(c for c in part.words if c[:1] in ("@", "&"))
            out.update(c for c in part.classes if c[:1] not in ("@", "&"))
        return out

    def has(self, cls: str) -> bool:
        return cls in (self.words if cls[:1] in ("@", "&") else self.classes)


class Matcher:
    """Finds the best lexicon row for a token; ``is_actor`` says whether a token lies in an actor mention."""

    def __init__(self, lexicon: Lexicon, is_actor: Callable[[Token], bool],
                 referent: Callable[[Token], str | None] | None = None) -> None:
        self.lex = lexicon
        self.is_actor = is_actor
        self.referent = referent  # code of the earlier event a definite event noun refers to, if any
        # An object's classes, by token index (a Matcher lives for one article): a verb's rows, often dozens,
        # each ask for the classes of the same objects.
        self._object_classes: dict[int, tuple[_Classes, _Classes]] = {}

    # ------------------------------------------------------------------------------------------------- classes
    def _classes(self, obj: Token) -> tuple[_Classes, _Classes]:
        """The classes of an object's head words (its lemma and form) and of its modifiers, including those of
        an "of" phrase's object (measure phrases: "5 million dollars of aid", "tons of food")."""
        found = self._object_classes.get(obj.i)
        if found is None:
            lemmas = modifier_lemmas(obj)
            for pobj in preps(obj).get("of", []):
                lemmas.extend(modifier_lemmas(pobj)[:2])
            found = (_Classes.of(self.lex, lemmas[:2]), _Classes.of(self.lex, lemmas[2:]))
            self._object_classes[obj.i] = found
        return found

    def _class_strength(self, cls: str, objects: list[Token], head_counts: bool = True) -> int:
        """0 when no object is of the class; 3 when a modifier says so ("arms package"), 2 for the head noun."""
        best = 0
        for obj in objects:
            head, modifiers = self._classes(obj)
            if modifiers.has(cls):
                return 3
            if head_counts and head.has(cls):
                best = 2
        return best

    def _union(self, objects: list[Token]) -> tuple[_Classes, _Classes]:
        """The head classes and the modifier classes of all ``objects`` together: ``_class_strength(cls, objects)``
        is 3 when the modifiers' union has ``cls``, else 2 when the heads' union has it, else 0."""
        pairs = [self._classes(obj) for obj in objects]
        return _Classes.union([h for h, _ in pairs]), _Classes.union([m for _, m in pairs])

    def _comp_classes(self, comp: Token) -> set[str]:
        lemmas = [comp.lemma_.lower()]
        for child in dependents(comp):
            if child.dep_ in ("dobj", "attr", "prep"):
                lemmas.extend(modifier_lemmas(child))
                if child.dep_ == "prep":
                    for pobj in dependents(child):
                        lemmas.extend(modifier_lemmas(pobj))
        out: set[str] = set()
        for w in lemmas:
            out |= self.lex.classes_of(w)
        return out

    # --------------------------------------------------------------------------------------------------- verbs
    def match_verb(self, verb: Token, depth: int = 0) -> Match | None:
        """The best row for a verb in its context, or None when no row's constraints hold."""
        entries = lookup(self.lex.verbs, verb)
        if not entries or depth > 3:
            return None
        # particles, and prepositions the parser left without an object ("called on X to ...": X is the dobj)
        kids = dependents(verb)
        particles = {c.lemma_.lower() for c in kids if c.dep_ == "prt" or (c.dep_ == "prep" and _objectless(c))}
        pp = preps(verb)
        dobjs = direct_objects(verb)
        comp = complement(verb)
        if comp is None and _takes_complement(entries):
            comp = _adjacent_infinitive(verb)
        comp_classes: set[str] | None = None
        inner_comp: Match | bool | None = False  # False = not computed yet
        dative = "dative" in [c.dep_ for c in kids]
        context: tuple[set[str], set[str]] | None = None  # words before / after the verb, computed on demand
        extended: dict[str, list[Token]] | None = None
        best_in: dict[int, tuple[int, Entry, list[Token], bool]] = {}  # best row per layer (USER, HAND, BASE)
        # A verb's rows (dozens with the base layer) share a few object constraints over the same few object
        # lists: each (constraint, list) is tested once. Keyed by the list's identity: they all live in this call.
        fits: dict[tuple[str, int], tuple[int, bool] | None] = {}
        timeless: dict[str, list[Token]] = {}  # a preposition's objects that are no point in time (see below)
        unions: dict[int, tuple[_Classes, _Classes]] = {}
        plan = _plan(entries)
        if plan.by_class:  # rows with no particle and an object class: only those of a class the objects have
            unions[id(dobjs)] = held = self._union(dobjs)
            picked = [plan.by_class[cls] for cls in _Classes.named(held) if cls in plan.by_class]
            order = sorted([*plan.always, *(k for rows in picked for k in rows)]) if picked else plan.always
            rows_tried: Sequence[Entry] = [entries[k] for k in order]
        else:
            rows_tried = entries
        for entry in rows_tried:
            if entry.prt:
                if entry.prt in particles:
                    objects = dobjs
                elif entry.prt in pp:
                    # a point in time is an adjunct, never the particle's object: "fired on Monday" fires on no
                    # one (a duration may be: "sentenced to ten years"). One filtered list per preposition and
                    # call, kept in ``timeless``: ``fits`` is keyed by list identity, which a temporary list
                    # would hand on to the next one made at the same address.
                    objects = timeless.get(entry.prt)  # type: ignore[assignment]
                    if objects is None:
                        objects = timeless[entry.prt] = [
                            o for o in pp[entry.prt]
                            if entry.prt not in TIME_POINT_PREPS or o.ent_type_ not in TIME_ENTS]
                    if not objects:
                        continue
                else:
                    continue
            else:
                objects = dobjs
            key = (entry.obj, id(objects))
            if key in fits:
                fit = fits[key]
            elif entry.obj in (ACTOR, SOME, NONE, ANY):
                fit = fits[key] = self._object_fit(entry, objects, dative=dative)
            else:  # a class: what ``_object_fit`` gives, from the classes of all the objects at once
                held = unions.get(id(objects))
                if held is None:
                    held = unions[id(objects)] = self._union(objects)
                strength = 3 if held[1].has(entry.obj) else 2 if held[0].has(entry.obj) else 0
                fit = fits[key] = (strength, True) if strength else None
            if fit is None:
                continue
            strength, is_thing = fit
            if entry.comp == EVENT:
                if comp is None:
                    continue
                if inner_comp is False:
                    inner_comp = self.match_verb(comp, depth + 1)
                if inner_comp is None:
                    continue
            elif entry.comp == INF:
                if not _instructs(verb, comp):
                    continue
            elif entry.comp:
                if comp is None:
                    continue
                if comp_classes is None:
                    comp_classes = self._comp_classes(comp)
                if entry.comp not in comp_classes:
                    continue
            if entry.pps or entry.before or entry.after:
                if extended is None:
                    extended = verb_preps(verb)
                if not self._phrases_fit(entry, extended, particles):
                    continue
                if entry.before or entry.after:
                    if context is None:
                        context = _context_words(verb)
                    if not all(any(self.lex.in_class(c, w) for w in context[0]) for c in entry.before) or \
                            not all(any(self.lex.in_class(c, w) for w in context[1]) for c in entry.after):
                        continue
            score = entry.specificity * 10 + strength
            held = best_in.get(entry.tier)
            if held is None or score > held[0]:
                best_in[entry.tier] = (score, entry, objects, is_thing)
        if not best_in:
            return None
        _, entry, objects, is_thing = best_in[min(best_in)]  # the highest layer that matches has its say
        if entry.null:
            return None  # the dictionary's null code: this verb in this context is no event
        match = Match(verb, entry, entry.cameo, objects, is_thing)
        if entry.comp and comp is not None:
            match.consumed.add(comp.i)
        match.consumed.update(o.i for o in objects if o.pos_ in NOUN_POS)
        if entry.derive:
            self._derive(match, comp, depth)
        elif entry.cameo == AGREEMENT_CODE:
            # "reached an agreement to exchange prisoners": the parties commit to the act (CAMEO 03x, PLOVER AGREE:
            # "agree to ... or otherwise indicate commitment to cooperate"), not a signed formal agreement (057)
            for obj in objects:
                self._derive_noun_clause(match, depth, obj, "intent", "agreement")
                if match.inner is not None:
                    break
        return match

    def _phrases_fit(self, entry: Entry, pp: dict[str, list[Token]], particles: set[str]) -> bool:
        """A dictionary row's further prepositional phrases: each preposition there, its object of the class."""
        for prep, cls in entry.pps:
            objs = pp.get(prep)
            if not objs:
                if cls == ANY and prep in particles:
                    continue
                return False
            if cls != ANY and not self._class_strength(cls, objs):
                return False
        return True

    def _derive(self, match: Match, comp: Token | None, depth: int) -> None:
        """Re-code a predicate whose object or complement is an event ("refused to meet", "rejected talks")."""
        entry = match.entry
        inner: Match | None = None
        source = None
        if comp is not None and (comp.dep_ in ("xcomp", "advcl") or entry.derive in ("appeal", "request", "accuse")):
            inner = self.match_verb(comp, depth + 1)
            source = "complement" if inner else None
        if inner is None:
            for obj in match.objects:
                if obj.pos_ in NOUN_POS:
                    # the object, or an event noun modifying it ("mediation efforts", "peace talks")
                    for cand in [obj, *(c for c in dependents(obj) if c.dep_ == "compound" and c.pos_ in NOUN_POS)]:
                        inner = self.match_noun(cand, depth + 1)
                        if inner is not None:
                            break
                    if inner is not None:
                        source = "object"
                        break
        code: str | None = None
        if inner is not None:
            derive = entry.derive
            if derive == "intent" and source == "complement" and any(c.dep_ == "neg" for c in dependents(inner.token)):
                derive = "reject"  # "vowed not to return the territory" is a refusal (12x), not an intent
            code = self.lex.derived(derive, inner.cameo)
        elif self.referent is not None:
            for obj in match.objects:
                ref = self.referent(obj)
                if ref:
                    code = self.lex.derived(entry.derive, ref)
                    source = "anaphor" if code else None
                    break
        if code:
            match.cameo = code
            match.inner = inner
            match.derived_from = source
            if inner is not None:
                match.consumed.add(inner.token.i)
                match.consumed |= inner.consumed
        elif inner is not None and source == "complement":
            # "refused to deploy", "agreed to undertake": the complement is what was refused or agreed, not an
            # event of its own; the predicate keeps its general code
            match.inner = inner
            match.derived_from = None
            match.consumed.add(inner.token.i)
            match.consumed |= inner.consumed

    # --------------------------------------------------------------------------------------------------- nouns
    def noun_objects(self, noun: Token) -> list[Token]:
        pp = preps(noun)
        if "of" not in pp and noun.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
            # "the approval three weeks ago of a package": the parser hangs a late "of" phrase on the verb
            late = [c for c in preps(noun.head).get("of", []) if c.i > noun.i]
            if late and not any(t.pos_ in NOUN_POS and t.dep_ in ("dobj", "pobj", "nsubj")
                                for t in noun.doc[noun.i + 1:late[0].i] if t.head.i != noun.i):
                pp = {**pp, "of": late}
        out: list[Token] = []
        topic_on = "MEETING" in self.lex.classes_of(noun.lemma_)  # "talks on Yemen": the topic, not a party
        for key in NOUN_OBJECT_PREPS:
            if key == "on" and topic_on:
                continue
            out.extend(t for t in pp.get(key, []) if t.pos_ in NOUN_POS | {"PRON"})
        return out

    def _object_fit(self, entry: Entry, objects: list[Token], *, dative: bool = False,
                    own_modifiers: Sequence[str] = ()) -> tuple[int, bool] | None:
        """How well a row's object constraint fits: ``(strength, is_thing)``, or None when it does not fit.

        A dative ("gave Kiev aid") counts as an object for SOME/NONE; a class row is stronger when the event noun's
        own modifiers name the class ("arms sale").
        """
        if entry.obj == ACTOR:
            return (1, False) if any(self.is_actor(o) for o in objects) else None
        if entry.obj == SOME:
            return (0, False) if objects or dative else None
        if entry.obj == NONE:
            return None if objects or dative else (0, False)
        if entry.obj == ANY:
            return (0, False)
        strength = self._class_strength(entry.obj, objects)
        if any(self.lex.in_class(entry.obj, w) for w in own_modifiers):
            strength = max(strength, 3)
        return (strength, True) if strength else None

    def match_noun(self, noun: Token, depth: int = 0) -> Match | None:
        """The best row for an event noun ("approval of an arms package", "visit", "sanctions")."""
        if depth > 3:
            return None
        entries = lookup(self.lex.nouns, noun)
        if not entries:
            return None
        objects = self.noun_objects(noun)
        best: tuple[int, Entry, bool] | None = None
        # the noun's own modifiers count ("arms sale"), the noun itself does not ("package")
        own = modifier_lemmas(noun)[2:]
        for entry in entries:
            fit = self._object_fit(entry, objects, own_modifiers=own)
            if fit is None:
                continue
            strength, is_thing = fit
            score = entry.specificity * 10 + strength
            if best is None or score > best[0]:
                best = (score, entry, is_thing)
        if best is None:
            return None
        _, entry, is_thing = best
        if entry.null:
            return None  # a null row: this noun with this object is no event
        match = Match(noun, entry, entry.cameo, objects, is_thing)
        if entry.derive:
            for obj in objects:
                inner = self.match_noun(obj, depth + 1) if obj.pos_ in NOUN_POS else None
                code = self.lex.derived(entry.derive, inner.cameo) if inner else None
                if code and inner is not None:
                    match.cameo, match.inner, match.derived_from = code, inner, "object"
                    match.consumed.add(inner.token.i)
                    break
            if match.inner is None:
                self._derive_noun_clause(match, depth)
        elif entry.cameo == AGREEMENT_CODE:
            self._derive_noun_clause(match, depth, noun, "intent", "agreement")
        return match

    def _derive_noun_clause(self, match: Match, depth: int, noun: Token | None = None,
                            derive: str | None = None, how: str = "complement") -> None:
        """A content noun's clause says what was asked, offered or proposed ("a request to extradite the
        suspects", "a proposal for signing a trade pact"): its code follows from that act, as for the verb."""
        noun = noun if noun is not None else match.token
        derive = derive or match.entry.derive
        # the parser labels the infinitive "acl" or, with a noun that could be its object, "relcl"
        clauses = [c for c in dependents(noun) if c.dep_ in ("acl", "relcl") and c.pos_ in VERB_POS
                   and any(g.tag_ == "TO" for g in dependents(c)) and not any(g.dep_ == "nsubj" for g in dependents(c))]
        clauses += [g for c in dependents(noun) if c.dep_ == "prep" and c.lower_ in ("for", "of", "on")
                    for g in dependents(c) if g.dep_ in ("pcomp", "pobj") and g.pos_ in VERB_POS]
        for clause in clauses:
            inner = self.match_verb(clause, depth + 1)
            code = self.lex.derived(derive, inner.cameo) if inner is not None else None
            if code and inner is not None:
                match.cameo, match.inner, match.derived_from = code, inner, how
                match.consumed |= {clause.i, *inner.consumed}
                return



def _objectless(prep: Token) -> bool:
    """A preposition the parser left without an object ("called on X to ...")."""
    for g in dependents(prep):
        if g.dep_ == "pobj":
            return False
    return True


def _takes_complement(entries: Sequence[Entry]) -> bool:
    """Whether some row derives its code from a complement or asks for one (a loop, not ``any`` over a
    generator: a verb has dozens of rows and this runs per verb)."""
    for e in entries:
        if e.derive or e.comp:
            return True
    return False


def _instructs(verb: Token, comp: Token | None) -> bool:
    """Whether ``comp`` is an open "to"-infinitive of a verb whose instructor is named: "told X to leave", not
    "told X that ..." (a statement) nor an agentless "X was told to leave" (no party gave the instruction)."""
    if comp is None or comp.dep_ != "xcomp" or not any(c.tag_ == "TO" for c in dependents(comp)):
        return False
    kids = [c.dep_ for c in dependents(verb)]
    return "auxpass" not in kids or "agent" in kids


def _adjacent_infinitive(verb: Token) -> Token | None:
    """A "to"-infinitive right after the verb that the parser hung as an adverbial clause ("have sworn to fight"
    parsed like "came to fight"): for a verb that takes a proposition it is the complement. Only when nothing
    but "to" and adverbs stands between, so purposes ("sent troops to fight") are not read as complements."""
    for child in dependents(verb):
        if child.dep_ != "advcl" or child.pos_ not in VERB_POS or child.i <= verb.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in dependents(child)):
            continue
        between = verb.doc[verb.i + 1:child.i]
        if between and all(t.tag_ == "TO" or t.pos_ in ("ADV", "PART") for t in between) \
                and any(t.tag_ == "TO" for t in between):
            return child
    return None


@dataclass(frozen=True, slots=True)
class _Plan:
    """A verb's rows split for ``match_verb``: the rows with no particle and an object class (most of the base
    layer's dozens per verb) by that class, positions into ``entries``; the others are tried one by one."""

    entries: tuple[Entry, ...]  # held, so the id that keys the plan cannot be reused while the plan is kept
    always: list[int]
    by_class: dict[str, list[int]]


_PLANS: dict[int, _Plan] = {}
_PLANS_MAX = 50_000


def _plan(entries: tuple[Entry, ...]) -> _Plan:
    """The plan of a lexicon's row tuple, made once per tuple (the lexicon's tables do not change)."""
    found = _PLANS.get(id(entries))
    if found is not None and found.entries is entries:  # identity: the lexicon's own tuple, not a token
        return found
    always: list[int] = []
    by_class: dict[str, list[int]] = {}
    for k, entry in enumerate(entries):
        if entry.prt or entry.obj in (ACTOR, SOME, NONE, ANY):
            always.append(k)
        else:
            by_class.setdefault(entry.obj, []).append(k)
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    found = _PLANS[id(entries)] = _Plan(entries, always, by_class)
    return found


def _context_words(verb: Token) -> tuple[set[str], set[str]]:
    """Lemmas and forms before the verb (in its subtree: subject, auxiliaries, negation; and its governing
    verbs: "said ... would attend") and after it inside its subtree, for dictionary rows that name them."""
    before: set[str] = set()
    after: set[str] = set()
    for tok in verb.subtree:
        if tok.i != verb.i:
            (before if tok.i < verb.i else after).update((tok.lemma_.lower(), tok.lower_))
    for depth, tok in enumerate(verb.ancestors):
        if depth >= 3:
            break
        if tok.i < verb.i:
            before.update((tok.lemma_.lower(), tok.lower_))
    return before, after


def lookup(table: dict[str, tuple[Entry, ...]], tok: Token) -> tuple[Entry, ...] | None:
    """Rows for a token by lemma, falling back to the word form and plain suffix stripping.

    Why: the small model mis-lemmatises some inflected verbs ("staged" -> "stag"); the form tells the truth.
    """
    lemma = tok.lemma_.lower()
    found = table.get(lemma)
    if found:
        return found
    form = tok.lower_
    for cand in (form, form[:-1], form[:-2], form[:-3], form[:-2] + "e" if form.endswith("ing") else ""):
        if cand and cand != lemma and (cand + "e" == form[:-1] or cand == form or form.startswith(cand)):
            found = table.get(cand)
            if found:
                return found
    return None
