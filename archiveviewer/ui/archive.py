"""The archive the window shows: what every surface reads from and sends commands to."""

from __future__ import annotations

from dataclasses import dataclass

from archiveviewer.errors import KnownError
from archiveviewer.ports.archive import ArchiveCommands, ArchiveReader


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
    def read_only(self) -> bool:
        """True when there is no server to send commands to."""
        return self.commands is None

    def server(self) -> ArchiveCommands:
        """The server commands; a sentence for the user when the archive is read-only."""
        if self.commands is None:
            raise KnownError("This archive is read-only.")
        return self.commands
