"""The fields of one Save rule (Save Mode, OTR Mode, expiry), each with its meaning and reason.

:class:`RuleEditor` edits a :class:`~archiveviewer.domain.SaveRule` in the words of the
server's dialect: every value of the combo boxes carries its one-line meaning
(shown under the box), the expiry is entered in days, months or years (or never),
and a refused value shows its reason next to the field. An "unset" default (the
server's own, never chosen) is said so, and stops being "unset" once edited.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from archiveviewer.domain import OtrMode, SaveMode, SaveRule
from archiveviewer.ports.prefs import (
    EXPIRY_UNITS,
    ArchivingPreferences,
    Checked,
    PreferenceRefused,
    PrefsCapabilities,
)

NEVER = "never"
UNSET_TEXT = "The server's own default: you never chose one."
EDITED_TEXT = "Your choice, not saved yet."


def reason_label(name: str) -> QLabel:
    """A label for a refusal (or advice) next to a field, empty until there is one."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def show_reason(label: QLabel, text: str | None, *, refused: bool = True) -> None:
    """Show *text* in *label* (red for a refusal, muted for advice), or hide it."""
    label.setText(text or "")
    label.setStyleSheet("color: #b3261e;" if refused else "color: palette(dark);")
    label.setVisible(bool(text))


class ChoiceBox(QComboBox):
    """A combo box of a dialect's values, each with its meaning as tooltip and data."""

    def set_choices(self, choices: tuple[tuple[enum.Enum, str], ...]) -> None:
        """Offer exactly *choices* (the dialect's values, in the specification's order)."""
        self.blockSignals(True)
        self.clear()
        for value, meaning in choices:
            self.addItem(value.value, value)
            self.setItemData(self.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)

    def choose(self, value: enum.Enum) -> None:
        """Select *value*; a value outside the dialect is added, marked, so it is seen."""
        index = self.findData(value)
        if index < 0:
            odd = self.tr("{value} (not in this server's dialect)").format(value=value.value)
            self.addItem(odd, value)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def meaning(self) -> str:
        """The one-line meaning of the current value."""
        return str(self.currentData(Qt.ItemDataRole.ToolTipRole) or "")


class AmountBox(QDoubleSpinBox):
    """A number that shows no trailing zeros ("20", "1.5"), so whole amounts read as whole."""

    def textFromValue(self, value: float) -> str:
        return f"{value:.{self.decimals()}f}".rstrip("0").rstrip(".")


