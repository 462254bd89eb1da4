"""What the article has said so far: pronouns, "the island", "the two nations" and bare surnames resolved to
actors named earlier in the same article (never across articles, never a guess when nothing fits).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dyadwatch.actors.context import ArticleContext
from dyadwatch.actors.tables import PLACE_KINDS, Gazetteer
from dyadwatch.actors.vocabulary import (
    ANAPHOR_NOUNS,
    DYAD_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_HEADS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
    Hit,
    Unit,
    is_definite,
    is_dual,
    is_locative,
    norm_name,
)
from dyadwatch.document.analysis import Mention
from dyadwatch.document.tree import climb
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.document.analysis import Analysis


@dataclass(slots=True)
class Seen:
    """What the article has said so far about one mention, for coreference and pronouns."""

    mention: Mention
    sentence: int
    person: bool
    plural: bool
    place: bool


@dataclass(slots=True)
class Context:
    day: date
    seen: list[Seen] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # distinct countries in order of last mention
    weight: dict[str, int] = field(default_factory=dict)  # actor mentions per country so far
    first_seen: list[str] = field(default_factory=list)
    subjects: list[tuple[int, Mention | None]] = field(default_factory=list)  # (token, mention) of nsubj heads
    article: ArticleContext | None = None  # the countries the whole article names (``dyadwatch.actors.context``)
    paragraph_of: list[int] = field(default_factory=list)  # paragraph index of each sentence


def _governing_subject(pron: Token, ctx: Context, plural: bool = False) -> Mention | None:
    """ "The union said it would strike", "The agency repeated its demand": an "it"/"its" in a clause (or object)
    of a verb whose subject is an organisation, state or group refers to that subject, the usual reading in news.

    Persons are never the antecedent of "it"; the subject must already be resolved to a country or sector.
    ``plural`` ("they", "their"): "The ministry said they would ...", "Police said they had ...": the subject of
    the governing verb, a body of people or a plural, is the antecedent (news uses "they" for both); a person is not.
    """
    # "its demand" -> the verb the noun phrase belongs to
    verb = climb(pron.head, lambda t: t.pos_ in ("VERB", "AUX"))
    by_token = {i: m for i, m in ctx.subjects}
    for step in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != pron.i and child.i < pron.i:
                mention = by_token.get(child.i)
                if mention is None:
                    return None
                actor = mention.actor
                if (actor.entity or "").startswith("person:") or (child.tag_ in ("NNS", "NNPS") and not plural):
                    return None
                if plural and any(c.dep_ == "conj" for c in child.children):
                    return None  # "A, B and C welcomed their ...": all of them, not the first one's mention
                if actor.country or actor.sectors:
                    return mention
                return None
        if step == 0 and pron.dep_ == "poss":
            return None  # "its" with no subject of its own verb: not this rule's case
        if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def country_name(gaz: Gazetteer, country: str) -> str:
    return gaz.country_names.get(country, country)


class ArticleMemory:
    """Remembers the article's mentions and resolves references back to them (mixed into ``ActorResolver``)."""

    # ----------------------------------------------------------------------------- article context
    def _remember(self, doc: Doc, analysis: Analysis, mention: Mention, hit_at: dict[int, Hit], ctx: Context) -> None:
        actor = mention.actor
        head = doc[mention.head]
        if head.dep_ in ("nsubj", "nsubjpass"):
            ctx.subjects.append((head.i, mention))
        if actor.rule == "dyad-reference":
            return
        is_place = (
            actor.country is not None
            and not (actor.entity or "").startswith("person:")
            and ((head.i in hit_at and hit_at[head.i].kind in PLACE_KINDS) or head.lemma_.lower() in ANAPHOR_NOUNS)
        )
        person = (actor.entity or "").startswith("person:") or (
            head.lemma_.lower() in PERSON_ROLE_HEADS and head.tag_ in ("NN", "NNP")
        )
        plural = head.tag_ in ("NNS", "NNPS") or (head.i in hit_at and hit_at[head.i].kind == "group")
        ctx.seen.append(Seen(mention, analysis.sentence_of(mention.start), person, plural, is_place))
        if actor.country and len(actor.country) == 3 and actor.rule not in ("pronoun", "anaphor"):
            if is_locative(head):
                return  # "in Laos" places an event; it does not make Laos a party to the dyad
            if actor.country in ctx.countries:
                ctx.countries.remove(actor.country)
            ctx.countries.append(actor.country)
            ctx.weight[actor.country] = ctx.weight.get(actor.country, 0) + 1
            if actor.country not in ctx.first_seen:
                ctx.first_seen.append(actor.country)

    def _antecedent(self, ctx: Context, sentence: int, *, person: bool = False, plural: bool = False,
                    place: bool = False, before: int | None = None) -> Seen | None:  # fmt: skip
        """The most recent compatible actor, preferring the subject of the pronoun's own sentence."""
        subjects = {id(m) for i, m in ctx.subjects if before is None or i < before}
        ordered = [s for s in reversed(ctx.seen) if s.sentence == sentence and id(s.mention) in subjects]
        for seen in [*ordered, *reversed(ctx.seen)]:
            if sentence - seen.sentence > 2:
                return None
            if before is not None and seen.mention.end > before:
                continue
            if seen.mention.actor.country is None and not seen.mention.actor.sectors:
                continue
            if (person and seen.person) or (plural and seen.plural) or (place and seen.place and not seen.plural):
                return seen
        return None

    def _pronoun(self, analysis: Analysis, unit: Unit, ctx: Context) -> Actor:
        doc = analysis.doc
        assert doc is not None
        tok = doc[unit.head]
        span = analysis.span(unit.start, unit.end)
        word = tok.lower_
        sent = analysis.sentence_of(tok.i)
        ref: Seen | None = None
        if word in PERSON_PRONOUNS:
            ref = self._antecedent(ctx, sent, person=True, before=tok.i)
        elif word in PLURAL_PRONOUNS:
            ref = self._antecedent(ctx, sent, plural=True, before=tok.i)
        elif word in THING_PRONOUNS:
            ref = self._antecedent(ctx, sent, place=True, before=tok.i)
            if ref is not None and word == "it":
                # A subject "it" names an actor only when the last subject was that actor ("it comes after the
                # rejection" is about the rejection, not about Beijing).
                subj = next((t for t in reversed(doc[: tok.i]) if t.dep_ in ("nsubj", "nsubjpass")), None)
                last = [m for i, m in ctx.subjects if subj is not None and i == subj.i]
                if not last or last[-1] is None or last[-1].actor.entity != ref.mention.actor.entity:
                    ref = None
        if ref is None and word in THING_PRONOUNS | PLURAL_PRONOUNS:
            governing = _governing_subject(tok, ctx, plural=word in PLURAL_PRONOUNS)
            if governing is not None:
                a = governing.actor
                return Actor(span, a.name, a.country, a.sectors, a.code, "pronoun", a.entity)
        if ref is None:
            return Actor(span, None, None, (), None, "unresolved", f"m{unit.start}")
        a = ref.mention.actor
        return Actor(span, a.name, a.country, a.sectors, a.code, "pronoun", a.entity)

    def _anaphor(self, span, head: Token, lemma: str, ctx: Context) -> Actor:  # type: ignore[no-untyped-def]
        if is_dual(head) and lemma in DYAD_NOUNS:
            return self._dyad(span, (), ctx)
        if not is_definite(head):
            return Actor(span, None, None, (), None, "unresolved", f"m{head.i}")
        wanted = self.gaz.islands if lemma in ("island", "archipelago") else None
        for country in reversed(ctx.countries):
            if wanted is None or country in wanted:
                name = country_name(self.gaz, country)
                return Actor(span, name, country, (), country, "anaphor", country)
        return Actor(span, None, None, (), None, "unresolved", f"m{head.i}")

    @staticmethod
    def _dyad(span, sectors: tuple[str, ...], ctx: Context) -> Actor:  # type: ignore[no-untyped-def]
        # The dyad in focus: the two countries the article has named most as actors (ties: most recent).
        recency = {c: i for i, c in enumerate(ctx.countries)}
        pair = sorted(ctx.countries, key=lambda c: (ctx.weight.get(c, 0), recency[c]), reverse=True)[:2]
        if len(pair) < 2:
            return Actor(span, None, None, sectors, None, "unresolved", None)
        first = [c for c in ctx.first_seen if c in pair]
        return Actor(span, "+".join(first), None, sectors, None, "dyad-reference", "dyad:" + "+".join(first))

    def _same_person(self, name: str, ctx: Context) -> Seen | None:
        parts = norm_name(name).split()
        for seen in reversed(ctx.seen):
            ent = seen.mention.actor.entity or ""
            if not ent.startswith("person:"):
                continue
            other = ent[len("person:") :].split()
            if parts == other or (len(parts) == 1 and parts[0] in (other[-1], other[0])):
                return seen
        return None
