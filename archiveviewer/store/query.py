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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archiveviewer.store.scripts import query_text

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

    Never produces an FTS5 syntax error, whatever ``text`` holds.
    """
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


def ranked_terms(text: str) -> list[tuple[str, bool]]:
    """The terms of a user's search text that rank a hit: (text, is a prefix), not the excluded.

    Read as :func:`fts_query` reads them: ``-word`` alone counts as the word.
    """
    terms = [t for t in _tokens(text) if isinstance(t, _Term)]
    kept = [t for t in terms if not t.negated] or terms
    return [(t.text, t.prefix) for t in kept]
