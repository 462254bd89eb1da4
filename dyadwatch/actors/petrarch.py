"""Import PETRARCH/TABARI-format actor and agent dictionaries into the actor gazetteer.

Why: a user coding with an existing CAMEO dictionary (or checking dyadwatch against PETRARCH's validation suite)
must get that dictionary's codes, date limits included, not ours. Format handled:

* actors: ``PHRASE [CODE]`` (words joined by ``_`` or spaces; a trailing ``_`` means "whole word only", other
  words of five or more letters match as stems), ``+SYNONYM`` lines sharing the entry's codes, and indented
  date-bounded code lines ``[CODE <YYYYMMDD]``, ``[CODE >YYYYMMDD]``, ``[CODE YYYYMMDD-YYYYMMDD]`` (six-digit
  YYMMDD dates too). ``[---]`` and ``[+++]`` name an actor with no code; ``#`` starts a comment.
* agents: ``PHRASE {PLURAL} [~CODE]`` (``~CODE`` is appended to the actor's code, ``CODE~`` put before it),
  ``!NAME! = A, B`` substitution sets used as ``!NAME!`` inside phrases. ``{}`` means "no plural".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dyadwatch.actors.tables import Entry, Gazetteer, tokenize
from dyadwatch.errors import ConfigError

_CODE = re.compile(r"\[([^\]]*)\]")
_COMMENT = re.compile(r"#.*$")
_XML_COMMENT = re.compile(r"<!.*?-->|<!--.*?-->", re.S)
_SUBST = re.compile(r"^\s*!([A-Z0-9_]+)!\s*=\s*(.+)$")
NULL_CODES = {"---", "+++", "###", ""}


@dataclass(frozen=True, slots=True)
class DatedCode:
    code: str
    start: date | None = None
    end: date | None = None


def _read(path: Path) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise ConfigError(f"cannot read PETRARCH dictionary {path} ({err.strerror}); check the path") from None
    return _XML_COMMENT.sub("", text)


def _parse_date(raw: str, path: Path) -> date:
    raw = raw.strip()
    try:
        if len(raw) == 6:  # YYMMDD: TABARI's two-digit years, 1950-2049
            yy = int(raw[:2])
            return date(1900 + yy if yy >= 50 else 2000 + yy, int(raw[2:4]), int(raw[4:6]))
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError:
        raise ConfigError(f"{path}: bad date {raw!r} in a code block; write YYYYMMDD") from None


def parse_code_block(block: str, path: Path) -> DatedCode | None:
    """``CODE``, ``CODE <date``, ``CODE >date`` or ``CODE date-date`` -> a dated code (None for null codes)."""
    block = block.strip()
    m = re.match(r"^(\S+)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?\s*$", block)
    if not m:
        return None
    code = m.group(1).split("/")[0].upper()
    if code in NULL_CODES or not re.fullmatch(r"[A-Z0-9-]+", code):
        return None
    if m.group(2) == "<":
        return DatedCode(code, end=_parse_date(m.group(3), path))
    if m.group(2) == ">":
        return DatedCode(code, start=_parse_date(m.group(3), path))
    if m.group(4):
        return DatedCode(code, _parse_date(m.group(4), path), _parse_date(m.group(5), path))
    return DatedCode(code)


def _phrase_tokens(raw: str) -> tuple[tuple[str, ...], bool]:
    """Dictionary words -> token tuple, and whether the last word may match as a stem."""
    raw = raw.strip()
    exact = raw.endswith("_")
    words = " ".join(w for w in raw.replace("_", " ").split() if w)
    tokens = tokenize(words.title() if words.isupper() else words)
    stem = not exact and bool(tokens) and len(tokens[-1]) >= 5 and tokens[-1].isalpha()
    return tokens, stem


def split_code(code: str) -> tuple[str | None, tuple[str, ...]]:
    """CAMEO code -> (country part, 3-letter sector parts): ``GONGOV`` -> (``GON``, (``GOV``,))."""
    if len(code) < 3:
        return None, ()
    head, rest = code[:3], code[3:]
    sectors = tuple(rest[i : i + 3] for i in range(0, len(rest) - len(rest) % 3, 3))
    return (None if head == "---" else head), sectors


def _blocks_of(line: str, path: Path, problems: list[str] | None) -> list[DatedCode | None]:
    """The code blocks of a line; with ``problems`` given, a malformed one is recorded there and skipped."""
    out: list[DatedCode | None] = []
    for raw in _CODE.findall(line):
        try:
            out.append(parse_code_block(raw, path))
        except ConfigError as err:
            if problems is None:
                raise
            problems.append(str(err))
    return out


def load_actors(path: Path, problems: list[str] | None = None) -> Gazetteer:
    """Read a PETRARCH actor dictionary (``problems``: collect malformed code blocks instead of failing)."""
    gaz = Gazetteer()
    phrases: list[tuple[tuple[str, ...], bool]] = []
    codes: list[DatedCode] = []
    name = ""

    def flush() -> None:
        for dated in codes:
            country, sectors = split_code(dated.code)
            entry = Entry("petrarch-actor", name, country, sectors, dated.code, None, dated.start, dated.end,
                          source=Path(path).name)  # fmt: skip
            for tokens, stem in phrases:
                gaz.add(tokens, entry, stem)

    for raw in _read(path).splitlines():
        line = _COMMENT.sub("", raw).rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("<") or stripped.startswith("!"):
            continue
        blocks = _blocks_of(stripped, Path(path), problems)
        text = _CODE.sub("", stripped).strip()
        if raw[:1] in (" ", "\t") and not text:  # an indented code line for the current entry
            codes.extend(b for b in blocks if b)
            continue
        if text.startswith("+"):  # a synonym of the current entry
            phrases.append(_phrase_tokens(text[1:]))
            codes.extend(b for b in blocks if b)
            continue
        flush()
        name = text.replace("_", " ").strip().title()
        phrases = [_phrase_tokens(text)] if text else []
        codes = [b for b in blocks if b]
    flush()
    return gaz


def load_agents(path: Path) -> Gazetteer:
    """Read a PETRARCH agent dictionary (roles: ``MINISTER [~GOV]``)."""
    gaz = Gazetteer()
    subst: dict[str, list[str]] = {}
    for raw in _read(path).splitlines():
        line = _COMMENT.sub("", raw).strip()
        if not line or line.startswith("<"):
            continue
        m = _SUBST.match(line)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        code = codes[0].strip().upper()
        prefix = code.endswith("~") and not code.startswith("~")
        code = code.strip("~").strip()
        if not code:
            continue
        _, sectors = split_code("---" + code)
        text = _CODE.sub("", line)
        plural_m = re.search(r"\{([^}]*)\}", text)
        text = re.sub(r"\{[^}]*\}", "", text).strip()
        forms = [text]
        if plural_m and plural_m.group(1).strip():
            forms.append(plural_m.group(1).strip())
        expanded: list[str] = []
        for form in forms:
            options = [form]
            for key, values in subst.items():
                marker = f"!{key}!"
                if any(marker in o for o in options):  # "CONGRESS!PERSON!" -> "CONGRESSMAN", ...
                    options = [o.replace(marker, v) for o in options for v in values]
            expanded.extend(options)
        for form in expanded:
            words = " ".join(form.replace("_", " ").split()).lower()
            entry = Entry("petrarch-agent", words, None, sectors, code, None, source=Path(path).name, prefix=prefix)
            gaz.add(tokenize(words), entry)
    return gaz
