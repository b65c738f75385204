"""Relevance over a bounded candidate set: FTS5's own ``bm25()`` on a scratch index of it.

``bm25()`` on the replica's index asks, on its first row, how many rows of
the *whole* index hold each phrase: on the most common words that reads
every posting and costs what ranking every match costs. So the candidates
(a block of the newest matches, see :mod:`archiveviewer.store.search`) are
copied into a small in-memory FTS5 index with the same tokenizer, and
ranked there by FTS5's ``bm25()`` (Okapi BM25, k1 = 1.2, b = 0.75) whose
document frequencies and average length are those of the candidates alone.
The same scratch index makes the snippets of the hits shown, so the
replica's index is read once per block, however far apart its hits are.

The scratch index is one in-memory database per thread: nothing is written
to the replica (which may be read-only), and its changes do not count as
the replica's (``total_changes``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence

from archiveviewer.store.index import TOKENIZER

_local = threading.local()


def _scratch() -> sqlite3.Connection:
    db: sqlite3.Connection | None = getattr(_local, "db", None)
    if db is None:
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.execute(f"CREATE VIRTUAL TABLE candidates USING fts5 (text, tokenize = '{TOKENIZER}')")
        _local.db = db
    return db


def best(
    query: str, candidates: Sequence[tuple[int, str | None]], skip: int, take: int, snippet: str
) -> tuple[list[tuple[int, float, str]], int]:
    """The candidates ranked best first, ``take`` of them from the ``skip``-th, and how many match.

    ``query`` is the FTS5 query for the text column (no filters: the
    candidates passed them already); ``candidates`` are (row id, indexed
    text); ``snippet`` the arguments of ``snippet()`` after the column.
    Returns (row id, bm25 score, snippet): lower scores are better; ties go
    to the lower row id, the newer (row ids are minus time keys).
    """
    db = _scratch()
    db.execute("BEGIN")
    try:  # rolled back at the end: emptier than deleting, and cheaper
        db.executemany("INSERT INTO candidates (rowid, text) VALUES (?, ?)", candidates)
        scores = db.execute(
            "SELECT rowid, bm25(candidates) FROM candidates WHERE candidates MATCH ?", (query,)
        ).fetchall()
        scores.sort(key=lambda hit: (hit[1], hit[0]))
        chosen = scores[skip : skip + take]
        # The unary + makes one pass over the candidates rather than a lookup
        # per row id (each would parse the query again); snippets are made
        # for the chosen rows only.
        marks = ", ".join("?" * len(chosen))
        shown = dict(
            db.execute(
                f"SELECT rowid, snippet(candidates, 0, {snippet}) FROM candidates"  # noqa: S608
                f" WHERE candidates MATCH ? AND +rowid IN ({marks})",
                [query, *(key for key, _ in chosen)],
            ).fetchall()
        )
        return [(key, score, shown[key]) for key, score in chosen], len(scores)
    finally:
        db.execute("ROLLBACK")
