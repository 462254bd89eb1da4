"""One predicate row of the lexicon (any layer), and the markers its object/complement columns use.

Why a module of its own: the lexicon (hand-written tables) and the PETRARCH-format layers both build rows, and
the matcher reads them; keeping the row here lets each of those import it without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass

ANY = "*"
SOME = "+"  # any object, but there must be one ("asked" alone is a question, "asked X" an appeal)
NONE = "0"  # no object at all ("the army mobilised" is a call-up; "mobilised voters" is not)
ACTOR = "ACTOR"
EVENT = "EVENT"
# an open "to"-infinitive complement, whatever it codes ("told X to leave" is an instruction, "told X that ..."
# a statement): the complement's form, not its class, makes the row
INF = "INF"
# Layers of verb rows, highest priority first: a user's PETRARCH-format dictionary (``Settings.petrarch_verbs``),
# the hand-written predicates.tsv, and the base layer compiled from PETRARCH2's CAMEO verb dictionary. When rows
# of several layers match a verb, the highest layer's best row wins; a lower layer only adds what is missing.
USER, HAND, BASE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row: a predicate with its constraints and the CAMEO code it stands for."""

    lemma: str
    pos: str  # "V" (verb) or "N" (event noun)
    prt: str  # particle or preposition the predicate needs ("" = none)
    obj: str  # object class, ACTOR, or ANY
    comp: str  # complement class, EVENT, INF, or "" (no constraint)
    cameo: str
    mode: str | None
    plover: str | None  # PLOVER type override where the manual's guidance differs from CAMEO2PLOVER
    derive: str | None  # derivation map applied when the object/complement is an event
    line: int  # line in predicates.tsv, for the candidate's ``rule``
    tier: int = HAND  # USER, HAND or BASE (see above)
    pps: tuple[tuple[str, str], ...] = ()  # further (preposition, class or ANY) the verb must carry
    before: tuple[str, ...] = ()  # classes of words that must stand before the verb (its subtree or governor)
    after: tuple[str, ...] = ()  # classes of words that must follow the verb inside its subtree
    origin: str = "predicates.tsv"
    reverse: str = ""  # a dictionary's ``[A:B]``: B codes the act seen from the target's side (042 -> 043 hosted)

    @property
    def null(self) -> bool:
        """A dictionary's null code ``[---]``: the verb in this context is no event."""
        return not self.cameo

    @property
    def specificity(self) -> int:
        """How much of the context the row pins down; the most specific matching row wins."""
        score = 2 * len(self.pps) + len(self.before) + len(self.after)
        if self.prt:
            score += 2
        if self.obj in (ACTOR, NONE):
            score += 1
        elif self.obj not in (ANY, SOME):
            score += 2
        if self.comp == EVENT:
            score += 1
        elif self.comp:
            score += 2
        return score

    @property
    def rule(self) -> str:
        parts = [self.lemma]
        if self.prt:
            parts.append(self.prt)
        if self.obj not in (ANY, SOME):
            parts.append(f"obj={self.obj}")  # obj=0: the row needs the verb to have no object
        if self.comp:
            parts.append(f"comp={self.comp}")
        if self.tier != HAND:
            parts.extend(f"{p}={c}" for p, c in self.pps)
            parts.extend(f"pre={c}" for c in self.before)
            parts.extend(f"post={c}" for c in self.after)
            return f"petrarch:{self.origin}:{self.pos}:{'+'.join(parts)}->{self.cameo or 'null'}@{self.line}"
        return f"lexicon:{self.pos}:{'+'.join(parts)}->{self.cameo}@{self.line}"
