"""Changing an account's archive: the window's ``ArchiveCommands``.

Every change goes to the server first and then into the replica, so the window
reads its effect: retrieve, add a note, set the subject, remove collections or a
range, sync, and decrypt (in memory, with the keys the user unlocked). Replica
and key work runs on the program's one worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from archiveviewer.crypto import KeyStore
from archiveviewer.domain import Collection, CollectionId, Dialect, Message, Note
from archiveviewer.errors import KnownError
from archiveviewer.ports.accounts import HistoryChoice
from archiveviewer.ports.archive import SyncOutcome, SyncProgress
from archiveviewer.services.connection import Connection
from archiveviewer.services.history import (
    HistorySource,
    MessageHistory,
    limits_of,
    regroup_all,
    replicate_history,
    source_of,
)
from archiveviewer.services.note_rewrite import NoteChangedElsewhere, rewrite_note
from archiveviewer.services.session_keys import SessionKeys
from archiveviewer.services.sync import WINDOW_PAGE_SIZE, PluginArchive, replicate
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.sync import Progress
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.ports import ArchiveAction
from archiveviewer.sync.restore import restore
from archiveviewer.sync.skipped import message_summary
from archiveviewer.sync.skipped import summary as unreadable_summary

if TYPE_CHECKING:
    from archiveviewer.xmpp.xep_0136 import XEP_0136


class AccountCommands:
    """``ArchiveCommands`` of one account: server first, then the replica."""

    def __init__(
        self,
        replica: Replica,
        keys: KeyStore,
        connection: Connection,
        worker: Worker,
        session: SessionKeys | None = None,
    ) -> None:
        """``session`` holds the keys unlocked in this run (shared with the Keys window)."""
        self._replica = replica
        self._connection = connection
        self._worker = worker
        self._session = session if session is not None else SessionKeys(keys)
        self._decryptor = self._session.decryptor()
        #: Which of the server's archives the account's history is read from (the user's).
        self.history = HistoryChoice.AUTO
        #: How message archives are cut into conversations (the idle gap is a setting).
        self.rule = ConversationRule()

    async def retrieve(self, collection_id: CollectionId) -> None:
        """Fetch the collection's items from the server into the replica."""
        archive = self._connection.require("fetch the conversation").archive
        collection = await archive.retrieve(collection_id)
        await self._worker.run(self._replica.replace_collection, collection)

    async def remove_collections(self, ids: Sequence[CollectionId]) -> str | None:
        """Remove exactly these collections from the server, then move them to the trash.

        A server that reads a remove of one as a range takes others with it (the
        plugin's check by listing finds them): those are stored on the server again
        from the replica at once, and the returned sentence says so. None when the
        server removed exactly what was asked.
        """
        await self._refuse(ArchiveAction.REMOVE, ids)
        archive = self._connection.require("remove conversations").archive
        asked, gone = set(ids), set[CollectionId]()
        unasked: list[CollectionId] = []
        for collection_id in ids:
            if collection_id in gone:
                continue  # an earlier remove took it already
            outcome = await archive.remove(collection_id)
            gone.update(outcome.removed)
            unasked += [extra for extra in outcome.extra if extra not in asked]
            # Into the trash, not away: Restore can put it back (services/trash.py).
            await self._worker.run(self._replica.move_to_trash, collection_id, datetime.now(UTC))
        await self._worker.run(self._replica.purge_trash, datetime.now(UTC))
        return await self._put_back(archive, unasked) if unasked else None

    async def _put_back(self, archive: XEP_0136, ids: list[CollectionId]) -> str:
        """Store ``ids`` on the server again from the replica; what to tell the user."""
        copies = {i: await self._worker.run(self._replica.collection, i) for i in ids}
        restored, lost = await restore(archive, _Copies(copies), ids)
        sentence = f"The server removed {_conversations(len(ids))} that you did not ask to remove."
        if restored:
            which = "It was" if len(ids) == 1 else "They were"
            if lost:
                which = f"{len(restored)} of them were"
            sentence += f" {which} stored on the server again from the local copy."
        if lost:
            which = "It" if len(ids) == 1 else f"{len(lost)} of them"
            sentence += f" {which} had no local copy and could not be put back."
        return sentence

    async def remove_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        """Remove every collection with ``contact`` in ``[start, end)``, server then replica."""
        await self._refuse(ArchiveAction.REMOVE, (), contact, whole_range=True)
        archive = self._connection.require("remove conversations").archive
        # XEP-0136 ranges include their end; the window's end is exclusive.
        last = None if end is None else end - timedelta(microseconds=1)
        await archive.remove_range(contact, start, last)
        await self._worker.run(self._forget_range, contact, start, end)

    def _forget_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        removed_at = datetime.now(UTC)
        while page := self._replica.collections(contact=contact, since=start, until=end, limit=500):
            for summary in page:
                self._replica.move_to_trash(summary.id, removed_at)
        self._replica.purge_trash(removed_at)

    async def add_note(self, collection_id: CollectionId, text: str) -> None:
        """Add a note on the server, then refresh the collection in the replica."""
        await self._refuse(ArchiveAction.NOTE, (collection_id,))
        archive = self._connection.require("add the note").archive
        # The note carries its time, so the reader can show when it was written.
        await archive.add_note(collection_id, Note(text=text, time=datetime.now(UTC)))
        await self.retrieve(collection_id)

    async def edit_note(self, collection_id: CollectionId, note: Note, text: str) -> None:
        """Change a note's text on the server (it keeps its time), then in the replica."""
        await self._rewrite(collection_id, note, Note(text=text, time=note.time), "change the note")

    async def remove_note(self, collection_id: CollectionId, note: Note) -> None:
        """Remove a note on the server, then in the replica; the messages stay."""
        await self._rewrite(collection_id, note, None, "delete the note")

    async def _rewrite(
        self, collection_id: CollectionId, old: Note, new: Note | None, doing: str
    ) -> None:
        """Store the collection again with one note changed or gone (see ``note_rewrite``)."""
        await self._refuse(ArchiveAction.NOTE, (collection_id,))
        archive = self._connection.require(doing).archive
        try:
            done = await rewrite_note(archive, collection_id, old, new)
        except NoteChangedElsewhere as exc:
            await self._worker.run(self._replica.replace_collection, exc.current)
            raise
        if done.extra:
            await self._put_back(archive, list(done.extra))
        await self._worker.run(self._replica.replace_collection, done.collection)

    async def keep_decrypted(self, decrypted: Collection) -> None:
        """Keep the decrypted text in the replica: search finds it from now on."""
        items = [i for i in decrypted.items if isinstance(i, Message | Note)]
        await self._worker.run(self._replica.store_decrypted, decrypted.id, items)

    async def forget_decrypted(self) -> int:
        """Remove every decrypted text from the replica (it stays encrypted there)."""
        return int(await self._worker.run(self._replica.forget_decrypted))

    async def set_subject(self, collection_id: CollectionId, subject: str) -> None:
        """Set the subject on the server (plain text), then refresh the replica."""
        await self._refuse(ArchiveAction.SUBJECT, (collection_id,))
        archive = self._connection.require("change the subject").archive
        await archive.set_subject(collection_id, subject)
        await self.retrieve(collection_id)

    async def _refuse(
        self,
        action: ArchiveAction,
        ids: Sequence[CollectionId],
        contact: str | None = None,
        *,
        whole_range: bool = False,
    ) -> None:
        """Raise the reason when the stored conversations' archive cannot do ``action``."""
        limits = await self._worker.run(limits_of, self._replica, ids, contact, whole_range)
        if action.value in limits:
            raise KnownError(limits[action.value])

    async def sync(self, progress: Callable[[SyncProgress], None]) -> SyncOutcome:
        """Replicate the server's changes into the replica (incremental after the first run)."""
        network = self._connection.require("sync")
        self._replica.require_writable()  # read-only media: say so before asking the server
        if await source_of(network, self.history) is HistorySource.MESSAGE_ARCHIVE:
            done = await replicate_history(
                MessageHistory(network), self._replica, run_write=self._worker.run,
                page_size=WINDOW_PAGE_SIZE, rule=self.rule,
                on_progress=lambda p: progress(SyncProgress(p.messages_done, None, "messages")),
            )  # fmt: skip
            # Conversations, as for XEP-0136, and the messages that could not be read.
            return SyncOutcome(done.collections_stored, 0, message_summary(done.unread_messages))
        archive = network.archive

        def report(p: Progress) -> None:
            progress(SyncProgress(p.collections_done, p.collections_expected, "conversations"))

        result = await replicate(
            PluginArchive(archive),
            self._replica,
            self._worker,
            on_progress=report,
            page_size=WINDOW_PAGE_SIZE,
        )
        return SyncOutcome(
            result.collections_stored,
            result.collections_removed,
            unreadable_summary(result.skipped),
        )

    async def regroup(self, idle_gap_minutes: int) -> int:
        """``ConversationGrouping``: a new idle gap for message archives, stored ones regrouped.

        Each archive is regrouped in one transaction on the worker, so no message is
        lost or doubled whatever happens; the next sync groups with the same rule.
        """
        self.rule = ConversationRule(timedelta(minutes=idle_gap_minutes))
        return await self._worker.run(regroup_all, self._replica, self.rule)

    async def unlock(self, passphrase: str) -> None:
        """Open every locked private key in the keys folder that this passphrase opens."""
        await self._worker.run(self._session.unlock_all, passphrase)

    async def decrypt(self, collection_id: CollectionId) -> Collection:
        """The collection with its encrypted items decrypted, in memory only.

        ``KeyLocked`` when a key of the store that may open it is locked.
        """
        stored = await self._worker.run(self._replica.collection, collection_id)
        if stored is None:
            raise KnownError("This conversation is no longer in the local copy.")
        if not stored.encrypted:
            return stored
        return await self._worker.run(
            self._session.decrypt, self._decryptor, stored, self._dialect()
        )

    def _dialect(self) -> Dialect:
        """The namespace the server speaks (decrypted content is read in it)."""
        network = self._connection.network
        support = network.archive.support if network is not None else None
        return Dialect.SEED if support is None else support.dialect


@dataclass(frozen=True)
class _Copies:
    """Collections read from the replica beforehand, so restoring reads no file on the loop."""

    held: dict[CollectionId, Collection | None]

    def collection(self, collection_id: CollectionId) -> Collection | None:
        return self.held.get(collection_id)


def _conversations(n: int) -> str:
    return "another conversation" if n == 1 else f"{n} other conversations"
