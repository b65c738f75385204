"""Notes changed and deleted from the reader; where decrypted text lives, as a setting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.ui.actions import READ_ONLY_REASON
from archiveviewer.ui.settings import KEEP_DECRYPTED, Settings
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import MakeWindow, dialog, no_dialog
from tests.gui.fakes import DECRYPTED_TEXT, PASSPHRASE, FakeCommands
from tests.gui.test_reader import click_text, open_only, paragraphs
from tests.gui.test_window import FRIAR, button, settle

NURSE = "nurse@capulet.example"
KEEP = "Keep decrypted text in the local copy (so it is searchable)"
START = datetime(2024, 5, 1, 21, 50, tzinfo=UTC)


@pytest.fixture
def nurse(archive: MemoryArchive) -> Collection:
    """A late-night talk with a note between two messages."""
    items = (
        Message(Direction.FROM, START, "Where is the ring?"),
        Note("Ask about the ring.", START + timedelta(minutes=5)),
        Message(Direction.TO, START + timedelta(minutes=20), "Tomorrow, then."),
    )
    collection = Collection(CollectionId(START, NURSE), subject="Plans", items=items)
    archive.put(collection)
    return collection


def test_a_note_is_edited_from_the_reader_and_keeps_its_time(
    nurse: Collection, window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    open_only(window, NURSE)
    click_text(window, "edit")
    asked = dialog(qtbot, "askText")
    assert asked.textValue() == "Ask about the ring."  # type: ignore[attr-defined]
    assert "2024-05-01 23:55" in asked.labelText()  # type: ignore[attr-defined]
    asked.setTextValue("Ask about the ring, and the rope.")  # type: ignore[attr-defined]
    asked.accept()
    qtbot.waitUntil(lambda: any("and the rope" in p for p in paragraphs(window)))
    note = nurse.items[1]
    edited = "Ask about the ring, and the rope."
    assert commands.calls[-1] == ("edit_note", (nurse.id, note, edited))
    assert "23:55:00  ✎ Note: Ask about the ring, and the rope. — edit · delete" in paragraphs(
        window
    )


def test_a_note_is_deleted_from_the_reader_once_confirmed(
    nurse: Collection, window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    open_only(window, NURSE)
    click_text(window, "delete")
    box = dialog(qtbot, "confirm")
    assert isinstance(box, QMessageBox)
    assert "Ask about the ring." in box.text()
    assert "2024-05-01 23:55" in box.text()
    button(box, "Delete note").click()
    qtbot.waitUntil(lambda: not any("Note:" in p for p in paragraphs(window)))
    assert ("remove_note", (nurse.id, nurse.items[1])) in commands.calls
    assert any(p.endswith("Tomorrow, then.") for p in paragraphs(window))  # messages stay


def test_the_sample_says_it_is_read_only_instead_of_editing_a_note(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window(None, sample=True)
    open_only(window, "juliet@capulet.example")
    window.open_collection(
        next(c for c in window.archive.reader.collections(None, None, None, 0, 100)
             if c.collection.subject == "At the balcony").collection.id
    )  # fmt: skip
    settle(window)
    told: list[str] = []
    window.bridge.infoShown.connect(told.append)
    click_text(window, "edit")
    click_text(window, "delete")
    qtbot.waitUntil(lambda: len(told) == 2)
    assert told == [READ_ONLY_REASON, READ_ONLY_REASON]  # said in the status bar, no dialog
    assert no_dialog("askText")
    assert no_dialog("confirm")


def _decrypt(window: MainWindow, qtbot: QtBot) -> None:
    open_only(window, FRIAR)
    window.act["decrypt"].trigger()
    ask = dialog(qtbot, "passphrase")
    ask.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
    ask.accept()
    qtbot.waitUntil(lambda: any(p.endswith(DECRYPTED_TEXT) for p in paragraphs(window)))


def test_decrypted_text_stays_in_memory_by_default_and_says_so(
    window: MainWindow, commands: FakeCommands, qtbot: QtBot
) -> None:
    shown: list[str] = []
    window.bridge.infoShown.connect(shown.append)
    _decrypt(window, qtbot)
    assert commands.kept == []  # nothing decrypted written to the local copy
    assert "decrypted in memory only: search does not find it" in window.conversation_title.text()
    assert "in memory only" in shown[-1]


def test_kept_decrypted_text_goes_to_the_local_copy_and_is_forgotten_when_turned_off(
    window: MainWindow, commands: FakeCommands, settings: Settings, qtbot: QtBot
) -> None:
    window.act["settings"].trigger()
    box = dialog(qtbot, "settings")
    keep = next(b for b in box.findChildren(QCheckBox) if b.text() == KEEP)
    assert not keep.isChecked()  # off by default
    keep.setChecked(True)
    box.accept()  # type: ignore[attr-defined]
    assert settings.get(KEEP_DECRYPTED) == 1
    _decrypt(window, qtbot)
    friar = window.pane.collection
    assert friar is not None
    assert commands.kept == [friar.id]
    assert "kept in the local copy, so search finds it" in window.conversation_title.text()
    before = commands.forgotten

    window.act["settings"].trigger()
    box = dialog(qtbot, "settings")
    keep = next(b for b in box.findChildren(QCheckBox) if b.text() == KEEP)
    keep.setChecked(False)
    box.accept()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: commands.forgotten == before + 1)
    assert "decrypted in memory only" in window.conversation_title.text()


def test_the_settings_dialog_explains_the_choice_plainly(window: MainWindow, qtbot: QtBot) -> None:
    window.act["settings"].trigger()
    box = dialog(qtbot, "settings")
    assert KEEP in [b.text() for b in box.findChildren(QCheckBox)]
    explained = " ".join(label.text() for label in box.findChildren(QLabel))
    assert "kept in memory only" in explained
    assert "anyone who can read your files" in explained


def test_times_switch_to_utc_at_once_and_back(
    nurse: Collection, window: MainWindow, qtbot: QtBot
) -> None:
    open_only(window, NURSE)
    assert "23:55:00  ✎ Note: Ask about the ring." in paragraphs(window)[2]  # UTC+2
    utc = "Show times in UTC instead of local time"
    for checked, shown, started, zone in (
        (True, "21:55:00", "21:50", "21:50 UTC"),
        (False, "23:55:00", "23:50", "23:50 UTC+02:00"),
    ):
        window.act["settings"].trigger()
        box = dialog(qtbot, "settings")
        next(b for b in box.findChildren(QCheckBox) if b.text() == utc).setChecked(checked)
        box.accept()  # type: ignore[attr-defined]
        assert paragraphs(window)[2].startswith(f"{shown}  ✎ Note")
        assert window.collection_model.index(0, 1).data() == f"2024-05-01 {started}"
        assert f"started 2024-05-01 {zone}" in window.conversation_title.text()
        qtbot.waitUntil(lambda: not window.loading)
