"""Truecasing: lower-case and ALL-CAPS text recased before parsing, from the actor tables' own spellings.

Why: the parser and its named-entity tagger learned from cased news. In ALL CAPS every word looks like a proper
noun, in lower case none does, and the parse falls apart (wire headlines, old archives, lower-cased feeds). The
actor tables know how the names they hold are written ("White House", "NATO", "Xi Jinping", "Kabul"), so a text
with no usable casing is given that casing back, word for word, before parsing; everything else goes to lower
case, with a capital at the start of each sentence and for "I".

Rules (from the tables and English orthography, nothing else):

* A table phrase of two or more words is recased wherever it occurs ("white house" -> "White House").
* A one-word name is recased unless it is also an English word (the lemmatizer's word index: "may", "rice",
  "bush", "trump"); such a word is recased after a title ("president trump") or when the table lists it as a
  country, nationality or capital ("china", "turkey", "chad", "polish").
* A one-word name that is a common function word ("us", "who", "it") is not recased; "us" is the country only
  with "the" before it or a role noun after it ("the us", "us officials").
* Day and month names are capitalised (not "march" and "may", which are verbs too).
* A word that is no English word in any inflection (the lemmatizer's word index and its suffix rules, plus the
  common derivational suffixes) and no function word is a name the tables do not know ("rahul gandhi said",
  "kejriwal alleged", "the dadaab camp"): it is capitalised, so the tagger reads a proper noun and the entity
  recogniser a name, as in cased text. Not after a determiner or possessive ("the largest", "its ceasefire"), not
  before an apostrophe ("didn't").
* Only letters change case, one for one, so the normalised text keeps its length and its offset map.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.lookups import Lookups

    from dyadwatch.actors.tables import Gazetteer

# Kinds whose one-word names are recased even when they are also English words ("china", "turkey").
NATIONAL_KINDS = frozenset({"country", "demonym", "capital"})
NAME_KINDS = frozenset({"country", "demonym", "capital", "city", "region", "seat", "org", "group", "person"})
TITLES = frozenset({"president", "premier", "minister", "chancellor", "king", "queen", "prince", "senator",
                    "secretary", "governor", "mr", "mrs", "ms", "dr", "gen", "general", "sheikh", "emir",
                    "ambassador", "envoy", "spokesman", "spokeswoman", "leader", "mayor"})  # fmt: skip
# Day and month names are capitalised in English ("march" and "may" are verbs too: left alone).
CALENDAR = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "april", "june", "july", "august", "september", "october", "november", "december")  # fmt: skip
# Derivational and British-spelling endings the lemmatizer's inflection rules do not undo ("denuclearization",
# "criticised", "internationally"): (ending, replacement) pairs tried on a word before it is called a name.
DERIVATIONS = (("ly", ""), ("ally", ""), ("ily", "y"), ("ness", ""), ("ment", ""), ("ments", ""), ("ation", "e"),
               ("ation", ""), ("ations", "e"), ("ations", ""), ("ization", "ize"), ("isation", "ize"),
               ("isations", "ize"), ("izations", "ize"), ("ised", "ize"), ("ise", "ize"), ("ising", "ize"),
               ("ises", "ize"), ("ity", ""), ("ities", ""), ("al", ""), ("ism", ""), ("ist", ""), ("ists", ""),
               ("er", ""), ("ers", ""), ("ers", "e"), ("or", "e"), ("ors", "e"), ("ive", "e"), ("ic", ""),
               ("ical", ""), ("our", "or"), ("re", "er"), ("ence", "ent"), ("ance", "ant"), ("less", ""))  # fmt: skip
# Words before which a name is unlikely and an unknown word more likely a rare common noun ("the largest").
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
                         "my", "your", "some", "any", "no", "every", "each", "more", "most"})
MIN_NAME = 3
_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?|\d+")
_SENTENCE_END = re.compile(r"[.!?]['\")\]]*\s+$|\n\s*$")
MIN_LETTERS = 12


@dataclass(slots=True)
class CaseVocabulary:
    """Lower-cased word sequences -> their written form, from the actor tables."""

    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    ambiguous: dict[str, str] = field(default_factory=dict)  # English words recased only after a title
    roles: frozenset[str] = frozenset()
    max_len: int = 1
    # English words (the lemmatizer's index) with its inflection rules, and function words: what is no name
    english: frozenset[str] = frozenset()
    rules: tuple[tuple[str, str], ...] = ()
    stop: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()  # only ever nouns: a name's second word may be one ("rahul gandhi")
    adjectives: frozenset[str] = frozenset()


def build_vocabulary(gaz: Gazetteer, english: frozenset[str] | EnglishWords, stop_words: frozenset[str]
                     ) -> CaseVocabulary:
    """The written forms of the tables' names; the hand-written tables' spelling first ("NATO", not "Nato").

    ``english``: the lemmatizer's words (``english_words``: with its rules, nouns and adjectives, names the tables
    do not know are capitalised too; a bare word set: only table names are).
    """
    if isinstance(english, EnglishWords):
        vocab = CaseVocabulary(english=english.words, rules=english.rules, stop=stop_words, nouns=english.nouns,
                               adjectives=english.adjectives)
        english = english.words
    else:
        vocab = CaseVocabulary()
    roles: set[str] = set()
    for key, patterns in gaz.exact.items():
        words = tuple(k for k in key if any(ch.isalnum() for ch in k))
        if not words:
            continue
        ordered = sorted(patterns, key=lambda p: p.entry.source.startswith("actors/phoenix"))
        for p in ordered:
            kind = p.entry.kind
            if kind in ("role", "petrarch-agent"):
                if len(words) == 1:
                    roles.add(words[0])
                continue
            if kind not in NAME_KINDS and kind != "petrarch-actor":
                continue
            cased = tuple(t for t in p.tokens if any(ch.isalnum() for ch in t))
            if len(cased) != len(words) or all(c == w for c, w in zip(cased, words, strict=True)):
                continue
            if words[0] in stop_words and len(words) == 1:
                break  # "us", "who", "it": the pronoun far more often than the name
            hand = not p.entry.source.startswith("actors/phoenix")
            if len(words) == 1 and words[0] in english and not (
                hand and (kind in NATIONAL_KINDS or kind == "group" or cased[0].isupper())
            ):
                vocab.ambiguous.setdefault(words[0], cased[0])
                break
            vocab.phrases.setdefault(words, cased)
            vocab.max_len = max(vocab.max_len, len(words))
            break
    for word in CALENDAR:
        vocab.phrases.setdefault((word,), (word.capitalize(),))
    vocab.roles = frozenset(roles)
    return vocab


class EnglishWords(NamedTuple):
    """What the lemmatizer knows of English: every word, its inflection rules, the words that are only nouns
    (WordNet's index also holds famous names: "gandhi", "kennedy") and the adjectives."""

    words: frozenset[str]
    rules: tuple[tuple[str, str], ...]
    nouns: frozenset[str]
    adjectives: frozenset[str]


def english_words(lookups: Lookups) -> EnglishWords:
    """The words of a spaCy lemmatizer's lookups (its index and its exceptions) and its inflection rules."""
    index = lookups.get_table("lemma_index")
    by_pos = {pos: frozenset(index.get(pos, ())) for pos in ("noun", "verb", "adj", "adv")}
    words: set[str] = set().union(*by_pos.values())
    if lookups.has_table("lemma_exc"):
        for table in lookups.get_table("lemma_exc").values():
            words.update(k for k in table if isinstance(k, str))
    rules: list[tuple[str, str]] = []
    if lookups.has_table("lemma_rules"):
        for pairs in lookups.get_table("lemma_rules").values():
            rules.extend((old, new) for old, new in pairs if old.isalpha() and (new.isalpha() or not new))
    others = by_pos["verb"] | by_pos["adj"] | by_pos["adv"]
    pairs = tuple(dict.fromkeys(rules))
    # Only ever a noun: not a verb, adjective or adverb, nor an inflection of one ("accused", "elected")
    probe = CaseVocabulary(rules=pairs)
    nouns = frozenset(w for w in by_pos["noun"] - others if not _in_words(w, others, probe))
    return EnglishWords(frozenset(words), pairs, nouns, by_pos["adj"])


def to_plain(vocab: CaseVocabulary) -> dict[str, object]:
    return {"format": "casing-3", "phrases": list(vocab.phrases.items()), "ambiguous": vocab.ambiguous,
            "roles": sorted(vocab.roles), "max_len": vocab.max_len, "english": sorted(vocab.english),
            "rules": [list(r) for r in vocab.rules], "stop": sorted(vocab.stop), "nouns": sorted(vocab.nouns),
            "adjectives": sorted(vocab.adjectives)}  # fmt: skip


def from_plain(data: object) -> CaseVocabulary | None:
    if not isinstance(data, dict) or data.get("format") != "casing-3":
        return None
    try:
        return CaseVocabulary({tuple(k): tuple(v) for k, v in data["phrases"]}, dict(data["ambiguous"]),
                              frozenset(data["roles"]), int(data["max_len"]), frozenset(data["english"]),
                              tuple((str(a), str(b)) for a, b in data["rules"]), frozenset(data["stop"]),
                              frozenset(data["nouns"]), frozenset(data["adjectives"]))  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return None


def is_name_like(word: str, vocab: CaseVocabulary) -> bool:
    """Whether a lower-case word is no English word in any inflection or derivation, nor a function word."""
    if len(word) < MIN_NAME or not word.isalpha() or not vocab.english or word in vocab.stop or word in vocab.roles:
        return False
    return not _in_words(word, vocab.english, vocab)


def _in_words(word: str, words: frozenset[str], vocab: CaseVocabulary) -> bool:
    """``word`` or its base form (undoing an inflection or derivation) is one of ``words``."""
    if word in words:
        return True
    for ending, replacement in (*vocab.rules, *DERIVATIONS):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_NAME:
            stem = word[: len(word) - len(ending)]
            if stem + replacement in words:
                return True
            if len(stem) > MIN_NAME and stem[-1] == stem[-2] and stem[:-1] + replacement in words:
                return True  # "stopped", "biggest"
    return False


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def letter_counts(text: str) -> tuple[int, int]:
    """How many characters of ``text`` are ``str.isupper`` and how many ``str.islower``.

    Why not ``sum(map(str.isupper, text))``: this runs on every article and every line of it, and a call per
    character cost more than the rest of normalising. An ASCII character is upper or lower exactly when it is
    A-Z or a-z, so the ASCII part is counted by deleting those bytes (in C); only the other characters (curly
    quotes, accented names) are asked one by one.
    """
    raw = text.encode("ascii", "ignore")
    upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    lower = len(raw) - len(raw.translate(None, _ASCII_LOWER))
    if len(raw) != len(text):
        for run in _NON_ASCII.findall(text):
            upper += sum(map(str.isupper, run))
            lower += sum(map(str.islower, run))
    return upper, lower


def casing_of(text: str) -> str | None:
    """``lower`` when the text has (almost) no capitals, ``upper`` when it has (almost) no small letters."""
    upper, lower = letter_counts(text)
    if upper + lower < MIN_LETTERS:
        return None
    if upper <= 0.01 * (upper + lower):
        return "lower"
    if lower <= 0.05 * (upper + lower):
        return "upper"
    return None


def truecase(text: str, vocab: CaseVocabulary) -> str:
    """``text`` recased (same length): table names as the tables write them, the rest in lower case with a
    capital at each sentence start. Lines that are already cased are left as they are."""
    out: list[str] = []
    whole = casing_of(text)
    for line in text.splitlines(keepends=True):
        out.append(_truecase_line(line, vocab) if whole == "lower" or casing_of(line) else line)
    return "".join(out)


def _truecase_line(line: str, vocab: CaseVocabulary) -> str:
    chars = [_one(c, str.lower) for c in line]
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(line)]
    lowers = [w if _acronym(w) else w.rstrip(".") for _, _, w in words]
    i = 0
    while i < len(words):
        taken = 0
        for n in range(min(vocab.max_len, len(words) - i), 0, -1):
            key = tuple(lowers[i : i + n])
            cased = vocab.phrases.get(key)
            if cased is None or not _adjacent(line, words, i, n):
                continue
            for (start, _, _), form in zip(words[i : i + n], cased, strict=True):
                _apply(chars, start, form)
            taken = n
            break
        if not taken:
            word = lowers[i]
            start = words[i][0]
            taken = 1
            if word in vocab.ambiguous and i > 0 and lowers[i - 1] in TITLES:
                _apply(chars, start, vocab.ambiguous[word])
            elif word == "us" and _us_is_country(lowers, i, vocab):  # "the us", "us officials"
                _apply(chars, start, "US")
            elif word == "i":
                chars[start] = "I"
            elif _unknown_name(line, words, lowers, i, vocab):
                _apply(chars, start, word.capitalize())
                # "rahul gandhi": a word that is only ever a noun, right after an unknown name, is its surname
                # (WordNet's index knows famous names as nouns); "rahul said" and "rahul's party" are not
                nxt = i + 1
                while nxt < len(words) and lowers[nxt] in vocab.nouns and lowers[nxt] not in vocab.roles \
                        and lowers[nxt] not in vocab.stop and _adjacent(line, words, nxt - 1, 2):
                    _apply(chars, words[nxt][0], lowers[nxt].capitalize())
                    nxt += 1
                taken = nxt - i
        i += taken
    _sentence_starts(chars, line)
    return "".join(chars)


