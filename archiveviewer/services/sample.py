"""The sample archive, opened into a throw-away replica so it reads as a real account does.

The sample (``resources/sample-archive.xml``) is written once into a replica
in a temporary folder and read through the same
:class:`~archiveviewer.services.replica_reader.ReplicaReader` as an account's
local copy: browsing and search (phrases, prefixes, relevance, paging) behave
exactly as they will after the user adds an account. The window gets no
commands for it, so it stays read-only; :meth:`SampleArchive.close` (or the
end of the program) deletes the folder.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from archiveviewer.formats.sample import SAMPLE_ROSTER, read_sample_archive
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.store import Replica


class SampleArchive:
    """The sample in a temporary replica; :attr:`reader` is what the window reads."""

    def __init__(self) -> None:
        # TemporaryDirectory removes itself at exit too, should close never be called.
        self._folder = tempfile.TemporaryDirectory(prefix="archiveviewer-sample-")
        path = Path(self._folder.name) / "sample.sqlite3"
        self._replica = Replica(path)
        # One transaction for the whole sample: the replica is new and nobody reads it yet.
        self._replica.apply(read_sample_archive(), (), cursor="")
        self._replica.set_last_full_list(datetime.now(UTC))
        self.reader = ReplicaReader(self._replica, SAMPLE_ROSTER)

    def close(self) -> None:
        """Close the replica and delete its folder."""
        self.reader.close()
        self._replica.close()
        self._folder.cleanup()
