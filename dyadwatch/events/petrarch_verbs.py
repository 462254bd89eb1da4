"""Read PETRARCH/TABARI-format verb dictionaries into predicate patterns matched over the dependency parse.

Why an importer rather than a second matcher: a verb pattern of the field's dictionaries says which verb, with
which particle, object head, prepositional phrases and nearby words, stands for which CAMEO code. Those are the
constraints the predicate lexicon already checks on the parse (particle, object class), plus three it gains
here: further prepositional phrases, words that must stand before the verb (its subject or auxiliaries, in the
verb's subtree or governing clause) and words that must follow it inside its subtree. So a dictionary becomes
rows of the same lexicon, one matcher serves both, and the hand-written rows stay on top.

Format (PETRARCH2 ``dictionaries.rst``; TABARI/PETRARCH-1 files such as ``PETR.Validate.verbs.txt`` too):

* ``&NAME`` then ``+WORD`` lines: a synonym set (members may name other sets; a trailing ``_`` means no plural).
* ``--- NAME [CODE] ---`` opens a verb block; then verb lines ``VERB {FORMS} [CODE]``; multi-word verbs
  ``+CORDON_OFF`` / ``WIRE_+TAP`` mark the verb word with ``+``.
* ``- PRE * POST [CODE] # comment``: a pattern. ``(PREP NOUN)`` a prepositional phrase, ``{MOD HEAD}`` a noun
  phrase (last word the head), ``&SET`` a synonym set, ``$``/``+`` the source/target, ``^`` any noun phrase,
  ``%`` a compound actor. ``[---]`` is the null code: the verb in that context is no event.
  ``[A:B]``: A codes the verb as written, and B the same act seen from the other side (target to source:
  a visit ``042`` is hosted, ``043``); kept as the code string ``"A:B"``. ``[:B]`` alone is not imported.
* ``~ ...`` lines are verb-verb transformations.

What cannot be expressed is counted by reason (``ImportReport.skipped``), never dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.errors import ConfigError

ANY = "*"
SOME = "+"
# English verb particles (not prepositions): "set off", "put up", "cordon off".
PARTICLES = frozenset({"off", "up", "out", "down", "away", "back", "forward", "aside", "apart", "together",
                       "ahead", "onward", "forth"})
PREPOSITIONS = frozenset({
    "to", "for", "against", "with", "on", "in", "into", "at", "from", "of", "over", "toward", "towards", "about",
    "by", "upon", "under", "between", "among", "across", "through", "onto", "after", "before", "near", "along",
    "behind", "within", "without", "amid", "as", "beyond", "around", "during", "despite", "since", "until",
    "unto", "via", "per", "outside", "inside", "throughout", "regarding", "concerning",
})  # fmt: skip
MARKERS = frozenset({"$", "+", "^", "%"})
_TOKEN = re.compile(r"\(|\)|\{|\}|[^\s(){}]+")
_CODE = re.compile(r"\[([^\]]*)\]")
_XML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One importable pattern, in the predicate lexicon's terms (class names: ``@word`` or ``&SET``)."""

    block: str  # the verb block's name ("ACCELERATE")
    lemmas: tuple[str, ...]  # the block's verbs this pattern applies to
    cameo: str  # "" = the null code: the verb in this context is no event; "A:B" with a reverse-direction code
    prt: str  # particle, or the preposition whose object is ``obj``
    obj: str  # class of the direct object (or of ``prt``'s object), ANY, or SOME
    pps: tuple[tuple[str, str], ...]  # further (preposition, class-or-ANY) the verb must carry
    before: tuple[str, ...]  # classes of words that must stand before the verb (subject, auxiliaries)
    after: tuple[str, ...]  # classes of words that must follow the verb inside its subtree
    line: int
    text: str

    @property
    def specificity(self) -> int:
        score = (2 if self.prt else 0) + (2 if self.obj not in (ANY, SOME) else 0)
        return score + 2 * len(self.pps) + len(self.before) + len(self.after)


@dataclass(slots=True)
class ImportReport:
    """What an import read, kept and could not express (by reason)."""

    source: str
    patterns_read: int = 0
    patterns_imported: int = 0
    verbs_read: int = 0
    verb_codes: int = 0  # verbs with a code of their own (the isolated verb is an event)
    synsets: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    approximated: Counter[str] = field(default_factory=Counter)  # imported, but matched more loosely than written
    examples: dict[str, list[str]] = field(default_factory=dict)

    def skip(self, reason: str, line: int, text: str) -> None:
        self.skipped[reason] += 1
        self.examples.setdefault(reason, [])
        if len(self.examples[reason]) < 3:
            self.examples[reason].append(f"{line}: {text.strip()}")


