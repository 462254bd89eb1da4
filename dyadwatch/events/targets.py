"""Who an event is aimed at: objects, prepositional and nominal complements, the event a noun refers back to,
what was received from whom, and a third party's location (mixed into the Coder).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dyadwatch.events import modality as mod
from dyadwatch.events.addressees import accusers, addressees, armed_people, text_recipients
from dyadwatch.events.arguments import (
    DEPLOY_VERBS,
    DIRECT,
    RESPONSE_PREPS,
    TARGET_PREPS,
    Arg,
    Arguments,
    same_actor,
)
from dyadwatch.events.attacked import attacked_places, means_objects
from dyadwatch.events.found import Found
from dyadwatch.events.frames import (
    CONTROL_ROOTS,
    causees,
    complement_places,
    complement_recipients,
    deep_places,
    framed_recipients,
    load_frames,
    purpose_recipients,
    shifted_objects,
    stance_targets,
    threat_clause_targets,
    transfer_nouns,
)
from dyadwatch.events.matcher import Match
from dyadwatch.events.placing import state_organ
from dyadwatch.events.recipients import (
    FORCE_ROOTS,
    addressed_objects,
    aimed_recipients,
    asked_for,
    asked_place,
    beneficiaries,
    foe_tokens,
    measure_owners,
    people_acted_upon,
    principals,
    reason_subjects,
    topic_tokens,
)
from dyadwatch.events.retold import retold_givers, retold_parties
from dyadwatch.events.scorer import NOTED_RULES, Chosen, LinkFeatures, LinkModel, choose, readable_choice
from dyadwatch.events.syntax import (
    NOUN_POS,
    VERB_POS,
    aimed_at,
    is_passive,
    logical_subjects,
    passive_subjects,
    preps,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
# Roots of what can be received from someone ("received weapons / assurances / criticism from X").
RECEIVED_ROOTS = ("03", "05", "07", "10", "11", "13", "16")
REFERENT_WINDOW = 6  # sentences back that a definite event noun may refer to
# A complaint's addressee ("complained to the UN", "lodged a protest with X") and the phrases that name what it is
# about ("over Israeli raids", "about X's remarks", "against X").
AUDIENCE_PREPS = ("to", "with")
# Appeals and demands (CAMEO 02, 10), and the rules by which they name whom they address: the object ("urged X"),
# its dative, the recipient phrase ("called on X"), the audience (``addressees``)
ASKING_ROOTS = ("02", "10")
ADDRESSED_RULES = frozenset({"object", "dative", "recipient-phrase", "addressee", "addressed"})
GRIEVANCE_PREPS = ("over", "about", "against")


class TargetFinder:
    """Targets of an event (mixed into ``Coder``, which owns ``lex`` and ``person_nouns``)."""

    # The trained scorer (``scorer.LinkModel``), or None for the rules' weights; and whether every event keeps all
    # its allowed candidates (``notes["link_pool"]`` of its candidates) so that a training script can label them.
    # Class switches, like the linker's, so a measurement can compare both scorers in one process.
    link_model: LinkModel | None = None
    collect_links = False
    _force_nouns: frozenset[str] | None = None

    def _received(self, match: Match, sentence: int, args: Arguments, receivers: list[Arg],
                  found: list[Found] | None = None) -> Found | None:
        """"Y received weapons from X", "Y faced criticism from X": the giver is the source, the subject the
        target (role reversal). Without a named giver there is no who-did-what, so nothing is coded."""
        verb = match.token
        givers = args.from_preps(verb, ("from",))
        if not givers:
            owners = [args.event_owner(o) for o in match.objects if o.pos_ in NOUN_POS]
            givers = [o for o in owners if o is not None]
        if not givers:
            # "X sent vaccines to Y. Y received the shipment": the giver of the sentence before, unless that
            # sentence's giving was coded already (the receipt would count the same gift twice; round 12)
            givers = retold_givers(match, args, receivers, sentence)
            if any(e.cameo.startswith("07") and e.sentence < sentence and any(same_actor(s, g) for s in e.sources
                                                                               for g in givers) for e in found or ()):
                return None
        receivers = [r for r in receivers if not any(same_actor(r, g) for g in givers)]
        if not givers or not receivers:
            return None
        status = mod.status(verb, self.lex, self.irrealis)
        event = Found(match, sentence, givers, receivers, False, status, {"roles_reversed": True})
        self._stated_intent(event)
        return event

    def _dyadic_enough(self, event: Found) -> bool:
        """Consulting and cooperating need a partner: "the cabinet met" alone is an internal meeting (a thing
        acted upon, "brokered a pact", is no partner)."""
        parties = [t for t in event.targets if t.actor.kind == "actor"]
        return not (event.cameo.startswith(("04", "06")) and not parties and len(event.sources) < 2)

    def _verb_targets(self, match: Match, args: Arguments, found: list[Found], sentence: int,
                      notes: dict[str, Any], sources: list[Arg]) -> list[Arg]:
        """The recipient the pair scorer picks among the candidates the ordered rules offer (see ``scorer``):
        the earliest rule's party, unless it is the source's own side ("recalled its envoy from Paris" ->
        Paris, not the envoy) or an unplaced possessive pronoun, which only stand in when nothing else does."""
        own = {s.actor.country for s in sources if s.actor.country}
        # an organisation without a country owns what its code prefixes ("the UN ... its peacekeeping force")
        own_orgs = tuple(s.actor.code for s in sources if not s.actor.country and s.actor.code
                         and len(s.actor.code) >= 6 and not s.actor.code.startswith("---"))
        deploys = match.token.lemma_.lower() in DEPLOY_VERBS
        verb = match.token
        object_tokens = {o.i for o in match.objects}

        # the source's own side is its own country ("Russia recalled its envoy", "Greece tightened rules on
        # its border crossings"), except the state itself for a group inside it: "French farmers blockaded Paris",
        # "rebels shelled the capital" are domestic events aimed at that state, as CAMEO codes them (FRAAGR -> FRA)
        state_side = all(state_organ(s.actor) for s in sources)

        # "lawmakers called on the secretary of state to ...": an appeal or demand addressed to another organ of
        # the same state is a domestic act with that organ as recipient (CAMEO codes USALEG -> USAGOV), not the
        # source's own side; only where the act names whom it addresses (targets round 10)
        asking = match.coded(ASKING_ROOTS)
        own_roles = {sector for s in sources for sector in s.actor.sectors}

        def own_side(t: Arg, how: str = "") -> bool:
            if asking and how in ADDRESSED_RULES and t.actor.sectors and not set(t.actor.sectors) & own_roles:
                return False
            if how == "victims":  # "gunmen abducted 40 pupils": people an act of force befalls are its target
                return False
            if t.actor.country:
                return t.actor.country in own and (state_side or not state_organ(t.actor))
            return bool(own_orgs and t.actor.code and t.actor.code.startswith(own_orgs))

        def features(rank: int, how: str, targets: list[Arg]) -> LinkFeatures:
            return LinkFeatures(
                rule=how, rank=rank,
                own_side=all(own_side(t, how) for t in targets),
                own_forces_moved=deploys and all(t.token in object_tokens for t in targets),
                unplaced_pronoun=all(self._unplaced_possessive(t, verb) for t in targets),
                placed=sum(bool(t.actor.country or t.actor.sectors) for t in targets) / len(targets),
                distance=min(abs(t.token - verb.i) for t in targets),
                kind=targets[0].actor.kind,
                several_sources=len(sources) > 1,
                has_country=any(bool(t.actor.country) for t in targets),
            )

        # "lawyers for the activist asked that he be freed": whom a representative acts for is no recipient
        passed = [*sources, *principals(sources, args)]
        # "called for a new government in X": a body asked to be formed is what is asked, not whom it is asked of
        asked = asked_for(match)
        # "doubled the Mexican tariff on X": the measure's own modifier is its imposer, not its target
        owners = measure_owners(match)
        # "a meeting on Libya": a consultation's topic; "called for a war against X": the foe of the act called
        # for (targets round 11). Neither is whom the act is done with or addressed to
        owners |= self.passed_phrases(match)

        def candidates() -> Iterator[tuple[str, list[Arg], dict[str, Any]]]:
            for how, targets, extra in self._target_candidates(match, args, found, sentence, sources):
                kept = [t for t in targets if not any(same_actor(t, s) for s in passed) and t.token not in owners]
                if asked and any(t.token in asked for t in kept):
                    # the body's place names the state the call concerns ("... in Libya"), as for "new elections in X"
                    notes["asked_for"] = sorted(asked)
                    kept = [place for t in kept for place in
                            ([t] if t.token not in asked else asked_place(verb.doc[t.token], args))]
                yield how, kept, extra

        pool: list[Chosen] | None = [] if self.collect_links else None
        best = choose(candidates(), features, self.link_model, pool)
        if pool:
            notes["_pool"] = pool  # taken off the notes by ``Coder._candidates``, which places the targets
        if best is None:
            return []
        how, targets, extra, feats = best
        if how in NOTED_RULES:
            notes["target_from"] = how
        notes.update(extra)
        notes["link"] = readable_choice(feats, self.link_model)
        return targets

    def passed_phrases(self, match: Match) -> frozenset[int]:
        """Tokens of phrases that name no recipient of the act: a consultation's topic and the foe of an act of
        force an appeal calls for (``recipients.topic_tokens``, ``recipients.foe_tokens``)."""
        force = self._force_nouns
        if force is None:  # the lexicon's nouns of force ("war", "offensive"), read once per coder
            force = self._force_nouns = frozenset(noun for noun, entries in self.lex.nouns.items()
                                                  if any(e.cameo.startswith(FORCE_ROOTS) for e in entries))
        return topic_tokens(match) | foe_tokens(match, force)

    @staticmethod
    def _unplaced_possessive(arg: Arg, verb: Token) -> bool:
        tok = verb.doc[arg.token] if 0 <= arg.token < len(verb.doc) else None
        return tok is not None and tok.pos_ == "PRON" and tok.dep_ == "poss" and not (
            arg.actor.country or arg.actor.sectors)

    def _target_candidates(self, match: Match, args: Arguments, found: list[Found], sentence: int,
                           sources: list[Arg]) -> Iterator[tuple[str, list[Arg], dict[str, Any]]]:
        verb = match.token
        wanted = ((match.entry.prt,) if match.entry.prt else ()) + TARGET_PREPS
        # the weapon an act of force is done with ("fired Russian-made rockets at X"): its maker or owner is no
        # target (see ``attacked``); its own recipient phrase still is ("fired missiles at X" parsed on the noun)
        means = means_objects(match, self.lex)
        particle = any(c.dep_ == "prt" and c.lower_ == match.entry.prt for c in verb.children)
        if match.entry.prt and match.object_is_thing and not particle:
            # "expelled X from the party", "X was expelled from the party", "sentenced X to prison": the row took
            # its object from the preposition, so the one acted upon is the verb's own object, or in the
            # passive its subject; the preposition names the thing, not a recipient. A particle ("handed over
            # medicine to X", "blew up a bridge") is no preposition: its object is the thing, the recipient elsewhere
            patients = passive_subjects(verb) if is_passive(verb) else [c for c in verb.children if c.dep_ == "dobj"]
            yield "patient", args.split(patients) or args.subjects(patients), {}
            wanted = tuple(p for p in TARGET_PREPS if p != match.entry.prt)
        if match.cameo.startswith("11") and match.entry.prt in AUDIENCE_PREPS:
            # "complained to the UN over Israeli raids": a complaint's "to"/"with" phrase is its audience; the
            # one complained about (CAMEO 11: the target of disapproval) is the owner of the grievance
            yield "grievance", self._grievance(verb, args), {}
        if match.entry.derive == "accuse" and match.inner is not None and match.derived_from == "complement":
            # "claimed that ISIL attacked Iraq": the accused is whoever did the claimed act
            yield "accused", args.subjects(logical_subjects(match.inner.token)), {}
        for obj in match.objects:
            if not match.object_is_thing or obj.lemma_.lower() in self.person_nouns:
                arg = args.np(obj)
                if arg is not None:
                    yield "object", args.split([obj]) or [arg], {}
        # "asked the board to lean on X": the object an appeal is made to, resolved or not (targets round 11)
        yield "addressed", addressed_objects(match, args), {}
        # "killed the attackers": armed people the actor tables leave unnamed, with the agents dictionary's sector
        yield "armed-people", armed_people(match, args), {}
        # "abducted 40 pupils from X": unresolved people an act of force befalls, before the place (round 11)
        yield "victims", people_acted_upon(verb, match, args), {}
        # "denounced as a crime X's crackdown": the object moved after the verb's "as" phrase
        yield "shifted", shifted_objects(verb, args), {}
        yield "dative", args.from_preps(verb, ("dative",)), {}
        yield "causee", causees(verb, args), {}  # "allowed X to run": X, however the parser attached it
        for obj in match.objects:
            if obj.i in means:
                yield "object-phrase", args.from_preps(obj, TARGET_PREPS), {}
                continue
            owner = args.event_owner(obj) if obj.pos_ in NOUN_POS else None
            if owner is not None and not (0 <= owner.token < len(verb.doc) and verb.doc[owner.token].pos_ == "PRON"
                                          and not (owner.actor.country or owner.actor.sectors)):
                # an unplaced pronoun ("welcomed their resumption of ties with X") says less than the frame
                yield "owner", [owner], {}
            if obj.lemma_.lower() not in transfer_nouns() or any(
                    t.lemma_.lower() in self.person_nouns for t in preps(obj).get("of", [])):
                # "protested the sale of jets to X": the "of" phrase of a transfer is the thing moved, not a party
                # (people moved, "the transfer of prisoners", are still those the act befalls)
                yield "event-of", self._event_of(obj, args), {}
            yield "object-phrase", args.from_preps(obj, TARGET_PREPS), {}
        # one candidate per preposition, in the order of how telling it is: a phrase that names the source's own
        # side ("will impose restrictions on its grain trade for Ukrainian exporters") gives way to the next one
        keys = (*(p for p in wanted if p != "for"), "for")
        if any(o.dep_ == "dobj" for o in match.objects) or any(c.i in means for c in verb.children):
            # the direct object the row did not take ("blamed X for ..."); here the row took it, or it is the
            # weapon ("fired Russian-made tear gas at X": its maker is no target)
            keys = tuple(k for k in keys if k != DIRECT)
        for found_here in args.each_prep(verb, keys):
            yield "recipient-phrase", found_here, {}
        # "denied charges by X", "X alleged that ..., charges Y denied": a denial is aimed at the charge's maker
        yield "accuser", accusers(verb, match, args), {}
        # "provided food aid to children in X": the people an aid act is for, whom the actor tables left unnamed
        yield "beneficiary", beneficiaries(verb, match, args), {}
        # "warned that Y would face consequences": the would-be victim of the threatened act
        light = verb.doc[match.light_noun] if match.light_noun is not None else None
        yield "threat-clause", threat_clause_targets(verb, light, args), {}
        # the agreed act's object is no party
        for inner in inner_acts(match) if match.derived_from != "agreement" else ():
            yield "inner-act", self._inner_targets(inner, args), {}
        frames = load_frames()
        for obj in match.objects:
            if obj.pos_ in NOUN_POS and obj.i != match.light_noun:
                # "welcomed the resumption of ties with X": the recipient in the frame of what is acted upon
                yield "frame", framed_recipients(obj, args, frames), {}
        if match.light_noun is not None:  # "held talks with X": the carried noun's own frame
            yield "frame", framed_recipients(verb.doc[match.light_noun], args, frames), {}
        # "tariffs targeting X", "imposed sanctions aimed at X": a participle of aiming on the event noun or the
        # noun acted upon
        aimed_nouns = [verb] if verb.pos_ in NOUN_POS else []
        aimed_nouns += [verb.doc[match.light_noun]] if match.light_noun is not None else []
        aimed_nouns += [o for o in match.objects if o.pos_ in NOUN_POS]
        yield "aimed", [a for noun in aimed_nouns for a in aimed_recipients(noun, args)], {}
        # "passed a resolution condemning X": whom the text acted upon is about, not the text
        yield "text", text_recipients(match, args), {}
        if match.coded(CONTROL_ROOTS):
            # "agreed to supply X with", "refused to let X", "vowed to punish X": the governed act's recipient
            yield "control", complement_recipients(verb, args), {}
        for obj in match.objects:
            ref = self._referent(obj, args, found, sentence)
            if ref is not None and ref.sources:
                yield "anaphor", [ref.sources[0]], {"refers_to_trigger": [ref.match.token.i, ref.match.token.i + 1]}
        # "X said ... . Y rejected the claim": the maker of a definite claim, offer, gift or measure that only an
        # earlier sentence names, no event coded there to refer to (``retold``, targets round 12)
        retold_how, retold = retold_parties(match, args, sources, sentence)
        yield retold_how or "maker-previous-sentence", retold, {}
        yield "response", args.responded_to(verb), {}
        # "called off the strike after talks with the government": the partner of the talks the act follows
        yield "response", [a for pobj in self._response_objects(verb) for a in framed_recipients(pobj, args, frames)
                           if a.actor.country or a.actor.sectors], {}
        if match.cameo.startswith("14"):
            # "rioted following a rally calling for the president's removal": a protest that follows another
            # shares whom it is aimed at
            yield "response", [a for pobj in self._response_objects(verb) for a in args.split(aimed_at(pobj))
                               if a.actor.country or a.actor.sectors], {}
        # "went on strike in protest against X", "in retaliation for X's raid": whom the act answers
        # ... and a refusal answers whoever pressed for the act refused ("would not step down despite
        # calls from X")
        yield "stance", stance_targets(verb, args, refusal=match.cameo.startswith("12")), {}
        # "raised tariffs because X had flooded its market": whose act a sanction or coercion answers (round 11)
        yield "reason", reason_subjects(verb, match, args), {}
        for pobj in self._phrase_objects(verb):
            # "mobilised reservists for a war against Iraq": the recipient of the act the phrase names
            aimed = self._event_of(pobj, args) or args.from_preps(pobj, ("against", "on", "with", "to"))
            yield "phrase-event", aimed, {}
        # "in a letter to X", "Speaking to X, Y urged", "told X that it would": the party a statement is addressed to
        yield "addressee", addressees(verb, match, args, sources), {}
        if not match.cameo.startswith(("04", "06")):
            # "opened fire to disperse the protesters", "sent material to help defend X": the purpose clause
            # names whom the act is meant to reach; never for a partner act (consult, cooperate, or the intent to),
            # where it names the topic or the goal ("strengthen ties to counter X"), not the partner
            if not match.entry.cameo.startswith(("03", "04", "05", "06")):
                yield "purpose", purpose_recipients(verb, args), {}
            # an act of force on a thing or a place: the one state it lies in ("bombed a bridge near the Lebanese
            # town of X"); before the verb's own place, which says where the attacker stood as often as the victim
            yield "attacked-place", attacked_places(verb, match, args, self.lex), {}
            # last resort: the place acted in ("eased restrictions in Montenegro"), as CAMEO coders do; never for
            # consultations, where the place says where the parties met, not who they met
            yield "location", [a for a in args.from_preps(verb, ("in", "inside")) if a.actor.country], {}
            # ... or the place of the thing acted on or sent to ("imposed a curfew in X", "sent troops to a
            # force in X"): a place phrase of the object or of the verb's phrase says where the act lands
            for noun in (*match.objects, *self._phrase_objects(verb)):
                yield "location", [a for a in args.from_preps(noun, ("in", "inside")) if a.actor.country], {}
            # ... or the place the derived act happens in ("agreed to postpone the march in Baku")
            for inner in inner_acts(match) if match.derived_from != "agreement" else ():
                yield "location", [a for a in args.from_preps(inner.token, ("in", "inside")) if a.actor.country], {}
            # ... or the place of an act the verb governs though no row codes it ("threatened to resume
            # terrorist activities in Israel")
            if match.coded(CONTROL_ROOTS):
                yield "location", complement_places(verb, args), {}
            # ... or a place named one step further: "lifted a state of emergency in X" (the object's "of"
            # noun), "rioted at a jail in X", "blocked roads in the capital city of X" (the place's own noun)
            yield "location", deep_places(verb, match.objects, args), {}

    @staticmethod
    def _response_objects(verb: Token) -> list[Token]:
        """The nouns of the phrases that say what an act follows ("after talks with X", "following a meeting
        between A and B")."""
        pp = preps(verb)
        nouns = [pobj for key in RESPONSE_PREPS for pobj in pp.get(key, []) if pobj.pos_ in NOUN_POS]
        # the parser reads "following" as a participle and its noun as a direct object ("following a march")
        nouns += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "following"
                  for g in c.children if g.dep_ == "dobj" and g.pos_ in NOUN_POS]
        return nouns

    @staticmethod
    def _grievance(verb: Token, args: Arguments) -> list[Arg]:
        """Whose act a complaint is about: the owner of its "over"/"about"/"against" phrase, or the party named."""
        pp = preps(verb)
        for key in GRIEVANCE_PREPS:
            for pobj in pp.get(key, []):
                arg = args.event_owner(pobj) if pobj.pos_ in NOUN_POS and args.mention(pobj) is None else None
                arg = arg or args.np(pobj)
                if arg is not None:
                    return [arg]
        return []

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


def inner_acts(match: Match) -> Iterator[Match]:
    """The acts a derived match stands on ("agreed to [postpone [the march]]"), outermost first.

    Bounded by token: a chain that came back to a token already seen (a malformed derivation) stops there
    instead of circling.
    """
    seen: set[int] = set()
    inner = match.inner
    while inner is not None and inner.token.i not in seen:
        seen.add(inner.token.i)
        yield inner
        inner = inner.inner

