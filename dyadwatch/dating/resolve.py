"""Give every event candidate of an analysis its ``EventDate`` (the work behind the ``dates`` stage).

Two passes: first each candidate's own words (date in its clause, "when" clause, coordination); then relations
to other events ("days after the meeting"), repeated so that chains settle (an anchor dated by its own relation).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dyadwatch.dating.attach import (
    Relation,
    anniversary_years,
    apply_relation,
    attached_dates,
    candidate_in,
    candidate_index_at,
    find_relation,
    history_construction,
    is_past_perfect,
    mark_history,
    mention_span,
    offset_span,
    on_the_eve,
    owned_by_nominals,
    past_occasion,
    then_title,
    to_event_date,
    trigger_root,
)
from dyadwatch.dating.expressions import ParsedDate, month_end
from dyadwatch.dating.mentions import DateMention, find_date_mentions, is_future
from dyadwatch.dating.published import find_publication_date
from dyadwatch.dating.quotes import previous_statement
from dyadwatch.dating.statements import ongoing, statement_chain
from dyadwatch.dating.story import continued_from, day_before, episode_from, story_anchor
from dyadwatch.dating.structure import aimed_from, enclosing, ended_occasion, fine_enough, first_link, governors
from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of
from dyadwatch.records import EventDate

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.document.analysis import Analysis


def publication_date(analysis: Analysis) -> date | None:
    """Input metadata first; else a dateline or "This story is from <date>" line of the text."""
    if analysis.article.published is not None:
        return analysis.article.published
    return find_publication_date(analysis.article.text)


def _clause_date(analysis: Analysis, root: Token, mentions: list[DateMention], exclude: set[int],
                 nominal: bool) -> EventDate | None:
    """A date expression in the clause (or noun phrase) of ``root``."""
    found = attached_dates(root, mentions, nominal, exclude, publication_date(analysis))
    if not found:
        return None
    _, m = found[0]
    assert m.parsed is not None
    parsed = _eve(analysis, m, m.parsed)
    return to_event_date(analysis, parsed, mention_span(analysis, m), f"expression:{parsed.rule}"
                         + (":since" if m.since else ""))


def _eve(analysis: Analysis, m: DateMention, parsed: ParsedDate) -> ParsedDate:
    """"on the eve of the 3 October summit": the day before the day the phrase names (a year or a month stays:
    the eve is in it but for its first day, and the coarse date is the one the text gives)."""
    if parsed.precision != "day" or parsed.value is None or not on_the_eve(trigger_root(analysis, (m.start, m.end))):
        return parsed
    day = parsed.value - timedelta(days=1)
    return ParsedDate.period(day, day, "day", f"{parsed.rule}:eve")


def _when_clause(analysis: Analysis, root: Token, mentions: list[DateMention]) -> EventDate | None:
    """"since 1949, when forces retreated": a clause that hangs from a date takes that date; so does a relative
    clause with no relative word on a date ("the day he arrived", and "On 13 May of that year he won", which the
    parser reads so)."""
    if root.dep_ not in ("relcl", "advcl", "acl"):
        return None
    contact = root.dep_ == "relcl" and not any(c.tag_ in ("WDT", "WP", "WRB") or c.lower_ == "that"
                                               for c in dependents(root))
    if not contact and not any(c.lower_ in ("when", "as") for c in dependents(root)):
        return None
    for m in mentions:
        if m.contains(head_of(root).i) and m.parsed is not None:
            return to_event_date(analysis, m.parsed, mention_span(analysis, m), f"when-clause:{m.parsed.rule}")
    return None


def date_candidates(analysis: Analysis, history_days: int = 30) -> None:
    """Set ``candidate.date`` on every candidate of ``analysis`` (and ``notes["date_anchor"]`` when relative)."""
    if analysis.doc is None or not analysis.candidates:
        return
    published = publication_date(analysis)
    fallback = (
        EventDate(published, "published", rule="published")
        if published is not None
        else EventDate(None, "unknown", rule="no-publication-date")
    )
    by_sentence: dict[int, list[DateMention]] = {}
    for si in {c.sentence_index for c in analysis.candidates}:
        if 0 <= si < len(analysis.sentences):
            by_sentence[si] = find_date_mentions(analysis, analysis.sentence_tokens(si), published)
    _glossed_weekdays(analysis, by_sentence)
    _years_earlier_in_story(analysis, by_sentence, published)
    day_before(analysis, by_sentence, published)
    all_mentions = [m for ms in by_sentence.values() for m in ms]
    owned = owned_by_nominals(analysis, all_mentions)

    own: dict[int, EventDate] = {}
    roots = [trigger_root(analysis, c.trigger) for c in analysis.candidates]
    for ci, cand in enumerate(analysis.candidates):
        mentions = by_sentence.get(cand.sentence_index) or find_date_mentions(
            analysis, analysis.sentence_tokens(analysis.sentence_of(roots[ci].i)), published)
        exclude = {start for start, owner in owned.items() if owner != ci}
        found = _clause_date(analysis, roots[ci], mentions, exclude, cand.nominal) or _when_clause(
            analysis, roots[ci], mentions)
        if found is not None:
            own[ci] = _shifted(analysis, roots[ci], mentions, found)

    # Dates that reach an event along the structure of its sentence (coordination, complements, support verbs).
    chains = {ci: governors(root) for ci, root in enumerate(roots) if ci not in own}
    inherited: dict[int, EventDate] = {}
    for ci, chain in chains.items():
        exclude = {start for start, owner in owned.items() if owner != ci}
        mentions = by_sentence.get(analysis.candidates[ci].sentence_index, [])
        found = _governed(analysis, chain, mentions, exclude)
        if found is not None:
            inherited[ci] = _shifted(analysis, roots[ci], mentions, found)

    # Relations to other events, after own dates are known; a few rounds let chains settle.
    relations = {ci: None if ongoing(root) else find_relation(root) for ci, root in enumerate(roots) if ci not in own}
    resolved: dict[int, EventDate] = {**inherited, **own}
    for _ in range(3):
        changed = False
        for ci, rel in relations.items():
            if rel is None or ci in own or _circular(analysis, ci, rel, relations, own):
                continue
            anchor_date, anchor_index = _anchor(analysis, ci, rel, resolved, by_sentence, published, fallback)
            if anchor_date is None or _before_a_coming_date(anchor_date, rel, published):
                continue
            parsed = apply_relation(anchor_date, rel)
            if parsed is None:
                continue
            span = analysis.span(*rel.span)
            new = EventDate(parsed.value, parsed.precision, span.text, span, range_start=parsed.range_start,
                            range_end=parsed.range_end,
                            rule=f"relative:{'before' if rel.direction < 0 else 'after'}:{anchor_date.rule}")
            if resolved.get(ci) != new:
                resolved[ci] = new
                changed = True
            if anchor_index is not None:
                analysis.candidates[ci].notes["date_anchor"] = anchor_index
        if not changed:
            break
    _from_governing_events(analysis, chains, resolved)
    _stated(analysis, roots, resolved, by_sentence, owned)
    _quoted(analysis, roots, resolved, by_sentence, published)
    _story_offsets(analysis, roots, resolved, by_sentence, published)
    _continued(analysis, roots, resolved, by_sentence, published)
    before_old: dict[int, EventDate] = {}
    for ci, root in enumerate(roots):
        if ci in resolved:
            continue
        heading = _heading_date(analysis, by_sentence.get(analysis.candidates[ci].sentence_index, []))
        if heading is not None:
            resolved[ci] = heading
            continue
        if anniversary_years(root) is not None:
            continue  # "marked the 50th anniversary of the coup": the count dates the coup, not the marking's date
        exclude = {start for start, owner in owned.items() if owner != ci}
        found = _enclosing_date(analysis, root, by_sentence.get(analysis.candidates[ci].sentence_index, []),
                                exclude, timedelta(days=history_days))
        if found is None:
            aim = _aim_date(analysis, root, by_sentence.get(analysis.candidates[ci].sentence_index, []), exclude)
            if aim is not None and aim.value is not None and published is not None \
                    and (aim.range_end or aim.value) < published - timedelta(days=history_days):
                resolved[ci] = aim  # an old story's plan or aim is dated as that story (see ``_aim_date``)
                continue
            end = _occasion_end(analysis, root, by_sentence.get(analysis.candidates[ci].sentence_index, []),
                                exclude)
            if end is not None:
                before_old[ci] = end  # inside an occasion that ended then: before it, by an unknown span
            continue
        event_date, earlier = found
        if earlier or event_date.precision in ("day", "week"):
            before_old[ci] = event_date  # only a bound: told as before it, or just around a day
        else:
            resolved[ci] = event_date

    for ci, cand in enumerate(analysis.candidates):
        root = roots[ci]
        event_date = resolved.get(ci, fallback)
        history = history_construction(root)
        if history and event_date.precision in ("published", "unknown"):
            event_date = replace(event_date, historical=True, rule=f"{event_date.rule}:{history}")
        elif history:
            event_date = replace(event_date, rule=f"{event_date.rule}:{history}")
        if is_past_perfect(root, cand.notes) and event_date.precision == "published":
            event_date = replace(event_date, rule="published:past-perfect")
            if published is not None:
                event_date = replace(event_date, range_start=None, range_end=None)
        if event_date.value is not None and published is not None and event_date.value > published \
                and cand.type.plover == "AGREE" and is_future(root, cand.notes):
            event_date = _announced(analysis, root, by_sentence.get(cand.sentence_index, []), fallback, event_date)
        event_date = mark_history(event_date, published, history_days)
        if history:
            event_date = replace(event_date, historical=True)
        if event_date.precision == "published" and not event_date.historical and past_occasion(root):
            event_date = replace(event_date, historical=True, rule=f"{event_date.rule}:past-occasion")
        if event_date.precision == "published" and not event_date.historical:
            event_date = _anniversary(event_date, root, resolved, roots, ci) \
                or _history_bound(event_date, before_old.get(ci), root, published, history_days)
        cand.date = event_date


def _announced(analysis: Analysis, root: Token, mentions: list[DateMention], fallback: EventDate,
               coming: EventDate) -> EventDate:
    """A plan coded as an agreement ("is scheduled to travel to X on Wednesday", "will meet Y on Friday": AGREE, as
    the PLOVER manual codes a future meeting) is dated when it was announced, the date of the verb of saying that
    reports it, else the publication date; the coming day is when the planned act will be, not the agreement's
    (the audit standard, docs/audit.md). The rule keeps the coming date's rule after ``planned:``."""
    chain = statement_chain(root)
    said = _governed(analysis, chain, mentions, set()) if chain else None
    if said is not None and said.value is not None and said.value <= (fallback.value or said.value):
        return replace(said, rule=f"{said.rule}:planned:{coming.rule}")
    return replace(fallback, rule=f"{fallback.rule}:planned:{coming.rule}")


