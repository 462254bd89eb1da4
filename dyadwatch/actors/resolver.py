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

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from dyadwatch.actors.acronyms import DEFINED_KEY, DEFINITION_KEY, defined_acronyms
from dyadwatch.actors.acronyms import RULE as ACRONYM_RULE
from dyadwatch.actors.ambiguous import mark_settled, settle_shared_places
from dyadwatch.actors.casing import casing_of
from dyadwatch.actors.context import (
    MANY_STATES,
    NEARBY_SECTORS,
    PEOPLE_NOUNS,
    PREVIOUS_PLACE,
    STATELESS_SECTORS,
    Found,
    outsider,
    paragraph_at,
    read_article,
)
from dyadwatch.actors.coreference import ArticleMemory, Context
from dyadwatch.actors.origins import RULE as ORIGIN_RULE
from dyadwatch.actors.origins import origin_of, person_origins
from dyadwatch.actors.persons import one_person_noun
from dyadwatch.actors.quotes import (
    QUOTES_KEY,
    first_person_units,
    quotations,
    resolve_first_person,
    resolve_quoted_offices,
)
from dyadwatch.actors.stated import (
    BASED_IN_RULE,
    BODY_OWNERS,
    ORG_OFFICER_RULE,
    based_in,
    birthplace,
    nationality_over_residence,
    org_before_name,
    organisation_officer,
    state_before_party,
    state_person,
)
from dyadwatch.actors.tables import PLACE_KINDS, Entry, Gazetteer, shared_names, tokenize
from dyadwatch.actors.units import QUOTED_FIRST_PERSON_KEY, UNCASED_KEY, MentionFinder, uncased_name
from dyadwatch.actors.vocabulary import (
    ANAPHOR_NOUNS,
    DYAD_NOUNS,
    ORDINAL_ANAPHORS,
    ORG_ANAPHOR_NOUNS,
    PERSON_ROLE_HEADS,
    PRONOUNS,
    Hit,
    Unit,
    is_body_anaphor,
    is_definite,
    is_dual,
    is_locative,
    norm_name,
    person_words,
    strip_end,
)
from dyadwatch.document.analysis import Mention
from dyadwatch.document.doccache import doc_text
from dyadwatch.document.tree import worldwide
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.document.analysis import Analysis

# Nouns of one person who belongs to a body ("a member of X", "a fighter of X"), besides the person nouns.
MEMBER_NOUNS = frozenset({"member", "fighter", "operative", "militant", "supporter", "employee", "agent", "official"})
# The rules of the mentions a "the agency" / "the group" may point back to (``_body_anaphor``).
BODY_RULES = {"org": frozenset({"organisation", "seat-of-power", "acronym"}), "group": frozenset({"group", "acronym"})}
ORIGINS_KEY = "dw_person_origins"
KIND_RULE = {
    "country": "country-name", "demonym": "demonym", "capital": "capital-metonym",
    "city": "city", "region": "region", "seat": "seat-of-power",
    "org": "organisation", "group": "group", "petrarch-actor": "petrarch-dict",
}  # fmt: skip


def compose_code(base: str | None, sectors: tuple[str, ...], base_sectors: tuple[str, ...] = ()) -> str | None:
    extra = "".join(s for s in sectors if s not in base_sectors)
    if base is None:
        return f"---{extra}" if extra else None
    return base + extra