class ExpiryField(QWidget):
    """``never`` or an amount of days, months, years or seconds."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount = AmountBox()
        self.amount.setObjectName("expireAmount")
        self.amount.setAccessibleName(self.tr("Expiry amount"))
        self.amount.setDecimals(3)
        self.amount.setRange(0, 1_000_000_000)
        self.unit = QComboBox()
        self.unit.setObjectName("expireUnit")
        self.unit.setAccessibleName(self.tr("Expiry unit"))
        self.unit.addItem(self.tr("never"), NEVER)
        for unit in EXPIRY_UNITS:
            self.unit.addItem(self.tr(unit), unit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.unit)
        row.addWidget(self.amount)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.amount.valueChanged.connect(self.changed)
        self._unit_changed()

    def _unit_changed(self) -> None:
        self.amount.setEnabled(self.unit.currentData() != NEVER)
        self.changed.emit()

    def set_seconds(self, seconds: int | None, parts: Callable[[int], tuple[int, str]]) -> None:
        """Show *seconds* in the largest unit that counts it exactly (``never`` for None)."""
        self.blockSignals(True)
        if seconds is None:
            self.unit.setCurrentIndex(self.unit.findData(NEVER))
            self.amount.setValue(0)
        else:
            count, unit = parts(seconds)
            self.unit.setCurrentIndex(self.unit.findData(unit))
            self.amount.setValue(count)
        self.amount.setEnabled(seconds is not None)
        self.blockSignals(False)

    def text_value(self) -> tuple[str, str] | None:
        """(amount as typed, unit), or None for never."""
        unit = str(self.unit.currentData())
        if unit == NEVER:
            return None
        return self.amount.cleanText().replace(",", "."), unit


class RuleEditor(QWidget):
    """Save Mode, OTR Mode and expiry of one rule, checked as they are edited."""

    edited = Signal()

    def __init__(self, prefs: ArchivingPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        self._caps: PrefsCapabilities | None = None
        self._base: SaveRule | None = None
        self.dirty = False
        self.save = ChoiceBox()
        self.save.setObjectName("save")
        self.save.setAccessibleName(self.tr("Save Mode"))
        self.otr = ChoiceBox()
        self.otr.setObjectName("otr")
        self.otr.setAccessibleName(self.tr("OTR Mode"))
        self.expire = ExpiryField()
        self.save_meaning = QLabel()
        self.otr_meaning = QLabel()
        self.state = QLabel()
        self.state.setObjectName("ruleState")
        self.reasons = {
            field: reason_label(f"{field}Reason") for field in ("save", "otr", "expire")
        }
        self.advice = {field: reason_label(f"{field}Advice") for field in ("save", "expire")}
        self._lay_out()
        self.save.currentIndexChanged.connect(self._changed)
        self.otr.currentIndexChanged.connect(self._changed)
        self.expire.changed.connect(self._changed)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("", self.state)
        form.addRow(self.tr("&Save Mode:"), self.save)
        form.addRow("", self.save_meaning)
        form.addRow("", self.reasons["save"])
        form.addRow("", self.advice["save"])
        form.addRow(self.tr("&OTR Mode:"), self.otr)
        form.addRow("", self.otr_meaning)
        form.addRow("", self.reasons["otr"])
        form.addRow(self.tr("E&xpire after:"), self.expire)
        form.addRow("", self.reasons["expire"])
        form.addRow("", self.advice["expire"])
        for label in (self.save_meaning, self.otr_meaning, self.state):
            label.setWordWrap(True)

    def set_capabilities(self, caps: PrefsCapabilities) -> None:
        """Offer the values of the server's dialect."""
        self._caps = caps
        self.save.set_choices(caps.save_modes)
        self.otr.set_choices(caps.otr_modes)

    def set_rule(self, rule: SaveRule | None) -> None:
        """Show *rule* as the server holds it (clean: nothing edited)."""
        self._base = rule
        for box in (self.save, self.otr, self.expire):
            box.blockSignals(True)
        if rule is not None:
            self.save.choose(rule.save)
            self.otr.choose(rule.otr)
        self.expire.set_seconds(rule.expire if rule else None, self._prefs.expiry_parts)
        for box in (self.save, self.otr, self.expire):
            box.blockSignals(False)
        self.dirty = False
        self._refresh()

    def rule(self, jid: str | None = None, exactmatch: bool = False) -> SaveRule:
        """The rule as edited; PreferenceRefused (field ``expire``) for an expiry that is not."""
        return self._rule(self._expiry(), jid, exactmatch)

    def _expiry(self) -> int | None:
        typed = self.expire.text_value()
        return None if typed is None else self._prefs.expiry(*typed)

    def _rule(self, expire: int | None, jid: str | None, exactmatch: bool) -> SaveRule:
        return SaveRule(
            save=SaveMode(self.save.currentData()),
            otr=OtrMode(self.otr.currentData()),
            jid=jid,
            expire=expire,
            unset=bool(self._base and self._base.unset and not self.dirty),
            exactmatch=exactmatch,
        )

    def check(self, jid: str | None = None, exactmatch: bool = False) -> Checked:
        """Check the rule as edited and show each reason next to its field."""
        if self._caps is None:
            return Checked()
        expiry_reasons: dict[str, str] = {}
        try:
            expire = self._expiry()
        except PreferenceRefused as refused:
            expire, expiry_reasons = None, refused.reasons
        checked = self._prefs.check_rule(self._rule(expire, jid, exactmatch), self._caps.dialect)
        if expiry_reasons:  # every other field is still checked, with no expiry
            checked = Checked({**checked.problems, **expiry_reasons}, checked.advice)
        self.show_checked(checked)
        return checked

    def show_checked(self, checked: Checked) -> None:
        """Show refusals and advice next to their fields."""
        for field, label in self.reasons.items():
            show_reason(label, checked.problems.get(field))
        for field, label in self.advice.items():
            show_reason(label, checked.advice.get(field), refused=False)

    def _changed(self) -> None:
        self.dirty = True
        self._refresh()
        self.edited.emit()

    def _refresh(self) -> None:
        self.save_meaning.setText(self.save.meaning())
        self.otr_meaning.setText(self.otr.meaning())
        if self._base is not None and self._base.unset and not self.dirty:
            self.state.setText(self.tr(UNSET_TEXT))
            self.state.setStyleSheet("font-style: italic;")
        else:
            self.state.setText(self.tr(EDITED_TEXT) if self.dirty else "")
            self.state.setStyleSheet("")
        self.state.setVisible(bool(self.state.text()))
        self.check()
