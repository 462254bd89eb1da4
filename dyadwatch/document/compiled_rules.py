"""The model's attribute ruler and rule lemmatiser, compiled to table look-ups with identical output.

Why: in the small English pipeline these two rule components cost about a sixth of spaCy's own CPU on news
(attribute ruler ~11%, lemmatiser ~6% on VOA), more than the dependency parser. The ruler runs a ``Matcher``
with ~180 patterns over every token, building a Python ``Token`` per position; the lemmatiser builds a ``Token``
per word and reads its morphology as a dict. Yet almost every pattern looks at one token only, through
attributes set before it runs (tag, lower-case form, dependency label, is-space), and the lemma is a function
of the word, its part of speech and its morphology. So both are compiled:

* every distinct combination of the attributes the patterns read is resolved once against all one-token
  patterns (later patterns win per attribute, as in spaCy's ruler, which applies matches sorted by pattern
  index), and remembered;
* the few patterns of several tokens (``gon na``, ``let 's``) are tested only where their first token fits;
* the lemma of each distinct (word, part of speech, morphology) is asked of spaCy's own lemmatiser once and
  remembered (it already caches only part of its work);
* the results are written with one ``Doc.from_array`` per attribute group instead of one call per token.

The output is the same attribute for attribute (``tests/test_compiled_rules.py`` compares every token of real
and generated news against the original components). When a model's patterns use anything this does not
reproduce (operators, extension attributes, other predicates), :func:`compile_rules` returns None and the
model keeps its own components.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.strings import get_string_id

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
COMPILED_COMPONENT = "dw_compiled_rules"
# The memos grow with the vocabulary of what was read; a long-running process starts them again past this size.
MEMO_LIMIT = 300_000
_WRITABLE = {"TAG", "POS", "MORPH", "LEMMA", "DEP"}  # what set_token_attrs changes on a token, nothing else
_STRING_ATTRS = {"TAG", "POS", "DEP", "LOWER", "ORTH", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA"}
_FLAG_ATTRS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_STOP", "IS_TITLE", "IS_UPPER", "IS_LOWER"}
_LEMMA_MODES = {"rule", "lookup"}  # modes whose lemma depends only on the word, its POS and its morphology

Test = Callable[[int], bool]


class Unsupported(Exception):
    """A pattern this compiler does not reproduce exactly: the model keeps its own components."""


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # the ruler's pattern index: later rules take precedence per attribute
    # per token of the pattern: (column, test, the values it accepts when they are a finite set, else None)
    specs: tuple[tuple[tuple[int, Test, frozenset[int] | None], ...], ...]
    index: int  # which token of a match gets the attributes (may be negative, as in spaCy)
    attrs: tuple[tuple[int, int], ...]  # (column of the written attribute, value)


def _accepted(attr: str, value: Any) -> frozenset[int] | None:
    """The values a condition accepts when they are a finite set (equality, ``IN``, a flag): rules are indexed
    by them, so resolving a new combination tries only the rules that can fit it."""
    if attr in _FLAG_ATTRS and isinstance(value, bool):
        return frozenset({int(value)})
    if isinstance(value, str):
        return frozenset({get_string_id(value)})
    if isinstance(value, dict) and list(value) == ["IN"]:
        return frozenset(get_string_id(a) for a in value["IN"])
    return None


def _test(attr: str, value: Any, strings: Any) -> Test:
    """The condition of one pattern key on the attribute's integer value (hash or flag), as the Matcher does."""
    if attr in _FLAG_ATTRS:
        if not isinstance(value, bool):
            raise Unsupported(f"{attr}: {value!r}")
        flag = int(value)
        return lambda v: v == flag
    if attr not in _STRING_ATTRS:
        raise Unsupported(attr)
    if isinstance(value, str):
        wanted = get_string_id(value)
        return lambda v: v == wanted
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            members = frozenset(get_string_id(a) for a in arg)
            return (lambda v: v in members) if op == "IN" else (lambda v: v not in members)
        if op == "REGEX" and isinstance(arg, str):
            regex = re.compile(arg)
            return lambda v: bool(regex.search(strings[v]))
    raise Unsupported(f"{attr}: {value!r}")


