"""The plugin's XML in both dialects: what it writes reads back the same."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    Note,
)
from archiveviewer.errors import MalformedInput
from archiveviewer.xmpp.xep_0136 import wire
from archiveviewer.xmpp.xep_0136.xep_0136 import _last_page, _prefix_within, _support_from

START = datetime(1469, 7, 21, 2, 56, 15, tzinfo=UTC)
CID = CollectionId(start=START, with_jid="juliet@capulet.com/chamber")

ENCRYPTED_KEY = (
    '<EncryptedKey xmlns="http://www.w3.org/2001/04/xmlenc#">'
    '<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyName>romeoKey1</KeyName></KeyInfo>'
    "<CarriedKeyName>dataKey1</CarriedKeyName></EncryptedKey>"
)


def _collection() -> Collection:
    return Collection(
        id=CID,
        subject="She speaks!",
        items=(
            Message(Direction.FROM, START, "Art thou not Romeo, and a Montague?"),
            Message(Direction.TO, START + timedelta(seconds=11), "Neither, fair saint."),
            Message(Direction.FROM, START - timedelta(hours=2), "An offline one", nick="jul"),
            Note("I think she might fancy me.", START + timedelta(minutes=8)),
        ),
    )


@pytest.mark.parametrize("dialect", list(Dialect))
def test_a_collection_reads_back_as_written(dialect: Dialect) -> None:
    tag = wire.collection_tag(dialect)
    element = wire.collection_to_xml(_collection(), dialect.value, tag)
    text = ET.tostring(element)
    back, _ = wire.collection_from_xml(wire.parse_trusted_fragment(text.decode()), dialect.value)
    assert back == _collection()


def test_a_message_before_the_clock_is_written_with_utc() -> None:
    element = wire.collection_to_xml(_collection(), Dialect.SEED.value, "store")
    offline = element.findall(wire.q(Dialect.SEED.value, "from"))[1]
    assert offline.get("utc") == "1469-07-21T00:56:15Z"
    assert offline.get("secs") is None


def test_a_later_page_continues_the_running_clock() -> None:
    ns = Dialect.SEED.value
    page = wire.parse_trusted_fragment(
        f"<store xmlns='{ns}' with='a@b' start='2020-01-01T00:00:00Z'>"
        "<to secs='5'><body>x</body></to></store>"
    )
    clock = datetime(2020, 1, 1, 0, 1, tzinfo=UTC)
    collection, after = wire.collection_from_xml(page, ns, clock)
    assert collection.messages[0].time == clock + timedelta(seconds=5)
    assert after == clock + timedelta(seconds=5)


def test_encrypted_items_keep_their_xml_and_key_names() -> None:
    ns = Dialect.SEED.value
    page = wire.parse_trusted_fragment(
        f"<store xmlns='{ns}' with='a@b' start='2020-01-01T00:00:00Z'>{ENCRYPTED_KEY}</store>"
    )
    collection, _ = wire.collection_from_xml(page, ns)
    (item,) = collection.items
    assert isinstance(item, EncryptedItem)
    assert item.kind is EncryptedKind.KEY
    assert (item.key_name, item.carried_key_name) == ("romeoKey1", "dataKey1")
    assert wire.parse_trusted_fragment(item.xml).tag.endswith("EncryptedKey")


def test_a_doctype_in_held_xml_is_refused() -> None:
    with pytest.raises(MalformedInput):
        wire.parse_trusted_fragment('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')


def test_a_collection_without_start_is_malformed() -> None:
    with pytest.raises(MalformedInput):
        wire.collection_id(wire.parse_trusted_fragment("<store with='a@b'/>"))


def test_the_seed_is_preferred_when_both_dialects_are_offered() -> None:
    features = frozenset(
        {
            "http://jabber.org/protocol/archive#manage",
            "urn:xmpp:archive:manage",
            "urn:xmpp:archive:pref",
        }
    )
    assert _support_from(features, Dialect.SEED).dialect is Dialect.SEED
    urn = _support_from(features, Dialect.URN)
    assert urn.dialect is Dialect.URN
    assert urn.features == {"manage", "pref"}


def test_a_server_with_only_the_namespace_is_supported_with_no_features() -> None:
    support = _support_from(frozenset({"urn:xmpp:archive"}), Dialect.SEED)
    assert support.dialect is Dialect.URN
    assert not support.offers("manage")


def test_store_chunks_stay_under_the_limit_but_never_empty() -> None:
    children = [ET.Element("x", {"a": "y" * 50}) for _ in range(10)]
    size = len(ET.tostring(children[0]))
    assert len(_prefix_within(children, size * 3)) == 3
    assert len(_prefix_within(children, 1)) == 1
    assert len(_prefix_within(children, size * 100)) == 10


@pytest.mark.parametrize(
    ("entries", "last", "count", "seen", "previous", "ends"),
    [
        ([], None, None, 0, None, True),
        ([1], "b", 10, 1, "a", False),
        ([1], "b", 1, 1, None, True),
        ([1], "a", None, 1, "a", True),
        ([1], None, None, 1, None, True),
        ([1], "b", None, 1, "a", False),
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
    assert _last_page(entries, last, count, seen, previous) is ends
