"""Every command and sub-command fed nonsense: exit 2 and one line, never a traceback.

The cases are generated from the parser tree itself, so a command added
later is covered without touching this file: each of its arguments is fed
the nonsense of its kind, which the argument's ``type=`` (a checker from
``archiveviewer/cli/arguments.py``) or ``choices`` says. An argument that
takes a value but has neither fails :func:`test_every_argument_is_checked`:
give it a checker (and, if it is a new kind, a row in :data:`NONSENSE`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.cli import arguments
from archiveviewer.cli.base import build_parser
from archiveviewer.services.passwords import PASSWORD_VARIABLE
from tests.helpers import MemoryKeyring

Checker = Callable[[str], object]
#: Stand-ins replaced by real paths in the test's temporary folder.
MISSING, FOLDER, A_FILE, NOT_PEM, IN_NO_FOLDER, A_PIPE = (
    "<missing>", "<folder>", "<file>", "<not-pem>", "<in-no-folder>", "<pipe>"
)  # fmt: skip
LONG_NAME = "x" * 300

#: The nonsense of each kind of argument, by its checker.
NONSENSE: dict[Checker, list[str]] = {
    arguments.jid: ["not a jid", "montague.net", "@montague.net", LONG_NAME + "@montague.net", ""],
    arguments.contact: ["a@b@c", "juliet@", "", "x" * 1100 + "@capulet.lit"],
    arguments.port: ["0", "99999", "-1", "1" + "0" * 30, "http", ""],
    arguments.limit: ["0", "-5", "100000000000000000000", "many", ""],
    arguments.time: ["2026-02-30T00:00:00Z", "99999-01-01T00:00:00Z", "yesterday", ""],
    arguments.ca_certificate: [MISSING, FOLDER, NOT_PEM, ""],
    arguments.data_dir: [A_FILE, ""],
    arguments.existing_file: [MISSING, FOLDER, ""],
    arguments.output_file: [FOLDER, IN_NO_FOLDER, A_PIPE, ""],
    arguments.query: ["", " ", "x" * 2000, "a " * 100],
    arguments.host: ["", "two words", "x" * 300, "romeo@montague.net"],
    arguments.key_name: ["", " ", LONG_NAME, "two\nlines"],
    arguments.label: ["", LONG_NAME, "two\nlines"],
    arguments.namespace: ["", "two words", "x" * 2000, "jabber:iq:roster"],
    arguments.element_name: ["", "two words", "<x>", LONG_NAME],
    arguments.room_or_url: ["", "not a room", "room@conference.lit/nick", "ftp://x.lit"],
    arguments.variable: ["", "TWO WORDS", "9LIVES", LONG_NAME],
    arguments.expiry: ["-1", "forever", "1" + "0" * 30, "5x", ""],
    arguments.list_number: ["0", "-1", "one", "1" + "0" * 50, ""],
    arguments.days: ["0", "-30", "36501", "a month", ""],
    arguments.minutes: ["0", "-5", "10081", "half an hour", ""],
}
NONSENSE_CHOICE = "nonsense-choice"

#: A sensible value of each kind, to fill the other required arguments.
SENSIBLE: dict[Checker, str] = {
    arguments.jid: "romeo@montague.lit",
    arguments.contact: "juliet@capulet.lit",
    arguments.port: "5222",
    arguments.limit: "5",
    arguments.time: "2026-11-30T10:00:00Z",
    arguments.existing_file: A_FILE,
    arguments.output_file: "<out>",
    arguments.query: "romeo",
    arguments.host: "127.0.0.1",
    arguments.key_name: "work",
    arguments.label: "Balcony",
    arguments.namespace: "urn:example:notes",
    arguments.element_name: "notes",
    arguments.room_or_url: "balcony@conference.capulet.lit",
    arguments.variable: "ROOM_PASSWORD",
    arguments.expiry: "never",
    arguments.list_number: "1",
    arguments.days: "30",
    arguments.minutes: "30",
}


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
    tuple[tuple[str, ...], argparse.ArgumentParser]
]:  # fmt: skip
    """Every leaf command of the tree, with the words that name it."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))
            return
    yield path, parser


def takes_value(action: argparse.Action) -> bool:
    return not isinstance(action, argparse._SubParsersAction) and action.nargs != 0


def values_of(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if takes_value(a) and a.dest != "help"]


TREE = list(commands(build_parser([importlib.import_module(m) for m in cli.GROUP_MODULES])))


