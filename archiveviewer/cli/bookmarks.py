"""The bookmark commands: ``bookmarks list|add|edit|remove|align|export|import``.

Each logs in like ``sync``, works on every home the server offers (through
:class:`~archiveviewer.services.bookmarks.BookmarkCommands`) and logs out.
A room's password is never taken from the command line (where other users
could read it): ``--password-variable NAME`` names an environment variable.
Input the server must not get (a bad room JID or URL, a blank name) is
refused with one line and exit code 2 before anything is sent.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TypeVar

from archiveviewer.cli import arguments
from archiveviewer.cli.base import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    has_jid,
    login_of,
)
from archiveviewer.domain import Bookmark, BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.ports.bookmarks import BookmarkRow, BookmarkView, EditConflict
from archiveviewer.protocol.bookmark_rules import check_for_homes
from archiveviewer.protocol.bookmarks import InvalidBookmark, key_of
from archiveviewer.services.bookmarks import BookmarkCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.login import connect

#: The commands this module adds to the command line.
COMMANDS = ("bookmarks",)

HOMES = {"native": BookmarkHome.NATIVE, "pep": BookmarkHome.PEP, "private": BookmarkHome.PRIVATE}
T = TypeVar("T")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``bookmarks`` and its actions to the command line."""
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--home",
        action="append",
        choices=sorted(HOMES),
        help="where new bookmarks go (repeatable; default: XEP-0402, plus private "
        "storage unless the server keeps the homes in step)",
    )
    group = add_command(commands, "bookmarks", "the account's bookmarks, in every home")
    actions = group.add_subparsers(dest="bookmarks_command", required=True, metavar="ACTION")
    add_command(actions, "list", "print every bookmark and where it lives", account)
    for name, summary in (("add", "add a bookmark"), ("edit", "change a bookmark")):
        action = add_command(actions, name, summary, account, where)
        action.add_argument(
            "key",
            metavar="ROOM_OR_URL",
            type=arguments.room_or_url,
            help="room@service, or a web address",
        )
        action.add_argument("--name", type=arguments.label, help="the name shown for it")
        action.add_argument("--nick", type=arguments.label, help="your nickname in the room")
        action.add_argument(
            "--autojoin", action=argparse.BooleanOptionalAction, help="join it on login"
        )
        action.add_argument(
            "--password-variable",
            metavar="VAR",
            type=arguments.variable,
            help="take the room's password from $VAR",
        )
    remove = add_command(actions, "remove", "remove a bookmark from every home", account)
    remove.add_argument("key", metavar="ROOM_OR_URL", type=arguments.room_or_url)
    align = add_command(actions, "align", "make every home hold what one home holds", account)
    align.add_argument("key", metavar="ROOM_OR_URL", type=arguments.room_or_url)
    align.add_argument("--from", dest="source", required=True, choices=sorted(HOMES))
    export = add_command(actions, "export", "write the bookmarks as XEP-0048 XML", account)
    export.add_argument(
        "file", metavar="FILE", type=arguments.output_file, nargs="?", help="default: stdout"
    )
    imported = add_command(actions, "import", "merge a XEP-0048 file by room JID", account, where)
    imported.add_argument("file", metavar="FILE", type=arguments.existing_file)


def run(args: argparse.Namespace) -> int:
    """Run ``bookmarks ACTION``; return the exit code."""
    if not has_jid(args, usage=True):
        return EXIT_USAGE
    try:
        return _ACTIONS[args.bookmarks_command](args)
    except InvalidBookmark as refused:
        print(f"archiveviewer: {refused.user_message}", file=sys.stderr)
        return EXIT_USAGE


def _with_editor(args: argparse.Namespace, work: Callable[[BookmarkCommands], Awaitable[T]]) -> T:
    async def session() -> T:
        connection = Connection()
        async with connect(login_of(args)) as network:
            connection.network = network
            editor = BookmarkCommands(connection)
            homes = getattr(args, "home", None)
            editor.set_new_homes(frozenset(HOMES[h] for h in homes) if homes else None)
            try:
                return await work(editor)
            finally:
                editor.close()

    return asyncio.run(session())


