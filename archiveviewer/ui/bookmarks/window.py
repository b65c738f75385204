"""The Bookmarks window: every bookmark of every home, edited without losing anything.

It shows the merged list (name, address, autojoin, nick, where each lives,
whether its homes agree), the homes the server offers and where new
bookmarks go (a setting), and for a bookmark whose homes disagree the phrases
that say how, with one action to make every home like the one the user picks.
A change made by another resource arrives by notification and is shown at
once; a save that would overwrite such a change asks the user first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import KnownError
from archiveviewer.ports.bookmarks import BookmarkEditor, BookmarkRow, BookmarkView, EditConflict
from archiveviewer.ui.bookmarks.dialog import BookmarkDialog
from archiveviewer.ui.bookmarks.model import BookmarkFilterModel, BookmarkTableModel, Column
from archiveviewer.ui.dialogs.asking import ask, confirm
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import BOOKMARK_HOMES, Settings
from archiveviewer.ui.threads import command

HOME_NAMES = {
    BookmarkHome.NATIVE: "PEP (XEP-0402)",
    BookmarkHome.PEP: "PEP (XEP-0048)",
    BookmarkHome.PRIVATE: QT_TRANSLATE_NOOP("BookmarksWindow", "private storage"),
}
#: The choices of where new bookmarks go: (label, setting value).
NEW_HOME_CHOICES = (
    (QT_TRANSLATE_NOOP("BookmarksWindow", "As the server and other clients do"), ""),
    (QT_TRANSLATE_NOOP("BookmarksWindow", "PEP (XEP-0402) only"), "native"),
    (QT_TRANSLATE_NOOP("BookmarksWindow", "Private storage only"), "private"),
    (QT_TRANSLATE_NOOP("BookmarksWindow", "Every home"), "native,pep,private"),
)


def home_name(home: BookmarkHome) -> str:
    """The name of ``home`` in the user's language."""
    return QCoreApplication.translate("BookmarksWindow", HOME_NAMES[home])


def homes_of_setting(value: str) -> frozenset[BookmarkHome] | None:
    """The homes a :data:`BOOKMARK_HOMES` value names; None for the default."""
    homes = frozenset(
        BookmarkHome(v) for v in value.split(",") if v in {"native", "pep", "private"}
    )
    return homes or None


