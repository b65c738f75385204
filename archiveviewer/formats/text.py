"""Conversations as plain text: the window's copy and export, ``show``, and archive exports.

One renderer, two layouts (:class:`TextStyle`). The window's reads in the
user's local time with the contact's roster name; the command line's is
compact, in UTC, with the times ``search`` prints, so that its output can be
fed back to ``show``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from archiveviewer.domain import Collection, Item, Message, Note, bare_jid, speaker, with_whom

#: The line of an item that is still encrypted (the window's layout).
ENCRYPTED_TEXT = "Encrypted message: choose Decrypt to read it."


@dataclass(frozen=True)
class TextStyle:
    """How a conversation reads as text.

    ``time`` writes a moment; ``contact`` names the other side (the roster
    name, or the JID). ``compact`` is the command line's layout: the start on
    the heading line, one space after each time, notes without their time, and
    one line at the end counting the items still encrypted. Otherwise it is
    the window's: a "Started" line, a blank line before the items, and a line
    for each item still encrypted.
    """

    time: Callable[[datetime], str]
    contact: str
    compact: bool = False


def conversation_text(
    collection: Collection, style: TextStyle, decrypted: Sequence[Item] | None = None
) -> str:
    """The whole conversation as text (``decrypted``: its items once decrypted), newline-ended."""
    whom = with_whom(style.contact, collection.with_jid)
    started = style.time(collection.start)
    if style.compact:
        lines = [f"Conversation with {whom}, {started}"]
    else:
        lines = [f"Conversation with {whom}", f"Started {started}"]
    if collection.subject:
        lines.append(f"Subject: {collection.subject}")
    if not style.compact:
        lines.append("")
    gap = " " if style.compact else "  "
    for item in collection.items if decrypted is None else decrypted:
        if isinstance(item, Message):
            said = f"{speaker(item, style.contact)}: {item.body or ''}"
            lines.append(f"{style.time(item.time)}{gap}{said}")
        elif isinstance(item, Note) and style.compact:
            lines.append(f"note: {item.text}")
        elif isinstance(item, Note):
            stamp = f"{style.time(item.time)}{gap}" if item.time else ""
            lines.append(f"{stamp}Note: {item.text}")
        elif not style.compact:
            lines.append(ENCRYPTED_TEXT)
    if style.compact and collection.encrypted and decrypted is None:
        lines.append(f"({len(collection.encrypted)} encrypted items, not decrypted yet)")
    return "\n".join(lines) + "\n"


def export_text(collection: Collection, contact: str, time: Callable[[datetime], str]) -> str:
    """The window's layout (its ``ConversationText`` port): times written by ``time``."""
    return conversation_text(collection, TextStyle(time, contact))


def export_time(moment: datetime) -> str:
    """An export's time: the date and the second, in UTC, with the zone said (``… UTC``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def archive_as_text(collections: Iterable[Collection], names: Mapping[str, str]) -> Iterator[str]:
    """Many conversations as one text file, piece by piece (each piece newline-ended).

    ``names`` maps a bare JID to its roster name; a contact without one is
    named by the JID. Conversations are separated by one blank line.
    """
    for n, collection in enumerate(collections):
        contact = names.get(bare_jid(collection.with_jid), collection.with_jid)
        yield ("\n" if n else "") + conversation_text(collection, TextStyle(export_time, contact))