def _stated(analysis: Analysis, roots: list[Token], resolved: dict[int, EventDate],
            by_sentence: dict[int, list[DateMention]], owned: dict[int, int]) -> None:
    """An act still undated that a verb of saying reports takes the date of the saying ("said on Tuesday it would
    meet X", "told reporters Monday it rejects the ruling"; see ``dyadwatch.dating.statements``)."""
    for ci, root in enumerate(roots):
        if ci in resolved:
            continue
        chain = statement_chain(root)
        if not chain:
            continue
        exclude = {start for start, owner in owned.items() if owner != ci}
        found = _governed(analysis, chain, by_sentence.get(analysis.candidates[ci].sentence_index, []), exclude)
        if found is not None:
            resolved[ci] = found


def _quoted(analysis: Analysis, roots: list[Token], resolved: dict[int, EventDate],
            by_sentence: dict[int, list[DateMention]], published: date | None) -> None:
    """An act still undated in a sentence that names no time and continues the statement of the sentence before
    (a quotation that goes on, "he added") takes that statement's date (see ``dyadwatch.dating.quotes``; rule
    ``quote-continues:...`` or ``speaker-continues:...``)."""
    for ci, root in enumerate(roots):
        si = analysis.candidates[ci].sentence_index
        if ci in resolved or si < 1 or any(m.parsed is not None or m.offset for m in by_sentence.get(si, [])):
            continue
        found = previous_statement(analysis, si, root)
        if found is None:
            continue
        verb, how = found
        sj = analysis.sentence_of(verb.i)
        if sj not in by_sentence:
            by_sentence[sj] = find_date_mentions(analysis, analysis.sentence_tokens(sj), published)
        link = f"{how}-continues"
        chain = [(verb, link), *((tok, f"{link}+{path}") for tok, path in governors(verb))]
        dated = _governed(analysis, chain, by_sentence[sj], set())
        if dated is not None:
            resolved[ci] = dated


