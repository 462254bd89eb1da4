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

from dyadwatch.dating.expressions import NUMBERS, VAGUE, ParsedDate
from dyadwatch.dating.mentions import NOUN_PREMODIFIERS, DateMention, ahead_of, is_future
from dyadwatch.dating.structure import complement_words, tense
from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of
from dyadwatch.document.tree import clause_openers, crosses_clause, tree_path
from dyadwatch.records import EventDate, TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.document.analysis import Analysis, EventCandidate

# Dependency labels that open a new clause: a date beyond one of them dates another predicate.
RELATION_WORDS = MappingProxyType(
    {"after": 1, "following": 1, "since": 1, "before": -1, "ahead": -1, "prior": -1, "preceding": -1}
)
# "in past quarrels", "during previous crises": occasions the adjective says are over.
# "previous / earlier / prior" only before a plural ("in previous rounds"): "at the previous meeting" may be
# last week's.
PAST_ADJECTIVES = frozenset({"past", "former", "bygone"})
SERIES_ADJECTIVES = frozenset({"previous", "earlier", "prior"})
OCCASION_PREPOSITIONS = frozenset({"in", "during", "amid"})
HISTORY_NOUNS = frozenset({"history", "record", "tradition", "habit", "practice", "pattern"})
HABIT_ADVERBS = frozenset({"long", "formerly", "once", "historically"})
ORDINALS = MappingProxyType({word: n for n, word in enumerate(
    ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
     "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split(), start=1)})
DASHES = frozenset({"-", "\u2013", "\u2014"})
PREPOSITIONS = frozenset({"since", "from", "until", "till", "by", "through"})
# Nominal triggers in these roles name what their clause's verb does ("used its veto in April"): the clause's
# date is theirs.
CARRIED_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
# Relative offsets: (fewest, most) days per unit, and the default for a unit with no count ("days after").
UNIT_DAYS = MappingProxyType({"minute": 1, "hour": 1, "day": 1, "week": 7, "month": 30, "year": 365})


def trigger_root(analysis: Analysis, trigger: tuple[int, int]) -> Token:
    assert analysis.doc is not None
    start, end = trigger
    return analysis.doc[start:max(end, start + 1)].root


def is_past_perfect(tok: Token, notes: dict[str, object]) -> bool:
    if notes.get("past_perfect"):
        return True
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in dependents(tok))


def history_construction(tok: Token) -> str | None:
    """"has a history of X-ing", "have long X-ed": habitual, not a dated event of today."""
    for anc in (tok, *list(tok.ancestors)[:6]):
        if anc.lemma_.lower() in HISTORY_NOUNS and head_of(anc).lemma_.lower() == "have":
            return "history-of"
    if any(c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in dependents(tok)):
        return "habitual"
    return None


def past_occasion(tok: Token) -> bool:
    """The act is told as one of a past series: "In past quarrels, Lima has warned it would shut the port", "during
    earlier crises", "in previous rounds of talks". The adjective says the occasions are over, so the act is
    retold, not today's; no date is given, only the flag. The verb of the trigger's clause and the verbs its
    complement or coordination climbs to (at most four links) are read."""
    verb = tok
    for _ in range(4):
        for c in dependents(verb):
            if c.dep_ != "prep" or c.lower_ not in OCCASION_PREPOSITIONS:
                continue
            for noun in dependents(c):
                if noun.dep_ != "pobj" or noun.pos_ != "NOUN":
                    continue
                words = {a.lower_ for a in dependents(noun) if a.dep_ == "amod" and a.i < noun.i}
                if words & PAST_ADJECTIVES or (words & SERIES_ADJECTIVES and noun.tag_ == "NNS"):
                    return True
        if verb.dep_ not in ("xcomp", "conj", "ccomp") or head_of(verb).i == verb.i:
            return False
        verb = head_of(verb)
    return False


def on_the_eve(head: Token) -> bool:
    """The date names the occasion "the eve of" counts back from: "on the eve of 3 May", "on the eve of the 3 May
    vote" (the date before the noun, or the noun's "in / on" phrase)."""
    tok = head
    for _ in range(3):
        if tok.dep_ == "pobj" and head_of(tok).lower_ == "of" and head_of(head_of(tok)).lemma_.lower() == "eve":
            return True
        if tok.dep_ in NOUN_PREMODIFIERS and head_of(tok).pos_ in ("NOUN", "PROPN") and tok.i < head_of(tok).i:
            tok = head_of(tok)
        elif tok.dep_ == "pobj" and head_of(tok).lower_ in ("in", "on") \
                and head_of(head_of(tok)).pos_ in ("NOUN", "PROPN"):
            tok = head_of(head_of(tok))
        else:
            return False
    return False


def then_title(tok: Token) -> bool:
    """The actor of the event bears a "then-" title ("then-President Obama visited Cuba", "X, then president,").

    News writes "then-" before an office its holder no longer holds: the act is told from a time that has
    passed. Only the acting side counts (the subject, the passive's agent, a noun's possessor): "criticised the
    policies of then-President X" may be today's criticism of old policies.
    """
    verb = tok if tok.pos_ in ("VERB", "AUX") else head_of(tok) if head_of(tok).pos_ in ("VERB", "AUX") else None
    sides = [c for c in dependents(tok) if c.dep_ == "poss"]
    if verb is not None and verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in dependents(verb)):
        verb = head_of(verb)  # "then-Secretary X visited Pyongyang and met Kim": the first verb's subject acts
    if verb is not None:
        for c in dependents(verb):
            if c.dep_ in ("nsubj", "nsubjpass"):
                sides.append(c)
            elif c.dep_ == "agent":
                sides.extend(g for g in dependents(c) if g.dep_ == "pobj")
    doc = tok.doc
    for side in sides:
        for t in side.subtree:
            if t.i >= 2 and doc[t.i - 1].text in DASHES and doc[t.i - 2].lower_ == "then":
                return True  # "then-President X" (the parser may hang "then" on the verb)
            if t.lower_ == "then" and t.dep_ == "advmod" and head_of(t).dep_ == "appos":
                return True  # "X, then president, ..."
    return False


def anniversary_years(tok: Token) -> int | None:
    """How many years before its anniversary an event lies: "the 50th anniversary of the coup" (50), "the
    anniversary of the raid" (0: at least one, count unknown); None when the event is no anniversary's."""
    for _ in range(2):
        if tok.dep_ != "pobj" or head_of(tok).lower_ != "of":
            return None
        noun = head_of(head_of(tok))
        if noun.lemma_.lower() == "anniversary":
            for c in dependents(noun):
                if c.dep_ in ("amod", "nummod", "compound") and c.i < noun.i:
                    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", c.lower_)
                    if m:
                        return int(m.group(1))
                    if c.lower_ in ORDINALS:
                        return ORDINALS[c.lower_]
            return 0
        tok = noun  # "the anniversary of the start of the war"
    return None


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
        if path is None or _names_another_act(head, root) or _offset_anchor(head) or _ahead_anchor(head, root):
            continue
        up_date, up_trigger = path
        adjacent = nominal and (m.start in (root.i + 1, root.right_edge.i + 1) or m.end == root.i
                                or _right_after_relation_noun(root, m))
        if up_trigger and not adjacent and not _carried_up(up_trigger, up_date, m, nominal):
            continue  # the date hangs above the trigger: it belongs to a governing predicate
        if crosses_clause(up_date[1:] if up_date else []) and not adjacent \
                and not _through_infinitives(up_date[1:], m, published) and not _through_vehicle(up_date, root) \
                and not _through_participle(up_date[1:], m, root, published) \
                and not _own_participle(up_date[1:], root, nominal):
            continue
        distance = 0 if adjacent else len(up_date) + 2 * len(up_trigger)
        found.append((distance, abs(head.i - root.i), m))
    found.sort(key=lambda x: (x[0], x[1]))
    return [(d, m) for d, _, m in found]


def _ahead_anchor(head: Token, root: Token) -> bool:
    """"will not sign the pact before the referendum in May": the date says when the noun after "before /
    until" happens, the point a planned or wished act is placed before; it is not the act's date (unless the
    act is that noun)."""
    verb = ahead_of(head)
    if verb is None or not is_future(verb):
        return False  # a past act "before the vote in May" is told in that month: the date stays a fair bound
    doc = head.doc
    first = head.left_edge.i
    noun = doc[first - 2] if first >= 2 and doc[first - 1].lower_ in ("in", "on") else head_of(head_of(head))
    return noun.i != root.i and noun.pos_ in ("NOUN", "PROPN")


def _offset_anchor(head: Token) -> bool:
    """"two weeks after 3 March 2011": the date is the point a relation counts from, not the event's date (the
    relation gives that, see ``find_relation``)."""
    prep = head_of(head)
    if head.dep_ != "pobj" or prep.lower_ not in RELATION_WORDS or prep.lower_ == "since":
        return False
    if head_of(prep).lemma_.lower() in UNIT_DAYS and head_of(prep).i < prep.i:
        return True  # "[a year [after 3 May 2010]]": the parser hangs the relation on its span
    return any(t.lemma_.lower() in UNIT_DAYS for t in _offset_tokens(prep))


def _right_after_relation_noun(root: Token, m: DateMention) -> bool:
    """"since the Bolivian incursion in 1995", "after the coup in May": an event noun that is the point of
    reference of "since / after / before" takes the "in / on" date written right after its phrase, wherever
    the parser hung it (the noun phrase is the time the clause is measured from)."""
    doc = root.doc
    gap = root.right_edge.i + 1
    return root.dep_ == "pobj" and head_of(root).lower_ in RELATION_WORDS and m.start == gap + 1 \
        and gap < len(doc) and doc[gap].lower_ in ("in", "on")


def _names_another_act(head: Token, root: Token) -> bool:
    """A date written before a noun deep in the trigger's phrase says which act that noun names, nothing more.

    "demanding a recount of the ballots in the **12 March** referendum": the referendum was on 12 March, the
    demand was not. The date still dates the trigger when its noun is the trigger itself, the trigger's own
    subject or object ("**the 1994** genocide killed ...", "condemned **the 2016** raid": told as the verb's
    own time), or in a chain of prepositional phrases on the trigger, or on the verb that carries a nominal
    trigger ("during **the 2019** talks", "on the eve of **the 2019** vote", "held talks at **the 2019**
    summit": a time adjunct).
    """
    noun = head_of(head)
    if head.dep_ not in NOUN_PREMODIFIERS or head.i > noun.i or noun.pos_ != "NOUN" or noun.i == root.i:
        return False
    if head_of(noun).i == root.i:
        return False
    carrier = head_of(root).i if root.pos_ in ("NOUN", "PROPN") else None
    for _ in range(4):  # a chain of prepositional phrases hanging from the trigger: "on the eve of the 2019 vote"
        if noun.dep_ != "pobj" or head_of(noun).dep_ != "prep":
            return True
        above = head_of(head_of(noun))
        if above.i == root.i or above.i == carrier:
            return False
        noun = above
    return True


def _carried_up(up_trigger: list[Token], up_date: list[Token], m: DateMention, nominal: bool) -> bool:
    """Whether a date hanging above the trigger still governs it (coordination, or an event noun a verb carries)."""
    top = up_trigger[-1]
    common = head_of(top)
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
    if top.dep_ != "prep" or head_of(top).i != root.i or top.lower_ not in complement_words()["vehicle_prepositions"]:
        return False
    openers = clause_openers(path[1:])
    return bool(openers) and all(t.dep_ == "acl" and t.tag_ in ("VBN", "VBG") and head_of(head_of(t)).i == top.i
                                 and not any(c.dep_.startswith("nsubj") for c in dependents(t)) for t in openers)


def _through_participle(path: list[Token], m: DateMention, root: Token, published: date | None) -> bool:
    """A past date at the end of an "-ing" participle on the verb's object dates the verb too.

    "Iran seized a tanker carrying arms to the rebels last June": the parser hangs the trailing date on
    "carrying", but a participle on the object tells what the object was doing when the verb acted, so the
    date is the act's. Likewise a past participle that only describes the object's state ("arrested two men
    tied to the ring in March": ``stative_participles`` in the table). Only subjectless participles, a past verb, and a
    date not after publication; "a deal signed in 2015" tells of an earlier act and is left alone.
    """
    if published is None or m.since or m.parsed is None or m.parsed.value is None or tense(root) != "past":
        return False
    if (m.parsed.range_start or m.parsed.value) > published:
        return False
    openers = clause_openers(path)
    stative = complement_words()["stative_participles"]
    return bool(openers) and all(t.dep_ == "acl" and (t.tag_ == "VBG" or (t.tag_ == "VBN" and t.lower_ in stative))
                                 and head_of(head_of(t)).i == root.i and head_of(t).dep_ in ("dobj", "nsubjpass")
                                 and not any(c.dep_.startswith("nsubj") for c in dependents(t)) for t in openers)


def _own_participle(path: list[Token], root: Token, nominal: bool) -> bool:
    """A participle on the event noun itself that says when the act was done dates it: "a proposal **made on
    Monday**", "the statement, issued in May", "drills held last week" (``making_participles`` and the occurrence
    verbs of the table; the participle has no subject of its own)."""
    if not nominal:
        return False
    openers = clause_openers(path)
    words = complement_words()
    verbs = words["making_participles"] | words["occurrence_verbs"]
    return len(openers) == 1 and all(
        t.dep_ == "acl" and t.tag_ == "VBN" and head_of(t).i == root.i and t.lemma_.lower() in verbs
        and not any(c.dep_.startswith("nsubj") for c in dependents(t)) for t in openers)


def _through_infinitives(path: list[Token], m: DateMention, published: date | None) -> bool:
    """The only clause borders crossed are to-infinitives, and the date is not after publication."""
    if published is None or m.parsed is None or m.parsed.value is None:
        return False
    start = m.parsed.range_start or m.parsed.value
    if start > published:
        return False
    openers = clause_openers(path)
    return all((t.dep_ in ("xcomp", "advcl") or (t.dep_ == "acl" and head_of(t).dep_ == "pobj"))
               and any(c.tag_ == "TO" for c in dependents(t)) for t in openers)


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
            if m.start in (cand.trigger[1], root.i + 1) or m.end == cand.trigger[0] or head_of(head).i == root.i:
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
    """The span words before "after / before": its own modifiers, or a duration the parser hung on the verb right
    before it ("attacked the capital two weeks | after 3 March")."""
    out: list[Token] = []
    for c in dependents(word):
        if c.dep_ in ("npadvmod", "advmod", "nummod", "quantmod") and c.i < word.i:
            out.extend(c.subtree)
    if not out and word.i > 0:
        prev = word.doc[word.i - 1]
        if prev.dep_ == "npadvmod" and head_of(prev).i == head_of(word).i and prev.lemma_.lower() in UNIT_DAYS:
            out.extend(prev.subtree)
    return out


def find_relation(root: Token) -> Relation | None:
    """The "after/before/following" relation that dates this trigger against another event, if any."""
    # 1. A preposition on the trigger: "severed ties following the visit", "the strike two days after the vote".
    for c in dependents(root):
        word = c.lower_
        # (the parser takes "following" for a participle at times: "captured following the 2001 raids")
        if (c.dep_ == "prep" or (c.dep_ == "advcl" and word == "following")) and word in RELATION_WORDS \
                and word != "since":
            objs = [o for o in dependents(c) if o.dep_ in ("pobj", "pcomp", "dobj")]
            if word in ("ahead", "prior") and not objs:
                objs = [o for g in dependents(c) if g.dep_ == "prep" for o in dependents(g) if o.dep_ == "pobj"]
            if not objs:
                continue
            obj = objs[0]
            offset_toks = _offset_tokens(c)
            low, high = offset_span(offset_toks) or (0, 0)
            first = min([c.i, *[t.i for t in offset_toks]])
            return Relation(RELATION_WORDS[word], low, high, obj.i, (obj.left_edge.i, obj.right_edge.i + 1),
                            (first, c.i + 1), reverse=False)
    # 1b. The same relation hung on its span: "[A year [after 3 May]], police arrested ...".
    for c in dependents(root):
        if c.dep_ != "npadvmod" or c.lemma_.lower() not in UNIT_DAYS:
            continue
        for g in dependents(c):
            objs = [o for o in dependents(g) if o.dep_ in ("pobj", "pcomp")]
            if g.dep_ == "prep" and g.lower_ in RELATION_WORDS and g.lower_ != "since" and objs and g.i > c.i:
                offset_toks = [t for t in c.subtree if t.i < g.i]
                low, high = offset_span(offset_toks) or (0, 0)
                return Relation(RELATION_WORDS[g.lower_], low, high, objs[0].i,
                                (objs[0].left_edge.i, objs[0].right_edge.i + 1), (offset_toks[0].i, g.i + 1),
                                reverse=False)
    # 2. A subordinate clause on the trigger: "the talks collapsed days after the envoys arrived".
    for c in dependents(root):
        if c.dep_ == "advcl":
            mark = next((m for m in dependents(c) if m.dep_ in ("mark", "prep") and m.lower_ in RELATION_WORDS
                         and m.lower_ != "since"), None)
            if mark is None:
                continue
            offset_toks = _offset_tokens(mark) + [t for d in dependents(c) if d.dep_ == "npadvmod" and d.i < mark.i
                                                  for t in d.subtree]
            low, high = offset_span(offset_toks) or (0, 0)
            first = min([mark.i, *[t.i for t in offset_toks]])
            return Relation(RELATION_WORDS[mark.lower_], low, high, c.i, None, (first, mark.i + 1), reverse=False)
    # 3. The trigger heads such a clause: "... comes just days after they met in X" dates "met" before its head.
    if root.dep_ == "advcl":
        mark = next((m for m in dependents(root) if m.dep_ in ("mark", "prep") and m.lower_ in RELATION_WORDS
                     and m.lower_ != "since"), None)
        if mark is not None:
            offset_toks = _offset_tokens(mark) + [t for d in dependents(root) if d.dep_ == "npadvmod" and d.i < mark.i
                                                  for t in d.subtree]
            low, high = offset_span(offset_toks) or (0, 0)
            first = min([mark.i, *[t.i for t in offset_toks]])
            return Relation(-RELATION_WORDS[mark.lower_], low, high, head_of(root).i, None, (first, mark.i + 1),
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
