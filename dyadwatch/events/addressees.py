"""Whom a statement is addressed to, who made the charge a denial rejects, and armed people acted upon (issue 20,
targets round 10).

The seed-10 audit (``eval/audit/voa-10.tsv``) found recipients the sentence names one step away from the
predicate, where no ordered rule of ``targets`` looks:

- **The addressee of a statement.** CAMEO 1.1b3 and the PLOVER manual code the recipient of a statement (01), an
  appeal (02), an intent (03), a demand (10) or a threat (13) as the party it is addressed to. News names that
  party in the speech the act was made in ("in a letter to X, Y appealed for calm", "during a call with X"), in a
  participle of speaking ("Speaking to X, Y stressed ...", "Addressing X, Y warned ..."), or as the addressee of a
  verb of telling whose content the act is ("Y told X that it would withdraw", "said to X that ..."). Only placed
  parties (a country or a role) count, and never the press (an interviewer or a broadcaster is no addressee). For
  telling, the act's doer must be the teller's side: "Y told X that Z would withdraw" reports Z's intent, not one
  addressed to X.
- **The accuser of a denial.** A denial, rejection or criticism of a charge or claim is aimed at whoever made it
  (the target of a rejection is the party whose demand, proposal or accusation is rejected): the "by"/"from"
  phrase the parser hangs on the verb instead of the noun ("denied charges by X"), or, when the denial is a clause
  on the charge ("X alleged that ..., charges Y denied", "X repeated the claim, which Y rejected"), the subject of
  the verb that made or repeated it.
- **Armed people acted upon.** "Troops killed the attackers": the actor tables have no row for "attacker", so an
  act of force or coercion lost its target altogether. ``linking/armed_people.tsv`` gives such nouns the sector
  the Phoenix agents dictionary codes them with (UAF, unidentified armed forces), placed by their own place
  phrase when they have one.

Each is a candidate of the target scorer, tried after the rules that read the predicate's own phrases.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.events.arguments import Arg
from dyadwatch.events.lexicon import _rows, listed_words
from dyadwatch.events.syntax import NOUN_POS, VERB_POS, conjuncts, logical_subjects, np_bounds, preps
from dyadwatch.records import Actor
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.arguments import Arguments
    from dyadwatch.events.matcher import Match

# CAMEO roots whose recipient is the party addressed: statement, appeal, intent, demand, threaten
ADDRESSED_ROOTS = ("01", "02", "03", "10", "13")
# CAMEO roots of acts aimed at a charge's maker when they act on the charge: deny responsibility (016), disapprove,
# reject
DENIAL_CODES = ("016", "11", "12")
# CAMEO roots of acts of force and coercion: what befalls the armed people acted upon
FORCE_ROOTS = ("17", "18", "19", "20")
# Phrases a speech act is stated in ("in a letter to X", "during a call with X")
FRAME_PREPS = ("in", "during", "through")
# Phrases that name the addressee of a verb of speaking
SPOKEN_TO = ("to", "before", "with")
# Verbs by which a claim is made or repeated ("X made the claim", "X repeated the charge")
CLAIMING_VERBS = frozenset({"make", "repeat", "reiterate", "level", "renew", "voice", "raise", "file", "bring",
                            "allege", "claim", "accuse", "charge", "say", "insist", "assert", "maintain"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "what"})
MEDIA = "MED"
INTENT_AUX = frozenset({"will", "would", "'ll", "shall"})  # what the doer says it will do
MAX_CLIMB = 2  # clause links from an act up to the verb of telling whose content it is


@lru_cache(maxsize=1)
def load_address_nouns() -> dict[str, tuple[str, ...]]:
    """``linking/address_nouns.tsv``: noun -> the prepositions naming its addressee."""
    return {noun.lower(): tuple(p.strip() for p in preps_.split("|"))
            for _line, (noun, preps_, _reason) in _rows(data_path("linking", "address_nouns.tsv"), 3)}


@lru_cache(maxsize=1)
def load_telling_verbs() -> dict[str, str]:
    """``linking/telling_verbs.tsv``: verb -> where its addressee stands (``object``, ``to`` or ``both``)."""
    return {verb.lower(): takes for _line, (verb, takes, _reason)
            in _rows(data_path("linking", "telling_verbs.tsv"), 3)}


@lru_cache(maxsize=1)
def load_claim_nouns() -> frozenset[str]:
    """Nouns of an accusation or claim: ``linking/claim_nouns.tsv``."""
    return listed_words("linking", "claim_nouns.tsv")


@lru_cache(maxsize=1)
def load_armed_people() -> dict[str, str]:
    """``linking/armed_people.tsv``: noun -> the sector the agents dictionary codes it with."""
    return {noun.lower(): sector for _line, (noun, sector, _reason)
            in _rows(data_path("linking", "armed_people.tsv"), 3)}


def _placed(found: list[Arg]) -> list[Arg]:
    """Parties with a country or a role, never the press."""
    return [a for a in found if (a.actor.country or a.actor.sectors or _coded(a)) and MEDIA not in a.actor.sectors]


def _coded(arg: Arg) -> bool:
    """An organisation the tables code without a country ("NATO", "the African Union")."""
    return bool(arg.actor.code) and not (arg.actor.code or "").startswith("---")


def _addressable(found: list[Arg], args: Arguments) -> list[Arg]:
    """Placed parties that can be spoken to: a role ("Ugandan officials", "lawmakers") or a name ("NATO", "Kenya"),
    not a common noun that only its place phrase placed ("supporters in Nairobi": whose supporters is unsaid)."""
    doc = args.analysis.doc
    return [a for a in _placed(found) if a.actor.sectors or (
        doc is not None and 0 <= a.token < len(doc) and doc[a.token].pos_ == "PROPN")]


# ----------------------------------------------------------------------------------------------- addressees
def addressees(verb: Token, match: Match, args: Arguments, sources: list[Arg]) -> list[Arg]:
    """The party a statement, appeal, intent, demand or threat is addressed to (see the module docstring): the
    message it is stated in, a participle of speaking on its verb, or the addressee of the verb of telling whose
    content it is (at most ``MAX_CLIMB`` clause links up)."""
    stated = _stated_intent(verb)
    if not (match.coded(ADDRESSED_ROOTS) or stated):
        return []
    found = _in_message(verb, args) or _speaking(verb, args)
    if found:
        return found
    head = verb
    for _ in range(MAX_CLIMB):
        if not (head.dep_ in ("ccomp", "xcomp", "conj") or _subjectless(head)) or head.head.i == head.i:
            return []
        head = head.head
        if head.pos_ not in VERB_POS:
            return []
        told = _told(head, args) or _in_message(head, args) or _speaking(head, args)
        if told:
            tellers = [a for s in logical_subjects(head) if (a := args.np(s)) is not None]
            if _same_side(tellers, sources):
                return told
            return []
    return []


def _stated_intent(verb: Token) -> bool:
    """An act stated as what its doer will do ("told X that it would reopen the border"): the events stage codes
    it as the intent it states (CAMEO 03, ``status._stated_intent``), after the target search. Only an act with
    a future auxiliary of its own and no negation (a refusal keeps its own recipient)."""
    children = list(verb.children)
    return any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in children) and not any(
        c.dep_ == "neg" for c in children) and not any(c.dep_ in ("auxpass", "nsubjpass") for c in children)


def _same_side(tellers: list[Arg], sources: list[Arg]) -> bool:
    """Whether the act's doers are the teller's side (same mention, or same country)."""
    if not tellers or not sources:
        return False
    countries = {t.actor.country for t in tellers if t.actor.country}
    return all(any(s.token == t.token or s.actor.entity == t.actor.entity for t in tellers)
               or (s.actor.country and s.actor.country in countries) for s in sources)


def _in_message(verb: Token, args: Arguments) -> list[Arg]:
    """ "In a letter to X", "during a call with X": the addressee of the message the act is stated in."""
    nouns = load_address_nouns()
    pp = preps(verb)
    for key in FRAME_PREPS:
        for noun in pp.get(key, []):
            wanted = nouns.get(noun.lower_) or nouns.get(noun.lemma_.lower())
            if wanted is None or noun.pos_ not in NOUN_POS:
                continue
            heard = preps(noun)
            found = _addressable(args.split([t for p in wanted for t in heard.get(p, [])]), args)
            if found:
                return found
    return []


def _speaking(verb: Token, args: Arguments) -> list[Arg]:
    """ "Speaking to X, Y urged ...", "Addressing X, Y warned ...": a participle of speaking with no subject of its
    own, on the act's verb."""
    verbs = load_telling_verbs()
    # the parser may hang the participle on another subjectless one ("Speaking to X gathered in Y, Z said"): one
    # level deeper
    own = [c for c in verb.children if _subjectless(c)]
    for clause in [*own, *(g for c in own for g in c.children if _subjectless(g))]:
        takes = verbs.get(clause.lemma_.lower())
        if takes is None:
            continue
        found = _addressed_by(clause, takes, args)
        if found:
            return found
    return []


