"""``prefs`` arguments that make no sense: exit 2 with one line, before any connection."""

from __future__ import annotations

import pytest

from archiveviewer import cli
from archiveviewer.services.passwords import PASSWORD_VARIABLE


@pytest.mark.parametrize(
    "args",
    [
        ["prefs"],
        ["prefs", "frobnicate"],
        ["prefs", "set-default", "--save", "maybe", "--otr", "allow"],
        ["prefs", "set-default", "--otr", "allow"],
        ["prefs", "set-item", "--save", "body", "--otr", "allow"],
        ["prefs", "method", "cloud", "prefer"],
        ["prefs", "method", "auto", "sometimes"],
        ["prefs", "auto", "maybe"],
        ["prefs", "auto", "on", "--scope", "forever"],
        ["prefs", "set-default", "--save", "body", "--otr", "allow", "--expire", "soon"],
        ["prefs", "show", "--jid", ""],
    ],
)
def test_nonsense_exits_2_with_one_line(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHIVEVIEWER_JID", "romeo@montague.net")
    monkeypatch.setenv(PASSWORD_VARIABLE, "not used")
    assert cli.main(args) == cli.EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("archiveviewer")


def test_the_actions_are_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["prefs", "--help"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    for action in ("show", "set-default", "set-item", "remove-item", "method", "auto"):
        assert action in out
