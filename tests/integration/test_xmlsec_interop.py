"""Interop with xmlsec1, an independent W3C XML Encryption implementation.

Both directions, for every algorithm that both sides support:
- what ``xmlsec1 --encrypt`` makes (with a template and a session key), we decrypt;
- what we encrypt for upload, ``xmlsec1 --decrypt`` opens with the private key.

xmlsec1 nests the EncryptedKey inside the EncryptedData's KeyInfo, while
XEP-0136 keeps it as a sibling linked by KeyName/CarriedKeyName. The tests move
the elements between the two layouts without touching any CipherValue, and also
feed xmlsec1's own layout as it is, for keys named as another client names them
(or not named at all) and imported into a KeyStore as a user does.

xmlsec1 1.2 (Debian bookworm) knows neither XML Encryption 1.1 ``rsa-oaep`` nor
an OAEP digest other than SHA-1; those cases run only where xmlsec1 lists them.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer.crypto import (
    CollectionDecryptor,
    EncryptionProfile,
    KeyStore,
    prepare_encrypted_store,
)
from archiveviewer.crypto import algorithms as A
from archiveviewer.crypto.keystore import PrivateKey, fingerprint
from archiveviewer.domain import Collection, CollectionId, EncryptedItem, EncryptedKind
from archiveviewer.protocol.safexml import parse_xml
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

ENC = "{http://www.w3.org/2001/04/xmlenc#}"
DSIG = "{http://www.w3.org/2000/09/xmldsig#}"


def _xmlsec1() -> str:
    found = shutil.which("xmlsec1")
    if found is None:
        pytest.fail("xmlsec1 is not installed: run tools/system-packages.sh test")
    return found


def _transforms() -> str:
    listing = subprocess.run(
        [_xmlsec1(), "--list-transforms"], capture_output=True, text=True, check=True, timeout=30
    )
    return listing.stdout + listing.stderr


XMLSEC_TRANSFORMS = _transforms() if shutil.which("xmlsec1") else ""
XMLSEC_HAS_OAEP11 = '"rsa-oaep"' in XMLSEC_TRANSFORMS

# (our URI, xmlsec1's --session-key) for each block cipher both support.
BLOCK = {
    "aes128-cbc": (A.AES128_CBC, "aes-128"),
    "aes192-cbc": (A.AES192_CBC, "aes-192"),
    "aes256-cbc": (A.AES256_CBC, "aes-256"),
    "aes128-gcm": (A.AES128_GCM, "aes-128"),
    "aes192-gcm": (A.AES192_GCM, "aes-192"),
    "aes256-gcm": (A.AES256_GCM, "aes-256"),
    "tripledes-cbc": (A.TRIPLEDES_CBC, "des-192"),
}
TRANSPORT = {
    "rsa-1_5": A.KeyTransport(A.RSA_1_5),
    "rsa-oaep-mgf1p": A.KeyTransport(A.RSA_OAEP_MGF1P),
    "rsa-oaep-mgf1p-sha1-label": A.KeyTransport(
        A.RSA_OAEP_MGF1P, digest=A.SHA1, oaep_params=b"archive"
    ),
}
if XMLSEC_HAS_OAEP11:  # xmlsec1 >= 1.3
    TRANSPORT["xmlenc11-rsa-oaep-sha256"] = A.KeyTransport(
        A.RSA_OAEP, digest=A.SHA256, mgf=A.MGF1_SHA256
    )
CASES = [(b, t) for b in BLOCK for t in TRANSPORT]


@pytest.fixture(scope="module")
def key_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[PrivateKey, Path, Path]:
    raw = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    folder = tmp_path_factory.mktemp("xmlsec-keys")
    private_file, public_file = folder / "key.pem", folder / "pub.pem"
    private_file.write_bytes(private_pem(raw))
    public_file.write_bytes(public_pem(raw))
    return PrivateKey(fingerprint(raw.public_key()), raw), private_file, public_file


def _run(*args: str | Path) -> str:
    done = subprocess.run(
        [_xmlsec1(), *map(str, args)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, f"xmlsec1 failed:\n{done.stderr[-2000:]}"
    return done.stdout


def _method_xml(transport: A.KeyTransport) -> str:
    inner = ""
    if transport.oaep_params:
        inner += f"<OAEPparams>{base64.b64encode(transport.oaep_params).decode()}</OAEPparams>"
    if transport.digest:
        inner += f'<DigestMethod xmlns="{DSIG[1:-1]}" Algorithm="{transport.digest}"/>'
    if transport.mgf:
        inner += f'<MGF xmlns="{A.XMLENC11}" Algorithm="{transport.mgf}"/>'
    return f'<EncryptionMethod Algorithm="{transport.uri}">{inner}</EncryptionMethod>'


def _template(block: str, transport: A.KeyTransport, key_name: str) -> str:
    return f"""<EncryptedData xmlns="{ENC[1:-1]}" Type="{A.XMLENC}Content">
  <EncryptionMethod Algorithm="{block}"/>
  <KeyInfo xmlns="{DSIG[1:-1]}">
    <EncryptedKey xmlns="{ENC[1:-1]}">
      {_method_xml(transport)}
      <KeyInfo xmlns="{DSIG[1:-1]}"><KeyName>{key_name}</KeyName></KeyInfo>
      <CipherData><CipherValue/></CipherData>
    </EncryptedKey>
  </KeyInfo>
  <CipherData><CipherValue/></CipherData>
