"""XEP-0313 without I/O: queries written, results and preferences read (examples of the XEP)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from archiveviewer.domain import Direction, UnreadMessage
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol import mam
from archiveviewer.protocol.mam import ArchivePrefs, ArchiveTarget, MamQuery
from archiveviewer.protocol.safexml import parse_xml
from tests.helpers import parse_test_xml

JULIET = "juliet@capulet.lit"

RESULT = """
<message xmlns='jabber:client' id='aeb213' to='juliet@capulet.lit/chamber'>
  <result xmlns='urn:xmpp:mam:2' queryid='f27' id='28482-98726-73623'>
    <forwarded xmlns='urn:xmpp:forward:0'>
      <delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>
      <message xmlns='jabber:client' to='juliet@capulet.lit/balcony'
               from='romeo@montague.lit/orchard' type='chat'>
        <body>Call me but love, and I'll be new baptized; Henceforth I never will be Romeo.</body>
        <stanza-id xmlns='urn:xmpp:sid:0' by='juliet@capulet.lit' id='28482-98726-73623'/>
        <active xmlns='http://jabber.org/protocol/chatstates'/>
        <html xmlns='http://jabber.org/protocol/xhtml-im'>
          <body xmlns='http://www.w3.org/1999/xhtml'>Call me</body>
        </html>
      </message>
    </forwarded>
  </result>
</message>
"""

ROOM_RESULT = """
<message xmlns='jabber:client' id='aeb214' from='coven@chat.shakespeare.lit'
         to='hag66@shakespeare.lit/pda'>
  <result xmlns='urn:xmpp:mam:2' queryid='g27' id='34482-21985-73620'>
    <forwarded xmlns='urn:xmpp:forward:0'>
      <delay xmlns='urn:xmpp:delay' stamp='2002-10-13T23:58:37Z'/>
      <message xmlns='jabber:client' from='coven@chat.shakespeare.lit/firstwitch' type='groupchat'>
        <body>Thrice the brinded cat hath mew'd.</body>
      </message>
    </forwarded>
  </result>
</message>
"""


Shape = tuple[str, list[tuple[str, str]], str, list["Shape"]]


def shape(element: ET.Element) -> Shape:
    """An element's tags, attributes, text and children, without prefixes or spacing."""
    children = [shape(child) for child in element]
    return (element.tag, sorted(element.attrib.items()), (element.text or "").strip(), children)


def test_the_newest_page_query() -> None:
    element = mam.query_element(MamQuery(10, before=""), "q1")
    assert shape(element) == shape(
        parse_xml(
            "<query xmlns='urn:xmpp:mam:2' queryid='q1'>"
            "<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before></before></set>"
            "</query>"
        )
    )


def test_a_query_by_time_carries_the_form() -> None:
    start = datetime(2010, 8, 7, tzinfo=UTC)
    element = mam.query_element(MamQuery(5, after="09af3", start=start), "q2")
    assert shape(element) == shape(
        parse_xml(
            "<query xmlns='urn:xmpp:mam:2' queryid='q2'>"
            "<x xmlns='jabber:x:data' type='submit'>"
            "<field type='hidden' var='FORM_TYPE'><value>urn:xmpp:mam:2</value></field>"
            "<field var='start'><value>2010-08-07T00:00:00Z</value></field></x>"
            "<set xmlns='http://jabber.org/protocol/rsm'><max>5</max><after>09af3</after></set>"
            "</query>"
        )
    )


def test_a_result_in_the_own_archive_is_read_with_its_id_time_and_payload() -> None:
    found = mam.archived_message(parse_xml(RESULT), "f27", ArchiveTarget(JULIET), JULIET)
    assert found is not None
    assert found.archive_id == "28482-98726-73623"
    assert found.with_jid == "romeo@montague.lit"
    assert found.message.direction is Direction.FROM
    assert found.message.time == datetime(2010, 7, 10, 23, 8, 25, tzinfo=UTC)
    assert found.message.body is not None
    assert found.message.body.startswith("Call me but love")
    # The archive's own wrapping and chat states are not part of the message.
    assert [parse_xml(p).tag for p in found.message.payload] == [
        "{http://jabber.org/protocol/xhtml-im}html"
    ]


