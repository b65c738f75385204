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
import re
import ssl
import sys
from datetime import timedelta
from pathlib import Path
from typing import NoReturn

from slixmpp.jid import JID, InvalidJID

from archiveviewer.crypto import check_name
from archiveviewer.errors import CryptoError, KnownError, MalformedInput, SearchTooLong
from archiveviewer.protocol.bookmarks import checked_url, room_jid
from archiveviewer.protocol.pref_rules import parse_expiry
from archiveviewer.protocol.private_xml import check_namespace
from archiveviewer.protocol.xep0082 import parse_datetime
from archiveviewer.services.search import bounded
from archiveviewer.services.workspace import replica_file_name

#: Most hits a search prints.
MAX_LIMIT = 100_000
#: Longest file name most file systems allow (the local copy is named after the JID);
#: also the longest name a person gives something here.
_NAME_MAX = 255
#: Longest host name DNS allows.
_HOST_MAX = 253
#: Longest namespace accepted (a URI; the server keeps it with every element).
_NAMESPACE_MAX = 1024
_XML_NAME = re.compile(r"[^\W\d][\w.-]*")
#: Longest expiry, in seconds: what the server's and our 64-bit integers hold.
_MAX_SECONDS = 2**63 - 1
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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
        parsed = JID(text)
    except InvalidJID:
        parsed = None
    if parsed is None or not parsed.domain:
        raise argparse.ArgumentTypeError(f"“{_shown(text)}” is not an XMPP address") from None
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
    if not text.strip():
        raise argparse.ArgumentTypeError("the folder has no name")
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"“{text}” is a file, not a folder")
    return path


def existing_file(text: str) -> Path:
    """A file that exists and can be opened."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"“{text}” is not a file")
    return path


def output_file(text: str) -> Path:
    """A file to write: in a folder that exists, and not itself a folder, pipe or device.

    A file is written beside its name and then put in its place, so a pipe or a device
    named here (``/dev/null``) would be replaced by a plain file, not written to.
    """
    path = Path(text)
    if not text.strip():
        raise argparse.ArgumentTypeError("the file to write has no name")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"“{_shown(text)}” is a folder, not a file")
    if path.exists() and not path.is_file():
        raise argparse.ArgumentTypeError(
            f"“{_shown(text)}” is not a regular file (a pipe or a device): name a file to write"
        )
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"there is no folder {_shown(str(path.parent))}")
    return path


def host(text: str) -> str:
    """A server's host name or IP address (not a JID, no spaces)."""
    allowed = all(c.isalnum() or c in ".-:[]_" for c in text)
    if not text or not allowed or len(text) > _HOST_MAX:
        raise argparse.ArgumentTypeError(
            f"“{_shown(text)}” is not a server host name like xmpp.montague.net"
        )
    return text


def key_name(text: str) -> str:
    """What a key is called: the archives' KeyName, an alias or a fingerprint."""
    try:
        return check_name(text)
    except CryptoError as exc:
        raise argparse.ArgumentTypeError(_clause(exc.user_message)) from None


def label(text: str) -> str:
    """A short name shown to people (a bookmark's name, a nickname)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a name cannot be empty or only spaces")
    if len(text) > _NAME_MAX:
        raise argparse.ArgumentTypeError(f"a name can have at most {_NAME_MAX} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise argparse.ArgumentTypeError("a name cannot contain line breaks or control characters")
    return text


def namespace(text: str) -> str:
    """An XML namespace of one's own (not empty, no spaces, not the protocol's)."""
    if not text.strip() or any(c.isspace() for c in text) or len(text) > _NAMESPACE_MAX:
        raise argparse.ArgumentTypeError(
            f"“{_shown(text)}” is not an XML namespace like urn:example:notes"
        )
    try:
        check_namespace(text)
    except KnownError as exc:
        raise argparse.ArgumentTypeError(_clause(exc.user_message)) from None
    return text


def element_name(text: str) -> str:
    """An XML element's name without a prefix, like ``query``."""
    if len(text) > _NAME_MAX or not _XML_NAME.fullmatch(text):
        raise argparse.ArgumentTypeError(f"“{_shown(text)}” is not an XML element name")
    return text


def room_or_url(text: str) -> str:
    """What a bookmark is for: a chat room (room@service) or a web address."""
    try:
        if ":" in text:  # as the bookmarks command reads it: a scheme makes it a URL
            checked_url(text)
        else:
            room_jid(text)
    except KnownError as exc:
        raise argparse.ArgumentTypeError(_clause(exc.user_message)) from None
    return text


def variable(text: str) -> str:
    """The name of an environment variable, like ROOM_PASSWORD."""
    if len(text) > _NAME_MAX or not _VARIABLE.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"“{_shown(text)}” is not an environment variable's name like ROOM_PASSWORD"
        )
    return text


def expiry(text: str) -> str:
    """``never``, seconds, or a number with d, m or y (kept as typed; checked here)."""
    try:
        seconds = parse_expiry(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_clause(str(exc)) or "not an expiry") from None
    if seconds is not None and seconds > _MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"an expiry of “{_shown(text)}” is beyond any date")
    return text


def _shown(text: str) -> str:
    return text if len(text) <= 64 else text[:61] + "..."


def _clause(sentence: str) -> str:
    """A sentence for the user as the clause after ``argument --x:``."""
    sentence = sentence.strip().rstrip(".")
    return sentence[:1].lower() + sentence[1:]


def query(text: str) -> str:
    """Search text, within the bounds that keep a search quick (the store's own)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the search text is empty")
    try:
        return bounded(text)
    except SearchTooLong as too_long:
        raise argparse.ArgumentTypeError(_clause(too_long.user_message)) from None


def list_number(text: str) -> int:
    """A number as a listing shows it (``trash list``), from 1."""
    value = _whole(text, "a number from the list")
    if value < 1:
        raise argparse.ArgumentTypeError(f"the list starts at 1, not {text}")
    return value


#: The longest time removed conversations may be kept: a hundred years.
MAX_KEEP_DAYS = 36_500


def days(text: str) -> int:
    """A number of days, 1 to :data:`MAX_KEEP_DAYS`."""
    value = _whole(text, "a number of days")
    if not 1 <= value <= MAX_KEEP_DAYS:
        raise argparse.ArgumentTypeError(f"days must be from 1 to {MAX_KEEP_DAYS:,}, not {text}")
    return value


def _whole(text: str, what: str) -> int:
    if not text.strip().isascii() or not text.strip().isdigit() or len(text.strip()) > 40:
        raise argparse.ArgumentTypeError(f"“{text[:40]}” is not {what}: a whole number is needed")
    return int(text)


def usage_error(prog: str, message: str) -> int:
    """Print one usage line for a check made after parsing; the exit code to return."""
    print(f"{prog}: {message} (see --help)", file=sys.stderr)
    return 2
