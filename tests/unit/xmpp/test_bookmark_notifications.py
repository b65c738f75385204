"""PEP notifications update the merged view (a real slixmpp client object, no network)."""

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from slixmpp import ClientXMPP
from slixmpp.stanza import Message

from archiveviewer.domain import BookmarkEntry, BookmarkHome
from archiveviewer.protocol.untrusted_xml import parse_untrusted
from archiveviewer.xmpp.bookmarks import BookmarkService

ACCOUNT = "juliet@capulet.lit"
NATIVE_PUBLISH = """
<message xmlns='jabber:client' from='{sender}' to='juliet@capulet.lit/balcony' type='headline'>
  <event xmlns='http://jabber.org/protocol/pubsub#event'>
    <items node='urn:xmpp:bookmarks:1'>
      <item id='theplay@conference.shakespeare.lit'>
        <conference xmlns='urn:xmpp:bookmarks:1' name='The Play' autojoin='true'>
          <nick>JC</nick>
          <extensions><pinned xmlns='urn:xmpp:bookmarks-pinning:0'/></extensions>
        </conference>
      </item>
    </items>
  </event>
</message>"""
NATIVE_RETRACT = """
<message xmlns='jabber:client' from='juliet@capulet.lit' to='juliet@capulet.lit/balcony'>
  <event xmlns='http://jabber.org/protocol/pubsub#event'>
    <items node='urn:xmpp:bookmarks:1'><retract id='theplay@conference.shakespeare.lit'/></items>
  </event>
</message>"""
LEGACY_PUBLISH = """
<message xmlns='jabber:client' from='juliet@capulet.lit' to='juliet@capulet.lit/balcony'>
  <event xmlns='http://jabber.org/protocol/pubsub#event'>
    <items node='storage:bookmarks'>
      <item id='current'>
        <storage xmlns='storage:bookmarks'>
          <conference jid='orchard@conference.shakespeare.lit' autojoin='true'/>
        </storage>
      </item>
    </items>
  </event>
</message>"""


@pytest_asyncio.fixture
async def service() -> AsyncIterator[tuple[BookmarkService, list[tuple[BookmarkEntry, ...]]]]:
    """A service on a client that never connects: slixmpp binds to the running loop."""
    client = ClientXMPP(f"{ACCOUNT}/balcony", "unused")
    bookmarks = BookmarkService(client)
    seen: list[tuple[BookmarkEntry, ...]] = []
    bookmarks.add_listener(seen.append)
    yield bookmarks, seen


def deliver(bookmarks: BookmarkService, text: str) -> None:
    bookmarks._on_event(Message(xml=parse_untrusted(text)))


@pytest.mark.asyncio
async def test_published_and_retracted_rooms_reach_the_view(service) -> None:
    bookmarks, seen = service
    deliver(bookmarks, NATIVE_PUBLISH.format(sender=ACCOUNT))
    (entry,) = bookmarks.entries
    assert entry.key == "theplay@conference.shakespeare.lit"
    assert entry.homes == {BookmarkHome.NATIVE}
    assert entry.bookmark.name == "The Play"
    assert entry.bookmark.extra == ('<pinned xmlns="urn:xmpp:bookmarks-pinning:0" />',)
    deliver(bookmarks, NATIVE_RETRACT)
    assert bookmarks.entries == ()
    assert len(seen) == 2


@pytest.mark.asyncio
async def test_legacy_pep_notification_replaces_that_home(service) -> None:
    bookmarks, seen = service
    deliver(bookmarks, LEGACY_PUBLISH)
    (entry,) = bookmarks.entries
    assert entry.key == "orchard@conference.shakespeare.lit"
    assert entry.homes == {BookmarkHome.PEP}
    assert seen == [bookmarks.entries]


@pytest.mark.asyncio
async def test_notifications_from_another_account_are_ignored(service) -> None:
    bookmarks, seen = service
    deliver(bookmarks, NATIVE_PUBLISH.format(sender="mallory@evil.example"))
    assert bookmarks.entries == ()
    assert seen == []
