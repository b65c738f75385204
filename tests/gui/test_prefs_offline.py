"""The preferences dialog over a fake port: what only some servers offer (no network)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from pytestqt.qtbot import QtBot

from archiveviewer.domain import (
    AutoArchiving,
    Contact,
    Dialect,
    MethodUse,
    OtrMode,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.ports.prefs import PrefsSnapshot, PrefsWatcher
from archiveviewer.protocol.features import ArchiveSupport
from archiveviewer.services.connection import Connection
from archiveviewer.services.prefs import PrefsService, capabilities_of
from archiveviewer.ui.prefs import PrefsDialog
from archiveviewer.ui.prefs.dialog import merge, without

T = TypeVar("T")


@pytest.fixture(autouse=True)
def collected() -> Iterator[None]:
    """Collect this test's reference cycles (dialog, service, watchers) now, on the UI thread.

    Left to the garbage collector they may be freed later from a worker thread of
    another test's window, and a Qt object must not be destroyed there.
    """
    yield
    gc.collect()


ROMEO = SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid="romeo@montague.net")


class FakePrefs(PrefsService):
    """The real checks and words, over preferences held in memory."""

    def __init__(self, support: ArchiveSupport, prefs: Prefs) -> None:
        super().__init__(Connection())
        self.support = support
        self.prefs = prefs
        self.auto_sent: list[AutoArchiving] = []
        self.watchers: list[PrefsWatcher] = []

    async def load(self) -> PrefsSnapshot:
        return PrefsSnapshot(self.prefs, capabilities_of(self.support))

    async def contacts(self) -> tuple[Contact, ...]:
        return (Contact("nurse@capulet.com", "Nurse"),)

    async def set_auto(self, auto: AutoArchiving) -> None:
        self.auto_sent.append(auto)

    def watch(self, watcher: PrefsWatcher) -> Callable[[], None]:
        self.watchers.append(watcher)
        return lambda: self.watchers.remove(watcher)


def wait_for(qtbot: QtBot, coroutine: Coroutine[Any, Any, T]) -> T:
    task = asyncio.ensure_future(coroutine)
    qtbot.waitUntil(task.done)
    return task.result()


def opened(qtbot: QtBot, fake: FakePrefs) -> PrefsDialog:
    dialog = PrefsDialog(fake)
    qtbot.addWidget(dialog)
    dialog.finished.connect(lambda _code: fake.watchers.clear())
    wait_for(qtbot, dialog.load())
    return dialog


def test_encrypted_automatic_archiving_is_offered_only_with_encrypt(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop
) -> None:
    plain = opened(qtbot, FakePrefs(ArchiveSupport(Dialect.SEED, auto=True, pref=True), Prefs()))
    assert plain.methods.encrypt.isHidden()
    fake = FakePrefs(ArchiveSupport(Dialect.SEED, auto=True, encrypt=True, pref=True), Prefs())
    dialog = opened(qtbot, fake)
    assert not dialog.methods.encrypt.isHidden()
    assert dialog.methods.scope.isHidden()  # the seed has no scope
    dialog.methods.encrypt.setChecked(True)
    assert "needs automatic archiving switched on" in dialog.methods.auto_reason.text()
    dialog.methods.auto.setChecked(True)
    dialog.methods.apply_auto.click()
    qtbot.waitUntil(lambda: bool(fake.auto_sent))
    assert fake.auto_sent == [AutoArchiving(True, encrypt=True)]


def test_a_server_without_automatic_archiving_says_so(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop
) -> None:
    dialog = opened(qtbot, FakePrefs(ArchiveSupport(Dialect.URN, pref=True), Prefs()))
    assert not dialog.methods.auto.isEnabled()
    assert "does not offer automatic archiving" in dialog.methods.auto.toolTip()


def test_a_value_outside_the_dialect_from_the_server_is_shown_not_hidden(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop
) -> None:
    odd = Prefs(default=SaveRule(SaveMode.ALL, OtrMode.CONCEDE))  # seed's word on a urn server
    dialog = opened(qtbot, FakePrefs(ArchiveSupport(Dialect.URN, pref=True), odd))
    assert "not in this server's dialect" in dialog.default.save.currentText()
    assert "does not exist on this server" in dialog.default.reasons["save"].text()


def test_the_contact_picker_offers_the_roster(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop
) -> None:
    dialog = opened(qtbot, FakePrefs(ArchiveSupport(Dialect.URN, pref=True), Prefs()))
    assert dialog.items.contact.itemText(0) == "Nurse <nurse@capulet.com>"
    dialog.items.contact.setCurrentIndex(0)
    assert dialog.items.chosen_jid() == "nurse@capulet.com"
    assert dialog.policy_jid.itemText(0) == "nurse@capulet.com"


def test_pushes_merge_into_what_is_shown() -> None:
    shown = Prefs(
        default=SaveRule(SaveMode.BODY, OtrMode.CONCEDE),
        items=(ROMEO,),
        methods=(("auto", MethodUse.FORBID), ("local", MethodUse.CONCEDE)),
    )
    benvolio = SaveRule(SaveMode.BODY, OtrMode.FORBID, jid="benvolio@montague.net")
    pushed = Prefs(items=(benvolio,), methods=(("auto", MethodUse.PREFER),))
    merged = merge(shown, pushed)
    assert merged.default == shown.default
    assert merged.items == (ROMEO, benvolio)
    assert dict(merged.methods) == {"auto": MethodUse.PREFER, "local": MethodUse.CONCEDE}
    assert without(merged, ("Romeo@Montague.net",)).items == (benvolio,)
