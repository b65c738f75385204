"""What every headless command shares: the grammar's pieces, exit codes, errors, progress.

A command-group module (``archiveviewer/cli/<group>.py``) builds its sub-parsers
with :func:`add_command` on the ``account`` options of :func:`account_options`,
logs in with :func:`login_of`, and returns one of the ``EXIT_*`` codes. Command
groups import this module, never :mod:`archiveviewer.cli` itself.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO, cast

from slixmpp import JID

from archiveviewer import __version__
from archiveviewer.cli import arguments
from archiveviewer.domain import CollectionId
from archiveviewer.errors import (
    CryptoError,
    KnownError,
    MalformedInput,
    ServerError,
    SourceNotOffered,
    StoreError,
)
from archiveviewer.ports.notices import ServerNotice
from archiveviewer.services.login import Login
from archiveviewer.services.passwords import read_password
from archiveviewer.services.server_memory import ServerMemory
from archiveviewer.services.sync import SourceOpener
from archiveviewer.services.worker import Worker
from archiveviewer.services.workspace import Workspace, default_data_dir
from archiveviewer.store import Replica
from archiveviewer.store.archive_reads import has_synced_archives

EXIT_OK = 0
EXIT_NOTHING_FOUND = 1
EXIT_USAGE = 2
EXIT_CONNECTION = 3
EXIT_SERVER = 4
EXIT_STORE = 5
EXIT_KEYS = 6
EXIT_INTERRUPTED = 130

EXIT_CODES = f"""\
exit codes:
  {EXIT_OK}    done
  {EXIT_NOTHING_FOUND}    search found nothing, show or remove found no such conversation,
       keys list no key
  {EXIT_USAGE}    wrong command line
  {EXIT_CONNECTION}    no password, login refused, or the server could not be reached
  {EXIT_SERVER}    the server answered with an error or with data that does not parse, or its
       archive cannot do what was asked (remove a message archive's conversation)
  {EXIT_STORE}    the local copy could not be read or written (or does not exist yet)
  {EXIT_KEYS}    no such key, a wrong or missing passphrase, or a key that opens nothing
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C); a sync or a rekey resumes where it stopped
"""

DESCRIPTION = """\
Headless commands: sync the local copy of the archive, search it, show a conversation.

`search` and `show` work offline, from the local copy that `sync` keeps.
The password is read from the ARCHIVEVIEWER_PASSWORD environment variable
or, when it is not set, from the system keyring (service "archiveviewer",
user name the account's JID).
"""


@dataclass(frozen=True)
class Context:
    """What :func:`archiveviewer.cli.main` gives every command, as ``args.context``.

    ``worker`` is the program's one worker pool (shut down when the command
    ends); ``open_source`` logs in to an account's archive for a sync (tests
    pass a fake server); ``usage`` is the command line's usage line.
    """

    worker: Worker
    open_source: SourceOpener
    usage: str = ""


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
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser(groups: Iterable[Any]) -> argparse.ArgumentParser:
    """The command line's grammar: each group's sub-parsers, on the shared account options."""
    parser = arguments.OneLineParser(
        prog="archiveviewer",
        description=DESCRIPTION,
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"archiveviewer {__version__}")
    # Its sub-parsers are OneLineParsers too; the cast keeps add_command's plain type.
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", required=True, metavar="COMMAND"),
    )
    account = account_options()
    for group in groups:
        group.add_commands(commands, account)
    return parser


def account_options() -> argparse.ArgumentParser:
    """--jid, --host, --port, --ca-cert and --data-dir, for every command on an account."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--jid",
        default=os.environ.get("ARCHIVEVIEWER_JID"),
        type=arguments.jid,
        help="the account, e.g. romeo@montague.net (default: $ARCHIVEVIEWER_JID)",
    )
    options.add_argument(
        "--host", type=arguments.host, help="server host name (default: from the JID's DNS)"
    )
    options.add_argument("--port", type=arguments.port, help="server port (default 5222)")
    options.add_argument(
        "--ca-cert", type=arguments.ca_certificate, help="trust this CA certificate file (PEM)"
    )
    options.add_argument(
        "--data-dir",
        type=arguments.data_dir,
        help=f"where local copies are kept ({default_data_dir()})",
    )
    return options


