"""Full-text search over the replica: the hit types, paging, and the SQL behind it.

How the index is laid out is in :mod:`archiveviewer.store.index`; why, and
what it costs, in ``docs/search.md``. In short: filters are tokens in the
index and dates are row-id ranges, so FTS5 applies them itself; row ids are
time keys, so newest- and oldest-first stop after one page; relevance ranks
a bounded candidate set, the newest :data:`RELEVANCE_BLOCK` matches within
:data:`RELEVANCE_REACH` of the time span, by BM25
(:mod:`archiveviewer.store.ranking`), then the next block, so that every hit
is reachable in a stable order.
"""

from __future__ import annotations

import enum
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from archiveviewer.domain import CollectionId, Direction
from archiveviewer.store.codec import time_text
from archiveviewer.store.index import KEYS_PER_SECOND, contact_tag, item_tag, row_id, time_key
from archiveviewer.store.listing import contact_clause
from archiveviewer.store.query import fts_query
from archiveviewer.store.ranking import best
from archiveviewer.store.scripts import shown_text

#: Markers around each matched term in :attr:`SearchHit.snippet`.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
#: Stands for cut text at either end of a snippet.
ELLIPSIS = "…"
_SNIPPET_TOKENS = 16
_HIGHLIGHT = re.compile(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_END}", re.DOTALL)
#: How many matches (newest first) relevance ranks together; see the module docstring.
RELEVANCE_BLOCK = 200
#: How far back in time one relevance block reaches, as a share of the replica's time span
#: but never less than :data:`RELEVANCE_MIN_REACH` (a small replica is ranked whole).
RELEVANCE_REACH = 0.25
RELEVANCE_MIN_REACH = timedelta(days=90)
_LOWEST_KEY = -(2**63)
_HIGHEST_KEY = 2**63 - 1


class SearchOrder(enum.Enum):
    """How search results are sorted."""

    RELEVANCE = "relevance"  # bm25 within blocks of the newest matches, best first
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
    ``kinds`` keeps only those kinds of text (e.g. notes and subjects).
    """

    contact: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    direction: Direction | None = None
    kinds: frozenset[HitKind] | None = None


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
    is the BM25 rank within the relevance block (lower is better; see
    :mod:`archiveviewer.store.ranking`), 0 in the time orders.
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


@dataclass(frozen=True)
class SearchCursor:
    """Where the next page of a search starts; opaque, from :attr:`SearchPage.next`."""

    order: SearchOrder
    key: int  # time orders: the last hit's row id; relevance: the first row id of the block
    position: int = 0  # relevance: hits of the block already given


@dataclass(frozen=True)
class SearchPage:
    """One page of hits, and the cursor to the next (None when there is no more)."""

    hits: tuple[SearchHit, ...]
    next: SearchCursor | None


@dataclass(frozen=True)
class _Plan:
    """A search as SQL: the MATCH expression, a row-id range, and checks FTS5 cannot make.

    Row ids are minus time keys (:mod:`archiveviewer.store.index`): ascending
    row ids are newest first.
    """

    text_query: str  # the FTS5 query of the search text alone, without the filters
    match: str
    first: int  # row ids >= first (the newest time allowed)
    last: int  # row ids <= last (the oldest time allowed)
    checks: str  # on items ``i`` and collections ``c``; empty when none
    params: tuple[object, ...]

    def where(self, first: int | None = None, last: int | None = None) -> tuple[str, list[object]]:
        """The WHERE clause and its parameters, narrowed to row ids [first, last] if given."""
        first = self.first if first is None else max(first, self.first)
        last = self.last if last is None else min(last, self.last)
        sql = "items_fts MATCH ? AND items_fts.rowid BETWEEN ? AND ?" + self.checks
        return sql, [self.match, first, last, *self.params]

    def joins(self) -> str:
        """The joins the checks need, empty when there are none."""
        return _JOIN if self.checks else ""


def plan_of(text: str, search_filter: SearchFilter) -> _Plan | None:
    """The plan of a search, None when it can match nothing."""
    query = fts_query(text)
    if not query or search_filter.kinds == frozenset():
        return None
    terms: list[str] = []
    checks: list[str] = []
    params: list[object] = []
    if search_filter.contact is not None:
        terms.append(f'tags : "{contact_tag(search_filter.contact)}"')
        if "/" in search_filter.contact:  # the resource is checked on the row
            clause, contact_params = contact_clause(search_filter.contact)
            checks.append(clause)
            params.extend(contact_params)
    if search_filter.direction is not None:
        terms.append(f'tags : "{item_tag("message", search_filter.direction.value)}"')
    if search_filter.kinds is not None:
        terms.append(_kinds_match(search_filter.kinds))
    terms.append(f"text : ({query})")
    first, last = _LOWEST_KEY, _HIGHEST_KEY
    # Keys start at their time's key and move up only past taken ones, so the
    # range is exact at ``since`` and a second wider at ``until``; the row
    # checks make it exact.
    if search_filter.since is not None:
        last = row_id(time_key(search_filter.since))
        checks.append("i.time >= ?")
        params.append(time_text(search_filter.since))
    if search_filter.until is not None:
        first = row_id(time_key(search_filter.until) + KEYS_PER_SECOND)
        checks.append("i.time < ?")
        params.append(time_text(search_filter.until))
    clauses = "".join(f" AND {c}" for c in checks)
    return _Plan(query, " AND ".join(terms), first, last, clauses, tuple(params))


def _kinds_match(kinds: frozenset[HitKind]) -> str:
    # Messages carry a direction token instead of a kind token (index.TAGS_SQL).
    tags = [item_tag("message", d.value) for d in Direction] if HitKind.MESSAGE in kinds else []
    tags += [item_tag(k.value, None) for k in (HitKind.NOTE, HitKind.SUBJECT) if k in kinds]
    tokens = [f'"{tag}"' for tag in tags]
    return f"tags : ({' OR '.join(tokens)})"


_JOIN = " JOIN items i ON i.id = items_fts.rowid JOIN collections c ON c.id = i.collection"
_SNIPPET_ARGS = f"'{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '{ELLIPSIS}', {_SNIPPET_TOKENS}"
_HIT_COLUMNS = """
    items_fts.rowid, c.with_jid, c.start, i.ordinal, i.kind, i.decrypted, i.time, i.direction,
    i.nick
