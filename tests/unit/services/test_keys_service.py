"""The Keys window's service: which conversations each key opens, from the real replica."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer.crypto import KeyArchive, KeyStore, prepare_encrypted_store
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.errors import NotConnected
from archiveviewer.services.keys import KeyRingService
from archiveviewer.services.rekeying import KeyAccount
from archiveviewer.services.session_keys import SessionKeys
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
        account = KeyAccount(
            "romeo@montague.example", replica.encrypted_key_names, _offline, _no_refresh
        )
        service = KeyRingService(SessionKeys(store), worker, lambda: account)
        listed = asyncio.run(service.keys())
        rows = {row.name: row for row in listed.rows}
    assert listed.account == "romeo@montague.example"
    assert (rows["laptop"].opens, rows["laptop"].only) == (3, 2)
    assert (rows["phone"].opens, rows["phone"].only) == (1, 0)
    # Without an open account's copy the counts are unknown, not zero.
    unknown = asyncio.run(KeyRingService(SessionKeys(store), worker).keys())
    assert {row.opens for row in unknown.rows} == {None}
    assert unknown.account is None


async def _no_refresh(_collection: CollectionId) -> None:
    raise AssertionError("the Keys window's counts never fetch anything")


def _offline() -> KeyArchive:
    raise NotConnected("Could not re-key the archive: there is no connection to the server.")


def test_counts_follow_the_account_the_window_shows(tmp_path: Path, worker: Worker) -> None:
    store = KeyStore(tmp_path / "keys")
    laptop = store.import_private_key(_pem(), "pw", name="laptop")
    with (
        Replica(tmp_path / "romeo.sqlite") as romeo,
        Replica(tmp_path / "benvolio.sqlite") as benvolio,
    ):
        romeo.replace_collection(prepare_encrypted_store(_conversation(0), [laptop]))
        for day in range(3):
            benvolio.replace_collection(prepare_encrypted_store(_conversation(day), [laptop]))
        accounts = {
            "romeo": KeyAccount(
                "romeo@montague.example", romeo.encrypted_key_names, _offline, _no_refresh
            ),
            "benvolio": KeyAccount(
                "benvolio@montague.example", benvolio.encrypted_key_names, _offline, _no_refresh
            ),
        }
        shown = ["romeo"]
        service = KeyRingService(SessionKeys(store), worker, lambda: accounts[shown[0]])
        assert asyncio.run(service.keys()).rows[0].opens == 1
        shown[0] = "benvolio"  # the user switched accounts
        listed = asyncio.run(service.keys())
    assert (listed.account, listed.rows[0].opens) == ("benvolio@montague.example", 3)