class ActorResolver(MentionFinder, ArticleMemory):
    """Finds and resolves the actor mentions of one analysed article (stateless between articles).

    Finding units (``MentionFinder``) and remembering the article (``ArticleMemory``) live in modules of their
    own; this class resolves each unit from its own words, then the article, then the dated tables.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    # ------------------------------------------------------------------------------------- resolution
    def __call__(self, analysis: Analysis) -> list[Mention]:
        doc = analysis.doc
        assert doc is not None, "parse must run first"
        day = analysis.article.published or date.today()
        doc.user_data[UNCASED_KEY] = casing_of(analysis.article.text) is not None
        quotes = quotations(doc_text(doc))
        doc.user_data[QUOTES_KEY] = quotes
        doc.user_data[QUOTED_FIRST_PERSON_KEY] = frozenset(first_person_units(doc, quotes))
        hits = settle_shared_places(analysis, self.find_hits(doc, day))  # "the Lebanese port of Tripoli"
        reading = read_article(analysis, hits, day, lambda a, b, kinds: self.place_hits(doc, a, b, kinds))
        if reading.blocked:  # datelines, bylines, credits, labels: the article's structure, never its actors
            hits = [h for h in hits if h.start not in reading.blocked]
        hits = defined_acronyms(doc, hits)  # "the Justice and Equality Movement (JEM) ... JEM said"
        defined = doc.user_data.get(DEFINED_KEY, {})
        definitions = doc.user_data.get(DEFINITION_KEY, frozenset())
        hit_at = {i: h for h in hits for i in range(h.start, h.end)}
        doc.user_data[ORIGINS_KEY] = person_origins(doc, hit_at)  # "X, who is Slovak": read before any mention
        ctx = Context(day, article=reading.context, paragraph_of=reading.paragraph_of)
        mentions: list[Mention] = []
        for unit in self.find_units(doc, hits):
            if any(i in reading.blocked for i in range(unit.start, unit.end)):
                # "Nairobi — Five activists": the parser may join the dateline to the first noun phrase
                start = unit.start
                while start < unit.end and (start in reading.blocked or doc[start].is_punct or doc[start].is_space):
                    start += 1
                head = unit.head
                if start < unit.end and head < start:
                    # "VOA: Kenya's President William Ruto": the parser may head the phrase on the label and
                    # hang the name on it as an apposition; the name is the mention (rule ``label-apposition``)
                    apposed = [t.i for t in doc[start:unit.end] if t.dep_ == "appos" and t.head.i == head]
                    head = apposed[0] if len(apposed) == 1 else head
                if start >= unit.end or head < start or any(i in reading.blocked for i in range(start, unit.end)):
                    continue
                unit = Unit(start, unit.end, head, unit.shared)
            if unit.end - unit.start == 1 and unit.start in definitions:
                continue  # "(JEM)" where it is defined: the full name before it is the mention
            actor = self.resolve(analysis, unit, hit_at, ctx)
            short = next((i for i in range(unit.start, unit.end) if i in defined), None)
            if short is not None and actor.country and actor.rule not in ("pronoun", "coreference"):
                actor = replace(actor, rule=ACRONYM_RULE, evidence=analysis.span(*defined[short]))
            mention = Mention(unit.start, unit.end, actor, unit.head)
            if actor.country and mentions:
                _member_of(doc, mentions[-1], mention)
                for earlier in mentions[-5:]:
                    _apposed(doc, earlier, mention)
                nationality = nationality_over_residence(doc, mentions[-1], mention)
                if nationality is not None:  # "Syrian activist and U.S. resident X": Syrian
                    mention.actor = nationality
            elif mentions:
                _named_in_apposition(doc, mentions[-5:], mention)
            mentions.append(mention)
            self._remember(doc, analysis, mention, hit_at, ctx)
        # "“We reject ...,” the spokesman said": the speaker is often named after the quotation, so last
        mentions = resolve_first_person(analysis, mentions, quotes)
        resolve_quoted_offices(analysis, mentions, quotes)  # "“the president should veto it,” Senator X said"
        mark_settled(analysis, mentions)
        return mentions

    def resolve(self, analysis: Analysis, unit: Unit, hit_at: dict[int, Hit], ctx: Context) -> Actor:
        doc = analysis.doc
        assert doc is not None
        head = doc[unit.head]
        span = analysis.span(unit.start, unit.end)
        unit_hits: list[Hit] = []
        for i in range(unit.start, unit.end):
            if i in hit_at and (not unit_hits or unit_hits[-1].start != hit_at[i].start):
                unit_hits.append(hit_at[i])
        if unit.end - unit.start == 1 and head.i in doc.user_data.get(QUOTED_FIRST_PERSON_KEY, ()):
            return Actor(span, None, rule="unresolved", entity=f"m{unit.start}")  # the quotation's speaker, later
        if ((unit.end - unit.start == 1 and head.lower_ in PRONOUNS) or (head.lower_ in ORDINAL_ANAPHORS and unit.end
                - unit.start == 2)) and head.i not in hit_at:  # "it", "them", "the latter": coreference.py
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
        if not places and not persons and is_body_anaphor(doc, unit, head):
            return self._body_anaphor(analysis, unit, span, lemma, ctx)
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
            named_state = state_before_party(places, place)
            if named_state is not None:
                # "the Norwegian Labour Party", "Nigeria's Labour Party": a party name several states' parties
                # share belongs to the state named on it, not to the one the table knows it from
                country, name = named_state.entry.country, _text(doc, named_state.start, place.end)
                rule = KIND_RULE.get(named_state.kind, "demonym")
                sectors.extend(e.sectors)
            elif e.kind in ("org", "group", "seat", "petrarch-actor"):
                sectors.extend(e.sectors)
                if e.code and e.code != e.country:  # a code of its own ("IGOUNO", "TWNPTY") already holds sectors
                    base_code, base_sectors = e.code, e.sectors
            elif e.kind == "capital" and (place.start <= head.i < place.end) and not is_locative(head):
                sectors.extend(e.sectors)  # "Beijing rejected": the government; "in Beijing": only a place
            elif e.kind in ("city", "region") and (place.start <= head.i < place.end) and not is_locative(head):
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
        shared_evidence = None
        shared = self._shared_name(analysis, unit, doc, places, roles, ctx)
        if shared is not None:
            # "Congress" in an article about India is its party, about Mexico its legislature: a name several
            # states use takes the article's state when the context names one of them (never the sentence alone)
            hit, alt, found = shared
            roles = [h for h in roles if h.start != hit.start]
            country, name, rule, shared_evidence = alt.country, alt.name, "context-country", found.evidence
            sectors = list(alt.sectors)
            own_code = alt.code is not None and alt.code != alt.country  # "INDPTY": the party's own code
            base_code, base_sectors = (alt.code, alt.sectors) if own_code else (None, ())
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
        poss = [c for c in head.lefts if c.dep_ == "poss" and c.lower_ in PRONOUNS | ORDINAL_ANAPHORS
                and c.i >= unit.start]
        quoted = doc.user_data.get(QUOTED_FIRST_PERSON_KEY, ())
        owned = [c for c in head.lefts if c.dep_ == "poss" and c.i in quoted and c.i >= unit.start]
        if owned:
            poss = owned  # "“our government”": the speaker's, given after the whole article is read (quotes.py)
        elif not country and role_sectors and poss and not counterpart:
            # "its army", "their foreign minister": the owner is the pronoun's antecedent.
            owner = self._pronoun(analysis, Unit(poss[0].i, poss[0].i + 1, poss[0].i), ctx)
            if owner.country:
                country, rule = owner.country, "pronoun"
                base_code, base_sectors = owner.code, owner.sectors
                if (owner.entity or "").startswith("person:") and len(owner.country) == 3:
                    base_code, base_sectors = owner.country, ()  # "his government": the state's, not "KENLEGGOV"
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
            entity = "person:" + norm_name(person_name)
            earlier = self._same_person(person_name, ctx)
            origin = origin_of(person_name, doc.user_data.get(ORIGINS_KEY, {}))
            if earlier is not None and not roles and places and org_before_name(places, name_tokens) \
                    and state_person(earlier.mention.actor, [seen.mention.actor for seen in ctx.seen]):
                # "Asian NATO Ishiba's call" after "Japan's prime minister, Shigeru Ishiba": an organisation's name
                # run into a person's with no title between (a heading, a topic word) does not make the person
                # the organisation's officer; the state the article gave the person stands (``coreference``)
                places = []
            if earlier is not None and not places and not roles:
                prev = earlier.mention.actor
                if origin is not None and (prev.country is None or prev.rule == "context-country"):
                    return Actor(span, prev.name, origin.country, prev.sectors,
                                 compose_code(origin.country, prev.sectors), ORIGIN_RULE, prev.entity,
                                 evidence=analysis.span(origin.start, origin.end))
                if origin is not None and prev.country == origin.country and prev.rule in ("coreference", ORIGIN_RULE):
                    return replace(prev, span=span, rule=ORIGIN_RULE,  # still the stated origin's country: say so
                                   evidence=analysis.span(origin.start, origin.end))
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
                elif origin is not None:  # "X, who is Slovak": the article's own introduction of the person
                    country, rule = origin.country, ORIGIN_RULE
                    shared_evidence = analysis.span(origin.start, origin.end)
            # Out of office, the table's phrase still gives the canonical name ("Sheikh Hasina Wajed").
            known_as = held or [e for h in persons for e in h.entries if e.kind == "person" and e.country == country]
            name = _canonical_person(person_name, known_as)
            if known_as and earlier is None:
                entity = "person:" + norm_name(known_as[0].name)
        elif name is None and head.pos_ == "PROPN":
            name = _text(doc, unit.start, unit.end)
        if name is None and role_names:
            name = role_names[-1]
        sectors_t = tuple(dict.fromkeys(sectors))
        if petrarch:
            code = _petrarch_code(base_code or country, sectors_t, base_sectors, prefix_roles)
        else:
            code = compose_code(base_code or country, sectors_t, base_sectors)
        evidence = shared_evidence
        if country is None and rule in ("unresolved", "role", "title") and not counterpart and not poss \
                and (sectors_t or person_name) and not set(sectors_t) & STATELESS_SECTORS \
                and not (lemma in MANY_STATES and not person_name) and not worldwide(head):
            # "police", "the government", "the prime minister", "President Ahmed al-Sharaa": a sector, an office
            # or a person with no state of its own words
            # One person ("the minister", "Judge X"): where they are does not say whose they are
            one_person = bool(person_name) or (head.tag_ in ("NN", "NNP") and lemma in PERSON_ROLE_HEADS)
            group = None if person_name else self._named_armed_group(analysis, span, head, sectors_t, ctx)
            if group is not None:  # "the militants" after "Somalia-based al-Shabab": the group, not the host state
                return group
            base = None if person_name else based_in(head, hit_at)
            if base is not None:  # "militants based in Mali": the base names the state, whatever was named before
                country = base.entry.country
                code = compose_code(base_code or country, sectors_t, base_sectors)
                return Actor(span, name, country, sectors_t, code, BASED_IN_RULE, f"{code}:{lemma}",
                             evidence=analysis.span(base.start, base.end))
            if person_name and name_tokens and roles:
                sentence = analysis.sentence_of(unit.start)
                owner = next((t.lemma_.lower() for t in doc[unit.start:name_tokens[0]] if t.dep_ == "poss"
                              and t.lemma_.lower() in BODY_OWNERS and is_definite(t)), None)
                org = organisation_officer(_text(doc, unit.start, name_tokens[0]), sentence,
                                           [(s.sentence, s.mention.actor) for s in ctx.seen], owner)
                if org is not None:  # "..., said Executive Director Jane Doe" after "the head of an aid group"
                    return Actor(span, name, org.country, org.sectors, org.code, ORG_OFFICER_RULE, entity,
                                 evidence=org.span)
            if person_name:
                earlier = self._same_institution(doc, unit, roles, sectors_t, ctx) if roles else None
            else:
                earlier = self._same_role(doc, head, sectors_t, ctx)
            found = earlier or self._from_context(analysis, unit, ctx, person=one_person,
                                                  home=not person_name and not outsider(head),
                                                  nearby=not one_person and bool(set(sectors_t) & NEARBY_SECTORS))
            if found is None and not person_name and ctx.article is not None and head.tag_ in ("NNS", "NNPS") \
                    and lemma in PEOPLE_NOUNS and set(sectors_t) <= {"CVL"}:
                # "In X, relief began. The agency fed affected people.": the people of the place just named
                sentence = analysis.sentence_of(unit.start)
                found = ctx.article.previous_place(sentence, paragraph_at(ctx.paragraph_of, sentence))
            if found is not None:
                country, evidence = found.country, found.evidence
                rule = "coref-same-role" if earlier is not None else "context-country"
                if found.level == PREVIOUS_PLACE:
                    rule = PREVIOUS_PLACE
                if petrarch:
                    code = _petrarch_code(base_code or country, sectors_t, base_sectors, prefix_roles)
                else:
                    code = compose_code(base_code or country, sectors_t, base_sectors)
                holder = None if person_name else self._holder(country, role_names, unit, doc, ctx.day)
                if holder is not None:  # "the prime minister" of a known state, on the publication date
                    name, entity = holder.name, "person:" + norm_name(holder.name)
        if entity is None:
            entity = f"{code}:{lemma}" if roles and code else code or f"m{unit.start}"
        if not (country or sectors_t or person_name or name):
            name = span.text
        return Actor(span, name, country, sectors_t, code, rule, entity, evidence=evidence)

    def _body_anaphor(self, analysis: Analysis, unit: Unit, span, lemma: str,  # type: ignore[no-untyped-def]
                      ctx: Context) -> Actor:
        """ "The World Food Programme ... the agency said", "Hamas ... the group denied": a definite "the agency" /
        "the organisation" / "the group" is the one body of that kind named in its sentence before it or in the two
        sentences before (same paragraph), rule ``body-anaphor``, evidence that mention. None or two: unresolved.

        None there: the one body of that kind the whole article has named before it, whatever its words ("the
        national investigation agency ... an NIA spokesperson said. [new paragraph] The agency said ..."): a
        domestic story follows one agency; two bodies of that kind named anywhere before, and it stays unresolved."""
        sentence = analysis.sentence_of(unit.start)
        paragraph = paragraph_at(ctx.paragraph_of, sentence)
        wanted = ORG_ANAPHOR_NOUNS[lemma]
        found: dict[str, Actor] = {}
        article: dict[str, Actor] = {}
        for seen in ctx.seen:
            a = seen.mention.actor
            if seen.mention.end > unit.start or not a.country or a.rule not in BODY_RULES[wanted]:
                continue
            article.setdefault(a.code or a.country, a)  # the body as first named, not its spokesperson
            if sentence - seen.sentence <= 2 and paragraph_at(ctx.paragraph_of, seen.sentence) == paragraph:
                found[a.entity or a.code or a.country] = a
        if not found and len(article) == 1:
            found = article
        if len(found) != 1:
            return Actor(span, None, None, (), None, "unresolved", f"m{unit.start}")
        a = next(iter(found.values()))
        return Actor(span, a.name, a.country, a.sectors, a.code, "body-anaphor", a.entity, evidence=a.span)

    def _shared_name(self, analysis: Analysis, unit: Unit, doc: Doc, places: list[Hit], roles: list[Hit],
                     ctx: Context) -> tuple[Hit, Entry, Found] | None:
        """The one name in the unit that several states give their own institution, its meaning in the article's
        state, and the context that says so; None when the unit names a state of its own ("the Mexican
        Congress") or the context names none of those states."""
        for hit in (*places, *roles):
            alternatives = shared_names().get(tuple(t.lower_ for t in doc[hit.start : hit.end]))
            if not alternatives or any(h.start != hit.start for h in places):
                continue
            found = self._from_context(analysis, unit, ctx, person=True)
            if found is not None and found.country in alternatives and found.country != hit.entry.country:
                return hit, alternatives[found.country], found
        return None

    def _from_context(self, analysis: Analysis, unit: Unit, ctx: Context, *, person: bool,
                      nearby: bool = False, home: bool = True) -> Found | None:
        if ctx.article is None:
            return None
        sentence = analysis.sentence_of(unit.start)
        paragraph = paragraph_at(ctx.paragraph_of, sentence)
        return ctx.article.country_for(sentence, paragraph, person=person, nearby=nearby, token=unit.start,
                                       home=home)

    def _holder(self, country: str, role_names: list[str], unit: Unit, doc: Doc, day: date) -> Entry | None:
        """The one holder, on ``day``, of the office a singular, definite role names ("the prime minister")."""
        head = doc[unit.head]
        if len(role_names) != 1 or head.tag_ not in ("NN", "NNP") or not is_definite(head):
            return None
        holders = self.gaz.office_holders().get((country, role_names[0].lower()), [])
        held = {e.name: e for e in holders if e.valid_on(day)}
        return next(iter(held.values())) if len(held) == 1 else None


    def _office_lookup(self, name: str, day: date | None) -> list[Entry]:
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


def _state_code(country: str, sectors: tuple[str, ...], other: str | None) -> str | None:
    """The code of a state's actor of ``sectors`` ("KEN" + "GOV"); for a country that is no state (a group's
    pseudo-country), the ``other`` mention's own code."""
    return country + "".join(sectors) if len(country) == 3 else other


def _member_of(doc: Doc, person: Mention, whole: Mention) -> None:
    """ "A member of a Russian crime group", "an official of Kenya's ruling party": one person named by a noun of
    people, with no state of its own words, is of the state the "of"-phrase after it names (rule ``member-of``,
    evidence that phrase's mention); a pronoun later in the article then has an antecedent with a state."""
    actor = person.actor
    if actor.country or actor.rule not in ("unresolved", "role"):
        return
    head = doc[person.head]
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or not (lemma in PERSON_ROLE_HEADS or lemma in MEMBER_NOUNS
                                   or one_person_noun(lemma, head.lower_)):
        return
    # "a member of X", "a spokeswoman for X": the body the person speaks or acts for
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is None or not (pobj.left_edge.i <= whole.head <= pobj.i) or whole.actor.country is None:
        return
    if whole.actor.rule in ("pronoun", "coref-previous-sentence", "context-country"):
        return
    country = whole.actor.country
    sectors = actor.sectors or whole.actor.sectors  # "an official of the ruling party": the party's official
    code = _state_code(country, sectors, whole.actor.code)
    entity = actor.entity
    if entity and entity.startswith("---"):  # "---GOV:spokesperson" -> "EGYGOV:spokesperson"
        entity = f"{code}:{entity.split(':', 1)[-1]}"
    person.actor = Actor(actor.span, actor.name or actor.span.text, country, sectors, code, "member-of",
                         entity, evidence=whole.actor.span)


def _apposed(doc: Doc, person: Mention, said: Mention) -> None:
    """ "Aden Duale, a lawmaker in Kenya's National Assembly, ...", "Mehdiyev, who is Azerbaijani, said ...": a
    named person the tables do not know, whose apposition or "who is" clause names a state or a state's
    institution, is that state's (rule ``apposition``, evidence the mention that says so). A place the apposition
    only puts the person in ("a teacher in Nairobi") does not count: being somewhere does not make one its."""
    actor = person.actor
    # a stated origin ("Algeria's leading activist" read by ``origins``) gives way to the apposition's office too
    # and so does a state the context gave ("Jane Doe, UNICEF's executive director" in a story about Sudan)
    if actor.rule not in ("unresolved", ORIGIN_RULE, "context-country") \
            or (actor.country and actor.rule not in (ORIGIN_RULE, "context-country")) \
            or not (actor.entity or "").startswith("person:"):
        return
    head = doc[person.head]
    clauses = [c for c in head.children if c.dep_ == "appos"
               or (c.dep_ == "relcl" and c.lemma_ == "be" and any(g.dep_ == "nsubj" and g.lower_ in ("who", "that")
                                                                 for g in c.children))]
    said_head = doc[said.head]
    if not any(c.left_edge.i <= said.head <= c.right_edge.i for c in clauses):
        return
    if said.actor.rule in ("pronoun", "coref-previous-sentence", "context-country", "coreference"):
        return
    if (is_locative(said_head) and not said.actor.sectors) or any(
            is_locative(t) and t.ent_type_ in ("GPE", "LOC") for t in doc[said.start:said.end]):
        return  # "a teacher in Nairobi": where the person is, not whose
    country = said.actor.country
    assert country is not None
    if actor.rule == ORIGIN_RULE and country != actor.country:
        return  # "X, U.S. deputy ambassador to the UN": the nationality of the office noun says whose envoy
    sectors = said.actor.sectors if len(country) == 3 else ()
    code = _state_code(country, sectors, said.actor.code)
    person.actor = Actor(actor.span, actor.name, country, sectors, code, "apposition", actor.entity,
                         evidence=said.actor.span)


def _named_in_apposition(doc: Doc, earlier: list[Mention], person: Mention) -> None:
    """ "the spokeswoman for Peru's foreign ministry, Ana Quispe, said": a named person apposed to an office whose
    state the text gave is that office's holder (rule ``apposition``, evidence the office's mention)."""
    actor = person.actor
    head = doc[person.head]
    if actor.country or actor.rule not in ("unresolved", "title", "role") \
            or not (actor.entity or "").startswith("person:"):
        return
    # the parser often reads "the spokesman for X, Ambassador Y," as a coordination: no "and"/"or" says it is one
    apposed = head.dep_ == "appos" or (head.dep_ == "conj" and head.head.pos_ == "NOUN"
                                       and not any(c.dep_ == "cc" for c in head.head.children)
                                       and head.i > 0 and doc[head.left_edge.i - 1].text == ",")
    if not apposed:
        return
    office = next((m for m in earlier if m.start <= head.head.i < m.end), None)
    if office is None or not office.actor.country or office.actor.rule in ("context-country", "pronoun",
                                                                          "coref-previous-sentence"):
        return
    country = office.actor.country
    sectors = actor.sectors or office.actor.sectors
    code = _state_code(country, sectors, office.actor.code)
    person.actor = Actor(actor.span, actor.name, country, sectors, code, "apposition", actor.entity,
                         evidence=office.actor.span)


def _dual_possessor(head: Token) -> Token | None:
    for c in head.lefts:
        if c.dep_ == "poss" and c.lemma_.lower() in DYAD_NOUNS and is_dual(c):
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
            j = strip_end(doc, i, j)
            if j > i and (best is None or unit.head in range(i, j) or j - i >= best[1] - best[0]):
                best = (i, j)
            i = max(j, i + 1)
            continue
        i += 1
    if best is None:
        head = doc[unit.head]
        if uncased_name(doc, head, hit_at):  # "Akhilesh Yadav" in lower-cased text, no entity tagged
            i = head.i
            while i > unit.start and doc[i - 1].pos_ == "PROPN" and i - 1 not in hit_at:
                i -= 1
            return (i, head.i + 1)
        if head.pos_ == "PROPN" and head.i not in hit_at and head.lower_ in person_words(doc, multi=True) \
                and head.ent_type_ != "PERSON":
            return (head.i, head.i + 1)  # "Suga's travels" after "Yoshihide Suga", whatever entity the tagger saw
        if head.pos_ == "PROPN" and head.i not in hit_at and head.ent_type_ not in ("ORG", "GPE", "NORP", "LOC"):
            if head.lower_ in person_words(doc) and not head.ent_type_:
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


def _text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _canonical_person(text: str, held: list[Entry]) -> str:
    return held[0].name if held else text


def _choose_place(places: list[Hit], head: Token) -> Hit:
    for h in places:
        if h.start <= head.i < h.end:
            if h.kind == "demonym" and places[0].start != h.start:
                return places[0]  # "Bosnian Serbs": a people named by where they live
            later = [p for p in places if p.start > head.i and p.kind in ("country", "capital", "city", "region")]
            if h.kind == "demonym" and later:
                return later[0]  # "Kurds in Turkey": likewise, the place after the people
            return h
    institutional = [h for h in places if h.kind in ("org", "group", "seat", "petrarch-actor")]
    if institutional:
        return institutional[0]
    # "a Syrian-born Canadian citizen": the state word on the person noun, not the birthplace before it
    own = [h for h in places if not birthplace(head.doc, h)]
    return own[0] if own else places[0]


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


def _org_code(gaz: Gazetteer, org: str) -> str:
    for p in gaz.exact.get((org.lower(),), ()):
        if p.entry.kind == "org" and p.entry.code:
            return p.entry.code
    return org
