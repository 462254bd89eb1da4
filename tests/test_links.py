"""The links stage on real parses, with event candidates placed by hand.

The candidates are built here (not by the events stage) so these tests pin the link logic alone: cues,
nominal anaphora, in-article coreference and the plausibility checks for temporal cues.
"""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.config import Settings
from dyadwatch.document.analysis import Analysis, EventCandidate
from dyadwatch.links import corefer
from dyadwatch.pipeline.links_stage import LinksStage
from dyadwatch.records import Actor, EventDate, EventType, TextSpan

PARSE = ("normalise", "parse")
QUAD = {"CONSULT": 1, "REQUEST": 1, "AID": 2, "SUPPORT": 1, "AGREE": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
        "SANCTION": 4, "ASSAULT": 4, "PROTEST": 3}


def actor(country: str | None) -> Actor:
    return Actor(span=TextSpan(0, 0, ""), name=country, country=country)


def cand(a: Analysis, word: str, plover: str, src: str | None, tgt: str | None, *, nth: int = 0,
         nominal: bool = False, day: date | None = None, historical: bool = False) -> EventCandidate:
    """A candidate whose trigger is the ``nth`` token spelled ``word``."""
    assert a.doc is not None
    hits = [t.i for t in a.doc if t.text == word]
    i = hits[nth]
    return EventCandidate(
        sentence_index=a.sentence_of(i),
        trigger=(i, i + 1),
        source=actor(src),
        target=actor(tgt) if tgt else None,
        type=EventType(plover=plover, cameo="000", quad_class=QUAD[plover]),
        nominal=nominal,
        date=EventDate(day, "day", historical=historical) if day else None,
    )


def run(a: Analysis, cands: list[EventCandidate]) -> list[EventCandidate]:
    a.candidates = cands
    LinksStage.from_settings(Settings())(a)
    return a.candidates


def test_links_stage_contract() -> None:
    assert LinksStage.name == "links"
    assert LinksStage.requires == ("candidates",)
    assert LinksStage.assigns == ("candidate_links",)


def test_links_reference_article_rejection_responds_to_arms_approval(make_analysis, reference_text) -> None:
    a = make_analysis(reference_text, stages=PARSE)
    c = [
        cand(a, "declined", "REJECT", "CHN", "USA"),                      # 0
        cand(a, "requested", "REQUEST", "USA", "CHN"),                    # 1
        cand(a, "rejected", "REJECT", "CHN", None),                       # 2
        cand(a, "sale", "AID", "USA", "TWN", nominal=True),               # 3
        cand(a, "refusal", "REJECT", None, None, nominal=True),           # 4
        cand(a, "rejection", "REJECT", None, None, nominal=True),         # 5
        cand(a, "approval", "AID", "USA", "TWN", nominal=True, day=date(2024, 10, 31)),  # 6
        cand(a, "condemned", "ACCUSE", "CHN", "USA"),                     # 7
        cand(a, "deal", "AID", "USA", "TWN", nominal=True),               # 8
        cand(a, "vowing", "THREATEN", "CHN", "USA"),                      # 9
        cand(a, "met", "CONSULT", "USA", "CHN"),                          # 10
        cand(a, "severed", "SANCTION", "CHN", "USA", day=date(2022, 8, 5), historical=True),  # 11
        cand(a, "visit", "CONSULT", "USA", "TWN", nominal=True, day=date(2022, 8, 2), historical=True),  # 12
    ]
    out = run(a, c)
    # The refused meeting (every mention of it) answers the arms approval, the AID event's dated mention.
    for i in (0, 2, 4, 5):
        assert out[i].responds_to == [6], (i, out[i].responds_to, out[i].notes)
    assert [note["cue"] for note in out[0].notes["links"]] == ["citing"]  # the strong cue wins
    # Condemning the deal answers it too.
    assert out[7].responds_to == [6]
    # "This latest move comes just days after Biden and Xi met": sequence inside one dyad, cooperation then
    # conflict -> contrast, not a response.
    assert all(10 not in x.responds_to for x in out)
    # The 2022 story: the severed lines answer the Pelosi visit.
    assert out[11].responds_to == [12]
    # Causes respond to nothing here.
    assert out[6].responds_to == [] and out[10].responds_to == [] and out[12].responds_to == []


@pytest.mark.parametrize(
    ("text", "response", "cause", "cue"),
    [
        ("Iran seized a British tanker on Friday in retaliation for the capture of its own ship.",
         ("seized", "COERCE_", "IRN", "GBR"), ("capture", "COERCE_", "GBR", "IRN"), "in retaliation for"),
        ("In response to the missile launch, Japan lodged a formal protest with North Korea.",
         ("lodged", "PROTEST", "JPN", "PRK"), ("launch", "THREATEN", "PRK", "JPN"), "in response to"),
        ("After Moscow expelled two Estonian diplomats, Tallinn expelled a Russian envoy.",
         ("expelled", "SANCTION", "EST", "RUS", 1), ("expelled", "SANCTION", "RUS", "EST", 0), "after"),
    ],
)
def test_links_cues(make_analysis, text, response, cause, cue) -> None:
    a = make_analysis(text, stages=PARSE)

    def build(spec: tuple) -> EventCandidate:
        word, plover, src, tgt, *nth = spec
        plover = {"COERCE_": "SANCTION"}.get(plover, plover)
        return cand(a, word, plover, src, tgt, nth=nth[0] if nth else 0,
                    nominal=a.doc[[t.i for t in a.doc if t.text == word][nth[0] if nth else 0]].pos_ == "NOUN")

    out = run(a, [build(response), build(cause)])
    assert out[0].responds_to == [1], out[0].notes
    assert out[1].responds_to == []
    assert out[0].notes["links"][0]["cue"] == cue


