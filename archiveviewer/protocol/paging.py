"""The pure decisions of talking XEP-0136 over Result Set Management, without I/O.

When a page ends a result set, how a page of a collection joins the pages
before it, how long a page of messages lasts, how an upload is cut to fit a
server's limit. The slixmpp plugin asks these; tests reach them without a
stream.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sized

from archiveviewer.domain import Dialect
from archiveviewer.protocol.names import RSM_NS, XMLENC_NS, names_of
from archiveviewer.protocol.xmlutil import secs_attr

_RSM_SET = f"{{{RSM_NS}}}set"
_ENCRYPTED_KEY = f"{{{XMLENC_NS}}}EncryptedKey"


def last_page(
    entries: Sized, last: str | None, count: int | None, seen: int, previous: str | None
) -> bool:
    """Whether a page ends the result set.

    An empty page, a page without a ``last`` id, a ``last`` that does not
    move on, or a total ``count`` reached all end it. Errors never reach
    here: they are raised by the request.
    """
    if not len(entries) or last is None or last == previous:
        return True
    return count is not None and seen >= count


def add_index(request: ET.Element, index: int | None) -> None:
    """Ask for the page at position ``index`` (RSM ``<index/>``) in ``request``'s ``<set/>``."""
    if index is None:
        return
    rsm = request.find(_RSM_SET)
    if rsm is None:
        rsm = ET.SubElement(request, _RSM_SET)
    ET.SubElement(rsm, f"{{{RSM_NS}}}index").text = str(index)


def secs_in(collection: ET.Element, dialect: Dialect) -> int:
    """How many seconds the relative (``secs``) messages of a page of a collection add up to.

    A message with an absolute ``utc`` time does not move the running clock.
    """
    names = names_of(dialect)
    total = 0
    for child in collection:
        if child.tag in (names.tag("to"), names.tag("from")) and child.get("utc") is None:
            total += secs_attr(child) or 0
    return total


def merge_page(merged: ET.Element, page: ET.Element, keys_seen: set[bytes]) -> int:
    """Append a retrieve page's items to *merged*, each EncryptedKey once; count the items.

    The page's RSM ``<set/>`` is left out; an EncryptedKey the server repeats
    on every page (as the seed's examples do) is kept the first time only and
    does not count as an item.
    """
    added = 0
    for child in page:
        if child.tag == _RSM_SET:
            continue
        if child.tag == _ENCRYPTED_KEY:
            text = ET.tostring(child)
            if text in keys_seen:
                continue
            keys_seen.add(text)
        else:
            added += 1
        merged.append(child)
    return added


# --- uploads (manual archiving) ---------------------------------------------------------


def collection_of_upload(upload: ET.Element, dialect: Dialect) -> ET.Element:
    """The ``<chat/>``/``<save/>`` collection inside a dialect's upload element."""
    return upload if names_of(dialect).upload is None else upload[0]


def wrap_upload(dialect: Dialect, collection: ET.Element) -> ET.Element:
    """The element that carries ``collection`` to the server (urn wraps it in ``<save/>``)."""
    names = names_of(dialect)
    if names.upload is None:
        return collection
    wrapper = ET.Element(names.tag(names.upload))
    wrapper.append(collection)
    return wrapper


def size_of(elements: list[ET.Element]) -> int:
    """The bytes ``elements`` take as XML, side by side."""
    wrapper = ET.Element("x")
    wrapper.extend(elements)
    return len(ET.tostring(wrapper)) - len(b"<x></x>")


def prefix_within(children: list[ET.Element], limit: int) -> list[ET.Element]:
    """All of *children* if their XML fits in *limit* bytes, else the longest prefix that does.

    Never empty when *children* is not: one item too large on its own is
    sent alone, for the server to refuse. Serialising once is much cheaper
    than once per child, and most uploads fit.
    """
    if size_of(children) <= limit:
        return children
    total = 0
    for count, child in enumerate(children):
        total += len(ET.tostring(child))
        if total > limit and count > 0:
            return children[:count]
    return children
