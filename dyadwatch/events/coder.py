"""The event coder: every lexicon predicate in a parsed article, with its actors, status and quantities.

Why verbs first, then nouns: a verb's object often names an event ("declined a meeting", "condemned the
deal"); the verb consumes it, so the noun is coded as an event of its own only when nothing else took it and
it names its own actors ("Pelosi's 2022 visit to Taiwan", "a meeting between A and B").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dyadwatch.document.analysis import EventCandidate
from dyadwatch.document.doccache import token_strings, tokens
from dyadwatch.events import modality as mod
from dyadwatch.events.arguments import TARGET_PREPS, Arg, Arguments, same_actor
from dyadwatch.events.attacked import means_objects
from dyadwatch.events.found import Found
from dyadwatch.events.frames import (
    VEHICLE_ROOTS,
    SupportVerb,
    carried_nouns,
    load_frames,
    load_support_verbs,
    of_chain,
    type_fix,
)
from dyadwatch.events.hazards import HazardScreen
from dyadwatch.events.linking import LOOSE_PENALTY, THING_PENALTY, Linker
from dyadwatch.events.matcher import Match, Matcher
from dyadwatch.events.nonevents import NonEventScreen
from dyadwatch.events.placing import PLACED_PENALTY, CountryContext, TargetPlacer
from dyadwatch.events.possessors import named_agent, possessed_undergoer
from dyadwatch.events.quantities import counts, money
from dyadwatch.events.recipients import aimed_recipients
from dyadwatch.events.retold import RULES as RETOLD_RULES
from dyadwatch.events.retype import WEAPON_CODES
from dyadwatch.events.status import EventStatus
from dyadwatch.events.syntax import (
    NOUN_POS,
    VERB_POS,
    is_passive,
    passive_subjects,
    preps,
    subject_path,
)
from dyadwatch.events.targets import RECEIVED_ROOTS, TargetFinder

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.document.analysis import Analysis
    from dyadwatch.events.lexicon import Lexicon
    from dyadwatch.ontology import Ontology

# CAMEO roots of events that are symmetric when the text coordinates both sides ("A and B met / clashed").
SYMMETRIC_ROOTS = ("03", "04", "05", "06", "19")
MAX_PAIRS = 12  # "A, B, C and D welcomed ties between X and Y": PETRARCH codes every pair
# A noun inside one of these named entities names something ("the Chinese Civil War", "the Peace Accord
# Commission"), not an event the text reports.
NAMED = frozenset({"EVENT", "WORK_OF_ART", "LAW", "ORG", "FAC", "PRODUCT"})
TIMES = frozenset({"DATE", "TIME"})  # entity types of times: no event noun a support verb carries
# Roots of acts a purpose clause names that the act it modifies performs: "stayed home to protest the law" (14),
# "kept tariffs in place to pressure them" (10): the protest or the pressure is done by the staying or keeping.
PURPOSE_DONE_ROOTS = ("14", "10")


class Coder(EventStatus, TargetFinder, Linker, HazardScreen, NonEventScreen):
    """Turns an analysed article (parse + actor mentions) into event candidates."""

    def __init__(self, lexicon: Lexicon, ontology: Ontology) -> None:
        self.lex = lexicon
        self.ont = ontology
        self.irrealis = mod.irrealis_lemmas(lexicon)
        self.person_nouns = frozenset(w for w, classes in lexicon.classes.items() if "PERSON" in classes)
        people = {"PERSON", "TROOPS", "POLICE", "DIPLOMAT", "PRISONER", "INSPECTOR", "PEACEKEEPER", "MEDIATOR",
                  "RESPONSIBILITY",  # reports and statements may allege, deny, accuse
                  "INSULT", "CRIMINAL", "MEMBERSHIP"}  # what one calls people, and groups one belongs to
        self.thing_nouns = frozenset(w for w, classes in lexicon.classes.items() if not classes & people)

    def code(self, analysis: Analysis, context: CountryContext | None = None) -> list[EventCandidate]:
        """The article's event candidates. ``context``: the actors stage's reading of the article's countries,
        which places targets that name no state (``events.placing``); without it they stay unplaced."""
        assert analysis.doc is not None, "the parse stage must run before events"
        placer = TargetPlacer(analysis, context)
        args = Arguments(analysis, self.person_nouns, frozenset(self.lex.nouns), self.thing_nouns)
        found: list[Found] = []

        def referent(tok: Token) -> str | None:
            ref = self._referent(tok, args, found, analysis.sentence_of(tok.i))
            return ref.cameo if ref is not None else None

        matcher = Matcher(self.lex, args.is_actor, referent)
        doc, pos = tokens(analysis.doc), token_strings(analysis.doc).pos  # Tokens built once per document
        for index in range(len(analysis.sent_starts)):
            sent = analysis.sentence_tokens(index)
            consumed: set[int] = set()
            verbal: list[tuple[Match, Token]] = []
            for i in range(sent.start, sent.end):
                if pos[i] in VERB_POS and i not in consumed:
                    tok = doc[i]
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
            for i in range(sent.start, sent.end):
                if pos[i] not in NOUN_POS or i in consumed:
                    continue
                tok = doc[i]
                if tok.ent_type_ not in NAMED:
                    if self._scene_setting(tok, governors):
                        continue
                    match = matcher.match_noun(tok)
                    if match is None:
                        continue
                    consumed |= match.consumed
                    event = self._nominal(match, index, args)
                    if event is not None:
                        found.append(event)
            found.extend(self._stances(index, sent, args, found, consumed))
            self._fold_protest_claims(found, index)
            self._screen_hazards(found, index, args)
            self._screen_nonevents(found, index)
        return [c for event in found for c in self._candidates(analysis, event, placer)]

    def _light_verb(self, verb: Token, matcher: Matcher) -> Match | None:
        """"began a hunger strike", "engaged in ethnic cleansing": the event is the noun's, the actor the verb's.

        The match keeps the noun's row and code but sits at the verb, so subject, status and tense are the verb's.
        """
        # the form as well as the lemma: the small model lemmatises "staged" as "stag"
        kinds = self.lex.kinds(verb.lemma_.lower()) | self.lex.kinds(verb.lower_) | self.lex.kinds(verb.lower_[:-1])
        support = load_support_verbs().get(verb.lemma_.lower()) if not kinds & {"light", "motion"} else None
        if support is not None:
            return self._supported(verb, matcher, support)
        if not kinds & {"light", "motion"}:
            return None
        objects: list[Token] = []
        if "light" in kinds:
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "on")
                        for g in c.children if g.dep_ == "pobj"]
        if "motion" in kinds:  # "returned to Geneva for talks with X": the trip is for a meeting
            # ("gathered in the square for a rally": the goers hold the demonstration, CAMEO 14)
            objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                        for g in c.children if g.dep_ == "pobj" and ("MEETING" in self.lex.classes_of(g.lemma_)
                                                                     or self._protest_noun(g.lemma_.lower()))]
        match = _carried_match(verb, objects, matcher, NAMED, None, with_others=True)
        if match is not None:
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


    def _protest_noun(self, lemma: str) -> bool:
        """Whether every noun row of a word is a demonstration (CAMEO 14): "rally", "march", "sit-in"."""
        rows = self.lex.nouns.get(lemma, ())
        return bool(rows) and all(e.cameo.startswith("14") for e in rows)

    def _supported(self, verb: Token, matcher: Matcher, support: SupportVerb) -> Match | None:
        """"issued a veto threat", "lodged a complaint", "provided $40 million in aid": a support verb carries
        its direct object's event (or, after a quantity, the "in" phrase's), of a root the verb can carry; the
        event sits at the verb, so the subject, status and recipient phrases are the verb's."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if support.quantity_in:
            objects += [g for d in objects if d.like_num or d.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL")
                        or any(c.like_num or c.dep_ == "nummod" for c in d.children)
                        for c in d.children if c.dep_ == "prep" and c.lower_ == "in"
                        for g in c.children if g.dep_ == "pobj"]
        return _carried_match(verb, objects, matcher, NAMED | TIMES, support.roots, with_others=False)

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
                    if not any(t.actor.kind == "actor" for t in protest.targets) and event.targets:
                        # whom the protesters' demand is addressed to (a party outranks the protest's own noun)
                        protest.targets = list(event.targets)
                        protest.notes["target_from"] = "claim"
                    found.remove(event)
                    break

    # ------------------------------------------------------------------------------------------------ verbs
    def _verbal(self, match: Match, sentence: int, args: Arguments, found: list[Found],
                matcher: Matcher | None = None) -> Found | None:
        verb = match.token
        subject_tokens, source_path = subject_path(verb)
        sources = args.subjects(subject_tokens)
        if "recipient" in self.lex.kinds(verb.lemma_.lower()) and match.cameo.startswith(RECEIVED_ROOTS):
            return self._received(match, sentence, args, sources, found)
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
                elif inner is None and self.lex.in_class("ATTACK", subj.lemma_.lower()) \
                        and args.mention(subj) is None:
                    # "a roadside bomb hit a convoy": a means of attack as subject (CAMEO 18-20 code the act
                    # whoever did it), its agent unstated; the hazard screen still drops "a fire killed"
                    match.derived_from = "means"
                    sources = [args.implicit_agent(verb)]
                    notes_agent = True
        if not sources and is_passive(verb) and verb.dep_ not in ("acl", "amod", "relcl") \
                and not match.cameo.startswith("04"):  # "detainees were flown to X" is no visit
            sources = [args.implicit_agent(verb)]  # "three civilians were killed": the event, agent unstated
            notes_agent = True
        if not sources or (notes_agent and self._generic_passive(verb)):
            return None
        notes: dict[str, Any] = {"implicit_agent": True} if notes_agent else {}
        if source_path is not None:
            notes["source_path"] = source_path  # how the source was found (``syntax.subject_path``)
        targets = self._verb_targets(match, args, found, sentence, notes, sources)
        if not targets and verb.dep_ in ("advcl", "xcomp", "conj"):
            # "Beijing condemned the deal, vowing countermeasures": the participle answers the same party
            governing = next((f for f in reversed(found) if f.match.token.i == verb.head.i), None)
            # ... but "killing four traders and injuring 51 more": a verb of force with its own object has its
            # own victims, not the governing act's (targets round 11)
            own_victims = governing is not None and governing.notes.get("target_from") == "victims" and any(
                c.dep_ == "dobj" for c in verb.children)
            if governing is not None and governing.targets and not own_victims and any(
                same_actor(s, g) for s in sources for g in governing.sources
            ):
                targets = list(governing.targets)
                notes["target_from"] = "governing_event"
        if not targets and len(sources) > 1 and self._reciprocal_object(match):
            notes["reciprocal"] = True  # "A and B postponed their meeting": each is the other's party
        if not targets:
            symmetric = len(sources) > 1 and (match.cameo.startswith(SYMMETRIC_ROOTS) or "reciprocal" in notes)
            targets = self._fallback_targets(match, args, found, notes, sources, symmetric)
        if match.entry.obj == "EXERCISE" and match.cameo.startswith("15") and \
                len({s.actor.country for s in sources if s.actor.country}) > 1:
            match.cameo = "062"  # exercises held by several states together are joint (062 usage note)
            notes["joint"] = True
        fix = type_fix(verb)
        if fix is not None and match.derived_from is None:
            # "ordered the broadcaster to stop transmitting": COERCE restrict, not a request (type_fixes.tsv)
            notes["type_fix"] = f"{verb.lemma_.lower()}+{fix[1]}->{fix[0]}@{fix[2]}"
            match.cameo = fix[0]
        status = mod.status(verb, self.lex, self.irrealis, protest_verb=match.cameo.startswith(PURPOSE_DONE_ROOTS))
        if match.entry.derive == "request" and self._asserts_fact(verb):
            return None  # "insisted (that) the unrest reflected old tensions" states a view, demands nothing
        event = Found(match, sentence, sources, targets, False, status, notes)
        self._alleged_claim(event)
        self._retype(event, args)
        self._refusal(event)
        if match.derived_from == "anaphor":
            event.notes["target_from"] = "anaphor"
        self._third_location(event, args)
        self._stated_intent(event)
        self._reported_obligation(event, args)
        if not self._dyadic_enough(event):
            return None
        return event


    @staticmethod
    def _reciprocal_object(match: Match) -> bool:
        """Whether the act is done to the subjects' shared relation: "A and B delayed their meeting", "... cut
        their ties". A relational or meeting noun (``recipient_frames.tsv`` rows with "with"/"between") owned by
        "their" names the coordinated subjects as its parties, so they are each other's targets."""
        frames = load_frames()
        nouns = [o for o in match.objects if o.pos_ in NOUN_POS]
        if match.light_noun is not None:
            nouns.append(match.token.doc[match.light_noun])
        for noun in nouns:
            for tok in of_chain(noun):
                wanted = frames.get(tok.lemma_.lower()) or frames.get(tok.lower_) or ()
                if "between" in wanted and any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children):
                    return True
        return False

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


    # ------------------------------------------------------------------------------------------------ nouns
    def _nominal(self, match: Match, sentence: int, args: Arguments) -> Found | None:
        noun = match.token
        pp = preps(noun)
        sources: list[Arg] = []
        targets: list[Arg] = []
        between = [a for a in (args.np(t) for t in pp.get("between", [])) if a is not None]
        undergoer = possessed_undergoer(noun, args)
        notes: dict[str, Any] = {}
        if undergoer is not None:
            # "their abduction", "his arrest by police": the possessor is whom the act befalls; the agent is
            # the "by" phrase or unstated, as for a passive ("possessors.py")
            agent = named_agent(noun, args)
            sources, targets = [agent or args.implicit_agent(noun)], [undergoer]
            notes = {"target_from": "possessed-undergoer"}
            if agent is None:
                notes["implicit_agent"] = True
        owner = args.event_owner(noun) if undergoer is None else None
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
        if not targets:
            # "Argentina's tariffs targeting Brazil": a participle of aiming on the event noun (``recipients``)
            targets = [a for a in aimed_recipients(noun, args) if not any(same_actor(a, s) for s in sources)]
            if targets:
                notes["target_from"] = "aimed"
        if not targets and between:
            targets = between
        topics = self.passed_phrases(match)  # "a council meeting on X": the topic is no partner (targets round 11)
        targets = [t for t in targets if t.token not in topics]
        event = Found(match, sentence, sources, targets, True, mod.noun_status(noun, self.lex, self.irrealis), notes,
                      confidence=0.65)
        self._third_location(event, args)
        self._stated_intent(event)
        if not self._dyadic_enough(event):
            return None
        return event


    # ------------------------------------------------------------------------------------------- candidates
    def _pairs(self, event: Found) -> list[tuple[Arg, Arg | None]]:
        # one source per mention: the parser may give several subject tokens inside one name ("Mohamed bin
        # Zayed al-Nahyan" split at its hyphen), each read as the same mention
        unique: dict[tuple[int, int], Arg] = {}
        for source in event.sources:
            unique.setdefault((source.actor.span.start, source.actor.span.end), source)
        sources = list(unique.values())
        targets = event.targets
        targets = [t for t in targets if not any(same_actor(t, s) for s in sources)]
        if not targets and len(sources) > 1 and (event.cameo.startswith(SYMMETRIC_ROOTS)
                                                 or event.notes.get("reciprocal")):
            pairs = [(a, b) for n, a in enumerate(sources) for m, b in enumerate(sources)
                     if n != m and not same_actor(a, b)]
            event.notes["symmetric"] = True
            return pairs[:MAX_PAIRS]
        if not targets:
            return [(s, None) for s in sources[:MAX_PAIRS]]
        pairs = [(s, t) for s in sources for t in targets]
        return pairs[:MAX_PAIRS]

    def _candidates(self, analysis: Analysis, event: Found, placer: TargetPlacer) -> list[EventCandidate]:
        match = event.match
        tok = match.token
        entry = match.entry
        named_targets = event.targets
        event.targets, placed_how = placer.placed(event.targets, event.sources, event.sentence)
        if placed_how is not None:
            event.notes["target_country"] = placed_how
        event.sources, source_how = placer.placed_sources(event.sources, named_targets, event.sentence)
        if source_how is not None:
            event.notes["source_country"] = source_how
        pool = event.notes.pop("_pool", None)
        if pool is not None:  # training (``TargetFinder.collect_links``): every candidate with its placed countries
            event.notes["link_pool"] = [
                {**feats.readable(), "targets": [[t.actor.country or "", t.actor.code or ""] for t in
                                                 placer.placed(targets, event.sources, event.sentence)[0]]}
                for _, targets, _, feats in pool]
        notes = dict(event.notes)
        notes.update(event.status.notes)
        if notes.get("concession") or (notes.get("modality") == "future" and "intended_cameo" in notes
                                       and self.ont.event_type(notes["intended_cameo"]).plover == "RETREAT"):
            # the PLOVER manual: "announced ... would withdraw troops" is an announced retreat, coded CONCEDE; relief
            # from sanctions offered or granted is a concession (retype.py)
            future = "future" if notes.get("modality") == "future" else None
            etype = self.ont.event_type(match.cameo, mode=future, plover="CONCEDE")
        elif "mobilized_cameo" in notes:  # preparing an act of force (retype.py): weapons readied, or forces
            weapons = "weapons" if notes["mobilized_cameo"].startswith(WEAPON_CODES) else None
            etype = self.ont.event_type(match.cameo, mode=weapons, plover="MOBILIZE")
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
        if "type_fix" in notes:
            rule += f"|type-fix:{notes['type_fix']}"
        elif "relief_cameo" in notes:
            rule += f"|disaster-relief:{notes['relief_cameo']}->{match.cameo}"
        elif "third_location" in notes:
            rule += "|third-location->044"
        elif "mobilized_cameo" in notes:
            rule += f"|preparation:{notes['mobilized_cameo']}->{match.cameo}"
        elif "relief_from" in notes:
            rule += f"|sanctions-relief:{notes['relief_from']}->{match.cameo}"
        elif "warned_cameo" in notes:
            rule += f"|conditional-threat:{notes['warned_cameo']}->{match.cameo}"
        elif "intended_cameo" in notes:
            rule += f"|stated-intent:{notes['intended_cameo']}->{match.cameo}"
        elif "refused_cameo" in notes:
            rule += f"|refusal:{notes['refused_cameo']}->{match.cameo}"
        elif "demanded_cameo" in notes:
            rule += f"|reported-obligation:{notes['demanded_cameo']}->{match.cameo}"
        elif "alleged_cameo" in notes:
            rule += f"|allegation:{notes['alleged_cameo']}->{match.cameo}"
        elif match.derived_from == "agreement":
            rule += f"|agreed-act:intent->{match.cameo}"
        elif match.derived_from == "means":
            rule += f"|means->{match.cameo}"
        elif match.cameo != entry.cameo:
            rule += f"|derive:{entry.derive}->{match.cameo}"
        means = sorted(means_objects(match, self.lex))
        if means:  # the weapon the act is done with, which the target rules passed over ("fired Russian rockets at")
            rule += f"|weapon:{tok.doc[means[0]].lemma_.lower()}"
        support = load_support_verbs().get(tok.lemma_.lower()) if match.light_noun is not None else None
        if support is not None and not self.lex.kinds(tok.lemma_.lower()) & {"light", "motion"}:
            rule += f"|support-verb:{tok.lemma_.lower()}@{support.line}"
        if notes.get("target_from") == "loose":
            rule += "|loose-link"
        elif notes.get("target_from") in ("thing", "thing-owner", "noun-argument", "frame", "control", "causee",
                                             "purpose", "shifted", "stance", "grievance", "own-state",
                                             "attacked-place", "threat-clause", "possessed-undergoer",
                                             "beneficiary", "aimed", "armed-people", "accuser", "addressee", "text",
                                             *RETOLD_RULES):
            rule += f"|target:{notes['target_from']}"
        if notes.get("asked_for"):
            rule += "|passed-over:asked-for"
        if notes.get("untargeted") and not event.targets:
            rule += f"|no-target:{notes['untargeted']}"
        if placed_how is not None:
            rule += f"|target-country:{placed_how}"
        if source_how is not None:
            rule += f"|source-country:{source_how}"
        if notes.get("source_path"):
            rule += f"|source:{notes['source_path']}"
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
            if target is not None and target.actor.rule.startswith("events:target-country:"):
                confidence -= PLACED_PENALTY
            if source.actor.rule.startswith("events:source-country:"):
                confidence -= PLACED_PENALTY
            if notes.get("target_from") in ("anaphor", "response", "governing_event", "location", "attacked-place"):
                confidence -= 0.1
            if notes.get("reported"):
                confidence -= 0.05
            if notes.get("target_from") == "loose":
                confidence -= LOOSE_PENALTY
            elif notes.get("target_from") == "thing":
                confidence -= THING_PENALTY
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
            if entry.reverse and target is not None and match.cameo == entry.cameo and target.actor.kind == "actor":
                # a dictionary's [A:B]: the same act seen from the target's side ("visited X" -> X hosted, 043);
                # only a party can be the other side's source: "finalize a deal" reversed has no deal as doer
                reverse_confidence = round(min(max(confidence - 0.05, 0.05), 0.95), 3)
                out.append(EventCandidate(
                    sentence_index=event.sentence, trigger=trigger, source=target.actor, target=source.actor,
                    type=self.ont.event_type(entry.reverse), negated=event.status.negated,
                    hypothetical=event.status.hypothetical, confidence=reverse_confidence,
                    quantities=tuple(quantities), rule=f"{rule}|reverse->{entry.reverse}", nominal=event.nominal,
                    notes={**notes, "reverse_of": match.cameo},
                ))
        return out


