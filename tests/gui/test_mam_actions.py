"""What a message archive (XEP-0313) cannot do is disabled in the window, saying why.

A real replica holds a conversation grouped from the account's message archive
(with bob) and a XEP-0136 collection (with carol); the window reads it through
the real ReplicaReader, so what decides is what the replica says.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import qasync
from pytestqt.qtbot import QtBot

from archiveviewer.domain import ArchivedMessage, Collection, CollectionId, Direction, Message
from archiveviewer.formats.text import export_text
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.store import Replica
from archiveviewer.store.archive_types import ArchivePage, Edge
from archiveviewer.store.archives import ArchiveStore
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import TZ
from tests.gui.fakes import FakeCommands
from tests.gui.test_window import choose_contact, open_row, rows, select_rows, settle
from tests.unit.sync.archive_fakes import ACCOUNT, T0

BOB = "bob@example.net"
CAROL = "carol@example.net"
NO_NOTES = "MAM archives (the server's message archive) cannot keep notes on the server."
NO_REMOVAL = "MAM archives (the server's message archive) cannot remove messages on the server"


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[ReplicaReader]:
    with Replica(tmp_path / "account.sqlite3") as replica:
        said = [
            ArchivedMessage(
                ACCOUNT, f"a{n}", BOB, Message(Direction.FROM, T0 + timedelta(minutes=n), f"hi {n}")
            )
            for n in range(3)
        ]
        ArchiveStore(replica, ConversationRule()).store_page(
            ArchivePage(ACCOUNT, Edge.NEWEST, said, "a0", "a2", True)
        )
        carol = Collection(
            CollectionId(T0 - timedelta(days=1), CAROL),
            items=(Message(Direction.TO, T0 - timedelta(days=1), "hello carol"),),
        )
        replica.replace_collection(carol)
        reader = ReplicaReader(replica, ())
        yield reader
        reader.close()


@pytest.fixture
def window(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop, reader: ReplicaReader, settings: Settings
) -> Iterator[MainWindow]:
    commands = FakeCommands(MemoryArchive([], ()))
    window = MainWindow(
        reader, commands, MessageBridge(), settings, sample=False, tz=TZ,
        conversation_text=export_text,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    settle(window)
    yield window
    window.close()


def row_of(window: MainWindow, jid: str) -> int:
    return next(n for n, shown in enumerate(rows(window, Column.CONTACT)) if jid in shown)


def test_a_message_archive_conversation_cannot_take_notes_subjects_or_removal(
    window: MainWindow,
) -> None:
    open_row(window, row_of(window, BOB))
    select_rows(window, row_of(window, BOB))
    for name in ("add_note", "edit_subject", "delete_selected"):
        assert not window.act[name].isEnabled(), name
    assert NO_NOTES in window.act["add_note"].toolTip()
    assert NO_NOTES in window.act["add_note"].statusTip()
    assert "keep a subject on the server" in window.act["edit_subject"].toolTip()
    assert NO_REMOVAL in window.act["delete_selected"].toolTip()
    assert window.act["copy"].isEnabled()  # reading, copying and exporting stay


def test_a_collection_beside_it_keeps_every_action(window: MainWindow) -> None:
    open_row(window, row_of(window, CAROL))
    select_rows(window, row_of(window, CAROL))
    for name in ("add_note", "edit_subject", "delete_selected"):
        assert window.act[name].isEnabled(), name
    assert window.act["add_note"].toolTip() == "Add a private note to the open conversation"


def test_removing_all_of_a_message_archive_contact_is_disabled_saying_why(
    window: MainWindow,
) -> None:
    choose_contact(window, BOB)
    assert not window.act["delete_contact"].isEnabled()
    assert NO_REMOVAL in window.act["delete_contact"].toolTip()
    choose_contact(window, CAROL)
    assert window.act["delete_contact"].isEnabled()