</EncryptedData>"""


@pytest.mark.parametrize(("block", "transport"), CASES)
def test_we_decrypt_what_xmlsec1_encrypts(
    tmp_path: Path, key_files: tuple[PrivateKey, Path, Path], block: str, transport: str
) -> None:
    private, _, public_pem = key_files
    uri, session_key = BLOCK[block]
    template = tmp_path / "template.xml"
    template.write_text(_template(uri, TRANSPORT[transport], private.name))
    plaintext = tmp_path / "plain.bin"
    plaintext.write_text(PLAINTEXT)
    encrypted = _run(
        "--encrypt",
        f"--pubkey-pem:{private.name}",
        public_pem,
        "--session-key",
        session_key,
        "--binary-data",
        plaintext,
        template,
    )
    items = to_xep0136_layout(encrypted)
    collection = Collection(CollectionId(START, "juliet@capulet.com"), crypt=True, items=items)
    assert CollectionDecryptor([private]).decrypt_collection(collection).items == EXPECTED


@pytest.mark.parametrize(("block", "transport"), CASES)
def test_xmlsec1_decrypts_what_we_encrypt(
    tmp_path: Path, key_files: tuple[PrivateKey, Path, Path], block: str, transport: str
) -> None:
    private, private_pem, _ = key_files
    profile = EncryptionProfile(BLOCK[block][0], TRANSPORT[transport])
    plain = Collection(CollectionId(START, "juliet@capulet.com"), items=EXPECTED)
    data, key = prepare_encrypted_store(plain, [private.public], profile=profile).encrypted
    document = tmp_path / "store.xml"
    document.write_text(nested_store(data, key, "juliet@capulet.com"))
    output = _run("--decrypt", f"--privkey-pem:{private.name}", private_pem, document)
    decrypted = parse_xml(output)
    assert decrypted_texts(decrypted) == DECRYPTED
    assert [e.get("secs") for e in decrypted][:2] == ["0", "11"]


def test_the_xmlsec1_under_test_is_the_one_we_expect() -> None:
    version = _run("--version")
    assert version.startswith("xmlsec1 ")
    for name in ("aes128-gcm", "aes256-gcm", "tripledes-cbc", "rsa-1_5", "rsa-oaep-mgf1p"):
        assert f'"{name}"' in XMLSEC_TRANSFORMS


@pytest.mark.parametrize("transport", ["rsa-1_5", "rsa-oaep-mgf1p"])
@pytest.mark.parametrize(("their_name", "our_name"), NAMINGS.values(), ids=NAMINGS.keys())
def test_xmlsec1s_own_layout_opens_with_a_key_imported_as_users_do(
    tmp_path: Path,
    key_files: tuple[PrivateKey, Path, Path],
    transport: str,
    their_name: str | None,
    our_name: str | None,
) -> None:
    private, private_pem, public_pem = key_files
    template = _template(A.AES128_CBC, TRANSPORT[transport], their_name or "")
    if their_name is None:
        template = template.replace(
            f'<KeyInfo xmlns="{DSIG[1:-1]}"><KeyName></KeyName></KeyInfo>', ""
        )
    (tmp_path / "template.xml").write_text(template)
    (tmp_path / "plain.bin").write_text(PLAINTEXT)
    key_option = f"--pubkey-pem:{their_name}" if their_name else "--pubkey-pem"
    encrypted = _run(
        "--encrypt",
        key_option,
        public_pem,
        "--session-key",
        "aes-128",
        "--binary-data",
        tmp_path / "plain.bin",
        tmp_path / "template.xml",
    )
    assert "<EncryptedKey" in encrypted.split("<CipherData>")[0]  # inside the KeyInfo
    store = KeyStore(tmp_path / "keys")
    store.import_private_key(private_pem.read_bytes(), "pw", name=our_name)
    unlocked = store.unlock(store.names()[0], "pw")
    decryptor = CollectionDecryptor(
        [unlocked], on_learned=lambda name, key: store.remember_name(name, key.fingerprint)
    )
    item = EncryptedItem(EncryptedKind.DATA, encrypted)
    collection = Collection(CollectionId(START, "juliet@capulet.com"), crypt=True, items=(item,))
    assert decryptor.decrypt_collection(collection).items == EXPECTED
    assert unlocked.fingerprint == private.fingerprint
    if their_name and our_name is None:
        assert store.find(their_name).fingerprint == private.fingerprint
