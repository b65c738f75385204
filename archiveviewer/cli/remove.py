"""Removing one conversation from the server: ``remove WITH START [--dry-run]``.

The conversation is named as ``search`` prints it and ``show`` takes it (a
bare JID finds any of its resources; several candidates are listed and none
is removed). It must be in the local copy, which keeps it in the trash
afterwards: ``trash restore`` puts it back. ``--dry-run`` says what would be
removed and connects to nothing. A conversation grouped from the server's
message archive (MAM) cannot be removed, and is refused before connecting.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime

from archiveviewer.cli import arguments
from archiveviewer.cli.base import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_SERVER,
    EXIT_USAGE,
    add_command,
    conversations_at,
    existing_replica,
    has_jid,
    login_of,
    workspace_of,
)
from archiveviewer.crypto import KeyStore
from archiveviewer.domain import CollectionId
from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime
from archiveviewer.services.archive import AccountCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.history import limits_of
from archiveviewer.services.login import Login, connect
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica
from archiveviewer.sync.ports import ArchiveAction

#: The commands this module adds to the command line.
COMMANDS = ("remove",)


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``remove WITH START [--dry-run]`` to the command line."""
    remove = add_command(
        commands, "remove", "remove one conversation from the server (it waits in the trash)",
        account,
    )  # fmt: skip
    remove.add_argument(
        "with_jid",
        metavar="WITH",
        type=arguments.contact,
        help="the contact's JID, as search prints it (a bare JID finds any of its resources)",
    )
    remove.add_argument(
        "start", metavar="START", type=arguments.time, help="the start time, as search prints it"
    )
    remove.add_argument(
        "--dry-run", action="store_true", help="say what would be removed, and remove nothing"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``remove``; return the exit code."""
    if not has_jid(args, usage=True):
        return EXIT_USAGE
    try:
        start = parse_datetime(args.start)
    except MalformedInput:
        print(f"archiveviewer: “{args.start}” is not a time like 2008-07-18T21:00:00Z",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    workspace = workspace_of(args)
    with existing_replica(workspace.replica_path(args.jid), args.jid) as replica:
        chosen = _one_conversation(replica, args.with_jid, start, args.start)
        if not isinstance(chosen, CollectionId):
            return chosen
        refused = limits_of(replica, [chosen]).get(ArchiveAction.REMOVE.value)
        if refused:
            print(f"archiveviewer: {refused}", file=sys.stderr)
            return EXIT_SERVER
        summary = replica.summary(chosen)
        count = 0 if summary is None else summary.message_count
        messages = f"{count} message" if count == 1 else f"{count} messages"
        named = f"the conversation with {chosen.with_jid} started {format_datetime(chosen.start)}"
        days = replica.trash_keep_days()
        if args.dry_run:
            print(f"remove: would remove {named} ({messages}) from the server; "
                  f"it would wait in the trash for {days} days")  # fmt: skip
            return EXIT_OK
        keys = KeyStore(workspace.keys_dir)
        told = asyncio.run(_remove(login_of(args), replica, keys, args.context.worker, chosen))
    print(f"remove: {named} ({messages}) was removed from the server; it waits in "
          f"the trash for {days} days (`trash list`, `trash restore`)")  # fmt: skip
    if told:
        print(f"remove: {told}")
    return EXIT_OK


def _one_conversation(
    replica: Replica, with_jid: str, start_at: datetime, start_text: str
) -> CollectionId | int:
    """The one stored conversation meant, or the exit code after saying why there is none."""
    candidates = conversations_at(replica, with_jid, start_at)
    if len(candidates) > 1:
        print(f"archiveviewer: several conversations with {with_jid} start {start_text}; "
              "name one (nothing was removed):", file=sys.stderr)  # fmt: skip
        for candidate in candidates:
            print(f"  {candidate.with_jid} {format_datetime(candidate.start)}", file=sys.stderr)
        return EXIT_USAGE
    if not candidates or replica.collection(candidates[0]) is None:
        print(f"archiveviewer: no conversation with {with_jid} starting {start_text} in the "
              "local copy (run “sync” first if it is new)", file=sys.stderr)  # fmt: skip
        return EXIT_NOTHING_FOUND
    return candidates[0]


async def _remove(
    login: Login, replica: Replica, keys: KeyStore, worker: Worker, chosen: CollectionId
) -> str | None:
    async with connect(login) as session:
        connection = Connection()
        connection.network = session
        return await AccountCommands(replica, keys, connection, worker).remove_collections(
            [chosen]
        )
