"""The Export dialog: which conversations, which format, where to; then progress and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import CollectionId
from archiveviewer.ports.files import EXPORT_FORMATS, ExportChoice, ExportControl


class ExportDialog(QDialog):
    """Asks what to export; once accepted, :meth:`choice` says what the user chose.

    ``selected`` are the conversations selected in the list, ``contact`` the
    contact chosen in the browser (bare JID and label), ``folder`` where the
    file goes unless the user picks another.
    """

    #: Emitted (from any thread) with conversations done and their total.
    stepped = Signal(int, int)
    #: The user pressed Export: the commands start the export and keep the dialog open.
    export_requested = Signal()

    def __init__(
        self,
        parent: QWidget,
        *,
        selected: tuple[CollectionId, ...],
        contact: tuple[str, str] | None,
        folder: Path,
        name_for: Callable[[str, str | None], str],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportArchiveDialog")
        self.setWindowTitle(self.tr("Export conversations"))
        self._selected = selected
        self._contact = contact
        self._folder = folder
        self._name_for = name_for
        self._control: ExportControl | None = None
        self.scope = QComboBox()
        self.scope.setObjectName("exportScope")
        if selected:
            self.scope.addItem(
                self.tr("The %n selected conversation(s)", "", len(selected)), "selected"
            )
        if contact is not None:
            self.scope.addItem(
                self.tr("Every conversation with %1").replace("%1", contact[1]), "contact"
            )
        self.scope.addItem(self.tr("Everything"), "all")
        self.ranged = QCheckBox(self.tr("Only conversations started between"))
        self.ranged.setObjectName("exportRanged")
        self.since, self.until = QDateEdit(), QDateEdit()
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.since.setDate(QDate.currentDate().addYears(-1))
        self.until.setDate(QDate.currentDate())
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        labels = {
            "html": self.tr("Web page, to read in a browser (.html)"),
            "text": self.tr("Plain text (.txt)"),
            "xep0136": self.tr("Archive file, encrypted conversations kept (XEP-0136, .xml)"),
            "xep0227": self.tr("Portable account export (XEP-0227, .xml)"),
        }
        for name, _suffix in EXPORT_FORMATS:
            self.format.addItem(labels[name], name)
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("Choose…"))
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self._lay_out()
        self._connect()
        self._suggest()

    def _lay_out(self) -> None:
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(self.until)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("Conversations:"), self.scope)
        form.addRow(self.ranged, dates)
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Save as:"), where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

    def _connect(self) -> None:
        self.ranged.toggled.connect(self.since.setEnabled)
        self.ranged.toggled.connect(self.until.setEnabled)
        self.scope.currentIndexChanged.connect(self._suggest)
        self.format.currentIndexChanged.connect(self._suggest)
        self.browse.clicked.connect(self._choose)
        self.buttons.accepted.connect(self.export_requested)
        self.buttons.rejected.connect(self.reject)
        self.stepped.connect(self.show_step)

    def _suggest(self) -> None:
        """A file name for the format and contact, in the last folder, unless the user typed one."""
        contact = (
            self._contact[0] if self.scope.currentData() == "contact" and self._contact else None
        )
        name = self._name_for(str(self.format.currentData()), contact)
        self.path.setText(str(self._folder / name))

    def _choose(self) -> None:
        dialog = QFileDialog(self, self.tr("Export to"), self.path.text())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    def choice(self) -> ExportChoice:
        """What the user chose."""
        scope = self.scope.currentData()
        since = until = None
        if self.ranged.isChecked():
            since = _utc(self.since.date())
            until = _utc(self.until.date().addDays(1))
        return ExportChoice(
            export_format=str(self.format.currentData()),
            path=Path(self.path.text()).expanduser(),
            contact=self._contact[0] if scope == "contact" and self._contact else None,
            since=since,
            until=until,
            collections=self._selected if scope == "selected" else (),
        )

    def reject(self) -> None:
        """Cancel: before the export, close; while it runs, stop it (it closes when stopped)."""
        if self._control is not None:
            self._control.stop.set()
            return
        super().reject()

    def running(self, control: ExportControl) -> None:
        """The export runs under ``control``: show the progress bar, only Cancel stays."""
        self._control = control
        for widget in (self.scope, self.ranged, self.since, self.until, self.format,
                       self.path, self.browse):  # fmt: skip
            widget.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)

    def show_step(self, done: int, total: int) -> None:
        """Progress: ``done`` of ``total`` conversations."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(
            self.tr("%1 of %2 conversations").replace("%1", str(done)).replace("%2", str(total))
        )


def _utc(day: QDate) -> datetime:
    """Local midnight of ``day``, in UTC."""
    local = datetime.combine(date(day.year(), day.month(), day.day()), time()).astimezone()
    return local.astimezone(UTC)
