"""A bounded window of retrieves in flight at once."""

from __future__ import annotations

import asyncio

from archiveviewer.domain import Collection, CollectionId, UnreadEntry
from archiveviewer.errors import ServerError
from archiveviewer.sync.ports import ArchiveSource, EntrySource


class RetrieveWindow:
    """Lets at most ``size`` retrieves run at the same time, first come first served."""

    def __init__(self, source: ArchiveSource, size: int) -> None:
        self.size = size
        self._source = source
        self._slots = asyncio.Semaphore(size)

    async def retrieve(self, collection_id: CollectionId) -> Collection | None:
        """The whole collection, or None if the server no longer has it (item-not-found).

        Any other error is raised: it is never taken for an empty collection.
        """
        async with self._slots:
            try:
                return await self._source.retrieve(collection_id)
            except ServerError as exc:
                if exc.condition == "item-not-found":
                    return None
                raise

    @property
    def asks_entries(self) -> bool:
        """Whether the source can ask again for an entry whose key could not be read."""
        return isinstance(self._source, EntrySource)

    async def retrieve_entry(self, entry: UnreadEntry) -> Collection | None:
        """As :meth:`retrieve`, for an entry named in the server's words (see ``asks_entries``)."""
        if not isinstance(self._source, EntrySource):
            raise TypeError("this source cannot ask for an entry again")
        async with self._slots:
            try:
                return await self._source.retrieve_entry(entry)
            except ServerError as exc:
                if exc.condition == "item-not-found":
                    return None
                raise
