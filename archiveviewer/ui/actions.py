"""The window's actions (menu and toolbar entries) and when each one is available.

A new command gets its entry here: an :class:`ActionSpec` in ``SPECS``, its
name in ``MENUS`` (and ``TOOLBAR`` if it belongs there); the window connects
its ``triggered`` signal in ``MainWindow._connect_signals``. Texts are marked
with ``QT_TRANSLATE_NOOP("Actions", …)`` (Qt's ``QT_TRANSLATE_NOOP``) and translated when the
actions are built, so the tables stay plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP
from archiveviewer.ui.limits import Availability, limits

READ_ONLY_REASON = QT_TRANSLATE_NOOP(
    "Actions",
    "The sample archive is read-only. Add your account to change, sync or decrypt your own history.",  # noqa: E501  (one message for the translators)
)
NOT_CONNECTED_REASON = QT_TRANSLATE_NOOP(
    "Actions", "Not available: you are browsing an archive without a server connection."
)
OFFLINE_REASON = QT_TRANSLATE_NOOP(
    "Actions",
    "Not available while offline: this needs the server. Use Connect (Ctrl+Shift+R) to try "
    "again; reading and searching the local copy keep working.",
)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    tip: str
    #: Text like "Ctrl+R" or a standard key; made a QKeySequence only once Qt runs.
    shortcut: str | QKeySequence.StandardKey | None = None
    needs_server: bool = False
    #: A freedesktop icon name; the theme's icon if it has one, else the text alone.
    icon: str | None = None


SPECS = (
    ActionSpec(
        "add_account",
        QT_TRANSLATE_NOOP("Actions", "&Add account…"),
        QT_TRANSLATE_NOOP("Actions", "Connect your own XMPP account"),
        icon="list-add",
    ),
    ActionSpec(
        "accounts",
        QT_TRANSLATE_NOOP("Actions", "Acc&ounts…"),
        QT_TRANSLATE_NOOP("Actions", "Switch between, edit or remove your saved accounts"),
    ),
    ActionSpec(
        "connect",
        QT_TRANSLATE_NOOP("Actions", "Co&nnect"),
        QT_TRANSLATE_NOOP("Actions", "Connect to the server now (or again)"),
        "Ctrl+Shift+R",
        icon="network-connect",
    ),
    ActionSpec(
        "sample",
        QT_TRANSLATE_NOOP("Actions", "Open the s&ample archive"),
        QT_TRANSLATE_NOOP("Actions", "Browse the sample archive again"),
    ),
    ActionSpec(
        "sync",
        QT_TRANSLATE_NOOP("Actions", "&Sync"),
        QT_TRANSLATE_NOOP("Actions", "Fetch what changed on the server"),
        "Ctrl+R",
        True,
        "view-refresh",
    ),
    ActionSpec(
        "decrypt",
        QT_TRANSLATE_NOOP("Actions", "&Decrypt"),
        QT_TRANSLATE_NOOP("Actions", "Decrypt the open conversation"),
        "Ctrl+D",
        True,
        "dialog-password",
    ),
    ActionSpec(
        "find_in_conversation",
        QT_TRANSLATE_NOOP("Actions", "&Find in conversation…"),
        QT_TRANSLATE_NOOP("Actions", "Find words in the open conversation"),
        "Ctrl+Shift+F",
    ),
    ActionSpec(
        "go_to_date",
        QT_TRANSLATE_NOOP("Actions", "&Go to date…"),
        QT_TRANSLATE_NOOP("Actions", "Pick a day on a calendar to list its conversations"),
        "Ctrl+G",
    ),
    ActionSpec(
        "newer_conversation",
        QT_TRANSLATE_NOOP("Actions", "Ne&wer conversation with this contact"),
        QT_TRANSLATE_NOOP("Actions", "Open the next conversation with the same contact"),
        "Alt+PgUp",
        icon="go-up",
    ),
    ActionSpec(
        "older_conversation",
        QT_TRANSLATE_NOOP("Actions", "O&lder conversation with this contact"),
        QT_TRANSLATE_NOOP("Actions", "Open the previous conversation with the same contact"),
        "Alt+PgDown",
        icon="go-down",
    ),
    ActionSpec(
        "add_note",
        QT_TRANSLATE_NOOP("Actions", "Add &note…"),
        QT_TRANSLATE_NOOP("Actions", "Add a private note to the open conversation"),
        None,
        True,
        "document-edit",
    ),
    ActionSpec(
        "edit_subject",
        QT_TRANSLATE_NOOP("Actions", "Edit s&ubject…"),
        QT_TRANSLATE_NOOP("Actions", "Change the subject of the open conversation"),
        None,
        True,
    ),
    ActionSpec(
        "delete_selected",
        QT_TRANSLATE_NOOP("Actions", "&Delete selected conversations…"),
        QT_TRANSLATE_NOOP("Actions", "Remove the selected conversations from the server"),
        QKeySequence.StandardKey.Delete,
        True,
        "edit-delete",
    ),
    ActionSpec(
        "delete_dates",
        QT_TRANSLATE_NOOP("Actions", "Delete conversations of the chosen &day or month…"),
        QT_TRANSLATE_NOOP(
            "Actions", "Remove every conversation of the day or month chosen in the dates"
        ),
        None,
        True,
    ),
    ActionSpec(
        "delete_contact",
        QT_TRANSLATE_NOOP("Actions", "Delete all conversations with the &contact…"),
        QT_TRANSLATE_NOOP("Actions", "Remove every conversation with the chosen contact"),
        None,
        True,
    ),
    ActionSpec(
        "copy",
        QT_TRANSLATE_NOOP("Actions", "&Copy conversation"),
        QT_TRANSLATE_NOOP("Actions", "Copy the open conversation as text"),
        "Ctrl+Shift+C",
    ),
    ActionSpec(
        "export",
        QT_TRANSLATE_NOOP("Actions", "&Export conversation…"),
        QT_TRANSLATE_NOOP("Actions", "Save the open conversation as a text file"),
        "Ctrl+E",
        icon="document-save-as",
    ),
    ActionSpec(
        "archiving_prefs",
        QT_TRANSLATE_NOOP("Actions", "Archiving &preferences…"),
        QT_TRANSLATE_NOOP(
            "Actions", "Read and change what your server archives, for whom, and for how long"
        ),
        None,
        True,
    ),
    ActionSpec(
        "export_archive",
        QT_TRANSLATE_NOOP("Actions", "E&xport conversations…"),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Save conversations as a web page, text, an archive file or a portable export",
        ),
        "Ctrl+Shift+E",
    ),
    ActionSpec(
        "open_file",
        QT_TRANSLATE_NOOP("Actions", "&Open archive file…"),
        QT_TRANSLATE_NOOP("Actions", "Browse an archive file or a portable export, read-only"),
        QKeySequence.StandardKey.Open,
    ),
    ActionSpec(
        "restore_portable",
        QT_TRANSLATE_NOOP("Actions", "&Restore bookmarks and private XML…"),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Restore bookmarks and private XML from a portable export, after showing what changes",
        ),
        None,
        True,
    ),
    ActionSpec(
        "trash",
        QT_TRANSLATE_NOOP("Actions", "Tras&h…"),  # &T is Se&ttings
        QT_TRANSLATE_NOOP(
            "Actions", "Conversations you removed from the server: restore them or delete them"
        ),
    ),
    ActionSpec(
        "upload_archive",
        QT_TRANSLATE_NOOP("Actions", "&Upload archive file…"),
        QT_TRANSLATE_NOOP(
            "Actions",
            "Store a file's conversations on your server, encrypted for your key if you wish",
        ),
        needs_server=True,
    ),
    ActionSpec(
        "find",
        QT_TRANSLATE_NOOP("Actions", "&Find"),
        QT_TRANSLATE_NOOP("Actions", "Search messages"),
        "Ctrl+F",
        icon="edit-find",
    ),
    ActionSpec(
        "settings",
        QT_TRANSLATE_NOOP("Actions", "Se&ttings…"),
        QT_TRANSLATE_NOOP("Actions", "Change how archiveviewer syncs and shows times"),
    ),
    ActionSpec(
        "keys",
        QT_TRANSLATE_NOOP("Actions", "&Keys…"),
        QT_TRANSLATE_NOOP("Actions", "The private keys of encrypted conversations"),
    ),
    ActionSpec(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        QT_TRANSLATE_NOOP("Actions", "Quit archiveviewer"),
        "Ctrl+Q",
        icon="application-exit",
    ),
    ActionSpec(
        "shortcuts",
        QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"),
        QT_TRANSLATE_NOOP("Actions", "Every keyboard shortcut of the window"),
        "F1",
    ),
    ActionSpec(
        "about",
        QT_TRANSLATE_NOOP("Actions", "&About archiveviewer"),
        QT_TRANSLATE_NOOP("Actions", "Version, licence and the libraries used"),
    ),
)

#: The menus, left to right, each with its actions in order ("-" is a separator).
MENUS = (
    (
        QT_TRANSLATE_NOOP("Actions", "&Archive"),
        (
            *("add_account", "accounts", "connect", "sample", "-", "open_file", "upload_archive"),
            "sync",
            *("archiving_prefs", "keys", "export", "export_archive", "copy"),
            *("restore_portable", "trash", "-", "settings"),
            "quit",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Actions", "&Conversation"),
        (
            *("find", "find_in_conversation", "decrypt", "add_note", "edit_subject"),
            *("-", "go_to_date", "newer_conversation", "older_conversation"),
            "-",
            *("delete_selected", "delete_dates", "delete_contact"),
        ),
    ),
    (QT_TRANSLATE_NOOP("Actions", "&Help"), ("shortcuts", "about")),
)
TOOLBAR = ("connect", "sync", "decrypt", "add_note", "edit_subject", "delete_selected", "export")


def translated(text: str) -> str:
    """``text`` from the tables above in the user's language."""
    return QCoreApplication.translate("Actions", text)


