"""The Archiving preferences dialog: default, contacts, methods, automatic archiving, policy.

It reads the account's preferences through :class:`~archiveviewer.ports.prefs.ArchivingPreferences`,
shows them in the words of the server's dialect, checks every change before it
is sent (a refused value shows its reason next to the field and is not sent),
and stays live: changes pushed by the user's other resources update it (and it
says so, especially when the user was editing the same thing), and it reads
everything again after a reconnection. The bottom line says which rule the
server applies to a chosen contact, and why.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.domain import Prefs, SaveRule
from archiveviewer.errors import KnownError
from archiveviewer.ports.mam_prefs import MessageArchivePrefs
from archiveviewer.ports.prefs import (
    ArchivingPreferences,
    ChangeKind,
    Checked,
    PreferenceRefused,
    PrefsCapabilities,
    PrefsChange,
    PrefsUnavailable,
)
from archiveviewer.ui import threads
from archiveviewer.ui.prefs.fields import RuleEditor, reason_label, show_reason
from archiveviewer.ui.prefs.items import ItemsTab
from archiveviewer.ui.prefs.mam import MamTab
from archiveviewer.ui.prefs.merging import merge, without
from archiveviewer.ui.prefs.methods import MethodsTab

log = logging.getLogger(__name__)


class PrefsDialog(QDialog):
    """Read and change the account's archiving preferences on its server."""

    def __init__(
        self,
        prefs: ArchivingPreferences,
        parent: QWidget | None = None,
        mam: MessageArchivePrefs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("archivingPrefs")
        self.setWindowTitle(self.tr("Archiving preferences"))
        self._prefs = prefs
        self._caps: PrefsCapabilities | None = None
        self.current = Prefs()
        #: What this dialog is saving right now: the server's push of it is no news.
        self._sending = Prefs()
        self.tasks: set[asyncio.Future[None]] = set()
        self._stop_watching: Callable[[], None] | None = None
        self.speaks = QLabel()
        self.speaks.setObjectName("speaks")
        self.notice = reason_label("pushNotice")
        self.tabs = QTabWidget()
        self.default = RuleEditor(prefs)
        self.default_error = reason_label("defaultError")
        self.save_default = QPushButton(self.tr("Save &default"))
        self.save_default.setObjectName("saveDefault")
        self.items = ItemsTab(prefs)
        self.methods = MethodsTab(prefs)
        self.mam = MamTab(mam)
        self.policy_jid = QComboBox()
        self.policy_jid.setObjectName("policyJid")
        self.policy_jid.setEditable(True)
        self.policy_jid.setAccessibleName(self.tr("Contact to explain"))
        self.policy_jid.setPlaceholderText(self.tr("a contact or a JID"))
        self.policy = QLabel()
        self.policy.setObjectName("policy")
        self.policy.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._lay_out()
        self._connect_signals()

    def _lay_out(self) -> None:
        default = QWidget()
        column = QVBoxLayout(default)
        explain = QLabel(
            "What the server and your clients do with a conversation when no contact "
            "preference applies."
        )
        explain.setWordWrap(True)
        column.addWidget(explain)
        column.addWidget(self.default)
        column.addWidget(self.default_error)
        column.addStretch()
        column.addWidget(self.save_default)
        self.tabs.addTab(default, self.tr("D&efault"))
        self.tabs.addTab(self.items, self.tr("&Contacts"))
        self.tabs.addTab(self.methods, self.tr("&Methods and automatic archiving"))
        self.tabs.addTab(self.mam, self.tr("Message &archive (MAM)"))
        policy = QHBoxLayout()
        policy.addWidget(QLabel(self.tr("Which rule applies to:")))
        policy.addWidget(self.policy_jid, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.speaks)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(policy)
        layout.addWidget(self.policy)
        layout.addWidget(self.buttons)
        self.resize(760, 680)

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.save_default.clicked.connect(self._save_default_clicked)
        self.items.save_requested.connect(self._save_item_clicked)
        self.items.remove_requested.connect(self._remove_item_clicked)
        self.methods.methods_requested.connect(self._save_methods_clicked)
        self.methods.auto_requested.connect(self._auto_clicked)
        self.mam.save.clicked.connect(lambda: self._run(self.mam.send()))
        self.policy_jid.editTextChanged.connect(self._explain)
        self.finished.connect(self._stop)

    # --- loading and showing ---------------------------------------------------------------

    async def load(self) -> None:
        """Read everything from the server (PrefsUnavailable: the server has none to offer).

        A server with a message archive but no XEP-0136 preferences opens on the MAM
        tab, the others disabled with the reason.
        """
        mam_offered = await self.mam.load()
        try:
            snapshot = await self._prefs.load()
        except PrefsUnavailable as unavailable:
            if not mam_offered:
                raise
            for tab in range(self.tabs.count() - 1):
                self.tabs.setTabEnabled(tab, False)
                self.tabs.setTabToolTip(tab, unavailable.user_message)
            self.tabs.setCurrentWidget(self.mam)
            self.speaks.setText(self.tr("This server keeps a message archive (MAM) only."))
            for widget in (self.policy_jid, self.policy):  # XEP-0136's rules: none here
                widget.setEnabled(False)
            return
        if self._stop_watching is None:
            self._stop_watching = self._prefs.watch(self._changed)
        self._caps = snapshot.capabilities
        self.speaks.setText(
            self.tr("This server speaks {dialect}.").format(dialect=snapshot.capabilities.speaks)
        )
        self.default.set_capabilities(snapshot.capabilities)
        self.items.set_capabilities(snapshot.capabilities)
        self.methods.set_capabilities(snapshot.capabilities)
        self._show(snapshot.prefs)
        self.methods.set_auto(snapshot.prefs.auto)
        contacts = await self._prefs.contacts()
        self.items.set_contacts(contacts)
        self._offer_policy_jids([c.jid for c in contacts])

    def _show(self, prefs: Prefs) -> None:
        self.current = prefs
        self.default.set_rule(prefs.default)
        self.items.set_items(prefs.items)
        self.methods.set_methods(prefs.methods)
        self._offer_policy_jids([])
        self._explain()

    def _offer_policy_jids(self, extra: list[str]) -> None:
        text = self.policy_jid.currentText()
        known = [self.policy_jid.itemText(i) for i in range(self.policy_jid.count())]
        jids = dict.fromkeys([*known, *extra, *(i.jid or "" for i in self.current.items)])
        self.policy_jid.blockSignals(True)
        self.policy_jid.clear()
        self.policy_jid.addItems([jid for jid in jids if jid])
        self.policy_jid.setEditText(text)
        self.policy_jid.blockSignals(False)

    def _explain(self) -> None:
        jid = self.policy_jid.currentText().strip()
        if not jid or self._caps is None:
            self.policy.setText(
                self.tr("Pick a contact or type a JID to see what the server does.")
            )
            self.policy.setStyleSheet("")
            return
        try:
            found = self._prefs.effective(self.current, jid, self._caps.dialect)
        except PreferenceRefused as refused:
            self.policy.setText(" ".join(refused.reasons.values()))
            self.policy.setStyleSheet("color: #b3261e;")
            return
        self.policy.setText(f"<b>{found.summary}</b> ({found.source}). {found.reason}")
        self.policy.setStyleSheet("")

    # --- changes from elsewhere ------------------------------------------------------------

    def _changed(self, change: PrefsChange) -> None:
        if change.kind is ChangeKind.RECONNECTED:
            self._run(self._reload_after_reconnect())
            return
        if change.kind is ChangeKind.REMOVED:
            self._removed_elsewhere(change.removed)
            return
        self._pushed(change.prefs)

    async def _reload_after_reconnect(self) -> None:
        await self.load()
        self._say(self.tr("The connection came back: the preferences were read again."))

    def _pushed(self, pushed: Prefs) -> None:
        said: list[str] = []
        sending = self._sending
        if pushed.default is not None and pushed.default not in (
            self.current.default,
            sending.default,
        ):
            said.append(self._news(self.tr("the default"), self.default.dirty))
        chosen = self.items.chosen_jid().lower()
        for item in pushed.items:
            if item != self.items.item(item.jid or "") and item not in sending.items:
                editing = self.items.editor.dirty and (item.jid or "").lower() == chosen
                what = self.tr("the preference for {jid}").format(jid=item.jid)
                said.append(self._news(what, editing))
        mine = dict(self.current.methods) | dict(sending.methods)
        if pushed.methods and dict(pushed.methods) != mine:
            edited = self.methods.methods_edited()
            said.append(self._news(self.tr("the archiving methods"), edited))
        self._show(merge(self.current, pushed))
        if said:
            self._say(" ".join(said))

    def _removed_elsewhere(self, jids: tuple[str, ...]) -> None:
        present = [jid for jid in jids if self.items.item(jid) is not None]
        if not present:
            return
        editing = self.items.editor.dirty and self.items.chosen_jid().lower() in {
            jid.lower() for jid in present
        }
        self._show(without(self.current, jids))
        if editing:
            said = self.tr(
                "Another of your devices removed the preference for {jids} while you were "
                "editing it."
            )
        else:
            said = self.tr("Another of your devices removed the preference for {jids}.")
        self._say(said.format(jids=", ".join(present)))

    def _news(self, what: str, editing: bool) -> str:
        if editing:
            return self.tr(
                "Another of your devices changed {what} while you were editing it; the dialog "
                "now shows the new values and your unsaved change is gone."
            ).format(what=what)
        return self.tr("Another of your devices changed {what}.").format(what=what)

    def _say(self, text: str) -> None:
        show_reason(self.notice, text, refused=False)

    # --- changes made here -------------------------------------------------------------------

    def _save_default_clicked(self) -> None:
        self._run(self._save_default())

    async def _save_default(self) -> None:
        show_reason(self.default_error, None)
        try:
            rule = replace(self.default.rule(), unset=False)
            with self._saving(Prefs(default=rule)):
                await self._prefs.save_default(rule)
        except PreferenceRefused as refused:
            self.default.show_checked(Checked(refused.reasons))
            return
        except KnownError as error:
            show_reason(self.default_error, error.user_message)
            return
        self._show(replace(self.current, default=rule))

    def _save_item_clicked(self, _tab: object) -> None:
        self._run(self._save_item())

    async def _save_item(self) -> None:
        try:
            rule = self.items.edited_rule()
            with self._saving(Prefs(items=(_saved(rule),))):
                await self._prefs.save_item(rule)
        except PreferenceRefused as refused:
            self.items.show_refused(refused.reasons)
            return
        except KnownError as error:
            show_reason(self.items.error, error.user_message)
            return
        self._show(merge(self.current, Prefs(items=(_saved(rule),))))
        self.items.select(rule.jid or "")

    def _remove_item_clicked(self, jid: str) -> None:
        self._run(self._remove_item(jid))

    async def _remove_item(self, jid: str) -> None:
        try:
            await self._prefs.remove_item(jid)
        except PreferenceRefused as refused:
            self.items.show_refused(refused.reasons)
            return
        except KnownError as error:
            show_reason(self.items.error, error.user_message)
            return
        self._show(without(self.current, (jid,)))
        self.items.start_new()

    def _save_methods_clicked(self) -> None:
        self._run(self._save_methods())

    async def _save_methods(self) -> None:
        methods = self.methods.methods()
        try:
            with self._saving(Prefs(methods=methods)):
                await self._prefs.save_methods(methods)
        except KnownError as error:
            show_reason(self.methods.methods_error, error.user_message)
            return
        show_reason(self.methods.methods_error, None)
        self._show(merge(self.current, Prefs(methods=methods)))

    def _auto_clicked(self) -> None:
        self._run(self._set_auto())

    async def _set_auto(self) -> None:
        wanted = self.methods.wanted_auto()
        try:
            await self._prefs.set_auto(wanted)
        except PreferenceRefused as refused:
            self.methods.show_auto_refused(refused.reasons)
            return
        except KnownError as error:
            self.methods.show_auto_refused({"auto": error.user_message})
            return
        self.current = replace(self.current, auto=wanted)
        self.methods.set_auto(wanted)

    @contextlib.contextmanager
    def _saving(self, what: Prefs) -> Iterator[None]:
        self._sending = what
        try:
            yield
        finally:
            self._sending = Prefs()

    # --- running ---------------------------------------------------------------------------------

    def _run(self, work: Coroutine[Any, Any, None]) -> None:
        """Run *work* on the event loop; what it does not handle reaches the user, not stderr."""
        task = threads.start(work)
        self.tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Future[None]) -> None:
        self.tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if isinstance(error, KnownError):
            self._say(error.user_message)
        elif error is not None:
            log.error("preferences dialog task failed", exc_info=error)
            self._say(self.tr("Something went wrong. This is a bug in archiveviewer."))

    def _stop(self) -> None:
        if self._stop_watching is not None:
            self._stop_watching()
            self._stop_watching = None


def _saved(rule: SaveRule) -> SaveRule:
    return replace(rule, jid=(rule.jid or "").strip(), unset=False)
