"""The archive's commands: ``sync`` (over the network), ``search`` and ``show`` (offline)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from slixmpp import JID

from archiveviewer.cli import arguments
from archiveviewer.cli.base import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    Context,
    StatusLine,
    add_command,
    conversations_at,
    existing_replica,
    has_jid,
    login_of,
    open_replica,
    workspace_of,
)
from archiveviewer.domain import CollectionId
from archiveviewer.errors import MalformedInput
from archiveviewer.formats.text import TextStyle, conversation_text
from archiveviewer.ports.accounts import HistoryChoice
from archiveviewer.ports.archive import ResultKind, ResultOrder, SearchFilters, SearchResult
from archiveviewer.protocol.xep0082 import format_datetime, parse_datetime
from archiveviewer.services.history import regroup_all
from archiveviewer.services.login import Login
from archiveviewer.services.search import search_page
from archiveviewer.services.sync import SourceOpener, replicate
from archiveviewer.services.worker import Worker
from archiveviewer.store import DamagedReplica, Replica, rebuild
from archiveviewer.sync import Progress, SyncMode, SyncResult
from archiveviewer.sync.conversations import ConversationRule
from archiveviewer.sync.skipped import message_summary
from archiveviewer.sync.skipped import summary as unreadable_summary

#: The commands this module adds to the command line.
COMMANDS = ("sync", "search", "show")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``sync``, ``search`` and ``show`` to the command line."""
    sync = add_command(commands, "sync", "bring the local copy up to date with the server", account)
    sync.add_argument(
        "--rebuild",
        action="store_true",
        help="first move the (damaged) local copy aside and start a new one with what can "
        "still be read from it; the sync then fetches the rest again",
    )
    sync.add_argument(
        "--idle-gap",
        type=arguments.minutes,
        metavar="MINUTES",
        help="message archives (MAM): a silence this long starts a new conversation (30); "
        "a new value regroups what is stored first, nothing is fetched again",
    )
    sync.add_argument(
        "--source",
        choices=[c.value for c in HistoryChoice],
        default=HistoryChoice.AUTO.value,
        help="which of the server's archives to read when it keeps both: auto (the default: "
        "the xep0136 collections, which also allow removal, notes and subjects), mam (the "
        "message archive) or xep0136",
    )
    search = add_command(commands, "search", "search the local copy (offline)", account)
    search.add_argument(
        "query",
        metavar="QUERY",
        type=arguments.query,
        help='words, "phrases", prefix*, OR, -word (to begin with -word, put -- before it)',
    )
    search.add_argument(
        "--with", dest="contact", type=arguments.contact, help="only conversations with this JID"
    )
    search.add_argument(
        "--limit", type=arguments.limit, default=50, help="most hits to print (50; up to 100,000)"
    )
    search.add_argument(
        "--order",
        choices=[order.value for order in ResultOrder],
        default=ResultOrder.NEWEST.value,
        help="newest first (the default), oldest first, or best match first",
    )
    show = add_command(
        commands, "show", "print one conversation from the local copy (offline)", account
    )
    show.add_argument(
        "with_jid",
        metavar="WITH",
        type=arguments.contact,
        help="the contact's JID, as search prints it (a bare JID finds any of its resources)",
    )
    show.add_argument(
        "start", metavar="START", type=arguments.time, help="the start time, as search prints it"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``sync``, ``search`` or ``show``; return the exit code."""
    if not has_jid(args, usage=True):
        return EXIT_USAGE
    path = workspace_of(args).replica_path(args.jid)
    if args.command == "sync":
        context: Context = args.context
        return _sync(args, path, context.open_source, context.worker)
    try:
        if args.command == "search":
            return _search(args, path, sys.stdout)
        return _show(args, path, sys.stdout)
    except BrokenPipeError:
        # The reader went away (``| head``): what it wanted was written; end quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


# --- sync ------------------------------------------------------------------------------------


def _sync(args: argparse.Namespace, path: Path, open_source: SourceOpener, worker: Worker) -> int:
    login = replace(login_of(args), history=HistoryChoice(args.source))
    progress = ProgressPrinter(sys.stderr)
    if args.rebuild and path.exists():
        rebuilt = rebuild(path)
        print(
            f"sync: the damaged local copy was moved to {rebuilt.damaged_copy}; "
            f"{rebuilt.kept} conversations were kept from it, the rest comes from the server "
            "again",
            file=sys.stderr,
        )
    try:
        with open_replica(path) as replica:
            replica.require_writable()
            rule = None if args.idle_gap is None else ConversationRule(args.idle_gap)
            if rule is not None:
                regroup_all(replica, rule)
            result = asyncio.run(_replicate(login, replica, open_source, worker, progress, rule))
    except DamagedReplica as exc:
        raise DamagedReplica(f"{exc.user_message} Run “sync --rebuild” to do so.") from None
    progress.finish(result)
    return EXIT_OK


async def _replicate(
    login: Login,
    replica: Replica,
    open_source: SourceOpener,
    worker: Worker,
    progress: ProgressPrinter,
    rule: ConversationRule | None = None,
) -> SyncResult:
    async with open_source(login) as source:
        return await replicate(source, replica, worker, on_progress=progress.show, rule=rule)


class ProgressPrinter:
    """Shows sync progress on stderr through a :class:`StatusLine`."""

    def __init__(self, stream: TextIO, *, interval: float = 1.0) -> None:
        self._line = StatusLine(stream, interval=interval)

    def show(self, progress: Progress) -> None:
        """Print ``progress`` if it is time to."""
        if progress.mode is SyncMode.ARCHIVE:
            self._line.update(f"sync: {progress.messages_done} messages stored")
            return
        self._line.update(
            f"sync: {progress.collections_done}/{progress.collections_total} conversations, "
            f"{progress.messages_done} messages stored"
        )

    def finish(self, result: SyncResult) -> None:
        """Print what the sync did."""
        if result.mode is SyncMode.ARCHIVE:
            unread = message_summary(result.unread_messages)
            self._line.finish(
                f"sync: done: {result.messages_stored} new messages from the server's "
                f"message archive, in {result.collections_stored} conversations",
                *([f"sync: {unread}"] if unread else []),
            )
            return
        unreadable = unreadable_summary(result.skipped)
        self._line.finish(
            f"sync: done: {result.collections_stored} conversations stored, "
            f"{result.collections_removed} removed, {result.messages_stored} messages "
            f"({result.mode.value})",
            *([_in_the_trash(result.collections_removed)] if result.collections_removed else []),
            *([f"sync: {unreadable}"] if unreadable else []),
        )


def _in_the_trash(removed: int) -> str:
    # What another client removed is kept in the trash, to look at and put back.
    which = "1 conversation" if removed == 1 else f"{removed} conversations"
    return f"sync: the trash keeps {which} removed on the server (see `trash list`)"


# --- search and show (offline) --------------------------------------------------------------


def _search(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    filters = SearchFilters(contact=args.contact)
    order = ResultOrder(args.order)
    printed = 0
    with existing_replica(path, args.jid) as replica:
        after: object | None = None
        # Page by page (each costs what the first does), printed as they come.
        while printed < args.limit:
            page = search_page(replica, args.query, filters, order, after, PAGE)
            for result in page.results[: args.limit - printed]:
                out.write(format_result(result, bold=out.isatty()) + "\n")
                printed += 1
            after = page.next
            if after is None:
                break
    out.flush()
    if not printed:
        print(f"archiveviewer: nothing in the local copy matches “{args.query}”", file=sys.stderr)
        return EXIT_NOTHING_FOUND
    return EXIT_OK


#: Hits read from the local copy at a time.
PAGE = 200


def format_result(result: SearchResult, *, bold: bool) -> str:
    """One search result as a line: the conversation's WITH and START (what ``show`` takes),
    then when the message was sent and who wrote it (``me``, the nick in a group chat, the
    contact), ``note`` or ``subject``::

        juliet@capulet.com/chamber 1469-07-21T02:56:15Z  at 1469-07-21T02:56:26Z juliet: Art…
    """
    on, off = ("\x1b[1m", "\x1b[0m") if bold else ("", "")
    marked, at = [], 0
    for start, end in result.highlights:
        marked += [result.snippet[at:start], on, result.snippet[start:end], off]
        at = end
    snippet = "".join([*marked, result.snippet[at:]])
    when = "" if result.kind is ResultKind.SUBJECT else f"at {format_datetime(result.time)} "
    contact = JID(result.with_jid)
    speaker = result.speaker("me", contact.user or contact.bare or result.with_jid)
    conversation = f"{result.with_jid} {format_datetime(result.collection_id.start)}"
    return f"{conversation}  {when}{speaker or result.kind.value}: {' '.join(snippet.split())}"


def _show(args: argparse.Namespace, path: Path, out: TextIO) -> int:
    try:
        start = parse_datetime(args.start)
    except MalformedInput:
        print(
            f"archiveviewer: “{args.start}” is not a time like 2008-07-18T21:00:00Z",
            file=sys.stderr,
        )
        return EXIT_USAGE
    with existing_replica(path, args.jid) as replica:
        candidates = conversations_at(replica, args.with_jid, start)
        if len(candidates) > 1:
            print(
                f"archiveviewer: several conversations with {args.with_jid} start "
                f"{args.start}; name one:",
                file=sys.stderr,
            )
            for candidate in candidates:
                print(f"  {candidate.with_jid} {format_datetime(candidate.start)}", file=sys.stderr)
            return EXIT_USAGE
        collection_id = candidates[0] if candidates else CollectionId(start, args.with_jid)
        collection = replica.collection(collection_id)
        plain = replica.decrypted(collection_id) if collection is not None else None
    if collection is None:
        print(
            f"archiveviewer: no conversation with {args.with_jid} starting {args.start} "
            "in the local copy",
            file=sys.stderr,
        )
        return EXIT_NOTHING_FOUND
    out.write(
        conversation_text(
            collection, TextStyle(format_datetime, collection.with_jid, compact=True), plain
        )
    )
    return EXIT_OK
