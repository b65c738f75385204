"""Archive files: ``export`` the local copy to a file, ``import`` a file to browse it (offline)."""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from datetime import datetime

from archiveviewer.cli import arguments
from archiveviewer.cli.base import (
    EXIT_OK,
    EXIT_USAGE,
    StatusLine,
    add_command,
    has_jid,
    login_of,
    workspace_of,
)
from archiveviewer.domain import Collection
from archiveviewer.errors import MalformedInput, StoreError
from archiveviewer.protocol.xep0082 import parse_datetime
from archiveviewer.services.files import (
    ExportFormat,
    ExportProgress,
    ExportSelection,
    ReplicaSource,
    export_archive,
    open_archive_file,
    read_archive_file,
)
from archiveviewer.services.login import Login, connect
from archiveviewer.services.upload import UploadOutcome, upload
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica

#: The commands this module adds to the command line.
COMMANDS = ("export", "import", "upload")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``export`` and ``import`` to the command line."""
    export = add_command(commands, "export", "write the local copy to a file (offline)", account)
    export.add_argument(
        "--format",
        required=True,
        choices=[f.value for f in ExportFormat],
        help="text, html (one page for a browser), xep0136 (the archive file), "
        "xep0227 (portable export of the account)",
    )
    export.add_argument(
        "--with",
        dest="contact",
        type=arguments.contact,
        help="only conversations with this bare JID",
    )
    export.add_argument(
        "--since", type=arguments.time, help="only conversations starting at or after this time"
    )
    export.add_argument(
        "--until", type=arguments.time, help="only conversations starting before this time"
    )
    export.add_argument(
        "out", metavar="OUT", type=arguments.output_file, help="the file to write (mode 0600)"
    )
    imported = add_command(
        commands, "import", "read an archive file into a local copy to search and show", account
    )
    imported.add_argument(
        "file",
        metavar="FILE",
        type=arguments.existing_file,
        help="XEP-0136 file or XEP-0227 export",
    )
    upload_ = add_command(
        commands, "upload", "store a file's conversations on the server (manual archiving)", account
    )
    upload_.add_argument(
        "file",
        metavar="FILE",
        type=arguments.existing_file,
        help="XEP-0136 file or XEP-0227 export",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``export`` or ``import``; return the exit code."""
    if args.command == "import":
        return _import(args)
    if args.command == "upload":
        return _upload(args)
    if not has_jid(args, usage=True):
        return EXIT_USAGE
    selection = _selection(args)
    if selection is None:
        return EXIT_USAGE
    if not args.out.parent.is_dir():
        print(f"archiveviewer: there is no folder {args.out.parent}", file=sys.stderr)
        return EXIT_USAGE
    workspace = workspace_of(args)
    path = workspace.replica_path(args.jid)
    if not path.exists():
        raise StoreError(f"There is no local copy of {args.jid}'s archive yet: run “sync” first.")
    line = StatusLine(sys.stderr)
    progress = ExportProgress(
        lambda done, total: line.update(f"export: {done}/{total} conversations")
    )
    with Replica(path) as replica:
        source = ReplicaSource(replica, selection, plaintext=args.format != "xep0136")
        outcome = export_archive(
            source, args.jid, ExportFormat(args.format), args.out,
            roster=workspace.load_roster(args.jid), progress=progress,
        )  # fmt: skip
    line.finish(
        f"export: wrote {outcome.conversations} conversations, {outcome.messages} messages "
        f"to {outcome.path}"
    )
    return EXIT_OK


def _selection(args: argparse.Namespace) -> ExportSelection | None:
    times: list[datetime | None] = []
    for text in (args.since, args.until):
        try:
            times.append(None if text is None else parse_datetime(text))
        except MalformedInput:
            print(
                f"archiveviewer: “{text}” is not a time like 2008-07-18T21:00:00Z", file=sys.stderr
            )
            return None
    return ExportSelection(args.contact, times[0], times[1])


def _import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"archiveviewer: there is no file {args.file}", file=sys.stderr)
        return EXIT_USAGE
    imports = Workspace(workspace_of(args).data_dir / "imports")
    # An XEP-0136 file does not name its owner: the copy is named after the file.
    name = args.jid or "archive@" + (re.sub(r"[^a-z0-9.-]+", "-", args.file.stem.lower()) or "file")
    target = imports.replica_path(name)
    target.unlink(missing_ok=True)  # a fresh copy of the file each time
    opened = open_archive_file(args.file, target)
    if opened.owner and not args.jid:
        final = imports.replica_path(opened.owner)
        target.replace(final)
        name, target = opened.owner, final
        imports.save_roster(name, opened.roster)
    print(
        f"import: {opened.conversations} conversations from {args.file.name}; search them with:\n"
        f"  archiveviewer search --data-dir {imports.data_dir} --jid {name} QUERY"
    )
    return EXIT_OK


def _upload(args: argparse.Namespace) -> int:
    if not has_jid(args, usage=True):
        return EXIT_USAGE
    if not args.file.is_file():
        print(f"archiveviewer: there is no file {args.file}", file=sys.stderr)
        return EXIT_USAGE
    collections = read_archive_file(args.file)
    line = StatusLine(sys.stderr)
    outcome = asyncio.run(_store_all(login_of(args), collections, line))
    line.finish(
        f"upload: {outcome.stored} conversations stored, {outcome.skipped} already on the server"
    )
    return EXIT_OK


async def _store_all(
    login: Login, collections: list[Collection], line: StatusLine
) -> UploadOutcome:
    async with connect(login) as session:
        return await upload(
            session.archive, collections,
            on_step=lambda done, total: line.update(f"upload: {done}/{total} conversations"),
        )  # fmt: skip
