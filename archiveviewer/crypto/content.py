"""The plaintext inside an ``EncryptedData``: a joined sequence of to/from/note.

INTERIM: this module is the crypto layer's own minimal codec for those
elements, kept until the protocol layer's codec (branch ``protocol``) lands.
Then :func:`read_plaintext_items` and :func:`write_plaintext_items` are to be
replaced by calls to that codec, which owns the ``secs``/``utc`` rules; nothing
else in ``crypto/`` knows the element layout.

Time rule (specs/README.md): a message's time is the collection start plus the
running sum of ``secs``; a ``utc`` attribute overrides it for that message only.
The running sum continues from one ``EncryptedData`` to the next.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime, timedelta
from xml.sax.saxutils import escape, quoteattr

from archiveviewer.crypto._xml import local_name, namespace, parse_untrusted
from archiveviewer.domain import Direction, Message, Note
from archiveviewer.errors import CryptoError, MalformedInput
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime

SEED_NS = "http://jabber.org/protocol/archive"
URN_NS = "urn:xmpp:archive"
_ARCHIVE_NAMESPACES = frozenset({SEED_NS, URN_NS, ""})


def read_plaintext_items(
    plaintext: bytes, start: datetime, secs_before: int, what: str
) -> tuple[list[Message | Note], int]:
    """Turn decrypted content into Messages and Notes.

    ``secs_before`` is the sum of ``secs`` of the messages before this
    content; the new sum is returned with the items. The content is wrapped
    in a root element in the seed's archive namespace, so fragments that
    rely on the enclosing ``<store/>`` for their namespace parse as well.
    """
    wrapped = b"<decrypted xmlns='" + SEED_NS.encode() + b"'>" + _body(plaintext) + b"</decrypted>"
    root = parse_untrusted(wrapped, what)
    items: list[Message | Note] = []
    total = secs_before
    try:
        for element in root:
            if namespace(element.tag) not in _ARCHIVE_NAMESPACES:
                continue  # an element we do not know: liberal in what we accept
            name = local_name(element.tag)
            if name == "note":
                items.append(_note(element))
            elif name in ("to", "from"):
                message, total = _message(element, start, total)
                items.append(message)
    except (MalformedInput, ValueError, OverflowError) as exc:
        text = exc.user_message if isinstance(exc, MalformedInput) else str(exc)
        raise CryptoError(f"{what} holds a malformed message: {text}") from None
    return items, total


def _body(plaintext: bytes) -> bytes:
    # Some encryptors serialise a whole document: drop a BOM and an XML
    # declaration, which may not appear inside our wrapper element.
    text = plaintext.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<?xml"):
        end = text.find(b"?>")
        return text[end + 2 :] if end >= 0 else text
    return plaintext


def _note(element: ET.Element) -> Note:
    utc = element.get("utc")
    return Note(text=element.text or "", time=parse_datetime(utc) if utc else None)


def _message(element: ET.Element, start: datetime, total: int) -> tuple[Message, int]:
    utc = element.get("utc")
    if utc:
        time = parse_datetime(utc)
    else:
        total += int(element.get("secs") or 0)
        time = start + timedelta(seconds=total)
    body: str | None = None
    payload: list[str] = []
    for child in element:
        if local_name(child.tag) == "body" and body is None:
            body = child.text or ""
        else:
            child.tail = None
            payload.append(ET.tostring(child, encoding="unicode"))
    direction = Direction.TO if local_name(element.tag) == "to" else Direction.FROM
    return Message(direction, time, body, nick=element.get("name"), payload=tuple(payload)), total


def write_plaintext_items(
    items: Iterable[Message | Note], start: datetime, secs_before: int = 0
) -> bytes:
    """Serialise Messages and Notes as the joined to/from/note sequence.

    The elements carry no namespace declaration: in an ``EncryptedData`` of
    type Content they take the namespace of the enclosing ``<store/>``.
    ``secs`` are rounded so that their running sum tracks absolute time; a
    message that lies before that sum is written with ``utc`` instead.
    """
    parts: list[str] = []
    total = secs_before
    for item in items:
        if isinstance(item, Note):
            parts.append(_write_note(item))
            continue
        text, total = _write_message(item, start, total)
        parts.append(text)
    return "".join(parts).encode("utf-8")


def _write_note(note: Note) -> str:
    utc = "" if note.time is None else f" utc={quoteattr(format_datetime(note.time))}"
    return f"<note{utc}>{escape(note.text)}</note>"


def _write_message(message: Message, start: datetime, total: int) -> tuple[str, int]:
    elapsed = round((message.time - start).total_seconds())
    if elapsed >= total:
        when = f" secs='{elapsed - total}'"
        total = elapsed
    else:
        when = f" utc={quoteattr(format_datetime(message.time))}"
    nick = "" if message.nick is None else f" name={quoteattr(message.nick)}"
    body = "" if message.body is None else f"<body>{escape(message.body)}</body>"
    tag = message.direction.value
    return f"<{tag}{when}{nick}>{body}{''.join(message.payload)}</{tag}>", total
