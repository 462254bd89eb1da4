"""Constructed news sentences with one date phrase that, by English grammar, dates every event they state.

Why: the date check on a real corpus counts only what that corpus happens to contain; these sentences put each
structure a date travels along (docs/dates.md: coordination, control, purpose and participle adjuncts,
reported complements, support verbs, the occasion of a statement, concessive clauses, pluperfect chains) in
front of the pipeline, with the date fronted, trailing, a year, a month or both. Written from grammar, not taken
from any evaluation text.

Used by tests/test_dates_structure.py (Hypothesis draws from the same parts) and as a corpus for the check:

    python tests/strategies/dated_news.py /tmp/date-cases/articles.jsonl
    dyadwatch eval /tmp/date-cases/articles.jsonl --dates
"""

from __future__ import annotations

import calendar
import json
import random
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hypothesis import strategies as st

# Countries every actor table names, with the adjective news writes for them.
COUNTRIES = (
    ("Kenya", "Kenyan"), ("Somalia", "Somali"), ("Japan", "Japanese"), ("China", "Chinese"), ("India", "Indian"),
    ("Russia", "Russian"), ("Ukraine", "Ukrainian"), ("Turkey", "Turkish"), ("Iran", "Iranian"),
    ("Israel", "Israeli"), ("Chile", "Chilean"), ("Peru", "Peruvian"), ("Ethiopia", "Ethiopian"),
    ("Egypt", "Egyptian"), ("Sudan", "Sudanese"), ("Vietnam", "Vietnamese"), ("Pakistan", "Pakistani"),
)

