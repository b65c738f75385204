"""Nothing the window does waits on the replica on the UI thread.

Each test holds one of the reader's reads at a gate (as a replica of millions,
a slow disk or a sync's write would), does what a user does, and checks that
the window says it is loading and keeps answering meanwhile; then opens the
gate and checks that what was asked for is shown. Had the read run on the UI
thread, the action would not return until the gate timed out, and the loading
state would never be seen.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime

import pytest
import qasync
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Collection, CollectionId, bare_jid
from archiveviewer.errors import StoreError
from archiveviewer.formats.text import export_text
from archiveviewer.ports.archive import CollectionRow, SearchResult
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.threads import Background
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import TZ, MakeWindow, dialog
from tests.gui.fakes import FakeCommands
from tests.gui.sample_data import ROSTER, sample_collections
from tests.gui.test_live import wait_for
from tests.gui.test_window import button, choose_contact, open_row, settle

JULIET = "juliet@capulet.example"
WHY = "This archive cannot remove messages."


class _Gated(MemoryArchive):
    """The sample, whose reads wait at a gate the test holds, noting the threads they ran on."""

    def __init__(self) -> None:
        super().__init__(sample_collections(), ROSTER)
        self.gates = {name: threading.Event() for name in ("page", "count", "open", "limits")}
        for gate in self.gates.values():
            gate.set()
        self.on_ui_thread: set[str] = set()
        self.limited: set[CollectionId] = set()  # "cannot be removed"

    def _wait(self, name: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_ui_thread.add(name)
        self.gates[name].wait(10)

    def collections(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        offset: int,
        limit: int,
    ) -> Sequence[CollectionRow]:
        self._wait("page")
        return super().collections(contact, start, end, offset, limit)

    def collection_count(
        self, contact: str | None, start: datetime | None, end: datetime | None
    ) -> int:
        self._wait("count")
        return super().collection_count(contact, start, end)

    def collection(self, collection_id: CollectionId) -> Collection:
        self._wait("open")
        return super().collection(collection_id)

    def unavailable(
        self, ids: Sequence[CollectionId], contact: str | None, whole_range: bool = False
    ) -> dict[str, str]:
        self._wait("limits")
        return {"remove": WHY} if self.limited & set(ids) else {}


@pytest.fixture
def gated() -> _Gated:
    return _Gated()


@pytest.fixture
def window(
    qtbot: QtBot, gated: _Gated, settings: Settings, event_loop_qt: qasync.QEventLoop
) -> Iterator[MainWindow]:
    window = MainWindow(
        gated, None, MessageBridge(), settings, sample=False, tz=TZ, conversation_text=export_text
    )
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    settle(window)
    yield window
    for gate in gated.gates.values():
        gate.set()
    window.close()


def _answers(qtbot: QtBot, window: MainWindow) -> None:
    """The window keeps answering: a timer fires, and typing filters the contacts."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])
    window.contact_filter.setText("juli")
    assert window.contact_filter_model.rowCount() == 1
    window.contact_filter.clear()


def test_a_conversation_opens_while_the_window_keeps_answering(
    qtbot: QtBot, window: MainWindow, gated: _Gated
) -> None:
    gated.gates["open"].clear()
    wanted = window.collection_model.header(3).collection
    window.collections.setCurrentIndex(window.collection_model.index(3, 0))
    assert window.pane.collection is None  # not read yet…
    assert window.conversation_title.text().startswith("Loading the conversation with")
    assert not window.act["copy"].isEnabled()  # nothing to act on meanwhile
    _answers(qtbot, window)
    gated.gates["open"].set()
    settle(window)
    assert window.pane.collection is not None
    assert window.pane.collection.id == wanted.id  # …and shown once read
    assert window.act["copy"].isEnabled()
    assert gated.on_ui_thread == set()


