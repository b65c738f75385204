"""The private XML commands: ``private get NS`` and ``private set NS FILE`` (XEP-0049).

``get`` prints the namespace's stored XML, indented (exit 1 when nothing is
stored); ``set`` checks the file (well-formed, one element, in namespace NS,
not a reserved ``jabber:…`` one) and replaces what NS held. Refused input is
one line and exit code 2, before anything is sent.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
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
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.bookmarks import InvalidBookmark
from archiveviewer.protocol.private_xml import InvalidPrivateXml
from archiveviewer.protocol.untrusted_xml import namespace_of, parse_untrusted
from archiveviewer.services.connection import Connection
from archiveviewer.services.login import connect
from archiveviewer.services.private_xml import PrivateXmlCommands

#: The commands this module adds to the command line.
COMMANDS = ("private",)
T = TypeVar("T")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``private get`` and ``private set`` to the command line."""
    group = add_command(commands, "private", "the account's private XML storage (XEP-0049)")
    actions = group.add_subparsers(dest="private_command", required=True, metavar="ACTION")
    get = add_command(actions, "get", "print what a namespace holds", account)
    get.add_argument(
        "namespace", metavar="NS", type=arguments.namespace, help="e.g. storage:bookmarks"
    )
    get.add_argument(
        "--element",
        metavar="NAME",
        type=arguments.element_name,
        help="the element's name (default: storage for "
        "storage:bookmarks, else query; servers store by name and namespace)",
    )
    put = add_command(actions, "set", "replace what a namespace holds with a file", account)
    put.add_argument("namespace", metavar="NS", type=arguments.namespace)
    put.add_argument(
        "file", metavar="FILE", type=arguments.existing_file, help="one XML element in namespace NS"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``private get`` or ``private set``; return the exit code."""
    if not has_jid(args, usage=True):
        return EXIT_USAGE
    editor = PrivateXmlCommands(Connection())
    try:
        editor.check_namespace(args.namespace)
        if args.private_command == "get":
            text: str = _with_editor(args, lambda e: e.read(args.namespace, args.element))
            if not text:
                return EXIT_NOTHING_FOUND
            print(text)
            return EXIT_OK
        text = _checked_file(args, editor)
        _with_editor(args, lambda e: e.save(text))
    except (InvalidPrivateXml, InvalidBookmark) as refused:
        print(f"archiveviewer: {refused.user_message}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _checked_file(args: argparse.Namespace, editor: PrivateXmlCommands) -> str:
    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidPrivateXml(f"Could not read {args.file}: {exc}.") from None
    try:
        editor.check(text)
    except MalformedInput as bad:
        raise InvalidPrivateXml(bad.user_message) from None
    found = namespace_of(parse_untrusted(text))
    if found != args.namespace.strip():
        raise InvalidPrivateXml(
            f"The file's element is in the namespace “{found}”, not “{args.namespace}”."
        )
    return text


def _with_editor(args: argparse.Namespace, work: Callable[[PrivateXmlCommands], Awaitable[T]]) -> T:
    async def session() -> T:
        connection = Connection()
        async with connect(login_of(args)) as network:
            connection.network = network
            return await work(PrivateXmlCommands(connection))

    return asyncio.run(session())
