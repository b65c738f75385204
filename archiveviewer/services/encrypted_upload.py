"""Encrypting conversations before manual archiving uploads them, for the user's own keys only.

XEP-0136 lets a client wrap a collection's data key only for public keys
that belong to the user. Here a key counts as **confirmed as the user's**
when the user's own key store holds it with its private half: a key the user
generated here or imported as their own private key. A public key alone (a
PEM file, a key another user publishes, a key read from the server) is never
accepted, so no EncryptedKey is ever written for a key that is not the
user's. The default profile is AES-256-GCM with RSA-OAEP (SHA-256).

:func:`encrypt_for_upload` does the work on the program's worker, one
conversation at a time, for the window and the command line alike: the
event loop goes on answering the server (pings, keepalives) however big the
file is; Cancel is asked before each conversation, so it stops the encryption
at once (between conversations) and nothing is uploaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from archiveviewer.crypto import (
    DEFAULT_PROFILE,
    EncryptionProfile,
    KeyStore,
    PublicKey,
    prepare_encrypted_store,
)
from archiveviewer.domain import Collection, Dialect
from archiveviewer.errors import CryptoError, KnownError
from archiveviewer.services.upload import ManualArchive
from archiveviewer.services.worker import Worker


@dataclass(frozen=True)
class UploadEncryption:
    """How an upload encrypts: the user's own public keys, and whether subjects may stay clear.

    Build it with :func:`for_own_keys`. ``subjects_in_clear`` allows uploading
    a subject, which the server keeps unencrypted even in an encrypted
    collection; without it such a conversation is refused with a sentence.
    """

    recipients: tuple[PublicKey, ...]
    subjects_in_clear: bool = False
    profile: EncryptionProfile = DEFAULT_PROFILE

    def encrypt(self, collection: Collection, dialect: Dialect) -> Collection:
        """``collection`` as an encrypted upload (one already encrypted is left as it is)."""
        if collection.encrypted:
            return collection
        return prepare_encrypted_store(
            collection,
            self.recipients,
            profile=self.profile,
            acknowledge_plaintext_subject=self.subjects_in_clear,
            dialect=dialect,
        )


def for_own_keys(
    store: KeyStore, names: Sequence[str], *, subjects_in_clear: bool = False
) -> UploadEncryption:
    """Encryption for the keys ``names`` of the user's own key store (confirmed as theirs).

    ``CryptoError`` names a key that the store does not hold with its private half.
    """
    if not names:
        raise KnownError("Name at least one of your keys to encrypt for.")
    recipients = []
    for name in names:
        try:
            recipients.append(store.public_key(name))
        except CryptoError:
            raise CryptoError(
                f"“{name}” is not one of your keys: conversations are encrypted only for keys "
                "whose private key is in your key store. Import or generate it first."
            ) from None
    unique = {key.fingerprint: key for key in recipients}
    return UploadEncryption(tuple(unique.values()), subjects_in_clear)


async def encrypt_for_upload(
    encryption: UploadEncryption,
    archive: ManualArchive,
    collections: Iterable[Collection],
    worker: Worker,
    *,
    on_step: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[Collection] | None:
    """The conversations encrypted for upload, each on the worker, in the server's dialect.

    One conversation per call, so the loop runs between them as well as during each.
    ``on_step`` is told (encrypted, in all) after each; ``should_stop`` is asked before
    each, and None is returned when it says so: nothing is uploaded then.
    """
    dialect = (await archive.discover()).dialect
    wanted = list(collections)
    sealed = []
    for collection in wanted:
        if should_stop():
            return None
        sealed.append(await worker.run(encryption.encrypt, collection, dialect))
        if on_step is not None:
            on_step(len(sealed), len(wanted))
    return sealed
