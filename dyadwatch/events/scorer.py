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

A trained alternative (``LinkModel``): a logistic regression over the same readable features (``FEATURES``),
fitted by ``tools/train_link_scorer.py`` on the shared PLOVER gold with cross-validation by document and shipped
as ``dyadwatch/data/linking/link_scorer.json`` (weights, feature list, training data sha256, CV figures). With a
model, ``choose`` scores every allowed candidate and links the most probable; the link notes name the scorer
and the model's probability beside the rule. Whether it is used is ``TargetFinder.link_model`` (see
docs/linking.md for the cross-validated figures that decide it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dyadwatch.errors import ConfigError
from dyadwatch.events.arguments import Arg
from dyadwatch.tables import data_path

# Rule names that the event's notes record as ``target_from`` (and some as a rule suffix); the strict rules
# (object, recipient phrase, ...) are the default and leave it unset, as before.
NOTED_RULES = frozenset({"anaphor", "response", "location", "frame", "control", "causee", "purpose", "shifted",
                         "stance", "grievance", "attacked-place", "threat-clause",
                         "beneficiary", "aimed", "armed-people", "accuser", "addressee", "text",
                         "addressed", "victims", "reason", "maker-previous-sentence", "giver-previous-sentence",
                         "measured-previous-sentence"})
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
    has_country: bool = False  # a target of the group names a country (before the target is placed)

    def penalty(self) -> float:
        return OWN_SIDE_PENALTY * self.own_side + PRONOUN_PENALTY * self.unplaced_pronoun

    def allowed(self) -> bool:
        # the source's own forces that a sending verb moves ("withdrew its troops from X") are what is sent, never
        # the target, not even as a last resort; and coordinated sources of a reciprocal act ("A and B delayed
        # their meeting") are each other's parties: a pronoun never stands in for them
        if self.own_side and self.own_forces_moved:
            return False
        # a state's forces fighting on its own soil ("the army shelled rebel positions in the north") attack
        # whoever holds the place, not their own state: the place's state stands in only for an outside attacker
        if self.own_side and self.rule == "attacked-place":
            return False
        return not (self.unplaced_pronoun and self.several_sources)

    def score(self) -> float:
        return (-RANK_WEIGHT * self.rank - self.penalty() + PLACED_BONUS * self.placed / 100
                - DISTANCE_WEIGHT * self.distance / 100)

    def readable(self) -> dict[str, Any]:
        return {"rule": self.rule, "rank": self.rank, "score": round(self.score(), 4), "own_side": self.own_side,
                "unplaced_pronoun": self.unplaced_pronoun, "placed": round(self.placed, 2),
                "distance": self.distance, "kind": self.kind, "several_sources": self.several_sources,
                "has_country": self.has_country}


# The trained scorer's inputs, each one a readable feature above: the rule that offered the candidate (one
# indicator per rule name), its rank, the penalties, how placed and how near it is, and what kind of target.
RULES = ("grievance", "patient", "accused", "object", "addressed", "armed-people", "victims", "shifted", "dative",
         "causee", "owner", "event-of", "object-phrase", "recipient-phrase", "accuser", "beneficiary", "inner-act",
         "frame", "aimed", "text", "control", "anaphor", "response", "stance", "reason", "phrase-event", "addressee",
         "purpose", "attacked-place", "threat-clause", "location")
FEATURES = (*(f"rule={r}" for r in RULES), "rank", "own_side", "unplaced_pronoun", "placed", "has_country",
            "distance", "kind=actor", "several_sources")


def vector(feats: dict[str, Any]) -> list[float]:
    """The trained scorer's input for one candidate, from its readable features (``LinkFeatures.readable``)."""
    out = [float(feats.get("rule") == r) for r in RULES]
    out += [min(float(feats.get("rank", 0)), 30.0) / 10, float(bool(feats.get("own_side"))),
            float(bool(feats.get("unplaced_pronoun"))), float(feats.get("placed", 0.0)),
            float(bool(feats.get("has_country"))), min(float(feats.get("distance", 0)), 40.0) / 10,
            float(feats.get("kind") == "actor"), float(bool(feats.get("several_sources")))]
    return out


@dataclass(frozen=True, slots=True)
class LinkModel:
    """A logistic regression over ``FEATURES`` (see ``tools/train_link_scorer.py``)."""

    version: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, feats: dict[str, Any]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, vector(feats), strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def model_from(data: dict[str, Any]) -> LinkModel:
    """A model from its JSON form; the feature list must be the one this code computes."""
    features = tuple(data.get("features", ()))
    if features != FEATURES:
        raise ConfigError("link_scorer.json was trained on other features than this dyadwatch computes; "
                        "rebuild it with tools/train_link_scorer.py")
    return LinkModel(str(data["version"]), features, tuple(float(w) for w in data["weights"]), float(data["bias"]))


@lru_cache(maxsize=1)
def load_model() -> LinkModel:
    """The shipped trained scorer (``dyadwatch/data/linking/link_scorer.json``)."""
    path = data_path("linking", "link_scorer.json")
    return model_from(json.loads(path.read_text(encoding="utf-8")))


Candidate = tuple[str, list[Arg], dict[str, Any]]


Chosen = tuple[str, list[Arg], dict[str, Any], LinkFeatures]


def choose(candidates: Iterable[Candidate], features: Callable[[int, str, list[Arg]], LinkFeatures],
           model: LinkModel | None = None, pool: list[Chosen] | None = None) -> Chosen | None:
    """The best-scoring non-empty candidate (earliest on ties). By the rules' weights it stops at the first one
    without a penalty, which no later candidate can beat (see the module note); with a trained ``model``, or when
    ``pool`` collects every allowed candidate (training), it scores them all."""
    best: Chosen | None = None
    best_score = -math.inf
    for rank, (how, targets, extra) in enumerate(candidates):
        if not targets:
            continue
        feats = features(rank, how, targets)
        if not feats.allowed():
            continue
        if pool is not None:
            pool.append((how, targets, extra, feats))
        # the trained model reorders; the penalties (the source's own side, an unplaced pronoun) stay what the
        # codebook makes them: a candidate with one is linked only when no other is allowed
        score = model.probability(feats.readable()) - feats.penalty() if model is not None else feats.score()
        if best is None or score > best_score:
            best, best_score = (how, targets, extra, feats), score
        if model is None and pool is None and feats.penalty() == 0:
            break
    return best


def readable_choice(feats: LinkFeatures, model: LinkModel | None) -> dict[str, Any]:
    """What ``notes["link"]`` keeps: the winner's features, and the trained scorer's probability if one chose."""
    out = feats.readable()
    out["scorer"] = f"trained:{model.version}" if model is not None else "rules"
    if model is not None:
        out["probability"] = round(model.probability(out), 4)
    return out

