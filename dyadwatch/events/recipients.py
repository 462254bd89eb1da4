"""Whom an act is for, and for whom its doer acts (issue 20, targets round 8).

The people aid is given to are its target: "provided food to children in X". CAMEO 07 and the PLOVER manual's AID
code the recipient of aid, whom it is given to. The actor tables name a state's people only with a demonym
("Sudanese children"), so "children in Sudan", "orphans", "women and girls" gave no actor; the recipient phrase was
passed over and the last-resort place rule named the state of its "in" phrase, or nothing. Here such a noun of
people (``linking/beneficiary_nouns.tsv``) in the "to"/"for" phrase of an aid act is the target: a civilian group
(CVL, as the actor tables code families and villagers), placed by its own place phrase ("in Sudan") when it has one
and otherwise left for the events stage's placing. Resolved parties ("families in Chad", "the Red Crescent") keep
the strict rules; only the aid codes take this rule, since a recipient phrase of another act ("crimes against
children") names no recipient of the act itself.

An organ asked for is no party yet: "pressed for a unity government in Libya", "demanded a transitional
council" ask that such a body be formed (CAMEO 1041, 1042: demands for a change of leadership or policy are named
by what is asked). An indefinite organ noun ("a", "an", or "new") in the "for" phrase of an appeal or demand, or
the direct object of a demand with no complement, is the content of the act, not whom it addresses: it is passed
over, and its place ("in Libya") still names the state the call concerns through the place rules.

A measure or an attack named by a noun often names its recipient in a participle of aiming: "tariffs targeting
X", "sanctions aimed at X", "raids directed against X" (the PLOVER manual: the target is whom the act is aimed
at). ``aimed_recipients`` reads such a participle or relative clause on the event noun, the noun a support verb
carries, or the noun a verb acts upon ("imposed tariffs targeting X", "condemned airstrikes targeting X").

A measure made heavier names its imposer in its own modifier: "doubled the Mexican tariff", "boosted U.S. duties"
(as the noun's own event takes that modifier as source). When a verb of class LEVIES acts on the measure
(``classes.tsv``: raising, doubling or extending a sanction, tariff or duty is CAMEO 163), ``measure_owners`` lists
those modifiers so the target search passes them over; the recipient is the measure's "on"/"against" phrase,
and without one the act has no target rather than the measure as a thing (``linking._content_act``).

The party a representative acts for is never its recipient: "lawyers for the activist asked that he be freed"
addresses a court, not the activist. A source headed by a noun of ``linking/representative_nouns.tsv`` (lawyers,
spokesmen, negotiators) with a "for" phrase has that phrase's party as principal; it and every mention of it (its
pronouns share its entity) are passed over as the source itself is.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.arguments import OWNER_DEPS, Arg
from dyadwatch.events.lexicon import listed_words
from dyadwatch.events.syntax import VERB_POS, conjuncts, np_bounds, preps, verb_preps
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.arguments import Arguments
    from dyadwatch.events.matcher import Match

# CAMEO 07 "provide aid" and 033 "express intent to provide material aid" (0331-0334): both name whom the aid is
# for; not 023 "appeal for aid", whose target is the one asked
AID_CODES = ("07", "033")
# CAMEO 02 appeal and 10 demand: what they ask for is named by their subcode, never their recipient
ASKING_CODES = ("02", "10")
# Verbs whose direct object is what is asked for ("demanded a new government"), not whom it is asked of ("urged a
# court to ..." has a complement and is not read here)
ASKING_VERBS = frozenset({"demand", "seek", "want", "request"})
# Verbs of aiming and where their aim is named: "targeting X" (object), "aimed at X", "directed against X"
AIMING = {"target": ("dobj",), "aim": ("at", "against"), "direct": ("at", "against")}
# Heads of bodies of government that an appeal may ask to be formed
ORGAN_NOUNS = frozenset({"government", "council", "commission", "administration", "cabinet", "leadership",
                         "parliament", "assembly", "authority", "body", "committee", "executive", "regime"})
BENEFIT_PREPS = ("to", "for", "dative")
SECTOR = "CVL"  # the actor codebook's civilians, as roles.tsv codes families, villagers and residents


@lru_cache(maxsize=1)
def load_representative_nouns() -> frozenset[str]:
    """Nouns of people who act for the party of their "for" phrase: ``linking/representative_nouns.tsv``."""
    return listed_words("linking", "representative_nouns.tsv")


def principals(sources: list[Arg], args: Arguments) -> list[Arg]:
    """The parties the sources act for: the "for" phrase of a representative noun at a source's head ("lawyers for
    the activist" -> the activist). One step, the source's own phrases only."""
    doc = args.analysis.doc
    if doc is None:
        return []
    nouns = load_representative_nouns()
    out: list[Arg] = []
    for source in sources:
        if not 0 <= source.token < len(doc):
            continue
        head = doc[source.token]
        if head.lower_ not in nouns and head.lemma_.lower() not in nouns:
            continue
        for pobj in preps(head).get("for", []):
            principal = args.np(pobj)
            if principal is not None:
                out.append(principal)
    return out


