"""Helpers shared by the tests: an in-memory keyring, slixmpp clients of the test server, the
command line's login options for it, and the SIGINT a started program inherits."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import ssl
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any
from unittest import mock

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from slixmpp import ClientXMPP
from slixmpp.exceptions import IqError

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
    # slixmpp loads the system's CA bundle for every client (0.2 s each); ours replaces it
    # (ca_certs below) before any handshake, so skip that load. Verification stays on.
    with mock.patch.object(ssl.SSLContext, "set_default_verify_paths", return_value=None):
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


def login_args(
    server: Any,
    jid: str,
    data_dir: Path | str | None = None,
    *,
    host: str | None = None,
    port: int | None = None,
) -> list[str]:
    """The command line's options that log ``jid`` in to ``server`` (a ProsodyServer).

    The server's certificate is the one trusted; ``data_dir``, where given, holds the local
    copy and keys; ``host`` and ``port`` replace the server's own.
    """
    args = ["--jid", jid, "--host", host or server.host, "--port", str(port or server.port)]
    args += ["--ca-cert", str(server.ca_cert)]
    return args if data_dir is None else [*args, "--data-dir", str(data_dir)]


async def close_client(client: ClientXMPP) -> None:
    """End the client's stream (and any connection attempt) and wait until it is closed."""
    client.cancel_connection_attempt()
    if client.transport is not None:
        await client.disconnect(wait=2.0)


def parse_test_xml(text: str) -> ET.Element:
    """Parse XML written in a test (ours, trusted); a DOCTYPE is refused all the same."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ValueError("test XML must not declare a DOCTYPE or entities")
    return ET.fromstring(text)  # noqa: S314 (our own test text, checked above)


async def send_raw(client: ClientXMPP, iq_xml: str, *, timeout: float = 10.0) -> ET.Element:
    """Send an ``<iq>`` written as raw XML and return the server's answer (result or error).

    The request's ``type``, ``to`` and children are kept; ``id`` and ``from`` are replaced.
    A ``to`` of the seed's example domain ``montague.net`` is sent to our server's domain.
    """
    request = parse_test_xml(iq_xml)
    iq = client.make_iq(itype=request.get("type", "get"))
    to = request.get("to")
    if to:
        iq["to"] = client.boundjid.domain if to == "montague.net" else to
    for child in list(request):
        iq.xml.append(child)
    try:
        answer = await iq.send(timeout=timeout)
    except IqError as error:
        answer = error.iq
    return answer.xml


@contextlib.asynccontextmanager
async def client_session(
    server: Any, jid: str | None = None, password: str | None = None, resource: str = "test"
) -> AsyncIterator[ClientXMPP]:
    """A connected client for the block: of a new user, or of ``jid``/``password``."""
    if jid is None:
        jid, password = server.new_user()
    assert password is not None
    client = await connect_client(server, f"{jid}/{resource}", password)
    try:
        yield client
    finally:
        await close_client(client)


@contextlib.contextmanager
def children_get_sigint(sigint: Callable[[int, FrameType | None], Any] | int) -> Iterator[None]:
    """Programs started inside inherit SIGINT from ``sigint``, whatever this process had.

    An ignored signal stays ignored across ``exec``; a handler becomes the default there.
    Without this the children would get what pytest was started with: a ``pytest &`` in a
    script (or any background job of a non-interactive shell) ignores SIGINT, and so would
    every program it starts: a sync then ignored Ctrl+C in long runs started so.
    """
    previous = signal.signal(signal.SIGINT, sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