def _distinguished(attr: str, value: Any) -> tuple[frozenset[int], re.Pattern[str] | None]:
    """The values a condition tells apart from all others, and its regex if it has one: any two values outside
    that set that the regex (if any) treats alike pass or fail the condition alike (see ``CompiledRules._reduce``)."""
    if attr in _FLAG_ATTRS and isinstance(value, bool):
        return frozenset({int(value)}), None
    if isinstance(value, str):
        return frozenset({get_string_id(value)}), None
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN"):
            return frozenset(get_string_id(a) for a in arg), None
        if op == "REGEX":
            return frozenset(), re.compile(arg)
    raise Unsupported(f"{attr}: {value!r}")  # unreachable: _test refused it first


class _Index(list):  # type: ignore[type-arg]
    """A lemmatiser index (a list of known words per part of speech) whose ``in`` is a set look-up.

    Why: spaCy's rule lemmatiser asks ``form in index`` for every candidate form of every new word, a scan of a
    list of up to ~10^4 words; that was most of what a pass over new words cost (about 0.6 s on VOA's first
    pass, bare spaCy pays it too). Same words, same order, same answers to ``in``.
    """

    __slots__ = ("_members",)

    def __init__(self, words: Iterable[Any] = ()) -> None:
        super().__init__(words)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _index_sets(lemmatizer: Any) -> None:
    """Give the lemmatiser's index tables set membership (idempotent; only our loaded model is changed)."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, _Index):  # a plain list: anything else is left as it is
            table[key] = _Index(words)


class CompiledRules:
    """The pipeline component: the ruler's attributes, then the lemmatiser's lemmas, as one component."""

    def __init__(self, vocab: Any, ruler: Any, lemmatizer: Any) -> None:
        self.vocab = vocab
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        _index_sets(lemmatizer)
        rules = list(_rules(ruler, vocab.strings))
        self.read = sorted({c for r in rules for spec in r.specs for c, _, _ in spec}, key=str)
        self.written = sorted({c for r in rules for c, _ in r.attrs}, key=str)
        column = {c: k for k, c in enumerate(self.read)}
        one = [len(r.specs) == 1 and r.index in (0, -1) for r in rules]
        self.single = [r for r, is_one in zip(rules, one, strict=True) if is_one]
        self.multi = [r for r, is_one in zip(rules, one, strict=True) if not is_one]
        self._single = [(r, [(column[c], t) for c, t, _ in r.specs[0]]) for r in self.single]
        self._multi = [(r, [[(column[c], t) for c, t, _ in spec] for spec in r.specs]) for r in self.multi]
        # One-token rules by a value their first finite condition needs; the rest are tried on every new key.
        self._by_value: dict[tuple[int, int], list[int]] = {}
        self._always: list[int] = []
        for n, rule in enumerate(self.single):
            finite = next(((column[c], vals) for c, _, vals in rule.specs[0] if vals is not None), None)
            if finite is None:
                self._always.append(n)
            else:
                for v in finite[1]:
                    self._by_value.setdefault((finite[0], v), []).append(n)
        # The same for each token condition (m, j) of the longer rules.
        self._spec_by_value: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._spec_always: list[tuple[int, int]] = []
        for m, rule in enumerate(self.multi):
            for j, spec in enumerate(rule.specs):
                finite = next(((column[c], vals) for c, _, vals in spec if vals is not None), None)
                if finite is None:
                    self._spec_always.append((m, j))
                else:
                    for v in finite[1]:
                        self._spec_by_value.setdefault((finite[0], v), []).append((m, j))
        self._write_column = {c: k for k, c in enumerate(self.written)}
        told = _distinctions(ruler)
        self._told = [told.get(c, (frozenset(), ()))[0] for c in self.read]
        self._regexes = [(k, told.get(c, (frozenset(), ()))[1]) for k, c in enumerate(self.read)]
        self._regexes = [(k, rx) for k, rx in self._regexes if rx]
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self._reset()

    def _reset(self) -> None:
        """Empty the table of resolved attribute combinations (one row per distinct combination seen)."""
        width = len(self.written)
        self._memo: dict[tuple[int, ...], int] = {}  # combination read -> row
        self._classes: dict[tuple[Any, ...], int] = {}  # what the patterns can tell of a combination -> row
        self._value = numpy.zeros((64, width), dtype=numpy.uint64)  # the winning value per written attribute
        self._order = numpy.full((64, width), -1, dtype=numpy.int64)  # its rule's order; -1: no rule sets it
        self._fits: list[frozenset[tuple[int, int]]] = []  # (multi-token rule, token) conditions met

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as what it is compiled from (its tests are closures): ``nlp.pipe(n_process=...)`` pickles the
        pipeline where processes are spawned, not forked."""
        return (CompiledRules, (self.vocab, self.ruler, self.lemmatizer))

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            self._apply_rules(doc)
            self._lemmatise(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    # --- the attribute ruler ------------------------------------------------------------------------------
    def _reduce(self, key: tuple[int, ...]) -> tuple[Any, ...]:
        """What the patterns can tell of a combination: each value that no condition names becomes -1 (which
        no condition names either), plus, where conditions run regexes on the attribute, their results. Every
        condition gives the same answer on two combinations with the same reduction, so they share a row: a
        new word ("sanctions" after "tariffs", both NNS nsubj) costs a few set look-ups, not the rule tests."""
        reduced: list[Any] = [v if v in told else -1 for v, told in zip(key, self._told, strict=True)]
        if self._regexes:
            text = self.vocab.strings
            reduced.extend(tuple(bool(rx.search(text[key[k]])) for rx in rxs) for k, rxs in self._regexes)
        return tuple(reduced)

    def _row(self, key: tuple[int, ...]) -> int:
        """The table row of one combination of read attributes: the row of its reduction, resolved on first
        sight (the winning value and rule order per written attribute among the one-token rules, and the
        longer rules' conditions it meets)."""
        reduced = self._reduce(key)
        row = self._classes.get(reduced)
        if row is None:
            row = self._classes[reduced] = self._resolve(key)
        self._memo[key] = row
        return row

    def _resolve(self, key: tuple[int, ...]) -> int:
        row = len(self._fits)
        if row == len(self._value):
            self._value = numpy.concatenate([self._value, numpy.zeros_like(self._value)])
            self._order = numpy.concatenate([self._order, numpy.full_like(self._order, -1)])
        column = self._write_column
        candidates = set(self._always)
        for k, v in enumerate(key):
            candidates.update(self._by_value.get((k, v), ()))
        for n in sorted(candidates):  # in the ruler's order: a later rule overwrites an attribute
            rule, conds = self._single[n]
            if all(test(key[k]) for k, test in conds):
                for attr, value in rule.attrs:
                    self._value[row, column[attr]] = value
                    self._order[row, column[attr]] = rule.order
        specs = list(self._spec_always)
        for k, v in enumerate(key):
            specs.extend(self._spec_by_value.get((k, v), ()))
        self._fits.append(frozenset(
            (m, j) for m, j in specs if all(test(key[k]) for k, test in self._multi[m][1][j])
        ))
        return row

    def _apply_rules(self, doc: Doc) -> None:
        if len(self._memo) >= MEMO_LIMIT:  # here, not mid-document: rows already read must stay valid
            if len(self._classes) >= MEMO_LIMIT:
                self._reset()
            else:
                self._memo.clear()
        get = self._memo.get
        keys = list(map(tuple, doc.to_array(self.read).tolist()))
        rows = [get(k) for k in keys]
        for i, row in enumerate(rows):
            if row is None:
                rows[i] = self._row(keys[i])
        index = numpy.array(rows, dtype=numpy.int64)
        order = self._order[index]
        current = doc.to_array(self.written).reshape(len(doc), -1)
        values = numpy.where(order >= 0, self._value[index], current)
        if self._multi:
            self._apply_multi(index.tolist(), values, order)
        doc.from_array(self.written, values)

    def _apply_multi(self, rows: list[int], values: numpy.ndarray, order: numpy.ndarray) -> None:
        """The rules of several tokens, tried only where a token meets their first token's conditions; a rule
        wins an attribute over the one-token rules when its order is later (as spaCy applies them)."""
        n = len(rows)
        column = {c: k for k, c in enumerate(self.written)}
        fits = self._fits
        for start, row in enumerate(rows):
            if not fits[row]:
                continue
            for m, j in fits[row]:
                if j:
                    continue
                rule, specs = self._multi[m]
                length = len(specs)
                if start + length > n or not all((m, k) in fits[rows[start + k]] for k in range(1, length)):
                    continue
                at = start + rule.index if rule.index >= 0 else start + length + rule.index
                if not 0 <= at < n:
                    raise ValueError(f"attribute ruler pattern {rule.order} has index {rule.index} outside its "
                                     f"{length} tokens; fix the model's attribute_ruler patterns")
                for attr, value in rule.attrs:
                    if order[at, column[attr]] <= rule.order:
                        order[at, column[attr]] = rule.order
                        values[at, column[attr]] = value

    # --- the lemmatiser -----------------------------------------------------------------------------------
    def _lemmatise(self, doc: Doc) -> None:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        overwrite = bool(getattr(self.lemmatizer, "overwrite", False))
        lemmas = rows[:, 3].copy()
        memo = self._lemmas
        strings = self.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                value = memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(numpy.uint64))