# One sentence per structure. {D}: the date phrase fronted ("In December", "Last November"); {t}: the same
# phrase trailing ("in 2011"); {H}: the period heading a chronology line ("March 2011"); {A}/{B}: countries,
# {a}/{b}: their adjectives. Every event verb or event noun of the sentence happens in the named period.
TEMPLATES = (
    ("reported-progressive", "{D}, {A} declared it was suspending trade with {B}."),
    ("reported-pluperfect", "{D}, {A} said {B} had attacked its border posts."),
    ("reported-that", "{D}, {A} reported that {b} forces were shelling its villages."),
    ("passive-chain", "{a} police had arrested and jailed {b} journalists {t}."),
    ("support-purpose", "{D}, {A} staged naval drills with {B} to warn its rivals."),
    ("participle", "{D}, {A} expelled the {b} ambassador, accusing him of spying."),
    ("coordination-trailing", "{a} troops attacked {b} border posts and killed five soldiers {t}."),
    ("concessive", "{D}, {A} accused {B} of aggression, though {B} denied the charge."),
    ("occasion", "In a communique released {t}, {A} condemned {B}."),
    ("control", "{D}, {A} tried to block {b} ships from entering the port."),
    ("support-coordination", "{D}, {A} held talks with {B} and signed a trade agreement."),
    ("pluperfect-coordination", "{A} had imposed sanctions on {B} and frozen its assets {t}."),
    ("purpose", "{D}, {A} sent troops to {B} to protect its embassy."),
    ("coordination-met", "{a} officials met {b} envoys {t} and discussed the border dispute."),
    ("passive", "{D}, {B} was accused by {A} of violating the ceasefire."),
    ("when-clause", "When {A} invaded {B} {t}, {B} cut ties with {A}."),
    ("semicolon", "{D}, {A} struck {b} targets; {B} retaliated with missile attacks."),
    ("subject-participle", "{A}, citing security threats, closed its border with {B} {t}."),
    ("support-in", "{D}, {A} took part in military exercises with {B}."),
    ("occasion-at", "At a summit {t}, {A} and {B} signed a trade agreement."),
    # Structures behind real misses of the sentence reading (docs/dates.md, "Figures"): an event noun deep in
    # relative and participle clauses of a retold act, a "which" clause set off by a dash, a trailing date
    # that the parser hangs on an "-ing" participle of the object, a clause on an event subject saying when it
    # happened.
    ("relative-nested", "{D}, {a} marines boarded a trawler that was trying to evade a {b} embargo."),
    ("dash-which", "{D}, a tribunal ruled against {A} \u2014 which {A} rejected."),
    ("participle-object", "{A} seized a {b} tanker carrying weapons to rebels {t}."),
    ("subject-occasion", "The {a} raid, which took place {t}, killed {b} soldiers."),
    # Round 6 (docs/dates.md, "Figures, round 6"): an auxiliary left out of the second of two passives, under a
    # dated "when" clause; a relative clause with an older year of its own on the subject (it dates only that
    # clause); a comparison "since" an older date inside the act's phrase (a point counted from, not its time).
    ("elided-auxiliary", "Two {a} guards were shot and four {b} porters wounded when a bomb went off at the gate {t}."),
    ("relative-older-year", "The {a} militia, which first appeared in 1990, seized a {b} border town {t}."),
    ("since-comparison", "{D}, {a} jets bombed {b} positions in the heaviest raid since the truce of 1991."),
    # Round 7 (docs/dates.md, "Round 7"): a participle of result carries the act's date; a "where" clause on
    # the place says when "the clash" happened there; an aside between the wire's " _ " dashes.
    ("result-participle", "{a} marines shelled a {b} port, killing nine fishermen {t}."),
    ("where-occasion", "{a} police fired on {b} traders at a bus depot, where the clash occurred {t}."),
    ("wire-dash-aside", "{a} troops _ backed by helicopters _ attacked {b} border posts {t}."),
    ("wire-chronology", "{H} _ {a} troops seize a {b} border town."),
    # Round 8 (docs/dates.md, "Round 8"): a stance or an intent a verb of saying reports is dated when it was
    # said; a participle of saying after the act, or a fronted "Speaking ..." frame, is the act's moment; a plain
    # past sentence that takes up the story of the one before goes on in its period.
    ("statement-intent", "{D}, {A} said it would sign a trade agreement with {B}."),
    ("statement-present", "{D}, {A} told reporters it rejects the {b} claim to the border islands."),
    ("statement-participle", "{A} expelled the {b} ambassador, telling reporters {t} that the decision was final."),
    ("fronted-speaking", "Speaking at a summit {t}, {a} officials accused {B} of arming rebels."),
    ("story-continues", "{D}, {A} offered the families of {b} fishermen compensation. The families declined."),
    # Round 9 (docs/dates.md, "Round 9"): a quotation or a speaker that goes on was said when the statement before
    # it was; a sentence framed by the episode the sentence before told ("In the raid, ...") happened then; an
    # object pronoun takes up the person the story named.
    ("quote-continues", "\"{A} will sign a trade agreement with {B},\" the {a} foreign minister said {t}. "
                        "\"{A} will also lift its sanctions on {B}.\""),
    ("speaker-continues", "{D}, the {a} foreign minister said {A} would reopen its border with {B}. He added that "
                          "{A} would sign a trade agreement with {B}."),
    ("episode-continues", "{D}, {a} troops raided a rebel camp in {B}. In the raid, the {a} army said it killed "
                          "twelve fighters."),
    ("story-object-pronoun", "{D}, {a} police arrested a {b} journalist. Prosecutors charged him with espionage."),
)


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A date phrase in its fronted and trailing forms and the period it names."""

    fronted: str
    trailing: str
    year: int | None  # None: a bare month, in its latest occurrence before publication
    month: int | None


@dataclass(frozen=True, slots=True)
class Case:
    """One constructed sentence, its publication date and the period every event of it falls in."""

    structure: str
    text: str
    published: date
    year: int
    month: int | None


def month_year(month: int, published: date) -> int:
    """The year of a bare month named in a past-tense story: its latest occurrence before publication."""
    return published.year if month < published.month else published.year - 1


def phrase_period(phrase: DatePhrase, published: date) -> tuple[int, int | None]:
    if phrase.year is not None:
        return phrase.year, phrase.month
    assert phrase.month is not None
    return month_year(phrase.month, published), phrase.month


def date_phrase(kind: str, year: int, month: int) -> DatePhrase:
    name = calendar.month_name[month]
    if kind == "year":
        return DatePhrase(f"In {year}", f"in {year}", year, None)
    if kind == "month-year":
        return DatePhrase(f"In {name} {year}", f"in {name} {year}", year, month)
    if kind == "last-month":
        return DatePhrase(f"Last {name}", f"last {name}", None, month)
    return DatePhrase(f"In {name}", f"in {name}", None, month)


def make_case(structure: str, template: str, phrase: DatePhrase, a: tuple[str, str], b: tuple[str, str],
              published: date) -> Case:
    year, month = phrase_period(phrase, published)
    # {H}: the period as a chronology line heads an entry with it ("2011 _", "March 2011 _")
    heading = f"{calendar.month_name[month]} {year}" if month is not None else str(year)
    text = template.format(D=phrase.fronted, t=phrase.trailing, H=heading, A=a[0], a=a[1], B=b[0], b=b[1])
    text = text[0].upper() + text[1:]
    return Case(structure, text, published, year, month)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Hypothesis: one constructed sentence with its period."""
    structure, template = draw(st.sampled_from(TEMPLATES))
    a, b = draw(st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=2, unique=True))
    published = draw(st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 12, 31)))
    kind = draw(st.sampled_from(("year", "month-year", "month", "last-month")))
    year = draw(st.integers(min_value=1995, max_value=published.year - 1))
    month = draw(st.integers(min_value=1, max_value=12))
    if kind == "month" and month >= published.month:
        kind = "last-month"  # a bare month not yet reached this year reads as the coming one
    if kind == "last-month" and month == published.month:
        month = month % 12 + 1
    return make_case(structure, template, date_phrase(kind, year, month), a, b, published)


