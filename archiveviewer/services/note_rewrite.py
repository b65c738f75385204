"""Changing or deleting one note: the conversation is stored again, losing nothing that arrives.

XEP-0136 has no request that changes one item: a collection is only
appended to. So the server's copy is read, removed and stored again with the
note changed. A message archived into the conversation meanwhile (by another
client, or the server's auto-archiving) would go with the remove. The window
is narrowed on both sides:

* Just before removing, the conversation is read again; if it changed, the
  edit is made on the newer copy and it is read once more, so what arrived
  before the remove is in the copy stored again. A conversation that keeps
  changing is left alone, with a sentence.
* After storing, the server's copy is read back: whatever arrived after the
  remove was appended there and stays; an item of ours the server does not
  hold is appended again, after what it holds, with its own time. Items are
  compared by what they say, not by their times, which the wire carries in
  whole seconds.

Messages that carry more than a body (``payload``) are stored whole, so an
edit of a note strips nothing from the conversation.

What remains is one round trip, between the last read and the remove, that
XEP-0136 offers no way to guard (a remove is not conditional on a version).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from dataclasses import dataclass, replace
from typing import Protocol

from archiveviewer.domain import (
    Collection,
    CollectionId,
    EncryptedItem,
    Message,
    Note,
    SaveMode,
)
from archiveviewer.errors import KnownError
from archiveviewer.xmpp.xep_0136.pages import RemoveOutcome

#: Reads before removing: how often the conversation may change under an edit.
READS = 4


class NoteArchive(Protocol):
    """The part of the XEP-0136 plugin a rewrite uses."""

    async def retrieve(self, id: CollectionId) -> Collection:
        """The whole collection as the server holds it now."""
        ...

    async def remove(self, id: CollectionId) -> RemoveOutcome:
        """Remove the collection; which others the server took with it."""
        ...

    async def store(
        self, collection: Collection, *, save: SaveMode = SaveMode.BODY, from_item: int = 0
    ) -> None:
        """Create the collection (or append its items from ``from_item`` on to it)."""
        ...


class NoteChangedElsewhere(KnownError):
    """The note is no longer on the server as shown: ``current`` is what the server holds."""

    def __init__(self, current: Collection) -> None:
        super().__init__(
            "This note was changed or removed elsewhere: the conversation now shows it "
            "as the server keeps it."
        )
        self.current = current


@dataclass(frozen=True)
class Rewritten:
    """The server's copy after the rewrite, and the others it removed unasked."""

    collection: Collection
    extra: tuple[CollectionId, ...]


async def rewrite_note(
    archive: NoteArchive, collection_id: CollectionId, old: Note, new: Note | None
) -> Rewritten:
    """Store the conversation again with ``old`` changed to ``new`` (None: gone).

    Raises :class:`NoteChangedElsewhere` when the note is not there any more,
    and a :class:`KnownError` when the conversation is encrypted or keeps
    changing; if storing fails, the server's copy as it was is stored again.
    """
    current = await archive.retrieve(collection_id)
    for _ in range(READS):
        items = _edited(current, old, new)
        latest = await archive.retrieve(collection_id)  # just before the remove
        if latest.items == current.items and latest.subject == current.subject:
            break
        current = latest  # something arrived: the edit is made on the newer copy
    else:
        raise KnownError(
            "The conversation kept changing on the server while the note was being changed, "
            "so it was left as it is. Try again in a moment."
        )
    wanted = replace(current, items=items, version=None)
    save = _save_mode(wanted)
    outcome = await archive.remove(collection_id)
    try:
        await archive.store(wanted, save=save)
    except BaseException:  # failed, cancelled (the window closing): put the old copy back
        await asyncio.shield(_store_again(archive, current))
        raise
    after = await archive.retrieve(collection_id)
    missing = _missing(wanted.items, after.items)
    if missing:
        # Appended after what the server holds, with their own times (secs count from the
        # item before, so the whole collection as the server will have it is what is sent).
        whole = replace(wanted, subject=None, items=(*after.items, *missing))
        await archive.store(whole, save=save, from_item=len(after.items))
        after = await archive.retrieve(collection_id)
    return Rewritten(after, tuple(outcome.extra))


def _save_mode(collection: Collection) -> SaveMode:
    """Whole messages when any carries more than its body, else bodies (what is stored)."""
    whole = any(isinstance(i, Message) and i.payload for i in collection.items)
    return SaveMode.MESSAGE if whole else SaveMode.BODY


def _edited(current: Collection, old: Note, new: Note | None) -> tuple[Message | Note, ...]:
    if current.encrypted:
        raise KnownError(
            "The notes of an encrypted conversation are encrypted with it on the server, "
            "so they cannot be changed here."
        )
    items = list(current.items)
    at = next((n for n, i in enumerate(items) if i == old), None)
    if at is None:
        raise NoteChangedElsewhere(current)
    items[at : at + 1] = [] if new is None else [new]
    return tuple(i for i in items if not isinstance(i, EncryptedItem))


def _missing(
    wanted: tuple[Message | Note | EncryptedItem, ...],
    held: tuple[Message | Note | EncryptedItem, ...],
) -> tuple[Message | Note | EncryptedItem, ...]:
    """The items of ``wanted`` the server does not hold (as many times as they are missing).

    Compared by what they say (``_said``): a time comes back in whole seconds.
    """
    short = Counter(map(_said, wanted)) - Counter(map(_said, held))
    found: list[Message | Note | EncryptedItem] = []
    for item in wanted:
        if short[_said(item)]:
            short[_said(item)] -= 1
            found.append(item)
    return tuple(found)


def _said(item: Message | Note | EncryptedItem) -> object:
    """An item without its time: what survives the round trip through the server exactly."""
    if isinstance(item, Message):
        return ("message", item.direction, item.body, item.nick, item.payload)
    if isinstance(item, Note):
        return ("note", item.text)
    return item


async def _store_again(archive: NoteArchive, current: Collection) -> None:
    """Put the collection back on the server as it was before a rewrite failed."""
    with contextlib.suppress(KnownError):
        await archive.remove(current.id)  # whatever part of the new copy went in
    await archive.store(replace(current, version=None))