@dataclass(slots=True)
class VerbDictionary:
    """A parsed verb file: synonym sets, verbs with their isolated codes, and patterns."""

    synsets: dict[str, frozenset[str]]  # "&NAME" -> lower-case words (heads of multi-word members)
    verbs: list[tuple[str, str, str, int]]  # (lemma, block, cameo or "", line)
    patterns: list[VerbPattern]
    report: ImportReport

    def word_classes(self) -> dict[str, set[str]]:
        """word -> the ``@word`` / ``&SET`` classes it belongs to, for every class the patterns use."""
        used = {c for p in self.patterns for c in (p.obj, *(c for _, c in p.pps), *p.before, *p.after)}
        out: dict[str, set[str]] = {}
        for cls in sorted(used):
            if cls.startswith("@"):
                for w in word_forms(cls[1:]):
                    out.setdefault(w, set()).add(cls)
            elif cls.startswith("&"):
                for member in self.synsets.get(cls, ()):
                    for w in word_forms(member):
                        out.setdefault(w, set()).add(cls)
        return out


def word_forms(word: str) -> set[str]:
    """A dictionary word and its singular (the parse gives lemmas: "rallies" -> "rally")."""
    word = word.lower().strip("_")
    forms = {word}
    if len(word) > 4 and word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif len(word) > 3 and word.endswith("ses"):
        forms.add(word[:-2])
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    return forms


def parse_code(raw: str) -> tuple[str, str] | None:
    """``[CODE]`` -> (code as written, reversed code); "" for the null code; None when not a code at all."""
    raw = raw.strip()
    if raw in ("---", "+++", "###", ""):
        return "", ""
    main, _, rev = raw.partition(":")
    main, rev = main.strip(), rev.strip()
    if (main and not main.isdigit()) or (rev and not rev.isdigit()) or not (main or rev):
        return None
    return main, rev


def joined(codes: tuple[str, str]) -> str:
    """(A, B) -> "A:B" when there is a reverse-direction code, else "A"."""
    return f"{codes[0]}:{codes[1]}" if codes[1] else codes[0]


def split_code(code: str) -> tuple[str, str]:
    """"A:B" -> (A, B); "A" -> (A, "")."""
    main, _, rev = code.partition(":")
    return main, rev


def _strip(line: str) -> str:
    """Drop a ``#`` comment (PETRARCH's rule: everything after the first ``#``)."""
    return line.split("#", 1)[0].rstrip()


def _words(item: str) -> list[str]:
    """Dictionary words joined by ``_`` -> separate lower-case words (adjacency is not kept)."""
    return [w for w in item.replace("_", " ").lower().split() if w]


