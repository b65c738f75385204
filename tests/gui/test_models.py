"""Every model of the window passes Qt's model tester, and shows what the user expects."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon, QPalette
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note
from archiveviewer.errors import KnownError
from archiveviewer.ports.archive import (
    CollectionRow,
    ResultOrder,
    SearchFilters,
    SearchResult,
    ServerPage,
)
from archiveviewer.services.memory import MemoryArchive
from archiveviewer.ui.browser.collections import CollectionListModel, Column
from archiveviewer.ui.browser.contacts import ContactFilterModel, ContactListModel
from archiveviewer.ui.browser.dates import DateTreeModel
from archiveviewer.ui.reader.conversation import ConversationModel
from archiveviewer.ui.roles import HtmlRole, RangeRole
from archiveviewer.ui.search.results import SearchResultsModel, snippet_html
from tests.gui.conftest import TZ

JULIET = "juliet@capulet.example"


def name_of(jid: str) -> str:
    return "Juliet" if jid.startswith(JULIET) else jid


def texts(model: object, column: int = 0) -> list[str]:
    m = model  # a QAbstractItemModel
    return [m.index(r, column).data() for r in range(m.rowCount())]  # type: ignore[attr-defined]


def test_contacts_model_and_filter(qtmodeltester: ModelTester, archive: MemoryArchive) -> None:
    model = ContactListModel()
    model.set_contacts(archive.contacts())
    qtmodeltester.check(model)
    proxy = ContactFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString("famil")  # a roster group
    shown = [line.split("\n")[0] for line in texts(proxy)]
    assert shown == ["Benvolio", "Juliet"]
    proxy.setFilterFixedString("rooms.verona")  # a JID that is not in the roster
    assert [line.split("\n")[0] for line in texts(proxy)] == ["square@rooms.verona.example"]


def test_contact_line_shows_name_jid_groups_and_count(archive: MemoryArchive) -> None:
    model = ContactListModel()
    model.set_contacts(archive.contacts())
    juliet = next(t for t in texts(model) if t.startswith("Juliet"))
    assert juliet == "Juliet\njuliet@capulet.example · Family · Verona · 41 conversations"


def test_date_tree_counts_local_days(qtmodeltester: ModelTester, archive: MemoryArchive) -> None:
    model = DateTreeModel(TZ)
    model.set_counts(archive.day_counts(None, TZ))
    qtmodeltester.check(model)
    years = texts(model)
    assert years == ["2024 (43)", "2023 (1)"]
    y2023 = model.index(1, 0)
    november = model.index(0, 0, y2023)
    assert november.data() == "November (1)"
    # 22:05 UTC on 14 November is 00:05 on the 15th at UTC+2
    day = model.index(0, 0, november)
    assert day.data() == "Wed 15 (1)"
    start, end = day.data(RangeRole)
    assert start == datetime(2023, 11, 14, 22, 0, tzinfo=UTC)
    assert end == datetime(2023, 11, 15, 22, 0, tzinfo=UTC)


def _listed(qtbot: QtBot, model: CollectionListModel) -> None:
    """Wait until the list is counted (in the background) and shown."""
    qtbot.waitUntil(lambda: not model.counting)


def _collection_model(archive: MemoryArchive, page: int) -> CollectionListModel:
    model = CollectionListModel(archive, TZ, name_of, QIcon())
    model.page_size = page
    return model


class _CountingArchive(MemoryArchive):
    """The sample, counting which pages the list reads, and on which thread."""

    def __init__(self, archive: MemoryArchive) -> None:
        super().__init__(archive.collection(i) for i in archive.all_ids())
        self.offsets: list[int] = []
        self.on_ui_thread: set[bool] = set()

    def collections(self, *args: object) -> Sequence[CollectionRow]:
        self.offsets.append(int(args[3]))  # type: ignore[call-overload]
        self.on_ui_thread.add(threading.current_thread() is threading.main_thread())
        return super().collections(*args)  # type: ignore[arg-type]


def _all_read(qtbot: QtBot, model: CollectionListModel) -> list[CollectionId]:
    """Every row's conversation, once the pages asked for have been read."""
    rows = range(model.rowCount())
    for row in rows:
        model.read_header(row)  # asks for its page
    qtbot.waitUntil(lambda: all(model.read_header(r) is not None for r in rows))
    return [model.header(r).collection.id for r in rows]


def test_collection_list_is_as_long_as_the_archive_and_reads_pages_lazily(
    qtmodeltester: ModelTester, qtbot: QtBot, archive: MemoryArchive
) -> None:
    counting = _CountingArchive(archive)
    model = CollectionListModel(counting, TZ, name_of, QIcon())
    model.page_size = 10
    model.show(None, None, None)
    assert model.counting
    assert model.rowCount() == 0
    _listed(qtbot, model)
    # The scrollbar tells the true length at once: no page at a time to reach the end.
    assert model.rowCount() == len(archive.all_ids()) == 44
    assert not model.canFetchMore(QModelIndex())
    assert counting.offsets == [0]  # the first page came with the count: shown at once
    oldest = min(archive.all_ids())
    # The last row, asked for: it says so until its page is read in the background.
    assert model.index(43, Column.CONTACT).data() == "Loading…"
    qtbot.waitUntil(lambda: model.read_header(43) is not None)
    assert model.header(43).collection.id == oldest
    assert model.index(43, Column.CONTACT).data() != "Loading…"
    assert counting.offsets == [0, 40]
    found: list[int | None] = []
    model.find(oldest, found.append)  # its place is counted in the background
    qtbot.waitUntil(lambda: found == [43])
    assert counting.offsets == [0, 40]  # its page was read already
    qtmodeltester.check(model)
    assert _all_read(qtbot, model) == sorted(archive.all_ids(), reverse=True)
    assert counting.on_ui_thread == {False}


