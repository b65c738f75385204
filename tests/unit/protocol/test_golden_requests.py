"""The requests the client sends, against every golden example of them, in both directions.

One table: each row is a golden ``<iq/>`` payload and the request it stands
for. Reading the golden XML gives the row's request; building the row's
request with the production builders gives the golden XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from archiveviewer.domain import CollectionId, Dialect
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.requests import (
    ArchiveRequest,
    PageRequest,
    list_element,
    modified_element,
    remove_element,
    request_from_element,
    retrieve_element,
)
from archiveviewer.protocol.xep0082 import EARLIEST

from .golden import differences, payload

SEED, URN = Dialect.SEED, Dialect.URN


def t(hms: str, day: str = "1469-07-21") -> datetime:
    return datetime.fromisoformat(f"{day}T{hms}").replace(tzinfo=UTC)


ROWS: list[tuple[str, ArchiveRequest]] = [
    ("seed/24-requesting-the-first-page-of-a-list-with-same-jid.xml",
     ArchiveRequest("list", SEED, with_jid="juliet@capulet.com", page=PageRequest(max=30))),
    ("seed/25-requesting-the-first-page-of-a-list-with-same-jid-between-two-times.xml",
     ArchiveRequest("list", SEED, with_jid="juliet@capulet.com", start=t("02:00:00"),
                    end=t("04:00:00", "1479-07-21"), page=PageRequest(max=30))),
    ("seed/29-requesting-the-second-page-of-a-list.xml",
     ArchiveRequest("list", SEED, start=t("02:00:00"), page=PageRequest(
         max=30, after="1469-07-21T03:16:37Zbalcony@house.capulet.com"))),
    ("seed/34-requesting-the-second-page-of-a-collection.xml",
     ArchiveRequest("retrieve", SEED, with_jid="juliet@capulet.com/chamber",
                    start=t("02:56:15"), page=PageRequest(max=100, after="99"))),
    ("seed/39-removing-all-collections-with-a-specified-bare-jid-between-two-times.xml",
     ArchiveRequest("remove", SEED, with_jid="juliet@capulet.com", start=t("02:00:00"),
                    end=t("04:00:00"))),
    ("seed/43-removing-a-collection-being-recorded-by-the-server.xml",
     ArchiveRequest("remove", SEED, with_jid="juliet@capulet.com/chamber", open_only=True)),
    ("seed/50-requesting-a-page-of-modifications.xml",
     ArchiveRequest("modified", SEED, page=PageRequest(max=50, after="1469-07-21T01:14:47Z"))),
    ("urn/15-requesting-a-list-with-same-jid-between-two-times.xml",
     ArchiveRequest("list", URN, with_jid="juliet@capulet.com", start=t("02:00:00"),
                    end=t("04:00:00", "1479-07-21"), page=PageRequest(max=30))),
    ("urn/17-requesting-the-first-page-of-a-collection.xml",
     ArchiveRequest("retrieve", URN, with_jid="juliet@capulet.com/chamber",
                    start=t("02:56:15"), page=PageRequest(max=100))),
    ("urn/20-removing-a-single-collection.xml",
     ArchiveRequest("remove", URN, with_jid="juliet@capulet.com/chamber", start=t("02:56:15"))),
    ("urn/21-removing-all-collections-before-a-date.xml",
     ArchiveRequest("remove", URN, start=EARLIEST, end=t("04:00:00"))),
    ("urn/22-removing-all-collections-being-recorded.xml",
     ArchiveRequest("remove", URN, open_only=True)),
    ("urn/23-requesting-a-page-of-modifications.xml",
     ArchiveRequest("modified", URN, start=t("01:14:47"), page=PageRequest(max=50))),
]


def build(request: ArchiveRequest) -> ET.Element:
    """The request built by the builders production uses."""
    d = request.dialect
    if request.kind == "list":
        return list_element(d, with_jid=request.with_jid, start=request.start,
                            end=request.end, page=request.page)
    if request.kind == "retrieve":
        assert request.with_jid is not None
        assert request.start is not None
        return retrieve_element(d, CollectionId(request.start, request.with_jid),
                                page=request.page)
    if request.kind == "remove":
        return remove_element(d, with_jid=request.with_jid, start=request.start,
                              end=request.end, open_only=request.open_only)
    assert request.kind == "modified"
    return modified_element(d, request.start or EARLIEST, page=request.page)


@pytest.mark.parametrize(("file", "request_"), ROWS, ids=[r[0] for r in ROWS])
def test_read_from_the_golden_xml(file: str, request_: ArchiveRequest) -> None:
    assert request_from_element(payload(file)) == request_


@pytest.mark.parametrize(("file", "request_"), ROWS, ids=[r[0] for r in ROWS])
def test_built_as_the_golden_xml(file: str, request_: ArchiveRequest) -> None:
    assert differences(build(request_), payload(file)) == []


def test_an_element_of_another_namespace_is_no_request() -> None:
    with pytest.raises(MalformedInput, match="not a message archiving request"):
        request_from_element(ET.Element("{jabber:iq:roster}query"))


def test_an_empty_before_asks_for_the_last_page() -> None:
    element = list_element(URN, page=PageRequest(max=5, before=""))
    assert request_from_element(element).page == PageRequest(max=5, before="")
