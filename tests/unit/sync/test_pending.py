"""Decrypting stored encrypted collections once keys are unlocked."""

from __future__ import annotations

from dataclasses import replace

import pytest

from archiveviewer.domain import Collection, EncryptedItem, EncryptedKind, Message
from archiveviewer.errors import CryptoError
from archiveviewer.sync import decrypt_pending
from tests.unit.sync.fakes import FakeReplica, make_collection

pytestmark = pytest.mark.asyncio


def encrypted(n: int, key: str) -> Collection:
    item = EncryptedItem(EncryptedKind.DATA, f"<EncryptedData n='{n}'/>", key_name=key)
    return replace(make_collection(n, messages=0), crypt=True, items=(item,))


class KeyringDecryptor:
    """Decrypts collections whose key name it holds, into one known message."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = keys

    def decrypt_collection(self, collection: Collection) -> Collection:
        name = collection.encrypted[0].key_name
        if name not in self.keys:
            raise CryptoError(f"The key “{name}” is not unlocked.")
        plain = make_collection(0, messages=2)
        return replace(collection, items=plain.items)


async def test_decrypts_what_it_has_keys_for_and_reports_the_rest() -> None:
    replica = FakeReplica()
    for n, key in enumerate(["k1", "k2", "k1"]):
        replica.replace_collection(encrypted(n, key))

    report = await decrypt_pending(replica, KeyringDecryptor({"k1"}))

    assert report.decrypted == 2
    assert [f.reason for f in report.failures] == ["The key “k2” is not unlocked."]
    assert len(replica.pending_encrypted()) == 1
    stored = next(iter(replica.decrypted_items.values()))
    assert len(stored) == 2
    assert all(isinstance(i, Message) for i in stored)


async def test_later_unlocking_decrypts_the_rest() -> None:
    replica = FakeReplica()
    replica.replace_collection(encrypted(0, "k2"))
    await decrypt_pending(replica, KeyringDecryptor(set()))
    report = await decrypt_pending(replica, KeyringDecryptor({"k2"}))
    assert (report.decrypted, report.failures) == (1, ())
    assert replica.pending_encrypted() == []
