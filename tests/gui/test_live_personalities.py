"""The window's sync against each server personality of the test module (1.x servers we
did not write): a saved account opens, connects and syncs, and the replica it wrote is
exactly what the server holds; then another client changes the archive, the server
restarts, and the sync the window runs on reconnecting catches up exactly.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from archiveviewer.services.passwords import KeyringPasswords
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui import settings as keys
from archiveviewer.ui.settings import Settings
from tests.gui.test_live import (
    Programs,
    contact_jids,
    on_server,
    programs,
    store,
    synced,
    wait_for,
)
from tests.integration.personalities import PERSONALITIES, UPLOADING
from tests.integration.test_sync import conversation, replica_of, server_archive
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody
__all__ = ["programs", "store"]  # fixtures used here


@pytest.mark.parametrize("name", UPLOADING)
def test_the_windows_sync_leaves_the_replica_equal_to_the_server(
    name: str,
    qtbot: QtBot,
    make_prosody: Any,
    tmp_path: Path,
    store: Settings,
    programs: Programs,
    memory_keyring: object,
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES[name])
    jid, password = server.new_user("romeo")
    workspace = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=server.ca_cert)

    async def write(session: Any) -> None:
        await asyncio.gather(*(session.archive.store(conversation(n)) for n in range(6)))

    wait_for(qtbot, on_server(server, jid, password, write))
    store.set(keys.ACCOUNT_JID, jid)
    store.set(keys.ACCOUNT_HOST, "127.0.0.1")
    store.set(keys.ACCOUNT_PORT, server.port)
    KeyringPasswords().remember(jid, password)
    program = programs(workspace, store)
    program.start()
    qtbot.waitUntil(lambda: program.window.connection.text().startswith("Connected"), timeout=20000)
    contacts = {f"contact{n}@example.net" for n in range(5)}
    qtbot.waitUntil(lambda: contact_jids(program.window) == contacts, timeout=20000)
    qtbot.waitUntil(synced(program.window), timeout=20000)
    path = workspace.replica_path(jid)
    assert replica_of(path) == wait_for(qtbot, on_server(server, jid, password, server_archive))

    async def change(session: Any) -> None:  # as another client would, while we are away
        await session.archive.store(conversation(0, messages=2, text="more"))
        await session.archive.store(conversation(30))
        await session.archive.remove(conversation(4).id)

    wait_for(qtbot, on_server(server, jid, password, change))
    window = program.window
    server.stop()
    qtbot.waitUntil(lambda: "Retrying" in window.connection.text(), timeout=10000)
    server.start()
    qtbot.waitUntil(lambda: window.connection.text().startswith("Connected as"), timeout=20000)
    expected = wait_for(qtbot, on_server(server, jid, password, server_archive))
    qtbot.waitUntil(lambda: replica_of(path) == expected, timeout=20000)  # synced on reconnect
