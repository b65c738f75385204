"""Error answers become typed errors with one sentence; no connection is NotConnected."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import slixmpp

from archiveviewer.errors import NotConnected
from archiveviewer.xmpp.iq import action_sentence, send, server_error

STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"


def _error(condition: str, text: str | None = None, kind: str = "cancel") -> ET.Element:
    reply = ET.Element("{jabber:client}iq", {"type": "error"})
    error = ET.SubElement(reply, "{jabber:client}error", {"type": kind})
    ET.SubElement(error, f"{{{STANZAS}}}{condition}")
    if text:
        ET.SubElement(error, f"{{{STANZAS}}}text").text = text
    return reply


@pytest.mark.parametrize(
    ("condition", "reason"),
    [
        ("item-not-found", "the server has no such item."),
        ("feature-not-implemented", "the server does not support this."),
        ("not-acceptable", "the server did not accept the request (it may be too large)."),
        ("service-unavailable", "the service is not available on this server."),
        ("bad-request", "the server did not understand the request."),
        ("gone", "the server answered with an error (gone)."),
    ],
)
def test_each_condition_reads_as_a_sentence(condition: str, reason: str) -> None:
    action = "list the archived conversations"
    error = server_error(_error(condition), action_sentence(action))
    assert error.condition == condition
    assert error.user_message == f"Could not list the archived conversations: {reason}"


def test_the_servers_own_text_is_quoted() -> None:
    reply = _error("not-acceptable", "too large", "modify")
    error = server_error(reply, action_sentence("store the conversation"))
    assert error.error_type == "modify"
    assert error.text == "too large"
    assert error.user_message.endswith("The server said: “too large”")


def test_a_callers_own_wording_replaces_the_default() -> None:
    error = server_error(_error("forbidden"), lambda refusal: f"No ({refusal.condition}).")
    assert (error.user_message, error.condition) == ("No (forbidden).", "forbidden")


@pytest.mark.asyncio
async def test_a_request_without_a_connection_is_not_connected() -> None:
    client = slixmpp.ClientXMPP("romeo@montague.example", "pw")
    with pytest.raises(NotConnected) as caught:
        await send(client, "get", ET.Element("{jabber:iq:roster}query"), timeout=1.0,
                   action="read")
    assert caught.value.user_message == "Could not read: there is no connection to the server."
