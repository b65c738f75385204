"""The archive the window shows: what every surface reads from and sends commands to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from archiveviewer.domain import Collection, CollectionId
from archiveviewer.errors import KnownError, StoreError
from archiveviewer.ports.archive import (
    ArchiveCommands,
    ArchiveReader,
    CollectionRow,
    ContactRow,
    DayCount,
    ResultCount,
    ResultOrder,
    ResultPage,
    SearchFilters,
)


class NoArchive:
    """The reader of a window that has let go of its archive: it holds nothing.

    What a signal queued before the window closed (or before another archive
    took the place of this one) asks for afterwards is read from here, never
    from a local copy that its owner may have closed in the meantime.
    """

    def contacts(self) -> Sequence[ContactRow]:
        """No contacts."""
        return ()

    def day_counts(self, contact: str | None, tz: tzinfo | None) -> Sequence[DayCount]:
        """No days."""
        return ()

    def collections(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        offset: int,
        limit: int,
    ) -> Sequence[CollectionRow]:
        """No conversations."""
        return ()

    def collection_count(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> int:
        """None to count."""
        return 0

    def collection(self, collection_id: CollectionId) -> Collection:
        """Nothing to open: a sentence, as for a conversation no longer in the copy."""
        raise StoreError("This archive is closed.")

    def search_page(
        self,
        query: str,
        filters: SearchFilters,
        order: ResultOrder,
        after: object | None,
        limit: int,
    ) -> ResultPage:
        """No results."""
        return ResultPage((), None)

    def count_results(self, query: str, filters: SearchFilters) -> ResultCount:
        """No results."""
        return ResultCount(0)


@dataclass
class ShownArchive:
    """The reader of the archive on screen and its server commands (None: read-only).

    One object, shared by the window's surfaces, so that after an account is
    added every surface reads and commands the new archive at once.
    """

    reader: ArchiveReader
    commands: ArchiveCommands | None
    sample: bool

    @property
    def gone(self) -> bool:
        """Let go (the window closes): what arrives later (a Connect that finishes) is not shown."""
        return isinstance(self.reader, NoArchive)

    @property
    def read_only(self) -> bool:
        """True when there is no server to send commands to."""
        return self.commands is None

    def server(self) -> ArchiveCommands:
        """The server commands; a sentence for the user when the archive is read-only."""
        if self.commands is None:
            raise KnownError("This archive is read-only.")
        return self.commands

    def let_go(self) -> None:
        """Read and command nothing from now on (the window closes; its copy is closed next)."""
        self.reader, self.commands = NoArchive(), None
