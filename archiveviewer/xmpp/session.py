"""One account's connection to its server: TLS, login, roster, disco, reconnect.

:class:`AccountSession` owns a slixmpp client. It connects with STARTTLS and
certificate verification on, logs in, and keeps the connection alive: when
the connection drops it reconnects with backoff and reports each step
through :class:`StateChange` callbacks. Every failure reaches the caller as
a typed :class:`~archiveviewer.errors.KnownError` with a sentence.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slixmpp import JID

from archiveviewer.domain import Contact
from archiveviewer.errors import (
    AuthenticationFailed,
    InsecureConnection,
    KnownError,
    NotConnected,
    UntrustedCertificate,
)
from archiveviewer.xmpp import requests
from archiveviewer.xmpp.guarded import GuardedClient
from archiveviewer.xmpp.login import LoginAttempt, Pin
from archiveviewer.xmpp.xep_0136 import XEP_0136

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


class SessionState(enum.Enum):
    """Where the connection stands."""

    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    FAILED = "failed"


@dataclass(frozen=True)
class StateChange:
    """A change of :class:`SessionState`, with a sentence for the user where one helps."""

    state: SessionState
    sentence: str | None = None


StateListener = Callable[[StateChange], None]


class AccountSession:
    """A live, self-healing connection to one account's server.

    Build it while the event loop that will run it is the current loop.
    """

    def __init__(self, settings: AccountSettings) -> None:
        self.settings = settings
        self._pin = Pin(settings.pinned_fingerprint)
        self.client = _build_client(settings, self._pin)
        self.state = SessionState.DISCONNECTED
        self._listeners: list[StateListener] = []
        self._live = False
        self._closing = False
        self._reconnect_task: asyncio.Task[None] | None = None
        self._features: dict[str, frozenset[str]] = {}
        self.client.add_event_handler("disconnected", self._on_disconnected)

    # --- observing -------------------------------------------------------------

    def add_state_listener(self, listener: StateListener) -> None:
        """Call *listener* with every :class:`StateChange` from now on."""
        self._listeners.append(listener)

    def remove_state_listener(self, listener: StateListener) -> None:
        """Stop calling *listener*."""
        self._listeners.remove(listener)

    @property
    def jid(self) -> JID:
        """The account's full JID as bound by the server (bare until connected)."""
        return JID(self.client.boundjid)

    @property
    def archive(self) -> XEP_0136:
        """The XEP-0136 message archiving API of this account (see :mod:`.xep_0136`)."""
        plugins: Any = self.client.plugin  # slixmpp types only its own plugins
        archive: XEP_0136 = plugins["xep_0136"]
        return archive

    @property
    def connected(self) -> bool:
        """True while the stream is open and the session started."""
        return self._live

    # --- connecting --------------------------------------------------------------

    async def connect(self) -> None:
        """Connect and log in.

        Raises AuthenticationFailed, HostUnreachable, UntrustedCertificate
        (with the fingerprint of the certificate the server presented) or
        Timeout. Once this returns, a dropped connection is re-established
        in the background (see :class:`StateChange`). Does nothing when
        already connected.
        """
        if self._live:
            return
        self._closing = False
        self._set_state(SessionState.CONNECTING)
        try:
            await self._attempt()
        except KnownError as exc:
            await self._stop_output()
            self._set_state(SessionState.FAILED, exc.user_message)
            raise
        self._set_state(SessionState.CONNECTED)

    async def disconnect(self) -> None:
        """Close the stream cleanly and stop reconnecting."""
        self._closing = True
        if self._reconnect_task is not None:
            self._reconnect_task.cancel()
            self._reconnect_task = None
        if self._live:
            await self.client.disconnect(wait=2.0)
        self._live = False
        await self._stop_output()
        self._set_state(SessionState.DISCONNECTED)

    async def _stop_output(self) -> None:
        # slixmpp starts its outgoing-filter task on connect and only cancels
        # it when the client is garbage-collected, outside the loop; stop it
        # here so no task outlives the session. (A private attribute: there
        # is no public way.)
        task = getattr(self.client, "_run_out_filters", None)
        if task is None or task.done():
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _attempt(self) -> None:
        self._features.clear()
        attempt = LoginAttempt(self.client, self.settings, self._pin)
        await attempt.run()
        self._live = True

    def _on_disconnected(self, _event: Any) -> None:
        was_live, self._live = self._live, False
        if not was_live or self._closing:
            return
        self._reconnect_task = asyncio.ensure_future(self._reconnect())

    async def _reconnect(self) -> None:
        refusal = self.client.stream_refusal
        last = refusal.user_message if refusal else "The connection to the server was lost."
        delays = self.settings.reconnect_delays
        for number, delay in enumerate(delays, start=1):
            self._set_state(
                SessionState.RECONNECTING,
                f"{last} Reconnecting in {delay:g} s (attempt {number} of {len(delays)}).",
            )
            await asyncio.sleep(delay)
            try:
                await self._attempt()
            except (AuthenticationFailed, UntrustedCertificate, InsecureConnection) as exc:
                self._set_state(SessionState.FAILED, exc.user_message)
                return
            except KnownError as exc:
                last = exc.user_message
                continue
            await self._resume()
            self._set_state(SessionState.CONNECTED)
            return
        self._set_state(
            SessionState.FAILED, f"Gave up reconnecting after {len(delays)} attempts. {last}"
        )

    async def _resume(self) -> None:
        # What the server remembers per stream (preference pushes) starts
        # afresh on a new stream; ask again so listeners keep hearing.
        try:
            await self.archive.resume_pushes()
        except KnownError as exc:
            log.warning("preference pushes not resumed: %s", exc.user_message)

    def _set_state(self, state: SessionState, sentence: str | None = None) -> None:
        self.state = state
        change = StateChange(state, sentence)
        for listener in list(self._listeners):
            listener(change)

    # --- what the account has -----------------------------------------------------

    async def roster(self) -> tuple[Contact, ...]:
        """The user's contacts with the names and groups the user gave them."""
        self._require_connection("read the contact list")
        iq = self.client.Iq()
        iq["type"] = "get"
        iq.enable("roster")
        result = await requests.send(iq, "read the contact list", self.settings.timeout)
        items = result["roster"]["items"]
        return tuple(
            Contact(
                jid=str(jid),
                name=item.get("name") or None,
                groups=tuple(sorted(item.get("groups") or ())),
            )
            for jid, item in sorted(items.items(), key=lambda pair: str(pair[0]))
        )

    async def server_features(self) -> frozenset[str]:
        """The disco#info features of the account's server, cached per connection."""
        return await self._features_of(self.client.boundjid.domain)

    async def account_features(self) -> frozenset[str]:
        """The disco#info features of the account's bare JID, cached per connection."""
        return await self._features_of(self.client.boundjid.bare)

    async def _features_of(self, jid: str) -> frozenset[str]:
        cached = self._features.get(jid)
        if cached is not None:
            return cached
        self._require_connection("ask the server what it supports")
        iq = self.client.Iq()
        iq["type"] = "get"
        iq["to"] = jid
        iq.enable("disco_info")
        result = await requests.send(iq, "ask the server what it supports", self.settings.timeout)
        features = frozenset(result["disco_info"]["features"])
        self._features[jid] = features
        return features

    def _require_connection(self, action: str) -> None:
        if not self._live:
            raise NotConnected(f"Could not {action}: there is no connection to the server.")


# --- building the client -------------------------------------------------------------


def _build_client(settings: AccountSettings, pin: Pin) -> GuardedClient:
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


