"""Implicit agents: who arrested them, when the text only says "five activists were arrested".

Why: an agentless passive of an act that only a state's authorities perform names its agent by the act itself.
Nobody but the police arrests, detains or takes into custody; nobody but a court sentences, convicts or jails;
nobody but a government deports, expels, bans, imposes a curfew or declares martial law (CAMEO 172-175: "impose
administrative sanctions", "arrest, detain or charge with legal action", "expel or deport individuals", "use
tactics of violent repression"). The events stage leaves such a passive with an empty source (rule
``events:implicit-agent``); this step fills it with the authorities of the country where it happened (the event's
place), else of the article's context country, else (police and courts) of the one state whose authority of that
sector the article names ("Haitian police"), with the sector the act implies, rule ``implicit-agent``, the
mention that gave the country as evidence, and a lower confidence. The passive subject stays the target.

Acts anyone may do ("were killed", "were attacked", "were injured") are left alone: their agent is unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.actors.attribution import REPORTING_VERBS
from dyadwatch.actors.context import article_reading, paragraph_at
from dyadwatch.actors.coreference import DERIVED_RULES
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyadwatch.document.analysis import Analysis, EventCandidate, Mention
    from dyadwatch.records import TextSpan

# The verb (or noun) of the act -> the sector of the authority that performs it. Written from the CAMEO codebook
# definitions of 172-175 (who performs the act), not from any corpus.
AUTHORITY_ACTS: dict[str, str] = {
    # 173 arrest, detain; 175 violent repression "through crowd control tactics" (dispersing, tear gas)
    **dict.fromkeys(("arrest", "detain", "apprehend", "nab", "custody", "handcuff", "round", "book", "raid",
                     "interrogate", "question", "frisk", "disperse", "teargas", "tear-gas", "recover"), "COP"),
    # 173 "charge with legal action": a criminal charge is the prosecution's
    **dict.fromkeys(("sentence", "convict", "jail", "imprison", "indict", "prosecute", "acquit", "try",
                     "remand", "fine", "charge"), "JUD"),
    # 172 administrative sanctions (1721 restrictions on political freedoms, 1722 bans, 1723 curfews, 1724 state
    # of emergency), 174 expulsion, 1711 confiscation, and 081 their easing ("the curfew was lifted")
    **dict.fromkeys(("deport", "expel", "extradite", "exile", "banish", "kick", "ban", "outlaw", "proscribe",
                     "curfew", "impose", "declare", "blacklist", "confiscate", "seize", "freeze", "revoke",
                     "suspend", "disqualify", "dissolve", "shut", "censor", "block", "restrict", "bar", "lift"),
                    "GOV"),
}
# Acts that move someone out: the place named with them is often where to ("extradited to the United States"), not
# whose authorities acted, so only the context decides.
MOVEMENT_ACTS = frozenset({"deport", "expel", "extradite", "exile", "banish", "kick"})
# CAMEO codes whose performer is, by definition, a state authority (the codebook's definitions: 172 "formal
# decrees, laws, or policies", 173 "legal or extrajudicial arrests, detentions", 174 "formal removal ... following
# legal proceedings", 175 "crowd control tactics", 1711 confiscation, 081 "relax or remove administrative
# sanctions"). 1712 destroy property, 18-20 assault and fighting, 0841 release (kidnappers release hostages too)
# and 163 sanctions (imposed by one state on another, whose place is the target's) are not.
AUTHORITY_CODES = ("172", "173", "174", "175", "1711", "081")
# CAMEO 115 "bring lawsuit against" is anyone's act ("sued"), but a criminal charge or indictment is the
# prosecution's (173 "charge with legal action"), however the coder typed it.
LAWSUIT_CODE = "115"
CRIMINAL_CHARGES = frozenset({"charge", "indict"})
# Authorities that act where the story happens (police, courts): the ones a story names are the ones that act in
# it. A government's acts (expulsions, bans) often concern another state, so its named government does not count.
LOCAL_AUTHORITIES = frozenset({"COP", "JUD"})
SECTOR_NAMES = {"COP": "police", "JUD": "judiciary", "GOV": "government"}
CONFIDENCE_FACTOR = 0.8  # a country from context or an implied agent is less sure than one the text names
# An exchange of fire has two sides: "died in a shootout with troops", "shot dead in clashes with the gendarmes".
# Whoever the victim fought, the other side named with "with" is who killed or wounded them (CAMEO codes the
# attacker as source). The nouns of armed confrontation in English news, not an exhaustive list.
CONFRONTATION_NOUNS = frozenset({"clash", "battle", "gunbattle", "gunfight", "firefight", "shootout", "skirmish",
                                 "fighting", "fight", "confrontation", "encounter", "exchange", "standoff",
                                 "scuffle", "gunfire"})
VIOLENT_CODES = ("18", "19", "20")
# Acts of removal whose "from" names who removed: a body removes its own members ("was expelled from the party",
# "suspended from the assembly"), a state removes people from its territory ("deported from Kenya": Kenya's
# government). CAMEO 166 (expel or withdraw), 174 (expel or deport individuals), 1722/172 (ban).
REMOVAL_ACTS = frozenset({"expel", "suspend", "dismiss", "remove", "oust", "sack", "bar", "ban", "eject", "kick",
                          "deport", "exclude"})
# Release "on bail", "on parole", "on bond": only a court or the prison authorities release on those terms.
JUDICIAL_TERMS = frozenset({"bail", "parole", "bond", "probation"})
# A legal status only a state confers ("was granted asylum", "was granted permanent residency"): the government's
# act, whatever type the coder gave "grant" (anyone may grant an interview, only a state a citizenship).
CONFERRED_STATUS = frozenset({"asylum", "citizenship", "residency", "residence", "nationality", "visa", "passport",
                              "refugee", "amnesty", "pardon", "clemency"})
# Freeing captives: after a state force's operation the sentence before reported, the freeing is that force's.
FREEING_ACTS = frozenset({"free", "rescue", "liberate", "release"})
STATE_FORCES = frozenset({"MIL", "COP", "SPY"})
SAME_RELEASE_RULE = "same-release"
# CAMEO 112 "accuse of crime, corruption"; the offences of criminal law an accusation in the passive is a charge of
# (the predicate lexicon's CRIME and ESPIONAGE classes, and the political offences news reports charges of), and
# the verbs of plotting one ("accused of plotting to ...").
CRIME_ACCUSATION = "112"
OFFENCES = frozenset({"crime", "corruption", "fraud", "bribery", "murder", "terrorism", "smuggling", "trafficking",
                      "espionage", "spying", "treason", "sedition", "incitement", "subversion", "conspiracy", "plot",
                      "embezzlement", "kidnapping", "assassination", "money-laundering", "laundering"})
PLOTTING = frozenset({"plot", "plan", "conspire", "incite", "spy"})
# Speakers that are a state's authorities whatever the tables make of them ("authorities said").
AUTHORITY_NOUNS = frozenset({"authority", "authorities", "official", "officials", "government", "police"})
# Where a summons calls someone: "was ordered to appear before a judge / in court" is a court's act.
COURT_NOUNS = frozenset({"court", "judge", "magistrate", "tribunal", "prosecutor", "prosecutors", "jury"})


def implied_sector(cand: EventCandidate, lemma: str) -> str | None:
    """The sector of the authority an agentless act implies, or None when anyone could have done it."""
    if cand.type.cameo.startswith(LAWSUIT_CODE) and lemma in CRIMINAL_CHARGES:
        return "JUD"  # "were charged with sedition": a criminal charge, whoever may sue
    if not cand.type.cameo.startswith(AUTHORITY_CODES):
        return None
    return AUTHORITY_ACTS.get(lemma)


def fill_implicit_agents(analysis: Analysis) -> None:
    """Give each agentless authority act its implied agent; lower the confidence of events built on context."""
    doc = analysis.doc
    if doc is None:
        return
    reading = article_reading(analysis)
    if reading is not None and reading.blocked:
        _drop_structure(analysis, reading.blocked)
    for cand in analysis.candidates:
        source = cand.source
        if source.rule == "events:implicit-agent" and not source.country and cand.type.cameo.startswith(VIOLENT_CODES):
            trigger = doc[cand.trigger[0]:max(cand.trigger[1], cand.trigger[0] + 1)].root
            party = _other_side(analysis, trigger)
            if party is not None:
                a = party.actor
                cand.source = Actor(a.span, a.name, a.country, a.sectors, a.code, "confrontation-party",
                                    a.entity, evidence=a.span)
        source = cand.source
        if source.rule == "events:implicit-agent" and not source.country:
            trigger = doc[cand.trigger[0]:max(cand.trigger[1], cand.trigger[0] + 1)].root
            remover = _removed_from(analysis, trigger)
            if remover is not None:
                cand.source = remover
                source = cand.source
        if source.rule == "events:implicit-agent" and not source.country:
            trigger = doc[cand.trigger[0]:max(cand.trigger[1], cand.trigger[0] + 1)].root
            force = _operation_before(analysis, cand, trigger)
            if force is not None:
                cand.source = force
                source = cand.source
        if source.rule == "events:implicit-agent" and not source.country:
            trigger = doc[cand.trigger[0]:max(cand.trigger[1], cand.trigger[0] + 1)].root
            sector = implied_sector(cand, trigger.lemma_.lower()) or implied_sector(cand, trigger.lower_)
            if sector is None and _on_judicial_terms(trigger):
                sector = "JUD"  # "was released on bail": a court's act
            if sector is None:
                sector = _state_conferred(trigger)
            country, evidence = None, None
            if sector is None:
                sector = _accused_of_offence(cand, trigger)
            if sector is None:
                sector, speaker = _ransom_by_speaker(analysis, trigger)
                if speaker is not None:  # "Kenyan officials say no ransom has been paid": their state's
                    country, evidence = speaker.country, speaker.span
            if sector is None:
                continue
            location = cand.location
            if country is not None:
                pass
            elif location is not None and location.country and len(location.country) == 3 \
                    and not location.rule.startswith("dateline") and not _moves(doc, cand):
                country, evidence = location.country, location.span
            elif reading is not None:
                sentence = cand.sentence_index
                paragraph = paragraph_at(reading.paragraph_of, sentence)
                found = reading.context.country_for(sentence, paragraph)
                if found is not None:
                    country, evidence = found.country, found.evidence
            if country is None and sector in LOCAL_AUTHORITIES:
                country, evidence = _named_authority(analysis, sector)
            if country is None and reading is not None:  # an article about two states: the one just named
                sentence = cand.sentence_index
                paragraph = paragraph_at(reading.paragraph_of, sentence)
                found = reading.context.country_for(sentence, paragraph, nearby=True)
                if found is not None:
                    country, evidence = found.country, found.evidence
            if country is None or _own_agents(cand, country):
                continue
            cand.source = Actor(source.span, SECTOR_NAMES[sector], country, (sector,), country + sector,
                                "implicit-agent", f"{country}{sector}:implied", evidence=evidence)
        if _from_context(cand.source) or (cand.target is not None and _from_context(cand.target)):
            cand.confidence = round(cand.confidence * CONFIDENCE_FACTOR, 3)
    for cand in analysis.candidates:  # after every release with an agent of its own is known, before or after
        if cand.source.rule == "events:implicit-agent" and not cand.source.country:
            trigger = doc[cand.trigger[0]:max(cand.trigger[1], cand.trigger[0] + 1)].root
            agent = _same_release(analysis, cand) if trigger.lemma_.lower() in FREEING_ACTS else None
            if agent is not None:
                cand.source = agent
                if not (cand.target is not None and _from_context(cand.target)):
                    cand.confidence = round(cand.confidence * CONFIDENCE_FACTOR, 3)


def _other_side(analysis: Analysis, verb: Token) -> Mention | None:
    """The party the victims of an agentless passive fought: "died in a shootout with troops", "hurt in the raid
    and the skirmish with rebels that followed" -> the mention after "with" of a confrontation noun that
    the passive verb is "in" or "during". Two different parties named that way: None."""
    found: dict[str, Mention] = {}
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "amid"):
            continue
        for noun in _and_others(next((c for c in prep.children if c.dep_ == "pobj"), None)):
            if noun.lemma_.lower() not in CONFRONTATION_NOUNS and noun.lower_ not in CONFRONTATION_NOUNS:
                continue
            for with_ in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"):
                for party in _and_others(next((c for c in with_.children if c.dep_ == "pobj"), None)):
                    mention = next((m for m in analysis.mentions if m.start <= party.i < m.end), None)
                    if mention is not None and mention.actor.kind == "actor":
                        found[mention.actor.entity or str(mention.start)] = mention
    return next(iter(found.values())) if len(found) == 1 else None


def _removed_from(analysis: Analysis, verb: Token) -> Actor | None:
    """Who removed someone "from" where: "was expelled from the ruling party" -> the party; "was deported from
    Kenya" -> Kenya's government (rule ``removed-from``, evidence the "from" mention). None for other acts, for a
    "from" that names no actor with a state or code, and for a person ("removed from office by ...")."""
    if verb.lemma_.lower() not in REMOVAL_ACTS and verb.lower_ not in REMOVAL_ACTS:
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        mention = next((m for m in analysis.mentions if pobj is not None and m.start <= pobj.i < m.end), None)
        if mention is None or not mention.actor.country or (mention.actor.entity or "").startswith("person:"):
            continue
        a = mention.actor
        if a.sectors:  # a body: the party, the assembly, the union
            return Actor(a.span, a.name, a.country, a.sectors, a.code, "removed-from", a.entity, evidence=a.span)
        if len(a.country) == 3:  # a state: its government
            return Actor(a.span, SECTOR_NAMES["GOV"], a.country, ("GOV",), a.country + "GOV", "removed-from",
                         f"{a.country}GOV:implied", evidence=a.span)
    return None


def _operation_before(analysis: Analysis, cand: EventCandidate, verb: Token) -> Actor | None:
    """ "The army said it killed 20 kidnappers in a raid on the camp. Forty hostages were freed.": an agentless
    passive of freeing or rescuing, right after a sentence (same paragraph) whose violent acts (CAMEO 18-20) all have
    one state force as their doer (military, police, intelligence; with a state), is that force's operation (rule
    ``previous-operation``, evidence the force's mention). Not after a sentence whose doers are two, or not a
    state's force (kidnappers release hostages too), and not "released on bail" (a court's)."""
    if verb.lemma_.lower() not in FREEING_ACTS or _on_judicial_terms(verb):
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    reading = article_reading(analysis)
    before = cand.sentence_index - 1
    if reading is None or before < 0 or paragraph_at(reading.paragraph_of, before) != \
            paragraph_at(reading.paragraph_of, cand.sentence_index):
        return None
    doers = [c.source for c in analysis.candidates
             if c.sentence_index == before and c.type.cameo.startswith(VIOLENT_CODES) and not c.negated]
    entities = {a.entity or a.code for a in doers}
    if len(entities) != 1:
        return None
    force = doers[0]
    if not force.country or len(force.country) != 3 or not set(force.sectors) & STATE_FORCES:
        return None
    return Actor(force.span, force.name, force.country, force.sectors, force.code, "previous-operation",
                 force.entity, evidence=force.evidence or force.span)


def _same_release(analysis: Analysis, cand: EventCandidate) -> Actor | None:
    """ "X was released on bail, his lawyer said. ... X was released after apologising to the prime minister.":
    news reports one release several times; an agentless release of the person another event of the article
    already has released by a state's authority (implied or named, same CAMEO code, same person) is that release,
    and that authority its agent (rule ``same-release``, evidence the other event's agent). Two states' agents
    found, or none: None. Kidnappers release hostages too, so only an agent with a state counts."""
    person = _person_key(cand.target)
    if person is None:
        return None
    agents = [c.source for c in analysis.candidates
              if c is not cand  # identity: candidates are Python objects, not tokens
              and c.source.rule != SAME_RELEASE_RULE and c.type.cameo == cand.type.cameo
              and _person_key(c.target) == person
              and c.source.country and len(c.source.country) == 3 and c.source.sectors
              and set(c.source.sectors) <= STATE_FORCES | LOCAL_AUTHORITIES | {"GOV"}]
    if len({a.country for a in agents}) != 1:
        return None
    a = agents[0]
    return Actor(cand.source.span, a.name, a.country, a.sectors, a.code, SAME_RELEASE_RULE, a.entity,
                 evidence=a.evidence or a.span)


def _person_key(actor: Actor | None) -> str | None:
    """The person an actor is ("person:NAME"), whatever state code a later rule put before it, or None."""
    entity = actor.entity if actor is not None else None
    at = entity.find("person:") if entity else -1
    return entity[at:] if entity and at >= 0 else None


def _state_conferred(verb: Token) -> str | None:
    """ "was granted permanent residency" (a state confers a legal status: ``GOV``), "was ordered to appear before
    a judge" (a summons: ``JUD``); None for other grants and orders ("was granted an interview", "was ordered to
    leave": anyone may order). Read on the passive verb only: an active verb names its agent."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    if lemma == "grant":
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
        words = {t.lemma_.lower() for o in objects for t in o.subtree}
        return "GOV" if words & CONFERRED_STATUS else None
    if lemma in ("order", "summon"):
        clause = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() == "appear"), None)
        where = clause if clause is not None else verb
        words = {t.lemma_.lower() for p in where.children if p.dep_ == "prep" for t in p.subtree}
        return "JUD" if words & COURT_NOUNS else None
    return None