def cases() -> Iterator[object]:
    for path, parser in TREE:
        for action in values_of(parser):
            name = action.option_strings[0] if action.option_strings else action.metavar
            known = NONSENSE.get(action.type, [])  # type: ignore[arg-type]
            nonsense = [NONSENSE_CHOICE] if action.choices else known
            for n, value in enumerate(nonsense):
                yield pytest.param(path, action.dest, value, id=f"{' '.join(path)} {name} {n}")
        positionals = [a for a in values_of(parser) if not a.option_strings]
        if positionals:
            yield pytest.param(path, positionals[0].dest, "-word", id=f"{' '.join(path)} -word")


def sensible(action: argparse.Action) -> str:
    if action.choices:
        return str(next(iter(action.choices)))
    return SENSIBLE[action.type]  # type: ignore[index]


def closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])  # closed again when the probe is


@pytest.fixture
def folder(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Path:
    for variable in ("ARCHIVEVIEWER_JID", "ARCHIVEVIEWER_KEY_PASSPHRASE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret")
    (tmp_path / "a-file.txt").write_text("<notes xmlns='urn:example:notes'/>\n")
    (tmp_path / "not.pem").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (tmp_path / "a-folder").mkdir()
    os.mkfifo(tmp_path / "a-pipe")
    return tmp_path


def real(value: str, folder: Path) -> str:
    return {
        MISSING: str(folder / "no-such-file"),
        FOLDER: str(folder / "a-folder"),
        A_FILE: str(folder / "a-file.txt"),
        NOT_PEM: str(folder / "not.pem"),
        IN_NO_FOLDER: str(folder / "no-such-folder" / "out.txt"),
        A_PIPE: str(folder / "a-pipe"),
        "<out>": str(folder / "out.txt"),
    }.get(value, value)


def command_line(path: tuple[str, ...], folder: Path, dest: str | None, value: str) -> list[str]:
    """``path`` with every required argument sensible (and a server that is not there),
    and ``dest`` given ``value``."""
    parser = dict(TREE)[path]
    argv = list(path)
    options = {a.dest: a for a in values_of(parser) if a.option_strings}
    given = {"jid": "romeo@montague.lit", "host": "127.0.0.1", "port": closed_port()}
    given["data_dir"] = str(folder / "data")
    for key, text in given.items():
        if key in options and key != dest:
            argv += [options[key].option_strings[0], text]
    for action in values_of(parser):
        if action.option_strings and action.dest != dest and not action.required:
            continue
        if action.dest in given and action.dest != dest:
            continue
        text = value if action.dest == dest else sensible(action)
        if action.option_strings:
            argv += [action.option_strings[0], real(text, folder)]
        else:
            argv += ["--", real(text, folder)] if text.startswith("-") and text != "-word" else [
                real(text, folder)
            ]  # fmt: skip
    return argv


def test_every_argument_is_checked() -> None:
    unchecked = [
        f"{' '.join(path)} {a.option_strings[0] if a.option_strings else a.metavar}"
        for path, parser in TREE
        for a in values_of(parser)
        if not a.choices and a.type not in NONSENSE
    ]
    assert unchecked == [], "give these a checker from cli/arguments.py"


@pytest.mark.parametrize(("path", "dest", "value"), list(cases()))
def test_nonsense_exits_2_with_one_line_and_no_traceback(
    path: tuple[str, ...],
    dest: str,
    value: str,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = command_line(path, folder, dest, value)
    code = cli.main(argv)
    captured = capsys.readouterr()
    assert code == cli.EXIT_USAGE, (argv, captured.err)
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    # Named as every command names itself: "archiveviewer prefs mam always: …" (argparse
    # itself reports words left over after a command from the root: "archiveviewer: …").
    leftover = lines[0].startswith("archiveviewer: unrecognized arguments:")
    assert lines[0].startswith(f"archiveviewer {path[0]}") or leftover, lines[0]
    assert "Traceback" not in captured.err
    assert not (folder / "data").exists() or not os.listdir(folder / "data")


@pytest.mark.parametrize("path", [p for p, _ in TREE], ids=[" ".join(p) for p, _ in TREE])
def test_sensible_arguments_are_not_a_usage_error(
    path: tuple[str, ...], folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # So that each nonsense case above is refused for its nonsense, not for the rest.
    argv = command_line(path, folder, None, "")
    code = cli.main(argv)
    captured = capsys.readouterr()
    assert code != cli.EXIT_USAGE, (argv, captured.err)
    assert "Traceback" not in captured.err