def test_a_page_far_down_the_list_is_read_while_the_window_keeps_answering(
    qtbot: QtBot, window: MainWindow, gated: _Gated
) -> None:
    window.collection_model.page_size = 10  # 44 conversations: five pages
    window.collection_model.reload()
    settle(window)
    gated.gates["page"].clear()
    last = window.collection_model.rowCount() - 1
    window.collections.setFocus()
    qtbot.keyClick(window.collections, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.collection_model.index(last, Column.CONTACT).data() == "Loading…"
    assert window.collections.currentIndex().row() == last  # the key moved at once
    _answers(qtbot, window)
    gated.gates["page"].set()
    settle(window)
    oldest = min(c.id for c in sample_collections())
    assert window.collection_model.header(last).collection.id == oldest
    assert window.pane.collection is not None
    assert window.pane.collection.id == oldest  # the row the key chose is opened once read
    assert gated.on_ui_thread == set()


def test_a_hit_in_the_list_shown_is_found_while_the_window_keeps_answering(
    qtbot: QtBot, window: MainWindow, gated: _Gated
) -> None:
    # Everyone's list is shown; the hit's conversation is far down it, not read yet.
    target = min(c.id for c in sample_collections() if bare_jid(c.id.with_jid) == JULIET)
    choose_contact(window, JULIET)
    gated.gates["count"].clear()  # its place in the list is counted in the background
    window.open_hit(SearchResult(target, 0, target.start, JULIET, "hit"))
    assert window.pane.collection is None
    assert window.loading
    _answers(qtbot, window)
    gated.gates["count"].set()
    settle(window)
    assert window.pane.collection is not None
    assert window.pane.collection.id == target
    current = window.collections.currentIndex().row()
    assert window.collection_model.header(current).collection.id == target
    assert gated.on_ui_thread == set()


def test_the_action_limits_are_asked_while_the_window_keeps_answering(
    qtbot: QtBot, window: MainWindow, gated: _Gated
) -> None:
    limited = window.collection_model.header(1).collection.id
    gated.limited.add(limited)
    open_row(window, 0)
    delete = window.act["delete_selected"]
    assert delete.toolTip() != WHY
    gated.gates["limits"].clear()
    window.collections.setCurrentIndex(window.collection_model.index(1, 0))
    _answers(qtbot, window)
    assert delete.toolTip() != WHY  # not known yet: asked in the background
    gated.gates["limits"].set()
    settle(window)
    assert not delete.isEnabled()
    assert delete.toolTip() == WHY  # said once the reader answered
    assert gated.on_ui_thread == set()


def test_older_conversation_is_found_while_the_window_keeps_answering(
    qtbot: QtBot, window: MainWindow, gated: _Gated
) -> None:
    choose_contact(window, JULIET)
    open_row(window, 0)
    newest = window.pane.collection
    assert newest is not None
    gated.gates["count"].clear()
    window.act["older_conversation"].trigger()
    assert window.pane.collection == newest  # still the one on screen…
    _answers(qtbot, window)
    gated.gates["count"].set()
    settle(window)
    assert window.pane.collection is not None
    assert window.pane.collection.id == window.collection_model.header(1).collection.id
    assert gated.on_ui_thread == set()


def test_a_command_awaiting_a_read_gets_its_value_its_error_or_is_cancelled_at_the_close(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop
) -> None:
    errors: list[BaseException] = []
    reads = Background(errors.append)
    on_ui_thread: list[bool] = []

    def read() -> int:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return 42

    def missing() -> int:
        raise StoreError("This conversation is no longer in the local copy.")

    assert wait_for(qtbot, reads.value(read)) == 42
    assert on_ui_thread == [False]
    with pytest.raises(StoreError, match="no longer in the local copy"):
        wait_for(qtbot, reads.value(missing))
    assert errors == []  # the command that asked got the error, not the error dialog
    gate = threading.Event()
    waiting = asyncio.ensure_future(reads.value(lambda: gate.wait(10)))
    qtbot.waitUntil(lambda: reads.busy)
    gate.set()
    reads.shutdown()  # the window closes: nobody is left to show the value to
    qtbot.waitUntil(waiting.done)
    assert waiting.cancelled()


def test_removing_a_selection_of_rows_not_read_yet_names_them_all_once_read(
    qtbot: QtBot, make_window: MakeWindow, commands: FakeCommands
) -> None:
    window = make_window(commands)
    window.collection_model.page_size = 10  # 44 conversations: five pages
    window.collection_model.reload()
    settle(window)
    window.collections.setFocus()
    window.collections.selectAll()  # Ctrl+A: rows nobody has looked at are selected too
    window.act["delete_selected"].trigger()
    question = dialog(qtbot, "confirm")
    assert isinstance(question, QMessageBox)
    assert question.text().startswith("Remove these 44 conversations from the server?")
    button(question, "Remove from server").click()
    qtbot.waitUntil(lambda: any(call[0] == "remove_collections" for call in commands.calls))
    removed = next(call[1] for call in commands.calls if call[0] == "remove_collections")
    assert sorted(removed) == sorted(c.id for c in sample_collections())


def test_quick_presses_of_older_each_move_one_conversation_while_reads_wait(
    qtbot: QtBot, window: MainWindow, gated: _Gated
) -> None:
    """Three presses while the list's count is held: each moves one, none is left waiting.

    (Once the first step was shown, its limits read kept the browser loading, and the
    presses that came meanwhile were put back in the queue with nothing left to start them.)
    """
    from tests.gui.test_window import choose_contact, open_row

    choose_contact(window, JULIET)
    open_row(window, 0)
    rows = window.collection_model.rowCount()
    gated.gates["count"].clear()
    for _ in range(3):
        window.act["older_conversation"].trigger()
    gated.gates["count"].set()
    order = [window.collection_model.header(r).collection.id for r in range(rows)]
    qtbot.waitUntil(lambda: window.pane.collection is not None
                    and order.index(window.pane.collection.id) == 3)  # fmt: skip
    settle(window)
    assert order.index(window.pane.collection.id) == 3


def test_a_page_that_cannot_be_read_ends_what_waits_for_the_selection(
    qtbot: QtBot, window: MainWindow, gated: _Gated
) -> None:
    """Remove or Export of a selection over a page that fails: said once, and nothing done.

    (Before, ``read_rows`` waited for that page for ever: the command silently did nothing.)
    """
    from archiveviewer.ui.browser.selection import read_rows

    model = window.collection_model
    model.page_size = 10
    model.reload()
    settle(window)
    real = type(gated).collections
    failed: list[int] = []

    def flaky(self, contact, start, end, offset, limit):  # type: ignore[no-untyped-def]
        if offset == 40 and not failed:
            failed.append(offset)
            raise StoreError("The local copy is busy.")
        return real(self, contact, start, end, offset, limit)

    said: list[str] = []
    window.bridge.errorShown.connect(lambda text, _detail: said.append(text))
    type(gated).collections = flaky  # type: ignore[method-assign]
    try:
        task = asyncio.ensure_future(read_rows(model, list(range(model.rowCount()))))
        qtbot.waitUntil(task.done)
    finally:
        type(gated).collections = real  # type: ignore[method-assign]
    assert failed == [40]
    assert task.cancelled()
    assert said == ["The local copy is busy."]  # said once
