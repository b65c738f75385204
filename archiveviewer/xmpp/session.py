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
import itertools
import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slixmpp import JID

from archiveviewer.domain import Contact
from archiveviewer.errors import (
    AuthenticationFailed,
    InsecureConnection,
    KnownError,
    UntrustedCertificate,
)
from archiveviewer.xmpp import disco, iq
from archiveviewer.xmpp.connecting import AccountSettings, ConnectAttempt, Pin, build_client
from archiveviewer.xmpp.xep_0136 import XEP_0136

__all__ = ["AccountSession", "AccountSettings", "SessionState", "StateChange", "StateListener"]

log = logging.getLogger(__name__)


class SessionState(enum.Enum):
    """Where the connection stands."""

    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    FAILED = "failed"


@dataclass(frozen=True)
class StateChange:
    """A change of :class:`SessionState`, with a sentence for the user where one helps.

    While ``RECONNECTING`` the sentence says why the last attempt failed and
    ``retry_in`` is the wait in seconds before the next one.
    """

    state: SessionState
    sentence: str | None = None
    retry_in: float | None = None


StateListener = Callable[[StateChange], None]


class AccountSession:
    """A live, self-healing connection to one account's server.

    Build it while the event loop that will run it is the current loop.
    """

    def __init__(self, settings: AccountSettings) -> None:
        self.settings = settings
        self._pin = Pin(settings.pinned_fingerprint)
        self.client = build_client(settings, self._pin)
        self.state = SessionState.DISCONNECTED
        self._listeners: list[StateListener] = []
        self._live = False
        self._closing = False
        self._reconnect_task: asyncio.Task[None] | None = None
        self.client.add_event_handler("disconnected", self._on_disconnected)

    # --- observing -------------------------------------------------------------

    def add_state_listener(self, listener: StateListener) -> None:
        """Call *listener* with every :class:`StateChange` from now on."""
        self._listeners.append(listener)

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
        disco.forget(self.client)
        attempt = ConnectAttempt(self.client, self.settings, self._pin)
        await attempt.run()
        self._live = True

    def _on_disconnected(self, _event: Any) -> None:
        was_live, self._live = self._live, False
        if not was_live or self._closing:
            return
        self._reconnect_task = asyncio.ensure_future(self._reconnect())

    async def _reconnect(self) -> None:
        # Keep trying while the program runs: after the listed waits, the last
        # one repeats (a server down for an hour is back without a restart).
        refusal = self.client.stream_refusal
        last = refusal.user_message if refusal else "The connection to the server was lost."
        delays = self.settings.reconnect_delays
        if not delays:
            self._set_state(SessionState.FAILED, last)
            return
        for delay in itertools.chain(delays, itertools.repeat(delays[-1])):
            self._set_state(SessionState.RECONNECTING, last, retry_in=delay)
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

    async def _resume(self) -> None:
        # What the server remembers per stream (preference pushes) starts
        # afresh on a new stream; ask again so listeners keep hearing.
        try:
            await self.archive.resume_pushes()
        except KnownError as exc:
            log.warning("preference pushes not resumed: %s", exc.user_message)

    def _set_state(
        self, state: SessionState, sentence: str | None = None, retry_in: float | None = None
    ) -> None:
        self.state = state
        change = StateChange(state, sentence, retry_in)
        for listener in list(self._listeners):
            listener(change)

    # --- what the account has -----------------------------------------------------

    async def roster(self) -> tuple[Contact, ...]:
        """The user's contacts with the names and groups the user gave them."""
        action = "read the contact list"
        self._require_connection(action)
        reply = await iq.send(
            self.client,
            "get",
            ET.Element(_ROSTER + "query"),
            timeout=self.settings.timeout,
            action=action,
        )
        return contacts_of(reply.find(_ROSTER + "query"))

    async def server_features(self) -> frozenset[str]:
        """The disco#info features of the account's server, cached per connection."""
        return await self._features_of(self.client.boundjid.domain)

    async def account_features(self) -> frozenset[str]:
        """The disco#info features of the account's bare JID, cached per connection."""
        return await self._features_of(self.client.boundjid.bare)

    async def _features_of(self, jid: str) -> frozenset[str]:
        self._require_connection(disco.ACTION)
        answer = await disco.info(self.client, jid, timeout=self.settings.timeout)
        return answer.features

    def _require_connection(self, action: str) -> None:
        if not self._live:
            raise iq.not_connected(action)


_ROSTER = "{jabber:iq:roster}"


def contacts_of(query: ET.Element | None) -> tuple[Contact, ...]:
    """The contacts of a roster ``<query/>`` result, by JID."""
    contacts = []
    for item in [] if query is None else query.findall(_ROSTER + "item"):
        jid = item.get("jid")
        if not jid:
            continue
        groups = {g.text for g in item.findall(_ROSTER + "group") if g.text}
        contacts.append(
            Contact(jid=str(JID(jid)), name=item.get("name") or None, groups=tuple(sorted(groups)))
        )
    return tuple(sorted(contacts, key=lambda c: c.jid))
