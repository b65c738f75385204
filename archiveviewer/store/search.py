"""Full-text search over the replica: the hit type and the SQL behind it."""

from __future__ import annotations

import enum
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from archiveviewer.domain import CollectionId, Direction
from archiveviewer.store.codec import optional_time, parse_time, time_text
from archiveviewer.store.listing import contact_clause
from archiveviewer.store.query import fts_query

#: Markers around each matched term in :attr:`SearchHit.snippet`.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
#: Stands for cut text at either end of a snippet.
ELLIPSIS = "…"
_SNIPPET_TOKENS = 16
_HIGHLIGHT = re.compile(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_END}", re.DOTALL)


class SearchOrder(enum.Enum):
    """How search results are sorted."""

    RELEVANCE = "relevance"  # FTS5 bm25, best first
    NEWEST = "newest"
    OLDEST = "oldest"


class HitKind(enum.Enum):
    """What kind of text matched."""

    MESSAGE = "message"
    NOTE = "note"
    SUBJECT = "subject"


@dataclass(frozen=True)
class SearchFilter:
    """Narrows a search. Every field left as None does not filter.

    ``contact`` is a bare JID (matches all of its resources) or a full JID
    (matches that resource only); the bare part compares without case. ``since`` is
    inclusive, ``until`` exclusive. ``direction`` keeps messages only.
    """

    contact: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    direction: Direction | None = None


@dataclass(frozen=True)
class SearchHit:
    """One matching message, note or subject, and where to open it.

    To show the hit, open ``collection`` and scroll to item ``ordinal``: an
    index into ``Collection.items`` as :meth:`Replica.collection` returns it,
    or, when ``decrypted`` is true, into :meth:`Replica.decrypted`. A subject
    hit has ``ordinal`` None (open the collection at its top).

    ``snippet`` is the matching text cut around the hit, with each matched
    term between :data:`HIGHLIGHT_START` and :data:`HIGHLIGHT_END`;
    :meth:`highlights` gives the plain text and the marked spans. ``score``
    is FTS5's bm25 rank: lower is better.
    """

    collection: CollectionId
    ordinal: int | None
    kind: HitKind
    decrypted: bool
    time: datetime | None
    direction: Direction | None
    nick: str | None
    snippet: str
    score: float

    def highlights(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The snippet without markers, and the (start, end) of each marked term in it."""
        plain: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        position = 0
        for match in _HIGHLIGHT.finditer(self.snippet):
            before = self.snippet[position : match.start()]
            plain.append(before)
            length += len(before)
            plain.append(match[1])
            spans.append((length, length + len(match[1])))
            length += len(match[1])
            position = match.end()
        plain.append(self.snippet[position:])
        return "".join(plain), tuple(spans)


def _filters(search_filter: SearchFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if search_filter.contact is not None:
        clause, contact_params = contact_clause(search_filter.contact)
        clauses.append(clause)
        params.extend(contact_params)
    if search_filter.since is not None:
        clauses.append("i.time >= ?")
        params.append(time_text(search_filter.since))
    if search_filter.until is not None:
        clauses.append("i.time < ?")
        params.append(time_text(search_filter.until))
    if search_filter.direction is not None:
        clauses.append("i.direction = ?")
        params.append(search_filter.direction.value)
    return "".join(f" AND {c}" for c in clauses), params


_COLUMNS = f"""
    c.with_jid, c.start, i.ordinal, i.kind, i.decrypted, i.time, i.direction, i.nick,
    snippet(items_fts, 0, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '{ELLIPSIS}',
            {_SNIPPET_TOKENS}),
    bm25(items_fts)
"""
_FROM = """
    FROM items_fts JOIN items i ON i.id = items_fts.rowid
    JOIN collections c ON c.id = i.collection
"""


def _by_relevance(where: str) -> str:
    # FTS5 sorts by rank itself when it drives the loop, so LIMIT stops early
    # and snippets are made for the returned rows only.
    return f"""
        SELECT {_COLUMNS} {_FROM}
        WHERE items_fts MATCH ? {where}
        ORDER BY items_fts.rank LIMIT ? OFFSET ?
    """


def _by_time(where: str, direction: str) -> str:
    # Choose the page first without snippets, then make snippets for that page only.
    return f"""
        WITH page AS (
            SELECT i.id AS id, i.time AS time, i.ordinal AS ordinal {_FROM}
            WHERE items_fts MATCH ? {where}
            ORDER BY i.time {direction}, i.id {direction} LIMIT ? OFFSET ?
        )
        SELECT {_COLUMNS}
        FROM page CROSS JOIN items_fts ON items_fts.rowid = page.id
        JOIN items i ON i.id = page.id JOIN collections c ON c.id = i.collection
        WHERE items_fts MATCH ?
        ORDER BY page.time {direction}, page.id {direction}
    """  # noqa: S608 -- fixed SQL fragments; every value is bound


def run_search(
    db: sqlite3.Connection,
    text: str,
    search_filter: SearchFilter,
    order: SearchOrder,
    limit: int,
    offset: int,
) -> list[SearchHit]:
    """Run a user's search text; see :meth:`Replica.search`."""
    query = fts_query(text)
    if not query:
        return []
    where, params = _filters(search_filter)
    if order is SearchOrder.RELEVANCE:
        sql = _by_relevance(where)
        args: list[object] = [query, *params, limit, offset]
    else:
        sql = _by_time(where, "DESC" if order is SearchOrder.NEWEST else "ASC")
        args = [query, *params, limit, offset, query]
    return [_hit(row) for row in db.execute(sql, args)]


def count_hits(db: sqlite3.Connection, text: str, search_filter: SearchFilter) -> int:
    """How many hits a search has in all; see :meth:`Replica.count_hits`."""
    query = fts_query(text)
    if not query:
        return 0
    where, params = _filters(search_filter)
    sql = f"SELECT count(*) {_FROM} WHERE items_fts MATCH ? {where}"
    return int(db.execute(sql, [query, *params]).fetchone()[0])


def _hit(row: sqlite3.Row | tuple[Any, ...]) -> SearchHit:
    with_jid, start, ordinal, kind, decrypted, time, direction, nick, snippet, score = row
    hit_kind = HitKind(kind)
    return SearchHit(
        collection=CollectionId(start=parse_time(start), with_jid=with_jid),
        ordinal=None if hit_kind is HitKind.SUBJECT else ordinal,
        kind=hit_kind,
        decrypted=bool(decrypted),
        time=optional_time(time),
        direction=None if direction is None else Direction(direction),
        nick=nick,
        snippet=snippet or "",
        score=score,
    )
