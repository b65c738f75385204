"""The Archiving preferences dialog against the real Prosody, in both dialects (offscreen)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from typing import Any, TypeVar

import pytest
import qasync
from pytestqt.qtbot import QtBot

from archiveviewer.domain import Dialect, OtrMode, SaveMode, SaveRule
from archiveviewer.ports.prefs import PrefsChange
from archiveviewer.services.connection import Connection
from archiveviewer.services.prefs import PrefsService
from archiveviewer.ui.prefs import PrefsDialog
from archiveviewer.xmpp.session import AccountSession, AccountSettings
from tests.integration.xmpp_helpers import new_account
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody


@pytest.fixture(autouse=True)
def collected() -> Iterator[None]:
    """Collect this test's reference cycles (dialog, service, watchers) now, on the UI thread.

    Left to the garbage collector they may be freed later from a worker thread of
    another test's window, and a Qt object must not be destroyed there.
    """
    yield
    gc.collect()


T = TypeVar("T")
ROMEO = "romeo@montague.net"


def wait_for(qtbot: QtBot, coroutine: Coroutine[Any, Any, T], timeout: int = 20000) -> T:
    """Run a coroutine on the qasync loop from a synchronous test and return its result."""
    task = asyncio.ensure_future(coroutine)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture(params=[Dialect.SEED, Dialect.URN], ids=["seed", "urn"])
def dialect(request: pytest.FixtureRequest) -> Dialect:
    return request.param  # type: ignore[no-any-return]


class Services:
    """Opens services over real sessions and closes them after the test."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.sessions: list[AccountSession] = []

    def open(self, settings: AccountSettings, dialect: Dialect) -> PrefsService:
        session = AccountSession(settings)
        wait_for(self.qtbot, session.connect())
        wait_for(self.qtbot, session.archive.discover(prefer=dialect))
        self.sessions.append(session)
        connection = Connection()
        connection.network = session
        return PrefsService(connection)

    def close(self) -> None:
        for session in self.sessions:
            wait_for(self.qtbot, session.disconnect())


@pytest.fixture
def services(qtbot: QtBot, event_loop_qt: qasync.QEventLoop) -> Iterator[Services]:
    opened = Services(qtbot)
    yield opened
    opened.close()


@pytest.fixture
def settings(prosody: ProsodyServer) -> AccountSettings:
    return new_account(prosody)


OpenDialog = Callable[[PrefsService], PrefsDialog]


@pytest.fixture
def open_dialog(qtbot: QtBot) -> Iterator[OpenDialog]:
    opened: list[PrefsDialog] = []

    def make(service: PrefsService) -> PrefsDialog:
        dialog = PrefsDialog(service)
        qtbot.addWidget(dialog)
        wait_for(qtbot, dialog.load())
        dialog.show()
        qtbot.waitExposed(dialog)
        opened.append(dialog)
        return dialog

    yield make
    for dialog in opened:  # closed before the sessions end: it stops watching them
        qtbot.waitUntil(lambda: not dialog.tasks)  # noqa: B023
        dialog.reject()


def settled(qtbot: QtBot, dialog: PrefsDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.tasks, timeout=20000)


def otr_allow(dialect: Dialect) -> OtrMode:
    return OtrMode.ALLOW if dialect is Dialect.SEED else OtrMode.CONCEDE


