"""The words of control: which verb or noun hands its clause's act to a party named outside the clause's subject.

Why a table: "Chile blamed Peru for attacking", "Chile called on Peru to withdraw" and "Chile's decision to expel"
have the same shape as "Chile sent troops for peacekeeping", "Chile waited on the border to cross" and "Chile's
refugees to resettle", and only the governing word tells the controller apart. The words are the grammar of
English control, listed in ``data/sources/control.tsv`` (each row with its reason); ``events/syntax.py`` reads
them when it looks for the subject of a gerund or an infinitive.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dyadwatch.errors import ConfigError
from dyadwatch.events.lexicon import _rows
from dyadwatch.tables import data_path

KINDS = frozenset({"gerund-object", "prep-object", "noun", "owner-verb"})


@dataclass(frozen=True, slots=True)
class Control:
    """The control table, by kind (see ``control.tsv``)."""

    gerund_object: frozenset[tuple[str, str]]  # (verb lemma, preposition): the verb's object does the gerund
    prep_object: frozenset[tuple[str, str]]  # (verb lemma, preposition): that phrase's object does the infinitive
    nouns: frozenset[str]  # nouns whose owner does their infinitive or "of"-gerund
    owner_verbs: frozenset[str]  # verbs whose subject owns such a noun as their object


@cache
def control_table() -> Control:
    """``data/sources/control.tsv``, read once; an unknown kind is a broken table, reported as such."""
    rows: dict[str, set[tuple[str, str]]] = {kind: set() for kind in KINDS}
    path = data_path("sources", "control.tsv")
    for line, (kind, word, prep, _reason) in _rows(path, 4):
        if kind not in KINDS:
            raise ConfigError(f"{path.name} line {line} has kind {kind!r}, expected one of {sorted(KINDS)}; "
                              "fix the row")
        rows[kind].add((word.lower(), prep.lower()))
    return Control(
        gerund_object=frozenset(rows["gerund-object"]),
        prep_object=frozenset(rows["prep-object"]),
        nouns=frozenset(word for word, _prep in rows["noun"]),
        owner_verbs=frozenset(word for word, _prep in rows["owner-verb"]),
    )
