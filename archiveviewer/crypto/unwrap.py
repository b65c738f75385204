"""Which of the user's private keys to try on which EncryptedKey, and in what order.

An EncryptedKey names the public key it was made for in ``KeyInfo/KeyName``.
Other clients name their keys as they like, so a name we do not know is not
the end: every unlocked private key is tried on it. That is safe with
RSA-OAEP (a wrong key fails cleanly). With RSA PKCS#1 v1.5 a wrong key gives
random bytes instead of an error, so such a data key counts only once the
data it opens authenticates (AES-GCM) or parses (CBC); the caller decides.
A name learnt that way is remembered for the key that opened it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from archiveviewer.crypto.keystore import PrivateKey
from archiveviewer.crypto.xmlenc import (
    EncryptedDataElement,
    EncryptedKeyElement,
    read_encrypted_key,
)
from archiveviewer.domain import EncryptedItem
from archiveviewer.errors import CryptoError

#: Told (name, key) when a key opened a data key wrapped for a name it did not have.
Learned = Callable[[str, PrivateKey], None]


@dataclass(frozen=True)
class Attempt:
    """One private key to try on one EncryptedKey.

    ``named`` is true when the EncryptedKey names this very key (by its
    name, an alias or its fingerprint); otherwise it is a guess.
    """

    element: EncryptedKeyElement
    private: PrivateKey
    named: bool


def quoted(names: Iterable[str | None]) -> str:
    """Names for a sentence: “a”, “b”; or "a key that is not named"."""
    shown = sorted({f"“{n}”" for n in names if n})
    return ", ".join(shown) if shown else "a key that is not named"


class HeldKeys:
    """The user's unlocked private keys, found by any name they answer to."""

    def __init__(self, keys: Iterable[PrivateKey], on_learned: Learned | None) -> None:
        self._keys: dict[str, PrivateKey] = {}
        self._names: dict[str, str] = {}
        self._learned: dict[str, str] = {}
        self._on_learned = on_learned
        self._lock = threading.Lock()
        self._generation = 0
        for key in keys:
            self.add(key)

    def add(self, key: PrivateKey) -> None:
        """Hold one more unlocked key."""
        with self._lock:
            self._keys[key.fingerprint] = key
            for name in key.names:
                self._names.setdefault(name, key.fingerprint)

    def remove_all(self) -> None:
        """Hold no key any more (the user locked them)."""
        with self._lock:
            self._keys.clear()
            self._names.clear()
            self._generation += 1

    def remove(self, key_fingerprint: str) -> None:
        """Stop holding the key ``key_fingerprint`` (the user locked it)."""
        with self._lock:
            self._keys.pop(key_fingerprint, None)
            self._names = {n: f for n, f in self._names.items() if f != key_fingerprint}
            self._generation += 1

    @property
    def generation(self) -> int:
        """Grows at every lock: data keys unwrapped before it must be forgotten."""
        with self._lock:
            return self._generation

    def fingerprints(self) -> frozenset[str]:
        """The fingerprints of the keys held now."""
        with self._lock:
            return frozenset(self._keys)

    def key(self, key_fingerprint: str) -> PrivateKey | None:
        """The held key with this fingerprint, if it is held."""
        with self._lock:
            return self._keys.get(key_fingerprint)

    @property
    def learned(self) -> dict[str, str]:
        """Names learnt this session: KeyName → fingerprint of the key that opened it."""
        with self._lock:
            return dict(self._learned)

    def shown(self) -> str:
        """The held keys' names for a sentence."""
        with self._lock:
            return quoted(k.name for k in self._keys.values())

    def __bool__(self) -> bool:
        with self._lock:
            return bool(self._keys)

    def owner(self, name: str | None) -> PrivateKey | None:
        """The held key that answers to ``name``, if any."""
        if name is None:
            return None
        with self._lock:
            key_print = self._names.get(name)
            return None if key_print is None else self._keys.get(key_print)

    def attempts(self, elements: Sequence[EncryptedKeyElement]) -> list[Attempt]:
        """Keys to try, those the EncryptedKeys name first, then every other held key."""
        with self._lock:
            everyone = list(self._keys.values())
        named: list[Attempt] = []
        guesses: list[Attempt] = []
        for element in elements:
            owner = self.owner(element.key_name)
            if owner is not None:
                named.append(Attempt(element, owner, named=True))
            else:
                guesses.extend(Attempt(element, key, named=False) for key in everyone)
        return named + guesses

    def learn(self, attempt: Attempt) -> None:
        """Remember that ``attempt``'s key answers to the name its EncryptedKey used."""
        name = attempt.element.key_name
        if attempt.named or name is None:
            return
        with self._lock:
            if name in self._names:
                return
            self._names[name] = attempt.private.fingerprint
            self._learned[name] = attempt.private.fingerprint
        if self._on_learned is not None:
            self._on_learned(name, attempt.private)


def candidates(
    name: str | None, data: EncryptedDataElement, keys: Sequence[EncryptedItem], where: str
) -> list[EncryptedKeyElement]:
    """Every EncryptedKey that may carry ``data``'s key: inside it, pointed to, or named.

    Inside: the W3C layout. Pointed to: a ``RetrievalMethod`` to a sibling's
    ``Id``. Named: XEP-0136's sibling EncryptedKeys whose ``CarriedKeyName``
    is the data key's name.
    """
    found = list(data.embedded_keys)
    wanted = set(data.references)
    for item in keys:
        if not wanted and (name is None or item.carried_key_name not in (None, name)):
            continue
        try:
            element = read_encrypted_key(item)
        except CryptoError as exc:
            if name is None or item.carried_key_name != name:
                continue  # not said to carry this data key: not ours to complain about
            raise CryptoError(
                f"Cannot read the EncryptedKey{_for_key(item.key_name)} that should carry "
                f"{label(name)} of {where}: {exc.user_message}."
            ) from None
        if element.element_id in wanted or (name is not None and element.carried_key_name == name):
            found.append(element)
            wanted.discard(element.element_id or "")
    if wanted:
        missing = ", ".join(f"“#{ref}”" for ref in sorted(wanted))
        raise CryptoError(
            f"The EncryptedData of {where} points to the EncryptedKey {missing}, "
            "which did not come with it."
        )
    return found


def label(name: str | None) -> str:
    """How a sentence names a data key."""
    return f"the data key “{name}”" if name else "the unnamed data key"


def _for_key(name: str | None) -> str:
    return f" for the key “{name}”" if name else ""
