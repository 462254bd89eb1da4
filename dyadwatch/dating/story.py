"""The time of the story told so far: dates that reach a sentence from the sentences just before it.

A date is written once and read for every sentence that goes on with the same retold story, as long as nothing
names another time. Two constructions of news carry it across a sentence boundary:

* a bare "<span> later / earlier" opening a sentence with nothing in it to count from ("In 1879 Lima signed a
  secret pact with La Paz. Santiago learnt of it. Some weeks later, Chilean marines landed at the port")
  counts from the last date that names its year in the few sentences before (``story_anchor``);
* a plain past sentence with no time of its own, in the main clause, right after a sentence whose main act is
  dated in an earlier month or year ("In 2016, Lima offered the fishermen's families a payment. The families declined.")
  goes on with that story: it is dated in that year or month, never an old story's day (``continued_from``;
  rule ``story:previous-sentence:...``); the day of a story of the last week ("Monday's raid was the worst in
  years. The gunmen set fire to the depot") is the news of that day, and is kept. A present, perfect,
  future or modal verb, a verb of saying (what someone says is news of the day), a sentence that names any
  time, a new subject that does not take up the story, or an older story of this month breaks the chain.

A day counted back from the story's day with nothing in its own sentence to count from ("In an interview the
day before, the envoy said ...", "a day earlier", "the previous day") is the day before the last day the few
sentences before name, else the day before publication (the news of the day is its reference point; rule
``day-before``; ``day_before``).

All look back a bounded number of sentences; neither carries a date forward past a sentence that names a time.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dyadwatch.dating.attach import attached_dates, mention_span, to_event_date, trigger_root
from dyadwatch.dating.expressions import ParsedDate, month_end
from dyadwatch.dating.mentions import STORY_ANCHORS, DateMention, find_date_mentions
from dyadwatch.dating.structure import NOMINAL, VERBAL, complement_words, tense
from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of
from dyadwatch.document.doccache import span_tokens
from dyadwatch.records import EventDate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dyadwatch.document.analysis import Analysis

# How many sentences back "Some weeks later, X landed" looks for the date it counts from.
STORY_BACK = 3
# "the day before", "a day earlier", "the previous day", "the night before": a day back from the story's day.
DAY_BEFORE = re.compile(r"(?:(?:a|one|the)\s+(?:day|night)\s+(?:before|earlier)"
                        r"|the\s+(?:previous|prior)\s+(?:day|night))", re.I)
# Rules of a day a story names (a weekday, a calendar day, yesterday ...): the point "the day before" counts from.
DAY_RULES = frozenset({"weekday", "full-date", "month-day", "yesterday", "today"})
# A day of the story this recent is the news of those days: the next plain past sentence goes on with it.
RECENT_DAYS = 7
# Determiners and possessives of a noun phrase that takes up a referent already named.
DEFINITE = frozenset({"the", "this", "these", "those", "that", "its", "their", "his", "her"})
# Object pronouns that take up a person or group the story before named ("Police charged him").
OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
# The roles in which a nominal trigger names what its verb does.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _mentions(analysis: Analysis, si: int, by_sentence: dict[int, list[DateMention]],
              published: date | None) -> list[DateMention]:
    if si not in by_sentence:
        by_sentence[si] = find_date_mentions(analysis, analysis.sentence_tokens(si), published)
    return by_sentence[si]


def story_anchor(analysis: Analysis, si: int, by_sentence: dict[int, list[DateMention]],
                 published: date | None) -> EventDate | None:
    """The last past date naming its year in the (at most ``STORY_BACK``) sentences before ``si``, nearest
    sentence first."""
    for sj in range(si - 1, max(si - 1 - STORY_BACK, -1), -1):
        for m in reversed(_mentions(analysis, sj, by_sentence, published)):
            p = m.parsed
            if m.offset or m.since or p is None or p.value is None or p.rule not in STORY_ANCHORS:
                continue
            if published is not None and (p.range_end or p.value) > published:
                continue
            return to_event_date(analysis, p, mention_span(analysis, m), f"expression:{p.rule}")
    return None


def _main_verb(root: Token) -> Token | None:
    """The verb of the main clause whose act ``root`` is (itself, the verb it is the argument of, or the first
    conjunct of the root), or None when ``root`` sits in a subordinate clause."""
    verb = root
    if verb.pos_ in NOMINAL:
        if verb.dep_ not in ARGUMENT_DEPS or head_of(verb).pos_ not in VERBAL:
            return None
        verb = head_of(verb)
    if verb.pos_ not in VERBAL:
        return None
    if verb.dep_ == "ROOT":
        return verb
    if verb.dep_ == "conj" and head_of(verb).dep_ == "ROOT" and head_of(verb).pos_ in VERBAL:
        return verb
    return None


def _plain_past(verb: Token) -> bool:
    """A simple past main verb with no verb of saying over the sentence ("The families declined", "Four
    guards were hurt"); a conjunct shares the tense of the verb it is coordinated with ("have condemned X and urged
    Y" is a perfect)."""
    say = complement_words()["statement_verbs"]
    if tense(verb) != "past" or (verb.dep_ == "conj" and tense(head_of(verb)) != "past"):
        return False
    return not any(t.lemma_.lower() in say and t.pos_ in VERBAL for t in span_tokens(verb.sent))


def _goes_on(verb: Token, before: Span) -> bool:
    """The sentence takes up the story just told: its subject is a pronoun, a noun phrase with "the / these /
    those" (a participant the story has: "the families declined", "the gunmen set fire to the depot"), a
    possessed noun the sentence before names ("its envoy"), its object a personal pronoun ("Prosecutors charged
    him with arson": the person just named), or the verb is a passive
    with no agent, a result told after its act ("shelled the post in May. Four guards were hurt"). A sentence
    about a new, indefinite subject ("Officials blamed India") may as well be the news of the day."""
    main = head_of(verb) if verb.dep_ == "conj" and not any(
        c.dep_.startswith("nsubj") for c in dependents(verb)) else verb
    subjects = [c for c in dependents(main) if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return False
    subject = subjects[0]
    if subject.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in dependents(main)):
        return True
    if subject.tag_ == "PRP" and subject.lower_ not in ("i", "we", "you"):
        return True
    if any(c.dep_ in ("dobj", "dative") and c.lower_ in OBJECT_PRONOUNS for c in dependents(main)):
        return True  # "Prosecutors charged him with ...": the person the story before was about
    if any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in dependents(subject)):
        return True  # "the gunmen", "the families": participants the story already has
    named = {t.lemma_.lower() for t in before}
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in dependents(subject))
    return definite and subject.lemma_.lower() in named  # "its envoy", "their leader" of a named side


