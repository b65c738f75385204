"""``upload --encrypt KEY`` against a real Prosody, checked by libxmlsec1 and by our reader.

What is uploaded is checked three ways: on the server (one EncryptedData and
one EncryptedKey per conversation, for the user's key only, in the default
profile), by the PyPI ``xmlsec`` library (a newer libxmlsec1 than Debian's,
which reads XML Encryption 1.1 RSA-OAEP with SHA-256), and by our own reader
after a ``sync`` into a fresh local copy.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
import xmlsec
from cryptography.hazmat.primitives import serialization
from lxml import etree

from archiveviewer import cli
from archiveviewer.crypto import CollectionDecryptor, KeyStore
from archiveviewer.crypto import algorithms as A
from archiveviewer.domain import (
    Collection,
    EncryptedKind,
)
from archiveviewer.formats.xep0136_file import write_archive
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica
from tests.helpers import login_args
from tests.integration.test_upload_cli import FILE_COLLECTIONS as PLAIN
from tests.integration.test_upload_cli import on_server
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.xmlsec]

T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)
PASSPHRASE = "thus with a kiss I die"
ARCHIVE = "http://jabber.org/protocol/archive"


def upload(server: ProsodyServer, jid: str, data_dir: Path, path: Path, *extra: str) -> int:
    return cli.main(["upload", *login_args(server, jid, data_dir), *extra, str(path)])


def sync(server: ProsodyServer, jid: str, data_dir: Path) -> int:
    return cli.main(["sync", *login_args(server, jid, data_dir)])


def xmlsec_decrypts(collection: Collection, private_pem: bytes, key_name: str) -> list[str]:
    """The texts libxmlsec1 reads from the collection (its EncryptedKey nested as it expects)."""
    data, key = (
        next(i for i in collection.encrypted if i.kind is kind)
        for kind in (EncryptedKind.DATA, EncryptedKind.KEY)
    )
    document = etree.fromstring(f"<store xmlns='{ARCHIVE}'>{data.xml}</store>".encode())
    encrypted = document[0]
    key_info = encrypted.find(f"{{{A.XMLDSIG}}}KeyInfo")
    assert key_info is not None
    for child in list(key_info):
        key_info.remove(child)
    key_info.append(etree.fromstring(key.xml.encode()))
    private = xmlsec.Key.from_memory(private_pem, xmlsec.KeyFormat.PEM, None)
    private.name = key_name
    manager = xmlsec.KeysManager()
    manager.add_key(private)
    xmlsec.EncryptionContext(manager).decrypt(encrypted)
    ns = f"{{{ARCHIVE}}}"
    return [e.findtext(f"{ns}body") or e.text or "" for e in document]


def test_an_encrypted_upload_is_for_the_users_key_only_and_reads_back_everywhere(
    prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    jid, password = prosody.new_user("sealed")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    data_dir = tmp_path / "data"
    store = KeyStore(Workspace(data_dir).keys_dir)
    store.generate(PASSPHRASE, name="romeo-laptop")
    KeyStore(tmp_path / "stranger").generate(PASSPHRASE, name="tybalt")  # not in the user's
    path = tmp_path / "archive.xml"
    write_archive(PLAIN, path)

    # A key that is not the user's own is refused, and so is a subject without consent.
    assert upload(prosody, jid, data_dir, path, "--encrypt", "tybalt") != cli.EXIT_OK
    assert "“tybalt” is not one of your keys" in capsys.readouterr().err
    assert upload(prosody, jid, data_dir, path, "--encrypt", "romeo-laptop") != cli.EXIT_OK
    assert "“Balcony” would be stored unencrypted" in capsys.readouterr().err
    assert asyncio.run(on_server(prosody, jid, password)) == []  # nothing went half-way

    assert upload(
        prosody, jid, data_dir, path, "--encrypt", "romeo-laptop", "--subjects-in-clear"
    ) == cli.EXIT_OK  # fmt: skip
    assert "2 conversations stored" in capsys.readouterr().err

    stored = asyncio.run(on_server(prosody, jid, password))
    assert [c.id for c in stored] == [c.id for c in PLAIN]
    assert stored[0].subject == "Balcony"
    for collection in stored:
        kinds = [i.kind for i in collection.items]
        assert kinds == [EncryptedKind.DATA, EncryptedKind.KEY]  # no plaintext, one key
        data, key = collection.items
        assert key.key_name == "romeo-laptop"  # type: ignore[union-attr]
        assert A.AES256_GCM in data.xml  # type: ignore[union-attr]
        assert A.RSA_OAEP in key.xml  # type: ignore[union-attr]

    private = store.unlock("romeo-laptop", PASSPHRASE)
    pem = private.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert xmlsec_decrypts(stored[0], pem, "romeo-laptop") == [
        "Art thou not Romeo?", "Neither, fair saint.", "She speaks!"
    ]  # fmt: skip
    assert xmlsec_decrypts(stored[1], pem, "romeo-laptop") == ["Madam!"]

    # Our reader, after a sync into a fresh local copy.
    fresh = tmp_path / "fresh"
    assert sync(prosody, jid, fresh) == cli.EXIT_OK
    decryptor = CollectionDecryptor([private])
    with Replica(Workspace(fresh).replica_path(jid)) as replica:
        replicated = [replica.collection(c.id) for c in PLAIN]
    opened = [decryptor.decrypt_collection(c) for c in replicated if c is not None]
    assert [c.items for c in opened] == [c.items for c in PLAIN]
