"""Finding actor mentions in a parse and resolving each to a country, sectors, a name and a CAMEO-style code.

How it reads, in the order a careful analyst would:

1. Phrases from the tables (countries, demonyms, capitals, cities, regions, seats of power, organisations, groups,
   ethnic groups with one home state, office holders, roles, imported PETRARCH entries) are matched longest-first
   over the tokens. An office holder's full name is found whatever the date (out of office they are still known
   by country); titled or one-word forms only while the office is held.
2. Noun phrases (spaCy's noun chunks, stretched to cover whole table phrases, an apposed name and an "of"-phrase
   naming the country) are the mention units. A phrase whose head is not actor-like ("the US arms sale") gives up
   its actor-like modifiers as mentions of their own ("US"); coordinated modifiers ("Hungarian and Romanian
   officials") give one mention each.
3. Each unit is resolved from its own words first (title, nationality, capital, organisation), then from the
   article (an earlier full name for a bare surname, the antecedent of a pronoun, "the island", "the two
   nations"), and only then from the dated office-holder table, as of the publication date.

Conventions: ``Actor.country`` is None whenever the text does not tell (never a guess). A dyad reference ("the two
nations", "both sides") gets ``rule="dyad-reference"``, country None and ``name`` "USA+CHN" (the two countries in
focus, in order of first mention). ``code`` is the CAMEO composition country + sectors ("CHNGOV", "USAGOVMIL"),
the table's code for organisations and groups ("IGOUNO"), or "---" + sectors when only the role is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dyadwatch.actors.tables import PLACE_KINDS, Entry, Gazetteer
from dyadwatch.pipeline.analysis import Mention
from dyadwatch.pipeline.doccache import entities, token_strings
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.pipeline.analysis import Analysis

TITLE_WORDS = frozenset({"king", "queen", "president", "prime", "premier", "sheikh", "emir", "prince", "ayatollah",
                         "general", "chancellor", "sultan", "crown"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
# Definite nouns that point back to a country already named ("the island", "the country").
ANAPHOR_NOUNS = frozenset({"island", "country", "nation", "kingdom", "republic", "archipelago", "state"})
# Nouns that, with "two"/"both", point to the pair of countries in focus.
DYAD_NOUNS = frozenset({"nation", "country", "side", "government", "state", "neighbour", "neighbor", "power",
                        "capital", "military", "leader", "superpower", "rival", "ally", "adversary"})  # fmt: skip
# "the government of X", "soldiers from X", "police in X": the place says whose role it is.
ROLE_PREPS = frozenset({"of", "from", "in", "throughout", "across"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "within", "throughout", "across", "outside"})
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod", "appos"})
KIND_RULE = {
    "country": "country-name", "demonym": "demonym", "capital": "capital-metonym",
    "city": "city", "region": "region", "seat": "seat-of-power",
    "org": "organisation", "group": "group", "petrarch-actor": "petrarch-dict",
}  # fmt: skip
KIND_RANK = {"person": 0, "org": 1, "group": 2, "seat": 3, "petrarch-actor": 4, "capital": 5, "country": 6,
             "city": 7, "region": 7, "demonym": 8, "petrarch-agent": 9, "role": 10}  # fmt: skip
PERSON_ROLE_HEADS = frozenset({"official", "minister", "president", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "counterpart", "leader", "premier", "chancellor", "speaker", "ambassador", "envoy",
    "general", "commander", "king", "queen", "diplomat", "advisor", "adviser", "chief", "mayor", "governor",
    "judge", "prosecutor", "aide"})  # fmt: skip


@dataclass(slots=True)
class Hit:
    """A table phrase found in the text: token range and the entries it may mean (best first)."""

    start: int
    end: int
    entries: list[Entry]

    @property
    def kind(self) -> str:
        return self.entries[0].kind

    @property
    def entry(self) -> Entry:
        return self.entries[0]


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    head: int
    shared: int = -1  # head noun shared with a coordinated modifier ("Hungarian [and Romanian] officials")


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


def compose_code(base: str | None, sectors: tuple[str, ...], base_sectors: tuple[str, ...] = ()) -> str | None:
    extra = "".join(s for s in sectors if s not in base_sectors)
    if base is None:
        return f"---{extra}" if extra else None
    return base + extra


class ActorResolver:
    """Finds and resolves the actor mentions of one analysed article (stateless between articles)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

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

    def _acceptable(self, entry: Entry, doc: Doc, start: int, end: int, day: date) -> bool:
        titled = doc[start].lower_ in TITLE_WORDS
        if not entry.valid_on(day) and (
            entry.kind != "person" or end - start < 2 or (titled and self._title_reused(doc, start, end, day))
        ):
            # A person's full name is theirs whatever the date: an office holder out of office is still found
            # (and known by country); whether they hold the office on this date is decided at resolution. That
            # holds for a name that begins like a title ("Sheikh Hasina"), before "Sheikh" is split off as one.
            # Bare surnames are only taken while the office is held, and so is a titled name a later holder is
            # now known by ("King Abdullah" after 2015 is Abdullah II of Jordan, not the late Saudi king).
            return False
        last = doc[end - 1]
        if entry.kind in ("role", "petrarch-agent"):
            return last.pos_ in ("NOUN", "PROPN") or (last.pos_ == "ADJ" and last.dep_ in ("nsubj", "pobj", "dobj"))
        if (
            entry.kind in ("capital", "city")
            and end < len(doc)
            and doc[end].lower_ in ("state", "county", "university")
        ):
            return False
        if entry.kind in ("city", "region"):
            # "Nice weather", "Lloyd Austin ... Austin said": a city name only when it is a proper name and not
            # part of (or the surname of) a person the article names in full.
            first = doc[start]
            if first.pos_ != "PROPN" or first.lower_ in _person_words(doc, multi=True):
                return False
            if (start > 0 and doc[start - 1].pos_ == "PROPN") or (end < len(doc) and doc[end].pos_ == "PROPN"):
                return False  # inside a longer name ("Moro Islamic Liberation Front", "President Bush")
        return not (entry.kind == "person" and end < len(doc) and doc[end].pos_ == "PROPN")

    def _title_reused(self, doc: Doc, start: int, end: int, day: date) -> bool:
        """Whether a person in office on ``day`` is known by a longer form of this titled name ("King Abdullah II")."""
        key = tuple(t.lower_ for t in doc[start:end])
        return any(e.kind == "person" and e.valid_on(day) for e in self.gaz.extensions(key))

    # ------------------------------------------------------------------------------------------ units
    def find_units(self, doc: Doc, hits: list[Hit]) -> list[Unit]:
        hit_at: dict[int, Hit] = {i: h for h in hits for i in range(h.start, h.end)}
        spans: list[Unit] = []
        for chunk in doc.noun_chunks:
            start, end = chunk.start, chunk.end
            while start > 0 and start - 1 in hit_at and hit_at[start - 1].end > start:
                start = hit_at[start - 1].start
            while end < len(doc) and end in hit_at and hit_at[end].start < end:
                end = hit_at[end].end
            spans.append(Unit(start, end, chunk.root.i))
        covered = {i for u in spans for i in range(u.start, u.end)}
        for h in hits:
            if not any(i in covered for i in range(h.start, h.end)):
                spans.append(Unit(h.start, h.end, _span_head(doc, h.start, h.end)))
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
        for i, (lower, pos) in enumerate(zip(strings.lower, strings.pos, strict=True)):
            if lower in PRONOUNS and pos == "PRON" and i not in covered:
                spans.append(Unit(i, i + 1, i))
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

    def _actorish(self, doc: Doc, head: Token, hit_at: dict[int, Hit]) -> bool:
        if head.i in hit_at:
            return True
        if head.lower_ in PRONOUNS and head.pos_ == "PRON":
            return True
        if head.pos_ == "PROPN" and (head.ent_type_ in NAME_ENTS or head.lower_ in _person_words(doc)):
            return True
        lemma = head.lemma_.lower()
        return (lemma in ANAPHOR_NOUNS and _definite(head)) or (lemma in DYAD_NOUNS and _dual(head))

    def _refine(self, doc: Doc, unit: Unit, hit_at: dict[int, Hit]) -> list[Unit]:
        head = doc[unit.head] if unit.start <= unit.head < unit.end else doc[_span_head(doc, unit.start, unit.end)]
        if self._actorish(doc, head, hit_at):
            end = unit.end
            for child in head.rights:  # "his Chinese counterpart, Dong Jun"; "the government of Gondor"
                if child.i < end or child.dep_ == "punct":
                    continue
                if child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i - end <= 1:
                    if _list_item(head, child, hit_at):
                        break  # "The US, Russia, and Switzerland": list items, each a mention of its own
                    # "his counterpart, Dong Jun, and ...": the apposed name, not the list that follows it
                    cut = [c.left_edge.i for c in child.rights if c.dep_ in ("cc", "conj")]
                    end = _strip_end(doc, child.i, min(cut, default=child.right_edge.i + 1))
                elif (child.dep_ == "prep" and child.lower_ in ROLE_PREPS and child.i == end
                      and ((head.i in hit_at and (hit_at[head.i].kind in ("role", "petrarch-agent")
                           or (hit_at[head.i].kind == "demonym" and head.tag_ in ("NNS", "NNPS"))))
                           or (child.lower_ == "of" and _titled_name(doc, unit.start, head, hit_at)))):  # fmt: skip
                    # "the government of Gondor"; "Kurds in Turkey", "Albanians of southern Serbia": a people
                    # named with the state they live in are that state's civilians (CAMEO codes by location)
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs and objs[0].i in hit_at and hit_at[objs[0].i].kind in PLACE_KINDS:
                        end = hit_at[objs[0].i].end
                break
            split = self._split_coordinated(doc, unit.start, end, head, hit_at)
            roles_in = [h for h in _hits_in(hit_at, unit.start, end) if h.kind in ("role", "petrarch-agent")]
            if not split and not roles_in and head.i in hit_at and hit_at[head.i].kind in PLACE_KINDS:
                # "US-China", "Israeli-Palestinian": several places, no role noun -> one mention per place.
                others = [
                    h for h in _hits_in(hit_at, unit.start, end) if h.kind in PLACE_KINDS and h is not hit_at[head.i]
                ]
                joined = any(t.text in ("-", "/", "–") or t.dep_ == "cc" for t in doc[unit.start : end])
                if others and joined:
                    split = [Unit(h.start, h.end, _span_head(doc, h.start, h.end)) for h in others]
                    split.append(Unit(hit_at[head.i].start, end, head.i))
                    split.sort(key=lambda u: u.start)
            return split or [Unit(unit.start, end, head.i)]
        out: list[Unit] = []
        lefts = list(head.lefts)
        for child in list(lefts):
            # "Kenyan and Ugandan traders": each coordinated modifier names an actor of its own
            lefts.extend(c for c in child.children if c.dep_ == "conj" and c.i < head.i and child.dep_ in MODIFIER_DEPS)
        for child in sorted(lefts, key=lambda t: t.i):
            if child.dep_ not in MODIFIER_DEPS and child.dep_ not in ("det", "conj"):
                continue
            start, end = max(child.left_edge.i, unit.start), _strip_end(doc, child.left_edge.i, child.i + 1)
            if end <= start:
                continue
            if any(i in hit_at and hit_at[i].kind in PLACE_KINDS | {"person"} for i in range(start, end)) or any(
                t.lower_ in PRONOUNS or (t.pos_ == "PROPN" and t.ent_type_ in NAME_ENTS) for t in doc[start:end]
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

    # ------------------------------------------------------------------------------------- resolution
    def __call__(self, analysis: Analysis) -> list[Mention]:
        doc = analysis.doc
        assert doc is not None, "parse must run first"
        day = analysis.article.published or date.today()
        hits = self.find_hits(doc, day)
        hit_at = {i: h for h in hits for i in range(h.start, h.end)}
        ctx = Context(day)
        mentions: list[Mention] = []
        for unit in self.find_units(doc, hits):
            actor = self.resolve(analysis, unit, hit_at, ctx)
            mention = Mention(unit.start, unit.end, actor, unit.head)
            mentions.append(mention)
            self._remember(doc, analysis, mention, hit_at, ctx)
        return mentions

    def resolve(self, analysis: Analysis, unit: Unit, hit_at: dict[int, Hit], ctx: Context) -> Actor:
        doc = analysis.doc
        assert doc is not None
        head = doc[unit.head]
        span = analysis.span(unit.start, unit.end)
        unit_hits: list[Hit] = []
        for i in range(unit.start, unit.end):
            if i in hit_at and (not unit_hits or unit_hits[-1] is not hit_at[i]):
                unit_hits.append(hit_at[i])
        if unit.end - unit.start == 1 and head.lower_ in PRONOUNS and head.i not in hit_at:
            return self._pronoun(analysis, unit, ctx)
        if unit.shared >= 0 and unit.shared in hit_at:
            unit_hits.append(hit_at[unit.shared])
        places = [h for h in unit_hits if h.kind in PLACE_KINDS]
        roles = [h for h in unit_hits if h.kind in ("role", "petrarch-agent")]
        persons = [h for h in unit_hits if h.kind == "person"]
        name_tokens = _person_name(doc, unit, hit_at)
        lemma = head.lemma_.lower()

        if not places and not persons and not roles and lemma in DYAD_NOUNS | ANAPHOR_NOUNS:
            return self._anaphor(span, head, lemma, ctx)
        if not places and not persons and _dual_possessor(head) is not None:
            return self._dyad(span, _role_sectors(roles), ctx)

        country: str | None = None
        base_code: str | None = None
        base_sectors: tuple[str, ...] = ()
        sectors: list[str] = []
        rule = "unresolved"
        name: str | None = None
        entity: str | None = None
        petrarch = any(h.kind in ("petrarch-actor", "petrarch-agent") for h in unit_hits)

        if places:
            place = _choose_place(places, head)
            e = place.entry
            country, rule = e.country, KIND_RULE.get(e.kind, "country-name")
            name = e.name
            if e.kind in ("org", "group", "seat", "petrarch-actor"):
                sectors.extend(e.sectors)
                if e.code and e.code != e.country:  # a code of its own ("IGOUNO", "TWNPTY") already holds sectors
                    base_code, base_sectors = e.code, e.sectors
            elif e.kind == "capital" and (place.start <= head.i < place.end) and not _locative(head):
                sectors.extend(e.sectors)  # "Beijing rejected": the government; "in Beijing": only a place
            elif e.kind in ("city", "region") and (place.start <= head.i < place.end) and not _locative(head):
                sectors.append("CVL")  # a city as actor is its people (PLOVER), never the national government
            elif place.start > head.i and head.i in hit_at and hit_at[head.i].kind == "demonym":
                sectors.append("CVL")  # "Kurds in Turkey": residents, not the state
                rule = "residents"
            if e.kind == "demonym" and place.start > 0 and doc[place.start - 1].lower_ == "ethnic":
                # "ethnic Albanians" are a people, not the state of Albania; where they live is not said here.
                country, rule, name = None, "ethnic-group", doc[place.start : place.end].text
                sectors.append("CVL")
            elif (e.kind == "demonym" and place.start <= head.i < place.end and head.tag_ in ("NNS", "NNPS")
                  and not any(h.kind in ("role", "petrarch-agent") for h in unit_hits)):
                sectors.append("CVL")  # "Algerians marched": a people as actor are its civilians (PLOVER CVL)
        role_sectors, role_country, role_names = [], None, []
        counterpart = False
        for h in roles:
            e = h.entry
            if e.name in ("counterpart", "counterparts"):
                counterpart = True
                continue
            role_sectors.extend(e.sectors)
            role_names.append(e.name)
            role_country = role_country or e.country
        prefix_roles = [h.entry for h in roles if h.entry.prefix]

        if persons and (not name_tokens or persons[0].start <= name_tokens[0] < name_tokens[1] <= persons[0].end):
            name_tokens = (persons[0].start, persons[0].end)  # the table's whole name: "Sheikh Hasina", not "Hasina"
        person_name = _text(doc, *name_tokens) if name_tokens else None
        if counterpart:
            ref = self._antecedent(ctx, analysis.sentence_of(unit.start), person=True, before=unit.start)
            if ref is not None:
                role_sectors.extend(s for s in ref.mention.actor.sectors if s not in role_sectors)
                rule = "counterpart" if rule == "unresolved" or places else rule
        poss = [c for c in head.lefts if c.dep_ == "poss" and c.lower_ in PRONOUNS and c.i >= unit.start]
        if not country and role_sectors and poss and not counterpart:
            # "its army", "their foreign minister": the owner is the pronoun's antecedent.
            owner = self._pronoun(analysis, Unit(poss[0].i, poss[0].i + 1, poss[0].i), ctx)
            if owner.country:
                country, rule = owner.country, "pronoun"
                base_code, base_sectors = owner.code, owner.sectors
        if role_sectors or role_country:
            if not country and role_country:
                country, rule = role_country, "title"
            elif rule in ("unresolved", "demonym", "country-name", "capital-metonym"):
                rule = "role"
            if person_name and rule in ("role", "demonym", "country-name", "capital-metonym"):
                rule = "title"
            sectors.extend(s for s in role_sectors if s not in sectors)
        elif person_name and rule in ("demonym", "country-name"):
            rule = "title"  # "Hungary's Viktor Orban", "Chilean Pablo Ruiz": the text says whose person this is

        if person_name:
            entity = "person:" + _norm_name(person_name)
            earlier = self._same_person(person_name, ctx)
            if earlier is not None and not places and not roles:
                prev = earlier.mention.actor
                return Actor(span, prev.name, prev.country, prev.sectors, prev.code, "coreference", prev.entity)
            if earlier is not None:
                entity = earlier.mention.actor.entity
            held = [h.entry for h in persons if h.entry.valid_on(ctx.day)] or self._office_lookup(person_name, ctx.day)
            if held and not places and not role_country:
                # The text does not say whose official this is: the dated office-holder table does, and fills
                # in the role too when the text gives none ("Xi Jinping said").
                e = held[0]
                country, rule = e.country, "office-holder"
                if not role_sectors:
                    sectors = list(e.sectors)
                if e.country and len(e.country) != 3:  # an organisation's officer (UN, NATO, EU)
                    base_code, base_sectors = _org_code(self.gaz, e.country), ("IGO",)
            elif held and not role_sectors and held[0].country == country:
                sectors.extend(s for s in held[0].sectors if s not in sectors)  # "Jordan's King Abdullah II"
            elif not held and not places and not role_country:
                # Out of office on this date, but who the person is does not change: their country is a fact;
                # the office (and so the sector) is not claimed unless the text gives one.
                known = {e.country for e in self._office_lookup(person_name, None)}
                if len(known) == 1:
                    country, rule = known.pop(), "known-person"
                    if country and len(country) != 3:
                        base_code, base_sectors = _org_code(self.gaz, country), ("IGO",)
                        sectors = ["IGO", *sectors]
            # Out of office, the table's phrase still gives the canonical name ("Sheikh Hasina Wajed").
            known_as = held or [e for h in persons for e in h.entries if e.kind == "person" and e.country == country]
            name = _canonical_person(person_name, known_as)
            if known_as and earlier is None:
                entity = "person:" + _norm_name(known_as[0].name)
        elif name is None and head.pos_ == "PROPN":
            name = _text(doc, unit.start, unit.end)
        if name is None and role_names:
            name = role_names[-1]
        sectors_t = tuple(dict.fromkeys(sectors))
        if petrarch:
            code = _petrarch_code(base_code or country, sectors_t, base_sectors, prefix_roles)
        else:
            code = compose_code(base_code or country, sectors_t, base_sectors)
        if entity is None:
            entity = f"{code}:{lemma}" if roles and code else code or f"m{unit.start}"
        if not (country or sectors_t or person_name or name):
            name = span.text
        return Actor(span, name, country, sectors_t, code, rule, entity)

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
            if _locative(head):
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
        if ref is None and word in THING_PRONOUNS:
            governing = _governing_subject(tok, ctx)
            if governing is not None:
                a = governing.actor
                return Actor(span, a.name, a.country, a.sectors, a.code, "pronoun", a.entity)
        if ref is None:
            return Actor(span, None, None, (), None, "unresolved", f"m{unit.start}")
        a = ref.mention.actor
        return Actor(span, a.name, a.country, a.sectors, a.code, "pronoun", a.entity)

    def _anaphor(self, span, head: Token, lemma: str, ctx: Context) -> Actor:  # type: ignore[no-untyped-def]
        if _dual(head) and lemma in DYAD_NOUNS:
            return self._dyad(span, (), ctx)
        if not _definite(head):
            return Actor(span, None, None, (), None, "unresolved", f"m{head.i}")
        wanted = self.gaz.islands if lemma in ("island", "archipelago") else None
        for country in reversed(ctx.countries):
            if wanted is None or country in wanted:
                name = _country_name(self.gaz, country)
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
        parts = _norm_name(name).split()
        for seen in reversed(ctx.seen):
            ent = seen.mention.actor.entity or ""
            if not ent.startswith("person:"):
                continue
            other = ent[len("person:") :].split()
            if parts == other or (len(parts) == 1 and parts[0] in (other[-1], other[0])):
                return seen
        return None

    def _office_lookup(self, name: str, day: date | None) -> list[Entry]:
        from dyadwatch.actors.tables import tokenize

        toks = tokenize(name)
        found = self.gaz.lookup([t.lower() for t in toks], list(toks), [t.lower() for t in toks])
        return [
            e
            for n, es in found
            if n == len(toks)
            for e in es
            if e.kind == "person" and (day is None or e.valid_on(day))
        ]


# --------------------------------------------------------------------------------------------- helpers
def _hits_in(hit_at: dict[int, Hit], start: int, end: int) -> list[Hit]:
    out: list[Hit] = []
    for i in range(start, end):
        if i in hit_at and (not out or out[-1] is not hit_at[i]):
            out.append(hit_at[i])
    return out


def _span_head(doc: Doc, start: int, end: int) -> int:
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok.i
    return end - 1


def _strip_end(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return end


def _governing_subject(pron: Token, ctx: Context) -> Mention | None:
    """ "The union said it would strike", "The agency repeated its demand": an "it"/"its" in a clause (or object)
    of a verb whose subject is an organisation, state or group refers to that subject, the usual reading in news.

    Persons are never the antecedent of "it"; the subject must already be resolved to a country or sector.
    """
    verb = pron.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head  # "its demand" -> the verb the noun phrase belongs to
    by_token = {i: m for i, m in ctx.subjects}
    for step in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != pron.i and child.i < pron.i:
                mention = by_token.get(child.i)
                if mention is None:
                    return None
                actor = mention.actor
                if (actor.entity or "").startswith("person:") or child.tag_ in ("NNS", "NNPS"):
                    return None
                if actor.country or actor.sectors:
                    return mention
                return None
        if step == 0 and pron.dep_ == "poss":
            return None  # "its" with no subject of its own verb: not this rule's case
        if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or verb.head is verb:
            return None
        verb = verb.head
    return None


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


def _locative(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its") for c in head.lefts)


def _dual(head: Token) -> bool:
    return any(c.lower_ in ("two", "both") for c in head.lefts) and head.tag_ in ("NNS", "NNPS")


def _dual_possessor(head: Token) -> Token | None:
    for c in head.lefts:
        if c.dep_ == "poss" and c.lemma_.lower() in DYAD_NOUNS and _dual(c):
            return c
    return None


def _person_name(doc: Doc, unit: Unit, hit_at: dict[int, Hit]) -> tuple[int, int] | None:
    """The run of name tokens (PROPN, PERSON entity) in the unit not claimed by a table phrase other than a person."""
    best: tuple[int, int] | None = None
    i = unit.start
    while i < unit.end:
        tok = doc[i]
        claimed = i in hit_at and hit_at[i].kind != "person"
        if tok.ent_type_ == "PERSON" and not claimed:
            j = i
            while (
                j < unit.end
                and (doc[j].ent_type_ == "PERSON" or doc[j].text == "-")
                and not (j in hit_at and hit_at[j].kind != "person")
            ):
                j += 1
            j = _strip_end(doc, i, j)
            if j > i and (best is None or unit.head in range(i, j) or j - i >= best[1] - best[0]):
                best = (i, j)
            i = max(j, i + 1)
            continue
        i += 1
    if best is None:
        head = doc[unit.head]
        if head.pos_ == "PROPN" and head.i not in hit_at and head.ent_type_ not in ("ORG", "GPE", "NORP", "LOC"):
            if head.lower_ in _person_words(doc) and not head.ent_type_:
                return (head.i, head.i + 1)  # "Brekelmans added": a surname the article gave a person before
            titled = any(
                k in hit_at and hit_at[k].kind in ("role", "petrarch-agent") for k in range(unit.start, head.i)
            )
            if titled:
                i = head.i
                while i > unit.start and doc[i - 1].pos_ == "PROPN" and i - 1 not in hit_at:
                    i -= 1
                best = (i, head.i + 1)
    return best


def _person_words(doc: Doc, multi: bool = False) -> frozenset[str]:
    """Words of the article's PERSON entities: a later bare surname is a person even when the tagger misses it.

    ``multi``: only from names of two or more words ("Lloyd Austin"), which the tagger gets right far more often.
    """
    key = f"_dw_person_words_{multi}"
    cached = doc.user_data.get(key)
    if cached is None:
        ents = [e for e in entities(doc) if e.label_ == "PERSON" and (not multi or len(e) > 1)]
        cached = frozenset(t.lower_ for ent in ents for t in ent if t.is_alpha)
        doc.user_data[key] = cached
    return cached


def _text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _norm_name(name: str) -> str:
    return " ".join(name.replace("-", " ").lower().split())


def _canonical_person(text: str, held: list[Entry]) -> str:
    return held[0].name if held else text


def _choose_place(places: list[Hit], head: Token) -> Hit:
    for h in places:
        if h.start <= head.i < h.end:
            if h.kind == "demonym" and places[0] is not h:
                return places[0]  # "Bosnian Serbs": a people named by where they live
            later = [p for p in places if p.start > head.i and p.kind in ("country", "capital", "city", "region")]
            if h.kind == "demonym" and later:
                return later[0]  # "Kurds in Turkey": likewise, the place after the people
            return h
    institutional = [h for h in places if h.kind in ("org", "group", "seat", "petrarch-actor")]
    return institutional[0] if institutional else places[0]


def _role_sectors(roles: list[Hit]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for h in roles for s in h.entry.sectors))


def _petrarch_code(base: str | None, sectors: tuple[str, ...], base_sectors: tuple[str, ...],
                   prefix_roles: list[Entry]) -> str | None:  # fmt: skip
    """CAMEO composition as PETRARCH does it: actor code, then agent codes; ``NGO~`` agents go in front."""
    front = "".join(e.code or "" for e in prefix_roles)
    prefix_sectors = {s for e in prefix_roles for s in e.sectors}
    back = "".join(s for s in sectors if s not in base_sectors and s not in prefix_sectors)
    core = base if base else "---"
    if not base and not back and not front:
        return None
    return front + core + back


def _country_name(gaz: Gazetteer, country: str) -> str:
    return gaz.country_names.get(country, country)


def _org_code(gaz: Gazetteer, org: str) -> str:
    for p in gaz.exact.get((org.lower(),), ()):
        if p.entry.kind == "org" and p.entry.code:
            return p.entry.code
    return org