"""
_COLUMNS = f"{_HIT_COLUMNS}, snippet(items_fts, 0, {_SNIPPET_ARGS})"


def _by_time(
    db: sqlite3.Connection, plan: _Plan, newest: bool, limit: int, offset: int, after: int | None
) -> list[tuple[Any, ...]]:
    """Rows of one page in time order, after row id ``after``: FTS5 reads from one end and stops."""
    if after is None:
        where, params = plan.where()
    elif newest:
        where, params = plan.where(first=after + 1)
    else:
        where, params = plan.where(last=after - 1)
    direction = "ASC" if newest else "DESC"
    sql = (
        f"SELECT {_COLUMNS}, 0.0 FROM items_fts {_JOIN} WHERE {where}"  # noqa: S608 -- fixed SQL
        f" ORDER BY items_fts.rowid {direction} LIMIT ? OFFSET ?"
    )
    return db.execute(sql, [*params, limit, offset]).fetchall()


def _block(db: sqlite3.Connection, plan: _Plan, first: int, last: int) -> list[tuple[int, str]]:
    """The newest :data:`RELEVANCE_BLOCK` matches in row ids [first, last]: row id, text.

    Only what ranking reads: the hit columns are read for the page's rows
    alone (:func:`_hit_rows`), not for the whole block.
    """
    where, params = plan.where(first=first, last=last)
    joins = _JOIN if plan.checks else " JOIN items i ON i.id = items_fts.rowid"
    sql = (
        "SELECT items_fts.rowid, coalesce(i.search_text, i.text)"  # noqa: S608 -- fixed SQL
        f" FROM items_fts {joins} WHERE {where} ORDER BY items_fts.rowid LIMIT ?"
    )
    return db.execute(sql, [*params, RELEVANCE_BLOCK]).fetchall()


def _hit_rows(db: sqlite3.Connection, keys: list[int]) -> dict[int, tuple[Any, ...]]:
    """The hit columns of the rows with these ids."""
    sql = (
        f"SELECT {_HIT_COLUMNS.replace('items_fts.rowid', 'i.id')} FROM items i"  # noqa: S608
        f" JOIN collections c ON c.id = i.collection WHERE i.id IN ({', '.join('?' * len(keys))})"
    )
    return {row[0]: row for row in db.execute(sql, keys)}


def _by_relevance(
    db: sqlite3.Connection, plan: _Plan, limit: int, first: int, position: int
) -> tuple[list[tuple[Any, ...]], SearchCursor | None]:
    """Rows of one page by relevance from the block starting at ``first``, after ``position``.

    A block is the newest :data:`RELEVANCE_BLOCK` matches from ``first`` on,
    reaching back at most :data:`RELEVANCE_REACH` of the replica's time span
    (or :data:`RELEVANCE_MIN_REACH`):
    so a block reads at most that share of the index, however sparse the
    matches (a phrase of two common words). Each block is read once; ranking
    and snippets come from :func:`archiveviewer.store.ranking.best`.
    """
    # Two subqueries: each is one step down the table's b-tree (both in one would scan it).
    newest, oldest = db.execute(
        "SELECT (SELECT min(id) FROM items), (SELECT max(id) FROM items)"
    ).fetchone()
    if newest is None:
        return [], None
    reach = max(
        int((oldest - newest) * RELEVANCE_REACH),
        int(RELEVANCE_MIN_REACH.total_seconds()) * KEYS_PER_SECOND,
    )
    end_of_all = min(oldest, plan.last)
    first = max(first, newest, plan.first)  # blocks start at the newest hit allowed
    chosen: list[tuple[Any, ...]] = []
    while True:
        block = _block(db, plan, first, first + reach)
        # The block covers row ids [first, end]; the next one starts after it.
        end = block[-1][0] if len(block) == RELEVANCE_BLOCK else first + reach
        last_block = end >= end_of_all
        if position >= len(block):  # an offset past this whole block, or an empty one
            if last_block:
                return chosen, None
            first, position = end + 1, position - len(block)
            continue
        ranked, matched = best(plan.text_query, block, position, limit - len(chosen), _SNIPPET_ARGS)
        rows = _hit_rows(db, [key for key, _, _ in ranked])
        chosen += [(*rows[key], snippet, score) for key, score, snippet in ranked]
        position += len(ranked)
        if position < matched:  # the page is full inside this block
            return chosen, SearchCursor(SearchOrder.RELEVANCE, first, position)
        if last_block:
            return chosen, None
        first, position = end + 1, 0
        if len(chosen) == limit:
            return chosen, SearchCursor(SearchOrder.RELEVANCE, first, 0)


def search_page(
    db: sqlite3.Connection,
    text: str,
    search_filter: SearchFilter,
    order: SearchOrder,
    limit: int,
    after: SearchCursor | None,
) -> SearchPage:
    """One page of a search and the cursor to the next; see :meth:`Replica.search_page`."""
    if after is not None and after.order is not order:
        raise ValueError("a search cursor goes on in the order it was made for")
    plan = plan_of(text, search_filter)
    if plan is None or limit <= 0:
        return SearchPage((), None)
    if order is SearchOrder.RELEVANCE:
        first, position = (_LOWEST_KEY, 0) if after is None else (after.key, after.position)
        rows, cursor = _by_relevance(db, plan, limit, first, position)
        return SearchPage(_hits(rows), cursor)
    key = None if after is None else after.key
    rows = _by_time(db, plan, order is SearchOrder.NEWEST, limit + 1, 0, key)
    cursor = SearchCursor(order, rows[limit - 1][0]) if len(rows) > limit else None
    return SearchPage(_hits(rows[:limit]), cursor)


def run_search(
    db: sqlite3.Connection,
    text: str,
    search_filter: SearchFilter,
    order: SearchOrder,
    limit: int,
    offset: int,
) -> list[SearchHit]:
    """Run a user's search text, a page at an offset; see :meth:`Replica.search`."""
    plan = plan_of(text, search_filter)
    if plan is None or limit <= 0:
        return []
    if order is SearchOrder.RELEVANCE:
        rows, _ = _by_relevance(db, plan, limit, _LOWEST_KEY, offset)
    else:
        rows = _by_time(db, plan, order is SearchOrder.NEWEST, limit, offset, None)
    return list(_hits(rows))


