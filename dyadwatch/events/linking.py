"""Linking what the parse offers when the strict target rules find nothing (mixed into the Coder).

Why: on news the strict rules (``targets``) miss many recipients that the sentence plainly names, because the
recipient sits where no ordered rule looks ("rejected the ambassador's remarks", "opened an investigation into
the fund"), or because what is acted upon is not a party at all ("condemned the bombing", "refuted the
comments"). Two fallbacks, tried in this order once the strict rules are exhausted:

1. **Loose linking.** The nearest actor mention inside the predicate's own clause (its object, prepositional
   and nominal complements, at any depth) is the target. The walk never enters another clause (a clausal
   complement, an adverbial, relative or coordinated clause: another predicate's arguments), a quotation the
   predicate is not part of, or a phrase of place or time. Events linked this way carry a lower confidence and
   a rule suffix ``|loose-link``.
2. **Targets that are not parties.** When the predicate acts upon an event, a decision, a policy, a statement
   or a report, the actor behind it is the target when the text names one (possessive "the governor's
   decision", compound "the Kremlin decision", "of"/"by" phrase), even when the actors stage did not resolve
   it; otherwise the noun phrase itself becomes the target, as an ``Actor`` of kind ``event`` or ``thing``
   with no country: the event is kept without a guessed dyad. A noun that is itself a coded event of the
   article is noted (``target_event_trigger``) so the links stage can tie the two.

Stance adjectives ("a report critical of the government", "was dismissive of the plan") are coded here too:
they are predicates the verb lexicon cannot hold (see ``stances.tsv``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dyadwatch.events import modality as mod
from dyadwatch.events.arguments import Arg, Arguments, same_actor
from dyadwatch.events.attacked import means_objects
from dyadwatch.events.found import Found
from dyadwatch.events.frames import of_chain
from dyadwatch.events.lexicon import ANY, FOLDER, Entry, _rows, listed_words
from dyadwatch.events.matcher import Match, lookup
from dyadwatch.events.placing import is_state, state_organ
from dyadwatch.events.possessors import named_unresolved, possessed_undergoer
from dyadwatch.events.recipients import measure_owners
from dyadwatch.events.syntax import NOUN_POS, VERB_POS, is_passive, logical_subjects, np_bounds
from dyadwatch.records import Actor
from dyadwatch.tables import data_path

if TYPE_CHECKING:
    from spacy.tokens import Token

# Dependencies that open another clause: its words are another predicate's arguments.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "xcomp", "csubj", "csubjpass",
                         "nsubj", "nsubjpass", "expl", "mark", "cc", "punct", "aux", "auxpass", "neg", "prt"})
# Prepositions of place, time and manner: an actor there says where or when, not to whom.
CIRCUMSTANCE_PREPS = frozenset({
    "in", "inside", "at", "near", "during", "since", "until", "till", "before", "after", "within", "across",
    "throughout", "outside", "around", "amid", "amidst", "despite", "like", "as", "by", "via", "beside",
    "following", "under", "per", "besides", "except", "than", "according", "through", "aboard", "onboard",
})  # fmt: skip
# Prepositions by which an event noun names what it is aimed at ("investigation into", "attacks on").
NOUN_ARGUMENT_PREPS = frozenset({"into", "on", "upon", "against", "of", "over", "at", "toward", "towards"})
# CAMEO codes whose object names the act asked for, promised, threatened or alleged, never whom the act addresses:
# 02 appeal and 10 demand ("called for talks", "demanded a ceasefire": the subcodes 021-028 and 101-108 are named
# by what is asked), 03 intent ("pledged a ceasefire": 031-039 likewise), 13 threaten ("threatened military
# action": 131-139 by the act threatened), 112 accuse and 115 bring lawsuit against ("charged with murder": the act
# alleged). Such an event noun is the content of the act; with no party in the sentence it has no recipient there.
CONTENT_CODES = ("02", "03", "10", "13", "112", "115")
# General nouns of acts that ``STATEMENT_NOUNS`` counts as things, but that name an act when asked for, promised or
# threatened ("threatened military action", "demanded tough measures").
ACT_NOUNS = frozenset({"action", "actions", "step", "steps", "measure", "measures", "move", "moves", "response",
                       "reaction", "retaliation"})
# Named-entity labels of possessors that own no act ("Tuesday's announcement", "the 2020 decision").
NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "EVENT", "LAW"})
# Lexicon classes of the measures a state takes over its own people (curfews, states of emergency, martial law).
DOMESTIC_MEASURES = frozenset({"CURFEW", "EMERGENCY"})
RELATIVE_WORDS = frozenset({"who", "which", "that", "whom", "whose", "what"})
MAX_LOOSE_DEPTH = 6
LOOSE_PENALTY = 0.15
THING_PENALTY = 0.1
QUOTES = frozenset({'"', "``", "''", "\u201c", "\u201d"})
# Nouns a non-party target can be: the lexicon's event nouns, and these (decisions, statements, reports, policies).
THING_CLASSES = frozenset({"POLICY", "COMMENT", "PROPOSAL", "AGREEMENT", "DEMAND", "EVIDENCE", "REFORM",
                           "RESTRICTION", "SANCTIONS", "LEGAL", "LAWSUIT", "ELECTORAL", "VOTE"})
STATEMENT_NOUNS = frozenset({
    "statement", "remark", "remarks", "comment", "comments", "claim", "claims", "allegation", "accusation",
    "report", "decision", "decree", "order", "ruling", "verdict", "policy", "move", "plan", "speech", "letter",
    "announcement", "declaration", "resolution", "bill", "law", "measure", "step", "action", "conduct",
    "behaviour", "behavior", "position", "stance", "view", "assertion", "characterization", "description",
    "handling", "treatment", "response", "reaction", "tweet", "post", "article", "interview", "appointment",
    "nomination", "election", "referendum", "vote", "budget", "program", "programme", "project", "deal",
    "treaty", "accord", "agreement", "proposal", "initiative", "request", "demand", "ultimatum", "threat",
})  # fmt: skip


@lru_cache(maxsize=1)
def load_stances() -> dict[str, tuple[Entry, ...]]:
    """Stance adjectives from ``stances.tsv``, as lexicon entries of part of speech ``A`` (adjective)."""
    out: dict[str, list[Entry]] = {}
    for line, (lemma, prep, cameo) in _rows(data_path(FOLDER, "stances.tsv"), 3):
        entry = Entry(lemma.lower(), "A", prep.lower(), ANY, "", cameo, None, None, None, line)
        out.setdefault(entry.lemma, []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


class Linker:
    """Fallback targets and stance adjectives (mixed into ``Coder``, which owns ``lex`` and ``person_nouns``)."""

    loose_linking = True  # class switches, so an ablation can measure each layer (see the issue-13 note)
    thing_targets = True

    # --------------------------------------------------------------------------------------------- fallbacks
    def _fallback_targets(self, match: Match, args: Arguments, found: list[Found], notes: dict[str, Any],
                          sources: list[Arg], symmetric: bool = False) -> list[Arg]:
        """Targets when the strict rules found none: loose linking, then the party behind a thing, then the
        thing itself. Records in ``notes`` which rule linked it. ``symmetric``: coordinated parties of a
        symmetric act ("A and B signed a deal") are each other's targets, so no thing stands in for them."""
        own = self._own_state_target(match, args, sources)
        if own is not None:
            notes["target_from"] = "own-state"
            return [own]
        skipped = self.passed_phrases(match)  # a consultation's topic, the foe of a called-for war
        if self.loose_linking and not symmetric:
            # a body an appeal asks to be formed (``recipients.asked_for``) is read like a means: its phrases only
            passed = means_objects(match, self.lex) | frozenset(notes.get("asked_for", ()))
            target = self._loose_target(match.token, args, sources, passed, skipped)
            if target is not None:
                notes["target_from"] = "loose"
                return [target]
        if self.thing_targets and not symmetric:
            for obj in self._acted_upon(match):
                # "called for their release", "condemned the reporter's killing": whom the act befalls, as the
                # "of" phrase of such a noun is ("demanded the release of X"), not the act itself
                undergoer = possessed_undergoer(obj, args)
                if undergoer is not None and not any(same_actor(undergoer, s) for s in sources):
                    notes["target_from"] = "possessed-undergoer"
                    return [undergoer]
            imposers = measure_owners(match)  # "doubled the U.S. tariff": the measure's owner imposes it
            for obj in self._acted_upon(match):
                owner = self._thing_owner(obj, args)
                if owner is not None and not any(same_actor(owner, s) for s in sources) \
                        and owner.token not in imposers:
                    notes["target_from"] = "thing-owner"
                    return [owner]
            for obj in self._acted_upon(match):
                argument = self._noun_argument(obj, args)
                if argument is not None and not any(same_actor(argument, s) for s in sources) \
                        and argument.token not in skipped:
                    notes["target_from"] = "noun-argument"
                    return [argument]
            for obj in self._acted_upon(match):
                if self._own_thing(match.token, obj, args, sources):
                    # "Peru retracted its remark": the source's own statement or plan is what it acts with, not
                    # whom it acts upon; the act has no recipient in the sentence, so it gets none
                    notes["untargeted"] = "own-thing"
                    continue
                if self._content_act(match, obj):
                    # "threatened military action", "called for talks": the act asked for or threatened is what
                    # the event says, not whom it addresses (CAMEO names the subcode by it)
                    notes["untargeted"] = "content"
                    continue
                thing = self._thing_arg(obj, args, found, notes)
                if thing is not None:
                    notes["target_from"] = "thing"
                    return [thing]
        return []

    def _own_state_target(self, match: Match, args: Arguments, sources: list[Arg]) -> Arg | None:
        """A curfew, a state of emergency or martial law imposed, extended, eased or lifted by a state names no
        other party: the codebook's measures of domestic authority (CAMEO 1723/1724, their easing 0813/0814) fall
        on the state's own people, so the target is the source's own state ("the government lifted the state of
        emergency in the north" -> its own state), as CAMEO codes IRQGOV -> IRQ."""
        state = next((s for s in sources if s.actor.country and is_state(s.actor.country)
                      and state_organ(s.actor)), None)
        if state is None:
            return None
        for obj in self._acted_upon(match):
            for noun in (t for t in of_chain(obj) if t.pos_ in NOUN_POS):
                words = (noun.lemma_.lower(), *(c.lemma_.lower() for c in noun.children
                                                if c.dep_ in ("amod", "compound")))
                if not any(self.lex.classes_of(w) & DOMESTIC_MEASURES for w in words):
                    continue
                country = state.actor.country or ""
                span = args.analysis.span(np_bounds(obj)[0], np_bounds(noun)[1])  # "a state of emergency"
                actor = Actor(span, country=country, code=country, rule="events:own-state",
                              entity=f"{country}:own-state", evidence=state.actor.span)
                return Arg(actor, obj.i, True)
        return None

    def _loose_target(self, verb: Token, args: Arguments, sources: list[Arg],
                      means: frozenset[int] = frozenset(), skipped: frozenset[int] = frozenset()) -> Arg | None:
        """The nearest actor in the verb's own clause, outside its subject, quotes and circumstance phrases. Of a
        weapon the act is done with (``means``: "fired Iranian-made rockets at ...") only the phrases are read: its
        maker or owner is no target; ``skipped`` tokens (a consultation's topic, the foe of a called-for war) are
        not read at all."""
        quoted = _quoted(verb)
        own = {s.actor.country for s in sources if s.actor.country}  # the strict rules handle a side's own
        best: tuple[int, Arg] | None = None
        stack: list[tuple[Token, int]] = [(c, 1) for c in verb.children if c.dep_ not in CLAUSE_DEPS]
        while stack:
            tok, depth = stack.pop()
            if depth > MAX_LOOSE_DEPTH or (tok.i in quoted) != (verb.i in quoted) or tok.i in skipped:
                continue
            if tok.dep_ == "prep" and tok.lower_ in CIRCUMSTANCE_PREPS:
                continue
            if tok.dep_ in ("amod", "compound") and tok.pos_ == "ADJ" and args.mention(tok.head) is None:
                continue  # "the use of the Russian language": a demonym on a thing names no party
            if tok.pos_ in VERB_POS and depth > 1:
                continue  # a participle or gerund is a predicate of its own ("forces fighting X")
            if tok.i in means:
                stack.extend((c, depth + 1) for c in tok.children if c.dep_ == "prep")
                continue
            if args.mention(tok) is not None:
                arg = args.np(tok)
                # only a party the actors stage placed (a country or a role): a bare name or pronoun is too weak
                # a clue at this distance from the predicate
                placed = arg is not None and arg.resolved and bool(arg.actor.country or arg.actor.sectors)
                if arg is not None and placed and not any(same_actor(arg, s) for s in sources) and \
                        not any(s.actor.span.start <= arg.actor.span.start < s.actor.span.end for s in sources) \
                        and not (arg.actor.country and arg.actor.country in own):
                    distance = abs(tok.i - verb.i)
                    if best is None or distance < best[0]:
                        best = (distance, arg)
                    continue
            stack.extend((c, depth + 1) for c in tok.children
                         if c.dep_ not in CLAUSE_DEPS or (c.dep_ == "conj" and c.pos_ in NOUN_POS))
        return best[1] if best is not None else None

    @staticmethod
    def _acted_upon(match: Match) -> list[Token]:
        """The nouns a predicate acts upon: its objects, else the objects of its prepositional phrases."""
        # the event noun a light verb carries ("staged demonstrations") is the event itself, not what it acts upon
        objs = [o for o in match.objects if o.pos_ in NOUN_POS and o.i != match.light_noun]
        if objs:
            return objs
        verb = match.token
        return [g for c in verb.children if c.dep_ == "prep" and c.lower_ not in CIRCUMSTANCE_PREPS
                for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]

    def _is_event_noun(self, noun: Token) -> bool:
        """An event noun of the lexicon, or a gerund of one of its verbs ("the looting", "the shelling")."""
        if noun.lemma_.lower() in self.lex.nouns:
            return True
        return noun.pos_ == "NOUN" and noun.lower_.endswith("ing") and lookup(self.lex.verbs, noun) is not None

    def _is_thing_noun(self, noun: Token) -> bool:
        lemma = noun.lemma_.lower()
        if self._is_event_noun(noun) or lemma in STATEMENT_NOUNS or noun.lower_ in STATEMENT_NOUNS:
            return True
        return bool(self.lex.classes_of(lemma) & THING_CLASSES)

    def _thing_owner(self, noun: Token, args: Arguments) -> Arg | None:
        """The actor behind a decision, statement or act: "the governor's decision", "the ministry statement",
        "the decision by the court", "comments of the president". Unresolved names count ("the mayor")."""
        if not self._is_thing_noun(noun):
            return None
        for child in noun.children:
            if child.i < noun.i and (child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN")):
                if child.pos_ == "PRON" or child.ent_type_ in NOT_PARTIES:
                    continue  # "its decision": the pronoun's antecedent is for the actors stage to resolve
                arg = args.np(child) or (named_unresolved(child, args) if child.dep_ == "poss" else None)
                if arg is not None and (child.dep_ == "poss" or arg.actor.country or arg.actor.sectors):
                    return arg  # a compound names an owner only when it names a party ("the Kremlin decision")
        for clause in noun.children:
            # "the barrier that X is building", "the budget the minister proposed": the subject of an active
            # relative clause whose object the noun is made, proposed or signed it (targets round 10)
            if clause.dep_ != "relcl" or clause.pos_ not in VERB_POS or is_passive(clause):
                continue
            if any(c.dep_ == "dobj" and c.lower_ not in RELATIVE_WORDS for c in clause.children):
                continue  # the noun is not the clause's object ("the plan that gives X ...")
            for subject in (c for c in clause.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_WORDS):
                arg = args.np(subject)
                if arg is not None and (arg.actor.country or arg.actor.sectors):
                    return arg
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in NOUN_POS and not self._is_thing_noun(pobj):
                        arg = args.np(pobj) or (named_unresolved(pobj, args) if child.lower_ == "by" else None)
                        if arg is not None:
                            return arg
        return None

    def _own_thing(self, verb: Token, noun: Token, args: Arguments, sources: list[Arg]) -> bool:
        """Whether a thing acted upon is the source's own product: marked "own" ("withdrew its own plan"), or the
        statement, text or plan object of a verb of producing or taking back one's own (``own_product_verbs.tsv``:
        "filed a plan", "retracted its remark") with no owner or the source as owner. An event noun is no product
        ("withdrew from the talks" stays as it was), and a thing another party owns went to ``_thing_owner``."""
        if not self._is_thing_noun(noun) or args.mention(noun) is not None:
            return False
        poss = next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)
        if poss is not None and poss.pos_ == "PRON" and any(
                c.lower_ == "own" for c in noun.children if c.dep_ == "amod"):
            return True
        if verb.lemma_.lower() not in load_own_products() or (
                self._is_event_noun(noun) and noun.lemma_.lower() not in STATEMENT_NOUNS):
            return False
        if poss is None or poss.pos_ == "PRON":
            return True
        owner = args.np(poss)
        return owner is not None and any(same_actor(owner, s) for s in sources)

    def _content_act(self, match: Match, noun: Token) -> bool:
        """Whether an event noun acted upon is the content of an appeal, demand, intent, threat or accusation
        (``CONTENT_CODES``), or the sanction a LEVIES row makes heavier: an act ("action", "talks", "release"),
        not a text or a decision ("rejected the law", "welcomed the report" keep their thing target), and no party
        the actors stage named."""
        if match.entry.obj == "LEVIES":
            return True  # "doubled the tariffs": the measure made heavier is what is imposed (CAMEO 163), no party
        if not match.coded(CONTENT_CODES):
            return False
        if noun.lower_ in ACT_NOUNS or noun.lemma_.lower() in ACT_NOUNS:
            return True
        return self._is_event_noun(noun) and noun.lemma_.lower() not in STATEMENT_NOUNS \
            and noun.lower_ not in STATEMENT_NOUNS

    def _noun_argument(self, noun: Token, args: Arguments) -> Arg | None:
        """What an event noun is aimed at, named in its own prepositional phrase even when the actors stage did
        not resolve it: "an investigation into the fund", "attacks on the convoy", "sanctions against the firm"."""
        if noun.lemma_.lower() not in self.lex.nouns:
            return None
        phrases = list(noun.children)
        if noun.dep_ == "dobj" and noun.head.pos_ in VERB_POS:
            # the parser often hangs the noun's phrase on the verb ("opened an investigation into X")
            phrases += [c for c in noun.head.children if c.i > noun.i]
        for child in phrases:
            if child.dep_ == "prep" and child.lower_ in NOUN_ARGUMENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in NOUN_POS and not self._is_thing_noun(pobj):
                        arg = args.np(pobj) or named_unresolved(pobj, args)
                        if arg is not None:
                            return arg
        return None

    def _thing_arg(self, noun: Token, args: Arguments, found: list[Found], notes: dict[str, Any]) -> Arg | None:
        """The noun phrase itself as a target of kind ``event`` (an act) or ``thing`` (a decision, a text)."""
        if not self._is_thing_noun(noun) or args.mention(noun) is not None:
            return None
        lemma = noun.lemma_.lower()
        kind = "event" if self._is_event_noun(noun) and lemma not in STATEMENT_NOUNS else "thing"
        coded = next((f for f in found if f.match.token.i == noun.i), None)
        if coded is not None:
            kind = "event"
            notes["target_event_trigger"] = [noun.i, noun.i + 1]
        start, end = np_bounds(noun)
        span = args.analysis.span(start, end)
        actor = Actor(span=span, name=None, rule=f"events:{kind}-target", kind=kind)
        return Arg(actor, noun.i, False)

    # ------------------------------------------------------------------------------------ stance adjectives
    def _stances(self, sentence: int, tokens: list[Token], args: Arguments, found: list[Found],
                 consumed: set[int]) -> list[Found]:
        """Events stated by a stance adjective: "X was critical of Y", "X issued a report critical of Y"."""
        table = load_stances()
        out: list[Found] = []
        for adj in tokens:
            if adj.pos_ != "ADJ" or adj.i in consumed:
                continue
            entries = table.get(adj.lemma_.lower()) or table.get(adj.lower_)
            if not entries:
                continue
            for entry in entries:
                pobjs = [g for c in adj.children if c.dep_ == "prep" and c.lower_ == entry.prt
                         for g in c.children if g.dep_ == "pobj"]
                if not pobjs:
                    continue
                holder = self._stance_holder(adj, args)
                if not holder:
                    break
                targets = args.split(pobjs)
                match = Match(adj, entry, entry.cameo, pobjs, not targets)
                notes: dict[str, Any] = {}
                if not targets:
                    targets = self._fallback_targets(match, args, found, notes, holder)
                targets = [t for t in targets if not any(same_actor(t, h) for h in holder)]
                governor = adj.head if adj.head.pos_ in VERB_POS else adj.head.head
                status = mod.status(governor, self.lex, self.irrealis) if governor.pos_ in VERB_POS \
                    else mod.noun_status(adj.head, self.lex)
                out.append(Found(match, sentence, holder, targets, False, status, notes, confidence=0.65))
                consumed.add(adj.i)
                break
        return out

    @staticmethod
    def _stance_holder(adj: Token, args: Arguments) -> list[Arg]:
        """Who holds the stance: the subject of "X was critical of", or whoever issued, wrote or voiced the
        report or statement the adjective describes ("the committee issued a report critical of ...")."""
        head = adj.head
        if adj.dep_ in ("acomp", "oprd") and head.pos_ in VERB_POS | {"AUX"}:
            return args.subjects(logical_subjects(head))
        if adj.dep_ in ("amod", "acl", "appos") and head.pos_ in NOUN_POS:
            if args.mention(head) is not None:
                arg = args.np(head)  # "the minister, critical of the plan, ..."
                return [arg] if arg is not None else []
            owner = args.event_owner(head)
            if owner is not None:
                return [owner]
            if head.dep_ in ("dobj", "attr") and head.head.pos_ in VERB_POS:
                return args.subjects(logical_subjects(head.head))
        return []

    # --------------------------------------------------------------------------------------- generic passives
    @staticmethod
    def _generic_passive(verb: Token) -> bool:
        """A present-tense agentless passive on a bare plural ("women are barred from ...", "journalists are
        jailed there") states a standing condition, generic in English grammar, not a reported event."""
        if not is_passive(verb) or not any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in verb.children):
            return False
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return bool(patients) and all(
            p.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss", "nummod") for c in p.children)
            for p in patients)


@lru_cache(maxsize=1)
def load_own_products() -> frozenset[str]:
    """Verbs whose object is the subject's own statement, text or plan: ``linking/own_product_verbs.tsv``."""
    return listed_words("linking", "own_product_verbs.tsv")


def _quoted(tok: Token) -> set[int]:
    """Indices of the tokens between quotation marks in the token's sentence."""
    inside: set[int] = set()
    open_ = False
    for t in tok.sent:
        if t.text == '"':
            open_ = not open_
            continue
        if t.text in QUOTES:
            open_ = t.text in ("``", "\u201c")
            continue
        if open_:
            inside.add(t.i)
    return inside
