"""Searching the local replica for the window and the command line: pages, counts, bounds.

Both the window (through :class:`~archiveviewer.services.replica_reader.ReplicaReader`)
and ``archiveviewer-cli search`` go through here, so they read the same
results in the same orders, with the same bound on what a query may hold.

A page comes from the store's time-keyed index (:meth:`Replica.search_page`,
``docs/search.md``): newest and oldest first stop after one page, relevance
ranks a bounded block; the cursor is the store's, opaque to the caller. The
total (:meth:`Replica.count_hits`) reads every posting and is asked for
separately, after the page is shown.
"""

from __future__ import annotations

from archiveviewer.domain import bare_jid
from archiveviewer.errors import SearchTooLong
from archiveviewer.ports.archive import (
    ResultCount,
    ResultKind,
    ResultOrder,
    ResultPage,
    SearchFilters,
    SearchResult,
)
from archiveviewer.store import HitKind, Replica, SearchFilter, SearchHit, SearchOrder
from archiveviewer.store.search import SearchCursor

#: Longest search text accepted, in characters.
MAX_QUERY_CHARS = 1000
#: Most words, phrases and operators in one search.
MAX_QUERY_TERMS = 64


def bounded(query: str) -> str:
    """``query`` if it can be searched quickly, else ``SearchTooLong`` with a sentence.

    Costs at most :data:`MAX_QUERY_CHARS` characters' work whatever ``query``
    holds, so an 11,000-term paste is refused at once.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise SearchTooLong(
            f"The search is longer than {MAX_QUERY_CHARS:,} characters; search for less at a time."
        )
    if len(query.split()) > MAX_QUERY_TERMS:
        raise SearchTooLong(
            f"The search has more than {MAX_QUERY_TERMS} words; search for fewer at a time."
        )
    return query


def store_filter(filters: SearchFilters) -> SearchFilter:
    """The store's filter for the window's."""
    kinds = None if filters.kinds is None else frozenset(HitKind(k.value) for k in filters.kinds)
    return SearchFilter(
        contact=filters.contact,
        since=filters.start,
        until=filters.end,
        direction=filters.direction,
        kinds=kinds,
    )


def search_page(
    replica: Replica,
    query: str,
    filters: SearchFilters,
    order: ResultOrder,
    after: object | None,
    limit: int,
) -> ResultPage:
    """One page of results, after the page whose ``next`` was ``after`` (None: the first)."""
    if after is not None and not isinstance(after, SearchCursor):
        raise TypeError("after must be the next of a page this function returned")
    page = replica.search_page(
        bounded(query), store_filter(filters), order=SearchOrder(order.value), limit=limit,
        after=after,
    )  # fmt: skip
    return ResultPage(tuple(result_of(hit) for hit in page.hits), page.next)


def count_results(replica: Replica, query: str, filters: SearchFilters) -> ResultCount:
    """How many results in all, and the encrypted conversations whose text was not searched."""
    total = replica.count_hits(bounded(query), store_filter(filters))
    return ResultCount(total, _encrypted_unsearched(replica, filters))


def _encrypted_unsearched(replica: Replica, filters: SearchFilters) -> int:
    # Encrypted conversations without stored plaintext: their words are not in the index.
    if filters.kinds is not None and ResultKind.MESSAGE not in filters.kinds:
        return 0  # notes and subjects are never encrypted
    contact = None if filters.contact is None else bare_jid(filters.contact).lower()
    return sum(
        1
        for c in replica.pending_encrypted()
        if (contact is None or bare_jid(c.with_jid).lower() == contact)
        and (filters.start is None or c.start >= filters.start)
        and (filters.end is None or c.start < filters.end)
    )


def result_of(hit: SearchHit) -> SearchResult:
    """The window's result for a store hit: plain snippet with spans, who wrote it."""
    text, marked = hit.highlights()
    return SearchResult(
        collection_id=hit.collection,
        ordinal=hit.ordinal or 0,  # a subject hit opens the conversation at its top
        time=hit.time or hit.collection.start,
        with_jid=hit.collection.with_jid,
        snippet=text,
        highlights=marked,
        kind=ResultKind(hit.kind.value),
        direction=hit.direction,
        nick=hit.nick,
    )
