"""Save docs/screenshots/note-dropped-disabled.png: "Add note" on a server known to drop notes.

    .venv/bin/python tools/screenshots_notes.py

The window over a throw-away replica with one conversation, its account's server
known (from an earlier run) to drop notes; the Conversation menu open at the
disabled "Add note…" with its tooltip. Runs itself under ``xvfb-run -a``.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import (  # noqa: E402
    OUT,
    choose_contact,
    needs_display,
    private_settings,
    rerun_under_xvfb,
    settle,
)


def main() -> int:
    """Build the window and save the screen with the menu and tooltip."""
    if needs_display():
        return rerun_under_xvfb(__file__)
    from types import SimpleNamespace
    from typing import cast

    from PySide6.QtCore import QLocale, QSettings
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QToolTip

    from archiveviewer.domain import Collection, CollectionId, Direction, Message
    from archiveviewer.formats.text import export_text
    from archiveviewer.services.connection import Connection
    from archiveviewer.services.memory import MemoryArchive
    from archiveviewer.services.replica_reader import ReplicaReader
    from archiveviewer.services.server_memory import known_limits
    from archiveviewer.store import Replica
    from archiveviewer.ui.i18n import install_translators
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.settings import Settings
    from archiveviewer.ui.window import MainWindow
    from archiveviewer.xmpp.session import AccountSession
    from archiveviewer.xmpp.xep_0136 import ServerBehaviour
    from tests.gui.fakes import FakeCommands

    app = QApplication(sys.argv)
    _translators = install_translators(app, QLocale("en"))
    with tempfile.TemporaryDirectory() as work:
        private_settings(Path(work))
        connection = Connection()
        behaviour = ServerBehaviour(drops_notes=True)  # what an earlier run found
        network = SimpleNamespace(archive=SimpleNamespace(behaviour=behaviour))
        connection.network = cast("AccountSession", network)
        start = datetime(2026, 12, 1, 21, 5, tzinfo=UTC)
        lines = ["Wilt thou be gone? It is not yet near day.", "It was the lark."]
        items = tuple(
            Message(Direction.FROM if n % 2 else Direction.TO, start + timedelta(minutes=n), text)
            for n, text in enumerate(lines)
        )
        with Replica(Path(work) / "account.sqlite3") as replica:
            replica.replace_collection(
                Collection(CollectionId(start, "juliet@capulet.lit"), items=items)
            )
            reader = ReplicaReader(replica, (), lambda: known_limits(connection))
            window = MainWindow(
                reader, FakeCommands(MemoryArchive([], ())), MessageBridge(),
                Settings(QSettings(str(Path(work) / "shots.ini"), QSettings.Format.IniFormat)),
                sample=False, tz=UTC, conversation_text=export_text,
            )  # fmt: skip
            window.resize(1200, 780)
            window.show()
            settle(app, 50)
            choose_contact(window, "juliet@capulet.lit")
            settle(app, 30)
            window.collections.setCurrentIndex(window.collection_model.index(0, 0))
            settle(app, 50)
            menu = window.menuBar().actions()[1].menu()  # Conversation
            assert menu is not None
            menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
            settle(app, 20)
            action = window.act["add_note"]
            menu.setActiveAction(action)
            where = menu.mapToGlobal(menu.actionGeometry(action).center())
            QToolTip.showText(where, action.toolTip(), menu)
            window.statusBar().showMessage(action.statusTip())
            settle(app, 50)
            path = OUT / "note-dropped-disabled.png"
            QGuiApplication.primaryScreen().grabWindow(0).copy(0, 0, 1200, 780).save(str(path))
            print(f"wrote {path.relative_to(ROOT)}")
            menu.hide()
            window.close()
            reader.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
