"""Decrypting the encrypted collections of the replica once the keys are unlocked.

Replication stores encrypted collections as the server sent them
(ciphertext). :func:`decrypt_pending` decrypts those whose plaintext is not
stored yet and stores it, which makes it searchable; it can run right after a
sync or at any later time the user unlocks the keys.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from archiveviewer.domain import CollectionId, Message, Note
from archiveviewer.errors import CryptoError
from archiveviewer.sync.ports import DecryptionTarget, Decryptor

#: Runs a blocking call off the event loop: ``await offload(function, *args)``.
Offload = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class DecryptFailure:
    """A collection that could not be decrypted, with the sentence saying why."""

    id: CollectionId
    reason: str


@dataclass(frozen=True)
class DecryptReport:
    """What :func:`decrypt_pending` did."""

    decrypted: int
    failures: tuple[DecryptFailure, ...]


async def decrypt_pending(
    target: DecryptionTarget, decryptor: Decryptor, *, offload: Offload = asyncio.to_thread
) -> DecryptReport:
    """Decrypt and store the plaintext of every pending encrypted collection.

    Decryption and storing run through ``offload`` (the program passes its
    worker's ``run``). A collection whose keys are missing
    or whose data does not decrypt is reported in ``failures`` and stays
    pending; the others are stored one transaction each.
    """
    decrypted = 0
    failures: list[DecryptFailure] = []
    for collection_id in target.pending_encrypted():
        collection = target.collection(collection_id)
        if collection is None:
            continue  # removed by a sync since the list was made
        try:
            plain = await offload(decryptor.decrypt_collection, collection)
        except CryptoError as exc:
            failures.append(DecryptFailure(collection_id, exc.user_message))
            continue
        items = [i for i in plain.items if isinstance(i, Message | Note)]
        await offload(target.store_decrypted, collection_id, items)
        decrypted += 1
    return DecryptReport(decrypted, tuple(failures))
