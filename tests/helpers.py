"""Helpers shared by the tests: an in-memory keyring and slixmpp clients of the test server."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from slixmpp import ClientXMPP

CONNECT_TIMEOUT = 10.0


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict: CI runs as root with no keyring daemon."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(f"no password for {username} at {service}")


class ConnectionFailed(RuntimeError):
    """The test client could not open an authenticated session."""


def make_client(jid: str, password: str, ca_cert: Path | str) -> ClientXMPP:
    """A slixmpp client that only speaks STARTTLS and verifies the server against ``ca_cert``.

    Call it inside a running event loop: slixmpp binds to the loop it first sees.
    """
    client = ClientXMPP(jid, password)
    client.enable_direct_tls = False
    client.enable_starttls = True
    client.enable_plaintext = False
    client.ca_certs = Path(ca_cert)
    client.reconnect_max_attempts = 0
    return client


async def connect_client(
    server: Any, jid: str, password: str, *, ca_cert: Path | str | None = None
) -> ClientXMPP:
    """Connect and authenticate a client to ``server`` (a ProsodyServer); raise on failure.

    ``jid`` may carry a resource. Presence is not sent: the session is ready for IQs.
    """
    client = make_client(jid, password, ca_cert or server.ca_cert)
    loop = asyncio.get_running_loop()
    outcome: asyncio.Future[None] = loop.create_future()

    def fail(reason: object) -> None:
        if not outcome.done():
            outcome.set_exception(ConnectionFailed(str(reason)))

    client.add_event_handler("session_start", lambda _: outcome.done() or outcome.set_result(None))
    client.add_event_handler("ssl_invalid_chain", lambda e: fail(f"certificate refused: {e}"))
    client.add_event_handler("failed_all_auth", lambda _: fail("authentication failed"))
    client.add_event_handler("connection_failed", fail)
    # A refused certificate closes the transport before the TLS error is reported: give the
    # specific reason a moment to arrive first.
    client.add_event_handler(
        "disconnected",
        lambda _: loop.call_later(0.2, fail, "disconnected before the session"),
    )
    client.connect("127.0.0.1", server.port)
    try:
        await asyncio.wait_for(outcome, CONNECT_TIMEOUT)
    except BaseException:
        await close_client(client)
        raise
    return client


async def close_client(client: ClientXMPP) -> None:
    """End the client's stream (and any connection attempt) and wait until it is closed."""
    client.cancel_connection_attempt()
    if client.transport is not None:
        await client.disconnect(wait=2.0)
