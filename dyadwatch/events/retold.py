"""The maker of a claim, offer, gift or measure that only an earlier sentence names (issue 20, targets round 12).

The seed-11 audit's largest class of target errors left after round 11 is a counterparty named only in an earlier
sentence, with no coded event a definite noun could point back to (``TargetFinder._referent`` needs one): a
spokesman says something in one sentence, and in the next a neighbour "rejected the claim"; a state donates
vaccines, and the next sentence says the president "welcomed the vaccines". News retells the act by a definite
noun and leaves its maker to the sentence before. CAMEO 1.1b3 and PLOVER code such acts at whoever made what is
acted on: the target of a rejection, denial or criticism is the party whose claim, proposal or demand it rejects;
of a welcome or an acceptance, the party whose act is welcomed or accepted; of easing or extending a sanction, the
party it falls on.

Three constructions, each a candidate of the target scorer tried after the anaphor rule (a coded earlier event
still wins), each bounded and refusing to guess:

- ``maker-previous-sentence``: a definite claim, allegation, accusation, charge, assertion, remark or statement
  (kind ``claim``), or proposal, offer or demand (kind ``offer``), with no maker of its own, as the object of an
  act of the roots its row lists; its maker is the subject of a verb of saying, claiming, proposing or demanding
  (``making_verbs.tsv``) in one of the two sentences before.
- ``giver-previous-sentence``: definite aid, vaccines, doses, a shipment (kind ``gift``) welcomed or accepted; its
  giver is the subject (or passive agent) of a verb of giving whose object holds such a noun in the sentence
  before ("X donated vaccines to Y", "doses sent by X").
- ``measured-previous-sentence``: definite restrictions, tariffs, sanctions, a ban (kind ``measure``) eased,
  lifted, extended or imposed; the party is the one the same noun of the sentence before falls on ("X imposed
  tariffs on Y's steel ... . X will extend the tariffs").

The walk goes back at most two sentences (one for gifts and measures), stops at a paragraph break, and reads only
verbs outside quotation marks (a quoted speaker's "they said" reports another voice than the narrator's). Makers
on the acting source's own side are passed over; two different makers in the window, or a maker the actor tables
cannot place, give nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.document.quotation import left_open, quoted_tokens
from dyadwatch.events.arguments import Arg, same_actor
from dyadwatch.events.lexicon import _rows
from dyadwatch.events.placing import state_organ
from dyadwatch.events.recipients import aimed_recipients
from dyadwatch.events.syntax import NOUN_POS, VERB_POS, conjuncts, logical_subjects, preps
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dyadwatch.events.arguments import Arguments
    from dyadwatch.events.matcher import Match

DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# The rule name each kind of noun is linked by, and how many sentences back its maker may stand.
RULE_OF = {"claim": "maker-previous-sentence", "offer": "maker-previous-sentence",
           "gift": "giver-previous-sentence", "measure": "measured-previous-sentence"}
RULES = frozenset(RULE_OF.values())
BACK = {"claim": 2, "offer": 2, "gift": 1, "measure": 1}  # a measure's imposer: the sentence before, like its party
# Phrases by which a noun names its own maker or party ("the claim by X", "aid from X", "sanctions on X"): a noun
# with one of them, resolved, needs no earlier sentence.
OWN_PARTY_PREPS = ("by", "from", "of", "on", "against", "to", "for", "with")
# Phrases that name the party a measure falls on ("tariffs on X's steel", "sanctions against X").
MEASURE_PREPS = ("on", "against")
# Acts on a measure aimed at whoever imposed it (denial, disapproval, rejection), not at the party it falls on.
MEASURE_MAKER_ROOTS = ("016", "11", "12")


@dataclass(frozen=True, slots=True)
class Retold:
    """A noun of what one party made and another acts on: its kind and the roots of the acts aimed at its maker."""

    kind: str
    roots: tuple[str, ...]


@lru_cache(maxsize=1)
def load_retold_nouns() -> dict[str, Retold]:
    """``linking/retold_nouns.tsv``: noun -> its kind and roots."""
    return {noun.lower(): Retold(kind, tuple(r.strip() for r in roots.split(",")))
            for _line, (noun, kind, roots, _reason) in _rows(data_path("linking", "retold_nouns.tsv"), 4)}


@lru_cache(maxsize=1)
def load_making_verbs() -> dict[str, frozenset[str]]:
    """``linking/making_verbs.tsv``: verb -> the kinds of noun its subject makes."""
    return {verb.lower(): frozenset(k.strip() for k in kinds.split(","))
            for _line, (verb, kinds, _reason) in _rows(data_path("linking", "making_verbs.tsv"), 3)}


def retold_noun(tok: Token) -> Retold | None:
    """The row of a noun of ``retold_nouns.tsv``, by its lemma or its form ("remarks")."""
    table = load_retold_nouns()
    return table.get(tok.lemma_.lower()) or table.get(tok.lower_)


def retold_parties(match: Match, args: Arguments, sources: list[Arg], sentence: int) -> tuple[str, list[Arg]]:
    """The rule name and the party of the first definite retold noun among the act's objects that an act of its
    row's roots acts on, found in the sentences before; ("", []) if none."""
    for obj in _acted_on(match):
        row = retold_noun(obj) if obj.pos_ in NOUN_POS else None
        if row is None or not match.coded(row.roots) or not bare_definite(obj, args):
            continue
        if row.kind == "measure" and match.coded(MEASURE_MAKER_ROOTS):
            # "X imposed tariffs on Y. Y condemned the tariffs": criticism and rejection answer the imposer
            return RULE_OF["claim"], _makers(obj, "measure", args, sources, sentence)
        if row.kind == "measure":
            parties = _measured(obj, args, sources, sentence)
        else:
            parties = _makers(obj, row.kind, args, sources, sentence)
        return RULE_OF[row.kind], parties
    return "", []


