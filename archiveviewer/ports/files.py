"""What the window needs for archive files: export what it shows, open a file to browse.

The window hands the service the archive it shows (an
:class:`~archiveviewer.ports.archive.ArchiveReader`), so that whatever the
user browses (an account's local copy, the sample, an opened file) can be
exported the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from archiveviewer.domain import CollectionId, Contact
from archiveviewer.ports.archive import ArchiveReader

#: The formats an export can take: (the service's name, the file name's ending).
EXPORT_FORMATS = (("html", ".html"), ("text", ".txt"), ("xep0136", ".xml"), ("xep0227", ".xml"))


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose: the format, whose conversations, which ones, and where to.

    ``collections`` (when not empty) are exactly the conversations selected;
    otherwise ``contact`` (a bare JID, None: everyone) and ``since``/``until``
    (UTC, on the start) narrow the whole archive.
    """

    export_format: str
    path: Path
    contact: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    collections: tuple[CollectionId, ...] = ()


@dataclass
class ExportControl:
    """Progress reported from the export and the Cancel the user presses."""

    on_step: Callable[[int, int], None] | None = None
    stop: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    conversations: int
    messages: int


@dataclass(frozen=True)
class OpenedFile:
    """An archive file opened for browsing: its reader and what to call it."""

    reader: ArchiveReader
    title: str
    roster: tuple[Contact, ...] = ()


class ArchiveFiles(Protocol):
    """Export and open archive files (``async``: the work runs on the program's worker)."""

    owner: str

    def suggested_name(self, export_format: str, contact: str | None) -> str:
        """A file name for an export (whose, with whom, today's date, the ending)."""
        ...

    async def export(
        self, reader: ArchiveReader, choice: ExportChoice, control: ExportControl
    ) -> ExportSummary:
        """Write the chosen conversations; a cancelled export leaves no file."""
        ...

    async def open_file(self, path: Path) -> OpenedFile:
        """Read an XEP-0136 file or a XEP-0227 export into a read-only archive."""
        ...

    def roster_of(self) -> Sequence[Contact]:
        """The names to write into an export."""
        ...
