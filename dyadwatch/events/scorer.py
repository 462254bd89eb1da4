"""One scoring function for an event's target (issue 20 item 4): every candidate recipient the target rules offer
is scored on readable features, and the best one links the event.

Why a score rather than "first rule wins": the rules were already ordered by how telling each place in the
sentence is (CAMEO codes the direct object before a recipient phrase, a recipient phrase before a place), but
some candidates are found early and are still bad: the source's own side ("recalled its envoy"), or a pronoun
the actors stage could not place ("welcomed their resumption of ties with X"). Those used to be special cases
in the loop; here they are features with weights, so a reader sees why a target won and a measurement can move
one weight at a time. The features of the winner are kept in the candidate's notes (``link``) and the rule that
found it in its ``rule`` suffix.

The weights keep the rule order dominant: a penalty (own side, unplaced pronoun) outweighs any rank difference,
and rank differences outweigh the soft features (placed, distance), which only break ties. That ordering is
what lets ``choose`` stop at the first candidate without a penalty: no later candidate can score higher.
The weights were set by measurement on the shared gold (docs/linking.md), not fitted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from dyadwatch.events.arguments import Arg

# Rule names that the event's notes record as ``target_from`` (and some as a rule suffix); the strict rules
# (object, recipient phrase, ...) are the default and leave it unset, as before.
NOTED_RULES = frozenset({"anaphor", "response", "location", "frame", "control", "causee", "purpose", "shifted",
                         "stance"})
RANK_WEIGHT = 1.0  # per step down the ordered rule list
OWN_SIDE_PENALTY = 1000.0  # the source's own country: "Russia mobilised reservists" names no target
PRONOUN_PENALTY = 2000.0  # an unplaced possessive pronoun ("their meeting"): below even the own side
PLACED_BONUS = 0.5  # a party with a country or role over a bare name, within one rule's candidates
DISTANCE_WEIGHT = 0.001  # nearer to the predicate, within one rule's candidates


@dataclass(frozen=True, slots=True)
class LinkFeatures:
    """What the scorer knows of one candidate target group."""

    rule: str
    rank: int
    own_side: bool
    own_forces_moved: bool
    unplaced_pronoun: bool
    placed: float
    distance: int
    kind: str
    several_sources: bool

    def penalty(self) -> float:
        return OWN_SIDE_PENALTY * self.own_side + PRONOUN_PENALTY * self.unplaced_pronoun

    def allowed(self) -> bool:
        # the source's own forces that a sending verb moves ("withdrew its troops from X") are what is sent, never
        # the target, not even as a last resort; and coordinated sources of a reciprocal act ("A and B delayed
        # their meeting") are each other's parties: a pronoun never stands in for them
        if self.own_side and self.own_forces_moved:
            return False
        return not (self.unplaced_pronoun and self.several_sources)

    def score(self) -> float:
        return (-RANK_WEIGHT * self.rank - self.penalty() + PLACED_BONUS * self.placed / 100
                - DISTANCE_WEIGHT * self.distance / 100)

    def readable(self) -> dict[str, Any]:
        return {"rule": self.rule, "rank": self.rank, "score": round(self.score(), 4), "own_side": self.own_side,
                "unplaced_pronoun": self.unplaced_pronoun, "placed": round(self.placed, 2),
                "distance": self.distance, "kind": self.kind}


Candidate = tuple[str, list[Arg], dict[str, Any]]


def choose(candidates: Iterable[Candidate], features: Callable[[int, str, list[Arg]], LinkFeatures]
           ) -> tuple[str, list[Arg], dict[str, Any], LinkFeatures] | None:
    """The best-scoring non-empty candidate (earliest on ties); stops at the first one without a penalty, which
    no later candidate can beat (see the module note)."""
    best: tuple[str, list[Arg], dict[str, Any], LinkFeatures] | None = None
    for rank, (how, targets, extra) in enumerate(candidates):
        if not targets:
            continue
        feats = features(rank, how, targets)
        if not feats.allowed():
            continue
        if best is None or feats.score() > best[3].score():
            best = (how, targets, extra, feats)
        if feats.penalty() == 0:
            break
    return best
