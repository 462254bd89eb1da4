"""Whose state an unplaced target belongs to: "The Mozambique government accepted demands from rebels" -> the
rebels are Mozambique's (issue 20, unplaced domestic targets).

Why here and not in the actors stage: the actors stage places a role that names no country ("rebels", "the
opposition", "demonstrators", "President X") from the article's context (``dyadwatch.actors.context``: a place the
sentence puts things in, else the paragraph's or the article's clear country, else nothing when the evidence
points two ways). That is all a mention alone can say. An event knows one thing more: its other party. A target
is placed here in two steps, each leaving its trace (``notes["target_country"]``, rule suffix
``|target-country:LEVEL``):

1. **Context, the way sources are placed.** The article's context for the target's sentence, asked through the
   actors package's own reading (``CountryContext``, supplied by the events stage: this layer does not import
   the actors package), with its rules: stateless sectors (IGO, NGO, refugees, ...) and heads that name several
   states ("peacekeepers", "allies") never take one country.
2. **The other party's state, when the sentence names no other.** CAMEO and PLOVER code a domestic role by
   the state it belongs to, and news names that state once: "Egyptian police dispersed demonstrators", "the
   Mozambique government accepted demands from rebels", "rebels in Ivory Coast dismissed an appeal from the
   president". A role that names no state, facing a party of state X, in a sentence whose every named state is
   X, is X's: a reader takes the same state, because the sentence offers no other. Two limits keep the guess
   from crossing a border:

   - the sentence names no state but X (any other, even as a place or a third party, and nothing is placed);
   - at least one side is no organ of a state: "Egyptian police ... demonstrators" (state organ on a domestic
     group), "rebels ... the president" (a group on the state), "rebels attacked civilians" (group on group).
     An organ of one state acting on an unplaced organ ("Russia criticised the government") is diplomacy as
     often as not, and the government may be anyone's: it stays unplaced. Except, as for sources below, a court
     or the police: they act inside their own jurisdiction, so "the Kerala high court quashed an order of the
     state government" places the state government in India (``|target-country:source``).

A target with no role (a bare unresolved name, a thing, an event) is never placed: nothing says it is domestic.

**Sources, the same way round (issue 20, fourth round).** The actors stage has already asked the context for every
source, so only the second step remains: a source role that names no state ("rebels", "workers", "the party"),
acting on a party of state X in a sentence whose every named state is X, is X's -- "Tuareg rebels urged
Mali's government to ...", "striking dockers protested a law passed by the Polish parliament". The same two
limits hold (no other state named; one side no organ of a state: an unresolved "President X" acting on a state
is as likely a foreign head as a domestic one -- except a court or the police acting on people, which act in their
own jurisdiction: "a magistrate ordered inquiries into Peruvian ministers"; and a bare state as target places
only a contender inside a polity -- a party, the opposition, rebels, labour, civilians -- never a church, a paper
or a charity that may campaign from abroad), and the target must name its state itself (a target this module
placed gives nothing back). A pronoun source ("it", "they") is placed only when its antecedent -- a mention of
the same entity -- stands in the same sentence, so that the sentence's named states are the antecedent's too
("The party said it would boycott the elections"); otherwise its state is the actors stage's to find where the
antecedent is named. Rule suffix ``|source-country:target``, ``notes["source_country"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from dyadwatch.events.arguments import Arg

if TYPE_CHECKING:
    from collections.abc import Callable

    from dyadwatch.document.analysis import Analysis
    from dyadwatch.records import Actor, TextSpan

# Sectors of the CAMEO actor codebook that are organs of a state (government, military, police, judiciary,
# legislature, intelligence); every other sector (opposition, rebels, civilians, parties, labour, media, ...) is
# a group inside a society.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Sectors that put an actor against or outside the state whatever else its code says: a rebel group's armed wing
# is coded REBMIL ("the main rebel group, the Forces for Defence of Democracy"), and is no organ of the state.
ANTI_STATE_SECTORS = frozenset({"REB", "OPP", "INS", "SEP", "UAF"})
# Organs that act on people inside their own jurisdiction, not on other states: a court or the police acting on
# officials or citizens of state X (not on X itself) is X's court or police, where the sentence names no other.
JURISDICTION_SECTORS = frozenset({"JUD", "COP"})
# Sectors of the contenders inside a polity (parties, opposition, rebels, organised labour and farmers,
# civilians): only they are placed by a bare state they act on ("the party will boycott Zambia's elections");
# religious, media, business or civil-society actors acting on a whole state are as often foreign as not.
CONTENDER_SECTORS = frozenset({"OPP", "PTY", "REB", "INS", "SEP", "LAB", "AGR", "CVL", "MIL"})
# Words that make a plural role name the sides of a matter ("the parties concerned", "both sides").
SIDE_WORDS = frozenset({"concerned", "involved", "relevant", "all", "both", "warring", "respective"})
# An armed group a target names only by reference ("the militants" after "Somalia-based X", rule
# ``group-anaphor``) carries the group's base, which the sentence does not name: no state to give its opponent.
REFERRED_GROUP_RULES = frozenset({"group-anaphor"})
PLACED_PENALTY = 0.05  # confidence lost by a target whose state the text implies rather than names


@dataclass(frozen=True, slots=True)
class Placement:
    """A country for a target: the country, the mention that gave it, and how (``context:LEVEL`` or ``source``)."""

    country: str
    evidence: TextSpan | None
    how: str


class CountryContext(Protocol):
    """The actors package's reading of an article's countries, as the events stage hands it to the coder."""

    def stateless(self, actor: Actor, token: int) -> bool:
        """Whether the actor belongs to no one state by definition (IGO, NGO, refugees, "peacekeepers")."""

    def country(self, actor: Actor, token: int, sentence: int) -> Placement | None:
        """The country the article's context gives the actor at ``token`` in ``sentence``, or None."""


