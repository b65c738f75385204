"""Encrypted collections end to end: key store, XML Encryption, the real server, re-keying.

Every test stores with one session of a fresh account and reads back with a
second session (another resource, another connection), the way a user's
second client would. Keys are generated once per module in a real KeyStore.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from archiveviewer.crypto import (
    DEFAULT_PROFILE,
    LEGACY_PROFILE,
    CollectionDecryptor,
    EncryptionProfile,
    KeyArchive,
    KeyStore,
    PrivateKey,
    prepare_encrypted_store,
    rekey,
)
from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    Note,
)
from archiveviewer.errors import CryptoError, KnownError
from archiveviewer.xmpp.session import AccountSession, AccountSettings
from archiveviewer.xmpp.xep_0136 import XEP_0136
from tests.integration.xmpp_helpers import connected, new_account
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

PASSPHRASE = "wherefore art thou"
START = datetime(2024, 2, 14, 21, 30, 5, tzinfo=UTC)
JULIET = "juliet@capulet.example/balcony"


@dataclass(frozen=True)
class Keys:
    """A key store in a temporary folder with three generated keys."""

    store: KeyStore
    key1: str
    key2: str
    key3: str

    def unlock(self, name: str) -> PrivateKey:
        return self.store.unlock(name, PASSPHRASE)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    store = KeyStore(tmp_path_factory.mktemp("keys") / "keystore")
    names = [store.generate(PASSPHRASE).name for _ in range(3)]
    assert store.names() == sorted(names)
    return Keys(store, *names)


def conversation(start: datetime = START, subject: str | None = None) -> Collection:
    """Messages both ways (one sent while offline), a nickname and a note."""
    return Collection(
        id=CollectionId(start, JULIET),
        subject=subject,
        items=(
            Message(Direction.FROM, start, "Art thou not Romeo, and a Montague?"),
            Message(Direction.TO, start + timedelta(seconds=11), "Neither, fair saint & <more>"),
            Message(Direction.FROM, start + timedelta(seconds=25), "How cam'st thou?", nick="j"),
            Note("I think she might fancy me.", start + timedelta(minutes=8, seconds=20)),
            Message(Direction.FROM, start - timedelta(hours=2), "Sent while you were away"),
            Message(Direction.TO, start + timedelta(seconds=40), "With love’s light wings 💌"),
        ),
    )


@dataclass
class Account:
    """One fresh account; ``second()`` opens another resource of it."""

    settings: AccountSettings

    def second(self) -> AccountSettings:
        return replace(self.settings, jid=f"{self.settings.jid}/second-client")


@pytest.fixture
def account(prosody: ProsodyServer) -> Account:
    return Account(new_account(prosody))


@pytest_asyncio.fixture
async def writer(account: Account) -> AsyncIterator[AccountSession]:
    """Session A: stores the encrypted collections."""
    async with connected(replace(account.settings, jid=f"{account.settings.jid}/writer")) as a:
        yield a


@pytest_asyncio.fixture
async def reader(account: Account, writer: AccountSession) -> AsyncIterator[AccountSession]:
    """Session B: another resource of the same account, on its own connection."""
    async with connected(account.second()) as b:
        assert b.jid != writer.jid
        yield b


async def store_encrypted(
    archive: XEP_0136,
    recipients: Sequence[str],
    keys: Keys,
    *,
    start: datetime = START,
    profile: EncryptionProfile = DEFAULT_PROFILE,
) -> Collection:
    plain = conversation(start)
    public = [keys.store.public_key(name) for name in recipients]
    await archive.store(prepare_encrypted_store(plain, public, profile=profile))
    return plain


def key_names(collection: Collection) -> list[str | None]:
    return sorted(
        (item.key_name for item in collection.encrypted if item.kind is EncryptedKind.KEY),
        key=str,
    )


async def listed_keys(archive: XEP_0136, key_name: str) -> list[tuple[CollectionId, str | None]]:
    return [(cid, item.carried_key_name) async for cid, item in archive.keys(key_name)]


# --- 1. store with one session, decrypt in another -------------------------------------------


@pytest.mark.parametrize("profile", [DEFAULT_PROFILE, LEGACY_PROFILE], ids=["default", "legacy"])
async def test_a_second_client_decrypts_what_the_first_stored(
    keys: Keys, writer: AccountSession, reader: AccountSession, profile: EncryptionProfile
) -> None:
    plain = await store_encrypted(writer.archive, [keys.key1, keys.key2], keys, profile=profile)

    page = await reader.archive.list_page()
    assert [(c.id, c.crypt) for c in page.collections] == [(plain.id, True)]
    stored = await reader.archive.retrieve(plain.id)
    assert stored.crypt
    assert not [item for item in stored.items if not isinstance(item, EncryptedItem)]
    assert key_names(stored) == sorted([keys.key1, keys.key2])

    for holder in (keys.key1, keys.key2):
        decrypted = CollectionDecryptor([keys.unlock(holder)]).decrypt_collection(stored)
        assert decrypted.items == plain.items
        assert decrypted.id == plain.id


# --- 2. a KeyName filter ---------------------------------------------------------------------


async def test_a_key_name_filter_returns_only_that_keys_encrypted_keys(
    keys: Keys, writer: AccountSession, reader: AccountSession
) -> None:
    plain = await store_encrypted(writer.archive, [keys.key1, keys.key2], keys)

    only_key2 = await reader.archive.retrieve(plain.id, key_names=[keys.key2])
    assert key_names(only_key2) == [keys.key2]
    decrypted = CollectionDecryptor([keys.unlock(keys.key2)]).decrypt_collection(only_key2)
    assert decrypted.items == plain.items

    # With only key1's EncryptedKey there, key2 alone cannot open it.
    only_key1 = await reader.archive.retrieve(plain.id, key_names=[keys.key1])
    with pytest.raises(CryptoError, match="is encrypted for"):
        CollectionDecryptor([keys.unlock(keys.key2)]).decrypt_collection(only_key1)


# --- 3. re-keying ----------------------------------------------------------------------------


async def test_rekey_moves_every_collection_to_the_new_key(
    keys: Keys, writer: AccountSession, reader: AccountSession
) -> None:
    starts = [START + timedelta(days=n) for n in range(3)]
    plains = [
        await store_encrypted(writer.archive, [keys.key1, keys.key2], keys, start=s) for s in starts
    ]
    progress: list[tuple[int, int]] = []
    archive: KeyArchive = writer.archive  # the network client is a KeyArchive as it is

    result = await rekey(
        archive, keys.unlock(keys.key1), keys.store.public_key(keys.key3),
        progress=lambda done, total: progress.append((done, total)),
    )  # fmt: skip

    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert (result.collections, result.wrapped, result.already_present, result.failed) == (
        3, 3, 0, ()
    )  # fmt: skip
    assert await listed_keys(reader.archive, keys.key1) == []
    assert len(await listed_keys(reader.archive, keys.key3)) == 3
    only_key3 = CollectionDecryptor([keys.unlock(keys.key3)])
    for plain in plains:
        stored = await reader.archive.retrieve(plain.id)
        assert key_names(stored) == sorted([keys.key2, keys.key3])
        assert only_key3.decrypt_collection(stored).items == plain.items

    again = await rekey(archive, keys.unlock(keys.key1), keys.store.public_key(keys.key3))
    assert (again.collections, again.wrapped) == (0, 0)
    for plain in plains:
        assert key_names(await reader.archive.retrieve(plain.id)) == sorted([keys.key2, keys.key3])


class LostConnection(Exception):
    """Stands for the connection dropping in the middle of a re-key."""


class DropsOnSecondDelete:
    """The real archive, but the second delete_keys fails after its new keys were stored."""

    def __init__(self, archive: XEP_0136) -> None:
        self.archive = archive
        self.keys = archive.keys
        self.store_keys = archive.store_keys
        self.deletes = 0

    async def delete_keys(self, collection: CollectionId, key_name: str) -> None:
        self.deletes += 1
        if self.deletes == 2:
            raise LostConnection
        await self.archive.delete_keys(collection, key_name)


async def test_an_interrupted_rekey_resumes_without_duplicate_keys(
    keys: Keys, writer: AccountSession, reader: AccountSession
) -> None:
    plains = [
        await store_encrypted(writer.archive, [keys.key1], keys, start=START + timedelta(days=n))
        for n in range(3)
    ]
    old, new = keys.unlock(keys.key1), keys.store.public_key(keys.key3)
    with pytest.raises(LostConnection):
        await rekey(DropsOnSecondDelete(writer.archive), old, new)
    # The first collection is done; the second has both keys; the third only the old one.
    assert [cid for cid, _ in await listed_keys(reader.archive, keys.key1)] == [
        plains[1].id, plains[2].id
    ]  # fmt: skip

    resumed = await rekey(writer.archive, old, new)

    assert (resumed.collections, resumed.wrapped, resumed.already_present) == (2, 1, 1)
    assert await listed_keys(reader.archive, keys.key1) == []
    only_key3 = CollectionDecryptor([keys.unlock(keys.key3)])
    for plain in plains:
        stored = await reader.archive.retrieve(plain.id)
        assert key_names(stored) == [keys.key3]  # one EncryptedKey for key3, not two
        assert only_key3.decrypt_collection(stored).items == plain.items


async def test_a_cancelled_rekey_resumes(
    keys: Keys, writer: AccountSession, reader: AccountSession
) -> None:
    plains = [
        await store_encrypted(writer.archive, [keys.key1], keys, start=START + timedelta(days=n))
        for n in range(3)
    ]
    old, new = keys.unlock(keys.key1), keys.store.public_key(keys.key3)

    def stop_after_first(done: int, total: int) -> None:
        if done == 1:
            raise KeyboardInterrupt  # the user pressed Ctrl+C after the first collection

    with pytest.raises(KeyboardInterrupt):
        await rekey(writer.archive, old, new, progress=stop_after_first)
    assert len(await listed_keys(reader.archive, keys.key1)) == 2

    resumed = await rekey(writer.archive, old, new)
    assert (resumed.collections, resumed.wrapped, resumed.already_present) == (2, 2, 0)
    assert [cid for cid, _ in await listed_keys(reader.archive, keys.key3)] == [
        p.id for p in plains
    ]


# --- 4. keys we do not hold ------------------------------------------------------------------


async def test_a_key_we_do_not_hold_names_the_collection_and_keys(
    keys: Keys, writer: AccountSession, reader: AccountSession
) -> None:
    plain = await store_encrypted(writer.archive, [keys.key1], keys)
    before = await reader.archive.retrieve(plain.id)

    with pytest.raises(CryptoError) as caught:
        CollectionDecryptor([keys.unlock(keys.key3)]).decrypt_collection(before)
    sentence = caught.value.user_message
    assert JULIET in sentence
    assert keys.key1 in sentence
    assert keys.key3 in sentence

    # A private key that is not the one its name says (a mix-up on import) fails too.
    impostor = PrivateKey(keys.key1, keys.unlock(keys.key3).key)
    with pytest.raises(CryptoError, match="could not be unwrapped") as wrong:
        CollectionDecryptor([impostor]).decrypt_collection(before)
    assert JULIET in wrong.value.user_message
    with pytest.raises(CryptoError, match="is a different key"):
        await rekey(writer.archive, impostor, keys.store.public_key(keys.key3))
    with pytest.raises(CryptoError, match=r"passphrase .* is wrong"):
        keys.store.unlock(keys.key1, "not the passphrase")

    after = await reader.archive.retrieve(plain.id)
    assert after.items == before.items
    assert await listed_keys(reader.archive, keys.key1) == [
        (plain.id, before.encrypted[-1].carried_key_name)
    ]


# --- 5. the plaintext subject ----------------------------------------------------------------


async def test_a_subject_is_stored_in_plain_text_only_when_acknowledged(
    keys: Keys, writer: AccountSession, reader: AccountSession
) -> None:
    plain = conversation(subject="Meet at the balcony")
    recipients = [keys.store.public_key(keys.key1)]
    with pytest.raises(KnownError, match="would be stored unencrypted"):
        prepare_encrypted_store(plain, recipients)
    assert (await reader.archive.list_page()).collections == ()

    upload = prepare_encrypted_store(plain, recipients, acknowledge_plaintext_subject=True)
    await writer.archive.store(upload)

    [listed] = (await reader.archive.list_page()).collections
    assert (listed.subject, listed.crypt) == ("Meet at the balcony", True)
    stored = await reader.archive.retrieve(plain.id)
    assert CollectionDecryptor([keys.unlock(keys.key1)]).decrypt_collection(stored).items == (
        plain.items
    )


# --- store_keys on its own -------------------------------------------------------------------


async def test_store_keys_refuses_a_collection_that_is_gone(
    keys: Keys, writer: AccountSession
) -> None:
    plain = await store_encrypted(writer.archive, [keys.key1], keys)
    stored = await writer.archive.retrieve(plain.id)
    key_items = [i for i in stored.encrypted if i.kind is EncryptedKind.KEY]
    await writer.archive.remove(plain.id)
    with pytest.raises(KnownError):
        await writer.archive.store_keys(plain.id, key_items)
    assert (await writer.archive.list_page()).collections == ()
    with pytest.raises(ValueError, match="EncryptedKey items only"):
        await writer.archive.store_keys(plain.id, list(stored.encrypted))
