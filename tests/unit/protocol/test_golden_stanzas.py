"""The slixmpp stanza classes against every golden example, as slixmpp's own tests check.

Every golden ``<iq/>`` is parsed into slixmpp's ``Iq`` with our plugins
registered, and must come out again from its values alone (which proves each
element and attribute is known to a stanza class). Requests are also built
in code through the stanza interfaces and read back through them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from slixmpp.stanza import Iq

from archiveviewer.protocol.stanza import register_stanza_plugins

from .golden import DATA, differences, load

#: Files whose payload holds elements of other specs (XML Encryption, XML
#: Signature key names) that no stanza class of ours stands for: slixmpp keeps
#: them in the XML but not in ``values``.
FOREIGN = {
    "seed/21-storing-encrypted-messages-and-keys-in-a-collection.xml",
    "seed/23-client-enables-auto-archiving-with-encryption.xml",
    "seed/36-receiving-the-first-page-of-an-encrypted-collection.xml",
    "seed/37-requesting-the-first-page-of-an-encrypted-collection-with-specified-version-of"
    "-keys.xml",
    "seed/46-requesting-the-first-page-of-a-list-of-keys.xml",
    "seed/47-receiving-the-first-page-of-a-list-of-keys.xml",
    "seed/48-storing-encrypted-keys-in-a-collection.xml",
    "seed/49-deleting-obsolete-encrypted-keys.xml",
}
IQ_FILES = sorted(
    str(p.relative_to(DATA)) for p in DATA.glob("*/*.xml") if "example-file" not in p.name
)


@pytest.fixture(scope="module", autouse=True)
def _registered() -> None:
    register_stanza_plugins()


def _as_client_iq(name: str) -> ET.Element:
    """The golden iq in jabber:client, as slixmpp's stream parser would deliver it."""
    root = load(name)
    root.tag = "{jabber:client}iq"
    return root


@pytest.mark.parametrize("name", [n for n in IQ_FILES if n not in FOREIGN])
def test_rebuilt_from_its_values(name: str) -> None:
    parsed = Iq(xml=_as_client_iq(name))
    rebuilt = Iq()
    rebuilt.values = parsed.values
    # slixmpp gives every iq an id; some of the seed's examples have none.
    assert differences(rebuilt.xml, _as_client_iq(name), ignore_attrs=frozenset({"id"})) == []


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_foreign_children_survive_parsing(name: str) -> None:
    parsed = Iq(xml=_as_client_iq(name))
    assert differences(parsed.xml, _as_client_iq(name)) == []


# (file, plugin attribute, interface values read from the XML, RSM values)
REQUESTS: list[tuple[str, str, dict[str, str], dict[str, str]]] = [
    ("seed/24-requesting-the-first-page-of-a-list-with-same-jid.xml", "archive_seed_list",
     {"with": "juliet@capulet.com"}, {"max": "30"}),
    ("seed/25-requesting-the-first-page-of-a-list-with-same-jid-between-two-times.xml",
     "archive_seed_list",
     {"with": "juliet@capulet.com", "start": "1469-07-21T02:00:00Z",
      "end": "1479-07-21T04:00:00Z"}, {"max": "30"}),
    ("seed/29-requesting-the-second-page-of-a-list.xml", "archive_seed_list",
     {"start": "1469-07-21T02:00:00Z"},
     {"max": "30", "after": "1469-07-21T03:16:37Zbalcony@house.capulet.com"}),
    ("seed/34-requesting-the-second-page-of-a-collection.xml", "archive_seed_retrieve",
     {"with": "juliet@capulet.com/chamber", "start": "1469-07-21T02:56:15Z"},
     {"max": "100", "after": "99"}),
    ("seed/39-removing-all-collections-with-a-specified-bare-jid-between-two-times.xml",
     "archive_seed_remove",
     {"with": "juliet@capulet.com", "start": "1469-07-21T02:00:00Z",
      "end": "1469-07-21T04:00:00Z"}, {}),
    ("seed/43-removing-a-collection-being-recorded-by-the-server.xml", "archive_seed_remove",
     {"with": "juliet@capulet.com/chamber", "open": "true"}, {}),
    ("seed/50-requesting-a-page-of-modifications.xml", "archive_seed_modified", {},
     {"max": "50", "after": "1469-07-21T01:14:47Z"}),
    ("seed/22-client-enables-auto-archiving.xml", "archive_seed_auto", {"save": "true"}, {}),
    ("urn/15-requesting-a-list-with-same-jid-between-two-times.xml", "archive_urn_list",
     {"with": "juliet@capulet.com", "start": "1469-07-21T02:00:00Z",
      "end": "1479-07-21T04:00:00Z"}, {"max": "30"}),
    ("urn/17-requesting-the-first-page-of-a-collection.xml", "archive_urn_retrieve",
     {"with": "juliet@capulet.com/chamber", "start": "1469-07-21T02:56:15Z"}, {"max": "100"}),
    ("urn/22-removing-all-collections-being-recorded.xml", "archive_urn_remove",
     {"open": "true"}, {}),
    ("urn/23-requesting-a-page-of-modifications.xml", "archive_urn_modified",
     {"start": "1469-07-21T01:14:47Z"}, {"max": "50"}),
    ("urn/13-client-enables-auto-archiving.xml", "archive_urn_auto", {"save": "true"}, {}),
]