def _before_a_coming_date(anchor: EventDate, rel: Relation, published: date | None) -> bool:
    """"will not sign the pact before the referendum in May": an act placed before a point still to come is
    a plan or a wish stated now; the point says nothing of when it was stated (the statement's date, or the
    publication date, stands)."""
    return rel.direction < 0 and published is not None and anchor.value is not None and anchor.value > published


def _story_offsets(analysis: Analysis, roots: list[Token], resolved: dict[int, EventDate],
                   by_sentence: dict[int, list[DateMention]], published: date | None) -> None:
    """"In 1879, Lima signed a secret pact with La Paz. Some weeks later, Chilean marines landed": a bare "<span>
    later / earlier" with nothing in its own sentence to count from counts from the story's time, the last date
    that names its year in the few sentences before (``story.story_anchor``) (rule ``relative:later:story:...``)."""
    for ci, root in enumerate(roots):
        si = analysis.candidates[ci].sentence_index
        mentions = by_sentence.get(si, [])
        if ci in resolved or not any(m.offset for m in mentions) \
                or any(m.parsed is not None and not m.offset for m in mentions):
            continue
        anchor = story_anchor(analysis, si, by_sentence, published)
        if anchor is None:
            continue
        shifted = _shifted(analysis, root, mentions, anchor)
        if shifted.rule != anchor.rule:  # "<span> later" moved it (``_shifted`` names the relation)
            resolved[ci] = replace(shifted, rule=shifted.rule.replace(anchor.rule, f"story:{anchor.rule}", 1))