def _list(args: argparse.Namespace) -> int:
    view = _with_editor(args, lambda editor: editor.load())
    print(f"# homes offered: {view.offered_label}; new bookmarks go to {view.new_homes_label}")
    for row in view.rows:
        print(format_row(row))
    return EXIT_OK if view.rows else EXIT_NOTHING_FOUND


def format_row(row: BookmarkRow) -> str:
    """One bookmark as a line: key, name, flags, homes, and where homes disagree."""
    bookmark = row.bookmark
    flags = []
    if isinstance(bookmark, Conference):
        flags += ["autojoin"] if bookmark.autojoin else []
        flags += [f"nick={bookmark.nick}"] if bookmark.nick else []
        flags += ["password"] if bookmark.password else []
    flags += ["extensions"] if row.extensions else []
    line = f"{row.key}\t{bookmark.name or ''}\t{' '.join(flags)}\t[{row.homes}]"
    return line + (f"\tdiffers: {'; '.join(row.differences)}" if row.differences else "")


def _edited(args: argparse.Namespace, old: Bookmark | None) -> Bookmark:
    base = old or _blank(args.key)
    if args.name is not None:
        base = replace(base, name=args.name)
    if isinstance(base, Conference):
        if args.nick is not None:
            base = replace(base, nick=args.nick or None)
        if args.autojoin is not None:
            base = replace(base, autojoin=args.autojoin)
        if args.password_variable:
            base = replace(base, password=os.environ.get(args.password_variable) or None)
    return base


def _save(args: argparse.Namespace) -> int:
    adding = args.bookmarks_command == "add"
    check_for_homes(_edited(args, None), ())  # a bad address is refused before logging in

    async def work(editor: BookmarkCommands) -> BookmarkView:
        view = await editor.load()
        row = next((r for r in view.rows if r.key == _key(args.key)), None)
        if row is None and not adding:
            raise KnownError(f"There is no bookmark “{args.key}”.")
        bookmark = _edited(args, None if row is None else row.bookmark)
        editor.check(bookmark)
        return await editor.save(bookmark, None if row is None else row.entry)

    try:
        _with_editor(args, work)
    except EditConflict as conflict:
        print(f"archiveviewer: {conflict.user_message} Use “edit” to change it.", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _key(text: str) -> str:
    return key_of(_blank(text))


def _blank(text: str) -> Bookmark:
    """An empty bookmark for ``text``: a URL when it has a scheme, else a room."""
    text = text.strip()
    return UrlBookmark(url=text) if ":" in text else Conference(jid=text)


def _remove(args: argparse.Namespace) -> int:
    _with_editor(args, lambda editor: editor.remove(_key(args.key)))
    return EXIT_OK


def _align(args: argparse.Namespace) -> int:
    view = _with_editor(args, lambda editor: editor.align(_key(args.key), HOMES[args.source]))
    row = next((r for r in view.rows if r.key == _key(args.key)), None)
    print(format_row(row) if row else f"{_key(args.key)}\tremoved from every home")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    text = _with_editor(args, lambda editor: editor.export_xml())
    if args.file is None:
        sys.stdout.write(text)
    else:
        args.file.write_text(text, encoding="utf-8")
        args.file.chmod(0o600)  # it may hold room passwords
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MalformedInput(f"Could not read {args.file}: {exc}.") from None
    outcome = _with_editor(args, lambda editor: editor.import_xml(text))
    print(
        f"bookmarks: {outcome.added} added, {outcome.updated} updated, "
        f"{outcome.unchanged} already there"
    )
    return EXIT_OK


_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _list,
    "add": _save,
    "edit": _save,
    "remove": _remove,
    "align": _align,
    "export": _export,
    "import": _import,
}
