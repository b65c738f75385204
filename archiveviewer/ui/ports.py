"""What the archive window needs from the layers below, in the user's words.

The window reads the local replica through :class:`ArchiveReader` (synchronous:
the replica is local and fast) and changes the archive on the server through
:class:`ArchiveCommands` (``async``: every call goes over the network).
Passwords reach the OS keyring through :class:`PasswordKeeper`; an
account is opened (logged in, replica opened) through :class:`AccountOpener`.

The contract every implementation keeps:

* Times are aware UTC in and out; the window turns them into local time.
* A contact filter ``contact`` is a bare JID and matches every collection
  whose ``with`` JID has that bare JID (``room@conf/nick`` and
  ``alice@example.org/phone`` both match their bare JID).
* After a command returns, the reader already shows its effect (the command
  wrote the replica), so the window simply reads again.
* Failures raise :class:`archiveviewer.errors.KnownError` subclasses whose
  ``user_message`` is a sentence the window shows as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from archiveviewer.domain import Collection, CollectionId

# --- values the reader returns ----------------------------------------------------


@dataclass(frozen=True)
class ContactSummary:
    """A JID the user has talked with, or a roster entry, with its collection count.

    ``name`` and ``groups`` come from the roster (``None``/empty when the JID
    is not in it). ``first``/``last`` are the starts of the oldest and newest
    collection (``None`` when there is none).
    """

    jid: str
    name: str | None = None
    groups: tuple[str, ...] = ()
    collections: int = 0
    first: datetime | None = None
    last: datetime | None = None

    @property
    def label(self) -> str:
        """The roster name if there is one, else the JID."""
        return self.name or self.jid


@dataclass(frozen=True)
class DayCount:
    """How many collections started on one local calendar day."""

    day: date
    collections: int


@dataclass(frozen=True)
class CollectionHeader:
    """A row of the collection list: the header (no items) and its message count."""

    collection: Collection
    messages: int


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search to one contact (bare JID) and/or a UTC time range ``[start, end)``."""

    contact: str | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class SearchHit:
    """One message that matches a search.

    ``ordinal`` is the index of the item in ``Collection.items`` of the
    collection ``collection_id``. ``snippet`` is plain, untrusted text;
    ``highlights`` are ``(start, end)`` character offsets into it of the
    words that matched.
    """

    collection_id: CollectionId
    ordinal: int
    time: datetime
    with_jid: str
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()


# --- values commands take or report ------------------------------------------------


@dataclass(frozen=True)
class SyncProgress:
    """Where a running sync is: ``done`` of ``total`` collections (``total`` unknown: None)."""

    done: int
    total: int | None = None
    stage: str = ""


@dataclass(frozen=True)
class SyncResult:
    """What a finished sync changed in the replica.

    ``unreadable`` is a sentence naming the conversations the server sent in
    a form that cannot be read (skipped, tried again next time), or None.
    """

    changed: int
    removed: int
    unreadable: str | None = None


@dataclass(frozen=True)
class Account:
    """An XMPP account as the user entered it. The password is never part of it."""

    jid: str
    host: str | None = None
    port: int | None = None


@dataclass(frozen=True)
class ServerPage:
    """A page of collection headers listed on the server, newest first.

    ``collections`` carry no items (and no message counts). ``older`` is
    the opaque RSM cursor to pass for the next (older) page; None when this
    page was the oldest.
    """

    collections: Sequence[Collection]
    older: str | None


# --- the ports ------------------------------------------------------------------------


