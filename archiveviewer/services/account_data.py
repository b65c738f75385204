"""What a XEP-0227 export of the live account holds besides its archive, read from the server.

The roster comes with subscriptions, groups and names (``jabber:iq:roster``).
Private XML (XEP-0049) has no way to list what is stored, so each namespace
clients are known to keep (:data:`KNOWN_PRIVATE`) is asked for, and any the
user names besides; only those the server holds something in are exported.
PEP nodes are listed by service discovery on the account's own JID; each
node's configuration (``pubsub#owner``) and items are read. A node whose
configuration the server will not give is exported with its items alone
(an importer then applies its defaults), and a node that went away between
listing and reading is left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from archiveviewer.errors import ServerError
from archiveviewer.formats.xep0227 import (
    NS_OWNER,
    NS_PUBSUB,
    NS_ROSTER,
    PepItem,
    PepNode,
    configs_from,
    items_from,
    roster_from,
)
from archiveviewer.protocol.pep import build_items_request
from archiveviewer.protocol.private_xml import InvalidPrivateXml
from archiveviewer.protocol.untrusted_xml import serialize
from archiveviewer.services.files import AccountData
from archiveviewer.xmpp import iq
from archiveviewer.xmpp.private_xml import PrivateXmlStore
from archiveviewer.xmpp.session import AccountSession

NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items"

#: (element, namespace) of the private XML that clients are known to keep.
KNOWN_PRIVATE = (
    ("storage", "storage:bookmarks"),
    ("storage", "storage:rosternotes"),
    ("storage", "storage:metacontacts"),
    ("storage", "storage:imprefs"),
    ("exodus", "exodus:prefs"),
    ("gajim", "gajim:prefs"),
    ("roster", "roster:delimiter"),
    ("preferences", "http://www.xmpp.org/extensions/xep-0314.html"),
)


async def read_account_data(
    session: AccountSession, extra_private: Iterable[tuple[str, str]] = (), *, timeout: float = 10.0
) -> AccountData:
    """The account's roster, private XML and PEP nodes as the server holds them now."""
    client = session.client
    roster = await iq.send(
        client, "get", ET.Element("{" + NS_ROSTER + "}query"), timeout=timeout,
        action="read your contact list",
    )  # fmt: skip
    query = roster.find("{" + NS_ROSTER + "}query")
    return AccountData(
        roster=() if query is None else tuple(roster_from(query)),
        private=await _private(session, [*KNOWN_PRIVATE, *extra_private], timeout),
        pep=await _pep_nodes(session, timeout),
    )


async def _private(
    session: AccountSession, wanted: list[tuple[str, str]], timeout: float
) -> tuple[str, ...]:
    store = PrivateXmlStore(session.client, timeout=timeout)
    found: list[str] = []
    for name, namespace in dict.fromkeys(wanted):
        try:
            element = await store.read(name, namespace)
        except (ServerError, InvalidPrivateXml):
            continue  # a namespace refused (here or by the server) holds nothing of the user's
        if element is not None:
            found.append(serialize(element))
    return tuple(found)


async def _pep_nodes(session: AccountSession, timeout: float) -> tuple[PepNode, ...]:
    client = session.client
    listing = await iq.send(
        client, "get", ET.Element("{" + NS_DISCO_ITEMS + "}query"), timeout=timeout,
        action="list your PEP nodes",
    )  # fmt: skip
    own = client.boundjid.bare
    names = [
        item.get("node", "")
        for item in listing.iter("{" + NS_DISCO_ITEMS + "}item")
        if item.get("node") and item.get("jid", own).lower() == own.lower()
    ]
    nodes: list[PepNode] = []
    for name in dict.fromkeys(names):
        items = await _items(session, name, timeout)
        if items is not None:
            nodes.append(PepNode(name, await _configuration(session, name, timeout), items))
    return tuple(nodes)


async def _items(session: AccountSession, node: str, timeout: float) -> tuple[PepItem, ...] | None:
    try:
        reply = await iq.send(
            session.client, "get", build_items_request(node), timeout=timeout,
            action=f"read the PEP node “{node}”",
        )  # fmt: skip
    except ServerError as exc:
        if exc.condition == "item-not-found":
            return None
        raise
    pubsub = reply.find("{" + NS_PUBSUB + "}pubsub")
    found = dict(items_from(pubsub)) if pubsub is not None else {}
    return found.get(node, ())


async def _configuration(
    session: AccountSession, node: str, timeout: float
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    request = ET.Element("{" + NS_OWNER + "}pubsub")
    ET.SubElement(request, "{" + NS_OWNER + "}configure", {"node": node})
    try:
        reply = await iq.send(
            session.client, "get", request, timeout=timeout,
            action=f"read the configuration of the PEP node “{node}”",
        )  # fmt: skip
    except ServerError:
        return ()
    owner = reply.find("{" + NS_OWNER + "}pubsub")
    found = dict(configs_from(owner)) if owner is not None else {}
    return found.get(node, ())
