"""The ``places`` stage: each event candidate gets the place attached to it (see ``dyadwatch.places``)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dyadwatch.actors.context import article_reading
from dyadwatch.dating.mentions import is_future
from dyadwatch.pipeline.stage import Stage
from dyadwatch.places import article_context, find_dateline, locate
from dyadwatch.places.attach import has_event_places
from dyadwatch.places.gazetteer import ensure_compiled, load_gazetteer
from dyadwatch.records import Location

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
        dateline = find_dateline(analysis) or _structure_dateline(analysis)
        use_dateline: bool | None = None
        for cand in analysis.candidates:
            start, end = cand.trigger
            root = analysis.doc[start:max(end, start + 1)].root.i
            planned = cand.type.plover == "AGREE" and is_future(analysis.doc[root], cand.notes)
            cand.location = locate(analysis, root, context, planned=planned)
            if cand.location is None and dateline is not None:
                if use_dateline is None:
                    use_dateline = not has_event_places(analysis, context)
                if use_dateline:
                    cand.location = replace(dateline, rule="dateline:no-other-place")
        return analysis


def _structure_dateline(analysis: Analysis) -> Location | None:
    """A dateline the actors stage recognised that the places reader does not ("New Delhi:", "Nairobi —", lower-cased
    copy truecased): its first place name, resolved in the places gazetteer, so it places events the same way."""
    reading = article_reading(analysis)
    if reading is None or reading.dateline_place is None or analysis.doc is None:
        return None
    start, end = reading.dateline_place
    place = load_gazetteer().resolve(analysis.doc[start:end].text.title())
    if place is None:
        return None
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon, geonameid=place.geonameid,
                    feature_class=place.feature_class, span=analysis.span(start, end), rule="dateline")
