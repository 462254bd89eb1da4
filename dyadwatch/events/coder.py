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
from dyadwatch.events.arguments import TARGET_PREPS, Arg, Arguments, same_actor
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
REFERENT_WINDOW = 6  # sentences back that a definite event noun may refer to
# A noun inside one of these named entities names something ("the Chinese Civil War", "the Peace Accord
# Commission"), not an event the text reports.
NAMED = frozenset({"EVENT", "WORK_OF_ART", "LAW", "ORG", "FAC", "PRODUCT"})


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
                    match = matcher.match_verb(tok) or self._light_verb(tok, matcher)
                    if match is not None:
                        verbal.append((match, tok))
                        consumed |= match.consumed
            for match, tok in verbal:
                if tok.i in consumed:
                    continue  # an earlier verb's complement ("refused to meet"): coded inside that verb's event
                event = self._verbal(match, index, args, found)
                if event is not None:
                    found.append(event)
            for tok in sent:
                if tok.pos_ in NOUN_POS and tok.i not in consumed and tok.ent_type_ not in NAMED:
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
        if "light" not in self.lex.kinds(verb.lemma_.lower()):
            return None
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "on")
                    for g in c.children if g.dep_ == "pobj"]
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
        return None

    def _fold_protest_claims(self, found: list[Found], sentence: int) -> None:
        """A demand voiced by a protest ("rioted, demanding reform") is the protest's claim, not a second event.

        CAMEO codes it as the protest's sub-code (1411-1414 ...); the demand's code is kept in the protest's notes.
        """
        here = [e for e in found if e.sentence == sentence]
        protests = {e.match.token.i: e for e in here if e.cameo.startswith("14")}
        if not protests:
            return
        for event in here:
            if not event.cameo.startswith(("10", "02")):
                continue
            tok = event.match.token
            for _ in range(3):
                if tok.head is tok:
                    break
                tok = tok.head
                protest = protests.get(tok.i)
                if protest is not None:
                    protest.notes["claim_cameo"] = event.cameo
                    found.remove(event)
                    break

    # ------------------------------------------------------------------------------------------------ verbs
    def _verbal(self, match: Match, sentence: int, args: Arguments, found: list[Found]) -> Found | None:
        verb = match.token
        sources = args.subjects(logical_subjects(verb))
        if not sources and match.light_noun is not None:
            sources = args.subjects(passive_subjects(verb))  # "forces were engaged in ethnic cleansing"
        if not sources and is_passive(verb):
            # "killed in an Israeli air strike": the owner of the event that did it is the agent
            for key in ("in", "during", "by"):
                for pobj in preps(verb).get(key, []):
                    owner = args.event_owner(pobj) if pobj.lemma_.lower() in self.lex.nouns else None
                    if owner is not None and not sources:
                        sources = [owner]
        if not sources and is_passive(verb) and verb.dep_ not in ("acl", "amod", "relcl") \
                and not match.cameo.startswith("04"):  # "detainees were flown to X" is no visit
            sources = [args.implicit_agent(verb)]  # "three civilians were killed": the event, agent unstated
            notes_agent = True
        else:
            notes_agent = False
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
        status = mod.status(verb, self.lex, self.irrealis, protest_verb=match.cameo.startswith("14"))
        event = Found(match, sentence, sources, targets, False, status, notes)
        if match.derived_from == "anaphor":
            event.notes["target_from"] = "anaphor"
        self._third_location(event, args)
        self._stated_intent(event)
        self._reported_obligation(event, args)
        if not self._dyadic_enough(event):
            return None
        return event

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
        for how, targets, extra in self._target_candidates(match, args, found, sentence):
            targets = [t for t in targets if not any(same_actor(t, s) for s in sources)]
            if not targets:
                continue
            own = {s.actor.country for s in sources if s.actor.country}
            if all(t.actor.country and t.actor.country in own for t in targets):
                fallback = fallback or targets
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
            yield "", args.from_preps(obj, TARGET_PREPS), {}
        yield "", args.from_preps(verb, (*(p for p in wanted if p != "for"), "for")), {}
        inner = match.inner
        while inner is not None:
            yield "", self._inner_targets(inner, args), {}
            inner = inner.inner
        for obj in match.objects:
            ref = self._referent(obj, args, found, sentence)
            if ref is not None and ref.sources:
                yield "anaphor", [ref.sources[0]], {"refers_to_trigger": [ref.match.token.i, ref.match.token.i + 1]}
        yield "response", args.responded_to(verb), {}
        if not match.cameo.startswith(("04", "06")):
            # last resort: the place acted in ("eased restrictions in Montenegro"), as CAMEO coders do; never for
            # consultations, where the place says where the parties met, not who they met
            yield "location", [a for a in args.from_preps(verb, ("in", "inside")) if a.actor.country], {}

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
        if match.cameo == entry.cameo and (entry.mode or entry.plover):
            etype = self.ont.event_type(match.cameo, mode=entry.mode, plover=entry.plover)
        else:
            etype = self.ont.event_type(match.cameo)
        quantities = money(analysis, [tok, *match.objects])
        quantities += counts(analysis, tok, match.objects, match.cameo)
        notes = dict(event.notes)
        notes.update(event.status.notes)
        if match.inner is not None:
            notes["inner_trigger"] = [match.inner.token.i, match.inner.token.i + 1]
            notes["derived_from"] = match.derived_from
        rule = entry.rule
        if "third_location" in notes:
            rule += "|third-location->044"
        elif "intended_cameo" in notes:
            rule += f"|stated-intent:{notes['intended_cameo']}->{match.cameo}"
        elif "demanded_cameo" in notes:
            rule += f"|reported-obligation:{notes['demanded_cameo']}->{match.cameo}"
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
