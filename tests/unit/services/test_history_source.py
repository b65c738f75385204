"""Which protocol an account's history comes from, by what its server offers."""

from __future__ import annotations

from archiveviewer.services.history import DEFAULT_WHEN_BOTH, HistorySource, choose_source

XEP_0136 = {"urn:xmpp:archive", "urn:xmpp:archive:manage", "urn:xmpp:archive:manual"}
MAM = {"urn:xmpp:mam:2", "urn:xmpp:mam:2#extended"}


def test_a_server_with_only_a_message_archive_is_read_with_it() -> None:
    assert choose_source(MAM) is HistorySource.MESSAGE_ARCHIVE


def test_a_server_with_only_collections_is_read_with_them() -> None:
    assert choose_source(XEP_0136) is HistorySource.COLLECTIONS


def test_when_both_are_offered_the_stated_default_holds_unless_the_user_chose() -> None:
    assert DEFAULT_WHEN_BOTH is HistorySource.COLLECTIONS
    assert choose_source(XEP_0136 | MAM) is DEFAULT_WHEN_BOTH
    chosen = HistorySource.MESSAGE_ARCHIVE
    assert choose_source(XEP_0136 | MAM, preferred=chosen) is chosen


def test_a_choice_the_server_cannot_honour_falls_back_to_what_it_offers() -> None:
    assert choose_source(MAM, preferred=HistorySource.COLLECTIONS) is HistorySource.MESSAGE_ARCHIVE


def test_a_server_with_neither_has_no_history_source() -> None:
    assert choose_source({"jabber:iq:roster"}) is None
