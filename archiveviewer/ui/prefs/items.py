"""The per-contact preferences: a table of items and an editor for one of them.

A contact is picked from the roster or typed (a full JID, a bare JID or a
domain); 1.x servers add ``exactmatch`` and can remove an item, the seed's
can only change it (the Remove button then says why it is off).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import Contact, SaveRule
from archiveviewer.ports.prefs import ArchivingPreferences, Checked, PrefsCapabilities
from archiveviewer.ui.prefs.fields import RuleEditor, reason_label, show_reason

COLUMNS = ("Contact", "Match", "Save", "OTR", "Expire")
NO_REMOVE_REASON = (
    "This server (2007 draft of message archiving) cannot remove a contact's preference: "
    "set it to the default's values instead."
)


class ItemsTab(QWidget):
    """Every ``<item/>`` preference, and the editor of the chosen or a new one."""

    #: The user asks to save the edited item / remove the item with this JID.
    save_requested = Signal(object)
    remove_requested = Signal(str)

    def __init__(self, prefs: ArchivingPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        self._caps: PrefsCapabilities | None = None
        self._items: tuple[SaveRule, ...] = ()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("items")
        self.table.setHorizontalHeaderLabels([self.tr(name) for name in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.contact = QComboBox()
        self.contact.setObjectName("contact")
        self.contact.setEditable(True)
        self.contact.setAccessibleName(self.tr("Contact"))
        self.contact.setPlaceholderText(self.tr("romeo@montague.net, a full JID or a domain"))
        self.exact = QCheckBox(
            self.tr("Match exactly this JID (not its resources, not the domain's users)")
        )
        self.exact.setObjectName("exactmatch")
        self.editor = RuleEditor(prefs)
        self.jid_reason = reason_label("jidReason")
        self.jid_advice = reason_label("jidAdvice")
        self.exact_reason = reason_label("exactmatchReason")
        self.note = reason_label("itemsNote")
        self.error = reason_label("itemsError")
        self.new_button = QPushButton(self.tr("&New"))
        self.save_button = QPushButton(self.tr("Save &contact preference"))
        self.save_button.setObjectName("saveItem")
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("removeItem")
        self._lay_out()
        self._connect_signals()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Con&tact:"), self.contact)
        form.addRow("", self.jid_reason)
        form.addRow("", self.jid_advice)
        form.addRow("", self.exact)
        form.addRow("", self.exact_reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.editor)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.contact.editTextChanged.connect(self._check)
        self.exact.toggled.connect(self._check)
        self.editor.edited.connect(self._check)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self._save)
        self.remove_button.clicked.connect(self._remove)

    # --- showing ---------------------------------------------------------------------------

    def set_capabilities(self, caps: PrefsCapabilities) -> None:
        """Offer what the server's dialect has (exactmatch and removal in 1.x)."""
        self._caps = caps
        self.editor.set_capabilities(caps)
        self.exact.setVisible(caps.exactmatch)
        self.remove_button.setEnabled(caps.remove_items)
        self.remove_button.setToolTip("" if caps.remove_items else self.tr(NO_REMOVE_REASON))

    def set_contacts(self, contacts: tuple[Contact, ...]) -> None:
        """The roster, offered in the contact picker (a JID can still be typed)."""
        text = self.contact.currentText()
        self.contact.blockSignals(True)
        self.contact.clear()
        for contact in contacts:
            label = f"{contact.name} <{contact.jid}>" if contact.name else contact.jid
            self.contact.addItem(label, contact.jid)
        self.contact.setEditText(text)
        self.contact.blockSignals(False)

    def set_items(self, items: tuple[SaveRule, ...]) -> None:
        """Show *items* as the server holds them; the editor keeps the chosen contact."""
        chosen = self.chosen_jid()
        self._items = items
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            values = (
                item.jid or "",
                self.tr("exact") if item.exactmatch else "",
                item.save.value,
                item.otr.value,
                self._prefs.describe_expiry(item.expire),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if chosen:
            self.select(chosen)

    def item(self, jid: str) -> SaveRule | None:
        """The shown item for *jid* (compared without case and spaces)."""
        key = jid.strip().lower()
        return next((i for i in self._items if (i.jid or "").lower() == key), None)

    def select(self, jid: str) -> None:
        """Choose the row of *jid* if there is one (and show it in the editor)."""
        for row, item in enumerate(self._items):
            if (item.jid or "").lower() == jid.strip().lower():
                self.table.selectRow(row)
                self._show(item)
                return

    def chosen_jid(self) -> str:
        """The JID in the contact picker: a roster entry's JID or the typed text."""
        text = self.contact.currentText().strip()
        index = self.contact.findText(text)
        if index >= 0 and self.contact.itemData(index):
            return str(self.contact.itemData(index))
        return text

    def start_new(self) -> None:
        """Clear the editor for a new contact preference."""
        self.table.clearSelection()
        self.contact.setEditText("")
        self.exact.setChecked(False)
        self.editor.set_rule(None)
        self.contact.setFocus()

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._show(self._items[rows[0].row()])

    def _show(self, item: SaveRule) -> None:
        self.contact.blockSignals(True)
        self.contact.setEditText(item.jid or "")
        self.contact.blockSignals(False)
        self.exact.setChecked(item.exactmatch)
        self.editor.set_rule(item)
        self.note.hide()
        self._check()

    # --- checking and asking ---------------------------------------------------------------

    def edited_rule(self) -> SaveRule:
        """The item as edited (PreferenceRefused for an expiry that is not whole seconds)."""
        exact = self.exact.isChecked() and self._caps is not None and self._caps.exactmatch
        return self.editor.rule(self.chosen_jid(), exact)

    def _check(self) -> Checked:
        checked = self.editor.check(self.chosen_jid(), self.exact.isChecked())
        show_reason(self.jid_reason, checked.problems.get("jid"))
        show_reason(self.jid_advice, checked.advice.get("jid"), refused=False)
        show_reason(self.exact_reason, checked.problems.get("exactmatch"))
        self.error.hide()
        return checked

    def show_refused(self, reasons: dict[str, str]) -> None:
        """Show reasons the service gave next to their fields."""
        self.editor.show_checked(Checked(reasons))
        show_reason(self.jid_reason, reasons.get("jid"))
        show_reason(self.exact_reason, reasons.get("exactmatch"))
        show_reason(self.error, reasons.get("remove"))

    def _save(self) -> None:
        if self._check().ok:
            self.save_requested.emit(self)

    def _remove(self) -> None:
        jid = self.chosen_jid()
        if jid:
            self.remove_requested.emit(jid)
