"""Mention units: table phrases found in the tokens (longest first, dated entries checked against the day) and
the noun phrases around them, split where a phrase holds several actors (lists, coordination, modifiers of a
non-actor head such as "the US arms sale").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from dyadwatch.actors.tables import PLACE_KINDS, Entry
from dyadwatch.actors.vocabulary import (
    ANAPHOR_NOUNS,
    DYAD_NOUNS,
    NAME_ENTS,
    ORDINAL_ANAPHORS,
    PRONOUNS,
    Hit,
    Unit,
    hits_in,
    is_body_anaphor,
    is_definite,
    is_dual,
    person_words,
    span_head,
    strip_end,
)
from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import entities, left_edges, noun_chunk_bounds, token_strings, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


TITLE_WORDS = frozenset({"king", "queen", "president", "prime", "premier", "sheikh", "emir", "prince", "ayatollah",
                         "general", "chancellor", "sultan", "crown"})


# "the government of X", "soldiers from X", "police in X": the place says whose role it is.
ROLE_PREPS = frozenset({"of", "from", "in", "throughout", "across"})
# Where "the former" / "the latter" stands for a party rather than modifying a noun.
ORDINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "conj", "appos"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod", "appos"})
KIND_RANK = {"person": 0, "org": 1, "group": 2, "seat": 3, "petrarch-actor": 4, "capital": 5, "country": 6,
             "city": 7, "region": 7, "demonym": 8, "petrarch-agent": 9, "role": 10}  # fmt: skip


# Set on the parse by the resolver when the article came without usable casing (truecased lower case or ALL CAPS)
UNCASED_KEY = "dw_uncased"
# Set on the parse by the resolver: token indices of first-person pronouns inside a quotation (``actors/quotes.py``),
# mention units of their own like third-person pronouns.
QUOTED_FIRST_PERSON_KEY = "dw_quoted_first_person"


def _ordinal_anaphor(tok: Token) -> bool:
    """ "the former" / "the latter" standing for a party (a subject, object or possessor), not "the former
    president" (a modifier)."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the" and tok.dep_ in ORDINAL_DEPS


def _quoted_first_person(doc: Doc, i: int) -> bool:
    return i in doc.user_data.get(QUOTED_FIRST_PERSON_KEY, ())


def uncased_name(doc: Doc, head: Token, hit_at: dict[int, Hit]) -> bool:
    """A name of two or more proper nouns no table knows and the entity recogniser missed, in text that came
    without casing ("akhilesh yadav accused ..."): the truecaser capitalised it because no word of it is English,
    so it is a name; in cased text the recogniser's silence is trusted instead."""
    if not doc.user_data.get(UNCASED_KEY) or head.pos_ != "PROPN" or head.ent_type_ or head.i in hit_at:
        return False
    near = [doc[k] for k in (head.i - 1, head.i + 1) if 0 <= k < len(doc)]
    if any(doc[k].like_num for k in range(max(head.i - 2, 0), head.i)):
        return False  # "rs 2 lakh crore": an amount, not a name
    return any(t.pos_ == "PROPN" and not t.ent_type_ and t.i not in hit_at and t.is_title for t in near) \
        and head.is_title


def _list_item(head: Token, appos: Token, hit_at: dict[int, Hit]) -> bool:
    """ "The US, Russia, and Switzerland met": the parser often makes the second item of a list an apposition of
    the first. Two actor names side by side, with a conjunct (or "and") on either, are two parties; a name
    apposed to a common noun ("his Chinese counterpart, Dong Jun") is a real apposition and stays one mention."""
    listed = any(c.dep_ in ("conj", "cc") for t in (head, appos) for c in t.children)
    return listed and _actor_name(head, hit_at) and _actor_name(appos, hit_at)


def _actor_name(tok: Token, hit_at: dict[int, Hit]) -> bool:
    """A country, organisation, group or person name: a table phrase of those kinds, or a named entity."""
    if tok.i in hit_at:
        return hit_at[tok.i].kind in PLACE_KINDS or hit_at[tok.i].kind in ("person", "petrarch-actor")
    return tok.pos_ == "PROPN" and tok.ent_type_ in NAME_ENTS


def _titled_name(doc: Doc, start: int, head: Token, hit_at: dict[int, Hit]) -> bool:
    """ "King Hassan of Morocco", "President Mubarak of Egypt": a name after a title, whose "of" names the state."""
    if head.pos_ != "PROPN":
        return False
    if head.i in hit_at:
        return hit_at[head.i].kind == "person"  # a known person's name: "King Abdullah of Jordan"
    return any(k in hit_at and hit_at[k].kind in ("role", "petrarch-agent") for k in range(start, head.i))


