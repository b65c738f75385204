"""What the XEP-0136 plugin returns: pages, the server's support, RSM requests."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from archiveviewer.domain import Change, Collection, Dialect

RSM = "http://jabber.org/protocol/rsm"

#: The XEP-0136 features a server may offer, by their short names.
FEATURES = ("auto", "encrypt", "manage", "manual", "pref")


@dataclass(frozen=True)
class ArchiveSupport:
    """What the server offers: the dialect it speaks and its features' short names.

    ``features`` is a subset of :data:`FEATURES`. A server that answers only
    ``list`` and ``retrieve`` may advertise nothing but the namespace; it is
    still supported, with what it has.
    """

    dialect: Dialect
    features: frozenset[str]

    def offers(self, feature: str) -> bool:
        """True when the server advertised *feature* (``auto``, ``manage``, …)."""
        return feature in self.features


@dataclass(frozen=True)
class PageInfo:
    """The RSM ``<set/>`` of a result: ids of the first and last entry, the total."""

    first: str | None = None
    last: str | None = None
    count: int | None = None
    first_index: int | None = None


@dataclass(frozen=True)
class CollectionPage:
    """One page of a ``list`` result: collection headers without items."""

    collections: tuple[Collection, ...]
    first: str | None
    last: str | None
    count: int | None
    first_index: int | None = None


@dataclass(frozen=True)
class RetrievePage:
    """One page of a collection.

    ``collection`` holds this page's items only. Message times in a page
    after the first depend on the messages before it, so ``clock`` is the
    running time after this page: pass it as ``clock`` when asking for the
    next page.
    """

    collection: Collection
    first: str | None
    last: str | None
    count: int | None
    clock: datetime


@dataclass(frozen=True)
class ChangePage:
    """One page of a ``modified`` result and the cursor to resume after it."""

    changes: tuple[Change, ...]
    cursor: str | None
    count: int | None


def rsm_request(
    max_items: int | None = None,
    after: str | None = None,
    before: str | None = None,
    index: int | None = None,
) -> ET.Element:
    """An RSM ``<set/>``; ``before=''`` asks for the last page."""
    element = ET.Element(f"{{{RSM}}}set")
    if max_items is not None:
        ET.SubElement(element, f"{{{RSM}}}max").text = str(max_items)
    if after is not None:
        ET.SubElement(element, f"{{{RSM}}}after").text = after
    if before is not None:
        ET.SubElement(element, f"{{{RSM}}}before").text = before
    if index is not None:
        ET.SubElement(element, f"{{{RSM}}}index").text = str(index)
    return element


def rsm_result(parent: ET.Element) -> PageInfo:
    """The RSM ``<set/>`` inside *parent*, or an empty PageInfo when there is none."""
    element = parent.find(f"{{{RSM}}}set")
    if element is None:
        return PageInfo()
    first = element.find(f"{{{RSM}}}first")
    count = element.findtext(f"{{{RSM}}}count")
    index = None if first is None else first.get("index")
    return PageInfo(
        first=None if first is None else (first.text or ""),
        last=element.findtext(f"{{{RSM}}}last"),
        count=_number(count),
        first_index=_number(index),
    )


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None
