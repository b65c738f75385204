"""Archiving preferences and automatic archiving of one account, for the window and the CLI.

:class:`PrefsService` implements :class:`archiveviewer.ports.prefs.ArchivingPreferences`
over the account's :class:`~archiveviewer.services.connection.Connection`: it checks
every value with :mod:`archiveviewer.protocol.pref_rules` before sending (so a
refused value never reaches the server), sends through the XEP-0136 plugin,
turns the server's refusals into sentences about preferences, and forwards
pushes from the user's other resources and reconnections to whoever watches.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace

from archiveviewer.domain import AutoArchiving, Contact, Dialect, MethodUse, Prefs, SaveRule
from archiveviewer.errors import KnownError, ServerError
from archiveviewer.ports.prefs import (
    EXPIRY_UNITS,
    ChangeKind,
    Checked,
    EffectivePolicy,
    PreferenceRefused,
    PrefsCapabilities,
    PrefsChange,
    PrefsSnapshot,
    PrefsUnavailable,
    PrefsWatcher,
)
from archiveviewer.protocol import pref_policy, pref_rules
from archiveviewer.protocol.features import ArchiveSupport
from archiveviewer.protocol.pref_rules import Advice, ExpiryUnit, Problem
from archiveviewer.services.connection import Connection
from archiveviewer.xmpp.session import AccountSession, SessionState, StateChange
from archiveviewer.xmpp.xep_0136 import XEP_0136

log = logging.getLogger(__name__)

_UNITS = {
    "seconds": ExpiryUnit.SECONDS,
    "days": ExpiryUnit.DAYS,
    "months": ExpiryUnit.MONTHS,
    "years": ExpiryUnit.YEARS,
}
assert set(_UNITS) == set(EXPIRY_UNITS)

NO_PREFS = (
    "This server does not let clients read or change archiving preferences: "
    "it archives (or not) by its own rules."
)
NO_ARCHIVING = "This server does not offer message archiving, so it has no archiving preferences."
AUTO_ON_NOTICE = (
    "Your server is archiving this connection's messages automatically, though you did not "
    "switch it on. Everything you send and receive is kept on the server, including messages "
    "of contacts who asked you not to keep them. You can switch it off in Archiving "
    "preferences, unless your server requires it."
)

#: What a refusal by condition means for each change (the server's own text is added).
_REFUSED_RULE = {
    "feature-not-implemented": (
        "The server refused this preference: it does not save whole messages while "
        "automatic archiving is on, or its administrator requires that messages are archived."
    ),
    "not-acceptable": (
        "The server refused this preference: its administrator requires that messages are "
        "archived, so it cannot save less."
    ),
    "not-allowed": "The server does not allow you to change this preference.",
}
_REFUSED_AUTO = {
    "feature-not-implemented": (
        "The server refused to change automatic archiving: it cannot do what your preferences "
        "ask (whole messages, or encryption), or its administrator requires archiving."
    ),
    "not-allowed": (
        "Your server's administrator requires that every message is archived, so automatic "
        "archiving cannot be switched off."
    ),
}
_REFUSED_REMOVE = {"item-not-found": "The server holds no preference for this contact."}


class PrefsService:
    """One account's archiving preferences (``ArchivingPreferences``)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._watchers: list[PrefsWatcher] = []
        self._attached: AccountSession | None = None
        self._was_lost = False
        self._told_auto = False
        self._auto_changed_by_user = False

    @property
    def connection(self) -> Connection:
        """The account's connection this service works over."""
        return self._connection

    # --- reading ---------------------------------------------------------------------------

    async def load(self) -> PrefsSnapshot:
        """The current preferences; PrefsUnavailable when the server has none to offer."""
        archive, support = await self._archive("read the archiving preferences")
        prefs = await archive.get_prefs()
        return PrefsSnapshot(prefs, capabilities_of(support))

    async def capabilities(self) -> PrefsCapabilities:
        """What the server speaks and offers (no preferences are read)."""
        _, support = await self._archive("read the archiving preferences")
        return capabilities_of(support)

    async def contacts(self) -> tuple[Contact, ...]:
        """The roster, for picking a contact (empty when it cannot be read)."""
        network = self._connection.network
        if network is None or not network.connected:
            return ()
        try:
            return await network.roster()
        except KnownError as error:
            log.info("no roster for the contact picker: %s", error.user_message)
            return ()

    # --- checking (no network) ----------------------------------------------------------------

    def check_rule(self, rule: SaveRule, dialect: Dialect) -> Checked:
        """What would be refused or advised against in ``rule``, without sending."""
        return _checked(pref_rules.check_rule(rule, dialect), pref_rules.advice_for(rule, dialect))

    def check_auto(self, auto: AutoArchiving, capabilities: PrefsCapabilities) -> Checked:
        """What would be refused in ``auto``, without sending."""
        problems = pref_rules.check_auto(
            auto, capabilities.dialect, can_encrypt=capabilities.encrypt
        )
        return _checked(problems, ())

    def check_methods(self, methods: Iterable[tuple[str, MethodUse]], dialect: Dialect) -> Checked:
        """What would be refused among ``methods``."""
        problems = [p for kind, use in methods for p in pref_rules.check_method(kind, use, dialect)]
        return _checked(problems, ())

    def expiry(self, amount: str, unit: str) -> int:
        """``amount`` of ``unit`` in seconds; PreferenceRefused (field ``expire``) if not whole."""
        problem = pref_rules.expiry_problem(amount, _unit(unit))
        if problem is not None:
            raise PreferenceRefused({problem.field: problem.reason})
        return pref_rules.expiry_seconds(amount, _unit(unit))

    def expiry_parts(self, seconds: int) -> tuple[int, str]:
        """``seconds`` as (count, unit name), in the largest unit that counts it exactly."""
        count, unit = pref_rules.expiry_in_units(seconds)
        return count, next(name for name, u in _UNITS.items() if u is unit)

    def describe_expiry(self, seconds: int | None) -> str:
        """``never``, ``1 year``, ``30 days``."""
        return pref_rules.describe_expiry(seconds)

    def effective(self, prefs: Prefs, jid: str, dialect: Dialect) -> EffectivePolicy:
        """Which rule applies to ``jid``; PreferenceRefused (field ``jid``) for a bad JID."""
        try:
            found = pref_policy.effective_rule(prefs, jid, dialect)
        except ValueError as error:
            raise PreferenceRefused({pref_rules.JID_FIELD: str(error)}) from None
        return EffectivePolicy(
            found.jid, found.rule, found.source.value, found.reason, found.summary
        )

    # --- changing -------------------------------------------------------------------------------

    async def save_default(self, rule: SaveRule) -> None:
        """Check, then set the default (a choice now, so never "unset")."""
        archive, support = await self._archive("change the default archiving preference")
        chosen = replace(rule, jid=None, unset=False)
        _refuse(pref_rules.check_rule(chosen, support.dialect))
        await _refusals(archive.set_default(chosen), _REFUSED_RULE)

    async def save_item(self, rule: SaveRule) -> None:
        """Check, then set the preference for the contact ``rule.jid``."""
        archive, support = await self._archive("change the contact's archiving preference")
        chosen = replace(rule, jid=(rule.jid or "").strip(), unset=False)
        _refuse(pref_rules.check_rule(chosen, support.dialect))
        await _refusals(archive.set_item(chosen), _REFUSED_RULE)

    async def remove_item(self, jid: str) -> None:
        """Remove the contact's preference (1.x ``itemremove``); refused in the seed dialect."""
        archive, support = await self._archive("remove the contact's archiving preference")
        if support.dialect is Dialect.SEED:
            raise PreferenceRefused(
                {
                    "remove": (
                        "This server (2007 draft of message archiving) cannot remove a "
                        f"contact's preference; set the one for {jid} to the default's "
                        "values instead."
                    )
                }
            )
        _refuse(pref_rules.check_jid(jid))
        await _refusals(archive.remove_item(jid.strip()), _REFUSED_REMOVE)

    async def save_methods(self, methods: tuple[tuple[str, MethodUse], ...]) -> None:
        """Check, then set how clients should use each archiving method."""
        archive, support = await self._archive("change the archiving methods")
        problems = [
            p for kind, use in methods for p in pref_rules.check_method(kind, use, support.dialect)
        ]
        _refuse(problems)
        await _refusals(archive.set_methods(methods), _REFUSED_RULE)

    async def set_auto(self, auto: AutoArchiving) -> None:
        """Check, then switch automatic archiving of this connection on or off."""
        archive, support = await self._archive("change automatic archiving")
        can_encrypt = support.encrypt and support.dialect is Dialect.SEED
        _refuse(pref_rules.check_auto(auto, support.dialect, can_encrypt=can_encrypt))
        await _refusals(archive.set_auto(auto.save, auto.encrypt, scope=auto.scope), _REFUSED_AUTO)
        self._auto_changed_by_user = True

    # --- what happens elsewhere -----------------------------------------------------------------

    def watch(self, watcher: PrefsWatcher) -> Callable[[], None]:
        """Call ``watcher`` with every push and reconnection; returns the way to stop."""
        self._watchers.append(watcher)
        network = self._connection.network
        if network is not None:
            self._attach(network)

        def stop() -> None:
            if watcher in self._watchers:
                self._watchers.remove(watcher)

        return stop

    async def auto_archiving_notice(self) -> str | None:
        """The warning, once, when a new stream starts with automatic archiving on.

        The seed says automatic archiving MUST default to off on each new
        stream, and both versions call the opposite a serious privacy issue
        (Security Considerations); a server may still do it by policy.
        """
        network = self._connection.network
        if self._told_auto or self._auto_changed_by_user or network is None:
            return None
        if not network.connected:
            return None
        try:
            archive, _ = await self._archive("read the archiving preferences")
            prefs = await archive.get_prefs()
        except KnownError as error:
            log.info("automatic archiving not checked: %s", error.user_message)
            return None
        if prefs.auto is None or not prefs.auto.save:
            return None
        self._told_auto = True
        return AUTO_ON_NOTICE

    # --- inside -----------------------------------------------------------------------------------

    async def _archive(self, action: str) -> tuple[XEP_0136, ArchiveSupport]:
        session = self._connection.require(action)
        self._attach(session)
        archive = session.archive
        try:
            support = archive.support or await archive.discover()
        except ServerError as error:
            if error.condition == "feature-not-implemented":
                raise PrefsUnavailable(NO_ARCHIVING) from None
            raise
        if not support.pref:
            raise PrefsUnavailable(NO_PREFS)
        return archive, support

    def _attach(self, session: AccountSession) -> None:
        """Listen to this session's pushes and state (once; a new session replaces the old)."""
        if session is self._attached:
            return
        old = self._attached
        if old is not None:
            old.archive.remove_prefs_listener(self._pushed)
            old.archive.remove_removal_listener(self._removed)
        session.archive.add_prefs_listener(self._pushed)
        session.archive.add_removal_listener(self._removed)
        # A session cannot forget a state listener: one of an older session is ignored.
        session.add_state_listener(lambda change: self._state(session, change))
        self._attached = session

    def _pushed(self, prefs: Prefs) -> None:
        self._tell(PrefsChange(ChangeKind.PUSHED, prefs=prefs))

    def _removed(self, jids: tuple[str, ...]) -> None:
        self._tell(PrefsChange(ChangeKind.REMOVED, removed=jids))

    def _state(self, session: AccountSession, change: StateChange) -> None:
        if session is not self._attached:
            return
        if change.state is SessionState.RECONNECTING:
            self._was_lost = True
        elif change.state is SessionState.CONNECTED and self._was_lost:
            self._was_lost = False
            self._auto_changed_by_user = False  # a new stream starts from the server's default
            self._tell(PrefsChange(ChangeKind.RECONNECTED))

    def _tell(self, change: PrefsChange) -> None:
        for watcher in list(self._watchers):
            watcher(change)


