"""One event, once: restatements inside an article and reports across articles share one sameness rule."""

from __future__ import annotations

from datetime import date

from dyadwatch.analytics.matching import assign
from dyadwatch.analytics.mentions import mention_from_row
from dyadwatch.records.sameness import modes_compatible, modes_fit, parties_compatible, same_type, windows_overlap


def test_modes_parties_and_windows() -> None:
    assert modes_compatible(None, "meet") and modes_compatible("meet", "") and modes_compatible("meet", "meet")
    assert not modes_compatible("meet", "visit")
    assert modes_fit(None, ["meet", None]) and not modes_fit("visit", ["meet", None])
    assert parties_compatible(None, "CHN") and not parties_compatible("USA", "CHN")
    assert same_type("REJECT", None, "REJECT", "meet") and not same_type("REJECT", None, "ACCUSE", None)
    d = date
    assert windows_overlap(d(2024, 1, 1), d(2024, 1, 31), d(2024, 1, 31), d(2024, 2, 5))
    assert not windows_overlap(d(2024, 1, 1), d(2024, 1, 30), d(2024, 1, 31), d(2024, 2, 5))


def _row(event_id: str, mode: str | None, sentence: int, day: int = 18, content: str = "art-1") -> dict:
    return {"event_id": event_id, "content_hash": content, "article_id": content, "published": date(2024, 3, 21),
            "sentence_index": sentence, "plover": "REJECT", "mode": mode, "source_country": "BRA",
            "target_country": "ARG", "event_date": date(2024, 3, day), "date_precision": "week", "historical": False}


def test_restatement_in_one_article_is_one_event_of_two_mentions() -> None:
    groups = assign([mention_from_row(_row("ev-a", "meet", 0)), mention_from_row(_row("ev-b", None, 1))], [])
    assert len(groups) == 1 and len(groups[0].members) == 2


def test_two_stated_modes_stay_two_events() -> None:
    groups = assign([mention_from_row(_row("ev-a", "meet", 0)), mention_from_row(_row("ev-b", "visit", 1))], [])
    assert len(groups) == 2


def test_an_unstated_mode_joins_only_a_group_it_fits() -> None:
    rows = [_row("ev-a", "meet", 0), _row("ev-c", None, 2), _row("ev-b", "visit", 1, content="art-2")]
    groups = assign([mention_from_row(r) for r in rows], [])
    sizes = sorted(len(g.members) for g in groups)
    assert sizes == [1, 2]
    for g in groups:
        stated = {m.mode for m in g.members if m.mode}
        assert len(stated) <= 1


def test_refusal_restated_in_the_next_sentence_is_stored_as_one_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.analytics import grouping
    from dyadwatch.records import Article
    from dyadwatch.store import CodedArticle, open_store

    text = ("Brazil declined a meeting with the Argentine foreign minister on Tuesday. "
            "Brazil also rejected the proposal, officials in Brasilia said.")
    analysis = pipeline.analyse(Article.create(text, id="restated", published=date(2024, 3, 21)))
    rejects = [e for e in analysis.events if e.type.plover == "REJECT" and not e.negated]
    assert len(rejects) == 2, [(e.trigger.text, e.type.plover) for e in analysis.events]
    with open_store(":memory:") as store:
        store.ingest([CodedArticle(analysis.article, tuple(analysis.events))])
        grouping.update_groups(store)
        frame = grouping.groups(store)
    refusals = frame[frame["plover"] == "REJECT"]
    assert len(refusals) == 1 and int(refusals.iloc[0]["n_mentions"]) == 2
