"""Headless key commands: ``keys generate|import|rename|export-public|list`` and ``rekey``.

Keys live in ``DATA_DIR/keys`` (the folder the window uses), each private key
passphrase-encrypted. A key is called by the name the archives give it: import
a key from another client with ``--name`` set to what that client calls it (the
KeyName in its encrypted conversations), or rename it later; a key imported
without a name is called by its fingerprint, and keeps any name it is found to
open. The passphrase is read from ARCHIVEVIEWER_KEY_PASSPHRASE
or, on a terminal, asked for. ``rekey`` logs in like ``sync`` and moves every
encrypted conversation from the old key to the new one; run again, it resumes.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from pathlib import Path
from typing import TextIO

from archiveviewer.cli import arguments
from archiveviewer.cli.base import (
    EXIT_KEYS,
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    StatusLine,
    add_command,
    has_jid,
    login_of,
)
from archiveviewer.crypto import (
    KeyStore,
    PublicKey,
    RekeyResult,
    check_name,
    key_file_needs_passphrase,
)
from archiveviewer.errors import CryptoError
from archiveviewer.services.keys import read_key_file, rekey_on_server
from archiveviewer.services.rekeying import RekeyJournal
from archiveviewer.services.workspace import default_data_dir

#: The commands this module adds to the command line.
COMMANDS = ("keys", "rekey")

PASSPHRASE_VARIABLE = "ARCHIVEVIEWER_KEY_PASSPHRASE"  # noqa: S105  (a name, not a secret)
FILE_PASSPHRASE_VARIABLE = "ARCHIVEVIEWER_KEY_FILE_PASSPHRASE"  # noqa: S105


class NoPassphrase(CryptoError):
    """No passphrase in the environment and no terminal to ask on."""


# --- grammar --------------------------------------------------------------------------------


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``keys`` (with its sub-commands) and ``rekey`` to the command line."""
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data-dir",
        type=arguments.data_dir,
        help=f"keys are in DATA_DIR/keys ({default_data_dir()})",
    )
    keys = add_command(commands, "keys", "the private keys of encrypted conversations")
    actions = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    named = argparse.ArgumentParser(add_help=False)
    named.add_argument(
        "--name",
        metavar="NAME",
        type=arguments.key_name,
        help="what the archives call the key (another client's KeyName); "
        "without it, the key's fingerprint",
    )
    add_command(actions, "generate", "make a new RSA key", data, named)
    imported = add_command(
        actions, "import", "import a private key file (PEM, DER or PKCS#12)", data, named
    )
    imported.add_argument("file", metavar="FILE", type=arguments.existing_file)
    renamed = add_command(actions, "rename", "call a key by another name", data)
    renamed.add_argument(
        "old", metavar="OLD", type=arguments.key_name, help="the key's name, alias or fingerprint"
    )
    renamed.add_argument(
        "new",
        metavar="NEW",
        type=arguments.key_name,
        help="its new name (the old one stays an alias)",
    )
    export = add_command(actions, "export-public", "print a public key as PEM", data)
    export.add_argument(
        "name",
        metavar="NAME",
        type=arguments.key_name,
        help="the key's name, as `keys list` prints it",
    )
    add_command(
        actions, "list", "print each key: name, fingerprint, size, added, other names", data
    )
    again = add_command(
        commands, "rekey", "move the server's encrypted conversations to another key", account
    )
    again.add_argument(
        "--old", required=True, metavar="NAME", type=arguments.key_name, help="the key to retire"
    )
    again.add_argument(
        "--new",
        required=True,
        metavar="NAME",
        type=arguments.key_name,
        help="the key to use instead",
    )


# --- running --------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """Run ``keys ...`` or ``rekey``; return the exit code."""
    store = KeyStore((args.data_dir or default_data_dir()) / "keys")
    if args.command == "rekey":
        return _rekey(args, store)
    if args.keys_command == "generate":
        print(store.generate(read_passphrase(confirm=True), name=args.name).name)
    elif args.keys_command == "import":
        print(_import(store, args.file, args.name).name)
    elif args.keys_command == "rename":
        print(store.rename(args.old, args.new).name)
    elif args.keys_command == "export-public":
        sys.stdout.write(store.export_public_key(args.name).decode("ascii"))
    else:
        return _list(store)
    return EXIT_OK


def _list(store: KeyStore) -> int:
    keys = store.keys()
    for key in keys:
        added = "-" if key.created is None else key.created.date().isoformat()
        also = ", ".join(key.aliases) if key.aliases else "-"
        print(f"{key.name}\t{key.fingerprint}\tRSA {key.bits}\t{added}\t{also}")
    return EXIT_OK if keys else EXIT_NOTHING_FOUND


def read_passphrase(
    *, confirm: bool = False, variable: str = PASSPHRASE_VARIABLE, what: str = "key store"
) -> str:
    """The passphrase from *variable*, else asked for on the terminal (twice if *confirm*)."""
    given = os.environ.get(variable)
    if given:
        return given
    if not sys.stdin.isatty():
        raise NoPassphrase(f"No passphrase for the {what}: set {variable}.")
    first = getpass.getpass(f"Passphrase for the {what}: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise CryptoError("The two passphrases differ.")
    return first


def _import(store: KeyStore, path: Path, name: str | None) -> PublicKey:
    data = read_key_file(path)
    file_passphrase = os.environ.get(FILE_PASSPHRASE_VARIABLE) or None
    if file_passphrase is None and key_file_needs_passphrase(data):
        file_passphrase = read_passphrase(variable=FILE_PASSPHRASE_VARIABLE, what=f"file {path}")
    if name is not None:
        check_name(name)  # before asking for a passphrase it would not use
    passphrase = read_passphrase(confirm=True)
    return store.import_private_key(data, passphrase, pem_passphrase=file_passphrase, name=name)


def _rekey(args: argparse.Namespace, store: KeyStore) -> int:
    if not has_jid(args):
        return EXIT_USAGE
    new = store.public_key(args.new)
    old = store.unlock(args.old, read_passphrase())
    login = login_of(args)
    progress = RekeyProgress(sys.stderr)
    journal = RekeyJournal(store.directory)
    result = asyncio.run(rekey_on_server(login, journal, (old, new), progress.show))
    progress.finish(result)
    return EXIT_KEYS if result.failed else EXIT_OK


class RekeyProgress:
    """Re-keying progress on stderr, on a :class:`~archiveviewer.cli.base.StatusLine`."""

    def __init__(self, stream: TextIO, *, interval: float = 1.0) -> None:
        self._line = StatusLine(stream, interval=interval)

    def show(self, done: int, total: int) -> None:
        """Print "done of total" if it is time to (always the last one)."""
        self._line.update(f"rekey: {done}/{total} conversations", final=done >= total)

    def finish(self, result: RekeyResult) -> None:
        """Print what re-keying did, and each conversation it could not move."""
        self._line.finish(
            f"rekey: done: {result.collections} conversations, {result.wrapped} keys re-wrapped, "
            f"{result.already_present} already there, {len(result.failed)} failed",
            *(f"archiveviewer: {reason}" for _, reason in result.failed),
        )
