"""What the Keys window asks of the key store: its keys, and what to do with them.

Types here are plain values (standard library, domain and errors only), so
the window needs nothing of the crypto layer. Every method is a coroutine:
key derivation and key generation are slow on purpose, and the service runs
them on the program's worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class KeyRow:
    """One of the user's keys as the window lists it.

    ``name`` is what the encrypted conversations call it (their KeyName),
    ``aliases`` the other names it answers to, ``bits`` its RSA size,
    ``created`` when it was added here (None for keys from before that was kept).
    ``opens`` counts the conversations of the open account that carry a data
    key wrapped for it, ``only`` those that no other key opens (what deleting
    it would make unreadable); both None when no account's copy is open.
    """

    name: str
    fingerprint: str
    bits: int
    created: datetime | None
    aliases: tuple[str, ...] = ()
    opens: int | None = None
    only: int | None = None


class KeyRing(Protocol):
    """The user's private keys (the service implements it over the key store)."""

    async def keys(self) -> list[KeyRow]:
        """Every key, sorted by name."""
        ...

    async def generate(self, passphrase: str, name: str | None) -> KeyRow:
        """Make a new RSA key protected by ``passphrase``; unnamed, it is its fingerprint."""
        ...

    async def needs_file_passphrase(self, path: Path) -> bool:
        """True when the key file at ``path`` is protected by a passphrase of its own."""
        ...

    async def import_file(
        self, path: Path, passphrase: str, file_passphrase: str | None, name: str | None
    ) -> KeyRow:
        """Import a PEM, DER or PKCS#12 private key file under ``name`` (another client's)."""
        ...

    async def rename(self, name: str, new_name: str) -> KeyRow:
        """Call a key by another name; the old one stays an alias."""
        ...

    async def export_public(self, name: str, path: Path) -> None:
        """Write the key's public half as PEM to ``path``."""
        ...

    async def change_passphrase(self, name: str, old: str, new: str) -> None:
        """Protect the key with ``new`` instead of ``old``."""
        ...

    async def delete(self, name: str) -> None:
        """Remove the key from this computer (its conversations stay on the server)."""
        ...
