"""The main window's entries for bookmarks and private XML, and the windows they open.

:func:`install_menus` adds "Tools → Bookmarks…" and "Advanced → Private XML…"
to a main window's menu bar. Each opens its window over an editor the
composition root's factory makes for the account (a factory that raises
``NotConnected`` is shown as its sentence); an open window is raised, not
opened twice.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from archiveviewer.errors import KnownError
from archiveviewer.ports.bookmarks import BookmarkEditorFactory, PrivateXmlEditorFactory
from archiveviewer.ui.bookmarks.window import BookmarksWindow
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.private_xml.inspector import PrivateXmlInspector
from archiveviewer.ui.settings import Settings


class BookmarkMenus:
    """The two menu entries and the windows they opened (kept alive while shown)."""

    def __init__(
        self,
        window: QMainWindow,
        bookmarks: BookmarkEditorFactory,
        private: PrivateXmlEditorFactory,
        bridge: MessageBridge,
        settings: Settings,
    ) -> None:
        self._bookmarks = bookmarks
        self._private = private
        self._bridge = bridge
        self._settings = settings
        self.bookmarks_window: BookmarksWindow | None = None
        self.inspector: PrivateXmlInspector | None = None
        self.open_bookmarks = QAction(
            QCoreApplication.translate("BookmarkMenus", "&Bookmarks…"), window
        )
        self.open_bookmarks.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.open_bookmarks.setToolTip(
            QCoreApplication.translate(
                "BookmarkMenus", "See and edit your bookmarks in every home on the server"
            )
        )
        self.open_bookmarks.triggered.connect(self.show_bookmarks)
        self.open_private = QAction(
            QCoreApplication.translate("BookmarkMenus", "&Private XML…"), window
        )
        self.open_private.setToolTip(
            QCoreApplication.translate(
                "BookmarkMenus", "Inspect and edit any private XML stored on the server"
            )
        )
        self.open_private.triggered.connect(self.show_private_xml)
        tools = window.menuBar().addMenu(QCoreApplication.translate("BookmarkMenus", "&Tools"))
        tools.addAction(self.open_bookmarks)
        advanced = window.menuBar().addMenu(
            QCoreApplication.translate("BookmarkMenus", "A&dvanced")
        )
        advanced.addAction(self.open_private)

    def show_bookmarks(self) -> BookmarksWindow | None:
        """Open (or raise) the Bookmarks window and read the bookmarks."""
        if self.bookmarks_window is None or not self.bookmarks_window.isVisible():
            try:
                editor = self._bookmarks()
            except KnownError as error:
                self._bridge.error(error)
                return None
            self.bookmarks_window = BookmarksWindow(editor, self._bridge, self._settings)
            self.bookmarks_window.reload()
        _raise(self.bookmarks_window)
        return self.bookmarks_window

    def show_private_xml(self) -> PrivateXmlInspector | None:
        """Open (or raise) the Private XML inspector."""
        if self.inspector is None or not self.inspector.isVisible():
            try:
                editor = self._private()
            except KnownError as error:
                self._bridge.error(error)
                return None
            self.inspector = PrivateXmlInspector(editor, self._bridge, self._settings)
            self.inspector.namespaces.setCurrentRow(0)
        _raise(self.inspector)
        return self.inspector


def _raise(widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    widget.activateWindow()
