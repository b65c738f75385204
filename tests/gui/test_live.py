"""The program's window end to end against the real Prosody with our XEP-0136 module.

Everything is real below the window: the composition root (``build_program``),
the SQLite replica, the slixmpp session with TLS verification, the
replication engine and the crypto layer. The keyring is the in-memory one of
``tests/conftest.py``. Tests drive the window as a user would and check both
what the window shows and what the server then holds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from archiveviewer.app import Program, build_program
from archiveviewer.crypto import KeyStore, prepare_encrypted_store
from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note
from archiveviewer.services.passwords import KeyringPasswords
from archiveviewer.services.workspace import Workspace
from archiveviewer.ui import settings as keys
from archiveviewer.ui.accounts.dialogs import AccountDialog, CertificateDialog
from archiveviewer.ui.browser.collections import Column
from archiveviewer.ui.settings import Settings
from archiveviewer.ui.timefmt import format_day_time
from archiveviewer.ui.window import MainWindow
from archiveviewer.xmpp.session import AccountSession, AccountSettings
from archiveviewer.xmpp.xep_0136.xep_0136 import XEP_0136
from tests.gui.conftest import dialog, no_dialog
from tests.gui.test_window import button, choose_contact, open_row, rows, select_rows, settle
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

T = TypeVar("T")
Programs = Callable[[Workspace, Settings], Program]
START = datetime(2009, 3, 14, 9, 0, tzinfo=UTC)
NURSE = "nurse@capulet.example"
FRIAR = "friar@church.example"
PASSPHRASE = "a balcony in Verona"
SECRET_TEXT = "The potion works for two and forty hours."


def talk(with_jid: str, start: datetime, *bodies: str, subject: str | None = None) -> Collection:
    """A plain collection, messages alternating from/to a minute apart."""
    items = tuple(
        Message(Direction.FROM if n % 2 == 0 else Direction.TO, start + timedelta(minutes=n), b)
        for n, b in enumerate(bodies)
    )
    return Collection(CollectionId(start, with_jid), subject=subject, items=items)


SEED = [
    talk(NURSE, START, "Where is my lady?", "In her chamber.", subject="Errands"),
    talk(NURSE, START + timedelta(days=3), "The rope ladder is ready."),
    talk(FRIAR, START + timedelta(days=5), "Come to my cell at noon."),
]


def wait_for(qtbot: QtBot, coroutine: Coroutine[Any, Any, T], timeout: int = 20000) -> T:
    """Run a coroutine on the qasync loop from a synchronous test and return its result."""
    task = asyncio.ensure_future(coroutine)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def account_settings(server: ProsodyServer, jid: str, password: str) -> AccountSettings:
    return AccountSettings(
        jid=jid,
        password=password,
        host="127.0.0.1",
        port=server.port,
        ca_certs=server.ca_cert,
        reconnect_delays=(),
    )


async def on_server(
    server: ProsodyServer, jid: str, password: str, work: Callable[[AccountSession], Any]
) -> Any:
    """Do ``work`` with a second, independent session of the account (as another client)."""
    session = AccountSession(account_settings(server, jid, password))
    await session.connect()
    try:
        return await work(session)
    finally:
        await session.disconnect()


async def store_all(session: AccountSession, collections: list[Collection]) -> None:
    for c in collections:
        await session.archive.store(c)


async def server_ids(session: AccountSession) -> set[CollectionId]:
    page = await session.archive.list_page(max=100)
    return {c.id for c in page.collections}


@pytest.fixture
def user(prosody: ProsodyServer) -> tuple[str, str]:
    return prosody.new_user("romeo")


@pytest.fixture
def workspace(tmp_path: Path, prosody: ProsodyServer) -> Workspace:
    return Workspace(tmp_path / "data", tmp_path / "config", ca_certs=prosody.ca_cert)


@pytest.fixture
def store(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def programs(
    qtbot: QtBot, event_loop_qt: qasync.QEventLoop
) -> Iterator[Callable[[Workspace, Settings], Program]]:
    """Builds programs as ``python -m archiveviewer`` does; closes them after the test."""
    built: list[Program] = []

    def build(workspace: Workspace, store: Settings) -> Program:
        program = build_program(workspace, store, KeyringPasswords())
        program.window.show()
        qtbot.waitExposed(program.window)
        built.append(program)
        return program

    yield build
    # Not qtbot.addWidget: pytest-qt would delete the windows before the sessions close.
    for program in built:
        window = program.window
        if window.sync_task is not None:
            window.syncer.cancel()
            qtbot.waitUntil(lambda: window.sync_task is None)  # noqa: B023
        wait_for(qtbot, program.close())
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def add_account(qtbot: QtBot, window: MainWindow, server: ProsodyServer, jid: str, pw: str) -> None:
    window.banner_button.click()
    box = dialog(qtbot, "account")
    assert isinstance(box, AccountDialog)
    box.jid.setText(jid)
    box.password.setText(pw)
    box.remember.setChecked(True)
    box.host.setText("127.0.0.1")
    box.port.setValue(server.port)
    box.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def synced(window: MainWindow) -> Callable[[], bool]:
    return lambda: not window.read_only and window.sync_task is None and not window.archive.sample


def contact_jids(window: MainWindow) -> set[str]:
    m = window.contact_model
    return {m.contact(r).jid for r in range(m.rowCount())}


def conversation_lines(window: MainWindow) -> list[str]:
    m = window.conversation_model
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def test_add_account_syncs_then_open_annotate_search_and_delete(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],
    workspace: Workspace,
    store: Settings,
    programs: Programs,
) -> None:
    jid, password = user
    wait_for(qtbot, on_server(prosody, jid, password, lambda s: store_all(s, SEED)))
    window = programs(workspace, store).window
    assert window.read_only  # the sample, until the account is added

    add_account(qtbot, window, prosody, jid, password)
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: {NURSE, FRIAR} <= contact_jids(window))
    assert store.get(keys.ACCOUNT_JID) == jid
    assert KeyringPasswords().recall(jid) == password

    choose_contact(window, NURSE)
    assert len(rows(window, Column.START)) == 2
    open_row(window, 1)  # newest first: the older one, with its subject
    assert "Errands" in window.conversation_title.text()
    assert any(line.endswith("Where is my lady?") for line in conversation_lines(window))

    window.act["add_note"].trigger()
    ask = dialog(qtbot, "askText")
    ask.setTextValue("She knows more than she says.")  # type: ignore[attr-defined]
    ask.accept()
    qtbot.waitUntil(lambda: any("She knows more" in line for line in conversation_lines(window)))
    on_the_server = wait_for(
        qtbot, on_server(prosody, jid, password, lambda s: s.archive.retrieve(SEED[0].id))
    )
    assert Note("She knows more than she says.") in [
        Note(i.text) for i in on_the_server.items if isinstance(i, Note)
    ]

    window.focus_search()
    qtbot.keyClicks(window.search.field, "ladder")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    window.search.results.activated.emit(window.search.model.index(0, 0))
    settle(window)
    assert window.conversation_model.collection is not None
    assert window.conversation_model.collection.id == SEED[1].id
    assert window.pane.selected_text().endswith("The rope ladder is ready.")

    window.tabs.setCurrentIndex(0)
    choose_contact(window, NURSE)
    select_rows(window, 0)
    window.act["delete_selected"].trigger()
    button(dialog(qtbot, "confirm"), "Remove from server").click()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(rows(window, Column.START)) == 1)
    remaining = wait_for(qtbot, on_server(prosody, jid, password, server_ids))
    assert remaining == {SEED[0].id, SEED[2].id}

    choose_contact(window, FRIAR)
    window.act["delete_contact"].trigger()
    button(dialog(qtbot, "confirm"), "Remove from server").click()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: FRIAR not in contact_jids(window))  # no conversations left
    remaining = wait_for(qtbot, on_server(prosody, jid, password, server_ids))
    assert remaining == {SEED[0].id}


def test_encrypted_collection_decrypts_with_a_key_from_the_keys_folder(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],
    workspace: Workspace,
    store: Settings,
    programs: Programs,
) -> None:
    jid, password = user
    public = KeyStore(workspace.keys_dir).generate(PASSPHRASE)
    secret = talk(FRIAR, START + timedelta(days=9), SECRET_TEXT)
    upload = prepare_encrypted_store(secret, [public])
    wait_for(qtbot, on_server(prosody, jid, password, lambda s: s.archive.store(upload)))
    window = programs(workspace, store).window
    add_account(qtbot, window, prosody, jid, password)
    qtbot.waitUntil(synced(window), timeout=20000)
    qtbot.waitUntil(lambda: FRIAR in contact_jids(window))
    choose_contact(window, FRIAR)
    open_row(window, 0)
    assert window.decrypt_button.isVisible()
    assert not any(SECRET_TEXT in line for line in conversation_lines(window))

    window.decrypt_button.click()
    ask = dialog(qtbot, "passphrase")
    ask.passphrase.setText("not my passphrase")  # type: ignore[attr-defined]
    ask.accept()
    error = dialog(qtbot, "error")
    assert "opens none of the private keys" in error.text()  # type: ignore[attr-defined]
    error.accept()
    qtbot.waitUntil(lambda: no_dialog("error"))

    window.decrypt_button.click()
    ask = dialog(qtbot, "passphrase")
    ask.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
    ask.accept()
    qtbot.waitUntil(lambda: any(SECRET_TEXT in line for line in conversation_lines(window)))

    window.act["edit_subject"].trigger()  # the subject stays plain text: the user must agree
    ask = dialog(qtbot, "askText")
    ask.setTextValue("Potions")  # type: ignore[attr-defined]
    ask.accept()
    button(dialog(qtbot, "confirm"), "Save unencrypted subject").click()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "Potions" in window.conversation_title.text())
    on_the_server = wait_for(
        qtbot, on_server(prosody, jid, password, lambda s: s.archive.retrieve(secret.id))
    )
    assert on_the_server.subject == "Potions"
    assert on_the_server.encrypted  # and the messages are still encrypted there


def test_saved_account_opens_offline_connects_syncs_and_survives_a_server_restart(
    qtbot: QtBot,
    make_prosody: Callable[..., ProsodyServer],
    tmp_path: Path,
    store: Settings,
    programs: Programs,
    memory_keyring: object,
) -> None:
    server = make_prosody()
    jid, password = server.new_user("romeo")
    workspace = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=server.ca_cert)
    wait_for(qtbot, on_server(server, jid, password, lambda s: store_all(s, SEED)))
    store.set(keys.ACCOUNT_JID, jid)
    store.set(keys.ACCOUNT_HOST, "127.0.0.1")
    store.set(keys.ACCOUNT_PORT, server.port)
    KeyringPasswords().remember(jid, password)

    program = programs(workspace, store)
    window = program.window
    assert not window.banner.isVisible()  # the account's own (still empty) copy, not the sample
    assert window.connection.text().startswith("Offline")
    program.start()
    qtbot.waitUntil(lambda: {NURSE, FRIAR} <= contact_jids(window), timeout=20000)
    qtbot.waitUntil(synced(window))
    assert window.connection.text() == f"Connected as {jid}."

    later = talk(NURSE, START + timedelta(days=30), "Written by another client.")
    wait_for(qtbot, on_server(server, jid, password, lambda s: s.archive.store(later)))
    server.stop()
    qtbot.waitUntil(lambda: "Retrying in" in window.connection.text(), timeout=10000)
    choose_contact(window, FRIAR)  # still browsable and searchable offline
    open_row(window, 0)
    assert any(line.endswith("Come to my cell at noon.") for line in conversation_lines(window))
    window.focus_search()
    qtbot.keyClicks(window.search.field, "chamber")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)

    server.start()
    qtbot.waitUntil(lambda: window.connection.text().startswith("Connected as"), timeout=20000)
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(synced(window))  # back online, it synced what changed meanwhile
    choose_contact(window, NURSE)
    qtbot.waitUntil(lambda: len(rows(window, Column.START)) == 3, timeout=10000)


def test_untrusted_certificate_is_pinned_and_then_accepted(
    qtbot: QtBot,
    prosody: ProsodyServer,
    user: tuple[str, str],
    tmp_path: Path,
    store: Settings,
    programs: Programs,
) -> None:
    jid, password = user
    # No CA file: the system trust store does not know the test server's self-signed certificate.
    workspace = Workspace(tmp_path / "data", tmp_path / "config", ca_certs=None)
    first = programs(workspace, store)
    window = first.window
    add_account(qtbot, window, prosody, jid, password)
    cert = dialog(qtbot, "certificate")
    assert isinstance(cert, CertificateDialog)
    fingerprint = _fingerprint_of(prosody.ca_cert)
    assert fingerprint in cert.fingerprint.text()
    cert.trust.click()
    qtbot.waitUntil(synced(window), timeout=20000)
    assert workspace.pins() == {"127.0.0.1": fingerprint}

    wait_for(qtbot, first.close())
    again = programs(workspace, store)  # the next start: the pin is used, no question
    again.start()
    qtbot.waitUntil(
        lambda: again.window.connection.text().startswith("Connected as"), timeout=20000
    )
    assert no_dialog("certificate")


def _fingerprint_of(pem_file: Path) -> str:
    import hashlib
    import ssl

    der = ssl.PEM_cert_to_DER_cert(pem_file.read_text())
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


# -- before the first sync: the list pages through the server ---------------------------

TALKS = [talk(NURSE, START + timedelta(hours=n), f"errand number {n}") for n in range(250)]


@pytest.fixture
def list_requests(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every ``<list/>`` request any session of this test sends, with its RSM arguments."""
    sent: list[dict[str, Any]] = []
    original = XEP_0136.list_page

    async def counted(self: XEP_0136, *args: Any, **kwargs: Any) -> Any:
        sent.append(kwargs)
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(XEP_0136, "list_page", counted)
    return sent


