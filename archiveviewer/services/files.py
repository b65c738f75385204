"""Archive files: exporting the local copy, and opening an export to browse it.

No Qt. Exports read the account's replica and write one file through
:mod:`archiveviewer.formats` (text, HTML, the XEP-0136 file, XEP-0227);
they are plain blocking calls meant for the program's one worker, report
progress per conversation and stop when asked, leaving no file behind (the
file replaces its target only when complete).

Opening a file reads it into a throw-away replica, so that the window's
browsing and search work on it exactly as on an account's local copy; the
replica is read-only by use (nothing syncs it) and is deleted with its folder.
"""

from __future__ import annotations

import dataclasses
import enum
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from archiveviewer.domain import Collection, CollectionId, Contact, bare_jid
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.formats.conversations import archived_messages, conversations
from archiveviewer.formats.files import write_private
from archiveviewer.formats.html import archive_as_html
from archiveviewer.formats.text import archive_as_text
from archiveviewer.formats.xep0136_file import archive_text_pieces, read_archive
from archiveviewer.formats.xep0227 import PepNode, PortableAccount, RosterItem, account_text
from archiveviewer.formats.xep0227_file import read_export
from archiveviewer.protocol.safexml import SafeTreeBuilder
from archiveviewer.store import Replica


class ExportFormat(enum.Enum):
    """What an export is written as; the value is the command line's name for it."""

    TEXT = "text"
    HTML = "html"
    XEP0136 = "xep0136"
    XEP0227 = "xep0227"

    @property
    def suffix(self) -> str:
        """The file name's ending."""
        return {"text": ".txt", "html": ".html"}.get(self.value, ".xml")


@dataclass(frozen=True)
class ExportSelection:
    """Which conversations: one contact (bare JID) or all, starting in ``[since, until)``."""

    contact: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class AccountData:
    """What a XEP-0227 export holds besides the archive (read from the server, or empty)."""

    roster: tuple[RosterItem, ...] = ()
    private: tuple[str, ...] = ()
    pep: tuple[PepNode, ...] = ()


@dataclass(frozen=True)
class ExportOutcome:
    """What was written."""

    path: Path
    conversations: int
    messages: int


class Cancelled(KnownError):
    """The user stopped the export; no file was written."""


@dataclass
class ExportProgress:
    """Shared between the export (on the worker) and the caller: progress and Cancel."""

    on_step: Callable[[int, int], None] | None = None
    stop: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """Stop the export at the next conversation."""
        self.stop.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self.stop.is_set()


_PAGE = 200


class CollectionSource(Protocol):
    """Where an export reads: the ids of the conversations chosen, then each one whole."""

    def ids(self) -> list[CollectionId]:
        """The chosen conversations, oldest first."""
        ...

    def collection(self, collection_id: CollectionId) -> Collection | None:
        """The conversation with its items (None: it went away meanwhile)."""
        ...


@dataclass(frozen=True)
class ReplicaSource:
    """The selected conversations of a replica; ``plaintext``: decrypted items where stored."""

    replica: Replica
    selection: ExportSelection
    plaintext: bool = True

    def ids(self) -> list[CollectionId]:
        found: list[CollectionId] = []
        while True:
            page = self.replica.collections(
                contact=self.selection.contact, since=self.selection.since,
                until=self.selection.until, limit=_PAGE, offset=len(found), newest_first=False,
            )  # fmt: skip
            found.extend(summary.id for summary in page)
            if len(page) < _PAGE:
                return found

    def collection(self, collection_id: CollectionId) -> Collection | None:
        stored = self.replica.collection(collection_id)
        if stored is None or not (self.plaintext and stored.encrypted):
            return stored
        plain = self.replica.decrypted(collection_id)
        return stored if plain is None else dataclasses.replace(stored, items=plain)


def export_archive(
    source: CollectionSource,
    owner: str,
    export_format: ExportFormat,
    path: Path,
    *,
    roster: Sequence[Contact] = (),
    account: AccountData | None = None,
    progress: ExportProgress | None = None,
) -> ExportOutcome:
    """Write the source's conversations of ``owner`` to ``path`` (blocking: run it on the worker).

    Raises :class:`Cancelled` when ``progress`` was cancelled (no file is
    left), :class:`KnownError` when the file cannot be written.
    """
    progress = progress or ExportProgress()
    ids = source.ids()
    counted = [0, 0]

    def selected() -> Iterator[Collection]:
        for collection_id in ids:
            if progress.cancelled:
                raise Cancelled("The export was cancelled; no file was written.")
            collection = source.collection(collection_id)
            if collection is None:
                continue
            counted[0] += 1
            counted[1] += len(collection.messages)
            if progress.on_step is not None:
                progress.on_step(counted[0], len(ids))
            yield collection

    names = {bare_jid(c.jid).lower(): c.name for c in roster if c.name}
    write_private(path, _pieces(export_format, selected(), owner, names, account, roster))
    return ExportOutcome(path, counted[0], counted[1])


