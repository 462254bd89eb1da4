"""Date each event candidate from the words attached to it, not from the story's dateline.

Order of evidence, strongest first: a date expression in the trigger's own clause (or, for a nominal trigger,
inside or right after its noun phrase); a "when" clause hanging from a date ("since 1949, when ... retreated");
a relation to another event ("days after the meeting", "following the approval"); the date of a verb it is
coordinated with; the publication date with precision ``published``. No publication date and nothing absolute
in the text: value None, precision ``unknown``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING

from spacy.tokens import Span

from dyadwatch.dating.expressions import MONTHS, NUMBERS, VAGUE, ParsedDate, parse_expression
from dyadwatch.dating.structure import complement_words
from dyadwatch.document.doccache import entities_in
from dyadwatch.document.tree import clause_openers, climb, crosses_clause, tree_path
from dyadwatch.records import EventDate, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.document.analysis import Analysis, EventCandidate

# Dependency labels that open a new clause: a date beyond one of them dates another predicate.
RELATION_WORDS = MappingProxyType(
    {"after": 1, "following": 1, "since": 1, "before": -1, "ahead": -1, "prior": -1, "preceding": -1}
)
OFFSET_FOLLOWERS = frozenset({"after", "before", "later", "earlier", "prior", "following"})
HISTORY_NOUNS = frozenset({"history", "record", "tradition", "habit", "practice", "pattern"})
HABIT_ADVERBS = frozenset({"long", "formerly", "once", "historically"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
TIME_WORDS = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|night|morning|afternoon|evening|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_COUNT_WORDS = "|".join(sorted((*NUMBERS, *(k for k in VAGUE if k)), key=len, reverse=True))
DURATION = re.compile(rf"(?:(?:about|some|just|nearly|almost|only|barely|more than|less than|over|under)\s+)?"
                      rf"(?:(?:\d+|{_COUNT_WORDS})[\s-]+)?(?:minute|hour|day|week|month|year|decade)s?")
OFFSET_INSIDE = re.compile(r"(.+?)\s+(?:later|earlier)")
YEARS_EARLIER = re.compile(r"\b(years?|decades?)\s+(?:earlier|before)$", re.I)
PREPOSITIONS = frozenset({"since", "from", "until", "till", "by", "through"})
MONTH_WORDS = frozenset(MONTHS)
# Nominal triggers in these roles name what their clause's verb does ("used its veto in April"): the clause's
# date is theirs.
CARRIED_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
# Relative offsets: (fewest, most) days per unit, and the default for a unit with no count ("days after").
UNIT_DAYS = MappingProxyType({"minute": 1, "hour": 1, "day": 1, "week": 7, "month": 30, "year": 365})


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in the parse: token range, its meaning, and whether it only measures an offset."""

    start: int
    end: int
    parsed: ParsedDate | None
    offset: bool
    since: bool

    def contains(self, i: int) -> bool:
        return self.start <= i < self.end


def trigger_root(analysis: Analysis, trigger: tuple[int, int]) -> Token:
    assert analysis.doc is not None
    start, end = trigger
    return analysis.doc[start:max(end, start + 1)].root


def is_future(tok: Token, notes: dict[str, object] | None = None) -> bool:
    if notes and str(notes.get("tense", "")).lower() == "future":
        return True
    verb = climb(tok, lambda t: t.dep_ != "xcomp")
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in (*tok.children, *verb.children))


def is_past_perfect(tok: Token, notes: dict[str, object]) -> bool:
    if notes.get("past_perfect"):
        return True
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in tok.children)


def history_construction(tok: Token) -> str | None:
    """"has a history of X-ing", "have long X-ed": habitual, not a dated event of today."""
    for anc in (tok, *list(tok.ancestors)[:6]):
        if anc.lemma_.lower() in HISTORY_NOUNS and anc.head.lemma_.lower() == "have":
            return "history-of"
    if any(c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in tok.children):
        return "habitual"
    return None


