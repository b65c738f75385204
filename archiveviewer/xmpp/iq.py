"""The one way this layer sends an ``<iq/>`` and turns its failures into known errors.

Every request goes through :func:`send`: an error reply becomes a
:class:`~archiveviewer.errors.ServerError` (never an empty result), a
missing answer a :class:`~archiveviewer.errors.Timeout`, no connection (or
one lost while waiting) a :class:`~archiveviewer.errors.NotConnected`. Each
error carries one sentence: "Could not *action*: *reason*." by default
(:func:`action_sentence`), or the caller's own wording of a refusal when only
it can say what the refusal means (bookmarks, private XML).

The reply is awaited here rather than through slixmpp's ``Iq.send``: in
slixmpp 1.17 an error reply whose condition is not one of RFC 6120's (Prosody
answers XEP-0049's ``bad-format``, for one) makes building ``IqError`` raise
inside the stream handler, so the request's future is never resolved and
the caller sees a timeout instead of the server's answer.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slixmpp import ClientXMPP
from slixmpp.xmlstream import StanzaBase
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher.idsender import MatchIDSender

from archiveviewer.errors import KnownError, NotConnected, ServerError, Timeout
from archiveviewer.protocol.streamguard import StreamRefused
from archiveviewer.xmpp.guarded import stream_refusal

_STANZAS = "{urn:ietf:params:xml:ns:xmpp-stanzas}"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_STREAM_NAMESPACES = frozenset({_XML_NS, "http://etherx.jabber.org/streams"})


@dataclass(frozen=True)
class Refusal:
    """An error reply: its defined condition, type, text and the ``<error/>`` element."""

    condition: str
    error_type: str
    text: str | None
    element: ET.Element | None


Sentence = Callable[[Refusal], str]

#: Why a request failed, by RFC 6120 condition, as the end of a sentence.
_REASONS = {
    "item-not-found": "the server has no such item.",
    "feature-not-implemented": "the server does not support this.",
    "not-acceptable": "the server did not accept the request (it may be too large).",
    "service-unavailable": "the service is not available on this server.",
    "bad-request": "the server did not understand the request.",
    "forbidden": "the server does not allow it.",
    "not-allowed": "the server does not allow it.",
    "not-authorized": "the server does not allow it.",
    "internal-server-error": "the server had an internal error.",
    "resource-constraint": "the server is too busy; try again later.",
}


def action_sentence(action: str) -> Sentence:
    """The wording "Could not *action*: *reason*." of a refusal, with the server's text."""

    def sentence(refusal: Refusal) -> str:
        reason = _REASONS.get(
            refusal.condition, f"the server answered with an error ({refusal.condition})."
        )
        said = f" The server said: “{refusal.text}”" if refusal.text else ""
        return f"Could not {action}: {reason}{said}"

    return sentence


def not_connected(action: str) -> NotConnected:
    """The one error for a request that cannot be sent for lack of a connection."""
    return NotConnected(f"Could not {action}: there is no connection to the server.")


def connection_lost(action: str) -> NotConnected:
    """The error for a request whose connection dropped before the answer came."""
    return NotConnected(
        f"Could not {action}: the connection to the server was lost before it answered."
    )


def _lost(client: ClientXMPP, action: str) -> KnownError:
    """Why the connection dropped: what the stream guard refused, if it closed it."""
    refusal = stream_refusal(client)
    if refusal is not None:
        return StreamRefused(f"Could not {action}. {refusal.user_message}")
    return connection_lost(action)


def timed_out(action: str, timeout: float) -> Timeout:
    """The error for a request that got no answer within ``timeout`` seconds."""
    return Timeout(f"Could not {action}: the server did not answer within {timeout:g} seconds.")


def server_error(reply: ET.Element, sentence: Sentence) -> ServerError:
    """The typed error for the ``<iq type='error'/>`` ``reply``, worded by ``sentence``."""
    refusal = refusal_of(reply)
    return ServerError(
        sentence(refusal),
        condition=refusal.condition,
        error_type=refusal.error_type,
        text=refusal.text,
    )


