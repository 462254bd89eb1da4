"""The ``places`` stage: each event candidate gets the place attached to it (see ``dyadwatch.places``)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dyadwatch.pipeline.stage import Stage
from dyadwatch.places import article_context, find_dateline, locate
from dyadwatch.places.attach import has_event_places
from dyadwatch.places.gazetteer import ensure_compiled

if TYPE_CHECKING:
    from dyadwatch.config import Settings
    from dyadwatch.document.analysis import Analysis


class PlacesStage(Stage):
    """Locates events offline; the dateline places an event only when the article names no other place."""

    name = "places"
    requires = ("candidates",)
    assigns = ("candidate_locations",)

    @classmethod
    def from_settings(cls, settings: Settings) -> PlacesStage:
        ensure_compiled()  # a missing index is built now, not inside the first article; read at the first place
        return cls()

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None or not analysis.candidates:
            return analysis
        context = article_context(analysis)
        dateline = find_dateline(analysis)
        use_dateline: bool | None = None
        for cand in analysis.candidates:
            start, end = cand.trigger
            root = analysis.doc[start:max(end, start + 1)].root.i
            cand.location = locate(analysis, root, context)
            if cand.location is None and dateline is not None:
                if use_dateline is None:
                    use_dateline = not has_event_places(analysis, context)
                if use_dateline:
                    cand.location = replace(dateline, rule="dateline:no-other-place")
        return analysis
