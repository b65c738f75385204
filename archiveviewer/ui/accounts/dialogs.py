"""Adding an account, and deciding about a certificate that does not verify."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.ports.accounts import Account, HistoryChoice
from archiveviewer.ui.dialogs.asking import ask
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP

LOCALPART_FORBIDDEN = set("\"&'/:<>@")
MAX_PART = 1023


def jid_problem(text: str) -> str | None:
    """Why ``text`` is not an account address (``user@example.org``), or None if it is."""
    if not text:
        return "Enter your address, like user@example.org."
    if any(ch.isspace() for ch in text):
        return "An address has no spaces."
    local, at, domain = text.partition("@")
    if not at or not local:
        return "An address has a name, an @ and the server, like user@example.org."
    if "/" in domain:
        return "Leave out the part after the slash (the resource)."
    if LOCALPART_FORBIDDEN & set(domain.replace(".", "")) or "@" in domain:
        return "The server part after the @ is not a valid name."
    if LOCALPART_FORBIDDEN & set(local):
        return "The name before the @ cannot contain \" & ' / : < > or @."
    if not domain or "" in domain.rstrip(".").split("."):
        return "The server part after the @ is missing or has an empty label."
    if max(len(local.encode()), len(domain.encode())) > MAX_PART:
        return "This address is too long."
    return None


#: Where the history is read from, as the account dialog offers it (the default first).
HISTORY_TEXTS = {
    HistoryChoice.AUTO: QT_TRANSLATE_NOOP(
        "AccountDialog", "Automatic (collections when the server keeps both)"
    ),
    HistoryChoice.MAM: QT_TRANSLATE_NOOP("AccountDialog", "Message archive (MAM), read only"),
    HistoryChoice.XEP0136: QT_TRANSLATE_NOOP(
        "AccountDialog", "Collections (XEP-0136): removal, notes, subjects"
    ),
}
HISTORY_TIP = QT_TRANSLATE_NOOP(
    "AccountDialog",
    "Most servers keep only the message archive. When a server keeps both, Automatic reads "
    "its collections, which also allow removal, notes and subjects. A choice the server does "
    "not offer is reported when you sync.",
)


def history_choice(parent: QWidget) -> QComboBox:
    """Which of the server's archives the history is read from; the default is said in it."""
    box = QComboBox(parent)
    box.setObjectName("history")
    for choice, text in HISTORY_TEXTS.items():
        box.addItem(_tr(text), choice.value)
    box.setToolTip(_tr(HISTORY_TIP))
    return box


class AccountDialog(QDialog):
    """JID, password (optionally remembered in the OS keyring), optional host and port.

    Given an ``account`` it opens filled in (asking for the password of a
    saved account, or again after a failed login); ``problem`` then says
    what went wrong, and "Save without connecting" keeps the settings for a
    later try.
    """

    #: The result code of "Save without connecting".
    SAVED = 2

    def __init__(
        self,
        parent: QWidget | None = None,
        account: Account | None = None,
        problem: str | None = None,
        remember: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("account")
        self.setWindowTitle(self.tr("Log in") if account else self.tr("Add account"))
        self.jid = QLineEdit()
        self.jid.setPlaceholderText("user@example.org")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember password (in the system keyring)"))
        self.remember.setChecked(remember)
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("found automatically"))
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(self.tr("automatic"))
        self.history = history_choice(self)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Connect"))
        self.save = self.buttons.addButton(
            self.tr("Save without connecting"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save.setVisible(problem is not None)
        self._lay_out()
        self._connect_signals()
        if account is not None:
            self._fill(account)
        self._check()
        if problem:
            self.problem.setText(problem)

    def _fill(self, account: Account) -> None:
        self.jid.setText(account.jid)
        self.host.setText(account.host or "")
        self.port.setValue(account.port or 0)
        self.history.setCurrentIndex(max(0, self.history.findData(account.history.value)))
        self.password.setFocus()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Address:"), self.jid)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        form.addRow(self.tr("&Server (optional):"), self.host)
        form.addRow(self.tr("P&ort (optional):"), self.port)
        form.addRow(self.tr("&History from:"), self.history)
        tls = QLabel(
            self.tr(
                "The connection is always encrypted, and the server's certificate is always "
                "checked."
            )
        )
        tls.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tls)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def _connect_signals(self) -> None:
        self.jid.textChanged.connect(self._check)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save.clicked.connect(lambda: self.done(self.SAVED))

    def _check(self) -> None:
        problem = jid_problem(self.jid.text().strip()) if self.jid.text() else None
        self.problem.setText(problem or "")
        valid = bool(self.jid.text()) and problem is None
        self.ok.setEnabled(valid)
        self.save.setEnabled(valid)

    def account(self) -> Account:
        """The account as entered (no password)."""
        return Account(
            jid=self.jid.text().strip(),
            host=self.host.text().strip() or None,
            port=self.port.value() or None,
            history=HistoryChoice(self.history.currentData()),
        )


class CertificateDialog(QDialog):
    """Explains a certificate that did not verify and offers to trust exactly that one."""

    def __init__(
        self, host: str, fingerprint: str, reason: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("certificate")
        self.setWindowTitle("Certificate not trusted")
        text = QLabel(
            f"<p>The server <b>{_escape(host)}</b> presented a certificate that this computer "
            "cannot check: it was not issued by an authority your system trusts"
            + (f" (the reason given: {_escape(reason)})" if reason else "")
            + ".</p>"
            "<p>Small or private servers often use such a certificate. But it is also what an "
            "attacker would present to read your messages. If you can, compare the fingerprint "
            "below with the one your server's administrator gives you.</p>"
        )
        text.setWordWrap(True)
        self.fingerprint = QLabel(f"SHA-256 fingerprint:\n{fingerprint}")
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.trust = buttons.addButton(
            "Trust this certificate", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.fingerprint)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)


def tell(parent: QWidget, name: str, title: str, text: str) -> QMessageBox:
    """Show a piece of news in a small window, without waiting for it to be closed."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _tr(text: str) -> str:
    return QCoreApplication.translate("AccountDialog", text)


async def choose_removal(parent: QWidget, jid: str) -> bool | None:
    """Ask whether removing the account keeps its local copy: True keep, False delete, None stop."""
    # Qt's own translate with literal text, so that pyside6-lupdate finds each sentence.
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("AccountDialog", "Remove account"),
        QCoreApplication.translate(
            "AccountDialog",
            "Remove the account %1 from archiveviewer? Its password is forgotten too. The "
            "archive on the server is not touched.\n\nKeep the local copy of its history on "
            "this computer?",
        ).replace("%1", jid),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("removeAccount")
    keep = box.addButton(
        QCoreApplication.translate("AccountDialog", "Remove, keep the local copy"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    delete = box.addButton(
        QCoreApplication.translate("AccountDialog", "Remove with its local copy"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    await ask(box)
    clicked = box.clickedButton()
    if clicked is keep:
        return True
    if clicked is delete:
        return False
    return None


def _escape(text: str) -> str:
    return html.escape(text)
