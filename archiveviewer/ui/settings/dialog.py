"""The Settings dialog: a small declared page over the settings of :mod:`..settings`.

Each row is an :class:`Option` naming a declared setting and how it is
edited (a check box, a number of minutes, a folder); the dialog reads the
values when it opens and writes them back on OK. A new option is one line
in :data:`OPTIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.ui import settings
from archiveviewer.ui.settings import Setting, Settings

Editor = Literal["check", "minutes", "gap", "folder"]


@dataclass(frozen=True)
class Option:
    """One row of the dialog: a declared setting, its label and its editor."""

    setting: Setting[Any]
    label: str
    editor: Editor
    note: str = ""


OPTIONS = (
    Option(
        settings.SYNC_ON_CONNECT,
        str(QT_TRANSLATE_NOOP("Settings", "Sync each time the account connects")),
        "check",
    ),
    Option(
        settings.SYNC_INTERVAL_MINUTES,
        str(QT_TRANSLATE_NOOP("Settings", "Sync while connected every")),
        "minutes",
    ),
    Option(
        settings.CONVERSATION_GAP_MINUTES,
        str(QT_TRANSLATE_NOOP("Settings", "A message archive's conversation ends after")),
        "gap",
        str(
            QT_TRANSLATE_NOOP(
                "Settings",
                "Message archives (MAM) keep no conversations, only messages: a silence this "
                "long starts a new one. Changing it regroups what is stored; nothing is "
                "fetched again.",
            )
        ),
    ),
    Option(
        settings.TIMES_IN_UTC,
        str(QT_TRANSLATE_NOOP("Settings", "Show times in UTC instead of local time")),
        "check",
        str(
            QT_TRANSLATE_NOOP(
                "Settings",
                "Every time says its zone, and pointing at a time in a conversation shows it "
                "exactly in UTC.",
            )
        ),
    ),
    Option(
        settings.KEEP_DECRYPTED,
        str(
            QT_TRANSLATE_NOOP(
                "Settings", "Keep decrypted text in the local copy (so it is searchable)"
            )
        ),
        "check",
        str(
            QT_TRANSLATE_NOOP(
                "Settings",
                "Off: what you decrypt is kept in memory only, until you close archiveviewer; "
                "search does not find it. On: it is also written, unencrypted, into the local "
                "copy on this computer, so search finds it; anyone who can read your files can "
                "read it too. Turning this off removes the decrypted text already kept.",
            )
        ),
    ),
    Option(
        settings.REMEMBER_PASSWORDS,
        str(QT_TRANSLATE_NOOP("Settings", "Offer to remember passwords in the system keyring")),
        "check",
    ),
    Option(
        settings.DATA_FOLDER,
        str(QT_TRANSLATE_NOOP("Settings", "Local copies are kept in")),
        "folder",
        str(
            QT_TRANSLATE_NOOP(
                "Settings", "Takes effect at the next start. Existing copies are not moved."
            )
        ),
    ),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


class SettingsDialog(QDialog):
    """Shows every option of :data:`OPTIONS` with its current value; OK stores them."""

    def __init__(self, store: Settings, default_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.setWindowTitle(self.tr("Settings"))
        self._store = store
        self._default_folder = default_folder
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for option in OPTIONS:
            editor = self._editor(option)
            self.editors[option.setting.key] = editor
            if option.editor == "check":
                form.addRow("", editor)
            else:
                form.addRow(_tr(option.label) + ":", editor)
            if option.note:
                note = QLabel(_tr(option.note))
                note.setWordWrap(True)
                form.addRow("", note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _editor(self, option: Option) -> QWidget:
        value = self._store.get(option.setting)
        if option.editor == "check":
            box = QCheckBox(_tr(option.label))
            box.setChecked(bool(value))
            return box
        if option.editor == "minutes":
            spin = QSpinBox()
            spin.setRange(0, 24 * 60)
            spin.setSuffix(self.tr(" min"))
            spin.setSpecialValueText(self.tr("never (only on connect and on request)"))
            spin.setValue(int(value))
            return spin
        if option.editor == "gap":
            spin = QSpinBox()
            spin.setObjectName("conversationGap")
            spin.setRange(1, 7 * 24 * 60)
            spin.setSuffix(self.tr(" min of silence"))
            spin.setValue(int(value))
            return spin
        return self._folder_editor(str(value))

    def _folder_editor(self, value: str) -> QWidget:
        box = QWidget()
        field = QLineEdit(value)
        field.setObjectName("folder")
        field.setPlaceholderText(self._default_folder)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(lambda: self._choose_folder(field))
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        row.addWidget(choose)
        return box

    def _choose_folder(self, field: QLineEdit) -> None:
        dialog = QFileDialog(self, self.tr("Folder for the local copies"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(field.setText)
        dialog.open()

    def accept(self) -> None:
        """Store every value shown."""
        for option in OPTIONS:
            editor = self.editors[option.setting.key]
            if isinstance(editor, QCheckBox):
                self._store.set(option.setting, int(editor.isChecked()))
            elif isinstance(editor, QSpinBox):
                self._store.set(option.setting, editor.value())
            else:
                field = editor.findChild(QLineEdit, "folder")
                if field is not None:
                    self._store.set(option.setting, field.text().strip())
        self._store.sync()
        super().accept()
