"""Command-line values checked before anything runs: one line and exit 2 when wrong.

Each function here is an argparse ``type=``: it turns the text the user
typed into the value a command needs, or raises
:class:`argparse.ArgumentTypeError` with the reason, which
:class:`OneLineParser` prints as one line before exiting with the usage
code. So a JID that is not one, a port out of range, a limit too large for
the local copy, a time that cannot be, or a CA file that is not a
certificate is refused at once, never after a connection attempt or with a
traceback.

Search text is bounded in length and number of terms, so one query cannot
make the local search run for minutes; a query that starts with ``-word``
is given after ``--`` (``archiveviewer search -- -montague romeo``).
"""

from __future__ import annotations

import argparse
import ssl
import sys
from datetime import timedelta
from pathlib import Path
from typing import NoReturn

from slixmpp.jid import JID, InvalidJID

from archiveviewer.errors import MalformedInput
from archiveviewer.protocol.xep0082 import parse_datetime
from archiveviewer.services.search import MAX_QUERY_CHARS, MAX_QUERY_TERMS
from archiveviewer.services.workspace import replica_file_name

#: Most hits a search prints.
MAX_LIMIT = 100_000
#: Longest file name most file systems allow (the local copy is named after the JID).
_NAME_MAX = 255


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, then exit code 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``prog: message`` and exit with the usage code."""
        if "QUERY" in message or "unrecognized arguments: -" in message:
            # argparse took a search for -word as an option.
            message += "; to search for a word that begins with -, put -- before the search"
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def jid(text: str) -> str:
    """An account's JID, ``name@server`` (with or without a resource)."""
    shown = text if len(text) <= 64 else text[:61] + "..."
    try:
        parsed = JID(text)
    except InvalidJID:
        raise argparse.ArgumentTypeError(
            f"“{shown}” is not an account address like romeo@montague.net"
        ) from None
    if not parsed.user:
        raise argparse.ArgumentTypeError(
            f"“{shown}” has no name before the @: an account address looks like romeo@montague.net"
        )
    if len(replica_file_name(text).encode()) > _NAME_MAX:
        raise argparse.ArgumentTypeError(
            f"“{shown}” is too long for a local copy to be named after it"
        )
    return text


def contact(text: str) -> str:
    """A contact's JID (a person, a room or a server), as search and show print it."""
    try:
        JID(text)
    except InvalidJID:
        shown = text if len(text) <= 64 else text[:61] + "..."
        raise argparse.ArgumentTypeError(f"“{shown}” is not an XMPP address") from None
    return text


def port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    value = _whole(text, "a port")
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port {text} is not between 1 and 65535")
    return value


def minutes(text: str) -> timedelta:
    """A number of minutes, 1 to a week."""
    value = _whole(text, "a number of minutes")
    if not 1 <= value <= 7 * 24 * 60:
        raise argparse.ArgumentTypeError(f"the minutes must be from 1 to {7 * 24 * 60}, not {text}")
    return timedelta(minutes=value)


def limit(text: str) -> int:
    """How many results to print, 1 to :data:`MAX_LIMIT`."""
    value = _whole(text, "a number of results")
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"the limit must be from 1 to {MAX_LIMIT:,}, not {text}")
    return value


def time(text: str) -> str:
    """A date and time like 2008-07-18T21:00:00Z (kept as typed; it is checked here)."""
    try:
        parse_datetime(text)
    except MalformedInput:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise argparse.ArgumentTypeError(
            f"“{shown}” is not a time like 2008-07-18T21:00:00Z"
        ) from None
    return text


def ca_certificate(text: str) -> Path:
    """A readable PEM file that holds at least one certificate to trust."""
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"the CA certificate file “{text}” does not exist")
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"the CA certificate “{text}” is not a file")
    try:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # without the system's authorities
        context.load_verify_locations(cafile=str(path))
    except PermissionError:
        raise argparse.ArgumentTypeError(
            f"the CA certificate file “{text}” cannot be read"
        ) from None
    except (ssl.SSLError, OSError, ValueError):
        raise argparse.ArgumentTypeError(
            f"“{text}” holds no certificate in PEM form (-----BEGIN CERTIFICATE-----)"
        ) from None
    return path


def data_dir(text: str) -> Path:
    """A folder for local copies: it may be missing (it is created), but not a file."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"“{text}” is a file, not a folder")
    return path


def existing_file(text: str) -> Path:
    """A file that exists and can be opened."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"“{text}” is not a file")
    return path


def query(text: str) -> str:
    """Search text, bounded so a search stays quick."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the search text is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise argparse.ArgumentTypeError(
            f"the search text is longer than {MAX_QUERY_CHARS:,} characters"
        )
    if len(text.split()) > MAX_QUERY_TERMS:
        raise argparse.ArgumentTypeError(
            f"the search has more than {MAX_QUERY_TERMS} words; search for fewer at a time"
        )
    return text


def _whole(text: str, what: str) -> int:
    if not text.strip().isascii() or not text.strip().isdigit() or len(text.strip()) > 40:
        raise argparse.ArgumentTypeError(f"“{text[:40]}” is not {what}: a whole number is needed")
    return int(text)


def usage_error(prog: str, message: str) -> int:
    """Print one usage line for a check made after parsing; the exit code to return."""
    print(f"{prog}: {message} (see --help)", file=sys.stderr)
    return 2
