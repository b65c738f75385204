"""Replacing EncryptedKey elements when a private key becomes obsolete (XEP-0136 "rekey").

The steps follow the seed: list every EncryptedKey wrapped for the old public
key, unwrap each data key with the old private key, wrap it for the new public
key, store the new EncryptedKeys, and only then delete the old ones, one
collection at a time. Running it again after an interruption finishes the
work: collections already done no longer list old keys, and a data key that
already has an EncryptedKey for the new key is not wrapped a second time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from archiveviewer.crypto import algorithms
from archiveviewer.crypto.decrypt import describe
from archiveviewer.crypto.encrypt import DEFAULT_PROFILE, DataKey, EncryptionProfile, wrap_data_key
from archiveviewer.crypto.keystore import PrivateKey, PublicKey
from archiveviewer.crypto.xmlenc import read_encrypted_key
from archiveviewer.domain import CollectionId, EncryptedItem
from archiveviewer.errors import CryptoError


class KeyArchive(Protocol):
    """What re-keying needs from the archive session (XEP-0136 keys/store/delete)."""

    def keys(self, key_name: str) -> AsyncIterator[tuple[CollectionId, EncryptedItem]]:
        """Every EncryptedKey wrapped for the public key ``key_name``, with its collection."""
        ...

    async def store_keys(self, collection: CollectionId, items: Sequence[EncryptedItem]) -> None:
        """Append EncryptedKey items to an existing collection."""
        ...

    async def delete_keys(self, collection: CollectionId, key_name: str) -> None:
        """Delete a collection's EncryptedKeys wrapped for the public key ``key_name``."""
        ...


#: Called after each collection with (collections done, collections in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RekeyResult:
    """What a re-keying run did.

    ``failed`` lists the collections whose old keys were kept because a data
    key could not be unwrapped, each with the reason. ``stopped`` is true
    when the caller asked to stop: ``collections`` were left untouched
    after the ``done`` that were finished, and running again moves them.
    ``moved`` are the collections whose old EncryptedKeys are gone now.
    """

    collections: int
    wrapped: int
    already_present: int
    failed: tuple[tuple[CollectionId, str], ...] = ()
    done: int = 0
    stopped: bool = False
    moved: tuple[CollectionId, ...] = ()


async def _by_collection(
    archive: KeyArchive, key_names: Sequence[str]
) -> dict[CollectionId, list[tuple[str, EncryptedItem]]]:
    """Every EncryptedKey the server holds for any of ``key_names``, by collection."""
    found: dict[CollectionId, list[tuple[str, EncryptedItem]]] = {}
    for name in key_names:
        async for collection, item in archive.keys(name):
            found.setdefault(collection, []).append((name, item))
    return found


def _looks_like_fingerprint(name: str) -> bool:
    groups = name.split(":")
    return len(groups) == 16 and all(
        len(g) == 4 and all(c in "0123456789abcdef" for c in g) for g in groups
    )


def _carried_names(items: Sequence[EncryptedItem]) -> set[str]:
    names = set()
    for item in items:
        try:
            name = item.carried_key_name or read_encrypted_key(item).carried_key_name
        except CryptoError:
            continue  # an unreadable new-key EncryptedKey does not count as done
        if name:
            names.add(name)
    return names


async def rekey(
    archive: KeyArchive,
    old_key: PrivateKey,
    new_key: PublicKey,
    *,
    profile: EncryptionProfile = DEFAULT_PROFILE,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> RekeyResult:
    """Re-wrap every data key from ``old_key`` to ``new_key`` on the server.

    The server's old EncryptedKeys of a collection are deleted only after its
    new ones are stored. Safe to run twice and to resume after an error.
    ``should_stop`` is asked between collections (never inside one): when it
    says yes, the run ends early with ``stopped`` set.
    """
    if _looks_like_fingerprint(old_key.name) and old_key.name != old_key.fingerprint:
        # Unwrapping with the wrong private key can "succeed" with RSA 1.5.
        raise CryptoError(f"The private key given for “{old_key.name}” is a different key.")
    if old_key.fingerprint == new_key.fingerprint:
        raise CryptoError(f"The old and the new key are the same key “{new_key.name}”.")
    # Other clients, and this key's earlier names, may have named it otherwise.
    old = await _by_collection(archive, old_key.names)
    already_new = await _by_collection(
        archive, (new_key.name, *new_key.aliases, new_key.fingerprint)
    )
    present = {c: _carried_names([i for _, i in pairs]) for c, pairs in already_new.items()}
    wrapped = already = 0
    failed: list[tuple[CollectionId, str]] = []
    moved: list[CollectionId] = []
    done = 0
    for done, (collection, pairs) in enumerate(sorted(old.items()), start=1):
        if should_stop is not None and should_stop():
            return RekeyResult(
                len(old), wrapped, already, tuple(failed), done - 1, True, tuple(moved)
            )
        items = [item for _, item in pairs]
        try:
            new_items, skipped = _rewrap(
                items, old_key, new_key, profile, present.get(collection, set()), collection
            )
        except CryptoError as exc:
            failed.append((collection, exc.user_message))
        else:
            if new_items:
                await archive.store_keys(collection, new_items)
            for name in dict.fromkeys(name for name, _ in pairs):
                await archive.delete_keys(collection, name)
            wrapped += len(new_items)
            already += skipped
            moved.append(collection)
        if progress is not None:
            progress(done, len(old))
    return RekeyResult(len(old), wrapped, already, tuple(failed), done, False, tuple(moved))


def _rewrap(
    items: Sequence[EncryptedItem],
    old_key: PrivateKey,
    new_key: PublicKey,
    profile: EncryptionProfile,
    present: set[str],
    collection: CollectionId,
) -> tuple[list[EncryptedItem], int]:
    new_items: list[EncryptedItem] = []
    seen: set[str] = set()
    skipped = 0
    for item in items:
        element = read_encrypted_key(item)
        name = element.carried_key_name
        if name is None:
            raise CryptoError(f"An EncryptedKey of {describe(collection)} carries no key name.")
        if name in seen:
            continue
        seen.add(name)
        if name in present:
            skipped += 1
            continue
        try:
            secret = algorithms.unwrap_key(element.transport, old_key.key, element.cipher_value)
        except CryptoError as exc:
            raise CryptoError(
                f"The data key “{name}” of {describe(collection)} could not be unwrapped with "
                f"“{old_key.name}”: {exc.user_message}; its old EncryptedKey was kept."
            ) from None
        new_items.append(wrap_data_key(DataKey(name, secret), new_key, profile))
    return new_items, skipped
