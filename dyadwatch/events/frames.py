"""Recipient frames, control complements and support verbs: where an event's target sits when it is not the
verb's own object or phrase (issue 20 items 1-3; mixed into the Coder's target search).

Why: news states many recipients one step away from the predicate. A verb acts upon an event noun whose own
phrase names the party ("welcomed the resumption of ties with X", "backed a boycott of talks with X"); a
verb of agreeing, refusing or threatening governs an infinitive whose object is the one affected ("agreed to
supply X with", "refused to let X", "vowed to punish X": CAMEO codes the intent, the refusal or the threat as
aimed at X); a support verb ("held talks", "lodged a complaint", "provided $40 million in aid") carries an
event noun whose type is the event's. Which preposition of a noun marks its recipient is data
(``recipient_frames.tsv``); the support verbs are data too (``support_verbs.tsv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.arguments import SPEECH_ACT_NOUNS, THREAT_WORDS, Arg, Arguments
from dyadwatch.events.lexicon import FOLDER, _rows, listed_words
from dyadwatch.events.syntax import NOUN_POS, VERB_POS, preps, undergoer_clause_subjects
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_OF_DEPTH = 3  # "the resumption of formal ties with X": nouns walked through "of" phrases
# CAMEO roots whose event takes the recipient of the act it governs (codebook: 03 intent "to provide X with",
# 08 yield "decided to allow X", 12 reject "refused to let X", 13 threaten "vowed to punish X"; not 10 demand:
# a demand is aimed at whom it addresses, not at the object of the demanded act).
CONTROL_ROOTS = ("03", "08", "12", "13")
# Verbs whose object is also the subject of their infinitive ("allowed X to run", "let X land", "forced X to
# leave"): X is the one the act is done to, whether the parser makes it the verb's object or the complement's
# subject.
CAUSEE_VERBS = frozenset({"allow", "let", "permit", "enable", "force", "compel", "order", "authorize",
                          "authorise", "forbid", "prevent", "bar", "ban", "help", "invite", "urge", "ask"})
# Prepositions of a governed act that name whom it affects ("to supply aid to X", "to impose sanctions on X").
COMPLEMENT_PREPS = ("to", "with", "against", "on", "upon", "toward", "towards", "for", "from")


def _placed(parties: list[Arg | None] | list[Arg]) -> list[Arg]:
    """The parties that name a country or a sector: only those can be an event's target."""
    return [a for a in parties if a is not None and (a.actor.country or a.actor.sectors)]


def _placed_in_phrases(args: Arguments, pp: dict[str, list[Token]]) -> list[Arg]:
    """The placed objects of the first complement preposition (in ``COMPLEMENT_PREPS`` order) that has any."""
    for prep in COMPLEMENT_PREPS:
        found = _placed(args.split(pp.get(prep, [])))
        if found:
            return found
    return []


@lru_cache(maxsize=1)
def load_frames() -> dict[str, tuple[str, ...]]:
    """lemma -> the prepositions that name its recipient, from ``recipient_frames.tsv``."""
    out: dict[str, tuple[str, ...]] = {}
    for _line, (lemma, _pos, prep_list, _reason) in _rows(data_path(FOLDER, "recipient_frames.tsv"), 4):
        out[lemma.lower()] = tuple(p.strip().lower() for p in prep_list.split(",") if p.strip())
    return out


@lru_cache(maxsize=1)
def transfer_nouns() -> frozenset[str]:
    """Nouns of transfer (rows marked ``T`` in ``recipient_frames.tsv``): their "of" phrase is the thing moved."""
    return frozenset(lemma.lower() for _line, (lemma, pos, _preps, _reason)
                     in _rows(data_path(FOLDER, "recipient_frames.tsv"), 4) if pos.strip() == "T")


@dataclass(frozen=True, slots=True)
class SupportVerb:
    """A row of ``support_verbs.tsv``: whether the noun may follow a quantity in an "in" phrase, and the CAMEO
    roots of the nouns the verb can carry."""

    quantity_in: bool
    roots: tuple[str, ...]
    line: int