@lru_cache(maxsize=1)
def load_beneficiary_nouns() -> frozenset[str]:
    """Nouns of people who receive aid: ``linking/beneficiary_nouns.tsv``."""
    return listed_words("linking", "beneficiary_nouns.tsv")


def is_aid(match: Match) -> bool:
    """An act of giving aid, or a stated intent to give it ("pledged to send medicines to X")."""
    return match.coded(AID_CODES)


def _people(tok: Token, nouns: frozenset[str]) -> Token | None:
    """The noun of people a phrase names, itself or its counted group ("thousands of children"), else None."""
    if tok.lower_ in nouns or tok.lemma_.lower() in nouns:
        return tok
    if tok.like_num or tok.lemma_.lower() in ("thousand", "million", "hundred", "dozen", "number", "group"):
        for pobj in preps(tok).get("of", []):
            if pobj.lower_ in nouns or pobj.lemma_.lower() in nouns:
                return pobj
    return None


def beneficiaries(verb: Token, match: Match, args: Arguments) -> list[Arg]:
    """The people an aid act is for, from the verb's (or its object's) first recipient phrase that names them.

    Bounded: the verb's own phrases and those of its direct objects (``verb_preps``), their coordinated nouns,
    one counting "of" step."""
    if not is_aid(match):
        return []
    nouns = load_beneficiary_nouns()
    found = verb_preps(verb)
    for obj in match.objects:  # "provided food aid to children": the phrase hangs on the object the row took
        for key, objs in preps(obj).items():
            found.setdefault(key, objs)
    for key in BENEFIT_PREPS:
        out: list[Arg] = []
        seen: set[int] = set()
        for pobj in found.get(key, []):
            for tok in conjuncts(pobj):
                if tok.i in seen:
                    continue
                seen.add(tok.i)
                if args.mention(tok) is not None:
                    continue  # a party the actors stage resolved is the strict rules' to take
                people = _people(tok, nouns)
                if people is not None and args.mention(people) is None:
                    out.append(_group(tok, people, args))
        if out:
            return out
    return []


def _group(head: Token, people: Token, args: Arguments) -> Arg:
    """A civilian group for the phrase, placed by its own place phrase (or its counted noun's) if it has one."""
    start, end = np_bounds(head)[0], max(np_bounds(head)[1], np_bounds(people)[1] if people.i != head.i else 0)
    span = args.analysis.span(start, end)
    place = args.located(people) or (args.located(head) if head.i != people.i else None)
    country = place.actor.country if place is not None else None
    code = f"{country}{SECTOR}" if country else f"---{SECTOR}"
    actor = Actor(span=span, name=span.text, country=country, sectors=(SECTOR,), code=code,
                  rule="events:beneficiary", entity=f"{code}:{people.lemma_.lower()}")
    return Arg(actor, people.i, False)


