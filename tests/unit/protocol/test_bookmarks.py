"""Bookmark codecs (XEP-0048, XEP-0402), the merged view, validation, private XML checks.

Every codec case is checked three ways: built from the domain value, parsed
from the XML, and rebuilt from what was parsed.
"""

import xml.etree.ElementTree as ET

import pytest

from archiveviewer.domain import BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol import bookmarks as bm
from archiveviewer.protocol import private_xml
from archiveviewer.protocol.untrusted_xml import parse_untrusted, serialize


def canonical(xml: str | ET.Element) -> str:
    text = xml if isinstance(xml, str) else ET.tostring(xml, encoding="unicode")
    return ET.canonicalize(xml_data=text, strip_text=True, rewrite_prefixes=True)


def element(text: str) -> ET.Element:
    return parse_untrusted(text)


# --- XEP-0048 -------------------------------------------------------------------

LEGACY_CASES = [
    pytest.param(
        """<storage xmlns='storage:bookmarks'>
             <conference jid='theplay@conference.shakespeare.lit' name='The Play'
                         autojoin='true'>
               <nick>JC</nick><password>G10b3</password>
             </conference>
             <url url='https://xmpp.org/' name='XSF'/>
           </storage>""",
        bm.BookmarkStorage(
            bookmarks=(
                Conference(
                    jid="theplay@conference.shakespeare.lit",
                    name="The Play",
                    autojoin=True,
                    nick="JC",
                    password="G10b3",
                ),
                UrlBookmark(url="https://xmpp.org/", name="XSF"),
            )
        ),
        id="spec-example",
    ),
    pytest.param(
        "<storage xmlns='storage:bookmarks'/>",
        bm.BookmarkStorage(),
        id="empty",
    ),
    pytest.param(
        """<storage xmlns='storage:bookmarks' xmlns:g='urn:gajim' g:rev='7' version='2'>
             <conference jid='room@muc.example' minimize='yes' xmlns:p='urn:p' p:pinned='1'>
               <nick>me</nick>
               <minimize xmlns='xmpp:gajim.org/bookmarks'>true</minimize>
               <print_status xmlns='xmpp:gajim.org/bookmarks'>all</print_status>
               <note>an unknown child in the storage:bookmarks namespace</note>
             </conference>
             <url url='http://example.org/' tag='work'><icon xmlns='urn:icon'/></url>
             <conference name='no jid: kept whole'/>
             <folder xmlns='urn:other:client' name='Work'/>
           </storage>""",
        bm.BookmarkStorage(
            bookmarks=(
                Conference(
                    jid="room@muc.example",
                    nick="me",
                    extra=(
                        '<minimize xmlns="xmpp:gajim.org/bookmarks">true</minimize>',
                        '<print_status xmlns="xmpp:gajim.org/bookmarks">all</print_status>',
                        '<note xmlns="storage:bookmarks">an unknown child in the '
                        "storage:bookmarks namespace</note>",
                    ),
                    extra_attrs=(("minimize", "yes"), ("{urn:p}pinned", "1")),
                ),
                UrlBookmark(
                    url="http://example.org/",
                    extra=('<icon xmlns="urn:icon" />',),
                    extra_attrs=(("tag", "work"),),
                ),
            ),
            extra=(
                '<conference xmlns="storage:bookmarks" name="no jid: kept whole" />',
                '<folder xmlns="urn:other:client" name="Work" />',
            ),
            extra_attrs=(("{urn:gajim}rev", "7"), ("version", "2")),
        ),
        id="other-clients-extensions",
    ),
]


@pytest.mark.parametrize(("xml", "storage"), LEGACY_CASES)
def test_legacy_storage_three_ways(xml: str, storage: bm.BookmarkStorage) -> None:
    built = bm.build_storage(storage)
    parsed = bm.parse_storage(element(xml))
    rebuilt = bm.build_storage(parsed)
    assert canonical(built) == canonical(xml)
    assert parsed == storage
    assert canonical(rebuilt) == canonical(xml)


def test_legacy_autojoin_accepts_1_and_writes_true() -> None:
    parsed = bm.parse_storage(
        element("<storage xmlns='storage:bookmarks'><conference jid='r@m' autojoin='1'/></storage>")
    )
    conference = parsed.bookmarks[0]
    assert isinstance(conference, Conference)
    assert conference.autojoin is True
    assert bm.build_legacy_bookmark(conference).get("autojoin") == "true"


