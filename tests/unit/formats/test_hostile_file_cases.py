"""The hostile cases of the network path, as files: both file readers refuse each in a sentence.

The same tricks a server can send (a DTD, entities, bytes that are not
UTF-8, garbage, nesting ten thousand deep, a date past the year 9999) can
come in an archive file or a XEP-0227 export. Each reader names the file and
what is wrong with it; none raises anything but the project's own errors.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.formats.xep0136_file import read_archive
from archiveviewer.formats.xep0227_file import read_export

SEED = "http://jabber.org/protocol/archive"
PIE = "urn:xmpp:pie:0"
LAUGHS = (
    "<!DOCTYPE r [<!ENTITY lol 'lol'>"
    "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
    "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
)
EXTERNAL = "<!DOCTYPE r [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"


def archive(body: str, prolog: str = "") -> bytes:
    return (
        f"{prolog}<archive xmlns='{SEED}' with='juliet@capulet.lit'>"
        f"<store start='2026-11-30T12:00:00Z'><to secs='1'><body>{body}</body></to></store>"
        "</archive>"
    ).encode()


def export(body: str, prolog: str = "") -> bytes:
    return (
        f"{prolog}<server-data xmlns='{PIE}'><host jid='montague.lit'><user name='romeo'>"
        f"<query xmlns='jabber:iq:private'><notes xmlns='urn:example'>{body}</notes></query>"
        "</user></host></server-data>"
    ).encode()


Make = Callable[[str, str], bytes]
CASES: list[tuple[str, Callable[[Make], bytes], str]] = [
    ("billion-laughs", lambda make: make("&lol3;", LAUGHS), "document type declaration"),
    ("external-entity", lambda make: make("&xxe;", EXTERNAL), "document type declaration"),
    ("undeclared-entity", lambda make: make("&xxe;", ""), "undefined entity"),
    ("invalid-utf8", lambda make: make("BAD", "").replace(b"BAD", b"\xff\xfe"), "invalid token"),
    ("garbage", lambda _make: b"HTTP/1.1 400 Bad Request\r\n\r\n<html>", "not well-formed"),
    ("deep", lambda make: make("<x>" * 10_000 + "</x>" * 10_000, ""), "nested more than"),
]


@pytest.mark.parametrize(("make", "read"), [(archive, read_archive), (export, read_export)],
                         ids=["xep0136-file", "xep0227-export"])  # fmt: skip
@pytest.mark.parametrize(("case", "build", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_trick_is_refused_in_a_sentence_naming_the_file(
    tmp_path: Path,
    make: Make,
    read: Callable[[Path], object],
    case: str,
    build: Callable[[Make], bytes],
    words: str,
) -> None:
    path = tmp_path / "evil.xml"
    path.write_bytes(build(make))
    with pytest.raises(KnownError) as caught:
        read(path)
    assert isinstance(caught.value, MalformedInput), case
    assert "evil.xml" in caught.value.user_message
    assert words in caught.value.user_message


def test_a_start_near_9999_plus_secs_names_the_conversation(tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_bytes(
        f"<archive xmlns='{SEED}' with='juliet@capulet.lit'><store start='9999-12-31T23:59:59Z'>"
        "<to secs='5'><body>a</body></to></store></archive>".encode()
    )
    with pytest.raises(MalformedInput, match=r"starts at 9999-12-31T23:59:59Z.*“secs”"):
        read_archive(path)