def asked_for(match: Match) -> frozenset[int]:
    """Tokens of organs that an appeal or demand asks to be formed ("called for a new government in X"): an
    indefinite organ noun in the verb's "for" phrase, or the direct object of an asking verb with no complement."""
    if not match.coded(ASKING_CODES):
        return frozenset()
    verb = match.token
    nouns = list(preps(verb).get("for", []))
    if verb.lemma_.lower() in ASKING_VERBS and not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        nouns += [c for c in verb.children if c.dep_ == "dobj"]
    out = set()
    for noun in (t for n in nouns for t in conjuncts(n)):
        if noun.lemma_.lower() not in ORGAN_NOUNS or noun.pos_ != "NOUN":
            continue
        if any((c.dep_ == "det" and c.lower_ in ("a", "an")) or (c.dep_ == "amod" and c.lower_ == "new")
               for c in noun.children):
            out.add(noun.i)
    return frozenset(out)


def measure_owners(match: Match) -> frozenset[int]:
    """Tokens of the owner modifiers ("Mexican", "U.S.", "its") of the sanction, tariff or duty a verb of the
    LEVIES rows makes heavier: the measure's imposer, never its target (see the module docstring)."""
    if match.entry.obj != "LEVIES":
        return frozenset()
    out: set[int] = set()
    for noun in (t for o in match.objects for t in conjuncts(o)):
        for child in noun.children:
            if child.dep_ in OWNER_DEPS and child.i < noun.i:
                out.update(t.i for t in child.subtree)
    return frozenset(out)


def asked_place(noun: Token, args: Arguments) -> list[Arg]:
    """The state a body asked for is to govern, from its own place phrase ("a new government in Libya" -> Libya),
    as a state actor spanned on the place name (the actors stage may have folded the place into the body's mention).
    """
    place = args.located(noun)
    if place is None or not place.actor.country:
        return []
    country = place.actor.country
    for pobj in (p for key in ("in", "for", "of") for p in preps(noun).get(key, [])):
        start, end = np_bounds(pobj)
        span = args.analysis.span(start, end)
        actor = Actor(span=span, name=span.text, country=country, code=country, rule="events:asked-for-place",
                      entity=country)
        return [Arg(actor, pobj.i, True)]
    return []


def aimed_recipients(noun: Token, args: Arguments) -> list[Arg]:
    """The parties a participle or relative clause of aiming on the noun names: "sanctions targeting Russian
    banks" -> RUS, "raids aimed at X" -> X. Only placed parties (a country or a role); one level, the noun's own
    clauses."""
    out: list[Arg] = []
    for clause in noun.children:
        keys = AIMING.get(clause.lemma_.lower())
        if clause.dep_ not in ("acl", "relcl") or clause.pos_ not in VERB_POS or keys is None:
            continue
        heads = [c for c in clause.children if c.dep_ == "dobj"] if "dobj" in keys else []
        found = preps(clause)
        heads += [t for key in keys if key != "dobj" for t in found.get(key, [])]
        out += [a for a in args.split(heads) if a.actor.country or a.actor.sectors]
    return out


# ----------------------------------------------------------------------------------------- targets round 11
# CAMEO codes of acts done to people (173 arrest, 174 expel or deport individuals, 18 assault: abduct, torture,
# kill), not 183 (bombing, aimed at places and things), whose unresolved people object is their target
ON_PEOPLE_CODES = ("173", "174", "180", "181", "182", "184", "185", "186")
# Phrases of a consultation that name its topic, not its partner: "a meeting on Libya", "talks about X"
TOPIC_PREPS = ("on", "about", "over", "regarding", "concerning")
# CAMEO 04 consult and 036 "express intent to meet or negotiate": partner acts whose topic phrase is no party
CONSULT_CODES = ("04", "036")
# CAMEO roots of acts of force: a call for one names its foe, not whom the call is made to
FORCE_ROOTS = ("18", "19", "20")


