"""The Re-key dialog: from which key to which, then progress, Cancel and what was done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.ports.keys import RekeyControl, RekeySummary


class RekeyDialog(QDialog):
    """Asks for the old and the new key; runs with progress; Cancel stops between conversations.

    The Keys window starts the work when :attr:`rekey_requested` is emitted
    and reports back with :meth:`running` and :meth:`ended`.
    """

    #: Emitted with (conversations done, conversations to move).
    stepped = Signal(int, int)
    #: The user pressed Re-key.
    rekey_requested = Signal()

    def __init__(
        self,
        parent: QWidget,
        names: list[str],
        account: str,
        choice: tuple[str | None, str | None] = (None, None),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rekeyDialog")
        self.setWindowTitle(self.tr("Re-key the archive"))
        self.control: RekeyControl | None = None
        explain = QLabel(
            self.tr(
                "Re-keying moves the encrypted conversations of %1 on the server from one "
                "of your keys to another: each conversation's data key is wrapped for the new "
                "key, then the old key's copy is deleted. The messages are not sent again. "
                "You can cancel at any time and continue later; no conversation is lost or "
                "moved twice."
            ).replace("%1", account)
        )
        explain.setWordWrap(True)
        self.old = QComboBox()
        self.old.setObjectName("rekeyOld")
        self.new = QComboBox()
        self.new.setObjectName("rekeyNew")
        for combo, wanted in ((self.old, choice[0]), (self.new, choice[1])):
            combo.addItems(names)
            if wanted in names:
                combo.setCurrentText(wanted)
        if self.new.currentText() == self.old.currentText() and len(names) > 1:
            self.new.setCurrentIndex(1 if self.old.currentIndex() == 0 else 0)
        form = QFormLayout()
        form.addRow(self.tr("&From the key:"), self.old)
        form.addRow(self.tr("&To the key:"), self.new)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("rekeyStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton(self.tr("&Re-key"))
        self.start_button.setDefault(True)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.start_button.clicked.connect(self._start)
        self.cancel_button.clicked.connect(self.reject)
        self.old.currentTextChanged.connect(self._check)
        self.new.currentTextChanged.connect(self._check)
        self.stepped.connect(self._step)
        self._check()
        self.resize(600, 300)  # the explanation wraps: room for all of it

    def choice(self) -> tuple[str, str]:
        """(old, new): the names of the keys chosen."""
        return self.old.currentText(), self.new.currentText()

    def _check(self) -> None:
        old, new = self.choice()
        same = old == new
        self.start_button.setEnabled(bool(old) and not same and self.control is None)
        self.status.setText(self.tr("Choose two different keys.") if same else "")

    def _start(self) -> None:
        self.rekey_requested.emit()

    def running(self, control: RekeyControl) -> None:
        """The work started: show progress; Cancel now stops it."""
        self.control = control
        self.old.setEnabled(False)
        self.new.setEnabled(False)
        self.start_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the server has listed the old keys
        self.progress.setVisible(True)
        self.status.setText(self.tr("Finding the conversations encrypted for the old key…"))

    def _step(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(self.tr("Moved %1 of %n conversation(s)…", "", total).replace(
            "%1", str(done)
        ))  # fmt: skip

    def ended(self, summary: RekeySummary | None) -> None:
        """The work ended (None: with an error, already shown): say what was done."""
        self.control = None
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setEnabled(True)
        self.progress.setVisible(summary is not None and summary.conversations > 0)
        if summary is None:
            self.status.setText(self.tr("Re-keying stopped. Re-key again to continue."))
        else:
            self.status.setText(self.describe(summary))

    def reject(self) -> None:
        """Cancel while running stops after the conversation being moved; else close."""
        if self.control is not None:
            self.control.stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling after this conversation…"))
            return
        super().reject()

    def describe(self, summary: RekeySummary) -> str:
        """What a re-key run did, in a sentence or two."""
        if summary.conversations == 0:
            return self.tr(
                "No conversation on the server is encrypted for the old key: nothing to move."
            )
        if summary.stopped:
            left = summary.conversations - summary.done
            text = self.tr(
                "Cancelled after %1 of %2 conversations. %n conversation(s) still use the old "
                "key: re-key again to move them.", "", left,
            )  # fmt: skip
            return text.replace("%1", str(summary.done)).replace("%2", str(summary.conversations))
        moved = summary.done - len(summary.failed)
        text = self.tr("Moved %n conversation(s) to the new key.", "", moved)
        if summary.failed:
            stayed = self.tr("%n conversation(s) stayed on the old key:", "", len(summary.failed))
            text = " ".join((text, stayed, *summary.failed))
        return text
