"""A conversation as rich text for the reader: one paragraph per shown item.

Everything from the archive is untrusted text: it is escaped here before it
becomes HTML, and only links this module makes itself are clickable.

The reader shows an item as exactly one paragraph (a body's line breaks are
line separators inside it), and a day separator as one paragraph of its own,
so :class:`Rendering` can say which paragraph (text block) holds which item.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from PySide6.QtCore import QCoreApplication

from archiveviewer.domain import (
    Collection,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Item,
    Message,
    Note,
)
from archiveviewer.ui.timefmt import format_day, local, zone_label

#: The link scheme of the reader's own actions (Decrypt in place); never opened by the desktop.
ACTION_SCHEME = "archiveviewer"
DECRYPT_LINK = f"{ACTION_SCHEME}:decrypt"
#: Links after a note: ``archiveviewer:note-edit/3`` changes the note that is item 3.
EDIT_NOTE, DELETE_NOTE = "note-edit", "note-delete"

#: Name colours: medium tones that read on light and dark backgrounds alike.
SENT_COLOUR = "#3f7fbf"
RECEIVED_COLOUR = "#b5533c"
NICK_COLOURS = ("#b5533c", "#4f9a3a", "#8a5cc2", "#c08a1e", "#2f9c9c", "#c24f8a", "#6b7f2a")
MUTED = "#888888"

# Web and XMPP addresses in a body; a trailing full stop or bracket is left out of the link.
_URL = re.compile(r"\b(?:https?://|xmpp:|mailto:|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def linkify(text: str) -> str:
    """``text`` escaped for HTML, its web addresses as links and line breaks kept."""
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        url = match.group(0)
        target = "https://" + url if url.startswith("www.") else url
        out.append(f'<a href="{html.escape(target)}">{html.escape(url)}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


def shown_items(collection: Collection) -> list[int]:
    """The ordinals of the items the reader shows.

    An encrypted payload is one ``EncryptedData`` with the ``EncryptedKey``
    elements that carry its key: the user sees one placeholder for it, not one
    per element. Keys with no data beside them still show one placeholder.
    """
    items = collection.items
    has_data = any(isinstance(i, EncryptedItem) and i.kind is EncryptedKind.DATA for i in items)
    return [
        n
        for n, item in enumerate(items)
        if not (isinstance(item, EncryptedItem) and item.kind is EncryptedKind.KEY and has_data)
    ]


def has_encrypted_payload(collection: Collection | None) -> bool:
    """True while the shown conversation still holds something to decrypt."""
    return collection is not None and any(isinstance(i, EncryptedItem) for i in collection.items)


class Rendering:
    """A conversation's paragraphs, made as the reader asks for them.

    ``block_of[ordinal]`` is the paragraph number of an item taken so far.
    """

    def __init__(self, paragraphs: Iterable[tuple[int | None, str]] = ()) -> None:
        self._paragraphs = iter(paragraphs)
        self._blocks = 0
        self.block_of: dict[int, int] = {}
        self.done = False

    def take(self, count: int) -> str:
        """The HTML of the next ``count`` paragraphs (fewer at the end)."""
        parts: list[str] = []
        for ordinal, paragraph in self._paragraphs:
            if ordinal is not None:
                self.block_of[ordinal] = self._blocks
            self._blocks += 1
            parts.append(paragraph)
            if len(parts) >= count:
                return "".join(parts)
        self.done = True
        return "".join(parts)


@dataclass(frozen=True)
class Names:
    """How the reader names the two sides: the user and the conversation's contact."""

    own: str
    contact: str