def _story_time(analysis: Analysis, sj: int, resolved: dict[int, EventDate], published: date) -> EventDate | None:
    """The date of the main act of sentence ``sj`` when it is a past act read from the text: in a month before
    the month of publication, or a day of the week before it ("Monday's raid was the worst in years. The
    gunmen set fire to the depot": the story of that day)."""
    first_of_month = published.replace(day=1)
    week_before = published - timedelta(days=RECENT_DAYS)
    for cj, cand in enumerate(analysis.candidates):
        found = resolved.get(cj)
        if cand.sentence_index != sj or found is None or found.value is None:
            continue
        if found.rule.startswith(("relative", "story", "published", "anniversary")):
            continue
        verb = _main_verb(trigger_root(analysis, cand.trigger))
        if verb is None or tense(verb) not in ("past", "pluperfect"):
            continue
        if found.precision == "day" and week_before <= found.value < published:
            return found
        if found.precision not in ("day", "week", "month", "year") \
                or (found.range_end or found.value) >= first_of_month:
            continue
        return found
    return _root_time(analysis, sj, published)


def _root_time(analysis: Analysis, sj: int, published: date) -> EventDate | None:
    """The date of the past main verb of sentence ``sj`` read from its own clause, when no event was coded there
    ("Monday's raid was the worst in years": the raid has no actor, but the story has its day)."""
    sent = analysis.sentence_tokens(sj)
    root = sent.root
    if root.pos_ not in VERBAL or tense(root) not in ("past", "pluperfect"):
        return None
    mentions = find_date_mentions(analysis, sent, published)
    found = attached_dates(root, mentions, False, set(), published)
    if not found:
        clause = _same_day_clause(root)
        found = attached_dates(clause, mentions, False, set(), published) if clause is not None else []
        if not found or found[0][1].parsed is None or found[0][1].parsed.precision != "day":
            return None
    _, m = found[0]
    p = m.parsed
    if p is None or p.value is None or m.since:
        return None
    recent = p.precision == "day" and published - timedelta(days=RECENT_DAYS) <= p.value < published
    old = p.precision in ("day", "week", "month", "year") and (p.range_end or p.value) < published.replace(day=1)
    if not (recent or old):
        return None
    return to_event_date(analysis, p, mention_span(analysis, m), f"expression:{p.rule}")