def _years_earlier_in_story(analysis: Analysis, by_sentence: dict[int, list[DateMention]],
                            published: date | None) -> None:
    """"In 2019, Chile expelled Peru's envoy. Two years earlier, Peru had expelled ...": "<N> years earlier" reads
    as "years ago" only with nothing to count from (``mentions``); when the sentences before name a story's year,
    it counts back from that year, as "two years later" counts on (``_story_offsets``)."""
    assert analysis.doc is not None
    doc = analysis.doc
    for si, mentions in by_sentence.items():
        for k, m in enumerate(mentions):
            if m.parsed is None or m.offset or doc[m.end - 1].lower_ != "earlier" \
                    or not m.parsed.rule.startswith(("years-ago", "decades-ago")):
                continue
            if story_anchor(analysis, si, by_sentence, published) is not None:
                mentions[k] = DateMention(m.start, m.end, None, True, False)


def _continued(analysis: Analysis, roots: list[Token], resolved: dict[int, EventDate],
               by_sentence: dict[int, list[DateMention]], published: date | None) -> None:
    """A plain past sentence with no time of its own that goes on with a retold story ("In 2016, Lima
    offered the families a payment. The families declined.") is dated in that story's year or month (see
    ``story.continued_from``)."""
    for ci, root in enumerate(roots):
        if ci in resolved:
            continue
        found = continued_from(analysis, ci, root, resolved, by_sentence, published) \
            or episode_from(analysis, ci, root, resolved, by_sentence, published)
        if found is not None:
            resolved[ci] = found


def _glossed_weekdays(analysis: Analysis, by_sentence: dict[int, list[DateMention]]) -> None:
    """"were arrested on Friday [3 May]": a weekday that ends a sentence right before a bracketed date opening the
    next one (``mentions.bracket_gloss``: the splitter cut there) is that date, as "Friday (April 14)" is."""
    for si, mentions in by_sentence.items():
        before = by_sentence.get(si - 1)
        if not mentions or not before or before[-1].parsed is None \
                or before[-1].parsed.rule not in ("weekday", "today"):
            continue
        gloss = mentions[0]
        if gloss.parsed is not None and gloss.end < len(analysis.doc or ()) and analysis.doc[gloss.end].text in (
                "]", ")") and before[-1].end == gloss.start - 1:
            last = before[-1]
            before[-1] = DateMention(last.start, last.end, gloss.parsed, last.offset, last.since)


def _heading_date(analysis: Analysis, mentions: list[DateMention]) -> EventDate | None:
    """A chronology line: a date that opens the sentence, set off by a dash or a colon, heads every act in it
    ("2004 - Troops close the northern crossing", "March 3-5: Crowds block the roads")."""
    assert analysis.doc is not None
    doc = analysis.doc
    for m in mentions[:1]:
        sent = doc[m.start].sent
        bracket = doc[sent.start].text in ("[", "(")
        first = sent.start + (1 if doc[sent.start].text in ("--", "-", "[", "(") else 0)
        if m.start != first or m.end >= sent.end or m.parsed is None or m.parsed.value is None:
            return None
        # "[3 May] as troops fired on the marchers": an editor's date in brackets, cut off from the weekday it
        # glosses by the sentence splitter, heads what follows like a chronology line's date.
        if doc[m.end].text in ("-", "--", ":", "\u2013", "\u2014") or (bracket and doc[m.end].text in ("]", ")")):
            return to_event_date(analysis, m.parsed, mention_span(analysis, m), f"heading:expression:{m.parsed.rule}")
    return None


