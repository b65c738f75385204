"""Archive browsing: the contacts, their dates, and the list of conversations.

:class:`ArchiveBrowser` builds the three views and keeps what the user chose
in them (a contact, a day or month). It reads the overview in the background
(:mod:`archiveviewer.ui.threads`) and tells the window through signals when a
conversation is chosen or the choice changed; the window places the views.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import Collection, CollectionId, bare_jid
from archiveviewer.ports.archive import ContactRow, ServerListing
from archiveviewer.ui.archive import ShownArchive
from archiveviewer.ui.browser.collections import CollectionListModel
from archiveviewer.ui.browser.contacts import ContactFilterModel, ContactListModel
from archiveviewer.ui.browser.dates import DateNode, DateTreeModel, build_tree
from archiveviewer.ui.browser.table import CollectionTable, collection_table
from archiveviewer.ui.limits import LimitReads
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.roles import ValueRole
from archiveviewer.ui.threads import Background, forget_all
from archiveviewer.ui.widgets import HtmlDelegate, lock_icon


class ArchiveBrowser(QObject):
    """Contacts, then dates, then conversations; the choice made in them."""

    #: The chosen contact, date or selected conversations changed.
    choiceChanged = Signal()
    #: (collection id, its header as the server listed it or None): open it.
    collectionChosen = Signal(object, object)
    #: The contacts just read (a list of ``ContactRow``).
    contactsLoaded = Signal(object)
    #: Days and times are shown in another zone now (a ``tzinfo``, or None: the system's).
    zoneChanged = Signal(object)

    def __init__(
        self, archive: ShownArchive, tz: tzinfo | None, bridge: MessageBridge, window: QWidget
    ) -> None:
        super().__init__(window)
        self._archive = archive
        self._tz = tz
        self._bridge = bridge
        self._names: dict[str, str] = {}
        self.contact: ContactRow | None = None
        self.date: DateNode | None = None
        #: The conversation on screen (the window's pane says; None: nothing open).
        self.opened: Callable[[], CollectionId | None] = lambda: None
        # Call a function once this conversation is on screen (not if another is opened first).
        self.when_shown: Callable[[CollectionId, Callable[[], None]], None] = lambda *_: None
        self._filtering = False
        #: A conversation to select once the list is counted, and what to do then.
        self._wanted: tuple[CollectionId, Callable[[], None]] | None = None
        self._revealing = False  # show_conversation is choosing the contact and dates
        self.background = Background(bridge.error, self)
        # One-off reads: the conversation opened, the older/newer one, the action limits.
        self.reads = Background(bridge.error, self)
        self._pending_row: int | None = None  # chosen before its page was read
        self.limit_reads = LimitReads(self.reads, self.choiceChanged.emit)
        self.contact_model = ContactListModel(window)
        self.contact_filter_model = ContactFilterModel(window)
        self.contact_filter_model.setSourceModel(self.contact_model)
        self.date_model = DateTreeModel(tz, window)
        self.collection_model = CollectionListModel(
            archive.reader, tz, self.name_of, lock_icon(window.palette()), window, bridge.error
        )
        self.collection_model.anchor = self._anchor
        self.contacts_panel = self._build_contacts()
        self.dates_panel = self._build_dates()
        self.collections = self._build_collections(window.fontMetrics().height())
        self._connect_signals()

    # -- building ------------------------------------------------------------------------

    def _build_contacts(self) -> QWidget:
        self.contact_filter = QLineEdit()
        self.contact_filter.setObjectName("contactFilter")
        self.contact_filter.setPlaceholderText(self.tr("Filter contacts"))
        self.contact_filter.setClearButtonEnabled(True)
        self.all_contacts = QPushButton(self.tr("Everyone"))
        self.all_contacts.setToolTip(self.tr("Show conversations with everyone"))
        self.contacts = QListView()
        self.contacts.setObjectName("contacts")
        self.contacts.setModel(self.contact_filter_model)
        self.contacts.setAlternatingRowColors(True)
        self.contacts.setItemDelegate(HtmlDelegate(self.contacts))
        self.contacts.setWordWrap(True)
        self.contacts.setUniformItemSizes(False)
        # Each row's height is measured from its rich text (about a millisecond a
        # row): lay out a few rows at a time between events, or hundreds of
        # contacts freeze the window while they arrive.
        self.contacts.setLayoutMode(QListView.LayoutMode.Batched)
        self.contacts.setBatchSize(20)
        self.contacts.setResizeMode(QListView.ResizeMode.Adjust)
        self.contacts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contacts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        top.addWidget(self.contact_filter, 1)
        top.addWidget(self.all_contacts)
        return _panel(self.tr("Contacts"), top, self.contacts)

    def _build_dates(self) -> QWidget:
        self.all_dates = QPushButton(self.tr("All dates"))
        self.dates = QTreeView()
        self.dates.setObjectName("dates")
        self.dates.setHeaderHidden(True)
        self.dates.setModel(self.date_model)
        self.dates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.all_dates)
        return _panel(self.tr("Dates"), top, self.dates)

    def _build_collections(self, line_height: int) -> CollectionTable:
        return collection_table(self.collection_model, line_height)

    def _connect_signals(self) -> None:
        # contact -> dates -> collections; the window opens the conversation
        self.contact_filter.textChanged.connect(self._filter_contacts)
        self.contacts.selectionModel().currentChanged.connect(self._contact_chosen)
        self.all_contacts.clicked.connect(self._everyone_chosen)
        self.dates.selectionModel().currentChanged.connect(self._date_chosen)
        self.all_dates.clicked.connect(self._all_dates_chosen)
        selection = self.collections.selectionModel()
        selection.currentRowChanged.connect(self._collection_chosen)
        selection.selectionChanged.connect(lambda *_: self.choiceChanged.emit())
        self.collection_model.modelReset.connect(self._listed)
        self.collection_model.rowsRead.connect(self._rows_read)

    # -- state -----------------------------------------------------------------------------

    def name_of(self, jid: str) -> str:
        """The roster name of ``jid``'s bare JID, or the bare JID (a resource is noise here)."""
        bare = bare_jid(jid)
        return self._names.get(bare, bare)

    @property
    def tz(self) -> tzinfo | None:
        """The zone days and times are shown in (None: the system's)."""
        return self._tz

    def set_tz(self, tz: tzinfo | None) -> None:
        """Show days and times in ``tz`` from now on: the days are read again."""
        self._tz = tz
        self.date_model.set_tz(tz)
        self.collection_model.set_tz(tz)
        self._reload_dates()
        self._show_collections()
        self.choiceChanged.emit()
        self.zoneChanged.emit(tz)

    @property
    def loading(self) -> bool:
        """True while contacts, dates, the list or a conversation are read in the background."""
        return self.background.busy or self.collection_model.busy or self.reads.busy

    def reload(self) -> None:
        """Read contacts, dates and the collection list again; keep the chosen contact.

        The contacts (and then the dates) are read in a worker thread: over a
        big replica they take longer than the UI may freeze. The lists fill
        when they arrive.
        """
        self.background.forget("dates")  # read again once the contacts are in
        self.background.run("contacts", self._archive.reader.contacts, self._contacts_loaded)

    def list_from(self, listing: ServerListing | None) -> None:
        """Page through the server's list while the replica has not been synced."""
        self.collection_model.set_listing(listing, self._bridge.error)

    def read_from_archive(self, listing: ServerListing | None) -> None:
        """Forget the choice and list another archive (the one now in ``ShownArchive``)."""
        forget_all(self.background, self.reads)  # the last archive's reads, their errors too
        self.contact, self.date = None, None
        self.collection_model.set_listing(listing, self._bridge.error)
        self.collection_model.set_reader(self._archive.reader)

    def refresh_list(self) -> None:
        """Read the shown conversation list again (a command changed one of them)."""
        self.collection_model.reload()
        self.collection_model.fetchMore(QModelIndex())

    @property
    def archive(self) -> ShownArchive:
        """The archive on screen (what the window's actions ask what is possible)."""
        return self._archive

    def selected_rows(self) -> list[int]:
        """The rows selected in the list, in list order."""
        return sorted({i.row() for i in self.collections.selectionModel().selectedRows()})

    def selected_collections(self) -> list[Collection]:
        """The selected headers read so far, in list order (``selection.read_rows``: all)."""
        rows = (self.collection_model.read_header(r) for r in self.selected_rows())
        return [row.collection for row in rows if row is not None]

    def shutdown(self) -> None:
        """Let go of the archive: wait for the read that is running, drop the others.

        The shown archive reads nothing from now on (its copy is closed next),
        so a signal queued before the window closed finds nothing to read.
        """
        self._archive.let_go()
        self._wanted = None
        self.background.shutdown()
        self.reads.shutdown()
        self.collection_model.let_go(self._archive.reader)

    def _contacts_loaded(self, contacts: Sequence[ContactRow]) -> None:
        previous = self.contact.jid if self.contact else None
        self._names = {c.jid: c.name for c in contacts if c.name}
        self.contact_model.set_contacts(contacts)
        self.contactsLoaded.emit(contacts)
        if not self._select_contact(previous):
            self._contact_chosen(QModelIndex())

    def _select_contact(self, jid: str | None) -> bool:
        """Make ``jid`` the current contact in the list; False if it is not there."""
        index = None if jid is None else self._contact_index(jid)
        if index is None:
            return False
        if self.contacts.currentIndex() == index:
            self._contact_chosen(index)
        else:
            self.contacts.setCurrentIndex(index)  # currentChanged chooses it
        return True

    def _reload_dates(self) -> None:
        """Empty the date tree and read it again in the background."""
        contact = self.contact.jid if self.contact else None
        reader, tz = self._archive.reader, self._tz
        self.date_model.set_tree([])
        self.date = None
        self.background.run(
            "dates", lambda: build_tree(reader.day_counts(contact, tz)), self.date_model.set_tree
        )

    def _show_collections(self) -> None:
        if not self._revealing:
            self._wanted = None  # the user chose another list before the one waited for came
        contact = self.contact.jid if self.contact else None
        start, end = self.date_model.utc_range(self.date) if self.date else (None, None)
        self.collection_model.show(contact, start, end)
        if self.collection_model.canFetchMore(QModelIndex()):
            self.collection_model.fetchMore(QModelIndex())

    # -- navigation -------------------------------------------------------------------------

    def _contact_chosen(self, current: QModelIndex) -> None:
        if self._filtering:
            return  # the filter hid rows and Qt moved the current row: not the user's choice
        self.contact = current.data(ValueRole) if current.isValid() else None
        self._reload_dates()
        self._show_collections()
        self.choiceChanged.emit()

    def _everyone_chosen(self) -> None:
        self.contacts.selectionModel().clear()
        self._contact_chosen(QModelIndex())

    def _date_chosen(self, current: QModelIndex) -> None:
        self.date = self.date_model.node(current)
        self._show_collections()
        self.choiceChanged.emit()

    def _all_dates_chosen(self) -> None:
        self.dates.selectionModel().clear()
        self._date_chosen(QModelIndex())

    def _collection_chosen(self, current: QModelIndex) -> None:
        self._pending_row = None
        if not current.isValid():
            return
        read = self.collection_model.read_header(current.row())
        if read is None:
            self._pending_row = current.row()  # opened once its page is read
            return
        header = read.collection
        if header.id == self.opened():
            return  # on screen already (the list was read again, or the row selected to match)
        listed = header if self.collection_model.from_server else None
        self.collectionChosen.emit(header.id, listed)

    def _filter_contacts(self, text: str) -> None:
        """Filter the contacts shown; the chosen contact stays chosen, shown or not."""
        self._filtering = True
        try:
            self.contact_filter_model.setFilterFixedString(text)
            index = self._contact_index(self.contact.jid) if self.contact else None
            selection = self.contacts.selectionModel()
            if index is None:
                selection.clear()
            else:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._filtering = False

    def _contact_index(self, jid: str) -> QModelIndex | None:
        model = self.contact_filter_model
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(ValueRole).jid.casefold() == jid.casefold():
                return index
        return None

    def show_conversation(
        self, collection_id: CollectionId, then: Callable[[], None] = lambda: None
    ) -> None:
        """Bring the lists in step with this conversation and select its row, which opens it.

        Its contact is chosen, if it is not already (the filter is cleared if
        it hides it); a day or month that does not hold it: all dates. Once the
        list is counted (in the background) its row is selected; one the list
        cannot hold is opened all the same (``collectionChosen``). ``then`` runs
        after, if the conversation is open.
        """
        jid = bare_jid(collection_id.with_jid)
        self._wanted = (collection_id, then)  # counted with the list: its row is known
        self._revealing = True
        try:
            if self.contact is None or self.contact.jid.casefold() != jid.casefold():
                if self._contact_index(jid) is None:
                    self.contact_filter.clear()
                if not self._select_contact(jid):
                    self._everyone_chosen()
            elif self.date is not None and not self._date_holds(collection_id):
                self._all_dates_chosen()
        finally:
            self._revealing = False
        self._listed()  # at once if the list did not change (else when counted)

    def _anchor(self) -> CollectionId | None:
        """The conversation the list will be asked to find: the one waited for, or the open one."""
        return self._wanted[0] if self._wanted is not None else self.opened()

    def _rows_read(self, first: int, last: int) -> None:
        """Rows came in: open the current one if it was chosen before it was read."""
        current, pending = self.collections.currentIndex(), self._pending_row
        if pending is not None and first <= pending <= last and current.row() == pending:
            self._collection_chosen(current)

    def _listed(self) -> None:
        """The list is counted: select the conversation waited for, if one is."""
        wanted = self._wanted
        if wanted is None or self.collection_model.counting:
            return
        self.collection_model.find(wanted[0], lambda row: self._found(wanted, row))

    def _found(self, wanted: tuple[CollectionId, Callable[[], None]], row: int | None) -> None:
        if self._wanted is not wanted:
            return  # the user chose another list meanwhile
        (collection_id, then), self._wanted = wanted, None
        if row is None:
            self.collectionChosen.emit(collection_id, None)
        else:
            self.select_row(row)
        self.when_shown(collection_id, then)

    def select_row(self, row: int) -> None:
        """Make ``row`` the selected and current row of the list, scrolled into view."""
        index = self.collection_model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.collections.selectionModel().setCurrentIndex(
            index, flags | QItemSelectionModel.SelectionFlag.Rows
        )
        self.collections.scrollTo(index)

    def _date_holds(self, collection_id: CollectionId) -> bool:
        if self.date is None:
            return True
        start, end = self.date_model.utc_range(self.date)
        return start <= collection_id.start < end


def _panel(title: str, top: QHBoxLayout, view: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{title}</b>")
    label.setBuddy(view)
    layout.addWidget(label)
    layout.addLayout(top)
    layout.addWidget(view, 1)
    return box
