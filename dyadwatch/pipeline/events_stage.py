"""The events stage: predicate lexicon + parse + actor mentions -> event candidates (PLOVER and CAMEO)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.errors import ConfigError
from dyadwatch.events.coder import Coder
from dyadwatch.events.lexicon import Lexicon, load_lexicon
from dyadwatch.ontology import load_ontology
from dyadwatch.pipeline.stage import Stage

if TYPE_CHECKING:
    from dyadwatch.config import Settings
    from dyadwatch.document.analysis import Analysis
    from dyadwatch.ontology import Ontology


def check_lexicon(lexicon: Lexicon, ontology: Ontology) -> None:
    """Fail at start-up, not mid-batch, if a lexicon row names a code or mode the ontology does not know."""
    for group in (lexicon.verbs, lexicon.nouns):
        for entries in group.values():
            for entry in entries:
                if not ontology.is_cameo(entry.cameo):
                    raise ConfigError(f"predicates.tsv line {entry.line}: {entry.cameo!r} is not a CAMEO code; "
                                      "fix the row")
                if entry.mode or entry.plover:
                    ontology.event_type(entry.cameo, mode=entry.mode, plover=entry.plover)
    for name, table in lexicon.derive.items():
        for code in table.values():
            if not ontology.is_cameo(code):
                raise ConfigError(f"derive.tsv map {name!r}: {code!r} is not a CAMEO code; fix the row")


class EventsStage(Stage):
    """Finds every coded action in an article; flags negated and hypothetical ones instead of dropping them."""

    name = "events"
    requires = ("doc", "mentions")
    assigns = ("candidates",)

    def __init__(self, coder: Coder) -> None:
        self.coder = coder

    @classmethod
    def from_settings(cls, settings: Settings) -> EventsStage:
        lexicon = load_lexicon()
        ontology = load_ontology()
        check_lexicon(lexicon, ontology)
        return cls(Coder(lexicon, ontology))

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.candidates = self.coder.code(analysis)
        return analysis
