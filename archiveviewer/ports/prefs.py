"""What the Preferences dialog is given: the account's archiving preferences, as a Protocol.

:class:`ArchivingPreferences` is implemented by :mod:`archiveviewer.services.prefs`
(over the account's connection) and by the tests' fakes. Everything it hands
over is a plain frozen value: the preferences themselves (:class:`~archiveviewer.domain.Prefs`),
what the server's dialect allows (:class:`PrefsCapabilities`, with a one-line
meaning per value), the result of checking a value before it is sent
(:class:`Checked`) and which rule applies to a JID (:class:`EffectivePolicy`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from archiveviewer.domain import (
    AutoArchiving,
    Contact,
    Dialect,
    MethodUse,
    OtrMode,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.errors import Fault, KnownError

#: Units the dialog offers for an expiry; "never" is no expiry at all.
EXPIRY_UNITS = ("days", "months", "years", "seconds")


class PreferenceRefused(KnownError):
    """Values that were not sent because the specification forbids them.

    ``reasons`` maps each refused field (``save``, ``otr``, ``expire``, ``jid``,
    ``exactmatch``, ``use``, ``type``, ``scope``, ``encrypt``) to its sentence.
    """

    fault = Fault.LOCAL

    def __init__(self, reasons: Mapping[str, str]) -> None:
        super().__init__(" ".join(reasons.values()))
        self.reasons = dict(reasons)


class PrefsUnavailable(KnownError):
    """The server offers no archiving preferences; the sentence says why."""

    fault = Fault.REMOTE


@dataclass(frozen=True)
class PrefsCapabilities:
    """What the account's server speaks and offers, with a one-line meaning for each value."""

    dialect: Dialect
    save_modes: tuple[tuple[SaveMode, str], ...]
    otr_modes: tuple[tuple[OtrMode, str], ...]
    method_uses: tuple[tuple[MethodUse, str], ...]
    method_types: tuple[tuple[str, str], ...]
    #: ``<auto scope='…'/>`` values (1.x only; empty in the seed).
    auto_scopes: tuple[tuple[str, str], ...] = ()
    #: The server advertises automatic archiving.
    auto: bool = False
    #: Encrypted automatic archiving can be offered (seed dialect and ``#encrypt``).
    encrypt: bool = False
    #: Contact preferences can be removed (1.x ``itemremove``); else only changed.
    remove_items: bool = False
    #: Contact preferences can match exactly (1.x ``exactmatch``).
    exactmatch: bool = False

    @property
    def speaks(self) -> str:
        """The dialect in words, for a line in the dialog."""
        if self.dialect is Dialect.SEED:
            return "message archiving, 2007 draft (http://jabber.org/protocol/archive)"
        return "message archiving 1.x (urn:xmpp:archive)"


@dataclass(frozen=True)
class PrefsSnapshot:
    """The preferences as the server holds them now, and what it allows."""

    prefs: Prefs
    capabilities: PrefsCapabilities


@dataclass(frozen=True)
class Checked:
    """A value checked before sending: refused fields and advice, each with a sentence."""

    problems: Mapping[str, str] = field(default_factory=dict)
    advice: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class EffectivePolicy:
    """Which rule the server applies to conversations with ``jid``, and why."""

    jid: str
    rule: SaveRule | None
    #: "full JID item", "bare JID item", "domain item", "default", "server default".
    source: str
    reason: str
    #: What happens, e.g. "message text saved, kept 1 year; OTR “concede”".
    summary: str


class ChangeKind(enum.Enum):
    """What a :class:`PrefsChange` reports."""

    PUSHED = "pushed"  # another resource changed something: ``prefs`` holds what changed
    REMOVED = "removed"  # contact preferences were removed: ``removed`` names them
    RECONNECTED = "reconnected"  # a new stream: load again


@dataclass(frozen=True)
class PrefsChange:
    """A change the dialog did not make itself (a push from another resource, a reconnect)."""

    kind: ChangeKind
    prefs: Prefs = field(default_factory=Prefs)
    removed: tuple[str, ...] = ()


PrefsWatcher = Callable[[PrefsChange], None]


class ArchivingPreferences(Protocol):
    """One account's archiving preferences on its server."""

    async def load(self) -> PrefsSnapshot:
        """The current preferences; PrefsUnavailable when the server has none to offer."""
        ...

    async def save_default(self, rule: SaveRule) -> None:
        """Check, then set the default; PreferenceRefused before sending when it breaks a rule."""
        ...

    async def save_item(self, rule: SaveRule) -> None:
        """Check, then set the preference for the contact ``rule.jid``."""
        ...

    async def remove_item(self, jid: str) -> None:
        """Remove the contact's preference (1.x); KnownError where the dialect cannot."""
        ...

    async def save_methods(self, methods: tuple[tuple[str, MethodUse], ...]) -> None:
        """Check, then set how clients should use each archiving method."""
        ...

    async def set_auto(self, auto: AutoArchiving) -> None:
        """Check, then switch automatic archiving of this connection on or off."""
        ...

    def check_rule(self, rule: SaveRule, dialect: Dialect) -> Checked:
        """What would be refused or advised against in ``rule``, without sending."""
        ...

    def check_auto(self, auto: AutoArchiving, capabilities: PrefsCapabilities) -> Checked:
        """What would be refused in ``auto``, without sending."""
        ...

    def expiry(self, amount: str, unit: str) -> int:
        """``amount`` of ``unit`` (see EXPIRY_UNITS) in seconds; PreferenceRefused if not whole."""
        ...

    def expiry_parts(self, seconds: int) -> tuple[int, str]:
        """``seconds`` as (count, unit), in the largest unit that counts it exactly."""
        ...

    def describe_expiry(self, seconds: int | None) -> str:
        """``never``, ``1 year``, ``30 days``."""
        ...

    def effective(self, prefs: Prefs, jid: str, dialect: Dialect) -> EffectivePolicy:
        """Which rule applies to ``jid``; PreferenceRefused (field ``jid``) for a bad JID."""
        ...

    def watch(self, watcher: PrefsWatcher) -> Callable[[], None]:
        """Call ``watcher`` with every change made elsewhere; returns the way to stop."""
        ...

    async def contacts(self) -> tuple[Contact, ...]:
        """The roster, for picking a contact (empty when it cannot be read)."""
        ...

    async def auto_archiving_notice(self) -> str | None:
        """A warning the first time a new stream starts with automatic archiving on; else None."""
        ...