class BookmarksWindow(QWidget):
    """The account's bookmarks; ``editor`` is the ``BookmarkEditor`` port."""

    def __init__(self, editor: BookmarkEditor, bridge: MessageBridge, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("bookmarksWindow")
        self.setWindowTitle(self.tr("Bookmarks"))
        self.setWindowFlag(Qt.WindowType.Window)
        self.editor = editor
        self.bridge = bridge
        self._settings = settings
        self.view: BookmarkView | None = None
        self.model = BookmarkTableModel()
        self.proxy = BookmarkFilterModel(self.model)
        self._build()
        self._connect_signals()
        editor.set_new_homes(homes_of_setting(settings.get(BOOKMARK_HOMES)))
        self._stop_listening = editor.listen(self.show_view)
        self.resize(1200, 540)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.offered = QLabel(self.tr("Reading your bookmarks…"))
        self.new_homes = QComboBox()
        for label, value in NEW_HOME_CHOICES:
            self.new_homes.addItem(QCoreApplication.translate("BookmarksWindow", label), value)
        self.new_homes.setCurrentIndex(
            max(0, self.new_homes.findData(self._settings.get(BOOKMARK_HOMES)))
        )
        self.new_homes_said = QLabel()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name, address or nick"))
        self.filter.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.buttons = {
            name: QPushButton(label)
            for name, label in (
                ("add", self.tr("Add…")),
                ("edit", self.tr("Edit…")),
                ("duplicate", self.tr("Duplicate…")),
                ("delete", self.tr("Delete")),
                ("reload", self.tr("Reload")),
                ("export", self.tr("Export…")),
                ("import", self.tr("Import…")),
            )
        }
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.offered, 1)
        top.addWidget(QLabel(self.tr("New bookmarks go to:")))
        top.addWidget(self.new_homes)
        layout.addLayout(top)
        layout.addWidget(self.new_homes_said)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._build_divergence())
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def _build_divergence(self) -> QFrame:
        self.divergence = QFrame()
        self.divergence.setObjectName("divergence")
        self.divergence.setFrameShape(QFrame.Shape.StyledPanel)
        self.divergence_text = QLabel()
        self.divergence_text.setWordWrap(True)
        self.align_source = QComboBox()
        self.align_button = QPushButton(self.tr("Bring homes in step"))
        line = QHBoxLayout(self.divergence)
        line.addWidget(self.divergence_text, 1)
        line.addWidget(QLabel(self.tr("Make every home like:")))
        line.addWidget(self.align_source)
        line.addWidget(self.align_button)
        self.divergence.hide()
        return self.divergence

    def _connect_signals(self) -> None:
        # list: filter, selection
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _: self.edit())
        # the setting of where new bookmarks go
        self.new_homes.currentIndexChanged.connect(self._new_homes_chosen)
        # actions
        self.buttons["add"].clicked.connect(self.add)
        self.buttons["edit"].clicked.connect(self.edit)
        self.buttons["duplicate"].clicked.connect(self.duplicate)
        self.buttons["delete"].clicked.connect(self.delete)
        self.buttons["reload"].clicked.connect(self.reload)
        self.buttons["export"].clicked.connect(self._ask_export)
        self.buttons["import"].clicked.connect(self._ask_import)
        self.align_button.clicked.connect(self.bring_in_step)

    # --- showing -------------------------------------------------------------------------

    def show_view(self, view: BookmarkView) -> None:
        """Show the bookmarks (also called when another resource changed them)."""
        selected = self.selected()
        self.view = view
        self.model.set_rows(view.rows)
        self.offered.setText(
            self.tr("Your server offers: {homes}.").format(homes=view.offered_label)
        )
        if view.server_keeps_in_step:
            said = self.tr(
                "A new room is written to {homes} (the server keeps the homes in step itself)."
            )
        else:
            said = self.tr("A new room is written to {homes}.")
        self.new_homes_said.setText(said.format(homes=view.new_homes_label))
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select(selected.key)
        self._selection_changed()

    def selected(self) -> BookmarkRow | None:
        """The bookmark the user selected, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def select(self, key: str) -> None:
        """Select the row of ``key`` (a room JID or URL), if it is listed."""
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            if self.model.row_at(source.row()).key == key:
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return

    def _selection_changed(self) -> None:
        row = self.selected()
        for name in ("edit", "duplicate", "delete"):
            self.buttons[name].setEnabled(row is not None)
        if row is None or not row.differences or self.view is None:
            self.divergence.hide()
            return
        self.divergence_text.setText(
            self.tr("{address}: {differences}.").format(
                address=row.key, differences="; ".join(row.differences)
            )
        )
        self.align_source.clear()
        for home in (BookmarkHome.NATIVE, BookmarkHome.PEP, BookmarkHome.PRIVATE):
            if home in self.view.offered:
                name = home_name(home)
                if home not in row.entry.homes:
                    name = self.tr("{home} (remove it everywhere)").format(home=name)
                self.align_source.addItem(name, home)
        self.divergence.show()

    def _new_homes_chosen(self) -> None:
        value = str(self.new_homes.currentData())
        self._settings.set(BOOKMARK_HOMES, value)
        self.editor.set_new_homes(homes_of_setting(value))
        self.bridge.info(
            self.tr("New bookmarks will be written to: {homes}").format(
                homes=self.new_homes.currentText()
            )
        )

    # --- actions -------------------------------------------------------------------------

    @command
    async def reload(self) -> None:
        """Read every home again."""
        self.show_view(await self.editor.load())

    @command
    async def add(self) -> None:
        """Ask for a new bookmark and store it."""
        await self._edit_in_dialog(None, None, self.tr("Add bookmark"))

    @command
    async def edit(self) -> None:
        """Edit the selected bookmark (its other clients' extensions are kept)."""
        row = self.selected()
        if row is not None:
            await self._edit_in_dialog(row.bookmark, row, self.tr("Edit bookmark"))

    @command
    async def duplicate(self) -> None:
        """A new bookmark that starts as a copy of the selected one (with a new address)."""
        row = self.selected()
        if row is None:
            return
        copy = row.bookmark
        if isinstance(copy, Conference):
            copy = Conference(jid="", name=copy.name, autojoin=copy.autojoin, nick=copy.nick)
        else:
            copy = UrlBookmark(url="", name=copy.name)
        await self._edit_in_dialog(copy, None, self.tr("Duplicate bookmark"))

    async def _edit_in_dialog(
        self, bookmark: Conference | UrlBookmark | None, was: BookmarkRow | None, title: str
    ) -> None:
        self.dialog = BookmarkDialog(self.editor.check, bookmark, title=title, parent=self)
        if await ask(self.dialog) != BookmarkDialog.DialogCode.Accepted:
            return
        assert self.dialog.bookmark is not None
        entered = self.dialog.bookmark
        try:
            view = await self.editor.save(entered, None if was is None else was.entry)
        except EditConflict as conflict:
            if not await self.ask_conflict(conflict):
                self.show_view(await self.editor.load())
                return
            view = await self.editor.overwrite(entered)
        self.show_view(view)
        self.select(entered.url if isinstance(entered, UrlBookmark) else entered.jid)
        self.bridge.info(self.tr("Bookmark saved."))

    async def ask_conflict(self, conflict: EditConflict) -> bool:
        """Ask whether to keep the user's change (True) or the other client's."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Bookmark changed meanwhile"),
            conflict.user_message,
            parent=self,
        )
        box.setObjectName("bookmarkConflict")
        box.setInformativeText(self.tr("Keep your change, or the one already on the server?"))
        mine = box.addButton(self.tr("Keep my change"), QMessageBox.ButtonRole.AcceptRole)
        theirs = box.addButton(self.tr("Keep theirs"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(theirs)
        await ask(box)
        return box.clickedButton() is mine

    @command
    async def delete(self) -> None:
        """Remove the selected bookmark from every home, after asking."""
        row = self.selected()
        if row is None:
            return
        sure = await confirm(
            self,
            self.tr("Delete bookmark"),
            self.tr("Delete “{name}” from {homes}?").format(
                name=row.bookmark.name or row.key, homes=row.homes
            ),
            self.tr("Delete"),
        )
        if sure:
            self.show_view(await self.editor.remove(row.key))

    @command
    async def bring_in_step(self) -> None:
        """Make every home hold what the chosen home holds for the selected bookmark."""
        row = self.selected()
        source = self.align_source.currentData()
        if row is not None and isinstance(source, BookmarkHome):
            self.show_view(await self.editor.align(row.key, source))
            self.bridge.info(
                self.tr("Every home now follows {home}.").format(home=home_name(source))
            )

    # --- files ---------------------------------------------------------------------------

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export bookmarks"), "bookmarks.xml", "XML (*.xml)"
        )
        if path:
            self.export_to(Path(path))

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import bookmarks"), "", "XML (*.xml)")
        if path:
            self.import_from(Path(path))

    @command
    async def export_to(self, path: Path) -> None:
        """Write the bookmarks as a XEP-0048 file (room passwords included: mode 0600)."""
        text = await self.editor.export_xml()
        try:
            path.write_text(text, encoding="utf-8")
            path.chmod(0o600)
        except OSError as exc:
            raise KnownError(
                self.tr("Could not write {path}: {reason}.").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from None
        self.bridge.info(self.tr("Bookmarks exported to {path}.").format(path=path))

    @command
    async def import_from(self, path: Path) -> None:
        """Merge a XEP-0048 file into the bookmarks by room JID."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KnownError(
                self.tr("Could not read {path}: {reason}.").format(path=path, reason=exc)
            ) from None
        outcome = await self.editor.import_xml(text)
        self.show_view(await self.editor.load())
        self.bridge.info(
            self.tr(
                "Imported: {added} added, {updated} updated, {unchanged} already there."
            ).format(added=outcome.added, updated=outcome.updated, unchanged=outcome.unchanged)
        )

    def closeEvent(self, event: Any) -> None:
        """Stop following changes when the window closes."""
        self._stop_listening()
        super().closeEvent(event)
