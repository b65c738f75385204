"""Keys named as other clients name them: import under a name, rename, guess and remember."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from archiveviewer.crypto import (
    LEGACY_PROFILE,
    CollectionDecryptor,
    EncryptionProfile,
    KeyStore,
    prepare_encrypted_store,
)
from archiveviewer.crypto import algorithms as A
from archiveviewer.crypto.encrypt import DataKey, wrap_data_key
from archiveviewer.crypto.keystore import PrivateKey, PublicKey
from archiveviewer.crypto.xmlenc import read_encrypted_data
from archiveviewer.domain import Collection, EncryptedItem, EncryptedKind
from archiveviewer.errors import CryptoError, KeyNotHeld

from .conftest import conversation

OAEP_GCM = EncryptionProfile(A.AES256_GCM, A.KeyTransport(A.RSA_OAEP, digest=A.SHA256))


def _pem(key: PrivateKey) -> bytes:
    return key.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _as_other_client(
    key: PrivateKey, name: str | None, profile: EncryptionProfile = OAEP_GCM
) -> Collection:
    """What another client uploads for ``key``, calling it ``name`` (or naming no key)."""
    stored = prepare_encrypted_store(conversation(), [key.public], profile=profile)
    items: list[EncryptedItem] = []
    for item in stored.encrypted:
        if item.kind is EncryptedKind.KEY:
            xml = item.xml.replace(f"<KeyName>{key.name}</KeyName>", name or "", 1)
            if name is None:
                xml = xml.replace(f"<KeyInfo xmlns='{A.XMLDSIG}'></KeyInfo>", "")
            item = replace(item, xml=xml, key_name=name)
        items.append(item)
    return replace(stored, items=tuple(items))


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def test_a_key_imported_under_the_other_clients_name_opens_its_archive(
    store: KeyStore, romeo_key: PrivateKey
) -> None:
    public = store.import_private_key(_pem(romeo_key), "pw", name="romeo-laptop")
    assert public.name == "romeo-laptop"
    assert public.fingerprint == romeo_key.fingerprint
    assert store.names() == ["romeo-laptop"]
    unlocked = store.unlock("romeo-laptop", "pw")
    collection = _as_other_client(romeo_key, "romeo-laptop", LEGACY_PROFILE)
    decryptor = CollectionDecryptor([unlocked])
    assert decryptor.decrypt_collection(collection).items == conversation().items
    assert decryptor.learned_names == {}  # it was named, nothing to learn


def test_rename_keeps_the_old_name_as_an_alias(store: KeyStore, romeo_key: PrivateKey) -> None:
    store.import_private_key(_pem(romeo_key), "pw")
    renamed = store.rename(romeo_key.fingerprint, "Romeo at home")
    assert renamed.name == "Romeo at home"
    assert store.names() == ["Romeo at home"]
    # Our own earlier uploads carry the fingerprint as KeyName: they still open.
    unlocked = store.unlock("Romeo at home", "pw")
    earlier = prepare_encrypted_store(conversation(), [romeo_key.public])
    assert CollectionDecryptor([unlocked]).decrypt_collection(earlier).items
    store.rename("Romeo at home", "laptop")
    assert store.find("Romeo at home").name == "laptop"
    assert store.public_key("laptop").aliases == ("Romeo at home",)


def test_a_name_belongs_to_one_key(
    store: KeyStore, romeo_key: PrivateKey, second_key: PrivateKey
) -> None:
    store.import_private_key(_pem(romeo_key), "pw", name="laptop")
    with pytest.raises(CryptoError, match="already belongs to the key “laptop”"):
        store.import_private_key(_pem(second_key), "pw", name="laptop")
    store.import_private_key(_pem(second_key), "pw", name="phone")
    with pytest.raises(CryptoError, match="already belongs"):
        store.rename("phone", "laptop")
    for bad in ("", "   ", "two\nlines"):
        with pytest.raises(CryptoError, match="key name"):
            store.rename("phone", bad)
    assert store.names() == ["laptop", "phone"]


def test_an_unknown_name_is_tried_with_every_unlocked_key_and_remembered(
    store: KeyStore, romeo_key: PrivateKey, second_key: PrivateKey
) -> None:
    store.import_private_key(_pem(romeo_key), "pw")
    store.import_private_key(_pem(second_key), "pw")
    keys = [store.unlock(name, "pw") for name in store.names()]
    learned: list[tuple[str, str]] = []
    decryptor = CollectionDecryptor(
        keys,
        on_learned=lambda name, key: (
            learned.append((name, key.fingerprint)),
            store.remember_name(name, key.fingerprint),
        ),
    )
    collection = _as_other_client(second_key, "psi-key-2")
    assert decryptor.decrypt_collection(collection).items == conversation().items
    assert learned == [("psi-key-2", second_key.fingerprint)]
    assert decryptor.learned_names == {"psi-key-2": second_key.fingerprint}
    # Next session: the store knows the name, and only that key is tried.
    assert store.find("psi-key-2").fingerprint == second_key.fingerprint
    again = CollectionDecryptor([store.unlock("psi-key-2", "pw")])
    assert again.decrypt_collection(collection).items == conversation().items


def test_a_key_named_nowhere_is_found_among_the_unlocked_keys(
    romeo_key: PrivateKey, second_key: PrivateKey
) -> None:
    collection = _as_other_client(second_key, None)
    assert collection.encrypted[1].key_name is None
    decryptor = CollectionDecryptor([romeo_key, second_key])
    assert decryptor.decrypt_collection(collection).items == conversation().items
    assert decryptor.learned_names == {}


@pytest.mark.parametrize("block", [A.AES128_CBC, A.AES256_GCM], ids=["cbc", "gcm"])
def test_rsa_1_5_guesses_count_only_when_the_data_reads(
    romeo_key: PrivateKey, second_key: PrivateKey, stranger_key: PrivateKey, block: str
) -> None:
    profile = EncryptionProfile(block, A.KeyTransport(A.RSA_1_5))
    collection = _as_other_client(second_key, "old-client-key", profile)
    # The wrong keys come first: each may "unwrap" noise, which must not be taken.
    decryptor = CollectionDecryptor([romeo_key, stranger_key, second_key])
    assert decryptor.decrypt_collection(collection).items == conversation().items
    assert decryptor.learned_names == {"old-client-key": second_key.fingerprint}


def test_the_error_says_which_name_to_import_under(
    romeo_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    collection = _as_other_client(stranger_key, "gajim-7F3A")
    with pytest.raises(KeyNotHeld) as caught:
        CollectionDecryptor([romeo_key]).decrypt_collection(collection)
    message = caught.value.user_message
    assert "“gajim-7F3A”" in message
    assert "import the private key that your other client calls “gajim-7F3A”" in message
    assert romeo_key.name in message  # the keys that were tried
    assert caught.value.key_names == ("gajim-7F3A",)
    with pytest.raises(KeyNotHeld, match="no private key is unlocked"):
        CollectionDecryptor().decrypt_collection(collection)


def test_locking_forgets_keys_and_data_keys(romeo_key: PrivateKey) -> None:
    collection = prepare_encrypted_store(conversation(), [romeo_key.public])
    decryptor = CollectionDecryptor([romeo_key])
    decryptor.decrypt_collection(collection)
    decryptor.lock()
    assert decryptor.cached_key_names == frozenset()
    with pytest.raises(KeyNotHeld, match="no private key is unlocked"):
        decryptor.decrypt_collection(collection)


def test_der_and_pkcs12_files_import_with_or_without_passphrase(
    store: KeyStore, romeo_key: PrivateKey, second_key: PrivateKey
) -> None:
    der = romeo_key.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"file secret"),
    )
    with pytest.raises(CryptoError, match="enter its passphrase"):
        store.import_private_key(der, "pw")
    assert store.import_private_key(der, "pw", pem_passphrase="file secret").fingerprint == (
        romeo_key.fingerprint
    )
    bundle = pkcs12.serialize_key_and_certificates(
        b"phone", second_key.key, None, None, serialization.BestAvailableEncryption(b"p12")
    )
    with pytest.raises(CryptoError, match="enter its passphrase"):
        store.import_private_key(bundle, "pw")
    public: PublicKey = store.import_private_key(bundle, "pw", pem_passphrase="p12", name="phone")
    assert public.fingerprint == second_key.fingerprint
    open_bundle = pkcs12.serialize_key_and_certificates(
        None, second_key.key, None, None, serialization.NoEncryption()
    )
    assert store.import_private_key(open_bundle, "pw").name == "phone"  # same key, same name


def test_change_passphrase(store: KeyStore, romeo_key: PrivateKey) -> None:
    store.import_private_key(_pem(romeo_key), "old", name="laptop")
    with pytest.raises(CryptoError, match=r"passphrase .* is wrong"):
        store.change_passphrase("laptop", "guess", "new")
    store.change_passphrase("laptop", "old", "new")
    with pytest.raises(CryptoError, match="is wrong"):
        store.unlock("laptop", "old")
    assert store.unlock("laptop", "new").fingerprint == romeo_key.fingerprint


def test_a_store_from_before_names_still_reads(store: KeyStore, romeo_key: PrivateKey) -> None:
    store.import_private_key(_pem(romeo_key), "pw", name="laptop")
    for record in store.directory.glob("*.json"):
        record.unlink()
    assert store.names() == [romeo_key.fingerprint]
    assert store.keys()[0].bits == 2048
    assert store.unlock(romeo_key.fingerprint, "pw").name == romeo_key.fingerprint


def test_a_guessed_rsa_1_5_key_whose_noise_passes_the_padding_is_passed_over(
    romeo_key: PrivateKey, second_key: PrivateKey
) -> None:
    collection = _as_other_client(second_key, "old-client-key", LEGACY_PROFILE)
    data, real = collection.encrypted
    cipher_value = read_encrypted_data(data).cipher_value
    while True:  # a wrong data key whose CBC padding happens to look right (1 in 16)
        wrong = os.urandom(16)
        try:
            A.decrypt_block(A.AES128_CBC, wrong, bytes(cipher_value))
        except CryptoError:
            continue
        break
    decoy = wrap_data_key(DataKey(str(data.key_name), wrong), romeo_key.public, LEGACY_PROFILE)
    decoy = replace(
        decoy,
        xml=decoy.xml.replace(
            f"<KeyName>{romeo_key.name}</KeyName>", "<KeyName>old-client-key</KeyName>"
        ),
        key_name="old-client-key",
    )
    decryptor = CollectionDecryptor([romeo_key, second_key])
    decrypted = decryptor.decrypt_collection(replace(collection, items=(data, decoy, real)))
    assert decrypted.items == conversation().items
    assert decryptor.learned_names == {"old-client-key": second_key.fingerprint}