def _same_day_clause(root: Token) -> Token | None:
    """A past adverbial clause of ``root`` that happened on the same day: "when / as / while ...", or "hours /
    minutes after ..." ("Gunmen seized the train hours after it left the city on Monday": Monday is the story's
    day). A bare "after" or "days after" is another day."""
    for c in dependents(root):
        if c.dep_ != "advcl" or tense(c) not in ("past", "pluperfect"):
            continue
        mark = next((g.lower_ for g in dependents(c) if g.dep_ in ("mark", "advmod") and g.i < c.i), None)
        if mark in ("when", "as", "while"):
            return c
        if mark == "after" and any(g.dep_ == "npadvmod" and g.lemma_.lower() in ("hour", "minute")
                                   for g in (*dependents(root), *dependents(c))):
            return c
    return None


def continued_from(analysis: Analysis, ci: int, root: Token, resolved: dict[int, EventDate],
                   by_sentence: dict[int, list[DateMention]], published: date | None) -> EventDate | None:
    """The year or month of the retold story the event's plain past sentence goes on with, or None."""
    si = analysis.candidates[ci].sentence_index
    if published is None or si < 1:
        return None
    if any(m.parsed is not None or m.offset for m in _mentions(analysis, si, by_sentence, published)):
        return None  # the sentence names a time of its own
    verb = _main_verb(root)
    if verb is None or not _plain_past(verb) or not _goes_on(verb, analysis.sentence_tokens(si - 1)):
        return None
    return _carried(_story_time(analysis, si - 1, resolved, published), published, "story:previous-sentence")


def _carried(story: EventDate | None, published: date, link: str) -> EventDate | None:
    """The date a sentence that goes on with the story of the sentence before takes from it: a day of the last
    week as it is; an old story's day only its month (the act was told after it); a month or year as it is."""
    if story is None or story.value is None:
        return None
    if story.precision == "day" and story.value >= published - timedelta(days=RECENT_DAYS):
        return EventDate(story.value, "day", story.text, story.span, range_start=story.value, range_end=story.value,
                         rule=f"{link}:{story.rule}")
    start, end = story.range_start or story.value, story.range_end or story.value
    if story.precision in ("day", "week") and (start.year, start.month) == (end.year, end.month):
        first = start.replace(day=1)  # the day was the other act's: told after it, in the same month
        return EventDate(first, "month", story.text, story.span, range_start=first,
                         range_end=month_end(first.year, first.month), rule=f"{link}:{story.rule}:month")
    if story.precision in ("day", "week"):
        return None
    return EventDate(story.value, story.precision, story.text, story.span, range_start=story.range_start,
                     range_end=story.range_end, rule=f"{link}:{story.rule}")


def _episode_noun(tok: Token) -> bool:
    """"the raid", "this operation", "the clearance operation": a definite noun of an episode, which takes up one
    the sentence before told (an indefinite "a raid" is a new one)."""
    return tok.pos_ in NOMINAL and tok.lemma_.lower() in complement_words()["episode_nouns"] \
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in dependents(tok))


def fronted_there(tok: Token) -> bool:
    """"There, ...": a sentence that opens with the place adverb set off by a comma goes on at the place and
    occasion the sentence before named (not the "there" of "there were", which is no adverb)."""
    doc = tok.doc
    return tok.lower_ == "there" and tok.dep_ == "advmod" and tok.i == tok.sent.start \
        and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ","


def _names_the_episode(verb: Token) -> bool:
    """The clause of ``verb`` is framed by the episode: "In / During the raid, ...", its subject is it ("The
    operation ended with ..."), or a fronted "There," puts it at the occasion just told."""
    for c in dependents(verb):
        if c.dep_ in ("nsubj", "nsubjpass") and _episode_noun(c):
            return True
        if fronted_there(c):
            return True  # "There, the envoy asked ...": at the occasion the sentence before told
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "throughout") \
                and any(g.dep_ == "pobj" and _episode_noun(g) for g in dependents(c)):
            return True
    return False