def test_the_dialog_offers_the_dialects_values_and_shows_unset_honestly(
    services: Services, settings: AccountSettings, dialect: Dialect, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog(services.open(settings, dialect))
    saves = [dialog.default.save.itemText(i) for i in range(dialog.default.save.count())]
    otrs = [dialog.default.otr.itemText(i) for i in range(dialog.default.otr.count())]
    if dialect is Dialect.SEED:
        assert saves == ["false", "body", "all"]
        assert otrs == ["deny", "allow", "try", "require"]
        assert "2007 draft" in dialog.speaks.text()
    else:
        assert saves == ["false", "body", "message", "stream"]
        assert otrs == ["approve", "concede", "forbid", "oppose", "prefer", "require"]
    assert dialog.default.state.text() == "The server's own default: you never chose one."
    assert dialog.default.otr_meaning.text().endswith(".")
    dialog.default.save.setCurrentIndex(1)
    assert dialog.default.state.text() == "Your choice, not saved yet."


def test_the_default_round_trips_with_an_expiry_in_days(
    services: Services,
    settings: AccountSettings,
    dialect: Dialect,
    open_dialog: OpenDialog,
    qtbot: QtBot,
) -> None:
    service = services.open(settings, dialect)
    dialog = open_dialog(service)
    dialog.default.save.choose(SaveMode.BODY)
    dialog.default.otr.choose(otr_allow(dialect))
    dialog.default.expire.unit.setCurrentIndex(dialog.default.expire.unit.findData("days"))
    dialog.default.expire.amount.setValue(30)
    dialog.save_default.click()
    settled(qtbot, dialog)
    held = wait_for(qtbot, service.load()).prefs.default
    assert held == SaveRule(SaveMode.BODY, otr_allow(dialect), expire=30 * 86400)
    again = open_dialog(service)
    assert again.default.state.isHidden()  # a choice now, not the server's default
    assert again.default.expire.unit.currentData() == "months"
    assert again.default.expire.amount.value() == 1


def test_a_refused_combination_is_not_sent_and_says_why(
    services: Services,
    settings: AccountSettings,
    dialect: Dialect,
    open_dialog: OpenDialog,
    qtbot: QtBot,
) -> None:
    service = services.open(settings, dialect)
    dialog = open_dialog(service)
    before = wait_for(qtbot, service.load()).prefs
    dialog.default.save.choose(SaveMode.BODY)
    dialog.default.otr.choose(OtrMode.REQUIRE)
    reason = dialog.default.reasons["save"]
    assert not reason.isHidden()
    assert "nothing may be saved" in reason.text()
    dialog.default.save.choose(SaveMode.FALSE)
    dialog.default.expire.unit.setCurrentIndex(dialog.default.expire.unit.findData("seconds"))
    dialog.default.expire.amount.setValue(0.5)
    assert "whole number of seconds" in dialog.default.reasons["expire"].text()
    dialog.save_default.click()
    settled(qtbot, dialog)
    assert not dialog.default.reasons["expire"].isHidden()
    assert wait_for(qtbot, service.load()).prefs == before


def test_contact_items_added_edited_removed_and_explained(
    services: Services,
    settings: AccountSettings,
    dialect: Dialect,
    open_dialog: OpenDialog,
    qtbot: QtBot,
) -> None:
    service = services.open(settings, dialect)
    dialog = open_dialog(service)
    items = dialog.items
    items.contact.setEditText("montague.net")
    items.editor.save.choose(SaveMode.FALSE)
    items.editor.otr.choose(OtrMode.REQUIRE)
    items.save_button.click()
    settled(qtbot, dialog)
    assert items.table.rowCount() == 1
    dialog.policy_jid.setEditText("romeo@montague.net/orchard")
    assert "nothing saved" in dialog.policy.text()
    assert "everyone at montague.net" in dialog.policy.text()
    items.contact.setEditText("a@@b")
    assert "not a valid JID" in items.jid_reason.text()
    items.select("montague.net")
    items.editor.otr.choose(otr_allow(dialect))
    items.save_button.click()
    settled(qtbot, dialog)
    [held] = wait_for(qtbot, service.load()).prefs.items
    assert held.otr is otr_allow(dialect)
    items.select("montague.net")
    if dialect is Dialect.SEED:
        assert not items.remove_button.isEnabled()
        assert "cannot remove" in items.remove_button.toolTip()
        return
    items.remove_button.click()
    settled(qtbot, dialog)
    assert items.table.rowCount() == 0
    assert wait_for(qtbot, service.load()).prefs.items == ()


def test_exactmatch_round_trips_in_1x(
    services: Services, settings: AccountSettings, open_dialog: OpenDialog, qtbot: QtBot
) -> None:
    service = services.open(settings, Dialect.URN)
    dialog = open_dialog(service)
    dialog.items.contact.setEditText("montague.net")
    dialog.items.exact.setChecked(True)
    dialog.items.editor.save.choose(SaveMode.FALSE)
    dialog.items.editor.otr.choose(OtrMode.CONCEDE)
    dialog.items.save_button.click()
    settled(qtbot, dialog)
    [held] = wait_for(qtbot, service.load()).prefs.items
    assert held.exactmatch is True
    dialog.policy_jid.setEditText("romeo@montague.net")
    assert "default applies" in dialog.policy.text()


def test_methods_and_automatic_archiving(
    services: Services,
    settings: AccountSettings,
    dialect: Dialect,
    open_dialog: OpenDialog,
    qtbot: QtBot,
) -> None:
    service = services.open(settings, dialect)
    dialog = open_dialog(service)
    methods = dialog.methods
    dialog.tabs.setCurrentWidget(methods)
    uses = [methods.uses["auto"].itemText(i) for i in range(methods.uses["auto"].count())]
    assert uses == (["prefer", "allow", "never"] if dialect is Dialect.SEED else
                    ["prefer", "concede", "forbid"])  # fmt: skip
    methods.uses["local"].setCurrentIndex(2)
    methods.save_methods.click()
    settled(qtbot, dialog)
    held = dict(wait_for(qtbot, service.load()).prefs.methods)
    assert held["local"].value == uses[2]
    assert methods.scope.isHidden() == (dialect is Dialect.SEED)
    assert methods.encrypt.isHidden()  # the test server shows no #encrypt
    methods.auto.setChecked(True)
    methods.apply_auto.click()
    settled(qtbot, dialog)
    auto = wait_for(qtbot, service.load()).prefs.auto
    assert auto is not None
    assert auto.save is True
    assert "automatic archiving is on" in methods.auto_state.text()


def test_pushes_from_another_resource_reach_the_open_dialog(
    services: Services,
    settings: AccountSettings,
    dialect: Dialect,
    open_dialog: OpenDialog,
    qtbot: QtBot,
) -> None:
    dialog = open_dialog(services.open(settings, dialect))
    phone = services.open(settings, dialect)
    wait_for(qtbot, phone.save_item(SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid=ROMEO)))
    qtbot.waitUntil(lambda: dialog.items.table.rowCount() == 1)
    assert "changed the preference for romeo@montague.net." in dialog.notice.text()
    dialog.default.save.choose(SaveMode.BODY)  # the user is editing the default
    wait_for(qtbot, phone.save_default(SaveRule(SaveMode.FALSE, otr_allow(dialect))))
    qtbot.waitUntil(lambda: "while you were editing" in dialog.notice.text())
    assert dialog.default.save.currentData() is SaveMode.FALSE
    if dialect is Dialect.URN:
        wait_for(qtbot, phone.remove_item(ROMEO))
        qtbot.waitUntil(lambda: dialog.items.table.rowCount() == 0)
        assert "removed the preference for romeo@montague.net" in dialog.notice.text()


