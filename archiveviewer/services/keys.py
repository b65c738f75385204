"""The user's private keys, as the window and the command line both use them.

Keys live in the workspace's ``keys/`` folder (:class:`~archiveviewer.crypto.KeyStore`),
each encrypted with a passphrase; the keys unlocked in this run are held by
:class:`~archiveviewer.services.session_keys.SessionKeys`. The command line
imports key files (:func:`read_key_file`) and moves the server's encrypted
conversations to another key (:func:`rekey_on_server`); the Keys window does
both through :class:`KeyRingService`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from archiveviewer.crypto import (
    PrivateKey,
    PublicKey,
    RekeyResult,
    StoredKey,
    key_file_needs_passphrase,
    rekey,
)
from archiveviewer.domain import CollectionId
from archiveviewer.errors import CryptoError
from archiveviewer.ports.keys import KeyList, KeyRow, RekeyControl, RekeySummary, UnfinishedRekey
from archiveviewer.services.login import Login, connect
from archiveviewer.services.rekeying import (
    KeyAccount,
    RekeyJournal,
    rekey_account,
    unfinished_of,
)
from archiveviewer.services.session_keys import SessionKeys
from archiveviewer.services.worker import Worker


def read_key_file(path: Path) -> bytes:
    """A PEM key file's bytes; ``CryptoError`` with a sentence when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CryptoError(f"Cannot read {path}: {exc.strerror}.") from None


def is_encrypted_pem(pem: bytes) -> bool:
    """True when the PEM file has a passphrase of its own (needed to import it)."""
    return b"ENCRYPTED" in pem


async def rekey_on_server(
    login: Login,
    journal: RekeyJournal,
    keys: tuple[PrivateKey, PublicKey],
    progress: Callable[[int, int], None],
) -> RekeyResult:
    """Log in and move every encrypted conversation from ``keys[0]`` to ``keys[1]``.

    Resumable; until it finishes, ``journal`` remembers the run, so that the
    Keys window offers to continue one that was interrupted or killed.
    """
    old, new = keys
    async with connect(login) as session:
        journal.started(login.jid, old.fingerprint, new.fingerprint)
        result = await rekey(session.archive, old, new, progress=progress)
    if not result.failed:
        journal.finished(login.jid)
    return result


class KeyRingService:
    """The Keys window's :class:`~archiveviewer.ports.keys.KeyRing` over the key store.

    Everything that touches files or derives keys runs on the program's worker.
    """

    def __init__(
        self,
        session: SessionKeys,
        worker: Worker,
        account: Callable[[], KeyAccount | None] | None = None,
    ) -> None:
        """``session`` holds the keys unlocked in this run; ``account`` says which account
        the window shows now (its local copy for the counts, its server for re-keying)."""
        self._session = session
        self._store = session.store
        self._worker = worker
        self._account = account or (lambda: None)

    async def keys(self) -> KeyList:
        """Every key, sorted by name, with the conversations it opens when they are known."""
        account = self._account()
        key_names = None if account is None else account.key_names
        rows = await self._worker.run(self._rows, key_names)
        return KeyList(rows, None if account is None else account.jid)

    def _rows(
        self, key_names: Callable[[], Mapping[CollectionId, frozenset[str]]] | None
    ) -> list[KeyRow]:
        stored = self._store.keys()
        if key_names is None:
            return [self._row(k) for k in stored]
        wrapped_for = key_names()
        rows = []
        for key in stored:
            names = {key.name, *key.aliases, key.fingerprint}
            opens = [n for n in wrapped_for.values() if n & names]
            # Only this key opens it: every EncryptedKey names this key (none is unnamed).
            only = sum(1 for n in opens if n <= names)
            rows.append(replace(self._row(key), opens=len(opens), only=only))
        return rows

    async def unlock(self, name: str, passphrase: str) -> None:
        """Hold the key ``name`` unlocked for this run."""
        await self._worker.run(self._session.unlock, name, passphrase)

    async def lock(self, name: str) -> None:
        """Forget the unlocked key ``name`` and the data keys opened so far."""
        await self._worker.run(self._session.lock, name)  # finds the key's files

    async def lock_all(self) -> None:
        """Forget every unlocked key."""
        self._session.lock_all()

    async def rekey(self, old: str, new: str, control: RekeyControl) -> RekeySummary:
        """Move the shown account's conversations from ``old`` to ``new`` (resumable)."""
        account = self._account()
        if account is None:
            raise CryptoError("Add your account first: re-keying changes the server's archive.")
        return await rekey_account(account, self._session, self._worker, (old, new), control)

    async def unfinished_rekey(self) -> UnfinishedRekey | None:
        """A re-key of the shown account that did not finish, if there is one."""
        account = self._account()
        if account is None:
            return None
        return await self._worker.run(unfinished_of, account, self._session)

    async def generate(self, passphrase: str, name: str | None) -> KeyRow:
        """Make a new RSA key protected by ``passphrase``."""
        public = await self._worker.run(lambda: self._store.generate(passphrase, name=name))
        return await self._row_of(public.fingerprint)

    async def needs_file_passphrase(self, path: Path) -> bool:
        """True when the key file is protected by a passphrase of its own."""
        data = await self._worker.run(read_key_file, path)
        return key_file_needs_passphrase(data)

    async def import_file(
        self, path: Path, passphrase: str, file_passphrase: str | None, name: str | None
    ) -> KeyRow:
        """Import a PEM, DER or PKCS#12 private key file under ``name``."""
        data = await self._worker.run(read_key_file, path)
        public = await self._worker.run(
            lambda: self._store.import_private_key(
                data, passphrase, pem_passphrase=file_passphrase, name=name
            )
        )
        return await self._row_of(public.fingerprint)

    async def rename(self, name: str, new_name: str) -> KeyRow:
        """Call a key by another name; the old one stays an alias."""
        return self._row(await self._worker.run(self._store.rename, name, new_name))

    async def export_public(self, name: str, path: Path) -> None:
        """Write the key's public half as PEM to ``path``."""
        pem = await self._worker.run(self._store.export_public_key, name)
        try:
            await self._worker.run(path.write_bytes, pem)
        except OSError as exc:
            raise CryptoError(f"Cannot write {path}: {exc.strerror}.") from None

    async def change_passphrase(self, name: str, old: str, new: str) -> None:
        """Protect the key with ``new`` instead of ``old``."""
        await self._worker.run(self._store.change_passphrase, name, old, new)

    async def delete(self, name: str) -> None:
        """Remove the key from this computer (and forget it if it is unlocked)."""
        await self._worker.run(self._session.lock, name)
        await self._worker.run(self._store.delete, name)

    async def _row_of(self, fingerprint: str) -> KeyRow:
        return self._row(await self._worker.run(self._store.find, fingerprint))

    def _row(self, key: StoredKey) -> KeyRow:
        unlocked = self._session.is_unlocked(key.fingerprint)
        return KeyRow(
            key.name, key.fingerprint, key.bits, key.created, key.aliases, unlocked=unlocked
        )