@lru_cache(maxsize=1)
def load_victim_nouns() -> frozenset[str]:
    """Nouns of people an act of force or coercion befalls: ``linking/victim_nouns.tsv`` and the aid table's."""
    return listed_words("linking", "victim_nouns.tsv") | load_beneficiary_nouns()


def people_acted_upon(verb: Token, match: Match, args: Arguments) -> list[Arg]:
    """"Gunmen abducted 40 pupils from X", "the abduction of 200 schoolgirls from X": the people an act of force
    or coercion befalls, when the actor tables left them unresolved, before the place they were taken from.

    A civilian group (CVL), placed by its own place phrase, else by the act's own "in"/"from" place (the state the
    place rules would have named alone); the object or the event noun's "of" phrase, one counting step."""
    if not match.coded(ON_PEOPLE_CODES):
        return []
    nouns = load_victim_nouns()
    if verb.pos_ in VERB_POS:
        # the verb's own object first: "killing four traders and injuring 51 more" -- the wounded are the others,
        # not the object the row shares from the first verb
        objects = [c for c in verb.children if c.dep_ == "dobj"] or list(match.objects)
    else:  # "the abduction of 200 schoolgirls"
        objects = [*match.objects, *preps(verb).get("of", [])]
    heads = [t for o in objects for t in conjuncts(o)]
    out: list[Arg] = []
    for head in heads:
        if args.mention(head) is not None:
            continue  # a party the actors stage resolved is the strict rules' to take
        if head.lower_ == "others" and any(c.dep_ == "nummod" for c in head.children):
            # "killing four traders and injuring 51 more others": a counted "others" is more of the people the
            # coordinated act names, with their state and role
            out.append(_others(head, _parallel_people(verb, args, nouns), args))
            continue
        people = _people(head, nouns)
        if people is None or args.mention(people) is not None or _named_group(people):
            continue
        group = _group(head, people, args)
        if group.actor.country is None:
            places = [a for a in args.from_preps(verb, ("in", "from", "inside")) if a.actor.country]
            if places:
                group = _group_in(group, places[0].actor.country)
        out.append(group)
    return out


def _parallel_people(verb: Token, args: Arguments, nouns: frozenset[str]) -> Arg | None:
    """The people of the act ``verb`` is coordinated with ("shot a sergeant dead and hurt two others", "killing
    nine people and wounding 16 others"): a placed party, or a group of people the tables left unresolved."""
    head = verb.head
    if verb.dep_ != "conj" or head.pos_ not in VERB_POS:
        return None
    for obj in (c for c in head.children if c.dep_ in ("dobj", "nsubjpass")):
        arg = args.np(obj)
        if arg is not None and (arg.actor.country or arg.actor.sectors):
            return arg
        people = _people(obj, nouns)
        if people is not None and args.mention(people) is None:
            return _group(obj, people, args)
    return None


def _others(head: Token, parallel: Arg | None, args: Arguments) -> Arg:
    """"N others": spanned on its own words, with the parallel people's state and role (civilians if none)."""
    start, end = np_bounds(head)
    span = args.analysis.span(start, end)
    if parallel is None:
        actor = Actor(span=span, name=span.text, sectors=(SECTOR,), code=f"---{SECTOR}", rule="events:victims")
        return Arg(actor, head.i, False)
    like = parallel.actor
    actor = Actor(span=span, name=span.text, country=like.country, sectors=like.sectors, code=like.code,
                  rule="events:victims-others", entity=f"{like.code or ''}:others@{head.i}")
    return Arg(actor, head.i, False)


def _named_group(people: Token) -> bool:
    """Members of a named group ("five ABC men", "Zeta pupils"): a name modifying the noun says whose people they
    are, which is for the actors stage to resolve, not a civilian group."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in people.children)


def _group_in(group: Arg, country: str) -> Arg:
    """The civilian group placed in the state of the act's place."""
    actor = group.actor
    placed = Actor(span=actor.span, name=actor.name, country=country, sectors=actor.sectors,
                   code=f"{country}{SECTOR}", rule="events:victims-placed", entity=f"{country}:{actor.name}")
    return Arg(placed, group.token, group.resolved)