def _rules(ruler: Any, strings: Any) -> Iterator[_Rule]:
    """The ruler's patterns as rules; raises Unsupported for anything not reproduced exactly."""
    for order, pattern in enumerate(ruler.patterns):
        attrs = ruler.attrs[order]
        names = {_name(a) for a in attrs}
        if not names <= _WRITABLE:
            raise Unsupported(f"writes {sorted(names - _WRITABLE)}")
        written = tuple((IDS[_name(a)], int(v)) for a, v in attrs.items())
        for alternative in pattern["patterns"]:
            specs = []
            for token in alternative:
                conds = []
                for attr, value in token.items():
                    name = _key_name(attr)
                    conds.append((IDS[name], _test(name, value, strings), _accepted(name, value)))
                specs.append(tuple(conds))
            if not specs:
                raise Unsupported("empty pattern")
            yield _Rule(order, tuple(specs), int(ruler.indices[order]), written)


def _key_name(attr: Any) -> str:
    """The attribute name of a pattern key (``TEXT`` is ``ORTH``); raises Unsupported for operators and
    extension attributes."""
    name = attr.upper() if isinstance(attr, str) else _name(attr)
    if name == "TEXT":
        name = "ORTH"
    if name not in IDS or name in ("OP", "_"):
        raise Unsupported(name)
    return name


