"""Send one ``<iq/>`` with a raw payload and turn failures into known errors.

Every error reply becomes a :class:`~archiveviewer.errors.ServerError` (never
an empty result); a missing answer becomes
:class:`~archiveviewer.errors.Timeout`. The caller supplies the sentence for
the user, because only it knows what was being done.

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

from archiveviewer.errors import NotConnected, ServerError, Timeout
from archiveviewer.xmpp.guarded import stream_refusal

_STANZAS = "{urn:ietf:params:xml:ns:xmpp-stanzas}"


@dataclass(frozen=True)
class Refusal:
    """An error reply: its defined condition, type, text and the ``<error/>`` element."""

    condition: str
    error_type: str
    text: str | None
    element: ET.Element | None


Sentence = Callable[[Refusal], str]


async def send(
    client: ClientXMPP,
    kind: str,
    payload: ET.Element,
    *,
    timeout: float,
    sentence: Sentence,
    to: str | None = None,
) -> ET.Element:
    """Send an iq of ``kind`` ("get" or "set") and return the reply's XML.

    It goes to ``to``, by default the account's own bare JID.
    """
    if not client.is_connected():
        raise NotConnected("There is no connection to the server; connect and try again.")
    account = to or client.boundjid.bare
    prefix_attribute_namespaces(client, payload)
    request = client.make_iq_get(ito=account) if kind == "get" else client.make_iq_set(ito=account)
    request.append(payload)
    reply = await _exchange(client, request, timeout)
    if reply.get("type") == "error":
        refusal = _refusal(reply)
        raise ServerError(
            sentence(refusal),
            condition=refusal.condition,
            error_type=refusal.error_type,
            text=refusal.text,
        )
    return reply


_XML_NS = "http://www.w3.org/XML/1998/namespace"


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


async def _exchange(client: ClientXMPP, request: StanzaBase, timeout: float) -> ET.Element:
    """Send ``request`` and wait for the result or error with its id from the account.

    A connection lost while waiting ends the wait at once with NotConnected.
    """
    answered: asyncio.Future[ET.Element] = asyncio.get_running_loop().create_future()

    def on_reply(stanza: StanzaBase) -> None:
        if stanza["type"] in ("result", "error") and not answered.done():
            answered.set_result(stanza.xml)

    def on_lost(_event: object) -> None:
        if not answered.done():
            answered.set_exception(
                stream_refusal(client)
                or NotConnected("The connection to the server was lost before it answered.")
            )

    name = f"archiveviewer iq {request['id']}"
    matcher = MatchIDSender({"id": request["id"], "self": client.boundjid, "peer": request["to"]})
    client.register_handler(Callback(name, matcher, on_reply))
    client.add_event_handler("disconnected", on_lost)
    try:
        client.send(request)
        return await asyncio.wait_for(answered, timeout)
    except TimeoutError:
        raise Timeout(
            f"The server did not answer within {timeout:g} seconds; try again later."
        ) from None
    finally:
        client.remove_handler(name)
        client.del_event_handler("disconnected", on_lost)


def _refusal(reply: ET.Element) -> Refusal:
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