def _unknown_name(line: str, words: list[tuple[int, int, str]], lowers: list[str], i: int,
                  vocab: CaseVocabulary) -> bool:
    """A name no table knows: no English word, not after a determiner, not the stem of a contraction."""
    end = words[i][1]
    if line[end:end + 1] in ("'", "’") and line[end + 1:end + 2].lower() == "t":
        return False  # "didn't"
    if i > 0 and (lowers[i - 1] in DETERMINERS or (_in_words(lowers[i - 1], vocab.adjectives, vocab)
                                                   and lowers[i - 1] not in vocab.nouns)):
        return False  # "the ceasefire", "largest ceasefire": a rare common noun, not a name
    return is_name_like(lowers[i], vocab)


def _acronym(word: str) -> bool:
    return word.count(".") >= 2  # "u.s." keeps its final stop


def _adjacent(line: str, words: list[tuple[int, int, str]], i: int, n: int) -> bool:
    """Words of one phrase are separated by spaces or hyphens only (not by a comma or a full stop)."""
    for (_, end, _), (start, _, _) in zip(words[i : i + n - 1], words[i + 1 : i + n], strict=True):
        if line[end:start].strip() not in ("", "-"):
            return False
    return True


def _us_is_country(lowers: list[str], i: int, vocab: CaseVocabulary) -> bool:
    before = lowers[i - 1] if i > 0 else ""
    after = lowers[i + 1] if i + 1 < len(lowers) else ""
    return before == "the" or after in vocab.roles


