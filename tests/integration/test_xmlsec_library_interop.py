"""The default profile against a newer libxmlsec1, both ways (the PyPI ``xmlsec`` package).

Debian's xmlsec1 1.2 cannot read XML Encryption 1.1 ``rsa-oaep`` with SHA-256,
which is what we write by default (AES-256-GCM, RSA-OAEP with SHA-256 and
MGF1-SHA256). The ``xmlsec`` wheel bundles libxmlsec1 1.3, which can: it is a
test-only dependency, and the version the tests ran against is printed in the
pytest header and recorded as a test-suite property.

Its output is fed to us as it comes (the EncryptedKey inside the
EncryptedData's KeyInfo) and also moved into the XEP-0136 layout, for keys
that the other side names as another client would, or does not name at all,
imported into a real KeyStore the way a user imports them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlsec
from cryptography.hazmat.primitives.asymmetric import rsa
from lxml import etree

from archiveviewer.crypto import (
    DEFAULT_PROFILE,
    CollectionDecryptor,
    KeyStore,
    prepare_encrypted_store,
)
from archiveviewer.crypto import algorithms as A
from archiveviewer.domain import Collection, CollectionId, EncryptedItem, EncryptedKind
from tests.integration.xmlsec_cases import (
    DECRYPTED,
    EXPECTED,
    NAMINGS,
    PLAINTEXT,
    START,
    decrypted_texts,
    nested_store,
    private_pem,
    public_pem,
    to_xep0136_layout,
)

pytestmark = pytest.mark.xmlsec

ENC = A.XMLENC
DSIG = A.XMLDSIG
WITH = "juliet@capulet.example"
PASSPHRASE = "o happy dagger"
#: The library the tests run against, as (major, minor, patch).
LIBRARY = tuple(xmlsec.get_libxmlsec_version())

@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _template(key_name: str | None) -> str:
    """An EncryptedData template for the default profile, the EncryptedKey inside it."""
    transport = DEFAULT_PROFILE.key_transport
    named = f'<KeyInfo xmlns="{DSIG}"><KeyName>{key_name}</KeyName></KeyInfo>' if key_name else ""
    return f"""<EncryptedData xmlns="{ENC}" Type="{ENC}Content">
  <EncryptionMethod Algorithm="{DEFAULT_PROFILE.data_algorithm}"/>
  <KeyInfo xmlns="{DSIG}">
    <EncryptedKey xmlns="{ENC}">
      <EncryptionMethod Algorithm="{transport.uri}">
        <DigestMethod xmlns="{DSIG}" Algorithm="{transport.digest}"/>
        <MGF xmlns="{A.XMLENC11}" Algorithm="{transport.mgf}"/>
      </EncryptionMethod>
      {named}
      <CipherData><CipherValue/></CipherData>
    </EncryptedKey>
  </KeyInfo>
  <CipherData><CipherValue/></CipherData>
</EncryptedData>"""


def xmlsec_encrypt(key: rsa.RSAPrivateKey, key_name: str | None) -> str:
    """What the other client (libxmlsec1) uploads: the default profile, its own key name."""
    public = xmlsec.Key.from_memory(public_pem(key), xmlsec.KeyFormat.PEM, None)
    if key_name:
        public.name = key_name
    manager = xmlsec.KeysManager()
    manager.add_key(public)
    context = xmlsec.EncryptionContext(manager)
    context.key = xmlsec.Key.generate(xmlsec.KeyData.AES, 256, xmlsec.KeyDataType.SESSION)
    template = etree.fromstring(_template(key_name).encode())
    encrypted = context.encrypt_binary(template, PLAINTEXT.encode())
    return str(etree.tostring(encrypted, encoding="unicode"))


def embedded(document: str) -> Collection:
    """libxmlsec1's EncryptedData as it is, alone in a collection."""
    item = EncryptedItem(EncryptedKind.DATA, document)
    return Collection(CollectionId(START, WITH), crypt=True, items=(item,))


def siblings(document: str) -> Collection:
    """The same, moved into the XEP-0136 layout: the EncryptedKey beside it, linked by name."""
    return Collection(CollectionId(START, WITH), crypt=True, items=to_xep0136_layout(document))


def test_the_library_reads_and_writes_xml_encryption_1_1(
    record_testsuite_property: pytest.RecordTestsuiteProperty,
) -> None:
    record_testsuite_property("libxmlsec1", ".".join(map(str, LIBRARY)))
    record_testsuite_property("python-xmlsec", xmlsec.__version__)
    # 1.3.0 brought XML Encryption 1.1 rsa-oaep with its DigestMethod and MGF.
    assert LIBRARY >= (1, 3, 0), f"libxmlsec1 {LIBRARY} is too old for the default profile"


LAYOUTS = {"embedded": embedded, "xep0136-siblings": siblings}


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
@pytest.mark.parametrize(("their_name", "our_name"), NAMINGS.values(), ids=NAMINGS.keys())
def test_we_decrypt_what_libxmlsec1_encrypts_for_a_key_the_user_imported(
    tmp_path: Path,
    rsa_key: rsa.RSAPrivateKey,
    layout: object,
    their_name: str | None,
    our_name: str | None,
) -> None:
    store = KeyStore(tmp_path / "keys")
    store.import_private_key(private_pem(rsa_key), PASSPHRASE, name=our_name)
    (name,) = store.names()
    assert callable(layout)
    collection = layout(xmlsec_encrypt(rsa_key, their_name))
    assert A.RSA_OAEP in collection.items[-1].xml or A.RSA_OAEP in collection.items[0].xml
    decryptor = CollectionDecryptor(
        [store.unlock(name, PASSPHRASE)],
        on_learned=lambda learnt, key: store.remember_name(learnt, key.fingerprint),
    )
    assert decryptor.decrypt_collection(collection).items == EXPECTED
    if their_name and our_name is None:
        # Found by trying the user's keys, and remembered for the next session.
        assert store.find(their_name).name == name


def test_libxmlsec1_decrypts_what_we_encrypt_with_the_default_profile(
    tmp_path: Path, rsa_key: rsa.RSAPrivateKey
) -> None:
    store = KeyStore(tmp_path / "keys")
    public = store.import_private_key(private_pem(rsa_key), PASSPHRASE, name="romeo-laptop")
    plain = Collection(CollectionId(START, WITH), items=EXPECTED)
    data, key = prepare_encrypted_store(plain, [public]).encrypted
    assert A.AES256_GCM in data.xml
    assert A.MGF1_SHA256 in key.xml
    # libxmlsec1 looks for the EncryptedKey inside the EncryptedData's KeyInfo.
    document = etree.fromstring(nested_store(data, key, WITH).encode())
    private = xmlsec.Key.from_memory(private_pem(rsa_key), xmlsec.KeyFormat.PEM, None)
    private.name = "romeo-laptop"  # the KeyName we wrote
    manager = xmlsec.KeysManager()
    manager.add_key(private)
    xmlsec.EncryptionContext(manager).decrypt(document[0])
    assert decrypted_texts(document) == DECRYPTED
