"""Accounts and the connection against the real Prosody, as a new user meets them.

The defects reported on a bare desktop: no keyring, a wrong password first,
a server away longer than the reconnect waits, a note typed while the
connection drops. Everything below the window is real, and so is the Secret
Service of the keyring test (``tests/secret_service.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from archiveviewer.app import Program
from archiveviewer.domain import Note
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui import settings as keys
from archiveviewer.ui.accounts.dialogs import AccountDialog
from archiveviewer.ui.actions import OFFLINE_REASON
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import dialog, no_dialog
from tests.gui.test_live import (  # noqa: F401 (fixtures)
    FRIAR,
    NURSE,
    SEED,
    START,
    add_account,
    contact_jids,
    on_server,
    programs,
    store,
    store_all,
    synced,
    talk,
    user,
    wait_for,
    workspace,
)
from tests.gui.test_window import button, choose_contact, open_row, rows
from tests.secret_service import running_secret_service
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

Programs = Callable[[Workspace, Settings], Program]


@pytest.fixture
def no_keyring() -> None:
    """As on a desktop without a Secret Service: ``keyring`` falls back to its failing backend."""
    keyring.set_keyring(fail.Keyring())  # the autouse memory keyring is put back afterwards


def _online(window: MainWindow) -> Callable[[], bool]:
    return lambda: window.connection.text().startswith("Connected as")


def test_no_keyring_and_a_wrong_password_then_the_right_one(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],  # noqa: F811
    workspace: Workspace,  # noqa: F811
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
    no_keyring: None,
) -> None:
    jid, password = user
    first = programs(workspace, store)
    window = first.window
    assert window.windowTitle().startswith("sample archive")
    add_account(qtbot, window, prosody, jid, "not the password")
    qtbot.waitUntil(lambda: "refused the login" in _problem(), timeout=20000)
    box = _account_dialog()
    assert box is not None
    assert (box.jid.text(), box.port.value()) == (jid, prosody.port)  # kept for the retry
    assert store.get(keys.ACCOUNT_JID) == ""  # a failed login is not saved
    box.password.setText(password)
    box.ok.click()

    qtbot.waitUntil(synced(window), timeout=20000)
    told = dialog(qtbot, "noKeyring")  # no keyring: said once, in plain words
    assert "kept only until you quit" in told.text()  # type: ignore[attr-defined]
    assert "install" not in told.text()  # type: ignore[attr-defined]
    told.accept()
    assert window.windowTitle().startswith(jid)
    assert store.get(keys.ACCOUNT_JID) == jid
    wait_for(qtbot, first.close())

    again = programs(workspace, store)  # the next start asks, filled in
    assert not again.window.banner.isVisible()
    again.start()
    box = dialog(qtbot, "account")
    assert isinstance(box, AccountDialog)
    assert (box.jid.text(), box.host.text(), box.port.value()) == (jid, "127.0.0.1", prosody.port)
    box.password.setText(password)
    box.ok.click()
    qtbot.waitUntil(_online(again.window), timeout=20000)
    qtbot.wait(50)
    assert no_dialog("noKeyring")  # told once, not at every start


def _account_dialog() -> AccountDialog | None:
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, AccountDialog) and w.isVisible()
    ]
    return shown[0] if shown else None


def _problem() -> str:
    box = _account_dialog()
    return box.problem.text() if box is not None else ""


def test_a_real_secret_service_keeps_the_password_for_the_next_start(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],  # noqa: F811
    workspace: Workspace,  # noqa: F811
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
    tmp_path: Path,
) -> None:
    jid, password = user
    with running_secret_service(tmp_path / "home") as secrets:
        first = programs(workspace, store)
        add_account(qtbot, first.window, prosody, jid, password)
        qtbot.waitUntil(synced(first.window), timeout=20000)
        assert no_dialog("noKeyring")
        assert secrets.get_password("archiveviewer", jid) == password
        wait_for(qtbot, first.close())

        again = programs(workspace, store)
        again.start()
        qtbot.waitUntil(_online(again.window), timeout=20000)
        assert no_dialog("account")


def test_a_server_away_longer_than_the_waits_is_reconnected_and_synced(
    qtbot: QtBot,
    make_prosody: Callable[..., ProsodyServer],
    tmp_path: Path,
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
) -> None:
    server = make_prosody()
    jid, password = server.new_user("romeo")
    space = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=server.ca_cert)
    wait_for(qtbot, on_server(server, jid, password, lambda s: store_all(s, SEED)))
    store.set(keys.ACCOUNT_JID, jid)
    store.set(keys.ACCOUNT_HOST, "127.0.0.1")
    store.set(keys.ACCOUNT_PORT, server.port)
    keyring.set_password("archiveviewer", jid, password)
    program = programs(space, store)
    program.opener.reconnect_delays = (0.2, 0.4)  # "given up" came after these, before
    window = program.window
    program.start()
    qtbot.waitUntil(synced(window), timeout=20000)
    later = talk(NURSE, START + timedelta(days=30), "Written by another client.")
    wait_for(qtbot, on_server(server, jid, password, lambda s: s.archive.store(later)))

    server.stop()
    qtbot.waitUntil(lambda: "Retrying" in window.connection.text(), timeout=10000)
    assert not window.act["sync"].isEnabled()
    assert window.act["sync"].toolTip() == OFFLINE_REASON
    assert window.act["connect"].isEnabled()
    qtbot.wait(3000)  # many times the waits: it still tries
    assert "Retrying" in window.connection.text()
    assert "Errno" not in window.connection.text()

    server.start()
    qtbot.waitUntil(_online(window), timeout=20000)
    qtbot.waitUntil(synced(window))  # back online, it synced what changed meanwhile
    assert window.act["sync"].isEnabled()
    qtbot.waitUntil(lambda: NURSE in contact_jids(window))  # the list reloads after the sync
    choose_contact(window, NURSE)
    qtbot.waitUntil(lambda: len(rows(window, Column.START)) == 3, timeout=10000)


def test_connect_works_after_the_server_was_unreachable_at_start(
    qtbot: QtBot,
    make_prosody: Callable[..., ProsodyServer],
    tmp_path: Path,
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
) -> None:
    server = make_prosody()
    jid, password = server.new_user("romeo")
    space = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=server.ca_cert)
    store.set(keys.ACCOUNT_JID, jid)
    store.set(keys.ACCOUNT_HOST, "127.0.0.1")
    store.set(keys.ACCOUNT_PORT, server.port)
    keyring.set_password("archiveviewer", jid, password)
    server.stop()
    program = programs(space, store)
    window = program.window
    program.start()
    qtbot.waitUntil(lambda: "Could not reach" in window.connection.text(), timeout=20000)
    assert "Use Connect" in window.connection.text()
    assert "Errno" not in window.connection.text()
    server.start()
    window.act["connect"].trigger()
    qtbot.waitUntil(_online(window), timeout=20000)
    assert window.act["connect"].text().replace("&", "") == "Reconnect"


def test_a_note_typed_while_the_connection_drops_is_kept_and_sent_when_back(
    qtbot: QtBot,
    make_prosody: Callable[..., ProsodyServer],
    tmp_path: Path,
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
) -> None:
    server = make_prosody()
    jid, password = server.new_user("romeo")
    space = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=server.ca_cert)
    wait_for(qtbot, on_server(server, jid, password, lambda s: store_all(s, SEED)))
    program = programs(space, store)
    program.opener.reconnect_delays = (0.2, 0.4)
    window = program.window
    add_account(qtbot, window, server, jid, password)
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: NURSE in contact_jids(window))  # the list reloads after the sync
    choose_contact(window, NURSE)
    open_row(window, 1)
    window.act["add_note"].trigger()
    ask = dialog(qtbot, "askText")
    server.stop()
    qtbot.waitUntil(lambda: "Retrying" in window.connection.text(), timeout=10000)
    ask.setTextValue("Typed while the line was down.")  # type: ignore[attr-defined]
    ask.accept()
    again = dialog(qtbot, "askText")
    qtbot.waitUntil(lambda: again is not ask and again.isVisible())
    assert again.textValue() == "Typed while the line was down."  # type: ignore[attr-defined]
    assert "Not sent" in again.labelText()  # type: ignore[attr-defined]

    server.start()
    qtbot.waitUntil(_online(window), timeout=30000)
    again.accept()
    qtbot.waitUntil(lambda: no_dialog("askText"))
    on_the_server = wait_for(
        qtbot, on_server(server, jid, password, lambda s: s.archive.retrieve(SEED[0].id))
    )
    assert Note("Typed while the line was down.") in [
        Note(i.text) for i in on_the_server.items if isinstance(i, Note)
    ]


def test_the_sync_summary_counts_the_servers_changes_not_the_users_own_removals(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],  # noqa: F811
    workspace: Workspace,  # noqa: F811
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
) -> None:
    jid, password = user
    wait_for(qtbot, on_server(prosody, jid, password, lambda s: store_all(s, SEED)))
    window = programs(workspace, store).window
    add_account(qtbot, window, prosody, jid, password)
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: NURSE in contact_jids(window))  # the list reloads after the sync
    choose_contact(window, NURSE)
    open_row(window, 0)
    window.act["delete_selected"].trigger()
    button(dialog(qtbot, "confirm"), "Remove from server").click()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(rows(window, Column.START)) == 1)

    window.act["sync"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Sync finished"))
    # The user's own removal is not news from the server. (What replication fetches again
    # around its last start time may still count as changed: the engine's business.)
    assert "removed" not in window.statusBar().currentMessage()

    later = talk(NURSE, START + timedelta(days=30), "Written by another client.")
    wait_for(qtbot, on_server(prosody, jid, password, lambda s: s.archive.store(later)))
    window.statusBar().clearMessage()
    window.act["sync"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Sync finished"))
    assert "new or changed on the server" in window.statusBar().currentMessage()


def test_each_account_keeps_its_own_local_copy(
    qtbot: QtBot,
    prosody: ProsodyServer,
    workspace: Workspace,  # noqa: F811
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
) -> None:
    romeo, romeo_pw = prosody.new_user("romeo")
    juliet, juliet_pw = prosody.new_user("juliet")
    wait_for(qtbot, on_server(prosody, romeo, romeo_pw, lambda s: store_all(s, SEED[:1])))
    wait_for(qtbot, on_server(prosody, juliet, juliet_pw, lambda s: store_all(s, SEED[2:])))
    window = programs(workspace, store).window
    add_account(qtbot, window, prosody, romeo, romeo_pw)
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: contact_jids(window) == {NURSE})

    window.act["add_account"].trigger()
    box = dialog(qtbot, "account")
    assert isinstance(box, AccountDialog)
    box.jid.setText(juliet)
    box.password.setText(juliet_pw)
    box.host.setText("127.0.0.1")
    box.port.setValue(prosody.port)
    box.ok.click()
    qtbot.waitUntil(lambda: window.windowTitle().startswith(juliet), timeout=20000)
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: contact_jids(window) == {FRIAR})
    assert workspace.replica_path(romeo) != workspace.replica_path(juliet)
    assert workspace.replica_path(romeo).exists()
    assert workspace.replica_path(juliet).exists()
