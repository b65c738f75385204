"""The replica's file on disk: made private (0600) before SQLite touches it, and kept so."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600


def create_private_file(path: Path) -> None:
    """Create ``path`` (if missing) readable and writable by its owner only.

    The file is made with mode 0600 before SQLite touches it (SQLite gives its
    ``-wal`` and ``-shm`` files the database file's mode). The parent folder
    is created (0700) if missing. An existing file is left alone.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def narrow_to_owner(path: Path) -> None:
    # A replica copied around may have lost its mode; ours must stay private.
    # Done before SQLite makes its -wal and -shm files, which copy the mode.
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if name.stat().st_mode & 0o777 == FILE_MODE:
                continue
            # Someone else's file that we may write is not ours to change.
            with contextlib.suppress(PermissionError):
                name.chmod(FILE_MODE)
