"""The conversation list's rows as kept, and the reads that fill them off the UI thread.

A list over a big replica is as long as the replica counts, and most of its
rows are never looked at: they are ``None`` until a view asks for one, and
then their page is read in the list's worker thread (:mod:`archiveviewer.ui.threads`),
never on the UI thread. What one background job reads is a :class:`Read`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from archiveviewer.domain import Collection, CollectionId
from archiveviewer.ports.archive import ArchiveReader, CollectionRow

#: A row as kept: a header without items packed into a tuple of plain values.
Packed = tuple[datetime, str, str | None, bool, str | None, int | None, int]
Row = Packed | CollectionRow
#: The contact and UTC range a list shows.
Query = tuple[str | None, datetime | None, datetime | None]


def pack(header: CollectionRow) -> Row:
    """A tuple of plain values, which Python's garbage collector stops tracking.

    A list scrolled to its end holds 100,000 rows; kept as dataclasses (six
    objects each, all tracked) every full collection walks them all and
    freezes the UI for a tenth of a second. A header that carries items is
    kept as it is.
    """
    c = header.collection
    if c.items:
        return header
    return (c.id.start, c.id.with_jid, c.subject, c.crypt, c.thread, c.version, header.messages)


def unpack(row: Row) -> CollectionRow:
    """The header a kept row stands for."""
    if isinstance(row, CollectionRow):
        return row
    start, with_jid, subject, crypt, thread, version, messages = row
    collection = Collection(CollectionId(start, with_jid), subject, crypt, thread, version)
    return CollectionRow(collection, messages)


def within(collection_id: CollectionId, start: datetime | None, end: datetime | None) -> bool:
    """True when the conversation starts in ``[start, end)`` (None: no limit)."""
    return (start is None or collection_id.start >= start) and (
        end is None or collection_id.start < end
    )


def rows_before(reader: ArchiveReader, query: Query, collection_id: CollectionId) -> int:
    """How many rows of the list come before the conversation (blocking: a worker's call).

    Newest first: the rows before it are those that started later.
    """
    contact, _, end = query
    return reader.collection_count(contact, collection_id.start + timedelta(microseconds=1), end)


def page_starts(first: int, rows: int, page_size: int, length: int) -> list[int]:
    """The first rows of the pages that hold rows ``first`` to ``first + rows - 1``."""
    last = min(first + rows, length) - 1
    if last < first:
        return []
    return list(range(first - first % page_size, last + 1, page_size))


@dataclass
class Read:
    """What one background job read for the list: pages by their first row, positions."""

    pages: dict[int, Sequence[CollectionRow]] = field(default_factory=dict)
    #: Rows before a conversation (its row if the list holds it), by conversation.
    before: dict[CollectionId, int] = field(default_factory=dict)

    def read_pages(
        self, reader: ArchiveReader, query: Query, starts: Sequence[int], page_size: int
    ) -> None:
        """Read these pages (blocking: a worker's call)."""
        contact, start, end = query
        for first in starts:
            if first not in self.pages:
                self.pages[first] = reader.collections(contact, start, end, first, page_size)

    def locate(
        self,
        reader: ArchiveReader,
        query: Query,
        collection_id: CollectionId,
        page_size: int,
        rows: Sequence[Row | None],
    ) -> None:
        """Count the rows before the conversation and read the pages where it would be.

        ``rows`` are the list's rows as they were when asked: pages whose rows are
        all there already are not read again.
        """
        if collection_id not in self.before:
            self.before[collection_id] = rows_before(reader, query, collection_id)
        first = self.before[collection_id]
        starts = page_starts(first, page_size, page_size, len(rows))
        missing = [p for p in starts if any(r is None for r in rows[p : p + page_size])]
        self.read_pages(reader, query, missing, page_size)
