"""The MAM tab of the preferences dialog: what the server's message archive keeps.

Beside XEP-0136's tabs: a default for everyone (every conversation, contacts
in the contact list only, none) with a sentence on what it means, and the
JIDs the archive always or never keeps, whatever the default. A JID typed in
the field says at once what the server keeps of conversations with it, under
the preferences shown. Nothing is sent before "Save"; the tab then shows
what the server holds (it may change what it was sent).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.errors import KnownError
from archiveviewer.ports.mam_prefs import MAM_DEFAULTS, MamRules, MessageArchivePrefs
from archiveviewer.ports.prefs import PreferenceRefused, PrefsUnavailable
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP
from archiveviewer.ui.prefs.fields import reason_label, show_reason

_DEFAULT_TEXTS = {
    "always": QT_TRANSLATE_NOOP("MamTab", "Keep every conversation"),
    "roster": QT_TRANSLATE_NOOP("MamTab", "Keep conversations with my contacts only"),
    "never": QT_TRANSLATE_NOOP("MamTab", "Keep no conversations"),
}


class MamTab(QWidget):
    """Read and change what the message archive keeps (``MessageArchivePrefs``)."""

    def __init__(self, prefs: MessageArchivePrefs | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mamTab")
        self._prefs = prefs
        self.rules = MamRules("always")
        self.intro = QLabel(
            self.tr(
                "What your server's message archive (MAM, the archive most servers keep today) "
                "keeps of your conversations. Changes are sent when you press Save."
            )
        )
        self.intro.setWordWrap(True)
        self.default = QComboBox()
        self.default.setObjectName("mamDefault")
        for value in MAM_DEFAULTS:
            self.default.addItem(self.tr(_DEFAULT_TEXTS[value]), value)
        self.meaning = QLabel()
        self.meaning.setObjectName("mamMeaning")
        self.meaning.setWordWrap(True)
        self.always = _jid_list("mamAlways")
        self.never = _jid_list("mamNever")
        self.jid = QLineEdit()
        self.jid.setObjectName("mamJid")
        self.jid.setPlaceholderText("juliet@capulet.lit")
        self.add_always = QPushButton(self.tr("&Always keep"))
        self.add_never = QPushButton(self.tr("Ne&ver keep"))
        self.forget = QPushButton(self.tr("Use the de&fault"))
        self.kept = QLabel()
        self.kept.setObjectName("mamKept")
        self.kept.setWordWrap(True)
        self.error = reason_label("mamError")
        self.save = QPushButton(self.tr("&Save"))
        self.save.setObjectName("mamSave")
        self._lay_out()
        self._connect_signals()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Default:"), self.default)
        form.addRow("", self.meaning)
        lists = QGridLayout()
        lists.addWidget(QLabel(self.tr("Always kept:")), 0, 0)
        lists.addWidget(QLabel(self.tr("Never kept:")), 0, 1)
        lists.addWidget(self.always, 1, 0)
        lists.addWidget(self.never, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.jid, 1)
        for button in (self.add_always, self.add_never, self.forget):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addLayout(form)
        column.addLayout(lists, 1)
        column.addLayout(buttons)
        column.addWidget(self.kept)
        column.addWidget(self.error)
        column.addWidget(self.save)

    def _connect_signals(self) -> None:
        self.default.currentIndexChanged.connect(self._default_chosen)
        self.jid.textChanged.connect(self._explain)
        self.add_always.clicked.connect(lambda: self._move("always"))
        self.add_never.clicked.connect(lambda: self._move("never"))
        self.forget.clicked.connect(lambda: self._move(None))
        self.always.currentTextChanged.connect(self._picked)
        self.never.currentTextChanged.connect(self._picked)

    async def load(self) -> bool:
        """Read the preferences; False (and the tab says why) when the server has none."""
        if self._prefs is None:
            self._unavailable(self.tr("Message archive preferences need a connected account."))
            return False
        try:
            rules = await self._prefs.load()
        except PrefsUnavailable as unavailable:
            self._unavailable(unavailable.user_message)
            return False
        self.show_rules(rules)
        return True

    async def send(self) -> None:
        """Save what the tab shows; the server's answer is shown, a refusal said in red."""
        if self._prefs is None:
            return
        show_reason(self.error, None)
        try:
            held = await self._prefs.save(self.rules)
        except KnownError as error:
            show_reason(self.error, error.user_message)
            return
        self.show_rules(held)
        show_reason(
            self.error, self.tr("Saved: the server now keeps what is shown."), refused=False
        )

    def show_rules(self, rules: MamRules) -> None:
        """Show ``rules`` (as the server holds them, or as edited)."""
        self.rules = rules
        self.default.blockSignals(True)
        self.default.setCurrentIndex(max(0, self.default.findData(rules.default)))
        self.default.blockSignals(False)
        self.meaning.setText(self._prefs.meaning(rules.default) if self._prefs else "")
        for view, jids in ((self.always, rules.always), (self.never, rules.never)):
            view.clear()
            view.addItems(list(jids))
        self._explain()

    def _unavailable(self, reason: str) -> None:
        self.meaning.setText(reason)
        for widget in (self.default, self.always, self.never, self.jid, self.save):
            widget.setEnabled(False)
        for button in (self.add_always, self.add_never, self.forget):
            button.setEnabled(False)

    def _default_chosen(self) -> None:
        self.show_rules(MamRules(self.default.currentData(), self.rules.always, self.rules.never))

    def _move(self, on: str | None) -> None:
        jid = self.jid.text().strip()
        if not jid:
            return
        gone = jid.lower()
        always = tuple(j for j in self.rules.always if j.lower() != gone)
        never = tuple(j for j in self.rules.never if j.lower() != gone)
        rules = MamRules(
            self.rules.default,
            always + ((jid,) if on == "always" else ()),
            never + ((jid,) if on == "never" else ()),
        )
        self.show_rules(rules)

    def _picked(self, jid: str) -> None:
        if jid:
            self.jid.setText(jid)

    def _explain(self) -> None:
        jid = self.jid.text().strip()
        if self._prefs is None or not jid:
            self.kept.setText(self.tr("Type a JID to see what the server keeps of it."))
            return
        try:
            self.kept.setText(self._prefs.kept_for(self.rules, jid))
        except PreferenceRefused as refused:
            self.kept.setText(refused.user_message)


def _jid_list(name: str) -> QListWidget:
    view = QListWidget()
    view.setObjectName(name)
    view.setSortingEnabled(True)
    return view
