"""What the article has said so far: pronouns, "the island", "the two nations" and bare surnames resolved to
actors named earlier in the same article (never across articles, never a guess when nothing fits).

Pronouns are read in two steps. Inside their sentence (rule ``pronoun``): the subject of the pronoun's own
sentence, or the subject of the verb that governs the clause ("The junta said it would ..."). Across sentences
(rule ``coref-previous-sentence``), the way news continues a topic: a pronoun with no antecedent in its sentence
refers to an actor of the sentence before (or the one before that) in the same paragraph, the main clause's subject
first (centering: the subject of one sentence is the topic the next one's pronoun picks up), then any other
subject, then any other mention. The antecedent must agree: "he"/"she" a person; "it" one organisation, state,
body or group; "they" a plural or a body of people. Two candidates of the same rank that are different actors
leave the pronoun unresolved, and so does a main-clause subject that agrees but names no actor ("The rejection
... It comes after ..." is about the rejection). The actor carries the antecedent mention as evidence, and its
events a lower confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dyadwatch.actors.context import ArticleContext, Found, paragraph_at
from dyadwatch.actors.persons import one_person_noun
from dyadwatch.actors.quotes import quoted
from dyadwatch.actors.tables import PLACE_KINDS, Gazetteer
from dyadwatch.actors.vocabulary import (
    ANAPHOR_NOUNS,
    DYAD_NOUNS,
    ORDINAL_ANAPHORS,
    PERSON_PRONOUNS,
    PERSON_ROLE_HEADS,
    PLURAL_PRONOUNS,
    PRONOUNS,
    THING_PRONOUNS,
    Hit,
    Unit,
    is_definite,
    is_dual,
    is_locative,
    norm_name,
    pleonastic_it,
)
from dyadwatch.document.analysis import Mention
from dyadwatch.document.tree import climb
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.document.analysis import Analysis


# The sectors of armed groups outside the state (CAMEO REB, INS), the ones "the militants" may point back to.
ARMED_SECTORS = frozenset({"REB", "INS"})
GROUP_ANAPHOR_RULE = "group-anaphor"
# Words before "the militants" that say what the fighters are, not whose ("the Islamist militants", "the armed
# rebels", "the jihadist insurgents"): an ideology or a manner of fighting names no other group or state, so the
# group just named is still the one meant. A state, ethnic or named word ("the Kurdish militants") still stops it.
DESCRIPTIVE_MODIFIERS = frozenset({"islamist", "jihadist", "jihadi", "extremist", "radical", "armed", "militant",
                                   "hardline", "suspected", "alleged", "heavily", "insurgent", "terrorist"})
# Plural nouns of a group's fighters: "al-Shabab terrorists", "Boko Haram militants" name the group itself (its
# people under arms), unlike an office under its name ("the Taliban foreign ministry spokesperson").
FIGHTER_NOUNS = frozenset({"militant", "fighter", "rebel", "insurgent", "terrorist", "jihadist", "gunman",
                           "gunmen", "member", "extremist"})


@dataclass(slots=True)
class Seen:
    """What the article has said so far about one mention, for coreference and pronouns."""

    mention: Mention
    sentence: int
    person: bool
    plural: bool
    place: bool


# Rules whose country came from elsewhere than the mention's own words: never the model for another mention.
DERIVED_RULES = frozenset({"pronoun", "coref-previous-sentence", "coref-same-role", "context-country", "anaphor",
                           "dyad-reference", "coreference", "counterpart", "implicit-agent", "quote-speaker",
                           "member-of", "apposition", "body-anaphor", "person-origin", "speaker-state",
                           "group-anaphor", "previous-place", "former-latter"})
# Rules of a mention that refers back to an actor already named: not a new mention of its country.
REFERENCE_RULES = frozenset({"pronoun", "anaphor", "coref-previous-sentence", "former-latter"})
# A pronoun or "the former"/"the latter" with two candidates of the same weight: left without a country, and named.
AMBIGUOUS_RULE = "pronoun-ambiguous"
# Object and prepositional positions, where an "it"/"them" may not be its own clause's subject (binding).
OBJECT_DEPS = frozenset({"dobj", "dative", "pobj", "obj", "iobj"})
OBJECT_PRONOUNS = frozenset({"it", "them"})
# Prepositions of time and place: their objects are circumstances, not things a later "it" may be about.
CIRCUMSTANCE_PREPS = frozenset({"in", "on", "at", "during", "since", "until", "after", "before", "over", "near",
                                "across", "throughout", "within", "from", "to", "into", "through"})
MASCULINE = frozenset({"he", "him", "his", "himself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})
# How many sentences back (in the same paragraph) a pronoun's antecedent may sit.
PREVIOUS_SENTENCES = 2
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Words before an office noun that say when or how high, not which office ("the former president", "top officials").
NOT_OFFICE = frozenset({"former", "new", "top", "senior", "current", "outgoing", "incoming", "acting", "late",
                        "then", "local", "national", "same"})


def centering_rank(tok: Token) -> int:
    """How likely a mention headed by ``tok`` is the topic a pronoun in the next sentence picks up: the subject of
    the main clause (or its possessor, "Kenya's announcement"), then any subject, then any other mention."""
    if tok.dep_ in SUBJECT_DEPS:
        return 3 if tok.head.dep_ == "ROOT" else 2
    if tok.dep_ == "poss" and tok.head.dep_ in SUBJECT_DEPS:
        return 3 if tok.head.head.dep_ == "ROOT" else 2
    return 1


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
        # the subject nearest before the pronoun: a dateline the parser also hung on the verb ("peshawar: the
        # department said it ...") is no second subject
        for child in sorted(verb.children, key=lambda c: -c.i):
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != pron.i and child.i < pron.i:
                mention = by_token.get(child.i)
                if mention is None and child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                    # "X, which says it was made to ...": the relative pronoun's noun is the subject
                    mention = next((s.mention for s in ctx.seen if s.mention.head == verb.head.i), None)
                    child = verb.head
                if mention is None:
                    return None
                actor = mention.actor
                if (actor.entity or "").startswith("person:") or (child.tag_ in ("NNS", "NNPS") and not plural):
                    return None
                if not plural and child.lemma_.lower() in PERSON_ROLE_HEADS:
                    return None  # "The president said it would ...": "it" is not the president
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


def _agrees(word: str, seen: Seen) -> bool:
    """Number and animacy: "he"/"she" a person; "it" one non-person; "they" a plural or a group."""
    if word in PERSON_PRONOUNS:
        # "she" never continues a "he" (nor "he" a "she"): a gendered pronoun as antecedent must agree
        said = seen.mention.actor.span.text.lower()
        if (word in FEMININE and said in MASCULINE) or (word in MASCULINE and said in FEMININE):
            return False
        return seen.person and not seen.plural
    if word in THING_PRONOUNS:
        return not seen.person and not seen.plural
    return seen.plural


def _no_antecedent_here(doc: Doc, tok: Token, ctx: Context, sentence: int) -> bool:
    """Whether the pronoun may look before its sentence: not when its own sentence names, before it, something it
    may refer to (an agreeing mention or subject: "Chad's decree gave no reason why it
    ..."), and not for an "it" of "be" or of weather, time or an extraposed clause ("it is important to ...", "it's
    not about ...", "it rained"), which names no actor."""
    word = tok.lower_
    if pleonastic_it(tok):
        return False
    outside = not quoted(doc, tok.idx)
    for seen in ctx.seen:
        if seen.sentence == sentence and seen.mention.end <= tok.i and _agrees(word, seen) \
                and not (outside and quoted(doc, doc[seen.mention.start].idx)):
            return False
    start = tok.sent.start
    for other in doc[start:tok.i]:
        if other.dep_ in SUBJECT_DEPS and other.pos_ in ("NOUN", "PROPN") and word in THING_PRONOUNS | PLURAL_PRONOUNS \
                and (other.tag_ in ("NNS", "NNPS")) == (word in PLURAL_PRONOUNS):
            return False
    return True


def _main_subject(doc: Doc, analysis: Analysis, sentence: int) -> Token | None:
    """The subject of the main clause of ``sentence`` (else its first subject)."""
    if sentence >= len(analysis.sent_starts):
        return None
    start = analysis.sent_starts[sentence]
    sent = doc[start].sent
    found = next((c for c in sent.root.children if c.dep_ in SUBJECT_DEPS), None)
    # a parse with no subject on its root ("The decision angered traders" read as a noun phrase): the first subject
    return found if found is not None else next((t for t in sent if t.dep_ in SUBJECT_DEPS), None)


def _thing_topic(word: str, topic: Token, ctx: Context, sentence: int) -> bool:
    """Whether the main subject of the sentence before is a noun the pronoun agrees with that names no actor."""
    if word not in THING_PRONOUNS | PLURAL_PRONOUNS or topic.pos_ not in ("NOUN", "PROPN"):
        return False
    plural = topic.tag_ in ("NNS", "NNPS")
    if (word in THING_PRONOUNS) == plural:
        return False
    # "Tens of thousands of Sudanese": the people inside the subject phrase are its actor
    left, right = topic.left_edge.i, topic.right_edge.i + 1
    covered = [s for s in ctx.seen if s.sentence == sentence and left <= s.mention.head < right]
    return not covered


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
            head.tag_ in ("NN", "NNP")
            and (head.lemma_.lower() in PERSON_ROLE_HEADS or one_person_noun(head.lemma_, head.lower_))
        )
        plural = head.tag_ in ("NNS", "NNPS") or (head.i in hit_at and hit_at[head.i].kind == "group")
        ctx.seen.append(Seen(mention, analysis.sentence_of(mention.start), person, plural, is_place))
        if actor.country and len(actor.country) == 3 and actor.rule not in REFERENCE_RULES:
            if is_locative(head):
                return  # "in Laos" places an event; it does not make Laos a party to the dyad
            if actor.country in ctx.countries:
                ctx.countries.remove(actor.country)
            ctx.countries.append(actor.country)
            ctx.weight[actor.country] = ctx.weight.get(actor.country, 0) + 1
            if actor.country not in ctx.first_seen:
                ctx.first_seen.append(actor.country)

    def _antecedent(self, ctx: Context, sentence: int, *, person: bool = False, plural: bool = False,
                    place: bool = False, before: int | None = None, within: bool = False,
                    doc: Doc | None = None) -> Seen | None:  # fmt: skip
        """The most recent compatible actor, preferring the subject of the pronoun's own sentence (``within``:
        only in that sentence). With ``doc``, a pronoun at ``before`` outside quotation marks skips the people a
        quotation speaks of ("“... the army will act,” he said": "he" is not the army)."""
        outside = doc is not None and before is not None and not quoted(doc, doc[before].idx)
        subjects = {id(m) for i, m in ctx.subjects if before is None or i < before}
        ordered = [s for s in reversed(ctx.seen) if s.sentence == sentence and id(s.mention) in subjects]
        for seen in [*ordered, *reversed(ctx.seen)]:
            if sentence - seen.sentence > 2 or (within and seen.sentence != sentence):
                return None
            if before is not None and seen.mention.end > before:
                continue
            if outside and doc is not None and quoted(doc, doc[seen.mention.start].idx):
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
        if word in ORDINAL_ANAPHORS:
            return _former_latter(analysis, tok, span, ctx)
        if word in OBJECT_PRONOUNS and tok.dep_ in OBJECT_DEPS and not _partitive(tok):
            return _object_pronoun(analysis, tok, span, ctx)
        ref: Seen | None = None
        if word in PERSON_PRONOUNS:
            ref = self._antecedent(ctx, sent, person=True, before=tok.i, within=True, doc=doc)
        elif word in PLURAL_PRONOUNS:
            ref = self._antecedent(ctx, sent, plural=True, before=tok.i, within=True, doc=doc)
        elif word in THING_PRONOUNS:
            ref = self._antecedent(ctx, sent, place=True, before=tok.i, within=True, doc=doc)
            if ref is not None and word == "it":
                # A subject "it" names an actor only when the last subject was that actor ("it comes after the
                # rejection" is about the rejection, not about Beijing).
                # (not a subject inside a relative clause: in "The group, which Kenya lists as ..., said it ...",
                # "it" continues the group, never the relative clause's own subject)
                subj = next((t for t in reversed(doc[: tok.i]) if t.dep_ in ("nsubj", "nsubjpass")
                             and t.head.dep_ not in ("relcl", "acl")), None)
                last = [m for i, m in ctx.subjects if subj is not None and i == subj.i]
                # or the subject's possessor, the topic as centering ranks it ("Chad's decree gave no reason
                # why it bans the rallies": Chad)
                owners = [s.mention for s in ctx.seen if subj is not None and not last
                          and any(c.dep_ == "poss" and c.i == s.mention.head for c in subj.children)]
                last = last or owners
                if not last or last[-1] is None or last[-1].actor.entity != ref.mention.actor.entity:
                    ref = None
        if ref is None and word in THING_PRONOUNS | PLURAL_PRONOUNS:
            governing = _governing_subject(tok, ctx, plural=word in PLURAL_PRONOUNS)
            if governing is not None:
                a = governing.actor
                return Actor(span, a.name, a.country, a.sectors, a.code, "pronoun", a.entity)
        if ref is None and _no_antecedent_here(doc, tok, ctx, sent):
            earlier = self._previous_sentence(analysis, tok, ctx)
            if earlier is not None:
                a = earlier.mention.actor
                if a.country is None and not a.sectors:  # the pronoun is that actor, whose country is not known
                    return Actor(span, None, None, (), None, "unresolved", a.entity)
                return Actor(span, a.name, a.country, a.sectors, a.code, "coref-previous-sentence", a.entity,
                             evidence=a.span)
        if ref is None:
            return Actor(span, None, None, (), None, "unresolved", f"m{unit.start}")
        a = ref.mention.actor
        return Actor(span, a.name, a.country, a.sectors, a.code, "pronoun", a.entity)

    def _previous_sentence(self, analysis: Analysis, tok: Token, ctx: Context) -> Seen | None:
        """The antecedent of pronoun ``tok`` in the sentences before it, same paragraph (rule
        ``coref-previous-sentence``), or None when there is none, it is ambiguous, or the sentence before is about
        a thing the pronoun agrees with."""
        doc = analysis.doc
        assert doc is not None
        word = tok.lower_
        sent = analysis.sentence_of(tok.i)
        paragraph = paragraph_at(ctx.paragraph_of, sent)
        # "“...,” he said": a pronoun outside quotation marks refers to someone the narration named, not to the
        # people a quotation speaks of
        outside = not quoted(doc, tok.idx)
        for back in range(1, PREVIOUS_SENTENCES + 1):
            earlier = sent - back
            if earlier < 0 or paragraph_at(ctx.paragraph_of, earlier) != paragraph:
                return None
            found = [seen for seen in ctx.seen if seen.sentence == earlier and _agrees(word, seen)
                     and not is_locative(doc[seen.mention.head])
                     and (outside is False or not quoted(doc, doc[seen.mention.start].idx))]
            if not outside:  # and a pronoun inside one refers to someone a quotation named, if one did
                in_quotes = [seen for seen in found if quoted(doc, doc[seen.mention.start].idx)]
                found = in_quotes or found
            # "Milorad Petrovic, the leader of ...": an apposition is the same one, not a second candidate
            heads = {seen.mention.head for seen in found}
            found = [seen for seen in found if not (doc[seen.mention.head].dep_ == "appos"
                                                    and doc[seen.mention.head].head.i in heads)]
            topic = _main_subject(doc, analysis, earlier)
            if topic is not None and _thing_topic(word, topic, ctx, earlier):
                return None  # "The rejection ... . It comes after ...": the pronoun continues the thing
            if topic is not None and word in PLURAL_PRONOUNS and any(c.dep_ == "conj" for c in topic.children):
                # "A and B pleaded not guilty. They face ...": both of them, no one actor's mention; when the text
                # gave both the same state, "they" are that state's
                return _same_state_pair(analysis, topic, ctx, earlier)
            if not found:
                continue
            ranks = [centering_rank(doc[seen.mention.head]) for seen in found]
            top = max(ranks)
            best = [seen for seen, rank in zip(found, ranks, strict=True) if rank == top]
            if len({seen.mention.actor.entity or id(seen) for seen in best}) > 1:
                return None  # two actors of the same weight: no guess
            return best[-1]
        return None

    def _same_role(self, doc: Doc, head: Token, sectors: tuple[str, ...], ctx: Context, *,
                   titled: bool = False) -> Found | None:
        """ "Haitian police arrested ... . The police said ...", "U.S. President Donald Trump ... the president": an
        office or sector named with no state, by a noun an earlier mention of the same sector used and whose own
        words gave a state, is that mention's (rule ``coref-same-role``); earlier mentions of that noun with two
        different states leave it to context.

        Only a definite or bare noun ("the police", "police", "the ministry"), never "a police officer" or "the
        two leaders". ``titled``: ``head`` is the institution in a person's title ("ministry" in "Foreign ministry
        spokesman Kwame Asare" after "Ghana's Ministry of Foreign Affairs"): that institution's official.
        """
        if not sectors or (not titled and any(c.dep_ == "det" and not is_definite(head) for c in head.lefts)):
            return None
        if is_dual(head) or any(c.like_num for c in head.lefts):
            return None  # "the two leaders": a pair, of two states
        lemma = head.lemma_.lower()
        # The office's own words must be the earlier mention's too: "the chief minister" is not "the French
        # foreign minister" named before, "the health ministry" not "the foreign ministry".
        office = {c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound") and c.lower_ not in NOT_OFFICE}
        matches = [seen for seen in ctx.seen
                   if seen.mention.actor.country and len(seen.mention.actor.country) == 3
                   and seen.mention.actor.rule not in DERIVED_RULES
                   and seen.mention.actor.sectors[:1] == sectors[:1]
                   and any(t.lemma_.lower() == lemma for t in doc[seen.mention.start:seen.mention.end])
                   and office <= {t.lower_ for t in doc[seen.mention.start:seen.mention.end]}
                   and not is_locative(doc[seen.mention.head])]
        if len({seen.mention.actor.country for seen in matches}) != 1:
            return None
        last = matches[-1].mention.actor
        assert last.country is not None
        return Found(last.country, last.span, "article")

    def _named_armed_group(self, analysis: Analysis, span, head: Token,  # type: ignore[no-untyped-def]
                           sectors: tuple[str, ...], ctx: Context) -> Actor | None:
        """ "Sudan-based al-Shabab has fought Kenyan troops for years. ... the militants attacked a base": a
        definite plural of armed fighters ("the militants", "the insurgents", "the rebels", also with a word that
        only describes them: "the Islamist militants") with no state of its own words is the one armed group (a
        table group, sector REB or INS, by its name or its fighters: "al-Shabab terrorists") named in its sentence
        or the two before, in the same paragraph (rule ``group-anaphor``, evidence that mention). The group keeps
        its own code: where it fights is not whose it is, so the state the article is about must not be given to
        it. None or two groups named: None (the context decides as before)."""
        if not set(sectors) & ARMED_SECTORS or head.tag_ not in ("NNS", "NNPS") or not is_definite(head):
            return None
        if any(c.dep_ in ("amod", "compound", "nummod", "poss") and c.lower_ not in DESCRIPTIVE_MODIFIERS
               for c in head.lefts):
            return None  # "the Kurdish militants", "the two rebels", "its fighters": not simply the group named
        sentence = analysis.sentence_of(head.i)
        paragraph = paragraph_at(ctx.paragraph_of, sentence)
        found: dict[str, Actor] = {}
        for seen in ctx.seen:
            a = seen.mention.actor
            if seen.mention.end > head.i or sentence - seen.sentence > 2 or a.rule not in ("group", "acronym"):
                continue
            if paragraph_at(ctx.paragraph_of, seen.sentence) != paragraph or not set(a.sectors) & ARMED_SECTORS:
                continue
            named = analysis.doc[seen.mention.head]
            if seen.person or "GOV" in a.sectors or not (named.pos_ == "PROPN" or (
                    named.tag_ in ("NNS", "NNPS") and named.lemma_.lower() in FIGHTER_NOUNS)):
                continue  # the group itself, not "the Taliban foreign ministry spokesperson"; not a group in power
            found[a.entity or a.code or a.name or ""] = a
        if len(found) != 1:
            return None
        a = next(iter(found.values()))
        return Actor(span, a.name, a.country, a.sectors, a.code, GROUP_ANAPHOR_RULE,
                     a.entity, evidence=a.span)

    def _same_institution(self, doc: Doc, unit: Unit, hits: list[Hit], sectors: tuple[str, ...],
                          ctx: Context) -> Found | None:
        """A titled person with no state whose title names an institution ("Foreign ministry spokesperson X",
        "police chief X"): the state of that institution named before (``_same_role``)."""
        for hit in hits:
            for tok in doc[max(hit.start, unit.start):min(hit.end, unit.end)]:
                lemma = tok.lemma_.lower()
                if tok.pos_ in ("NOUN", "PROPN") and tok.is_alpha and lemma not in PERSON_ROLE_HEADS \
                        and not one_person_noun(lemma, tok.lower_):
                    return self._same_role(doc, tok, sectors, ctx, titled=True)
        return None

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


def _same_state_pair(analysis: Analysis, topic: Token, ctx: Context, sentence: int) -> Seen | None:
    """ "Jan Kowal and Piotr Nowak, both from Poland, denied the charges. They face ...": the coordinated subject of
    the sentence before, as one group mention, when every member is a mention of the same state (its own words or a
    stated origin, not another reference); members of two states, or one with none, give None (a dyad, no guess)."""
    members = [topic, *topic.conjuncts]
    found = [next((s for s in ctx.seen if s.sentence == sentence and s.mention.head == tok.i), None) for tok in members]
    if any(s is None for s in found):
        return None
    actors = [s.mention.actor for s in found if s is not None]
    countries = {a.country for a in actors}
    if len(countries) != 1 or any(a.rule in ("pronoun", "coref-previous-sentence", "context-country") for a in actors):
        return None
    country = countries.pop()
    if country is None or len(country) != 3:
        return None
    sectors = tuple(x for x in actors[0].sectors if all(x in a.sectors for a in actors))
    start = min(s.mention.start for s in found if s is not None)
    end = max(s.mention.end for s in found if s is not None)
    first = actors[0]
    group = Actor(analysis.span(start, end), country, country, sectors, country + "".join(sectors), first.rule,
                  "group:" + "+".join(a.entity or "" for a in actors))
    return Seen(Mention(start, end, group, topic.i), sentence, False, True, False)


def _clause_subjects(tok: Token) -> list[Token]:
    """The subjects of the clause ``tok`` is an argument of ("Nairobi accused it", "met X and urged them", "Kenya
    wants to punish it", "Kenya issued a decree, accusing it of ..."): the verb's own subject, else the one it
    shares with the verb it is coordinated with, controlled by or attached to."""
    verb = climb(tok.head, lambda t: t.pos_ in ("VERB", "AUX"))
    participle = False
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects and participle and verb.dep_ == "ccomp" and verb.head.i != verb.i:
            # "X said that Y had done ..., accusing it of ...": the participle may hang on either verb (parsers
            # disagree), so neither subject may be the pronoun
            subjects += [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return [x for s in subjects for x in (s, *s.conjuncts)]
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
            return []
        participle = participle or verb.dep_ == "advcl"
        verb = verb.head
    return []


def _partitive(tok: Token) -> bool:
    """ "six of them", "many of them": a share of the plural just named, read as any plural pronoun."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NUM", "ADJ", "PRON", "DET")


def _state_level(seen: Seen) -> bool:
    """A state or its government ("Kenya", "Nairobi", "the Kenyan government"), whose state is the party itself."""
    a = seen.mention.actor
    return a.country is not None and (not a.sectors or a.sectors[0] == "GOV")


def _controller(tok: Token) -> bool:
    """Whether the object pronoun is the doer of an act that follows it ("accused it of arming", "urged it to
    withdraw", "called on it to", "blamed it for", "barred it from"): then it names a party, not a thing."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    after = [c for c in (*verb.children, *tok.children) if c.i > tok.i]
    if any(c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in after):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("of", "for", "from") and any(g.tag_ == "VBG" for g in c.children)
               for c in after)


def _thing_between(doc: Doc, start: int, tok: Token, ctx: Context) -> bool:
    """Whether a common noun the pronoun agrees with, and that names no party, stands between ``start`` and the
    pronoun as a subject or object ("Kenya passed a law. Uganda criticized it": the law). Nouns of time and place
    ("in the north", "last week") do not count."""
    plural = tok.lower_ in PLURAL_PRONOUNS
    covered = {i for s in ctx.seen for i in range(s.mention.start, s.mention.end)}
    for other in doc[start:tok.i]:
        if other.pos_ != "NOUN" or other.i in covered or (other.tag_ == "NNS") != plural:
            continue
        if other.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "dative") or (
                other.dep_ == "pobj" and other.head.lower_ not in CIRCUMSTANCE_PREPS):
            return True
    return False


def _party(seen: Seen, doc: Doc, outside: bool) -> bool:
    """A mention a reference may point to: a party with a country or sector, not a place of the act, not itself a
    pronoun or "the former" (a reference is no new party), and outside quotation marks when the reference is."""
    a = seen.mention.actor
    head = doc[seen.mention.head]
    return bool(a.country or a.sectors) and not is_locative(head) and a.rule not in REFERENCE_RULES \
        and head.lower_ not in PRONOUNS | ORDINAL_ANAPHORS \
        and not (outside and quoted(doc, doc[seen.mention.start].idx))


def _distinct(found: list[Seen], doc: Doc) -> list[Seen]:
    """One mention per party, in order of first mention ("Milorad Petrovic, the leader of ..." is one)."""
    heads = {seen.mention.head for seen in found}
    found = [s for s in found if not (doc[s.mention.head].dep_ == "appos" and doc[s.mention.head].head.i in heads)]
    out: list[Seen] = []
    for seen in found:
        key = seen.mention.actor.entity
        if key is None or all(o.mention.actor.entity != key for o in out):
            out.append(seen)
    return out


def _refer(span, tok: Token, ref: Seen, sentence: int, rule: str | None = None) -> Actor:  # type: ignore[no-untyped-def]
    """The reference as its antecedent's actor: ``pronoun`` inside its sentence, ``coref-previous-sentence``
    (with the antecedent as evidence) across sentences, or ``rule``."""
    a = ref.mention.actor
    if rule is None:
        rule = "pronoun" if ref.sentence == sentence else "coref-previous-sentence"
    evidence = a.span if rule != "pronoun" else None
    return Actor(span, a.name, a.country, a.sectors, a.code, rule, a.entity, evidence=evidence)


def _object_pronoun(analysis: Analysis, tok: Token, span, ctx: Context) -> Actor:  # type: ignore[no-untyped-def]
    """ "Nairobi accused it of backing rebels", "The ministry urged them to withdraw": an object "them", or an
    object "it" that does the act after it (``_controller``; a bare "condemned it" is left alone), is a
    party named before it, never its own clause's subject nor (for "it") that subject's state (binding: "X accused
    it" cannot mean X). The nearest sentence (its own, then the two before in the paragraph) with an agreeing party
    decides; there the main-clause subject ranks first, then any subject, then a direct object, then any other
    mention (centering). Two
    parties of the same rank give ``pronoun-ambiguous``; a "them" that does no act after it, with a thing it agrees
    with between the party and the pronoun ("Kenya imposed tariffs. Uganda condemned them"), is left unresolved:
    the pronoun may be the thing."""
    doc = analysis.doc
    assert doc is not None
    word = tok.lower_
    sent = analysis.sentence_of(tok.i)
    unresolved = Actor(span, None, None, (), None, "unresolved", f"m{tok.i}")
    subjects = _clause_subjects(tok)
    bound = [s for s in ctx.seen if any(s.mention.start <= x.i < s.mention.end for x in subjects)]
    entities = {s.mention.actor.entity for s in bound if s.mention.actor.entity}
    states = {s.mention.actor.country for s in bound if _state_level(s) and s.mention.actor.rule != "context-country"}
    controls = _controller(tok)  # the doer of an act that follows: a party, never a thing
    if word == "it" and not controls:
        return unresolved  # "Sweden condemned it": an object "it" of a bare verb is most often the act or thing
    outside = not quoted(doc, tok.idx)
    paragraph = paragraph_at(ctx.paragraph_of, sent)
    for back in range(PREVIOUS_SENTENCES + 1):
        earlier = sent - back
        if earlier < 0 or paragraph_at(ctx.paragraph_of, earlier) != paragraph:
            return unresolved
        found = [s for s in ctx.seen if s.sentence == earlier and s.mention.end <= tok.i and _agrees(word, s)
                 and _party(s, doc, outside) and s.mention.actor.entity not in entities
                 and not (s.mention.actor.country in states and _state_level(s))]
        found = _distinct(found, doc)
        if not found:
            continue
        # a direct object ranks above other mentions ("blamed Pakistan for the insurgency, accusing it of ...")
        ranks = [2 * centering_rank(doc[s.mention.head]) + (doc[s.mention.head].dep_ == "dobj") for s in found]
        best = [s for s, rank in zip(found, ranks, strict=True) if rank == max(ranks)]
        if len({s.mention.actor.country for s in best}) == 1 and best[0].mention.actor.country:
            best = best[-1:]  # "blame Pakistan ..., views Islamabad ..., accusing it": one state either way
        if len(best) > 1:
            return Actor(span, None, None, (), None, AMBIGUOUS_RULE, f"m{tok.i}")
        if not controls and _thing_between(doc, best[0].mention.end, tok, ctx):
            return unresolved
        return _refer(span, tok, best[0], sent)
    return unresolved


def _former_latter(analysis: Analysis, tok: Token, span, ctx: Context) -> Actor:  # type: ignore[no-untyped-def]
    """ "Ghana and Togo signed a pact. The latter's envoy ...": the first ("the former") or second ("the latter")
    of exactly two parties named before it in its sentence, else in the sentence before (same paragraph), rule
    ``former-latter`` with the party as evidence. One party, or three, leave it unresolved (``pronoun-ambiguous``
    for three: which two the writer meant is a guess)."""
    doc = analysis.doc
    assert doc is not None
    sent = analysis.sentence_of(tok.i)
    outside = not quoted(doc, tok.idx)
    start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ == "the" else tok.i
    found: list[Seen] = []
    for earlier in (sent, sent - 1):
        if earlier < 0 or paragraph_at(ctx.paragraph_of, earlier) != paragraph_at(ctx.paragraph_of, sent):
            break
        found = _distinct([s for s in ctx.seen if s.sentence == earlier and s.mention.end <= start
                           and _party(s, doc, outside)], doc)
        if found:
            break
    if len(found) != 2:
        rule = AMBIGUOUS_RULE if len(found) > 2 else "unresolved"
        return Actor(span, None, None, (), None, rule, f"m{tok.i}")
    return _refer(span, tok, found[0 if tok.lower_ == "former" else 1], sent, "former-latter")
