"""The way into the preferences: the window's entry, a server without them, the warning."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Dialect
from archiveviewer.ports.prefs import PrefsUnavailable
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui import settings as keys
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.prefs import PrefsDialog, PrefsEntry
from archiveviewer.ui.settings import Settings
from tests.gui.conftest import dialog as visible_dialog
from tests.gui.test_live import Programs, add_account, programs  # noqa: F401  (a fixture)
from tests.gui.test_prefs_dialog import Services, wait_for
from tests.integration.xmpp_helpers import new_account
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody


@pytest.fixture(autouse=True)
def collected() -> Iterator[None]:
    """Collect this test's reference cycles (dialog, service, watchers) now, on the UI thread.

    Left to the garbage collector they may be freed later from a worker thread of
    another test's window, and a Qt object must not be destroyed there.
    """
    yield
    gc.collect()


@pytest.fixture
def services(qtbot: QtBot, event_loop_qt: qasync.QEventLoop) -> Iterator[Services]:
    opened = Services(qtbot)
    yield opened
    opened.close()


def test_a_server_without_preferences_hides_the_dialog_with_a_reason(
    services: Services, make_prosody: Callable[..., ProsodyServer], qtbot: QtBot
) -> None:
    service = services.open(new_account(make_prosody(pref=False)), Dialect.URN)
    with pytest.raises(PrefsUnavailable):
        wait_for(qtbot, service.load())
    window = QWidget()
    qtbot.addWidget(window)
    bridge = MessageBridge()
    errors: list[str] = []
    bridge.errorShown.connect(lambda text, _details: errors.append(text))
    entry = PrefsEntry(QAction("Archiving preferences…", window), window, bridge)
    entry.source = lambda: service
    entry.action.trigger()
    qtbot.waitUntil(lambda: bool(errors))
    assert "does not let clients read or change archiving preferences" in errors[0]
    assert entry.dialog is None
    assert not any(w.objectName() == "archivingPrefs" and w.isVisible()
                   for w in QApplication.topLevelWidgets())  # fmt: skip
    assert "does not let clients" in entry.action.toolTip()


def test_a_stream_that_starts_archived_is_told_once(
    services: Services, make_prosody: Callable[..., ProsodyServer], qtbot: QtBot
) -> None:
    service = services.open(new_account(make_prosody(required_save="body")), Dialect.URN)
    window = QWidget()
    qtbot.addWidget(window)
    entry = PrefsEntry(QAction("Archiving preferences…", window), window, MessageBridge())
    entry.source = lambda: service
    entry.stream_started()

    def notice() -> QMessageBox | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if w.objectName() == "autoArchivingNotice" and w.isVisible()), None)  # type: ignore[return-value]  # fmt: skip

    qtbot.waitUntil(lambda: notice() is not None)
    box = notice()
    assert box is not None
    assert "archiving this connection's messages automatically" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not entry.tasks)
    entry.stream_started()
    qtbot.waitUntil(lambda: not entry.tasks)
    assert notice() is None


# --- in the program, as python -m archiveviewer builds it ------------------------------------


def test_the_window_opens_the_preferences_of_the_connected_account(
    qtbot: QtBot,
    prosody: ProsodyServer,
    tmp_path: Path,
    programs: Programs,  # noqa: F811  (the live tests' fixture: it closes programs properly)
) -> None:
    jid, password = prosody.new_user("romeo")
    workspace = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=prosody.ca_cert)
    store = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    store.set(keys.SYNC_ON_CONNECT, False)
    window = programs(workspace, store).window
    menu = [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]
    assert "archiving_prefs" in menu
    qtbot.waitUntil(lambda: not window.loading)
    action = window.prefs_entry.action
    assert not action.isEnabled()  # the sample: no account, no server, and it says so
    assert "Add your account" in action.toolTip()
    add_account(qtbot, window, prosody, jid, password)
    qtbot.waitUntil(lambda: not window.read_only, timeout=20000)
    qtbot.waitUntil(action.isEnabled)  # once the account's archive is shown
    action.trigger()
    prefs = visible_dialog(qtbot, "archivingPrefs")
    assert isinstance(prefs, PrefsDialog)
    assert "This server speaks" in prefs.speaks.text()
    prefs.reject()
    qtbot.waitUntil(lambda: not window.prefs_entry.tasks)
