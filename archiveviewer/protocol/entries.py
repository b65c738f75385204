"""Entries of ``<list/>`` and ``<modified/>`` results, read one at a time.

A result names many collections; one the server wrote wrongly must not hide
all the others. Each entry is read on its own. Its key (``with`` and
``start``) must be readable: an entry whose key is not becomes an
:class:`~archiveviewer.domain.UnreadEntry` (the server's own words, so that
it can be asked for again) with a sentence naming the conversation and the
field. A hint that cannot be read (``version``, ``subject``, ``crypt`` of a
list header) is dropped instead: hints only spare a retrieve, and the
collection itself, once retrieved, is read strictly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from archiveviewer.domain import Change, ChangeKind, Collection, CollectionId, Dialect, UnreadEntry
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.codec import collection_from_element
from archiveviewer.protocol.names import local_name, names_of
from archiveviewer.protocol.xep0082 import parse_datetime
from archiveviewer.protocol.xmlutil import int_attr

T = TypeVar("T")

#: How much of a server's value a sentence quotes.
_QUOTED = 64


@dataclass(frozen=True)
class EntriesRead(Generic[T]):
    """What one result holds: the entries read, and those that could not be, with why."""

    read: list[T] = field(default_factory=list)
    unreadable: dict[UnreadEntry, str] = field(default_factory=dict)


def read_changes(element: ET.Element, dialect: Dialect) -> EntriesRead[Change]:
    """The ``<changed/>`` and ``<removed/>`` entries of a ``<modified/>`` result, in order."""
    names = names_of(dialect)
    kinds = {names.tag(kind.value): kind for kind in ChangeKind}
    found: EntriesRead[Change] = EntriesRead()
    for child in element:
        kind = kinds.get(child.tag)
        if kind is None:
            continue
        key = _key(child, None, "The server's list of changes")
        if isinstance(key, CollectionId):
            found.read.append(Change(kind=kind, id=key, version=_hint(child, "version")))
        else:
            found.unreadable[key[0]] = key[1]
    return found


def read_headers(element: ET.Element, dialect: Dialect) -> EntriesRead[Collection]:
    """The collection headers of a ``<list/>`` result, in order."""
    names = names_of(dialect)
    tag = names.tag(names.collection)
    default_with = element.get("with")
    found: EntriesRead[Collection] = EntriesRead()
    for child in element:
        if child.tag != tag:
            continue
        key = _key(child, default_with, "The server's list of conversations")
        if not isinstance(key, CollectionId):
            found.unreadable[key[0]] = key[1]
            continue
        try:
            found.read.append(collection_from_element(child, dialect, default_with=default_with))
        except MalformedInput:
            found.read.append(Collection(id=key))  # its hints are wrong, its key is not
    return found


def _key(
    entry: ET.Element, default_with: str | None, where: str
) -> CollectionId | tuple[UnreadEntry, str]:
    """The entry's collection key, or what it says instead and why that cannot be read."""
    tag = local_name(entry.tag)
    with_jid = entry.get("with") or default_with or ""
    start = entry.get("start") or ""
    if not with_jid:
        return UnreadEntry(with_jid, start), (
            f"{where} holds a <{tag}/> entry (start “{start[:_QUOTED]}”) that does not say "
            "whom it is with."
        )
    if not start:
        return UnreadEntry(with_jid, start), (
            f"{where} names a conversation with {with_jid[:_QUOTED]} without its “start”."
        )
    try:
        return CollectionId(start=parse_datetime(start), with_jid=with_jid)
    except MalformedInput as exc:
        return UnreadEntry(with_jid, start), (
            f"{where} names a conversation with {with_jid[:_QUOTED]} whose “start” cannot be "
            f"read: {exc.user_message}"
        )


def _hint(entry: ET.Element, name: str) -> int | None:
    """A whole-number hint, None when absent or unreadable (the collection is read anyway)."""
    try:
        value = int_attr(entry, name)
    except MalformedInput:
        return None
    return value if value is None or value >= 0 else None
