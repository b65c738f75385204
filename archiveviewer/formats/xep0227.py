"""XEP-0227 Portable Import/Export (``urn:xmpp:pie:0``) for one user's own account.

What is written: ``<server-data><host jid='…'><user name='…'>`` holding the
roster (``jabber:iq:roster``), private XML (``jabber:iq:private``), PEP nodes
(their configuration under ``pubsub#owner``, their items under ``pubsub``)
and the message archive as ``urn:xmpp:pie:0#mam`` ``<result/>`` elements,
oldest first. Never a password or SCRAM credentials: a client does not know
them, and the specification's security section warns against them. The file
is written readable by its owner only (0600), as that section asks.

What is read: the same, from our files and from other writers. Where
Prosody's ``mod_storage_xep0227`` differs from the specification, both are
accepted: its node configuration forms are ``type='submit'`` (the
specification shows ``form``), it writes one ``user@host.xml`` per user, and
its ``<subscription/>`` carries ``subscribed='subscribed'``. Any other
namespace is skipped, as the specification asks of an importer.

Reading streams the archive: each ``<result/>`` becomes an
:class:`ArchivedMessage` when its end tag is read and is then emptied, so
memory follows the file's small parts, not its archive. Parsing goes through
:mod:`archiveviewer.protocol.safexml` (no DTD, no entities, bounded size).
XInclude is handled by :mod:`archiveviewer.formats.xinclude` before this.
"""

from __future__ import annotations

import hashlib
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from archiveviewer.domain import Contact, Direction
from archiveviewer.errors import MalformedInput
from archiveviewer.formats.files import write_private
from archiveviewer.protocol.untrusted_xml import parse_untrusted
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime
from archiveviewer.protocol.xmlutil import element_text

NS = "urn:xmpp:pie:0"
NS_MAM_EXPORT = NS + "#mam"
NS_MAM = "urn:xmpp:mam:2"
NS_FORWARD = "urn:xmpp:forward:0"
NS_DELAY = "urn:xmpp:delay"
NS_CLIENT = "jabber:client"
NS_ROSTER = "jabber:iq:roster"
NS_PRIVATE = "jabber:iq:private"
NS_PUBSUB = "http://jabber.org/protocol/pubsub"
NS_OWNER = NS_PUBSUB + "#owner"
NS_DATA = "jabber:x:data"
NODE_CONFIG = NS_PUBSUB + "#node_config"


def _q(ns: str, local: str) -> str:
    return "{" + ns + "}" + local


SUBSCRIPTIONS = frozenset({"none", "to", "from", "both", "remove"})


@dataclass(frozen=True)
class RosterItem:
    """A roster entry as the server holds it: the contact plus the subscription state."""

    jid: str
    name: str | None = None
    groups: tuple[str, ...] = ()
    subscription: str = "none"
    ask: str | None = None

    @property
    def contact(self) -> Contact:
        """What the window shows of it."""
        return Contact(self.jid, self.name, self.groups)


@dataclass(frozen=True)
class PepItem:
    """One item of a PEP node: its id and its payload as XML text (None: no payload)."""

    id: str | None
    payload: str | None


@dataclass(frozen=True)
class PepNode:
    """A PEP node: its configuration (field, values) and its items."""

    node: str
    config: tuple[tuple[str, tuple[str, ...]], ...] = ()
    items: tuple[PepItem, ...] = ()


@dataclass(frozen=True)
class ArchivedMessage:
    """One message of the archive, as a MAM result holds it.

    ``with_jid`` is the other side as the message names it (full JID, or a
    room with the nickname as resource for a groupchat message).
    ``payload`` holds the message's other children as XML text.
    """

    id: str
    time: datetime
    direction: Direction
    with_jid: str
    body: str | None
    type: str = "chat"
    payload: tuple[str, ...] = ()


@dataclass(frozen=True)
class PortableAccount:
    """One user's data in a XEP-0227 file. ``jid`` is the bare JID ``name@host``."""

    jid: str
    roster: tuple[RosterItem, ...] = ()
    private: tuple[str, ...] = ()
    pep: tuple[PepNode, ...] = ()
    archive: tuple[ArchivedMessage, ...] = ()


# --- writing --------------------------------------------------------------------------------


