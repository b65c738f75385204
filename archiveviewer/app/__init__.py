"""The composition root: builds the application and starts it.

``python -m archiveviewer`` builds the QApplication, the qasync event loop and
the main window over the saved account's local copy (or over the sample
archive until an account is added), then connects the account in the
background. This is the window's composition root: it makes the program's one
:class:`~archiveviewer.services.worker.Worker` and the services, and hands them
to the window, which knows them only through :mod:`archiveviewer.ports`.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import signal
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archiveviewer import __version__
from archiveviewer.domain import Collection, Contact
from archiveviewer.errors import KnownError
from archiveviewer.services.passwords import KeyringPasswords

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import TracebackType

    from PySide6.QtWidgets import QApplication

    from archiveviewer.ports.accounts import Account
    from archiveviewer.services.accounts import NetworkOpener
    from archiveviewer.services.file_window import WindowFiles
    from archiveviewer.services.workspace import Workspace
    from archiveviewer.ui.bookmarks.menu import BookmarkMenus
    from archiveviewer.ui.files.restore import RestoreEntry
    from archiveviewer.ui.help.about import ProgramFacts
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.settings import Settings
    from archiveviewer.ui.trash import TrashEntry
    from archiveviewer.ui.window import MainWindow


def load_sample_archive() -> tuple[list[Collection], tuple[Contact, ...]]:
    """The sample archive's collections (``resources/sample-archive.xml``) and roster."""
    from archiveviewer.formats.sample import SAMPLE_ROSTER, read_sample_archive

    return read_sample_archive(), SAMPLE_ROSTER


@dataclass
class Program:
    """The window and what it was built with (the composition root keeps them together)."""

    window: MainWindow
    opener: NetworkOpener
    account: Account | None = None
    password: str | None = None
    #: The bookmark and private XML menu entries (#15), kept alive with the window.
    menus: BookmarkMenus | None = None
    files: WindowFiles | None = None
    #: Archive → Trash… and Archive → Restore bookmarks and private XML… (#17).
    trash: TrashEntry | None = None
    restore: RestoreEntry | None = None

    def start(self) -> None:
        """Connect the saved account in the background; without a stored password, ask for it."""
        if self.account is not None:
            self.window.connect_account(self.account, self.password or None)

    async def close(self) -> None:
        """Disconnect, close every replica, then stop the worker (the program's last step).

        The window closes first: it lets go of the replicas, so that nothing it
        had queued reads one after it is closed.
        """
        self.window.close()
        await self.opener.close()
        if self.files is not None:
            self.files.close()
        self.opener.worker.shutdown()


