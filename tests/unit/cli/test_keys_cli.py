"""The offline key commands: generate, import, export-public, list; passphrases; exit codes."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from archiveviewer import cli
from archiveviewer.cli import keys as cli_keys
from archiveviewer.crypto import KeyStore, RekeyResult, public_key_from_pem
from archiveviewer.domain import CollectionId

PASSPHRASE = "good night, good night"
START = datetime(1469, 7, 21, 2, 56, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(cli_keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    monkeypatch.delenv(cli_keys.FILE_PASSPHRASE_VARIABLE, raising=False)
    return PASSPHRASE


def keys(data_dir: Path, *args: str) -> int:
    return cli.main(["keys", *args, "--data-dir", str(data_dir)])


def test_generate_list_and_export_a_public_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert keys(tmp_path, "list") == cli.EXIT_NOTHING_FOUND
    assert keys(tmp_path, "generate") == cli.EXIT_OK
    name = capsys.readouterr().out.strip()

    assert keys(tmp_path, "list") == cli.EXIT_OK
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split("\t")[:3] == [name, name, "RSA 3072"]  # unnamed: its fingerprint
    assert keys(tmp_path, "export-public", name) == cli.EXIT_OK
    pem = capsys.readouterr().out
    assert public_key_from_pem(pem.encode()).name == name
    # The window's key store (DATA_DIR/keys) opens it with the same passphrase.
    assert KeyStore(tmp_path / "keys").unlock(name, PASSPHRASE).name == name


def test_import_a_protected_pem_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.BestAvailableEncryption(b"file secret"),
    )
    path = tmp_path / "old-client.pem"
    path.write_bytes(pem)

    assert keys(tmp_path, "import", str(path)) == cli.EXIT_KEYS  # no tty, no file passphrase
    assert cli_keys.FILE_PASSPHRASE_VARIABLE in capsys.readouterr().err
    monkeypatch.setenv(cli_keys.FILE_PASSPHRASE_VARIABLE, "file secret")
    assert keys(tmp_path, "import", str(path)) == cli.EXIT_OK
    name = capsys.readouterr().out.strip()
    assert KeyStore(tmp_path / "keys").names() == [name]


def test_key_errors_exit_6_with_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert keys(tmp_path, "export-public", "no:such:key") == cli.EXIT_KEYS
    assert "no key “no:such:key”" in capsys.readouterr().err
    # A file that is not there is a wrong command line, not a key problem.
    assert keys(tmp_path, "import", str(tmp_path / "missing.pem")) == cli.EXIT_USAGE
    assert "missing.pem" in capsys.readouterr().err
    monkeypatch.delenv(cli_keys.PASSPHRASE_VARIABLE)
    assert keys(tmp_path, "generate") == cli.EXIT_KEYS  # stdin is not a terminal here
    assert cli_keys.PASSPHRASE_VARIABLE in capsys.readouterr().err
    assert KeyStore(tmp_path / "keys").names() == []


def test_rekey_needs_both_key_names_and_an_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARCHIVEVIEWER_JID", raising=False)
    assert cli.main(["rekey", "--old", "a"]) == cli.EXIT_USAGE
    assert cli.main(["rekey", "--old", "a", "--new", "b", "--data-dir", str(tmp_path)]) == (
        cli.EXIT_USAGE
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rekey_progress_redraws_one_line_on_a_terminal() -> None:
    screen = Terminal()
    progress = cli_keys.RekeyProgress(screen)
    progress.show(1, 2)
    progress.show(2, 2)
    progress.finish(RekeyResult(2, 1, 1, ((CollectionId(START, "juliet@capulet.com"), "Bad."),)))
    assert screen.getvalue() == (
        "\r\x1b[Krekey: 1/2 conversations\r\x1b[Krekey: 2/2 conversations\r\x1b[K"
        "rekey: done: 2 conversations, 1 keys re-wrapped, 1 already there, 1 failed\n"
        "archiveviewer: Bad.\n"
    )


def test_rekey_progress_in_a_log_is_a_line_a_second_and_always_the_last() -> None:
    log = io.StringIO()
    progress = cli_keys.RekeyProgress(log, interval=3600)
    for done in range(1, 4):
        progress.show(done, 3)
    assert log.getvalue().splitlines() == ["rekey: 1/3 conversations", "rekey: 3/3 conversations"]


def _pem_file(tmp_path: Path, name: str = "from-psi.pem") -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / name
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def test_import_under_the_other_clients_name_then_rename(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _pem_file(tmp_path)
    assert keys(tmp_path, "import", str(path), "--name", "psi-laptop") == cli.EXIT_OK
    assert capsys.readouterr().out.strip() == "psi-laptop"
    store = KeyStore(tmp_path / "keys")
    fingerprint = store.find("psi-laptop").fingerprint
    assert store.public_key("psi-laptop").fingerprint == fingerprint

    assert keys(tmp_path, "rename", "psi-laptop", "laptop") == cli.EXIT_OK
    assert capsys.readouterr().out.strip() == "laptop"
    assert keys(tmp_path, "list") == cli.EXIT_OK
    name, printed, size, _added, also = capsys.readouterr().out.strip().split("\t")
    assert (name, printed, size, also) == ("laptop", fingerprint, "RSA 2048", "psi-laptop")
    # Its old name still finds it, as the archives the other client wrote name it so.
    assert store.find("psi-laptop").name == "laptop"


def test_a_name_that_is_taken_or_empty_is_refused_before_any_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert keys(tmp_path, "import", str(_pem_file(tmp_path, "a.pem")), "--name", "phone") == 0
    capsys.readouterr()
    assert keys(tmp_path, "import", str(_pem_file(tmp_path, "b.pem")), "--name", "phone") == (
        cli.EXIT_KEYS
    )
    assert "already belongs to the key “phone”" in capsys.readouterr().err
    monkeypatch.delenv(cli_keys.PASSPHRASE_VARIABLE)  # it must not come to asking
    assert keys(tmp_path, "import", str(_pem_file(tmp_path, "c.pem")), "--name", " ") == (
        cli.EXIT_USAGE
    )
    assert "key name cannot be empty" in capsys.readouterr().err
    assert keys(tmp_path, "rename", "nobody", "x") == cli.EXIT_KEYS
    assert "no key “nobody”" in capsys.readouterr().err
    assert KeyStore(tmp_path / "keys").names() == ["phone"]
