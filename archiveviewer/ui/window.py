"""The archive browser window: contacts, dates, conversations, search.

Widgets are built in ``_build_*``, wired to each other in ``_connect_signals``
only, and every message to the user goes through the :class:`MessageBridge`.
Command actions are ``async`` (qasync slots): dialogs are awaited with
``open()``, the network is awaited, and the UI thread never blocks. Widgets are
touched only from the UI thread; commands report back through awaited values.
"""

from __future__ import annotations

import asyncio
import functools
import html
import itertools
import time
from collections.abc import Callable, Coroutine
from datetime import tzinfo
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import Collection, CollectionId, bare_jid, with_whom
from archiveviewer.errors import HostUnreachable, KnownError, Timeout, UntrustedCertificate
from archiveviewer.ports.accounts import Account, AccountOpener, PasswordKeeper
from archiveviewer.ports.archive import (
    ArchiveCommands,
    ArchiveReader,
    ContactRow,
    ConversationText,
    SearchResult,
    ServerListing,
    SyncProgress,
)
from archiveviewer.ui import removal, settings
from archiveviewer.ui.account import AccountDialog, CertificateDialog
from archiveviewer.ui.actions import Actions
from archiveviewer.ui.background import Background
from archiveviewer.ui.dialogs import ErrorDialog, PassphraseDialog, ask, ask_text, confirm
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.models.collections import CollectionListModel, Column
from archiveviewer.ui.models.contacts import ContactFilterModel, ContactListModel
from archiveviewer.ui.models.conversation import ConversationModel
from archiveviewer.ui.models.dates import DateNode, DateTreeModel, build_tree
from archiveviewer.ui.models.roles import ValueRole
from archiveviewer.ui.models.timefmt import format_day_time
from archiveviewer.ui.search_panel import SearchPanel
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.widgets import HtmlDelegate, lock_icon

SAMPLE_BANNER = "This is a sample archive. Add your account to see your own history."
#: While a sync runs, the list is read again at most this often (seconds).
SYNC_REFRESH_SECONDS = 1.0
SUBJECT_WARNING = (
    "The subject is not encrypted. The messages of this conversation are encrypted, but "
    "XEP-0136 keeps the subject as plain text: anyone who can read your archive on the "
    "server can read it.\n\nSave this subject unencrypted?"
)


def action_slot(method: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., Any]:
    """A qasync slot that sends any failure to the window's bridge instead of the console.

    Called directly it returns the task it started, which tests can await.
    """

    @functools.wraps(method)
    async def wrapper(self: MainWindow, *args: Any) -> None:
        try:
            await method(self, *args)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # the one place async actions report failures
            self.bridge.error(error)

    slot: Callable[..., Any] = qasync.asyncSlot()(wrapper)
    return slot


