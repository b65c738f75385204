"""Every codec and file reader, fed well-shaped documents with hostile values in every slot.

Arbitrary trees (``test_hostile_properties``) seldom have the shape a reader
walks deeply: a ``<store/>`` with messages, a MAM result with its
``<forwarded/>`` and ``<delay/>``, a XEP-0227 user. Here each document has
its real shape, and hypothesis puts a nasty value (or nothing) in each
attribute and text, and leaves elements out. Each reader either gives a
result or raises :class:`~archiveviewer.errors.MalformedInput` (a
:class:`~archiveviewer.errors.KnownError` for a file) with a sentence: never
``OverflowError``, ``ValueError``, ``KeyError`` or a parser's own exception.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiveviewer.domain import Dialect
from archiveviewer.errors import KnownError
from archiveviewer.formats import xep0227
from archiveviewer.formats.xep0136_file import read_archive
from archiveviewer.formats.xep0227_file import read_export
from archiveviewer.protocol import codec, entries, mam, pep, prefs, private_xml, requests
from archiveviewer.protocol.mam import ArchiveTarget
from archiveviewer.protocol.safexml import parse_xml
from tests.unit.protocol.test_hostile_properties import elements, nasty_values, only_our_errors

ACCOUNT = "romeo@montague.lit"
ROOM = "balcony@conference.capulet.lit"
RSM = "http://jabber.org/protocol/rsm"
XENC = "http://www.w3.org/2001/04/xmlenc#"
DSIG = "http://www.w3.org/2000/09/xmldsig#"


#: A value for one slot: usually a sensible one, sometimes a nasty one or none.
def slot(*sensible: str) -> st.SearchStrategy[str | None]:
    # Mostly sensible, so that readers get deep into a document before they meet the nasty one.
    choice: st.SearchStrategy[str | None] = st.sampled_from(sensible)
    return st.integers(0, 9).flatmap(
        lambda n: choice if n < 8 else nasty_values if n < 9 else st.none()
    )


def attrs(**slots: st.SearchStrategy[str | None]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(slots).map(
        lambda values: {k.rstrip("_"): v for k, v in values.items() if v is not None}
    )


def el(
    tag: str, attributes: dict[str, str], *children: ET.Element | None, text: str | None = None
) -> ET.Element:
    element = ET.Element(tag, attributes)
    element.text = text
    element.extend(child for child in children if child is not None)
    return element


def maybe(strategy: st.SearchStrategy[ET.Element]) -> st.SearchStrategy[ET.Element | None]:
    return st.one_of(strategy, strategy, strategy, st.none())


times = ("2026-11-30T10:00:00Z", "2026-11-30T10:00:00.123456+02:00", "9999-12-31T23:59:59Z")


# --- XEP-0136 pages: retrieve, list, modified, prefs (both dialects) ---------------------


def collection(dialect: Dialect) -> st.SearchStrategy[ET.Element]:
    ns = dialect.value
    names = "store" if dialect is Dialect.SEED else "chat"
    encrypted = st.builds(
        lambda a, key: el(f"{{{XENC}}}{a}", {}, el(f"{{{DSIG}}}KeyInfo", {}, el(
            f"{{{DSIG}}}KeyName", {}, text=key)) if key is not None else None),
        st.sampled_from(["EncryptedData", "EncryptedKey"]),
        slot("key-1"),
    )  # fmt: skip
    message = st.builds(
        lambda tag, a, body: el(f"{{{ns}}}{tag}", a, el(f"{{{ns}}}body", {}, text=body)),
        st.sampled_from(["to", "from"]),
        attrs(secs=slot("0", "1", "86400"), utc=slot(*times), name=slot("Juliet"),
              jid=slot("juliet@capulet.lit/balcony")),
        slot("wherefore art thou"),
    )  # fmt: skip
    note = st.builds(lambda a, text: el(f"{{{ns}}}note", a, text=text), attrs(utc=slot(*times)),
                     slot("a note"))  # fmt: skip
    rsm = st.builds(
        lambda count, last: el(f"{{{RSM}}}set", {}, el(f"{{{RSM}}}count", {}, text=count),
                               el(f"{{{RSM}}}last", {}, text=last)),
        slot("3"), slot("2"),
    )  # fmt: skip
    return st.builds(
        lambda a, items, page: el(f"{{{ns}}}{names}", a, *items, page),
        attrs(with_=slot("juliet@capulet.lit"), start=slot(*times), subject=slot("Hi"),
              crypt=slot("true"), version=slot("3"), thread=slot("t1")),
        st.lists(st.one_of(message, note, encrypted), max_size=6),
        maybe(rsm),
    )  # fmt: skip


def changes(dialect: Dialect) -> st.SearchStrategy[ET.Element]:
    ns = dialect.value
    entry = st.builds(
        lambda kind, a: el(f"{{{ns}}}{kind}", a),
        st.sampled_from(["changed", "removed"]),
        attrs(with_=slot("juliet@capulet.lit"), start=slot(*times), version=slot("1")),
    )
    return st.builds(lambda items: el(f"{{{ns}}}modified", {}, *items), st.lists(entry, max_size=5))


def pref(dialect: Dialect) -> st.SearchStrategy[ET.Element]:
    ns = dialect.value
    rule = attrs(save=slot("body", "false", "message"), otr=slot("concede", "forbid"),
                 expire=slot("3600"), unset=slot("true"))  # fmt: skip
    item = st.builds(lambda a, jid: el(f"{{{ns}}}item", {**a, **({"jid": jid} if jid else {})}),
                     rule, slot("juliet@capulet.lit"))  # fmt: skip
    method = st.builds(
        lambda a: el(f"{{{ns}}}method", a),
        attrs(type_=slot("auto", "local", "manual"), use=slot("prefer", "concede", "forbid")),
    )
    auto = st.builds(
        lambda a: el(f"{{{ns}}}auto", a), attrs(save=slot("true"), scope=slot("global"))
    )
    default = st.builds(lambda a: el(f"{{{ns}}}default", a), rule)
    return st.builds(
        lambda parts: el(f"{{{ns}}}pref", {}, *parts),
        st.lists(st.one_of(default, item, method, auto), max_size=6),
    )


def xep0136_readers(element: ET.Element, dialect: Dialect) -> None:
    holder = el("iq", {}, element)
    for read in (
        lambda: codec.collection_from_element(element, dialect),
        lambda: codec.collection_in(holder, dialect),
        lambda: codec.collections_in(holder, dialect),
        lambda: entries.read_headers(el(f"{{{dialect.value}}}list", {}, element), dialect),
        lambda: entries.read_changes(element, dialect),
        lambda: requests.changes_from_element(element, dialect),
        lambda: requests.page_from_element(element),
        lambda: prefs.prefs_from_element(element, dialect),
        lambda: prefs.prefs_from_element(holder, dialect),
        lambda: prefs.itemremove_jids(element),
    ):  # fmt: skip
        only_our_errors(read)
    for child in element.iter():
        if child.tag in (f"{{{XENC}}}EncryptedData", f"{{{XENC}}}EncryptedKey"):
            only_our_errors(codec.encrypted_item_from_element, child)


def pages() -> st.SearchStrategy[tuple[ET.Element, Dialect]]:
    return st.sampled_from(list(Dialect)).flatmap(
        lambda d: st.tuples(st.one_of(collection(d), changes(d), pref(d)), st.just(d))
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_xep0136_pages_with_hostile_values_give_results_or_malformed_input(
    page: tuple[ET.Element, Dialect],
) -> None:
    element, dialect = page
    xep0136_readers(element, dialect)
    # The same page as the bytes a server would send, through the guarded parser.
    only_our_errors(lambda: xep0136_readers(parse_xml(ET.tostring(element)), dialect))


@settings(max_examples=100)
@given(elements())
def test_arbitrary_trees_through_the_entry_readers(root: ET.Element) -> None:
    for dialect in Dialect:
        only_our_errors(entries.read_changes, root, dialect)
        only_our_errors(entries.read_headers, root, dialect)


# --- MAM (XEP-0313): results, fin, prefs, stanza ids ------------------------------------


def mam_result() -> st.SearchStrategy[ET.Element]:
    client = "jabber:client"
    inner = st.builds(
        lambda a, body, sid: el(f"{{{client}}}message", a,
                                el(f"{{{client}}}body", {}, text=body) if body else None,
                                el(f"{{{mam.SID_NS}}}stanza-id", sid)),
        attrs(from_=slot(ACCOUNT + "/orchard", "juliet@capulet.lit/balcony", ROOM + "/nurse"),
              to=slot(ACCOUNT, "juliet@capulet.lit"), type_=slot("chat", "groupchat")),
        slot("hello"),
        attrs(by=slot(ACCOUNT, ROOM), id=slot("abc")),
    )  # fmt: skip
    forwarded = st.builds(
        lambda stamp, message: el(f"{{{mam.FORWARD_NS}}}forwarded", {},
                                  el(f"{{{mam.DELAY_NS}}}delay", stamp), message),
        attrs(stamp=slot(*times)),
        maybe(inner),
    )  # fmt: skip
    result = st.builds(
        lambda a, fwd: el(f"{{{mam.MAM_NS}}}result", a, fwd),
        attrs(queryid=slot("q1"), id=slot("28482-98726-73623")),
        maybe(forwarded),
    )
    return st.builds(
        lambda a, found: el(f"{{{client}}}message", a, found),
        attrs(from_=slot(ACCOUNT, ACCOUNT, ROOM, "evil@devil.lit")),
        maybe(result),
    )


def mam_reply() -> st.SearchStrategy[ET.Element]:
    fin = st.builds(
        lambda a, first, last, count: el(f"{{{mam.MAM_NS}}}fin", a, el(f"{{{RSM}}}set", {},
            el(f"{{{RSM}}}first", {"index": first} if first else {}, text="a"),
            el(f"{{{RSM}}}last", {}, text=last), el(f"{{{RSM}}}count", {}, text=count))),
        attrs(complete=slot("true", "false")), slot("0"), slot("b"), slot("10"),
    )  # fmt: skip
    jids = st.lists(st.builds(lambda t: el(f"{{{mam.MAM_NS}}}jid", {}, text=t), slot(ROOM)),
                    max_size=3)  # fmt: skip
    prefs_ = st.builds(
        lambda a, always, never: el(f"{{{mam.MAM_NS}}}prefs", a,
                                    el(f"{{{mam.MAM_NS}}}always", {}, *always),
                                    el(f"{{{mam.MAM_NS}}}never", {}, *never)),
        attrs(default=slot("always", "roster")), jids, jids,
    )  # fmt: skip
    return st.builds(lambda part: el("{jabber:client}iq", {"type": "result"}, part),
                     maybe(st.one_of(fin, prefs_)))  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(mam_result(), st.sampled_from([ArchiveTarget(ACCOUNT), ArchiveTarget(ROOM, "romeo")]))
def test_mam_results_with_hostile_values_give_messages_or_malformed_input(
    stanza: ET.Element, target: ArchiveTarget
) -> None:
    only_our_errors(mam.archived_message, stanza, "q1", target, ACCOUNT)
    only_our_errors(mam.stanza_id, stanza, ACCOUNT)
    for result in stanza.iter(f"{{{mam.MAM_NS}}}result"):
        only_our_errors(xep0227.archived_from_result, result, ACCOUNT)


@settings(max_examples=200)
@given(mam_reply())
def test_mam_replies_with_hostile_values_give_pages_or_malformed_input(iq: ET.Element) -> None:
    only_our_errors(mam.fin_from_element, iq)
    only_our_errors(mam.prefs_from_element, iq)


# --- private XML, PEP, XEP-0227 users ---------------------------------------------------


@settings(max_examples=200)
@given(elements(), st.sampled_from(["urn:example:notes", "storage:bookmarks", ""]))
def test_private_xml_and_pep_readers_take_any_tree(root: ET.Element, namespace: str) -> None:
    only_our_errors(private_xml.parse_result, root, namespace)
    only_our_errors(private_xml.parse_result, el("query", {}, root), namespace)
    only_our_errors(private_xml.show, root)
    only_our_errors(pep.parse_items, root)
    only_our_errors(pep.parse_items, el("{http://jabber.org/protocol/pubsub}pubsub", {}, el(
        "{http://jabber.org/protocol/pubsub}items", {"node": "n"}, root)))  # fmt: skip
    only_our_errors(pep.is_precondition_failure, root)
    only_our_errors(xep0227.user_from_element, root, "montague.lit", [])
    only_our_errors(private_xml.parse_private_xml, ET.tostring(root, encoding="unicode"))


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_private_xml_typed_by_the_user_is_stored_or_refused(text: str) -> None:
    only_our_errors(private_xml.parse_private_xml, text)


# --- the file readers -------------------------------------------------------------------


def pie_file() -> st.SearchStrategy[bytes]:
    pie = "urn:xmpp:pie:0"
    user = st.builds(
        lambda a, parts: el(f"{{{pie}}}user", a, *parts),
        attrs(name=slot("romeo")),
        st.lists(st.one_of(elements(), mam_result().map(lambda m: m[0] if len(m) else m)),
                 max_size=3),
    )  # fmt: skip
    host = st.builds(lambda a, users: el(f"{{{pie}}}host", a, *users),
                     attrs(jid=slot("montague.lit")), st.lists(user, max_size=2))  # fmt: skip
    return st.builds(lambda hosts: ET.tostring(el(f"{{{pie}}}server-data", {}, *hosts)),
                     st.lists(host, max_size=2))  # fmt: skip


def archive_file() -> st.SearchStrategy[bytes]:
    return collection(Dialect.SEED).map(
        lambda store: ET.tostring(el(f"{{{Dialect.SEED.value}}}archive", {}, store, store))
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), archive_file(), pie_file()))
def test_both_file_readers_read_or_refuse_any_file(data: bytes) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        path.write_bytes(data)
        for read in (read_archive, read_export):
            error: KnownError | None = None
            try:
                read(path)
            except KnownError as exc:
                error = exc
            assert error is None or error.user_message.strip()