@pytest.mark.parametrize(("name", "attrib", "values", "rsm"), REQUESTS, ids=lambda v: str(v))
def test_requests_parsed_from_xml(
    name: str, attrib: str, values: dict[str, str], rsm: dict[str, str]
) -> None:
    stanza = Iq(xml=_as_client_iq(name))[attrib]
    assert {k: stanza[k] for k in values} == values
    assert {k: stanza["rsm"][k] for k in rsm} == rsm


@pytest.mark.parametrize(("name", "attrib", "values", "rsm"), REQUESTS, ids=lambda v: str(v))
def test_requests_built_in_code(
    name: str, attrib: str, values: dict[str, str], rsm: dict[str, str]
) -> None:
    golden = _as_client_iq(name)
    iq = Iq()
    iq["type"], iq["id"] = golden.get("type"), golden.get("id")
    for key in ("to", "from"):
        if golden.get(key):
            iq[key] = golden.get(key)
    stanza = iq[attrib]
    for key, value in values.items():
        stanza[key] = value
    for key, value in rsm.items():
        stanza["rsm"][key] = value
    assert differences(iq.xml, golden) == []


def test_both_families_plug_into_one_iq_side_by_side() -> None:
    iq = Iq()
    iq["archive_seed_list"]["with"] = "juliet@capulet.com"
    iq["archive_urn_list"]["with"] = "nurse@capulet.lit"
    namespaces = sorted(child.tag for child in iq.xml)
    assert namespaces == [
        "{http://jabber.org/protocol/archive}list",
        "{urn:xmpp:archive}list",
    ]


def test_collection_items_keep_document_order() -> None:
    iq = Iq(xml=_as_client_iq("seed/15-storing-messages-in-a-collection.xml"))
    store: Any = iq["archive_seed_store"]
    kinds = [(item.name, item["body"] if item.name != "note" else item["text"])
             for item in store.iterables]
    assert kinds == [
        ("from", "Art thou not Romeo, and a Montague?"),
        ("to", "Neither, fair saint, if either thee dislike."),
        ("from", "How cam'st thou hither, tell me, and wherefore?"),
        ("note", "I think she might fancy me."),
    ]


def test_plugin_attribs_follow_the_dialect_table() -> None:
    from archiveviewer.domain import Dialect
    from archiveviewer.protocol import stanza
    from archiveviewer.protocol.names import names_of

    classes = [c for name, c in vars(stanza).items() if name.startswith(("Seed", "Urn"))]
    assert len(classes) > 30
    for cls in classes:
        names = names_of(Dialect(cls.namespace))
        assert cls.plugin_attrib == names.plugin_attrib(cls.name), cls
