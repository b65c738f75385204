"""Error answers become typed errors with a sentence; no connection is NotConnected."""

from __future__ import annotations

import pytest
import slixmpp
from slixmpp.stanza import Iq

from archiveviewer.errors import NotConnected
from archiveviewer.xmpp.requests import send, server_error


def _error(condition: str, text: str | None = None, kind: str = "cancel") -> Iq:
    iq = Iq()
    iq["type"] = "error"
    iq["error"]["condition"] = condition
    iq["error"]["type"] = kind
    if text:
        iq["error"]["text"] = text
    return iq


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
    error = server_error(_error(condition), "list the archived conversations")
    assert error.condition == condition
    assert error.user_message == f"Could not list the archived conversations: {reason}"


def test_the_servers_own_text_is_quoted() -> None:
    error = server_error(_error("not-acceptable", "too large", "modify"), "store the conversation")
    assert error.error_type == "modify"
    assert error.text == "too large"
    assert error.user_message.endswith("The server said: “too large”")


@pytest.mark.asyncio
async def test_a_request_without_a_connection_is_not_connected() -> None:
    client = slixmpp.ClientXMPP("romeo@montague.example", "pw")
    iq = client.Iq()
    iq["type"] = "get"
    with pytest.raises(NotConnected, match="Could not read: there is no connection"):
        await send(iq, "read", 1.0)
