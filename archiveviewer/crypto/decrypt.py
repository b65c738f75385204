"""Decrypting XEP-0136 collections with the user's unlocked private keys.

A :class:`CollectionDecryptor` lives for one session. Each data key is
unwrapped once and then kept in memory (never on disk), keyed by its name,
which XEP-0136 makes unique for the user. The data key may come in a sibling
EncryptedKey (XEP-0136), inside the EncryptedData's KeyInfo (the W3C layout)
or in a sibling that a RetrievalMethod points to. Every failure is a
:class:`~archiveviewer.errors.CryptoError` whose sentence names the
collection and the keys involved; no partial plaintext is ever returned.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TypeVar

from archiveviewer.crypto import algorithms
from archiveviewer.crypto.content import read_plaintext_items
from archiveviewer.crypto.keystore import PrivateKey
from archiveviewer.crypto.unwrap import Attempt, HeldKeys, Learned, candidates, label, quoted
from archiveviewer.crypto.xmlenc import (
    EncryptedDataElement,
    EncryptedKeyElement,
    read_encrypted_data,
)
from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    EncryptedItem,
    EncryptedKind,
    Item,
    Message,
    Note,
)
from archiveviewer.errors import CryptoError, KeyNotHeld
from archiveviewer.protocol.xep0082 import format_datetime

T = TypeVar("T")
#: Reads decrypted bytes (and how sentences name their data key) into what the caller
#: wants; raises CryptoError if they do not read.
Reader = Callable[[bytes | bytearray, str], T]


def describe(collection: CollectionId | None) -> str:
    """How error sentences name a collection: its contact and start."""
    if collection is None:
        return "an encrypted item"
    return f"the collection with {collection.with_jid} started {format_datetime(collection.start)}"


class CollectionDecryptor:
    """Decrypts encrypted collections; caches unwrapped data keys for the session."""

    def __init__(
        self,
        private_keys: Iterable[PrivateKey] = (),
        *,
        on_learned: Learned | None = None,
        held: HeldKeys | None = None,
    ) -> None:
        """Start with the user's unlocked private keys (more can be added later).

        ``on_learned(name, key)`` is called when ``key`` opened a data key
        wrapped for ``name``, a name none of the keys had: pass
        :meth:`KeyStore.remember_name` to keep it for the next session.
        ``held`` shares the unlocked keys of the session with other
        decryptors (then ``private_keys`` and ``on_learned`` are its own):
        when a key is locked there, this decryptor forgets its data keys.
        """
        self._held = held if held is not None else HeldKeys(private_keys, on_learned)
        self._data_keys: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._generation = self._held.generation

    def add_private_key(self, key: PrivateKey) -> None:
        """Make another unlocked private key available for unwrapping."""
        self._held.add(key)

    @property
    def cached_key_names(self) -> frozenset[str]:
        """The names of the data keys unwrapped so far in this session."""
        with self._lock:
            return frozenset(self._data_keys)

    @property
    def learned_names(self) -> dict[str, str]:
        """KeyNames learnt this session, each with the fingerprint of the key that opened it."""
        return self._held.learned

    def forget(self) -> None:
        """Drop every cached data key (at logout or when the user locks the keys)."""
        with self._lock:
            self._data_keys.clear()

    def _forget_if_locked(self) -> None:
        # A data key unwrapped by a key that is now locked must not open anything more.
        generation = self._held.generation
        with self._lock:
            if generation != self._generation:
                self._data_keys.clear()
                self._generation = generation

    def lock(self) -> None:
        """Drop the cached data keys and every private key: nothing decrypts until unlocked."""
        self.forget()
        self._held.remove_all()

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
                reader = _content_reader(collection.id, clock, dialect)
                decoded, clock = self._open(item, keys, collection.id, reader, _has_items)
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
    ) -> bytes | bytearray:
        """Decrypt one EncryptedData to its plaintext bytes.

        ``keys`` are the EncryptedKey items that may carry its data key;
        ``collection`` only serves the error sentence. Bytes cannot show
        that a guessed RSA 1.5 key was right, so here a key is guessed only
        where the data authenticates (AES-GCM) or the transport is RSA-OAEP.
        """
        return self._open(item, keys, collection, _as_bytes, plausible=_never)

    # --- one EncryptedData --------------------------------------------------------

    def _open(
        self,
        item: EncryptedItem,
        keys: Sequence[EncryptedItem],
        collection: CollectionId | None,
        read: Reader[T],
        plausible: Callable[[T], bool] | None = None,
    ) -> T:
        where = describe(collection)
        self._forget_if_locked()
        data = _read_data(item, where)
        name = data.key_name
        try:
            cipher = algorithms.block_cipher(data.algorithm)
        except CryptoError as exc:
            raise CryptoError(
                f"Cannot decrypt {where} with {label(name)}: {exc.user_message}."
            ) from None
        with self._lock:
            cached = self._data_keys.get(name) if name else None
        elements = [] if cached is not None else candidates(name, data, keys, where)
        cache_name = name or _anonymous(elements)
        if cached is None and cache_name is not None:
            with self._lock:
                cached = self._data_keys.get(cache_name)
        if cached is not None:
            plain = self._decrypt(data, cached, name, where)
            _drop_ciphertext(data)
            return read(plain, label(name))
        if not elements:
            raise CryptoError(
                f"{_initial(label(name))} of {where} is not in any EncryptedKey that came with it."
            )
        return self._try_keys(data, elements, cache_name, where, cipher.gcm, read, plausible)

    def _try_keys(
        self,
        data: EncryptedDataElement,
        elements: list[EncryptedKeyElement],
        cache_name: str | None,
        where: str,
        authenticated: bool,
        read: Reader[T],
        plausible: Callable[[T], bool] | None,
    ) -> T:
        name = data.key_name
        attempts = self._held.attempts(elements)
        failures: list[str] = []
        unread: CryptoError | None = None
        size = algorithms.block_cipher(data.algorithm).key_size
        for attempt in attempts:
            secret = _unwrap(attempt, size, failures)
            if secret is None:
                continue
            # RSA-OAEP fails cleanly on a wrong key, AES-GCM on a wrong data key;
            # RSA 1.5 with CBC gives noise, which only reading the content exposes.
            sure = authenticated or attempt.element.transport.uri != algorithms.RSA_1_5
            try:
                plain = algorithms.decrypt_block(data.algorithm, secret, data.cipher_value)
            except CryptoError as exc:
                failures.append(f"with “{attempt.private.name}”: {exc.user_message}")
                continue
            if sure:
                _drop_ciphertext(data)
                result = read(plain, label(name))
            else:
                try:
                    result = read(plain, label(name))
                except CryptoError as exc:
                    unread = unread or exc
                    continue
                if not attempt.named and (plausible is None or not plausible(result)):
                    continue
            self._remember(cache_name, secret)
            self._held.learn(attempt)
            return result
        if unread is not None and any(a.named for a in attempts):
            raise unread
        raise self._not_opened(name, elements, attempts, failures, where)

    def _not_opened(
        self,
        name: str | None,
        elements: Sequence[EncryptedKeyElement],
        attempts: Sequence[Attempt],
        failures: Sequence[str],
        where: str,
    ) -> CryptoError:
        if any(a.named for a in attempts):
            return CryptoError(
                f"{_initial(label(name))} of {where} could not be unwrapped "
                + "; ".join(failures)
                + "."
            )
        names = tuple(sorted({e.key_name for e in elements if e.key_name}))
        first = f"“{names[0]}”" if names else "it was encrypted for"
        advice = (
            f"import the private key that your other client calls {first} and give it "
            "that name, or unlock it if it is already in your key store"
            if names
            else "import the private key it was encrypted for, or unlock it if it is "
            "already in your key store"
        )
        if not self._held:
            return KeyNotHeld(
                f"{_initial(label(name))} of {where} is encrypted for {quoted(names)}, "
                f"and no private key is unlocked: {advice}.",
                key_names=names,
            )
        return KeyNotHeld(
            f"{_initial(label(name))} of {where} is encrypted for {quoted(names)}, "
            f"and none of your unlocked keys ({self._held.shown()}) opens it: {advice}.",
            key_names=names,
        )

    @staticmethod
    def _decrypt(
        data: EncryptedDataElement, key: bytes, name: str | None, where: str
    ) -> bytes | bytearray:
        try:
            return algorithms.decrypt_block(data.algorithm, key, data.cipher_value)
        except CryptoError as exc:
            raise CryptoError(
                f"Cannot decrypt {where} with {label(name)}: {exc.user_message}."
            ) from None

    def _remember(self, name: str | None, key: bytes) -> None:
        # Only a key that has decrypted something is cached: with RSA 1.5 a
        # wrong private key yields noise rather than an error.
        if name is None:
            return
        with self._lock:
            self._data_keys.setdefault(name, key)


def _read_data(item: EncryptedItem, where: str) -> EncryptedDataElement:
    try:
        return read_encrypted_data(item)
    except CryptoError as exc:
        for_key = f" for the key “{item.key_name}”" if item.key_name else ""
        raise CryptoError(
            f"Cannot read the EncryptedData{for_key} of {where}: {exc.user_message}."
        ) from None


def _drop_ciphertext(data: EncryptedDataElement) -> None:
    # Once the data key is known to be right the ciphertext is never needed again:
    # letting go of it frees its memory while the content is read.
    data.cipher_value = b""


def _unwrap(attempt: Attempt, size: int, failures: list[str]) -> bytes | None:
    element = attempt.element
    try:
        return algorithms.unwrap_key(
            element.transport, attempt.private.key, element.cipher_value, size
        )
    except CryptoError as exc:
        if attempt.named:
            failures.append(f"with “{attempt.private.name}”: {exc.user_message}")
        return None


def _anonymous(elements: Sequence[EncryptedKeyElement]) -> str | None:
    # A data key without a name is cached under a name made from what carries it.
    if not elements:
        return None
    digest = hashlib.sha256(b"".join(sorted(e.cipher_value for e in elements)))
    return f"unnamed:{digest.hexdigest()[:32]}"


def _content_reader(
    collection: CollectionId, clock: datetime, dialect: Dialect
) -> Reader[tuple[list[Message | Note], datetime]]:
    def read(plain: bytes | bytearray, key: str) -> tuple[list[Message | Note], datetime]:
        what = f"The content decrypted from {describe(collection)} with {key}"
        return read_plaintext_items(plain, collection, clock, dialect, what)

    return read


def _has_items(result: tuple[list[Message | Note], datetime]) -> bool:
    return bool(result[0])


def _as_bytes(plain: bytes | bytearray, _key: str) -> bytes | bytearray:
    return plain


def _never(_plain: bytes | bytearray) -> bool:
    return False


def _initial(text: str) -> str:
    # str.capitalize would lower-case the key's name as well.
    return text[:1].upper() + text[1:]