def _one(ch: str, change: Callable[[str], str]) -> str:
    """``ch`` in the other case when that is one character ("ß" upper-cases to "SS": kept), so offsets hold."""
    changed = change(ch)
    return changed if len(changed) == 1 else ch


def _apply(chars: list[str], start: int, form: str) -> None:
    for k, ch in enumerate(form):
        if start + k < len(chars) and chars[start + k].lower() == ch.lower():
            chars[start + k] = ch


def _sentence_starts(chars: list[str], line: str) -> None:
    """A capital on the first letter of the line and of every sentence in it."""
    at_start = True
    for k, ch in enumerate(chars):
        if ch.isalpha():
            if at_start:
                chars[k] = _one(ch, str.upper)
            at_start = False
        elif ch in ".!?" and (k + 1 >= len(chars) or chars[k + 1].isspace()):
            at_start = not _abbreviation(chars, k)
        elif ch == "\n":
            at_start = True


def _abbreviation(chars: list[str], k: int) -> bool:
    """ "u.s. officials", "gen. smith": a full stop after a one-letter part or a title is not a sentence end."""
    j = k - 1
    while j >= 0 and chars[j].isalpha():
        j -= 1
    word = "".join(chars[j + 1 : k]).lower()
    return (len(word) == 1 and j >= 0 and chars[j] == ".") or word in ("mr", "mrs", "ms", "dr", "gen", "st", "lt",
                                                                      "col", "sen", "rep", "gov")  # fmt: skip
