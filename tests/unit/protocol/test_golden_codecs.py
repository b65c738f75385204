"""Every protocol example of XEP-0136 (seed and 1.x), checked three ways.

Each case names a golden file, the domain values it stands for, a function
that builds the element from those values and one that reads them back:

1. built in code: ``build(values)`` is the golden XML;
2. parsed from XML: ``parse(golden)`` gives the values;
3. rebuilt from its values: ``build(parse(golden))`` is the golden XML again.

Requests the client only sends (list, retrieve, remove, …) are read back by
``request_from_element`` in test_golden_requests.py.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from archiveviewer.domain import (
    AutoArchiving,
    Change,
    ChangeKind,
    Collection,
    CollectionId,
    Dialect,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    MethodUse,
    Note,
    OtrMode,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.protocol.codec import (
    collection_element,
    collection_from_element,
    collections_in,
    store_element,
)
from archiveviewer.protocol.prefs import (
    auto_element,
    auto_from_element,
    itemremove_element,
    pref_element,
    prefs_from_element,
    sessionremove_element,
)
from archiveviewer.protocol.requests import (
    PageRequest,
    PageResult,
    changes_from_element,
    delete_element,
    keys_element,
    list_element,
    modified_element,
    page_from_element,
    remove_element,
    retrieve_element,
)
from archiveviewer.protocol.xep0082 import EARLIEST
from archiveviewer.protocol.xmlutil import element_text

from .golden import RSM_SET, differences, payload

SEED, URN = Dialect.SEED, Dialect.URN
SEED_NS = "{http://jabber.org/protocol/archive}"
URN_NS = "{urn:xmpp:archive}"
XMLENC = "{http://www.w3.org/2001/04/xmlenc#}"


def t(hms: str, day: str = "1469-07-21") -> datetime:
    return datetime.fromisoformat(f"{day}T{hms}+00:00").astimezone(UTC)


JULIET = "juliet@capulet.com/chamber"
BALCONY = "balcony@house.capulet.com"
SHE_SPEAKS = CollectionId(start=t("02:56:15"), with_jid=JULIET)
ENCRYPTED = CollectionId(start=t("19:22:31", "1469-07-23"), with_jid=JULIET)

ART_THOU = "Art thou not Romeo, and a Montague?"
NEITHER = "Neither, fair saint, if either thee dislike."
HOW_CAMST = "How cam'st thou hither, tell me, and wherefore?"


def after(start: datetime, secs: int) -> datetime:
    return start + timedelta(seconds=secs)


def balcony_scene(third_at: int, *, offline: bool = False, note: bool = True) -> tuple[Any, ...]:
    start = SHE_SPEAKS.start
    first = Message(Direction.FROM, t("00:32:29") if offline else start, ART_THOU)
    items: list[Any] = [
        first,
        Message(Direction.TO, after(start, 11), NEITHER),
        Message(Direction.FROM, after(start, third_at), HOW_CAMST),
    ]
    if note:
        items.append(Note("I think she might fancy me.", t("03:04:35")))
    return tuple(items)


def groupchat(secs: tuple[int, int, int], second_line: str) -> Collection:
    start = t("03:16:37")
    return Collection(
        id=CollectionId(start=start, with_jid=BALCONY),
        items=(
            Message(Direction.FROM, after(start, secs[0]), second_line, nick="benvolio"),
            Message(Direction.FROM, after(start, secs[1]), "A bawd, a bawd, a bawd! So ho!",
                    nick="mercutio"),
            Message(Direction.FROM, after(start, secs[2]), "What hast thou found?", nick="romeo"),
        ),
    )


def encrypted_items(element: ET.Element) -> tuple[EncryptedItem, ...]:
    """The values of the Encrypted* children, their XML taken from the golden file."""
    found = []
    for child in element:
        kind = child.tag.removeprefix(XMLENC)
        if kind not in ("EncryptedData", "EncryptedKey"):
            continue
        key = child.findtext("{http://www.w3.org/2000/09/xmldsig#}KeyInfo/"
                             "{http://www.w3.org/2000/09/xmldsig#}KeyName")
        carried = child.findtext(f"{XMLENC}CarriedKeyName")
        found.append(EncryptedItem(EncryptedKind(kind), element_text(child), key, carried))
    return tuple(found)


@dataclass(frozen=True)
class Case:
    file: str
    values: Any
    build: Callable[[Any], ET.Element]
    parse: Callable[[ET.Element], Any] | None = None
    #: tags the builder does not write (the RSM set of a result) and attributes it drops
    drop: frozenset[str] = frozenset()
    ignore_attrs: frozenset[str] = frozenset()


def seed_pref(values: Prefs) -> ET.Element:
    return pref_element(values, SEED)


def urn_pref(values: Prefs) -> ET.Element:
    return pref_element(values, URN)


def seed_collection(values: Collection) -> ET.Element:
    return collection_element(values, SEED)


def urn_collection(values: Collection) -> ET.Element:
    return collection_element(values, URN)


def seed_store(values: Collection) -> ET.Element:
    return store_element(values, SEED)


def urn_save(values: Collection) -> ET.Element:
    return store_element(values, URN)


def read_seed_collection(element: ET.Element) -> Collection:
    return collection_from_element(element, SEED)


def read_urn_collection(element: ET.Element) -> Collection:
    return collection_from_element(element, URN)


def read_urn_save(element: ET.Element) -> Collection:
    (chat,) = collections_in(element, URN)
    return chat


def list_result(dialect: Dialect) -> Callable[[list[Collection]], ET.Element]:
    def build(values: list[Collection]) -> ET.Element:
        element = list_element(dialect)
        element.extend(collection_element(c, dialect) for c in values)
        return element

    return build


def modified_result(dialect: Dialect) -> Callable[[list[Change]], ET.Element]:
    def build(values: list[Change]) -> ET.Element:
        ns = SEED_NS if dialect is SEED else URN_NS
        element = ET.Element(f"{ns}modified")
        for change in values:
            child = ET.SubElement(element, f"{ns}{change.kind.value}")
            child.set("with", change.id.with_jid)
            child.set("start", change.id.start.strftime("%Y-%m-%dT%H:%M:%SZ"))
            if change.version is not None:
                child.set("version", str(change.version))
        return element

    return build


SEED_PREFS_RESULT = Prefs(
    default=SaveRule(SaveMode.BODY, OtrMode.ALLOW, expire=31536000),
    items=(
        SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid="romeo@montague.net"),
        SaveRule(SaveMode.ALL, OtrMode.DENY, jid="benvolio@montague.net", expire=630720000),
    ),
    methods=(("auto", MethodUse.NEVER), ("local", MethodUse.ALLOW), ("manual", MethodUse.PREFER)),
    auto=AutoArchiving(save=False),
)
SEED_DEFAULT_TRY = Prefs(default=SaveRule(SaveMode.FALSE, OtrMode.TRY))
SEED_ROMEO_ITEM = Prefs(
    items=(SaveRule(SaveMode.BODY, OtrMode.ALLOW, jid="romeo@montague.net", expire=604800),)
)
SEED_METHODS = Prefs(
    methods=(("auto", MethodUse.ALLOW), ("local", MethodUse.NEVER), ("manual", MethodUse.PREFER))
)

LIST_PAGE = [
    Collection(id=SHE_SPEAKS, subject="She speaks!", crypt=True),
    Collection(id=CollectionId(start=t("03:16:37"), with_jid=BALCONY)),
]

SEED_CASES = [
    Case("seed/03-client-requests-archiving-preferences.xml", Prefs(), seed_pref,
         lambda e: prefs_from_element(e, SEED)),
    Case("seed/04-server-returns-preferences.xml", SEED_PREFS_RESULT, seed_pref,
         lambda e: prefs_from_element(e, SEED)),
    Case("seed/05-server-returns-service-default-preferences.xml",
         Prefs(default=SaveRule(SaveMode.FALSE, OtrMode.ALLOW, unset=True),
               methods=(("auto", MethodUse.ALLOW), ("local", MethodUse.ALLOW),
                        ("manual", MethodUse.ALLOW)),
               auto=AutoArchiving(save=False)),
         seed_pref, lambda e: prefs_from_element(e, SEED)),
    *[Case(f"seed/{name}.xml", SEED_DEFAULT_TRY, seed_pref, lambda e: prefs_from_element(e, SEED))
      for name in ("06-client-sets-default-modes", "08-server-pushes-new-modes-1",
                   "08-server-pushes-new-modes-2")],
    *[Case(f"seed/{name}.xml", SEED_ROMEO_ITEM, seed_pref, lambda e: prefs_from_element(e, SEED))
      for name in ("09-client-sets-modes-for-a-contact", "11-server-pushes-new-modes-1",
                   "11-server-pushes-new-modes-2")],
    *[Case(f"seed/{name}.xml", SEED_METHODS, seed_pref, lambda e: prefs_from_element(e, SEED))
      for name in ("12-client-sets-method-preferences",
                   "14-server-pushes-new-method-preferences-1",
                   "14-server-pushes-new-method-preferences-2")],
    Case("seed/15-storing-messages-in-a-collection.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!", items=balcony_scene(25)),
         seed_store, read_seed_collection),
    Case("seed/18-storing-offline-messages-in-a-collection.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!",
                    items=balcony_scene(25, offline=True, note=False)),
         seed_store, read_seed_collection),
    Case("seed/19-storing-groupchat-messages-in-a-collection.xml",
         groupchat((0, 5, 16), "She will indite him to some supper."),
         seed_store, read_seed_collection),
    Case("seed/20-changing-the-subject-of-a-collection-without-appending-messages.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks twice!"), seed_store, read_seed_collection),
    Case("seed/22-client-enables-auto-archiving.xml", AutoArchiving(save=True),
         lambda v: auto_element(v, SEED), auto_from_element),
    Case("seed/27-receiving-the-first-page-of-a-list.xml", LIST_PAGE, list_result(SEED),
         lambda e: collections_in(e, SEED), drop=frozenset({RSM_SET})),
    Case("seed/28-receiving-an-empty-list.xml", [], list_result(SEED),
         lambda e: collections_in(e, SEED)),
    Case("seed/31-receiving-the-first-page-of-a-collection.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!", items=balcony_scene(25, note=False)),
         seed_collection, read_seed_collection, drop=frozenset({RSM_SET})),
    Case("seed/33-receiving-an-empty-collection.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!"), seed_collection, read_seed_collection),
    Case("seed/51-receiving-a-page-of-modifications.xml",
         [Change(ChangeKind.CHANGED, SHE_SPEAKS),
          Change(ChangeKind.REMOVED, CollectionId(start=t("03:16:37"), with_jid=BALCONY))],
         modified_result(SEED), lambda e: changes_from_element(e, SEED),
         drop=frozenset({RSM_SET})),
    Case("seed/52-example-file.xml",
         [Collection(id=CollectionId(start=SHE_SPEAKS.start, with_jid="juliet@capulet.com"),
                     subject="She speaks!", items=balcony_scene(25, note=False))],
         lambda v: _archive_file(v), lambda e: collections_in(e, SEED)),
    # requests: built in code here, read back in test_golden_requests.py
    Case("seed/24-requesting-the-first-page-of-a-list-with-same-jid.xml", None,
         lambda _: list_element(SEED, with_jid="juliet@capulet.com", page=PageRequest(max=30))),
    Case("seed/25-requesting-the-first-page-of-a-list-with-same-jid-between-two-times.xml", None,
         lambda _: list_element(SEED, with_jid="juliet@capulet.com", start=t("02:00:00"),
                                end=t("04:00:00", "1479-07-21"), page=PageRequest(max=30))),
    Case("seed/26-requesting-the-first-page-of-a-list-after-a-time.xml", None,
         lambda _: list_element(SEED, start=t("02:00:00"), page=PageRequest(max=30))),
    Case("seed/29-requesting-the-second-page-of-a-list.xml", None,
         lambda _: list_element(SEED, start=t("02:00:00"), page=PageRequest(
             max=30, after="1469-07-21T03:16:37Zbalcony@house.capulet.com"))),
    Case("seed/30-requesting-the-first-page-of-a-collection.xml", None,
         lambda _: retrieve_element(SEED, SHE_SPEAKS, page=PageRequest(max=100))),
    Case("seed/34-requesting-the-second-page-of-a-collection.xml", None,
         lambda _: retrieve_element(SEED, SHE_SPEAKS, page=PageRequest(max=100, after="99"))),
    Case("seed/35-requesting-the-first-page-of-an-encrypted-collection-with-all-versions-of-keys"
         ".xml", None, lambda _: retrieve_element(SEED, ENCRYPTED, page=PageRequest(max=5))),
    Case("seed/37-requesting-the-first-page-of-an-encrypted-collection-with-specified-version-of"
         "-keys.xml", None,
         lambda _: retrieve_element(SEED, ENCRYPTED, page=PageRequest(max=1),
                                    key_names=["romeoPublicKey1fingerprint"])),
    Case("seed/38-removing-a-single-collection.xml", None,
         lambda _: remove_element(SEED, with_jid=JULIET, start=SHE_SPEAKS.start)),
    Case("seed/39-removing-all-collections-with-a-specified-bare-jid-between-two-times.xml", None,
         lambda _: remove_element(SEED, with_jid="juliet@capulet.com", start=t("02:00:00"),
                                  end=t("04:00:00"))),
    Case("seed/40-removing-all-collections-after-a-date.xml", None,
         lambda _: remove_element(SEED, start=t("02:00:00"), end=t("00:00:00", "2038-01-01"))),
    Case("seed/41-removing-all-collections-before-a-date.xml", None,
         lambda _: remove_element(SEED, start=EARLIEST, end=t("04:00:00"))),
    Case("seed/42-removing-all-collections.xml", None, lambda _: remove_element(SEED)),
    Case("seed/43-removing-a-collection-being-recorded-by-the-server.xml", None,
         lambda _: remove_element(SEED, with_jid=JULIET, open_only=True)),
    Case("seed/44-removing-all-collections-being-recorded-by-the-server.xml", None,
         lambda _: remove_element(SEED, open_only=True)),
    Case("seed/46-requesting-the-first-page-of-a-list-of-keys.xml", None,
         lambda _: keys_element(["romeoPublicKey1fingerprint"], page=PageRequest(max=50))),
    Case("seed/49-deleting-obsolete-encrypted-keys.xml", None,
         lambda _: delete_element(ENCRYPTED, ["romeoPublicKey1fingerprint"])),
    Case("seed/50-requesting-a-page-of-modifications.xml", None,
         lambda _: modified_element(SEED, t("01:14:47"), page=PageRequest(max=50))),
]


def _archive_file(values: list[Collection]) -> ET.Element:
    element = ET.Element(f"{SEED_NS}archive", {"with": values[0].with_jid})
    for collection in values:
        store = collection_element(collection, SEED)
        del store.attrib["with"]
        element.append(store)
    return element


URN_PREFS_RESULT = Prefs(
    default=SaveRule(SaveMode.BODY, OtrMode.CONCEDE, expire=31536000),
    items=(
        SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid="romeo@montague.net"),
        SaveRule(SaveMode.MESSAGE, OtrMode.FORBID, jid="benvolio@montague.net",
                 expire=630720000),
    ),
    methods=(("auto", MethodUse.FORBID), ("local", MethodUse.CONCEDE),
             ("manual", MethodUse.PREFER)),
    auto=AutoArchiving(save=False),
)
URN_LIST_PAGE = [
    Collection(id=SHE_SPEAKS, subject="She speaks!", version=4),
    Collection(id=CollectionId(start=t("03:16:37"), with_jid=BALCONY), version=0),
]

URN_CASES = [
    Case("urn/01-complete-preferences.xml", URN_PREFS_RESULT, urn_pref,
         lambda e: prefs_from_element(e, URN)),
    Case("urn/02-service-default-preferences.xml",
         Prefs(default=SaveRule(SaveMode.FALSE, OtrMode.CONCEDE, unset=True),
               methods=(("auto", MethodUse.CONCEDE), ("local", MethodUse.CONCEDE),
                        ("manual", MethodUse.CONCEDE)),
               auto=AutoArchiving(save=False)),
         urn_pref, lambda e: prefs_from_element(e, URN)),
    Case("urn/03-client-sets-default-modes.xml",
         Prefs(default=SaveRule(SaveMode.FALSE, OtrMode.PREFER)), urn_pref,
         lambda e: prefs_from_element(e, URN)),
    Case("urn/04-client-sets-modes-for-a-contact.xml",
         Prefs(items=(SaveRule(SaveMode.BODY, OtrMode.CONCEDE, jid="romeo@montague.net",
                               expire=604800),)),
         urn_pref, lambda e: prefs_from_element(e, URN)),
    Case("urn/05-client-removes-preferences-for-a-contact.xml", ["benvolio@montague.net"],
         itemremove_element),
    Case("urn/06-client-removes-session-preferences.xml", ["ffd7076498744578d10edabfe7f4a866"],
         sessionremove_element),
    Case("urn/07-client-sets-method-preferences.xml",
         Prefs(methods=(("auto", MethodUse.CONCEDE), ("local", MethodUse.FORBID),
                        ("manual", MethodUse.PREFER))),
         urn_pref, lambda e: prefs_from_element(e, URN)),
    Case("urn/08-storing-messages-in-a-collection.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!", thread="damduoeg08",
                    items=balcony_scene(18)),
         urn_save, read_urn_save),
    Case("urn/09-collection-created.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!", thread="damduoeg08", version=0),
         lambda v: _wrap_save(urn_collection(v)), read_urn_save),
    Case("urn/10-changing-the-subject.xml", Collection(id=SHE_SPEAKS, subject="She speaks twice!"),
         urn_save, read_urn_save),
    Case("urn/11-storing-offline-messages.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!",
                    items=balcony_scene(18, offline=True, note=False)),
         urn_save, read_urn_save),
    Case("urn/12-storing-groupchat-messages.xml",
         groupchat((0, 6, 9), "She will invite him to some supper."), urn_save, read_urn_save,
         ignore_attrs=frozenset({"jid"})),  # the sender's real JID has no place in the model
    Case("urn/13-client-enables-auto-archiving.xml", AutoArchiving(save=True),
         lambda v: auto_element(v, URN), auto_from_element),
    Case("urn/14-client-disables-auto-archiving.xml", AutoArchiving(save=False),
         lambda v: auto_element(v, URN), auto_from_element),
    Case("urn/16-receiving-the-first-page-of-a-list.xml", URN_LIST_PAGE, list_result(URN),
         lambda e: collections_in(e, URN), drop=frozenset({RSM_SET})),
    Case("urn/18-receiving-the-first-page-of-a-collection.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!", version=4,
                    items=balcony_scene(18, note=False)),
         urn_collection, read_urn_collection, drop=frozenset({RSM_SET})),
    Case("urn/19-receiving-an-empty-collection.xml",
         Collection(id=SHE_SPEAKS, subject="She speaks!", version=5), urn_collection,
         read_urn_collection),
    Case("urn/24-receiving-a-page-of-modifications.xml",
         [Change(ChangeKind.CHANGED, SHE_SPEAKS, version=0),
          Change(ChangeKind.REMOVED, CollectionId(start=t("03:16:37"), with_jid=BALCONY),
                 version=3)],
         modified_result(URN), lambda e: changes_from_element(e, URN),
         drop=frozenset({RSM_SET})),
    Case("urn/15-requesting-a-list-with-same-jid-between-two-times.xml", None,
         lambda _: list_element(URN, with_jid="juliet@capulet.com", start=t("02:00:00"),
                                end=t("04:00:00", "1479-07-21"), page=PageRequest(max=30))),
    Case("urn/17-requesting-the-first-page-of-a-collection.xml", None,
         lambda _: retrieve_element(URN, SHE_SPEAKS, page=PageRequest(max=100))),
    Case("urn/20-removing-a-single-collection.xml", None,
         lambda _: remove_element(URN, with_jid=JULIET, start=SHE_SPEAKS.start)),
    Case("urn/21-removing-all-collections-before-a-date.xml", None,
         lambda _: remove_element(URN, start=EARLIEST, end=t("04:00:00"))),
    Case("urn/22-removing-all-collections-being-recorded.xml", None,
         lambda _: remove_element(URN, open_only=True)),
    Case("urn/23-requesting-a-page-of-modifications.xml", None,
         lambda _: modified_element(URN, t("01:14:47"), page=PageRequest(max=50))),
]


def _wrap_save(chat: ET.Element) -> ET.Element:
    save = ET.Element(f"{URN_NS}save")
    save.append(chat)
    return save


CASES = SEED_CASES + URN_CASES


def _check(got: ET.Element, case: Case) -> None:
    problems = differences(got, payload(case.file), drop=case.drop,
                           ignore_attrs=case.ignore_attrs)
    assert problems == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file)
def test_built_in_code(case: Case) -> None:
    _check(case.build(case.values), case)


@pytest.mark.parametrize("case", [c for c in CASES if c.parse], ids=lambda c: c.file)
def test_parsed_from_xml(case: Case) -> None:
    assert case.parse is not None
    assert case.parse(payload(case.file)) == case.values


@pytest.mark.parametrize("case", [c for c in CASES if c.parse], ids=lambda c: c.file)
def test_rebuilt_from_its_values(case: Case) -> None:
    assert case.parse is not None
    _check(case.build(case.parse(payload(case.file))), case)


# --- the examples with encrypted items: key names read, XML kept whole ----------------

ENCRYPTED_FILES = [
    ("seed/21-storing-encrypted-messages-and-keys-in-a-collection.xml", "She speaks!"),
    ("seed/36-receiving-the-first-page-of-an-encrypted-collection.xml", "She speaks!"),
    ("seed/48-storing-encrypted-keys-in-a-collection.xml", None),
]


@pytest.mark.parametrize(("file", "subject"), ENCRYPTED_FILES)
def test_encrypted_collections_three_ways(file: str, subject: str | None) -> None:
    golden = payload(file)
    values = Collection(id=ENCRYPTED, subject=subject, items=encrypted_items(golden))
    drop = frozenset({RSM_SET})
    assert read_seed_collection(golden) == values
    assert differences(seed_store(values), golden, drop=drop) == []
    assert differences(seed_store(read_seed_collection(golden)), golden, drop=drop) == []


def test_encrypted_items_name_their_keys() -> None:
    items = read_seed_collection(
        payload("seed/21-storing-encrypted-messages-and-keys-in-a-collection.xml")
    ).encrypted
    assert [(i.kind, i.key_name, i.carried_key_name) for i in items] == [
        (EncryptedKind.DATA, "dataKey1", None),
        (EncryptedKind.KEY, "romeoPublicKey1fingerprint", "dataKey1"),
        (EncryptedKind.KEY, "romeoPublicKey2fingerprint", "dataKey1"),
    ]


def test_keys_result_lists_encrypted_keys_per_collection() -> None:
    (collection,) = collections_in(
        payload("seed/47-receiving-the-first-page-of-a-list-of-keys.xml"), SEED
    )
    assert collection.id == ENCRYPTED
    assert [(i.key_name, i.carried_key_name) for i in collection.encrypted] == [
        ("romeoPublicKey1fingerprint", "dataKey1"),
        ("romeoPublicKey1fingerprint", "dataKey2"),
    ]


def test_auto_with_encryption_and_public_keys() -> None:
    golden = payload("seed/23-client-enables-auto-archiving-with-encryption.xml")
    assert auto_from_element(golden) == AutoArchiving(save=True, encrypt=True)
    key_info = [element_text(child) for child in golden]
    built = auto_element(AutoArchiving(save=True, encrypt=True), SEED, key_info=key_info)
    assert differences(built, golden) == []


# --- paging --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("seed/27-receiving-the-first-page-of-a-list.xml",
         PageResult("1469-07-21T02:56:15Zjuliet@capulet.com", 0,
                    "1469-07-21T03:16:37Zbalcony@house.capulet.com", 1372)),
        ("seed/31-receiving-the-first-page-of-a-collection.xml", PageResult("0", 0, "99", 217)),
        ("seed/36-receiving-the-first-page-of-an-encrypted-collection.xml",
         PageResult("0", 0, "4", 7)),
        ("seed/51-receiving-a-page-of-modifications.xml",
         PageResult(None, None, "1469-07-21T04:22:39Z", 1372)),
        ("urn/24-receiving-a-page-of-modifications.xml",
         PageResult(None, None, "ja923ljasnvla09woei777", 1372)),
        ("seed/28-receiving-an-empty-list.xml", None),
    ],
)
def test_result_pages(file: str, expected: PageResult | None) -> None:
    assert page_from_element(payload(file)) == expected