def _pieces(
    export_format: ExportFormat,
    collections: Iterable[Collection],
    owner: str,
    names: dict[str, str],
    account: AccountData | None,
    roster: Sequence[Contact],
) -> Iterable[str]:
    if export_format == ExportFormat.TEXT:
        return archive_as_text(collections, names)
    if export_format == ExportFormat.HTML:
        return archive_as_html(collections, names, title=f"Conversations of {owner}")
    if export_format == ExportFormat.XEP0136:
        return archive_text_pieces(collections)
    data = account or AccountData(roster=tuple(RosterItem(c.jid, c.name, c.groups) for c in roster))
    portable = PortableAccount(
        bare_jid(owner), data.roster, data.private, data.pep,
        tuple(archived_messages(collections, bare_jid(owner))),
    )  # fmt: skip
    return account_text(portable)


def suggested_file_name(
    owner: str, export_format: ExportFormat, contact: str | None, today: date
) -> str:
    """``romeo@montague.lit-juliet@capulet.lit-2024-03-01.html``: whose, with whom, when."""
    parts = [bare_jid(owner)] + ([bare_jid(contact)] if contact else []) + [today.isoformat()]
    safe = "-".join(p.replace("/", "_") for p in parts)
    return safe + export_format.suffix


# --- opening an archive file ------------------------------------------------------------------


@dataclass(frozen=True)
class OpenedArchive:
    """An archive file read into a throw-away replica: whose it is, the names it gives."""

    replica_path: Path
    owner: str | None
    roster: tuple[Contact, ...]
    bookmarks: tuple[str, ...]
    conversations: int


def read_archive_file(path: Path) -> list[Collection]:
    """The conversations of an XEP-0136 archive file or of a XEP-0227 export's first account."""
    if _root_of(path) != "{urn:xmpp:pie:0}server-data":
        return read_archive(path)
    accounts = read_export(path)
    return conversations(accounts[0].archive) if accounts else []


def open_archive_file(path: Path, replica_path: Path) -> OpenedArchive:
    """Read an XEP-0136 archive file or a XEP-0227 export into a new replica at ``replica_path``."""
    kind = _root_of(path)
    roster: tuple[Contact, ...] = ()
    bookmarks: tuple[str, ...] = ()
    owner: str | None = None
    if kind == "{urn:xmpp:pie:0}server-data":
        accounts = read_export(path)
        if not accounts:
            raise MalformedInput(f"“{path.name}” holds no account.")
        account = accounts[0]
        owner = account.jid
        collections = conversations(account.archive)
        roster = tuple(item.contact for item in account.roster)
        bookmarks = tuple(text for text in account.private if "storage:bookmarks" in text) + tuple(
            i.payload for n in account.pep for i in n.items if i.payload and "bookmarks" in n.node
        )
    else:
        collections = read_archive(path)
    with Replica(replica_path) as replica:
        for collection in collections:
            replica.replace_collection(collection)
        replica.set_last_full_list(datetime.now().astimezone())
    return OpenedArchive(replica_path, owner, roster, bookmarks, len(collections))


def _root_of(path: Path) -> str:
    """The tag of the file's outermost element, read from its first bytes."""
    found: list[str] = []

    def on_root(root: ET.Element) -> None:
        found.append(root.tag)
        raise _Seen

    builder = SafeTreeBuilder(on_root=on_root)
    try:
        with path.open("rb") as stream:
            while not found and (chunk := stream.read(4096)):
                builder.feed(chunk)
    except _Seen:
        pass
    except OSError as exc:
        raise KnownError(f"“{path}” could not be opened: {exc.strerror or exc}.") from None
    except MalformedInput as exc:
        raise MalformedInput(f"“{path.name}” is not an archive file. {exc.user_message}") from None
    return found[0] if found else ""


class _Seen(Exception):
    """Stops reading once the outermost element is known."""
