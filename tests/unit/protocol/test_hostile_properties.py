"""Hostile input never raises anything but the project's own errors.

Arbitrary bytes through the safe parser, the stream guard and the file
reader; arbitrary element trees (any tags, attributes, depths, values)
through the codec's readers. Each either gives a result or raises
:class:`~archiveviewer.errors.MalformedInput` (a :class:`KnownError` for a
file that cannot be opened) with a sentence: never ``OverflowError``,
``ValueError``, ``RecursionError`` or a parser's own exception.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiveviewer.domain import Dialect
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.formats.xep0136_file import read_archive
from archiveviewer.protocol import bookmarks, codec, pep, prefs, requests
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.safexml import parse_xml
from archiveviewer.protocol.streamguard import StreamGuard
from archiveviewer.protocol.xmlutil import element_text

SEED = Dialect.SEED.value
URN = Dialect.URN.value

#: Values that have broken readers before, mixed with arbitrary text.
nasty_values = st.sampled_from(
    [
        "99999999999999",
        "-99999999999999",
        "9" * 5000,
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-13-01T25:61:61+99:99",
        "99999-01-01T00:00:00Z",
        "1e309",
        "nan",
        "",
        " ",
        "a@b@c",
        "@",
        "x" * 2000 + "@example.org",
        "juliet@capulet.lit/balcony",
        "true",
        "maybe",
    ]
) | st.text(max_size=30)
attribute_names = st.sampled_from(
    ["with", "start", "secs", "utc", "version", "crypt", "subject", "name", "thread", "x",
     "save", "otr", "expire", "jid", "autojoin", "type", "use", "node", "id", "end", "exactmatch"]
)  # fmt: skip
local_names = st.sampled_from(
    ["store", "chat", "to", "from", "note", "body", "list", "set", "last", "first", "count",
     "changed", "removed", "modified", "EncryptedData", "KeyInfo", "KeyName", "x",
     "pref", "default", "item", "method", "auto", "storage", "conference", "url", "nick",
     "password", "extensions", "event", "items", "retract", "retrieve", "remove", "save"]
)  # fmt: skip
namespaces = st.sampled_from(
    [SEED, URN, "jabber:client", "http://www.w3.org/2001/04/xmlenc#",
     "http://www.w3.org/2000/09/xmldsig#", "http://jabber.org/protocol/rsm", "",
     "storage:bookmarks", "urn:xmpp:bookmarks:1", "http://jabber.org/protocol/pubsub#event"]
)  # fmt: skip


def tag(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}" if namespace else local


def _element(namespace: str, local: str, attrs: dict[str, str], text: str | None) -> ET.Element:
    element = ET.Element(tag(namespace, local), attrs)
    element.text = text
    return element


def _with_children(parent: ET.Element, children: list[ET.Element]) -> ET.Element:
    parent.extend(children)
    return parent


leaves = st.builds(
    _element,
    namespaces,
    local_names,
    st.dictionaries(attribute_names, nasty_values, max_size=4),
    st.none() | st.text(max_size=10),
)


def elements() -> st.SearchStrategy[ET.Element]:
    """Element trees of any shape, from archive-like names and nasty values."""
    return st.recursive(
        leaves,
        lambda children: st.builds(_with_children, leaves, st.lists(children, max_size=4)),
        max_leaves=12,
    )


def readers(element: ET.Element) -> None:
    for dialect in Dialect:
        only_our_errors(codec.collections_in, element, dialect)
        only_our_errors(codec.collection_from_element, element, dialect)
        only_our_errors(requests.changes_from_element, element, dialect)
        only_our_errors(prefs.prefs_from_element, element, dialect)
    for read in (
        lambda: requests.page_from_element(element),
        lambda: requests.request_from_element(element),
        lambda: prefs.auto_from_element(element),
        lambda: bookmarks.parse_storage(element),
        lambda: bookmarks.parse_native("room@conference.verona.lit", element),
        lambda: pep.parse_event(element),
        lambda: element_text(element),
    ):
        only_our_errors(read)


def only_our_errors(call: object, *args: object) -> None:
    """Run ``call``: it may succeed or raise a KnownError with a sentence, nothing else."""
    error: KnownError | None = None
    try:
        call(*args)  # type: ignore[operator]
    except KnownError as exc:
        error = exc
    assert error is None or error.user_message.strip()


@settings(max_examples=150)
@given(elements())
def test_arbitrary_element_trees_give_collections_or_malformed_input(root: ET.Element) -> None:
    only_our_errors(readers, root)


@given(st.integers(min_value=1, max_value=3000))
def test_any_depth_built_in_code_is_read_or_refused(depth: int) -> None:
    names = names_of(Dialect.SEED)
    store = ET.Element(
        names.tag("store"), {"with": "juliet@capulet.lit", "start": "2026-01-01T00:00:00Z"}
    )
    message = ET.SubElement(store, names.tag("to"), {"secs": "1"})
    node = message
    for _ in range(depth):
        node = ET.SubElement(node, "x")
    only_our_errors(codec.collection_from_element, store, Dialect.SEED)


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_parsed_or_refused(data: bytes) -> None:
    only_our_errors(parse_xml, data)
    only_our_errors(StreamGuard().check, data)


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_arbitrary_text_is_parsed_or_refused(data: str) -> None:
    only_our_errors(parse_xml, data)


def archive_text(element: ET.Element) -> bytes:
    root = ET.Element(f"{{{SEED}}}archive")
    root.append(element)
    return ET.tostring(root)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), elements().map(archive_text)))
def test_arbitrary_archive_files_are_read_or_refused(data: bytes) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "archive.xml"
        path.write_bytes(data)
        error: MalformedInput | None = None
        try:
            read_archive(path)
        except MalformedInput as exc:
            error = exc
    assert error is None or error.user_message.startswith(
        "“archive.xml” is not a readable archive file."
    )
