"""The user's private keys, as the window and the command line both use them.

Keys live in the workspace's ``keys/`` folder (:class:`~archiveviewer.crypto.KeyStore`),
each encrypted with a passphrase. The window unlocks every key a passphrase opens
(:func:`unlock_all`); the command line imports key files (:func:`read_key_file`)
and moves the server's encrypted conversations to another key (:func:`rekey_on_server`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from archiveviewer.crypto import (
    KeyStore,
    PrivateKey,
    PublicKey,
    RekeyResult,
    StoredKey,
    key_file_needs_passphrase,
    rekey,
)
from archiveviewer.domain import CollectionId
from archiveviewer.errors import CryptoError
from archiveviewer.ports.keys import KeyRow
from archiveviewer.services.login import Login, connect
from archiveviewer.services.worker import Worker


def unlock_all(store: KeyStore, passphrase: str) -> list[PrivateKey]:
    """Every private key in the folder that ``passphrase`` opens; ``CryptoError`` if none.

    Blocking (key derivation is slow on purpose): run it on the worker.
    """
    opened = []
    for name in store.names():
        try:
            opened.append(store.unlock(name, passphrase))
        except CryptoError:
            continue
    if not opened:
        raise CryptoError(_no_key_sentence(store))
    return opened


def _no_key_sentence(store: KeyStore) -> str:
    folder = store.directory
    if not store.names():
        return (
            f"There are no private keys in {folder}. Import the key the conversation "
            "was encrypted for, then try again."
        )
    return f"The passphrase opens none of the private keys in {folder}."


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
    login: Login, old: PrivateKey, new: PublicKey, progress: Callable[[int, int], None]
) -> RekeyResult:
    """Log in and move every encrypted conversation from ``old`` to ``new`` (resumable)."""
    async with connect(login) as session:
        return await rekey(session.archive, old, new, progress=progress)


class KeyRingService:
    """The Keys window's :class:`~archiveviewer.ports.keys.KeyRing` over the key store.

    Everything that touches files or derives keys runs on the program's worker.
    """

    def __init__(
        self,
        store: KeyStore,
        worker: Worker,
        key_names: Callable[[], Mapping[CollectionId, frozenset[str]]] | None = None,
    ) -> None:
        """``key_names`` reads, per encrypted conversation of the open account, the
        public-key names it is wrapped for (the replica's ``encrypted_key_names``)."""
        self._store = store
        self._worker = worker
        self._key_names = key_names

    async def keys(self) -> list[KeyRow]:
        """Every key, sorted by name, with the conversations it opens when they are known."""
        return await self._worker.run(self._rows)

    def _rows(self) -> list[KeyRow]:
        stored = self._store.keys()
        if self._key_names is None:
            return [_row(k) for k in stored]
        wrapped_for = self._key_names()
        rows = []
        for key in stored:
            names = {key.name, *key.aliases, key.fingerprint}
            opens = [n for n in wrapped_for.values() if n & names]
            # Only this key opens it: every EncryptedKey names this key (none is unnamed).
            only = sum(1 for n in opens if n <= names)
            rows.append(replace(_row(key), opens=len(opens), only=only))
        return rows

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
        return _row(await self._worker.run(self._store.rename, name, new_name))

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
        """Remove the key from this computer."""
        await self._worker.run(self._store.delete, name)

    async def _row_of(self, fingerprint: str) -> KeyRow:
        return _row(await self._worker.run(self._store.find, fingerprint))


def _row(key: StoredKey) -> KeyRow:
    return KeyRow(key.name, key.fingerprint, key.bits, key.created, key.aliases)
