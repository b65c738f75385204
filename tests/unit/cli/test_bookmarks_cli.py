"""``bookmarks`` and ``private``: nonsense is one line and exit code 2, before any login."""

import pytest

from archiveviewer import cli

ACCOUNT = ["--jid", "hamlet@elsinore.example", "--port", "1"]  # nothing listens there


@pytest.mark.parametrize(
    ("words", "sentence"),
    [
        (["bookmarks", "add", *ACCOUNT, "room@muc/nick"], "remove the part after the “/”"),
        (["bookmarks", "add", *ACCOUNT, "@muc.example.org"], "not a valid chat room address"),
        (["bookmarks", "edit", *ACCOUNT, "ftp://files.example/", "--name", "x"], "http://"),
        (["bookmarks", "add", *ACCOUNT, "room@muc.example.org", "--name", " "], "only spaces"),
        (["private", "get", *ACCOUNT, "jabber:iq:roster"], "is reserved"),
        (["private", "get", *ACCOUNT, "vcard-temp"], "is reserved"),
    ],
)
def test_refused_before_logging_in(words, sentence, capsys, monkeypatch) -> None:
    monkeypatch.setenv("ARCHIVEVIEWER_PASSWORD", "unused")
    assert cli.main(words) == cli.EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert sentence in err[0]


@pytest.mark.parametrize(
    "words",
    [
        ["bookmarks"],
        ["bookmarks", "frobnicate"],
        ["bookmarks", "align", *ACCOUNT, "room@muc.example.org"],
        ["bookmarks", "align", *ACCOUNT, "room@muc.example.org", "--from", "nowhere"],
        ["private", "set", *ACCOUNT, "urn:example:x"],
    ],
)
def test_a_wrong_command_line_exits_2(words, capsys) -> None:
    assert cli.main(words) == cli.EXIT_USAGE
    said = capsys.readouterr().err
    assert said.startswith("archiveviewer")  # one line that says what is wrong, no traceback
    assert said.count("\n") == 1
    assert "Traceback" not in said