def account_text(account: PortableAccount) -> Iterator[str]:
    """The whole file for one account, piece by piece (the archive one result a piece)."""
    name, _, host = account.jid.partition("@")
    if not name or not host:
        raise ValueError(f"not a bare JID of an account: {account.jid!r}")
    yield (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f"<server-data xmlns='{NS}'>\n<host jid={_quote(host)}>\n<user name={_quote(name)}>\n"
    )
    for element in _user_children(account):
        yield element_text(element, outer_ns=NS) + "\n"
    if account.archive:
        yield f"<archive xmlns='{NS_MAM_EXPORT}'>\n"
        for message in sorted(account.archive, key=lambda m: m.time):
            yield element_text(result_element(message, account.jid), outer_ns=NS_MAM_EXPORT) + "\n"
        yield "</archive>\n"
    yield "</user>\n</host>\n</server-data>\n"


def write_account(account: PortableAccount, path: str | os.PathLike[str]) -> None:
    """Write the account's file, readable by its owner only, replacing ``path`` atomically."""
    write_private(Path(path), account_text(account))


def _user_children(account: PortableAccount) -> Iterator[ET.Element]:
    roster = ET.Element(_q(NS_ROSTER, "query"))
    for item in account.roster:
        roster.append(_roster_item(item))
    yield roster
    private = ET.Element(_q(NS_PRIVATE, "query"))
    for text in account.private:
        private.append(parse_untrusted(text))
    yield private
    if account.pep:
        yield from _pep_elements(account.pep)


def _roster_item(item: RosterItem) -> ET.Element:
    element = ET.Element(_q(NS_ROSTER, "item"), {"jid": item.jid})
    if item.name is not None:
        element.set("name", item.name)
    element.set("subscription", item.subscription)
    if item.ask:
        element.set("ask", item.ask)
    for group in item.groups:
        ET.SubElement(element, _q(NS_ROSTER, "group")).text = group
    return element


def _pep_elements(nodes: Iterable[PepNode]) -> Iterator[ET.Element]:
    owner = ET.Element(_q(NS_OWNER, "pubsub"))
    items = ET.Element(_q(NS_PUBSUB, "pubsub"))
    for node in nodes:
        form = ET.SubElement(
            ET.SubElement(owner, _q(NS_OWNER, "configure"), {"node": node.node}),
            _q(NS_DATA, "x"),
            {"type": "form"},
        )
        _field(form, "FORM_TYPE", (NODE_CONFIG,), hidden=True)
        for var, values in node.config:
            _field(form, var, values)
        listed = ET.SubElement(items, _q(NS_PUBSUB, "items"), {"node": node.node})
        for item in node.items:
            element = ET.SubElement(listed, _q(NS_PUBSUB, "item"))
            if item.id is not None:
                element.set("id", item.id)
            if item.payload is not None:
                element.append(parse_untrusted(item.payload))
    yield owner
    yield items


def _field(form: ET.Element, var: str, values: Iterable[str], *, hidden: bool = False) -> None:
    field = ET.SubElement(form, _q(NS_DATA, "field"), {"var": var})
    if hidden:
        field.set("type", "hidden")
    for value in values:
        ET.SubElement(field, _q(NS_DATA, "value")).text = value


def result_element(message: ArchivedMessage, owner: str) -> ET.Element:
    """``<result xmlns='urn:xmpp:mam:2'>`` holding the forwarded message and its time."""
    result = ET.Element(_q(NS_MAM, "result"), {"id": message.id})
    forwarded = ET.SubElement(result, _q(NS_FORWARD, "forwarded"))
    ET.SubElement(forwarded, _q(NS_DELAY, "delay"), {"stamp": format_datetime(message.time)})
    sent = message.direction == Direction.TO
    stanza = ET.SubElement(
        forwarded,
        _q(NS_CLIENT, "message"),
        {
            "from": owner if sent else message.with_jid,
            "to": message.with_jid if sent else owner,
            "type": message.type,
        },
    )
    if message.body is not None:
        ET.SubElement(stanza, _q(NS_CLIENT, "body")).text = message.body
    for text in message.payload:
        stanza.append(parse_untrusted(text))
    return result


def message_id(owner: str, message: ArchivedMessage) -> str:
    """A stable id for a message that has none: the same message gets the same id each time."""
    key = "\n".join((owner, message.with_jid, format_datetime(message.time),
                     message.direction.value, message.body or ""))  # fmt: skip
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _quote(value: str) -> str:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;")
    return f"'{escaped}'"


# --- reading (one user element, already parsed except its archive) -------------------------