def _enclosing_date(analysis: Analysis, root: Token, mentions: list[DateMention],
                    exclude: set[int], old: timedelta) -> tuple[EventDate, bool] | None:
    """The date of the nearest past verb above an undated event whose clause names one (``structure.enclosing``).

    Returns the date and whether a pluperfect lies between (then the event is only known to be before it). A
    day older than ``old`` before publication gives its month: what is told inside its story happened around it.
    """
    published = publication_date(analysis)
    for verb, earlier in enclosing(root):
        found = attached_dates(verb, mentions, False, exclude, published)
        if not found:
            continue
        _, m = found[0]
        assert m.parsed is not None
        if m.since:
            return None  # what has gone on since a date is ongoing: no period to share
        parsed = m.parsed
        if parsed.precision in ("day", "week") and not earlier and published is not None \
                and parsed.value is not None and (parsed.range_end or parsed.value) < published - old:
            # told inside the story of an old dated day ("the passage on 29 May 1970 of a law which barred ..."):
            # around that day, so in its month as a rule, as a ``sequence`` link reads it (a bound when the month
            # is open). A recent day ("on Wednesday") stays a bound: the publication date says as much.
            parsed = _coarsened(parsed, "enclosing") or parsed
        return to_event_date(analysis, parsed, mention_span(analysis, m),
                             f"enclosing:expression:{parsed.rule}"), earlier
    return None


def _aim_date(analysis: Analysis, root: Token, mentions: list[DateMention], exclude: set[int]) -> EventDate | None:
    """The date of the nearest dated past verb whose plan or aim the event is (``structure.aimed_from``).

    Used only when that date is old: "In 1994 the informer wrote to the police, saying he wanted to **sell**
    names" is dated 1994 as a reader dates it (an intention is dated when it was voiced, as CAMEO dates intent),
    and flagged historical; a recent aim keeps the publication date, since what it aims at lies ahead."""
    published = publication_date(analysis)
    for verb in aimed_from(root):
        found = attached_dates(verb, mentions, False, exclude, published)
        if found:
            m = found[0][1]
            if m.since or m.parsed is None:
                return None
            return to_event_date(analysis, m.parsed, mention_span(analysis, m), f"aim-of:expression:{m.parsed.rule}")
    return None


def _anniversary(event_date: EventDate, root: Token, resolved: dict[int, EventDate], roots: list[Token],
                 ci: int) -> EventDate | None:
    """An event whose anniversary the sentence marks lies that many whole years before the marking.

    "On Sunday, Chileans marked the 50th anniversary of the **coup**": the coup is 50 years before Sunday (its
    year; the day of a commemoration is not always the day of the event). The marking is the date of the verb
    that carries "anniversary" when that verb is an event, else publication. With no count ("the anniversary of
    the raid") the event is at least a year old: historical, publication date kept.
    """
    years = anniversary_years(root)
    if years is None or event_date.value is None:
        return None
    if years == 0:
        return replace(event_date, historical=True, rule=f"{event_date.rule}:anniversary")
    noun = root
    for _ in range(4):
        if noun.lemma_.lower() == "anniversary" or head_of(noun).i == noun.i:
            break
        noun = head_of(noun)
    verb = head_of(noun)
    ref = next((resolved[i] for i, r in enumerate(roots) if i != ci and i in resolved and r.i == verb.i), None)
    base = ref.value if ref is not None and ref.value is not None and ref.precision in ("day", "week") \
        else event_date.value
    try:
        start = date(base.year - years, 1, 1)
    except ValueError:
        return None
    return EventDate(start, "year", event_date.text, event_date.span, range_start=start,
                     range_end=date(start.year, 12, 31), rule=f"anniversary:{years}", historical=True)


