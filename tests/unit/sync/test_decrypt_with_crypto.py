"""Encrypted collections: synced as ciphertext, searchable once the keys are unlocked.

Real parts throughout except the network: the crypto layer's encryption and
CollectionDecryptor, the SQLite replica and its search.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer.crypto import CollectionDecryptor, KeyStore, prepare_encrypted_store
from archiveviewer.store import Replica
from archiveviewer.sync import Replicator, decrypt_pending
from tests.unit.sync.fakes import FakeServer, make_collection

pytestmark = pytest.mark.asyncio


async def test_ciphertext_is_synced_then_decrypted_and_indexed_later(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys")
    public = keys.generate("passphrase")
    secret = make_collection(1, messages=3)
    server = FakeServer()
    server.put(make_collection(0))
    server.put(prepare_encrypted_store(secret, [public]))

    with Replica(tmp_path / "replica.sqlite3") as replica:
        await Replicator(server, replica).run()
        assert replica.search('"conversation 1"') == []  # only ciphertext so far
        assert replica.pending_encrypted() == [secret.id]

        locked = await decrypt_pending(replica, CollectionDecryptor())
        assert locked.decrypted == 0
        assert [f.id for f in locked.failures] == [secret.id]
        assert replica.pending_encrypted() == [secret.id]

        private = keys.unlock(public.name, "passphrase")
        report = await decrypt_pending(replica, CollectionDecryptor([private]))
        assert (report.decrypted, report.failures) == (1, ())
        assert replica.pending_encrypted() == []
        hits = replica.search('"conversation 1"')
        assert {h.collection for h in hits} == {secret.id}
        assert all(h.decrypted for h in hits)
        assert replica.decrypted(secret.id) == secret.items
