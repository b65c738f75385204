"""Headless commands: sync the local copy of the archive, search it, show a conversation.

`search` and `show` work offline, from the local copy that `sync` keeps.
The password is read from the ARCHIVEVIEWER_PASSWORD environment variable
or, when it is not set, from the system keyring (service "archiveviewer",
user name the account's JID).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import importlib
import os
import sys
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from archiveviewer import __version__
from archiveviewer.domain import Collection, CollectionId, Direction, Message, Note
from archiveviewer.errors import CryptoError, KnownError, MalformedInput, ServerError, StoreError
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime
from archiveviewer.store import HIGHLIGHT_END, HIGHLIGHT_START, Replica, SearchFilter, SearchHit
from archiveviewer.sync import (
    ArchiveSource,
    CollectionHeader,
    ListPage,
    ModifiedPage,
    Progress,
    Replicator,
    SyncResult,
)

if TYPE_CHECKING:
    from archiveviewer.xmpp.xep_0136 import XEP_0136

#: Command groups that live in modules of their own (``archiveviewer/cli/<group>.py``).
#: Each module has ``COMMANDS`` (the names it adds), ``add_commands(commands, account)``
#: (its sub-parsers; ``account`` holds --jid/--host/--port/--ca-cert/--data-dir) and
#: ``run(args) -> int`` (its exit code). A new group is one line here.
GROUP_MODULES = ("archiveviewer.cli.keys",)

#: The headless commands; ``python -m archiveviewer`` sends these to :func:`main`.
COMMANDS = ("sync", "search", "show", "keys", "rekey")

EXIT_OK = 0
EXIT_NOTHING_FOUND = 1
EXIT_USAGE = 2
EXIT_CONNECTION = 3
EXIT_SERVER = 4
EXIT_STORE = 5
EXIT_KEYS = 6
EXIT_INTERRUPTED = 130

_EXIT_CODES = f"""\
exit codes:
  {EXIT_OK}    done
  {EXIT_NOTHING_FOUND}    search found nothing, show found no such conversation, keys list no key
  {EXIT_USAGE}    wrong command line
  {EXIT_CONNECTION}    no password, login refused, or the server could not be reached
  {EXIT_SERVER}    the server answered with an error or with data that does not parse
  {EXIT_STORE}    the local copy could not be read or written (or does not exist yet)
  {EXIT_KEYS}    no such key, a wrong or missing passphrase, or a key that opens nothing
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C); a sync or a rekey resumes where it stopped
"""

PASSWORD_VARIABLE = "ARCHIVEVIEWER_PASSWORD"  # noqa: S105  (a variable name, not a password)
KEYRING_SERVICE = "archiveviewer"


# --- where things are ------------------------------------------------------------


def default_data_dir() -> Path:
    """The platform's user data folder for archiveviewer."""
    import platformdirs

    return Path(platformdirs.user_data_dir("archiveviewer"))


def replica_file_name(jid: str) -> str:
    """A safe file name for an account's replica: its bare JID, lower-cased, %-escaped."""
    bare = jid.split("/", 1)[0].lower()
    return quote(bare, safe="@.-_") + ".sqlite3"


def replica_path(data_dir: Path, jid: str) -> Path:
    """Where the replica of account ``jid`` lives under ``data_dir``."""
    return data_dir / replica_file_name(jid)


class NoPassword(KnownError):
    """No password was found in the environment or the keyring."""


