"""The trash: ``trash list``, ``trash restore N…``, ``trash empty [N…]``, ``trash keep DAYS``.

Conversations removed from the server (here, or by another client: a sync
finds those and lists them "removed on the server") stay in the local copy's trash for
the period set with ``keep`` (30 days by default). ``list`` numbers them,
most recently removed first; ``restore`` puts the numbered ones (or
``--all``) back on the server by manual archiving, encrypted ones as they
were, and back in the local copy; ``empty`` deletes them for good.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from archiveviewer.cli import arguments
from archiveviewer.cli.base import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    has_jid,
    login_of,
    open_replica,
    workspace_of,
)
from archiveviewer.domain import CollectionId
from archiveviewer.errors import StoreError
from archiveviewer.ports.trash import RestoreSummary, TrashView
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.services.connection import Connection
from archiveviewer.services.login import Login, connect
from archiveviewer.services.trash import TrashCommands
from archiveviewer.services.worker import Worker
from archiveviewer.store import Replica

#: The commands this module adds to the command line.
COMMANDS = ("trash",)


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``trash list|restore|empty|keep`` to the command line."""
    group = add_command(commands, "trash", "conversations removed from the server, kept to undo")
    actions = group.add_subparsers(dest="trash_command", required=True, metavar="ACTION")
    add_command(actions, "list", "number what the trash holds (offline)", account)
    restore = add_command(actions, "restore", "put conversations back on the server", account)
    restore.add_argument(
        "numbers", metavar="N", type=arguments.list_number, nargs="*", help="as `trash list` shows"
    )
    restore.add_argument("--all", action="store_true", help="everything in the trash")
    empty = add_command(actions, "empty", "delete from the trash for good (offline)", account)
    empty.add_argument(
        "numbers", metavar="N", type=arguments.list_number, nargs="*", help="none: everything"
    )
    keep = add_command(actions, "keep", "how many days removed conversations are kept", account)
    keep.add_argument("days", metavar="DAYS", type=arguments.days)


def run(args: argparse.Namespace) -> int:
    """Run a ``trash`` action; return the exit code."""
    if not has_jid(args, usage=True):
        return EXIT_USAGE
    path = workspace_of(args).replica_path(args.jid)
    if not path.exists():
        raise StoreError(f"There is no local copy of {args.jid}'s archive yet: run “sync” first.")
    with open_replica(path) as replica:
        connection = Connection()
        trash = TrashCommands(replica, connection, args.context.worker)
        view = trash.read()
        if args.trash_command == "list":
            return _list(view)
        if args.trash_command == "keep":
            return _keep(replica, args.days)
        chosen = _chosen(view, args.numbers, everything=getattr(args, "all", False) or (
            args.trash_command == "empty" and not args.numbers))  # fmt: skip
        if chosen is None:
            return EXIT_USAGE
        if args.trash_command == "empty":
            gone = replica.empty_trash(chosen)
            print(f"trash: {gone} conversations deleted for good")
            return EXIT_OK
        summary = asyncio.run(_restore(login_of(args), replica, connection, args.context.worker,
                                       chosen))  # fmt: skip
        print(
            f"trash: {summary.restored} conversations restored on the server, "
            f"{summary.already_there} were there already"
        )
        return EXIT_OK


def _list(view: TrashView) -> int:
    if not view.rows:
        print(f"The trash is empty (removed conversations are kept {view.keep_days} days).")
        return EXIT_NOTHING_FOUND
    for number, row in enumerate(view.rows, 1):
        lock = ", encrypted" if row.encrypted else ""
        # Found removed by a sync (another client removed it), not removed here.
        where = " on the server" if row.removed_elsewhere else ""
        about = f"  “{row.subject or row.preview}”" if row.subject or row.preview else ""
        print(
            f"{number:>3}  {format_datetime(row.id.start)}  {row.id.with_jid}  "
            f"{row.messages} messages{lock}  removed{where} {format_datetime(row.removed_at)}, "
            f"kept until {format_datetime(row.expires)}{about}"
        )
    return EXIT_OK


def _keep(replica: Replica, days: int) -> int:
    if days < 1:
        print("archiveviewer: removed conversations are kept at least 1 day", file=sys.stderr)
        return EXIT_USAGE
    replica.set_trash_keep_days(days)
    print(f"trash: removed conversations are kept {days} days")
    return EXIT_OK


def _chosen(view: TrashView, numbers: list[int], *, everything: bool) -> list[CollectionId] | None:
    if everything:
        return [row.id for row in view.rows]
    if not numbers:
        print("archiveviewer: say which conversations (numbers from `trash list`, or --all)",
              file=sys.stderr)  # fmt: skip
        return None
    wrong = [n for n in numbers if not 1 <= n <= len(view.rows)]
    if wrong:
        print(f"archiveviewer: `trash list` shows no number {wrong[0]}", file=sys.stderr)
        return None
    return [view.rows[n - 1].id for n in dict.fromkeys(numbers)]


async def _restore(
    login: Login,
    replica: Replica,
    connection: Connection,
    worker: Worker,
    chosen: list[CollectionId],
) -> RestoreSummary:
    async with connect(login) as session:
        connection.network = session
        return await TrashCommands(replica, connection, worker).restore(chosen)
