"""``archiveviewer rekey`` against a real Prosody: keys made by ``keys generate``."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.cli import keys as cli_keys
from archiveviewer.crypto import CollectionDecryptor, KeyStore, prepare_encrypted_store
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.xmpp.session import AccountSettings
from tests.helpers import login_args
from tests.integration.personalities import PERSONALITIES
from tests.integration.xmpp_helpers import connected, new_account
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

PASSPHRASE = "parting is such sweet sorrow"
START = datetime(2023, 6, 1, 22, 0, tzinfo=UTC)


def conversation(day: int) -> Collection:
    start = START + timedelta(days=day)
    return Collection(
        id=CollectionId(start, "juliet@capulet.example"),
        items=(Message(Direction.TO, start, f"Good night, {day}"),),
    )


async def store(settings: AccountSettings, store: KeyStore, key: str, days: int) -> None:
    async with connected(settings) as session:
        for day in range(days):
            upload = prepare_encrypted_store(conversation(day), [store.public_key(key)])
            await session.archive.store(upload)


async def read_back(
    settings: AccountSettings, decryptor: CollectionDecryptor, old: str, days: int
) -> tuple[list[Collection], int]:
    async with connected(settings) as session:
        plain = [
            decryptor.decrypt_collection(await session.archive.retrieve(conversation(d).id))
            for d in range(days)
        ]
        left = [item async for item in session.archive.keys(old)]
    return plain, len(left)


def test_rekey_from_the_command_line(
    prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = new_account(prosody)
    monkeypatch.setenv(PASSWORD_VARIABLE, settings.password)
    monkeypatch.setenv(cli_keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    data = ["--data-dir", str(tmp_path)]
    names = []
    for _ in range(2):
        assert cli.main(["keys", "generate", *data]) == cli.EXIT_OK
        names.append(capsys.readouterr().out.strip())
    old, new = names
    keystore = KeyStore(tmp_path / "keys")
    asyncio.run(store(settings, keystore, old, 3))
    rekey = ["rekey", *login_args(prosody, settings.jid), *data, "--old", old, "--new", new]

    monkeypatch.setenv(cli_keys.PASSPHRASE_VARIABLE, "not the passphrase")
    assert cli.main(rekey) == cli.EXIT_KEYS
    assert "passphrase" in capsys.readouterr().err
    monkeypatch.setenv(cli_keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    assert cli.main(rekey) == cli.EXIT_OK
    err = capsys.readouterr().err
    assert "rekey: 3/3 conversations" in err
    assert "rekey: done: 3 conversations, 3 keys re-wrapped" in err

    only_new = CollectionDecryptor([keystore.unlock(new, PASSPHRASE)])
    plain, left = asyncio.run(read_back(settings, only_new, old, 3))
    assert [c.items for c in plain] == [conversation(d).items for d in range(3)]
    assert left == 0

    assert cli.main(rekey) == cli.EXIT_OK  # nothing left to do
    assert "rekey: done: 0 conversations" in capsys.readouterr().err


def test_rekey_on_a_1x_server_exits_with_the_server_code_and_says_why(
    make_prosody,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server: ProsodyServer = make_prosody(**PERSONALITIES["opaque_ids"])
    jid, password = server.new_user("romeo")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    monkeypatch.setenv(cli_keys.PASSPHRASE_VARIABLE, "parting is such sweet sorrow")
    data = ["--data-dir", str(tmp_path)]
    names = []
    for _ in range(2):
        assert cli.main(["keys", "generate", *data]) == cli.EXIT_OK
        names.append(capsys.readouterr().out.strip())
    rekey = ["rekey", *login_args(server, jid), *data, "--old", names[0], "--new", names[1]]
    assert cli.main(rekey) == cli.EXIT_SERVER
    assert "no way to replace the keys" in capsys.readouterr().err
