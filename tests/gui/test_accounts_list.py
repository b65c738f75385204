"""The account list, the sample again, Settings and Help, as a user reaches them."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot

from archiveviewer.ports.accounts import Account
from archiveviewer.ui import settings as keys
from archiveviewer.ui.accounts.dialogs import choose_removal
from archiveviewer.ui.accounts.manager import AccountList
from archiveviewer.ui.accounts.saved import current_account, save_account, saved_accounts
from archiveviewer.ui.help.about import AboutDialog, ProgramFacts
from archiveviewer.ui.help.shortcuts import ShortcutsDialog
from archiveviewer.ui.i18n import install_translators
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.settings.dialog import SettingsDialog
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import MakeWindow, dialog
from tests.gui.fakes import FakeCommands, FakeOpener, FakePasswords, FakeSession
from tests.gui.test_window import button

ROMEO = Account("romeo@montague.example", "127.0.0.1", 5299)
BENVOLIO = Account("benvolio@montague.example")


def _window_with_two_accounts(
    make_window: MakeWindow,
    commands: FakeCommands,
    session: FakeSession,
    settings: Settings,
    passwords: FakePasswords,
) -> tuple[MainWindow, FakeOpener]:
    save_account(settings, BENVOLIO)
    save_account(settings, ROMEO)
    passwords.remember(ROMEO.jid, "r")
    passwords.remember(BENVOLIO.jid, "b")
    opener = FakeOpener(session)
    window = make_window(commands, opener=opener, passwords=passwords)
    window.set_title(ROMEO)
    return window, opener


def test_switching_to_another_saved_account_opens_it_and_closes_the_first(
    make_window: MakeWindow,
    commands: FakeCommands,
    session: FakeSession,
    settings: Settings,
    qtbot: QtBot,
) -> None:
    passwords = FakePasswords()
    window, opener = _window_with_two_accounts(make_window, commands, session, settings, passwords)
    assert window.windowTitle() == f"{ROMEO.jid} — archiveviewer"
    window.act["accounts"].trigger()
    box = dialog(qtbot, "accounts")
    assert isinstance(box, AccountList)
    assert [box.list.item(r).text() for r in range(box.list.count())] == [
        BENVOLIO.jid,
        f"{ROMEO.jid} (127.0.0.1:5299)  — shown now",
    ]
    box.list.setCurrentRow(0)
    box.open_button.click()
    qtbot.waitUntil(lambda: opener.closed == [ROMEO.jid])
    assert opener.opened == [(BENVOLIO, "b")]
    assert window.windowTitle() == f"{BENVOLIO.jid} — archiveviewer"
    assert current_account(settings) == BENVOLIO


def test_removing_the_shown_account_asks_about_the_local_copy_and_shows_the_sample(
    make_window: MakeWindow,
    commands: FakeCommands,
    session: FakeSession,
    settings: Settings,
    qtbot: QtBot,
) -> None:
    passwords = FakePasswords()
    window, opener = _window_with_two_accounts(make_window, commands, session, settings, passwords)
    window.act["accounts"].trigger()
    box = dialog(qtbot, "accounts")
    assert isinstance(box, AccountList)
    box.list.setCurrentRow(1)
    box.remove_button.click()
    ask = dialog(qtbot, "removeAccount")
    assert isinstance(ask, QMessageBox)
    assert "Keep the local copy" in ask.text()
    button(ask, "Remove with its local copy").click()
    qtbot.waitUntil(lambda: opener.deleted == [ROMEO.jid])
    assert opener.closed == [ROMEO.jid]
    assert saved_accounts(settings) == [BENVOLIO]
    assert passwords.recall(ROMEO.jid) is None
    assert window.archive.sample
    assert window.banner.isVisible()
    assert window.windowTitle() == "sample archive — archiveviewer"
    assert settings.get(keys.ACCOUNT_JID) == ""  # the next start opens the sample


def test_the_sample_can_be_opened_again(
    make_window: MakeWindow,
    commands: FakeCommands,
    session: FakeSession,
    settings: Settings,
    qtbot: QtBot,
) -> None:
    window, opener = _window_with_two_accounts(
        make_window, commands, session, settings, FakePasswords()
    )
    window.act["sample"].trigger()
    qtbot.waitUntil(lambda: window.archive.sample)
    assert window.read_only
    assert window.windowTitle().startswith("sample archive")
    qtbot.waitUntil(lambda: opener.closed == [ROMEO.jid])
    assert saved_accounts(settings) == [BENVOLIO, ROMEO]  # still saved, one click away


def test_settings_dialog_shows_and_stores_the_declared_settings(
    window: MainWindow, settings: Settings, qtbot: QtBot
) -> None:
    box = window.preferences.show()
    assert isinstance(box, SettingsDialog)
    sync_on_connect = box.editors[keys.SYNC_ON_CONNECT.key]
    utc = box.editors[keys.TIMES_IN_UTC.key]
    every = box.editors[keys.SYNC_INTERVAL_MINUTES.key]
    assert isinstance(sync_on_connect, QCheckBox)
    assert isinstance(utc, QCheckBox)
    assert isinstance(every, QSpinBox)
    assert sync_on_connect.isChecked()
    assert not utc.isChecked()
    sync_on_connect.setChecked(False)
    utc.setChecked(True)
    every.setValue(15)
    box.accept()
    assert settings.get(keys.SYNC_ON_CONNECT) == 0
    assert settings.get(keys.TIMES_IN_UTC) == 1
    assert settings.get(keys.SYNC_INTERVAL_MINUTES) == 15
    assert window.preferences.timer.isActive()
    assert window.preferences.timer.interval() == 15 * 60_000


def test_about_names_version_licence_and_libraries(qtbot: QtBot) -> None:
    facts = ProgramFacts("1.2.3", "GPL-3.0-or-later", (("Home", "https://example.org"),))
    box = AboutDialog(facts)
    qtbot.addWidget(box)
    text = box.text.text()
    assert "archiveviewer 1.2.3" in text
    assert "GPL-3.0-or-later" in text
    assert 'href="https://example.org"' in text
    assert "Qt" in text


def test_keyboard_shortcuts_list_the_menu_keys_and_the_list_keys(window: MainWindow) -> None:
    box = window.help.shortcuts()
    assert isinstance(box, ShortcutsDialog)
    rows = {
        box.table.item(r, 0).text(): box.table.item(r, 1).text()
        for r in range(box.table.rowCount())
    }
    assert rows["Sync"] == "Ctrl+R"
    assert rows["Connect"] == "Ctrl+Shift+R"
    assert rows["Delete selected conversations"] == "Del"
    assert "Ctrl+Home / Ctrl+End" in rows["First or last conversation"]
    box.reject()


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, QLocale("de_DE"))
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_removing_an_account_is_asked_in_german(
    make_window: MakeWindow, qtbot: QtBot, german: None
) -> None:
    window = make_window()
    asked = asyncio.ensure_future(choose_removal(window, ROMEO.jid))
    ask = dialog(qtbot, "removeAccount")
    assert isinstance(ask, QMessageBox)
    assert ask.windowTitle() == "Konto entfernen"
    assert ask.text().startswith(f"Das Konto {ROMEO.jid} aus archiveviewer entfernen?")
    buttons = {b.text() for b in ask.buttons()}
    assert {"Entfernen, lokale Kopie behalten", "Mit der lokalen Kopie entfernen"} <= buttons
    ask.reject()
    qtbot.waitUntil(asked.done)
    assert asked.result() is None
