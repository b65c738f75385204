"""What the archive window needs to read and change an account's archive, in the user's words.

The window reads the local replica through :class:`ArchiveReader` (synchronous:
the replica is local and fast), changes the archive on the server through
:class:`ArchiveCommands` (``async``: every call goes over the network) and lists
the server's collections before the first sync through :class:`ServerListing`.

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

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol, runtime_checkable

from archiveviewer.domain import Collection, CollectionId, Direction, Note

# --- values the reader returns ----------------------------------------------------


@dataclass(frozen=True)
class ContactRow:
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
    #: For a contact whose history comes from a message archive (XEP-0313): the time
    #: its archive is synced back to, and whether that is the archive's beginning.
    synced_back_to: datetime | None = None
    synced_whole: bool = False

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
class CollectionRow:
    """A row of the collection list: the header (no items) and its message count."""

    collection: Collection
    messages: int


class ResultOrder(enum.Enum):
    """How search results are sorted: newest first (the default), oldest first, best first."""

    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"


class ResultKind(enum.Enum):
    """What kind of text a search result is."""

    MESSAGE = "message"
    NOTE = "note"
    SUBJECT = "subject"


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search; every field left None does not narrow it.

    ``contact`` is a bare JID; ``[start, end)`` a UTC time range;
    ``direction`` keeps messages sent (``TO``) or received (``FROM``) only;
    ``kinds`` keeps those kinds of text only (e.g. notes and subjects).
    """

    contact: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    direction: Direction | None = None
    kinds: frozenset[ResultKind] | None = None


@dataclass(frozen=True)
class SearchResult:
    """One message, note or subject that matches a search.

    ``ordinal`` is the index of the item in ``Collection.items`` of the
    collection ``collection_id`` (0 for a subject: the conversation's top).
    ``snippet`` is plain, untrusted text; ``highlights`` are ``(start, end)``
    character offsets into it of the words that matched. ``direction`` and
    ``nick`` say who wrote a message (see :meth:`speaker`).
    """

    collection_id: CollectionId
    ordinal: int
    time: datetime
    with_jid: str
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()
    kind: ResultKind = ResultKind.MESSAGE
    direction: Direction | None = None
    nick: str | None = None

    def speaker(self, own_name: str, contact_name: str) -> str | None:
        """Who wrote it: ``own_name`` for the user, the nick in a group chat, else the contact.

        None for a note or a subject (nobody said them in the conversation).
        """
        if self.kind is not ResultKind.MESSAGE:
            return None
        if self.direction is Direction.TO:
            return own_name
        return self.nick or contact_name


@dataclass(frozen=True)
class ResultPage:
    """One page of search results, and where the next begins (None: this was the last).

    ``next`` is opaque: pass it back as ``after`` with the same query, filters and order.
    """

    results: tuple[SearchResult, ...]
    next: object | None


@dataclass(frozen=True)
class ResultCount:
    """How many results a search has in all, and what it could not look into.

    ``encrypted_unsearched`` counts the encrypted conversations within the
    filters' contact and dates whose text is not in the local copy (never
    decrypted, or decrypted in memory only), so their words were not searched.
    """

    total: int
    encrypted_unsearched: int = 0


# --- values commands take or report ------------------------------------------------


@dataclass(frozen=True)
class SyncProgress:
    """Where a running sync is: ``done`` of ``total`` collections (``total`` unknown: None)."""

    done: int
    total: int | None = None
    stage: str = ""


@dataclass(frozen=True)
class SyncOutcome:
    """What a finished sync changed in the replica.

    ``unreadable`` is a sentence naming the conversations the server sent in
    a form that cannot be read (skipped, tried again next time), or None.
    """

    changed: int
    removed: int
    unreadable: str | None = None


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

#: The open conversation as plain text, for copying and exporting: given the collection,
#: the contact's name and how to write a time (the window writes local time).
ConversationText = Callable[[Collection, str, Callable[[datetime], str]], str]