def test_a_conversation_not_yet_read_is_found_once_its_place_is_counted(
    qtbot: QtBot, archive: MemoryArchive
) -> None:
    counting = _CountingArchive(archive)
    model = CollectionListModel(counting, TZ, name_of, QIcon())
    model.page_size = 10
    model.show(None, None, None)
    _listed(qtbot, model)
    oldest = min(archive.all_ids())
    found: list[int | None] = []
    model.find(oldest, found.append)
    assert found == []  # counted and read in the background, not here
    qtbot.waitUntil(lambda: found == [43])
    assert counting.on_ui_thread == {False}


def test_collection_row_shows_local_start_subject_lock_and_count(
    qtbot: QtBot, archive: MemoryArchive
) -> None:
    model = _collection_model(archive, 100)
    model.show("friar@church.example", None, None)
    _listed(qtbot, model)
    assert model.index(0, Column.START).data() == "2024-04-01 08:15"  # 06:15 UTC
    assert model.index(0, Column.LOCK).data(Qt.ItemDataRole.ToolTipRole) == "Encrypted"
    assert model.index(0, Column.LOCK).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, Column.MESSAGES).data() == "encrypted"  # not a count until decrypted
    model.show(JULIET, None, datetime(2023, 12, 1, tzinfo=UTC))
    _listed(qtbot, model)
    assert [model.index(0, c).data() for c in Column] == [
        "Juliet",
        "2023-11-15 00:05",
        "At the balcony",
        None,
        "6",
    ]
    assert model.index(0, Column.LOCK).data(Qt.ItemDataRole.DecorationRole) is None