def test_editing_one_bookmark_keeps_order_and_neighbours() -> None:
    storage = bm.parse_storage(element(LEGACY_CASES[2].values[0]))
    edited = bm.with_bookmark(storage, Conference(jid="Room@MUC.example", name="Renamed"))
    assert [bm.key_of(b) for b in edited.bookmarks] == ["room@muc.example", "http://example.org/"]
    assert edited.bookmarks[0] == Conference(jid="Room@MUC.example", name="Renamed")
    assert edited.extra == storage.extra
    added = bm.with_bookmark(edited, Conference(jid="new@muc.example"))
    assert bm.key_of(added.bookmarks[-1]) == "new@muc.example"
    removed = bm.without_bookmark(added, "room@muc.example")
    assert [bm.key_of(b) for b in removed.bookmarks] == ["http://example.org/", "new@muc.example"]


# --- XEP-0402 ------------------------------------------------------------------------

NATIVE_CASES = [
    pytest.param(
        "theplay@conference.shakespeare.lit",
        """<conference xmlns='urn:xmpp:bookmarks:1' name='The Play&apos;s the Thing'
                       autojoin='true'>
             <nick>JC</nick><password>secret</password>
           </conference>""",
        Conference(
            jid="theplay@conference.shakespeare.lit",
            name="The Play's the Thing",
            autojoin=True,
            nick="JC",
            password="secret",
        ),
        id="spec-example",
    ),
    pytest.param(
        "orchard@conference.shakespeare.lit",
        """<conference xmlns='urn:xmpp:bookmarks:1' autojoin='false' xmlns:x='urn:x' x:flag='on'
                       colour='green'>
             <extensions>
               <state xmlns='http://myclient.example/bookmark/state' minimized='true'/>
               <pinned xmlns='urn:xmpp:bookmarks-pinning:0'/>
             </extensions>
           </conference>""",
        Conference(
            jid="orchard@conference.shakespeare.lit",
            extra=(
                '<state xmlns="http://myclient.example/bookmark/state" minimized="true" />',
                '<pinned xmlns="urn:xmpp:bookmarks-pinning:0" />',
            ),
            extra_attrs=(("{urn:x}flag", "on"), ("colour", "green")),
        ),
        id="extensions-and-unknown-attributes",
    ),
]


@pytest.mark.parametrize(("item_id", "xml", "conference"), NATIVE_CASES)
def test_native_conference_three_ways(item_id: str, xml: str, conference: Conference) -> None:
    built = bm.build_native(conference)
    parsed = bm.parse_native(item_id, element(xml))
    rebuilt = bm.build_native(parsed)
    assert canonical(built) == canonical(xml)
    assert parsed == conference
    assert canonical(rebuilt) == canonical(xml)


def test_native_child_outside_extensions_survives_inside_extensions() -> None:
    stray = "<color xmlns='urn:stray'>red</color>"
    parsed = bm.parse_native(
        "r@m.example",
        element(f"<conference xmlns='urn:xmpp:bookmarks:1' autojoin='false'>{stray}</conference>"),
    )
    rebuilt = bm.build_native(parsed)
    moved = rebuilt.find("{urn:xmpp:bookmarks:1}extensions/{urn:stray}color")
    assert moved is not None
    assert moved.text == "red"


def test_extensions_travel_between_homes() -> None:
    """What XEP-0402 keeps in <extensions/> is what XEP-0048 keeps as unknown children."""
    xml = NATIVE_CASES[1].values[1]
    native = bm.parse_native("orchard@conference.shakespeare.lit", element(xml))
    legacy = bm.build_legacy_bookmark(native)
    assert legacy.find("{urn:xmpp:bookmarks-pinning:0}pinned") is not None
    back = bm.parse_storage(bm.build_storage(bm.BookmarkStorage((native,))))
    assert back.bookmarks[0] == native


# --- validation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("jid", "normalised"),
    [("room@muc.example", "room@muc.example"), (" Room@MUC.Example ", "room@muc.example")],
)
def test_valid_room_jid_is_normalised(jid: str, normalised: str) -> None:
    assert bm.validate(Conference(jid=jid)) == Conference(jid=normalised)


@pytest.mark.parametrize(
    ("jid", "says"),
    [
        ("muc.example", "needs the form room@service"),
        ("room@muc.example/nick", "remove the part after"),
        ("a b@muc.example", "not a valid chat room address"),
        ("@muc.example", "not a valid chat room address"),
        ("room@", "not a valid chat room address"),
        ("", "needs the form room@service"),
    ],
)
def test_invalid_room_jid_is_refused(jid: str, says: str) -> None:
    with pytest.raises(bm.InvalidBookmark) as caught:
        bm.validate(Conference(jid=jid))
    assert says in caught.value.user_message


@pytest.mark.parametrize(
    "url", ["https://xmpp.org/extensions/", "http://example.org", "xmpp:room@muc.example?join"]
)
def test_valid_urls_pass(url: str) -> None:
    assert bm.validate(UrlBookmark(url=url)) == UrlBookmark(url=url)


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/", "javascript:alert(1)", "https://", "example.org", "http://exa mple.org/",
     "xmpp:", "file:///etc/passwd"],
)
def test_invalid_urls_are_refused(url: str) -> None:
    with pytest.raises(bm.InvalidBookmark) as caught:
        bm.validate(UrlBookmark(url=url))
    assert url.strip() in caught.value.user_message


