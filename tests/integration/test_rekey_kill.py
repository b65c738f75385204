"""SIGKILL ``archiveviewer-cli rekey`` at random points on a real Prosody; resuming loses nothing.

After every kill each conversation still has a data key for the old or the
new key (none lost) and never two for the new one (none wrapped twice), and
the key store remembers the unfinished run, so the Keys window offers to
continue it. A last complete run moves everything: each conversation then
opens with the new key alone. ``ARCHIVEVIEWER_KILLS`` sets how many kills.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.cli import keys as cli_keys
from archiveviewer.crypto import CollectionDecryptor, KeyStore, prepare_encrypted_store
from archiveviewer.domain import Collection, CollectionId, Direction, Message
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from archiveviewer.services.rekeying import RekeyJournal
from archiveviewer.services.workspace import Workspace
from archiveviewer.xmpp.session import AccountSettings
from tests.helpers import login_args
from tests.integration.xmpp_helpers import connected, new_account
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("ARCHIVEVIEWER_KILLS", "4"))
CONVERSATIONS = 40
PASSPHRASE = "what's in a name"
START = datetime(2022, 7, 1, 20, 0, tzinfo=UTC)


def conversation(day: int) -> Collection:
    start = START + timedelta(days=day)
    return Collection(
        CollectionId(start, "juliet@capulet.example"),
        items=(Message(Direction.FROM, start, f"Night {day}: wherefore art thou?"),),
    )


def rekey_args(server: ProsodyServer, jid: str, data_dir: Path) -> list[str]:
    keys = ["--old", "old-laptop", "--new", "new-laptop"]
    return ["rekey", *login_args(server, jid, data_dir), *keys]


async def seed(settings: AccountSettings, store: KeyStore) -> None:
    async with connected(settings) as session:
        for day in range(CONVERSATIONS):
            await session.archive.store(
                prepare_encrypted_store(conversation(day), [store.public_key("old-laptop")])
            )


async def keys_now(settings: AccountSettings) -> tuple[Counter[CollectionId], ...]:
    async with connected(settings) as session:
        counts = []
        for name in ("old-laptop", "new-laptop"):
            counts.append(Counter([c async for c, _ in session.archive.keys(name)]))
        return tuple(counts)


async def read_all(settings: AccountSettings, decryptor: CollectionDecryptor) -> list[str]:
    async with connected(settings) as session:
        texts = []
        for day in range(CONVERSATIONS):
            plain = decryptor.decrypt_collection(
                await session.archive.retrieve(conversation(day).id)
            )
            texts += [i.body for i in plain.items if isinstance(i, Message)]
        return texts


def test_a_killed_rekey_resumes_with_no_conversation_lost_or_wrapped_twice(
    prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = new_account(prosody)
    data_dir = tmp_path / "data"
    store = KeyStore(Workspace(data_dir).keys_dir)
    store.generate(PASSPHRASE, name="old-laptop")
    new = store.generate(PASSPHRASE, name="new-laptop")
    asyncio.run(seed(settings, store))
    env = {
        **os.environ,
        PASSWORD_VARIABLE: settings.password,
        cli_keys.PASSPHRASE_VARIABLE: PASSPHRASE,
    }
    command = [
        sys.executable,
        "-c",
        "import sys; from archiveviewer import cli; sys.exit(cli.main(sys.argv[1:]))",
        *rekey_args(prosody, settings.jid, data_dir),
    ]
    ids = {conversation(day).id for day in range(CONVERSATIONS)}
    journal = RekeyJournal(store.directory)
    chance = random.Random(16)
    killed_part_way = 0
    for kill in range(KILLS):
        child = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        assert child.stderr is not None
        # The first progress line comes once one conversation moved; the kill lands a
        # random moment later (the first at once, so that at least one is part-way).
        first = child.stderr.readline()
        time.sleep(0 if kill == 0 else chance.uniform(0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stderr.close()
        on_old, on_new = asyncio.run(keys_now(settings))
        assert set(on_old) | set(on_new) == ids  # no conversation lost its data key
        assert max(on_new.values(), default=1) == 1  # none wrapped twice for the new key
        if on_old and on_new:  # killed part-way
            assert first.startswith("rekey: ")
            killed_part_way += 1
            assert journal.unfinished(settings.jid) == (
                store.find("old-laptop").fingerprint,
                new.fingerprint,
            )  # the Keys window offers to continue
    assert killed_part_way, "no kill landed in the middle of re-keying"

    monkeypatch.setenv(PASSWORD_VARIABLE, settings.password)
    monkeypatch.setenv(cli_keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    assert cli.main(rekey_args(prosody, settings.jid, data_dir)) == cli.EXIT_OK
    on_old, on_new = asyncio.run(keys_now(settings))
    assert not on_old
    assert on_new == Counter(dict.fromkeys(ids, 1))
    assert journal.unfinished(settings.jid) is None
    decryptor = CollectionDecryptor([store.unlock("new-laptop", PASSPHRASE)])
    texts = asyncio.run(read_all(settings, decryptor))
    assert texts == [f"Night {day}: wherefore art thou?" for day in range(CONVERSATIONS)]
