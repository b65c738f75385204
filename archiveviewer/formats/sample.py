"""The sample archive the program opens when no account is configured.

``resources/sample-archive.xml`` is made by ``tools/make_sample_archive.py``
from public-domain lines of *Romeo and Juliet*; it is an ordinary seed
archive file (one ``<archive>``, each ``<store>`` with its own ``with``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from archiveviewer.domain import Collection, Contact
from archiveviewer.formats.xep0136_file import read_archive

#: Whose archive the sample is: its ``to`` messages are Romeo's.
SAMPLE_OWNER = "romeo@montague.lit"

#: Romeo's roster, so that the sample shows names and groups as a real account would.
#: Balthasar and the town square are not on it: they appear by their JIDs, as strangers do.
SAMPLE_ROSTER = (
    Contact("juliet@capulet.lit", "Juliet", ("Capulets",)),
    Contact("nurse@capulet.lit", "Nurse", ("Capulets",)),
    Contact("benvolio@montague.lit", "Benvolio", ("Montagues", "Friends")),
    Contact("mercutio@verona.lit", "Mercutio", ("Friends",)),
    Contact("friar@verona.lit", "Friar Laurence", ("Verona",)),
)


def sample_archive_path() -> Path:
    """Where the sample archive file lies inside the installed package."""
    return Path(str(resources.files("archiveviewer") / "resources" / "sample-archive.xml"))


def read_sample_archive() -> list[Collection]:
    """The sample archive's collections."""
    return read_archive(sample_archive_path())
