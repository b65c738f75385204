"""Encrypting a conversation for upload and reading it back, as a user would see it."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from archiveviewer.crypto import (
    DEFAULT_PROFILE,
    LEGACY_PROFILE,
    CollectionDecryptor,
    EncryptionProfile,
    prepare_encrypted_store,
)
from archiveviewer.crypto import algorithms as A
from archiveviewer.crypto.keystore import PrivateKey
from archiveviewer.domain import (
    Collection,
    Dialect,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    Note,
)
from archiveviewer.errors import CryptoError, KnownError
from archiveviewer.protocol.codec import collection_element, collection_from_element
from archiveviewer.protocol.safexml import parse_xml
from archiveviewer.protocol.xmlutil import element_text

from .conftest import JULIET, START, conversation

PROFILES = {
    "default": DEFAULT_PROFILE,
    "legacy": LEGACY_PROFILE,
    "aes192-cbc/oaep-mgf1p": EncryptionProfile(A.AES192_CBC, A.KeyTransport(A.RSA_OAEP_MGF1P)),
    "aes256-cbc/oaep-mgf1p-sha256": EncryptionProfile(
        A.AES256_CBC, A.KeyTransport(A.RSA_OAEP_MGF1P, digest=A.SHA256)
    ),
    "aes128-gcm/oaep11-sha1": EncryptionProfile(A.AES128_GCM, A.KeyTransport(A.RSA_OAEP)),
    "tripledes/rsa-1_5": EncryptionProfile(A.TRIPLEDES_CBC, A.KeyTransport(A.RSA_1_5)),
}


@pytest.mark.parametrize("profile", PROFILES.values(), ids=PROFILES.keys())
def test_a_conversation_survives_encryption(
    romeo_key: PrivateKey, profile: EncryptionProfile
) -> None:
    plain = conversation()
    stored = prepare_encrypted_store(plain, [romeo_key.public], profile=profile)
    assert stored.crypt
    assert "Montague" not in "".join(i.xml for i in stored.encrypted)
    assert CollectionDecryptor([romeo_key]).decrypt_collection(stored).items == plain.items


def test_the_default_is_aes256_gcm_with_rsa_oaep(romeo_key: PrivateKey) -> None:
    data, key = prepare_encrypted_store(conversation(), [romeo_key.public]).encrypted
    assert A.AES256_GCM in data.xml
    assert A.RSA_OAEP in key.xml
    assert A.MGF1_SHA256 in key.xml
    assert A.SHA256 in key.xml


def test_the_legacy_profile_is_the_seeds_algorithms(romeo_key: PrivateKey) -> None:
    data, key = prepare_encrypted_store(
        conversation(), [romeo_key.public], profile=LEGACY_PROFILE
    ).encrypted
    assert A.AES128_CBC in data.xml
    assert A.RSA_1_5 in key.xml


def test_one_encrypted_key_per_public_key_each_opens_it(
    romeo_key: PrivateKey, second_key: PrivateKey
) -> None:
    stored = prepare_encrypted_store(conversation(), [romeo_key.public, second_key.public])
    data, *keys = stored.encrypted
    assert data.kind is EncryptedKind.DATA
    assert {k.key_name for k in keys} == {romeo_key.name, second_key.name}
    assert {k.carried_key_name for k in keys} == {data.key_name}
    for private in (romeo_key, second_key):
        assert (
            CollectionDecryptor([private]).decrypt_collection(stored).items == conversation().items
        )


def test_every_upload_gets_a_fresh_data_key_with_a_new_name(romeo_key: PrivateKey) -> None:
    names = {
        prepare_encrypted_store(conversation(), [romeo_key.public]).encrypted[0].key_name
        for _ in range(5)
    }
    assert len(names) == 5


def test_a_subject_needs_the_users_consent(romeo_key: PrivateKey) -> None:
    with pytest.raises(KnownError, match="unencrypted") as caught:
        prepare_encrypted_store(conversation("She speaks!"), [romeo_key.public])
    assert "She speaks!" in caught.value.user_message
    stored = prepare_encrypted_store(
        conversation("She speaks!"), [romeo_key.public], acknowledge_plaintext_subject=True
    )
    assert stored.subject == "She speaks!"


def test_plaintext_and_encrypted_items_never_mix(romeo_key: PrivateKey) -> None:
    stored = prepare_encrypted_store(conversation(), [romeo_key.public])
    mixed = replace(conversation(), items=conversation().items + stored.encrypted)
    with pytest.raises(KnownError, match="cannot mix"):
        prepare_encrypted_store(mixed, [romeo_key.public])
    assert not any(isinstance(i, Message) for i in stored.items)


def test_nothing_to_encrypt_or_no_key_is_refused(romeo_key: PrivateKey) -> None:
    with pytest.raises(KnownError, match="no messages"):
        prepare_encrypted_store(replace(conversation(), items=()), [romeo_key.public])
    with pytest.raises(CryptoError, match="no public key"):
        prepare_encrypted_store(conversation(), [])


def test_times_run_on_across_encrypted_data_elements(romeo_key: PrivateKey) -> None:
    first = prepare_encrypted_store(conversation(), [romeo_key.public])
    later = Message(Direction.TO, START + timedelta(minutes=5), "Later")
    appended = prepare_encrypted_store(
        replace(conversation(), items=(later,)), [romeo_key.public], secs_before=40
    )
    both = replace(first, items=first.items + appended.items)
    decrypted = CollectionDecryptor([romeo_key]).decrypt_collection(both)
    assert decrypted.items[-1] == later


def test_each_data_key_is_unwrapped_once_per_session(romeo_key: PrivateKey) -> None:
    stored = prepare_encrypted_store(conversation(), [romeo_key.public])
    decryptor = CollectionDecryptor([romeo_key])
    decryptor.decrypt_collection(stored)
    assert decryptor.cached_key_names == {stored.encrypted[0].key_name}
    # A later page without the EncryptedKey still decrypts from the cache.
    data_only = replace(stored, items=stored.encrypted[:1])
    assert decryptor.decrypt_collection(data_only).items == conversation().items
    decryptor.forget()
    with pytest.raises(CryptoError, match="not in any EncryptedKey"):
        decryptor.decrypt_collection(data_only)


# --- what the seed's own example looks like on the wire ----------------------------------

SEED_SHAPE = """<EncryptedKey xmlns='http://www.w3.org/2001/04/xmlenc#'>
<CarriedKeyName>dataKey1</CarriedKeyName>
<EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-1_5"/>
<KeyInfo xmlns='http://www.w3.org/2000/09/xmldsig#'>
<KeyName>{key}</KeyName>
</KeyInfo>
<CipherData><CipherValue>
{value}
</CipherValue></CipherData>
</EncryptedKey>"""

SEED_DATA = """<EncryptedData xmlns='http://www.w3.org/2001/04/xmlenc#'
Type='http://www.w3.org/2001/04/xmlenc#Content'>
<EncryptionMethod Algorithm='{algorithm}'/>
<KeyInfo xmlns='http://www.w3.org/2000/09/xmldsig#'>
<KeyName>dataKey1</KeyName>
</KeyInfo>
<CipherData><CipherValue>{value}</CipherValue></CipherData>
</EncryptedData>"""


def _wrap_lines(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "\n  ".join(text[i : i + 60] for i in range(0, len(text), 60))


def seed_collection(
    key: PrivateKey,
    plaintext: bytes,
    *,
    algorithm: str = A.AES128_CBC,
    data_key: bytes = b"k" * 16,
    key_name: str | None = None,
) -> Collection:
    wrapped = A.wrap_key(A.KeyTransport(A.RSA_1_5), key.key.public_key(), data_key)
    cipher_value = A.encrypt_block(algorithm, data_key, plaintext)
    items = (
        EncryptedItem(
            EncryptedKind.DATA,
            SEED_DATA.format(algorithm=algorithm, value=_wrap_lines(cipher_value)),
            key_name="dataKey1",
        ),
        EncryptedItem(
            EncryptedKind.KEY,
            SEED_SHAPE.format(key=key_name or key.name, value=_wrap_lines(wrapped)),
            key_name=key_name or key.name,
            carried_key_name="dataKey1",
        ),
    )
    return replace(conversation("She speaks!"), items=items, crypt=True)


SEED_PLAINTEXT = (
    b"<from secs='0'><body>Art thou not Romeo, and a Montague?</body></from>\n"
    b"<to secs='11'><body>Neither, fair saint, if either thee dislike.</body></to>\n"
    b"<from utc='1469-07-23T17:00:00Z' name='nurse'><body>Madam!</body>"
    b"<x xmlns='jabber:x:oob'><url>http://example.org/</url></x></from>\n"
    b"<note utc='1469-07-23T19:30:00Z'>I think she might fancy me.</note>"
)


def test_the_seeds_layout_with_line_broken_base64_decrypts(romeo_key: PrivateKey) -> None:
    decrypted = CollectionDecryptor([romeo_key]).decrypt_collection(
        seed_collection(romeo_key, SEED_PLAINTEXT)
    )
    first, second, nurse, note = decrypted.items
    assert first == Message(Direction.FROM, START, "Art thou not Romeo, and a Montague?")
    assert isinstance(second, Message)
    assert second.time == START + timedelta(seconds=11)
    assert isinstance(nurse, Message)
    assert nurse.nick == "nurse"
    assert nurse.time.hour == 17
    assert "jabber:x:oob" in nurse.payload[0]
    assert note == Note("I think she might fancy me.", START + timedelta(minutes=7, seconds=29))


def test_content_is_read_in_the_dialect_the_server_speaks(romeo_key: PrivateKey) -> None:
    plaintext = b"<to secs='3'><body>Hi</body></to>"
    urn = CollectionDecryptor([romeo_key]).decrypt_collection(
        seed_collection(romeo_key, plaintext), Dialect.URN
    )
    assert urn.items == (Message(Direction.TO, START + timedelta(seconds=3), "Hi"),)
    explicit = b"<to xmlns='urn:xmpp:archive' secs='3'><body>Hi</body></to>"
    urn = CollectionDecryptor([romeo_key]).decrypt_collection(
        seed_collection(romeo_key, explicit), Dialect.URN
    )
    assert urn.items == (Message(Direction.TO, START + timedelta(seconds=3), "Hi"),)


def test_urn_dialect_uploads_decrypt_in_that_dialect(romeo_key: PrivateKey) -> None:
    stored = prepare_encrypted_store(conversation(), [romeo_key.public], dialect=Dialect.URN)
    decrypted = CollectionDecryptor([romeo_key]).decrypt_collection(stored, Dialect.URN)
    assert decrypted.items == conversation().items


# --- bad input: each names the collection and the keys, and returns nothing ------------

WHERE = f"with {JULIET} started 1469-07-23T19:22:31Z"


def _decrypt_error(key: PrivateKey, collection: Collection) -> str:
    with pytest.raises(CryptoError) as caught:
        CollectionDecryptor([key]).decrypt_collection(collection)
    message = caught.value.user_message
    assert WHERE in message
    return message


def _edit(collection: Collection, index: int, old: str, new: str) -> Collection:
    items = list(collection.items)
    item = items[index]
    assert isinstance(item, EncryptedItem)
    items[index] = replace(item, xml=item.xml.replace(old, new, 1))
    return replace(collection, items=tuple(items))


def _cipher_value(item: EncryptedItem) -> str:
    found = re.search(r"<CipherValue>(.*?)</CipherValue>", item.xml, re.S)
    assert found is not None
    return found.group(1)


def test_a_key_we_do_not_hold_is_named(romeo_key: PrivateKey, stranger_key: PrivateKey) -> None:
    message = _decrypt_error(
        stranger_key, prepare_encrypted_store(conversation(), [romeo_key.public])
    )
    assert romeo_key.name in message
    assert stranger_key.name in message
    assert "datakey-" in message


def test_a_missing_encrypted_key_is_named(romeo_key: PrivateKey) -> None:
    stored = prepare_encrypted_store(conversation(), [romeo_key.public])
    message = _decrypt_error(romeo_key, replace(stored, items=stored.items[:1]))
    assert str(stored.encrypted[0].key_name) in message


def test_a_wrong_private_key_under_our_name_fails_cleanly(
    romeo_key: PrivateKey, stranger_key: PrivateKey
) -> None:
    collection = seed_collection(stranger_key, SEED_PLAINTEXT, key_name=romeo_key.name)
    message = _decrypt_error(romeo_key, collection)
    assert "dataKey1" in message
    assert romeo_key.name in message


def test_tampered_gcm_ciphertext_is_detected(romeo_key: PrivateKey) -> None:
    stored = prepare_encrypted_store(conversation(), [romeo_key.public])
    value = _cipher_value(stored.encrypted[0])
    raw = bytearray(base64.b64decode(value))
    raw[30] ^= 0x40
    tampered = _edit(stored, 0, value, base64.b64encode(raw).decode())
    message = _decrypt_error(romeo_key, tampered)
    assert "altered" in message
    assert str(stored.encrypted[0].key_name) in message


def test_bad_padding_is_an_error(romeo_key: PrivateKey) -> None:
    # The plaintext's last byte (the padding count) is made 0 by encrypting without padding.
    key, iv = b"k" * 16, b"i" * 16
    body = b"<to secs='1'><body>x</body></to>" + b"\0" * 16
    body = body[: len(body) - len(body) % 16]
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    value = iv + encryptor.update(body) + encryptor.finalize()
    collection = seed_collection(romeo_key, b"", data_key=key)
    good = _cipher_value(collection.encrypted[0])
    message = _decrypt_error(
        romeo_key, _edit(collection, 0, good, base64.b64encode(value).decode())
    )
    assert "padding" in message
    assert "dataKey1" in message


@pytest.mark.parametrize("garbage", ["not base64 at all!", "QUJDRA=", "QUJ=D", "QUJDRA==é"])
def test_malformed_base64_is_an_error(romeo_key: PrivateKey, garbage: str) -> None:
    collection = seed_collection(romeo_key, SEED_PLAINTEXT)
    good = _cipher_value(collection.encrypted[0])
    message = _decrypt_error(romeo_key, _edit(collection, 0, good, garbage))
    assert "base64" in message
    assert "dataKey1" in message


def test_malformed_base64_in_the_encrypted_key_is_an_error(romeo_key: PrivateKey) -> None:
    collection = seed_collection(romeo_key, SEED_PLAINTEXT)
    good = _cipher_value(collection.encrypted[1])
    message = _decrypt_error(romeo_key, _edit(collection, 1, good, "@@@"))
    assert "base64" in message
    assert "dataKey1" in message
    assert romeo_key.name in message


def test_an_unknown_data_algorithm_is_named(romeo_key: PrivateKey) -> None:
    collection = _edit(seed_collection(romeo_key, SEED_PLAINTEXT), 0, A.AES128_CBC, "urn:x:rot13")
    message = _decrypt_error(romeo_key, collection)
    assert "urn:x:rot13" in message
    assert "dataKey1" in message


def test_an_unknown_key_transport_is_named(romeo_key: PrivateKey) -> None:
    collection = _edit(seed_collection(romeo_key, SEED_PLAINTEXT), 1, A.RSA_1_5, "urn:x:magic")
    message = _decrypt_error(romeo_key, collection)
    assert "urn:x:magic" in message
    assert "dataKey1" in message


def test_a_wrong_data_key_gives_no_partial_plaintext(romeo_key: PrivateKey) -> None:
    good = seed_collection(romeo_key, SEED_PLAINTEXT)
    bad = seed_collection(romeo_key, b"garbage that is not xml <", data_key=b"z" * 16)
    bad_data = replace(bad.encrypted[0], xml=bad.encrypted[0].xml.replace("dataKey1", "dataKey2"))
    bad_key = replace(
        bad.encrypted[1],
        xml=bad.encrypted[1].xml.replace("dataKey1", "dataKey2"),
        carried_key_name="dataKey2",
    )
    collection = replace(good, items=(*good.items, bad_data, bad_key))
    message = _decrypt_error(romeo_key, collection)
    assert "dataKey2" in message
    assert "Montague" not in message


def test_a_dtd_in_decrypted_content_is_refused(romeo_key: PrivateKey) -> None:
    bomb = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b"<to secs='0'><body>&lol2;</body></to>"
    )
    message = _decrypt_error(romeo_key, seed_collection(romeo_key, bomb))
    assert "not well-formed" in message


def test_a_dtd_in_the_encrypted_data_element_is_refused(romeo_key: PrivateKey) -> None:
    collection = seed_collection(romeo_key, SEED_PLAINTEXT)
    data = collection.encrypted[0]
    doctype = '<!DOCTYPE EncryptedData [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    with_dtd = replace(data, xml=doctype + data.xml)
    message = _decrypt_error(romeo_key, replace(collection, items=(with_dtd, collection.items[1])))
    assert "EncryptedData" in message


def test_character_references_and_prefixes_in_the_cipher_value_are_read(
    romeo_key: PrivateKey,
) -> None:
    collection = seed_collection(romeo_key, SEED_PLAINTEXT)
    data = collection.encrypted[0]
    value = _cipher_value(data)
    referenced = value.replace("+", "&#43;").replace("/", "&#x2F;") + "&#10;"
    prefixed = (
        data.xml.replace(value, referenced)
        .replace(
            "<CipherData><CipherValue>",
            "<x:CipherData xmlns:x='http://www.w3.org/2001/04/xmlenc#'><x:CipherValue>",
        )
        .replace("</CipherValue></CipherData>", "</x:CipherValue></x:CipherData>")
    )
    assert "&#" in prefixed
    assert "<x:CipherValue>" in prefixed
    edited = replace(collection, items=(replace(data, xml=prefixed), collection.items[1]))
    decrypted = CollectionDecryptor([romeo_key]).decrypt_collection(edited)
    assert len(decrypted.messages) == 3


def test_only_the_encrypted_datas_own_cipher_value_is_taken(romeo_key: PrivateKey) -> None:
    collection = seed_collection(romeo_key, SEED_PLAINTEXT)
    data, key = collection.encrypted
    # A KeyInfo that also nests an EncryptedKey (as xmlsec1 writes) holds another CipherValue.
    nested = data.xml.replace(
        "<KeyName>dataKey1</KeyName>", "<KeyName>dataKey1</KeyName>" + key.xml
    )
    moved_after = nested.replace(
        "</EncryptedData>",
        "<EncryptionProperties xmlns='http://www.w3.org/2001/04/xmlenc#'/></EncryptedData>",
    )
    for xml in (nested, moved_after):
        edited = replace(collection, items=(replace(data, xml=xml), key))
        assert len(CollectionDecryptor([romeo_key]).decrypt_collection(edited).messages) == 3


@pytest.mark.parametrize(
    "content",
    [
        b"<to secs='99999999999999'><body>x</body></to>",
        b"<to secs='soon'><body>x</body></to>",
        b"<note utc='yesterday'>x</note>",
    ],
)
def test_malformed_times_in_decrypted_content_are_an_error(
    romeo_key: PrivateKey, content: bytes
) -> None:
    message = _decrypt_error(romeo_key, seed_collection(romeo_key, content))
    assert "not a readable sequence of messages" in message
    assert "dataKey1" in message


def test_a_leading_xml_declaration_in_decrypted_content_is_accepted(
    romeo_key: PrivateKey,
) -> None:
    content = (
        b"\xef\xbb\xbf<?xml version='1.0' encoding='UTF-8'?>\n<to secs='2'><body>Hi</body></to>"
    )
    decrypted = CollectionDecryptor([romeo_key]).decrypt_collection(
        seed_collection(romeo_key, content)
    )
    assert decrypted.items == (Message(Direction.TO, START + timedelta(seconds=2), "Hi"),)


@pytest.mark.parametrize("dialect", list(Dialect))
def test_an_upload_survives_the_protocol_codec_both_ways(
    romeo_key: PrivateKey, second_key: PrivateKey, dialect: Dialect
) -> None:
    stored = prepare_encrypted_store(
        conversation(), [romeo_key.public, second_key.public], dialect=dialect
    )
    wire = element_text(collection_element(stored, dialect))
    received = collection_from_element(parse_xml(wire), dialect)
    assert received.crypt
    assert [i.key_name for i in received.encrypted] == [i.key_name for i in stored.encrypted]
    decrypted = CollectionDecryptor([second_key]).decrypt_collection(received, dialect)
    assert decrypted.items == conversation().items
