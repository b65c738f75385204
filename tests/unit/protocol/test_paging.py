"""The protocol's pure decisions, without a server: dialect choice, page ends, merging,
the running clock of a page, upload sizes. Each is one table."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from archiveviewer.domain import Dialect
from archiveviewer.errors import ServerError
from archiveviewer.protocol.features import choose_support
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.paging import (
    add_index,
    collection_of_upload,
    last_page,
    merge_page,
    prefix_within,
    secs_in,
    size_of,
    wrap_upload,
)

SEED_AND_URN = frozenset(
    {
        "http://jabber.org/protocol/archive#manage",
        "urn:xmpp:archive:manage",
        "urn:xmpp:archive:pref",
    }
)


@pytest.mark.parametrize(
    ("features", "prefer", "dialect", "parts"),
    [
        (SEED_AND_URN, Dialect.SEED, Dialect.SEED, (True, False, False)),  # preferred wins
        (SEED_AND_URN, Dialect.URN, Dialect.URN, (True, True, False)),
        (frozenset({"urn:xmpp:archive"}), Dialect.SEED, Dialect.URN, (False, False, False)),
        (frozenset({"http://jabber.org/protocol/archive#auto"}), Dialect.URN, Dialect.SEED,
         (False, False, True)),  # only what is offered
    ],
)
def test_the_dialect_chosen(
    features: frozenset[str], prefer: Dialect, dialect: Dialect, parts: tuple[bool, ...]
) -> None:
    support = choose_support(features, prefer)
    assert support.dialect is dialect
    assert (support.manage, support.pref, support.auto) == parts


def test_a_server_without_archiving_is_an_error_with_a_sentence() -> None:
    with pytest.raises(ServerError) as caught:
        choose_support(frozenset({"jabber:iq:roster"}), Dialect.SEED)
    assert caught.value.condition == "feature-not-implemented"
    assert "does not offer message archiving" in caught.value.user_message


CHILDREN = [ET.Element("x", {"a": "y" * 50}) for _ in range(10)]
ONE = len(ET.tostring(CHILDREN[0]))


@pytest.mark.parametrize(
    ("limit", "taken"),
    [(ONE * 3, 3), (ONE * 3 + ONE // 2, 3), (1, 1), (ONE * 10, 10), (ONE * 100, 10)],
)
def test_uploads_stay_under_the_limit_but_never_go_empty(limit: int, taken: int) -> None:
    chunk = prefix_within(CHILDREN, limit)
    assert len(chunk) == taken
    assert chunk == CHILDREN[:taken]
    assert taken == 1 or size_of(chunk) <= limit


@pytest.mark.parametrize("dialect", list(Dialect))
def test_an_upload_wraps_its_collection_and_unwraps_to_it(dialect: Dialect) -> None:
    names = names_of(dialect)
    collection = ET.Element(names.tag(names.collection), {"with": "juliet@capulet.com"})
    upload = wrap_upload(dialect, collection)
    expected = names.tag(names.upload) if names.upload else names.tag(names.collection)
    assert upload.tag == expected
    assert collection_of_upload(upload, dialect) is collection


SEED_NAMES = names_of(Dialect.SEED)


def _page(*children: tuple[str, dict[str, str]]) -> ET.Element:
    page = ET.Element(SEED_NAMES.tag("store"))
    for tag, attrib in children:
        ET.SubElement(page, SEED_NAMES.tag(tag), attrib)
    return page


@pytest.mark.parametrize(
    ("page", "seconds"),
    [
        (_page(), 0),
        (_page(("to", {"secs": "5"}), ("from", {"secs": "7"})), 12),
        (_page(("to", {"secs": "5", "utc": "1469-07-21T02:56:15Z"}), ("from", {"secs": "7"})), 7),
        (_page(("note", {"utc": "1469-07-21T02:56:15Z"}), ("to", {})), 0),  # secs missing: 0
    ],
)
def test_the_running_clock_of_a_page(page: ET.Element, seconds: int) -> None:
    assert secs_in(page, Dialect.SEED) == seconds


RSM = "{http://jabber.org/protocol/rsm}"


@pytest.mark.parametrize("with_set", [False, True])
def test_an_index_goes_into_the_one_rsm_set(with_set: bool) -> None:
    request = ET.Element("list")
    if with_set:
        ET.SubElement(request, RSM + "set")
    add_index(request, 3)
    add_index(request, None)
    (rsm,) = request.findall(RSM + "set")
    assert [(c.tag, c.text) for c in rsm] == [(RSM + "index", "3")]


@pytest.mark.parametrize(
    ("entries", "last", "count", "seen", "previous", "ends"),
    [
        ([], None, None, 0, None, True),  # empty page
        ([1], "b", 10, 1, "a", False),  # more to come
        ([1], "b", 1, 1, None, True),  # count reached
        ([1], "a", None, 1, "a", True),  # the cursor did not move on
        ([1], None, None, 1, None, True),  # no cursor to go on with
        ([1], "b", None, 1, "a", False),  # no count: go on until empty
    ],
)
def test_paging_ends_only_on_an_end(
    entries: list[int],
    last: str | None,
    count: int | None,
    seen: int,
    previous: str | None,
    ends: bool,
) -> None:
    assert last_page(entries, last, count, seen, previous) is ends


def test_merged_pages_keep_each_encrypted_key_once() -> None:
    enc = "http://www.w3.org/2001/04/xmlenc#"
    page = ET.Element("store")
    ET.SubElement(page, f"{{{enc}}}EncryptedData").text = "d1"
    ET.SubElement(page, f"{{{enc}}}EncryptedKey").text = "k1"
    ET.SubElement(page, "{http://jabber.org/protocol/rsm}set")
    merged = ET.Element("store")
    seen: set[bytes] = set()
    assert merge_page(merged, page, seen) == 1
    assert merge_page(merged, page, seen) == 1
    assert [child.text for child in merged] == ["d1", "k1", "d1"]