def episode_from(analysis: Analysis, ci: int, root: Token, resolved: dict[int, EventDate],
                 by_sentence: dict[int, list[DateMention]], published: date | None) -> EventDate | None:
    """"Troops stormed the hijacked train on Monday. In the operation, the army said it killed 30 gunmen.": a
    sentence with no time of its own whose main clause is framed by a definite noun of an episode (an operation,
    a raid, the fighting) goes on with the episode the sentence before dated, whatever the verb of saying that
    reports it; the act is its main past verb or the past act that verb reports (rule ``story:episode:...``)."""
    si = analysis.candidates[ci].sentence_index
    if published is None or si < 1:
        return None
    if any(m.parsed is not None or m.offset for m in _mentions(analysis, si, by_sentence, published)):
        return None  # the sentence names a time of its own
    main = analysis.sentence_tokens(si).root
    verb = _main_verb(root)
    if verb is None and root.pos_ in VERBAL and root.dep_ == "ccomp" and head_of(root).i == main.i:
        verb = root  # "the army said it killed ...": the act the framed statement reports
    if verb is None or tense(verb) not in ("past", "pluperfect") or tense(main) != "past":
        return None
    if not (_names_the_episode(main) or _names_the_episode(verb)):
        return None
    story = _story_time(analysis, si - 1, resolved, published)
    if story is None and any(fronted_there(c) for c in dependents(main)):
        story = _last_occasion(analysis, si - 1, by_sentence, published)
    return _carried(story, published, "story:episode")


def _last_occasion(analysis: Analysis, sj: int, by_sentence: dict[int, list[DateMention]],
                   published: date) -> EventDate | None:
    """The last past date sentence ``sj`` names, in whatever clause ("at odds since talks failed at a summit held
    in March. There, ..."): "There," takes up the last occasion told, and the date written with it."""
    for m in reversed(_mentions(analysis, sj, by_sentence, published)):
        p = m.parsed
        if m.offset or p is None or p.value is None or (p.range_end or p.value) >= published:
            continue
        return to_event_date(analysis, p, mention_span(analysis, m), f"expression:{p.rule}")
    return None


def _day_phrase(analysis: Analysis, m: DateMention) -> bool:
    """The mention reads "the day before" (the tagger leaves "before" out of the entity, so the next word counts)."""
    assert analysis.doc is not None
    doc = analysis.doc
    text = doc[m.start:m.end].text
    if m.end < len(doc) and doc[m.end].lower_ in ("before", "earlier"):
        text = f"{text} {doc[m.end].text}"
    return DAY_BEFORE.fullmatch(text.strip()) is not None


def day_before(analysis: Analysis, by_sentence: dict[int, list[DateMention]], published: date | None) -> None:
    """Give "the day before" / "a day earlier" with nothing in its own sentence to count from the day before the
    story's last named day (at most ``STORY_BACK`` sentences back), else the day before publication; the phrase
    then dates what its clause governs like any date (a statement's "in an interview the day before")."""
    if published is None:
        return
    for si in sorted(by_sentence):
        mentions = by_sentence[si]
        if any(m.parsed is not None and not m.offset for m in mentions):
            continue  # a day of its own sentence is the point (``resolve._shifted`` reads it)
        for k, m in enumerate(mentions):
            if m.parsed is not None or not _day_phrase(analysis, m):
                continue
            anchor = _story_day(analysis, si, by_sentence, published) or published
            day = anchor - timedelta(days=1)
            mentions[k] = replace(m, parsed=ParsedDate.period(day, day, "day", "day-before"), offset=False)


def _story_day(analysis: Analysis, si: int, by_sentence: dict[int, list[DateMention]],
               published: date) -> date | None:
    """The last day named in the few sentences before ``si`` (not after publication), or None."""
    for sj in range(si - 1, max(si - 1 - STORY_BACK, -1), -1):
        for m in reversed(_mentions(analysis, sj, by_sentence, published)):
            p = m.parsed
            if not m.offset and p is not None and p.value is not None and p.precision == "day" \
                    and p.rule in DAY_RULES and p.value <= published:
                return p.value
    return None
