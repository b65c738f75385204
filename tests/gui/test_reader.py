"""The conversation reader as a user reads in it: names, days, zones, links, encryption, find."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    Note,
)
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.ui.timefmt import format_time
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import MakeWindow, dialog
from tests.gui.fakes import DECRYPTED_TEXT, PASSPHRASE, FakeCommands
from tests.gui.test_window import FRIAR, button, choose_contact, open_row, settle

NURSE = "nurse@capulet.example"
LONG_URL = "https://verona.example/" + "balcony-" * 40 + "plan.html"


def paragraphs(window: MainWindow) -> list[str]:
    """The reader's text, a paragraph (item or day heading) per entry, as the user sees it."""
    window.pane.view.finish()
    doc = window.pane.view.document()
    return [doc.findBlockByNumber(n).text().replace("\xa0", " ") for n in range(doc.blockCount())]


def click_text(window: MainWindow, text: str) -> None:
    """Click the middle of the first place ``text`` is shown, as a user clicks a link."""
    view = window.pane.view
    found = view.document().find(text)
    assert not found.isNull(), text
    found.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(found).center()
    )


def open_only(window: MainWindow, jid: str) -> None:
    choose_contact(window, jid)
    open_row(window, 0)


@pytest.fixture
def nurse(archive: MemoryArchive) -> Collection:
    """A late-night talk over midnight (UTC+2), with a long URL and a note."""
    start = datetime(2024, 5, 1, 21, 50, tzinfo=UTC)
    items = (
        Message(Direction.FROM, start, "Look at this: " + LONG_URL),
        Note("Ask about the ring.", start + timedelta(minutes=5)),
        Message(Direction.TO, start + timedelta(minutes=20), "Tomorrow, then."),
    )
    collection = Collection(CollectionId(start, NURSE), subject="Plans", items=items)
    archive.put(collection)
    return collection


@pytest.fixture
def sealed(archive: MemoryArchive) -> Collection:
    """One encrypted payload: its EncryptedData and the EncryptedKey that carries its key."""
    start = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
    items = (
        EncryptedItem(EncryptedKind.KEY, "<EncryptedKey/>", "romeo-rsa", "k1"),
        EncryptedItem(EncryptedKind.DATA, "<EncryptedData/>", "k1"),
    )
    collection = Collection(CollectionId(start, "tybalt@capulet.example"), crypt=True, items=items)
    archive.put(collection)
    return collection


def test_names_the_user_as_themselves_not_me(make_window: MakeWindow) -> None:
    window = make_window(None, sample=True, owner="romeo@montague.example")
    open_only(window, "mercutio@verona.example")
    text = paragraphs(window)
    assert any(p.endswith("Mercutio: Come, we burn daylight, ho!") for p in text)
    assert any(
        p.endswith("romeo: Peace, peace, Mercutio, peace! Thou talk'st of nothing.") for p in text
    )
    assert not any(" me: " in p for p in text)


def test_sent_received_and_each_nick_look_different(window: MainWindow) -> None:
    open_only(window, "square@rooms.verona.example")
    html = window.pane.view.toHtml()
    colours = {
        who: html.split(f">{who}</span>")[0].rsplit("color:", 1)[1][:7]
        for who in ("Benvolio", "Tybalt", "Mercutio", "me")
    }
    assert len(set(colours.values())) == 4, colours
    assert "font-weight" in html.split(">me</span>")[0].rsplit("<span", 1)[1]  # sent: bold


def test_days_are_separated_and_the_zone_is_shown(nurse: Collection, window: MainWindow) -> None:
    open_only(window, NURSE)
    text = paragraphs(window)
    # 21:50 UTC is 23:50 in UTC+2; the reply 20 minutes later is on the next local day.
    assert text[0] == "Wednesday 1 May 2024 · UTC+02:00"
    assert text[1].startswith("23:50:00")
    assert text[3] == "Thursday 2 May 2024 · UTC+02:00"
    assert text[4].startswith("00:10:00")
    assert "UTC+02:00" in window.conversation_title.text()


def test_hovering_a_time_shows_the_exact_utc(nurse: Collection, window: MainWindow) -> None:
    open_only(window, NURSE)
    view = window.pane.view
    cursor = view.item_cursor(0)
    assert cursor is not None
    cursor.setPosition(cursor.selectionStart() + 2)
    rect = view.cursorRect(cursor)
    assert view.tooltip_at(rect.center().x(), rect.center().y()) == "2024-05-01 21:50:00 UTC"


def test_a_note_shows_in_place_with_its_time(nurse: Collection, window: MainWindow) -> None:
    open_only(window, NURSE)
    assert paragraphs(window)[2] == "23:55:00  ✎ Note: Ask about the ring. — edit · delete"


