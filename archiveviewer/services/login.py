"""Logging in: the one place that turns an account into the network's ``AccountSettings``.

The window (through :class:`~archiveviewer.services.accounts.NetworkOpener`) and
every command-line command that reaches the server (``sync``, ``rekey``) log in
through :class:`Login`; :func:`connect` is the short-lived session of a command.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from archiveviewer.domain import bare_jid
from archiveviewer.ports.accounts import HistoryChoice
from archiveviewer.services.server_memory import ServerMemory
from archiveviewer.xmpp.session import AccountSession, AccountSettings


@dataclass(frozen=True)
class Login:
    """How to reach and log in to one account: its JID, password and (optionally) server.

    ``ca_cert`` replaces the system trust store (a command line option; tests);
    ``history`` is which of the server's archives a sync reads; ``server_memory``
    keeps what the server was seen to do across sessions (and tells it once).
    """

    jid: str
    password: str = field(repr=False)
    host: str | None = None
    port: int | None = None
    ca_cert: Path | None = None
    history: HistoryChoice = HistoryChoice.AUTO
    server_memory: ServerMemory | None = field(default=None, repr=False, compare=False)

    @property
    def server(self) -> str:
        """The host whose certificate is checked (and may be pinned), lower-cased."""
        return (self.host or bare_jid(self.jid).split("@", 1)[-1]).lower()

    def settings(
        self, *, pinned_fingerprint: str | None = None, reconnect: bool = True
    ) -> AccountSettings:
        """The session's settings; ``reconnect=False`` fails fast (a command: its rerun resumes)."""
        settings = AccountSettings(
            jid=self.jid,
            password=self.password,
            host=self.host,
            port=self.port,
            ca_certs=self.ca_cert,
            pinned_fingerprint=pinned_fingerprint,
        )
        return settings if reconnect else replace(settings, reconnect_delays=())


@contextlib.asynccontextmanager
async def connect(login: Login) -> AsyncIterator[AccountSession]:
    """A logged-in session for the length of one command, that does not reconnect."""
    session = AccountSession(login.settings(reconnect=False))
    await session.connect()
    try:
        if login.server_memory is not None:
            await login.server_memory.attach(session)
        yield session
    finally:
        await session.disconnect()