@lru_cache(maxsize=1)
def load_support_verbs() -> dict[str, SupportVerb]:
    """verb -> its support-verb row."""
    out: dict[str, SupportVerb] = {}
    for line, (verb, flag, roots, _reason) in _rows(data_path(FOLDER, "support_verbs.tsv"), 4):
        out[verb.lower()] = SupportVerb(flag.strip().lower() == "yes",
                                        tuple(r.strip() for r in roots.split(",") if r.strip()), line)
    return out


# Roots of the acts a vehicle head ("a statement of", "a letter of") can carry: acts of speech only (CAMEO 01-05,
# 10-13); "a letter of protest" is no demonstration (14), "a declaration of war" no assault (19).
VEHICLE_ROOTS = ("01", "02", "03", "04", "05", "10", "11", "12", "13")


@lru_cache(maxsize=1)
def load_noun_heads() -> dict[str, str]:
    """lemma -> ``group`` or ``vehicle``: object heads whose "of" phrase holds the carried event noun
    (``noun_heads.tsv``: "a round of talks", "a statement of condemnation")."""
    return {word.lower(): kind.strip().lower()
            for _line, (word, kind, _reason) in _rows(data_path(FOLDER, "noun_heads.tsv"), 3)}


def carried_nouns(obj: Token) -> list[tuple[Token, str | None]]:
    """The object, then, when its head only counts or states events, the noun of its "of" phrase with the head's
    kind: "a series of raids" -> [(series, None), (raids, "group")]. The noun is what a support verb carries."""
    out: list[tuple[Token, str | None]] = [(obj, None)]
    kind = load_noun_heads().get(obj.lemma_.lower())
    if kind is not None:
        inner = next((t for t in preps(obj).get("of", []) if t.pos_ in NOUN_POS), None)
        if inner is not None:
            out.append((inner, kind))
    return out


def of_chain(noun: Token) -> list[Token]:
    """The noun and the nouns its "of" phrases lead to: "the resumption of ties" -> [resumption, ties]."""
    chain = [noun]
    current = noun
    for _ in range(MAX_OF_DEPTH):
        nxt = [t for t in preps(current).get("of", []) if t.pos_ in NOUN_POS]
        if not nxt or nxt[0].i in {c.i for c in chain}:
            break
        current = nxt[0]
        chain.append(current)
    return chain


def framed_recipients(noun: Token, args: Arguments, frames: dict[str, tuple[str, ...]]) -> list[Arg]:
    """Parties a noun acted upon addresses through its frame, at the noun or down its "of" chain.

    "welcomed the resumption of formal diplomatic ties with X / between X and Y" -> X (and Y): "resumption"
    frames "of", so the walk goes on to "ties", whose frame is "with"/"between". A noun's "of" phrase counts as
    a recipient only when the frame says so ("criticism of X") and it names a party.
    """
    for tok in of_chain(noun):
        wanted = frames.get(tok.lemma_.lower()) or frames.get(tok.lower_)
        if not wanted:
            continue
        pp = preps(tok)
        if tok.dep_ == "dobj" and tok.head.pos_ in VERB_POS:
            # the parser often hangs the noun's phrase on the verb ("restore ties with X on Monday")
            for key, objs in preps(tok.head).items():
                later = [o for o in objs if o.i > tok.i]
                if later:
                    pp.setdefault(key, later)
        for prep in wanted:
            found = args.split([t for t in pp.get(prep, []) if t.pos_ in NOUN_POS | {"PRON"}])
            found = _placed(found)
            if found:
                return found
    return []


@lru_cache(maxsize=1)
def load_type_fixes() -> dict[str, tuple[tuple[frozenset[str], str, int], ...]]:
    """governing lemma -> (complement lemmas, CAMEO code, table line) rows of ``type_fixes.tsv``."""
    out: dict[str, list[tuple[frozenset[str], str, int]]] = {}
    for line, (lemma, comps, cameo, _reason) in _rows(data_path(FOLDER, "type_fixes.tsv"), 4):
        words = frozenset(w.strip().lower() for w in comps.split(",") if w.strip())
        out.setdefault(lemma.lower(), []).append((words, cameo, line))
    return {k: tuple(v) for k, v in out.items()}


