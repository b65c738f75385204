"""``bookmarks`` and ``private`` on the command line, against the real Prosody."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from tests.helpers import login_args
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

ROOM = "council@muc.example.org"


@pytest.fixture
def run(prosody: ProsodyServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    jid, password = prosody.new_user("cli")
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    account = login_args(prosody, jid, tmp_path)

    def command(*words: str) -> int:
        group, action, *rest = words
        return cli.main([group, action, *account, *rest])

    return command


def test_add_list_edit_remove(run, capsys, monkeypatch) -> None:
    monkeypatch.setenv("ROOM_SECRET", "rosemary-for-remembrance")
    assert run("bookmarks", "list") == cli.EXIT_NOTHING_FOUND
    code = run(
        "bookmarks",
        "add",
        ROOM,
        "--name",
        "Council",
        "--nick",
        "hamlet",
        "--autojoin",
        "--password-variable",
        "ROOM_SECRET",
    )
    assert code == cli.EXIT_OK
    capsys.readouterr()
    assert run("bookmarks", "list") == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "# homes offered: PEP (XEP-0402), PEP (XEP-0048), private storage" in out
    line = next(li for li in out.splitlines() if li.startswith(ROOM))
    assert "Council" in line
    assert "autojoin nick=hamlet password" in line
    assert "[PEP (XEP-0402), PEP (XEP-0048), private storage]" in line
    assert "rosemary" not in out
    assert run("bookmarks", "edit", ROOM, "--nick", "horatio", "--no-autojoin") == cli.EXIT_OK
    capsys.readouterr()
    run("bookmarks", "list")
    line = next(li for li in capsys.readouterr().out.splitlines() if li.startswith(ROOM))
    assert "nick=horatio" in line
    assert "autojoin" not in line
    assert run("bookmarks", "remove", ROOM) == cli.EXIT_OK
    assert run("bookmarks", "list") == cli.EXIT_NOTHING_FOUND


def test_export_and_import_a_file(run, tmp_path, capsys) -> None:
    file = tmp_path / "bookmarks.xml"
    file.write_text(
        "<storage xmlns='storage:bookmarks'><conference jid='Council@MUC.example.org' "
        "name='Council'><nick>hamlet</nick></conference></storage>"
    )
    assert run("bookmarks", "import", str(file)) == cli.EXIT_OK
    assert "1 added, 0 updated, 0 already there" in capsys.readouterr().out
    assert run("bookmarks", "import", str(file)) == cli.EXIT_OK
    assert "0 added, 0 updated, 1 already there" in capsys.readouterr().out
    exported = tmp_path / "out.xml"
    assert run("bookmarks", "export", str(exported)) == cli.EXIT_OK
    assert f'jid="{ROOM}"' in exported.read_text() or f"jid='{ROOM}'" in exported.read_text()


@pytest.mark.parametrize(
    ("words", "sentence"),
    [
        (("bookmarks", "add", "not a room"), "is not a valid chat room address"),
        (("bookmarks", "add", "htp:/broken", "--name", "x"), "web address"),
        (("bookmarks", "add", ROOM, "--name", "   "), "only spaces"),
        (("private", "get", "jabber:iq:roster"), "is reserved"),
    ],
)
def test_nonsense_is_one_line_and_exit_2(run, capsys, words, sentence) -> None:
    assert run(*words) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert sentence in err


def test_private_set_and_get(run, tmp_path, capsys) -> None:
    file = tmp_path / "settings.xml"
    file.write_text("<settings xmlns='urn:example:settings'><theme>dark</theme></settings>")
    assert run("private", "get", "urn:example:settings") == cli.EXIT_NOTHING_FOUND
    assert run("private", "set", "urn:example:settings", str(file)) == cli.EXIT_OK
    capsys.readouterr()
    assert run("private", "get", "urn:example:settings", "--element", "settings") == cli.EXIT_OK
    assert "<theme>dark</theme>" in capsys.readouterr().out


def test_private_set_refuses_a_file_in_another_namespace(run, tmp_path, capsys) -> None:
    file = tmp_path / "other.xml"
    file.write_text("<settings xmlns='urn:example:other'/>")
    assert run("private", "set", "urn:example:settings", str(file)) == cli.EXIT_USAGE
    assert "not “urn:example:settings”" in capsys.readouterr().err