class MentionFinder:
    """Finds the mention units of a parsed article (mixed into ``ActorResolver``, which owns ``gaz``)."""

    # ----------------------------------------------------------------------------------------- table hits
    def find_hits(self, doc: Doc, day: date) -> list[Hit]:
        strings = token_strings(doc)
        lowers, words, lemmas = strings.lower, strings.text, strings.lemma
        hits: list[Hit] = []
        i, n_tok, width = 0, len(doc), self.gaz.max_len
        may_start = self.gaz.may_start
        while i < n_tok:
            if not may_start(lowers[i], lemmas[i]):
                i += 1
                continue
            taken = 0
            for n, entries in self.gaz.lookup(lowers[i : i + width], words[i : i + width], lemmas[i : i + width]):
                kept = [e for e in entries if self._acceptable(e, doc, i, i + n, day)]
                if any(e.kind == "person" for e in entries):  # "Bush" the president, not Bush the Egyptian city
                    kept = [e for e in kept if e.kind not in ("city", "region")]
                if kept:
                    kept.sort(key=lambda e: KIND_RANK.get(e.kind, 11))
                    hits.append(Hit(i, i + n, kept))
                    taken = n
                    break
            i += taken or 1
        return hits

    def place_hits(self, doc: Doc, start: int, end: int, kinds: frozenset[str]) -> list[Hit]:
        """Table places of ``kinds`` in tokens ``start:end`` whatever their part of speech.

        Why: a dateline's place ("lucknow: police said ...", truecased to "Lucknow:") is often tagged a common
        noun, and a city needs a proper noun in running text; its place in the article already says it is a
        place, so neither the tagger's guess nor the case of the letters is asked.
        """
        lowers = token_strings(doc).lower
        found: list[Hit] = []
        i = start
        while i < end:
            taken = 0
            for n in range(min(self.gaz.max_len, end - i), 0, -1):
                # any case: "CEBU -", "cebu -" and "Cebu -" are the same dateline
                kept = [p.entry for p in self.gaz.exact.get(tuple(lowers[i : i + n]), ()) if p.entry.kind in kinds]
                if kept:
                    kept.sort(key=lambda e: KIND_RANK.get(e.kind, 11))
                    found.append(Hit(i, i + n, list(dict.fromkeys(kept))))
                    taken = n
                    break
            i += taken or 1
        return found

    def _acceptable(self, entry: Entry, doc: Doc, start: int, end: int, day: date) -> bool:
        every = tokens(doc)  # ``doc[k]`` without building a ``Token`` per look
        titled = every[start].lower_ in TITLE_WORDS
        if not entry.valid_on(day) and (
            entry.kind != "person" or end - start < 2 or (titled and self._title_reused(doc, start, end, day))
        ):
            # A person's full name is theirs whatever the date: an office holder out of office is still found
            # (and known by country); whether they hold the office on this date is decided at resolution. That
            # holds for a name that begins like a title ("Sheikh Hasina"), before "Sheikh" is split off as one.
            # Bare surnames are only taken while the office is held, and so is a titled name a later holder is
            # now known by ("King Abdullah" after 2015 is Abdullah II of Jordan, not the late Saudi king).
            return False
        last = every[end - 1]
        if entry.kind == "country" and end - start == 1 and every[start].lower_ == "states":
            # "the States" is the USA only as written in cased text; "in three states", and any "the states" of
            # lower-cased news, are a federation's own states.
            return start > 0 and every[start - 1].lower_ == "the" and not doc.user_data.get(UNCASED_KEY)
        if entry.kind in ("role", "petrarch-agent"):
            return last.pos_ in ("NOUN", "PROPN") or (last.pos_ == "ADJ" and last.dep_ in ("nsubj", "pobj", "dobj"))
        if (
            entry.kind in ("capital", "city")
            and end < len(every)
            and every[end].lower_ in ("state", "county", "university")
        ):
            return False
        if entry.kind in ("city", "region"):
            # "Nice weather", "Lloyd Austin ... Austin said": a city name only when it is a proper name and not
            # part of (or the surname of) a person the article names in full.
            first = every[start]
            if first.pos_ != "PROPN" or first.lower_ in person_words(doc, multi=True):
                return False
            if (start > 0 and every[start - 1].pos_ == "PROPN") or (end < len(every) and every[end].pos_ == "PROPN"):
                return False  # inside a longer name ("Moro Islamic Liberation Front", "President Bush")
        return not (entry.kind == "person" and end < len(every) and every[end].pos_ == "PROPN")

    def _title_reused(self, doc: Doc, start: int, end: int, day: date) -> bool:
        """Whether a person in office on ``day`` is known by a longer form of this titled name ("King Abdullah II")."""
        key = tuple(t.lower_ for t in doc[start:end])
        return any(e.kind == "person" and e.valid_on(day) for e in self.gaz.extensions(key))

    # ------------------------------------------------------------------------------------------ units
    def find_units(self, doc: Doc, hits: list[Hit]) -> list[Unit]:
        hit_at: dict[int, Hit] = {i: h for h in hits for i in range(h.start, h.end)}
        spans: list[Unit] = []
        for start, end, root in noun_chunk_bounds(doc):  # ``doc.noun_chunks``, read from arrays
            while start > 0 and start - 1 in hit_at and hit_at[start - 1].end > start:
                start = hit_at[start - 1].start
            while end < len(doc) and end in hit_at and hit_at[end].start < end:
                end = hit_at[end].end
            spans.append(Unit(start, end, root))
        covered = {i for u in spans for i in range(u.start, u.end)}
        for h in hits:
            if not any(i in covered for i in range(h.start, h.end)) and not _base_role(h):
                spans.append(Unit(h.start, h.end, span_head(doc, h.start, h.end)))
        covered = {i for u in spans for i in range(u.start, u.end)}
        for ent in entities(doc):
            # A name the parser left out of every noun chunk ("Secretary of State Warren Christopher telephoned"):
            # it joins the title just before it, or stands alone.
            if ent.label_ != "PERSON" or any(i in covered for i in range(ent.start, ent.end)):
                continue
            titled = next((u for u in spans if u.end == ent.start and ent.start - 1 in hit_at
                           and hit_at[ent.start - 1].kind in ("role", "petrarch-agent")), None)
            if titled is not None:
                titled.end, titled.head = ent.end, ent.root.i
            else:
                spans.append(Unit(ent.start, ent.end, ent.root.i))
        strings = token_strings(doc)
        quoted = doc.user_data.get(QUOTED_FIRST_PERSON_KEY, ())
        for i, (lower, pos) in enumerate(zip(strings.lower, strings.pos, strict=True)):
            if pos == "PRON" and (lower in PRONOUNS or i in quoted) and i not in covered:
                spans.append(Unit(i, i + 1, i))
            elif lower in ORDINAL_ANAPHORS and i not in covered and _ordinal_anaphor(doc[i]):
                spans.append(Unit(i - 1, i + 1, i))  # "The former accused ...": no noun chunk of the parser's
        spans.sort(key=lambda u: (u.start, -u.end))
        merged: list[Unit] = []
        for u in spans:
            if merged and u.start < merged[-1].end:
                if u.end > merged[-1].end:
                    merged[-1].end = u.end
                continue
            merged.append(u)
        units: list[Unit] = []
        for u in merged:
            for r in self._refine(doc, u, hit_at):
                if units and r.start < units[-1].end:  # already inside a stretched unit (an apposed name)
                    continue
                units.append(r)
        return units

    def _actorish(self, doc: Doc, head: Token, hit_at: dict[int, Hit], unit: Unit | None = None) -> bool:
        if head.i in hit_at:
            if _base_role(hit_at[head.i]) and unit is not None:
                # A noun only the big base dictionary lists ("village", "airline") names an actor when the
                # phrase says whose it is ("Azerbaijani villagers"), not on its own ("the shelling of the village").
                return any(
                    k in hit_at and hit_at[k].kind in (*PLACE_KINDS, "person") for k in range(unit.start, unit.end)
                )
            return True
        if (head.lower_ in PRONOUNS or _quoted_first_person(doc, head.i)) and head.pos_ == "PRON":
            return True
        if head.lower_ in ORDINAL_ANAPHORS and _ordinal_anaphor(head):
            return True
        if head.pos_ == "PROPN" and (head.ent_type_ in NAME_ENTS or head.lower_ in person_words(doc)):
            return True
        if uncased_name(doc, head, hit_at):
            return True
        lemma = head.lemma_.lower()
        return (lemma in ANAPHOR_NOUNS and is_definite(head)) or (lemma in DYAD_NOUNS and is_dual(head)) \
            or (unit is not None and is_body_anaphor(doc, unit, head))

    def _refine(self, doc: Doc, unit: Unit, hit_at: dict[int, Hit]) -> list[Unit]:
        # the document's tokens, dependents and left edges, read once per document (``doccache``)
        every, left_edge = tokens(doc), left_edges(doc)
        head = every[unit.head] if unit.start <= unit.head < unit.end else every[span_head(doc, unit.start, unit.end)]
        if self._actorish(doc, head, hit_at, unit):
            end = unit.end
            rights = [c for c in dependents(head) if c.i > head.i]  # ``head.rights``
            for child in rights:  # "his Chinese counterpart, Dong Jun"; "the government of Gondor"
                if child.i < end or child.dep_ == "punct":
                    continue
                if child.dep_ == "appos" and child.pos_ == "PROPN" and left_edge[child.i] - end <= 1:
                    if _list_item(head, child, hit_at):
                        break  # "The US, Russia, and Switzerland": list items, each a mention of its own
                    # "his counterpart, Dong Jun, and ...": the apposed name, not the list that follows it
                    cut = [left_edge[c.i] for c in dependents(child) if c.i > child.i and c.dep_ in ("cc", "conj")]
                    end = strip_end(doc, child.i, min(cut, default=child.right_edge.i + 1))
                elif (child.dep_ == "prep" and child.lower_ in ROLE_PREPS and child.i == end
                      and ((head.i in hit_at and (hit_at[head.i].kind in ("role", "petrarch-agent")
                           or (hit_at[head.i].kind == "demonym" and head.tag_ in ("NNS", "NNPS"))))
                           or (child.lower_ == "of" and _titled_name(doc, unit.start, head, hit_at)))):  # fmt: skip
                    # "the government of Gondor"; "Kurds in Turkey", "Albanians of southern Serbia": a people
                    # named with the state they live in are that state's civilians (CAMEO codes by location)
                    objs = [c for c in dependents(child) if c.dep_ == "pobj"]
                    if objs and objs[0].i in hit_at and hit_at[objs[0].i].kind in PLACE_KINDS:
                        end = hit_at[objs[0].i].end
                break
            split = self._split_coordinated(doc, unit.start, end, head, hit_at)
            roles_in = [h for h in hits_in(hit_at, unit.start, end) if h.kind in ("role", "petrarch-agent")]
            if not split and not roles_in and head.i in hit_at and hit_at[head.i].kind in PLACE_KINDS:
                # "US-China", "Israeli-Palestinian": several places, no role noun -> one mention per place.
                others = [
                    h for h in hits_in(hit_at, unit.start, end)
                    if h.kind in PLACE_KINDS and h.start != hit_at[head.i].start
                ]
                joined = any(t.text in ("-", "/", "–") or t.dep_ == "cc" for t in every[unit.start : end])
                if others and joined:
                    split = [Unit(h.start, h.end, span_head(doc, h.start, h.end)) for h in others]
                    split.append(Unit(hit_at[head.i].start, end, head.i))
                    split.sort(key=lambda u: u.start)
            return split or [Unit(unit.start, end, head.i)]
        out: list[Unit] = []
        lefts = [c for c in dependents(head) if c.i < head.i]  # ``head.lefts``
        for child in list(lefts):
            # "Kenyan and Ugandan traders": each coordinated modifier names an actor of its own
            if child.dep_ in MODIFIER_DEPS:
                lefts.extend(c for c in dependents(child) if c.dep_ == "conj" and c.i < head.i)
        for child in sorted(lefts, key=lambda t: t.i):
            if child.dep_ not in MODIFIER_DEPS and child.dep_ not in ("det", "conj"):
                continue
            start, end = max(left_edge[child.i], unit.start), strip_end(doc, left_edge[child.i], child.i + 1)
            if end <= start:
                continue
            if any(i in hit_at and hit_at[i].kind in PLACE_KINDS | {"person"} for i in range(start, end)) or any(
                t.lower_ in PRONOUNS or _quoted_first_person(doc, t.i)
                or (t.pos_ == "PROPN" and t.ent_type_ in NAME_ENTS) for t in every[start:end]
            ):
                out.extend(self._refine(doc, Unit(start, end, child.i), hit_at))
        return out

    @staticmethod
    def _split_coordinated(doc: Doc, start: int, end: int, head: Token, hit_at: dict[int, Hit]) -> list[Unit]:
        """ "Hungarian and Romanian officials" -> "Hungarian" + "Romanian officials": one actor per country."""
        for child in head.lefts:
            conj = [c for c in child.children if c.dep_ == "conj"]
            if child.dep_ in ("amod", "compound", "nmod") and conj and child.i in hit_at and conj[0].i in hit_at:
                if hit_at[child.i].kind in PLACE_KINDS and hit_at[conj[0].i].kind in PLACE_KINDS:
                    first_end = hit_at[child.i].end
                    return [Unit(start, first_end, child.i, head.i), Unit(hit_at[conj[0].i].start, end, head.i)]
        return []


def _base_role(hit: Hit) -> bool:
    """A role hit that only the Phoenix agent table gives (no hand-written role says the same)."""
    return all(e.kind == "role" and e.source == "actors/phoenix_agents.tsv" for e in hit.entries)