def test_the_open_dialog_reads_everything_again_after_a_reconnection(
    services: Services,
    settings: AccountSettings,
    dialect: Dialect,
    open_dialog: OpenDialog,
    qtbot: QtBot,
) -> None:
    service = services.open(replace(settings, reconnect_delays=(0.1, 0.5, 1.0)), dialect)
    dialog = open_dialog(service)
    network = service.connection.network
    assert network is not None
    network.client.transport.abort()  # the connection drops; the session comes back
    phone = services.open(settings, dialect)
    wait_for(qtbot, phone.save_item(SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid=ROMEO)))
    qtbot.waitUntil(lambda: "connection came back" in dialog.notice.text(), timeout=20000)
    qtbot.waitUntil(lambda: dialog.items.table.rowCount() == 1)  # read again, or pushed
    settled(qtbot, dialog)
    phone_rule = SaveRule(SaveMode.BODY, otr_allow(dialect), jid="benvolio@montague.net")
    wait_for(qtbot, phone.save_item(phone_rule))  # pushes reach the new stream too
    qtbot.waitUntil(lambda: dialog.items.table.rowCount() == 2)


def test_own_changes_are_not_announced_as_pushes(
    services: Services,
    settings: AccountSettings,
    dialect: Dialect,
    open_dialog: OpenDialog,
    qtbot: QtBot,
) -> None:
    service = services.open(settings, dialect)
    dialog = open_dialog(service)
    pushes: list[PrefsChange] = []
    service.watch(pushes.append)  # called after the dialog's own watcher
    dialog.default.save.choose(SaveMode.BODY)
    dialog.default.otr.choose(otr_allow(dialect))
    dialog.save_default.click()
    settled(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(pushes))  # the server pushes our own change back to us
    assert pushes[0].prefs.default == SaveRule(SaveMode.BODY, otr_allow(dialect))
    assert dialog.notice.isHidden()