async def send(
    client: ClientXMPP,
    kind: str,
    payload: ET.Element,
    *,
    timeout: float,
    action: str = "send the request",
    sentence: Sentence | None = None,
    to: str | None = None,
) -> ET.Element:
    """Send an iq of ``kind`` ("get" or "set") holding ``payload``; return the reply's XML.

    It goes to ``to``, by default the account's own bare JID. ``action``
    completes "Could not …" for every failure; ``sentence``, when given,
    words an error reply instead.
    """
    if not client.is_connected():
        raise not_connected(action)
    account = to or client.boundjid.bare
    prefix_attribute_namespaces(client, payload)
    request = client.make_iq_get(ito=account) if kind == "get" else client.make_iq_set(ito=account)
    request.append(payload)
    reply = await _exchange(client, request, timeout, action)
    if reply.get("type") == "error":
        raise server_error(reply, sentence or action_sentence(action))
    return reply


def prefix_attribute_namespaces(client: Any, payload: ET.Element) -> None:
    """Give every attribute namespace in ``payload`` a prefix on the stream.

    slixmpp writes an attribute that has a namespace of its own (another
    client's ``c:seen='…'``) only when the stream maps that namespace to a
    prefix, and silently drops it otherwise; mapping it keeps other clients'
    data intact when we write it back.
    """
    mapped = client.namespace_map
    for element in payload.iter():
        for name in element.attrib:
            if not name.startswith("{"):
                continue
            namespace = name[1:].partition("}")[0]
            if namespace != _XML_NS and namespace not in mapped:
                mapped[namespace] = f"ns{len(mapped)}"
    _refuse_prefixed_elements(mapped, payload)


def _refuse_prefixed_elements(mapped: dict[str, str], payload: ET.Element) -> None:
    """Refuse, before sending, an element whose namespace the stream maps to a prefix.

    slixmpp 1.x writes such an element as ``<ns3:ns3:name>``, which is not XML:
    the server closes the stream. It happens when another client's data uses
    one namespace both for an attribute and for an element (measured with
    Prosody 0.12); refusing keeps the connection and the stored data intact.
    """
    for element in payload.iter():
        namespace = element.tag[1:].partition("}")[0] if element.tag.startswith("{") else ""
        if namespace in mapped and namespace not in _STREAM_NAMESPACES:
            raise KnownError(
                f"This data cannot be sent: it uses the namespace “{namespace}” both for an "
                "attribute and for an element, which this program cannot yet write without "
                "breaking the connection. Nothing was sent; the server still holds what it held."
            )


async def _exchange(
    client: ClientXMPP, request: StanzaBase, timeout: float, action: str
) -> ET.Element:
    """Send ``request`` and wait for the result or error with its id from the account.

    A connection lost while waiting ends the wait at once with NotConnected.
    """
    answered: asyncio.Future[ET.Element] = asyncio.get_running_loop().create_future()

    def on_reply(stanza: StanzaBase) -> None:
        if stanza["type"] in ("result", "error") and not answered.done():
            answered.set_result(stanza.xml)

    def on_lost(_event: object) -> None:
        if not answered.done():
            answered.set_exception(_lost(client, action))

    name = f"archiveviewer iq {request['id']}"
    matcher = MatchIDSender({"id": request["id"], "self": client.boundjid, "peer": request["to"]})
    client.register_handler(Callback(name, matcher, on_reply))
    client.add_event_handler("disconnected", on_lost)
    try:
        client.send(request)
        # Not asyncio.wait_for: in 3.11 it drops a cancellation (Ctrl+C) that lands in the
        # turn the reply arrives, and the sync would go on.
        async with asyncio.timeout(timeout):
            return await answered
    except TimeoutError:
        raise timed_out(action, timeout) from None
    finally:
        client.remove_handler(name)
        client.del_event_handler("disconnected", on_lost)


def refusal_of(reply: ET.Element) -> Refusal:
    """The condition, type and text of an ``<iq type='error'/>``."""
    error = reply.find("{jabber:client}error")
    condition = "undefined-condition"
    text = None
    if error is not None:
        for child in error:
            if child.tag == _STANZAS + "text":
                text = child.text
            elif child.tag.startswith(_STANZAS):
                condition = child.tag[len(_STANZAS) :]
    error_type = error.get("type", "cancel") if error is not None else "cancel"
    return Refusal(condition, error_type, text, error)
