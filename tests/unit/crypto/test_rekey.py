"""Re-keying against an in-memory archive (a unit test of the crypto layer only).

The end-to-end run against the real server comes with the XMPP client.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from datetime import timedelta

import pytest

from archiveviewer.crypto import (
    LEGACY_PROFILE,
    CollectionDecryptor,
    KeyArchive,
    prepare_encrypted_store,
    rekey,
)
from archiveviewer.crypto.keystore import PrivateKey
from archiveviewer.domain import Collection, CollectionId, EncryptedItem, EncryptedKind
from archiveviewer.errors import CryptoError

from .conftest import conversation


class Interrupted(Exception):
    pass


class FakeArchive:
    """Collections on a pretend server, answering XEP-0136 keys/store/delete."""

    def __init__(self, collections: Sequence[Collection]) -> None:
        self.items = {c.id: list(c.encrypted) for c in collections}
        self.fail_delete_after: int | None = None
        self.deletes = 0

    async def keys(self, key_name: str) -> AsyncIterator[tuple[CollectionId, EncryptedItem]]:
        for collection, items in sorted(self.items.items()):
            for item in list(items):
                if item.kind is EncryptedKind.KEY and item.key_name == key_name:
                    await asyncio.sleep(0)
                    yield collection, item

    async def store_keys(self, collection: CollectionId, items: Sequence[EncryptedItem]) -> None:
        self.items[collection].extend(items)

    async def delete_keys(self, collection: CollectionId, key_name: str) -> None:
        if self.fail_delete_after is not None and self.deletes >= self.fail_delete_after:
            raise Interrupted("connection lost")
        self.deletes += 1
        self.items[collection] = [i for i in self.items[collection] if i.key_name != key_name]

    def collection(self, template: Collection) -> Collection:
        return replace(template, items=tuple(self.items[template.id]))

    def key_count(self, key_name: str) -> int:
        return sum(1 for items in self.items.values() for i in items if i.key_name == key_name)


def _archive(old: PrivateKey, other: PrivateKey) -> tuple[FakeArchive, list[Collection]]:
    first = prepare_encrypted_store(conversation(), [old.public, other.public])
    appended = prepare_encrypted_store(conversation(), [old.public], profile=LEGACY_PROFILE)
    first = replace(first, items=first.items + appended.items)  # two data keys in one
    later = conversation()
    later = replace(later, id=CollectionId(later.start + timedelta(days=1), later.with_jid))
    second = prepare_encrypted_store(later, [old.public], profile=LEGACY_PROFILE)
    return FakeArchive([first, second]), [first, second]


def _check(_: KeyArchive) -> None:
    """The fake must satisfy the Protocol (checked by mypy where this is called)."""


def test_rekey_moves_every_data_key_to_the_new_key(
    romeo_key: PrivateKey, second_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    archive, collections = _archive(romeo_key, stranger_key)
    _check(archive)
    seen: list[tuple[int, int]] = []
    result = asyncio.run(
        rekey(archive, romeo_key, second_key.public, progress=lambda d, t: seen.append((d, t)))
    )
    assert (result.collections, result.wrapped, result.already_present) == (2, 3, 0)
    assert seen == [(1, 2), (2, 2)]
    assert archive.key_count(romeo_key.name) == 0
    assert archive.key_count(stranger_key.name) == 1  # other keys are left alone
    new_only = CollectionDecryptor([second_key])
    for collection in collections:
        decrypted = new_only.decrypt_collection(archive.collection(collection))
        bodies = [m.body for m in decrypted.messages]
        expected = [m.body for m in conversation().messages]
        assert bodies in (expected, expected * 2)


def test_rekey_twice_changes_nothing_the_second_time(
    romeo_key: PrivateKey, second_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    archive, _ = _archive(romeo_key, stranger_key)
    asyncio.run(rekey(archive, romeo_key, second_key.public))
    before = {c: list(items) for c, items in archive.items.items()}
    again = asyncio.run(rekey(archive, romeo_key, second_key.public))
    assert (again.collections, again.wrapped) == (0, 0)
    assert archive.items == before


def test_an_interrupted_rekey_resumes_without_duplicates(
    romeo_key: PrivateKey, second_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    archive, collections = _archive(romeo_key, stranger_key)
    archive.fail_delete_after = 0  # new keys stored, old ones not yet deleted
    with pytest.raises(Interrupted):
        asyncio.run(rekey(archive, romeo_key, second_key.public))
    assert archive.key_count(second_key.name) == 2
    assert archive.key_count(romeo_key.name) == 3
    archive.fail_delete_after = None
    result = asyncio.run(rekey(archive, romeo_key, second_key.public))
    assert (result.wrapped, result.already_present) == (1, 2)
    assert archive.key_count(second_key.name) == 3
    assert archive.key_count(romeo_key.name) == 0
    for collection in collections:
        CollectionDecryptor([second_key]).decrypt_collection(archive.collection(collection))


def test_a_damaged_key_keeps_its_old_encrypted_key(
    romeo_key: PrivateKey, second_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    archive, collections = _archive(romeo_key, stranger_key)
    victim = collections[0].id
    archive.items[victim] = [
        replace(i, xml=i.xml.replace("<CipherValue>", "<CipherValue>AAAA", 1))
        if i.key_name == romeo_key.name and i.kind is EncryptedKind.KEY
        else i
        for i in archive.items[victim]
    ]
    result = asyncio.run(rekey(archive, romeo_key, second_key.public))
    assert [c for c, _ in result.failed] == [victim]
    assert "could not be unwrapped" in result.failed[0][1]
    assert any(i.key_name == romeo_key.name for i in archive.items[victim])
    assert all(i.key_name != romeo_key.name for i in archive.items[collections[1].id])


def test_rekey_refuses_a_private_key_that_does_not_match_its_name(
    romeo_key: PrivateKey, second_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    archive, _ = _archive(romeo_key, stranger_key)
    impostor = PrivateKey(romeo_key.name, stranger_key.key)
    with pytest.raises(CryptoError, match="different key"):
        asyncio.run(rekey(archive, impostor, second_key.public))
    with pytest.raises(CryptoError, match="same key"):
        asyncio.run(rekey(archive, romeo_key, romeo_key.public))
    assert archive.key_count(romeo_key.name) == 3


def test_rekey_also_moves_keys_the_archive_knows_by_another_name(
    romeo_key: PrivateKey, second_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    archive, collections = _archive(romeo_key, stranger_key)
    # Another client uploaded the second collection, calling romeo's key "psi-laptop".
    other = collections[1].id
    archive.items[other] = [
        replace(
            i,
            xml=i.xml.replace(
                f"<KeyName>{romeo_key.name}</KeyName>", "<KeyName>psi-laptop</KeyName>"
            ),
            key_name="psi-laptop",
        )
        if i.kind is EncryptedKind.KEY
        else i
        for i in archive.items[other]
    ]
    # The user renamed the key to that name: its fingerprint stays one of its names.
    renamed = PrivateKey("psi-laptop", romeo_key.key, aliases=(romeo_key.name,))
    result = asyncio.run(rekey(archive, renamed, second_key.public))
    assert (result.collections, result.wrapped) == (2, 3)
    assert archive.key_count("psi-laptop") == archive.key_count(romeo_key.name) == 0
    new_only = CollectionDecryptor([second_key])
    assert new_only.decrypt_collection(archive.collection(collections[1])).messages


def test_a_stop_between_conversations_says_what_moved_and_the_rest_follows(
    romeo_key: PrivateKey, second_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    archive, collections = _archive(romeo_key, stranger_key)
    done: list[int] = []
    stopped = asyncio.run(
        rekey(
            archive, romeo_key, second_key.public,
            progress=lambda d, _t: done.append(d), should_stop=lambda: bool(done),
        )
    )  # fmt: skip
    assert (stopped.stopped, stopped.done, stopped.collections) == (True, 1, 2)
    assert stopped.moved == (collections[0].id,)  # in the order of the collections
    rest = asyncio.run(rekey(archive, romeo_key, second_key.public))
    assert (rest.stopped, rest.done, rest.moved) == (False, 1, (collections[1].id,))
    assert archive.key_count(romeo_key.name) == 0
