"""Rebuilding a damaged replica without losing what only it holds.

A damaged local copy is moved aside (never deleted: it is the user's data),
and a fresh one is made in its place holding every conversation that can
still be read from the old one, with its decrypted text. Its sync cursor
starts afresh, so the next sync fetches the whole archive from the server
again; conversations whose encrypted items come back unchanged keep the
decrypted text copied here (see :meth:`Replica.replace_collection`), so no
key has to be unlocked again for them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archiveviewer.domain import Collection, Message, Note
from archiveviewer.errors import StoreError
from archiveviewer.store.replica import Replica


@dataclass(frozen=True)
class Rebuilt:
    """What :func:`rebuild` kept, and where the damaged file went."""

    kept: int
    unreadable: int
    damaged_copy: Path


def rebuild(path: Path) -> Rebuilt:
    """Move the replica at ``path`` aside and make a fresh one from what can be read.

    Raises :class:`StoreError` when the file cannot be moved or the new one
    cannot be written; the damaged file is then left where it was or beside it.
    """
    aside = path.with_name(f"{path.name}.damaged-{datetime.now(UTC):%Y%m%dT%H%M%S}")
    try:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    except OSError as exc:
        raise StoreError(
            f"The damaged local archive copy “{path}” could not be moved aside: {exc.strerror}."
        ) from exc
    kept = unreadable = 0
    with Replica(path) as fresh:
        for collection, plain in _readable(aside):
            if collection is None:
                unreadable += 1
                continue
            fresh.replace_collection(collection)
            if plain is not None:
                fresh.store_decrypted(collection.id, plain)
            kept += 1
    return Rebuilt(kept, unreadable, aside)


def _readable(path: Path) -> Iterator[tuple[Collection | None, tuple[Message | Note, ...] | None]]:
    """Each collection of the damaged file with its decrypted text, or (None, None)."""
    try:
        old = Replica(path)
    except StoreError:
        return
    with old:
        try:
            ids = sorted(old.collection_ids(), key=lambda cid: (cid.start, cid.with_jid))
        except StoreError:
            return
        for cid in ids:
            try:
                found = old.collection(cid), old.decrypted(cid)
            except (StoreError, ValueError, TypeError, KeyError):  # rows a bad page garbled
                found = None, None
            yield found