class ConversationRenderer:
    """Turns a collection into paragraphs in the zone ``tz`` (None: the system's)."""

    def __init__(self, tz: tzinfo | None) -> None:
        self.tz = tz

    def render(self, collection: Collection, names: Names) -> Rendering:
        """The conversation, made a paragraph at a time as the view asks."""
        return Rendering(self._paragraphs(collection, names))

    def _paragraphs(self, collection: Collection, names: Names) -> Iterator[tuple[int | None, str]]:
        day: date | None = None
        # Nicks get colours in the order they first speak, so the first seven never share one.
        colours: dict[str, str] = {}
        for ordinal in shown_items(collection):
            item = collection.items[ordinal]
            moment = _time_of(item)
            shown = local(moment, self.tz) if moment is not None else None
            if shown is not None and moment is not None and shown.date() != day:
                day = shown.date()
                yield None, self._day_separator(moment)
            if isinstance(item, Message) and item.nick and item.nick not in colours:
                colours[item.nick] = NICK_COLOURS[len(colours) % len(NICK_COLOURS)]
            paragraph = self._paragraph(item, names, moment, shown, colours)
            if isinstance(item, Note):
                paragraph = paragraph.replace("</i></p>", f"</i>{_note_links(ordinal)}</p>")
            yield ordinal, paragraph

    def _day_separator(self, moment: datetime) -> str:
        shown = local(moment, self.tz)
        text = f"{format_day(shown.date())} · {zone_label(moment, self.tz)}"
        return f'<p align="center" style="color:{MUTED}; margin-top:8px">{html.escape(text)}</p>'

    def _paragraph(
        self,
        item: Item,
        names: Names,
        moment: datetime | None,
        shown: datetime | None,
        colours: dict[str, str],
    ) -> str:
        stamp = _stamp(moment, shown)
        if isinstance(item, Message):
            return _message(item, names, stamp, colours)
        if isinstance(item, Note):
            label = html.escape(QCoreApplication.translate("Reader", "Note"))
            return (
                f'<p style="margin-left:72px; text-indent:-72px">{stamp}&nbsp; '
                f'<i><span style="color:{MUTED}">✎ {label}:</span> {linkify(item.text)}</i></p>'
            )
        text = html.escape(QCoreApplication.translate("Reader", "Encrypted message"))
        action = html.escape(QCoreApplication.translate("Reader", "Decrypt…"))
        return (
            f'<p style="margin-left:72px; text-indent:-72px">{stamp}&nbsp; '
            f'<b><i>{text}</i></b> — <a href="{DECRYPT_LINK}">{action}</a></p>'
        )


def _note_links(ordinal: int) -> str:
    edit = html.escape(QCoreApplication.translate("Reader", "edit"))
    delete = html.escape(QCoreApplication.translate("Reader", "delete"))
    return (
        f' <small>— <a href="{ACTION_SCHEME}:{EDIT_NOTE}/{ordinal}">{edit}</a> · '
        f'<a href="{ACTION_SCHEME}:{DELETE_NOTE}/{ordinal}">{delete}</a></small>'
    )


def _clock(t: datetime) -> str:
    # Not strftime: it imports a module on every call, which costs a 10,000-message open dearly.
    return f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}"


def _stamp(moment: datetime | None, shown: datetime | None) -> str:
    if moment is None or shown is None:
        return f'<span style="color:{MUTED}">--:--:--</span>'
    u = moment.astimezone(UTC)
    exact = f"{u.year:04d}-{u.month:02d}-{u.day:02d} {_clock(u)} UTC"
    return f'<span style="color:{MUTED}" title="{exact}">{_clock(shown)}</span>'


def _message(message: Message, names: Names, stamp: str, colours: dict[str, str]) -> str:
    if message.direction is Direction.TO:
        who, colour = names.own, SENT_COLOUR
    elif message.nick:
        who, colour = message.nick, colours[message.nick]
    else:
        who, colour = names.contact, RECEIVED_COLOUR
    weight = "font-weight:bold; " if message.direction is Direction.TO else ""
    body = linkify(message.body or "")
    return (
        f'<p style="margin-left:72px; text-indent:-72px">{stamp}&nbsp; '
        f'<span style="{weight}color:{colour}">{html.escape(who)}</span>: {body}</p>'
    )


def _time_of(item: Item) -> datetime | None:
    if isinstance(item, Message | Note):
        return item.time
    return None