def test_conversation_shows_me_contact_nicks_and_notes(
    qtmodeltester: ModelTester, archive: MemoryArchive
) -> None:
    model = ConversationModel(TZ, name_of)
    qtmodeltester.check(model)
    first = archive.collection(
        CollectionId(datetime(2023, 11, 14, 22, 5, tzinfo=UTC), JULIET + "/balcony")
    )
    model.set_collection(first)
    qtmodeltester.check(model)
    lines = texts(model)
    assert lines[0] == "00:05:00   Juliet: Wherefore art thou?"
    assert lines[1] == "00:05:40   me: Right here, under the balcony."
    assert lines[3] == "00:08:00   Note: She said yes. Remember the orchard wall."
    assert model.index(3, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(3, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    room = archive.collections("square@rooms.verona.example", None, None, 0, 1)[0].collection
    model.set_collection(archive.collection(room.id))
    assert texts(model)[2].endswith("Mercutio: A plague o' both your houses!")
    assert texts(model)[3].endswith("me: Gentlemen, for shame!")


def test_search_results_model(qtmodeltester: ModelTester, archive: MemoryArchive) -> None:
    model = SearchResultsModel(TZ, name_of)
    qtmodeltester.check(model)
    page = archive.search_page("plague houses", SearchFilters(), ResultOrder.NEWEST, None, 10)
    model.set_hits(page.results)
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert "A plague o' both your houses!" in model.index(0, 0).data()
    rich = model.index(0, 0).data(HtmlRole)
    assert "</span> o&#x27; both your <span" in rich
    assert rich.count("<span") == 2  # "plague" and "houses"


def test_snippet_is_escaped_and_highlighted_in_palette_colours() -> None:
    palette = QPalette()
    hit = SearchResult(
        CollectionId(datetime(2024, 1, 1, tzinfo=UTC), JULIET),
        0,
        datetime(2024, 1, 1, tzinfo=UTC),
        JULIET,
        "<script>x</script> & a rose",
        ((19, 20), (23, 27)),
    )
    html = snippet_html(hit, palette)
    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;x&lt;/script&gt; ")
    colour = palette.color(QPalette.ColorRole.Highlight).name()
    assert f"background-color:{colour};" in html
    assert html.count("<span") == 2
    assert ">&amp;</span>" in html
    assert ">rose</span>" in html


def test_memory_archive_search_respects_filters(archive: MemoryArchive) -> None:
    def search(filters: SearchFilters) -> tuple[SearchResult, ...]:
        return archive.search_page("wherefore", filters, ResultOrder.NEWEST, None, 100).results

    everyone = search(SearchFilters())
    assert len(everyone) > 1
    only_2023 = search(SearchFilters(end=datetime(2024, 1, 1, tzinfo=UTC)))
    assert [h.time.date() for h in only_2023] == [date(2023, 11, 14)]
    assert search(SearchFilters(contact="mercutio@verona.example")) == ()
    hit = only_2023[0]
    assert hit.snippet[hit.highlights[0][0] : hit.highlights[0][1]] == "Wherefore"


def test_memory_archive_missing_collection_is_a_known_error(archive: MemoryArchive) -> None:
    from archiveviewer.errors import StoreError

    with pytest.raises(StoreError, match="no longer in the archive"):
        archive.collection(CollectionId(datetime(1999, 1, 1, tzinfo=UTC), JULIET))


def test_messages_count_excludes_notes() -> None:
    t = datetime(2024, 5, 1, tzinfo=UTC)
    c = Collection(
        CollectionId(t, JULIET), items=(Message(Direction.TO, t, "hi"), Note("remember"))
    )
    header = MemoryArchive([c]).collections(None, None, None, 0, 10)[0]
    assert header.messages == 1
    assert header.collection.items == ()


def _header_of(archive: MemoryArchive, collection_id: CollectionId) -> Collection:
    c = archive.collection(collection_id)
    return Collection(c.id, c.subject, c.crypt, c.thread, c.version)


class SlowListing:
    """A ``ServerListing`` whose pages arrive when the test releases them."""

    def __init__(self, collections: list[Collection]) -> None:
        self.newest_first = sorted(collections, key=lambda c: c.id, reverse=True)
        self.requests: list[tuple[str | None, str | None]] = []
        self.release = asyncio.Event()
        self.failure: Exception | None = None

    def needed(self) -> bool:
        return True

    async def page(
        self,
        contact: str | None,
        start: datetime | None,
        end: datetime | None,
        older: str | None,
        limit: int,
    ) -> ServerPage:
        self.requests.append((contact, older))
        await self.release.wait()
        if self.failure is not None:
            raise self.failure
        mine = [c for c in self.newest_first if contact is None or c.with_jid.startswith(contact)]
        first = int(older or 0)
        chunk = mine[first : first + limit]
        more = first + limit < len(mine)
        return ServerPage(chunk, str(first + limit) if more else None)


def test_collection_list_pages_through_the_server_one_request_at_a_time(
    qtbot: QtBot, event_loop_qt: object, archive: MemoryArchive
) -> None:
    listing = SlowListing([_header_of(archive, i) for i in archive.all_ids()])
    errors: list[BaseException] = []
    model = _collection_model(archive, 10)
    model.set_listing(listing, errors.append)
    assert model.from_server
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one request at a time
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: len(listing.requests) == 1)
    assert model.rowCount() == 0
    listing.release.set()
    qtbot.waitUntil(lambda: model.rowCount() == 10)
    assert texts(model, Column.MESSAGES) == [""] * 10  # the server's list does not count them
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.requesting)
    assert model.rowCount() == len(archive.all_ids())
    assert [model.header(r).collection.id for r in range(model.rowCount())] == [
        c.id for c in listing.newest_first
    ]
    assert errors == []


def test_a_page_for_a_query_left_behind_is_dropped_and_a_failure_is_reported(
    qtbot: QtBot, event_loop_qt: object, archive: MemoryArchive
) -> None:
    listing = SlowListing([_header_of(archive, i) for i in archive.all_ids()])
    errors: list[BaseException] = []
    model = _collection_model(archive, 10)
    model.set_listing(listing, errors.append)
    model.fetchMore(QModelIndex())  # everyone's newest page, still on its way
    model.show(JULIET, None, None)
    model.fetchMore(QModelIndex())
    listing.release.set()
    qtbot.waitUntil(lambda: len(listing.requests) == 2 and not model.requesting)
    assert model.rowCount() == 10
    assert {model.header(r).collection.with_jid.split("/")[0] for r in range(10)} == {JULIET}
    listing.failure = KnownError("The server could not list the conversations.")
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: bool(errors))
    assert not model.canFetchMore(QModelIndex())
    assert model.rowCount() == 10


class _PagesFail(MemoryArchive):
    """The sample, whose pages after the first cannot be read (a damaged copy)."""

    def collections(self, *args: object) -> Sequence[CollectionRow]:
        if args[3]:
            raise KnownError("The local copy is damaged.")
        return super().collections(*args)  # type: ignore[arg-type]


def test_a_page_that_cannot_be_read_is_said_once_and_the_rows_read_stay(
    qtbot: QtBot, archive: MemoryArchive
) -> None:
    failing = _PagesFail(archive.collection(i) for i in archive.all_ids())
    model = CollectionListModel(failing, TZ, name_of, QIcon())
    model.page_size = 10
    errors: list[BaseException] = []
    model.set_listing(None, errors.append)
    _listed(qtbot, model)
    assert model.index(43, Column.CONTACT).data() == "Loading…"  # its page is asked for
    qtbot.waitUntil(lambda: not model.busy)
    assert [str(e) for e in errors] == ["The local copy is damaged."]
    model.index(43, Column.CONTACT).data()  # asked again: not read again, not said again
    assert len(errors) == 1
    assert model.index(0, Column.CONTACT).data() == "Juliet"  # the first page stays
