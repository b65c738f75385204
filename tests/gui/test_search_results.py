"""Search results as a user meets them, over a real replica: who spoke, every hit reachable,
the filters and orders, opening a hit, and a window that never waits for the search."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.ports.archive import ResultOrder, ResultPage, SearchFilters
from archiveviewer.services.replica_reader import ReplicaReader
from archiveviewer.store import Replica
from archiveviewer.ui import settings as keys
from archiveviewer.ui.roles import HtmlRole
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow
from tests.gui.conftest import MakeWindow
from tests.gui.sample_data import ROSTER, sample_collections
from tests.gui.test_window import settle

OWNER = "romeo@montague.example"
#: Juliet says "zounds" this many times in one long conversation: several pages of hits.
CHATTY = 130


def _chatty() -> Collection:
    start = datetime(2024, 6, 1, 20, 0, tzinfo=UTC)
    lines = tuple(
        Message(Direction.FROM, start + timedelta(minutes=n), f"Zounds, line {n} of the night")
        for n in range(CHATTY)
    )
    return Collection(CollectionId(start, "juliet@capulet.example/balcony"), items=lines)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[ReplicaReader]:  # type: ignore[override]
    """The window's tests' sample, in a real replica, plus a long conversation."""
    with Replica(tmp_path / "account.sqlite3") as replica:
        for c in [*sample_collections(), _chatty()]:
            replica.replace_collection(c)
        reader = ReplicaReader(replica, ROSTER)
        yield reader
        reader.close()


@pytest.fixture
def shown(make_window: MakeWindow) -> MainWindow:
    return make_window(None, sample=True, owner=OWNER)


def search(window: MainWindow, qtbot: QtBot, text: str) -> None:
    window.focus_search()
    window.search.field.setText(text)
    qtbot.waitUntil(lambda: not window.search.busy)


def headings(window: MainWindow) -> list[str]:
    model = window.search.model
    return [model.heading(model.hit(row)) for row in range(model.rowCount())]


def test_the_users_own_lines_are_theirs_and_group_chat_hits_name_the_nick(
    shown: MainWindow, qtbot: QtBot
) -> None:
    search(shown, qtbot, '"under the balcony"')
    own = headings(shown)
    assert own
    assert all(h.startswith("romeo · with Juliet · ") for h in own)  # was "Juliet — …"
    search(shown, qtbot, "plague")
    [room] = headings(shown)
    assert room.startswith("Mercutio · in square@rooms.verona.example · ")
    search(shown, qtbot, "daylight")
    [received] = headings(shown)
    assert received.startswith("Mercutio · 2024-03-02 ")  # local time, UTC+2


def test_every_hit_is_reachable_by_scrolling_and_the_total_is_shown(
    shown: MainWindow, qtbot: QtBot
) -> None:
    search(shown, qtbot, "zounds")
    assert shown.search.model.rowCount() < CHATTY  # one page first: no 200-hit wall either
    assert shown.search.summary.text() == f"{CHATTY} results"
    view = shown.search.results

    def scrolled_to_the_end() -> bool:
        view.scrollToBottom()
        return shown.search.model.rowCount() == CHATTY and not shown.search.busy

    qtbot.waitUntil(scrolled_to_the_end)
    times = [shown.search.model.hit(r).time for r in range(CHATTY)]
    assert times == sorted(times, reverse=True)  # newest first, as chat users expect
    assert len(set(times)) == CHATTY


def test_oldest_first_and_best_match_first(shown: MainWindow, qtbot: QtBot) -> None:
    search(shown, qtbot, "wherefore")
    newest = [shown.search.model.hit(r).time for r in range(shown.search.model.rowCount())]
    shown.search.order.setCurrentIndex(shown.search.order.findData(ResultOrder.OLDEST))
    qtbot.waitUntil(lambda: not shown.search.busy)
    oldest = [shown.search.model.hit(r).time for r in range(shown.search.model.rowCount())]
    assert oldest == sorted(newest) != newest
    shown.search.order.setCurrentIndex(shown.search.order.findData(ResultOrder.RELEVANCE))
    qtbot.waitUntil(lambda: not shown.search.busy)
    assert shown.search.model.rowCount() == len(newest)


@pytest.mark.parametrize(
    ("scope", "query", "wanted"),
    [
        ("Messages I sent", "the", "romeo · "),
        ("Messages I received", "the", ("Juliet · ", "Mercutio · ", "Benvolio · ", "Tybalt · ")),
        ("Notes", "orchard", "Note · with Juliet · "),
        ("Subjects", "mab", "Subject · with Mercutio · "),
    ],
)
def test_search_in_sent_received_notes_or_subjects(
    shown: MainWindow, qtbot: QtBot, scope: str, query: str, wanted: str | tuple[str, ...]
) -> None:
    shown.search.scope.setCurrentIndex(shown.search.scope.findText(scope))
    search(shown, qtbot, query)
    found = headings(shown)
    assert found
    assert all(h.startswith(wanted) for h in found)


def test_opening_a_hit_chooses_its_contact_and_conversation(
    shown: MainWindow, qtbot: QtBot
) -> None:
    mercutio = shown.contact_filter_model.match(
        shown.contact_filter_model.index(0, 0), 0, "Mercutio"
    )[0]
    shown.contacts.setCurrentIndex(mercutio)
    qtbot.waitUntil(lambda: not shown.loading)
    search(shown, qtbot, "wherefore")
    hit = shown.search.model.hit(shown.search.model.rowCount() - 1)  # the oldest: not on top
    row = shown.search.model.rowCount() - 1
    shown.search.results.activated.emit(shown.search.model.index(row, 0))
    settle(shown)  # the contact's list is counted, then the row is selected
    assert shown.browser.contact is not None
    assert shown.browser.contact.jid == "juliet@capulet.example"  # not Mercutio still
    current = shown.collections.currentIndex()
    assert shown.collection_model.header(current.row()).collection.id == hit.collection_id
    opened = shown.conversation_model.collection
    assert opened is not None
    assert opened.id == hit.collection_id
    marks = shown.pane.view.extraSelections()
    assert [m.cursor.selectedText().casefold() for m in marks] == ["wherefore"]


def test_a_huge_pasted_query_is_refused_in_a_sentence_not_a_hang(
    shown: MainWindow, qtbot: QtBot
) -> None:
    huge = " OR ".join(f"word{n}" for n in range(11_000))
    search(shown, qtbot, huge)
    assert shown.search.model.rowCount() == 0
    assert shown.search.summary.text() == (
        "The search is longer than 1,000 characters; search for less at a time."
    )
    assert not QApplication.activeModalWidget()


def test_encrypted_conversations_not_searched_are_said(shown: MainWindow, qtbot: QtBot) -> None:
    search(shown, qtbot, "the")
    assert shown.search.unsearched.isVisible()
    assert shown.search.unsearched.text() == (
        "1 encrypted conversation was not searched: only text kept in the local copy is searched."
    )
    shown.search.contact.setCurrentIndex(shown.search.contact.findData("juliet@capulet.example"))
    qtbot.waitUntil(lambda: not shown.search.busy)
    assert not shown.search.unsearched.isVisible()


class GatedReader:
    """The replica reader, but a search for "slow" waits until the test opens the gate."""

    def __init__(self, reader: ReplicaReader) -> None:
        self._reader = reader
        self.gate = threading.Event()
        self.waiting = threading.Event()

    def __getattr__(self, name: str) -> object:
        return getattr(self._reader, name)

    def search_page(
        self,
        query: str,
        filters: SearchFilters,
        order: ResultOrder,
        after: object | None,
        limit: int,
    ) -> ResultPage:
        if query == "slow":
            self.waiting.set()
            assert self.gate.wait(30)
        return self._reader.search_page(query, filters, order, after, limit)


def test_typing_never_waits_for_a_search_and_the_newest_search_wins(
    shown: MainWindow, qtbot: QtBot, archive: ReplicaReader
) -> None:
    gated = GatedReader(archive)
    shown.search.set_reader(gated)  # type: ignore[arg-type]
    try:
        shown.focus_search()
        shown.search.field.setText("slow")
        shown.search.run()
        assert gated.waiting.wait(10)
        # The search is stuck in its thread; the window still takes keys and shows them.
        shown.search.field.clear()
        qtbot.keyClicks(shown.search.field, "plague")
        assert shown.search.field.text() == "plague"
        assert shown.search.summary.text() == "Searching…" or shown.search.timer.isActive()
    finally:
        gated.gate.set()
    qtbot.waitUntil(lambda: not shown.search.busy)
    assert headings(shown)[0].startswith("Mercutio · in square")
    assert shown.search.model.rowCount() == 1  # nothing of "slow" got in


def test_the_sample_finds_the_readmes_good_night(
    make_window: MakeWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from archiveviewer.services.sample import SampleArchive

    sample = SampleArchive()
    try:
        window = make_window(None, sample=True, owner="romeo@montague.lit")
        window.set_archive(sample.reader, None, sample=True)
        qtbot.waitUntil(lambda: not window.loading)
        search(window, qtbot, '"good night"')
        found = headings(window)
        assert len(found) >= 3
        assert {h.split(" · ")[0] for h in found} == {"Juliet", "Friar Laurence"}  # roster names
        assert window.search.summary.text() == f"{len(found)} results"
    finally:
        window.close()
        sample.close()


def test_a_group_chat_result_without_a_nick_is_the_room(archive: ReplicaReader) -> None:
    # Guard of the speaker rule the headings rely on.
    page = archive.search_page("shame", SearchFilters(), ResultOrder.NEWEST, None, 5)
    [hit] = page.results
    assert replace(hit, direction=Direction.FROM).speaker("Romeo", "The square") == "The square"
    assert hit.speaker("Romeo", "The square") == "Romeo"


def test_a_hit_of_a_contact_the_filter_hides_still_opens_in_step(
    shown: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClicks(shown.contact_filter, "Merc")  # only Mercutio is listed
    search(shown, qtbot, "wherefore")
    hit = shown.search.model.hit(0)
    shown.search.results.activated.emit(shown.search.model.index(0, 0))
    settle(shown)
    assert shown.contact_filter.text() == ""
    assert shown.browser.contact is not None
    assert shown.browser.contact.jid == "juliet@capulet.example"
    current = shown.collections.currentIndex()
    assert shown.collection_model.header(current.row()).collection.id == hit.collection_id


def test_words_left_out_of_the_search_are_not_marked(shown: MainWindow, qtbot: QtBot) -> None:
    search(shown, qtbot, '"a plague" -tybalt houses*')
    assert shown.search.words() == ("a", "plague", "houses")
    shown.search.results.activated.emit(shown.search.model.index(0, 0))
    settle(shown)
    marks = [m.cursor.selectedText() for m in shown.pane.view.extraSelections()]
    assert "plague" in marks
    assert "houses" in marks


def test_result_times_follow_the_utc_setting_at_once(
    shown: MainWindow, qtbot: QtBot, settings: Settings
) -> None:
    search(shown, qtbot, "daylight")
    [local] = headings(shown)
    assert local.endswith(" · 2024-03-02 14:00")  # 12:00 UTC, shown at UTC+2
    box = shown.preferences.show()
    utc = box.editors[keys.TIMES_IN_UTC.key]
    assert isinstance(utc, QCheckBox)
    utc.setChecked(True)
    box.accept()
    [in_utc] = headings(shown)  # no new search, no restart: the shown result changed
    assert in_utc.endswith(" · 2024-03-02 12:00")
    painted = shown.search.model.index(0, 0).data(HtmlRole)
    assert "12:00" in painted
    assert "14:00" not in painted
