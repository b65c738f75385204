"""Adding an account: address check, keyring, and a certificate that does not verify."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from archiveviewer.errors import UntrustedCertificate
from archiveviewer.ports.accounts import Account
from archiveviewer.ui.accounts.dialogs import AccountDialog, CertificateDialog, jid_problem
from tests.gui.conftest import MakeWindow, dialog
from tests.gui.fakes import FakeOpener, FakePasswords, FakeSession

FINGERPRINT = ":".join(["AB"] * 32)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("romeo@montague.example", True),
        ("romeo@localhost", True),
        ("romeo", False),
        ("@montague.example", False),
        ("romeo@", False),
        ("ro meo@montague.example", False),
        ("romeo@montague.example/balcony", False),
        ("ro<meo@montague.example", False),
        ("romeo@montague..example", False),
        ("a@b@c", False),
    ],
)
def test_jid_check(text: str, ok: bool) -> None:
    problem = jid_problem(text)
    assert (problem is None) == ok
    if problem is not None:
        assert problem.endswith(".")  # a sentence for the user


def test_ok_waits_for_a_valid_address(qtbot: QtBot) -> None:
    box = AccountDialog()
    qtbot.addWidget(box)
    ok = box.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(box.jid, "romeo")
    assert not ok.isEnabled()
    assert "@" in box.problem.text()
    qtbot.keyClicks(box.jid, "@montague.example")
    assert ok.isEnabled()
    assert box.problem.text() == ""
    box.port.setValue(5223)
    assert box.account() == Account("romeo@montague.example", None, 5223)


def test_certificate_dialog_shows_fingerprint_and_trust_button(qtbot: QtBot) -> None:
    box = CertificateDialog("montague.example", FINGERPRINT, "self-signed certificate")
    qtbot.addWidget(box)
    assert FINGERPRINT in box.fingerprint.text()
    assert box.trust.text() == "Trust this certificate"


def test_add_account_remembers_password_trusts_certificate_and_opens(
    make_window: MakeWindow, qtbot: QtBot, session: FakeSession
) -> None:
    problem = UntrustedCertificate(
        "The server's certificate is not trusted.",
        host="montague.example",
        fingerprint=FINGERPRINT,
        reason="self-signed certificate",
    )
    opener = FakeOpener(session, problems=[problem])
    passwords = FakePasswords()
    window = make_window(None, sample=True, opener=opener, passwords=passwords)
    window.banner_button.click()
    box = dialog(qtbot, "account")
    assert isinstance(box, AccountDialog)
    box.jid.setText("romeo@montague.example")
    box.password.setText("s3cret")
    box.remember.setChecked(True)
    box.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    cert = dialog(qtbot, "certificate")
    assert isinstance(cert, CertificateDialog)
    assert FINGERPRINT in cert.fingerprint.text()
    cert.trust.click()
    qtbot.waitUntil(lambda: not window.read_only)
    assert passwords.saved == {"romeo@montague.example": "s3cret"}
    assert opener.trusted == [("montague.example", FINGERPRINT)]
    assert len(opener.opened) == 2
    assert not window.banner.isVisible()
    # connecting starts an incremental sync (the default), shown in the status bar
    qtbot.waitUntil(window.cancel_sync.isVisible)  # the sync starts on the next loop turn
    qtbot.waitUntil(lambda: ("sync", None) in session.commands.calls)  # type: ignore[attr-defined]


def test_password_is_not_kept_unless_asked(
    make_window: MakeWindow, qtbot: QtBot, session: FakeSession
) -> None:
    passwords = FakePasswords()
    window = make_window(None, sample=True, opener=FakeOpener(session), passwords=passwords)
    window.act["add_account"].trigger()
    box = dialog(qtbot, "account")
    assert isinstance(box, AccountDialog)
    box.jid.setText("romeo@montague.example")
    box.password.setText("s3cret")
    assert box.remember.isChecked()  # the settings' default
    box.remember.setChecked(False)
    box.accept()
    qtbot.waitUntil(lambda: not window.read_only)
    assert passwords.saved == {}
    assert passwords.recall("romeo@montague.example") == "s3cret"  # for this run only


def test_refused_certificate_keeps_the_sample(
    make_window: MakeWindow, qtbot: QtBot, session: FakeSession
) -> None:
    problem = UntrustedCertificate("x", host="h", fingerprint=FINGERPRINT, reason="r")
    opener = FakeOpener(session, problems=[problem])
    window = make_window(None, sample=True, opener=opener)
    window.act["add_account"].trigger()
    box = dialog(qtbot, "account")
    box.jid.setText("romeo@montague.example")  # type: ignore[attr-defined]
    box.accept()
    dialog(qtbot, "certificate").reject()
    qtbot.waitUntil(lambda: len(opener.opened) == 1)
    qtbot.wait(20)
    assert opener.trusted == []
    assert window.read_only
    assert window.banner.isVisible()
