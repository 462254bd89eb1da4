"""The events stage: predicate lexicon + parse + actor mentions -> event candidates (PLOVER and CAMEO)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dyadwatch.actors.context import (
    MANY_STATES,
    NEARBY_SECTORS,
    STATELESS_SECTORS,
    Reading,
    article_reading,
    outsider,
)
from dyadwatch.actors.vocabulary import PERSON_ROLE_HEADS
from dyadwatch.document.tree import worldwide
from dyadwatch.errors import ConfigError
from dyadwatch.events.coder import Coder
from dyadwatch.events.lexicon import Lexicon, load_lexicon
from dyadwatch.events.placing import Placement
from dyadwatch.ontology import load_ontology
from dyadwatch.pipeline.stage import Stage

if TYPE_CHECKING:
    from dyadwatch.config import Settings
    from dyadwatch.document.analysis import Analysis
    from dyadwatch.ontology import Ontology
    from dyadwatch.records import Actor


def check_lexicon(lexicon: Lexicon, ontology: Ontology) -> None:
    """Fail at start-up, not mid-batch, if a lexicon row names a code or mode the ontology does not know."""
    seen: set[int] = set()  # a dictionary block's rows are shared by all its verbs: check each row once
    for group in (lexicon.verbs, lexicon.nouns):
        for entries in group.values():
            for entry in entries:
                if id(entry) in seen:
                    continue
                seen.add(id(entry))
                if entry.reverse and not ontology.is_cameo(entry.reverse):
                    raise ConfigError(f"{entry.origin} line {entry.line}: {entry.reverse!r} is not a CAMEO code; "
                                      "fix the row")
                if entry.null:
                    continue  # a dictionary's null code: the verb in that context is no event
                if not ontology.is_cameo(entry.cameo):
                    raise ConfigError(f"{entry.origin} line {entry.line}: {entry.cameo!r} is not a CAMEO code; "
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
        lexicon = load_lexicon(tuple(Path(p) for p in settings.petrarch_verbs), settings.builtin_verbs)
        ontology = load_ontology()
        check_lexicon(lexicon, ontology)
        return cls(Coder(lexicon, ontology))

    def __call__(self, analysis: Analysis) -> Analysis:
        reading = article_reading(analysis)
        context = ArticleCountries(analysis, reading) if reading is not None else None
        candidates = self.coder.code(analysis, context)
        if analysis.discarded:  # sports, entertainment: the actors stage found a discard phrase there
            candidates = [c for c in candidates if c.sentence_index not in analysis.discarded]
        analysis.candidates = candidates
        return analysis


class ArticleCountries:
    """The actors package's context country, offered to the coder for targets (``events.placing.CountryContext``).

    The events layer cannot import the actors layer, so the stage that runs both hands one to the other: the same
    reading of the article (``actors.context.read_article``), the same rules (stateless sectors, heads that name
    several states, one person is not placed by where they are) that placed the sources.
    """

    def __init__(self, analysis: Analysis, reading: Reading) -> None:
        self.analysis = analysis
        self.reading = reading

    def stateless(self, actor: Actor, token: int) -> bool:
        tok = self.analysis.token(token)
        lemma = tok.lemma_.lower() if tok is not None else ""
        return bool(set(actor.sectors) & STATELESS_SECTORS) or lemma in MANY_STATES or actor.rule == "counterpart" \
            or (tok is not None and worldwide(tok))

    def country(self, actor: Actor, token: int, sentence: int) -> Placement | None:
        head = self.analysis.token(token)
        if head is None:
            return None
        person = head.ent_type_ == "PERSON" or (head.tag_ in ("NN", "NNP") and head.lemma_.lower() in PERSON_ROLE_HEADS)
        paragraph = self.reading.paragraph_of[sentence] if sentence < len(self.reading.paragraph_of) else 0
        nearby = not person and bool(set(actor.sectors) & NEARBY_SECTORS)  # a state's organ: the state just named
        # no named person, no bare "a man", no "enemy warplanes" (``ArticleContext._home``)
        home = bool(actor.sectors) and head.ent_type_ != "PERSON" and not outsider(head)
        found = self.reading.context.country_for(sentence, paragraph, person=person, nearby=nearby, token=token,
                                                 home=home)
        if found is None:
            return None
        return Placement(found.country, found.evidence, f"context-{found.level}")
