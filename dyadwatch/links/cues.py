"""Cause -> response cues in the parse: "in response to X", "following X", "citing X", "X prompted Y", and
reaction verbs whose object is itself an event ("condemned the deal").

The cause is the event whose trigger lies in the cue's phrase; failing that, the phrase's head noun is resolved to
an event of the article by its stem ("the rejection" -> "rejected") or, for "this move", to the latest event.
Temporal cues ("after", "following") also mark mere sequence, so their links must pass ``plausible``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dyadwatch.document.analysis import Analysis, EventCandidate
from dyadwatch.document.doccache import token_strings
from dyadwatch.links.coreference import country_of

if TYPE_CHECKING:
    from spacy.tokens import Token

# Multi-word prepositional cues: (words, strength). The last word is the preposition that takes the cause.
PREP_CUES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("in", "response", "to"), "strong"),
    (("in", "reaction", "to"), "strong"),
    (("in", "answer", "to"), "strong"),
    (("in", "retaliation", "for"), "strong"),
    (("in", "retaliation", "against"), "strong"),
    (("as", "retaliation", "for"), "strong"),
    (("in", "reprisal", "for"), "strong"),
    (("in", "protest", "at"), "strong"),
    (("in", "protest", "against"), "strong"),
    (("in", "protest", "over"), "strong"),
    (("in", "protest", "of"), "strong"),
    (("in", "return", "for"), "strong"),
    (("as", "a", "result", "of"), "strong"),
    (("because", "of"), "strong"),
    (("due", "to"), "strong"),
    (("in", "the", "wake", "of"), "weak"),
    (("following",), "weak"),
    (("after",), "weak"),
)
# The cues by their first word, so scanning a sentence costs one dict lookup per token.
_CUES_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    first: tuple(c for c in PREP_CUES if c[0][0] == first) for first in {c[0][0] for c in PREP_CUES}
}
# "X follows Y", "X comes after Y": the subject responds to the object (temporal, so weak).
FOLLOW_VERBS = frozenset({"follow"})
# "X prompted Y": the object responds to the subject.
CAUSE_VERBS = frozenset({"prompt", "trigger", "provoke", "spark", "cause"})
# "Y responded to X": the subject responds to the prepositional object.
RESPOND_VERBS = {"respond": "to", "react": "to", "retaliate": "for"}
# "citing X (as its justification / reason)".
CITE_VERBS = frozenset({"cite"})
# Reaction verbs whose object can itself be an event ("condemned the deal", "rejected the proposal"). Verbs, not
# event types: SUPPORT also covers "sign the agreement", which carries an event forward rather than answering it.
REACTION_VERBS = frozenset({
    "condemn", "denounce", "criticize", "criticise", "decry", "deplore", "slam", "protest", "reject", "refuse",
    "dismiss", "oppose", "welcome", "praise", "hail", "applaud", "retaliate", "answer",
})
# Nouns that stand for "the event just told" ("this latest move").
GENERIC_EVENT_NOUNS = frozenset({"move", "decision", "step", "action", "measure", "development"})
# Shared stem length for nominal anaphora ("refus-al" ~ "refus-e", "approv-al" ~ "approv-e").
STEM = 5
CONFLICT_QUADS = frozenset({3, 4})



@dataclass(frozen=True, slots=True)
class Link:
    response: int
    cause: int
    cue: str
    strength: str
    sentence_index: int


def plausible(cands: list[EventCandidate], response: list[int], cause: list[int]) -> bool:
    """The checks a temporal cue ("after", "following") must pass to count as a response."""
    r_src = {country_of(cands[i].source) for i in response} - {None}
    r_tgt = {country_of(cands[i].target) for i in response} - {None}
    c_src = {country_of(cands[i].source) for i in cause} - {None}
    c_tgt = {country_of(cands[i].target) for i in cause} - {None}
    # Sequence words alone prove nothing: the actors must show the response is aimed at the cause.
    aimed = bool(r_tgt & (c_src | c_tgt)) or bool(r_src & c_tgt)
    if not aimed:
        return False
    same_dyad = (r_src | r_tgt) == (c_src | c_tgt)
    r_conflict = {cands[i].type.quad_class in CONFLICT_QUADS for i in response if cands[i].type.quad_class}
    c_conflict = {cands[i].type.quad_class in CONFLICT_QUADS for i in cause if cands[i].type.quad_class}
    if same_dyad and r_conflict and c_conflict and r_conflict.isdisjoint(c_conflict):
        return False
    r_dates = [cands[i].date.value for i in response if cands[i].date and cands[i].date.value]
    c_dates = [cands[i].date.value for i in cause if cands[i].date and cands[i].date.value]
    return not (r_dates and c_dates and min(c_dates) > max(r_dates))



DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def _definite(tok: Token) -> bool:
    """Anaphora needs a definite phrase: "the rejection" points back, "a meeting" introduces a new one."""
    return any(c.dep_ in ("det", "poss") and (c.lower_ in DEFINITE or c.dep_ == "poss") for c in tok.children)


class CueFinder:
    """Cue search over one parsed article."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.doc = analysis.doc
        self.cands = analysis.candidates
        # token index -> candidate indices whose trigger covers it
        self.at: dict[int, list[int]] = {}
        for i, c in enumerate(self.cands):
            for t in range(c.trigger[0], max(c.trigger[1], c.trigger[0] + 1)):
                self.at.setdefault(t, []).append(i)

    # -- resolution ------------------------------------------------------------------------------------------
    def _head_lemma(self, i: int) -> str:
        c = self.cands[i]
        assert self.doc is not None
        tokens = [self.doc[t] for t in range(c.trigger[0], max(c.trigger[1], c.trigger[0] + 1))]
        content = [t for t in tokens if t.pos_ in ("VERB", "NOUN", "PROPN")] or tokens
        return content[-1].lemma_.lower() if content[-1].pos_ == "NOUN" else content[0].lemma_.lower()

    def _in_phrase(self, tokens: set[int], exclude: set[int]) -> int | None:
        """The candidate whose trigger lies highest in a phrase (closest to its root)."""
        hits = {i for t in tokens for i in self.at.get(t, []) if i not in exclude}
        if not hits:
            return None
        assert self.doc is not None

        def depth(i: int) -> int:
            tok = self.doc[self.cands[i].trigger[0]]  # type: ignore[index]
            d = 0
            while tok.head.i != tok.i and d < 50:
                tok, d = tok.head, d + 1
            return d

        return min(hits, key=lambda i: (depth(i), self.cands[i].trigger[0]))

    def resolve_noun(self, tok: Token, exclude: set[int], generic: bool = True) -> int | None:
        """The event a noun phrase refers to: its own trigger, an earlier event sharing its stem, or "this move"."""
        if tok.i in self.at:
            hits = [i for i in self.at[tok.i] if i not in exclude]
            if hits:
                return hits[0]
        if tok.pos_ not in ("NOUN", "PROPN") or not _definite(tok):
            return None
        lemma = tok.lemma_.lower()
        matches = []
        for i in range(len(self.cands)):
            if i in exclude:
                continue
            other = self._head_lemma(i)
            n = min(len(lemma), len(other), STEM)
            if n >= 4 and lemma[:n] == other[:n]:
                matches.append(i)
        if matches:
            before = [i for i in matches if self.cands[i].trigger[0] < tok.i]
            if before:
                return max(before, key=lambda i: self.cands[i].trigger[0])
            return min(matches, key=lambda i: self.cands[i].trigger[0])
        if generic and lemma in GENERIC_EVENT_NOUNS:
            sent = self.a.sentence_of(tok.i)
            before = [i for i, c in enumerate(self.cands)
                      if i not in exclude and c.trigger[0] < tok.i and sent - c.sentence_index <= 1]
            if before:
                return max(before, key=lambda i: self.cands[i].trigger[0])
        return None

    def resolve_phrase(self, root: Token, exclude: set[int]) -> int | None:
        tokens = {t.i for t in root.subtree}
        found = self._in_phrase(tokens, exclude)
        if found is not None:
            return found
        return self.resolve_noun(root, exclude)

    def response_at(self, anchor: Token, exclude: set[int] = frozenset()) -> int | None:  # type: ignore[assignment]
        """The response an anchor word stands for: its own event, else its subject's."""
        if anchor.i in self.at:
            hits = [i for i in self.at[anchor.i] if i not in exclude]
            if hits:
                return hits[0]
        if anchor.pos_ in ("NOUN", "PROPN"):
            return self.resolve_noun(anchor, set(exclude))
        for child in anchor.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                found = self.resolve_phrase(child, set(exclude))
                if found is not None:
                    return found
        return None

    # -- cues ----------------------------------------------------------------------------------------------------
    def links(self) -> list[Link]:
        out: list[Link] = []
        assert self.doc is not None
        for s in range(len(self.a.sent_starts)):
            sent = self.a.sentence_tokens(s)
            out.extend(self._sentence_links(sent, s))
        # strong first, so a strong cue wins when two cues disagree on the direction
        return sorted(out, key=lambda link: link.strength != "strong")

    def _sentence_links(self, sent: Any, s: int) -> list[Link]:
        out: list[Link] = []
        doc = sent.doc
        strings = token_strings(doc)  # plain strings: no Token object for the many tokens that cue nothing
        words = strings.lower[sent.start : sent.end]
        lemmas = strings.lemma[sent.start : sent.end]
        tags = strings.pos[sent.start : sent.end]
        for k in range(len(words)):
            for cue, strength in _CUES_BY_FIRST.get(words[k], ()):
                if tuple(words[k:k + len(cue)]) != cue:
                    continue
                link = self._prep_cue(sent[k], sent[k + len(cue) - 1], " ".join(cue), strength, s)
                if link:
                    out.append(link)
                break
            if tags[k] != "VERB":
                continue
            lemma = lemmas[k]
            if lemma in CITE_VERBS:
                out.extend(self._cite(sent[k], s))
            elif lemma in FOLLOW_VERBS and sent[k].dep_ != "prep":
                out.extend(self._subject_object(sent[k], "follows", "weak", s, subject_responds=True))
            elif lemma in CAUSE_VERBS:
                out.extend(self._subject_object(sent[k], lemma, "strong", s, subject_responds=False))
            elif lemma in RESPOND_VERBS:
                out.extend(self._respond(sent[k], RESPOND_VERBS[lemma], s))
        out.extend(self._reactions(s))
        return out

    def _link(self, response: int | None, cause: int | None, cue: str, strength: str, s: int) -> Link | None:
        if response is None or cause is None or response == cause:
            return None
        return Link(response, cause, cue, strength, s)

    def _prep_cue(self, first: Token, last: Token, cue: str, strength: str, s: int) -> Link | None:
        if last.dep_ == "mark" or (last.pos_ == "SCONJ" and last.head.pos_ in ("VERB", "AUX")):
            clause = last.head  # "after Biden and Xi met": the clause verb
            cause = self._in_phrase({t.i for t in clause.subtree} - {last.i}, set())
            anchor = clause.head if clause.dep_ != "ROOT" else None
            if anchor is None:
                return None
            return self._link(self.response_at(anchor, {cause} if cause is not None else set()), cause, cue,
                              strength, s)
        objects = [c for c in last.children if c.dep_ in ("pobj", "dobj", "pcomp")]
        if not objects:
            return None
        cause = self.resolve_phrase(objects[0], set())
        anchor = first.head if first.dep_ in ("prep", "agent", "advmod", "mark") else first
        if anchor.i == first.i and first.head.i == first.i:
            return None
        exclude = {cause} if cause is not None else set()
        return self._link(self.response_at(anchor, exclude), cause, cue, strength, s)

    def _cite(self, verb: Token, s: int) -> list[Link]:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if not objects:
            return []
        cause = self.resolve_phrase(objects[0], set())
        anchor = verb.head if verb.head.i != verb.i else None
        if anchor is None:
            return []
        link = self._link(self.response_at(anchor, {cause} if cause is not None else set()), cause, "citing",
                          "strong", s)
        return [link] if link else []

    def _subject_object(self, verb: Token, cue: str, strength: str, s: int, *, subject_responds: bool
                        ) -> list[Link]:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if subj is None or obj is None:
            return []
        first = self.resolve_phrase(subj, set())
        second = self.resolve_phrase(obj, {first} if first is not None else set())
        response, cause = (first, second) if subject_responds else (second, first)
        link = self._link(response, cause, cue, strength, s)
        return [link] if link else []

    def _respond(self, verb: Token, prep: str, s: int) -> list[Link]:
        response = self.response_at(verb)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    link = self._link(response, self.resolve_phrase(objects[0], {response} if response is not None
                                                                    else set()), f"{verb.lemma_} {prep}",
                                      "strong", s)
                    return [link] if link else []
        return []

    def _reactions(self, s: int) -> list[Link]:
        """'condemned the deal': a reaction whose object is itself an event of the article."""
        out = []
        assert self.doc is not None
        for i, cand in enumerate(self.cands):
            if cand.sentence_index != s or cand.nominal:
                continue
            head = self.doc[cand.trigger[0]]
            if head.lemma_.lower() not in REACTION_VERBS:
                continue
            for child in head.children:
                if child.dep_ not in ("dobj", "obj"):
                    continue
                cause = self.resolve_noun(child, {i}, generic=False)
                if cause is not None and self.cands[cause].type.plover != cand.type.plover:
                    link = self._link(i, cause, f"{head.lemma_} <event>", "strong", s)
                    if link:
                        out.append(link)
        return out
