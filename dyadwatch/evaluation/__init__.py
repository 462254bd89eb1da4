"""The quality and speed instruments: ``dyadwatch eval`` (gold sets, floors) and ``dyadwatch bench`` (ratio to
bare spaCy). Scorers are pure functions of gold records and predicted events."""

from dyadwatch.evaluation.dataset import KINDS, EvalRecord, detect_kind, load_records
from dyadwatch.evaluation.petrarch_eval import score_petrarch
from dyadwatch.evaluation.plover_eval import score_plover
from dyadwatch.evaluation.report import EvalReport, Metric

__all__ = [
    "KINDS",
    "EvalRecord",
    "EvalReport",
    "Metric",
    "detect_kind",
    "load_records",
    "score_petrarch",
    "score_plover",
]
