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
    open_replica,
    workspace_of,
)
from archiveviewer.crypto import KeyStore
from archiveviewer.domain import Collection
from archiveviewer.errors import MalformedInput, StoreError
from archiveviewer.ports.restore import Change, RestorePreview
from archiveviewer.protocol.xep0082 import parse_datetime
from archiveviewer.services.account_data import read_account_data
from archiveviewer.services.connection import Connection
from archiveviewer.services.encrypted_upload import (
    UploadEncryption,
    encrypt_for_upload,
    for_own_keys,
)
from archiveviewer.services.files import (
    AccountData,
    ExportFormat,
    ExportProgress,
    ExportSelection,
    ReplicaSource,
    export_archive,
    open_archive_file,
    read_archive_file,
)
from archiveviewer.services.login import Login, connect
from archiveviewer.services.portable_restore import PortableRestore
from archiveviewer.services.private_xml import element_name
from archiveviewer.services.upload import UploadOutcome, upload
from archiveviewer.services.worker import Worker
from archiveviewer.services.workspace import Workspace

#: The commands this module adds to the command line.
COMMANDS = ("export", "import", "upload", "restore")


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
        "--from-server",
        action="store_true",
        help="xep0227: log in and export the roster, private XML and PEP nodes the server "
        "holds now (without it: the contact list saved in the local copy)",
    )
    export.add_argument(
        "--private",
        action="append",
        default=[],
        metavar="NAMESPACE",
        type=arguments.namespace,
        help="with --from-server: also export this private XML namespace (repeatable)",
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
    upload_.add_argument(
        "--encrypt",
        action="append",
        metavar="KEY",
        type=arguments.key_name,
        help="encrypt each plaintext conversation for this key of yours (`keys list`; "
        "repeat for more keys): AES-256-GCM, the data key wrapped with RSA-OAEP",
    )
    upload_.add_argument(
        "--subjects-in-clear",
        action="store_true",
        help="with --encrypt: upload subjects, which the server keeps unencrypted",
    )
    restore = add_command(
        commands, "restore", "restore bookmarks and private XML from a XEP-0227 export", account
    )
    restore.add_argument(
        "file", metavar="FILE", type=arguments.existing_file, help="XEP-0227 export"
    )
    restore.add_argument(
        "--dry-run", action="store_true", help="only list what would change; send nothing"
    )
    restore.add_argument(
        "--replace-private",
        action="store_true",
        help="also replace private XML that the server holds otherwise (kept by default)",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``export`` or ``import``; return the exit code."""
    if args.command == "import":
        return _import(args)
    if args.command == "upload":
        return _upload(args)
    if args.command == "restore":
        return _restore(args)
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
    account = None
    if args.from_server and args.format == ExportFormat.XEP0227.value:
        line.update("export: reading the roster, private XML and PEP nodes from the server")
        account = asyncio.run(_account_data(login_of(args), args.private))
    with open_replica(path) as replica:
        source = ReplicaSource(replica, selection, plaintext=args.format != "xep0136")
        outcome = export_archive(
            source, args.jid, ExportFormat(args.format), args.out,
            roster=workspace.load_roster(args.jid), account=account, progress=progress,
        )  # fmt: skip
    line.finish(
        f"export: wrote {outcome.conversations} conversations, {outcome.messages} messages "
        f"to {outcome.path}"
    )
    return EXIT_OK


async def _account_data(login: Login, namespaces: list[str]) -> AccountData:
    extra = [(element_name(ns), ns) for ns in namespaces]
    async with connect(login) as session:
        return await read_account_data(session, extra)


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
    encryption = None
    if args.encrypt:
        store = KeyStore(workspace_of(args).keys_dir)
        encryption = for_own_keys(store, args.encrypt, subjects_in_clear=args.subjects_in_clear)
    collections = read_archive_file(args.file)
    line = StatusLine(sys.stderr)
    worker = args.context.worker
    outcome = asyncio.run(_store_all(login_of(args), collections, line, encryption, worker))
    completed = f", {outcome.completed} completed" if outcome.completed else ""
    line.finish(
        f"upload: {outcome.stored} conversations stored{completed}, "
        f"{outcome.skipped} already on the server"
    )
    return EXIT_OK


async def _store_all(
    login: Login,
    collections: list[Collection],
    line: StatusLine,
    encryption: UploadEncryption | None,
    worker: Worker,
) -> UploadOutcome:
    async with connect(login) as session:
        if encryption is not None:
            # On the worker: the loop keeps answering the server's pings meanwhile.
            line.update(f"upload: encrypting {len(collections)} conversations")
            sealed = await encrypt_for_upload(
                encryption, session.archive, collections, worker,
                on_step=lambda done, total: line.update(f"upload: encrypted {done}/{total}"),
            )  # fmt: skip
            assert sealed is not None  # never asked to stop: Ctrl+C cancels between them
            collections = sealed
        return await upload(
            session.archive, collections,
            on_step=lambda done, total: line.update(f"upload: {done}/{total} conversations"),
        )  # fmt: skip


#: How ``restore`` words each change (dry run, done).
_CHANGES = {
    Change.ADD: ("would be added", "added"),
    Change.UPDATE: ("would be merged with the server's", "merged with the server's"),
    Change.UNCHANGED: ("already on the server", "already on the server"),
    Change.DIFFERS: ("differs on the server: kept (--replace-private replaces it)", "kept"),
    Change.REFUSED: ("cannot be restored", "not restored"),
}


def _restore(args: argparse.Namespace) -> int:
    if not has_jid(args, usage=True):
        return EXIT_USAGE
    if not args.file.is_file():
        print(f"archiveviewer: there is no file {args.file}", file=sys.stderr)
        return EXIT_USAGE
    return asyncio.run(_restore_on(login_of(args), args))


async def _restore_on(login: Login, args: argparse.Namespace) -> int:
    connection = Connection()
    async with connect(login) as session:
        connection.network = session
        restorer = PortableRestore(lambda: connection, args.context.worker)
        preview = await restorer.preview(args.file)
        _print_preview(preview, args.replace_private, dry_run=args.dry_run)
        if args.dry_run:
            return EXIT_OK
        done = await restorer.restore(preview, replace_private=args.replace_private)
    print(
        f"restore: {done.bookmarks_added} bookmarks added, {done.bookmarks_updated} merged, "
        f"{done.private_stored} private XML namespaces stored"
    )
    return EXIT_OK


def _print_preview(preview: RestorePreview, replace_private: bool, *, dry_run: bool) -> None:
    if not preview.items:
        print(f"restore: {preview.file.name} holds no bookmarks and no private XML")
    for item in preview.items:
        wording = _CHANGES[item.change][0 if dry_run else 1]
        if item.change is Change.DIFFERS and replace_private:
            wording = "differs on the server: would be replaced" if dry_run else "replaced"
        detail = f" ({item.detail})" if item.detail and item.change is Change.REFUSED else ""
        print(f"{item.kind:<9} {item.name}  {wording}{detail}")
