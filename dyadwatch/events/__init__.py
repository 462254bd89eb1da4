"""Event coding: a predicate lexicon (data files) matched over the dependency parse.

    from dyadwatch.events import Coder, load_lexicon
    from dyadwatch.ontology import load_ontology
    candidates = Coder(load_lexicon(), load_ontology()).code(analysis)   # after parse + actors

The pipeline runs it as the ``events`` stage (``dyadwatch.pipeline.events_stage``).
"""

from dyadwatch.events.coder import Coder
from dyadwatch.events.lexicon import Entry, Lexicon, load_lexicon, load_lexicon_from

__all__ = ["Coder", "Entry", "Lexicon", "load_lexicon", "load_lexicon_from"]
