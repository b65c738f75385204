"""The XML of XEP-0136 requests and results, as this plugin reads and writes it.

This is the plugin's only contact with element trees: ElementTree in, domain
values out, and back. It works for both dialects; ``ns`` is the namespace of
the dialect in use.

TODO(protocol): the codecs of ``archiveviewer.protocol`` (branch
``protocol``) were not on ``main`` when this plugin was written. When they
land, the functions here become thin calls into them; nothing outside this
module reads or writes archive XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TypeVar

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
    Item,
    Message,
    MethodUse,
    Note,
    OtrMode,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime

XMLENC = "http://www.w3.org/2001/04/xmlenc#"
XMLDSIG = "http://www.w3.org/2000/09/xmldsig#"
JABBER_CLIENT = "jabber:client"


def collection_tag(dialect: Dialect) -> str:
    """The local name of a collection element: ``store`` (seed) or ``chat`` (urn)."""
    return "store" if dialect is Dialect.SEED else "chat"


def q(ns: str, local: str) -> str:
    """The ElementTree tag ``{ns}local``."""
    return f"{{{ns}}}{local}"


def _time(element: ET.Element, name: str) -> datetime:
    text = element.get(name)
    if text is None:
        raise MalformedInput(f"The server sent a <{_local(element.tag)}/> without “{name}”.")
    return parse_datetime(text)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _bool(text: str | None) -> bool:
    return text in ("true", "1")


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise MalformedInput(f"The server sent “{text}” where a number belongs.") from None


# --- collections ----------------------------------------------------------------------


def collection_id(element: ET.Element) -> CollectionId:
    """The (start, with) key of a collection-like element."""
    with_jid = element.get("with")
    if not with_jid:
        raise MalformedInput("The server sent a collection without “with”.")
    return CollectionId(start=_time(element, "start"), with_jid=with_jid)


def collection_from_xml(
    element: ET.Element, ns: str, clock: datetime | None = None
) -> tuple[Collection, datetime]:
    """A collection with whatever items the element holds (none for a list entry).

    Message times run from *clock* (the collection start unless this is a
    later page); the running clock after the last message comes back too.
    """
    cid = collection_id(element)
    items, clock = _items(element, ns, cid.start if clock is None else clock)
    collection = Collection(
        id=cid,
        subject=element.get("subject") or None,
        crypt=_bool(element.get("crypt")),
        thread=element.get("thread") or None,
        version=_int(element.get("version")),
        items=tuple(items),
    )
    return collection, clock


def _items(element: ET.Element, ns: str, clock: datetime) -> tuple[list[Item], datetime]:
    items: list[Item] = []
    for child in element:
        if child.tag in (q(ns, "to"), q(ns, "from")):
            secs = _int(child.get("secs"))
            if secs is not None:
                clock += timedelta(seconds=secs)
            utc = child.get("utc")
            items.append(_message(child, ns, parse_datetime(utc) if utc else clock))
        elif child.tag == q(ns, "note"):
            utc = child.get("utc")
            items.append(Note(text=child.text or "", time=parse_datetime(utc) if utc else None))
        elif child.tag in (q(XMLENC, "EncryptedData"), q(XMLENC, "EncryptedKey")):
            items.append(encrypted_from_xml(child))
    return items, clock


def _message(element: ET.Element, ns: str, time: datetime) -> Message:
    body = element.find(q(ns, "body"))
    if body is None:
        body = element.find(q(JABBER_CLIENT, "body"))
    payload = tuple(
        ET.tostring(child, encoding="unicode") for child in element if _local(child.tag) != "body"
    )
    return Message(
        direction=Direction.TO if _local(element.tag) == "to" else Direction.FROM,
        time=time,
        body=None if body is None else (body.text or ""),
        nick=element.get("name") or None,
        payload=payload,
    )


def encrypted_from_xml(element: ET.Element) -> EncryptedItem:
    """An EncryptedData or EncryptedKey element, kept whole as XML."""
    kind = EncryptedKind(_local(element.tag))
    key_name = element.find(f"{q(XMLDSIG, 'KeyInfo')}/{q(XMLDSIG, 'KeyName')}")
    carried = element.find(q(XMLENC, "CarriedKeyName"))
    return EncryptedItem(
        kind=kind,
        xml=ET.tostring(element, encoding="unicode"),
        key_name=None if key_name is None else (key_name.text or "").strip(),
        carried_key_name=None if carried is None else (carried.text or "").strip(),
    )


def collection_to_xml(collection: Collection, ns: str, tag: str) -> ET.Element:
    """The collection element with every item, ``secs`` counted from the start."""
    element = collection_head(collection.id, ns, tag, subject=collection.subject)
    clock = collection.start
    for item in collection.items:
        if isinstance(item, Message):
            child, clock = _message_to_xml(item, ns, clock)
            element.append(child)
        elif isinstance(item, Note):
            note = ET.SubElement(element, q(ns, "note"))
            note.text = item.text
            if item.time is not None:
                note.set("utc", format_datetime(item.time))
        else:
            element.append(parse_trusted_fragment(item.xml))
    return element


def collection_head(
    cid: CollectionId, ns: str, tag: str, *, subject: str | None = None
) -> ET.Element:
    """An empty collection element naming *cid* (and a subject if given)."""
    element = ET.Element(q(ns, tag), {"with": cid.with_jid, "start": format_datetime(cid.start)})
    if subject is not None:
        element.set("subject", subject)
    return element


def _message_to_xml(message: Message, ns: str, clock: datetime) -> tuple[ET.Element, datetime]:
    element = ET.Element(q(ns, message.direction.value))
    offset = round((message.time - clock).total_seconds())
    if offset < 0:
        element.set("utc", format_datetime(message.time))
    else:
        element.set("secs", str(offset))
        clock += timedelta(seconds=offset)
    if message.nick:
        element.set("name", message.nick)
    if message.body is not None:
        ET.SubElement(element, q(ns, "body")).text = message.body
    for extra in message.payload:
        element.append(parse_trusted_fragment(extra))
    return element, clock


def parse_trusted_fragment(text: str) -> ET.Element:
    """Parse one element of XML this program holds (from a server or our own crypto).

    A DOCTYPE is refused: archive XML never has one, and it is how entity
    expansion gets in.
    """
    if "<!" in text:
        raise MalformedInput("An archived element holds a DOCTYPE or entity declaration.")
    try:
        return ET.fromstring(text)  # noqa: S314 -- DOCTYPE refused above: no entities
    except ET.ParseError as exc:
        raise MalformedInput(f"An archived element is not well-formed XML ({exc}).") from None


# --- replication --------------------------------------------------------------------------


def changes_from_xml(element: ET.Element, ns: str) -> list[Change]:
    """The ``<changed/>`` and ``<removed/>`` entries of a ``<modified/>`` result, in order."""
    kinds = {q(ns, "changed"): ChangeKind.CHANGED, q(ns, "removed"): ChangeKind.REMOVED}
    return [
        Change(kind=kinds[child.tag], id=collection_id(child), version=_int(child.get("version")))
        for child in element
        if child.tag in kinds
    ]


# --- preferences ----------------------------------------------------------------------------


def prefs_from_xml(element: ET.Element, ns: str) -> Prefs:
    """The ``<pref/>`` of a result or a push."""
    default = element.find(q(ns, "default"))
    auto = element.find(q(ns, "auto"))
    return Prefs(
        default=None if default is None else _rule(default),
        items=tuple(_rule(item) for item in element.findall(q(ns, "item"))),
        methods=tuple(
            (method.get("type", ""), _enum(MethodUse, method.get("use")))
            for method in element.findall(q(ns, "method"))
        ),
        auto=None
        if auto is None
        else AutoArchiving(
            save=_bool(auto.get("save")),
            encrypt=_bool(auto.get("encrypt")),
            scope=auto.get("scope"),
        ),
    )


_E = TypeVar("_E", SaveMode, OtrMode, MethodUse)


def _enum(kind: type[_E], text: str | None) -> _E:
    try:
        return kind(text)
    except ValueError:
        raise MalformedInput(f"The server sent an unknown preference value “{text}”.") from None


def _rule(element: ET.Element) -> SaveRule:
    return SaveRule(
        save=_enum(SaveMode, element.get("save")),
        otr=_enum(OtrMode, element.get("otr")),
        jid=element.get("jid"),
        expire=_int(element.get("expire")),
        unset=_bool(element.get("unset")),
    )


def rule_to_xml(rule: SaveRule, ns: str) -> ET.Element:
    """A ``<default/>`` (no jid) or ``<item/>`` element."""
    element = ET.Element(q(ns, "default" if rule.jid is None else "item"))
    if rule.jid is not None:
        element.set("jid", rule.jid)
    element.set("save", rule.save.value)
    element.set("otr", rule.otr.value)
    if rule.expire is not None:
        element.set("expire", str(rule.expire))
    return element


def key_names(names: Iterable[str]) -> list[ET.Element]:
    """``<KeyName/>`` request children, one per public key name."""
    elements = []
    for name in names:
        element = ET.Element(q(XMLDSIG, "KeyName"))
        element.text = name
        elements.append(element)
    return elements
