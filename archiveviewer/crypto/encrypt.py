"""Encrypting messages and notes for upload to an encrypted collection.

Each upload gets a fresh random data key with a unique name; the key is
wrapped once for each of the user's public keys. The default profile is
AES-256-GCM with XML Encryption 1.1 RSA-OAEP (SHA-256, MGF1-SHA256); the
seed's AES-128-CBC with RSA PKCS#1 v1.5 is used only when the caller picks
:data:`LEGACY_PROFILE` explicitly.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from archiveviewer.crypto import algorithms
from archiveviewer.crypto.content import write_plaintext_items
from archiveviewer.crypto.keystore import PublicKey
from archiveviewer.crypto.xmlenc import write_encrypted_data, write_encrypted_key
from archiveviewer.domain import Collection, Dialect, EncryptedItem, Message, Note, SaveMode
from archiveviewer.errors import CryptoError, KnownError


@dataclass(frozen=True)
class EncryptionProfile:
    """Which algorithms an upload uses: block cipher and key transport."""

    data_algorithm: str
    key_transport: algorithms.KeyTransport


#: What we write unless told otherwise.
DEFAULT_PROFILE = EncryptionProfile(
    algorithms.AES256_GCM,
    algorithms.KeyTransport(
        algorithms.RSA_OAEP, digest=algorithms.SHA256, mgf=algorithms.MGF1_SHA256
    ),
)
#: The seed's own example: for servers or clients that know nothing newer.
LEGACY_PROFILE = EncryptionProfile(
    algorithms.AES128_CBC, algorithms.KeyTransport(algorithms.RSA_1_5)
)


@dataclass(frozen=True)
class DataKey:
    """A symmetric data key and its unique name (the CarriedKeyName)."""

    name: str
    secret: bytes

    def __repr__(self) -> str:
        return f"DataKey(name={self.name!r})"


def new_data_key(profile: EncryptionProfile = DEFAULT_PROFILE) -> DataKey:
    """A fresh random key for ``profile``'s block cipher, with a unique name."""
    size = algorithms.block_cipher(profile.data_algorithm).key_size
    return DataKey(f"datakey-{secrets.token_hex(16)}", os.urandom(size))


def wrap_data_key(
    data_key: DataKey, recipient: PublicKey, profile: EncryptionProfile = DEFAULT_PROFILE
) -> EncryptedItem:
    """The EncryptedKey that carries ``data_key`` for one public key."""
    wrapped = algorithms.wrap_key(profile.key_transport, recipient.key, data_key.secret)
    return write_encrypted_key(profile.key_transport, recipient.name, data_key.name, wrapped)


def prepare_encrypted_store(
    collection: Collection,
    recipients: Sequence[PublicKey],
    *,
    profile: EncryptionProfile = DEFAULT_PROFILE,
    acknowledge_plaintext_subject: bool = False,
    dialect: Dialect = Dialect.SEED,
    secs_before: int = 0,
    save: SaveMode = SaveMode.BODY,
) -> Collection:
    """Turn a collection of plaintext Messages and Notes into what an encrypted store uploads.

    The result has the same id and subject, ``crypt`` set, and only encrypted
    items: one EncryptedData, then one EncryptedKey per public key. It refuses
    a collection that already mixes in encrypted items, and a subject unless
    ``acknowledge_plaintext_subject`` is true, because the server stores the
    subject unencrypted. The messages are written by the protocol codec in
    ``dialect`` with ``save`` (body only by default); ``secs_before`` is the
    sum of ``secs`` of the messages already in the collection on the server,
    when appending.
    """
    _check_can_encrypt(collection, recipients, acknowledge_plaintext_subject)
    plain = [i for i in collection.items if isinstance(i, Message | Note)]
    data_key = new_data_key(profile)
    content = write_plaintext_items(
        plain, collection.id, dialect, secs_before=secs_before, save=save
    )
    cipher_value = algorithms.encrypt_block(profile.data_algorithm, data_key.secret, content)
    items: list[EncryptedItem] = [
        write_encrypted_data(profile.data_algorithm, data_key.name, cipher_value)
    ]
    unique = {r.name: r for r in recipients}
    items.extend(wrap_data_key(data_key, r, profile) for r in unique.values())
    return Collection(
        id=collection.id,
        subject=collection.subject,
        crypt=True,
        thread=collection.thread,
        version=collection.version,
        items=tuple(items),
    )


def _check_can_encrypt(
    collection: Collection, recipients: Sequence[PublicKey], acknowledged: bool
) -> None:
    if collection.encrypted:
        raise KnownError(
            "A collection cannot mix plaintext messages with encrypted items: "
            "give only messages and notes to encrypt."
        )
    if not collection.items:
        raise KnownError("There are no messages or notes to encrypt.")
    if not recipients:
        raise CryptoError("There is no public key to encrypt for: create or import a key first.")
    if collection.subject and not acknowledged:
        raise KnownError(
            f"The subject “{collection.subject}” would be stored unencrypted on the server, "
            "even though the messages are encrypted. Remove the subject, or confirm that "
            "it may be stored as plain text."
        )