def retold_givers(match: Match, args: Arguments, receivers: list[Arg], sentence: int) -> list[Arg]:
    """The giver of definite aid, vaccines or a shipment the act's subject received, named in the sentence before
    ("X sent medical supplies to Y. Y received the shipment" -> X); whatever the receiving verb's code."""
    for obj in _acted_on(match):
        row = retold_noun(obj) if obj.pos_ in NOUN_POS else None
        if row is not None and row.kind == "gift" and bare_definite(obj, args):
            return _makers(obj, "gift", args, receivers, sentence)
    return []


def _acted_on(match: Match) -> list[Token]:
    """The act's objects, each conjunct; a row with no object class keeps none, so then the verb's direct
    objects ("welcomed the aid")."""
    objects = match.objects or [c for c in match.token.children if c.dep_ == "dobj"]
    return [t for o in objects for t in conjuncts(o)]


def bare_definite(noun: Token, args: Arguments) -> bool:
    """"the claim", "these proposals", "the allegation that ...": a definite noun that names no maker or party of
    its own (no owner, no "by"/"from"/"on" party, no relative clause that could say who made it)."""
    children = list(noun.children)
    if not any(c.dep_ == "det" and c.lower_ in DETERMINERS for c in children):
        return False
    if args.mention(noun) is not None or args.owner(noun) is not None or args.event_owner(noun) is not None:
        return False
    if any(c.dep_ in ("relcl", "poss") for c in children):
        return False
    pp = preps(noun)
    return not any(args.np(pobj) is not None for key in OWN_PARTY_PREPS for pobj in pp.get(key, []))


# ------------------------------------------------------------------------------------------------ the walk
def _window(noun: Token, args: Arguments, sentence: int, back: int) -> list[Span]:
    """The sentences before the noun's, nearest first: at most ``back``, none across a paragraph break."""
    analysis = args.analysis
    out: list[Span] = []
    for index in range(sentence - 1, max(sentence - back, 0) - 1, -1):
        if _paragraph_starts(args, index + 1):
            break
        out.append(analysis.sentence_tokens(index))
    return out


def _paragraph_starts(args: Arguments, index: int) -> bool:
    """Whether sentence ``index`` opens a paragraph: a line break right before its first token."""
    analysis = args.analysis
    if index <= 0 or index >= len(analysis.sent_starts) or analysis.doc is None:
        return False
    start = analysis.sent_starts[index]
    for i in range(start - 1, max(start - 3, -1), -1):
        tok = analysis.doc[i]
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            return True
        if not tok.is_space:
            break
    return False


