"""Shared helpers for the client tests: accounts on the test server and live sessions."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from typing import Any

from archiveviewer.xmpp.session import AccountSession, AccountSettings, SessionState, StateChange
from archiveviewer.xmpp.tlsprobe import fingerprint_of
from tests.server.prosody import ProsodyServer


def new_account(server: ProsodyServer, **settings: Any) -> AccountSettings:
    """A fresh user on *server* and the settings to reach it with verification on."""
    jid, password = server.new_user("client")
    base = settings_of(server, jid, password, timeout=10.0)
    return replace(base, **{"reconnect_delays": (0.1, 0.2, 0.5, 1.0, 2.0), **settings})


def settings_of(
    server: ProsodyServer, jid: str, password: str, *, timeout: float = 15.0
) -> AccountSettings:
    """How ``jid`` logs in to ``server``, verifying its certificate; no reconnecting."""
    return AccountSettings(
        jid=jid,
        password=password,
        host=server.host,
        port=server.port,
        ca_certs=server.ca_cert,
        timeout=timeout,
        reconnect_delays=(),
    )


def server_fingerprint(server: ProsodyServer) -> str:
    """The SHA-256 fingerprint of the certificate the test server presents."""
    return fingerprint_of(ssl.PEM_cert_to_DER_cert(server.ca_cert.read_text()))


@asynccontextmanager
async def connected(settings: AccountSettings) -> AsyncIterator[AccountSession]:
    """A connected session, disconnected afterwards whatever happens."""
    session = AccountSession(settings)
    await session.connect()
    try:
        yield session
    finally:
        await session.disconnect()


def online(
    server: ProsodyServer, jid: str, password: str, *, timeout: float = 15.0
) -> AbstractAsyncContextManager[AccountSession]:
    """A connected session of ``jid`` on ``server`` (no reconnecting), disconnected afterwards."""
    return connected(settings_of(server, jid, password, timeout=timeout))


class StateLog:
    """Records a session's state changes and waits for one."""

    def __init__(self, session: AccountSession) -> None:
        self.changes: list[StateChange] = []
        self._changed = asyncio.Event()
        session.add_state_listener(self._record)

    def _record(self, change: StateChange) -> None:
        self.changes.append(change)
        self._changed.set()

    @property
    def states(self) -> list[SessionState]:
        return [change.state for change in self.changes]

    async def wait_for(self, state: SessionState, after: int = 0, timeout: float = 10) -> None:
        """Wait until *state* appears among the changes from index *after* on."""
        async with asyncio.timeout(timeout):
            while state not in self.states[after:]:
                self._changed.clear()
                await self._changed.wait()
