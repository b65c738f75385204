"""Keys unlocked for the run: locking forgets them, and a locked key is asked for by name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer.crypto import KeyStore, prepare_encrypted_store
from archiveviewer.domain import Collection, CollectionId, Dialect, Direction, Message
from archiveviewer.errors import CryptoError, KeyLocked, KeyNotHeld
from archiveviewer.services.session_keys import SessionKeys

START = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
SECRET = "Give me my Romeo."


def _pem() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _conversation() -> Collection:
    return Collection(
        CollectionId(START, "juliet@capulet.example"),
        items=(Message(Direction.FROM, START, SECRET),),
    )


def _text(collection: Collection) -> list[str]:
    return [i.body for i in collection.items if isinstance(i, Message)]


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def test_a_locked_key_is_asked_for_by_name_and_lock_forgets_what_it_opened(
    store: KeyStore,
) -> None:
    laptop = store.import_private_key(_pem(), "laptop pw", name="laptop")
    store.import_private_key(_pem(), "phone pw", name="phone")
    encrypted = prepare_encrypted_store(_conversation(), [laptop])
    session = SessionKeys(store)
    decryptor = session.decryptor()
    with pytest.raises(KeyLocked) as locked:
        session.decrypt(decryptor, encrypted, Dialect.SEED)
    assert locked.value.key_name == "laptop"
    assert "“laptop”, which is locked" in locked.value.user_message

    session.unlock_all("laptop pw")  # opens laptop only; phone stays locked
    assert session.is_unlocked(laptop.fingerprint)
    assert not session.is_unlocked(store.find("phone").fingerprint)
    assert _text(session.decrypt(decryptor, encrypted, Dialect.SEED)) == [SECRET]

    session.lock("laptop")  # the data key it unwrapped is forgotten too
    with pytest.raises(KeyLocked):
        session.decrypt(decryptor, encrypted, Dialect.SEED)
    session.unlock("laptop", "laptop pw")
    assert _text(session.decrypt(decryptor, encrypted, Dialect.SEED)) == [SECRET]
    session.lock_all()
    with pytest.raises(KeyLocked):
        session.decrypt(decryptor, encrypted, Dialect.SEED)


def test_unlocking_all_skips_unlocked_keys_and_says_when_the_passphrase_opens_none(
    store: KeyStore,
) -> None:
    store.import_private_key(_pem(), "pw", name="laptop")
    session = SessionKeys(store)
    with pytest.raises(CryptoError, match="opens none of the private keys"):
        session.unlock_all("wrong")
    assert [k.name for k in session.unlock_all("pw")] == ["laptop"]
    with pytest.raises(CryptoError):  # nothing left to unlock
        session.unlock_all("pw")


def test_data_for_a_key_of_another_user_is_not_a_locked_key(store: KeyStore) -> None:
    stranger = KeyStore(store.directory.parent / "stranger").import_private_key(
        _pem(), "pw", name="stranger"
    )
    store.import_private_key(_pem(), "pw", name="laptop")
    session = SessionKeys(store)
    session.unlock_all("pw")
    encrypted = prepare_encrypted_store(_conversation(), [stranger])
    with pytest.raises(KeyNotHeld):
        session.decrypt(session.decryptor(), encrypted, Dialect.SEED)


def test_an_empty_key_store_says_to_import_a_key(store: KeyStore) -> None:
    other = KeyStore(store.directory.parent / "other").import_private_key(_pem(), "pw")
    session = SessionKeys(store)
    encrypted = prepare_encrypted_store(_conversation(), [other])
    with pytest.raises(CryptoError, match="There are no private keys"):
        session.decrypt(session.decryptor(), encrypted, Dialect.SEED)
