"""The private keys the user unlocked, held in memory for this run of the program only.

One :class:`SessionKeys` serves the whole program: every account's
decryption, the Keys window (which shows each key locked or unlocked, and
locks them again) and re-keying. Locking a key forgets it, and every
decryptor of the session then forgets the data keys it had unwrapped, so
nothing it opened decrypts again until the key is unlocked. Nothing here is
ever written to disk.

Decrypting with a key that is in the key store but locked raises
:class:`~archiveviewer.errors.KeyLocked` naming the key, so that the window
asks for its passphrase, unlocks it and tries again.
"""

from __future__ import annotations

from archiveviewer.crypto import CollectionDecryptor, KeyStore, PrivateKey, StoredKey
from archiveviewer.crypto.unwrap import HeldKeys
from archiveviewer.domain import Collection, Dialect
from archiveviewer.errors import CryptoError, KeyLocked, KeyNotHeld


class SessionKeys:
    """Unlocked private keys of the key store, shared by all decryptors of the run.

    The methods that unlock derive keys from passphrases (slow on purpose):
    run them on the worker. Safe to use from several threads.
    """

    def __init__(self, store: KeyStore) -> None:
        self.store = store
        # A key that opens data wrapped for a name it did not have keeps that name.
        self._held = HeldKeys(
            (), on_learned=lambda name, key: store.remember_name(name, key.fingerprint)
        )

    # --- unlocking and locking ------------------------------------------------------

    def unlock(self, name: str, passphrase: str) -> PrivateKey:
        """Open the key ``name`` with ``passphrase`` and hold it; ``CryptoError`` if wrong."""
        key = self.store.unlock(name, passphrase)
        self._held.add(key)
        return key

    def unlock_all(self, passphrase: str) -> list[PrivateKey]:
        """Open and hold every locked key that ``passphrase`` opens; ``CryptoError`` if none."""
        opened = []
        stored = self.store.keys()
        for record in stored:
            if self.is_unlocked(record.fingerprint):
                continue
            try:
                opened.append(self.unlock(record.fingerprint, passphrase))
            except CryptoError:
                continue
        if not opened:
            raise CryptoError(self._no_key_sentence())
        return opened

    def lock(self, name: str) -> None:
        """Forget the key ``name`` (and the data keys opened so far) until it is unlocked."""
        self._held.remove(self.store.find(name).fingerprint)

    def lock_all(self) -> None:
        """Forget every unlocked key and every data key opened so far."""
        self._held.remove_all()

    # --- what is held -------------------------------------------------------------

    def is_unlocked(self, key_fingerprint: str) -> bool:
        """True when the key with this fingerprint is unlocked now."""
        return key_fingerprint in self._held.fingerprints()

    def unlocked(self, name: str) -> PrivateKey | None:
        """The unlocked key called ``name`` (or so aliased), None if locked."""
        return self._held.key(self.store.find(name).fingerprint)

    def decryptor(self) -> CollectionDecryptor:
        """A decryptor (with its own data keys) that uses the keys unlocked here."""
        return CollectionDecryptor(held=self._held)

    # --- decrypting ---------------------------------------------------------------

    def decrypt(
        self, decryptor: CollectionDecryptor, collection: Collection, dialect: Dialect
    ) -> Collection:
        """``collection`` decrypted; ``KeyLocked`` when a locked key of the store may open it."""
        stored = self.store.keys()
        locked = [k for k in stored if not self.is_unlocked(k.fingerprint)]
        if not self._held.fingerprints():
            if not locked:
                raise CryptoError(self._no_key_sentence())
            raise _locked_error(locked, _wrapped_for(collection))
        try:
            return decryptor.decrypt_collection(collection, dialect)
        except KeyNotHeld as error:
            if not locked:
                raise
            wanted = set(error.key_names)
            named = [k for k in locked if wanted & {k.name, *k.aliases, k.fingerprint}]
            if named:
                raise _locked_error(named, wanted) from None
            if any(self.store_names_of(n) for n in wanted):
                raise  # named for an unlocked key that could not open it
            raise _locked_error(locked, wanted) from None

    def store_names_of(self, name: str) -> bool:
        """True when ``name`` is a name, alias or fingerprint of a key in the store."""
        try:
            self.store.find(name)
        except CryptoError:
            return False
        return True

    def _no_key_sentence(self) -> str:
        folder = self.store.directory
        if not self.store.names():
            return (
                f"There are no private keys in {folder}. Import the key the conversation "
                "was encrypted for, then try again."
            )
        return f"The passphrase opens none of the private keys in {folder} that are locked."


def _wrapped_for(collection: Collection) -> set[str]:
    return {i.key_name for i in collection.encrypted if i.key_name}


def _locked_error(locked: list[StoredKey], wanted: set[str]) -> KeyLocked:
    named = [k for k in locked if wanted & {k.name, *k.aliases, k.fingerprint}]
    if len(named) == 1 or len(locked) == 1:
        key = (named or locked)[0]
        return KeyLocked(
            f"This conversation is encrypted for your key “{key.name}”, which is locked: "
            "enter its passphrase to read it.",
            key_name=key.name,
        )
    return KeyLocked(
        "Your private keys are locked: enter the passphrase to read this conversation.",
        key_name=None,
    )
