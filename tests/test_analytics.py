"""Relations analytics on a hand-coded corpus: grouping, links, dyad series, strain, alerts, exports, plot.

The corpus (tests/data/relations/corpus.json) is a few short articles written for these tests; its events are
coded by hand, so counts, merges and series values can be asserted exactly, independent of the NLP stages.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analytics import changes, grouping, matching, mentions, series, strain
from dyadwatch.analytics.exports import GDELT_COLUMNS, GDELT_EXTRA, export_events, read_gdelt
from dyadwatch.records import Actor, Article, Event, EventDate, EventLink, EventType, Location, TextSpan, dates
from dyadwatch.store import CodedArticle, open_store

CORPUS = Path(__file__).parent / "data" / "relations" / "corpus.json"


# --- building the hand-coded corpus ------------------------------------------------------------------------------
def _span(text: str, needle: str, nth: int = 0, after: int = 0) -> TextSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1 if start >= 0 else after)
    return TextSpan(start, start + len(needle), needle)


def _sentence(text: str, offset: int) -> tuple[int, TextSpan]:
    starts = [0] + [i + 2 for i in range(len(text) - 1) if text[i] == "." and text[i + 1] == " "]
    index = max(i for i, s in enumerate(starts) if s <= offset)
    end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
    return index, TextSpan(starts[index], end, text[starts[index]:end])


def _actor(text: str, spec: list[Any] | None) -> Actor | None:
    if spec is None:
        return None
    words, country, sector = spec
    return Actor(span=_span(text, words), name=words, country=country, sectors=(sector,) if sector else ())


def coded_article(spec: dict[str, Any], locations: dict[str, Any]) -> CodedArticle:
    text = spec["text"]
    article = Article.create(text, id=spec["id"], published=date.fromisoformat(spec["published"]),
                             source=spec["outlet"], url=f"https://example.org/{spec['id']}")
    ids = [f"ev-{spec['id']}-{k}" for k in range(len(spec["events"]))]
    events = []
    for k, ev in enumerate(spec["events"]):
        trigger = _span(text, ev["trigger"], ev.get("nth", 0))
        index, sentence = _sentence(text, trigger.start)
        rng = ev.get("range")
        loc = locations.get(ev["location"]) if ev.get("location") else None
        events.append(Event(
            event_id=ids[k],
            article_id=article.id,
            sentence_index=index,
            evidence=sentence,
            source=_actor(text, ev["source"]),  # type: ignore[arg-type]
            target=_actor(text, ev.get("target")),
            type=EventType(plover=ev["plover"], cameo=ev["cameo"], mode=ev.get("mode"), context=ev.get("context"),
                           goldstein=ev["goldstein"], quad_class=ev["quad_class"], plover_score=ev["goldstein"]),
            trigger=trigger,
            date=EventDate(
                value=date.fromisoformat(ev["date"]), precision=ev["precision"], historical=ev.get("historical", False),
                range_start=date.fromisoformat(rng[0]) if rng else None,
                range_end=date.fromisoformat(rng[1]) if rng else None,
            ),
            location=Location(**loc) if loc else None,
            negated=ev.get("negated", False),
            links=tuple(EventLink(ids[j]) for j in ev.get("responds_to", [])),
            coder_version="hand-coded",
        ))
    return CodedArticle(article, tuple(events))


def corpus(ids: tuple[str, ...] | None = None) -> list[CodedArticle]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    return [coded_article(a, data["locations"]) for a in data["articles"] if ids is None or a["id"] in ids]


@pytest.fixture()
def store():  # type: ignore[no-untyped-def]
    with open_store(":memory:") as s:
        s.ingest(corpus())
        grouping.update_groups(s)
        yield s


def group_of(store: Any, event_id: str) -> dict[str, Any]:
    row = store.sql("SELECT g.* FROM event_groups g JOIN event_group_members m ON m.group_id = g.group_id "
                    "WHERE m.event_id = ?", [event_id])
    assert len(row) == 1, event_id
    return row.to_dict("records")[0]


# --- grouping ------------------------------------------------------------------------------------------------------
def test_grouping_three_outlets_one_event(store) -> None:
    g = group_of(store, "ev-narcotics-pl-0")
    # Three outlets (one naming the parties in the other order, one dated only "this week") and the follow-up's
    # reference to "the July agreement" are one event.
    for eid in ("ev-narcotics-hd-0", "ev-narcotics-cw-0", "ev-narcotics-followup-1"):
        assert group_of(store, eid)["group_id"] == g["group_id"]
    assert (g["n_mentions"], g["n_articles"], g["n_sources"]) == (4, 4, 3)
    assert pd.Timestamp(g["first_seen"]).date() == date(2024, 7, 17)
    assert pd.Timestamp(g["last_seen"]).date() == date(2024, 8, 20)
    assert pd.Timestamp(g["event_date"]).date() == date(2024, 7, 16) and g["date_precision"] == "day"
    assert (pd.Timestamp(g["date_lo"]).date(), pd.Timestamp(g["date_hi"]).date()) == (date(2024, 7, 15),
                                                                                      date(2024, 7, 17))
    assert g["counted"] and not g["historical"] and g["location_name"] == "Beijing"


def test_grouping_counts_and_reasons(store) -> None:
    groups = grouping.groups(store)
    assert len(groups) == 12
    assert int(groups["n_mentions"].sum()) == 16  # 17 mentions; the negated one is no event
    members = grouping.members(store)
    reasons = dict(zip(members["event_id"], members["reason"], strict=True))
    assert "ev-strain-nov-b-1" not in reasons
    # The two day-precise Beijing reports: one founds the event, the other (parties named the other way round)
    # joins it; then the week-dated report and the follow-up's "July agreement" join.
    founder, joiner = sorted((reasons["ev-narcotics-pl-0"], reasons["ev-narcotics-hd-0"]))
    assert founder.startswith("joined grp-") and joiner.startswith("new event")
    assert "reversed order, symmetric type" in founder and "same place (Beijing)" in founder
    assert "dates overlap (2024-07-19 week vs event 2024-07-15..2024-07-17)" in reasons["ev-narcotics-cw-0"]
    assert "2024-07-01 month" in reasons["ev-narcotics-followup-1"]
    # A city and the country it is in are one place.
    rej = group_of(store, "ev-strain-nov-a-0")
    assert group_of(store, "ev-strain-nov-b-0")["group_id"] == rej["group_id"]
    assert "Vientiane and Laos are in one country" in reasons["ev-strain-nov-a-0"]
    assert (rej["n_mentions"], rej["n_sources"]) == (2, 2)
    # The historical retelling stays an event of 2022, not counted in current series.
    cut = group_of(store, "ev-retelling-1")
    assert cut["historical"] and not cut["counted"]


def test_grouping_is_incremental_and_deterministic() -> None:
    data = corpus()
    with open_store(":memory:") as s:
        for coded in data:  # one article at a time, as a feed would deliver them
            s.ingest([coded])
            grouping.update_groups(s)
        again = grouping.update_groups(s)
        assert again.mentions_new == 0
        incremental = _partition(s)
        # A run interrupted before it marked its articles: the rerun places nothing twice.
        s.con.execute("DELETE FROM grouped_articles")
        assert grouping.update_groups(s).mentions_new == 0
        assert _partition(s) == incremental
        assert int(grouping.groups(s)["n_mentions"].sum()) == 16
        report = grouping.rebuild_groups(s)
        assert report.mentions_new == 16 and report.groups_created == 12
        assert _partition(s) == incremental
    with open_store(":memory:") as s:
        s.ingest(list(reversed(data)))
        grouping.update_groups(s)
        assert _partition(s) == incremental


def test_grouping_report_of_a_late_report() -> None:
    with open_store(":memory:") as s:
        s.ingest(corpus(("narcotics-pl",)))
        first = grouping.update_groups(s)
        assert (first.mentions_new, first.groups_created) == (1, 1)
        s.ingest(corpus(("narcotics-hd", "narcotics-cw")))
        late = grouping.update_groups(s)
        assert (late.groups_created, late.groups_extended, late.mentions_merged) == (0, 1, 2)
        assert len(grouping.groups(s)) == 1


def _partition(s: Any) -> set[frozenset[str]]:
    m = grouping.members(s)
    return {frozenset(v) for _, v in m.groupby("group_id")["event_id"]}


def _row(**kw: Any) -> mentions.MentionRow:
    base = {"event_id": "e", "content_hash": "h", "article_id": "a", "outlet": "o", "published": date(2024, 1, 2),
            "sentence_index": 0, "plover": "AGREE", "cameo": "031", "goldstein": 5.2, "quad_class": 1,
            "source_country": "USA", "target_country": "CHN", "event_date": date(2024, 1, 1),
            "date_precision": "day"}
    base.update(kw)
    return mentions.mention_from_row(base)


def test_grouping_merge_rules() -> None:
    a = _row(event_id="a", location_name="Paris", location_country="FRA", lat=48.85, lon=2.35, geonameid=1)
    far = _row(event_id="b", location_name="Lyon", location_country="FRA", lat=45.75, lon=4.85, geonameid=2,
               plover="AGREE", quad_class=1)
    near = _row(event_id="c", location_name="Versailles", location_country="FRA", lat=48.80, lon=2.13, geonameid=3)
    other_type = _row(event_id="d", plover="CONSULT")
    later = _row(event_id="e", event_date=date(2024, 1, 5))
    reversed_agree = _row(event_id="f", source_country="CHN", target_country="USA")
    reversed_reject = _row(event_id="g", plover="REJECT", source_country="CHN", target_country="USA")
    reject = _row(event_id="h", plover="REJECT")
    groups = matching.assign([a, far, near, other_type, later, reversed_agree, reversed_reject, reject], [])
    part = {frozenset(m.event_id for m in g.members) for g in groups}
    # AGREE is a verbal act: Lyon vs Paris is noted, not binding (see the material-act case below).
    assert part == {frozenset("abcf"), frozenset("d"), frozenset("e"), frozenset("g"), frozenset("h")}
    assert matching.places_compatible(a, far)[0] is False
    aid = {"plover": "AID", "cameo": "070", "quad_class": 2, "goldstein": 7.0}
    strikes = matching.assign([
        _row(event_id="p", location_name="Paris", location_country="FRA", lat=48.85, lon=2.35, geonameid=1, **aid),
        _row(event_id="l", location_name="Lyon", location_country="FRA", lat=45.75, lon=4.85, geonameid=2, **aid),
        _row(event_id="v", location_name="Versailles", location_country="FRA", lat=48.80, lon=2.13, geonameid=3,
             **aid),
    ], [])
    assert {frozenset(m.event_id for m in g.members) for g in strikes} == {frozenset("pv"), frozenset("l")}
    # "A and B signed": one trigger coded in both directions is one joint act; another trigger is another act.
    sup = {"plover": "SUPPORT", "cameo": "057", "quad_class": 1, "goldstein": 8.0, "content_hash": "x"}
    joint = matching.assign([
        _row(event_id="s1", trigger_start=10, **sup),
        _row(event_id="s2", trigger_start=10, source_country="CHN", target_country="USA", **sup),
        _row(event_id="s3", trigger_start=90, source_country="CHN", target_country="USA", **sup),
    ], [])
    assert {frozenset(m.event_id for m in g.members) for g in joint} == {frozenset({"s1", "s2"}), frozenset({"s3"})}
    assert dates.date_window(date(2024, 2, 10), "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert dates.date_window(date(2024, 2, 10), "published") == (date(2024, 2, 7), date(2024, 2, 10))


# --- series and strain ---------------------------------------------------------------------------------------------
def test_series_monthly_values(store) -> None:
    s = series.dyad_series(store, "USA", "CHN", by="month")
    assert list(s["period"]) == [date(2024, m, 1) for m in range(3, 12)]
    assert list(s["events"]) == [1, 0, 1, 0, 1, 1, 1, 0, 4]
    nov = s.iloc[-1]
    assert (nov["q1_verbal_coop"], nov["q2_material_coop"], nov["q3_verbal_conflict"],
            nov["q4_material_conflict"]) == (1, 0, 3, 0)
    assert nov["goldstein_sum"] == pytest.approx(-8.5)
    assert nov["goldstein_mean"] == pytest.approx(-2.125)
    assert nov["conflict_share"] == pytest.approx(0.75)
    assert nov["conflict_weight"] == pytest.approx(10.4) and nov["cooperation_weight"] == pytest.approx(1.9)
    assert nov["strain"] == pytest.approx(8.5 / 12.3)
    assert s.iloc[4]["goldstein_sum"] == pytest.approx(5.2)  # July: one agreement, however many reports
    assert list(s["strain"].dropna()) == [-1.0, -1.0, -1.0, -1.0, -1.0, pytest.approx(8.5 / 12.3)]
    assert math.isnan(s.iloc[1]["strain"]) and math.isnan(s.iloc[1]["goldstein_mean"])


def test_series_mentions_directed_and_uncounted(store) -> None:
    m = series.dyad_series(store, "USA", "CHN", unit="mentions", fill=False)
    jul = m[m["period"] == date(2024, 7, 1)].iloc[0]
    assert jul["events"] == 3 and jul["goldstein_sum"] == pytest.approx(15.6)  # GDELT-style: every report
    nov = m[m["period"] == date(2024, 11, 1)].iloc[0]
    assert nov["events"] == 5 and nov["strain"] == pytest.approx(12.5 / 16.3)
    d = series.dyad_series(store, "USA", "CHN", directed=True, fill=False)
    # USA -> CHN: meetings and agreements count both ways (symmetric types); China's refusal does not.
    assert list(d["events"]) == [1, 1, 1, 1, 1, 1]
    assert d.iloc[-1]["strain"] == -1.0
    hist = series.dyad_series(store, "CHN", "USA", include_uncounted=True, fill=False, since=date(2022, 1, 1),
                              until=date(2022, 12, 31))
    assert list(hist["period"]) == [date(2022, 8, 1)] and hist.iloc[0]["q4_material_conflict"] == 1
    weekly = series.dyad_series(store, "USA", "CHN", by="week", since=date(2024, 11, 11), until=date(2024, 11, 24))
    assert list(weekly["period"]) == [date(2024, 11, 11), date(2024, 11, 18)]
    assert list(weekly["events"]) == [1, 3]


def test_series_rejects_bad_period(store) -> None:
    from dyadwatch.errors import InputError

    with pytest.raises(InputError, match="unknown period"):
        series.dyad_series(store, "USA", "CHN", by="fortnight")


def test_strain_properties() -> None:
    base = [(3, -4.0), (1, 1.9), (2, 7.0), (4, -10.0)]
    s0 = strain.strain_of(base)
    # Volume alone does not move it: the same mix ten times over.
    assert strain.strain_of(base * 10) == pytest.approx(s0)
    # More conflict raises it; heavier conflict raises it; more cooperation lowers it.
    assert strain.strain_of([*base, (3, -2.0)]) > s0
    assert strain.strain_of([(3, -9.0), *base[1:]]) > s0
    assert strain.strain_of([*base, (1, 3.0)]) < s0
    # Bounds and the neutral point.
    assert strain.strain_of([(1, 5.0)]) == -1.0 and strain.strain_of([(4, -5.0)]) == 1.0
    assert strain.strain_of([(1, 4.0), (3, -4.0)]) == 0.0
    assert math.isnan(strain.strain_of([]))
    # A zero-Goldstein act still weighs something.
    assert strain.event_weight(0.0) == strain.MIN_EVENT_WEIGHT


_quads = st.sampled_from([1, 2, 3, 4])
_scores = st.floats(min_value=-10, max_value=10, allow_nan=False)
_events = st.lists(st.tuples(_quads, _scores), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(events=_events, k=st.integers(min_value=2, max_value=20))
def test_strain_property_volume_alone_does_not_move_it(events, k) -> None:
    assert strain.strain_of(events * k) == pytest.approx(strain.strain_of(events))


@settings(max_examples=200, deadline=None)
@given(events=_events, quad=st.sampled_from([3, 4]), score=_scores)
def test_strain_property_conflict_raises_cooperation_lowers(events, quad, score) -> None:
    before = strain.strain_of(events)
    c, k = strain.weights(events)
    more_conflict = strain.strain_of([*events, (quad, score)])
    more_coop = strain.strain_of([*events, (5 - quad, score)])
    assert -1.0 <= before <= 1.0
    if k > 0:
        assert more_conflict > before
    else:
        assert more_conflict == before == 1.0
    if c > 0:
        assert more_coop < before
    else:
        assert more_coop == before == -1.0


@settings(max_examples=200, deadline=None)
@given(events=_events, heavier=st.floats(min_value=1.0, max_value=9.0))
def test_strain_property_heavier_conflict_raises(events, heavier) -> None:
    base = [*events, (4, -1.0)]
    _, k = strain.weights(base)
    heavy = [*events, (4, -1.0 - heavier)]
    if k > 0:
        assert strain.strain_of(heavy) > strain.strain_of(base)


@pytest.mark.parametrize("k", [2, 3, 7])
def test_strain_volume_invariance_in_store(k: int) -> None:
    def nov_strain(copies: int) -> float:
        with open_store(":memory:") as s:
            s.ingest(corpus(("strain-nov-a", "summit-nov")))
            base = s.sql("SELECT * FROM events")
            for c in range(copies - 1):
                dup = base.copy()
                dup["event_id"] = dup["event_id"] + f"-copy{c}"
                s.con.register("_dup", dup)
                s.con.execute("INSERT INTO events SELECT * FROM _dup")
                s.con.unregister("_dup")
            return float(series.dyad_series(s, "USA", "CHN", unit="mentions").iloc[-1]["strain"])

    assert nov_strain(k) == pytest.approx(nov_strain(1))


# --- change detection and alerts --------------------------------------------------------------------------------
def test_alert_names_the_events_behind_the_change(store) -> None:
    alerts = changes.dyad_alerts(store, "USA", "CHN")
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert.period == date(2024, 11, 1) and alert.direction == "rise"
    assert alert.before == pytest.approx(-1.0) and alert.after == pytest.approx(8.5 / 12.3)
    assert [e["plover"] for e in alert.events] == ["THREATEN", "REJECT", "ACCUSE"]
    assert alert.events[1]["n_mentions"] == 2
    assert "THREATEN" in alert.message() and alert.to_dict()["change"] > 1.6
    assert alert.events_after == 4 and alert.support == alert.events_before + 4
    assert f"resting on {alert.support} events" in alert.message()


def test_change_detection_flat_and_small_series() -> None:
    flat = pd.DataFrame({"period": [date(2024, m, 1) for m in range(1, 9)], "strain": [-0.5] * 8})
    assert changes.detect_changes(flat) == []
    tiny = pd.DataFrame({"period": [date(2024, 1, 1), date(2024, 2, 1)], "strain": [-0.5, -0.45]})
    assert changes.detect_changes(tiny) == []
    step = pd.DataFrame({"period": [date(2024, m, 1) for m in range(1, 9)],
                         "strain": [-0.6, -0.5, -0.55, -0.6, 0.4, 0.5, 0.45, 0.5]})
    (period, before, after, n_before, n_after), = changes.detect_changes(step)
    assert period == date(2024, 5, 1) and before == pytest.approx(-0.5625) and after == pytest.approx(0.4625)
    assert (n_before, n_after) == (4, 4)  # no events column: each period with a value counts as one


# --- links across articles -------------------------------------------------------------------------------------
def test_links_are_stored_and_exported_per_event(store, tmp_path) -> None:
    links = store.sql("SELECT event_id, responds_to FROM event_links ORDER BY 1")
    assert ("ev-narcotics-followup-0", "ev-narcotics-followup-1") in set(links.itertuples(index=False, name=None))
    rows = [json.loads(line) for line in _export(store, tmp_path, "plover").read_text().splitlines()]
    by_id = {r["id"]: r for r in rows}
    july = group_of(store, "ev-narcotics-pl-0")["group_id"]
    aug = group_of(store, "ev-narcotics-followup-0")["group_id"]
    # The August meeting answers the July agreement, the event that three outlets reported.
    assert by_id[aug]["responds_to"] == [july]
    refusal = group_of(store, "ev-strain-nov-a-0")["group_id"]
    sale = group_of(store, "ev-strain-nov-a-1")["group_id"]
    assert by_id[refusal]["responds_to"] == [sale]
    event_links = grouping.group_links(store)
    pairs = set(zip(event_links["group_id"], event_links["responds_to"], strict=True))
    assert pairs == {(aug, july), (refusal, sale), (group_of(store, "ev-strain-nov-a-2")["group_id"], sale),
                     (group_of(store, "ev-retelling-1")["group_id"], group_of(store, "ev-retelling-2")["group_id"])}


# --- exports ---------------------------------------------------------------------------------------------------
def _export(store: Any, tmp_path: Path, fmt: str, **kw: Any) -> Path:
    path = tmp_path / f"out.{fmt}"
    export_events(store, path, fmt, **kw)
    return path


def test_export_gdelt_extended_shape(store, tmp_path) -> None:
    path = _export(store, tmp_path, "gdelt-extended")
    header = path.read_text().splitlines()[0].split("\t")
    assert header[:61] == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    assert header[61:] == list(GDELT_EXTRA)
    frame = read_gdelt(path, extended=True)
    assert len(frame) == 10  # counted events only (the two 2022 ones are history)
    july = frame[frame["SQLDATE"] == 20240716].iloc[0]
    assert (july["NumMentions"], july["NumSources"], july["NumArticles"]) == (4, 3, 4)
    assert july["EventCode"] == "031" and july["EventRootCode"] == "03" and july["QuadClass"] == 1
    # A symmetric event speaks through its representative report (most precise date, first published, id).
    assert july["Actor1CountryCode"] == "CHN" and july["Actor2CountryCode"] == "USA"
    assert july["Actor1Type1Code"] == "GOV" and july["Actor1Name"] == "CHINA"
    assert july["ActionGeo_FullName"] == "Beijing" and july["ActionGeo_FeatureID"] == "1816670"
    assert july["ActionGeo_CountryCode"] == "CH" and july["ActionGeo_Type"] == 4  # FIPS 10-4, world city
    lima = frame[frame["ActionGeo_FullName"] == "Lima"].iloc[0]
    assert lima["EventCode"] == "042" and lima["EventBaseCode"] == "042" and lima["GoldsteinScale"] == 1.9
    assert (frame["DW_RespondsTo"] != "").sum() == 3
    assert frame["GLOBALEVENTID"].is_unique


def test_export_plover_and_parquet(store, tmp_path) -> None:
    rows = [json.loads(line) for line in _export(store, tmp_path, "plover").read_text().splitlines()]
    assert len(rows) == 10
    refusal = next(r for r in rows if r["event"] == ["REJECT"])
    assert refusal["actor"][0]["country_name"] == "CHN" and refusal["recipient"][0]["country_name"] == "USA"
    assert refusal["date"] == "2024-11-20" and refusal["quad_code"] == 3 and refusal["num_mentions"] == 2
    assert refusal["event_loc"]["name"] == "Vientiane"
    assert {"id", "date", "actor", "recipient", "event", "mode", "context", "text"} <= set(refusal)
    mentions = pd.read_parquet(_export(store, tmp_path, "parquet", unit="mentions", include_uncounted=True))
    assert len(mentions) == 17
    assert mentions.set_index("event_id").loc["ev-strain-nov-a-0", "responds_to"].tolist() == ["ev-strain-nov-a-1"]
    assert mentions["cameo"].map(type).eq(str).all()


def test_series_as_polars_needs_polars(store) -> None:
    try:
        import polars  # noqa: F401
    except ImportError:
        from dyadwatch.errors import InputError

        with pytest.raises(InputError, match="pip install polars"):
            series.dyad_series(store, "USA", "CHN", as_polars=True)
    else:
        frame = series.dyad_series(store, "USA", "CHN", as_polars=True)
        assert frame.height == 9


# --- plot ------------------------------------------------------------------------------------------------------
def test_plot_writes_a_labelled_png(store, tmp_path) -> None:
    from dyadwatch.analytics.plot import dyad_figure, plot_dyad

    s = series.dyad_series(store, "USA", "CHN")
    alerts = changes.dyad_alerts(store, "USA", "CHN")
    fig = dyad_figure(s, alerts, title="USA–CHN")
    ax = fig.axes[0]
    assert ax.get_ylabel().startswith("Events per period")
    assert [t.get_text() for t in ax.get_legend().get_texts()][:4] == [
        "Material conflict", "Verbal conflict", "Material cooperation", "Verbal cooperation"]
    notes = [c.get_text() for c in fig.axes[1].texts]
    assert len(notes) == 1 and "strain rise" in notes[0] and "THREATEN" in notes[0]
    path = plot_dyad(s, tmp_path / "strain.png", alerts, title="USA–CHN")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000