def test_a_long_url_wraps_and_opens_on_the_desktop(
    nurse: Collection, window: MainWindow, qtbot: QtBot
) -> None:
    opened: list[QUrl] = []

    class Desktop(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url)

    desktop = Desktop()
    QDesktopServices.setUrlHandler("https", desktop, "open")
    try:
        open_only(window, NURSE)
        view = window.pane.view
        qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
        assert view.document().size().width() <= view.viewport().width()
        click_text(window, "balcony-balcony")
        qtbot.waitUntil(lambda: bool(opened))
        assert opened[0].toString() == LONG_URL
    finally:
        QDesktopServices.unsetUrlHandler("https")


def test_one_placeholder_per_encrypted_payload_decrypted_in_place(
    sealed: Collection, window: MainWindow, qtbot: QtBot
) -> None:
    open_only(window, "tybalt@capulet.example")
    text = paragraphs(window)
    assert [p for p in text if "Encrypted message" in p] == [
        "--:--:--  Encrypted message — Decrypt…"
    ]
    assert window.collection_model.index(0, 4).data() == "encrypted"  # no bare "?"
    click_text(window, "Decrypt…")
    ask = dialog(qtbot, "passphrase")
    ask.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
    ask.accept()
    qtbot.waitUntil(lambda: any(p.endswith(DECRYPTED_TEXT) for p in paragraphs(window)))
    assert not any("Encrypted message" in p for p in paragraphs(window))
    assert not window.decrypt_button.isVisible()  # nothing left to decrypt
    assert not window.act["decrypt"].isEnabled()


def test_a_subject_saved_on_a_decrypted_conversation_keeps_it_decrypted(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    open_only(window, FRIAR)
    window.act["decrypt"].trigger()
    ask = dialog(qtbot, "passphrase")
    ask.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
    ask.accept()
    qtbot.waitUntil(lambda: any(p.endswith(DECRYPTED_TEXT) for p in paragraphs(window)))
    window.act["edit_subject"].trigger()
    subject = dialog(qtbot, "askText")
    subject.setTextValue("The potion")  # type: ignore[attr-defined]
    subject.accept()
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    button(box, "Save unencrypted subject").click()
    qtbot.waitUntil(lambda: "The potion" in window.conversation_title.text())
    assert any(p.endswith(DECRYPTED_TEXT) for p in paragraphs(window))
    assert not any("Encrypted message" in p for p in paragraphs(window))


def test_text_can_be_selected_and_copied(window: MainWindow) -> None:
    open_only(window, "mercutio@verona.example")
    view = window.pane.view
    view.setFocus()
    view.selectAll()
    view.copy()
    copied = QApplication.clipboard().text()
    assert "Mercutio: True, I talk of dreams. Queen Mab hath been with you." in copied


def test_find_goes_to_the_next_and_previous_match_and_wraps(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_only(window, "mercutio@verona.example")
    window.act["find_in_conversation"].trigger()
    bar = window.pane.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.field, "peace")

    def where() -> int:
        return window.pane.view.textCursor().blockNumber()

    first = where()
    assert window.pane.view.textCursor().selectedText().lower() == "peace"
    assert bar.find_next()
    assert where() == first
    bar.find_next()
    bar.find_next()
    assert where() == first  # wrapped round to the top
    qtbot.keyClicks(bar.field, "x")
    assert not bar.find_next()
    assert bar.status.text() == "Not found"
    bar.field.clear()
    qtbot.keyClicks(bar.field, "Mercutio")  # lines 1, 2 and 3 of the conversation
    assert where() == 1
    assert bar.find_previous()
    assert where() == 3
    assert bar.find_previous()
    assert where() == 2


def test_opening_a_search_hit_marks_the_words(window: MainWindow, qtbot: QtBot) -> None:
    window.focus_search()
    qtbot.keyClicks(window.search.field, "plague")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    window.search.results.activated.emit(window.search.model.index(0, 0))
    settle(window)
    marks = window.pane.view.extraSelections()
    assert [m.cursor.selectedText() for m in marks] == ["plague"]
    cursor = window.pane.view.textCursor()
    assert cursor.hasSelection()
    assert cursor.selectedText().endswith("A plague o' both your houses!")


def test_before_standard_time_local_time_is_not_local_mean_time() -> None:
    # 1469 in Tokyo: the zone database gives local mean time (+09:18:59); show +09:00.
    assert (
        format_time(datetime(1469, 3, 2, 10, 15, tzinfo=UTC), ZoneInfo("Asia/Tokyo")) == "19:15:00"
    )