class ArchiveReader(Protocol):
    """Read the archive (the local replica, or a read-only archive in memory)."""

    def contacts(self) -> Sequence[ContactRow]:
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
    ) -> Sequence[CollectionRow]:
        """One page of collection headers that start in ``[start, end)``, newest first.

        ``None`` for ``contact``, ``start`` or ``end`` means no limit on it.
        A page shorter than ``limit`` is the last one.
        """
        ...

    def collection_count(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> int:
        """How many collections :meth:`collections` lists in all for the same filters."""
        ...

    def collection(self, collection_id: CollectionId) -> Collection:
        """The collection with all its items; raises ``StoreError`` if it is not there."""
        ...

    def search_page(
        self,
        query: str,
        filters: SearchFilters,
        order: ResultOrder,
        after: object | None,
        limit: int,
    ) -> ResultPage:
        """One page of at most ``limit`` results of ``query``, after the page ``after`` ended.

        ``after`` None asks for the first page. Raises ``SearchTooLong`` with a
        sentence for a query too long to search quickly. Safe to call from a
        worker thread while the UI thread reads the archive.
        """
        ...

    def count_results(self, query: str, filters: SearchFilters) -> ResultCount:
        """How many results ``query`` has in all (slower than a page: ask after it)."""
        ...


class ArchiveCommands(Protocol):
    """Change the archive on the server (and the replica with it). Every call is async."""

    async def retrieve(self, collection_id: CollectionId) -> None:
        """Fetch the collection's items from the server into the replica."""
        ...

    async def remove_collections(self, ids: Sequence[CollectionId]) -> str | None:
        """Remove exactly these collections from the server.

        Returns a sentence for the user when the server removed others too (they are
        put back from the local copy), None when it removed exactly these.
        """
        ...

    async def remove_range(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> None:
        """Remove every collection with ``contact`` (everyone if ``None``) in ``[start, end)``."""
        ...

    async def add_note(self, collection_id: CollectionId, text: str) -> None:
        """Add a private note to the collection."""
        ...

    async def edit_note(self, collection_id: CollectionId, note: Note, text: str) -> None:
        """Change the text of one of the collection's notes (it keeps its time)."""
        ...

    async def remove_note(self, collection_id: CollectionId, note: Note) -> None:
        """Remove one of the collection's notes; its messages stay as they are."""
        ...

    async def set_subject(self, collection_id: CollectionId, subject: str) -> None:
        """Set the collection's subject (always plaintext, even on an encrypted collection)."""
        ...

    async def sync(self, progress: Callable[[SyncProgress], None]) -> SyncOutcome:
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

    async def keep_decrypted(self, decrypted: Collection) -> None:
        """Keep a decrypted collection's text in the local copy, where search finds it."""
        ...

    async def forget_decrypted(self) -> int:
        """Remove every decrypted text from the local copy; how many conversations had one."""
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


#: The actions :class:`ActionLimits` speaks of: removing, notes, subjects.
LIMITED_ACTIONS = ("remove", "note", "subject")


@runtime_checkable
class ActionLimits(Protocol):
    """What cannot be done with some conversations on the server, and why (a reader may offer it).

    A conversation grouped from a message archive (XEP-0313) can only be
    read: the window disables removal, notes and subjects for it, with the
    sentence as the reason.
    """

    def unavailable(
        self, ids: Sequence[CollectionId], contact: str | None, whole_range: bool = False
    ) -> Mapping[str, str]:
        """Each action of :data:`LIMITED_ACTIONS` that cannot be done, with why.

        ``ids`` are the conversations acted on; ``contact`` (a bare JID, or
        None for everyone) with ``whole_range`` asks about removing a range
        of that contact's conversations instead.
        """
        ...


@runtime_checkable
class ConversationGrouping(Protocol):
    """How conversations are cut out of message archives (commands may offer it)."""

    async def regroup(self, idle_gap_minutes: int) -> int:
        """Cut conversations after ``idle_gap_minutes`` of silence from now on, and regroup
        the stored ones (nothing is fetched again, no message is lost or doubled); returns
        how many conversations of message archives there are now."""
        ...