def type_fix(verb: Token) -> tuple[str, str, int] | None:
    """(code, complement lemma, table line) when the verb and its infinitive say what the act is ("ordered
    the broadcaster to stop transmitting" -> 1721 COERCE restrict)."""
    rows = load_type_fixes().get(verb.lemma_.lower())
    if not rows:
        return None
    for comp in verb.children:
        if comp.dep_ not in ("xcomp", "ccomp") or comp.pos_ not in VERB_POS:
            continue
        if not any(c.tag_ == "TO" for c in comp.children):
            continue
        has_party = any(c.dep_ == "dobj" for c in verb.children) or any(c.dep_ == "nsubj" for c in comp.children)
        if not has_party:
            continue
        for words, cameo, line in rows:
            if comp.lemma_.lower() in words:
                return cameo, comp.lemma_.lower(), line
    return None


def causees(verb: Token, args: Arguments) -> list[Arg]:
    """Whom a causative or object-control verb acts on: "allowed X to run" (X the object, or the parser's
    subject of the infinitive)."""
    if verb.lemma_.lower() not in CAUSEE_VERBS:
        return []
    for comp in verb.children:
        if comp.dep_ in ("ccomp", "xcomp") and comp.pos_ in VERB_POS:
            subjects = [c for c in comp.children if c.dep_ == "nsubj"]
            found = _placed(args.split(subjects))
            if found:
                return found
    return []


def complement_places(verb: Token, args: Arguments) -> list[Arg]:
    """The state a governed act happens in ("threatened to resume attacks in Israel"): CAMEO coders' last
    resort for a target, as for the verb's own place."""
    for comp in verb.children:
        if comp.dep_ == "xcomp" and comp.pos_ in VERB_POS:
            for key in ("in", "inside"):
                found = [a for a in args.split(preps(comp).get(key, [])) if a.actor.country]
                if found:
                    return found
            for obj in comp.children:
                if obj.dep_ == "dobj":
                    found = [a for a in args.split(preps(obj).get("in", [])) if a.actor.country]
                    if found:
                        return found
    return []


PLACE_PREPS = ("in", "inside")
PARTICIPLE_PLACE_PREPS = ("in", "inside", "into", "near", "at", "outside")


def _state_of_place(place: Token, args: Arguments) -> list[Arg]:
    """The state a place phrase names, directly or through its own "of"/"in" phrase ("the capital city of X",
    "a jail in northern X")."""
    found = [a for a in args.split([place]) if a.actor.country]
    if found:
        return found
    pp = preps(place)
    for key in ("of", *PLACE_PREPS):
        found = [a for a in args.split(pp.get(key, [])) if a.actor.country]
        if found:
            return found
    return []


