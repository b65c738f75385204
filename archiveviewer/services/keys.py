"""The user's private keys, as the window and the command line both use them.

Keys live in the workspace's ``keys/`` folder (:class:`~archiveviewer.crypto.KeyStore`),
each encrypted with a passphrase. The window unlocks every key a passphrase opens
(:func:`unlock_all`); the command line imports key files (:func:`read_key_file`)
and moves the server's encrypted conversations to another key (:func:`rekey_on_server`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from archiveviewer.crypto import KeyStore, PrivateKey, PublicKey, RekeyResult, rekey
from archiveviewer.errors import CryptoError
from archiveviewer.services.login import Login, connect


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
