"""The core model of archiveviewer: what a user's message archive is made of.

Every value here is frozen and free of I/O, so any layer can hold it, share it
between threads and compare it. Times are timezone-aware UTC ``datetime``
values everywhere; codecs in ``protocol/`` turn the wire's ``secs``/``utc``
attributes into absolute times once, on the way in.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Dialect(enum.Enum):
    """The XEP-0136 namespace a server speaks."""

    #: The seed's version 0.9 (``<store>``, ``<pref>`` with ``deny/allow/try/require``).
    SEED = "http://jabber.org/protocol/archive"
    #: Version 1.x as deployed after 2007 (``<save>``/``<chat>``, ``itemremove``).
    URN = "urn:xmpp:archive"


class Direction(enum.Enum):
    """Who sent a message, seen from the archive owner.

    ``TO`` is a message the user sent to the contact; ``FROM`` one the user
    received, matching the ``<to/>`` and ``<from/>`` elements of XEP-0136.
    """

    TO = "to"
    FROM = "from"


@dataclass(frozen=True, order=True)
class CollectionId:
    """The key of a collection: the contact's JID and the start time.

    ``with_jid`` is the JID exactly as the server reports it (full, bare or a
    room); ``start`` is aware UTC.
    """

    start: datetime
    with_jid: str

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            raise ValueError("a collection start must be timezone-aware")


@dataclass(frozen=True)
class Message:
    """One archived message.

    ``time`` is absolute and aware UTC. ``nick`` is the groupchat nickname
    (the ``name`` attribute), if any. ``payload`` holds any other child
    elements of the message, serialised as XML, so nothing is lost on the way
    through; it is empty for an ordinary message.
    """

    direction: Direction
    time: datetime
    body: str | None
    nick: str | None = None
    payload: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """A private note the user added to a collection, with its time if known."""

    text: str
    time: datetime | None = None


class EncryptedKind(enum.Enum):
    """Which W3C XML Encryption element an encrypted item is."""

    DATA = "EncryptedData"
    KEY = "EncryptedKey"


@dataclass(frozen=True)
class EncryptedItem:
    """An ``EncryptedData`` or ``EncryptedKey`` element, kept as serialised XML.

    The protocol layer does not interpret encryption; it hands the element to
    the crypto layer unchanged. ``key_name`` is the ``KeyInfo/KeyName`` of
    the element (the data key for EncryptedData, the public key for
    EncryptedKey); ``carried_key_name`` is set on EncryptedKey only.
    """

    kind: EncryptedKind
    xml: str
    key_name: str | None = None
    carried_key_name: str | None = None


Item = Message | Note | EncryptedItem


@dataclass(frozen=True)
class Collection:
    """A conversation: its key, its header and, once retrieved, its items.

    A collection from a ``list`` result carries no items; ``retrieve`` fills
    them in. ``crypt`` is true when the server says the collection holds
    encrypted items. ``thread`` and ``version`` exist in the ``urn:xmpp:archive``
    dialect only.
    """

    id: CollectionId
    subject: str | None = None
    crypt: bool = False
    thread: str | None = None
    version: int | None = None
    items: tuple[Item, ...] = ()

    @property
    def with_jid(self) -> str:
        return self.id.with_jid

    @property
    def start(self) -> datetime:
        return self.id.start

    @property
    def messages(self) -> tuple[Message, ...]:
        return tuple(i for i in self.items if isinstance(i, Message))

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(i for i in self.items if isinstance(i, Note))

    @property
    def encrypted(self) -> tuple[EncryptedItem, ...]:
        return tuple(i for i in self.items if isinstance(i, EncryptedItem))


# --- Preferences -------------------------------------------------------------


class SaveMode(enum.Enum):
    """How much of each message the archive keeps (both dialects' values)."""

    FALSE = "false"
    BODY = "body"
    ALL = "all"  # seed only
    MESSAGE = "message"  # urn:xmpp:archive only
    STREAM = "stream"  # urn:xmpp:archive only


class OtrMode(enum.Enum):
    """The user's Off-The-Record preference (both dialects' values)."""

    # seed (0.9)
    DENY = "deny"
    ALLOW = "allow"
    TRY = "try"
    REQUIRE = "require"
    # urn:xmpp:archive (1.x); ``require`` is shared
    APPROVE = "approve"
    CONCEDE = "concede"
    FORBID = "forbid"
    OPPOSE = "oppose"
    PREFER = "prefer"


class MethodUse(enum.Enum):
    """Whether clients should, may or must not use an archiving method."""

    PREFER = "prefer"
    ALLOW = "allow"  # seed
    CONCEDE = "concede"  # urn:xmpp:archive
    NEVER = "never"  # seed
    FORBID = "forbid"  # urn:xmpp:archive


@dataclass(frozen=True)
class SaveRule:
    """A ``<default/>`` (``jid`` is None) or ``<item/>`` preference.

    ``exactmatch`` (``urn:xmpp:archive`` items only): a bare JID or a domain
    matches that JID alone, not its resources or the domain's users.
    """

    save: SaveMode
    otr: OtrMode
    jid: str | None = None
    expire: int | None = None
    unset: bool = False
    exactmatch: bool = False


@dataclass(frozen=True)
class AutoArchiving:
    """The ``<auto/>`` state of this stream."""

    save: bool
    encrypt: bool = False
    scope: str | None = None  # urn:xmpp:archive only: "stream" or "global"


@dataclass(frozen=True)
class Prefs:
    """The user's archiving preferences as the server holds them."""

    default: SaveRule | None = None
    items: tuple[SaveRule, ...] = ()
    methods: tuple[tuple[str, MethodUse], ...] = ()
    auto: AutoArchiving | None = None


# --- Replication ---------------------------------------------------------------


class ChangeKind(enum.Enum):
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class UnreadEntry:
    """A collection a server names by a ``with`` and ``start`` that cannot be read.

    Both are the server's own words (empty when it left one out), so that
    the collection can be named to the user and asked for again as it was sent.
    """

    with_jid: str
    start: str


@dataclass(frozen=True)
class Change:
    """One entry of a ``<modified/>`` result."""

    kind: ChangeKind
    id: CollectionId
    version: int | None = None


# --- Bookmarks ---------------------------------------------------------------


class BookmarkHome(enum.Enum):
    """Where a bookmark is kept on the server."""

    PRIVATE = "private"  # XEP-0049 storage:bookmarks
    PEP = "pep"  # XEP-0223 PEP node storage:bookmarks
    NATIVE = "native"  # XEP-0402 urn:xmpp:bookmarks:1


@dataclass(frozen=True)
class Conference:
    """A chat room bookmark. ``extra`` keeps unknown children and attributes as XML."""

    jid: str
    name: str | None = None
    autojoin: bool = False
    nick: str | None = None
    password: str | None = field(default=None, repr=False)
    extra: tuple[str, ...] = ()
    extra_attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class UrlBookmark:
    """A XEP-0048 ``<url/>`` bookmark."""

    url: str
    name: str | None = None
    extra: tuple[str, ...] = ()
    extra_attrs: tuple[tuple[str, str], ...] = ()


Bookmark = Conference | UrlBookmark


@dataclass(frozen=True)
class BookmarkEntry:
    """One bookmark of the merged view over every home, and where it lives.

    ``key`` is the room's bare JID (normalised) or the URL. ``bookmark`` is
    the copy from the most modern home that holds it (native, then PEP, then
    private); ``copies`` has each home's own copy, so a UI can show where
    they disagree.
    """

    key: str
    bookmark: Bookmark
    homes: frozenset[BookmarkHome]
    copies: tuple[tuple[BookmarkHome, Bookmark], ...] = ()

    @property
    def agrees(self) -> bool:
        """True when every home holds the same bookmark."""
        return len({copy for _, copy in self.copies}) <= 1


# --- Roster --------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """A roster entry: the contact's bare JID, the name the user gave, groups."""

    jid: str
    name: str | None = None
    groups: tuple[str, ...] = ()


def bare_jid(jid: str) -> str:
    """``user@host/resource`` without the resource (case kept as given)."""
    return jid.split("/", 1)[0]


def speaker(message: Message, contact_name: str) -> str:
    """Who said it, as a conversation's text names them: "me", the nickname, or the contact."""
    if message.direction == Direction.TO:
        return "me"
    return message.nick or contact_name


def with_whom(name: str, jid: str) -> str:
    """ "Juliet (juliet@capulet.example/balcony)", or just the JID when it is the name."""
    return jid if name == jid else f"{name} ({jid})"


# --- Message Archive Management (XEP-0313) ---------------------------------------


@dataclass(frozen=True)
class ArchivedMessage:
    """One message of a XEP-0313 archive, as the archive hands it out.

    ``archive_id`` is the archive's own id of the message (the ``<result id>``,
    the same as its ``<stanza-id by=archive>``), unique within ``archive``
    (the JID that holds the archive: the account's bare JID or a room).
    ``with_jid`` is who the message belongs with: the contact's bare JID, or
    the room's for a group chat.
    """

    archive: str
    archive_id: str
    with_jid: str
    message: Message


@dataclass(frozen=True)
class UnreadMessage:
    """A message of a XEP-0313 archive that could not be read, kept in the archive's words.

    ``archive_id`` is its id as the archive sent it ("" when it sent none),
    ``reason`` the sentence saying what was wrong, and ``index`` how many
    readable messages of its page come before it (its place on the page).
    """

    archive: str
    archive_id: str
    reason: str
    index: int = 0
