"""Sending one request and turning every way it can fail into a typed error.

Every request of this layer goes through :func:`send`, so a server error, a
timeout and a lost connection always reach the caller as an
:class:`~archiveviewer.errors.ServerError`, :class:`~archiveviewer.errors.Timeout`
or :class:`~archiveviewer.errors.NotConnected` with a sentence for the user,
never as "no answer" or "no more data".
"""

from __future__ import annotations

import asyncio
from typing import Any

from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.stanza import Iq

from archiveviewer.errors import KnownError, NotConnected, ServerError, Timeout
from archiveviewer.protocol.streamguard import StreamRefused
from archiveviewer.xmpp.guarded import stream_refusal
from archiveviewer.xmpp.iq import prefix_attribute_namespaces

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


def server_error(error_iq: Iq, action: str) -> ServerError:
    """The typed error for an ``<iq type='error'/>`` answer to a request to *action*."""
    condition = error_iq["error"]["condition"] or "undefined-condition"
    text = error_iq["error"]["text"] or None
    reason = _REASONS.get(condition, f"the server answered with an error ({condition}).")
    sentence = f"Could not {action}: {reason}"
    if text:
        sentence += f" The server said: “{text}”"
    return ServerError(
        sentence,
        condition=condition,
        error_type=error_iq["error"]["type"] or "cancel",
        text=text,
    )


def not_connected(action: str) -> NotConnected:
    """The error for a request that cannot be (or was not) answered for lack of a connection."""
    return NotConnected(f"Could not {action}: there is no connection to the server.")


def connection_lost(stream: object, action: str) -> KnownError:
    """The error for a request whose connection closed before the answer came.

    When the stream guard closed it, the reason is what the server sent.
    """
    refusal = stream_refusal(stream)
    if refusal is not None:
        return StreamRefused(f"Could not {action}. {refusal.user_message}")
    return not_connected(action)


async def send(iq: Iq, action: str, timeout: float) -> Iq:
    """Send *iq* and return the result stanza.

    *action* completes the sentence "Could not …" shown when it fails.
    Raises ServerError for an error answer, Timeout when none comes within
    *timeout* seconds, NotConnected when there is no connection or it drops
    before the answer.
    """
    request: Any = iq  # slixmpp's Iq.send is untyped
    stream: Any = iq.stream
    if stream is None or stream.transport is None:
        raise not_connected(action)
    prefix_attribute_namespaces(stream, iq.xml)
    lost = stream.disconnected
    reply = asyncio.ensure_future(request.send(timeout=timeout))
    await asyncio.wait({reply, lost}, return_when=asyncio.FIRST_COMPLETED)
    if not reply.done():
        reply.cancel()
        raise connection_lost(stream, action)
    try:
        result: Iq = reply.result()
    except IqError as exc:
        raise server_error(exc.iq, action) from None
    except IqTimeout:
        raise Timeout(
            f"Could not {action}: the server did not answer within {timeout:g} seconds."
        ) from None
    return result
