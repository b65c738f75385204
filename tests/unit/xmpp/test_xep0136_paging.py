"""The plugin's own decisions, without a server: dialect choice, page ends, upload sizes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from archiveviewer.domain import Dialect
from archiveviewer.errors import ServerError
from archiveviewer.xmpp.xep_0136.xep_0136 import (
    _merge_page,
    _prefix_within,
    choose_support,
    last_page,
)

SEED_AND_URN = frozenset(
    {
        "http://jabber.org/protocol/archive#manage",
        "urn:xmpp:archive:manage",
        "urn:xmpp:archive:pref",
    }
)


def test_the_preferred_dialect_wins_when_both_are_offered() -> None:
    assert choose_support(SEED_AND_URN, Dialect.SEED).dialect is Dialect.SEED
    urn = choose_support(SEED_AND_URN, Dialect.URN)
    assert urn.dialect is Dialect.URN
    assert (urn.manage, urn.pref, urn.auto) == (True, True, False)


def test_the_offered_dialect_is_used_when_the_preferred_one_is_not() -> None:
    support = choose_support(frozenset({"urn:xmpp:archive"}), Dialect.SEED)
    assert support.dialect is Dialect.URN
    assert not support.manage


def test_a_server_without_archiving_is_an_error_with_a_sentence() -> None:
    with pytest.raises(ServerError) as caught:
        choose_support(frozenset({"jabber:iq:roster"}), Dialect.SEED)
    assert caught.value.condition == "feature-not-implemented"
    assert "does not offer message archiving" in caught.value.user_message


def test_uploads_stay_under_the_limit_but_never_go_empty() -> None:
    children = [ET.Element("x", {"a": "y" * 50}) for _ in range(10)]
    size = len(ET.tostring(children[0]))
    assert len(_prefix_within(children, size * 3)) == 3
    assert len(_prefix_within(children, 1)) == 1
    assert len(_prefix_within(children, size * 100)) == 10


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
    assert _merge_page(merged, page, seen) == 1
    assert _merge_page(merged, page, seen) == 1
    assert [child.text for child in merged] == ["d1", "k1", "d1"]