def build_program(
    workspace: Workspace | None = None,
    store: Settings | None = None,
    passwords: KeyringPasswords | None = None,
) -> Program:
    """The window over the saved account's replica, or over the sample when there is none.

    The saved account's replica opens at once (offline: browse and search
    work without a connection); :meth:`Program.start` then connects it.
    """
    from PySide6.QtCore import QSettings

    from archiveviewer.app import surfaces
    from archiveviewer.formats.sample import SAMPLE_OWNER, SAMPLE_ROSTER
    from archiveviewer.formats.text import export_text
    from archiveviewer.ports.accounts import Account, ConnectionStatus, Link
    from archiveviewer.services.accounts import NetworkOpener
    from archiveviewer.services.file_window import WindowFiles
    from archiveviewer.services.keys import KeyRingService
    from archiveviewer.services.rekeying import key_account_of
    from archiveviewer.services.worker import THREADS, Worker
    from archiveviewer.services.workspace import default_data_dir
    from archiveviewer.ui.accounts.saved import current_account
    from archiveviewer.ui.messages import MessageBridge
    from archiveviewer.ui.settings import (
        ACCOUNT_JID,
        APPLICATION,
        CONVERSATION_GAP_MINUTES,
        DATA_FOLDER,
        ORGANISATION,
        Settings,
    )
    from archiveviewer.ui.sync.grouping import follow_the_idle_gap
    from archiveviewer.ui.threads import QtExecutor
    from archiveviewer.ui.window import MainWindow

    store = store or Settings(QSettings(ORGANISATION, APPLICATION))
    passwords = passwords or KeyringPasswords()
    workspace = workspace or _workspace(store.get(DATA_FOLDER))
    worker = Worker(executor=QtExecutor(THREADS))
    opener = NetworkOpener(workspace, worker)
    opener.idle_gap_minutes = store.get(CONVERSATION_GAP_MINUTES)
    keys = KeyRingService(
        opener.session_keys, worker, key_account_of(opener, lambda: store.get(ACCOUNT_JID))
    )
    facts, default_folder = program_facts(), str(default_data_dir())
    jid = store.get(ACCOUNT_JID)
    files = WindowFiles(
        opener.worker,
        jid or SAMPLE_OWNER,
        roster=lambda: workspace.load_roster(jid) if jid else SAMPLE_ROSTER,
        connection=lambda: opener.offline(Account(jid)).connection if jid else None,
    )
    # The window over the account's replica or over the sample: the same but for those.
    window_over = functools.partial(
        MainWindow,
        bridge=MessageBridge(),
        store=store,
        passwords=passwords,
        opener=opener,
        conversation_text=export_text,
        files=files,
        keys=keys,
        facts=facts,
        default_folder=default_folder,
    )
    if jid:
        account = current_account(store) or Account(jid)  # with its saved choice of archive
        _upgrade_first(workspace.replica_path(jid), jid)
        opened = opener.offline(account)
        window = window_over(opened.reader, opened.commands, sample=False)
        window.show_connection(ConnectionStatus(Link.OFFLINE, "Offline: reading the local copy."))
        program = Program(window, opener, account, passwords.recall(jid), files=files)
    else:
        window = window_over(opener.sample(), None, sample=True, owner=SAMPLE_OWNER)
        program = Program(window, opener, files=files)
    opener.status = window.show_connection
    opener.reconnected = window.sync_on_connect
    # --- bookmarks and private XML (#15): "Tools → Bookmarks…", "Advanced → Private XML…" ---
    program.menus = surfaces.bookmark_menus(window, opener, store)

    # Archiving preferences (issue #14): the dialog works on the account the window shows;
    # after every change of the connection, a stream that starts with automatic archiving
    # on is reported (once: the service keeps count).
    from archiveviewer.ports.accounts import ConnectionStatus
    from archiveviewer.services.mam_prefs import MamPrefsService
    from archiveviewer.services.prefs import PrefsService

    prefs_of: dict[str, PrefsService] = {}

    def current_prefs() -> PrefsService | None:
        jid = store.get(ACCOUNT_JID)
        if not jid:
            return None
        connection = opener.offline(Account(jid)).connection
        service = prefs_of.get(jid.lower())
        if service is None or service.connection is not connection:
            service = prefs_of[jid.lower()] = PrefsService(connection)
        return service

    def connection_changed(status: ConnectionStatus) -> None:
        window.show_connection(status)
        window.prefs_entry.stream_started()

    window.prefs_entry.source = current_prefs
    window.prefs_entry.mam_source = lambda: (
        MamPrefsService(opener.offline(Account(jid)).connection)
        if (jid := store.get(ACCOUNT_JID))
        else None
    )
    opener.status = connection_changed
    program.trash, program.restore = surfaces.trash_and_restore(window, opener, store)
    surfaces.upload_entry(window, opener, store)
    surfaces.server_notices(window, opener)  # what the server does, told once (#20)
    follow_the_idle_gap(window, store, opener)  # a new gap regroups message archives
    return program


def _workspace(folder: str) -> Workspace:
    """The user's folders; the local copies where the settings say, if they say."""
    from pathlib import Path

    from archiveviewer.services.workspace import Workspace

    return Workspace(Path(folder)) if folder else Workspace()


def program_facts() -> ProgramFacts:
    """What Help → About shows: the version, the licence, links and the libraries in use."""
    import platform
    import sqlite3
    from importlib import metadata

    from PySide6.QtCore import qVersion

    from archiveviewer.ui.help.about import ProgramFacts

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    libraries = [("Python", platform.python_version()), ("Qt", qVersion())]
    libraries += [("PySide6", version("PySide6-Essentials")), ("SQLite", sqlite3.sqlite_version)]
    libraries += [
        (name, version(name)) for name in ("slixmpp", "qasync", "cryptography", "keyring")
    ]
    links = (
        (
            "GNU General Public License, version 3 or later",
            "https://www.gnu.org/licenses/gpl-3.0.html",
        ),
        ("XEP-0136: Message Archiving", "https://xmpp.org/extensions/xep-0136.html"),
    )
    return ProgramFacts(__version__, "GPL-3.0-or-later", links, tuple(libraries))


