"""Turn what a user types into a safe FTS5 query.

FTS5's query language raises a syntax error on many ordinary strings (an
unbalanced quote, a lone ``AND``, ``NEAR(``, ``*``, ``-``). The user's text is
therefore never passed through: it is read with a small grammar and every
term is written back quoted, so only the operators we emit reach FTS5.

The grammar a user gets:

* words, matched without case or accents: ``romeo`` finds "Roméo";
* ``"a phrase"`` (an unclosed quote runs to the end of the text);
* ``word*`` or ``"a phra"*`` for a prefix;
* any part of a run of Chinese, Japanese, Korean, Thai (and other scripts
  written without spaces): ``日本語`` finds "日本語です" (see
  :mod:`archiveviewer.store.scripts`);
* ``AND``, ``OR``, ``NOT`` in capitals between terms, and ``-word`` for
  ``NOT word``; terms side by side must all match.

Operators in the wrong place are dropped; text with no searchable term gives
an empty query, which matches nothing.

A search holds at most :data:`MAX_QUERY_CHARS` characters and
:data:`MAX_QUERY_TERMS` words, phrases and operators: longer ones are
refused with :class:`~archiveviewer.errors.SearchTooLong` before any of the
text is read, so a pasted page costs nothing. Within the bounds every step
is one pass over the text and the query is at most a constant times its
length (``tests/unit/store/test_query.py`` counts it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archiveviewer.errors import SearchTooLong
from archiveviewer.store.scripts import query_text

#: Longest search text accepted, in characters.
MAX_QUERY_CHARS = 1000
#: Most words, phrases and operators in one search.
MAX_QUERY_TERMS = 64

_OPERATORS = frozenset({"AND", "OR", "NOT"})
# A quoted phrase (closed or running to the end) with an optional prefix star,
# or a run of anything else that is not white space or a quote.
_TOKEN = re.compile(r'(?P<neg>-?)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))(?P<star>\*?)')
# Characters that cannot be part of a term: controls (NUL ends SQL text), lone
# surrogates (not encodable) and the parentheses FTS5 reads outside quotes.
_NOISE = re.compile(r"[\x00-\x1f\x7f()\ud800-\udfff]")


@dataclass(frozen=True)
class _Term:
    text: str
    prefix: bool
    negated: bool

    def fts(self) -> str:
        quoted = '"' + query_text(self.text).replace('"', '""') + '"'
        return quoted + " *" if self.prefix else quoted


def _searchable(text: str) -> bool:
    # unicode61 keeps letters, digits and private-use characters; a term with
    # none of them holds no token and would only confuse FTS5.
    return any(ch.isalnum() for ch in text)


def _tokens(text: str) -> list[_Term | str]:
    tokens: list[_Term | str] = []
    for match in _TOKEN.finditer(_NOISE.sub(" ", text)):
        phrase, word = match["phrase"], match["word"]
        negated = bool(match["neg"])
        if word is not None:
            word = word.rstrip("*")
            if word in _OPERATORS and not negated:
                tokens.append(word)
                continue
        body = (phrase if phrase is not None else word or "").strip()
        prefix = bool(match["star"]) or (word is not None and match.group(0).endswith("*"))
        if _searchable(body):
            tokens.append(_Term(" ".join(body.split()), prefix, negated))
    return tokens


def _well_formed(tokens: list[_Term | str]) -> list[_Term | str]:
    """Drop operators that do not stand between two terms."""
    out: list[_Term | str] = []
    for token in tokens:
        if isinstance(token, str):
            if out and isinstance(out[-1], str):
                out[-1] = token  # "a OR NOT b": the later operator wins
            elif out:
                out.append(token)
            continue
        out.append(token)
    while out and isinstance(out[-1], str):
        out.pop()
    return out


def fts_query(text: str) -> str:
    """The FTS5 query for a user's search text; empty when nothing is searchable.

    Never produces an FTS5 syntax error, whatever ``text`` holds; raises
    :class:`SearchTooLong` when it is over the bounds.
    """
    check_bounds(text)
    tokens = _tokens(text)
    if not any(isinstance(t, _Term) for t in tokens):
        # Only operators were typed ("AND"): search for them as words.
        tokens = [_Term(t, False, False) for t in tokens if isinstance(t, str)]
    excluded = [t for t in tokens if isinstance(t, _Term) and t.negated]
    kept = [t for t in tokens if not (isinstance(t, _Term) and t.negated)]
    positive = _well_formed(kept)
    if not positive:
        # "-word" alone excludes from nothing: read it as the word itself.
        positive, excluded = _well_formed([_Term(t.text, t.prefix, False) for t in excluded]), []
    query = " ".join(t if isinstance(t, str) else t.fts() for t in positive)
    if excluded:
        query = f"({query})" + "".join(f" NOT {t.fts()}" for t in excluded)
    return query


def check_bounds(text: str) -> None:
    """Raise :class:`SearchTooLong` with a sentence if ``text`` is over the bounds of a search."""
    if len(text) > MAX_QUERY_CHARS:
        raise SearchTooLong(
            f"The search is longer than {MAX_QUERY_CHARS:,} characters; search for less at a time."
        )
    if len(text.split(maxsplit=MAX_QUERY_TERMS)) > MAX_QUERY_TERMS:
        raise SearchTooLong(
            f"The search has more than {MAX_QUERY_TERMS} words; search for fewer at a time."
        )