def addressed_objects(match: Match, args: Arguments) -> list[Arg]:
    """"Asked the board to lean on X": the one an appeal or demand is made to is the object that controls its
    open complement (or the object of "call on"), even when the actor tables leave it unresolved; the parties
    of the complement are what is asked, not whom it is asked of."""
    if not match.coded(ASKING_CODES):
        return []
    verb = match.token
    if not any(c.dep_ == "xcomp" and c.pos_ in VERB_POS for c in verb.children):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [p for key in ("on", "upon") for p in preps(verb).get(key, [])]
    people = args.person_nouns | ORGAN_NOUNS | load_victim_nouns()
    out: list[Arg] = []
    for obj in objects:
        # an unresolved object only when it names people or a body ("the council", "residents"), never what is
        # urged ("urged restraint to avoid ..." where the parser reads the purpose as a complement)
        arg = args.np(obj) or (args.unresolved(obj) if obj.pos_ == "PROPN" or obj.lemma_.lower() in people
                               or obj.lower_ in people else None)
        if arg is not None:
            out.append(arg)
    return out


def _phrase_tokens(nouns: list[Token], keys: tuple[str, ...]) -> set[int]:
    out: set[int] = set()
    for noun in nouns:
        for key in keys:
            for pobj in preps(noun).get(key, []):
                out.update(t.i for t in pobj.subtree)
    return out


def topic_tokens(match: Match) -> frozenset[int]:
    """Tokens of the phrases that name what a consultation is about ("a meeting on Libya", "attended a session
    about X", "held talks over Y"): the topic is no partner (CAMEO 04 codes whom the parties meet)."""
    if not match.coded(CONSULT_CODES):
        return frozenset()
    verb = match.token
    nouns = [verb, *match.objects]
    if match.light_noun is not None:
        nouns.append(verb.doc[match.light_noun])
    return frozenset(_phrase_tokens(nouns, TOPIC_PREPS))


def foe_tokens(match: Match, force_nouns: frozenset[str]) -> frozenset[int]:
    """Tokens of the foe of an act of force an appeal calls for ("demanded a full-scale war on X", "urged an
    offensive on Y"): the call is made to whoever is to fight, and the foe is no recipient of it."""
    if not match.coded(ASKING_CODES):
        return frozenset()
    verb = match.token
    asked = [t for t in (*match.objects, *preps(verb).get("for", [])) if t.lemma_.lower() in force_nouns]
    return frozenset(_phrase_tokens(asked, ("against", "on", "upon")))


# CAMEO 16 (reduce relations, sanction) and 17 (coerce): a measure taken because of what a party did is aimed at
# that party ("raised tariffs because X had flooded its market"), as a response phrase names it ("in retaliation
# for X's raid", ``frames.stance_targets``)
REASON_CODES = ("16", "17")
REASON_MARKERS = frozenset({"because", "since"})


def reason_subjects(verb: Token, match: Match, args: Arguments) -> list[Arg]:
    """The placed subject of an adverbial clause of reason ("because X had ...") of a sanction or coercion: the
    party whose act the measure answers. Only an agentive, placed party (a country or a role); never a clause of
    time ("since March" is no clause) or one without a subject of its own."""
    if not match.coded(REASON_CODES):
        return []
    out: list[Arg] = []
    for clause in verb.children:
        if clause.dep_ != "advcl" or (clause.pos_ not in VERB_POS and clause.pos_ != "AUX"):
            continue
        if not any(c.dep_ == "mark" and c.lower_ in REASON_MARKERS for c in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        out += [a for a in args.split(subjects) if a.actor.country or a.actor.sectors]
    return out
