"""The window's entries for one surface each, over the account the settings name.

The composition root (:mod:`archiveviewer.app`) builds the window; these give
its menus their services: each looks the account up when the user opens it, so
an account added after start is the one used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archiveviewer.ports.notices import ServerNotice
    from archiveviewer.services.accounts import NetworkOpener
    from archiveviewer.ui.bookmarks.menu import BookmarkMenus
    from archiveviewer.ui.files.restore import RestoreEntry
    from archiveviewer.ui.settings import Settings
    from archiveviewer.ui.trash import TrashEntry
    from archiveviewer.ui.window import MainWindow


def server_notices(window: MainWindow, opener: NetworkOpener) -> None:
    """What a server was seen to do, told once: the status bar and a small window."""
    from archiveviewer.ui.server.notices import ServerNotices

    notices = ServerNotices(window, window.bridge)

    def told(notice: ServerNotice) -> None:
        notices.show_notice(notice)
        window.browser.limit_reads.ask_again()  # the actions: what the server does (no notes)

    opener.noticed = told


def upload_entry(window: MainWindow, opener: NetworkOpener, store: Settings) -> None:
    """Archive → Upload archive file… (manual archiving; encrypted for the user's own keys)."""
    from archiveviewer.services.window_upload import uploader_of
    from archiveviewer.ui.files.upload import UploadEntry
    from archiveviewer.ui.settings import ACCOUNT_JID

    uploader = uploader_of(opener, lambda: store.get(ACCOUNT_JID))
    UploadEntry(window, window.act["upload_archive"], uploader, window.bridge)


def trash_and_restore(
    window: MainWindow, opener: NetworkOpener, store: Settings
) -> tuple[TrashEntry, RestoreEntry]:
    """The trash and the restore from a portable export, over the account the settings name."""
    from pathlib import Path

    from archiveviewer.ports.accounts import Account
    from archiveviewer.services.portable_restore import PortableRestore
    from archiveviewer.services.trash import TrashCommands
    from archiveviewer.ui.files.restore import RestoreEntry
    from archiveviewer.ui.settings import ACCOUNT_JID, LAST_EXPORT_FOLDER, TIMES_IN_UTC
    from archiveviewer.ui.trash import TrashEntry

    def account() -> Account | None:
        jid = store.get(ACCOUNT_JID)
        return Account(jid) if jid else None

    def trash() -> TrashCommands | None:
        shown = account()
        if shown is None:
            return None
        opened = opener.offline(shown)
        return TrashCommands(opened.replica, opened.connection, opener.worker)

    def restorer() -> PortableRestore | None:
        shown = account()
        if shown is None:
            return None
        return PortableRestore(lambda: opener.offline(shown).connection, opener.worker)

    from datetime import UTC

    tz = UTC if store.get(TIMES_IN_UTC) else None
    trash_entry = TrashEntry(window.act["trash"], window, window.bridge, window.name_of, tz)
    trash_entry.source, trash_entry.restored = trash, window.reload

    def folder() -> Path:
        last = store.get(LAST_EXPORT_FOLDER)
        return Path(last) if last and Path(last).is_dir() else Path.home()

    restore_entry = RestoreEntry(window.act["restore_portable"], window, window.bridge, folder)
    restore_entry.source = restorer
    return trash_entry, restore_entry


def bookmark_menus(window: MainWindow, opener: NetworkOpener, store: Settings) -> BookmarkMenus:
    """The bookmark and private XML entries, over the account the settings name (#15).

    The factories look the account up when the user opens a window, so an
    account added after start is the one edited; with none, they say so.
    """
    from PySide6.QtCore import QCoreApplication

    from archiveviewer.errors import NotConnected
    from archiveviewer.ports.accounts import Account
    from archiveviewer.services.bookmarks import BookmarkCommands
    from archiveviewer.services.connection import Connection
    from archiveviewer.services.private_xml import PrivateXmlCommands
    from archiveviewer.ui.bookmarks.menu import BookmarkMenus
    from archiveviewer.ui.settings import ACCOUNT_HOST, ACCOUNT_JID, ACCOUNT_PORT

    def connection() -> Connection:
        jid = store.get(ACCOUNT_JID)
        if not jid:
            raise NotConnected(
                QCoreApplication.translate(
                    "BookmarkMenus", "Add your account first: bookmarks are kept on your server."
                )
            )
        account = Account(jid, store.get(ACCOUNT_HOST) or None, store.get(ACCOUNT_PORT) or None)
        connection = opener.offline(account).connection
        connection.require("open your bookmarks")
        return connection

    return BookmarkMenus(
        window,
        lambda: BookmarkCommands(connection()),
        lambda: PrivateXmlCommands(connection()),
        window.bridge,
        store,
    )
