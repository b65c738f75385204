"""Changing an account's archive: the window's ``ArchiveCommands``.

Every change goes to the server first and then into the replica, so the window
reads its effect: retrieve, add a note, set the subject, remove collections or a
range, sync, and decrypt (in memory, with the keys the user unlocked). Replica
and key work runs on the program's one worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from archiveviewer.crypto import CollectionDecryptor, KeyStore
from archiveviewer.domain import Collection, CollectionId, Dialect, Note
from archiveviewer.errors import CryptoError, KnownError
from archiveviewer.ports.archive import SyncOutcome, SyncProgress
from archiveviewer.services.connection import Connection
from archiveviewer.services.keys import unlock_all
from archiveviewer.services.sync import WINDOW_PAGE_SIZE, PluginArchive, replicate
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.sync import Progress


class AccountCommands:
    """``ArchiveCommands`` of one account: server first, then the replica."""

    def __init__(
        self, replica: Replica, keys: KeyStore, connection: Connection, worker: Worker
    ) -> None:
        self._replica = replica
        self._keys = keys
        self._connection = connection
        self._worker = worker
        self._decryptor = CollectionDecryptor()
        self._unlocked = False

    async def retrieve(self, collection_id: CollectionId) -> None:
        """Fetch the collection's items from the server into the replica."""
        archive = self._connection.require("fetch the conversation").archive
        collection = await archive.retrieve(collection_id)
        await self._worker.run(self._replica.replace_collection, collection)

    async def remove_collections(self, ids: Sequence[CollectionId]) -> None:
        """Remove exactly these collections from the server, then from the replica."""
        archive = self._connection.require("remove conversations").archive
        for collection_id in ids:
            await archive.remove(collection_id)
            await self._worker.run(self._replica.remove_collection, collection_id)

    async def remove_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        """Remove every collection with ``contact`` in ``[start, end)``, server then replica."""
        archive = self._connection.require("remove conversations").archive
        # XEP-0136 ranges include their end; the window's end is exclusive.
        last = None if end is None else end - timedelta(microseconds=1)
        await archive.remove_range(contact, start, last)
        await self._worker.run(self._forget_range, contact, start, end)

    def _forget_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        while page := self._replica.collections(contact=contact, since=start, until=end, limit=500):
            for summary in page:
                self._replica.remove_collection(summary.id)

    async def add_note(self, collection_id: CollectionId, text: str) -> None:
        """Add a note on the server, then refresh the collection in the replica."""
        archive = self._connection.require("add the note").archive
        # The note carries its time, so the reader can show when it was written.
        await archive.add_note(collection_id, Note(text=text, time=datetime.now(UTC)))
        await self.retrieve(collection_id)

    async def set_subject(self, collection_id: CollectionId, subject: str) -> None:
        """Set the subject on the server (plain text), then refresh the replica."""
        archive = self._connection.require("change the subject").archive
        await archive.set_subject(collection_id, subject)
        await self.retrieve(collection_id)

    async def sync(self, progress: Callable[[SyncProgress], None]) -> SyncOutcome:
        """Replicate the server's changes into the replica (incremental after the first run)."""
        archive = self._connection.require("sync").archive

        def report(p: Progress) -> None:
            progress(SyncProgress(p.collections_done, p.collections_total or None, "conversations"))

        result = await replicate(
            PluginArchive(archive),
            self._replica,
            self._worker,
            on_progress=report,
            page_size=WINDOW_PAGE_SIZE,
        )
        return SyncOutcome(result.collections_stored, result.collections_removed)

    async def unlock(self, passphrase: str) -> None:
        """Open every private key in the keys folder that this passphrase opens."""
        for key in await self._worker.run(unlock_all, self._keys, passphrase):
            self._decryptor.add_private_key(key)
        self._unlocked = True

    async def decrypt(self, collection_id: CollectionId) -> Collection:
        """The collection with its encrypted items decrypted, in memory only."""
        if not self._unlocked:
            raise CryptoError("Enter your passphrase first: no private key is unlocked.")
        stored = await self._worker.run(self._replica.collection, collection_id)
        if stored is None:
            raise KnownError("This conversation is no longer in the local copy.")
        if not stored.encrypted:
            return stored
        return await self._worker.run(self._decryptor.decrypt_collection, stored, self._dialect())

    def _dialect(self) -> Dialect:
        """The namespace the server speaks (decrypted content is read in it)."""
        network = self._connection.network
        support = network.archive.support if network is not None else None
        return Dialect.SEED if support is None else support.dialect
