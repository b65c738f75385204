"""A bounded window of retrieves in flight at once."""

from __future__ import annotations

import asyncio

from archiveviewer.domain import Collection, CollectionId
from archiveviewer.errors import ServerError
from archiveviewer.sync.ports import ArchiveSource


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
