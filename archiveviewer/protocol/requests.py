"""Archive management requests and their results, for both dialects.

Builders return the element that goes inside the ``<iq/>`` (append it with
``iq.append(element)`` in slixmpp). Results are read from plain elements:
collections with :func:`archiveviewer.protocol.codec.collections_in`,
replication with :func:`changes_from_element`, paging with
:func:`page_from_element`.

The two dialects differ in replication only: the seed asks for changes after
a time given as the RSM ``<after/>``; ``urn:xmpp:archive`` puts that time in
``<modified start='…'/>`` and uses ``<after/>`` for the server's opaque
cursor. :func:`modified_element` takes both and writes what the dialect wants.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from archiveviewer.domain import Change, CollectionId, Dialect, UnreadEntry
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.entries import read_changes
from archiveviewer.protocol.names import RSM_NS, XMLDSIG_NS, names_of
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.protocol.xmlutil import bool_attr, int_attr, set_attr, time_attr

# --- Result Set Management (XEP-0059) -----------------------------------------------


@dataclass(frozen=True)
class PageRequest:
    """What page to ask for: at most ``max`` items, ``after``/``before`` a cursor.

    ``before=""`` asks for the last page (an empty ``<before/>``).
    """

    max: int | None = None
    after: str | None = None
    before: str | None = None


@dataclass(frozen=True)
class PageResult:
    """The RSM ``<set/>`` of a result: cursors are opaque strings."""

    first: str | None = None
    first_index: int | None = None
    last: str | None = None
    count: int | None = None


def rsm_element(page: PageRequest) -> ET.Element:
    """``<set xmlns='http://jabber.org/protocol/rsm'><max/><after/><before/></set>``."""
    element = ET.Element(f"{{{RSM_NS}}}set")
    if page.max is not None:
        ET.SubElement(element, f"{{{RSM_NS}}}max").text = str(page.max)
    if page.after is not None:
        ET.SubElement(element, f"{{{RSM_NS}}}after").text = page.after
    if page.before is not None:
        ET.SubElement(element, f"{{{RSM_NS}}}before").text = page.before or None
    return element


def page_from_element(element: ET.Element) -> PageResult | None:
    """The RSM ``<set/>`` directly inside a result element, or None if it has none."""
    rsm = element.find(f"{{{RSM_NS}}}set")
    if rsm is None:
        return None
    first = rsm.find(f"{{{RSM_NS}}}first")
    count = rsm.findtext(f"{{{RSM_NS}}}count")
    return PageResult(
        first=first.text if first is not None else None,
        first_index=int_attr(first, "index") if first is not None else None,
        last=rsm.findtext(f"{{{RSM_NS}}}last"),
        count=_count(count),
    )


def _count(text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    try:
        return int(text)
    except ValueError:
        raise MalformedInput(f"The server's result count “{text[:32]}” is not a number.") from None


def _with_page(element: ET.Element, page: PageRequest | None) -> ET.Element:
    if page is not None:
        element.append(rsm_element(page))
    return element


def _key_names(element: ET.Element, key_names: Iterable[str]) -> None:
    for name in key_names:
        ET.SubElement(element, f"{{{XMLDSIG_NS}}}KeyName").text = name


# --- Listing, retrieving, removing ---------------------------------------------------


def list_element(
    dialect: Dialect,
    *,
    with_jid: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    page: PageRequest | None = None,
    exact_match: bool = False,
) -> ET.Element:
    """``<list with='…' start='…' end='…'><set/></list>``: ask for collection headers.

    ``exact_match`` (``urn:xmpp:archive`` only) asks for ``with`` to match that
    JID exactly instead of every resource or user of it.
    """
    names = names_of(dialect)
    element = ET.Element(names.tag("list"))
    set_attr(element, "with", with_jid)
    set_attr(element, "start", start)
    set_attr(element, "end", end)
    _exact_match(element, dialect, exact_match)
    return _with_page(element, page)


def _exact_match(element: ET.Element, dialect: Dialect, exact_match: bool) -> None:
    if not exact_match:
        return
    if dialect is not Dialect.URN:
        raise ValueError("exactmatch exists in urn:xmpp:archive only")
    set_attr(element, "exactmatch", True)


def retrieve_element(
    dialect: Dialect,
    collection: CollectionId | UnreadEntry,
    *,
    page: PageRequest | None = None,
    key_names: Iterable[str] = (),
) -> ET.Element:
    """``<retrieve with='…' start='…'><KeyName/>…<set/></retrieve>``: ask for a page of items.

    ``key_names`` limits the EncryptedKeys returned to those public keys. An
    :class:`UnreadEntry` is asked for in the server's own words.
    """
    names = names_of(dialect)
    element = ET.Element(names.tag("retrieve"))
    set_attr(element, "with", collection.with_jid)
    set_attr(element, "start", collection.start)
    _key_names(element, key_names)
    return _with_page(element, page)


def remove_element(
    dialect: Dialect,
    *,
    with_jid: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    open_only: bool = False,
    exact_match: bool = False,
) -> ET.Element:
    """``<remove/>``: one collection (``with`` + ``start``), a range, everything,
    or with ``open_only`` the collections the server is recording now.

    Every attribute is optional, as the text says (the schema is wrong).
    ``exact_match`` as in :func:`list_element` (urn only).
    """
    names = names_of(dialect)
    element = ET.Element(names.tag("remove"))
    set_attr(element, "with", with_jid)
    set_attr(element, "start", start)
    set_attr(element, "end", end)
    if open_only:
        set_attr(element, "open", True)
    _exact_match(element, dialect, exact_match)
    return element


# --- Replication -------------------------------------------------------------------


def modified_element(
    dialect: Dialect,
    since: datetime,
    *,
    page: PageRequest | None = None,
) -> ET.Element:
    """``<modified/>``: ask for the collections changed after ``since``.

    Seed: ``since`` goes into the RSM ``<after/>`` (unless ``page.after`` is
    given, then that cursor is used). urn: ``since`` is the ``start``
    attribute and ``page.after`` is the server's opaque cursor.
    """
    names = names_of(dialect)
    element = ET.Element(names.tag("modified"))
    page = page or PageRequest()
    if dialect is Dialect.URN:
        set_attr(element, "start", since)
        return _with_page(element, page)
    if page.after is None:
        page = PageRequest(max=page.max, after=format_datetime(since), before=page.before)
    return _with_page(element, page)


def changes_from_element(element: ET.Element, dialect: Dialect) -> list[Change]:
    """The ``<changed/>`` and ``<removed/>`` entries of a ``<modified/>`` result, in order.

    Strict: raises :class:`MalformedInput` naming the first entry whose key
    cannot be read. Replication reads the entries one by one instead, with
    :func:`archiveviewer.protocol.entries.read_changes`, so that one bad
    entry is skipped and named rather than stopping the rest.
    """
    found = read_changes(element, dialect)
    if found.unreadable:
        raise MalformedInput(next(iter(found.unreadable.values())))
    return found.read


# --- Keys (seed only) ----------------------------------------------------------------


def keys_element(key_names: Iterable[str], *, page: PageRequest | None = None) -> ET.Element:
    """``<keys><KeyName/>…<set/></keys>`` (seed): list EncryptedKeys made for these public keys.

    Read the result with ``collections_in(result, Dialect.SEED)``.
    """
    names = names_of(Dialect.SEED)
    element = ET.Element(names.tag("keys"))
    _key_names(element, key_names)
    return _with_page(element, page)


def delete_element(collection: CollectionId, key_names: Iterable[str]) -> ET.Element:
    """``<delete with='…' start='…'><KeyName/>…</delete>`` (seed): drop obsolete EncryptedKeys.

    Send it in an IQ-**set** (the seed's example says ``get``: a known defect).
    """
    names = names_of(Dialect.SEED)
    element = ET.Element(names.tag("delete"))
    set_attr(element, "with", collection.with_jid)
    set_attr(element, "start", collection.start)
    _key_names(element, key_names)
    return element


# --- Reading a request (what a server sees) -------------------------------------------


@dataclass(frozen=True)
class ArchiveRequest:
    """What a ``list``/``retrieve``/``remove``/``modified`` request asks, read back.

    ``kind`` is the element's local name; ``page`` is its RSM ``<set/>``
    (``index`` is not kept). Tests read what the client sent with it.
    """

    kind: str
    dialect: Dialect
    with_jid: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    open_only: bool = False
    exact_match: bool = False
    page: PageRequest | None = None


def request_from_element(element: ET.Element) -> ArchiveRequest:
    """Read a request built by :func:`list_element`, :func:`remove_element`, … back.

    Raises MalformedInput for an element of neither dialect.
    """
    namespace, _, kind = element.tag[1:].partition("}")
    try:
        dialect = Dialect(namespace)
    except ValueError:
        raise MalformedInput(f"<{kind}/> is not a message archiving request.") from None
    rsm = element.find(f"{{{RSM_NS}}}set")
    page = None
    if rsm is not None:
        before = rsm.find(f"{{{RSM_NS}}}before")
        page = PageRequest(
            max=_count(rsm.findtext(f"{{{RSM_NS}}}max")),
            after=rsm.findtext(f"{{{RSM_NS}}}after"),
            before=None if before is None else before.text or "",
        )
    return ArchiveRequest(
        kind=kind,
        dialect=dialect,
        with_jid=element.get("with"),
        start=time_attr(element, "start"),
        end=time_attr(element, "end"),
        open_only=bool_attr(element, "open") is True,
        exact_match=bool_attr(element, "exactmatch") is True,
        page=page,
    )