def find_date_mentions(analysis: Analysis, sent: Span, published: date | None) -> list[DateMention]:
    """spaCy DATE entities (and TIME ones naming a day) of a sentence, parsed relative to publication."""
    out: list[DateMention] = []
    doc = sent.doc
    pieces = [piece for ent in entities_in(sent) for piece in _split_entity(ent)]
    for ent in pieces:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.label_ == "TIME" and not TIME_WORDS.search(ent.text):
            continue
        text = ent.text
        if text.endswith("'s"):
            text = text[:-2]
        if name_number(ent):
            continue  # "Agenda 2063", "the 1995 X Accords", "2000 soldiers": a name, a title or a count
        nxt = doc[ent.end] if ent.end < len(doc) else None
        offset = nxt is not None and nxt.lower_ in OFFSET_FOLLOWERS and is_duration(text)
        prev = doc[ent.start - 1] if ent.start > sent.start else None
        since = prev is not None and prev.lower_ == "since"
        future = any(is_future(t) for t in (ent.root.head, ent.root.head.head))
        end = ent.end
        if offset and _earlier_alone(nxt, text):
            offset, end = False, ent.end + 1
            text = f"{text} {nxt.lower_}"  # type: ignore[union-attr]
        if YEARS_EARLIER.search(text):
            # "Years earlier, X had sent troops": told from a past point, so at least that long before
            # publication; read as "years ago" (a bound that makes it history, never a later date).
            text = YEARS_EARLIER.sub(r"\1 ago", text)
        elif OFFSET_INSIDE.fullmatch(text.strip().lower()) and is_duration(OFFSET_INSIDE.sub(r"\1", text.lower())):
            offset = True  # "months later", "three days earlier": from a point the text names, not from today
        parsed = None if offset else parse_expression(text, published, future)
        out.append(DateMention(ent.start, end, parsed, offset, since))
    return out


def _earlier_alone(word: Token | None, text: str) -> bool:
    """"two years earlier" with nothing after it (no "before the vote"): a span of years back, not a relation."""
    if word is None or word.lower_ not in ("earlier", "before") or not re.search(r"\b(?:years?|decades?)$", text, re.I):
        return False
    return not any(c.dep_ in ("pobj", "pcomp") for c in word.children) and not any(
        c.dep_ == "advcl" for c in word.head.children if c.i > word.i and word.lower_ == "before")


def name_number(ent: Span) -> bool:
    """A DATE entity that is only a number inside a proper name, a title or a quantity, so never a date.

    English writes a year into a name right after a capitalised name word ("Agenda 2063", "Vision 2030") or
    before a proper noun it titles ("the 1995 X Accords"); a number before a plural common noun counts it.
    A year before a singular common noun ("the 2014 abduction") is a date, of that noun.
    """
    if not all(t.like_num for t in ent):
        return False
    doc, sent_start = ent.doc, ent.sent.start
    prev = doc[ent.start - 1] if ent.start > sent_start else None
    if prev is not None and prev.i > sent_start and prev.pos_ == "PROPN" and prev.text[:1].isupper() \
            and prev.lower_.rstrip(".") not in MONTH_WORDS and not prev.ent_type_ == "DATE":
        return True
    root = ent.root
    head = root.head
    if root.i < head.i and root.dep_ in ("nummod", "compound", "amod", "nmod"):
        if head.pos_ == "PROPN" and head.ent_type_ not in ("DATE", ""):
            return True
        if head.tag_ in ("NNS", "NNPS") and root.dep_ == "nummod" and not year_before_plural(root):
            return True
    return False


def year_before_plural(tok: Token) -> bool:
    """"the 2019 talks", "Ethiopia's 2020 elections": a year-shaped number after a determiner or possessive
    before a plural noun dates it; "2000 soldiers" (no determiner) counts them."""
    if not re.fullmatch(r"(?:19|20)\d\d", tok.text):
        return False
    head = tok.head
    return any(c.i < tok.i and (c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "its", "their")))
               for c in head.children)


def is_duration(text: str) -> bool:
    """"three days after" is an offset; "2022 after", "June after a court ruled" are points in time."""
    return bool(DURATION.fullmatch(text.strip().lower()))