def deep_places(verb: Token, objects: list[Token], args: Arguments) -> list[Arg]:
    """The state an act happens in when it is named one step away from the verb: in a place phrase of a noun
    down the object's "of" chain ("a state of emergency in X"), or through the place noun's own phrase ("at a
    jail in X", "in the capital city of X"). Last resort, after the verb's and object's own place phrases."""
    places: list[Token] = []
    pp = preps(verb)
    for key in (*PLACE_PREPS, "at"):
        places.extend(pp.get(key, []))
    for obj in objects:
        for noun in of_chain(obj):
            for key in PLACE_PREPS:
                places.extend(preps(noun).get(key, []))
    for obj in objects:
        # "destroyed pipelines running into X", "shelled positions located near X": the object's participle
        # says where the thing acted on stands (not "to"/"toward": where it goes is not where it is)
        for participle in (c for c in obj.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")):
            pp_part = preps(participle)
            for key in PARTICIPLE_PLACE_PREPS:
                places.extend(pp_part.get(key, []))
    for place in places:
        if place.pos_ in NOUN_POS:
            found = _state_of_place(place, args)
            if found:
                return found
    return []


def complement_recipients(verb: Token, args: Arguments, depth: int = 0) -> list[Arg]:
    """Whom the act governed by a control verb is aimed at: "agreed to provide X with", "refused to allow X
    planes to land", "vowed to punish X". The complement's object, indirect object, the subject of a
    causative's own complement ("allow X to land"), then its recipient phrases; one level deeper at most."""
    for comp in _governed_acts(verb):
        objects = [c for c in comp.children if c.dep_ in ("dobj", "dative") and c.pos_ in NOUN_POS | {"PRON"}]
        found = _placed(args.split(objects))
        if found:
            return found
        frames = load_frames()
        for obj in objects:  # "refused an invitation to attend talks with X": the frame of the governed act's noun
            found = framed_recipients(obj, args, frames) if obj.pos_ in NOUN_POS else []
            if found:
                return found
        # "refused to attend a hearing by X / X's hearing": whose act the governed act's object is (round 11)
        found = _placed([args.event_owner(o) for o in objects if o.pos_ in NOUN_POS])
        if found:
            return found
        for inner in comp.children:  # "to allow UN planes to land": the causative's complement's subject
            if inner.dep_ in ("ccomp", "xcomp") and inner.pos_ in VERB_POS:
                subjects = [c for c in inner.children if c.dep_ == "nsubj"]
                found = _placed(args.split(subjects))
                if found:
                    return found
        pp = preps(comp)
        found = _placed_in_phrases(args, pp)
        if found:
            return found
        for prep in COMPLEMENT_PREPS:  # "refused to respond to a demand from X": whose act the phrase names
            owners = [args.event_owner(o) for o in pp.get(prep, []) if o.pos_ in NOUN_POS]
            found = _placed(owners)
            if found:
                return found
        if depth < 1:
            found = complement_recipients(comp, args, depth + 1)
            if found:
                return found
    return []


def _governed_acts(verb: Token) -> list[Token]:
    """The acts a control verb governs: its open complement ("refused to meet X"), or the infinitive of the act of
    speech it acts upon ("rejected an invitation to attend talks with X", "accepted an offer to mediate"), whose
    recipient the refusal or acceptance concerns as much."""
    acts = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS]
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_ACT_NOUNS):
        acts += [a for a in obj.children if a.dep_ == "acl" and a.pos_ in VERB_POS
                 and any(g.dep_ == "aux" and g.tag_ == "TO" for g in a.children)]
    return acts


def _is_purpose_clause(clause: Token) -> bool:
    """An adverbial infinitive of purpose: "opened fire (in order) to disperse X", "sent troops to help defend X".

    The infinitive marker "to" (or "in order to", "so as to") on an adverbial clause, with no subject of its own:
    the clause's act is done by the main verb's subject, so its recipient is the main act's recipient too."""
    if clause.dep_ != "advcl" or clause.pos_ not in VERB_POS:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)