def constructed(n: int, seed: int = 20) -> list[Case]:
    """``n`` cases drawn with a fixed seed, every structure and every kind of phrase in turn."""
    rng = random.Random(seed)
    kinds = ("year", "month-year", "month", "last-month")
    out: list[Case] = []
    for k in range(n):
        structure, template = TEMPLATES[k % len(TEMPLATES)]
        kind = kinds[(k // len(TEMPLATES)) % len(kinds)]
        a, b = rng.sample(COUNTRIES, 2)
        published = date(rng.randint(2016, 2026), rng.randint(2, 12), rng.randint(1, 28))
        year = rng.randint(1995, published.year - 1)
        month = rng.randint(1, published.month - 1) if kind == "month" else \
            rng.choice([m for m in range(1, 13) if m != published.month])
        out.append(make_case(structure, template, date_phrase(kind, year, month), a, b, published))
    return out


# Sentences around the dated one, as a story has them: a lead in the present, and a closing report dated by a
# weekday. Neither names a year or a month, so the check reads only the constructed sentence's period.
LEADS = ("Relations between {A} and {B} have worsened sharply.", "Tensions between {A} and {B} remain high.")
CLOSINGS = ("On Tuesday, officials in {A} said talks with {B} would resume.",
            "{A} on Monday called for calm, officials said.")


def story(case: Case, n: int) -> str:
    """The case's sentence inside a short story (lead, the sentence, closing)."""
    a = next((c for c, _ in COUNTRIES if case.text.find(c) >= 0), "Kenya")
    b = next((c for c, _ in COUNTRIES if c != a and case.text.find(c) >= 0), "Somalia")
    return " ".join((LEADS[n % len(LEADS)].format(A=a, B=b), case.text,
                     CLOSINGS[n % len(CLOSINGS)].format(A=a, B=b)))


def write_jsonl(path: Path, items: list[Case], stories: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for n, case in enumerate(items):
            text = story(case, n) if stories else case.text
            out.write(json.dumps({"id": f"case-{n:03d}-{case.structure}", "text": text,
                                  "published": case.published.isoformat()}) + "\n")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("date-cases/articles.jsonl")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 240
    write_jsonl(target, constructed(count))
    print(f"{count} constructed cases -> {target}")