def _history_bound(event_date: EventDate, bound: EventDate | None, root: Token, published: date | None,
                   history_days: int) -> EventDate:
    """Flag an event history when the text bounds it in the past without dating it.

    Two bounds: a dated verb it is told as before ("In 2019, Kenya deported refugees who **had fled** the war";
    an act "around" a dated day, within it only if that day is itself old), and a "then-" title on its actor
    ("**then-President** Obama visited Cuba": the actor no longer holds the office, so the act is retold).
    """
    if bound is not None and published is not None and bound.value is not None:
        latest = bound.range_end or bound.value
        if latest < published - timedelta(days=history_days):
            return replace(event_date, historical=True, rule=f"{event_date.rule}:before:{bound.rule}")
    if then_title(root):
        return replace(event_date, historical=True, rule=f"{event_date.rule}:then-title")
    return event_date


def _shifted(analysis: Analysis, root: Token, mentions: list[DateMention], found: EventDate) -> EventDate:
    """"removed in April, and he was arrested months later": a bare "<span> later/earlier" on the event moves
    the date it took from its governor by that span (the governor's date is the reference point)."""
    assert analysis.doc is not None
    doc = analysis.doc
    for m in mentions:
        if not m.offset:
            continue
        inside = doc[m.end - 1].lower_ in ("later", "earlier")
        if not inside and m.end >= len(doc):
            continue
        word = doc[m.end - 1] if inside else doc[m.end]
        if word.lower_ not in ("later", "earlier") or head_of(word).i != root.i:
            continue
        span = offset_span([t for t in doc[m.start:m.end] if t.i != word.i]) or (1, 365)
        rel = Relation(1 if word.lower_ == "later" else -1, span[0], span[1], None, None, (m.start, word.i + 1),
                       reverse=False)
        parsed = _whole_years(found, rel) or apply_relation(found, rel)
        if parsed is None:
            return found
        where = analysis.span(m.start, word.i + 1)
        return EventDate(parsed.value, parsed.precision, where.text, where, range_start=parsed.range_start,
                         range_end=parsed.range_end, rule=f"relative:{word.lower_}:{found.rule}")
    return found


def _whole_years(found: EventDate, rel: Relation) -> ParsedDate | None:
    """"two years later" from a year is a later year, not a run of 730 days from its first day."""
    if found.precision not in ("year", "decade") or found.value is None or rel.low != rel.high \
            or rel.low % 365 or not rel.low:
        return None
    years = rel.direction * rel.low // 365
    start = (found.range_start or found.value).replace(month=1, day=1)
    end = (found.range_end or found.value).replace(month=12, day=31)
    start, end = start.replace(year=start.year + years), end.replace(year=end.year + years)
    return ParsedDate(start, "year" if start.year == end.year else found.precision, start, end, "relative")


def _governed(analysis: Analysis, chain: list[tuple[Token, str]], mentions: list[DateMention],
              exclude: set[int]) -> EventDate | None:
    """The date phrase of the nearest governing predicate that has one (see ``dyadwatch.dating.structure``)."""
    published = publication_date(analysis)
    for tok, path in chain:
        found = attached_dates(tok, mentions, tok.pos_ in ("NOUN", "PROPN"), exclude, published)
        if found:
            _, m = found[0]
            assert m.parsed is not None
            parsed = _eve(analysis, m, m.parsed) if fine_enough(path, m.parsed.precision) \
                else _coarsened(m.parsed, path)
            if parsed is None:
                return None
            since = m.since or "since-clause" in path.split("+")
            return to_event_date(analysis, parsed, mention_span(analysis, m),
                                 f"{path}:expression:{parsed.rule}" + (":since" if since else ""))
    return None


def _coarsened(parsed: ParsedDate, path: str) -> ParsedDate | None:
    """A day or week seen through a ``sequence`` link ("taken prisoner on 4 June 2008 after being hurt"): the act
    lies just before or after it, so its day is not known; told as the step before or after, it is in the same
    month as a rule (a reader dates it there), the year when the month cannot be told. A ``reaction`` to a dated
    act ("denounced the raid conducted on 9 August") is told as following it at once: its month too."""
    if parsed.value is None:
        return None
    start, end = parsed.range_start or parsed.value, parsed.range_end or parsed.value
    if (start.year, start.month) == (end.year, end.month):
        first = start.replace(day=1)
        return ParsedDate(first, "month", first, month_end(first.year, first.month), f"{parsed.rule}:month")
    if start.year != end.year:
        return None
    return ParsedDate(date(start.year, 1, 1), "year", date(start.year, 1, 1), date(start.year, 12, 31),
                      f"{parsed.rule}:year")