QT_TRANSLATE_NOOP("Actions", "Main")  # the toolbar's name


def availability(pane: Any, browser: Any, *, syncing: bool, files: bool) -> Availability:
    """Which actions what the user sees allows (``update`` adds the server and the sample)."""
    opened = pane.collection
    return Availability(
        {
            "decrypt": pane.can_decrypt,
            "add_note": opened is not None,
            "edit_subject": opened is not None,
            "delete_selected": bool(browser.selected_collections()),
            "delete_dates": browser.date is not None,
            "delete_contact": browser.contact is not None and browser.contact.collections > 0,
            "find_in_conversation": opened is not None,
            "newer_conversation": opened is not None,
            "older_conversation": opened is not None,
            "copy": opened is not None,
            "export": opened is not None,
            "sync": not syncing,
            "export_archive": files,
            "open_file": files,
        },
        limits(pane, browser),
    )


class Actions:
    """Builds every action once; ``update`` enables them for the current state."""

    def __init__(self, parent: QWidget) -> None:
        self.by_name: dict[str, QAction] = {}
        self._specs = {spec.name: spec for spec in SPECS}
        for spec in SPECS:
            action = QAction(translated(spec.text), parent)
            if spec.icon is not None and QIcon.hasThemeIcon(spec.icon):
                action.setIcon(QIcon.fromTheme(spec.icon))
            action.setObjectName(spec.name)
            action.setToolTip(translated(spec.tip))
            action.setStatusTip(translated(spec.tip))
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            self.by_name[spec.name] = action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def place_context_menus(self, *, dates: QWidget, contacts: QWidget, list_: QWidget) -> None:
        """The right-click menus of the dates, the contacts and the conversation list."""
        for view, names in (
            (dates, ("delete_dates",)),
            (contacts, ("delete_contact",)),
            (list_, ("delete_selected", "add_note", "edit_subject", "export")),
        ):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            for name in names:
                view.addAction(self.by_name[name])

    def place(self, window: QMainWindow) -> None:
        """Put the actions into the window's menus and its toolbar."""
        for title, names in MENUS:
            menu = window.menuBar().addMenu(translated(title))
            for name in names:
                if name == "-":
                    menu.addSeparator()
                else:
                    menu.addAction(self.by_name[name])
            menu.setToolTipsVisible(True)
        toolbar = window.addToolBar(translated("Main"))
        toolbar.setObjectName("mainToolbar")
        # Icons with their text beside them; where the theme has none, the text alone.
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonFollowStyle)
        for name in TOOLBAR:
            toolbar.addAction(self.by_name[name])

    def update(self, available: dict[str, bool], read_only: bool, online: bool = True) -> None:
        """Enable what ``available`` allows; a server action says why when it is not possible.

        Read-only (the sample) and offline (no connection now) disable every
        action that needs the server, with a tooltip that says why; so does
        what the archive itself cannot do (``Availability.reasons``).
        """
        reasons = available.reasons if isinstance(available, Availability) else {}
        for name, action in self.by_name.items():
            spec = self._specs[name]
            if name in reasons:
                action.setEnabled(False)
                action.setToolTip(reasons[name])
                action.setStatusTip(reasons[name])
                continue
            action.setStatusTip(translated(spec.tip))
            if spec.needs_server and (read_only or not online):
                action.setEnabled(False)
                action.setToolTip(translated(READ_ONLY_REASON if read_only else OFFLINE_REASON))
                continue
            action.setEnabled(available.get(name, True))
            action.setToolTip(translated(spec.tip))

    def name_connect(self, connected: bool) -> None:
        """ "Reconnect" while connected, "Connect" otherwise."""
        text = QT_TRANSLATE_NOOP("Actions", "Re&connect") if connected else "Co&nnect"
        self.by_name["connect"].setText(translated(text))

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what it does, its keys) for every action that has a shortcut, in menu order."""
        rows = []
        for spec in SPECS:
            keys = self.by_name[spec.name].shortcut()
            if not keys.isEmpty():
                text = keys.toString(QKeySequence.SequenceFormat.NativeText)
                rows.append((translated(spec.text).replace("&", "").rstrip("…"), text))
        return rows
