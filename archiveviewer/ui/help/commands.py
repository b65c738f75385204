"""The Help menu's commands: About and the keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QMainWindow

from archiveviewer.ui.help.about import AboutDialog, ProgramFacts
from archiveviewer.ui.help.shortcuts import ShortcutsDialog


class HelpCommands(QObject):
    """Opens the Help dialogs over ``window`` (whose ``act`` lists the shortcuts)."""

    def __init__(self, facts: ProgramFacts | None, window: QMainWindow) -> None:
        super().__init__(window)
        self._facts = facts or ProgramFacts(QCoreApplication.applicationVersion() or "")
        self._window = window

    def about(self) -> QDialog:
        """Help → About, window-modal."""
        dialog = AboutDialog(self._facts, self._window)
        dialog.open()
        return dialog

    def shortcuts(self) -> QDialog:
        """Help → Keyboard shortcuts, read from the window's actions."""
        rows = self._window.act.shortcut_rows()  # type: ignore[attr-defined]
        dialog = ShortcutsDialog(rows, self._window)
        dialog.open()
        return dialog
