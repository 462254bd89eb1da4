"""The stage contract: a named callable that declares what it requires and what it assigns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from dyadwatch.document.analysis import Analysis


class Stage:
    """A pipeline stage. Subclasses set ``name``, ``requires`` and ``assigns`` and implement ``__call__``.

    ``requires``/``assigns`` name ``Analysis`` attributes; the pipeline refuses to build an order in which a
    stage requires something no earlier stage assigns. Stages that gain from batching (the parser) override
    ``pipe``.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, analysis: Analysis) -> Analysis:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in analyses:
            yield self(analysis)