def build_window() -> MainWindow:
    """The main window as the program starts it (not yet connected)."""
    return build_program().window


def _upgrade_first(path: Path, jid: str) -> None:
    """A copy that needs a long upgrade gets it with a progress dialog, before the window."""
    from archiveviewer.services.upgrade import slow_upgrade_pending, upgrade
    from archiveviewer.ui.upgrade import upgrade_with_progress

    if slow_upgrade_pending(path) and not upgrade_with_progress(
        functools.partial(upgrade, path), jid
    ):
        raise SystemExit(0)  # "Stop and quit": the next start goes on from there


def run_window() -> int:
    """Build the QApplication and the qasync loop, show the window, run until it closes."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from archiveviewer.ui.i18n import install_translators
    from archiveviewer.ui.settings import APPLICATION, ORGANISATION
    from archiveviewer.ui.threads import UiThreadCollector

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    _quit_on_ctrl_c(app)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    _present_to_the_desktop(app)
    install_translators(app)
    UiThreadCollector(app)  # Qt objects are destroyed on the UI thread only
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    program = build_program()
    window = program.window
    sys.excepthook = _report_through(window.bridge)
    window.show()
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        program.start()
        loop.run_until_complete(closed.wait())
        loop.run_until_complete(program.close())
    return 0


def _quit_on_ctrl_c(app: QApplication) -> None:
    """Ctrl+C in the terminal that started the window quits, as closing the window does.

    Python's own handler raised KeyboardInterrupt in whatever ran next: a traceback while
    the window was being built, a "Something went wrong" once it was open (which stayed
    open). The quit waits for the event loop, so it may come at any time; the handler runs
    when Python next runs (the collector's timer wakes it twice a second). Started with
    SIGINT ignored (a background job of a script), the window keeps ignoring it.

    During the upgrade dialog before the window (a nested loop, where ``quit`` does
    nothing) it is "Stop and quit". Once pressed, Ctrl+C is ignored: a second one would
    cut short the close that disconnects and closes the local copies.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    def quit_now() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.objectName() == "upgrade":
                widget.canceled.emit()  # stops after the batch being written
        app.quit()

    def interrupted(_signum: int, _frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        QTimer.singleShot(0, quit_now)

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, interrupted)


def _report_through(bridge: MessageBridge) -> Callable[..., None]:
    """An excepthook that shows any escaped error in the window, never only on the console."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        bridge.error(error.with_traceback(tb))

    return hook


def main(argv: list[str] | None = None) -> int:
    """Start archiveviewer; ``--version`` prints the version and exits (no display needed)."""
    parser = argparse.ArgumentParser(
        prog="archiveviewer",
        description=(
            "Read, search and look after your XMPP chat history. Without arguments it opens "
            "the window (the sample archive until you add your account)."
        ),
        epilog=(
            "Headless commands: sync, search, show, keys, rekey, bookmarks, private "
            "(python -m archiveviewer COMMAND --help, or archiveviewer-cli COMMAND --help)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"archiveviewer {__version__}")
    entry = parser.add_mutually_exclusive_group()
    entry.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add archiveviewer to your desktop's menu (desktop entry and icon) and exit",
    )
    entry.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove what --install-desktop-entry added and exit",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        return _desktop_entry(install=args.install_desktop_entry)
    return run_window()


def _desktop_entry(*, install: bool) -> int:
    """Install or remove the menu entry under the user's XDG data folder; say what changed."""
    from archiveviewer.services import desktop

    home = desktop.user_data_home()
    try:
        if install:
            written = desktop.install_desktop_entry(home, desktop.launcher_command())
            print(f"Added archiveviewer to the menu: {written[0]}")
        else:
            removed = desktop.uninstall_desktop_entry(home)
            print("Removed archiveviewer from the menu." if removed else "It was not in the menu.")
    except KnownError as error:
        print(f"archiveviewer: {error.user_message}", file=sys.stderr)
        return 1
    return 0


def _present_to_the_desktop(app: QApplication) -> None:
    """The window icon, and the desktop entry that a desktop ties the window to."""
    from PySide6.QtGui import QIcon

    from archiveviewer.appinfo import APP_ID, ICON_SIZES, scalable_icon, sized_icon

    icon = QIcon(str(scalable_icon()))
    for size in ICON_SIZES:
        icon.addFile(str(sized_icon(size)))
    app.setWindowIcon(icon)
    app.setDesktopFileName(APP_ID)
