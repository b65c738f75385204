"""Where the data key comes from: sibling EncryptedKeys, one inside KeyInfo, a RetrievalMethod."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from archiveviewer.crypto import CollectionDecryptor, prepare_encrypted_store
from archiveviewer.crypto.keystore import PrivateKey
from archiveviewer.domain import Collection, Dialect, EncryptedItem, Message
from archiveviewer.errors import CryptoError, MalformedInput
from archiveviewer.protocol.codec import MAX_ENCRYPTED_CHARS, collection_from_element

from .conftest import conversation

DSIG = "http://www.w3.org/2000/09/xmldsig#"
KEY_INFO = f"<KeyInfo xmlns='{DSIG}'>"


def _parts(key: PrivateKey) -> tuple[EncryptedItem, EncryptedItem]:
    data, encrypted_key = prepare_encrypted_store(conversation(), [key.public]).encrypted
    return data, encrypted_key


def _embedded(data: EncryptedItem, key: EncryptedItem, *, keep_name: bool) -> EncryptedItem:
    """The W3C layout: the EncryptedKey inside the EncryptedData's KeyInfo."""
    start = data.xml.index(KEY_INFO) + len(KEY_INFO)
    end = data.xml.index("</KeyInfo>", start)
    name = data.xml[start:end] if keep_name else ""
    xml = data.xml[:start] + name + key.xml + data.xml[end:]
    return replace(data, xml=xml, key_name=data.key_name if keep_name else None)


def _decrypts(key: PrivateKey, *items: EncryptedItem) -> bool:
    collection = replace(conversation(), items=items, crypt=True)
    return CollectionDecryptor([key]).decrypt_collection(collection).items == conversation().items


@pytest.mark.parametrize("keep_name", [True, False], ids=["named", "unnamed"])
def test_an_encrypted_key_inside_key_info_opens_the_data(
    romeo_key: PrivateKey, keep_name: bool
) -> None:
    data, key = _parts(romeo_key)
    assert _decrypts(romeo_key, _embedded(data, key, keep_name=keep_name))


def test_an_unnamed_embedded_data_key_is_cached_for_the_session(romeo_key: PrivateKey) -> None:
    data, key = _parts(romeo_key)
    embedded = _embedded(data, key, keep_name=False)
    decryptor = CollectionDecryptor([romeo_key])
    collection = replace(conversation(), items=(embedded,), crypt=True)
    decryptor.decrypt_collection(collection)
    (cached,) = decryptor.cached_key_names
    assert cached.startswith("unnamed:")
    assert decryptor.decrypt_collection(collection).items == conversation().items


def test_a_retrieval_method_points_to_a_sibling_encrypted_key(romeo_key: PrivateKey) -> None:
    data, key = _parts(romeo_key)
    pointer = "<RetrievalMethod URI='#ek-1' Type='http://www.w3.org/2001/04/xmlenc#EncryptedKey'/>"
    start = data.xml.index(KEY_INFO) + len(KEY_INFO)
    end = data.xml.index("</KeyInfo>", start)
    pointing = replace(data, xml=data.xml[:start] + pointer + data.xml[end:], key_name=None)
    # No CarriedKeyName: only the Id links them.
    carried = key.xml[key.xml.index("<CarriedKeyName>") : key.xml.index("</EncryptedKey>")]
    target = replace(
        key,
        xml=key.xml.replace("<EncryptedKey ", "<EncryptedKey Id='ek-1' ", 1).replace(carried, ""),
        carried_key_name=None,
    )
    assert _decrypts(romeo_key, pointing, target)
    with pytest.raises(CryptoError, match="“#ek-1”, which did not come with it"):
        _decrypts(romeo_key, pointing)
    elsewhere = replace(pointing, xml=pointing.xml.replace("#ek-1", "http://evil.example/key"))
    with pytest.raises(CryptoError, match="not an EncryptedKey beside it"):
        _decrypts(romeo_key, elsewhere, target)


def test_a_cipher_reference_is_refused_not_fetched(romeo_key: PrivateKey) -> None:
    data, key = _parts(romeo_key)
    value = data.xml[data.xml.index("<CipherValue>") : data.xml.index("</CipherData>")]
    referring = replace(
        data, xml=data.xml.replace(value, "<CipherReference URI='file:///etc/passwd'/>")
    )
    with pytest.raises(CryptoError, match="CipherReference"):
        _decrypts(romeo_key, referring, key)


# --- the codec: one copy of a large item, and its size checked first ---------------------


def _store_element(collection: Collection) -> ET.Element:
    root = ET.Element(
        "{http://jabber.org/protocol/archive}store",
        {"with": collection.id.with_jid, "start": "1469-07-23T19:22:31Z", "crypt": "true"},
    )
    for item in collection.encrypted:
        root.append(ET.fromstring(item.xml))  # noqa: S314 - written by us just above
    return root


def test_a_large_cipher_value_survives_the_codec_unchanged(romeo_key: PrivateKey) -> None:
    big = replace(
        conversation(),
        items=tuple(
            replace(m, body=(m.body or "") * 4000) if isinstance(m, Message) else m
            for m in conversation().items
        ),
    )
    stored = prepare_encrypted_store(big, [romeo_key.public])
    received = collection_from_element(_store_element(stored), Dialect.SEED)
    assert len(received.encrypted[0].xml) > 200_000
    decrypted = CollectionDecryptor([romeo_key]).decrypt_collection(received)
    assert decrypted.items == big.items


def test_an_oversized_encrypted_item_is_refused_before_it_is_copied() -> None:
    root = ET.Element(
        "{http://jabber.org/protocol/archive}store",
        {"with": "a@b", "start": "2024-01-01T00:00:00Z"},
    )
    data = ET.SubElement(root, "{http://www.w3.org/2001/04/xmlenc#}EncryptedData")
    cipher_data = ET.SubElement(data, "{http://www.w3.org/2001/04/xmlenc#}CipherData")
    value = ET.SubElement(cipher_data, "{http://www.w3.org/2001/04/xmlenc#}CipherValue")
    value.text = "A" * (MAX_ENCRYPTED_CHARS + 4)
    with pytest.raises(MalformedInput, match="more than the 67,108,864"):
        collection_from_element(root, Dialect.SEED)
