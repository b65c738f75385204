"""An :class:`~archiveviewer.ports.archive.ArchiveReader` over a list of domain collections.

It serves the GUI tests (the sample archive opens into a throw-away replica:
:mod:`archiveviewer.services.sample`). It holds plain domain values only, and
its search is a plain word match, paged by position; the bound on queries is
the replica's (:func:`archiveviewer.services.search.bounded`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo

from archiveviewer.domain import Collection, CollectionId, Contact, Message, Note, bare_jid
from archiveviewer.errors import StoreError
from archiveviewer.ports.archive import (
    CollectionRow,
    ContactRow,
    DayCount,
    ResultCount,
    ResultKind,
    ResultOrder,
    ResultPage,
    SearchFilters,
    SearchResult,
)
from archiveviewer.services.search import bounded

SNIPPET_CONTEXT = 40


class MemoryArchive:
    """A whole archive held in memory; implements ``ArchiveReader``."""

    def __init__(self, collections: Iterable[Collection], roster: Iterable[Contact] = ()) -> None:
        self._collections: dict[CollectionId, Collection] = {c.id: c for c in collections}
        self._roster = {bare_jid(c.jid): c for c in roster}

    # -- changing it (fakes of the command layer use these) ---------------------------

    def put(self, collection: Collection) -> None:
        """Add the collection, or replace the one with the same id."""
        self._collections[collection.id] = collection

    def discard(self, collection_id: CollectionId) -> None:
        """Remove the collection if it is there."""
        self._collections.pop(collection_id, None)

    def all_ids(self) -> list[CollectionId]:
        """Every collection id, oldest first."""
        return sorted(self._collections)

    # -- ArchiveReader --------------------------------------------------------------------

    def contacts(self) -> Sequence[ContactRow]:
        """Roster entries and every bare JID that has collections, sorted by label."""
        starts: dict[str, list[datetime]] = {}
        for c in self._collections.values():
            starts.setdefault(bare_jid(c.with_jid), []).append(c.start)
        jids = set(starts) | set(self._roster)
        summaries = [self._summary(jid, starts.get(jid, [])) for jid in jids]
        return sorted(summaries, key=lambda s: (s.label.casefold(), s.jid))

    def _summary(self, jid: str, starts: list[datetime]) -> ContactRow:
        entry = self._roster.get(jid)
        return ContactRow(
            jid=jid,
            name=entry.name if entry else None,
            groups=entry.groups if entry else (),
            collections=len(starts),
            first=min(starts, default=None),
            last=max(starts, default=None),
        )

    def day_counts(self, contact: str | None, tz: tzinfo | None) -> Sequence[DayCount]:
        """Collections per local day for one contact or everyone, sorted by day."""
        days = Counter(c.start.astimezone(tz).date() for c in self._matching(contact, None, None))
        return [DayCount(day, n) for day, n in sorted(days.items())]

    def collections(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        offset: int,
        limit: int,
    ) -> Sequence[CollectionRow]:
        """One page of headers in ``[start, end)``, newest first."""
        found = sorted(self._matching(contact, start, end), key=lambda c: c.id, reverse=True)
        page = found[offset : offset + limit]
        return [CollectionRow(_header(c), len(c.messages)) for c in page]

    def collection(self, collection_id: CollectionId) -> Collection:
        """The collection with all its items."""
        try:
            return self._collections[collection_id]
        except KeyError:
            raise StoreError(
                "This conversation is no longer in the archive. It may have been removed."
            ) from None

    def search_page(
        self,
        query: str,
        filters: SearchFilters,
        order: ResultOrder,
        after: object | None,
        limit: int,
    ) -> ResultPage:
        """Items containing every word of ``query`` (without case); relevance is newest first."""
        hits = self._all_hits(query, filters)
        if order is ResultOrder.OLDEST:
            hits.reverse()
        start = after if isinstance(after, int) else 0
        page = hits[start : start + limit]
        more = start + limit < len(hits)
        return ResultPage(tuple(page), start + limit if more else None)

    def count_results(self, query: str, filters: SearchFilters) -> ResultCount:
        """How many items match, and the encrypted conversations (never searched here)."""
        found = self._matching(filters.contact, filters.start, filters.end)
        encrypted = sum(1 for c in found if c.crypt)
        return ResultCount(len(self._all_hits(query, filters)), encrypted)

    def _all_hits(self, query: str, filters: SearchFilters) -> list[SearchResult]:
        words = [w.casefold().strip('"*') for w in bounded(query).split()]
        words = [w for w in words if w]
        if not words:
            return []
        hits: list[SearchResult] = []
        found = self._matching(filters.contact, filters.start, filters.end)
        for c in sorted(found, key=lambda c: c.id, reverse=True):
            hits.extend(h for h in _hits_in(c, words) if _kept(h, filters))
        return hits

    def _matching(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> list[Collection]:
        return [
            c
            for c in self._collections.values()
            if (contact is None or bare_jid(c.with_jid) == contact)
            and (start is None or c.start >= start)
            and (end is None or c.start < end)
        ]


def _header(c: Collection) -> Collection:
    return Collection(id=c.id, subject=c.subject, crypt=c.crypt, thread=c.thread, version=c.version)


def _hits_in(c: Collection, words: list[str]) -> list[SearchResult]:
    hits = []
    if c.subject and _has_all(c.subject, words):
        snippet, spans = _snippet(c.subject, words)
        hits.append(SearchResult(c.id, 0, c.start, c.with_jid, snippet, spans, ResultKind.SUBJECT))
    for ordinal, item in enumerate(c.items):
        if isinstance(item, Message) and item.body and _has_all(item.body, words):
            snippet, spans = _snippet(item.body, words)
            hits.append(
                SearchResult(
                    c.id, ordinal, item.time, c.with_jid, snippet, spans,
                    ResultKind.MESSAGE, item.direction, item.nick,
                )
            )  # fmt: skip
        elif isinstance(item, Note) and _has_all(item.text, words):
            snippet, spans = _snippet(item.text, words)
            when = item.time or c.start
            hits.append(
                SearchResult(c.id, ordinal, when, c.with_jid, snippet, spans, ResultKind.NOTE)
            )
    hits.sort(key=lambda h: h.time, reverse=True)
    return hits


def _has_all(text: str, words: list[str]) -> bool:
    folded = text.casefold()
    return all(w in folded for w in words)


def _kept(hit: SearchResult, filters: SearchFilters) -> bool:
    if filters.kinds is not None and hit.kind not in filters.kinds:
        return False
    return filters.direction is None or hit.direction is filters.direction


def _snippet(body: str, words: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A short piece of ``body`` around the first match, and every match's span in it."""
    folded = body.casefold()
    first = min(folded.find(w) for w in words)
    cut = max(0, first - SNIPPET_CONTEXT)
    text = body[cut : first + 3 * SNIPPET_CONTEXT]
    prefix = "…" if cut else ""
    suffix = "…" if cut + len(text) < len(body) else ""
    spans = []
    low = text.casefold()
    for w in words:
        at = low.find(w)
        while at >= 0:
            spans.append((len(prefix) + at, len(prefix) + at + len(w)))
            at = low.find(w, at + len(w))
    return prefix + text + suffix, tuple(sorted(spans))