def test_a_message_the_user_sent_is_to_the_contact() -> None:
    sent = RESULT.replace("to='juliet@capulet.lit/balcony'", "to='romeo@montague.lit/orchard'")
    sent = sent.replace(
        "from='romeo@montague.lit/orchard' type", "from='juliet@capulet.lit/balcony' type"
    )
    found = mam.archived_message(parse_xml(sent), "f27", ArchiveTarget(JULIET), JULIET)
    assert found is not None
    assert (found.with_jid, found.message.direction) == ("romeo@montague.lit", Direction.TO)


@pytest.mark.parametrize(
    "change",
    [("queryid='f27'", "queryid='other'"), ("id='aeb213'", "id='aeb213' from='mallory@evil.lit'")],
)
def test_results_of_another_query_or_sender_are_ignored(change: tuple[str, str]) -> None:
    forged = RESULT.replace(*change)
    assert mam.archived_message(parse_xml(forged), "f27", ArchiveTarget(JULIET), JULIET) is None


def test_a_result_without_its_time_is_malformed() -> None:
    broken = RESULT.replace("<delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>", "")
    with pytest.raises(MalformedInput):
        mam.archived_message(parse_xml(broken), "f27", ArchiveTarget(JULIET), JULIET)


def test_an_unreadable_result_is_kept_in_the_servers_words_not_raised() -> None:
    broken = RESULT.replace("from='romeo@montague.lit/orchard'", "from='romeo@@montague.lit'")
    found = mam.read_result(parse_xml(broken), "f27", ArchiveTarget(JULIET), JULIET)
    assert isinstance(found, UnreadMessage)
    assert (found.archive, found.archive_id) == (JULIET, "28482-98726-73623")
    assert found.reason == (
        "The archive of juliet@capulet.lit sent a message (id “28482-98726-73623”) that cannot "
        "be read. The server sent an address that is not valid: “romeo@@montague.lit”."
    )
    read = mam.read_result(parse_xml(RESULT), "f27", ArchiveTarget(JULIET), JULIET)
    assert read == mam.archived_message(parse_xml(RESULT), "f27", ArchiveTarget(JULIET), JULIET)


def test_a_message_the_server_removed_from_the_archive_is_no_error() -> None:
    # XEP-0313 §Business rules: the id and time stay, the message is left out.
    start, end = RESULT.index("<message xmlns='jabber:client' to="), RESULT.index("</message>")
    removed = RESULT[:start] + RESULT[end + len("</message>") :]
    assert mam.read_result(parse_xml(removed), "f27", ArchiveTarget(JULIET), JULIET) is None


def test_a_room_result_carries_the_nick_and_our_own_nick_is_sent_by_us() -> None:
    room = ArchiveTarget("coven@chat.shakespeare.lit", nick="firstwitch")
    found = mam.archived_message(parse_xml(ROOM_RESULT), "g27", room, "hag66@shakespeare.lit")
    assert found is not None
    assert (found.with_jid, found.message.nick) == ("coven@chat.shakespeare.lit", "firstwitch")
    assert found.message.direction is Direction.TO
    other = ArchiveTarget("coven@chat.shakespeare.lit", nick="hag66")
    found = mam.archived_message(parse_xml(ROOM_RESULT), "g27", other, "hag66@shakespeare.lit")
    assert found is not None
    assert found.message.direction is Direction.FROM