# --- merged view ----------------------------------------------------------------------


def test_merge_tells_where_each_bookmark_lives_and_prefers_native() -> None:
    native = Conference(jid="room@muc.example", name="native name", autojoin=True)
    legacy = Conference(jid="Room@muc.example", name="old name")
    url = UrlBookmark(url="https://example.org/")
    entries = bm.merge(
        {
            BookmarkHome.PRIVATE: [legacy, url],
            BookmarkHome.PEP: [url],
            BookmarkHome.NATIVE: [native],
        }
    )
    by_key = {e.key: e for e in entries}
    room = by_key["room@muc.example"]
    assert room.bookmark == native
    assert room.homes == {BookmarkHome.NATIVE, BookmarkHome.PRIVATE}
    assert not room.agrees
    link = by_key["https://example.org/"]
    assert link.homes == {BookmarkHome.PRIVATE, BookmarkHome.PEP}
    assert link.agrees


def test_password_is_not_in_repr() -> None:
    assert "hunter2" not in repr(Conference(jid="r@m.example", password="hunter2"))


# --- untrusted XML and private XML ---------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<lolz xmlns='urn:x'>&lol2;</lolz>"""
EXTERNAL = """<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x xmlns='urn:x'>&e;</x>"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL, "<!DOCTYPE x><x xmlns='urn:x'/>"])
def test_doctype_and_entities_are_refused(text: str) -> None:
    with pytest.raises(MalformedInput) as caught:
        private_xml.parse_private_xml(text)
    assert "DOCTYPE" in caught.value.user_message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("<a xmlns='urn:x'>&undefined;</a>", "undefined entity"),
        ("<a xmlns='urn:x'/><b xmlns='urn:x'/>", "not well-formed"),
        ("<a xmlns='urn:x'>", "ends before it is complete"),
        ("just text", "not well-formed"),
    ],
)
def test_text_that_does_not_parse_is_refused(text: str, says: str) -> None:
    with pytest.raises(MalformedInput) as caught:
        private_xml.parse_private_xml(text)
    assert says in caught.value.user_message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("<settings/>", "has no namespace"),
        ("<query xmlns='jabber:iq:roster'/>", "is reserved"),
        ("<x xmlns='http://jabber.org/protocol/disco#info'/>", "is reserved"),
        ("<vCard xmlns='vcard-temp'/>", "is reserved"),
        (
            "<storage xmlns='storage:bookmarks'><conference jid='no-room-here'/></storage>",
            "not a chat room address",
        ),
    ],
)
def test_private_xml_that_must_not_be_stored_is_refused(text: str, says: str) -> None:
    with pytest.raises((private_xml.InvalidPrivateXml, bm.InvalidBookmark)) as caught:
        private_xml.parse_private_xml(text)
    assert says in caught.value.user_message


def test_private_xml_is_shown_as_it_was_stored() -> None:
    text = "<prefs xmlns='urn:example:prefs' v='1'><theme>dark</theme><x xmlns='urn:y'/></prefs>"
    root = private_xml.parse_private_xml(text)
    query = private_xml.build_set(root)
    result = private_xml.parse_result(query, "urn:example:prefs")
    assert result is not None
    shown = private_xml.show(result)
    assert canonical(shown) == canonical(text)
    assert shown.startswith('<prefs xmlns="urn:example:prefs"')


def test_empty_private_result_means_nothing_stored() -> None:
    query = private_xml.build_get("prefs", "urn:example:prefs")
    assert private_xml.parse_result(query, "urn:example:prefs") is None


def test_reserved_namespace_is_refused_before_a_query_is_built() -> None:
    with pytest.raises(private_xml.InvalidPrivateXml):
        private_xml.build_get("query", "jabber:iq:roster")


@pytest.mark.parametrize(
    ("condition", "says"),
    [
        ("not-acceptable", "treats it as reserved"),
        ("bad-format", "badly formed"),
        ("forbidden", "only be read and written by its own account"),
        ("service-unavailable", "does not offer private XML storage"),
        ("item-not-found", "has no private data"),
        ("internal-server-error", "(internal-server-error)"),
    ],
)
def test_private_errors_become_sentences(condition: str, says: str) -> None:
    sentence = private_xml.error_sentence(condition, "urn:example:prefs", "details")
    assert says in sentence
    assert "urn:example:prefs" in sentence
    assert sentence.endswith("The server said: details")


def test_serialize_keeps_namespaced_attributes() -> None:
    text = "<a xmlns='urn:a' xmlns:b='urn:b' b:c='1'><d/></a>"
    assert canonical(serialize(parse_untrusted(text))) == canonical(text)
