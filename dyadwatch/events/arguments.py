"""Who did it and to whom: actors for a predicate's source and target, taken from the actors stage's mentions.

Why the target search is ordered: the direct object is the target when it is an actor ("attacked Georgia");
when the object is a thing the row classified ("approved an arms package"), the target is in a prepositional
phrase of the verb or of that thing ("... for Taiwan"), or is the owner of an event the object names
("condemned Russia's invasion"), or the author of an earlier event a definite noun refers to ("rejected the
proposal"), or whoever's act the event answers ("cut ties following Pelosi's visit"). Besides prepositions, the
recipient keys cover the subject of an addressee word's "that"-clause ("demanded that X withdraw"), the subject of
a threat's condition ("... unless X pays") and, last, a direct object the row did not take ("blamed X for ...").

Noun phrases name actors through their head, a counted group ("thousands of Kurds"), or a modifier ("Russian
aircraft", "US-led war"); a named modifier outranks a possessive pronoun ("its EU partners").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dyadwatch.document.tree import worldwide
from dyadwatch.events.syntax import (
    NOUN_POS,
    VERB_POS,
    aimed_at,
    clause_subjects,
    condition_subjects,
    conjuncts,
    logical_subjects,
    np_bounds,
    preps,
    verb_preps,
)
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.document.analysis import Analysis, Mention

# Prepositions that introduce an event's recipient, most telling first. ``THAT_CLAUSE`` is not a preposition: it
# stands for the subject of a "that"-clause of a word whose clause names the addressee (see ``ADDRESSEE_WORDS``),
# so that every caller asking for recipients by preposition also gets "demanded that X withdraw" -> X.
THAT_CLAUSE = "that-clause"
# Likewise for the subject of an "unless"/"if" clause of a threat: "threatened to strike unless Y withdrew" is a
# threat against Y (CAMEO 13: the threatened party is the one whose act would avert it).
CONDITION = "condition"
# And, last, for a verb's direct object when the lexicon row took its objects from a preposition ("blamed X for
# the bombing", "accused X of fraud": the row's object is the act, the direct object is who is blamed).
DIRECT = "direct-object"
TARGET_PREPS = ("with", "against", "to", "toward", "towards", "on", "upon", "at", "for", "into", "from", THAT_CLAUSE,
                CONDITION, "dative", "between", "over", DIRECT)
# Words whose "that"-clause says what its subject must do or did: the clause's subject is the one addressed or
# accused (CAMEO codes "demanded that X withdraw" and "alleged that X shelled" with X as target). Reporting verbs
# ("said", "announced") are not here: their clause is the report, and its subject acts in its own event.
ADDRESSEE_WORDS = frozenset({
    "demand", "insist", "urge", "ask", "request", "appeal", "propose", "suggest", "recommend", "press",
    "accuse", "allege", "charge", "blame", "petition", "plead", "call",
})  # fmt: skip
THREAT_WORDS = frozenset({"threaten", "warn", "vow", "ultimatum", "threat", "warning"})
# Heads that count or pick out part of a group: the group, in their "of" phrase, is the actor
# ("thousands of Kurds", "members of the union", "one third of the guerrillas", "a group of refugees").
PARTITIVE_NOUNS = frozenset({
    "thousand", "thousands", "hundred", "hundreds", "ten", "tens", "dozen", "dozens", "million", "millions",
    "score", "scores", "member", "members", "group", "some", "many", "most", "part", "third", "half", "quarter",
    "majority", "minority", "number", "one", "two", "several", "all", "each", "none", "rest", "remnant", "band",
    "contingent", "delegation", "team", "unit", "detachment", "battalion", "squad", "handful",
})  # fmt: skip
# Prepositions (single or "in_to"-style multi-word keys, see syntax.preps) that introduce the act an event answers.
RESPONSE_PREPS = ("following", "after", "over", "in_to", "in_for", "because_of", "amid")
OWNER_DEPS = ("poss", "compound", "amod", "nmod", "appos")
# Event nouns whose "of" phrase names the one the act befalls, not its agent: "demanded the release of X".
PATIENT_NOUNS = frozenset({
    "resignation", "removal", "ouster", "overthrow", "release", "dismissal", "arrest", "expulsion", "extradition",
    "trial", "prosecution", "punishment", "impeachment", "sacking", "replacement", "recall", "isolation",
})  # fmt: skip
# Place prepositions that say where a group of unstated nationality is ("refugees in", "workers from").
LOCATIVE_PREPS = ("in", "inside", "from", "of")
# Verbs whose object is the subject's own people moved about (CAMEO 074/0871/0874 and the like: sending,
# withdrawing, mobilising forces, recalling envoys). "expel", "deport" are not here: what they move is the other's.
DEPLOY_VERBS = frozenset({
    "send", "deploy", "redeploy", "dispatch", "withdraw", "pull", "recall", "mobilize", "mobilise", "contribute",
    "station", "commit", "evacuate", "demobilize", "demobilise", "move", "post", "rotate",
})  # fmt: skip
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # spaCy entity labels of places
NON_ACTOR_NOUNS = frozenset({"time", "year", "day", "week", "month", "way", "part", "thing", "lot", "number"})
# Acts of speech whose "from" phrase names the speaker ("a demand from X" is X's demand); for other event nouns
# "from" is a place or a source ("the withdrawal from X"). Not "threat" or "pressure": "a growing threat from X"
# is a danger perceived, not a thing said.
SPEECH_ACT_NOUNS = frozenset({
    "demand", "request", "appeal", "call", "offer", "proposal", "invitation", "plea", "warning", "ultimatum",
    "criticism", "accusation", "order", "instruction",
})  # fmt: skip
# Verbs of performing an act: the agent of their participle is the act's agent ("the attack carried out by X").
PERFORM_VERBS = frozenset({
    "carry", "stage", "conduct", "launch", "hold", "organise", "organize", "commit", "perpetrate", "mount", "wage",
    "orchestrate", "undertake", "execute", "lead", "make", "fire",
})  # fmt: skip
# Relational nouns: "Israel's ally", "Iran's rivals", "its neighbours" name another party than their owner, so the
# owner never stands for them (their own place or name may still place them: "its ally in southern Lebanon").
RELATIONAL_NOUNS = frozenset({
    "ally", "enemy", "rival", "neighbour", "neighbor", "foe", "adversary", "opponent", "proxy", "critic",
})  # fmt: skip
# Places people live in: a state-naming modifier of one ("Iraqi towns", "a Bosnian village") names that state's
# civilians, as CAMEO codes attacks on and aid to towns (CVL), not the state's government.
SETTLEMENT_NOUNS = frozenset({
    "town", "village", "city", "hamlet", "settlement", "neighborhood", "neighbourhood", "district", "suburb",
    "camp", "home", "house", "residence", "market", "bazaar", "school", "hospital", "mosque", "church", "street",
})  # fmt: skip


# Bodies that take the state of whoever leads them ("a delegation led by Kenya's foreign minister", "the
# coalition headed by Nigeria"): a body sent, formed or commanded by a state's organ acts for that state.
LED_BODIES = frozenset({
    "delegation", "team", "mission", "convoy", "coalition", "force", "forces", "troops", "contingent", "alliance",
    "task", "taskforce", "panel", "committee", "commission", "envoy", "envoys", "unit", "bloc", "squad", "fleet",
})  # fmt: skip
LEADING_VERBS = frozenset({"lead", "head", "command", "chair", "spearhead"})
# Appositions that make a body part of another ("the militia, an offshoot of the Sudanese army"): the part acts
# for the whole's state. Not "ally", "proxy" or "partner": those name another party.
PART_NOUNS = frozenset({
    "affiliate", "offshoot", "wing", "arm", "branch", "unit", "division", "faction", "subsidiary", "brigade",
    "battalion", "detachment", "chapter", "cell", "part", "component",
})  # fmt: skip
# Rules that gave an actor the state its article or sentence is about, not one its own phrase names.
CONTEXT_RULES = frozenset({"context-country", "previous-place"})
# Place prepositions of a verb whose object may itself be placed ("rioted at a prison in X").
SITE_PREPS = ("in", "at", "inside", "outside", "near")


@dataclass(frozen=True, slots=True)
class Arg:
    """An actor filling a role, with the token it was found at and whether the actors stage resolved it."""

    actor: Actor
    token: int
    resolved: bool

    @property
    def key(self) -> str:
        return self.actor.entity or f"{self.actor.span.start}:{self.actor.span.end}"


class Arguments:
    """Actor lookup for one analysis: token -> mention, built once per article."""

    def __init__(self, analysis: Analysis, person_nouns: frozenset[str] = frozenset(),
                 event_nouns: frozenset[str] = frozenset(), thing_nouns: frozenset[str] = frozenset()) -> None:
        self.analysis = analysis
        self.thing_nouns = thing_nouns  # nouns the lexicon classes as things (laws, weapons, deals): never actors
        self.event_nouns = event_nouns  # an event noun as subject names the act, its owner the actor
        self.person_nouns = person_nouns  # role nouns whose actor-naming modifier names them ("Russian diplomats")
        self.by_token: dict[int, Mention] = {}
        for mention in analysis.mentions:
            for i in range(mention.start, mention.end):
                current = self.by_token.get(i)
                # the smallest mention wins where mentions nest ("the US" inside "the US administration")
                if current is None or (mention.end - mention.start) < (current.end - current.start):
                    self.by_token[i] = mention

    def mention(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def is_actor(self, tok: Token) -> bool:
        return tok.i in self.by_token

    def _arg(self, mention: Mention) -> Arg:
        return Arg(mention.actor, mention.head, True)

    def owner(self, noun: Token) -> Arg | None:
        """The actor a noun phrase belongs to: its possessor or actor-naming modifier ("US approval").

        A named modifier wins over a possessive pronoun: "its European Union partners" are the EU's members.
        """
        ordered = sorted(noun.children, key=lambda c: c.dep_ == "poss" and c.pos_ == "PRON")
        for child in ordered:
            if child.dep_ in OWNER_DEPS and child.i < noun.i:
                # "its neighbour's exports" are not its own: a relational noun names another party than its owner
                grand = () if child.lemma_.lower() in RELATIONAL_NOUNS else (
                    g for g in child.children if g.dep_ in (*OWNER_DEPS, "npadvmod") and g.i < child.i)
                for tok in (child, *grand):  # "US-led war": the modifier's own modifier names the owner
                    mention = self.mention(tok)  # "US approval", "Israeli tank shelling"
                    if mention is not None and not (mention.start <= noun.i < mention.end):
                        return self._arg(mention)
        return None

    def np(self, tok: Token, depth: int = 0) -> Arg | None:
        """The actor a noun phrase names: a mention at its head, or one inside its core or its "of" phrase."""
        mention = self.mention(tok)
        part = self.partitive(tok, depth)
        if part is not None and (mention is None or not mention.actor.country):
            return part  # "thousands of Iraqi Kurds", "members of the Kenyan opposition"
        if mention is not None and not mention.actor.country and depth <= 3:
            for pobj in preps(tok).get("of", []):  # "leaders of Romania's new government": whose leaders
                whole = self.np(pobj, depth + 1)
                if whole is not None and whole.actor.country:
                    return self._member_of(mention, whole)
        if mention is not None and not mention.actor.country and depth <= 3:
            placed = self.located(tok, depth) or self.deployed(tok, mention, depth) or self.described(tok, depth)
            if placed is not None:
                return self._member_of(mention, placed)
        if mention is not None:
            return self._arg(mention)
        owner = self.owner(tok)
        if owner is not None and tok.pos_ not in NOUN_POS:
            return owner
        for child in tok.children:
            if child.dep_ == "appos":
                mention = self.mention(child)
                if mention is not None:
                    return self._arg(mention)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.event_nouns:
            for pobj in preps(tok).get("by", []):  # "protested against the arrests by the police": the police
                arg = self.np(pobj, depth + 1)
                if arg is not None:
                    return arg
        if tok.lemma_.lower() in PATIENT_NOUNS:  # "the resignation of the prime minister": whom it befalls
            for pobj in preps(tok).get("of", []):
                arg = self.np(pobj, depth + 1)
                if arg is not None:
                    return arg
        if tok.lemma_.lower() in self.person_nouns:  # "the government of Iraq"
            for pobj in preps(tok).get("of", []):
                mention = self.mention(pobj)
                if mention is not None:
                    return self._arg(mention)
        if owner is not None and self._owned_actor(tok):
            # "Russian diplomats", "Israeli tanks", "U.N. inspectors", "Russia's invasion": the country the
            # modifier names acts or is acted on, whatever the noun (things and event nouns included)
            if tok.lemma_.lower() in SETTLEMENT_NOUNS and owner.actor.country and not owner.actor.sectors:
                return self._with_sectors(owner, ("CVL",), "events:settlement")
            return owner
        return None

    def located(self, tok: Token, depth: int = 0) -> Arg | None:
        """The state a countryless group is placed in ("refugees in Chad", "villagers living in Kashmir").

        CAMEO and PLOVER code an actor whose nationality the text leaves open by where it is: "students in
        Tehran" are Iranian students. Only a place phrase of the noun itself or of a participle or relative
        clause describing it counts; a place of the verb says where the event happened, not who took part.
        """
        phrases = [preps(tok)]
        for child in tok.children:
            if child.dep_ in ("acl", "relcl") and child.pos_ in VERB_POS:
                phrases.append(preps(child))
                phrases.extend(preps(obj) for obj in child.children if obj.dep_ == "dobj")
        for pp in phrases:
            for key in LOCATIVE_PREPS:
                for pobj in pp.get(key, []):
                    arg = self.np(pobj, depth + 1)
                    if arg is not None and arg.actor.country and len(arg.actor.country) == 3:
                        return arg
        return None

    def described(self, tok: Token, depth: int = 0) -> Arg | None:
        """The state an apposition gives a name the tables do not know ("Ali Musa, Sudan's envoy to Chad")."""
        for child in tok.children:
            if child.dep_ == "appos":
                arg = self.np(child, depth + 1)
                if arg is not None and arg.actor.country:
                    return arg
        return None

    def deployed(self, tok: Token, mention: Mention, depth: int = 0) -> Arg | None:
        """Whose agents a sending verb moves: "Nigeria will withdraw its force from Chad" -> Nigeria's force.

        A state that sends, withdraws or mobilises troops, inspectors or envoys sends its own (or, for an
        organisation, those under its command); the country of the subject is theirs unless the text names
        another. That lets the target search pass over them to the place or party they are sent to or from.
        """
        first = tok
        while first.dep_ == "conj" and first.head.pos_ in NOUN_POS:  # "withdrew its inspectors and aid workers"
            first = first.head
        if first.dep_ != "dobj" or first.head.lemma_.lower() not in DEPLOY_VERBS or not mention.actor.sectors:
            return None
        owners = [c for c in tok.children if c.dep_ in OWNER_DEPS and c.i < tok.i]
        if any(self.mention(c) is not mention for c in owners):  # identity: mention records
            return None
        for subject in logical_subjects(first.head):
            if subject.i == tok.i:
                continue
            arg = self.np(subject, depth + 1)
            if arg is not None and arg.actor.country:
                return arg
        return None

    def partitive(self, tok: Token, depth: int = 0) -> Arg | None:
        """The group a counting or part-naming head picks from ("tens of thousands of students" -> students)."""
        if depth > 3 or not self._counts(tok):
            return None
        for pobj in preps(tok).get("of", []):
            arg = self.np(pobj, depth + 1)
            if arg is not None:
                return arg
        return None

    @staticmethod
    def _member_of(member: Mention, whole: Arg) -> Arg:
        """ "workers of the bus company", "leaders of Romania's government": the member's own role (sector), the
        whole's country; without a role of its own the member is simply the whole."""
        own = member.actor
        if not own.sectors:
            return whole
        country = whole.actor.country
        sectors = tuple(dict.fromkeys(own.sectors))
        code = country + "".join(sectors) if country and len(country) == 3 else whole.actor.code
        actor = replace(own, country=country, code=code, rule="events:member-of", entity=f"{code}:{own.entity}")
        return Arg(actor, member.head, True)

    @staticmethod
    def _counts(tok: Token) -> bool:
        return tok.lower_ in PARTITIVE_NOUNS or tok.lemma_.lower() in PARTITIVE_NOUNS or tok.like_num

    def _owned_actor(self, tok: Token) -> bool:
        """Whether a common noun with an actor modifier stands for that actor: anything but a measure or time."""
        lemma = tok.lemma_.lower()
        if lemma in RELATIONAL_NOUNS:
            return False
        if lemma in self.person_nouns or lemma in self.thing_nouns:
            return True
        if tok.pos_ == "PROPN":
            # a place the tables do not know, named with its state's adjective ("the Lebanese Bekaa Valley", "the
            # Iraqi Kurdistan region"): the adjective's state holds it (the parser often gives such a name no label)
            return (tok.ent_type_ in PLACE_LABELS or not tok.ent_type_) and not tok.like_num
        return tok.pos_ == "NOUN" and lemma not in NON_ACTOR_NOUNS and not tok.like_num

    def unresolved(self, tok: Token) -> Arg | None:
        """An actor for a subject the actors stage did not resolve: the noun phrase itself, country unknown.

        Only for nouns and names; pronouns without an antecedent stay unknown rather than guessed.
        """
        if tok.pos_ not in NOUN_POS or tok.lemma_.lower() in NON_ACTOR_NOUNS or tok.like_num:
            return None
        lemma = tok.lemma_.lower()
        if lemma in self.thing_nouns and lemma not in self.person_nouns and tok.pos_ != "PROPN":
            return None  # "discriminatory laws restrict ...", "the agreement ended ...": things, not actors
        start, end = np_bounds(tok)
        span = self.analysis.span(start, end)
        placed = self.located(tok) if tok.pos_ == "NOUN" else None
        if placed is not None and placed.actor.country:  # "detainees held in Libya": Libya's, sector unknown
            country = placed.actor.country
            actor = Actor(span=span, name=span.text, country=country, code=country, rule="events:located-subject")
            return Arg(actor, tok.i, False)
        actor = Actor(span=span, name=span.text, rule="events:unresolved-subject")
        return Arg(actor, tok.i, False)

    def implicit_agent(self, verb: Token) -> Arg:
        """The unstated agent of a passive ("were killed"): an empty span at the verb, nothing guessed."""
        span = self.analysis.span(verb.i, verb.i)
        return Arg(Actor(span=span, name=None, rule="events:implicit-agent"), -1 - verb.i, False)

    def coordinated_modifiers(self, noun: Token) -> list[Arg]:
        """Actors named by coordinated modifiers of one noun ("Indian and French warships" -> India, France).

        The noun's role goes to every modifier: in "Sierra Leonean and Liberian refugees" both are refugees,
        though the actors stage only joined the nearer demonym to the noun.
        """
        out: list[Arg] = []
        whole = self.mention(noun)
        sectors = whole.actor.sectors if whole is not None and whole.actor.country else ()
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i:
                parts = conjuncts(child)
                for part in parts:
                    mention = self.mention(part)
                    if mention is not None and len(parts) == 1 and mention.start <= noun.i < mention.end:
                        continue  # "Marco" in "Secretary of State Marco Rubio": the head's own name, no other actor
                    if mention is not None and all(a.token != mention.head for a in out):
                        arg = self._arg(mention)
                        if sectors and arg.actor.country and not arg.actor.sectors:
                            arg = self._with_sectors(arg, sectors, "events:shared-role")
                        out.append(arg)
        return out if len(out) > 1 else []

    @staticmethod
    def _bare_adjective(tok: Token) -> bool:
        """A nationality adjective standing alone ("Leonean" in "Sierra Leonean and Liberian refugees")."""
        return tok.tag_ in ("JJ", "NNP") and not tok.lower_.endswith("s") and not any(
            c.dep_ in ("det", "nummod", "poss") for c in tok.children)

    @staticmethod
    def _with_sectors(arg: Arg, sectors: tuple[str, ...], rule: str) -> Arg:
        """A bare country actor given the role its noun phrase states (code = country + sectors)."""
        own = arg.actor
        code = own.country + "".join(sectors) if own.country and len(own.country) == 3 else own.code
        actor = replace(own, sectors=tuple(sectors), code=code, rule=rule, entity=f"{code}:{own.entity}")
        return Arg(actor, arg.token, arg.resolved)

    def members_of_list(self, tok: Token) -> list[Arg]:
        """One member per coordinated whole: "the ambassadors of A, B and C" -> A's, B's and C's ambassadors.

        Only for a role noun (a mention with a sector) whose "of" phrase lists several placed parties; the
        actors stage names the first ("the ambassadors of A"), the others get the same role. CAMEO codes every
        coordinated actor, and PETRARCH's compound tests expect one event per member.
        """
        mention = self.mention(tok)
        wholes = preps(tok).get("of", [])
        if mention is None or tok.pos_ != "NOUN" or not mention.actor.sectors or len(wholes) < 2:
            return []
        out: list[Arg] = []
        for whole in wholes:
            inner = self.mention(whole)
            if inner is mention:  # identity: the mention that already spans "the ambassadors of A"
                out.append(self._arg(mention))
                continue
            arg = self.np(whole)
            if arg is None or not arg.actor.country:
                continue
            if arg.actor.sectors:
                out.append(arg)
            elif mention.actor.country:
                out.append(self._with_sectors(arg, mention.actor.sectors, "events:member-of-list"))
            else:
                out.append(self._member_of(mention, arg))
        return out if len(out) > 1 else []

    def subjects(self, tokens: list[Token]) -> list[Arg]:
        out: list[Arg] = []
        for tok in tokens:
            split = self.coordinated_modifiers(tok) if tok.pos_ in NOUN_POS else []
            split = split or self.members_of_list(tok)
            if split:
                out.extend(split)
                continue
            if tok.lemma_.lower() in self.event_nouns and self.mention(tok) is None:
                owner = self.event_owner(tok)  # "Coordinated airstrikes by the Somali army killed ..."
                if owner is not None:
                    out.append(owner)
                continue
            arg = self.np(tok) or self.unresolved(tok)
            if tok.lower_ == "they" and (arg is None or not arg.actor.country):
                shared = self._coordinated_antecedents(tok)
                if shared:  # "Kenya and Tanzania said they would ...": each of them
                    out.extend(shared)
                    continue
            if arg is None and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
                # "the party issued a declaration demanding ...": the declaration speaks for the issuer
                heads = [self.np(t) for t in logical_subjects(tok.head)]
                out.extend(a for a in heads if a is not None)
                continue
            if arg is not None and tok.pos_ in NOUN_POS and (not arg.actor.country
                                                             or arg.actor.rule in CONTEXT_RULES):
                arg = self._led_or_part_of(tok, arg)  # the leader named in the phrase outranks the context
            if arg is not None and not arg.actor.country and tok.dep_ == "nsubj":
                arg = self._placed_group(tok, arg)
            if arg is not None:
                out.append(arg)
        return out

    def _coordinated_antecedents(self, pron: Token) -> list[Arg]:
        """ "Kenya and Tanzania said they would expel ...": a "they" in a clause governed by a verb whose subject
        is a coordination of placed actors is each of them (rule ``events:coordinated-antecedent``; CAMEO codes
        one event per coordinated actor). The actors stage leaves such a "they" unresolved, since no one mention
        is its antecedent. The walk climbs at most four clause links, and stops at the first subject it meets."""
        verb = pron.head
        for _ in range(4):
            if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or verb.head.i == verb.i:
                return []
            verb = verb.head
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i]
            if not subjects:
                continue
            parts = [self.np(p) for p in conjuncts(subjects[0])]
            if len(parts) < 2 or any(p is None or not p.actor.country for p in parts):
                return []
            # each conjunct's own mention is the source (one mention, one actor); the pronoun is the evidence
            span = self.analysis.span(pron.i, pron.i + 1)
            return [Arg(replace(p.actor, rule="events:coordinated-antecedent", evidence=span), p.token, p.resolved)
                    for p in parts if p is not None]
        return []

    def _led_or_part_of(self, tok: Token, arg: Arg) -> Arg:
        """A body with no state of its own that a state's organ leads, or that an apposition makes part of a
        state's body, is that state's: "a delegation led by Kenya's foreign minister" (rule ``events:led-by``),
        "the militia, an offshoot of the Sudanese army" (rule ``events:part-of``). Only the leader's or the
        whole's own mention counts (one step, no chain), and it must name a state (a three-letter country)."""
        lemma = tok.lemma_.lower()
        if lemma in LED_BODIES or tok.lower_ in LED_BODIES:
            for participle in (c for c in tok.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN"
                               and c.lemma_.lower() in LEADING_VERBS):  # "led by", "which was led by"
                leaders = [g for a in participle.children if a.dep_ == "agent" for g in a.children
                           if g.dep_ == "pobj"]
                placed = [self.np(g) for g in leaders]
                if len(placed) == 1 and placed[0] is not None:
                    return self._placed_as(arg, placed[0], "events:led-by")
        for appos in (c for c in tok.children if c.dep_ == "appos" and c.lemma_.lower() in PART_NOUNS):
            wholes = preps(appos).get("of", [])
            placed = [self.np(g) for g in wholes]
            if len(placed) == 1 and placed[0] is not None:
                return self._placed_as(arg, placed[0], "events:part-of")
        return arg

    @staticmethod
    def _placed_as(arg: Arg, by: Arg, rule: str) -> Arg:
        """``arg``'s words and role with the state of ``by`` (kept only when ``by`` names one state)."""
        country = by.actor.country
        if not country or len(country) != 3:
            return arg
        sectors = arg.actor.sectors or by.actor.sectors
        code = country + "".join(sectors)
        actor = replace(arg.actor, country=country, code=code, sectors=tuple(sectors), rule=rule,
                        entity=f"{code}:{arg.actor.entity or arg.actor.span.text}", evidence=by.actor.span)
        return Arg(actor, arg.token, arg.resolved)

    def _placed_group(self, tok: Token, arg: Arg) -> Arg:
        """A group of unstated nationality acting in a state is that state's ("ethnic Greeks marched in Albania").

        CAMEO and PLOVER code such a group by where it acts; only for plural group nouns that are the subject
        of the verb carrying the place, so a person or a thing never takes a country from a place phrase.
        """
        if tok.tag_ not in ("NNS", "NNPS") or tok.head.pos_ not in VERB_POS or worldwide(tok):
            return arg  # "leaders around the world condemned the raid in X": not X's (countries10)
        if not (arg.actor.sectors or arg.actor.rule in ("ethnic-group", "events:unresolved-subject")):
            return arg
        pp = verb_preps(tok.head)
        sites = [(pobj, False) for pobj in pp.get("in", [])]
        # "rioted at a prison in X": the verb's site, placed by its own "in" phrase (one step, rule suffix kept)
        # (a site, not an act: "wounded in an attack in X" says where the attack was, not whose the wounded are)
        sites += [(inner, True) for key in SITE_PREPS for pobj in pp.get(key, []) if self.mention(pobj) is None
                  and pobj.lemma_.lower() not in self.event_nouns for inner in preps(pobj).get("in", [])]
        for pobj, nested in sites:
            holder = self.mention(pobj)
            if holder is not None and holder.head < pobj.i:
                continue  # "in Gao" inside the mention "a French aid worker in Gao": the worker's state is no place
            place = self.np(pobj)
            if place is not None and place.actor.country and len(place.actor.country) == 3:
                country = place.actor.country
                code = country + "".join(arg.actor.sectors)
                rule = "events:placed-group-site" if nested else "events:placed-group"
                actor = replace(arg.actor, country=country, code=code, rule=rule,
                                entity=f"{code}:{arg.actor.entity}")
                return Arg(actor, arg.token, arg.resolved)
        return arg

    def from_preps(self, tok: Token, wanted: tuple[str, ...]) -> list[Arg]:
        """Actors in the word's recipient phrases, by the first key of ``wanted`` that yields any.

        ``THAT_CLAUSE`` yields the subject of an addressee word's "that"-clause ("urged that Iran halt" -> Iran).
        """
        return next((found for found in self.each_prep(tok, wanted) if found), [])

    def each_prep(self, tok: Token, wanted: tuple[str, ...]) -> Iterator[list[Arg]]:
        """The actors of each key of ``wanted`` in turn (see ``from_preps``), the phrases read once."""
        pp = verb_preps(tok) if tok.pos_ in VERB_POS else preps(tok)
        if "against" in wanted and "against" not in pp:
            aimed = aimed_at(tok)  # "struck in protest against X", "marched to demand X's resignation"
            if aimed:
                pp = {**pp, "against": aimed}
        lemma = tok.lemma_.lower()
        if THAT_CLAUSE in wanted and lemma in ADDRESSEE_WORDS:
            pp = {**pp, THAT_CLAUSE: clause_subjects(tok)}
        if CONDITION in wanted and lemma in THREAT_WORDS:
            pp = {**pp, CONDITION: condition_subjects(tok)}
        if DIRECT in wanted and tok.pos_ in VERB_POS:
            pp = {**pp, DIRECT: [t for c in tok.children if c.dep_ == "dobj" for t in conjuncts(c)]}
        for key in wanted:
            out: list[Arg] = []
            for pobj in pp.get(key, []):
                arg = self.np(pobj)
                if arg is not None and key in (THAT_CLAUSE, CONDITION) and not (arg.actor.country or arg.actor.sectors):
                    continue  # "demands that it reform": an unresolved pronoun says nothing about the addressee
                if arg is not None:
                    out.append(arg)
            yield out

    def event_owner(self, tok: Token) -> Arg | None:
        """Whose act a noun names ("Pelosi's visit" -> Pelosi), for response phrases and event-noun objects; a
        relational noun ("Chad's ally") names no act of its owner."""
        if tok.lemma_.lower() in RELATIONAL_NOUNS:
            return None
        owner = self.owner(tok)
        if owner is not None:
            return owner
        keys = ("by", "from") if tok.lemma_.lower() in SPEECH_ACT_NOUNS else ("by",)
        for pobj in (p for key in keys for p in preps(tok).get(key, [])):
            arg = self.np(pobj)
            if arg is not None:
                return arg
        act = tok.lemma_.lower() in self.event_nouns
        for participle in (c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                           and (not act or _performing(c))):
            # "the demonstration staged by students", "the attack carried out by X": the agent of a verb of
            # performing is the act's own, not that of any participle ("a meeting requested by X" is no meeting of
            # X's); a thing is owned by whoever acted on it ("property seized by X", "weapons supplied by X")
            for pobj in (g for a in participle.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"):
                arg = self.np(pobj)
                if arg is not None:
                    return arg
        return None

    def responded_to(self, verb: Token) -> list[Arg]:
        """Actors of the act an event answers ("... following Pelosi's visit to Taiwan" -> Pelosi)."""
        pp = preps(verb)
        for key in RESPONSE_PREPS:
            for pobj in pp.get(key, []):
                arg = self.event_owner(pobj)
                if arg is not None:
                    return [arg]
        return []

    def split(self, tokens: list[Token]) -> list[Arg]:
        """One argument per coordinated actor: "Iran and Iraq", and "Sierra Leonean and Liberian refugees"."""
        out: list[Arg] = []
        for tok in tokens:
            parts = conjuncts(tok)
            last = self.mention(parts[-1]) if parts[-1].pos_ == "NOUN" else None
            shared = last.actor.sectors if last is not None and last.actor.country else ()
            for part in parts:
                if shared and part.i != parts[-1].i and self._bare_adjective(part):
                    arg = self.np(part)  # "Sierra Leonean and Liberian refugees" parsed as two conjuncts
                    if arg is not None and arg.actor.country and not arg.actor.sectors:
                        out.append(self._with_sectors(arg, shared, "events:shared-role"))
                        continue
                group = preps(part).get("of", []) if self._counts(part) and self.mention(part) is None else []
                if group:  # "scores of Kenyan and Ugandan traders": the counted group, split in its turn
                    out.extend(a for a in self.split(group[:1]) if all(a.token != b.token for b in out))
                    continue
                mods = self.coordinated_modifiers(part) if part.pos_ in NOUN_POS else []
                if mods:
                    out.extend(m for m in mods if all(a.token != m.token for a in out))
                    continue
                arg = self.np(part)
                if arg is not None and all(a.token != arg.token for a in out):
                    out.append(arg)
        return out


def same_actor(a: Arg, b: Arg) -> bool:
    """Whether two arguments are the same actor (same mention, same entity, or same named country actor)."""
    if a.token == b.token or (a.actor.entity and a.actor.entity == b.actor.entity):
        return True
    if a.actor.span == b.actor.span:
        return True
    return bool(a.actor.name and a.actor.name == b.actor.name and a.actor.code and a.actor.code == b.actor.code)


def _performing(participle: Token) -> bool:
    """Whether a past participle is of a verb of performing (``PERFORM_VERBS``); the form itself is tried too,
    since the tagger's lemma of a rare participle can be wrong ("staged" -> "stag")."""
    word = participle.lower_
    return any(form in PERFORM_VERBS for form in (participle.lemma_.lower(), word[:-1], word[:-2]))