def capabilities_of(support: ArchiveSupport) -> PrefsCapabilities:
    """What the dialog may offer on a server with ``support``."""
    dialect = support.dialect
    urn = dialect is Dialect.URN
    return PrefsCapabilities(
        dialect=dialect,
        save_modes=pref_rules.SAVE_MEANINGS[dialect],
        otr_modes=pref_rules.OTR_MEANINGS[dialect],
        method_uses=pref_rules.USE_MEANINGS[dialect],
        method_types=tuple(pref_rules.METHOD_MEANINGS.items()),
        auto_scopes=tuple(pref_rules.SCOPE_MEANINGS.items()) if urn else (),
        auto=support.auto,
        encrypt=support.encrypt and not urn,
        remove_items=urn,
        exactmatch=urn,
    )


def _unit(name: str) -> ExpiryUnit:
    try:
        return _UNITS[name]
    except KeyError:
        raise PreferenceRefused(
            {pref_rules.EXPIRE: f"“{name[:16]}” is not a unit: days, months, years or seconds."}
        ) from None


def _checked(problems: Iterable[Problem], advice: Iterable[Advice]) -> Checked:
    refused: dict[str, str] = {}
    for problem in problems:
        refused[problem.field] = " ".join(
            filter(None, (refused.get(problem.field), problem.reason))
        )
    advised: dict[str, str] = {}
    for item in advice:
        advised[item.field] = " ".join(filter(None, (advised.get(item.field), item.text)))
    return Checked(refused, advised)


def _refuse(problems: Iterable[Problem]) -> None:
    checked = _checked(problems, ())
    if checked.problems:
        raise PreferenceRefused(checked.problems)


async def _refusals(request: Awaitable[None], sentences: dict[str, str]) -> None:
    """Await the plugin's request; a refusal the table knows becomes its sentence."""
    try:
        await request
    except ServerError as error:
        sentence = sentences.get(error.condition)
        if sentence is None:
            raise
        if error.text:
            sentence += f" The server said: “{error.text}”"
        raise ServerError(
            sentence, condition=error.condition, error_type=error.error_type, text=error.text
        ) from None
