"""The message archive's preferences against Prosody's own mod_mam: the CLI and the service.

What the server then keeps is checked the way a user would notice it: after
``never romeo``, a chat with Romeo is not in Juliet's archive, and a chat
with Mercutio still is.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.ports.mam_prefs import MamRules
from archiveviewer.ports.prefs import PreferenceRefused
from archiveviewer.services.connection import Connection
from archiveviewer.services.mam_prefs import MamPrefsService
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from tests.helpers import login_args
from tests.integration.mam_helpers import chat, mam_prosody, online, server_messages
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody
__all__ = ["mam_prosody"]  # the fixture, imported for this module


def prefs(server: ProsodyServer, jid: str, data_dir: Path, *action: str) -> int:
    return cli.main(["prefs", "mam", *action[:1], *login_args(server, jid, data_dir), *action[1:]])


def test_the_command_line_shows_and_changes_what_the_message_archive_keeps(
    mam_prosody: ProsodyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    juliet, juliet_pw = mam_prosody.new_user("juliet")
    romeo, romeo_pw = mam_prosody.new_user("romeo")
    mercutio, mercutio_pw = mam_prosody.new_user("mercutio")
    monkeypatch.setenv(PASSWORD_VARIABLE, juliet_pw)
    assert prefs(mam_prosody, juliet, tmp_path, "show") == cli.EXIT_OK
    shown = capsys.readouterr().out.splitlines()
    assert shown[0].startswith("Message archive default: always. The server keeps every")
    assert prefs(mam_prosody, juliet, tmp_path, "never", romeo.upper()) == cli.EXIT_OK
    assert f"Never kept: {romeo}" in capsys.readouterr().out
    assert prefs(mam_prosody, juliet, tmp_path, "show", "--json", "--for", romeo) == cli.EXIT_OK
    held = json.loads(capsys.readouterr().out)
    assert (held["default"], held["always"], held["never"]) == ("always", [], [romeo])
    assert "keeps nothing of conversations" in held["for"]["kept"]

    async def talk() -> list[str]:
        async with online(mam_prosody, juliet, juliet_pw) as j:
            async with online(mam_prosody, romeo, romeo_pw) as r:
                await chat(r, juliet, ["Shall I hear more, or shall I speak at this?"])
            async with online(mam_prosody, mercutio, mercutio_pw) as m:
                await chat(m, juliet, ["A plague o' both your houses!"])
            return [m.message.body or "" for m in await server_messages(j)]

    kept = asyncio.run(talk())
    assert kept == ["A plague o' both your houses!"]  # Romeo's line was not archived

    assert prefs(mam_prosody, juliet, tmp_path, "forget", romeo) == cli.EXIT_OK
    assert "Never kept: (nobody)" in capsys.readouterr().out
    assert prefs(mam_prosody, juliet, tmp_path, "set-default", "roster") == cli.EXIT_OK
    said = capsys.readouterr().out
    assert "Message archive default: roster. The server keeps conversations with the" in said


def test_a_jid_on_both_lists_is_refused_before_anything_is_sent(
    mam_prosody: ProsodyServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    juliet, juliet_pw = mam_prosody.new_user("juliet")

    async def attempt() -> MamRules:
        async with online(mam_prosody, juliet, juliet_pw) as session:
            connection = Connection()
            connection.network = session
            service = MamPrefsService(connection)
            with pytest.raises(PreferenceRefused) as refused:
                await service.save(MamRules("always", ("nurse@verona.lit",), ("Nurse@verona.lit",)))
            assert "cannot be on both lists" in refused.value.user_message
            return await service.load()

    assert asyncio.run(attempt()) == MamRules("always")