def test_the_fin_says_the_page_and_whether_it_was_the_last() -> None:
    iq = parse_xml(
        "<iq xmlns='jabber:client' type='result' id='juliet1'>"
        "<fin xmlns='urn:xmpp:mam:2' complete='true'><set xmlns='http://jabber.org/protocol/rsm'>"
        "<first index='0'>23452-4534-1</first><last>390-2342-22</last><count>16</count>"
        "</set></fin></iq>"
    )
    fin = mam.fin_from_element(iq)
    assert (fin.rsm.first, fin.rsm.last, fin.rsm.count, fin.complete) == (
        "23452-4534-1", "390-2342-22", 16, True,
    )  # fmt: skip
    with pytest.raises(MalformedInput):
        mam.fin_from_element(parse_xml("<iq xmlns='jabber:client' type='result'/>"))


def test_only_the_archives_own_stanza_id_counts() -> None:
    message = parse_xml(
        "<message xmlns='jabber:client'>"
        "<stanza-id xmlns='urn:xmpp:sid:0' by='mallory@evil.lit' id='forged'/>"
        "<stanza-id xmlns='urn:xmpp:sid:0' by='juliet@capulet.lit' id='real'/></message>"
    )
    assert mam.stanza_id(message, JULIET) == "real"
    assert mam.stanza_id(message, "romeo@montague.lit") is None


def test_preferences_are_written_and_read_back() -> None:
    prefs = ArchivePrefs("roster", always=("romeo@montague.lit",), never=("montague@montague.lit",))
    element = mam.prefs_element(prefs)
    assert shape(element) == shape(
        parse_xml(
            "<prefs xmlns='urn:xmpp:mam:2' default='roster'>"
            "<always><jid>romeo@montague.lit</jid></always>"
            "<never><jid>montague@montague.lit</jid></never></prefs>"
        )
    )
    reply = ET.Element("iq")
    reply.append(element)
    assert mam.prefs_from_element(reply) == prefs


def test_preferences_with_an_unknown_default_are_refused() -> None:
    reply = parse_xml(
        "<iq xmlns='jabber:client'><prefs xmlns='urn:xmpp:mam:2' default='maybe'/></iq>"
    )
    with pytest.raises(MalformedInput):
        mam.prefs_from_element(reply)
    with pytest.raises(ValueError, match="default"):
        mam.prefs_element(ArchivePrefs("sometimes"))  # type: ignore[arg-type]


def test_the_metadata_of_the_specification_gives_the_archives_bounds() -> None:
    reply = parse_test_xml(
        "<iq xmlns='jabber:client' type='result' id='jui8921rr9'>"
        "<metadata xmlns='urn:xmpp:mam:2'>"
        "<start id='YWxwaGEg' timestamp='2008-08-22T21:09:04Z' />"
        "<end id='b21lZ2Eg' timestamp='2020-04-20T14:34:21Z' />"
        "</metadata></iq>"
    )
    bounds = mam.bounds_from_element(reply)
    assert (bounds.first_id, bounds.last_id) == ("YWxwaGEg", "b21lZ2Eg")
    assert bounds.first_time == datetime(2008, 8, 22, 21, 9, 4, tzinfo=UTC)
    assert bounds.last_time == datetime(2020, 4, 20, 14, 34, 21, tzinfo=UTC)
    empty = parse_test_xml(
        "<iq xmlns='jabber:client' type='result'><metadata xmlns='urn:xmpp:mam:2'/></iq>"
    )
    assert mam.bounds_from_element(empty) == mam.ArchiveBounds()
    assert mam.metadata_request().tag == "{urn:xmpp:mam:2}metadata"


@pytest.mark.parametrize(
    "inner",
    [
        "",  # no <metadata/> at all
        "<metadata xmlns='urn:xmpp:mam:2'><start id='a' timestamp='2020-04-20T14:34:21Z'/>"
        "</metadata>",
        "<metadata xmlns='urn:xmpp:mam:2'><start id='a'/><end id='b'/></metadata>",
    ],
)
def test_metadata_that_is_not_whole_is_malformed(inner: str) -> None:
    with pytest.raises(MalformedInput):
        mam.bounds_from_element(parse_test_xml(f"<iq xmlns='jabber:client'>{inner}</iq>"))