class ArchiveReader(Protocol):
    """Read the archive (the local replica, or a read-only archive in memory)."""

    def contacts(self) -> Sequence[ContactSummary]:
        """Roster entries and every bare JID that has collections, sorted by label."""
        ...

    def day_counts(self, contact: str | None, tz: tzinfo | None) -> Sequence[DayCount]:
        """Collections per local day for one contact, or everyone when ``contact`` is None.

        Days are calendar days in ``tz``, or in the system's local time zone
        (with its daylight saving rules) when ``tz`` is None.

        Days without collections are left out; the result is sorted by day.
        """
        ...

    def collections(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        offset: int,
        limit: int,
    ) -> Sequence[CollectionHeader]:
        """One page of collection headers that start in ``[start, end)``, newest first.

        ``None`` for ``contact``, ``start`` or ``end`` means no limit on it.
        A page shorter than ``limit`` is the last one.
        """
        ...

    def collection(self, collection_id: CollectionId) -> Collection:
        """The collection with all its items; raises ``StoreError`` if it is not there."""
        ...

    def search(self, query: str, filters: SearchFilters, limit: int) -> Sequence[SearchHit]:
        """Messages whose text matches ``query``, best first, at most ``limit``."""
        ...


class ArchiveCommands(Protocol):
    """Change the archive on the server (and the replica with it). Every call is async."""

    async def retrieve(self, collection_id: CollectionId) -> None:
        """Fetch the collection's items from the server into the replica."""
        ...

    async def remove_collections(self, ids: Sequence[CollectionId]) -> None:
        """Remove exactly these collections from the server."""
        ...

    async def remove_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        """Remove every collection with ``contact`` (everyone if ``None``) in ``[start, end)``."""
        ...

    async def add_note(self, collection_id: CollectionId, text: str) -> None:
        """Add a private note to the collection."""
        ...

    async def set_subject(self, collection_id: CollectionId, subject: str) -> None:
        """Set the collection's subject (always plaintext, even on an encrypted collection)."""
        ...

    async def sync(self, progress: Callable[[SyncProgress], None]) -> SyncResult:
        """Bring the replica up to date; report progress; cancel by cancelling the task.

        ``progress`` must be called on the event loop's thread (it updates
        widgets); work done in an executor reports back through the loop.

        A cancelled sync leaves the replica consistent (the cursor moves
        only with the data it covers).
        """
        ...

    async def unlock(self, passphrase: str) -> None:
        """Open the user's private keys for this session; ``CryptoError`` if none opens."""
        ...

    async def decrypt(self, collection_id: CollectionId) -> Collection:
        """The collection with its encrypted items decrypted (in memory only).

        Raises ``CryptoError`` with a sentence when no unlocked key fits.
        """
        ...


class ServerListing(Protocol):
    """List collection headers straight from the server, a page at a time (XEP-0059 RSM).

    The window uses it instead of the replica while the replica does not
    hold the account's archive yet (connected, never synced).
    """

    def needed(self) -> bool:
        """True when connected and the replica has not been synced yet."""
        ...

    async def page(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        older: str | None,
        limit: int,
    ) -> ServerPage:
        """At most ``limit`` headers in ``[start, end)``, newest first, older than ``older``.

        ``older`` None asks for the newest page. One list request per call.
        """
        ...


class PasswordKeeper(Protocol):
    """Where a remembered password goes: the OS keyring, never a plain file."""

    def remember(self, jid: str, password: str) -> None:
        """Store the account's password; raises ``KnownError`` when the keyring refuses."""
        ...

    def forget(self, jid: str) -> None:
        """Remove any stored password of the account."""
        ...


class Session(Protocol):
    """An opened account: its replica and its commands."""

    @property
    def reader(self) -> ArchiveReader:
        """The account's local replica."""
        ...

    @property
    def commands(self) -> ArchiveCommands:
        """The account's server commands."""
        ...

    @property
    def listing(self) -> ServerListing | None:
        """The server's list of collections, for browsing before the first sync."""
        ...


class AccountOpener(Protocol):
    """Connect an account and open its replica (the network and store layers)."""

    async def open(self, account: Account, password: str) -> Session:
        """Log in and open the replica.

        Raises ``UntrustedCertificate`` when the server's certificate does not
        verify (the window then offers to trust it) and other ``KnownError``
        subclasses with a sentence for anything else (wrong password, no
        server).
        """
        ...

    def trust_certificate(self, host: str, fingerprint: str) -> None:
        """Accept exactly this certificate (SHA-256 fingerprint) for ``host`` from now on."""
        ...
