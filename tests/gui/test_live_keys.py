"""The Keys window against the real Prosody: counts, lock and unlock, re-key with Cancel and resume.

Everything below the window is real (``build_program``, the replica, the
slixmpp session, the crypto layer, the key store on disk). The re-key is
cancelled part-way, the program is closed, and a new program over the same
folders offers to continue; the test then checks on the server that every
conversation is wrapped exactly once for the new key and no more for the old.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from archiveviewer.crypto import CollectionDecryptor, KeyStore, prepare_encrypted_store
from archiveviewer.domain import CollectionId, EncryptedKind, Message
from archiveviewer.formats.xep0136_file import write_archive
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui.files.upload import UploadDialog
from archiveviewer.ui.keys.rekey import RekeyDialog
from archiveviewer.ui.keys.table import Column
from archiveviewer.ui.keys.window import KeysWindow
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.window import MainWindow
from archiveviewer.xmpp.session import AccountSession
from tests.gui.conftest import dialog, no_dialog
from tests.gui.test_live import (  # noqa: F401 (fixtures)
    FRIAR,
    START,
    Programs,
    add_account,
    contact_jids,
    conversation_lines,
    on_server,
    programs,
    store,
    synced,
    talk,
    user,
    wait_for,
    workspace,
)
from tests.gui.test_window import choose_contact, open_row
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

OLD_PASSPHRASE = "o serpent heart, hid with a flowering face"
NEW_PASSPHRASE = "my only love sprung from my only hate"
CONVERSATIONS = 8
CANCEL_AFTER = 3


def secret(day: int) -> str:
    return f"Meet me at the cell, hour {day}."


def conversations() -> list:  # type: ignore[type-arg]
    return [talk(FRIAR, START + timedelta(days=day), secret(day)) for day in range(CONVERSATIONS)]


async def keys_on_server(session: AccountSession, name: str) -> Counter[CollectionId]:
    """How many EncryptedKeys the server holds for ``name``, per conversation."""
    return Counter([collection async for collection, _ in session.archive.keys(name)])


def open_keys(qtbot: QtBot, window: MainWindow) -> KeysWindow:
    window.act["keys"].trigger()
    keys = window.findChild(KeysWindow, "keysWindow")
    assert keys is not None
    qtbot.waitUntil(lambda: len(keys.rows) == 2)
    return keys


def row_of(keys: KeysWindow, name: str) -> int:
    return next(n for n, k in enumerate(keys.rows) if k.name == name)


def cell(keys: KeysWindow, name: str, column: int) -> str:
    return keys.table.item(row_of(keys, name), column).text()


def answer_key_passphrase(qtbot: QtBot, passphrase: str) -> None:
    ask = dialog(qtbot, "keyPassphrase")
    ask.field.setText(passphrase)  # type: ignore[attr-defined]
    ask.accept()


def start_rekey(qtbot: QtBot, keys: KeysWindow, cancel_after: int | None) -> RekeyDialog:
    box = dialog(qtbot, "rekeyDialog")
    assert isinstance(box, RekeyDialog)
    assert box.choice() == ("old-laptop", "new-laptop")
    if cancel_after is not None:
        # Cancel as a user would, once the progress bar shows this many conversations moved.
        box.stepped.connect(lambda done, _total: done == cancel_after and box.reject())
    box.start_button.click()
    return box


def test_keys_window_counts_locks_and_rekeys_with_cancel_and_resume(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],  # noqa: F811 (a fixture)
    workspace: Workspace,  # noqa: F811
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
) -> None:
    jid, password = user
    key_store = KeyStore(workspace.keys_dir)
    old = key_store.generate(OLD_PASSPHRASE, name="old-laptop")
    key_store.generate(NEW_PASSPHRASE, name="new-laptop")
    uploads = [prepare_encrypted_store(c, [old]) for c in conversations()]

    async def store_uploads(session: AccountSession) -> None:
        for upload in uploads:
            await session.archive.store(upload)

    wait_for(qtbot, on_server(prosody, jid, password, store_uploads))
    window = programs(workspace, store).window
    add_account(qtbot, window, prosody, jid, password)
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: FRIAR in contact_jids(window))

    # Counts of the shown account's copy; both keys locked until the user unlocks one.
    keys = open_keys(qtbot, window)
    assert cell(keys, "old-laptop", Column.OPENS) == f"{CONVERSATIONS} conversations"
    assert cell(keys, "new-laptop", Column.OPENS) == "0 conversations"
    assert jid in keys.counts_of.text()
    assert {cell(keys, n, Column.STATE) for n in ("old-laptop", "new-laptop")} == {"Locked"}

    # Decrypting asks for the locked key by its name; the window then shows it unlocked.
    choose_contact(window, FRIAR)
    open_row(window, 0)
    window.decrypt_button.click()
    ask = dialog(qtbot, "passphrase")
    assert "“old-laptop”, which is locked" in ask.findChildren(QLabel)[0].text()
    ask.passphrase.setText(OLD_PASSPHRASE)  # type: ignore[attr-defined]
    ask.accept()
    newest = secret(CONVERSATIONS - 1)
    qtbot.waitUntil(lambda: any(newest in line for line in conversation_lines(window)))
    keys.reload()
    qtbot.waitUntil(lambda: cell(keys, "old-laptop", Column.STATE) == "Unlocked")

    # Lock forgets it: the same conversation asks again.
    keys.table.selectRow(row_of(keys, "old-laptop"))
    assert keys.unlock_button.text() == "&Lock"
    keys.unlock_button.click()
    qtbot.waitUntil(lambda: cell(keys, "old-laptop", Column.STATE) == "Locked")
    open_row(window, 1)  # another conversation: its data key is not known either
    window.decrypt_button.click()
    dialog(qtbot, "passphrase").reject()
    assert not any(secret(CONVERSATIONS - 2) in line for line in conversation_lines(window))

    # Re-key: the old key is unlocked on the way; Cancel stops after the third conversation.
    keys.table.selectRow(row_of(keys, "old-laptop"))
    keys.rekey_button.click()
    box = start_rekey(qtbot, keys, cancel_after=CANCEL_AFTER)
    answer_key_passphrase(qtbot, OLD_PASSPHRASE)
    qtbot.waitUntil(lambda: box.control is None and "Cancelled" in box.status.text(), timeout=20000)
    left = CONVERSATIONS - CANCEL_AFTER
    assert box.status.text() == (
        f"Cancelled after {CANCEL_AFTER} of {CONVERSATIONS} conversations. "
        f"{left} conversations still use the old key: re-key again to move them."
    )
    assert box.cancel_button.isEnabled()
    box.cancel_button.click()  # now Close
    qtbot.waitUntil(lambda: keys.unfinished.isVisible())
    # The local copy followed: the counts say what each key opens now.
    assert cell(keys, "old-laptop", Column.OPENS) == f"{left} conversations"
    assert cell(keys, "new-laptop", Column.OPENS) == f"{CANCEL_AFTER} conversations"
    assert "did not finish" in keys.unfinished.text()

    async def both(session: AccountSession) -> tuple[Counter[CollectionId], ...]:
        return (
            await keys_on_server(session, "old-laptop"),
            await keys_on_server(session, "new-laptop"),
        )

    on_old, on_new = wait_for(qtbot, on_server(prosody, jid, password, both))
    assert (len(on_old), len(on_new)) == (left, CANCEL_AFTER)
    assert not set(on_old) & set(on_new)  # each conversation on exactly one key

    # A second program over the same folders (as after a restart) offers to continue.
    keys.close()
    window.hide()
    second = programs(workspace, store)
    second.start()
    window = second.window
    qtbot.waitUntil(lambda: window.connection.text() == f"Connected as {jid}.", timeout=20000)
    qtbot.waitUntil(synced(window), timeout=20000)
    keys = open_keys(qtbot, window)
    qtbot.waitUntil(lambda: keys.continue_button.isVisible())
    assert "“old-laptop” to “new-laptop”" in keys.unfinished.text()
    keys.continue_button.click()
    box = start_rekey(qtbot, keys, cancel_after=None)
    answer_key_passphrase(qtbot, OLD_PASSPHRASE)  # a new run: the key is locked again
    qtbot.waitUntil(lambda: box.control is None and "Moved" in box.status.text(), timeout=20000)
    assert box.status.text() == f"Moved {left} conversations to the new key."
    box.reject()
    qtbot.waitUntil(lambda: no_dialog("rekeyDialog"))
    qtbot.waitUntil(lambda: not keys.continue_button.isVisible())

    on_old, on_new = wait_for(qtbot, on_server(prosody, jid, password, both))
    assert not on_old
    assert on_new == Counter({c.id: 1 for c in uploads})  # none lost, none wrapped twice
    decryptor = CollectionDecryptor([key_store.unlock("new-laptop", NEW_PASSPHRASE)])

    async def read_all(session: AccountSession) -> list[str]:
        texts = []
        for upload in uploads:
            plain = decryptor.decrypt_collection(await session.archive.retrieve(upload.id))
            texts += [i.body for i in plain.items if isinstance(i, Message)]
        return texts

    texts = wait_for(qtbot, on_server(prosody, jid, password, read_all))
    assert texts == [secret(day) for day in range(CONVERSATIONS)]


def test_upload_encrypted_with_the_users_key_then_read_it_after_a_sync(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],  # noqa: F811
    workspace: Workspace,  # noqa: F811
    store: Settings,  # noqa: F811
    programs: Programs,  # noqa: F811
    tmp_path: Path,
) -> None:
    jid, password = user
    KeyStore(workspace.keys_dir).generate(OLD_PASSPHRASE, name="romeo-laptop")
    letter = talk(FRIAR, START + timedelta(days=40), "The letter did not reach him.")
    path = tmp_path / "archive.xml"
    write_archive([letter], path)
    window = programs(workspace, store).window
    add_account(qtbot, window, prosody, jid, password)
    qtbot.waitUntil(synced(window), timeout=20000)

    window.act["upload_archive"].trigger()
    box = dialog(qtbot, "uploadDialog")
    assert isinstance(box, UploadDialog)
    offered = [box.encrypt.itemText(i) for i in range(box.encrypt.count())]
    assert offered == ["Do not encrypt", "romeo-laptop"]  # the user's own keys only
    box.path.setText(str(path))
    box.encrypt.setCurrentIndex(1)
    box.start_button.click()
    qtbot.waitUntil(lambda: "Stored" in box.status.text(), timeout=20000)
    assert box.status.text() == "Stored 1 encrypted conversation; 0 already on the server."
    box.reject()

    on_the_server = wait_for(
        qtbot, on_server(prosody, jid, password, lambda s: s.archive.retrieve(letter.id))
    )
    assert [i.kind for i in on_the_server.items] == [EncryptedKind.DATA, EncryptedKind.KEY]
    assert on_the_server.items[1].key_name == "romeo-laptop"  # type: ignore[union-attr]

    window.act["sync"].trigger()
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: FRIAR in contact_jids(window))
    choose_contact(window, FRIAR)
    open_row(window, 0)
    window.decrypt_button.click()
    ask = dialog(qtbot, "passphrase")
    ask.passphrase.setText(OLD_PASSPHRASE)  # type: ignore[attr-defined]
    ask.accept()
    qtbot.waitUntil(lambda: any("did not reach him" in line for line in conversation_lines(window)))
