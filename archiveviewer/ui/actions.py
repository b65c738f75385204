"""The window's actions (menu and toolbar entries) and when each one is available.

A new command gets its entry here: an :class:`ActionSpec` in ``SPECS``, its
name in ``MENUS`` (and ``TOOLBAR`` if it belongs there); the window connects
its ``triggered`` signal in ``MainWindow._connect_signals``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

READ_ONLY_REASON = (
    "The sample archive is read-only. Add your account to change, sync or decrypt your own history."
)
NOT_CONNECTED_REASON = "Not available: you are browsing an archive without a server connection."


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    tip: str
    #: Text like "Ctrl+R" or a standard key; made a QKeySequence only once Qt runs.
    shortcut: str | QKeySequence.StandardKey | None = None
    needs_server: bool = False


SPECS = (
    ActionSpec("add_account", "&Add account…", "Connect your own XMPP account"),
    ActionSpec("sync", "&Sync", "Fetch what changed on the server", "Ctrl+R", True),
    ActionSpec("decrypt", "&Decrypt", "Decrypt the open conversation", "Ctrl+D", True),
    ActionSpec(
        "find_in_conversation",
        "&Find in conversation…",
        "Find words in the open conversation",
        "Ctrl+Shift+F",
    ),
    ActionSpec("add_note", "Add &note…", "Add a private note to the open conversation", None, True),
    ActionSpec(
        "edit_subject", "Edit s&ubject…", "Change the subject of the open conversation", None, True
    ),
    ActionSpec(
        "delete_selected",
        "&Delete selected conversations…",
        "Remove the selected conversations from the server",
        QKeySequence.StandardKey.Delete,
        True,
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
    ),
    ActionSpec("find", "&Find", "Search messages", "Ctrl+F"),
    ActionSpec("quit", "&Quit", "Quit archiveviewer", "Ctrl+Q"),
)

#: The menus, left to right, each with its actions in order ("-" is a separator).
MENUS = (
    ("&Archive", ("add_account", "sync", "export", "copy", "quit")),
    (
        "&Conversation",
        (
            *("find", "find_in_conversation", "decrypt", "add_note", "edit_subject"),
            "-",
            *("delete_selected", "delete_dates", "delete_contact"),
        ),
    ),
)
TOOLBAR = ("sync", "decrypt", "add_note", "edit_subject", "delete_selected", "export")


class Actions:
    """Builds every action once; ``update`` enables them for the current state."""

    def __init__(self, parent: QWidget) -> None:
        self.by_name: dict[str, QAction] = {}
        self._specs = {spec.name: spec for spec in SPECS}
        for spec in SPECS:
            action = QAction(spec.text, parent)
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
        for name in TOOLBAR:
            toolbar.addAction(self.by_name[name])

    def update(self, available: dict[str, bool], read_only: bool) -> None:
        """Enable what ``available`` allows; a server action in a read-only archive says why not."""
        for name, action in self.by_name.items():
            spec = self._specs[name]
            if spec.needs_server and read_only:
                action.setEnabled(False)
                action.setToolTip(READ_ONLY_REASON)
                continue
            action.setEnabled(available.get(name, True))
            action.setToolTip(spec.tip)
