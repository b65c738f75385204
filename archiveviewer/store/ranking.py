"""Relevance over a bounded candidate set: BM25 computed on the candidates alone.

FTS5's ``bm25()`` asks, on its first row, how many rows of the whole index
hold each term: on the most common words that reads every posting and costs
what a full ranking costs. Here the candidates (the newest matches, see
:mod:`archiveviewer.store.search`) are ranked by Okapi BM25 (k1 = 1.2,
b = 0.75) whose document frequencies and average length are those of the
candidate set itself, counted in Python from the candidates' text with the
same rules as the index (case and accents folded, words of letters and
digits, spaceless scripts one character a token). The set of hits is always
FTS5's; only their order comes from here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from archiveviewer.store.query import ranked_terms
from archiveviewer.store.scripts import index_text

_K1 = 1.2
_B = 0.75
_WORD = r"[^\W_]"  # a letter or digit: what unicode61 keeps in a token
# Combining marks that unicode61 removes (remove_diacritics 2) or splits at (Thai).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                        "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # fmt: skip


def folded(text: str) -> str:
    """Indexed text (already spaced by :func:`index_text`) folded as ``unicode61`` folds it."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def _pattern(term: str, prefix: bool) -> re.Pattern[str]:
    """A term (one word or a phrase, its last word a prefix if asked) in folded text."""
    words = re.findall(f"{_WORD}+", folded(index_text(term) or term))
    body = r"[\W_]+".join(re.escape(word) for word in words)
    end = "" if prefix else f"(?!{_WORD})"
    return re.compile(f"(?<!{_WORD}){body}{end}", re.IGNORECASE)


def _or_empty(text: str | None) -> str:
    return text or ""


class Ranker:
    """Scores candidate texts for one search text; lower scores are better, as with bm25().

    A text's length is counted in characters rather than tokens: the same
    normalisation for BM25's purpose, without splitting every candidate.
    """

    def __init__(self, text: str) -> None:
        self._terms = [
            _pattern(term, prefix)
            for term, prefix in ranked_terms(text)
            if re.search(_WORD, folded(term))
        ]

    def scores(self, texts: Sequence[str | None]) -> list[float]:
        """One score per text, BM25 over these texts as the whole collection."""
        # ASCII text needs no folding: the patterns ignore case.
        docs = [text if text.isascii() else folded(text) for text in map(_or_empty, texts)]
        if not docs:
            return []
        lengths = [len(doc) or 1 for doc in docs]
        average = sum(lengths) / len(docs)
        totals = [0.0] * len(docs)
        for term in self._terms:
            counts = [len(term.findall(doc)) for doc in docs]
            holding = sum(1 for c in counts if c)
            idf = math.log(1 + (len(docs) - holding + 0.5) / (holding + 0.5))
            for n, count in enumerate(counts):
                if count:
                    norm = 1 - _B + _B * lengths[n] / average
                    totals[n] -= idf * count * (_K1 + 1) / (count + _K1 * norm)
        return totals
