"""The plaintext inside an ``EncryptedData``: a joined sequence of to/from/note.

Both directions go through the protocol layer's collection codec, which owns
the element layout and the ``secs``/``utc`` rules (:mod:`archiveviewer.protocol.timing`).
The only thing added here is that the running clock continues from one
``EncryptedData`` to the next: each piece of content is read as a collection
whose start is where the clock stood after the previous piece.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from xml.sax.saxutils import quoteattr

from archiveviewer.domain import Collection, CollectionId, Dialect, Message, Note, SaveMode
from archiveviewer.errors import CryptoError, MalformedInput
from archiveviewer.protocol.codec import collection_element, collection_from_element
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.safexml import parse_xml
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.protocol.xmlutil import element_text, int_attr

#: The largest decrypted content we agree to parse.
MAX_CONTENT_BYTES = 64 * 1024 * 1024


def read_plaintext_items(
    plaintext: bytes, collection: CollectionId, clock: datetime, dialect: Dialect, what: str
) -> tuple[list[Message | Note], datetime]:
    """Turn decrypted content into Messages and Notes, and move the clock on.

    ``clock`` is the collection start plus the ``secs`` of every message
    before this content; the clock after it is returned with the items. The
    content is wrapped in the dialect's collection element, so fragments that
    rely on the enclosing ``<store/>`` for their namespace parse as well.
    ``what`` names the content in the error sentence.
    """
    names = names_of(dialect)
    head = (
        f"<{names.collection} xmlns={quoteattr(names.ns)} "
        f"with={quoteattr(collection.with_jid)} start={quoteattr(format_datetime(clock))}>"
    )
    wrapped = head.encode() + _without_prolog(plaintext) + f"</{names.collection}>".encode()
    try:
        root = parse_xml(wrapped, max_bytes=MAX_CONTENT_BYTES)
        decoded = collection_from_element(root, dialect)
        message_tags = (names.tag("to"), names.tag("from"))
        moved = sum(int_attr(child, "secs") or 0 for child in root if child.tag in message_tags)
        clock += timedelta(seconds=moved)
    except (MalformedInput, OverflowError) as exc:
        reason = exc.user_message if isinstance(exc, MalformedInput) else "a time is out of range"
        raise CryptoError(f"{what} is not a readable sequence of messages: {reason}") from None
    return [i for i in decoded.items if isinstance(i, Message | Note)], clock


def _without_prolog(plaintext: bytes) -> bytes:
    # Some encryptors serialise a whole document: drop a BOM and an XML
    # declaration, which may not appear inside our wrapper element.
    text = plaintext.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<?xml"):
        end = text.find(b"?>")
        return text[end + 2 :] if end >= 0 else text
    return plaintext


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
