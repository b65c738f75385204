"""The command line: ``python -m archiveviewer COMMAND`` (or ``archiveviewer-cli COMMAND``).

This package is the command line's composition root: :func:`main` makes the
program's one :class:`~archiveviewer.services.worker.Worker`, parses the
command and hands it to its group's module, which calls the services.
"""

from __future__ import annotations

import functools
import importlib
import sys
from types import ModuleType

from archiveviewer.cli.base import (
    EXIT_CONNECTION,
    EXIT_INTERRUPTED,
    EXIT_KEYS,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_SERVER,
    EXIT_STORE,
    EXIT_USAGE,
    Context,
    build_parser,
    guarded,
)
from archiveviewer.services.sync import SourceOpener, connect_to_archive
from archiveviewer.services.worker import Worker

__all__ = [
    "COMMANDS",
    "EXIT_CONNECTION",
    "EXIT_INTERRUPTED",
    "EXIT_KEYS",
    "EXIT_NOTHING_FOUND",
    "EXIT_OK",
    "EXIT_SERVER",
    "EXIT_STORE",
    "EXIT_USAGE",
    "GROUP_MODULES",
    "main",
]

#: Command groups, one module each (``archiveviewer/cli/<group>.py``). Each module has
#: ``COMMANDS`` (the names it adds), ``add_commands(commands, account)`` (its
#: sub-parsers; ``account`` holds --jid/--host/--port/--ca-cert/--data-dir) and
#: ``run(args) -> int`` (its exit code; ``args.context`` is a
#: :class:`~archiveviewer.cli.base.Context`). A new group is one line here (and its
#: name in the cli layers contract of ``pyproject.toml``, beside ``archive | keys``).
GROUP_MODULES = (
    "archiveviewer.cli.archive",
    "archiveviewer.cli.keys",
    "archiveviewer.cli.bookmarks",
    "archiveviewer.cli.private",
    "archiveviewer.cli.prefs",
    "archiveviewer.cli.files",
    "archiveviewer.cli.trash",
    "archiveviewer.cli.remove",
)


def _groups() -> list[ModuleType]:
    return [importlib.import_module(name) for name in GROUP_MODULES]


#: The headless commands; ``python -m archiveviewer`` sends these to :func:`main`.
COMMANDS = tuple(command for group in _groups() for command in group.COMMANDS)


def main(argv: list[str] | None = None, *, open_source: SourceOpener | None = None) -> int:
    """Run a headless command and return its exit code (see ``--help``).

    ``open_source`` replaces the network connection of ``sync`` (tests pass a fake server).
    """
    groups = _groups()
    parser = build_parser(groups)
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    group = next(g for g in groups if args.command in g.COMMANDS)
    worker = Worker()
    args.context = Context(worker, open_source or connect_to_archive, parser.format_usage())
    try:
        return guarded(functools.partial(group.run, args))
    finally:
        worker.shutdown()