def _subjectless(clause: Token) -> bool:
    """An adverbial participle with no subject of its own: its doer is the main clause's (a participle the tagger
    read as a past tense, "brass gathered in Paris", counts too: without a subject it is no clause of its own)."""
    return clause.dep_ == "advcl" and clause.tag_ in ("VBG", "VBN", "VBD") and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _told(head: Token, args: Arguments) -> list[Arg]:
    """The addressee of a verb of telling ("told X that ...", "said to X that ...")."""
    takes = load_telling_verbs().get(head.lemma_.lower())
    return _addressed_by(head, takes, args) if takes is not None else []


def _addressed_by(verb: Token, takes: str, args: Arguments) -> list[Arg]:
    heads: list[Token] = []
    if takes in ("object", "both"):
        heads += [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in conjuncts(c)]
    if takes in ("to", "both") or not heads:
        pp = preps(verb)
        heads += [t for key in SPOKEN_TO for t in pp.get(key, [])]
    return _addressable(args.split(heads), args)


# ------------------------------------------------------------------------------------------------- accusers
def accusers(verb: Token, match: Match, args: Arguments) -> list[Arg]:
    """Who made the charge or claim a denial, rejection or criticism acts on (see the module docstring)."""
    if not match.coded(DENIAL_CODES):
        return []
    claims = load_claim_nouns()
    objects = [o for o in match.objects if o.lower_ in claims or o.lemma_.lower() in claims]
    if objects and not any(c.dep_ == "auxpass" for c in verb.children):
        # "denied charges by X": the parser hangs the noun's "by"/"from" phrase on the active verb
        pp = preps(verb)
        found = _placed(args.split([t for key in ("by", "from") for t in pp.get(key, [])
                                    if t.i > objects[0].i]))
        if found:
            return found
    claim = verb.head
    if verb.dep_ not in ("relcl", "acl", "ccomp") or claim.i == verb.i or not (
            claim.lower_ in claims or claim.lemma_.lower() in claims):
        return []
    # "X repeated the claim, which Y rejected": whoever made or repeated it
    maker = claim.head if claim.dep_ in ("dobj", "appos") else None
    makers = [maker] if maker is not None and maker.pos_ in VERB_POS and maker.lemma_.lower() in CLAIMING_VERBS \
        else []
    # "X alleged that ..., charges Y denied": the charge stands for the clause of alleging it sums up
    makers += [c for c in claim.children if c.dep_ in ("ccomp", "advcl") and c.i < claim.i
               and c.lemma_.lower() in CLAIMING_VERBS]
    if claim.dep_ in ("advcl", "appos", "npadvmod") and claim.head.lemma_.lower() in CLAIMING_VERBS:
        makers.append(claim.head)
    for made in makers:
        found = _placed([a for s in logical_subjects(made) if (a := args.np(s)) is not None])
        if found:
            return found
    return []


