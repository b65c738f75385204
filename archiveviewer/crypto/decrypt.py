"""Decrypting XEP-0136 collections with the user's unlocked private keys.

A :class:`CollectionDecryptor` lives for one session. Each data key is
unwrapped once and then kept in memory (never on disk), keyed by its name,
which XEP-0136 makes unique for the user. Every failure is a
:class:`~archiveviewer.errors.CryptoError` whose sentence names the collection
and the keys involved; no partial plaintext is ever returned.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from archiveviewer.crypto import algorithms
from archiveviewer.crypto.content import read_plaintext_items
from archiveviewer.crypto.keystore import PrivateKey
from archiveviewer.crypto.xmlenc import (
    EncryptedKeyElement,
    read_encrypted_data,
    read_encrypted_key,
)
from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    EncryptedItem,
    EncryptedKind,
    Item,
)
from archiveviewer.errors import CryptoError
from archiveviewer.protocol.xep0082 import format_datetime


def describe(collection: CollectionId | None) -> str:
    """How error sentences name a collection: its contact and start."""
    if collection is None:
        return "an encrypted item"
    return f"the collection with {collection.with_jid} started {format_datetime(collection.start)}"


def _names(names: Iterable[str | None]) -> str:
    shown = sorted({f"“{n}”" for n in names if n})
    return ", ".join(shown) if shown else "no named key"


def _for_key(name: str | None) -> str:
    return f" for the key “{name}”" if name else ""


class CollectionDecryptor:
    """Decrypts encrypted collections; caches unwrapped data keys for the session."""

    def __init__(self, private_keys: Iterable[PrivateKey] = ()) -> None:
        """Start with the user's unlocked private keys (more can be added later)."""
        self._private: dict[str, PrivateKey] = {k.name: k for k in private_keys}
        self._data_keys: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def add_private_key(self, key: PrivateKey) -> None:
        """Make another unlocked private key available for unwrapping."""
        with self._lock:
            self._private[key.name] = key

    @property
    def cached_key_names(self) -> frozenset[str]:
        """The names of the data keys unwrapped so far in this session."""
        with self._lock:
            return frozenset(self._data_keys)

    def forget(self) -> None:
        """Drop every cached data key (at logout or when the user locks the keys)."""
        with self._lock:
            self._data_keys.clear()

    def decrypt_collection(
        self, collection: Collection, dialect: Dialect = Dialect.SEED
    ) -> Collection:
        """Return the collection with its EncryptedData replaced by Messages and Notes.

        ``dialect`` is the namespace the server speaks; the decrypted
        elements are read in it. EncryptedKey items are consumed; plaintext
        items (which a well-behaved server never mixes in) pass through
        unchanged. Safe to call from an executor thread.
        """
        keys = [i for i in collection.encrypted if i.kind is EncryptedKind.KEY]
        items: list[Item] = []
        clock = collection.start
        for item in collection.items:
            if not isinstance(item, EncryptedItem):
                items.append(item)
            elif item.kind is EncryptedKind.DATA:
                plaintext, name, key = self._decrypt(item, keys, collection.id)
                what = (
                    f"The content decrypted from {describe(collection.id)} "
                    f"with the data key “{name}”"
                )
                decoded, clock = read_plaintext_items(
                    plaintext, collection.id, clock, dialect, what
                )
                self._remember(name, key)
                items.extend(decoded)
        return Collection(
            id=collection.id,
            subject=collection.subject,
            crypt=collection.crypt,
            thread=collection.thread,
            version=collection.version,
            items=tuple(items),
        )

    def decrypt_data(
        self,
        item: EncryptedItem,
        keys: Sequence[EncryptedItem],
        collection: CollectionId | None = None,
    ) -> bytes:
        """Decrypt one EncryptedData to its plaintext bytes.

        ``keys`` are the EncryptedKey items that may carry its data key;
        ``collection`` only serves the error sentence.
        """
        plaintext, name, key = self._decrypt(item, keys, collection)
        self._remember(name, key)
        return plaintext

    def _remember(self, name: str, key: bytes) -> None:
        # Only a key that has decrypted something is cached: with RSA 1.5 a
        # wrong private key yields noise rather than an error.
        with self._lock:
            self._data_keys.setdefault(name, key)

    def _decrypt(
        self, item: EncryptedItem, keys: Sequence[EncryptedItem], collection: CollectionId | None
    ) -> tuple[bytes, str, bytes]:
        where = describe(collection)
        try:
            data = read_encrypted_data(item)
        except CryptoError as exc:
            raise CryptoError(
                f"Cannot read the EncryptedData{_for_key(item.key_name)} of {where}: "
                f"{exc.user_message}."
            ) from None
        name = data.key_name
        if name is None:
            raise CryptoError(f"An EncryptedData of {where} does not name its data key.")
        try:
            cipher = algorithms.block_cipher(data.algorithm)
        except CryptoError as exc:
            raise CryptoError(
                f"Cannot decrypt {where} with the data key “{name}”: {exc.user_message}."
            ) from None
        with self._lock:
            cached = self._data_keys.get(name)
        candidates = [cached] if cached else self._unwrap(name, keys, where, cipher.key_size)
        failure = ""
        for key in candidates:
            try:
                return algorithms.decrypt_block(data.algorithm, key, data.cipher_value), name, key
            except CryptoError as exc:
                failure = exc.user_message
        raise CryptoError(f"Cannot decrypt {where} with the data key “{name}”: {failure}.")

    def _unwrap(
        self, name: str, keys: Sequence[EncryptedItem], where: str, size: int
    ) -> list[bytes]:
        candidates = self._candidates(name, keys, where)
        if not candidates:
            raise CryptoError(
                f"The data key “{name}” of {where} is not in any EncryptedKey that came with it."
            )
        usable = [k for k in candidates if k.key_name is None or k.key_name in self._private]
        if not usable:
            raise CryptoError(
                f"The data key “{name}” of {where} is encrypted for "
                f"{_names(k.key_name for k in candidates)}, and you hold only "
                f"{_names(self._private)}. Import or unlock one of those private keys."
            )
        opened: list[bytes] = []
        errors: list[str] = []
        for element in usable:
            for private in self._keys_for(element):
                try:
                    key = algorithms.unwrap_key(
                        element.transport, private.key, element.cipher_value, size
                    )
                except CryptoError as exc:
                    errors.append(f"with “{private.name}”: {exc.user_message}")
                else:
                    opened.append(key)
        if not opened:
            raise CryptoError(
                f"The data key “{name}” of {where} could not be unwrapped "
                + "; ".join(errors)
                + "."
            )
        return opened

    def _keys_for(self, element: EncryptedKeyElement) -> list[PrivateKey]:
        if element.key_name is None:
            return list(self._private.values())
        return [self._private[element.key_name]]

    @staticmethod
    def _candidates(
        name: str, keys: Sequence[EncryptedItem], where: str
    ) -> list[EncryptedKeyElement]:
        found = []
        for item in keys:
            if item.carried_key_name not in (None, name):
                continue
            try:
                element = read_encrypted_key(item)
            except CryptoError as exc:
                raise CryptoError(
                    f"Cannot read the EncryptedKey{_for_key(item.key_name)} that should carry "
                    f"the data key “{name}” of {where}: {exc.user_message}."
                ) from None
            if element.carried_key_name == name:
                found.append(element)
        return found
