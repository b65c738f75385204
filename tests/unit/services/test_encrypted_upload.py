"""Encrypted uploads are for the user's own keys only: keys whose private half is in the store."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest

from archiveviewer.crypto import KeyStore
from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    Direction,
    EncryptedKind,
    Message,
)
from archiveviewer.errors import CryptoError, KnownError
from archiveviewer.protocol.features import ArchiveSupport
from archiveviewer.services.encrypted_upload import (
    UploadEncryption,
    encrypt_for_upload,
    for_own_keys,
)
from archiveviewer.services.upload import ManualArchive
from archiveviewer.services.worker import Worker

START = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
PLAIN = Collection(
    CollectionId(START, "juliet@capulet.example"),
    subject="Balcony",
    items=(Message(Direction.FROM, START, "Art thou not Romeo?"),),
)


def test_only_keys_with_their_private_half_in_the_store_are_encrypted_for(
    tmp_path: Path,
) -> None:
    store = KeyStore(tmp_path / "keys")
    store.generate("pw", name="laptop")
    phone = store.generate("pw", name="phone")
    # A key whose private half is gone (only its public file is left) is not the user's now.
    (store.directory / f"{phone.fingerprint.replace(':', '')}.key.pem").unlink()
    with pytest.raises(CryptoError, match="“phone” is not one of your keys"):
        for_own_keys(store, ["laptop", "phone"])
    with pytest.raises(KnownError):
        for_own_keys(store, [])
    encryption = for_own_keys(store, ["laptop", "laptop"], subjects_in_clear=True)
    sealed = encryption.encrypt(PLAIN, Dialect.SEED)
    assert [i.kind for i in sealed.encrypted] == [EncryptedKind.DATA, EncryptedKind.KEY]
    assert sealed.encrypted[1].key_name == "laptop"
    assert encryption.encrypt(sealed, Dialect.SEED) is sealed  # encrypted already: as it is


def test_a_subject_is_refused_unless_the_user_agreed(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    store.generate("pw", name="laptop")
    with pytest.raises(KnownError, match="“Balcony” would be stored unencrypted"):
        for_own_keys(store, ["laptop"]).encrypt(PLAIN, Dialect.SEED)


@dataclass(frozen=True)
class _Watched(UploadEncryption):
    """The real encryption, noting the loop's beat count as each conversation starts and ends."""

    beats: list[int] = field(default_factory=list)
    seen: list[tuple[int, int]] = field(default_factory=list)

    def encrypt(self, collection: Collection, dialect: Dialect) -> Collection:
        at_start = self.beats[0]
        sealed = super().encrypt(collection, dialect)
        self.seen.append((at_start, self.beats[0]))
        return sealed


class _Server:
    async def discover(self) -> ArchiveSupport:
        return ArchiveSupport(dialect=Dialect.SEED)


def _big(n: int) -> Collection:
    start = START + timedelta(days=n)
    items = tuple(
        Message(Direction.FROM, start + timedelta(seconds=i), f"line {i} of a long night " * 4)
        for i in range(3000)
    )
    return Collection(CollectionId(start, f"c{n}@capulet.example"), items=items)


@pytest.mark.asyncio
async def test_the_loop_keeps_beating_while_a_big_file_is_encrypted(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    store.generate("pw", name="laptop")
    own = for_own_keys(store, ["laptop"])
    watched = _Watched(own.recipients, beats=[0])
    stop = asyncio.Event()

    async def beat() -> None:  # what keeps a session's pings and keepalives going
        while not stop.is_set():
            watched.beats[0] += 1
            await asyncio.sleep(0)

    beating = asyncio.create_task(beat())
    worker = Worker()
    try:
        server = cast("ManualArchive", _Server())
        sealed = await encrypt_for_upload(watched, server, [_big(0), _big(1)], worker)
    finally:
        stop.set()
        await beating
        worker.shutdown()
    assert all(c.encrypted for c in sealed)
    assert len(watched.seen) == 2
    # Encrypting on the loop would leave it no beat at all while each conversation is sealed.
    assert all(end > start for start, end in watched.seen), watched.seen


@pytest.mark.asyncio
async def test_cancel_stops_the_encryption_between_conversations(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    store.generate("pw", name="laptop")
    watched = _Watched(for_own_keys(store, ["laptop"]).recipients, beats=[0])
    steps: list[tuple[int, int]] = []
    worker = Worker()
    try:
        server = cast("ManualArchive", _Server())
        sealed = await encrypt_for_upload(
            watched, server, [_big(n) for n in range(4)], worker,
            on_step=lambda done, total: steps.append((done, total)),
            should_stop=lambda: bool(steps),  # Cancel pressed while the first is encrypted
        )  # fmt: skip
    finally:
        worker.shutdown()
    assert sealed is None  # nothing to upload
    assert steps == [(1, 4)]
    assert len(watched.seen) == 1  # the other three were never encrypted