def test_links_nominal_anaphora_the_rejection_follows_the_approval(make_analysis, reference_text) -> None:
    # Without the "arms sale" mention, the link comes from "The rejection follows the US approval".
    a = make_analysis(reference_text, stages=PARSE)
    out = run(a, [
        cand(a, "declined", "REJECT", "CHN", "USA"),
        cand(a, "rejected", "REJECT", "CHN", None),
        cand(a, "approval", "AID", "USA", "TWN", nominal=True),
    ])
    assert out[0].responds_to == [2] and out[1].responds_to == [2]
    assert out[0].notes["links"][0]["cue"] == "follows"
    assert out[0].notes["links"][0]["evidence"]["text"].startswith("The rejection follows")


def test_links_temporal_cue_is_not_a_response_when_cause_is_later(make_analysis) -> None:
    a = make_analysis("Seoul protested to Tokyo after Japan announced new export curbs.", stages=PARSE)
    out = run(a, [
        cand(a, "protested", "PROTEST", "KOR", "JPN", day=date(2024, 3, 1)),
        cand(a, "announced", "SANCTION", "JPN", "KOR", day=date(2024, 3, 5)),
    ])
    assert out[0].responds_to == []


def test_links_indefinite_noun_is_not_an_anaphor(make_analysis) -> None:
    # "a meeting" introduces a new meeting: it must not be read as the earlier one.
    a = make_analysis("The two leaders met in Lima. Later, Beijing rejected a meeting with Washington.",
                      stages=PARSE)
    out = run(a, [cand(a, "met", "CONSULT", "USA", "CHN"), cand(a, "rejected", "REJECT", "CHN", "USA")])
    assert out[1].responds_to == []


def test_links_corefer_rules() -> None:
    span = TextSpan(0, 0, "")

    def c(plover: str, src: str | None, tgt: str | None, nominal: bool = False) -> EventCandidate:
        return EventCandidate(0, (0, 1), Actor(span, country=src), Actor(span, country=tgt) if tgt else None,
                              EventType(plover, "000"), nominal=nominal)

    assert corefer(c("REJECT", "CHN", "USA"), c("REJECT", None, None, nominal=True))
    assert corefer(c("REJECT", "CHN", "USA"), c("REJECT", "CHN", None))
    assert not corefer(c("REJECT", "CHN", "USA"), c("ACCUSE", "CHN", "USA"))
    assert not corefer(c("REJECT", "CHN", "USA"), c("REJECT", "RUS", "USA"))
    assert not corefer(c("REJECT", None, "USA"), c("REJECT", None, "USA"))  # two verbs, nobody named


def test_share_date_keeps_a_statement_verb_off_a_planned_date() -> None:
    """A verb left on the publication day reports the day's news: the date of the same act planned ahead ("will
    sign it at talks on Tuesday") is not copied onto it, but a noun mention ("the deal") still takes it, and a
    past date is still shared with both."""
    from dyadwatch.links.coreference import share_date

    published = date(2024, 5, 10)

    def mention(nominal: bool, day: date | None = None) -> EventCandidate:
        when = EventDate(day, "day") if day else EventDate(published, "published")
        return EventCandidate(sentence_index=0, trigger=(0, 1), source=actor("FRE"), target=actor("RUR"),
                              type=EventType(plover="AGREE", cameo="057", quad_class=1), nominal=nominal, date=when)

    planned = [mention(False, date(2024, 5, 14)), mention(False), mention(True)]
    share_date(planned, [0, 1, 2], 0)
    assert planned[1].date is not None and planned[1].date.precision == "published"
    assert planned[2].date is not None and planned[2].date.value == date(2024, 5, 14)
    assert planned[2].date.rule == "coref:day"
    past = [mention(False, date(2024, 5, 2)), mention(False), mention(True)]
    share_date(past, [0, 1, 2], 0)
    assert [c.date.value for c in past if c.date] == [date(2024, 5, 2)] * 3


def test_share_date_keeps_a_verbs_day_inside_a_coarser_date() -> None:
    """A month that holds the publication day tells a verb mention nothing new: it keeps its day; a noun still
    takes the month, and a month that ended before publication is still shared with both."""
    from dyadwatch.links.coreference import share_date

    published = date(2024, 5, 20)

    def mention(nominal: bool, when: EventDate | None = None) -> EventCandidate:
        return EventCandidate(sentence_index=0, trigger=(0, 1), source=actor("FRE"), target=actor("RUR"),
                              type=EventType(plover="CONCEDE", cameo="0841", quad_class=1), nominal=nominal,
                              date=when or EventDate(published, "published"))

    this_month = [mention(False, EventDate(date(2024, 5, 1), "month")), mention(False), mention(True)]
    share_date(this_month, [0, 1, 2], 0)
    assert [c.date.precision for c in this_month if c.date] == ["month", "published", "month"]
    last_month = [mention(False, EventDate(date(2024, 4, 1), "month")), mention(False), mention(True)]
    share_date(last_month, [0, 1, 2], 0)
    assert [c.date.value for c in last_month if c.date] == [date(2024, 4, 1)] * 3
