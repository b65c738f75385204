"""The few XEP-0060/XEP-0163 (PEP) requests private storage needs, sans-I/O.

Requests are built as ``<pubsub/>`` elements for an ``<iq/>`` to the
account's bare JID; replies and ``<event/>`` notifications are read back
into plain tuples. Publish-options follow XEP-0060 section 7.1.5 and are
sent only after service discovery showed ``pubsub#publish-options``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

NS_PUBSUB = "http://jabber.org/protocol/pubsub"
NS_EVENT = NS_PUBSUB + "#event"
NS_ERRORS = NS_PUBSUB + "#errors"
NS_DATA = "jabber:x:data"
FEATURE_PUBLISH_OPTIONS = NS_PUBSUB + "#publish-options"
_P = "{" + NS_PUBSUB + "}"
_E = "{" + NS_EVENT + "}"
_X = "{" + NS_DATA + "}"


@dataclass(frozen=True)
class NodeEvent:
    """A notification about one node: items published and item ids retracted."""

    node: str
    published: tuple[tuple[str, ET.Element | None], ...] = ()
    retracted: tuple[str, ...] = ()


def build_items_request(node: str) -> ET.Element:
    """``<pubsub><items node='…'/></pubsub>``: ask for every item of ``node``."""
    pubsub = ET.Element(_P + "pubsub")
    ET.SubElement(pubsub, _P + "items", {"node": node})
    return pubsub


def build_publish(
    node: str, item_id: str, payload: ET.Element, options: Iterable[tuple[str, str]]
) -> ET.Element:
    """Publish ``payload`` as item ``item_id`` of ``node`` with publish-options."""
    pubsub = ET.Element(_P + "pubsub")
    publish = ET.SubElement(pubsub, _P + "publish", {"node": node})
    ET.SubElement(publish, _P + "item", {"id": item_id}).append(payload)
    form = ET.SubElement(ET.SubElement(pubsub, _P + "publish-options"), _X + "x")
    form.set("type", "submit")
    _field(form, "FORM_TYPE", FEATURE_PUBLISH_OPTIONS, hidden=True)
    for var, value in options:
        _field(form, var, value)
    return pubsub


def _field(form: ET.Element, var: str, value: str, *, hidden: bool = False) -> None:
    field = ET.SubElement(form, _X + "field", {"var": var})
    if hidden:
        field.set("type", "hidden")
    ET.SubElement(field, _X + "value").text = value


def build_retract(node: str, item_id: str) -> ET.Element:
    """Retract item ``item_id`` of ``node`` and have the other resources notified."""
    pubsub = ET.Element(_P + "pubsub")
    retract = ET.SubElement(pubsub, _P + "retract", {"node": node, "notify": "true"})
    ET.SubElement(retract, _P + "item", {"id": item_id})
    return pubsub


def parse_items(pubsub: ET.Element | None) -> tuple[tuple[str, ET.Element | None], ...]:
    """The ``(item id, payload)`` pairs of an items reply; payload None when empty."""
    if pubsub is None:
        return ()
    items = pubsub.find(_P + "items")
    if items is None:
        return ()
    return tuple(_item(item) for item in items.findall(_P + "item"))


def _item(item: ET.Element) -> tuple[str, ET.Element | None]:
    payload = next(iter(item), None)
    return item.get("id", ""), payload


def parse_event(event: ET.Element) -> NodeEvent | None:
    """Read an ``<event xmlns='…pubsub#event'/>`` with ``<items/>``; None for other kinds."""
    items = event.find(_E + "items")
    if items is None:
        return None
    published = tuple(_item(item) for item in items.findall(_E + "item"))
    retracted = tuple(r.get("id", "") for r in items.findall(_E + "retract"))
    return NodeEvent(items.get("node", ""), published, retracted)


def is_precondition_failure(error: ET.Element | None) -> bool:
    """True when an ``<error/>`` says the node's settings conflict with the publish-options."""
    return error is not None and error.find("{" + NS_ERRORS + "}precondition-not-met") is not None
