"""Keep bookmark passwords out of the logs.

slixmpp logs every stanza it sends and receives at DEBUG ("SEND: …",
"RECV: …") and some whole stanzas at ERROR (a timed-out request). A
bookmark's room password travels in ``<password>…</password>``, so a filter
on slixmpp's loggers replaces the text of every ``<password>`` element with
``[redacted]`` before any handler sees the record.

Logger filters apply only to records created on that very logger (not its
children), so the filter is put on every ``slixmpp`` logger that exists and
on the ones known to log stanzas; :func:`install` can be called again after
more plugins were loaded.
"""

from __future__ import annotations

import logging
import re

_PASSWORD = re.compile(
    r"(<(?:[\w.-]+:)?password\b[^>]*>)(.*?)(</(?:[\w.-]+:)?password\s*>)", re.DOTALL
)
REDACTED = "[redacted]"
#: The slixmpp loggers known to write whole stanzas.
STANZA_LOGGERS = (
    "slixmpp",
    "slixmpp.xmlstream.xmlstream",
    "slixmpp.basexmpp",
    "slixmpp.clientxmpp",
    "slixmpp.stanza.rootstanza",
    "slixmpp.xmlstream.handler.waiter",
)


def redact(text: str) -> str:
    """``text`` with the content of every ``<password>`` element replaced."""
    return _PASSWORD.sub(lambda m: m.group(1) + REDACTED + m.group(3), text)


class PasswordFilter(logging.Filter):
    """Rewrite a record's message so no ``<password>`` content remains."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "password" in message:
            record.msg = redact(message)
            record.args = None
        return True


_FILTER = PasswordFilter()


def install() -> None:
    """Put the password filter on every slixmpp logger (once per logger)."""
    names = set(STANZA_LOGGERS) | {
        name for name in logging.root.manager.loggerDict if name.startswith("slixmpp")
    }
    for name in names:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