def _from_governing_events(analysis: Analysis, chains: dict[int, list[tuple[Token, str]]],
                           resolved: dict[int, EventDate]) -> None:
    """An event still undated takes the date of a governing event dated by a relation ("days after the vote")."""
    for _ in range(2):
        for ci, chain in chains.items():
            if ci in resolved:
                continue
            for tok, path in chain:
                pi = candidate_index_at(analysis.candidates, tok.i, ci)
                if pi is not None and pi in resolved and resolved[pi].precision not in ("published", "unknown") \
                        and fine_enough(path, resolved[pi].precision):
                    resolved[ci] = replace(resolved[pi], rule=f"{first_link(path)}:{resolved[pi].rule}")
                    analysis.candidates[ci].notes["date_anchor"] = pi
                    break


def _circular(analysis: Analysis, ci: int, rel, relations, own) -> bool:  # type: ignore[no-untyped-def]
    """A main clause is not dated from the subordinate clause that is itself dated from it."""
    if rel.reverse or rel.anchor_subtree is not None or rel.anchor_token is None:
        return False
    other = candidate_index_at(analysis.candidates, rel.anchor_token, ci)
    back = relations.get(other) if other is not None else None
    return other is not None and other not in own and back is not None and back.reverse


def _occasion_end(analysis: Analysis, root: Token, mentions: list[DateMention],
                  exclude: set[int]) -> EventDate | None:
    """The date the occasion of the act ended (``structure.ended_occasion``), as a bound for the history flag."""
    clause = ended_occasion(root)
    if clause is None:
        return None
    found = attached_dates(clause, mentions, False, exclude, publication_date(analysis))
    if not found:
        return None
    _, m = found[0]
    if m.parsed is None or m.since:
        return None
    return to_event_date(analysis, m.parsed, mention_span(analysis, m), f"occasion-ended:{m.parsed.rule}")


def _appositive_anchor(analysis: Analysis, rel, mentions: list[DateMention]) -> EventDate | None:  # type: ignore[no-untyped-def]
    """"on 3 March 1982, the day before troops attacked the post": the relation words stand in apposition to the
    date written right before them, so that date, not the main clause's, is what the attack is counted from."""
    assert analysis.doc is not None
    start = rel.span[0]
    if start < 2 or analysis.doc[start - 1].text != ",":
        return None
    for m in mentions:
        if m.end == start - 1 and m.parsed is not None and m.parsed.value is not None and not m.offset \
                and m.parsed.precision == "day":
            return to_event_date(analysis, m.parsed, mention_span(analysis, m), f"appositive-date:{m.parsed.rule}")
    return None


def _anchor(analysis: Analysis, ci: int, rel, resolved: dict[int, EventDate],  # type: ignore[no-untyped-def]
            by_sentence: dict[int, list[DateMention]], published: date | None,
            fallback: EventDate) -> tuple[EventDate | None, int | None]:
    """The date of the event a relation points at: another candidate, a date inside its words, or the day's news.

    The last resort (the main clause has no candidate and no date) is the publication date: "this latest move
    comes days after ..." is news of the day.
    """
    cands = analysis.candidates
    if rel.anchor_subtree is not None:
        other = candidate_in(cands, analysis, rel.anchor_subtree, ci, rel.anchor_token)
        if other is not None:
            return resolved.get(other), other
        for m in by_sentence.get(cands[ci].sentence_index, []):
            if rel.anchor_subtree[0] <= m.start < rel.anchor_subtree[1] and m.parsed is not None and not m.offset:
                rule = f"anchor-date:{m.parsed.rule}"
                return to_event_date(analysis, m.parsed, mention_span(analysis, m), rule), None
        return None, None
    assert rel.anchor_token is not None
    if rel.reverse:
        appositive = _appositive_anchor(analysis, rel, by_sentence.get(cands[ci].sentence_index, []))
        if appositive is not None:
            return appositive, None
    other = candidate_index_at(cands, rel.anchor_token, ci)
    if other is not None and (other in resolved or not rel.reverse):
        return resolved.get(other), other
    if other is not None:  # the main clause's event has no date of its own: it is news of the day
        return (fallback if fallback.value is not None else None), other
    assert analysis.doc is not None
    head = analysis.doc[rel.anchor_token]
    mentions = by_sentence.get(cands[ci].sentence_index, [])
    found = _clause_date(analysis, head, mentions, set(), nominal=False)
    if found is not None:
        return found, None
    if rel.reverse:
        return fallback if fallback.value is not None else None, None
    return None, None
