"""How the window opens an account: who it is, its password, and the opened session.

Passwords reach the OS keyring through :class:`PasswordKeeper`; an account is
opened (logged in, replica opened) through :class:`AccountOpener`, which hands
back a :class:`Session` with the account's archive ports.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from archiveviewer.ports.archive import ArchiveCommands, ArchiveReader, ServerListing


class HistoryChoice(enum.Enum):
    """Where the user wants the account's history read from, when the server keeps both.

    ``AUTO`` (the default) takes XEP-0136 collections when the server offers
    both, because they can do everything (remove, notes, subjects); the
    message archive (MAM) otherwise.
    """

    AUTO = "auto"
    MAM = "mam"
    XEP0136 = "xep0136"


@dataclass(frozen=True)
class Account:
    """An XMPP account as the user entered it. The password is never part of it.

    ``history`` is which of the server's archives its history is read from.
    """

    jid: str
    host: str | None = None
    port: int | None = None
    history: HistoryChoice = HistoryChoice.AUTO


class PasswordKeeper(Protocol):
    """Where a password goes: the OS keyring, or memory until the program ends; never a file."""

    def remember(self, jid: str, password: str) -> bool:
        """Keep the password in the OS keyring; False when no keyring works here.

        Either way the password is kept in memory until the program ends, so
        that reconnecting never asks twice in one run.
        """
        ...

    def hold(self, jid: str, password: str) -> None:
        """Keep the password in memory only, until the program ends."""
        ...

    def recall(self, jid: str) -> str | None:
        """The password kept in memory this run, else the keyring's, else None."""
        ...

    def forget(self, jid: str) -> None:
        """Remove the account's password from memory and from the keyring."""
        ...


class Link(enum.Enum):
    """How the account's connection stands, as the window shows it."""

    CONNECTING = "connecting"
    ONLINE = "online"
    RETRYING = "retrying"
    OFFLINE = "offline"


@dataclass(frozen=True)
class ConnectionStatus:
    """A change of the connection: how it stands, and a sentence saying so.

    ``retry_in`` is the wait, in seconds, before the next attempt while
    ``link`` is ``RETRYING``.
    """

    link: Link
    sentence: str
    retry_in: float | None = None

    @property
    def online(self) -> bool:
        """True while commands can reach the server."""
        return self.link is Link.ONLINE


class Session(Protocol):
    """An opened account: its replica and its commands."""

    @property
    def reader(self) -> ArchiveReader:
        """The account's local replica."""
        ...

    @property
    def commands(self) -> ArchiveCommands:
        """The account's server commands."""
        ...

    @property
    def listing(self) -> ServerListing | None:
        """The server's list of collections, for browsing before the first sync."""
        ...


class AccountOpener(Protocol):
    """Connect an account and open its replica (the network and store layers)."""

    async def open(self, account: Account, password: str) -> Session:
        """Log in and open the replica.

        Raises ``UntrustedCertificate`` when the server's certificate does not
        verify (the window then offers to trust it) and other ``KnownError``
        subclasses with a sentence for anything else (wrong password, no
        server).
        """
        ...

    async def upgrade_pending(self, account: Account) -> bool:
        """Whether opening the account's local copy must first rebuild something large.

        The window then runs :meth:`upgrade` with its progress before :meth:`open`.
        """
        ...

    async def upgrade(
        self,
        account: Account,
        progress: Callable[[int, int], None],
        should_stop: Callable[[], bool],
    ) -> bool:
        """Do the pending upgrade of the account's local copy; False if stopped as asked.

        Runs on a worker thread: ``progress`` (done, total) and ``should_stop`` are
        called there, between committed batches. Stopped or not, nothing is lost.
        """
        ...

    def trust_certificate(self, host: str, fingerprint: str) -> None:
        """Accept exactly this certificate (SHA-256 fingerprint) for ``host`` from now on."""
        ...

    async def close_account(self, account: Account) -> None:
        """Disconnect the account and close its local copy (another one is shown now)."""
        ...

    def delete_local_copy(self, account: Account) -> None:
        """Delete the account's local copy from this computer (after ``close_account``)."""
        ...

    def sample(self) -> ArchiveReader:
        """The sample archive, read-only."""
        ...