def state_organ(actor: Actor) -> bool:
    """A bare state ("Russia") or one of its organs ("the Mozambique government", "Egyptian police"); a rebel or
    opposition code with a state sector (``REBMIL``) is none."""
    sectors = set(actor.sectors)
    return not sectors or bool(sectors & STATE_SECTORS and not sectors & ANTI_STATE_SECTORS)


@lru_cache(maxsize=512)
def is_state(code: str) -> bool:
    """Whether a three-letter code is a state's (ISO 3166 alpha-3), not an organisation's ("IMG", "IGO", "NGO")."""
    import pycountry  # loaded on first use: most articles never ask

    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


class TargetPlacer:
    """Places the unplaced targets of one article's events (see the module note); built once per article."""

    def __init__(self, analysis: Analysis, context: CountryContext | None) -> None:
        self.analysis = analysis
        self.context = context
        self._named: dict[int, set[str]] | None = None

    def named_states(self, sentence: int) -> set[str]:
        """The states the mentions of a sentence name (three-letter countries)."""
        if self._named is None:
            named: dict[int, set[str]] = {}
            for mention in self.analysis.mentions:
                country = mention.actor.country
                if country and is_state(country):
                    named.setdefault(self.analysis.sentence_of(mention.start), set()).add(country)
            self._named = named
        return self._named.get(sentence, set())

    def place(self, target: Arg, sources: list[Arg], sentence: int) -> Placement | None:
        """The country of an unplaced domestic target, or None (placed already, no role, stateless, unclear)."""
        actor = target.actor
        if self.context is None or actor.kind != "actor" or actor.country or not actor.sectors:
            return None
        if self.context.stateless(actor, target.token) or self._not_one_state(target.token):
            return None
        found = self.context.country(actor, target.token, sentence)
        if found is not None:
            return found
        states = {s.actor.country for s in sources if s.actor.country}
        if len(states) != 1:
            return None
        state = next(iter(states))
        if not is_state(state) or self.named_states(sentence) - {state}:
            return None
        giver = next(s for s in sources if s.actor.country == state)
        if state_organ(actor) and all(state_organ(s.actor) for s in sources) \
                and not (set(giver.actor.sectors) & JURISDICTION_SECTORS):
            return None  # but a court or the police act on organs of their own state, as on its people
        return Placement(state, giver.actor.span, "source")

    def place_source(self, source: Arg, targets: list[Arg], sentence: int) -> Placement | None:
        """The country of an unplaced domestic source from its target's state (see the module note), or None."""
        actor = source.actor
        if self.context is None or actor.kind != "actor" or actor.country or not actor.sectors:
            return None
        if self.context.stateless(actor, source.token) or self._sides(source.token) \
                or (self._pronoun(source.token) and not self._antecedent_here(actor, source.token, sentence)):
            return None
        named = [t for t in targets if t.actor.country and not t.actor.rule.startswith("events:target-country:")
                 and t.actor.rule not in REFERRED_GROUP_RULES]
        states = {t.actor.country for t in named}
        if len(states) != 1:
            return None
        state = next(iter(states))
        if not is_state(state) or self.named_states(sentence) - {state}:
            return None
        if state_organ(actor) and all(state_organ(t.actor) for t in named) \
                and not (set(actor.sectors) & JURISDICTION_SECTORS and all(t.actor.sectors for t in named)):
            return None
        if any(not t.actor.sectors for t in named) and not set(actor.sectors) <= CONTENDER_SECTORS:
            return None  # a church, a paper or a charity "calling for sanctions against X" may be anyone's
        return Placement(state, named[0].actor.span, "target")

    def placed_sources(self, sources: list[Arg], targets: list[Arg], sentence: int) -> tuple[list[Arg], str | None]:
        """The sources with their states filled in from the targets, and how the first placed one was placed."""
        return _filled(sources, lambda source: self.place_source(source, targets, sentence), "source-country")

    def _antecedent_here(self, actor: Actor, token: int, sentence: int) -> bool:
        """Whether another mention of the pronoun's entity (its antecedent) stands in the same sentence."""
        if not actor.entity:
            return False
        return any(m.actor.entity == actor.entity and not m.start <= token < m.end
                   and self.analysis.sentence_of(m.start) == sentence for m in self.analysis.mentions)

    def _pronoun(self, token: int) -> bool:
        tok = self.analysis.token(token)
        return tok is not None and tok.pos_ == "PRON"

    def _sides(self, token: int) -> bool:
        """A plural role naming the sides of a matter ("the parties concerned", "both sides")."""
        tok = self.analysis.token(token)
        return tok is not None and tok.tag_ in ("NNS", "NNPS") and any(c.lower_ in SIDE_WORDS for c in tok.children)

    def _not_one_state(self, token: int) -> bool:
        """Targets whose state is not for this step to say: a pronoun ("them") or a role owned by one ("their
        leaders") stands for its antecedent, whose state the actors stage finds where the antecedent is named;
        and a plural role that names the sides of a matter ("the parties concerned", "all parties", "both
        sides") is several parties, not one state's."""
        tok = self.analysis.token(token)
        if tok is None:
            return False
        if tok.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
            return True
        return self._sides(token)

    def placed(self, targets: list[Arg], sources: list[Arg], sentence: int) -> tuple[list[Arg], str | None]:
        """The targets with their states filled in, and how the first placed one was placed (None if none)."""
        return _filled(targets, lambda target: self.place(target, sources, sentence), "target-country")


def _filled(args: list[Arg], place: Callable[[Arg], Placement | None], role: str) -> tuple[list[Arg], str | None]:
    """Each argument with the state ``place`` finds for it (unchanged where none), and how the first placed one
    was placed: sources and targets are filled the same way, by their own placing rule."""
    out: list[Arg] = []
    how: str | None = None
    for arg in args:
        found = place(arg)
        if found is None:
            out.append(arg)
            continue
        how = how or found.how
        out.append(Arg(with_country(arg.actor, found, role), arg.token, arg.resolved))
    return out, how


def with_country(actor: Actor, found: Placement, role: str = "target-country") -> Actor:
    """The actor with the placement's country: code = country + the actor's own sectors, as the tables compose;
    ``role`` names the rule (``events:target-country:HOW`` or ``events:source-country:HOW``)."""
    code = found.country + (actor.code[3:] if actor.code and actor.code.startswith("---")
                            else "".join(actor.sectors))
    return replace(actor, country=found.country, code=code, rule=f"events:{role}:{found.how}",
                   entity=f"{code}:{actor.entity}", evidence=found.evidence or actor.evidence)