class MainWindow(QMainWindow):
    """Browse, search and look after one archive.

    ``commands`` is None for a read-only archive (the sample): the actions
    that need the server are then disabled and say why.
    """

    def __init__(
        self,
        reader: ArchiveReader,
        commands: ArchiveCommands | None,
        bridge: MessageBridge,
        store: Settings,
        *,
        sample: bool,
        tz: tzinfo | None = None,
        passwords: PasswordKeeper | None = None,
        opener: AccountOpener | None = None,
        conversation_text: ConversationText,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("archiveviewer")
        self.bridge = bridge
        self._reader = reader
        self._conversation_text = conversation_text
        self._commands = commands
        self._settings = store
        self._sample = sample
        self._tz = tz
        self._passwords = passwords
        self._opener = opener
        self._unlocked = False
        self._names: dict[str, str] = {}
        self._contact: ContactRow | None = None
        self._date: DateNode | None = None
        self.sync_task: asyncio.Future[Any] | None = None
        self._sync_cancelled = False
        self._sync_refreshed = 0.0
        self._sync_shown = 0
        self.act = Actions(self)
        self.background = Background(self.bridge.error, self)
        self._build_models()
        self._build_widgets()
        self._build_menus()
        self._connect_signals()
        self._set_tab_order()
        self._restore()
        self.reload()

    # -- building ------------------------------------------------------------------------

    def _build_models(self) -> None:
        self.contact_model = ContactListModel(self)
        self.contact_filter_model = ContactFilterModel(self)
        self.contact_filter_model.setSourceModel(self.contact_model)
        self.date_model = DateTreeModel(self._tz, self)
        self.collection_model = CollectionListModel(
            self._reader, self._tz, self.name_of, lock_icon(self.palette()), self
        )
        self.conversation_model = ConversationModel(self._tz, self.name_of, self)

    def _build_widgets(self) -> None:
        self.banner = self._build_banner()
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("leftSplitter")
        self.left.addWidget(self._build_contacts())
        self.left.addWidget(self._build_dates())
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setObjectName("rightSplitter")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_collections(), "&Conversations")
        self.search = SearchPanel(
            self._reader,
            self._tz,
            self.name_of,
            self.bridge,
            self._settings.get(settings.SEARCH_DELAY_MS),
        )
        self.tabs.addTab(self.search, "Searc&h")
        self.right.addWidget(self.tabs)
        self.right.addWidget(self._build_conversation())
        self.right.setSizes([300, 400])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 720])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_status_bar()

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("banner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(banner.palette().ColorRole.AlternateBase)
        self.banner_label = QLabel(SAMPLE_BANNER)
        self.banner_label.setWordWrap(True)
        self.banner_button = QPushButton("Add account…")
        layout = QHBoxLayout(banner)
        layout.addWidget(self.banner_label, 1)
        layout.addWidget(self.banner_button)
        return banner

    def _build_contacts(self) -> QWidget:
        self.contact_filter = QLineEdit()
        self.contact_filter.setObjectName("contactFilter")
        self.contact_filter.setPlaceholderText("Filter contacts")
        self.contact_filter.setClearButtonEnabled(True)
        self.all_contacts = QPushButton("Everyone")
        self.all_contacts.setToolTip("Show conversations with everyone")
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
        return _panel("Contacts", top, self.contacts)

    def _build_dates(self) -> QWidget:
        self.all_dates = QPushButton("All dates")
        self.dates = QTreeView()
        self.dates.setObjectName("dates")
        self.dates.setHeaderHidden(True)
        self.dates.setModel(self.date_model)
        self.dates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.all_dates)
        return _panel("Dates", top, self.dates)

    def _build_collections(self) -> QWidget:
        # A table, not a tree: QTreeView lays out every row again on each page
        # that arrives (O(rows)), which stalls the UI for tenths of a second
        # once 100,000 conversations are listed; QTableView does not.
        self.collections = QTableView()
        self.collections.setObjectName("collections")
        self.collections.setModel(self.collection_model)
        self.collections.setShowGrid(False)
        self.collections.setWordWrap(False)
        self.collections.setCornerButtonEnabled(False)
        self.collections.setAlternatingRowColors(True)
        self.collections.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.collections.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.collections.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.collections.setTabKeyNavigation(False)
        rows = self.collections.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.collections.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.LOCK, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.LOCK, 28)
        header.resizeSection(Column.CONTACT, 180)
        header.resizeSection(Column.START, 140)
        return self.collections

    def _build_conversation(self) -> QWidget:
        self.conversation_title = QLabel("Choose a conversation to read it.")
        self.conversation_title.setObjectName("conversationTitle")
        self.conversation_title.setWordWrap(True)
        self.conversation_title.setTextFormat(Qt.TextFormat.RichText)
        self.decrypt_button = QPushButton("Decrypt…")
        self.decrypt_button.setVisible(False)
        self.conversation = QListView()
        self.conversation.setObjectName("conversation")
        self.conversation.setModel(self.conversation_model)
        self.conversation.setWordWrap(True)
        self.conversation.setUniformItemSizes(False)
        self.conversation.setResizeMode(QListView.ResizeMode.Adjust)
        self.conversation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conversation.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        top.addWidget(self.conversation_title, 1)
        top.addWidget(self.decrypt_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.conversation, 1)
        return box

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("%v of %m")
        self.cancel_sync = QPushButton("Cancel")
        self.cancel_sync.setObjectName("cancelSync")
        self.connection = QLabel()
        self.connection.setObjectName("connectionStatus")
        bar.addPermanentWidget(self.connection)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_sync)
        self.progress.hide()
        self.cancel_sync.hide()

    def _build_menus(self) -> None:
        a = self.act
        archive = self.menuBar().addMenu("&Archive")
        for name in ("add_account", "sync", "export", "copy", "quit"):
            archive.addAction(a[name])
        edit = self.menuBar().addMenu("&Conversation")
        for name in ("find", "decrypt", "add_note", "edit_subject"):
            edit.addAction(a[name])
        edit.addSeparator()
        for name in ("delete_selected", "delete_dates", "delete_contact"):
            edit.addAction(a[name])
        # Archiving preferences (issue #14): the action, its dialog and the warning about
        # automatic archiving live in ui/prefs/; app.py gives the entry its source.
        from archiveviewer.ui.prefs import PrefsEntry

        self.prefs_entry = PrefsEntry(self, self.bridge)
        archive.insertAction(a["quit"], self.prefs_entry.action)
        for menu in (archive, edit):
            menu.setToolTipsVisible(True)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        for name in ("sync", "decrypt", "add_note", "edit_subject", "delete_selected", "export"):
            toolbar.addAction(a[name])
        self.dates.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.dates.addAction(a["delete_dates"])
        self.contacts.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.contacts.addAction(a["delete_contact"])
        self.collections.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for name in ("delete_selected", "add_note", "edit_subject", "export"):
            self.collections.addAction(a[name])

    def _connect_signals(self) -> None:
        # messages to the user
        self.bridge.infoShown.connect(self._show_info)
        self.bridge.errorShown.connect(self._show_error)
        # navigation: contact -> dates -> collections -> conversation
        self.contact_filter.textChanged.connect(self.contact_filter_model.setFilterFixedString)
        self.contacts.selectionModel().currentChanged.connect(self._contact_chosen)
        self.all_contacts.clicked.connect(self._everyone_chosen)
        self.dates.selectionModel().currentChanged.connect(self._date_chosen)
        self.all_dates.clicked.connect(self._all_dates_chosen)
        self.collections.selectionModel().currentRowChanged.connect(self._collection_chosen)
        self.collections.selectionModel().selectionChanged.connect(self._update_actions)
        self.search.hitActivated.connect(self.open_hit)
        # actions
        a = self.act
        a["add_account"].triggered.connect(self.add_account)
        self.banner_button.clicked.connect(self.add_account)
        a["sync"].triggered.connect(self.sync)
        self.cancel_sync.clicked.connect(self.cancel_running_sync)
        a["decrypt"].triggered.connect(self.decrypt)
        self.decrypt_button.clicked.connect(self.decrypt)
        a["add_note"].triggered.connect(self.add_note)
        a["edit_subject"].triggered.connect(self.edit_subject)
        a["delete_selected"].triggered.connect(self.delete_selected)
        a["delete_dates"].triggered.connect(self.delete_dates)
        a["delete_contact"].triggered.connect(self.delete_contact)
        a["copy"].triggered.connect(self.copy_conversation)
        a["export"].triggered.connect(self.export_conversation)
        a["find"].triggered.connect(self.focus_search)
        a["quit"].triggered.connect(self.close)

    def _set_tab_order(self) -> None:
        chain = [
            self.contact_filter,
            self.all_contacts,
            self.contacts,
            self.all_dates,
            self.dates,
            self.tabs,
            self.collections,
            self.search.field,
            self.search.contact,
            self.search.since,
            self.search.until,
            self.search.results,
            self.decrypt_button,
            self.conversation,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- state -------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when there is no server to send commands to."""
        return self._commands is None

    def name_of(self, jid: str) -> str:
        """The roster name of ``jid``'s bare JID, or the bare JID (a resource is noise here)."""
        bare = bare_jid(jid)
        return self._names.get(bare, bare)

    @property
    def loading(self) -> bool:
        """True while contacts or dates are being read in the background."""
        return self.background.busy

    def reload(self) -> None:
        """Read contacts, dates and the collection list again; keep the chosen contact.

        The contacts (and then the dates) are read in a worker thread: over a
        big replica they take longer than the UI may freeze. The lists fill
        when they arrive.
        """
        self.banner.setVisible(self._sample)
        self.background.forget("dates")  # read again once the contacts are in
        self.background.run("contacts", self._reader.contacts, self._contacts_loaded)

    def _contacts_loaded(self, contacts: list[ContactRow]) -> None:
        previous = self._contact.jid if self._contact else None
        self._names = {c.jid: c.name for c in contacts if c.name}
        self.contact_model.set_contacts(contacts)
        self.search.set_contacts(contacts)
        if not self._select_contact(previous):
            self._contact_chosen(QModelIndex())

    def _select_contact(self, jid: str | None) -> bool:
        """Make ``jid`` the current contact in the list; False if it is not there."""
        model = self.contact_filter_model
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            contact = index.data(ValueRole)
            if jid is not None and contact.jid == jid:
                if self.contacts.currentIndex() == index:
                    self._contact_chosen(index)
                else:
                    self.contacts.setCurrentIndex(index)  # currentChanged chooses it
                return True
        return False

    def set_archive(
        self,
        reader: ArchiveReader,
        commands: ArchiveCommands | None,
        sample: bool,
        listing: ServerListing | None = None,
    ) -> None:
        """Browse another archive (after adding an account).

        Given the archive already shown (the same account, now connected),
        it keeps what the user chose and reads the archive again. With a
        ``listing``, the conversation list pages through the server while
        the replica has not been synced yet.
        """
        if reader is self._reader and not sample:
            self._commands, self._sample = commands, sample
            self.collection_model.set_listing(listing, self.bridge.error)
            self.reload()
            self._update_actions()
            return
        self._reader, self._commands, self._sample = reader, commands, sample
        self._unlocked = False
        self._contact, self._date = None, None
        self.collection_model.set_listing(listing, self.bridge.error)
        self.collection_model.set_reader(reader)
        self.search.set_reader(reader)
        self.conversation_model.set_collection(None)
        self.reload()

    def _reload_dates(self) -> None:
        """Empty the date tree and read it again in the background."""
        contact = self._contact.jid if self._contact else None
        reader, tz = self._reader, self._tz
        self.date_model.set_tree([])
        self._date = None
        self.background.run(
            "dates", lambda: build_tree(reader.day_counts(contact, tz)), self.date_model.set_tree
        )

    def _show_collections(self) -> None:
        contact = self._contact.jid if self._contact else None
        start, end = self.date_model.utc_range(self._date) if self._date else (None, None)
        self.collection_model.show(contact, start, end)
        if self.collection_model.canFetchMore(QModelIndex()):
            self.collection_model.fetchMore(QModelIndex())

    def _update_actions(self) -> None:
        opened = self.conversation_model.collection
        available = {
            "decrypt": bool(opened and opened.crypt),
            "add_note": opened is not None,
            "edit_subject": opened is not None,
            "delete_selected": bool(self.selected_collections()),
            "delete_dates": self._date is not None,
            "delete_contact": self._contact is not None and self._contact.collections > 0,
            "copy": opened is not None,
            "export": opened is not None,
            "sync": self.sync_task is None,
        }
        self.act.update(available, self.read_only)
        self.decrypt_button.setEnabled(self.act["decrypt"].isEnabled())
        self.decrypt_button.setToolTip(self.act["decrypt"].toolTip())

    def selected_collections(self) -> list[Collection]:
        """The collection headers selected in the list, in list order."""
        rows = sorted({i.row() for i in self.collections.selectionModel().selectedRows()})
        return [self.collection_model.header(r).collection for r in rows]

    # -- navigation -------------------------------------------------------------------------

    def _contact_chosen(self, current: QModelIndex) -> None:
        self._contact = current.data(ValueRole) if current.isValid() else None
        self._reload_dates()
        self._show_collections()
        self._update_actions()

    def _everyone_chosen(self) -> None:
        self.contacts.selectionModel().clear()
        self._contact_chosen(QModelIndex())

    def _date_chosen(self, current: QModelIndex) -> None:
        self._date = self.date_model.node(current)
        self._show_collections()
        self._update_actions()

    def _all_dates_chosen(self) -> None:
        self.dates.selectionModel().clear()
        self._date_chosen(QModelIndex())

    def _collection_chosen(self, current: QModelIndex) -> None:
        if not current.isValid():
            return
        header = self.collection_model.header(current.row()).collection
        listed = header if self.collection_model.from_server else None
        self.open_collection(header.id, listed)

    def open_collection(
        self, collection_id: CollectionId, listed: Collection | None = None
    ) -> Collection | None:
        """Show the conversation; fetch it from the server first if its items are missing.

        ``listed`` is its header as the server listed it, for a conversation
        the replica may not hold yet.
        """
        try:
            collection = self._reader.collection(collection_id)
        except KnownError as error:
            if listed is None or self._commands is None:
                self.bridge.error(error)
                return None
            collection = listed
        self._show_conversation(collection)
        if not collection.items and self._commands is not None:
            self.retrieve(collection_id)
        return collection

    def _show_conversation(self, collection: Collection | None) -> None:
        self.conversation_model.set_collection(collection)
        self.conversation_title.setText(self._title(collection) if collection else "")
        self.decrypt_button.setVisible(bool(collection and collection.crypt))
        self._update_actions()

    def _title(self, c: Collection) -> str:
        subject = html.escape(c.subject) if c.subject else "<i>No subject</i>"
        who = html.escape(with_whom(self.name_of(c.with_jid), c.with_jid))
        when = html.escape(format_day_time(c.start, self._tz))
        lock = " · encrypted" if c.crypt else ""
        return f"<h3>{subject}</h3>with {who} · started {when}{lock}"

    def open_hit(self, hit: SearchResult) -> None:
        """Open the hit's collection, scrolled to its message and highlighted."""
        if self.open_collection(hit.collection_id) is None:
            return
        index = self.conversation_model.index(hit.ordinal, 0)
        if not index.isValid():
            return
        selection = self.conversation.selectionModel()
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.conversation.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.conversation.setFocus()

    def focus_search(self) -> None:
        """Show the search tab with the cursor in its field."""
        self.tabs.setCurrentWidget(self.search)
        self.search.focus_field()

    # -- messages -----------------------------------------------------------------------------

    def _show_info(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _show_error(self, text: str, details: str) -> None:
        ErrorDialog(text, details, self).open()

    # -- commands (async, never blocking) -------------------------------------------------------

    def _server(self) -> ArchiveCommands:
        if self._commands is None:
            raise KnownError("This archive is read-only.")
        return self._commands

    @action_slot
    async def retrieve(self, collection_id: CollectionId) -> None:
        """Fetch a collection's items from the server and show them."""
        self.bridge.info("Fetching the conversation from the server…")
        await self._server().retrieve(collection_id)
        current = self.conversation_model.collection
        if current is not None and current.id == collection_id:
            self._show_conversation(self._reader.collection(collection_id))
        self.bridge.info("Conversation fetched.")

    @action_slot
    async def decrypt(self) -> None:
        """Decrypt the open conversation, asking for the passphrase once per session."""
        opened = self.conversation_model.collection
        if opened is None or not opened.crypt:
            return
        commands = self._server()
        if not self._unlocked:
            dialog = PassphraseDialog(self)
            passphrase = dialog.passphrase.text
            if await ask(dialog) != PassphraseDialog.DialogCode.Accepted:
                return
            await commands.unlock(passphrase())
            self._unlocked = True
        decrypted = await commands.decrypt(opened.id)
        if self.conversation_model.collection is not None and (
            self.conversation_model.collection.id == opened.id
        ):
            self._show_conversation(decrypted)
        self.bridge.info("Conversation decrypted.")

    @action_slot
    async def add_note(self) -> None:
        """Add a private note to the open conversation."""
        opened = self.conversation_model.collection
        if opened is None:
            return
        text = await ask_text(
            self, "Add note", "A private note, kept with this conversation:", "", True
        )
        if not text or not text.strip():
            return
        await self._server().add_note(opened.id, text.strip())
        self._after_change(opened.id, "Note added.")

    @action_slot
    async def edit_subject(self) -> None:
        """Change the subject; on an encrypted conversation, warn that it stays plain text."""
        opened = self.conversation_model.collection
        if opened is None:
            return
        subject = await ask_text(self, "Edit subject", "Subject:", opened.subject or "", False)
        if subject is None or subject.strip() == (opened.subject or ""):
            return
        if opened.crypt and not await confirm(
            self, "Subject not encrypted", SUBJECT_WARNING, "Save unencrypted subject"
        ):
            return
        await self._server().set_subject(opened.id, subject.strip())
        self._after_change(opened.id, "Subject saved.")

    def _after_change(self, collection_id: CollectionId, news: str) -> None:
        self.collection_model.reload()
        self.collection_model.fetchMore(QModelIndex())
        current = self.conversation_model.collection
        if current is not None and current.id == collection_id:
            self._show_conversation(self._reader.collection(collection_id))
        self.bridge.info(news)

    @action_slot
    async def delete_selected(self) -> None:
        """Remove the selected conversations after saying exactly which."""
        chosen = self.selected_collections()
        if not chosen:
            return
        text = removal.selection_text(chosen, self.name_of, self._tz)
        if not await confirm(self, "Remove conversations", text, "Remove from server"):
            return
        await self._server().remove_collections([c.id for c in chosen])
        self._after_removal(f"Removed {len(chosen)} conversation{'s' if len(chosen) != 1 else ''}.")

    @action_slot
    async def delete_dates(self) -> None:
        """Remove every conversation of the chosen day or month (for the chosen contact)."""
        node = self._date
        if node is None:
            return
        text = removal.period_text(node, self._contact)
        if not await confirm(self, "Remove conversations", text, "Remove from server"):
            return
        start, end = self.date_model.utc_range(node)
        await self._server().remove_range(self._contact.jid if self._contact else None, start, end)
        self._after_removal(f"Removed the conversations {removal.period_label(node)}.")

    @action_slot
    async def delete_contact(self) -> None:
        """Remove every conversation with the chosen contact."""
        contact = self._contact
        if contact is None:
            return
        text = removal.contact_text(contact, self._tz)
        if not await confirm(self, "Remove conversations", text, "Remove from server"):
            return
        await self._server().remove_range(contact.jid, None, None)
        self._after_removal(f"Removed all conversations with {contact.label}.")

    def _after_removal(self, news: str) -> None:
        opened = self.conversation_model.collection
        self.reload()
        if opened is not None:
            try:
                self._show_conversation(self._reader.collection(opened.id))
            except KnownError:
                self._show_conversation(None)
        self.bridge.info(news)

    @action_slot
    async def sync(self) -> None:
        """Bring the replica up to date, with progress and Cancel in the status bar."""
        if self.sync_task is not None:
            return
        self.sync_task = asyncio.ensure_future(self._server().sync(self._sync_progress))
        self._sync_cancelled = False
        self._sync_started()
        try:
            result = await self.sync_task
        except asyncio.CancelledError:
            if not self._sync_cancelled:
                raise  # the window itself is going away
            result = None
        finally:
            self.sync_task = None
            self._sync_stopped()
        if result is None:
            self.bridge.info("Sync cancelled. What was already fetched is kept.")
            return
        self.reload()
        self.bridge.info(f"Sync finished: {result.changed} changed, {result.removed} removed.")

    def cancel_running_sync(self) -> None:
        """Stop the running sync (what it fetched so far stays)."""
        if self.sync_task is not None:
            self._sync_cancelled = True
            self.sync_task.cancel()

    def _sync_progress(self, progress: SyncProgress) -> None:
        self.progress.setMaximum(progress.total or 0)
        self.progress.setValue(progress.done)
        text = (
            f"Syncing: {progress.done} of {progress.total}"
            if progress.total
            else (f"Syncing: {progress.done}")
        )
        self.statusBar().showMessage(f"{text} {progress.stage}".strip())
        self._refresh_during_sync(progress.done)

    def _refresh_during_sync(self, done: int) -> None:
        """Show what a running sync has stored: at once while the list is empty, then
        at most once a second, and never while the user is reading a conversation."""
        if done <= self._sync_shown or self.conversation_model.collection is not None:
            return
        now = time.monotonic()
        empty = self.collection_model.rowCount() == 0
        if not empty and now - self._sync_refreshed < SYNC_REFRESH_SECONDS:
            return
        self._sync_refreshed, self._sync_shown = now, done
        self.reload()

    def _sync_started(self) -> None:
        self._sync_refreshed, self._sync_shown = 0.0, 0
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_sync.show()
        self._update_actions()

    def _sync_stopped(self) -> None:
        self.progress.hide()
        self.cancel_sync.hide()
        self.statusBar().clearMessage()
        self._update_actions()

    # -- text out -----------------------------------------------------------------------------

    def conversation_as_text(self) -> str | None:
        """The open conversation as plain text (None if nothing is open)."""
        opened = self.conversation_model.collection
        if opened is None:
            return None
        contact = self.name_of(opened.with_jid)
        return self._conversation_text(opened, contact, lambda t: format_day_time(t, self._tz))

    def copy_conversation(self) -> None:
        """Put the open conversation on the clipboard as text."""
        text = self.conversation_as_text()
        if text is None:
            return
        QGuiApplication.clipboard().setText(text)
        self.bridge.info("Conversation copied.")

    @action_slot
    async def export_conversation(self) -> None:
        """Save the open conversation as a text file the user picks."""
        text = self.conversation_as_text()
        if text is None:
            return
        dialog = QFileDialog(self, "Export conversation")
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter("Text files (*.txt)")
        dialog.setDefaultSuffix("txt")
        files = dialog.selectedFiles
        if await ask(dialog) != QFileDialog.DialogCode.Accepted or not files():
            return
        path = Path(files()[0])
        _write_text(path, text)
        self.bridge.info(f"Saved {path.name}.")

    # -- account ---------------------------------------------------------------------------------

    @action_slot
    async def add_account(self) -> None:
        """Ask for an account, remember its password if asked, and open it."""
        dialog = AccountDialog(self)
        account, password, remember = (
            dialog.account,
            dialog.password.text,
            dialog.remember.isChecked,
        )
        if await ask(dialog) != AccountDialog.DialogCode.Accepted:
            return
        entered, secret = account(), password()
        if remember() and self._passwords is not None:
            self._passwords.remember(entered.jid, secret)
        self._remember_account(entered)
        await self._open_account(entered, secret)

    @action_slot
    async def connect_account(self, account: Account, password: str) -> None:
        """Connect the account whose replica is already shown (at start-up).

        A server that cannot be reached only shows in the status bar: the
        local copy stays readable. Anything else (wrong password, a
        certificate to decide about) asks the user.
        """
        try:
            await self._open_account(account, password)
        except (HostUnreachable, Timeout) as error:
            self.show_connection(f"Offline: {error.user_message}")

    def show_connection(self, text: str) -> None:
        """Say in the status bar how the connection stands (kept until the next change)."""
        self.connection.setText(text)
        self.connection.setToolTip(text)

    def _remember_account(self, account: Account) -> None:
        self._settings.set(settings.ACCOUNT_JID, account.jid)
        self._settings.set(settings.ACCOUNT_HOST, account.host or "")
        self._settings.set(settings.ACCOUNT_PORT, account.port or 0)

    async def _open_account(self, account: Account, password: str) -> None:
        if self._opener is None:
            raise KnownError("Opening an account is not available in this build.")
        try:
            session = await self._opener.open(account, password)
        except UntrustedCertificate as problem:
            if problem.fingerprint is None:
                raise  # nothing to pin: the sentence says what happened
            if not await self._trust(problem, problem.fingerprint):
                return
            self._opener.trust_certificate(problem.host, problem.fingerprint)
            session = await self._opener.open(account, password)
        self.set_archive(session.reader, session.commands, sample=False, listing=session.listing)
        self.bridge.info(f"Connected as {account.jid}.")
        self.sync_on_connect()

    def sync_on_connect(self) -> None:
        """Start an incremental sync if the user wants one on each connect (the default)."""
        if self._settings.get(settings.SYNC_ON_CONNECT) and self._commands is not None:
            self.sync()

    async def _trust(self, problem: UntrustedCertificate, fingerprint: str) -> bool:
        dialog = CertificateDialog(problem.host, fingerprint, problem.reason, self)
        return await ask(dialog) == CertificateDialog.DialogCode.Accepted

    # -- geometry -------------------------------------------------------------------------------

    def _restore(self) -> None:
        s = self._settings
        geometry = s.get(settings.WINDOW_GEOMETRY)
        if geometry.isEmpty():
            self.resize(1100, 720)
        else:
            self.restoreGeometry(geometry)
        self.restoreState(s.get(settings.WINDOW_STATE))
        for splitter, setting in self._splitters():
            splitter.restoreState(s.get(setting))

    def _splitters(self) -> list[tuple[QSplitter, settings.Setting[Any]]]:
        return [
            (self.splitter, settings.MAIN_SPLITTER),
            (self.left, settings.LEFT_SPLITTER),
            (self.right, settings.RIGHT_SPLITTER),
        ]

    def save_layout(self) -> None:
        """Remember geometry, toolbar state and splitter positions."""
        s = self._settings
        s.set(settings.WINDOW_GEOMETRY, self.saveGeometry())
        s.set(settings.WINDOW_STATE, self.saveState())
        for splitter, setting in self._splitters():
            s.set(setting, splitter.saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.background.shutdown()
        if self.sync_task is not None:
            self.sync_task.cancel()
        super().closeEvent(event)


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


def _write_text(path: Path, text: str) -> None:
    """Write the file; a conversation is small enough to write on the UI thread."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise KnownError(f"Could not save {path}: {error.strerror or error}.") from error
