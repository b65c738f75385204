"""What the Keys window asks of the key store: its keys, and what to do with them.

Types here are plain values (standard library, domain and errors only), so
the window needs nothing of the crypto layer. Every method is a coroutine:
key derivation and key generation are slow on purpose, and the service runs
them on the program's worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
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
    ``unlocked`` is true while the private key is held in memory for this run.
    """

    name: str
    fingerprint: str
    bits: int
    created: datetime | None
    aliases: tuple[str, ...] = ()
    opens: int | None = None
    only: int | None = None
    unlocked: bool = False


@dataclass(frozen=True)
class KeyList:
    """The keys, and whose local copy their conversation counts are of (None: none open)."""

    rows: list[KeyRow]
    account: str | None = None


@dataclass
class RekeyControl:
    """Progress reported from re-keying and the Cancel the user presses.

    ``on_step`` gets (conversations done, conversations to move). Setting
    ``stop`` ends the run once the conversation being moved is finished.
    """

    on_step: Callable[[int, int], None] | None = None
    stop: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class RekeySummary:
    """What a re-key run did.

    ``conversations`` had a data key for the old key when it started,
    ``done`` of them were finished, ``moved`` data keys were wrapped for the
    new key, ``already`` had one already (from an interrupted run).
    ``failed`` says, per conversation, why it stayed on the old key.
    ``stopped``: cancelled; running again moves the rest.
    """

    conversations: int
    done: int
    moved: int
    already: int
    failed: tuple[str, ...] = ()
    stopped: bool = False


@dataclass(frozen=True)
class UnfinishedRekey:
    """A re-key that was cancelled or cut off: of ``account``, from ``old`` to ``new``."""

    account: str
    old: str
    new: str


class KeyRing(Protocol):
    """The user's private keys (the service implements it over the key store)."""

    async def keys(self) -> KeyList:
        """Every key, sorted by name, with counts for the account shown in the window."""
        ...

    async def unlock(self, name: str, passphrase: str) -> None:
        """Hold the private key ``name`` unlocked for this run; ``CryptoError`` if wrong."""
        ...

    async def lock(self, name: str) -> None:
        """Forget the unlocked key ``name``: decrypting with it asks for its passphrase again."""
        ...

    async def lock_all(self) -> None:
        """Forget every unlocked key."""
        ...

    async def rekey(self, old: str, new: str, control: RekeyControl) -> RekeySummary:
        """Move the shown account's conversations on the server from key ``old`` to ``new``.

        ``old`` must be unlocked (``KeyLocked`` otherwise). Resumable: a run
        that was cancelled or cut off is finished by running it again.
        """
        ...

    async def unfinished_rekey(self) -> UnfinishedRekey | None:
        """A re-key of the shown account that did not finish, if there is one."""
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
