"""On a server known to drop notes, "Add note" is disabled and says why.

A real replica holds a XEP-0136 collection; the window reads it through the real
ReplicaReader, which asks the account's connection what its server was seen to
do (``services.server_memory.known_limits``). Known from an earlier run, the
action is disabled from the start; found out now, the window's notice listener
(``app.surfaces.server_notices``) tells the user and disables it at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
import qasync
from pytestqt.qtbot import QtBot

from archiveviewer.app.surfaces import server_notices
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.formats.text import export_text
from archiveviewer.ports.notices import ServerNotice
from archiveviewer.services.accounts import NetworkOpener
from archiveviewer.services.connection import Connection
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.services.server_memory import known_limits
from archiveviewer.store import Replica
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow
from archiveviewer.xmpp.session import AccountSession
from archiveviewer.xmpp.xep_0136 import ServerBehaviour
from tests.gui.conftest import TZ, dialog
from tests.gui.fakes import FakeCommands
from tests.gui.test_window import open_row, settle
from tests.unit.sync.archive_fakes import T0

CAROL = "carol@example.net"
DROPS = "This server accepts notes but does not keep them"
TIP = "Add a private note to the open conversation"


@pytest.fixture
def connection() -> Connection:
    """The account's connection, to a server nothing is known about yet."""
    connection = Connection()
    archive = SimpleNamespace(behaviour=ServerBehaviour())
    connection.network = cast("AccountSession", SimpleNamespace(archive=archive))
    return connection


def drops_notes(connection: Connection) -> None:
    """What the XEP-0136 plugin does when it sees the server drop a note (or was told so)."""
    archive = cast("SimpleNamespace", cast("object", connection.network)).archive
    archive.behaviour = archive.behaviour.with_("drops_notes", True)


@pytest.fixture
def known() -> bool:
    """Whether the server is known to drop notes when the window opens."""
    return False


@pytest.fixture
def window(
    qtbot: QtBot,
    event_loop_qt: qasync.QEventLoop,
    tmp_path: Path,
    settings: Settings,
    connection: Connection,
    known: bool,
) -> Iterator[MainWindow]:
    if known:  # from an earlier run: ServerMemory.attach gave it to the session
        drops_notes(connection)
    with Replica(tmp_path / "account.sqlite3") as replica:
        replica.replace_collection(
            Collection(
                CollectionId(T0, CAROL),
                items=(Message(Direction.TO, T0 + timedelta(seconds=1), "hello carol"),),
            )
        )
        reader = ReplicaReader(replica, (), lambda: known_limits(connection))
        window = MainWindow(
            reader, FakeCommands(MemoryArchive([], ())), MessageBridge(), settings,
            sample=False, tz=TZ, conversation_text=export_text,
        )  # fmt: skip
        qtbot.addWidget(window)
        window.show()
        settle(window)
        open_row(window, 0)
        qtbot.waitUntil(lambda: window.pane.collection is not None)
        yield window
        window.close()
        reader.close()


@pytest.mark.parametrize("known", [True])
def test_add_note_is_disabled_on_a_server_known_to_drop_notes_saying_why(
    window: MainWindow,
) -> None:
    action = window.act["add_note"]
    assert not action.isEnabled()
    assert DROPS in action.toolTip()
    assert DROPS in action.statusTip()
    assert window.act["edit_subject"].isEnabled()  # subjects are kept: only notes go


def test_found_out_now_the_notice_is_shown_and_add_note_disabled_at_once(
    qtbot: QtBot, window: MainWindow, connection: Connection
) -> None:
    action = window.act["add_note"]
    assert action.isEnabled()
    assert action.toolTip() == TIP
    opener = cast("NetworkOpener", SimpleNamespace(noticed=None))
    server_notices(window, opener)
    assert opener.noticed is not None
    drops_notes(connection)
    opener.noticed(ServerNotice("verona.example", "drops_notes", DROPS))
    notice = dialog(qtbot, "serverNotice")
    assert DROPS in notice.text()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not action.isEnabled())  # asked again in the background
    assert DROPS in action.toolTip()
    notice.close()
