"""The Keys window: the user's private keys, and what can be done with each.

It lists every key with the name the encrypted conversations give it, its
fingerprint, size, when it was added and its other names; it generates,
imports (PEM, DER, PKCS#12, protected or not, under another client's name),
renames, exports the public half, changes the passphrase and deletes; it
unlocks a key for this run and locks it again, shows which keys are
unlocked, and re-keys the shown account's archive from one key to another
(with progress and Cancel, and an offer to continue a re-key that did not
finish). All work goes through the :class:`~archiveviewer.ports.keys.KeyRing` in
:func:`~archiveviewer.ui.threads.command` slots, so the window never blocks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.errors import KnownError
from archiveviewer.ports.keys import KeyList, KeyRing, KeyRow, RekeyControl, UnfinishedRekey
from archiveviewer.ui.dialogs.asking import ask, confirm
from archiveviewer.ui.keys.passphrases import ask_key_name, ask_new_passphrase, ask_passphrase
from archiveviewer.ui.keys.rekey import RekeyDialog
from archiveviewer.ui.keys.table import KeyTable
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
        self.table = KeyTable()
        self.counts_of = QLabel()
        self.counts_of.setObjectName("keysCountsOf")
        self.unfinished = QLabel()
        self.unfinished.setObjectName("keysUnfinished")
        self.unfinished.setWordWrap(True)
        self.continue_button = QPushButton(self.tr("&Continue re-key…"))
        banner = QHBoxLayout()
        banner.addWidget(self.unfinished, 1)
        banner.addWidget(self.continue_button)
        self.unfinished_rekey: UnfinishedRekey | None = None
        self.rekey_dialog: RekeyDialog | None = None
        self.generate_button = QPushButton(self.tr("&Generate…"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.export_button = QPushButton(self.tr("&Export public key…"))
        self.passphrase_button = QPushButton(self.tr("Change &passphrase…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.unlock_button = QPushButton(self.tr("&Unlock…"))
        self.lock_all_button = QPushButton(self.tr("Lock &all"))
        self.rekey_button = QPushButton(self.tr("Re-&key archive…"))
        side = QVBoxLayout()
        for button in self._buttons():
            if button in (self.generate_button, self.rekey_button):
                side.addSpacing(12)  # for this run; the keys themselves; the archive
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(banner)
        layout.addLayout(middle, 1)
        layout.addWidget(self.counts_of)
        layout.addWidget(self.close_buttons)
        self.resize(1100, 400)
        self._show_unfinished(None)

    def _buttons(self) -> list[QPushButton]:
        return [
            self.unlock_button,
            self.lock_all_button,
            self.generate_button,
            self.import_button,
            self.rename_button,
            self.export_button,
            self.passphrase_button,
            self.delete_button,
            self.rekey_button,
        ]

    def _connect_signals(self) -> None:
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.generate_button.clicked.connect(self.generate)
        self.import_button.clicked.connect(self.import_key)
        self.rename_button.clicked.connect(self.rename)
        self.export_button.clicked.connect(self.export_public)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.delete_button.clicked.connect(self.delete)
        self.unlock_button.clicked.connect(self.toggle_lock)
        self.lock_all_button.clicked.connect(self.lock_all)
        self.rekey_button.clicked.connect(lambda: self.rekey(None))
        self.continue_button.clicked.connect(lambda: self.rekey(self.unfinished_rekey))
        self.close_buttons.rejected.connect(self.reject)

    # -- state -------------------------------------------------------------------------------

    @property
    def rows(self) -> list[KeyRow]:
        """The keys listed."""
        return self.table.rows

    @property
    def chosen(self) -> KeyRow | None:
        """The key selected in the table, if any."""
        return self.table.chosen

    def _update_buttons(self) -> None:
        key = self.chosen
        for button in (
            self.rename_button,
            self.export_button,
            self.passphrase_button,
            self.delete_button,
            self.unlock_button,
        ):
            button.setEnabled(key is not None)
        unlocked = key is not None and key.unlocked
        self.unlock_button.setText(self.tr("&Lock") if unlocked else self.tr("&Unlock…"))
        self.lock_all_button.setEnabled(any(k.unlocked for k in self.rows))
        self.rekey_button.setEnabled(len(self.rows) > 1)

    def _show(self, listed: KeyList, select: str | None = None) -> None:
        self.table.show_rows(listed.rows, select)
        if listed.account is None:
            self.counts_of.setText(
                self.tr("Add your account to see which conversations each key opens.")
            )
        else:
            self.counts_of.setText(
                self.tr("“Opens” counts the conversations in the local copy of %1.").replace(
                    "%1", listed.account
                )
            )
        self._update_buttons()

    def _show_unfinished(self, unfinished: UnfinishedRekey | None) -> None:
        self.unfinished_rekey = unfinished
        self.unfinished.setVisible(unfinished is not None)
        self.continue_button.setVisible(unfinished is not None)
        if unfinished is not None:
            self.unfinished.setText(
                self.tr(
                    "Re-keying %1 from “%2” to “%3” did not finish. Continue it to move the "
                    "remaining conversations; those already moved are not touched again."
                ).replace("%1", unfinished.account).replace("%2", unfinished.old)
                .replace("%3", unfinished.new)
            )  # fmt: skip

    # -- commands ----------------------------------------------------------------------------

    @command
    async def reload(self, select: str | None = None) -> None:
        """Read the keys again and show them, and a re-key that did not finish."""
        self._show(await self._keys.keys(), select)
        self._show_unfinished(await self._keys.unfinished_rekey())

    @command
    async def toggle_lock(self) -> None:
        """Unlock the chosen key for this run (asking its passphrase), or lock it again."""
        key = self.chosen
        if key is None:
            return
        if key.unlocked:
            await self._keys.lock(key.name)
            self.bridge.info(self.tr("“%1” is locked.").replace("%1", key.name))
        elif await self.unlock(key.name):
            self.bridge.info(
                self.tr("“%1” is unlocked until you quit or lock it.").replace("%1", key.name)
            )
        await self.reload(key.name)

    async def unlock(self, name: str) -> bool:
        """Ask for the passphrase of the key ``name`` and unlock it; False if cancelled."""
        passphrase = await ask_passphrase(
            self, self.tr("Enter the passphrase of “%1” to unlock it.").replace("%1", name)
        )
        if passphrase is None:
            return False
        await self._keys.unlock(name, passphrase)
        return True

    @command
    async def lock_all(self) -> None:
        """Lock every unlocked key."""
        await self._keys.lock_all()
        self.bridge.info(self.tr("All keys are locked."))
        await self.reload()

    @command
    async def rekey(self, unfinished: UnfinishedRekey | None) -> None:
        """Ask from which key to which, then move the archive's conversations (resumable)."""
        listed = await self._keys.keys()
        if listed.account is None:
            raise KnownError(self.tr("Add your account first: re-keying changes its archive."))
        chosen = self.chosen.name if self.chosen is not None else None
        choice = (unfinished.old, unfinished.new) if unfinished else (chosen, None)
        names = [k.name for k in listed.rows]
        dialog = RekeyDialog(self, names, listed.account, choice)
        dialog.rekey_requested.connect(lambda: self._run_rekey(dialog))
        self.rekey_dialog = dialog
        try:
            await ask(dialog)
        finally:
            self.rekey_dialog = None
        await self.reload()

    @command
    async def _run_rekey(self, dialog: RekeyDialog) -> None:
        old, new = dialog.choice()
        key = next((k for k in self.rows if k.name == old), None)
        if key is not None and not key.unlocked and not await self.unlock(old):
            return
        control = RekeyControl(on_step=dialog.stepped.emit)
        dialog.running(control)
        summary = None
        try:
            summary = await self._keys.rekey(old, new, control)
        finally:
            dialog.ended(summary)

    @command
    async def generate(self) -> None:
        """Make a new key with a name and a passphrase the user gives."""
        name = await ask_key_name(self, self.tr("Generate a key"), "")
        if name is None:
            return
        passphrase = await ask_new_passphrase(self)
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
        name = await ask_key_name(self, self.tr("Import a key"), "")
        if name is None:
            return
        passphrase = await ask_new_passphrase(self)
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
        name = await ask_key_name(self, self.tr("Rename the key"), key.name)
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
        new = await ask_new_passphrase(self)
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