def scroll_to_end(window: MainWindow) -> None:
    bar = window.collections.verticalScrollBar()
    bar.setValue(bar.maximum())


def test_unsynced_account_lists_the_server_a_page_per_scroll_and_opens_a_conversation(
    qtbot: QtBot,
    prosody: ProsodyServer,
    workspace: Workspace,
    store: Settings,
    programs: Programs,
    list_requests: list[dict[str, Any]],
) -> None:
    jid, password = prosody.new_user("romeo")
    wait_for(qtbot, on_server(prosody, jid, password, lambda s: store_all(s, TALKS)), 60000)
    store.set(keys.SYNC_ON_CONNECT, 0)
    window = programs(workspace, store).window
    window.resize(900, 500)

    add_account(qtbot, window, prosody, jid, password)
    qtbot.waitUntil(
        lambda: not window.read_only and window.collection_model.rowCount() > 0, timeout=20000
    )
    model = window.collection_model
    assert model.from_server
    assert model.rowCount() == 100
    assert len(list_requests) == 1
    newest = START + timedelta(hours=249)
    assert rows(window, Column.START)[0] == format_day_time(newest, None)  # newest first

    qtbot.waitUntil(lambda: (scroll_to_end(window), model.rowCount() == 200)[1], timeout=20000)
    assert len(list_requests) == 2
    qtbot.waitUntil(lambda: (scroll_to_end(window), model.rowCount() == 250)[1], timeout=20000)
    assert len(list_requests) == 3
    assert not model.canFetchMore(model.index(-1, -1))
    starts = [model.header(r).collection.start for r in range(250)]
    assert starts == sorted((t.start for t in TALKS), reverse=True)

    open_row(window, 249)  # the oldest: not in the replica, fetched from the server
    qtbot.waitUntil(
        lambda: any(line.endswith("errand number 0") for line in conversation_lines(window))
    )
    assert len(list_requests) == 3  # opening retrieves; it does not list again