# --- what a command works with ----------------------------------------------------------


def workspace_of(args: argparse.Namespace) -> Workspace:
    """The folders the command works in (``--data-dir``, else the window's)."""
    return Workspace(args.data_dir) if args.data_dir else Workspace()


def has_jid(args: argparse.Namespace, *, usage: bool = False) -> bool:
    """True if --jid (or $ARCHIVEVIEWER_JID) names the account; else says so on stderr.

    ``usage`` prints the usage line before the sentence.
    """
    if args.jid:
        return True
    if usage:  # one line, like every other wrong command line
        arguments.usage_error("archiveviewer", "--jid is required (or set ARCHIVEVIEWER_JID)")
        return False
    print("archiveviewer: error: --jid is required (or set ARCHIVEVIEWER_JID)", file=sys.stderr)
    return False


def login_of(args: argparse.Namespace) -> Login:
    """The account's login as the command line gives it (password: environment or keyring).

    What the server is found to do is kept in the data folder, and told on stderr
    by the command that found it.
    """
    memory = ServerMemory(workspace_of(args), tell_on_stderr)
    return Login(args.jid, read_password(args.jid), args.host, args.port, args.ca_cert,
                 server_memory=memory)  # fmt: skip


def tell_on_stderr(notice: ServerNotice) -> None:
    """A finding about the server, told once (the window tells it in its own words)."""
    print(f"archiveviewer: {notice.sentence}", file=sys.stderr)


def open_replica(path: Path) -> Replica:
    """The local copy at ``path``; an upgrade that rebuilds its index says how far it got."""
    line = StatusLine(sys.stderr)

    def told(done: int, total: int) -> None:
        line.update(
            f"archiveviewer: upgrading the local copy's search index (once): "
            f"{done:,} of {total:,}",
            final=done == total,
        )

    return Replica(path, progress=told)


@contextlib.contextmanager
def existing_replica(path: Path, jid: str) -> Iterator[Replica]:
    """The account's local copy, which a sync has filled; else ``StoreError`` (exit 5)."""
    never = StoreError(f"There is no local copy of {jid}'s archive yet: run “sync” first.")
    if not path.exists():
        raise never
    with open_replica(path) as replica:
        synced = replica.cursor() or replica.last_full_list() or has_synced_archives(replica)
        if not synced:
            raise never  # a file left by a sync that never stored a page
        yield replica


def conversations_at(replica: Replica, with_jid: str, start: datetime) -> list[CollectionId]:
    """The conversation ``with_jid`` + ``start``; for a bare JID, any of its resources."""
    exact = CollectionId(start, with_jid)
    if replica.collection(exact) is not None or JID(with_jid).resource:
        return [exact]
    near = replica.collections(
        contact=with_jid, since=start, until=start + timedelta(seconds=1), limit=50
    )
    return sorted({s.id for s in near if s.id.start == start}, key=lambda c: c.with_jid)


# --- ending a command ---------------------------------------------------------------------


def guarded(command: Callable[[], int]) -> int:
    """Run ``command``; a known failure or Ctrl-C becomes a sentence and its exit code."""
    try:
        with _transport_warnings_unshown():
            return command()
    except KeyboardInterrupt:
        print("archiveviewer: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KnownError as exc:
        print(f"archiveviewer: {exc.user_message}", file=sys.stderr)
        return exit_code_of(exc)


@contextlib.contextmanager
def _transport_warnings_unshown() -> Iterator[None]:
    """asyncio's warnings are not printed while a command runs (its errors still are).

    When the server goes away, each write still on its way makes asyncio warn
    "socket.send() raised exception." on stderr; the command's sentence says what happened.
    """
    transport = logging.getLogger("asyncio")
    level = transport.level
    transport.setLevel(logging.ERROR)
    try:
        yield
    finally:
        transport.setLevel(level)


def exit_code_of(error: KnownError) -> int:
    """The exit code that says what kind of failure ``error`` is."""
    if isinstance(error, CryptoError):
        return EXIT_KEYS
    if isinstance(error, StoreError):
        return EXIT_STORE
    if isinstance(error, ServerError | MalformedInput | SourceNotOffered):
        return EXIT_SERVER
    return EXIT_CONNECTION


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
