"""Encrypted uploads are for the user's own keys only: keys whose private half is in the store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

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
from archiveviewer.services.encrypted_upload import for_own_keys

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
