"""Building an account's slixmpp client and one attempt to connect and log in.

:class:`ConnectAttempt` turns slixmpp's events into one outcome: logged in,
or a typed :class:`~archiveviewer.errors.KnownError` with a sentence that
names the cause: the server unreachable or closing the stream, data that is
not valid XML (the client is a :class:`~.guarded.GuardedClient`), a
certificate refused and why (:mod:`.tlsfailure`), no encryption offered, or
the name and password refused. Until TLS is verified no password is sent.
The session (:mod:`.session`) makes one per try and reconnects on top of it.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import slixmpp
from slixmpp import JID

from archiveviewer.errors import (
    AuthenticationFailed,
    HostUnreachable,
    InsecureConnection,
    KnownError,
    Timeout,
    UntrustedCertificate,
)
from archiveviewer.xmpp.guarded import GuardedClient
from archiveviewer.xmpp.tlsfailure import verify_failure_cause
from archiveviewer.xmpp.tlsprobe import fingerprint_of, format_fingerprint, probe_fingerprint

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccountSettings:
    """How to reach and log in to one account.

    ``host``/``port`` override DNS SRV lookup. ``ca_certs`` replaces the
    system trust store (tests point it at the server's own certificate).
    ``pinned_fingerprint`` is the SHA-256 fingerprint (hex, colons optional)
    of a self-signed certificate the user chose to trust: the session then
    accepts exactly that certificate and no other. ``reconnect_delays`` are
    the waits, in seconds, before each reconnection attempt; when they are
    used up the session gives up.
    """

    jid: str
    password: str = field(repr=False)
    host: str | None = None
    port: int | None = None
    ca_certs: Path | None = None
    pinned_fingerprint: str | None = None
    direct_tls: bool = False
    timeout: float = 15.0
    reconnect_delays: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 60.0)


# --- building the client -------------------------------------------------------------


def build_client(settings: AccountSettings, pin: Pin) -> GuardedClient:
    client = GuardedClient(settings.jid, settings.password)
    client.enable_direct_tls = settings.direct_tls
    client.enable_starttls = True
    client.enable_plaintext = False
    client.whitespace_keepalive = True
    if settings.pinned_fingerprint is not None:
        client.ssl_context = _pinning_context()
        client.add_event_handler("ssl_cert", lambda pem: pin.check(client, pem))
    elif settings.ca_certs is not None:
        client.ca_certs = settings.ca_certs
    for plugin in ("xep_0030", "xep_0059", "xep_0199", "xep_0136"):
        client.register_plugin(plugin)
    return client


def _pinning_context() -> ssl.SSLContext:
    # The pin replaces chain and name checks: the handshake accepts any
    # certificate and Pin.check rejects all but the pinned one
    # before a single byte of the login is sent.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class Pin:
    """The certificate the user chose to trust, and what the server showed instead."""

    def __init__(self, fingerprint: str | None) -> None:
        self.wanted = format_fingerprint(fingerprint) if fingerprint else None
        self.mismatch: str | None = None

    def check(self, client: slixmpp.ClientXMPP, pem: str) -> None:
        """Drop the connection unless the certificate is the pinned one."""
        seen = fingerprint_of(ssl.PEM_cert_to_DER_cert(pem))
        if seen == self.wanted:
            return
        self.mismatch = seen
        client.abort()


class ConnectAttempt:
    """One connection attempt, resolved by the first decisive slixmpp event."""

    def __init__(self, client: GuardedClient, settings: AccountSettings, pin: Pin) -> None:
        self.client = client
        self.settings = settings
        self.pin = pin
        self.outcome: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.last_network_error: str | None = None
        self.cert_failed = False
        self.cert_error: object = None
        self.cert_reason: str | None = None

    async def run(self) -> None:
        handlers = {
            "session_start": self._on_session_start,
            "failed_all_auth": self._on_auth_failed,
            "connection_failed": self._on_connection_failed,
            "reconnect_delay": self._on_all_addresses_failed,
            "ssl_invalid_chain": self._on_invalid_chain,
            "disconnected": self._on_disconnected,
        }
        for name, handler in handlers.items():
            self.client.add_event_handler(name, handler)
        self.pin.mismatch = None
        self.client.forget_refusal()
        try:
            self.client.connect(self.settings.host, self.settings.port)
            async with asyncio.timeout(self.settings.timeout):  # keeps a cancellation
                await asyncio.shield(self.outcome)
        except TimeoutError:
            self._stop()
            raise Timeout(
                f"The server {self._where()} did not complete the login within "
                f"{self.settings.timeout:g} seconds."
            ) from None
        except (KnownError, asyncio.CancelledError):
            # Cancelled too: slixmpp's own attempt would otherwise go on and
            # log in behind the caller's back.
            self._stop()
            raise
        finally:
            for name, handler in handlers.items():
                self.client.del_event_handler(name, handler)
        if self.cert_failed:
            await self._raise_untrusted()

    def _stop(self) -> None:
        self.client.cancel_connection_attempt()
        self.client.abort()

    def _server_name(self) -> str:
        """The name a pin is filed under: the host connected to, else the JID's domain."""
        return self.settings.host or JID(self.settings.jid).domain

    def _where(self) -> str:
        domain = JID(self.settings.jid).domain
        if self.settings.host:
            return f"{domain} ({self.settings.host}:{self.settings.port})"
        return domain

    def _fail(self, error: KnownError) -> None:
        if not self.outcome.done():
            self.outcome.set_exception(error)

    def _on_session_start(self, _event: Any) -> None:
        if not self.outcome.done():
            self.outcome.set_result(None)

    def _on_auth_failed(self, _event: Any) -> None:
        if not isinstance(self.client.socket, ssl.SSLObject | ssl.SSLSocket):
            # slixmpp refuses to send a password in the clear: no SASL
            # mechanism was tried, so the server refused nothing.
            self._fail(
                InsecureConnection(
                    f"The server {self._where()} does not offer an encrypted connection, "
                    "so the login was not attempted and the password was not sent."
                )
            )
            return
        self._fail(
            AuthenticationFailed(
                f"The server {self._where()} refused the login for {JID(self.settings.jid).bare}: "
                "check the address and the password."
            )
        )

    def _on_connection_failed(self, error: Any) -> None:
        self.last_network_error = str(error)
        if self.settings.host:
            self._on_all_addresses_failed(None)

    def _on_all_addresses_failed(self, _event: Any) -> None:
        # The socket's own words ("[Errno 111] Connect call failed …") go to the log.
        log.info("could not reach %s: %s", self._where(), self.last_network_error)
        self._fail(
            HostUnreachable(
                f"Could not reach the server {self._where()}: it may be down, or this "
                "computer may be offline."
            )
        )

    def _on_invalid_chain(self, error: Any) -> None:
        self.cert_failed = True
        self.cert_error = error
        self.cert_reason = getattr(error, "verify_message", None) or (str(error) if error else None)
        if not self.outcome.done():
            self.outcome.set_result(None)
        self.client.abort()

    def _on_disconnected(self, reason: Any) -> None:
        refusal = self.client.stream_refusal
        if refusal is not None:
            self._fail(refusal)
            return
        if isinstance(reason, ssl.SSLCertVerificationError):
            # The handshake failure can close the transport before slixmpp
            # reports ssl_invalid_chain: both mean the same.
            self._on_invalid_chain(reason)
            return
        mismatch = self.pin.mismatch
        if mismatch is not None:
            self._fail(
                UntrustedCertificate(
                    f"The server {self._where()} presented a certificate other than the one "
                    f"you chose to trust. Its SHA-256 fingerprint is {mismatch}.",
                    host=self._server_name(),
                    fingerprint=mismatch,
                    reason="not the certificate you chose to trust",
                )
            )
            return
        self._fail(
            HostUnreachable(f"The server {self._where()} closed the connection during login.")
        )

    async def _raise_untrusted(self) -> None:
        try:
            seen: str | None = await probe_fingerprint(
                self.settings.host or JID(self.settings.jid).domain,
                self.settings.port or 5222,
                JID(self.settings.jid).domain,
                direct_tls=self.settings.direct_tls,
                timeout=self.settings.timeout,
            )
        except (OSError, TimeoutError, ValueError) as exc:
            log.info("could not read the certificate for its fingerprint: %s", exc)
            seen = None
        shown = f" Its SHA-256 fingerprint is {seen}." if seen else ""
        cause = verify_failure_cause(self.cert_error, JID(self.settings.jid).domain)
        raise UntrustedCertificate(
            f"The certificate of the server {self._where()} is not trusted: {cause}. "
            f"The password was not sent.{shown} "
            "Only trust it if you know it is the server's own.",
            host=self._server_name(),
            fingerprint=seen,
            reason=self.cert_reason,
        )
