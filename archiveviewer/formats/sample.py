"""The sample archive the program opens when no account is configured.

``resources/sample-archive.xml`` is made by ``tools/make_sample_archive.py``
from public-domain lines of *Romeo and Juliet*; it is an ordinary seed
archive file (one ``<archive>``, each ``<store>`` with its own ``with``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from archiveviewer.domain import Collection
from archiveviewer.formats.xep0136_file import read_archive

#: Whose archive the sample is: its ``to`` messages are Romeo's.
SAMPLE_OWNER = "romeo@montague.lit"


def sample_archive_path() -> Path:
    """Where the sample archive file lies inside the installed package."""
    return Path(str(resources.files("archiveviewer") / "resources" / "sample-archive.xml"))


def read_sample_archive() -> list[Collection]:
    """The sample archive's collections."""
    return read_archive(sample_archive_path())