def user_from_element(
    user: ET.Element, host: str, archive: list[ArchivedMessage]
) -> PortableAccount:
    """The account a ``<user/>`` element describes; ``archive`` was read while streaming."""
    name = user.get("name")
    if not name:
        raise MalformedInput("A <user/> element has no “name”, which it needs.")
    roster: list[RosterItem] = []
    private: list[str] = []
    config: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    items: dict[str, tuple[PepItem, ...]] = {}
    for child in user:
        if child.tag == _q(NS_ROSTER, "query"):
            roster.extend(roster_from(child))
        elif child.tag == _q(NS_PRIVATE, "query"):
            private.extend(element_text(data) for data in child)
        elif child.tag == _q(NS_OWNER, "pubsub"):
            config.update(configs_from(child))
        elif child.tag == _q(NS_PUBSUB, "pubsub"):
            items.update(items_from(child))
    nodes = tuple(
        PepNode(node, config.get(node, ()), items.get(node, ()))
        for node in dict.fromkeys([*config, *items])
    )
    return PortableAccount(f"{name}@{host}", tuple(roster), tuple(private), nodes, tuple(archive))


def roster_from(query: ET.Element) -> Iterator[RosterItem]:
    """The items of a ``jabber:iq:roster`` ``<query/>`` (a file's or the server's reply)."""
    for item in query.iter(_q(NS_ROSTER, "item")):
        jid = item.get("jid")
        if not jid:
            continue
        subscription = item.get("subscription", "none")
        yield RosterItem(
            jid=jid,
            name=item.get("name"),
            groups=tuple(g.text or "" for g in item.findall(_q(NS_ROSTER, "group"))),
            subscription=subscription if subscription in SUBSCRIPTIONS else "none",
            ask=item.get("ask"),
        )


def configs_from(
    owner: ET.Element,
) -> Iterator[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]]:
    """Each node's configuration in a ``pubsub#owner`` ``<pubsub/>`` (a file's or a reply)."""
    for configure in owner.findall(_q(NS_OWNER, "configure")):
        node = configure.get("node")
        if not node:
            continue
        form = configure.find(_q(NS_DATA, "x"))  # type 'form' (the spec) or 'submit' (Prosody)
        fields = [] if form is None else form.findall(_q(NS_DATA, "field"))
        yield (
            node,
            tuple(
                (f.get("var", ""), tuple(v.text or "" for v in f.findall(_q(NS_DATA, "value"))))
                for f in fields
                if f.get("var") and f.get("var") != "FORM_TYPE"
            ),
        )


def items_from(pubsub: ET.Element) -> Iterator[tuple[str, tuple[PepItem, ...]]]:
    """Each node's items in a ``pubsub`` ``<pubsub/>`` (a file's or the server's reply)."""
    for listed in pubsub.findall(_q(NS_PUBSUB, "items")):
        node = listed.get("node")
        if not node:
            continue
        yield (
            node,
            tuple(
                PepItem(item.get("id"), element_text(item[0]) if len(item) else None)
                for item in listed.findall(_q(NS_PUBSUB, "item"))
            ),
        )


def archived_from_result(result: ET.Element, owner: str) -> ArchivedMessage | None:
    """The message of one ``<result/>``; None for a result that holds no message."""
    forwarded = result.find(_q(NS_FORWARD, "forwarded"))
    stanza = None if forwarded is None else forwarded.find(_q(NS_CLIENT, "message"))
    delay = None if forwarded is None else forwarded.find(_q(NS_DELAY, "delay"))
    if stanza is None or delay is None or not delay.get("stamp"):
        return None
    sender, receiver = stanza.get("from", ""), stanza.get("to", "")
    sent = sender.split("/", 1)[0].lower() == owner.lower()
    body = stanza.find(_q(NS_CLIENT, "body"))
    payload = tuple(element_text(child) for child in stanza if child.tag != _q(NS_CLIENT, "body"))
    message = ArchivedMessage(
        id=result.get("id", ""),
        time=parse_datetime(delay.get("stamp", "")),
        direction=Direction.TO if sent else Direction.FROM,
        with_jid=receiver if sent else sender,
        body=None if body is None else (body.text or ""),
        type=stanza.get("type", "normal"),
        payload=payload,
    )
    return message if message.id else _with_id(message, owner)


def _with_id(message: ArchivedMessage, owner: str) -> ArchivedMessage:
    return replace(message, id=message_id(owner, message))


def is_pie(tag: str, local: str) -> bool:
    """True when ``tag`` is ``local`` in the XEP-0227 namespace."""
    return tag == _q(NS, local)
