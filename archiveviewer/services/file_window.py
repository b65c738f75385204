"""The window's archive files (the ``ArchiveFiles`` port): export what it shows, open a file.

Exports read the archive the window shows through its reader, so an
account's local copy, the sample and an opened file export alike. A
XEP-0227 export made while connected carries the roster, private XML and
PEP nodes the server holds (:mod:`.account_data`); offline, the saved roster. An opened
file is read into a throw-away replica in a temporary folder that lives as
long as the program (deleted by :meth:`WindowFiles.close`), and browsed
through the same :class:`~archiveviewer.services.replica_reader.ReplicaReader`
as an account.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from archiveviewer.domain import Collection, CollectionId, Contact
from archiveviewer.errors import KnownError
from archiveviewer.ports.archive import ArchiveReader
from archiveviewer.ports.files import ExportChoice, ExportControl, ExportSummary, OpenedFile
from archiveviewer.services.account_data import read_account_data
from archiveviewer.services.connection import Connection
from archiveviewer.services.files import (
    AccountData,
    ExportFormat,
    ExportProgress,
    export_archive,
    open_archive_file,
    suggested_file_name,
)
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica

_PAGE = 500


@dataclass(frozen=True)
class ReaderSource:
    """The conversations an :class:`ExportChoice` picks, read through the window's reader.

    ``stored``: read each conversation from this replica as stored, still
    encrypted (the reader shows the decrypted text), for the XEP-0136 file.
    """

    reader: ArchiveReader
    choice: ExportChoice
    stored: Replica | None = None

    def ids(self) -> list[CollectionId]:
        if self.choice.collections:
            return sorted(self.choice.collections)
        found: list[CollectionId] = []
        while True:
            page = self.reader.collections(
                self.choice.contact, self.choice.since, self.choice.until, len(found), _PAGE
            )
            found.extend(row.collection.id for row in page)
            if len(page) < _PAGE:
                return sorted(found)

    def collection(self, collection_id: CollectionId) -> Collection | None:
        if self.stored is not None:
            return self.stored.collection(collection_id)
        try:
            return self.reader.collection(collection_id)
        except KnownError:
            return None  # removed meanwhile


class WindowFiles:
    """Implements ``ArchiveFiles`` for the window; blocking work runs on ``worker``."""

    def __init__(
        self,
        worker: Worker,
        owner: str,
        roster: Callable[[], Sequence[Contact]] = tuple,
        today: Callable[[], date] = date.today,
        connection: Callable[[], Connection | None] = lambda: None,
    ) -> None:
        self._worker = worker
        self._connection = connection
        self.owner = owner
        self._roster = roster
        self._today = today
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._opened: list[tuple[Replica, ReplicaReader]] = []

    def roster_of(self) -> Sequence[Contact]:
        """The names written into an export: the shown account's roster."""
        return self._roster()

    def suggested_name(self, export_format: str, contact: str | None) -> str:
        """``owner-contact-YYYY-MM-DD.ext``."""
        return suggested_file_name(self.owner, ExportFormat(export_format), contact, self._today())

    async def export(
        self, reader: ArchiveReader, choice: ExportChoice, control: ExportControl
    ) -> ExportSummary:
        """Write the chosen conversations on the worker; Cancel stops it and leaves no file."""
        progress = ExportProgress(control.on_step, control.stop)
        export_format = ExportFormat(choice.export_format)
        keep_encrypted = export_format == ExportFormat.XEP0136 and isinstance(reader, ReplicaReader)
        stored = reader.replica if keep_encrypted and isinstance(reader, ReplicaReader) else None
        account = await self._live_account() if export_format == ExportFormat.XEP0227 else None
        outcome = await self._worker.run(
            export_archive,
            ReaderSource(reader, choice, stored),
            self.owner,
            export_format,
            choice.path,
            roster=self.roster_of(),
            account=account,
            progress=progress,
        )
        return ExportSummary(outcome.path, outcome.conversations, outcome.messages)

    async def _live_account(self) -> AccountData | None:
        """Roster, private XML and PEP nodes from the server while connected; else None."""
        connection = self._connection()
        if connection is None or not connection.connected or connection.network is None:
            return None
        return await read_account_data(connection.network)

    async def open_file(self, path: Path) -> OpenedFile:
        """Read the file into a fresh replica and give the window a reader over it."""
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="archiveviewer-open-")
        target = Path(self._folder.name) / f"{len(self._opened)}.sqlite3"
        opened = await self._worker.run(open_archive_file, path, target)
        replica = Replica(target)
        reader = ReplicaReader(replica, opened.roster)
        self._opened.append((replica, reader))
        return OpenedFile(reader, path.name, opened.roster)

    def close(self) -> None:
        """Close the opened files' replicas and delete them."""
        for replica, reader in self._opened:
            reader.close()
            replica.close()
        self._opened.clear()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
