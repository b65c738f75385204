"""``archiveviewer prefs …`` against the real Prosody, in both dialects."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from archiveviewer import cli
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from tests.helpers import login_args
from tests.integration.xmpp_helpers import new_account
from tests.server.prosody import ProsodyServer

pytestmark = pytest.mark.prosody

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(params=["seed", "urn"])
def dialect(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


def runner(
    server: ProsodyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    dialect: str,
) -> Run:
    settings = new_account(server)
    monkeypatch.setenv(PASSWORD_VARIABLE, settings.password)
    account = [*login_args(server, settings.jid, host="127.0.0.1"), "--dialect", dialect]

    def run(action: str, *args: str) -> tuple[int, str, str]:
        code = cli.main(["prefs", action, *account, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def run(
    prosody: ProsodyServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    dialect: str,
) -> Run:
    return runner(prosody, monkeypatch, capsys, dialect)


def shown(run: Run) -> dict[str, object]:
    code, out, _ = run("show", "--json")
    assert code == cli.EXIT_OK
    return json.loads(out)  # type: ignore[no-any-return]


def test_show_a_new_account(run: Run, dialect: str) -> None:
    code, out, err = run("show")
    assert (code, err) == (0, "")
    assert "you never chose one" in out
    assert ("2007 draft" in out) == (dialect == "seed")
    document = shown(run)
    assert document["items"] == []
    assert document["default"]["unset"] is True  # type: ignore[index]


def test_every_change_from_the_command_line(run: Run, dialect: str) -> None:
    allow, never = ("allow", "never") if dialect == "seed" else ("concede", "forbid")
    assert run("set-default", "--save", "body", "--otr", allow, "--expire", "1y")[0] == 0
    code, out, _ = run("set-item", "romeo@montague.net", "--save", "false", "--otr", "require")
    assert code == 0
    assert "romeo@montague.net: save false, OTR require, expire never" in out
    assert run("method", "auto", never)[0] == 0
    on = ["--scope", "global"] if dialect == "urn" else []
    code, out, err = run("auto", "on", *on)
    assert code == 0
    assert "Automatic archiving: on" in out
    assert ("own connection only" in err) == (dialect == "seed")
    document = shown(run)
    assert document["default"] == {"save": "body", "otr": allow, "expire": 31536000, "unset": False}
    assert document["items"] == [
        {"jid": "romeo@montague.net", "save": "false", "otr": "require", "expire": None,
         "unset": False, "exactmatch": False}
    ]  # fmt: skip
    assert document["methods"]["auto"] == never  # type: ignore[index]
    # <auto/> is per stream: only urn's global scope outlives the command's connection
    assert document["auto"]["save"] is (dialect == "urn")  # type: ignore[index]
    code, out, _ = run("show", "--for", "romeo@montague.net/orchard")
    assert "For romeo@montague.net/orchard: nothing saved; always off the record." in out
    code, _, err = run("remove-item", "romeo@montague.net")
    if dialect == "seed":
        assert code == cli.EXIT_USAGE
        assert "cannot remove" in err
    else:
        assert code == 0
        assert shown(run)["items"] == []


def test_exactmatch_only_where_the_dialect_has_it(run: Run, dialect: str) -> None:
    allow = "allow" if dialect == "seed" else "concede"
    code, _, err = run("set-item", "montague.net", "--save", "body", "--otr", allow, "--exactmatch")
    if dialect == "seed":
        assert code == cli.EXIT_USAGE
        assert "Exact matching" in err
        assert shown(run)["items"] == []
    else:
        assert code == 0
        [item] = shown(run)["items"]  # type: ignore[misc]
        assert item["exactmatch"] is True


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["set-default", "--save", "body", "--otr", "require"], "nothing may be saved"),
        (["set-default", "--save", "stream", "--otr", "deny"], "does not exist on this server"),
        (["set-default", "--save", "body", "--otr", "allow", "--expire", "0.5"], "whole number"),
        (["set-item", "a@@b", "--save", "body", "--otr", "require"], "not an XMPP address"),
    ],
)
def test_refused_values_exit_2_with_the_reason_and_change_nothing(
    run: Run, args: list[str], says: str
) -> None:
    before = shown(run)
    code, out, err = run(*args)
    assert code == cli.EXIT_USAGE
    assert out == ""
    assert says in err
    assert len(err.strip().splitlines()) == 1
    assert shown(run) == before


def test_a_server_without_preferences(
    make_prosody: Callable[..., ProsodyServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = runner(make_prosody(pref=False), monkeypatch, capsys, "urn")
    code, out, err = run("show")
    assert code == cli.EXIT_SERVER
    assert out == ""
    assert "does not let clients read or change archiving preferences" in err
