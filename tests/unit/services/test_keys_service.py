"""The Keys window's service: which conversations each key opens, from the real replica."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer.crypto import KeyStore, prepare_encrypted_store
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.services.keys import KeyRingService
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica

START = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)


def _pem() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _conversation(day: int) -> Collection:
    start = START + timedelta(days=day)
    return Collection(
        CollectionId(start, "juliet@capulet.example"),
        items=(Message(Direction.TO, start, f"Good night, {day}"),),
    )


@pytest.fixture
def worker() -> Iterator[Worker]:
    running = Worker()
    yield running
    running.shutdown()


def test_each_key_says_what_it_opens_and_what_only_it_opens(tmp_path: Path, worker: Worker) -> None:
    store = KeyStore(tmp_path / "keys")
    laptop = store.import_private_key(_pem(), "pw", name="laptop")
    phone = store.import_private_key(_pem(), "pw", name="phone")
    with Replica(tmp_path / "replica.sqlite") as replica:
        replica.replace_collection(prepare_encrypted_store(_conversation(0), [laptop, phone]))
        replica.replace_collection(prepare_encrypted_store(_conversation(1), [laptop]))
        replica.replace_collection(prepare_encrypted_store(_conversation(2), [laptop]))
        replica.replace_collection(_conversation(3))  # plain: no key opens it
        assert len(replica.encrypted_key_names()) == 3
        service = KeyRingService(store, worker, replica.encrypted_key_names)
        rows = {row.name: row for row in asyncio.run(service.keys())}
    assert (rows["laptop"].opens, rows["laptop"].only) == (3, 2)
    assert (rows["phone"].opens, rows["phone"].only) == (1, 0)
    # Without an open account's copy the counts are unknown, not zero.
    unknown = asyncio.run(KeyRingService(store, worker).keys())
    assert {row.opens for row in unknown} == {None}