# -------------------------------------------------------------------------------------------- armed people
def armed_people(match: Match, args: Arguments) -> list[Arg]:
    """Unnamed armed people an act of force or coercion befalls ("killed the attackers"), whom the actor tables
    left unresolved: an actor of the sector ``armed_people.tsv`` gives, placed by its own place phrase."""
    if not match.coded(FORCE_ROOTS):
        return []
    table = load_armed_people()
    out: list[Arg] = []
    for obj in (t for o in match.objects for t in conjuncts(o)):
        sector = table.get(obj.lower_) or table.get(obj.lemma_.lower())
        if sector is None or obj.pos_ != "NOUN" or args.mention(obj) is not None:
            continue
        start, end = np_bounds(obj)
        span = args.analysis.span(start, end)
        place = args.located(obj)
        country = place.actor.country if place is not None else None
        code = f"{country}{sector}" if country else f"---{sector}"
        actor = Actor(span=span, name=span.text, country=country, sectors=(sector,), code=code,
                      rule="events:armed-people", entity=f"{code}:{obj.lemma_.lower()}:{obj.i}")
        out.append(Arg(actor, obj.i, False))
    return out


# ------------------------------------------------------------------------------------------- what a text does
@lru_cache(maxsize=1)
def load_text_nouns() -> frozenset[str]:
    """Nouns of a text whose clause says what it does to whom: ``linking/text_nouns.tsv``."""
    return listed_words("linking", "text_nouns.tsv")


def text_recipients(match: Match, args: Arguments) -> list[Arg]:
    """The party a text acted upon is about: "passed a resolution condemning X", "issued a statement urging X"
    -> X (the object, or the "on"/"against"/"to" phrase, of the text's participle or relative clause); or, for
    a past participle, the party it was made with ("welcomed the accord reached with X"). Only placed parties; one
    clause per text, the text's own clauses."""
    nouns = load_text_nouns()
    out: list[Arg] = []
    for text in (t for o in match.objects for t in conjuncts(o)):
        if text.pos_ != "NOUN" or (text.lower_ not in nouns and text.lemma_.lower() not in nouns):
            continue
        for clause in text.children:
            if clause.pos_ not in VERB_POS or clause.dep_ not in ("acl", "relcl") or (
                    clause.dep_ == "acl" and clause.tag_ not in ("VBG", "VBN")) or any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                continue  # an infinitive ("a deal to protect civilians") says what the text is for, not to whom
            pp = preps(clause)
            if clause.tag_ == "VBN" and clause.dep_ == "acl":
                # "the accord reached with X", "a truce signed between A and B": the party it was made with
                heads = [t for key in ("with", "between") for t in pp.get(key, [])]
            else:
                heads = [c for c in clause.children if c.dep_ == "dobj" and c.lower_ not in RELATIVE_PRONOUNS]
                heads += [t for key in ("on", "against", "to", "with", "between") for t in pp.get(key, [])]
            found = _placed(args.split(heads))
            if found:
                out += found
                break
    return out