_KINDS = {kind.value: kind for kind in HitKind}
_DIRECTIONS: dict[str | None, Direction | None] = {d.value: d for d in Direction}
_DIRECTIONS[None] = None


def _hits(rows: list[tuple[Any, ...]]) -> tuple[SearchHit, ...]:
    """The hits of a page's rows; hits of one conversation share its id (made once)."""
    collections: dict[tuple[str, str], CollectionId] = {}
    return tuple(_hit(row, collections) for row in rows)


def _hit(row: tuple[Any, ...], collections: dict[tuple[str, str], CollectionId]) -> SearchHit:
    _, with_jid, start, ordinal, kind, decrypted, time, direction, nick, snippet, score = row
    hit_kind = _KINDS[kind]
    collection = collections.get((with_jid, start))
    if collection is None:
        # Stored times end in "Z", which fromisoformat reads as UTC (the same as
        # codec.parse_time, in one call: a page makes a hundred of them).
        collection = CollectionId(start=datetime.fromisoformat(start), with_jid=with_jid)
        collections[with_jid, start] = collection
    return SearchHit(
        collection=collection,
        ordinal=None if hit_kind is HitKind.SUBJECT else ordinal,
        kind=hit_kind,
        decrypted=bool(decrypted),
        time=None if time is None else datetime.fromisoformat(time),
        direction=_DIRECTIONS[direction],
        nick=nick,
        snippet=shown_text(snippet or ""),
        score=score,
    )
