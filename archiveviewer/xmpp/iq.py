"""Send one ``<iq/>`` with a raw payload and turn failures into known errors.

Every error reply becomes a :class:`~archiveviewer.errors.ServerError` (never
an empty result); a missing answer becomes
:class:`~archiveviewer.errors.Timeout`. The caller supplies the sentence for
the user, because only it knows what was being done.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from slixmpp import ClientXMPP
from slixmpp.exceptions import IqError, IqTimeout

from archiveviewer.errors import NotConnected, ServerError, Timeout

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
    client: ClientXMPP, kind: str, payload: ET.Element, *, timeout: float, sentence: Sentence
) -> ET.Element:
    """Send an iq of ``kind`` ("get" or "set") to the account's bare JID; return the reply's XML."""
    if not client.is_connected():
        raise NotConnected("There is no connection to the server; connect and try again.")
    account = client.boundjid.bare
    iq = client.make_iq_get(ito=account) if kind == "get" else client.make_iq_set(ito=account)
    iq.append(payload)
    try:
        # slixmpp's Iq.send has no annotations; it returns the result Iq.
        reply = await iq.send(timeout=timeout)  # type: ignore[no-untyped-call]
    except IqError as exc:
        refusal = _refusal(exc.iq)
        raise ServerError(
            sentence(refusal),
            condition=refusal.condition,
            error_type=refusal.error_type,
            text=refusal.text,
        ) from None
    except IqTimeout:
        raise Timeout(
            f"The server did not answer within {timeout:g} seconds; try again later."
        ) from None
    xml: ET.Element = reply.xml
    return xml


def _refusal(iq: object) -> Refusal:
    error = getattr(iq, "xml", ET.Element("iq")).find("{jabber:client}error")
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