class _PatternParser:
    """Turns the text of one pattern into a ``VerbPattern`` or a reason it cannot be expressed."""

    def __init__(self, synsets: dict[str, frozenset[str]]) -> None:
        self.synsets = synsets

    def _class(self, item: str) -> str:
        if item.startswith("&"):
            name = item.rstrip("_").upper()
            if name not in self.synsets:
                raise _Unexpressible("undefined synonym set")
            return name
        return "@" + item.lower().strip("_")

    def _items(self, text: str) -> list[tuple[str, list[str]]]:
        """Tokens grouped: ("pp", [prep, words...]), ("np", [mods..., head]), ("w", [word])."""
        out: list[tuple[str, list[str]]] = []
        tokens = _TOKEN.findall(text)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok in ("(", "{"):
                close = ")" if tok == "(" else "}"
                j = i + 1
                inner: list[str] = []
                while j < len(tokens) and tokens[j] != close:
                    if tokens[j] not in ("{", "}", "(", ")"):
                        inner.extend(tokens[j].split("_") if not tokens[j].startswith("&") else [tokens[j]])
                    j += 1
                if j >= len(tokens):
                    raise _Unexpressible("unbalanced brackets")
                out.append(("pp" if tok == "(" else "np", [w for w in inner if w]))
                i = j + 1
                continue
            if tok in (")", "}"):
                raise _Unexpressible("unbalanced brackets")
            parts = [tok] if tok.startswith("&") else [p for p in tok.split("_") if p]
            for part in parts:
                out.append(("w", [part]))
            i += 1
        return out

    def parse(self, text: str, block: str, lemmas: tuple[str, ...], cameo: str, line: int) -> VerbPattern:
        body = text.replace("_*", " * ").replace("*_", " * ")
        if body.count("*") != 1:
            raise _Unexpressible("no single verb position (*)")
        pre_text, post_text = body.split("*")
        before: list[str] = []
        for kind, words in self._items(pre_text):
            for w in words if kind != "pp" else words[1:]:
                if w == "+":
                    raise _Unexpressible("target marked before the verb (roles reversed)")
                if w in MARKERS:
                    continue
                before.append(self._class(w))
        prt = ""
        obj = ANY
        pps: list[tuple[str, str]] = []
        after: list[str] = []
        items = self._items(post_text)
        # bare prepositions open a phrase with the next item ("TOWARD +", "FOR &ECONSANCT")
        merged: list[tuple[str, list[str]]] = []
        k = 0
        while k < len(items):
            kind, words = items[k]
            if kind == "w" and words[0].lower() in PREPOSITIONS and words[0].lower() not in PARTICLES:
                phrase = [words[0]]
                if k + 1 < len(items) and items[k + 1][0] in ("w", "np") and \
                        items[k + 1][1][0].lower() not in PREPOSITIONS | PARTICLES:
                    phrase.extend(items[k + 1][1])
                    k += 1
                merged.append(("pp", phrase))
            else:
                merged.append((kind, words))
            k += 1
        target_prep = ""
        for kind, words in merged:
            if kind == "pp":
                if not words:
                    raise _Unexpressible("empty prepositional phrase")
                prep = words[0].lower()
                if prep.startswith("&"):
                    raise _Unexpressible("synonym set in a preposition's place")
                nouns = [w for w in words[1:] if w not in MARKERS]
                if "$" in words[1:]:
                    raise _Unexpressible("source marked after the verb")
                if "+" in words[1:]:
                    target_prep = target_prep or prep
                head = self._class(nouns[-1]) if nouns else ANY
                after.extend(self._class(w) for w in nouns[:-1])
                pps.append((prep, head))
            elif kind == "np":
                nouns = [w for w in words if w not in MARKERS]
                if not nouns:
                    continue
                head = self._class(nouns[-1])
                mods = [self._class(w) for w in nouns[:-1]]
                if obj == ANY and not prt_is_prep(prt):
                    obj = head
                else:
                    after.append(head)
                after.extend(mods)
            else:
                w = words[0]
                if w == "$":
                    raise _Unexpressible("source marked after the verb")
                if w == "+":
                    if obj == ANY and not pps:
                        obj = SOME
                    continue
                if w in MARKERS:
                    continue
                if w.lower() in PARTICLES and not prt and obj in (ANY, SOME) and not pps:
                    prt = w.lower()
                    continue
                cls = self._class(w)
                if obj in (ANY, SOME) and not pps:
                    obj = cls
                else:
                    after.append(cls)
        # the phrase that holds the target, or the only phrase, becomes the row's own preposition
        if not prt and obj in (ANY, SOME) and pps:
            pick = next((i for i, (p, _) in enumerate(pps) if p == target_prep), 0) if target_prep else 0
            if target_prep or len(pps) == 1:
                prt, obj = pps.pop(pick)
        return VerbPattern(block, lemmas, cameo, prt, obj, tuple(pps), tuple(before), tuple(after), line,
                           text.strip())


def prt_is_prep(prt: str) -> bool:
    return bool(prt) and prt in PREPOSITIONS


class _Unexpressible(Exception):
    """A pattern part the parse-based matcher has no counterpart for; the message is the reason."""


