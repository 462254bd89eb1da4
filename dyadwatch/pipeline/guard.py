"""Text that must not reach the parser: too long, one endless sentence, or one word repeated.

Why before the first stage: the parse and every walk over it grow with the sentence, and some walks grow faster
than linearly with it. A megabyte of "a a a ..." is one 500,000-token sentence: issue 22 measured 8.2 GB and
130 s for it. Real news never looks like that, so such a text is refused at once, with a reason that says what
is wrong with it, instead of being parsed whole and stopped by the time budget after minutes.

The three checks, each O(length) on text already capped by ``Settings.max_article_chars``:

- length over ``Settings.max_article_chars`` (100,000 characters by default: two to three times the longest
  long-read report; the time budget of a text that long is already at its ceiling);
- a stretch of more than ``Settings.max_sentence_chars`` characters with no sentence end (``.``, ``!``, ``?``,
  ``;``, ``:`` or a line break): a table, a list flattened into one line, or generated text; the longest
  sentences in news are a few hundred characters;
- one word making up more than ``REPEATED_SHARE`` of a text of at least ``REPEATED_MIN_WORDS`` words: in English
  prose the commonest word ("the") is about 6 % of the words.
"""

from __future__ import annotations

import re
from collections import Counter

from dyadwatch.config import Settings

_SENTENCE_END = re.compile(r"[.!?;:\n\u3002\uff01\uff1f]+")
_WORD = re.compile(r"\w+")
REPEATED_SHARE = 0.25
REPEATED_MIN_WORDS = 400


def unfit_reason(text: str, settings: Settings) -> str | None:
    """Why ``text`` must not be coded (one line naming the limit and the fix), or None when it may be."""
    size = len(text)
    if size > settings.max_article_chars:
        return (f"the text is {size:,} characters, over the coding limit of {settings.max_article_chars:,} "
                "(Settings.max_article_chars); split it into articles or raise the limit")
    longest = max((len(part) for part in _SENTENCE_END.split(text)), default=0)
    if longest > settings.max_sentence_chars:
        return (f"the text has a stretch of {longest:,} characters with no sentence end, over the limit of "
                f"{settings.max_sentence_chars:,} (Settings.max_sentence_chars): a table, a flattened list or "
                "repeated text, not prose; break it into sentences or leave it out")
    words = _WORD.findall(text.casefold())
    if len(words) >= REPEATED_MIN_WORDS:
        word, count = Counter(words).most_common(1)[0]
        if count > REPEATED_SHARE * len(words):
            return (f"one word ({word[:40]!r}) is {count / len(words):.0%} of the text's {len(words):,} words: "
                    "repeated or generated text, not news; send the article's own text")
    return None
