"""Archive → Upload archive file… against the real Prosody: Cancel part-way, then upload again.

Everything below the window is real (``build_program``, the replica, the
slixmpp session, the file). Cancel stops the upload between conversations;
the dialog says how far it got, the server holds whole conversations only,
a sync brings the same into the local copy, and Upload again stores the rest.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from archiveviewer.formats.xep0136_file import write_archive
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.files.upload import UploadDialog
from archiveviewer.ui.settings import Settings
from archiveviewer.xmpp.session import AccountSession
from tests.gui.conftest import dialog
from tests.gui.test_live import (  # noqa: F401 (fixtures)
    FRIAR,
    START,
    Programs,
    add_account,
    contact_jids,
    on_server,
    programs,
    store,
    synced,
    talk,
    user,
    wait_for,
    workspace,
)
from tests.gui.test_window import choose_contact, rows
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

LETTERS = 8
CANCEL_AFTER = 3


async def items_on_server(session: AccountSession) -> dict[str, int]:
    """How many messages each conversation on the server holds, by its start."""
    page = await session.archive.list_page(max=100)
    held = {}
    for c in page.collections:
        held[c.start.isoformat()] = len((await session.archive.retrieve(c.id)).items)
    return held


def test_cancel_stops_the_upload_between_conversations_and_upload_again_stores_the_rest(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],  # noqa: F811
    workspace: Workspace,  # noqa: F811
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
    tmp_path: Path,
) -> None:
    jid, password = user
    letters = [
        talk(FRIAR, START + timedelta(days=day), f"Letter {day}.", "Received.")
        for day in range(LETTERS)
    ]
    path = tmp_path / "letters.xml"
    write_archive(letters, path)
    window = programs(workspace, store).window
    add_account(qtbot, window, prosody, jid, password)
    qtbot.waitUntil(synced(window), timeout=20000)

    window.act["upload_archive"].trigger()
    box = dialog(qtbot, "uploadDialog")
    assert isinstance(box, UploadDialog)
    box.path.setText(str(path))
    cancelling: list[str] = []

    def press_cancel(done: int, total: int) -> None:
        if done == CANCEL_AFTER:  # the user presses Cancel while the fourth is on its way
            box.close_button.click()
            cancelling.append(box.status.text())

    box.stepped.connect(press_cancel)
    box.start_button.click()
    qtbot.waitUntil(lambda: box.close_button.text() == "Close", timeout=20000)
    assert cancelling == ["Cancelling after the conversation on its way…"]
    assert box.isVisible()  # Cancel stopped the upload, not the dialog
    assert box.status.text() == (
        "Cancelled after 3 of 8 conversations (3 stored, 0 already on the server); "
        "upload again to store the rest."
    )
    held = wait_for(qtbot, on_server(prosody, jid, password, items_on_server))
    assert held == {c.start.isoformat(): 2 for c in letters[:CANCEL_AFTER]}  # whole ones only

    window.act["sync"].trigger()
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: FRIAR in contact_jids(window))
    choose_contact(window, FRIAR)
    assert len(rows(window, Column.START)) == CANCEL_AFTER  # the local copy says the same

    box.stepped.disconnect(press_cancel)
    box.start_button.click()  # Upload again
    qtbot.waitUntil(lambda: box.status.text().startswith("Stored"), timeout=20000)
    assert box.status.text() == "Stored 5 conversations; 3 already on the server."
    held = wait_for(qtbot, on_server(prosody, jid, password, items_on_server))
    assert held == {c.start.isoformat(): 2 for c in letters}
    box.close_button.click()
    assert not box.isVisible()
