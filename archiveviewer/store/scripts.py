"""Scripts written without spaces between words: found by substring.

The word index (FTS5 ``unicode61``) cuts text at spaces and punctuation, so
"日本語です" is one token and "日本語" would not find it. Characters of
scripts that do not put spaces between words (Han, kana, Hangul, Thai, Lao,
Khmer, Myanmar, Tibetan, Yi) are therefore indexed one by one: the indexed
text has a zero-width space around each of them, and a query's run of them
becomes a phrase of single characters. A phrase of adjacent characters is
exactly a substring, so any part of such a run is found, while words in
other scripts keep their accent- and case-insensitive word matching.
"""

from __future__ import annotations

import re

#: Not a token character for ``unicode61`` (category Cf), invisible when shown.
SEPARATOR = "\u200b"

_SPACELESS = re.compile(
    "(["
    "\u0e00-\u0fff"  # Thai, Lao, Tibetan
    "\u1000-\u109f"  # Myanmar
    "\u1100-\u11ff"  # Hangul Jamo
    "\u1780-\u17ff"  # Khmer
    "\u2e80-\u2fdf"  # CJK radicals
    "\u3040-\u31ff"  # Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\ua000-\ua4cf"  # Yi
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff65-\uffdc"  # half-width Katakana and Hangul
    "\U00020000-\U0003ffff"  # CJK extensions B and later
    "])"
)


def index_text(text: str | None) -> str | None:
    """The text the word index should read, or None when it is ``text`` itself."""
    if text is None or text.isascii() or not _SPACELESS.search(text):
        return None
    # split() keeps each character it cuts at (the pattern captures it).
    return SEPARATOR.join(part for part in _SPACELESS.split(text) if part)


def query_text(term: str) -> str:
    """A search term with spaceless-script characters apart, to be quoted as one phrase."""
    if term.isascii():
        return term
    return " ".join(_SPACELESS.sub(r" \1 ", term).split())


def shown_text(snippet: str) -> str:
    """A snippet of indexed text as the user wrote it."""
    return snippet.replace(SEPARATOR, "")
