"""The seed's archive file format (XEP-0136 v0.9, section "File Format").

A file is one ``<archive xmlns='http://jabber.org/protocol/archive'>``
holding ``<store start='…' subject='…'>`` elements, the same XML as the
protocol, read and written through the same codec
(:mod:`archiveviewer.protocol.codec`).

Several contacts in one file
    The seed says a file "may contain messages exchanged with a single JID"
    and puts ``with`` on ``<archive>``; but its schema makes ``with``
    optional on ``<archive>`` and required on ``<store>``. So we read and
    write both shapes without inventing any element:

    - one contact: ``<archive with='juliet@capulet.com'>`` and stores without
      ``with`` (the seed's example);
    - several contacts: ``<archive>`` without ``with``, each ``<store>``
      carrying its own ``with``.

    A ``with`` on a ``<store>`` wins over the one on ``<archive>``.

What a file cannot hold
    The seed's ``<store>`` has no ``thread`` or ``version`` (they are lost on
    writing), and the file does not name the archive's owner.

Reading streams: each ``<store>`` is turned into a Collection as soon as its
end tag is read and then dropped, and so is every other element beside it,
so memory and time follow the largest collection, not the file. The parser
applies the untrusted-XML policy (no DTD, no entities, bounded sizes: see
:mod:`archiveviewer.protocol.xmlpolicy`); any problem, and two ``<store>``
for the same contact and start (which one replica entry cannot hold), is a
:class:`~archiveviewer.errors.MalformedInput` naming the file.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from archiveviewer.domain import Collection, CollectionId, Dialect, SaveMode
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.formats.files import write_private
from archiveviewer.protocol.codec import collection_element, collection_from_element
from archiveviewer.protocol.safexml import parse_stream
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.protocol.xmlpolicy import FILE_LIMITS
from archiveviewer.protocol.xmlutil import element_text

NS = Dialect.SEED.value
ARCHIVE = f"{{{NS}}}archive"
STORE = f"{{{NS}}}store"

#: Largest archive file read, in bytes.
MAX_FILE_BYTES = FILE_LIMITS.total_bytes


def read_archive(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES
) -> list[Collection]:
    """Read every collection of an archive file, in file order.

    Raises :class:`MalformedInput` (the file's fault) or :class:`KnownError`
    (it cannot be opened), each with a sentence naming the file.
    """
    path = Path(path)
    collections: list[Collection] = []
    seen: set[CollectionId] = set()
    root_with: list[str | None] = []

    def on_end(element: ET.Element, depth: int) -> None:
        if depth != 2 or element.tag != STORE:
            return  # anything beside a <store> is dropped with its subtree (detach_depth)
        collection = collection_from_element(element, Dialect.SEED, default_with=root_with[0])
        if collection.id in seen:
            raise MalformedInput(_duplicate(collection.id))
        seen.add(collection.id)
        collections.append(collection)

    def on_start(root: ET.Element) -> None:
        if root.tag != ARCHIVE:
            raise MalformedInput(_not_an_archive(root.tag))
        root_with.append(root.get("with"))

    try:
        with path.open("rb") as stream:
            parse_stream(
                stream,
                limits=FILE_LIMITS,
                max_bytes=max_bytes,
                on_end=on_end,
                on_root=on_start,
                detach_depth=2,
            )
    except MalformedInput as exc:
        raise MalformedInput(
            f"“{path.name}” is not a readable archive file. {exc.user_message}"
        ) from None
    except OSError as exc:
        raise KnownError(f"“{path}” could not be opened: {exc.strerror or exc}.") from None
    return collections


def _duplicate(collection_id: CollectionId) -> str:
    return (
        f"It holds two conversations with {collection_id.with_jid} that start at "
        f"{format_datetime(collection_id.start)}; one local copy cannot keep both, "
        "so none was read."
    )


def _not_an_archive(tag: str) -> str:
    local = tag.rsplit("}", 1)[-1]
    return f"Its outermost element is <{local}/>, not an XEP-0136 <archive/>."


def archive_text(collections: Iterable[Collection]) -> str:
    """The whole file as text: one ``<store/>`` per collection, one item per line.

    Messages keep their payload, without the elements the seed forbids.
    """
    stores = [_store(c) for c in collections]
    withs = {store.get("with") for store in stores}
    shared = withs.pop() if len(withs) == 1 else None
    head = f"<archive xmlns='{NS}'" + (f" with={_quote(shared)}" if shared else "") + ">"
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", head]
    for store in stores:
        if shared is not None:
            del store.attrib["with"]
        lines.append(element_text(store, outer_ns=NS))
    lines.append("</archive>")
    return "\n".join(lines) + "\n"


def archive_text_pieces(collections: Iterable[Collection]) -> Iterator[str]:
    """The file piece by piece for an export of any size: each ``<store/>`` carries its ``with``."""
    yield f"<?xml version='1.0' encoding='UTF-8'?>\n<archive xmlns='{NS}'>\n"
    for collection in collections:
        yield element_text(_store(collection), outer_ns=NS) + "\n"
    yield "</archive>\n"


def write_archive(collections: Iterable[Collection], path: str | os.PathLike[str]) -> None:
    """Write collections to an archive file, replacing it atomically (mode 0600)."""
    write_private(Path(path), [archive_text(collections)])


def _store(collection: Collection) -> ET.Element:
    store = collection_element(collection, Dialect.SEED, save=SaveMode.ALL)
    if len(store):
        store.text = "\n"
        for child in store:
            child.tail = "\n"
    return store


def _quote(value: str) -> str:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;")
    return f"'{escaped}'"
