"""The event coder: every lexicon predicate in a parsed article, with its actors, status and quantities.

Why verbs first, then nouns: a verb's object often names an event ("declined a meeting", "condemned the
deal"); the verb consumes it, so the noun is coded as an event of its own only when nothing else took it and
it names its own actors ("Pelosi's 2022 visit to Taiwan", "a meeting between A and B").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyadwatch.events import modality as mod
from dyadwatch.events.arguments import DEPLOY_VERBS, TARGET_PREPS, Arg, Arguments, same_actor
from dyadwatch.events.matcher import Match, Matcher
from dyadwatch.events.quantities import counts, money
from dyadwatch.events.syntax import NOUN_POS, VERB_POS, is_passive, logical_subjects, passive_subjects, preps
from dyadwatch.pipeline.analysis import EventCandidate

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.lexicon import Lexicon
    from dyadwatch.ontology import Ontology
    from dyadwatch.pipeline.analysis import Analysis

# CAMEO roots of events that are symmetric when the text coordinates both sides ("A and B met / clashed").
SYMMETRIC_ROOTS = ("03", "04", "05", "06", "19")
MAX_PAIRS = 6
DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
# Roots of what can be received from someone ("received weapons / assurances / criticism from X").
RECEIVED_ROOTS = ("03", "05", "07", "10", "11", "13", "16")
# Subordinators of temporal/causal clauses that tell what had already happened.
TEMPORAL_MARKS = frozenset({"after", "when", "as", "since", "while", "because", "once", "following"})
REFERENT_WINDOW = 6  # sentences back that a definite event noun may refer to
# A noun inside one of these named entities names something ("the Chinese Civil War", "the Peace Accord
# Commission"), not an event the text reports.
NAMED = frozenset({"EVENT", "WORK_OF_ART", "LAW", "ORG", "FAC", "PRODUCT"})
# Prepositions that put an earlier event in sequence with the reported one ("cut ties after the visit"): the
# writer makes that event part of the story, so it is coded even inside a sentence that reports another act.
SEQUENCE_PREPS = frozenset({"after", "following", "before", "prior"})
# ... and the multi-word prepositions that give an event as the cause ("closed the border because of fighting").
CAUSE_PREPS = frozenset({"because", "due", "owing"})


@dataclass(slots=True)
class Found:
    """An event found in the parse, before it becomes one ``EventCandidate`` per source-target pair."""

    match: Match
    sentence: int
    sources: list[Arg]
    targets: list[Arg]
    nominal: bool
    status: mod.Status
    notes: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.75

    @property
    def cameo(self) -> str:
        return self.match.cameo


class Coder:
    """Turns an analysed article (parse + actor mentions) into event candidates."""

    def __init__(self, lexicon: Lexicon, ontology: Ontology) -> None:
        self.lex = lexicon
        self.ont = ontology
        self.irrealis = mod.irrealis_lemmas(lexicon)
        self.person_nouns = frozenset(w for w, classes in lexicon.classes.items() if "PERSON" in classes)
        people = {"PERSON", "TROOPS", "POLICE", "DIPLOMAT", "PRISONER", "INSPECTOR", "PEACEKEEPER", "MEDIATOR",
                  "RESPONSIBILITY"}  # reports and statements may allege, deny, accuse
        self.thing_nouns = frozenset(w for w, classes in lexicon.classes.items() if not classes & people)

    def code(self, analysis: Analysis) -> list[EventCandidate]:
        assert analysis.doc is not None, "the parse stage must run before events"
        args = Arguments(analysis, self.person_nouns, frozenset(self.lex.nouns), self.thing_nouns)
        found: list[Found] = []

        def referent(tok: Token) -> str | None:
            ref = self._referent(tok, args, found, analysis.sentence_of(tok.i))
            return ref.cameo if ref is not None else None

        matcher = Matcher(self.lex, args.is_actor, referent)
        for index in range(len(analysis.sent_starts)):
            sent = analysis.sentence_tokens(index)
            consumed: set[int] = set()
            verbal: list[tuple[Match, Token]] = []
            for tok in sent:
                if tok.pos_ in VERB_POS and tok.i not in consumed:
                    match = matcher.match_verb(tok) or self._light_verb(tok, matcher) \
                        or self._reported_duty(tok, args) or self._wanted(tok, args, matcher)
                    if match is not None:
                        verbal.append((match, tok))
                        consumed |= match.consumed
            here: list[Found] = []
            for match, tok in verbal:
                if tok.i in consumed or any(a.i in consumed and a.pos_ in VERB_POS for a in tok.ancestors):
                    # an earlier verb's complement ("refused to meet"), or inside one ("refused to let the planes
                    # land and evacuate the wounded"): coded inside that verb's event
                    continue
                event = self._verbal(match, index, args, found, matcher)
                if event is not None:
                    found.append(event)
                    here.append(event)
                    consumed |= match.consumed
            if any(not self._background(e.match.token) for e in here):
                for event in here:
                    if self._background(event.match.token):
                        found.remove(event)
            governors = {e.match.token.i for e in here if e in found}
            for tok in sent:
                if tok.pos_ in NOUN_POS and tok.i not in consumed and tok.ent_type_ not in NAMED:
                    if self._scene_setting(tok, governors):
                        continue
                    match = matcher.match_noun(tok)
                    if match is None:
                        continue
                    consumed |= match.consumed
                    event = self._nominal(match, index, args)
                    if event is not None:
                        found.append(event)
            self._fold_protest_claims(found, index)
        return [c for event in found for c in self._candidates(analysis, event)]

    def _light_verb(self, verb: Token, matcher: Matcher) -> Match | None:
        """"began a hunger strike", "engaged in ethnic cleansing": the event is the noun's, the actor the verb's.

        The match keeps the noun's row and code but sits at the verb, so subject, status and tense are the verb's.
        """
        # the form as well as the lemma: the small model lemmatises "staged" as "stag"
        kinds = self.lex.kinds(verb.lemma_.lower()) | self.lex.kinds(verb.lower_) | self.lex.kinds(verb.lower_[:-1])
        if not kinds & {"light", "motion"}:
            return None
        objects: list[Token] = []
        if "light" in kinds:
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "on")
                        for g in c.children if g.dep_ == "pobj"]
        if "motion" in kinds:  # "returned to Geneva for talks with X": the trip is for a meeting
            objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                        for g in c.children if g.dep_ == "pobj" and "MEETING" in self.lex.classes_of(g.lemma_)]
        for obj in objects:
            if obj.pos_ not in NOUN_POS or obj.ent_type_ in NAMED:
                continue
            inner = matcher.match_noun(obj)
            if inner is None:
                continue
            others = [c for c in verb.children if c.dep_ == "dobj" and c.i != obj.i]  # "engaged X in a firefight"
            match = Match(verb, inner.entry, inner.cameo, others + inner.objects, inner.object_is_thing and not others,
                          inner.inner, {obj.i, *inner.consumed}, inner.derived_from)
            match.light_noun = obj.i
            return match
        for obj in objects:  # "took steps to ease the curfew": the steps are the easing, done by the taker
            if "means" not in self.lex.kinds(obj.lemma_.lower()):
                continue
            for acl in obj.children:
                if acl.dep_ == "acl" and acl.pos_ in VERB_POS and any(c.tag_ == "TO" for c in acl.children):
                    inner = matcher.match_verb(acl)
                    if inner is not None:
                        match = Match(verb, inner.entry, inner.cameo, inner.objects, inner.object_is_thing,
                                      inner.inner, {obj.i, acl.i, *inner.consumed}, inner.derived_from)
                        match.light_noun = obj.i
                        return match
        return None

    @staticmethod
    def _scene_setting(noun: Token, governors: set[int]) -> bool:
        """An event noun in a prepositional phrase under the sentence's reported act is what that act is about or
        when it happened ("complained over two air raids", "refused to join the war", "hiding since the
        invasion"), not a new event: the raid or war was reported when it happened. Nouns the text puts in
        sequence with the act ("after Pelosi's visit", "following the attack") stay: they are part of the story.
        """
        if not governors or noun.dep_ != "pobj" or noun.head.lower_ in SEQUENCE_PREPS:
            return False
        if noun.head.lower_ in CAUSE_PREPS or (noun.head.lower_ in ("of", "to")
                                               and noun.head.head.lower_ in CAUSE_PREPS):
            return False
        return any(a.i in governors for a in noun.ancestors)

    @staticmethod
    def _background(tok: Token) -> bool:
        """Whether a verb lies in a clause that sets the scene for the sentence's main event rather than reporting
        a new one: a relative clause on a participant other than the subject ("demanded the return of a helicopter
        that was captured last week", "refugees whom they blame") or a finite past-tense temporal clause
        ("..., one day after a jet shot down a helicopter").

        Such events are told as known background (and are usually reported on their own elsewhere); coding them
        again beside the main event counts one event twice. They are kept when the sentence has no other event.
        """
        t = tok
        while t.head.i != t.i:
            if t.dep_ == "relcl" and t.head.dep_ not in ("nsubj", "nsubjpass"):
                return True  # a relative clause on the subject ("Sudan, which expelled ...") tells more of its acts
            if t.dep_ == "advcl" and (t.tag_ in ("VBD", "VBN") or any(
                    c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in t.children)) \
                    and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in t.children):
                return True
            t = t.head
        return False

    def _wanted(self, verb: Token, args: Arguments, matcher: Matcher) -> Match | None:
        """"X wants Y to pay compensation": X appeals to Y (CAMEO 02x, derived from what Y is to do); "X wants
        to buy tanks" (no second party) stays X's intention, handled as modality."""
        if "wish" not in self.lex.kinds(verb.lemma_.lower()):
            return None
        for comp in verb.children:
            if comp.dep_ != "ccomp" or comp.pos_ not in VERB_POS or not any(c.tag_ == "TO" for c in comp.children):
                continue
            subjects = [c for c in comp.children if c.dep_ == "nsubj"]
            if not subjects or not all(args.is_actor(s) for s in subjects):
                continue
            entry = next((e for e in self.lex.verbs.get("appeal", ()) if not e.prt), None)
            if entry is None:
                return None
            match = Match(verb, entry, entry.cameo, subjects, False, consumed={comp.i})
            inner = matcher.match_verb(comp)
            if inner is not None:
                match.inner, match.derived_from = inner, "complement"
                match.cameo = self.lex.derived("appeal", inner.cameo) or entry.cameo
                match.consumed |= inner.consumed
            return match
        return None

    def _reported_duty(self, verb: Token, args: Arguments) -> Match | None:
        """"X said Y must drop its barriers": X demands something of Y even when the demanded act is not in the
        lexicon. The clause is coded as a general demand (100) at its verb; ``_reported_obligation`` then makes
        the speaker the source and the clause's subject the target.
        """
        if not any(c.dep_ == "aux" and c.tag_ == "MD" and "obligation" in self.lex.kinds(c.lower_)
                   for c in verb.children):
            return None
        if verb.dep_ != "ccomp" or "speech" not in self.lex.kinds(verb.head.lemma_.lower()):
            return None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or not all(args.is_actor(s) for s in subjects):
            return None
        entry = next((e for e in self.lex.verbs.get("demand", ()) if e.cameo == "100"), None)
        if entry is None:
            return None
        return Match(verb, entry, entry.cameo, [], False)

    def _fold_protest_claims(self, found: list[Found], sentence: int) -> None:
        """A demand voiced by a protest ("rioted, demanding reform") is the protest's claim, not a second event.

        CAMEO codes it as the protest's sub-code (1411-1414 ...); the demand's code is kept in the protest's notes.
        Likewise the damage a riot does ("rioted, setting fire to cars") is how the riot went (145 "protest
        violently, riot"), kept in the riot's notes rather than coded as a second, unrelated assault.
        """
        here = [e for e in found if e.sentence == sentence]
        protests = {e.match.token.i: e for e in here if e.cameo.startswith("14")}
        if not protests:
            return
        for event in list(here):
            violent = event.cameo.startswith(("171", "18")) and event.match.token.dep_ in ("advcl", "conj")
            if not (event.cameo.startswith(("10", "02")) or violent):
                continue
            tok = event.match.token
            for _ in range(3):
                if tok.head.i == tok.i:
                    break
                tok = tok.head
                protest = protests.get(tok.i)
                if protest is not None and violent:
                    if protest.cameo.startswith("145"):  # "rioted, setting fire to ...": how the riot went
                        protest.notes.setdefault("riot_acts_cameo", []).append(event.cameo)
                        found.remove(event)
                    break
                if protest is not None:
                    protest.notes["claim_cameo"] = event.cameo
                    if not protest.targets and event.targets:  # whom the protesters' demand is addressed to
                        protest.targets = list(event.targets)
                        protest.notes["target_from"] = "claim"
                    found.remove(event)
                    break

    # ------------------------------------------------------------------------------------------------ verbs
    def _verbal(self, match: Match, sentence: int, args: Arguments, found: list[Found],
                matcher: Matcher | None = None) -> Found | None:
        verb = match.token
        sources = args.subjects(logical_subjects(verb))
        if "recipient" in self.lex.kinds(verb.lemma_.lower()) and match.cameo.startswith(RECEIVED_ROOTS):
            return self._received(match, sentence, args, sources)
        if not sources and match.light_noun is not None:
            sources = args.subjects(passive_subjects(verb))  # "forces were engaged in ethnic cleansing"
        if not sources and is_passive(verb):
            # "killed in an Israeli air strike": the owner of the event that did it is the agent
            for key in ("in", "during", "by"):
                for pobj in preps(verb).get(key, []):
                    owner = args.event_owner(pobj) if pobj.lemma_.lower() in self.lex.nouns else None
                    if owner is not None and not sources:
                        sources = [owner]
                        self._means(match, pobj, matcher)
        if sources and not is_passive(verb):
            for key in ("in", "during"):  # "gunmen killed 12 villagers in a raid on a market"
                for pobj in preps(verb).get(key, []):
                    self._means(match, pobj, matcher)
        notes_agent = False
        if not sources and not is_passive(verb) and match.cameo.startswith(("18", "19", "20")) and matcher:
            # "a roadside bombing killed two soldiers": the attack named as subject did it, its agent unstated
            for subj in (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in NOUN_POS):
                inner = matcher.match_noun(subj)
                if inner is not None and inner.cameo.startswith(("18", "19", "20")):
                    match.cameo, match.derived_from = inner.cameo, "means"
                    match.consumed.add(subj.i)
                    sources = [args.implicit_agent(verb)]
                    notes_agent = True
        if not sources and is_passive(verb) and verb.dep_ not in ("acl", "amod", "relcl") \
                and not match.cameo.startswith("04"):  # "detainees were flown to X" is no visit
            sources = [args.implicit_agent(verb)]  # "three civilians were killed": the event, agent unstated
            notes_agent = True
        if not sources:
            return None
        notes: dict[str, Any] = {"implicit_agent": True} if notes_agent else {}
        targets = self._verb_targets(match, args, found, sentence, notes, sources)
        if not targets and verb.dep_ in ("advcl", "xcomp", "conj"):
            # "Beijing condemned the deal, vowing countermeasures": the participle answers the same party
            governing = next((f for f in reversed(found) if f.match.token.i == verb.head.i), None)
            if governing is not None and governing.targets and any(
                same_actor(s, g) for s in sources for g in governing.sources
            ):
                targets = list(governing.targets)
                notes["target_from"] = "governing_event"
        if match.entry.obj == "EXERCISE" and match.cameo.startswith("15") and \
                len({s.actor.country for s in sources if s.actor.country}) > 1:
            match.cameo = "062"  # exercises held by several states together are joint (062 usage note)
            notes["joint"] = True
        status = mod.status(verb, self.lex, self.irrealis, protest_verb=match.cameo.startswith("14"))
        if match.entry.derive == "request" and self._asserts_fact(verb):
            return None  # "insisted (that) the unrest reflected old tensions" states a view, demands nothing
        event = Found(match, sentence, sources, targets, False, status, notes)
        self._refusal(event)
        if match.derived_from == "anaphor":
            event.notes["target_from"] = "anaphor"
        self._third_location(event, args)
        self._stated_intent(event)
        self._reported_obligation(event, args)
        if not self._dyadic_enough(event):
            return None
        return event

    def _received(self, match: Match, sentence: int, args: Arguments, receivers: list[Arg]) -> Found | None:
        """"Y received weapons from X", "Y faced criticism from X": the giver is the source, the subject the
        target (role reversal). Without a named giver there is no who-did-what, so nothing is coded."""
        verb = match.token
        givers = args.from_preps(verb, ("from",))
        if not givers:
            owners = [args.event_owner(o) for o in match.objects if o.pos_ in NOUN_POS]
            givers = [o for o in owners if o is not None]
        receivers = [r for r in receivers if not any(same_actor(r, g) for g in givers)]
        if not givers or not receivers:
            return None
        status = mod.status(verb, self.lex, self.irrealis)
        event = Found(match, sentence, givers, receivers, False, status, {"roles_reversed": True})
        self._stated_intent(event)
        return event

    def _means(self, match: Match, noun: Token, matcher: Matcher | None) -> None:
        """"killed in Israeli tank shelling": the killing was done by a military attack, which CAMEO codes by its
        means (19x conventional force) rather than as a physical assault (18x); the noun is not coded again."""
        if matcher is None or not match.cameo.startswith("18"):
            return
        inner = matcher.match_noun(noun)
        if inner is not None and inner.cameo.startswith("19"):
            match.cameo = inner.cameo
            match.consumed.add(noun.i)
            match.derived_from = "means"

    @staticmethod
    def _asserts_fact(verb: Token) -> bool:
        """A demand verb whose clause is an indicative past-tense statement, not a wanted state of affairs."""
        for comp in verb.children:
            if comp.dep_ == "ccomp" and comp.tag_ == "VBD" \
                    and not any(c.dep_ in ("aux", "auxpass") for c in comp.children):
                return True
        return False

    def _refusal(self, event: Found) -> None:
        """"X will not accept / would not meet the demands": a refusal stated now, coded as REJECT (12x).

        CAMEO codes a stated unwillingness to cooperate as rejection, derived from the refused act's code; a plain
        past negation ("did not meet") reports a non-event and stays a negated event of its own type.
        """
        status = event.status
        if not status.negated or not event.cameo.startswith(("03", "04", "05", "06", "07", "08")):
            return
        if event.cameo.startswith("045"):
            return  # a would-be mediator declining the role rejects no one (126 is parties rejecting mediation)
        if status.kind not in ("future", "modal", "intent") and status.notes.get("tense") != "present":
            return
        code = self.lex.derived("reject", event.cameo)
        if not code:
            return
        event.notes["refused_cameo"] = event.cameo
        event.match.cameo = code
        event.status = mod.Status(False, False, None, {**status.notes, "modality": "refusal"})

    def _reported_obligation(self, event: Found, args: Arguments) -> None:
        """"X said Y must withdraw" is X demanding that Y withdraw (CAMEO 10x), not Y withdrawing."""
        status = event.status
        speech_i = status.notes.get("reported_by_token")
        if status.kind != "obligation" or status.negated or speech_i is None:
            return
        speaker = args.subjects(logical_subjects(event.match.token.doc[speech_i]))
        speaker = [a for a in speaker if a.resolved]
        if not speaker:
            return
        code = self.lex.derived("request", event.cameo) or "100"
        event.notes["demanded_cameo"] = event.cameo
        event.targets = [a for a in event.sources if a.resolved] or event.targets
        event.sources = speaker
        event.match.cameo = code
        event.status = mod.Status(False, False, None, {**status.notes, "modality": "obligation"})

    def _stated_intent(self, event: Found) -> None:
        """A future or intended act is coded as the statement of intent it is (CAMEO 03x/13x).

        "X will send aid" is X expressing intent to provide aid (033), "X may impose sanctions" a threat
        (1312): the statement happened, so the event counts; the act itself did not (yet) and is kept in
        notes. Negated, conditional and purely hypothetical events keep their type and stay uncounted.
        """
        status = event.status
        if status.kind not in ("future", "intent") or status.negated:
            return
        if event.cameo.startswith(("02", "03", "10", "11", "12", "13", "01")):
            return  # already a statement ("will demand", "plans to reject"): the status flag is enough
        code = self.lex.derived("intent", event.cameo)
        if not code:
            return
        event.notes["intended_cameo"] = event.cameo
        event.notes["modality"] = status.kind
        event.match.cameo = code
        event.status = mod.Status(False, False, None, {**status.notes, "modality": status.kind})

    def _dyadic_enough(self, event: Found) -> bool:
        """Consulting and cooperating need a partner: "the cabinet met" alone is an internal meeting."""
        return not (event.cameo.startswith(("04", "06")) and not event.targets and len(event.sources) < 2)

    def _verb_targets(self, match: Match, args: Arguments, found: list[Found], sentence: int,
                      notes: dict[str, Any], sources: list[Arg]) -> list[Arg]:
        """The first recipient the ordered rules find (see ``arguments``), preferring one that is not the
        source's own side ("recalled its envoy from Paris" -> Paris, not the envoy)."""
        fallback: list[Arg] = []
        own = {s.actor.country for s in sources if s.actor.country}
        deploys = match.token.lemma_.lower() in DEPLOY_VERBS
        for how, targets, extra in self._target_candidates(match, args, found, sentence):
            targets = [t for t in targets if not any(same_actor(t, s) for s in sources)]
            if not targets:
                continue
            if all(t.actor.country and t.actor.country in own for t in targets):
                if not (deploys and all(t.token in {o.i for o in match.objects} for t in targets)):
                    fallback = fallback or targets  # "Russia mobilised reservists": its own forces are no target
                continue
            if how:
                notes["target_from"] = how
            notes.update(extra)
            return targets
        return fallback

    def _target_candidates(self, match: Match, args: Arguments, found: list[Found],
                           sentence: int) -> Iterator[tuple[str, list[Arg], dict[str, Any]]]:
        verb = match.token
        wanted = ((match.entry.prt,) if match.entry.prt else ()) + TARGET_PREPS
        if match.entry.derive == "accuse" and match.inner is not None and match.derived_from == "complement":
            # "claimed that ISIL attacked Iraq": the accused is whoever did the claimed act
            yield "", args.subjects(logical_subjects(match.inner.token)), {}
        for obj in match.objects:
            if not match.object_is_thing or obj.lemma_.lower() in self.person_nouns:
                arg = args.np(obj)
                if arg is not None:
                    yield "", args.split([obj]) or [arg], {}
        yield "", args.from_preps(verb, ("dative",)), {}
        for obj in match.objects:
            owner = args.event_owner(obj) if obj.pos_ in NOUN_POS else None
            if owner is not None:
                yield "", [owner], {}
            yield "", self._event_of(obj, args), {}
            yield "", args.from_preps(obj, TARGET_PREPS), {}
        yield "", args.from_preps(verb, (*(p for p in wanted if p != "for"), "for")), {}
        inner = match.inner if match.derived_from != "agreement" else None  # the agreed act's object is no party
        while inner is not None:
            yield "", self._inner_targets(inner, args), {}
            inner = inner.inner
        for obj in match.objects:
            ref = self._referent(obj, args, found, sentence)
            if ref is not None and ref.sources:
                yield "anaphor", [ref.sources[0]], {"refers_to_trigger": [ref.match.token.i, ref.match.token.i + 1]}
        yield "response", args.responded_to(verb), {}
        for pobj in self._phrase_objects(verb):
            # "mobilised reservists for a war against Iraq": the recipient of the act the phrase names
            yield "", self._event_of(pobj, args) or args.from_preps(pobj, ("against", "on", "with", "to")), {}
        if not match.cameo.startswith(("04", "06")):
            # last resort: the place acted in ("eased restrictions in Montenegro"), as CAMEO coders do; never for
            # consultations, where the place says where the parties met, not who they met
            yield "location", [a for a in args.from_preps(verb, ("in", "inside")) if a.actor.country], {}
            # ... or the place of the thing acted on or sent to ("imposed a curfew in X", "sent troops to a
            # force in X"): a place phrase of the object or of the verb's phrase says where the act lands
            for noun in (*match.objects, *self._phrase_objects(verb)):
                yield "location", [a for a in args.from_preps(noun, ("in", "inside")) if a.actor.country], {}
            # ... or the place the derived act happens in ("agreed to postpone the march in Baku")
            inner = match.inner if match.derived_from != "agreement" else None
            while inner is not None:
                yield "location", [a for a in args.from_preps(inner.token, ("in", "inside")) if a.actor.country], {}
                inner = inner.inner

    def _event_of(self, noun: Token, args: Arguments) -> list[Arg]:
        """The party in an object's "of" phrase ("demanded the withdrawal of Russian forces from Georgia").

        Whether agent ("the withdrawal of X") or patient ("the invasion of X"), the party the object's act is
        about is whom a demand, condemnation or approval of that act addresses; it outranks the act's places.
        """
        if noun.pos_ != "NOUN" or args.mention(noun) is not None:
            return []
        found = args.split(preps(noun).get("of", []))
        if noun.lemma_.lower() in args.event_nouns:
            return found
        # a thing's owner ("shelled positions of the X forces", "the blockade of X"), only when it names a state
        return [a for a in found if a.actor.country]

    @staticmethod
    def _phrase_objects(verb: Token) -> list[Token]:
        """Common nouns in the verb's own prepositional phrases ("for a war", "to a force"), not actors."""
        out: list[Token] = []
        for key in ("for", "to", "into", "against", "on"):
            out.extend(t for t in preps(verb).get(key, []) if t.pos_ == "NOUN")
        return out

    def _inner_targets(self, inner: Match, args: Arguments) -> list[Arg]:
        tok = inner.token
        if tok.pos_ in VERB_POS:
            for obj in inner.objects:
                if not inner.object_is_thing:
                    arg = args.np(obj)
                    if arg is not None:
                        return [arg]
            return args.from_preps(tok, TARGET_PREPS)
        return args.from_preps(tok, TARGET_PREPS)

    # ------------------------------------------------------------------------------------------------ nouns
    def _nominal(self, match: Match, sentence: int, args: Arguments) -> Found | None:
        noun = match.token
        pp = preps(noun)
        sources: list[Arg] = []
        targets: list[Arg] = []
        between = [a for a in (args.np(t) for t in pp.get("between", [])) if a is not None]
        owner = args.event_owner(noun)
        if owner is not None:
            sources = [owner]
        elif len(between) >= 2:
            sources, targets = [between[0]], between[1:]
        of_actors = [a for a in (args.np(t) for t in pp.get("of", [])) if a is not None]
        if not sources and of_actors and match.cameo.startswith(("04", "03", "05")):
            sources = of_actors[:1]  # "the visit of the president"
            of_actors = []
        if not sources:
            return None  # "the rejection", "meetings": no actor of its own -> a reference, not a new event
        if not targets:
            targets = of_actors or args.from_preps(noun, TARGET_PREPS)
        if not targets:
            for obj in match.objects:
                targets = args.from_preps(obj, TARGET_PREPS)
                if targets:
                    break
        if not targets and between:
            targets = between
        event = Found(match, sentence, sources, targets, True, mod.noun_status(noun, self.lex), confidence=0.65)
        self._third_location(event, args)
        self._stated_intent(event)
        if not self._dyadic_enough(event):
            return None
        return event

    # ------------------------------------------------------------------------------------------- references
    def _referent(self, tok: Token, args: Arguments, found: list[Found], sentence: int) -> Found | None:
        """The earlier event a definite event noun refers to ("Beijing rejected the proposal")."""
        roots = self.lex.anaphors.get(tok.lemma_.lower())
        if roots is None or tok.pos_ not in NOUN_POS or args.event_owner(tok) is not None:
            return None
        if not any(c.dep_ == "det" and c.lower_ in DETERMINERS for c in tok.children):
            return None
        for event in reversed(found):
            if sentence - event.sentence > REFERENT_WINDOW or event.match.token.i >= tok.i:
                continue
            if event.status.negated:
                continue
            if "*" in roots or event.cameo.startswith(roots):
                return event
        return None

    def _third_location(self, event: Found, args: Arguments) -> None:
        """CONSULT in a place that belongs to none of the parties is a meeting at a third location (044)."""
        if not event.cameo.startswith("04") or event.cameo in ("041", "042", "043", "045"):
            return
        tok = event.match.token
        places = preps(tok).get("in", []) + preps(tok).get("at", [])
        if not places:
            return
        parties = {a.actor.country for a in event.sources + event.targets if a.actor.country}
        for place in places:
            mention = args.mention(place)
            country = mention.actor.country if mention is not None else None
            if country is None and place.ent_type_ not in ("GPE", "LOC"):
                continue
            if country is not None and country in parties:
                continue
            event.match.cameo = "044"
            event.notes["third_location"] = place.i
            return

    # ------------------------------------------------------------------------------------------- candidates
    def _pairs(self, event: Found) -> list[tuple[Arg, Arg | None]]:
        sources, targets = event.sources, event.targets
        targets = [t for t in targets if not any(same_actor(t, s) for s in sources)]
        if not targets and len(sources) > 1 and event.cameo.startswith(SYMMETRIC_ROOTS):
            pairs = [(a, b) for a in sources for b in sources if a is not b and not same_actor(a, b)]
            event.notes["symmetric"] = True
            return pairs[:MAX_PAIRS]
        if not targets:
            return [(s, None) for s in sources[:MAX_PAIRS]]
        pairs = [(s, t) for s in sources for t in targets]
        return pairs[:MAX_PAIRS]

    def _candidates(self, analysis: Analysis, event: Found) -> list[EventCandidate]:
        match = event.match
        tok = match.token
        entry = match.entry
        notes = dict(event.notes)
        notes.update(event.status.notes)
        if notes.get("modality") == "future" and "intended_cameo" in notes \
                and self.ont.event_type(notes["intended_cameo"]).plover == "RETREAT":
            # the PLOVER manual: "announced ... would withdraw troops" is an announced retreat, coded CONCEDE
            etype = self.ont.event_type(match.cameo, mode="future", plover="CONCEDE")
        elif match.cameo == entry.cameo and (entry.mode or entry.plover):
            etype = self.ont.event_type(match.cameo, mode=entry.mode, plover=entry.plover)
        else:
            etype = self.ont.event_type(match.cameo)
        quantities = money(analysis, [tok, *match.objects])
        quantities += counts(analysis, tok, match.objects, match.cameo)
        if match.inner is not None:
            notes["inner_trigger"] = [match.inner.token.i, match.inner.token.i + 1]
            notes["derived_from"] = match.derived_from
        rule = entry.rule
        if "third_location" in notes:
            rule += "|third-location->044"
        elif "intended_cameo" in notes:
            rule += f"|stated-intent:{notes['intended_cameo']}->{match.cameo}"
        elif "refused_cameo" in notes:
            rule += f"|refusal:{notes['refused_cameo']}->{match.cameo}"
        elif "demanded_cameo" in notes:
            rule += f"|reported-obligation:{notes['demanded_cameo']}->{match.cameo}"
        elif match.derived_from == "agreement":
            rule += f"|agreed-act:intent->{match.cameo}"
        elif match.derived_from == "means":
            rule += f"|means->{match.cameo}"
        elif match.cameo != entry.cameo:
            rule += f"|derive:{entry.derive}->{match.cameo}"
        trigger = (tok.i, tok.i + 1)
        if match.light_noun is not None:
            trigger = (min(tok.i, match.light_noun), max(tok.i, match.light_noun) + 1)
        out: list[EventCandidate] = []
        for source, target in self._pairs(event):
            confidence = event.confidence
            if not source.resolved:
                confidence -= 0.25
            if target is None:
                confidence -= 0.1
            elif not target.resolved:
                confidence -= 0.1
            if notes.get("target_from") in ("anaphor", "response", "governing_event", "location"):
                confidence -= 0.1
            if notes.get("reported"):
                confidence -= 0.05
            out.append(EventCandidate(
                sentence_index=event.sentence,
                trigger=trigger,
                source=source.actor,
                target=target.actor if target is not None else None,
                type=etype,
                negated=event.status.negated,
                hypothetical=event.status.hypothetical,
                confidence=round(min(max(confidence, 0.05), 0.95), 3),
                quantities=tuple(quantities),
                rule=rule,
                nominal=event.nominal,
                notes=dict(notes),
            ))
        return out
