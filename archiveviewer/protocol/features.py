"""What a server's service discovery features say about its XEP-0136 support.

The seed advertises ``http://jabber.org/protocol/archive#auto`` (and
``#encrypt``, ``#manage``, ``#manual``, ``#pref``); version 1.x advertises
``urn:xmpp:archive`` and ``urn:xmpp:archive:auto`` (``:manage``,
``:manual``, ``:pref``). Some servers (the Openfire Monitoring plugin)
advertise only part of it and answer only ``list`` and ``retrieve``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from archiveviewer.domain import Dialect
from archiveviewer.errors import ServerError

_SEPARATOR = {Dialect.SEED: "#", Dialect.URN: ":"}


@dataclass(frozen=True)
class ArchiveSupport:
    """The archiving features one dialect's namespace advertises."""

    dialect: Dialect
    auto: bool = False
    encrypt: bool = False  # seed only: server-side encryption of auto-archived collections
    manage: bool = False
    manual: bool = False
    pref: bool = False


def archive_support(features: Iterable[str]) -> list[ArchiveSupport]:
    """Every dialect the features mention, the seed first; empty when none.

    A dialect counts as present when its bare namespace or any of its
    ``#name``/``:name`` features is advertised.
    """
    advertised = set(features)
    found = []
    for dialect in (Dialect.SEED, Dialect.URN):
        prefix = dialect.value + _SEPARATOR[dialect]
        names = {f.removeprefix(prefix) for f in advertised if f.startswith(prefix)}
        if not names and dialect.value not in advertised:
            continue
        found.append(
            ArchiveSupport(
                dialect=dialect,
                auto="auto" in names,
                encrypt="encrypt" in names,
                manage="manage" in names,
                manual="manual" in names,
                pref="pref" in names,
            )
        )
    return found


def choose_support(features: Iterable[str], prefer: Dialect) -> ArchiveSupport:
    """The dialect to use among those the disco *features* offer: *prefer* if it is there.

    Raises ServerError (``feature-not-implemented``) when none is offered.
    """
    offered = archive_support(features)
    if not offered:
        raise ServerError(
            "This server does not offer message archiving (XEP-0136).",
            condition="feature-not-implemented",
        )
    for support in offered:
        if support.dialect is prefer:
            return support
    return offered[0]
