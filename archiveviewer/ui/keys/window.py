"""The Keys window: the user's private keys, and what can be done with each.

It lists every key with the name the encrypted conversations give it, its
fingerprint, size, when it was added and its other names; it generates,
imports (PEM, DER, PKCS#12, protected or not, under another client's name),
renames, exports the public half, changes the passphrase and deletes. All
work goes through the :class:`~archiveviewer.ports.keys.KeyRing` in
:func:`~archiveviewer.ui.threads.command` slots, so the window never blocks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.errors import KnownError
from archiveviewer.ports.keys import KeyRing, KeyRow
from archiveviewer.ui.dialogs.asking import ask, ask_text, confirm
from archiveviewer.ui.keys.passphrases import NewPassphraseDialog, ask_passphrase
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.threads import command


class KeysWindow(QDialog):
    """Lists the user's keys; its buttons run the key commands."""

    def __init__(self, keys: KeyRing, bridge: MessageBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysWindow")
        self.setWindowTitle(self.tr("Keys"))
        self.bridge = bridge
        self._keys = keys
        self.rows: list[KeyRow] = []
        self._build()
        self._connect_signals()
        self._update_buttons()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        explain = QLabel(
            self.tr(
                "Encrypted conversations name the key they were encrypted for. Import a key "
                "from another client under the name that client gives it; a key you do not "
                "name is tried on every name this program does not know, and keeps the names "
                "it opens."
            )
        )
        explain.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("keysTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Fingerprint"), self.tr("Size"), self.tr("Added"),
             self.tr("Opens"), self.tr("Also called")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Names and fingerprints are long: elided in the middle, whole in the tooltip.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((170, 220, 80, 90, 130)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.generate_button = QPushButton(self.tr("&Generate…"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.export_button = QPushButton(self.tr("&Export public key…"))
        self.passphrase_button = QPushButton(self.tr("Change &passphrase…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        side = QVBoxLayout()
        for button in self._buttons():
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(middle, 1)
        layout.addWidget(self.close_buttons)
        self.resize(1060, 360)

    def _buttons(self) -> list[QPushButton]:
        return [
            self.generate_button,
            self.import_button,
            self.rename_button,
            self.export_button,
            self.passphrase_button,
            self.delete_button,
        ]

    def _connect_signals(self) -> None:
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.generate_button.clicked.connect(self.generate)
        self.import_button.clicked.connect(self.import_key)
        self.rename_button.clicked.connect(self.rename)
        self.export_button.clicked.connect(self.export_public)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.delete_button.clicked.connect(self.delete)
        self.close_buttons.rejected.connect(self.reject)

    # -- state -------------------------------------------------------------------------------

    @property
    def chosen(self) -> KeyRow | None:
        """The key selected in the table, if any."""
        row = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.rows[row] if selected and 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        has_key = self.chosen is not None
        for button in (
            self.rename_button,
            self.export_button,
            self.passphrase_button,
            self.delete_button,
        ):
            button.setEnabled(has_key)

    def _show(self, rows: list[KeyRow], select: str | None = None) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, key in enumerate(rows):
            added = "" if key.created is None else key.created.date().isoformat()
            opens = "" if key.opens is None else self.tr("%n conversation(s)", "", key.opens)
            also = ", ".join(key.aliases)
            cells = (key.name, key.fingerprint, f"RSA {key.bits}", added, opens, also)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, column, item)
            if key.name == select:
                self.table.selectRow(index)
        self._update_buttons()

    # -- commands ----------------------------------------------------------------------------

    @command
    async def reload(self, select: str | None = None) -> None:
        """Read the keys again and show them."""
        self._show(await self._keys.keys(), select)

    @command
    async def generate(self) -> None:
        """Make a new key with a name and a passphrase the user gives."""
        name = await self._ask_name(self.tr("Generate a key"), "")
        if name is None:
            return
        passphrase = await self._new_passphrase()
        if passphrase is None:
            return
        self.bridge.info(self.tr("Generating a key; this takes a few seconds…"))
        key = await self._keys.generate(passphrase, name or None)
        await self.reload(key.name)
        self.bridge.info(self.tr("Made the key “%1”.").replace("%1", key.name))

    @command
    async def import_key(self) -> None:
        """Import a key file, under the name another client gives the key."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a private key"),
            "",
            self.tr("Private keys (*.pem *.key *.der *.p12 *.pfx);;All files (*)"),
        )
        if not path:
            return
        file_passphrase = None
        if await self._keys.needs_file_passphrase(Path(path)):
            file_passphrase = await ask_passphrase(
                self, self.tr("This key file is protected. Enter its passphrase.")
            )
            if file_passphrase is None:
                return
        name = await self._ask_name(self.tr("Import a key"), "")
        if name is None:
            return
        passphrase = await self._new_passphrase()
        if passphrase is None:
            return
        key = await self._keys.import_file(Path(path), passphrase, file_passphrase, name or None)
        await self.reload(key.name)

    @command
    async def rename(self) -> None:
        """Give the chosen key another name."""
        key = self.chosen
        if key is None:
            return
        name = await self._ask_name(self.tr("Rename the key"), key.name)
        if not name or name == key.name:
            return
        renamed = await self._keys.rename(key.name, name)
        await self.reload(renamed.name)

    @command
    async def export_public(self) -> None:
        """Save the chosen key's public half, to give to another client."""
        key = self.chosen
        if key is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the public key"), f"{_file_name(key.name)}.pub.pem",
            self.tr("PEM public keys (*.pem)"),
        )  # fmt: skip
        if path:
            await self._keys.export_public(key.name, Path(path))
            self.bridge.info(self.tr("Saved the public key to %1.").replace("%1", path))

    @command
    async def change_passphrase(self) -> None:
        """Protect the chosen key with a new passphrase."""
        key = self.chosen
        if key is None:
            return
        old = await ask_passphrase(
            self, self.tr("Enter the current passphrase of “%1”.").replace("%1", key.name)
        )
        if old is None:
            return
        new = await self._new_passphrase()
        if new is not None:
            await self._keys.change_passphrase(key.name, old, new)
            self.bridge.info(self.tr("The passphrase of “%1” is changed.").replace("%1", key.name))

    @command
    async def delete(self) -> None:
        """Remove the chosen key from this computer, after saying what that means."""
        key = self.chosen
        if key is None:
            return
        warning = self.tr(
            "Delete the key “%1”? Conversations encrypted only for this key cannot be read "
            "any more on this computer, unless you import the key again. Export its public "
            "key or re-key the archive first if you still need them."
        ).replace("%1", key.name)
        if key.only:
            warning += " " + self.tr(
                "%n conversation(s) of this account would become unreadable.", "", key.only
            )
        if await confirm(self, self.tr("Delete key"), warning, self.tr("Delete")):
            await self._keys.delete(key.name)
            await self.reload()

    # -- asking ------------------------------------------------------------------------------

    async def _ask_name(self, title: str, current: str) -> str | None:
        label = self.tr(
            "Name (what the encrypted conversations call this key; empty: its fingerprint):"
        )
        text = await ask_text(self, title, label, current, False)
        return None if text is None else text.strip()

    async def _new_passphrase(self) -> str | None:
        dialog = NewPassphraseDialog(self)
        value = dialog.value
        if await ask(dialog) != QDialog.DialogCode.Accepted:
            return None
        passphrase = value()
        if not passphrase:
            raise KnownError(self.tr("A passphrase is needed to protect the private key."))
        return passphrase


def _file_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name) or "key"


def show_keys_window(
    parent: QWidget, keys: KeyRing | None, bridge: MessageBridge
) -> KeysWindow | None:
    """Show the one Keys window of ``parent`` (made on first use); None without a key store."""
    if keys is None:
        bridge.info(
            QCoreApplication.translate("MainWindow", "There is no key store in this archive.")
        )
        return None
    window = parent.findChild(KeysWindow, "keysWindow") or KeysWindow(keys, bridge, parent)
    window.show()
    window.raise_()
    window.reload()
    return window
