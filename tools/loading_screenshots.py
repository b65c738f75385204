"""PNGs of the window while it reads the replica, and once it has: docs/screenshots/loading-*.png.

    .venv/bin/python tools/loading_screenshots.py

A replica of 2,000 conversations is read through the program's ``ReplicaReader``,
whose page and conversation reads wait until this script lets them go (as on a
replica of millions, or while a sync writes). The user drags the list to its
end and clicks the last row: the rows there say "Loading…" while their page is
read, then the pane says it is loading the conversation chosen, then shows it.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import needs_display, rerun_under_xvfb, save, settle  # noqa: E402

CONVERSATIONS = 2000


def main() -> int:
    if needs_display():
        return rerun_under_xvfb(__file__)
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from archiveviewer.domain import Collection, CollectionId, Direction, Message
    from archiveviewer.formats.text import export_text
    from archiveviewer.services.replica_reader import ReplicaReader
    from archiveviewer.store import Replica
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.settings import Settings
    from archiveviewer.ui.window import MainWindow

    pages, opening = threading.Event(), threading.Event()
    pages.set()
    opening.set()

    class HeldReader(ReplicaReader):
        """Pages after the first and conversations wait until the script lets them go."""

        def collections(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if args[3]:
                pages.wait(30)
            return super().collections(*args, **kwargs)

        def collection(self, collection_id):  # type: ignore[no-untyped-def]
            opening.wait(30)
            return super().collection(collection_id)

    app = QApplication(sys.argv)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder, Replica(Path(folder) / "r.sqlite3") as replica:
        for n in range(CONVERSATIONS):
            begins = start + timedelta(hours=7 * n)
            jid = ("juliet@capulet.example", "mercutio@verona.example", "nurse@capulet.example")[
                n % 3
            ]
            items = (
                Message(Direction.FROM, begins, f"Conversation {n}: good morrow."),
                Message(Direction.TO, begins + timedelta(minutes=1), "And to you."),
            )
            talk = Collection(CollectionId(begins, jid), f"Day {n}", items=items)
            replica.replace_collection(talk)
        reader = HeldReader(replica)
        store = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(
            reader, None, MessageBridge(), store, sample=False, conversation_text=export_text
        )
        window.resize(1200, 780)
        window.show()
        while window.loading:
            settle(app, 5)
        settle(app)
        window.collections.setFocus()
        pages.clear()
        opening.clear()
        # The scroll bar dragged to the end, the last row clicked (under Xvfb QTest's Ctrl+End
        # does not reach QTableView's cursor, on main too).
        window.collections.scrollToBottom()
        last = window.collection_model.index(window.collection_model.rowCount() - 1, 0)
        window.collections.setCurrentIndex(last)
        settle(app)
        save(window, "loading-list.png")
        pages.set()  # the page comes in: the row chosen by the key is opened, and read
        settle(app)
        save(window, "loading-conversation.png")
        opening.set()
        while window.loading:
            settle(app, 5)
        settle(app)
        save(window, "loading-done.png")
        window.resize(760, 780)  # narrow
        pages.clear()
        opening.clear()
        QTest.keyClick(window.collections, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(window.collections, Qt.Key.Key_PageDown)
        QTest.keyClick(window.collections, Qt.Key.Key_PageDown)
        settle(app)
        save(window, "loading-narrow.png")
        pages.set()
        opening.set()
        while window.loading:
            settle(app, 5)
        window.close()
        reader.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