def _verb_spec(spec: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """``WIRE_+TAP`` -> ("tap", before=("wire",), after=()); ``+CORDON_OFF`` -> ("cordon", (), ("off",))."""
    spec = spec.strip()
    if "_" not in spec:
        word = spec.lstrip("+").lower()
        return (word, (), ()) if word.replace("-", "").replace("'", "").isalpha() else None
    parts = [p for p in spec.split("_") if p]
    if not parts:
        return None
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    at = marked[0] if marked else 0
    verb = parts[at].lstrip("+").lower()
    if not verb.isalpha():
        return None
    return verb, tuple(p.lower().lstrip("+") for p in parts[:at]), tuple(p.lower() for p in parts[at + 1:])


def read_verb_dictionary(path: Path) -> VerbDictionary:
    """Parse a PETRARCH-format verb file; raises ConfigError (one line, with the fix) when it cannot be read."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise ConfigError(f"cannot read PETRARCH verb dictionary {path} ({err.strerror}); check the path") from None
    text = _XML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), raw)
    report = ImportReport(path.name)
    synsets: dict[str, set[str]] = {}
    synset_refs: dict[str, list[str]] = {}
    verbs: list[tuple[str, str, str, int]] = []
    compounds: list[tuple[str, str, tuple[str, ...], tuple[str, ...], int]] = []  # (verb, block, pre, post, line)
    pending: list[tuple[str, str, tuple[str, ...], int, str]] = []  # (block, pattern text, lemmas, line, code)
    block = ""
    block_code = ""
    block_lemmas: dict[str, list[str]] = {}
    current_synset = ""
    saw_block = False
    for number, line in enumerate(text.splitlines(), start=1):
        body = _strip(line)
        stripped = body.strip()
        if not stripped or stripped.startswith("<"):
            current_synset = ""
            continue
        if stripped.startswith("&"):
            current_synset = stripped.split()[0].rstrip("_").upper()
            synsets.setdefault(current_synset, set())
            report.synsets += 1
            continue
        if stripped.startswith("+") and current_synset:
            member = stripped[1:].strip()
            if member.startswith("&"):
                synset_refs.setdefault(current_synset, []).append(member.rstrip("_").upper())
            else:
                words = _words(member)
                if words:
                    synsets[current_synset].add(words[-1])  # the head of a multi-word member
                    if len(words) > 1:
                        report.approximated["synonym-set member of several words, matched by its head"] += 1
            continue
        current_synset = ""
        if stripped.startswith("---"):
            m = re.match(r"^---\s*(\S+)\s*(?:\[([^\]]*)\])?", stripped)
            block = (m.group(1) if m else stripped.strip("- ")).rstrip("_").upper()
            parsed = parse_code(m.group(2) or "") if m else ("", "")
            block_code = joined(parsed) if parsed else ""
            block_lemmas.setdefault(block, [])
            saw_block = True
            continue
        if stripped.startswith("~"):
            report.patterns_read += 1
            report.skip("verb-verb transformation (~)", number, stripped)
            continue
        if stripped.startswith("-"):
            report.patterns_read += 1
            if not saw_block:
                report.skip("pattern outside a verb block", number, stripped)
                continue
            codes = _CODE.findall(stripped)
            if not codes:
                report.skip("pattern without a [code]", number, stripped)
                continue
            pending.append((block, stripped, (), number, codes[-1]))
            continue
        if not saw_block:
            continue
        # a verb line
        codes = _CODE.findall(stripped)
        spec = re.sub(r"\{[^}]*\}", " ", _CODE.sub(" ", stripped)).split()
        if not spec:
            continue
        report.verbs_read += 1
        parsed = parse_code(codes[0]) if codes else None
        if codes and parsed is None:
            report.skip("verb with a code that is not a CAMEO number", number, stripped)
            continue
        code = (joined(parsed) if parsed else block_code) or ""
        if code.startswith(":"):
            report.skip("verb code only with source and target reversed ([:B])", number, stripped)
            code = ""
        verb = _verb_spec(spec[0])
        if verb is None:
            report.skip("verb that is not a word", number, stripped)
            continue
        lemma, pre, post = verb
        if pre or post:
            compounds.append((lemma, block, pre, post, number))
            if code:
                verbs.append((lemma + "|" + "_".join(pre) + "|" + "_".join(post), block, code, number))
                report.verb_codes += 1
            continue
        block_lemmas[block].append(lemma)
        verbs.append((lemma, block, code, number))
        report.verb_codes += bool(code)

    # synonym sets may name other sets: expand (bounded: each set is expanded once, cycles ignored)
    final: dict[str, frozenset[str]] = {}

    def expand(name: str, seen: frozenset[str]) -> set[str]:
        words = set(synsets.get(name, ()))
        for ref in synset_refs.get(name, ()):
            if ref not in seen:
                words |= expand(ref, seen | {ref})
        return words

    for name in synsets:
        final[name] = frozenset(expand(name, frozenset({name})))

    parser = _PatternParser(final)
    patterns: list[VerbPattern] = []
    for blk, pattern_text, _, number, code_text in pending:
        body = _CODE.sub(" ", pattern_text)[1:]
        codes = parse_code(code_text)
        if codes is None:
            report.skip("code that is not a CAMEO number", number, pattern_text)
            continue
        main, rev = codes
        if not main and rev:
            report.skip("code only with source and target reversed ([:B])", number, pattern_text)
            continue
        lemmas = tuple(block_lemmas.get(blk, ()))
        if not lemmas:
            report.skip("block with only multi-word verbs", number, pattern_text)
            continue
        try:
            patterns.append(parser.parse(body, blk, lemmas, joined(codes), number))
        except _Unexpressible as why:
            report.skip(str(why), number, pattern_text)
    report.patterns_imported = len(patterns)
    return VerbDictionary(final, verbs, patterns, report)
