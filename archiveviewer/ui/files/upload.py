"""Archive → Upload archive file…: manual archiving of a file's conversations, encrypted or not.

The dialog asks for the file and offers "Encrypt with…" one of the user's
own keys (only those: the archive is never encrypted for another's key);
:class:`UploadEntry` runs the upload through the
:class:`~archiveviewer.ports.upload.ArchiveUploader` with progress. Run again,
an upload stores only what the server does not hold yet. Cancel (or Escape)
while it uploads stops it after the conversation on its way, so the server
holds whole conversations only, and the dialog says how far it got.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.ports.upload import ArchiveUploader, UploadChoice, UploadSummary
from archiveviewer.ui.dialogs.asking import ask
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.threads import command


class UploadDialog(QDialog):
    """Which file, and "Encrypt with…" which of the user's keys; then progress."""

    #: Emitted with (conversations done, conversations in all).
    stepped = Signal(int, int)
    #: The user pressed Upload.
    upload_requested = Signal()

    def __init__(self, parent: QWidget, keys: list[str], folder: Path) -> None:
        super().__init__(parent)
        self.setObjectName("uploadDialog")
        self.setWindowTitle(self.tr("Upload archive file"))
        self._folder = folder
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Archive file"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        self.encrypt = QComboBox()
        self.encrypt.setObjectName("uploadEncrypt")
        self.encrypt.addItem(self.tr("Do not encrypt"), "")
        for name in keys:
            self.encrypt.addItem(name, name)
        self.subjects = QCheckBox(
            self.tr("Upload subjects too (the server keeps them unencrypted)")
        )
        explain = QLabel(
            self.tr(
                "Conversations already on the server are not stored again. Encrypted "
                "conversations can be read only with your private key: only your own keys "
                "are offered, never anyone else's."
            )
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path)  # a row of two widgets: the mnemonic needs a buddy
        form.addRow(file_label, row)
        form.addRow(self.tr("&Encrypt with:"), self.encrypt)
        form.addRow("", self.subjects)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton(self.tr("&Upload"))
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.start_button.clicked.connect(self.upload_requested.emit)
        self.close_button.clicked.connect(self.reject)
        self._running = False
        self._stopping = False
        self.path.textChanged.connect(self._check)
        self.encrypt.currentIndexChanged.connect(self._check)
        self.stepped.connect(self._step)
        self._check()
        self.resize(560, 0)

    def choice(self) -> UploadChoice:
        """What the user chose."""
        key = str(self.encrypt.currentData() or "")
        return UploadChoice(
            Path(self.path.text().strip()),
            (key,) if key else (),
            bool(key) and self.subjects.isChecked(),
        )

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Upload archive file"), str(self._folder),
            self.tr("Archive files (*.xml);;All files (*)"),
        )  # fmt: skip
        if path:
            self.path.setText(path)

    def _check(self) -> None:
        self.start_button.setEnabled(bool(self.path.text().strip()))
        self.subjects.setEnabled(bool(self.encrypt.currentData()))

    def should_stop(self) -> bool:
        """True once the user cancelled the upload that is running (asked between conversations)."""
        return self._stopping

    def reject(self) -> None:
        """Close; while uploading, stop after the conversation on its way instead."""
        if not self._running:
            super().reject()
            return
        self._stopping = True
        self.close_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling after the conversation on its way…"))

    def running(self) -> None:
        """The upload started: show progress; Cancel stops it."""
        self._running, self._stopping = True, False
        self.start_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Comparing with the server's list…"))

    def _step(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def ended(self, summary: UploadSummary | None) -> None:
        """Say what the upload did (None: it stopped with an error, already shown)."""
        self._running = False
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))
        self._check()
        if summary is None:
            self.progress.setVisible(False)
            self.status.setText(self.tr("The upload stopped. Upload again to store the rest."))
            return
        if summary.cancelled:
            self.status.setText(self._cancelled(summary))
            return
        text = self.tr("Stored %n conversation(s)", "", summary.stored)
        if summary.encrypted:
            text = self.tr("Stored %n encrypted conversation(s)", "", summary.stored)
        skipped = self.tr("%n already on the server.", "", summary.skipped)
        self.status.setText(f"{text}; {skipped}")

    def _cancelled(self, summary: UploadSummary) -> str:
        sentence = self.tr(
            "Cancelled after %1 of %n conversation(s) (%2 stored, %3 already on the server); "
            "upload again to store the rest.",
            "",
            summary.total,
        )
        for mark, n in (("%1", summary.done), ("%2", summary.stored), ("%3", summary.skipped)):
            sentence = sentence.replace(mark, str(n))
        return sentence


class UploadEntry(QObject):
    """Connects Archive → Upload archive file… to the uploader of the shown account."""

    def __init__(
        self,
        window: QWidget,
        action: QAction,
        uploader: Callable[[], ArchiveUploader | None],
        bridge: MessageBridge,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._uploader = uploader
        self.bridge = bridge
        self.dialog: UploadDialog | None = None
        action.triggered.connect(self.upload)

    @command
    async def upload(self) -> None:
        """Ask for the file and the key; upload with progress."""
        uploader = self._uploader()
        if uploader is None:
            self.bridge.info(self.tr("Add your account first: uploads go to your server."))
            return
        keys = await uploader.own_keys()
        dialog = UploadDialog(self._window, keys, Path.home())
        dialog.upload_requested.connect(lambda: self._run(uploader, dialog))
        self.dialog = dialog
        try:
            await ask(dialog)
        finally:
            self.dialog = None

    @command
    async def _run(self, uploader: ArchiveUploader, dialog: UploadDialog) -> None:
        dialog.running()
        summary = None
        try:
            summary = await uploader.upload(
                dialog.choice(), dialog.stepped.emit, dialog.should_stop
            )
        finally:
            dialog.ended(summary)