def _purpose_clauses(verb: Token) -> list[Token]:
    """The verb's purpose clauses in order, each followed by the infinitives coordinated with it ("to restore
    order and to disperse X"): a coordinated infinitive without a subject of its own is a purpose of the same
    doer. One level of coordination, read from the clause's own children (bounded)."""
    out: list[Token] = []
    for clause in verb.children:
        if not _is_purpose_clause(clause):
            continue
        out.append(clause)
        out += [c for c in clause.children if c.dep_ == "conj" and c.pos_ in VERB_POS
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    return out


# Verbs of display: their object is the doer's own quality or feeling ("to demonstrate the alliance's strength",
# "to show their anger at X"), so only the object's own recipient phrase can name someone else.
DISPLAY_VERBS = frozenset({"show", "demonstrate", "display", "showcase", "prove", "express", "signal"})


def purpose_recipients(verb: Token, args: Arguments) -> list[Arg]:
    """Whom the act is done against or for, named in its purpose clause: "fired tear gas to disperse the
    protesters", "sent material to help defend X", "blocked a road to protest X's policies" (the clause's party
    object, one control step deeper, the owner of its event object, then its recipient phrases).

    Last resort before places: CAMEO codes the target of the act as the one the act is meant to reach, and a
    purpose clause names it when the main verb's own object is a thing (fire, material, a road)."""
    for clause in _purpose_clauses(verb):
        objects = [c for c in clause.children if c.dep_ in ("dobj", "dative") and c.pos_ in NOUN_POS | {"PRON"}]
        display = clause.lemma_.lower() in DISPLAY_VERBS
        # a possessive pronoun is the doer's own ("to show their anger"): not whom the act reaches
        found = [] if display else [
            a for a in _placed(args.split(objects))
            if not (0 <= a.token < len(verb.doc) and verb.doc[a.token].dep_ == "poss"
                     and verb.doc[a.token].pos_ == "PRON")]
        if found:
            return found
        found = complement_recipients(clause, args, depth=1)
        if found:
            return found
        frames = load_frames()
        for obj in objects:  # "to allow the delivery of grain to X", "to show disapproval of X's policies"
            if obj.pos_ not in NOUN_POS:
                continue
            found = framed_recipients(obj, args, frames) or _phrase_parties(obj, args)
            if found:
                return found
        owners = [] if display else [args.event_owner(o) for o in objects if o.pos_ in NOUN_POS]
        found = _placed(owners) or _placed_in_phrases(args, preps(clause))
        if found:
            return found
        # a clause that names no one leaves the next purpose clause its say ("fired to restore order, to
        # disperse X"): only a clause that yields a party ends the search
    return []


def _phrase_parties(noun: Token, args: Arguments) -> list[Arg]:
    """A placed party in a noun's recipient phrase, or the owner of the act that phrase names ("disapproval of
    X's policies", "anger at X"); the "of" phrase last, as the act's patient or agent."""
    for prep in (*COMPLEMENT_PREPS, "at", "over", "of"):
        for pobj in preps(noun).get(prep, []):
            found = _placed(args.split([pobj]))
            if found:
                return found
            owner = args.event_owner(pobj) if pobj.pos_ in NOUN_POS else None
            if owner is not None and (owner.actor.country or owner.actor.sectors):
                return [owner]
    return []


def shifted_objects(verb: Token, args: Arguments) -> list[Arg]:
    """The object of a verb of judging moved after its "as" phrase (heavy-NP shift): "denounced as a crime X's
    crackdown", "described as illegal the occupation of X". The parser hangs the shifted object on the "as"
    noun as an apposition; the one judged is that noun's party, its owner, or the party of its "of" phrase."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return []
    for pobj in preps(verb).get("as", []):
        for shifted in pobj.children:
            if shifted.dep_ != "appos" or shifted.pos_ not in NOUN_POS:
                continue
            found = _placed(args.split([shifted]))
            if found:
                return found
            owner = args.event_owner(shifted)
            if owner is not None and (owner.actor.country or owner.actor.sectors):
                return [owner]
            found = [a for a in args.split(preps(shifted).get("of", [])) if a.actor.country]
            if found:
                return found
    return []


# "in protest against X", "in retaliation for X's raid": a stance phrase naming what the act answers; its
# preposition takes the one protested against or the act that the act answers (whose owner is then the target).
STANCE_NOUNS = frozenset({"protest", "retaliation", "reprisal", "defiance", "opposition", "revenge"})
STANCE_PREPS = ("against", "at", "over", "of", "to", "for")


def _stance_phrases(verb: Token) -> list[Token]:
    """The stance nouns of the verb's "in" phrases, also when the parser hung the phrase on the verb's object, on
    a time or place noun of the verb ("staged a strike in prison in protest against X") or on a clause describing
    the object."""
    heads = [verb, *(c for c in verb.children if c.pos_ in NOUN_POS)]
    heads += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    # ... or on a clause describing the act's noun ("called a stoppage that closed the ports in protest at
    # X"): the phrase still says what the strike answers
    heads += [r for c in verb.children if c.dep_ == "dobj" for r in c.children
              if r.dep_ in ("relcl", "acl") and r.pos_ in VERB_POS]
    return [n for h in heads for n in preps(h).get("in", []) if n.lemma_.lower() in STANCE_NOUNS]


# A refusal made "despite pressure from X" answers X (CAMEO 12: the target of a rejection is whoever asked): the
# concessive phrase's noun is an act of asking or pressing, whose owner or agent is the one refused.
CONCESSIVE_PREPS = frozenset({"despite", "notwithstanding"})
PRESSING_NOUNS = frozenset({"pressure", "call", "demand", "appeal", "request", "plea", "urging", "ultimatum",
                            "objection", "protest", "criticism", "warning", "opposition", "insistence"})


def concessive_targets(verb: Token, args: Arguments) -> list[Arg]:
    """Whom a refusal answers, from its concessive phrase: "refused to step down despite calls from X", "would
    not withdraw in spite of appeals by X" (the phrase may hang on the verb or on its open complement)."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS)]
    nouns: list[Token] = []
    for head in heads:
        pp = preps(head)
        nouns += [n for key in CONCESSIVE_PREPS for n in pp.get(key, [])]
        nouns += [n for spite in pp.get("in", []) if spite.lower_ == "spite" for n in preps(spite).get("of", [])]
    for noun in nouns:
        if noun.lemma_.lower() not in PRESSING_NOUNS:
            continue
        found = _placed([args.owner(noun)])
        if found:
            return found
        for pobj in (p for key in ("by", "from") for p in preps(noun).get(key, [])):
            found = _placed([args.np(pobj) or args.owner(pobj)])
            if found:
                return found
    return []


