"""The working document every stage fills in, and its helpers: the bottom of the coding stack.

Like spaCy's ``tokens/``: ``Analysis`` (the document), ``Mention`` and ``EventCandidate`` (what stages add to it),
cached token views of the parse (``doccache``), bounded tree walks (``tree``), the normaliser that keeps offsets
into the original text (``normalise``) and model loading (``model``). Nothing here imports a stage package or the
pipeline: stages import this, never the other way round.
"""

from __future__ import annotations

from dyadwatch.document.analysis import Analysis, EventCandidate, Mention

__all__ = ["Analysis", "EventCandidate", "Mention"]
