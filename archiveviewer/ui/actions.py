"""The window's actions (menu and toolbar entries) and when each one is available.

A new command gets its entry here: an :class:`ActionSpec` in ``SPECS``, its
name in ``MENUS`` (and ``TOOLBAR`` if it belongs there); the window connects
its ``triggered`` signal in ``MainWindow._connect_signals``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

READ_ONLY_REASON = (
    "The sample archive is read-only. Add your account to change, sync or decrypt your own history."
)
OFFLINE_REASON = (
    "Not available while offline: this needs the server. Use Connect (Ctrl+Shift+R) to try "
    "again; reading and searching the local copy keep working."
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
        "add_account", "&Add account…", "Connect your own XMPP account", None, False, "list-add"
    ),
    ActionSpec("accounts", "Acc&ounts…", "Switch between, edit or remove your saved accounts"),
    ActionSpec(
        "connect",
        "Co&nnect",
        "Connect to the server now (or again)",
        "Ctrl+Shift+R",
        False,
        "network-connect",
    ),
    ActionSpec("sample", "Open the s&ample archive", "Browse the sample archive again"),
    ActionSpec("sync", "&Sync", "Fetch what changed on the server", "Ctrl+R", True, "view-refresh"),
    ActionSpec(
        "decrypt", "&Decrypt", "Decrypt the open conversation", "Ctrl+D", True, "dialog-password"
    ),
    ActionSpec(
        "add_note",
        "Add &note…",
        "Add a private note to the open conversation",
        None,
        True,
        "document-edit",
    ),
    ActionSpec(
        "edit_subject", "Edit s&ubject…", "Change the subject of the open conversation", None, True
    ),
    ActionSpec(
        "delete_selected",
        "&Delete selected conversations…",
        "Remove the selected conversations from the server",
        QKeySequence.StandardKey.Delete,
        True,
        "edit-delete",
    ),
    ActionSpec(
        "delete_dates",
        "Delete conversations of the chosen &day or month…",
        "Remove every conversation of the day or month chosen in the dates",
        None,
        True,
    ),
    ActionSpec(
        "delete_contact",
        "Delete all conversations with the &contact…",
        "Remove every conversation with the chosen contact",
        None,
        True,
    ),
    ActionSpec(
        "copy",
        "&Copy conversation",
        "Copy the open conversation as text",
        "Ctrl+Shift+C",
    ),
    ActionSpec(
        "export",
        "&Export conversation…",
        "Save the open conversation as a text file",
        "Ctrl+E",
        False,
        "document-save-as",
    ),
    ActionSpec("find", "&Find", "Search messages", "Ctrl+F", False, "edit-find"),
    ActionSpec("settings", "Se&ttings…", "Change how archiveviewer syncs and shows times"),
    ActionSpec("quit", "&Quit", "Quit archiveviewer", "Ctrl+Q", False, "application-exit"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "Every keyboard shortcut of the window", "F1"),
    ActionSpec("about", "&About archiveviewer", "Version, licence and the libraries used"),
)

#: The menus, left to right, each with its actions in order ("-" is a separator).
MENUS = (
    (
        "&Archive",
        (
            *("add_account", "accounts", "connect", "sample", "-", "sync", "export", "copy"),
            *("-", "settings", "quit"),
        ),
    ),
    (
        "&Conversation",
        (
            *("find", "decrypt", "add_note", "edit_subject"),
            "-",
            *("delete_selected", "delete_dates", "delete_contact"),
        ),
    ),
    ("&Help", ("shortcuts", "about")),
)
TOOLBAR = ("connect", "sync", "decrypt", "add_note", "edit_subject", "delete_selected", "export")


class Actions:
    """Builds every action once; ``update`` enables them for the current state."""

    def __init__(self, parent: QWidget) -> None:
        self.by_name: dict[str, QAction] = {}
        self._specs = {spec.name: spec for spec in SPECS}
        for spec in SPECS:
            action = QAction(spec.text, parent)
            if spec.icon is not None and QIcon.hasThemeIcon(spec.icon):
                action.setIcon(QIcon.fromTheme(spec.icon))
            action.setObjectName(spec.name)
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            self.by_name[spec.name] = action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def place(self, window: QMainWindow) -> None:
        """Put the actions into the window's menus and its toolbar."""
        for title, names in MENUS:
            menu = window.menuBar().addMenu(title)
            for name in names:
                if name == "-":
                    menu.addSeparator()
                else:
                    menu.addAction(self.by_name[name])
            menu.setToolTipsVisible(True)
        toolbar = window.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        # Icons with their text beside them; where the theme has none, the text alone.
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonFollowStyle)
        for name in TOOLBAR:
            toolbar.addAction(self.by_name[name])

    def update(self, available: dict[str, bool], read_only: bool, online: bool = True) -> None:
        """Enable what ``available`` allows; a server action says why when it is not possible.

        Read-only (the sample) and offline (no connection now) disable every
        action that needs the server, with a tooltip that says why.
        """
        for name, action in self.by_name.items():
            spec = self._specs[name]
            if spec.needs_server and (read_only or not online):
                action.setEnabled(False)
                action.setToolTip(READ_ONLY_REASON if read_only else OFFLINE_REASON)
                continue
            action.setEnabled(available.get(name, True))
            action.setToolTip(spec.tip)

    def name_connect(self, connected: bool) -> None:
        """ "Reconnect" while connected, "Connect" otherwise."""
        text = ("Re&connect", "Co&nnect")[not connected]
        self.by_name["connect"].setText(QCoreApplication.translate("Actions", text))

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what it does, its keys) for every action that has a shortcut, in menu order."""
        rows = []
        for spec in SPECS:
            keys = self.by_name[spec.name].shortcut()
            if not keys.isEmpty():
                text = keys.toString(QKeySequence.SequenceFormat.NativeText)
                rows.append((spec.text.replace("&", "").rstrip("…"), text))
        return rows