def _accused_of_offence(cand: EventCandidate, verb: Token) -> str | None:
    """ "He was accused of sedition", "two agents were accused of plotting to kidnap a dissident": CAMEO 112
    ("accuse of crime") in an agentless passive whose "of" names an offence of criminal law (``OFFENCES``: the
    lexicon's CRIME and ESPIONAGE classes, incitement, sedition) or plotting one, is a prosecution's charge
    (``JUD``). Accusations of anything else ("accused of ignoring the poor") are anyone's; None."""
    if not cand.type.cameo.startswith(CRIME_ACCUSATION) or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ not in ("pobj", "pcomp"):
                continue
            if obj.lemma_.lower() in OFFENCES or obj.lemma_.lower() in PLOTTING:
                return "JUD"
    return None


def _own_agents(cand: EventCandidate, country: str) -> bool:
    """ "Iranian operatives were accused of ...": a state's intelligence agents act abroad, so the authority that
    charges them is not their own state's; the context's country being theirs says nothing of who charged them."""
    target = cand.target
    return target is not None and target.country == country and "SPY" in target.sectors


def _ransom_by_speaker(analysis: Analysis, verb: Token) -> tuple[str | None, Actor | None]:
    """ "Officials say that no ransom has been paid for the hostages": a ransom paid (or not) that a state's
    authorities report is their own government's act (``GOV``) -- who else would they speak for; the speaker's
    actor when its own words give a state. Anyone may pay a ransom (a family, an employer), so a payment no
    authority reports, or one with its payer named, is left alone: ``(None, None)``."""
    if verb.lemma_.lower() != "pay" or not any(c.dep_ == "auxpass" for c in verb.children):
        return None, None
    if not any(t.lemma_.lower() == "ransom" for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree):
        return None, None
    say = verb.head
    if verb.dep_ != "ccomp" or say.lemma_.lower() not in REPORTING_VERBS:
        return None, None
    subject = next((c for c in say.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None, None
    mention = next((m for m in analysis.mentions if m.start <= subject.i < m.end), None)
    actor = mention.actor if mention is not None else None
    if actor is not None and set(actor.sectors) & (STATE_FORCES | LOCAL_AUTHORITIES | {"GOV"}) \
            and not set(actor.sectors) & {"REB", "INS", "OPP"}:
        own = actor.country is not None and len(actor.country) == 3 and actor.rule not in DERIVED_RULES
        return "GOV", actor if own else None
    if subject.lemma_.lower() in AUTHORITY_NOUNS:
        return "GOV", None
    return None, None


def _on_judicial_terms(verb: Token) -> bool:
    """ "released on bail", "freed on parole": the terms only a court or a prison authority sets."""
    if verb.lemma_.lower() not in ("release", "free"):
        return False
    return any(p.dep_ == "prep" and p.lower_ == "on" and any(c.dep_ == "pobj" and c.lemma_.lower() in JUDICIAL_TERMS
                                                           for c in p.children) for p in verb.children)


def _and_others(tok: Token | None) -> list[Token]:
    """``tok`` and what is coordinated with it ("the raid and the skirmish")."""
    if tok is None:
        return []
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _named_authority(analysis: Analysis, sector: str) -> tuple[str | None, TextSpan | None]:
    """The one state whose authority of ``sector`` the article names by its own words ("Haitian police", "the
    Kenyan High Court"): when the place and the context do not say, the police who arrest in a story are the police
    the story names. Two states' authorities named, or none: None."""
    named = [m.actor for m in analysis.mentions
             if m.actor.country and len(m.actor.country) == 3 and m.actor.sectors[:1] == (sector,)
             and m.actor.rule not in DERIVED_RULES]
    if len({a.country for a in named}) != 1:
        return None, None
    return named[0].country, named[0].span


def _drop_structure(analysis: Analysis, blocked: frozenset[int]) -> None:
    """A dateline, byline or label the parser made an argument ("BEIJING -- China said": BEIJING as a subject) is
    no party: such a source becomes the unstated agent, such a target goes (the event keeps its real actors)."""
    doc = analysis.doc
    assert doc is not None
    structural = [c for c in analysis.candidates if _in_structure(analysis, c.source, blocked)]
    # "VOA: Ghana's President X visited ...": the parser may give the verb both the label and the name as
    # subjects; the label's reading goes when the same act has a reading with a real source
    named = {(c.trigger, c.type.cameo) for c in analysis.candidates if c not in structural}
    analysis.candidates = [c for c in analysis.candidates
                           if not (c in structural and (c.trigger, c.type.cameo) in named)]
    for cand in analysis.candidates:
        if _in_structure(analysis, cand.source, blocked):
            trigger = cand.trigger[0]
            cand.source = Actor(analysis.span(trigger, trigger), None, rule="events:implicit-agent")
        if cand.target is not None and _in_structure(analysis, cand.target, blocked):
            cand.target = None


def _in_structure(analysis: Analysis, actor: Actor, blocked: frozenset[int]) -> bool:
    if actor.span.end <= actor.span.start or analysis.norm is None or analysis.doc is None:
        return False
    start, end = analysis.norm.to_normalised(actor.span.start), analysis.norm.to_normalised(actor.span.end)
    span = analysis.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.i in blocked for t in span)


def _moves(doc: Doc, cand: EventCandidate) -> bool:
    start, end = cand.trigger
    return any(t.lemma_.lower() in MOVEMENT_ACTS or t.lower_.rstrip("ed") in MOVEMENT_ACTS
               for t in doc[start:max(end, start + 1)])


def _from_context(actor: Actor) -> bool:
    return actor.rule in ("context-country", "implicit-agent", "coref-previous-sentence", "coref-same-role",
                          "quote-speaker", "confrontation-party", "acronym", "member-of",
                          "apposition", "removed-from", "body-anaphor", "person-origin", "speaker-state",
                          "previous-operation", "group-anaphor", "previous-place", SAME_RELEASE_RULE)
