"""What the Bookmarks window and the Private XML inspector are given, in the user's words.

:class:`BookmarkEditor` reads and changes the account's bookmarks in every
home the server offers; :class:`PrivateXmlEditor` reads and replaces any
namespace of XEP-0049 private XML. Both are ``async`` (every call goes over
the network) and raise :class:`~archiveviewer.errors.KnownError` subclasses
whose ``user_message`` is a sentence; a password never appears in one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from archiveviewer.domain import Bookmark, BookmarkEntry, BookmarkHome
from archiveviewer.errors import Fault, KnownError


@dataclass(frozen=True)
class BookmarkRow:
    """One bookmark of the merged list, where it lives, and where its homes disagree.

    ``differences`` are short phrases ("in PEP (XEP-0402) but not in private
    storage", "different nick"); ``extensions`` is True when another client
    put data into it that the editor does not show (it is kept on every edit).
    """

    entry: BookmarkEntry
    homes: str
    differences: tuple[str, ...] = ()
    extensions: bool = False

    @property
    def bookmark(self) -> Bookmark:
        """The copy shown (from the most modern home that holds it)."""
        return self.entry.bookmark

    @property
    def key(self) -> str:
        """The room's bare JID or the URL."""
        return self.entry.key


@dataclass(frozen=True)
class BookmarkView:
    """Everything the window lists: the rows, the homes offered, where new ones go.

    ``offered`` are the homes the server has (private storage always; the two
    PEP homes when disco shows PEP with publish-options); ``new_homes`` are
    where a new room goes under the current setting, ``new_homes_label`` says it.
    """

    rows: tuple[BookmarkRow, ...]
    offered: frozenset[BookmarkHome]
    offered_label: str
    new_homes: frozenset[BookmarkHome]
    new_homes_label: str
    server_keeps_in_step: bool = False


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did."""

    added: int
    updated: int
    unchanged: int


class EditConflict(KnownError):
    """Someone changed the bookmark since the user began editing it; ``theirs`` is that change.

    ``theirs`` is None when the bookmark was removed meanwhile.
    """

    fault = Fault.REMOTE

    def __init__(self, user_message: str, theirs: BookmarkEntry | None) -> None:
        super().__init__(user_message)
        self.theirs = theirs


#: Called with the new view when the bookmarks change (another resource's edit).
ViewListener = Callable[[BookmarkView], None]


class BookmarkEditor(Protocol):
    """The account's bookmarks in every home the server offers."""

    def set_new_homes(self, homes: frozenset[BookmarkHome] | None) -> None:
        """Where new bookmarks are written; None: as the server and other clients do."""

    def check(self, bookmark: Bookmark) -> Bookmark:
        """The bookmark checked and normalised; ``InvalidBookmark`` before anything is sent."""

    async def load(self) -> BookmarkView:
        """Read every home and return the merged view."""

    async def save(self, bookmark: Bookmark, was: BookmarkEntry | None) -> BookmarkView:
        """Add (``was`` None) or edit the bookmark the user opened as ``was``.

        Raises :class:`EditConflict` when the bookmark changed on the server
        since ``was`` was read (or, for a new one, now exists): nothing is written.
        """

    async def overwrite(self, bookmark: Bookmark) -> BookmarkView:
        """Write the bookmark whatever the server holds now (the user chose to)."""

    async def remove(self, key: str) -> BookmarkView:
        """Remove the bookmark from every home."""

    async def align(self, key: str, source: BookmarkHome) -> BookmarkView:
        """Make every offered home hold what ``source`` holds for ``key`` (or nothing)."""

    async def export_xml(self) -> str:
        """The bookmarks as a XEP-0048 ``<storage/>`` document."""

    async def import_xml(self, text: str) -> ImportOutcome:
        """Merge a XEP-0048 ``<storage/>`` document into the bookmarks by room JID."""

    def listen(self, listener: ViewListener) -> Callable[[], None]:
        """Call ``listener`` on every change another resource makes; returns the remover."""

    def close(self) -> None:
        """Stop following changes."""


class PrivateXmlEditor(Protocol):
    """XEP-0049 private XML of the account, one namespace at a time."""

    def check(self, text: str) -> None:
        """Refuse XML that must not be stored, with a sentence (nothing is sent)."""

    def check_namespace(self, namespace: str) -> None:
        """Refuse an empty or reserved namespace, with a sentence."""

    async def read(self, namespace: str, element: str | None = None) -> str:
        """The stored ``<element xmlns=namespace/>``, pretty-printed; empty when none is.

        ``element`` defaults to the name clients use for the namespace.
        """

    async def save(self, text: str) -> str:
        """Check and store the XML (replacing its namespace); the stored XML, pretty-printed."""


#: Gives the editors of the connected account, or raises ``NotConnected``.
BookmarkEditorFactory = Callable[[], BookmarkEditor]
PrivateXmlEditorFactory = Callable[[], PrivateXmlEditor]
