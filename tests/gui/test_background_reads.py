"""The window reads its overview (contacts, dates) in the background, from a real replica."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from archiveviewer.formats.text import export_text
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.store import Replica
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import TZ
from tests.gui.sample_data import ROSTER, sample_collections

JULIET = "juliet@capulet.example"
MERCUTIO = "mercutio@verona.example"


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[ReplicaReader]:
    with Replica(tmp_path / "account.sqlite3") as replica:
        for c in sample_collections():
            replica.replace_collection(c)
        reader = ReplicaReader(replica, ROSTER)
        yield reader
        reader.close()


@pytest.fixture
def window(qtbot: QtBot, reader: ReplicaReader, settings: Settings) -> Iterator[MainWindow]:
    window = MainWindow(
        reader, None, MessageBridge(), settings, sample=False, tz=TZ, conversation_text=export_text
    )
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()  # ends the worker before the replica closes


def year_labels(window: MainWindow) -> list[str]:
    model = window.date_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_contacts_dates_and_list_appear_once_read_in_the_background(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: not window.loading)
    jids = {window.contact_model.contact(r).jid for r in range(window.contact_model.rowCount())}
    assert {JULIET, MERCUTIO} <= jids
    assert year_labels(window) == ["2024 (43)", "2023 (1)"]
    assert window.collection_model.rowCount() > 0


def test_choosing_contacts_quickly_shows_the_dates_of_the_last_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: not window.loading)
    model = window.contact_filter_model
    tips = [model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    for jid in (JULIET, MERCUTIO):  # no waiting in between: Juliet's dates arrive stale
        row = tips.index(jid)
        window.contacts.setCurrentIndex(model.index(row, 0))
    qtbot.waitUntil(lambda: not window.loading)
    assert year_labels(window) == ["2024 (1)"]
    subjects = [
        window.collection_model.index(r, Column.SUBJECT).data()
        for r in range(window.collection_model.rowCount(QModelIndex()))
    ]
    assert subjects == ["Queen Mab"]