def _split_entity(ent: Span) -> list[Span]:
    """A date entity the parser ran across a comma into an offset ("July 2019, weeks [after]"): two mentions.

    Only when what follows the last comma is a bare duration, so "March 6, 2020" stays whole.
    """
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return [ent]
    cut = commas[-1]
    head, tail = ent.doc[ent.start:cut], ent.doc[cut + 1:ent.end]
    if not len(head) or not len(tail) or not is_duration(tail.text):
        return [ent]
    label = ent.label_
    return [Span(ent.doc, head.start, head.end, label=label), Span(ent.doc, tail.start, tail.end, label=label)]




def attached_dates(root: Token, mentions: list[DateMention], nominal: bool, exclude: set[int],
                   published: date | None = None) -> list[tuple[int, DateMention]]:
    """Date mentions in the trigger's own clause, with their tree distance (closest first).

    Beyond the strict clause, three constructions of English carry a date to the trigger: a date fronted
    before a verb governs the verbs coordinated with it ("In April, X removed Y and jailed him"); an event noun
    that its clause's verb carries out takes that clause's date ("used its veto in April"); a date already past
    inside an infinitive clause dates the verb that governs it ("launched an operation to clear the forest in
    2015"), while a later one points forward and does not ("vowed to cut emissions by 2050").
    """
    found: list[tuple[int, int, DateMention]] = []
    for m in mentions:
        if m.offset or m.parsed is None or m.start in exclude:
            continue
        head = root.doc[m.start:m.end].root
        path = tree_path(head, root)
        if path is None:
            continue
        up_date, up_trigger = path
        adjacent = nominal and (m.start in (root.i + 1, root.right_edge.i + 1) or m.end == root.i)
        if up_trigger and not adjacent and not _carried_up(up_trigger, up_date, m, nominal):
            continue  # the date hangs above the trigger: it belongs to a governing predicate
        if crosses_clause(up_date[1:] if up_date else []) and not adjacent \
                and not _through_infinitives(up_date[1:], m, published) and not _through_vehicle(up_date, root):
            continue
        distance = 0 if adjacent else len(up_date) + 2 * len(up_trigger)
        found.append((distance, abs(head.i - root.i), m))
    found.sort(key=lambda x: (x[0], x[1]))
    return [(d, m) for d, _, m in found]