def stance_targets(verb: Token, args: Arguments, refusal: bool = False) -> list[Arg]:
    """Whom the act answers, from an "in protest / retaliation / defiance" phrase: "went on strike in protest
    against the government", "recalled its envoy in protest at X's decision", "shelled the town in retaliation for
    X's raid" (the party named, or the owner or agent of the act named); for a refusal (``refusal``), also from
    its concessive phrase ("despite pressure from X", ``concessive_targets``)."""
    if refusal:
        found = concessive_targets(verb, args)
        if found:
            return found
    for noun in _stance_phrases(verb):
        pp = preps(noun)
        for key in STANCE_PREPS:
            for pobj in pp.get(key, []):
                found = _placed(args.split([pobj]))
                if found:
                    return found
                owner = args.event_owner(pobj) if pobj.pos_ in NOUN_POS else None
                if owner is not None and (owner.actor.country or owner.actor.sectors):
                    return [owner]
                found = _placed(args.split(preps(pobj).get("of", [])))
                if found:
                    return found
    return []


@lru_cache(maxsize=1)
def load_undergoing() -> frozenset[str]:
    """Verbs whose subject undergoes a threatened act ("would face", "would pay"): ``linking/undergoing_verbs.tsv``."""
    return listed_words("linking", "undergoing_verbs.tsv")


def threat_clause_targets(verb: Token, light_noun: Token | None, args: Arguments) -> list[Arg]:
    """Whom a threat's "that"-clause says the threatened act would befall: "warned that Y would face consequences",
    "threatened that Y's ships would be seized", "issued a warning that Y would pay" -> Y (CAMEO 13: the threat is
    aimed at its would-be victim). Only placed parties: an unresolved pronoun ("that it would pay") says nothing."""
    undergoing = load_undergoing()
    holders = [verb] if verb.lemma_.lower() in THREAT_WORDS else []
    if light_noun is not None and light_noun.lemma_.lower() in THREAT_WORDS:
        holders += [light_noun, verb]  # the parser often hangs the noun's clause on its support verb
    for word in holders:
        subjects = undergoer_clause_subjects(word, undergoing)
        found = _placed(args.split(subjects))
        if not found:  # "warned that Y's forces would be hit": the owner of what would be hit
            found = _placed([args.owner(s) for s in subjects if s.pos_ in NOUN_POS])
        if found:
            return found
    return []
