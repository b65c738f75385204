"""The trash of one account (the ``TrashBin`` port), for the window and the command line.

A conversation the user removes from the server is moved into the local
copy's trash (:mod:`archiveviewer.store.trash`) by
:class:`~archiveviewer.services.archive.AccountCommands`; one a sync finds
removed on the server (by another client) is moved there by the replica,
marked ``removed_elsewhere``. Restore puts it
back on the server by manual archiving, as it was stored: an encrypted
conversation goes up with its very ciphertext and keys, so it is encrypted
again without any key being needed. The upload is the idempotent one of
:mod:`archiveviewer.services.upload`, so a conversation already on the
server again is not stored twice. Then it leaves the trash for the list.
Expired entries are purged whenever the trash is looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from archiveviewer.domain import Collection, CollectionId
from archiveviewer.errors import KnownError
from archiveviewer.ports.trash import RestoreSummary, TrashRow, TrashView
from archiveviewer.services.connection import Connection
from archiveviewer.services.upload import upload
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica


def _now() -> datetime:
    return datetime.now(UTC)


class TrashCommands:
    """``TrashBin`` of one account: its replica, its connection, the program's worker."""

    def __init__(
        self,
        replica: Replica,
        connection: Connection,
        worker: Worker,
        now: Callable[[], datetime] = _now,
    ) -> None:
        self._replica = replica
        self._connection = connection
        self._worker = worker
        self._now = now

    def read(self) -> TrashView:
        """Purge what expired and list the rest (blocking: the worker's, or the command line's)."""
        self._replica.purge_trash(self._now())
        days = self._replica.trash_keep_days()
        rows = tuple(
            TrashRow(
                e.id,
                e.removed_at,
                e.expires(days),
                e.messages,
                e.encrypted,
                e.subject,
                e.preview,
                e.removed_elsewhere,
            )
            for e in self._replica.trashed()
        )
        return TrashView(rows, days)

    async def view(self) -> TrashView:
        """What the trash holds now (expired entries are purged first)."""
        return await self._worker.run(self.read)

    async def restore(self, ids: Sequence[CollectionId]) -> RestoreSummary:
        """Store these on the server again as they were, then put them back in the list."""
        archive = self._connection.require("restore the conversations").archive
        held = [await self._worker.run(self._held, i) for i in ids]
        outcome = await upload(archive, held)
        for collection in held:
            await self._worker.run(self._replica.put_back, collection.id)
        return RestoreSummary(outcome.stored + outcome.completed, outcome.skipped)

    def _held(self, collection_id: CollectionId) -> Collection:
        found = self._replica.trashed_collection(collection_id)
        if found is None:
            raise KnownError(
                f"The conversation with {collection_id.with_jid} is no longer in the trash."
            )
        return found.collection

    async def empty(self, ids: Sequence[CollectionId] | None = None) -> int:
        """Delete these (None: everything) from the trash for good; how many went."""
        return await self._worker.run(self._replica.empty_trash, ids)

    async def keep_for(self, days: int) -> TrashView:
        """Keep removed conversations ``days`` days; what the trash holds then."""
        await self._worker.run(self._replica.set_trash_keep_days, days)
        return await self.view()
