"""Which XEP-0136 dialects a server's disco features announce."""

from __future__ import annotations

from archiveviewer.domain import Dialect
from archiveviewer.protocol.features import ArchiveSupport, archive_support

SEED_FEATURES = [  # the seed's "Server Service Discovery response"
    "http://jabber.org/protocol/archive#auto",
    "http://jabber.org/protocol/archive#encrypt",
    "http://jabber.org/protocol/archive#manage",
    "http://jabber.org/protocol/archive#manual",
    "http://jabber.org/protocol/archive#pref",
]
URN_FEATURES = [  # XEP-0136 1.x
    "urn:xmpp:archive",
    "urn:xmpp:archive:auto",
    "urn:xmpp:archive:manage",
    "urn:xmpp:archive:manual",
    "urn:xmpp:archive:pref",
]


def test_the_seeds_features() -> None:
    assert archive_support(["http://jabber.org/protocol/disco#info", *SEED_FEATURES]) == [
        ArchiveSupport(Dialect.SEED, auto=True, encrypt=True, manage=True, manual=True, pref=True)
    ]


def test_version_one_features() -> None:
    assert archive_support(URN_FEATURES) == [
        ArchiveSupport(Dialect.URN, auto=True, manage=True, manual=True, pref=True)
    ]


def test_a_server_with_only_auto_and_manage_is_still_found() -> None:
    assert archive_support(["urn:xmpp:archive:auto", "urn:xmpp:archive:manage"]) == [
        ArchiveSupport(Dialect.URN, auto=True, manage=True)
    ]


def test_both_dialects_come_seed_first_and_none_is_empty() -> None:
    both = archive_support(URN_FEATURES + SEED_FEATURES)
    assert [s.dialect for s in both] == [Dialect.SEED, Dialect.URN]
    assert archive_support(["urn:xmpp:mam:2", "urn:xmpp:archived"]) == []