def read_password(jid: str) -> str:
    """The account's password: the environment variable first, then the keyring.

    The keyring entry is service ``archiveviewer``, user name ``jid`` (or its
    bare JID when ``jid`` has a resource).
    """
    from_env = os.environ.get(PASSWORD_VARIABLE)
    if from_env:
        return from_env
    import keyring
    import keyring.errors

    # The window saves it under the JID as typed; a resource given here is not part of it.
    names = dict.fromkeys([jid, jid.split("/", 1)[0]])
    try:
        stored = next(filter(None, (keyring.get_password(KEYRING_SERVICE, n) for n in names)), None)
    except keyring.errors.KeyringError as exc:
        raise NoPassword(
            f"No password for {jid}: {PASSWORD_VARIABLE} is not set and the system keyring "
            f"cannot be read ({exc})."
        ) from exc
    if not stored:
        raise NoPassword(
            f"No password for {jid}: set {PASSWORD_VARIABLE} or store it in the system "
            f"keyring (service “{KEYRING_SERVICE}”, user name “{jid}”)."
        )
    return stored


# --- the command line's grammar ---------------------------------------------------------


def add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    *parents: argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    """A headless command's sub-parser, with the exit codes in its --help."""
    return commands.add_parser(
        name,
        parents=list(parents),
        help=summary,
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    """The command line's grammar: one sub-parser per headless command."""
    parser = argparse.ArgumentParser(
        prog="archiveviewer",
        description=__doc__,
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"archiveviewer {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    account = _account_options()
    add_command(commands, "sync", "bring the local copy up to date with the server", account)
    search = add_command(commands, "search", "search the local copy (offline)", account)
    search.add_argument("query", metavar="QUERY", help='words, "phrases", prefix*, OR, -word')
    search.add_argument("--with", dest="contact", help="only conversations with this JID")
    search.add_argument("--limit", type=int, default=50, help="most hits to print (50)")
    show = add_command(
        commands, "show", "print one conversation from the local copy (offline)", account
    )
    show.add_argument("with_jid", metavar="WITH", help="the contact's JID, as search prints it")
    show.add_argument("start", metavar="START", help="the start time, as search prints it")
    for group in _groups():
        group.add_commands(commands, account)
    return parser


def _groups() -> list[Any]:
    """The command-group modules (imported when the parser is built: they build on this one)."""
    return [importlib.import_module(name) for name in GROUP_MODULES]


def _account_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--jid",
        default=os.environ.get("ARCHIVEVIEWER_JID"),
        help="the account, e.g. romeo@montague.net (default: $ARCHIVEVIEWER_JID)",
    )
    options.add_argument("--host", help="server host name (default: from the JID's DNS)")
    options.add_argument("--port", type=int, help="server port (default 5222)")
    options.add_argument("--ca-cert", type=Path, help="trust this CA certificate file (PEM)")
    options.add_argument(
        "--data-dir", type=Path, help=f"where local copies are kept ({default_data_dir()})"
    )
    return options


# --- running a command --------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    """How to reach one account, as the command line gave it."""

    jid: str
    password: str
    host: str | None
    port: int | None
    ca_cert: Path | None


#: Opens a connection to the account's archive for the length of a sync.
SourceOpener = Callable[[Account], AbstractAsyncContextManager[ArchiveSource]]


def main(argv: list[str] | None = None, *, open_source: SourceOpener | None = None) -> int:
    """Run a headless command and return its exit code (see ``--help``).

    ``open_source`` replaces the network connection (tests pass a fake server).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    for group in _groups():
        if args.command in group.COMMANDS:
            return _guarded(functools.partial(group.run, args))
    if not args.jid:
        parser.print_usage(sys.stderr)
        print("archiveviewer: error: --jid is required (or set ARCHIVEVIEWER_JID)", file=sys.stderr)
        return EXIT_USAGE
    path = replica_path(args.data_dir or default_data_dir(), args.jid)
    try:
        if args.command == "sync":
            return _sync(args, path, open_source or connect_to_archive)
        if args.command == "search":
            return _search(args, path, sys.stdout)
        return _show(args, path, sys.stdout)
    except KeyboardInterrupt:
        print("archiveviewer: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KnownError as exc:
        print(f"archiveviewer: {exc.user_message}", file=sys.stderr)
        return exit_code_of(exc)


def _guarded(command: Callable[[], int]) -> int:
    try:
        return command()
    except KeyboardInterrupt:
        print("archiveviewer: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KnownError as exc:
        print(f"archiveviewer: {exc.user_message}", file=sys.stderr)
        return exit_code_of(exc)


def exit_code_of(error: KnownError) -> int:
    """The exit code that says what kind of failure ``error`` is."""
    if isinstance(error, CryptoError):
        return EXIT_KEYS
    if isinstance(error, StoreError):
        return EXIT_STORE
    if isinstance(error, ServerError | MalformedInput):
        return EXIT_SERVER
    return EXIT_CONNECTION


# --- sync ------------------------------------------------------------------------------------


def _sync(args: argparse.Namespace, path: Path, open_source: SourceOpener) -> int:
    account = Account(args.jid, read_password(args.jid), args.host, args.port, args.ca_cert)
    progress = ProgressPrinter(sys.stderr)
    with Replica(path) as replica:
        result = asyncio.run(_replicate(account, replica, open_source, progress))
    progress.finish(result)
    return EXIT_OK


async def _replicate(
    account: Account, replica: Replica, open_source: SourceOpener, progress: ProgressPrinter
) -> SyncResult:
    async with open_source(account) as source:
        return await Replicator(source, replica, on_progress=progress.show).run()


@contextlib.asynccontextmanager
async def connect_to_archive(account: Account) -> AsyncIterator[ArchiveSource]:
    """Log in to the account's server and hand its archive to replication."""
    from archiveviewer.xmpp.session import AccountSession, AccountSettings

    settings = AccountSettings(
        jid=account.jid,
        password=account.password,
        host=account.host,
        port=account.port,
        ca_certs=account.ca_cert,
        reconnect_delays=(),  # a headless sync fails fast; the next run resumes
    )
    session = AccountSession(settings)
    await session.connect()
    try:
        yield PluginArchive(session.archive)
    finally:
        await session.disconnect()


class PluginArchive:
    """The xep_0136 plugin seen as replication's :class:`ArchiveSource`."""

    def __init__(self, archive: XEP_0136) -> None:
        self._archive = archive

    async def supports_modified(self) -> bool:
        """Replication (``<modified/>``) belongs to XEP-0136's ``manage`` feature."""
        support = self._archive.support or await self._archive.discover()
        return support.manage

    async def modified_page(self, after: str, max_items: int) -> ModifiedPage:
        """One ``<modified/>`` request: the first page of the plugin's iterator."""
        pages = self._archive.modified(after, max=max_items)
        try:
            page = await anext(pages)
        except StopAsyncIteration:
            return ModifiedPage((), None)
        finally:
            if isinstance(pages, AsyncGenerator):
                await pages.aclose()  # send nothing more
        return ModifiedPage(page.changes, page.cursor if page.changes else None, page.count)

    async def list_page(self, after: str | None, max_items: int) -> ListPage:
        """One ``<list/>`` request for every collection."""
        page = await self._archive.list_page(max=max_items, after=after)
        headers = tuple(CollectionHeader(c.id, c.version) for c in page.collections)
        return ListPage(headers, page.last, page.count)

    async def retrieve(self, collection_id: CollectionId) -> Collection:
        """The whole collection, every page of it."""
        return await self._archive.retrieve(collection_id)


class StatusLine:
    """Progress on a stream: one line redrawn on a terminal, else at most a line an interval.

    The first update and every ``final`` one are always shown.
    """

    def __init__(self, stream: TextIO, *, interval: float = 1.0) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._interval = interval
        self._last_print: float | None = None
        self._drawn = False

    def update(self, line: str, *, final: bool = False) -> None:
        """Show ``line`` if it is time to (a terminal redraws it in place)."""
        now = time.monotonic()
        recent = self._last_print is not None and now - self._last_print < self._interval
        if not self._tty and recent and not final:
            return
        self._last_print = now
        if self._tty:
            self._stream.write(f"\r\x1b[K{line}")
            self._drawn = True
        else:
            self._stream.write(line + "\n")
        self._stream.flush()

    def finish(self, *lines: str) -> None:
        """Replace the progress line with ``lines``, each on a line of its own."""
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._drawn = False
        self._stream.write("".join(line + "\n" for line in lines))
        self._stream.flush()


class ProgressPrinter:
    """Shows sync progress on stderr through a :class:`StatusLine`."""

    def __init__(self, stream: TextIO, *, interval: float = 1.0) -> None:
        self._line = StatusLine(stream, interval=interval)

    def show(self, progress: Progress) -> None:
        """Print ``progress`` if it is time to."""
        self._line.update(
            f"sync: {progress.collections_done}/{progress.collections_total} conversations, "
            f"{progress.messages_done} messages stored"
        )

    def finish(self, result: SyncResult) -> None:
        """Print what the sync did."""
        self._line.finish(
            f"sync: done: {result.collections_stored} conversations stored, "
            f"{result.collections_removed} removed, {result.messages_stored} messages "
            f"({result.mode.value})"
        )


# --- search and show (offline) --------------------------------------------------------------


@contextlib.contextmanager
def _existing_replica(path: Path, jid: str) -> Iterator[Replica]:
    if not path.exists():
        raise StoreError(f"There is no local copy of {jid}'s archive yet: run “sync” first.")
    with Replica(path) as replica:
        yield replica


def _search(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    with _existing_replica(path, args.jid) as replica:
        hits = replica.search(args.query, SearchFilter(contact=args.contact), limit=args.limit)
    for hit in hits:
        out.write(format_hit(hit, bold=out.isatty()) + "\n")
    return EXIT_OK if hits else EXIT_NOTHING_FOUND


def format_hit(hit: SearchHit, *, bold: bool) -> str:
    """One search hit as a line: the conversation's WITH and START (for ``show``), then text."""
    on, off = ("\x1b[1m", "\x1b[0m") if bold else ("", "")
    snippet = hit.snippet.replace(HIGHLIGHT_START, on).replace(HIGHLIGHT_END, off)
    when = "" if hit.time is None else format_datetime(hit.time)
    arrow = {Direction.TO: ">", Direction.FROM: "<", None: "*"}[hit.direction]
    conversation = f"{hit.collection.with_jid} {format_datetime(hit.collection.start)}"
    return f"{conversation}  {when} {arrow} {' '.join(snippet.split())}"


def _show(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    try:
        start = parse_datetime(args.start)
    except MalformedInput:
        print(f"archiveviewer: “{args.start}” is not a time like 2008-07-18T21:00:00Z",
              file=sys.stderr)
        return EXIT_USAGE
    collection_id = CollectionId(start, args.with_jid)
    with _existing_replica(path, args.jid) as replica:
        collection = replica.collection(collection_id)
        plain = replica.decrypted(collection_id) if collection is not None else None
    if collection is None:
        print(f"archiveviewer: no conversation with {args.with_jid} starting {args.start} "
              "in the local copy", file=sys.stderr)
        return EXIT_NOTHING_FOUND
    for line in format_collection(collection, plain):
        out.write(line + "\n")
    return EXIT_OK


def format_collection(
    collection: Collection, decrypted: tuple[Message | Note, ...] | None
) -> list[str]:
    """A conversation as lines of text: a header, then each message and note."""
    lines = [f"Conversation with {collection.with_jid}, {format_datetime(collection.start)}"]
    if collection.subject:
        lines.append(f"Subject: {collection.subject}")
    items = decrypted if decrypted is not None else collection.items
    for item in items:
        if isinstance(item, Message):
            who = "me" if item.direction is Direction.TO else (item.nick or collection.with_jid)
            lines.append(f"{format_datetime(item.time)} {who}: {item.body or ''}")
        elif isinstance(item, Note):
            lines.append(f"note: {item.text}")
    if collection.encrypted and decrypted is None:
        lines.append(f"({len(collection.encrypted)} encrypted items, not decrypted yet)")
    return lines
