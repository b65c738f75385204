"""The plaintext inside an ``EncryptedData``: a joined sequence of to/from/note.

Both directions go through the protocol layer's collection codec, which owns
the element layout and the ``secs``/``utc`` rules (:mod:`archiveviewer.protocol.timing`).
The only thing added here is that the running clock continues from one
``EncryptedData`` to the next: each piece of content is read as a collection
whose start is where the clock stood after the previous piece.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime, timedelta
from xml.sax.saxutils import quoteattr

from archiveviewer.domain import Collection, CollectionId, Dialect, Message, Note, SaveMode
from archiveviewer.errors import CryptoError, MalformedInput
from archiveviewer.protocol.codec import collection_element, collection_from_element
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.safexml import SafeTreeBuilder
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.protocol.xmlutil import element_text, int_attr

#: The largest decrypted content we agree to parse.
MAX_CONTENT_BYTES = 64 * 1024 * 1024
#: How many messages are read into elements before they become Messages.
_BATCH = 256
_FEED = 64 * 1024


def read_plaintext_items(
    plaintext: bytes | bytearray,
    collection: CollectionId,
    clock: datetime,
    dialect: Dialect,
    what: str,
) -> tuple[list[Message | Note], datetime]:
    """Turn decrypted content into Messages and Notes, and move the clock on.

    ``clock`` is the collection start plus the ``secs`` of every message
    before this content; the clock after it is returned with the items. The
    content is read as if wrapped in the dialect's collection element, so
    fragments that rely on the enclosing ``<store/>`` for their namespace
    parse as well. It streams through the parser and becomes Messages a few
    hundred at a time, so the elements of a large payload never exist all at
    once. ``what`` names the content in the error sentence.
    """
    if len(plaintext) > MAX_CONTENT_BYTES:
        raise CryptoError(
            f"{what} is larger than the {MAX_CONTENT_BYTES:,} bytes this program reads."
        )
    reader = _ContentReader(collection, clock, dialect)
    try:
        builder = SafeTreeBuilder(max_bytes=MAX_CONTENT_BYTES + 4096, on_end=reader.ended)
        reader.builder = builder
        builder.feed(reader.head())
        with memoryview(plaintext) as view:
            for at in range(_content_offset(plaintext), len(view), _FEED):
                builder.feed(bytes(view[at : at + _FEED]))
        builder.feed(reader.tail())
        builder.close()
        reader.flush()
    except (MalformedInput, OverflowError) as exc:
        reason = exc.user_message if isinstance(exc, MalformedInput) else "a time is out of range"
        raise CryptoError(f"{what} is not a readable sequence of messages: {reason}") from None
    return reader.items, reader.clock


class _ContentReader:
    """Collects the top-level elements of decrypted content and decodes them in batches."""

    def __init__(self, collection: CollectionId, clock: datetime, dialect: Dialect) -> None:
        self.collection = collection
        self.clock = clock
        self.dialect = dialect
        self.names = names_of(dialect)
        self.items: list[Message | Note] = []
        self.builder: SafeTreeBuilder | None = None
        self._batch: list[ET.Element] = []
        self._message_tags = (self.names.tag("to"), self.names.tag("from"))

    def head(self) -> bytes:
        names = self.names
        return (
            f"<{names.collection} xmlns={quoteattr(names.ns)} "
            f"with={quoteattr(self.collection.with_jid)} "
            f"start={quoteattr(format_datetime(self.clock))}>"
        ).encode()

    def tail(self) -> bytes:
        return f"</{self.names.collection}>".encode()

    def ended(self, element: ET.Element, depth: int) -> None:
        if depth != 2 or self.builder is None or self.builder.root is None:
            return
        del self.builder.root[-1]  # the element just closed is the root's last child
        self._batch.append(element)
        if len(self._batch) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._batch:
            return
        wrapper = ET.Element(
            self.names.tag(self.names.collection),
            {"with": self.collection.with_jid, "start": format_datetime(self.clock)},
        )
        wrapper.extend(self._batch)
        self._batch.clear()
        decoded = collection_from_element(wrapper, self.dialect)
        moved = sum(
            int_attr(child, "secs") or 0 for child in wrapper if child.tag in self._message_tags
        )
        self.clock += timedelta(seconds=moved)
        self.items.extend(i for i in decoded.items if isinstance(i, Message | Note))


def _content_offset(plaintext: bytes | bytearray) -> int:
    # Some encryptors serialise a whole document: skip a BOM and an XML
    # declaration, which may not appear inside our wrapper element.
    # White space before the first element is skipped with them: it means nothing.
    at = 3 if plaintext.startswith(b"\xef\xbb\xbf") else 0
    while at < len(plaintext) and plaintext[at] in b" \t\r\n":
        at += 1
    if plaintext.startswith(b"<?xml", at):
        end = plaintext.find(b"?>", at)
        if end >= 0:
            return end + 2
    return at


def write_plaintext_items(
    items: Iterable[Message | Note],
    collection: CollectionId,
    dialect: Dialect,
    *,
    secs_before: int = 0,
    save: SaveMode = SaveMode.BODY,
) -> bytes:
    """Serialise Messages and Notes as the joined to/from/note sequence.

    The elements carry no namespace declaration of their own: in an
    ``EncryptedData`` of type Content they take the namespace of the
    enclosing collection element. ``secs_before`` is the sum of ``secs`` of
    the messages already in the collection; ``save`` is passed to the codec
    (body only, unless it asks for whole messages).
    """
    names = names_of(dialect)
    shifted = CollectionId(collection.start + timedelta(seconds=secs_before), collection.with_jid)
    element = collection_element(Collection(shifted, items=tuple(items)), dialect, save=save)
    return "".join(element_text(child, outer_ns=names.ns) for child in element).encode("utf-8")
