"""The idle gap of message archives is a setting: changing it regroups what the window lists.

A real replica and the real AccountCommands (on a worker of Qt threads, as
the program runs it) hold three messages with Bob ten minutes apart: one
conversation at the default 30 minutes, three at 5; and the contact says how
far back its history is synced.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from archiveviewer.crypto import KeyStore
from archiveviewer.domain import ArchivedMessage, Direction, Message
from archiveviewer.formats.text import export_text
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.store.archive_types import ArchivePage, Edge
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import CONVERSATION_GAP_MINUTES, Settings
from archiveviewer.ui.settings.dialog import SettingsDialog
from archiveviewer.ui.sync.grouping import follow_the_idle_gap
from archiveviewer.ui.threads import QtExecutor
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import TZ
from tests.gui.test_window import rows, settle
from tests.unit.sync.archive_fakes import ACCOUNT, T0

BOB = "bob@example.net"


@dataclass
class Holder:
    idle_gap_minutes: int = 30


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, settings: Settings, event_loop_qt: qasync.QEventLoop
) -> Iterator[MainWindow]:
    worker = Worker(executor=QtExecutor(2))
    with Replica(tmp_path / "account.sqlite3") as replica:
        said = [
            ArchivedMessage(
                ACCOUNT, f"a{n}", BOB, Message(Direction.FROM, T0 + timedelta(minutes=10 * n), "hi")
            )
            for n in range(3)
        ]
        ArchiveStore(replica, ConversationRule()).store_page(
            ArchivePage(ACCOUNT, Edge.NEWEST, said, "a0", "a2", True)
        )
        reader = ReplicaReader(replica, ())
        commands = AccountCommands(replica, KeyStore(tmp_path / "keys"), Connection(), worker)
        window = MainWindow(
            reader, commands, MessageBridge(), settings, sample=False, tz=TZ,
            conversation_text=export_text,
        )  # fmt: skip
        follow_the_idle_gap(window, settings, Holder())
        qtbot.addWidget(window)
        window.show()
        settle(window)
        yield window
        window.close()
        reader.close()
    worker.shutdown()


def test_a_shorter_gap_regroups_the_conversations_the_window_lists(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    assert len(rows(window, Column.START)) == 1
    contact = window.contact_model.index(0, 0).data()
    assert "whole history synced" in contact
    dialog = window.preferences.show()
    assert isinstance(dialog, SettingsDialog)
    gap = dialog.findChild(QSpinBox, "conversationGap")
    assert gap is not None
    assert gap.value() == 30
    gap.setValue(5)
    dialog.accept()
    assert settings.get(CONVERSATION_GAP_MINUTES) == 5
    qtbot.waitUntil(lambda: len(rows(window, Column.START)) == 3, timeout=5000)
    qtbot.waitUntil(lambda: "regrouped: 3 conversations" in window.statusBar().currentMessage())