def _quoted(args: Arguments, sent: Span) -> set[int]:
    """The tokens of ``sent`` inside a quotation, one the sentence before left open included."""
    analysis = args.analysis
    index = analysis.sentence_of(sent.start)
    return quoted_tokens(sent, index > 0 and left_open(analysis.sentence_tokens(index - 1)))


def _own_side(maker: Arg, sources: list[Arg]) -> bool:
    """The acting source itself, the same code, or an organ of the same state as a state source ("China's
    foreign ministry said ... . Beijing rejected the claim" is no rejection of China's own claim)."""
    for source in sources:
        if same_actor(maker, source) or (maker.actor.code and maker.actor.code == source.actor.code):
            return True
        if maker.actor.country and maker.actor.country == source.actor.country \
                and state_organ(maker.actor) and state_organ(source.actor):
            return True
    return False


def _placed(arg: Arg) -> bool:
    return bool(arg.actor.country or arg.actor.sectors or (arg.actor.code and not arg.actor.code.startswith("---")))


def _one(parties: list[Arg]) -> list[Arg]:
    """The nearest party if all found name one actor (by code, else state), else nothing: no guess between two."""
    keys = {p.actor.code or p.actor.country or p.key for p in parties}
    return parties[:1] if len(keys) == 1 else []


def _makers(noun: Token, kind: str, args: Arguments, sources: list[Arg], sentence: int) -> list[Arg]:
    """Subjects of the verbs of making a ``kind`` noun in the sentences before (see the module docstring)."""
    verbs = load_making_verbs()
    gift_nouns = {n for n, row in load_retold_nouns().items() if row.kind == "gift"}
    found: list[Arg] = []
    for sent in _window(noun, args, sentence, BACK[kind]):
        quoted = _quoted(args, sent)
        for tok in sent:
            if tok.pos_ not in VERB_POS or tok.i in quoted or kind not in verbs.get(tok.lemma_.lower(), ()):
                continue
            if kind == "gift" and not _gives(tok, gift_nouns):
                continue
            makers = [a for a in args.subjects(_doers(tok)) if not _own_side(a, sources)]
            for maker in makers:
                if not _placed(maker) and kind != "gift":
                    return []  # "analysts said ...": a maker nobody can code competes, so nothing is guessed
                if _placed(maker):
                    found.append(maker)
    return _one(found)


def _doers(verb: Token) -> list[Token]:
    """Who made or gave: the "by" agent of a participle ("vaccines donated by X": never the noun it describes,
    which is what was given), else the verb's logical subjects."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return logical_subjects(verb)


def _gives(verb: Token, gift_nouns: set[str]) -> bool:
    """Whether a verb of giving moves a gift: its object, or the noun a participle of it describes, holds one
    ("donated two million vaccine doses", "doses sent by X")."""
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "acl" and verb.head.pos_ in NOUN_POS:
        things.append(verb.head)
    for thing in things:
        words = [thing, *(c for c in thing.children if c.dep_ == "compound"),  # "vaccine doses"
                 *(g for p in thing.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children)]
        if any(w.lemma_.lower() in gift_nouns or w.lower_ in gift_nouns for w in words):
            return True
    return False


def _measured(noun: Token, args: Arguments, sources: list[Arg], sentence: int) -> list[Arg]:
    """The party the same measure falls on in the sentence before ("imposed tariffs on X's steel" -> X)."""
    lemma = noun.lemma_.lower()
    found: list[Arg] = []
    for sent in _window(noun, args, sentence, BACK["measure"]):
        quoted = _quoted(args, sent)
        for tok in sent:
            if tok.pos_ not in NOUN_POS or tok.lemma_.lower() != lemma or tok.i in quoted:
                continue
            phrases = [pobj for key in MEASURE_PREPS for pobj in preps(tok).get(key, [])]
            if not phrases and tok.dep_ == "dobj":  # "imposed sanctions on X": the parser hangs it on the verb
                phrases = [pobj for key in MEASURE_PREPS for pobj in preps(tok.head).get(key, [])]
            parties = [*args.split(phrases), *aimed_recipients(tok, args)]
            found.extend(p for p in parties if p.actor.country and not _own_side(p, sources))
    return _one(found)
