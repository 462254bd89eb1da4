"""Acts whose type is not their predicate row's: relief from sanctions, preparing an act of force, and a
conditional warning (mixed into the Coder through ``EventStatus``).

Why: a predicate row codes what a verb usually means, and three kinds of clause in international news mean
something else, as the manuals say (``type_words.tsv`` gives each word with its reason):

- offering or granting "sanctions relief" or "a relaxation of sanctions" is a concession, PLOVER CONCEDE (the
  manual's CONCEDE covers promised easing of restrictions; its REQUEST/REJECT mode *yield* names "ending
  sanctions"), not AID for "granting relief" or AGREE for "offering relief" (CAMEO 085 "ease economic sanctions",
  and 0354 for the offer);
- "is preparing to launch a missile / attack the town" reports no attack yet and no verbal threat either: the
  preparing is posturing, PLOVER MOBILIZE ("military or police moves that fall short of the actual use of force";
  PETRARCH2's "make preparation for invasion" is CAMEO 154), where the intent rule would have made it THREATEN;
- "will take measures / will respond if X ..." is a conditional warning, PLOVER THREATEN ("coercive or forceful
  warnings with serious potential repercussions", CAMEO 130), not the SUPPORT or AID of whatever the steps are for.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of
from dyadwatch.events.lexicon import FOLDER, kinded_words
from dyadwatch.events.modality import conditional
from dyadwatch.events.syntax import VERB_POS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.events.arguments import Arg, Arguments
    from dyadwatch.events.found import Found
    from dyadwatch.events.lexicon import Lexicon

EASE_SANCTIONS = "085"  # CAMEO: ease economic sanctions, boycott, embargo
OFFER_EASING = "0354"  # CAMEO: express intent to ease economic sanctions, boycott, embargo
OFFER_VERBS = frozenset({"offer", "propose"})  # a party's own offer of the easing (not an agreement to it)
MOBILIZE_FORCES = "154"  # CAMEO: mobilize or increase armed forces (PETRARCH2: preparation for invasion)
THREATEN = "130"  # CAMEO: threaten, not specified
THREATEN_FORCE = "138"  # CAMEO: threaten to use military force
FORCE_ROOTS = ("18", "19", "20")
WEAPON_CODES = ("194", "195")  # artillery and tanks, aerial weapons: the weapons are readied (MOBILIZE weapons)
FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
MAX_CLIMB = 5


@lru_cache(maxsize=1)
def load_type_words() -> dict[str, frozenset[str]]:
    """kind -> words of ``type_words.tsv`` (the reason column documents each row for the reader)."""
    return kinded_words(FOLDER, "type_words.tsv")


def _of_sanctions(noun: Token, lex: Lexicon) -> bool:
    """"sanctions relief", "a relaxation of sanctions", "relief from the embargo": a sanctions word on the noun."""
    words = [c for c in dependents(noun) if c.dep_ in ("compound", "amod", "nmod")]
    words += [p for c in dependents(noun) if c.dep_ == "prep" and c.lower_ in ("of", "from", "on")
              for p in dependents(c) if p.dep_ == "pobj"]
    return any(lex.in_class("SANCTIONS", w.lemma_.lower()) or lex.in_class("SANCTIONS", w.lower_) for w in words)


def sanctions_relief(event: Found, lex: Lexicon) -> str | None:
    """The concession code when an offer (03), grant or gift (07, 08) acts on relief from sanctions, else None."""
    if event.nominal or not event.cameo.startswith(("03", "07", "08")):
        return None
    inner = event.match.inner
    if inner is not None and inner.cameo.startswith(EASE_SANCTIONS) and event.cameo.startswith("03") \
            and event.match.token.lemma_.lower() in OFFER_VERBS:  # "agreed to lift" is an agreement (AGREE)
        return OFFER_EASING  # "offered to ease sanctions": the offer of a concession
    easing = load_type_words().get("easing", frozenset())
    for obj in dependents(event.match.token):
        if obj.dep_ in ("dobj", "nsubjpass") and obj.lemma_.lower() in easing and _of_sanctions(obj, lex):
            return OFFER_EASING if event.cameo.startswith("03") else EASE_SANCTIONS
    return None


def prepared_force(event: Found, lex: Lexicon) -> str | None:
    """MOBILIZE for an act of force that its source is preparing ("is preparing to launch a missile"), else None.
    The stated-intent rule would make it THREATEN, which the manual keeps for verbal threats."""
    status = event.status
    if status.kind != "intent" or status.negated or not event.cameo.startswith(FORCE_ROOTS):
        return None
    if status.notes.get("intent") not in load_type_words().get("preparation", frozenset()):
        return None
    return MOBILIZE_FORCES


def _if_clause(clause: Token) -> bool:
    """A clause opened by "if" or "unless"."""
    return any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in dependents(clause))


def _clause_chain(tok: Token) -> list[Token]:
    """The verbs from an act up to the clause that states it: "would take measures to protect X" -> protect, take
    (through a purpose clause, an infinitive, or a relative clause on the object "measures")."""
    chain = [tok]
    for _ in range(MAX_CLIMB):
        head = head_of(tok)
        if head.i == tok.i or tok.dep_ not in ("xcomp", "advcl", "acl", "relcl", "conj"):
            break
        if tok.dep_ == "advcl" and _if_clause(tok):
            break  # an act inside the condition ("if X launches a missile") is what the warning is about
        if head.pos_ not in VERB_POS:  # "steps to defend": the noun's verb
            if head.dep_ != "dobj" or head_of(head).pos_ not in VERB_POS:
                break
            head = head_of(head)
        chain.append(head)
        tok = head
    return chain


def _condition(verb: Token, lex: Lexicon) -> Token | None:
    """The conditional clause of a verb ("if ...", "unless ..."), if it has one."""
    return next((c for c in dependents(verb) if c.dep_ == "advcl" and conditional(c, lex)), None)


def _future(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" and c.lower_ in FUTURE for c in dependents(verb))


def _responds(verb: Token, words: dict[str, frozenset[str]]) -> bool:
    """"respond", "retaliate", "hit back", or "take steps / measures / action"."""
    if verb.lemma_.lower() in words.get("response", frozenset()):
        return True
    return verb.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in words.get("response_object", frozenset()) for c in dependents(verb))


def conditional_threat(event: Found, lex: Lexicon, args: Arguments) -> tuple[str, list[Arg]] | None:
    """(THREATEN code, threatened parties) when the act is what its source will do in answer if a condition is met
    ("if the drills go on, we would take measures to protect our ships"), else None. The threatened party is the
    condition's subject when it names one; the source's own side is never its target."""
    if event.nominal or not event.sources:
        return None
    chain = _clause_chain(event.match.token)
    words = load_type_words()
    if not any(_responds(v, words) for v in chain):
        return None
    clauses = chain + [head_of(v) for v in chain if v.dep_ == "xcomp" and head_of(v).i != v.i]
    if not any(_future(v) for v in clauses):
        return None
    condition = next((c for c in (_condition(v, lex) for v in clauses) if c is not None), None)
    if condition is None:
        return None
    own = {s.token for s in event.sources}
    subjects = [c for c in dependents(condition) if c.dep_ in ("nsubj", "nsubjpass")]
    threatened = [a for a in args.subjects(subjects) if a.resolved and a.token not in own]
    targets = threatened or [t for t in event.targets if t.token not in own]
    return (THREATEN_FORCE if event.cameo.startswith(FORCE_ROOTS) else THREATEN), targets
