"""Bookmark passwords never reach a log handler, whatever slixmpp logs."""

import logging

import pytest

from archiveviewer.xmpp import redact

STANZA = (
    "<iq type='set'><query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'>"
    "<conference jid='r@m.example'><nick>n</nick><password>hunter2</password></conference>"
    "</storage></query></iq>"
)


def test_redact_replaces_every_password_text() -> None:
    text = STANZA + "<ns0:password xmlns:ns0='urn:x'>\nsecond secret\n</ns0:password>"
    redacted = redact.redact(text)
    assert "hunter2" not in redacted
    assert "second secret" not in redacted
    assert "<nick>n</nick>" in redacted
    assert redacted.count(redact.REDACTED) == 2


@pytest.mark.parametrize(
    "logger_name", ["slixmpp.xmlstream.xmlstream", "slixmpp.basexmpp", "slixmpp.plugins.anything"]
)
def test_slixmpp_loggers_never_write_the_password(
    logger_name: str, caplog: pytest.LogCaptureFixture
) -> None:
    logging.getLogger(logger_name)  # exists before install, as slixmpp's do after import
    redact.install()
    with caplog.at_level(logging.DEBUG):
        logging.getLogger(logger_name).debug("SEND: %s", STANZA)
        logging.getLogger(logger_name).error("Request timed out: %s", STANZA)
    assert caplog.records
    assert "hunter2" not in caplog.text
    assert redact.REDACTED in caplog.text
