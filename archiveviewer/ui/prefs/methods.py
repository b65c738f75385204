"""Archiving methods (auto, local, manual with their ``use``) and automatic archiving.

Automatic archiving belongs to this connection (``<auto/>``): 1.x servers add
a ``scope`` (this connection or also later ones); encryption of what the
server archives is offered only when the seed dialect's ``#encrypt`` is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import AutoArchiving, MethodUse
from archiveviewer.ports.prefs import ArchivingPreferences, PrefsCapabilities
from archiveviewer.ui.prefs.fields import ChoiceBox, reason_label, show_reason


class MethodsTab(QWidget):
    """One ``use`` per archiving method, and automatic archiving of this connection."""

    methods_requested = Signal()
    auto_requested = Signal()

    def __init__(self, prefs: ArchivingPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        self._caps: PrefsCapabilities | None = None
        self._shown: tuple[tuple[str, MethodUse], ...] = ()
        self.uses: dict[str, ChoiceBox] = {}
        self.meanings: dict[str, QLabel] = {}
        self._grid = QGridLayout()
        self.methods_note = reason_label("methodsNote")
        self.methods_error = reason_label("methodsError")
        self.save_methods = QPushButton(self.tr("Save &methods"))
        self.save_methods.setObjectName("saveMethods")
        self.auto = QCheckBox(
            self.tr("Archive this connection's messages automatically on the server")
        )
        self.auto.setObjectName("auto")
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope_label = QLabel(self.tr("&Scope:"))
        self.scope_label.setBuddy(self.scope)
        self.encrypt = QCheckBox(self.tr("Encrypt what the server archives automatically"))
        self.encrypt.setObjectName("encrypt")
        self.auto_state = QLabel()
        self.auto_state.setObjectName("autoState")
        self.auto_state.setWordWrap(True)
        self.auto_reason = reason_label("autoReason")
        self.apply_auto = QPushButton(self.tr("&Apply"))
        self.apply_auto.setObjectName("applyAuto")
        self._lay_out()
        self.save_methods.clicked.connect(self.methods_requested)
        self.apply_auto.clicked.connect(self._auto_clicked)
        for box in (self.auto, self.encrypt):
            box.toggled.connect(self._check_auto)
        self.scope.currentIndexChanged.connect(self._check_auto)

    def _lay_out(self) -> None:
        methods = QGroupBox(self.tr("Archiving methods: what your clients should use"))
        column = QVBoxLayout(methods)
        column.addLayout(self._grid)
        column.addWidget(self.methods_note)
        column.addWidget(self.methods_error)
        column.addWidget(self.save_methods)
        auto = QGroupBox(self.tr("Automatic archiving"))
        form = QFormLayout(auto)
        form.addRow(self.auto_state)
        form.addRow(self.auto)
        form.addRow(self.scope_label, self.scope)
        form.addRow(self.encrypt)
        form.addRow(self.auto_reason)
        form.addRow(self.apply_auto)
        layout = QVBoxLayout(self)
        layout.addWidget(methods)
        layout.addWidget(auto)
        layout.addStretch()

    def set_capabilities(self, caps: PrefsCapabilities) -> None:
        """One row per method type with the dialect's uses; scope and encryption if offered."""
        self._caps = caps
        for row, (kind, meaning) in enumerate(caps.method_types):
            if kind not in self.uses:
                box = ChoiceBox()
                box.setObjectName(f"use_{kind}")
                box.setAccessibleName(self.tr("Use of {kind} archiving").format(kind=kind))
                label = QLabel()
                label.setWordWrap(True)
                self.uses[kind], self.meanings[kind] = box, label
                box.currentIndexChanged.connect(self._refresh_meanings)
                self._grid.addWidget(QLabel(f"<b>{kind}</b>: {meaning}"), row, 0)
                self._grid.addWidget(box, row, 1)
                self._grid.addWidget(label, row, 2)
            self.uses[kind].set_choices(caps.method_uses)
        self.scope.clear()
        for scope, meaning in caps.auto_scopes:
            self.scope.addItem(f"{scope}: {meaning}", scope)
        self.scope.setVisible(bool(caps.auto_scopes))
        self.scope_label.setVisible(bool(caps.auto_scopes))
        self.encrypt.setVisible(caps.encrypt)
        self.auto.setEnabled(caps.auto)
        self.apply_auto.setEnabled(caps.auto)
        if not caps.auto:
            self.auto.setToolTip(self.tr("This server does not offer automatic archiving."))

    def set_methods(self, methods: tuple[tuple[str, MethodUse], ...]) -> None:
        """Show the uses the server holds."""
        self._shown = methods
        for kind, use in methods:
            if kind in self.uses:
                self.uses[kind].blockSignals(True)
                self.uses[kind].choose(use)
                self.uses[kind].blockSignals(False)
        self._refresh_meanings()

    def methods(self) -> tuple[tuple[str, MethodUse], ...]:
        """The uses as chosen, one per method."""
        return tuple((kind, MethodUse(box.currentData())) for kind, box in self.uses.items())

    def methods_edited(self) -> bool:
        """True when the chosen uses differ from those the server holds."""
        return dict(self.methods()) != dict(self._shown)

    def set_auto(self, auto: AutoArchiving | None) -> None:
        """Show the ``<auto/>`` state of this connection (None: the server did not say)."""
        for box in (self.auto, self.encrypt):
            box.blockSignals(True)
        if auto is None:
            self.auto_state.setText(
                self.tr("The server did not say whether it archives automatically.")
            )
        else:
            self.auto_state.setText(
                self.tr("For this connection, automatic archiving is on.")
                if auto.save
                else self.tr("For this connection, automatic archiving is off.")
            )
            self.auto.setChecked(auto.save)
            self.encrypt.setChecked(auto.encrypt)
        for box in (self.auto, self.encrypt):
            box.blockSignals(False)
        show_reason(self.auto_reason, None)

    def wanted_auto(self) -> AutoArchiving:
        """``<auto/>`` as chosen."""
        caps = self._caps
        scope = self.scope.currentData() if caps is not None and caps.auto_scopes else None
        return AutoArchiving(
            save=self.auto.isChecked(),
            encrypt=self.encrypt.isChecked() and caps is not None and caps.encrypt,
            scope=scope,
        )

    def show_auto_refused(self, reasons: dict[str, str]) -> None:
        """Show why the automatic archiving change was refused."""
        show_reason(self.auto_reason, " ".join(reasons.values()) or None)

    def _check_auto(self) -> bool:
        if self._caps is None:
            return False
        checked = self._prefs.check_auto(self.wanted_auto(), self._caps)
        self.show_auto_refused(dict(checked.problems))
        return checked.ok

    def _auto_clicked(self) -> None:
        if self._check_auto():
            self.auto_requested.emit()

    def _refresh_meanings(self) -> None:
        for kind, box in self.uses.items():
            self.meanings[kind].setText(box.meaning())
