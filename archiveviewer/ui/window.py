"""The main window: it builds the surfaces, places them and connects their signals.

The surfaces live in their own packages (``browser``, ``reader``, ``search``,
``sync``, ``accounts``) with the commands the user runs on them; this module
only puts them together. Widgets are wired to each other in
:meth:`MainWindow._connect_signals` only, every message to the user goes
through the :class:`MessageBridge`, and work leaves the UI thread only as
:mod:`archiveviewer.ui.threads` says.
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow

from archiveviewer.domain import Collection, CollectionId
from archiveviewer.ports.accounts import (
    Account,
    AccountOpener,
    ConnectionStatus,
    PasswordKeeper,
    Session,
)
from archiveviewer.ports.archive import (
    ArchiveCommands,
    ArchiveReader,
    ConversationText,
    SearchResult,
    ServerListing,
)
from archiveviewer.ports.files import ArchiveFiles, OpenedFile
from archiveviewer.ports.keys import KeyRing
from archiveviewer.ui import settings, threads
from archiveviewer.ui.accounts.commands import AccountConnector
from archiveviewer.ui.accounts.status import ConnectionLabel
from archiveviewer.ui.actions import Actions, availability
from archiveviewer.ui.archive import ShownArchive
from archiveviewer.ui.browser.commands import RemovalCommands
from archiveviewer.ui.browser.navigation import Navigation
from archiveviewer.ui.browser.panes import ArchiveBrowser
from archiveviewer.ui.context import CommandContext
from archiveviewer.ui.dialogs.error import ErrorDialog
from archiveviewer.ui.files.commands import FileCommands
from archiveviewer.ui.geometry import (
    MainLayout,
    Splitters,
    chain_tab_order,
    restore_layout,
    save_layout,
    splitters_of,
)
from archiveviewer.ui.help.about import ProgramFacts
from archiveviewer.ui.help.commands import HelpCommands
from archiveviewer.ui.keys.window import KeysWindow, show_keys_window
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.prefs import PrefsEntry
from archiveviewer.ui.reader.commands import ConversationCommands
from archiveviewer.ui.reader.pane import ConversationPane
from archiveviewer.ui.search.panel import SearchPanel
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.settings.commands import SettingsCommands
from archiveviewer.ui.sync.runner import SyncRunner


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
        keys: KeyRing | None = None,
        facts: ProgramFacts | None = None,
        default_folder: str = "",
        owner: str | None = None,
        files: ArchiveFiles | None = None,
    ) -> None:
        super().__init__()
        self._owner = owner
        self.setObjectName("mainWindow")
        self.bridge = bridge
        self.archive = ShownArchive(reader, commands, sample)
        self._settings = store
        self._tz = UTC if store.get(settings.TIMES_IN_UTC) else tz
        self._keys = keys
        self.help = HelpCommands(facts, self)
        self.act = Actions(self)
        self._build_surfaces(passwords, opener, conversation_text)
        self.preferences = SettingsCommands(store, default_folder, self._periodic_sync, self)
        self.files = None if files is None else FileCommands(
            self.context, files, store, self.show_file
        )  # fmt: skip
        self._build_widgets()
        self._build_menus()
        self._connect_signals()
        self._set_tab_order()
        restore_layout(self, self._splitters(), self._settings)
        self.set_title(None)
        self.reload()

    # -- building ------------------------------------------------------------------------

    def _build_surfaces(
        self,
        passwords: PasswordKeeper | None,
        opener: AccountOpener | None,
        conversation_text: ConversationText,
    ) -> None:
        archive, bridge, tz = self.archive, self.bridge, self._tz
        self.browser = ArchiveBrowser(archive, tz, bridge, self)
        self.pane = ConversationPane(
            tz, self.name_of, conversation_text, self, own_name=self.own_name
        )
        delay = self._settings.get(settings.SEARCH_DELAY_MS)
        self.search = SearchPanel(archive.reader, tz, self, bridge, delay)
        self.context = CommandContext(archive, self.browser, self.pane, bridge, self)
        self.conversation_commands = ConversationCommands(self.context, self._settings)
        self.removals = RemovalCommands(self.context, tz)
        # The preferences dialog and the automatic-archiving warning; app.py gives its source.
        self.prefs_entry = PrefsEntry(self.act["archiving_prefs"], self, bridge)
        self.accounts = AccountConnector(bridge, self._settings, passwords, opener, self)
        self.accounts.show_session = self._show_session
        self.accounts.show_sample = self._show_sample
        self.accounts.connected, self.accounts.show_connection = (
            self.sync_on_connect,
            self.show_connection,
        )
        # The widgets tests and tools reach by name.
        b, p = self.browser, self.pane
        self.contact_model, self.contact_filter_model = b.contact_model, b.contact_filter_model
        self.date_model, self.collection_model = b.date_model, b.collection_model
        self.contact_filter, self.all_contacts = b.contact_filter, b.all_contacts
        self.contacts = b.contacts
        self.all_dates, self.dates, self.collections = b.all_dates, b.dates, b.collections
        self.conversation_model, self.conversation = p.model, p.view
        self.conversation_title, self.decrypt_button = p.title, p.decrypt_button

    def _build_widgets(self) -> None:
        shown = MainLayout(self.browser, self.search, self.pane)
        self.banner, self.tabs, self.splitter = shown.banner, shown.tabs, shown.splitter
        self.left, self.right = shown.left, shown.right
        self.banner_label, self.banner_button = self.banner.label, self.banner.button
        self.setCentralWidget(shown.central)
        self._build_status_bar()

    def _build_status_bar(self) -> None:
        self.connection = ConnectionLabel()
        self.statusBar().addPermanentWidget(self.connection)
        self.syncer = SyncRunner(self.context, self.statusBar())
        self.progress, self.cancel_sync = self.syncer.progress, self.syncer.cancel_button

    def _build_menus(self) -> None:
        a, pickers = self.act, (self.search.since, self.search.until)
        a.place(self)
        a.place_context_menus(dates=self.dates, contacts=self.contacts, list_=self.collections)
        self.navigation = Navigation(a, self.archive, self.browser, self.pane, self.bridge, pickers)

    def _connect_signals(self) -> None:
        # messages to the user
        self.bridge.infoShown.connect(self._show_info)
        self.bridge.errorShown.connect(self._show_error)
        # surfaces to each other: browser -> conversation, search -> conversation
        self.browser.contactsLoaded.connect(self.search.set_contacts)
        self.browser.zoneChanged.connect(self.search.set_tz)
        self.browser.collectionChosen.connect(self.open_collection)
        self.search.hitActivated.connect(self.open_hit)
        # what is available follows what is chosen, shown and running
        self.browser.choiceChanged.connect(self._update_actions)
        self.pane.shown.connect(self._update_actions)
        self.syncer.runningChanged.connect(self._update_actions)
        # account
        a, accounts = self.act, self.accounts
        a["add_account"].triggered.connect(accounts.add_account)
        self.banner_button.clicked.connect(accounts.add_account)
        a["connect"].triggered.connect(accounts.reconnect)
        a["accounts"].triggered.connect(accounts.manage)
        a["sample"].triggered.connect(self._open_sample)
        # settings and help
        a["settings"].triggered.connect(self.preferences.show)
        a["about"].triggered.connect(self.help.about)
        a["shortcuts"].triggered.connect(self.help.shortcuts)
        # sync
        a["sync"].triggered.connect(self.syncer.sync)
        self.cancel_sync.clicked.connect(self.syncer.cancel)
        # the open conversation
        reading = self.conversation_commands
        a["decrypt"].triggered.connect(reading.decrypt)
        self.decrypt_button.clicked.connect(reading.decrypt)
        self.pane.view.decryptRequested.connect(reading.decrypt)
        a["find_in_conversation"].triggered.connect(self.pane.open_find)
        a["add_note"].triggered.connect(reading.add_note)
        a["edit_subject"].triggered.connect(reading.edit_subject)
        a["copy"].triggered.connect(reading.copy_conversation)
        a["export"].triggered.connect(reading.export_conversation)
        # removals
        a["delete_selected"].triggered.connect(self.removals.delete_selected)
        a["delete_dates"].triggered.connect(self.removals.delete_dates)
        a["delete_contact"].triggered.connect(self.removals.delete_contact)
        # keys
        a["keys"].triggered.connect(self.open_keys)
        # archive files
        if self.files is not None:
            a["export_archive"].triggered.connect(self.files.export_archive)
            a["open_file"].triggered.connect(self.files.open_archive_file)
        # the window
        a["find"].triggered.connect(self.focus_search)
        a["quit"].triggered.connect(self.close)

    def _set_tab_order(self) -> None:
        b, search = self.browser, self.search
        chain = [b.contact_filter, b.all_contacts, b.contacts, b.all_dates, b.dates, self.tabs]
        chain += [b.collections, search.field, *search.filter_fields()]
        chain += [search.results, self.decrypt_button, self.conversation]
        chain_tab_order(chain)

    # -- state -------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when there is no server to send commands to."""
        return self.archive.read_only

    @property
    def loading(self) -> bool:
        """True while contacts or dates are being read in the background."""
        return self.browser.loading

    @property
    def sync_task(self) -> Any:
        """The running sync's task, or None."""
        return self.syncer.task

    def own_name(self) -> str:
        """How the reader names the user: their roster name if any, else their JID's user part."""
        jid = self._owner if self.archive.sample else self._settings.get(settings.ACCOUNT_JID)
        if not jid:
            return self.tr("me")
        name = self.name_of(jid)
        bare = jid.split("/", 1)[0]
        return name if name != bare else bare.split("@", 1)[0]

    def name_of(self, jid: str) -> str:
        """The roster name of ``jid``'s bare JID, or the bare JID (a resource is noise here)."""
        return self.browser.name_of(jid)

    def reload(self) -> None:
        """Read contacts, dates and the collection list again (in the background)."""
        self.banner.setVisible(self.archive.sample)
        self.browser.reload()

    def set_archive(
        self,
        reader: ArchiveReader,
        commands: ArchiveCommands | None,
        sample: bool,
        listing: ServerListing | None = None,
    ) -> None:
        """Browse another archive (after adding an account).

        Given the archive already shown (the same account, now connected), it keeps what
        the user chose and reads it again. With a ``listing``, the conversation list pages
        through the server while the replica has not been synced yet.
        """
        archive = self.archive
        if archive.gone:  # the window is closing: its copies are closed next
            return
        if reader is archive.reader and not sample:
            archive.commands, archive.sample = commands, sample
            self.browser.list_from(listing)
        else:
            archive.reader, archive.commands, archive.sample = reader, commands, sample
            self.browser.read_from_archive(listing)
            self.search.set_reader(reader)
            self.conversation_model.set_collection(None)
        self.reload()
        self._update_actions()  # read-only or not now: the reads below may come much later

    def show_file(self, opened: OpenedFile) -> None:
        """Browse an opened archive file, read-only."""
        self.set_archive(opened.reader, None, sample=False)
        self.setWindowTitle(f"archiveviewer — {opened.title}")

    def _show_session(self, account: Account, session: Session) -> None:
        self.set_archive(session.reader, session.commands, sample=False, listing=session.listing)
        self.set_title(account)

    def _periodic_sync(self) -> None:
        if self.archive.commands is not None and self.connection.online and not self.syncer.running:
            self.syncer.sync()

    def _show_sample(self, reader: ArchiveReader) -> None:
        self.set_archive(reader, None, sample=True)
        self.set_title(None)

    @threads.command
    async def _open_sample(self) -> None:
        await self.accounts.open_sample()

    def set_title(self, account: Account | None) -> None:
        """Name the account shown in the title ("sample archive" for the sample)."""
        if account is not None:
            self.accounts.account = account
        shown = None if self.archive.sample else self.accounts.account
        name = self.tr("sample archive") if self.archive.sample else shown.jid if shown else ""
        self.setWindowTitle(f"{name} — archiveviewer" if name else "archiveviewer")

    def _update_actions(self) -> None:
        available = availability(
            self.pane, self.browser, syncing=self.syncer.running, files=self.files is not None
        )
        self.act.update(available, self.read_only, self.connection.online)
        self.act.name_connect(
            connected=self.connection.status is not None and self.connection.online
        )
        self.decrypt_button.setEnabled(self.act["decrypt"].isEnabled())
        self.decrypt_button.setToolTip(self.act["decrypt"].toolTip())

    def selected_collections(self) -> list[Collection]:
        """The collection headers selected in the list, in list order."""
        return self.browser.selected_collections()

    # -- navigation -------------------------------------------------------------------------

    def open_collection(
        self, collection_id: CollectionId, listed: Collection | None = None
    ) -> None:
        """Show the conversation once read in the background; fetch it if its items are missing."""
        self.conversation_commands.open_collection(collection_id, listed)

    def open_hit(self, hit: SearchResult) -> None:
        """Choose the hit's contact and conversation, scrolled to its message and highlighted."""
        self.search.reveal(self.browser, hit, self.pane)

    def focus_search(self) -> None:
        """Show the search tab with the cursor in its field."""
        self.tabs.setCurrentWidget(self.search)
        self.search.focus_field()

    def open_keys(self) -> KeysWindow | None:
        """Show the Keys window (one at a time); None when there is no key store."""
        return show_keys_window(self, self._keys, self.bridge)

    # -- messages and connection ----------------------------------------------------------------

    def _show_info(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)
        self.statusBar().setToolTip(text)  # whole, when the bar is too narrow, until the next

    def _show_error(self, text: str, details: str) -> None:
        ErrorDialog(text, details, self).open()

    def show_connection(self, status: ConnectionStatus) -> None:
        """Say in the status bar how the connection stands; offline, server actions say why not."""
        self.connection.show_status(status)
        self._update_actions()

    def connect_account(self, account: Account, password: str | None) -> Any:
        """Connect the account whose replica is already shown (at start-up); returns the task.

        Without a password, the account dialog asks for it, filled in.
        """
        self.set_title(account)
        return self.accounts.connect_account(account, password)

    def sync_on_connect(self) -> None:
        """Start an incremental sync if the user wants one on each connect (the default)."""
        if self._settings.get(settings.SYNC_ON_CONNECT) and self.archive.commands is not None:
            self.syncer.sync()

    # -- geometry -------------------------------------------------------------------------------

    def _splitters(self) -> Splitters:
        return splitters_of(self.splitter, self.left, self.right)

    def save_layout(self) -> None:
        """Remember geometry, toolbar state and splitter positions."""
        save_layout(self, self._splitters(), self._settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.browser.shutdown()
        self.search.shutdown()
        self.syncer.stop()
        super().closeEvent(event)
