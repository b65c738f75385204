"""Writing an export file: private to its owner, complete or not there at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from archiveviewer.errors import KnownError


def write_private(path: Path, pieces: Iterable[str]) -> None:
    """Write ``pieces`` to ``path`` as UTF-8, mode 0600, replacing it atomically.

    The text goes to a temporary file beside ``path`` (``mkstemp`` makes it
    0600) that replaces ``path`` only once complete, so a failed or cancelled
    export never leaves half a file behind. A failure is a sentence.
    """
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for piece in pieces:
                out.write(piece)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise KnownError(f"“{path}” could not be written: {exc.strerror or exc}.") from None
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
