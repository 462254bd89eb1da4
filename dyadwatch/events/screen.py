"""Which sentences may hold an event: the one question the parse stage asks before it pays for a dependency parse.

Why: the dependency parse is the one step of the pipeline whose output only the event coder really needs, yet
it ran on every sentence. A sentence can give an event only through a lexicon row: a verb or event noun of the
predicate tables (the hand-written rows, the PETRARCH base layer, a user's verb dictionary), a stance adjective,
or one of the modality words that make an event of their own ("X wants Y to ...", "X said Y must ..."). This
module answers from the loaded ``Lexicon`` itself, so every row any layer adds (new event nouns, support verbs,
a user's dictionary) widens the screen without a change here.

The screen is deliberately looser than the coder: it looks at words only, never at the parse it is deciding about.
A row counts when its lemma (or a word form the coder's ``lookup`` would try) is in the sentence and the words
its constraints name (particle, prepositions, object/complement/context classes) all occur somewhere in the
sentence; where the coder looks elsewhere (an event noun whose definite form refers back to an earlier event)
the screen does not check at all. A sentence it passes may still give nothing; a sentence it fails cannot give an
event, because every route of the coder starts at one of the words it looks for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dyadwatch.events.entry import ACTOR, ANY, EVENT, INF, NONE, SOME, Entry
from dyadwatch.events.linking import load_stances
from dyadwatch.events.syntax import VERB_POS

if TYPE_CHECKING:
    from dyadwatch.events.lexicon import Lexicon

# Modality kinds whose word makes an event without a predicate row of its own: "wish" ("X wants Y to pay": an
# appeal), "obligation" ("X said Y must withdraw": a demand).
SELF_CODING_KINDS = frozenset({"wish", "obligation"})
_FREE = frozenset({"", ANY, SOME, NONE, ACTOR, EVENT, INF})


def word_keys(lemma: str, lower: str) -> tuple[str, ...]:
    """The table keys the coder's ``lookup`` tries for a token: its lemma, its form, and plain suffix strippings."""
    keys = [lemma, lower, lower[:-1], lower[:-2], lower[:-3]]
    if lower.endswith("ing"):
        keys.append(lower[:-3] + "e")
    return tuple(k for k in keys if k)


class EventScreen:
    """Tells from a sentence's words whether it may hold an event (see the module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.verbs = {k: tuple(e for e in v if not e.null) for k, v in lexicon.verbs.items()}
        self.verbs = {k: v for k, v in self.verbs.items() if v}
        self.nouns = frozenset(k for k, v in lexicon.nouns.items() if any(not e.null for e in v))
        self.stances = load_stances()
        self.self_coding = frozenset(w for w, kinds in lexicon.modality.items() if kinds & SELF_CODING_KINDS)

    def may_hold_event(self, lemmas: Iterable[str], lowers: Iterable[str], pos: Iterable[str]) -> bool:
        """Whether a sentence, given as its tokens' lower-cased lemmas, lower-cased forms and coarse parts of
        speech, has a word through which the coder could find an event."""
        lemmas, lowers, pos = list(lemmas), list(lowers), list(pos)
        words = set(lemmas) | set(lowers)
        verb_rows: list[Entry] = []
        predicates = 0
        for lemma, lower, tag in zip(lemmas, lowers, pos, strict=True):
            keys = word_keys(lemma, lower)
            if any(k in self.nouns for k in keys):  # any part of speech: a light verb's object is looked up as is
                return True
            if tag == "ADJ" and any(e.prt in words for k in (lemma, lower) for e in self.stances.get(k, ())):
                return True
            if lower in self.self_coding or lemma in self.self_coding:
                return True
            if tag in VERB_POS:  # the coder looks verbs up only at tokens tagged so (tags do not need the parse)
                for key in keys:
                    rows = self.verbs.get(key)
                    if rows:
                        verb_rows.extend(rows)
                        predicates += 1
                        break
        if not verb_rows:
            return False
        classes = self._classes(words)
        return any(self._row_fits(entry, words, classes, predicates > 1) for entry in verb_rows)

    def _classes(self, words: set[str]) -> set[str]:
        """Every hand-written and dictionary word class that some word of the sentence belongs to (``in_class``
        for each word, once per sentence rather than once per row and class)."""
        out: set[str] = set(_FREE)
        for word in words:
            out.update(self.lex.classes.get(word, ()))
            out.update(self.lex.words.get(word, ()))
        return out

    @staticmethod
    def _row_fits(entry: Entry, words: set[str], classes: set[str], other_predicate: bool) -> bool:
        """Whether every word a row's constraints name occurs in the sentence (order and tree not checked)."""
        if entry.prt and not all(w in words for w in entry.prt.split()):
            return False
        if any(prep not in words or cls not in classes for prep, cls in entry.pps):
            return False
        if entry.comp == EVENT and not other_predicate:
            return False
        return all(cls in classes for cls in (entry.obj, entry.comp, *entry.before, *entry.after))