def _distinctions(ruler: Any) -> dict[int, tuple[frozenset[int], tuple[re.Pattern[str], ...]]]:
    """Per read attribute, the values some condition tells apart and the regexes conditions run on it."""
    values: dict[int, set[int]] = {}
    regexes: dict[int, list[re.Pattern[str]]] = {}
    for pattern in ruler.patterns:
        for alternative in pattern["patterns"]:
            for token in alternative:
                for attr, value in token.items():
                    name = _key_name(attr)
                    told, regex = _distinguished(name, value)
                    values.setdefault(IDS[name], set()).update(told)
                    if regex is not None:
                        regexes.setdefault(IDS[name], []).append(regex)
    return {c: (frozenset(told), tuple(regexes.get(c, ()))) for c, told in values.items()}


_NAMES = {v: k for k, v in IDS.items()}  # spacy.attrs.NAMES is a list that stops before MORPH


def _name(attr: Any) -> str:
    return attr if isinstance(attr, str) else _NAMES[attr]


def compile_rules(nlp: Language) -> CompiledRules | None:
    """The compiled equivalent of the model's attribute ruler and lemmatiser, or None when the model lacks one
    of them, its lemmatiser mode depends on more than word, POS and morphology, or a pattern is unsupported."""
    names = nlp.pipe_names
    if RULER not in names or LEMMATIZER not in names or names.index(LEMMATIZER) != names.index(RULER) + 1:
        return None
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if getattr(lemmatizer, "mode", None) not in _LEMMA_MODES:
        return None
    try:
        return CompiledRules(nlp.vocab, nlp.get_pipe(RULER), lemmatizer)
    except Unsupported:
        return None


def install(nlp: Language) -> bool:
    """Put the compiled rules in place of the ruler and lemmatiser (kept, disabled: ``get_pipe`` still finds
    them). Returns whether it did."""
    from spacy.language import Language

    if compile_rules(nlp) is None:
        return False
    if not Language.has_factory(COMPILED_COMPONENT):
        Language.factory(COMPILED_COMPONENT, func=_factory)
    nlp.add_pipe(COMPILED_COMPONENT, before=RULER)
    nlp.disable_pipe(RULER)
    nlp.disable_pipe(LEMMATIZER)
    return True


def _factory(nlp: Language, name: str) -> CompiledRules:
    """spaCy builds components from (nlp, name): the rules are compiled from the ruler and lemmatiser in nlp."""
    compiled = compile_rules(nlp)
    if compiled is None:
        raise ValueError(f"{name}: the pipeline has no attribute ruler and rule lemmatiser to compile")
    return compiled
