"""Save PNGs of the conversation reader into docs/screenshots/reader-*.png, under Xvfb.

    .venv/bin/python tools/reader_screenshots.py

The window shows the sample archive (as on first start) plus a few conversations
made here to show what the reader does with them: a group chat, a long link, one
encrypted payload, notes between messages.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.screenshot_kit import needs_display, rerun_under_xvfb, save  # noqa: E402


def main() -> int:
    if needs_display():
        return rerun_under_xvfb(__file__)
    from PySide6.QtCore import QSettings, QThread
    from PySide6.QtWidgets import QApplication

    from archiveviewer.app import load_sample_archive
    from archiveviewer.formats.sample import SAMPLE_OWNER
    from archiveviewer.formats.text import export_text
    from archiveviewer.services.memory import MemoryArchive
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.settings import Settings
    from archiveviewer.ui.window import MainWindow

    app = QApplication(sys.argv)
    collections, roster = load_sample_archive()
    extra = _extra_conversations()
    with tempfile.TemporaryDirectory() as folder:
        store = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(
            MemoryArchive([*collections, *extra], roster),
            None,
            MessageBridge(),
            store,
            sample=True,
            conversation_text=export_text,
            owner=SAMPLE_OWNER,
        )
        window.resize(1200, 780)
        window.show()

        def settle() -> None:
            for _ in range(30):
                app.processEvents()
                QThread.msleep(10)

        settle()
        newest_sample = max(collections, key=lambda c: len(c.messages))
        shots = (
            ("reader-sample.png", newest_sample.id),
            ("reader-group-chat.png", extra[0].id),
            ("reader-long-url.png", extra[1].id),
            ("reader-encrypted.png", extra[2].id),
            ("reader-notes.png", extra[3].id),
        )
        for name, collection_id in shots:
            window.open_collection(collection_id)
            settle()
            save(window, name)
        window.open_collection(extra[0].id)
        window.pane.open_find()
        window.pane.find_bar.field.setText("plague")
        settle()
        save(window, "reader-find.png")
        window.pane.close_find()
        calendar = window.navigation.open_calendar()  # Ctrl+G: everyone's days
        settle()
        save(calendar, "calendar.png")
        calendar.calendar.setCurrentPage(1469, 7)  # the sample's own month, its days marked
        settle()
        save(calendar, "calendar-1469.png")
        calendar.reject()
        window.focus_search()
        since = window.search.since
        since.setFocus()
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(since, Qt.MouseButton.LeftButton, pos=QPoint(since.width() - 6, 8))
        settle()
        save(since.calendarWidget(), "calendar-search-from.png")
        since.calendarWidget().window().close()
        window.resize(760, 780)  # narrow: the reader still wraps and reads
        window.tabs.setCurrentIndex(0)
        window.open_collection(extra[3].id)
        settle()
        save(window, "reader-narrow.png")
        settings = window.preferences.show()
        settle()
        save(settings, "settings-decrypted-text.png")
        settings.reject()
        window.close()
    return 0


def _extra_conversations() -> list[object]:
    from archiveviewer.domain import (
        Collection,
        CollectionId,
        Direction,
        EncryptedItem,
        EncryptedKind,
        Message,
        Note,
    )

    room = "square@conference.verona.lit"
    start = datetime(1469, 7, 16, 13, 58, tzinfo=UTC)
    said = (
        ("Benvolio", "I pray thee, good Mercutio, let's retire: the day is hot."),
        ("Mercutio", "Thou art like one of those fellows that claps me his sword upon the table."),
        ("Tybalt", "Gentlemen, good den: a word with one of you."),
        ("Mercutio", "And but one word with one of us? Couple it with something."),
        (
            None,
            "Tybalt, the reason that I have to love thee doth much excuse the appertaining rage.",
        ),
        ("Mercutio", "A plague o' both your houses!"),
    )
    items = tuple(
        Message(
            Direction.TO if nick is None else Direction.FROM,
            start + timedelta(minutes=3 * n),
            text,
            nick=nick,
        )
        for n, (nick, text) in enumerate(said)
    )
    group = Collection(CollectionId(start, room), subject="In the square", items=items)
    url_start = datetime(2024, 5, 1, 21, 50, tzinfo=UTC)
    link = "https://verona.example/maps/" + "orchard-wall-" * 12 + "route.html"
    url = Collection(
        CollectionId(url_start, "juliet@capulet.lit/balcony"),
        subject="The way in",
        items=(
            Message(Direction.FROM, url_start, f"Here is the way round the wall: {link}"),
            Message(
                Direction.TO,
                url_start + timedelta(minutes=15),
                "Thank you: see www.verona.example too.",
            ),
            Message(
                Direction.FROM,
                url_start + timedelta(minutes=25),
                "Past midnight already. Good night, good night!",
            ),
        ),
    )
    sealed_start = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
    sealed = Collection(
        CollectionId(sealed_start, "friar@church.lit"),
        subject="Potions",
        crypt=True,
        items=(
            EncryptedItem(EncryptedKind.KEY, "<EncryptedKey/>", "romeo-rsa", "k1"),
            EncryptedItem(EncryptedKind.DATA, "<EncryptedData/>", "k1"),
        ),
    )
    notes_start = datetime(2024, 2, 14, 19, 0, tzinfo=UTC)
    notes = Collection(
        CollectionId(notes_start, "nurse@capulet.lit"),
        subject="Messages for Juliet",
        items=(
            Message(Direction.FROM, notes_start, "What says my lady's man?"),
            Note("She is to meet him at Friar Laurence' cell.", notes_start + timedelta(minutes=2)),
            Message(
                Direction.TO,
                notes_start + timedelta(minutes=4),
                "Bid her devise some means to come to shrift this afternoon.",
            ),
            Note(
                "Ladder of cords by the abbey wall, within this hour.",
                notes_start + timedelta(minutes=6),
            ),
        ),
    )
    return [group, url, sealed, notes]


if __name__ == "__main__":
    sys.exit(main())
