"""Entries of list and modified results read one by one: a bad key is named, a bad hint dropped."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from archiveviewer.domain import ChangeKind, CollectionId, Dialect, UnreadEntry
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.entries import read_changes, read_headers
from archiveviewer.protocol.requests import changes_from_element
from archiveviewer.protocol.safexml import parse_xml

SEED = Dialect.SEED.value
GOOD = CollectionId(start=datetime(2026, 11, 30, 10, tzinfo=UTC), with_jid="juliet@capulet.lit")


def modified(*entries: str) -> str:
    return f"<modified xmlns='{SEED}'>{''.join(entries)}</modified>"


GOOD_CHANGE = "<changed with='juliet@capulet.lit' start='2026-11-30T10:00:00Z' version='3'/>"


@pytest.mark.parametrize(
    ("entry", "unread", "words"),
    [
        (
            "<changed with='romeo@montague.lit' start='2026-02-30T10:00:00Z'/>",
            UnreadEntry("romeo@montague.lit", "2026-02-30T10:00:00Z"),
            "conversation with romeo@montague.lit whose “start” cannot be read",
        ),
        (
            "<removed with='romeo@montague.lit' start='99999-01-01T00:00:00Z'/>",
            UnreadEntry("romeo@montague.lit", "99999-01-01T00:00:00Z"),
            "“99999-01-01T00:00:00Z” is not a valid date and time",
        ),
        (
            "<changed with='romeo@montague.lit'/>",
            UnreadEntry("romeo@montague.lit", ""),
            "without its “start”",
        ),
        (
            "<changed start='2026-11-30T11:00:00Z'/>",
            UnreadEntry("", "2026-11-30T11:00:00Z"),
            "does not say whom it is with",
        ),
    ],
    ids=["impossible-date", "year-99999", "no-start", "no-with"],
)
def test_an_entry_with_an_unreadable_key_is_named_and_the_others_are_read(
    entry: str, unread: UnreadEntry, words: str
) -> None:
    element = parse_xml(modified(GOOD_CHANGE, entry))
    found = read_changes(element, Dialect.SEED)
    assert [c.id for c in found.read] == [GOOD]
    assert list(found.unreadable) == [unread]
    assert words in found.unreadable[unread]
    assert found.unreadable[unread].startswith("The server's list of changes")
    with pytest.raises(MalformedInput, match="list of changes"):
        changes_from_element(element, Dialect.SEED)  # the strict reader names it too


@pytest.mark.parametrize("version", ["99999999999999999999999", "-1", "three"])
def test_an_unreadable_version_hint_is_dropped_not_fatal(version: str) -> None:
    element = parse_xml(
        modified(
            f"<changed with='juliet@capulet.lit' start='2026-11-30T10:00:00Z' version='{version}'/>"
        )
    )
    (change,) = read_changes(element, Dialect.SEED).read
    assert (change.kind, change.id, change.version) == (ChangeKind.CHANGED, GOOD, None)


def test_a_list_header_with_bad_hints_keeps_its_key_and_a_bad_key_is_named() -> None:
    element = parse_xml(
        f"<list xmlns='{SEED}'>"
        "<store with='juliet@capulet.lit' start='2026-11-30T10:00:00Z' crypt='perhaps'/>"
        "<store with='juliet@capulet.lit' start='2026-11-30T25:00:00Z'/>"
        "</list>"
    )
    found = read_headers(element, Dialect.SEED)
    assert [c.id for c in found.read] == [GOOD]
    assert list(found.unreadable) == [UnreadEntry("juliet@capulet.lit", "2026-11-30T25:00:00Z")]
    assert "list of conversations" in next(iter(found.unreadable.values()))


@pytest.mark.parametrize(
    ("stamp", "sender", "words"),
    [
        ("2026-02-30T10:00:00Z", "juliet@capulet.lit/balcony", "Its time (“stamp”) is wrong"),
        ("2026-11-30T10:00:00Z", "a@b@c", "not valid: “a@b@c”"),
    ],
)
def test_an_unreadable_archived_message_names_the_archive_and_the_field(
    stamp: str, sender: str, words: str
) -> None:
    from archiveviewer.protocol import mam

    stanza = parse_xml(
        "<message xmlns='jabber:client'><result xmlns='urn:xmpp:mam:2' queryid='q' id='m-1'>"
        f"<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='{stamp}'/>"
        f"<message xmlns='jabber:client' from='{sender}' to='romeo@montague.lit'><body>hi</body>"
        "</message>"
        "</forwarded></result></message>"
    )
    with pytest.raises(MalformedInput) as caught:
        mam.archived_message(
            stanza, "q", mam.ArchiveTarget("romeo@montague.lit"), "romeo@montague.lit"
        )
    assert caught.value.user_message.startswith(
        "The archive of romeo@montague.lit sent a message (id “m-1”) that cannot be read."
    )
    assert words in caught.value.user_message
