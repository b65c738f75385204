"""The whole program on a stock Prosody account (mod_mam, no XEP-0136): the MAM tab, the reasons.

Built as ``python -m archiveviewer`` builds it: the account is added in the
dialog, its message archive syncs, a conversation from it opens with notes
and removal disabled (saying why), and the preferences dialog opens on its
MAM tab (XEP-0136's tabs disabled, with the server's reason), whose change
the server then holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from archiveviewer.protocol.mam import ArchivePrefs
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.prefs.dialog import PrefsDialog
from archiveviewer.ui.settings import Settings
from archiveviewer.xmpp.mam import MessageArchive
from archiveviewer.xmpp.session import AccountSession
from tests.gui.conftest import dialog
from tests.gui.test_live import (
    Programs,
    add_account,
    on_server,
    programs,
    store,
    synced,
    wait_for,
)
from tests.gui.test_window import choose_contact, open_row, rows
from tests.integration.mam_helpers import chat
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody
__all__ = ["programs", "store"]  # fixtures, imported for this module


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProsodyServer]:
    server = ProsodyServer(tmp_path_factory.mktemp("stock-gui"), mam={})
    server.modules = tuple(m for m in server.modules if m != "archive")
    with server:
        yield server


def test_a_stock_account_reads_its_archive_and_edits_what_it_keeps(
    qtbot: QtBot, stock: ProsodyServer, tmp_path: Path, store: Settings, programs: Programs
) -> None:
    juliet, juliet_pw = stock.new_user("juliet")
    romeo, romeo_pw = stock.new_user("romeo")

    async def romeo_says(session: AccountSession) -> None:
        await chat(session, juliet, ["It is the east, and Juliet is the sun."])

    wait_for(qtbot, on_server(stock, romeo, romeo_pw, romeo_says))
    workspace = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=stock.ca_cert)
    window = programs(workspace, store).window
    add_account(qtbot, window, stock, juliet, juliet_pw)
    qtbot.waitUntil(synced(window), timeout=20000)
    choose_contact(window, romeo)
    qtbot.waitUntil(lambda: len(rows(window, Column.START)) == 1)
    open_row(window, 0)
    qtbot.waitUntil(lambda: window.pane.collection is not None)
    assert not window.act["add_note"].isEnabled()
    assert "cannot keep notes on the server" in window.act["add_note"].toolTip()

    window.act["archiving_prefs"].trigger()
    prefs = dialog(qtbot, "archivingPrefs")
    assert isinstance(prefs, PrefsDialog)
    qtbot.waitUntil(lambda: prefs.tabs.currentWidget() is prefs.mam)
    assert not prefs.tabs.isTabEnabled(0)  # XEP-0136's default: this server has none
    assert prefs.speaks.text()
    tab = prefs.mam
    assert tab.default.currentData() == "always"
    assert "keeps every conversation" in tab.meaning.text()
    tab.default.setCurrentIndex(tab.default.findData("roster"))
    tab.jid.setText(romeo)
    tab.add_never.click()
    assert "on the never list" in tab.kept.text()
    tab.save.click()
    qtbot.waitUntil(lambda: tab.error.text().startswith("Saved"), timeout=10000)

    async def held(session: AccountSession) -> ArchivePrefs:
        return await MessageArchive(session.client).prefs()

    assert wait_for(qtbot, on_server(stock, juliet, juliet_pw, held)) == ArchivePrefs(
        "roster", (), (romeo,)
    )
    prefs.close()
