"""Logging in as a new user would: wrong passwords, no keyring, a saved account without one.

Fakes behind the window (the real server and keyrings are in ``test_live_accounts``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from archiveviewer.errors import AuthenticationFailed, HostUnreachable
from archiveviewer.ports.accounts import Account, ConnectionStatus, Link
from archiveviewer.ui import settings as keys
from archiveviewer.ui.accounts.dialogs import AccountDialog
from archiveviewer.ui.accounts.saved import saved_accounts
from archiveviewer.ui.actions import OFFLINE_REASON
from archiveviewer.ui.settings import Settings
from tests.gui.conftest import MakeWindow, dialog, no_dialog
from tests.gui.fakes import FakeOpener, FakePasswords, FakeSession

ROMEO = "romeo@montague.example"
REFUSED = AuthenticationFailed("The server refused the login: check the address and the password.")


def _fill(box: AccountDialog, password: str, jid: str = ROMEO) -> None:
    box.jid.setText(jid)
    box.password.setText(password)
    box.host.setText("127.0.0.1")
    box.port.setValue(5299)


def test_a_wrong_password_asks_again_filled_in_and_is_not_saved(
    make_window: MakeWindow, qtbot: QtBot, session: FakeSession, settings: Settings
) -> None:
    opener = FakeOpener(session, problems=[REFUSED])
    passwords = FakePasswords()
    window = make_window(None, sample=True, opener=opener, passwords=passwords)
    window.banner_button.click()
    box = dialog(qtbot, "account")
    assert isinstance(box, AccountDialog)
    _fill(box, "wrong")
    box.ok.click()

    qtbot.waitUntil(lambda: len(opener.opened) == 1)
    again = dialog(qtbot, "account")
    assert isinstance(again, AccountDialog)
    assert again is not box
    assert again.jid.text() == ROMEO  # what the user typed is still there
    assert (again.host.text(), again.port.value()) == ("127.0.0.1", 5299)
    assert "refused the login" in again.problem.text()
    assert settings.get(keys.ACCOUNT_JID) == ""  # a failed login is not the account
    assert passwords.saved == {}
    assert window.banner.isVisible()

    again.password.setText("right")
    again.ok.click()
    qtbot.waitUntil(lambda: not window.read_only)
    assert opener.opened[-1] == (Account(ROMEO, "127.0.0.1", 5299), "right")
    assert settings.get(keys.ACCOUNT_JID) == ROMEO
    assert saved_accounts(settings) == [Account(ROMEO, "127.0.0.1", 5299)]
    assert passwords.saved == {ROMEO: "right"}
    assert window.windowTitle().startswith(ROMEO)


def test_an_unreachable_server_can_be_saved_for_later(
    make_window: MakeWindow, qtbot: QtBot, session: FakeSession, settings: Settings
) -> None:
    problem = HostUnreachable("Could not reach the server montague.example.")
    opener = FakeOpener(session, problems=[problem])
    window = make_window(None, sample=True, opener=opener, passwords=FakePasswords())
    window.act["add_account"].trigger()
    box = dialog(qtbot, "account")
    assert isinstance(box, AccountDialog)
    assert not box.save.isVisible()
    _fill(box, "pw")
    box.ok.click()
    qtbot.waitUntil(lambda: len(opener.opened) == 1)
    again = dialog(qtbot, "account")
    assert isinstance(again, AccountDialog)
    assert "Could not reach" in again.problem.text()
    assert again.save.isVisible()
    again.save.click()
    qtbot.waitUntil(lambda: settings.get(keys.ACCOUNT_JID) == ROMEO)
    assert "Use Connect" in window.statusBar().currentMessage()


def test_without_a_keyring_the_password_is_kept_for_the_run_and_the_user_told_once(
    make_window: MakeWindow, qtbot: QtBot, session: FakeSession
) -> None:
    passwords = FakePasswords(keyring_works=False)
    opener = FakeOpener(session)
    window = make_window(None, sample=True, opener=opener, passwords=passwords)
    window.act["add_account"].trigger()
    box = dialog(qtbot, "account")
    _fill(box, "s3cret")  # type: ignore[arg-type]
    box.accept()
    qtbot.waitUntil(lambda: not window.read_only)  # the login went on
    told = dialog(qtbot, "noKeyring")
    assert isinstance(told, QMessageBox)
    assert "kept only until you quit" in told.text()
    assert "keyrings.alt" not in told.text()
    assert "install" not in told.text()
    told.accept()
    qtbot.waitUntil(lambda: no_dialog("noKeyring"))
    assert passwords.recall(ROMEO) == "s3cret"

    window.act["connect"].trigger()  # reconnecting uses the held password, asks nothing
    qtbot.waitUntil(lambda: len(opener.opened) == 2)
    assert opener.opened[-1][1] == "s3cret"
    assert no_dialog("account")
    assert no_dialog("noKeyring")


def test_a_saved_account_without_a_password_asks_at_start_filled_in(
    make_window: MakeWindow, qtbot: QtBot, session: FakeSession, commands: object
) -> None:
    opener = FakeOpener(session)
    window = make_window(commands, opener=opener, passwords=FakePasswords())
    account = Account(ROMEO, "xmpp.montague.example", 5223)
    window.connect_account(account, None)
    box = dialog(qtbot, "account")
    assert isinstance(box, AccountDialog)
    assert box.windowTitle() == "Log in"
    assert (box.jid.text(), box.host.text(), box.port.value()) == (
        ROMEO,
        "xmpp.montague.example",
        5223,
    )
    box.password.setText("pw")
    box.accept()
    qtbot.waitUntil(lambda: len(opener.opened) == 1)
    assert opener.opened[0] == (account, "pw")


def test_offline_server_actions_are_disabled_and_say_why(window: object, qtbot: QtBot) -> None:
    from archiveviewer.ui.window import MainWindow

    assert isinstance(window, MainWindow)
    assert window.act["sync"].isEnabled()
    window.show_connection(ConnectionStatus(Link.OFFLINE, "Offline: reading the local copy."))
    assert window.connection.text() == "Offline: reading the local copy."
    for name in ("sync", "add_note", "edit_subject", "delete_selected", "decrypt"):
        assert not window.act[name].isEnabled()
        assert window.act[name].toolTip() == OFFLINE_REASON
    assert window.act["connect"].isEnabled()
    assert window.act["connect"].text().replace("&", "") == "Connect"
    window.show_connection(ConnectionStatus(Link.RETRYING, "Offline: lost.", retry_in=8))
    assert window.connection.text() == "Offline: lost. Retrying in 8 seconds."
    window.show_connection(ConnectionStatus(Link.ONLINE, f"Connected as {ROMEO}."))
    assert window.act["sync"].isEnabled()
    assert window.act["connect"].text().replace("&", "") == "Reconnect"


def test_a_note_that_cannot_be_sent_stays_in_its_dialog(
    window: object, commands: object, qtbot: QtBot
) -> None:
    from archiveviewer.errors import NotConnected
    from archiveviewer.ui.window import MainWindow
    from tests.gui.fakes import FakeCommands
    from tests.gui.test_window import choose_contact, open_row

    assert isinstance(window, MainWindow)
    assert isinstance(commands, FakeCommands)
    choose_contact(window, "mercutio@verona.example")
    open_row(window, 0)
    commands.fail_with = NotConnected("Could not add the note: there is no connection.")
    window.act["add_note"].trigger()
    ask = dialog(qtbot, "askText")
    ask.setTextValue("Lend him a sword next time.")  # type: ignore[attr-defined]
    ask.accept()
    again = dialog(qtbot, "askText")
    assert again is not ask
    assert again.textValue() == "Lend him a sword next time."  # type: ignore[attr-defined]
    assert "no connection" in again.labelText()  # type: ignore[attr-defined]
    again.accept()  # the connection is back: it goes
    qtbot.waitUntil(lambda: window.conversation_model.rowCount() == 4)
