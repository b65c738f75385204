"""How the window opens an account: who it is, its password, and the opened session.

Passwords reach the OS keyring through :class:`PasswordKeeper`; an account is
opened (logged in, replica opened) through :class:`AccountOpener`, which hands
back a :class:`Session` with the account's archive ports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from archiveviewer.ports.archive import ArchiveCommands, ArchiveReader, ServerListing


@dataclass(frozen=True)
class Account:
    """An XMPP account as the user entered it. The password is never part of it."""

    jid: str
    host: str | None = None
    port: int | None = None


class PasswordKeeper(Protocol):
    """Where a remembered password goes: the OS keyring, never a plain file."""

    def remember(self, jid: str, password: str) -> None:
        """Store the account's password; raises ``KnownError`` when the keyring refuses."""
        ...

    def forget(self, jid: str) -> None:
        """Remove any stored password of the account."""
        ...


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

    def trust_certificate(self, host: str, fingerprint: str) -> None:
        """Accept exactly this certificate (SHA-256 fingerprint) for ``host`` from now on."""
        ...
