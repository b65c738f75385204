"""The Private XML inspector (Advanced menu): read, check and replace any XEP-0049 namespace.

The left lists the namespaces the user knows about (bookmarks, plus any they
add, remembered in a setting); the right shows the chosen one's stored XML,
indented, for editing. Every keystroke is checked (well-formed, one element,
a namespace of its own, not a reserved ``jabber:…`` one) and the sentence
shown; "Save" is enabled only for XML that may be stored. The server's
refusals (not-acceptable, bad-format, forbidden, service-unavailable) arrive
as sentences through the message bridge.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.errors import KnownError
from archiveviewer.ports.bookmarks import PrivateXmlEditor
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.settings import PRIVATE_XML_NAMESPACES, Settings
from archiveviewer.ui.threads import command


class PrivateXmlInspector(QWidget):
    """Inspect and edit the account's private XML, one ``element namespace`` at a time."""

    def __init__(self, editor: PrivateXmlEditor, bridge: MessageBridge, settings: Settings):
        super().__init__()
        self.setObjectName("privateXmlInspector")
        self.setWindowTitle(self.tr("Private XML"))
        self.setWindowFlag(Qt.WindowType.Window)
        self.editor = editor
        self.bridge = bridge
        self._settings = settings
        self._build()
        for pair in settings.get(PRIVATE_XML_NAMESPACES).splitlines():
            if pair.strip():
                self.namespaces.addItem(pair.strip())
        self._connect_signals()
        self.resize(900, 520)

    def _build(self) -> None:
        self.namespaces = QListWidget()
        self.new_element = QLineEdit()
        self.new_element.setPlaceholderText(self.tr("element, e.g. settings"))
        self.new_namespace = QLineEdit()
        self.new_namespace.setPlaceholderText(self.tr("namespace, e.g. urn:example:settings"))
        self.add_button = QPushButton(self.tr("Add"))
        self.text = QPlainTextEdit()
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlaceholderText(self.tr("Nothing is stored in this namespace."))
        self.state = QLabel(self.tr("Choose a namespace."))
        self.state.setObjectName("state")
        self.state.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setEnabled(False)
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(QLabel(self.tr("Namespaces")))
        column.addWidget(self.namespaces, 1)
        column.addWidget(self.new_element)
        column.addWidget(self.new_namespace)
        column.addWidget(self.add_button)
        right = QWidget()
        editing = QVBoxLayout(right)
        editing.addWidget(self.text, 1)
        editing.addWidget(self.state)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        editing.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([280, 620])
        QVBoxLayout(self).addWidget(splitter)

    def _connect_signals(self) -> None:
        self.namespaces.currentTextChanged.connect(lambda _: self.reload())
        self.add_button.clicked.connect(self.add_namespace)
        self.new_namespace.returnPressed.connect(self.add_namespace)
        self.text.textChanged.connect(self.check)
        self.reload_button.clicked.connect(self.reload)
        self.save_button.clicked.connect(self.save)

    # --- state ----------------------------------------------------------------------------

    def say(self, sentence: str, *, bad: bool = False) -> None:
        """Show a sentence under the editor (red when it is a refusal)."""
        self.state.setText(sentence)
        self.state.setStyleSheet("color: darkred" if bad else "")

    def chosen(self) -> tuple[str, str] | None:
        """The chosen ``(element, namespace)``, if any."""
        item = self.namespaces.currentItem()
        if item is None:
            return None
        element, _, namespace = item.text().partition(" ")
        return element, namespace

    def check(self) -> bool:
        """Check the text as it stands; say why it cannot be saved. True when it can."""
        text = self.text.toPlainText()
        if not text.strip():
            self.save_button.setEnabled(False)
            return False
        try:
            self.editor.check(text)
        except KnownError as refused:
            self.say(refused.user_message, bad=True)
            self.save_button.setEnabled(False)
            return False
        self.say(self.tr("Well-formed, one element in a namespace of its own: it can be saved."))
        self.save_button.setEnabled(True)
        return True

    # --- actions --------------------------------------------------------------------------

    def add_namespace(self) -> None:
        """Add the typed namespace to the list (and remember it), then read it."""
        namespace = self.new_namespace.text().strip()
        element = self.new_element.text().strip() or "query"
        try:
            self.editor.check_namespace(namespace)
        except KnownError as refused:
            self.say(refused.user_message, bad=True)
            return
        pair = f"{element} {namespace}"
        found = self.namespaces.findItems(pair, Qt.MatchFlag.MatchExactly)
        if not found:
            self.namespaces.addItem(pair)
            kept = [self.namespaces.item(i).text() for i in range(self.namespaces.count())]
            self._settings.set(PRIVATE_XML_NAMESPACES, "\n".join(kept))
        self.namespaces.setCurrentRow(
            self.namespaces.row(found[0]) if found else self.namespaces.count() - 1
        )
        self.new_namespace.clear()
        self.new_element.clear()

    @command
    async def reload(self) -> None:
        """Read the chosen namespace from the server (a refusal is said under the editor)."""
        chosen = self.chosen()
        if chosen is None:
            return
        element, namespace = chosen
        self.say(self.tr("Reading “{namespace}”…").format(namespace=namespace))
        try:
            shown = await self.editor.read(namespace, element)
        except KnownError as refused:
            self.say(refused.user_message, bad=True)
            return
        self.text.setPlainText(shown)
        if not shown:
            self.say(self.tr("Nothing is stored in “{namespace}”.").format(namespace=namespace))

    @command
    async def save(self) -> None:
        """Store the text, replacing what its namespace held; show what the server keeps."""
        if not self.check():
            return
        try:
            stored = await self.editor.save(self.text.toPlainText())
        except KnownError as refused:
            self.say(refused.user_message, bad=True)
            return
        self.text.setPlainText(stored)
        self.say(self.tr("Saved."))
        self.bridge.info(self.tr("Private XML saved."))
