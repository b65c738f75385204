"""What replication needs from the network, the replica and the crypto layer.

Each is a :class:`typing.Protocol` in domain terms, so the engine never sees
slixmpp or SQLite and its tests can pass small fakes. The program's
composition root (``cli.py``, ``app.py``) adapts the real parts to them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

from archiveviewer.domain import (
    ArchivedMessage,
    Change,
    Collection,
    CollectionId,
    Message,
    Note,
    UnreadEntry,
)
from archiveviewer.protocol.mam import ArchiveBounds, ArchiveTarget, MamPage, MamQuery
from archiveviewer.store.archive_types import ArchivePage, ArchiveRange, RecordedSkip

#: The ``<after/>`` of the very first ``<modified/>`` request (XEP-0136 §Replication).
EPOCH_CURSOR = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class ModifiedPage:
    """One result-set page of a ``<modified/>`` request.

    ``changes`` are in the order the server sent them (by change, most recent
    last, says the text; some servers order them by collection); ``last`` is
    the RSM ``<last/>`` text exactly as the server sent it (the seed: the time
    of the page's last change; 1.x: an opaque id), None on an empty page.
    ``unreadable`` are the entries whose key could not be read, with why
    (see :mod:`archiveviewer.sync.skipped`).
    """

    changes: tuple[Change, ...]
    last: str | None
    count: int | None = None
    unreadable: Mapping[UnreadEntry, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CollectionHeader:
    """A collection as a ``<list/>`` result names it, without items.

    ``version`` (``urn:xmpp:archive``) and ``message_count`` are None when the
    server does not say them.
    """

    id: CollectionId
    version: int | None = None
    message_count: int | None = None


@dataclass(frozen=True)
class ListPage:
    """One result-set page of a ``<list/>`` request; ``last`` is the RSM cursor.

    ``unreadable`` are the headers whose key could not be read, with why.
    """

    headers: tuple[CollectionHeader, ...]
    last: str | None
    count: int | None = None
    unreadable: Mapping[UnreadEntry, str] = field(default_factory=dict)


class ArchiveSource(Protocol):
    """The server's archive, as replication asks it.

    Every method raises a :class:`~archiveviewer.errors.KnownError` when the
    server answers with an error or the connection is lost; an error is never
    reported as an empty or final page.
    """

    async def supports_modified(self) -> bool:
        """True when the server answers ``<modified/>`` (replication by change log)."""
        ...

    async def modified_page(
        self, since: datetime, after: str | None, max_items: int
    ) -> ModifiedPage:
        """The page of collections changed or removed after the server-side time ``since``.

        ``after`` is the ``<last/>`` of the page before, None for the first
        page. Each dialect says this its own way (1.x: ``start`` and an
        opaque RSM id; the seed: the time as RSM ``<after/>``). A stale
        ``after`` the server no longer knows raises ServerError
        ``item-not-found``.
        """
        ...

    async def server_time(self) -> datetime | None:
        """The server's clock now (XEP-0202 Entity Time), None when it does not say."""
        ...

    async def list_page(self, after: str | None, max_items: int) -> ListPage:
        """The page of collection headers after the RSM cursor ``after`` (None: first)."""
        ...

    async def retrieve(self, collection_id: CollectionId) -> Collection:
        """The whole collection with all its items (every page of its ``<retrieve/>``)."""
        ...


@runtime_checkable
class EntrySource(Protocol):
    """A source that can ask again for an entry whose key could not be read.

    Optional: a source without it keeps such entries recorded and named.
    """

    async def retrieve_entry(self, entry: UnreadEntry) -> Collection:
        """The whole collection the server names so, asked for in its own words."""
        ...


class StoredSummary(Protocol):
    """What the replica knows of a stored collection, to compare with a list header."""

    @property
    def version(self) -> int | None:
        """The stored collection's version (``urn:xmpp:archive``), None if unknown."""
        ...

    @property
    def message_count(self) -> int:
        """How many messages the stored collection holds."""
        ...


class ReplicaWriter(Protocol):
    """The part of the local replica replication reads and writes.

    ``archiveviewer.store.Replica`` provides it; each method is one transaction.
    """

    def cursor(self) -> str | None:
        """The stored replication cursor, None before the first sync."""
        ...

    def apply(
        self, changed: Iterable[Collection], removed: Iterable[CollectionId], cursor: str
    ) -> int | None:
        """Store a page's collections, remove its removals and move the cursor, atomically.

        A removed collection goes to the trash, marked removed on the server, so
        the user can look at it and put it back. Returns how many of ``removed``
        were held (None: not counted).
        """
        ...

    def replace_collection(self, collection: Collection) -> None:
        """Store one collection, replacing any stored version, atomically."""
        ...

    def remove_collection(self, collection_id: CollectionId) -> bool:
        """The server no longer holds it: into the trash, marked so; False if it was not stored."""
        ...

    def collection_ids(self) -> set[CollectionId]:
        """The ids of every stored collection."""
        ...

    def summary(self, collection_id: CollectionId) -> StoredSummary | None:
        """A stored collection's header, None if absent."""
        ...

    def set_last_full_list(self, when: datetime) -> None:
        """Record when the whole list was last compared with the server."""
        ...

    def last_full_list(self) -> datetime | None:
        """When the whole list was last compared with the server, None if never."""
        ...


class DecryptionTarget(Protocol):
    """The part of the replica that decrypting pending collections uses."""

    def pending_encrypted(self) -> list[CollectionId]:
        """Stored collections with encrypted items and no stored plaintext."""
        ...

    def collection(self, collection_id: CollectionId) -> Collection | None:
        """A stored collection with its (encrypted) items, None if absent."""
        ...

    def store_decrypted(self, collection_id: CollectionId, items: Sequence[Message | Note]) -> None:
        """Store (and index) the plaintext of an encrypted collection."""
        ...


class Decryptor(Protocol):
    """Decrypts collections with the keys the user has unlocked.

    ``archiveviewer.crypto.CollectionDecryptor`` provides it.
    """

    def decrypt_collection(self, collection: Collection) -> Collection:
        """The collection with its encrypted items replaced by plaintext.

        Raises :class:`~archiveviewer.errors.CryptoError` when a key is missing
        or the data does not decrypt.
        """
        ...


# --- Message Archive Management (XEP-0313) ------------------------------------------
# The request and result of a page (ArchiveTarget, MamQuery, MamPage)
# are the protocol layer's values, so the network's archive client fits this
# port as it is.


class MessageArchiveSource(Protocol):
    """A server's message archives (XEP-0313), as replication asks them.

    A server error raises :class:`~archiveviewer.errors.ServerError` (an id
    the archive no longer knows is condition ``item-not-found``); an error is
    never an empty or final page.
    """

    async def query(self, target: ArchiveTarget, request: MamQuery) -> MamPage:
        """One page of ``target``'s archive."""
        ...

    async def bounds(self, target: ArchiveTarget) -> ArchiveBounds | None:
        """``target``'s first and last message (``<metadata/>``), to plan a sync.

        None when the archive does not offer ``urn:xmpp:mam:2#extended``.
        """
        ...


class ArchiveWriter(Protocol):
    """The part of the replica that replicating message archives writes.

    ``archiveviewer.store.archives.ArchiveStore`` provides it; each method is
    one transaction.
    """

    def range(self, archive: str) -> ArchiveRange | None:
        """The stored span of ``archive``, None before its first page."""
        ...

    def store_page(self, page: ArchivePage) -> int:
        """Store one page and move the span's edge, atomically; how many messages were new.

        The page's unreadable messages are recorded in the same transaction, each in its place.
        """
        ...

    def skipped(self, archive: str | None = None) -> list[RecordedSkip]:
        """The messages recorded as unreadable (of ``archive``, else of all), in archive order."""
        ...

    def store_retried(self, skip: RecordedSkip, message: ArchivedMessage) -> int:
        """Store a recorded message read at last, in its place, and forget the record; 1 if new."""
        ...

    def still_unreadable(self, skip: RecordedSkip, reason: str | None) -> None:
        """Keep ``skip`` recorded for ``reason``; None: forget it (the archive no longer has it)."""
        ...


class ArchiveAction(enum.Enum):
    """What a user may do to a stored conversation besides reading it."""

    REMOVE = "remove"
    NOTE = "note"
    SUBJECT = "subject"


@dataclass(frozen=True)
class SourceAbilities:
    """What a source can do with a conversation, and why not when it cannot.

    ``unavailable`` maps each action the source cannot do to a sentence for
    the user, for a disabled menu item's tooltip or a refusal.
    """

    unavailable: Mapping[ArchiveAction, str] = field(default_factory=dict)

    def allows(self, action: ArchiveAction) -> bool:
        """Whether ``action`` can be done on the server."""
        return action not in self.unavailable

    def reason(self, action: ArchiveAction) -> str | None:
        """Why ``action`` cannot be done, None when it can."""
        return self.unavailable.get(action)


#: XEP-0136 archives can do every action (a server may still refuse one).
COLLECTION_ABILITIES = SourceAbilities()

#: XEP-0313 defines no removal, notes or subjects: said, never faked.
MESSAGE_ARCHIVE_ABILITIES = SourceAbilities(
    {
        ArchiveAction.REMOVE: (
            "Not available here: MAM archives (the server's message archive) cannot remove "
            "messages on the server; these conversations can only be read."
        ),
        ArchiveAction.NOTE: (
            "Not available here: MAM archives (the server's message archive) cannot keep "
            "notes on the server."
        ),
        ArchiveAction.SUBJECT: (
            "Not available here: MAM archives (the server's message archive) cannot keep a "
            "subject on the server."
        ),
    }
)