def _carried_up(up_trigger: list[Token], up_date: list[Token], m: DateMention, nominal: bool) -> bool:
    """Whether a date hanging above the trigger still governs it (coordination, or an event noun a verb carries)."""
    top = up_trigger[-1]
    common = top.head
    if nominal and len(up_trigger) == 1 and top.dep_ in CARRIED_DEPS and common.pos_ in ("VERB", "AUX"):
        return True
    if all(t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") for t in up_trigger):
        # Fronted before the first conjunct, as its own adjunct: the phrase governs the whole coordination.
        return bool(up_date) and m.start < common.i and up_date[-1].dep_ in ("prep", "npadvmod", "advmod") \
            and up_date[-1].head.i == common.i
    return False


def _through_vehicle(path: list[Token], root: Token) -> bool:
    """A date in a reduced participle on the noun of the verb's own "in/at" phrase dates the verb.

    "In a communique released in July, X criticized Y", "at a summit held in Hanoi last week": the statement or
    meeting is the occasion of the act, so its date is the act's. Only a subjectless participle (acl) on the
    object of a preposition that hangs from the trigger itself counts.
    """
    if not path:
        return False
    top = path[-1]
    if top.dep_ != "prep" or top.head.i != root.i or top.lower_ not in complement_words()["vehicle_prepositions"]:
        return False
    openers = clause_openers(path[1:])
    return bool(openers) and all(t.dep_ == "acl" and t.tag_ in ("VBN", "VBG") and t.head.head.i == top.i
                                 and not any(c.dep_.startswith("nsubj") for c in t.children) for t in openers)


def _through_infinitives(path: list[Token], m: DateMention, published: date | None) -> bool:
    """The only clause borders crossed are to-infinitives, and the date is not after publication."""
    if published is None or m.parsed is None or m.parsed.value is None:
        return False
    start = m.parsed.range_start or m.parsed.value
    if start > published:
        return False
    openers = clause_openers(path)
    return all(t.dep_ in ("xcomp", "advcl") and any(c.tag_ == "TO" for c in t.children) for t in openers)


def owned_by_nominals(analysis: Analysis, mentions: list[DateMention]) -> dict[int, int]:
    """Date mentions that sit right next to a nominal trigger ("the approval three weeks ago", "the 2022 visit").

    Those date the noun's event, not the verb that governs the noun.
    """
    owned: dict[int, int] = {}
    for ci, cand in enumerate(analysis.candidates):
        if not cand.nominal:
            continue
        root = trigger_root(analysis, cand.trigger)
        for m in mentions:
            head = root.doc[m.start:m.end].root
            if m.start in (cand.trigger[1], root.i + 1) or m.end == cand.trigger[0] or head.head.i == root.i:
                owned[m.start] = ci
    return owned


def to_event_date(analysis: Analysis, parsed: ParsedDate, span: TextSpan | None, rule: str) -> EventDate:
    return EventDate(
        value=parsed.value,
        precision=parsed.precision,
        text=span.text if span else None,
        span=span,
        range_start=parsed.range_start,
        range_end=parsed.range_end,
        rule=rule,
    )


def mention_span(analysis: Analysis, m: DateMention) -> TextSpan:
    start = m.start - 1 if m.since else m.start
    assert analysis.doc is not None
    end = m.end
    if end > start and analysis.doc[end - 1].text == "'s":
        end -= 1
    return analysis.span(start, end)


# --- relations between events -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Relation:
    """"X <offset> after/before Y": this event lies ``direction`` (+1 after, -1 before) of an anchor."""

    direction: int
    low: int  # fewest days between the two
    high: int  # most days between the two
    anchor_token: int | None  # a token of the anchor clause or noun phrase
    anchor_subtree: tuple[int, int] | None  # token range to search for an anchor event or date
    span: tuple[int, int]  # tokens of the relation words ("just days after")
    reverse: bool  # True: this event is the subordinate one ("after they met": the met event is the anchor's past)


def offset_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Days between two events from words like "three days", "just days", "weeks", "shortly"."""
    words = " ".join(t.lower_ for t in tokens)
    m = re.search(r"(?:(\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r"|a few|few|several)\s+)?"
                  r"(minute|hour|day|week|month|year)s?\b", words)
    if m:
        unit = UNIT_DAYS[m.group(2)]
        count = m.group(1)
        if count and count.isdigit():
            n = int(count)
            return n * unit, n * unit
        if count in NUMBERS:
            return NUMBERS[count] * unit, NUMBERS[count] * unit
        lo, hi = VAGUE.get(count or "", (1, 7))
        if m.group(2) in ("minute", "hour"):
            return 0, 1
        return max(lo * unit, 1) if count else unit, hi * unit
    if re.search(r"\b(?:shortly|soon|immediately|just|right)\b", words):
        return 0, 3
    return None


def _offset_tokens(word: Token) -> list[Token]:
    out: list[Token] = []
    for c in word.children:
        if c.dep_ in ("npadvmod", "advmod", "nummod", "quantmod") and c.i < word.i:
            out.extend(c.subtree)
    return out


def find_relation(root: Token) -> Relation | None:
    """The "after/before/following" relation that dates this trigger against another event, if any."""
    # 1. A preposition on the trigger: "severed ties following the visit", "the strike two days after the vote".
    for c in root.children:
        word = c.lower_
        if c.dep_ == "prep" and word in RELATION_WORDS and word != "since":
            objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
            if word in ("ahead", "prior") and not objs:
                objs = [o for g in c.children if g.dep_ == "prep" for o in g.children if o.dep_ == "pobj"]
            if not objs:
                continue
            obj = objs[0]
            offset_toks = _offset_tokens(c)
            low, high = offset_span(offset_toks) or (0, 0)
            first = min([c.i, *[t.i for t in offset_toks]])
            return Relation(RELATION_WORDS[word], low, high, obj.i, (obj.left_edge.i, obj.right_edge.i + 1),
                            (first, c.i + 1), reverse=False)
    # 2. A subordinate clause on the trigger: "the talks collapsed days after the envoys arrived".
    for c in root.children:
        if c.dep_ == "advcl":
            mark = next((m for m in c.children if m.dep_ in ("mark", "prep") and m.lower_ in RELATION_WORDS
                         and m.lower_ != "since"), None)
            if mark is None:
                continue
            offset_toks = _offset_tokens(mark) + [t for d in c.children if d.dep_ == "npadvmod" and d.i < mark.i
                                                  for t in d.subtree]
            low, high = offset_span(offset_toks) or (0, 0)
            first = min([mark.i, *[t.i for t in offset_toks]])
            return Relation(RELATION_WORDS[mark.lower_], low, high, c.i, None, (first, mark.i + 1), reverse=False)
    # 3. The trigger heads such a clause: "... comes just days after they met in X" dates "met" before its head.
    if root.dep_ == "advcl":
        mark = next((m for m in root.children if m.dep_ in ("mark", "prep") and m.lower_ in RELATION_WORDS
                     and m.lower_ != "since"), None)
        if mark is not None:
            offset_toks = _offset_tokens(mark) + [t for d in root.children if d.dep_ == "npadvmod" and d.i < mark.i
                                                  for t in d.subtree]
            low, high = offset_span(offset_toks) or (0, 0)
            first = min([mark.i, *[t.i for t in offset_toks]])
            return Relation(-RELATION_WORDS[mark.lower_], low, high, root.head.i, None, (first, mark.i + 1),
                            reverse=True)
    return None


def apply_relation(anchor: EventDate, rel: Relation) -> ParsedDate | None:
    """The date an event has when it lies ``rel`` away from an anchor event with a known date."""
    if anchor.value is None:
        return None
    start = anchor.range_start or anchor.value
    end = anchor.range_end or anchor.value
    if rel.low == rel.high == 0:
        if anchor.precision in ("published", "unknown"):
            return None  # "following the approval", itself undated: nothing more is known than the paper's date
        return ParsedDate(anchor.value, anchor.precision, anchor.range_start, anchor.range_end, "relative")
    if rel.direction > 0:
        new_start, new_end = start + timedelta(days=rel.low), end + timedelta(days=rel.high)
    else:
        new_start, new_end = start - timedelta(days=rel.high), end - timedelta(days=rel.low)
    days = (new_end - new_start).days + 1
    precision = "day" if days <= 1 else "week" if days <= 10 else "month" if days <= 62 else "year"
    return ParsedDate(new_start, precision, new_start, new_end, "relative")


def mark_history(event_date: EventDate, published: date | None, history_days: int) -> EventDate:
    """History: the latest day the text allows lies more than ``history_days`` before publication."""
    if published is None or event_date.value is None or event_date.precision == "published":
        return event_date
    latest = event_date.range_end or event_date.value
    if "since" in event_date.rule:
        latest = event_date.value
    if latest < published - timedelta(days=history_days):
        return replace(event_date, historical=True)
    return event_date


def published_date(analysis: Analysis) -> EventDate:
    published = analysis.article.published
    if published is None:
        return EventDate(None, "unknown", rule="no-publication-date")
    return EventDate(published, "published", range_start=None, range_end=None, rule="published")


def candidate_index_at(candidates: list[EventCandidate], token: int, skip: int) -> int | None:
    for ci, cand in enumerate(candidates):
        if ci != skip and cand.trigger[0] <= token < max(cand.trigger[1], cand.trigger[0] + 1):
            return ci
    return None


def candidate_in(candidates: list[EventCandidate], analysis: Analysis, span: tuple[int, int], skip: int,
                 prefer: int) -> int | None:
    """The candidate whose trigger lies inside a token range, preferring the one nearest ``prefer``."""
    best: tuple[int, int] | None = None
    for ci, cand in enumerate(candidates):
        if ci == skip:
            continue
        root = trigger_root(analysis, cand.trigger)
        if span[0] <= root.i < span[1]:
            key = (abs(root.i - prefer), ci)
            if best is None or key < best:
                best = key
    return best[1] if best else None
