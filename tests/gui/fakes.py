"""In-memory stand-ins for the ports the window uses (unit tests of the ui layer only)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    Note,
    bare_jid,
)
from archiveviewer.errors import CryptoError, KeyLocked, KnownError
from archiveviewer.ports.accounts import Account
from archiveviewer.ports.archive import (
    ArchiveCommands,
    ArchiveReader,
    ServerListing,
    SyncOutcome,
    SyncProgress,
)
from archiveviewer.services.memory import MemoryArchive

PASSPHRASE = "wherefore"
DECRYPTED_TEXT = "Meet me at the cell at dawn."


class FakeCommands:
    """``ArchiveCommands`` that change a MemoryArchive and record every call.

    ``fail_with`` makes the next command raise it. ``sync_gate`` holds a
    sync until the test sets it, so Cancel can be tried while it runs.
    """

    def __init__(self, archive: MemoryArchive) -> None:
        self.archive = archive
        self.calls: list[tuple[str, object]] = []
        self.fail_with: BaseException | None = None
        self.sync_gate = asyncio.Event()
        self.sync_cancelled = False
        self.sync_unreadable: str | None = None
        self.unlocks = 0
        self.unlocked = False
        #: What remove_collections says when the server removed more than asked.
        self.removal_news: str | None = None
        #: The decrypted conversations kept in the "local copy", and how often it was emptied.
        self.kept: list[CollectionId] = []
        self.forgotten = 0

    def _record(self, name: str, value: object) -> None:
        self.calls.append((name, value))
        if self.fail_with is not None:
            error, self.fail_with = self.fail_with, None
            raise error

    async def retrieve(self, collection_id: CollectionId) -> None:
        self._record("retrieve", collection_id)

    async def remove_collections(self, ids: Sequence[CollectionId]) -> str | None:
        self._record("remove_collections", list(ids))
        for i in ids:
            self.archive.discard(i)
        return self.removal_news

    async def remove_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        self._record("remove_range", (contact, start, end))
        for i in self.archive.all_ids():
            if (contact is None or bare_jid(i.with_jid) == contact) and (
                (start is None or i.start >= start) and (end is None or i.start < end)
            ):
                self.archive.discard(i)

    async def add_note(self, collection_id: CollectionId, text: str) -> None:
        self._record("add_note", (collection_id, text))
        c = self.archive.collection(collection_id)
        self.archive.put(replace(c, items=(*c.items, Note(text, datetime.now(UTC)))))

    async def edit_note(self, collection_id: CollectionId, note: Note, text: str) -> None:
        self._record("edit_note", (collection_id, note, text))
        c = self.archive.collection(collection_id)
        edited = tuple(Note(text, i.time) if i == note else i for i in c.items)
        self.archive.put(replace(c, items=edited))

    async def remove_note(self, collection_id: CollectionId, note: Note) -> None:
        self._record("remove_note", (collection_id, note))
        c = self.archive.collection(collection_id)
        self.archive.put(replace(c, items=tuple(i for i in c.items if i != note)))

    async def keep_decrypted(self, decrypted: Collection) -> None:
        self.kept.append(decrypted.id)

    async def forget_decrypted(self) -> int:
        self.forgotten += 1
        return len(self.kept)

    async def set_subject(self, collection_id: CollectionId, subject: str) -> None:
        self._record("set_subject", (collection_id, subject))
        self.archive.put(replace(self.archive.collection(collection_id), subject=subject))

    async def sync(self, progress: Callable[[SyncProgress], None]) -> SyncOutcome:
        self._record("sync", None)
        progress(SyncProgress(3, 10, "collections"))
        try:
            await self.sync_gate.wait()
        except asyncio.CancelledError:
            self.sync_cancelled = True
            raise
        progress(SyncProgress(10, 10, "collections"))
        return SyncOutcome(changed=7, removed=1, unreadable=self.sync_unreadable)

    async def unlock(self, passphrase: str) -> None:
        self._record("unlock", passphrase)
        self.unlocks += 1
        if passphrase != PASSPHRASE:
            raise CryptoError("None of your private keys opens with this passphrase.")
        self.unlocked = True

    async def decrypt(self, collection_id: CollectionId) -> Collection:
        self._record("decrypt", collection_id)
        if not self.unlocked:  # as the session's keys are until the user unlocks them
            raise KeyLocked("Your key “laptop” is locked.", key_name="laptop")
        c = self.archive.collection(collection_id)
        # As the real decryptor does: each EncryptedData becomes its message, keys are consumed.
        items = tuple(
            Message(Direction.FROM, c.start, DECRYPTED_TEXT) if isinstance(i, EncryptedItem) else i
            for i in c.items
            if not (isinstance(i, EncryptedItem) and i.kind is EncryptedKind.KEY)
        )
        return replace(c, items=items)


class FakePasswords:
    """``PasswordKeeper`` in a dict; ``keyring_works=False``: as on a bare desktop."""

    def __init__(self, keyring_works: bool = True) -> None:
        self.keyring_works = keyring_works
        self.saved: dict[str, str] = {}
        self.held: dict[str, str] = {}

    def remember(self, jid: str, password: str) -> bool:
        self.held[jid] = password
        if self.keyring_works:
            self.saved[jid] = password
        return self.keyring_works

    def hold(self, jid: str, password: str) -> None:
        self.held[jid] = password

    def recall(self, jid: str) -> str | None:
        return self.held.get(jid, self.saved.get(jid))

    def forget(self, jid: str) -> None:
        self.saved.pop(jid, None)
        self.held.pop(jid, None)


@dataclass
class FakeSession:
    reader: ArchiveReader
    commands: ArchiveCommands
    listing: ServerListing | None = None


@dataclass
class FakeOpener:
    """``AccountOpener`` that opens ``session``; raises ``problems`` in turn first."""

    session: FakeSession
    problems: list[KnownError] = field(default_factory=list)
    opened: list[tuple[Account, str]] = field(default_factory=list)
    trusted: list[tuple[str, str]] = field(default_factory=list)

    async def open(self, account: Account, password: str) -> FakeSession:
        self.opened.append((account, password))
        if self.problems:
            raise self.problems.pop(0)
        return self.session

    closed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    #: ``upgrade(account, progress, should_stop)`` for accounts whose copy needs one.
    upgrades: dict[str, Callable[..., bool]] = field(default_factory=dict)

    async def upgrade_pending(self, account: Account) -> bool:
        return account.jid in self.upgrades

    async def upgrade(
        self,
        account: Account,
        progress: Callable[[int, int], None],
        should_stop: Callable[[], bool],
    ) -> bool:
        work = self.upgrades[account.jid]
        done = await asyncio.get_running_loop().run_in_executor(None, work, progress, should_stop)
        if done:
            del self.upgrades[account.jid]
        return done

    def trust_certificate(self, host: str, fingerprint: str) -> None:
        self.trusted.append((host, fingerprint))

    async def close_account(self, account: Account) -> None:
        self.closed.append(account.jid)

    def delete_local_copy(self, account: Account) -> None:
        self.deleted.append(account.jid)

    def sample(self) -> MemoryArchive:
        from tests.gui.sample_data import ROSTER, sample_collections

        return MemoryArchive(sample_collections(), ROSTER)
