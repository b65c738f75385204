"""The Keys window over a real key store: import under another client's name, rename, delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from archiveviewer.crypto import KeyStore
from archiveviewer.services.keys import KeyRingService
from archiveviewer.services.session_keys import SessionKeys
from archiveviewer.services.worker import Worker
from archiveviewer.ui.keys.passphrases import NewPassphraseDialog
from archiveviewer.ui.keys.table import Column
from archiveviewer.ui.keys.window import KeysWindow
from tests.gui.conftest import MakeWindow, dialog

PASSPHRASE = "what light through yonder window breaks"


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


@pytest.fixture
def keys(store: KeyStore) -> Iterator[KeyRingService]:
    worker = Worker()
    yield KeyRingService(SessionKeys(store), worker)
    worker.shutdown()


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "from-psi.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"psi secret"),
        )
    )
    return path


def _answer_text(qtbot: QtBot, text: str) -> None:
    ask = dialog(qtbot, "askText")
    ask.setTextValue(text)  # type: ignore[attr-defined]
    ask.accept()


def _answer_new_passphrase(qtbot: QtBot) -> None:
    ask = dialog(qtbot, "newPassphrase")
    assert isinstance(ask, NewPassphraseDialog)
    ask.first.setText(PASSPHRASE)
    ask.second.setText("typo")
    assert not ask.buttons.button(ask.buttons.StandardButton.Ok).isEnabled()
    ask.second.setText(PASSPHRASE)
    ask.accept()


def _names(window: KeysWindow) -> list[str]:
    return [window.table.item(r, 0).text() for r in range(window.table.rowCount())]


def test_import_a_protected_key_under_the_other_clients_name_then_rename_and_delete(
    make_window: MakeWindow,
    keys: KeyRingService,
    store: KeyStore,
    key_file: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main = make_window(keys=keys)
    main.act["keys"].trigger()
    window = main.findChild(KeysWindow, "keysWindow")
    assert isinstance(window, KeysWindow)
    qtbot.waitUntil(window.isVisible)
    assert not window.delete_button.isEnabled()  # nothing chosen yet

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(key_file), ""))
    )
    window.import_button.click()
    protected = dialog(qtbot, "keyPassphrase")
    (field,) = protected.findChildren(QLineEdit)
    field.setText("psi secret")
    protected.accept()
    _answer_text(qtbot, "psi-laptop")
    _answer_new_passphrase(qtbot)
    qtbot.waitUntil(lambda: _names(window) == ["psi-laptop"], timeout=10000)
    assert window.table.item(0, Column.SIZE).text() == "RSA 2048"
    fingerprint = window.table.item(0, Column.FINGERPRINT).text()
    assert store.unlock("psi-laptop", PASSPHRASE).fingerprint == fingerprint

    assert window.rename_button.isEnabled()  # the new key is chosen
    window.rename_button.click()
    _answer_text(qtbot, "laptop")
    qtbot.waitUntil(lambda: _names(window) == ["laptop"])
    assert window.table.item(0, Column.ALSO).text() == "psi-laptop"  # the old name still opens data

    window.delete_button.click()
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    assert "cannot be read any more" in box.text()
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    delete.click()
    qtbot.waitUntil(lambda: _names(window) == [])
    assert store.names() == []