def _carried_match(verb: Token, heads: list[Token], matcher: Matcher, skipped: frozenset[str],
                   roots: tuple[str, ...] | None, *, with_others: bool) -> Match | None:
    """The event a light or support verb carries: the first of ``heads`` (or the noun behind a group or vehicle
    head: "launched a series of raids", "a letter of protest") that the matcher reads as an event noun, of one of
    ``roots`` when given; a vehicle head carries only acts of speech. The match sits at the verb. With
    ``with_others``, the verb's other direct objects are the event's ("engaged X in a firefight")."""
    for head in heads:
        if head.pos_ not in NOUN_POS or head.ent_type_ in skipped:
            continue
        for obj, kind in carried_nouns(head):
            if obj.ent_type_ in skipped:
                continue
            inner = matcher.match_noun(obj)
            if inner is None or (roots is not None and not inner.cameo.startswith(roots)) \
                    or (kind == "vehicle" and not inner.cameo.startswith(VEHICLE_ROOTS)):
                continue
            others = [c for c in verb.children if c.dep_ == "dobj" and c.i not in (obj.i, head.i)] \
                if with_others else []
            match = Match(verb, inner.entry, inner.cameo, others + inner.objects, inner.object_is_thing and not others,
                          inner.inner, {head.i, obj.i, *inner.consumed}, inner.derived_from)
            match.light_noun = obj.i
            return match
    return None
