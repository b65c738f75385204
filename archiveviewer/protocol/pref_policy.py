"""Which preference the server applies to a conversation with a JID, and why.

XEP-0136 1.x, "JID Matching" and "Preferences precedence rules": an item with
a full JID matches that JID only; a bare JID matches any of its resources; a
domain matches anyone there; with ``exactmatch`` a bare JID or a domain
matches only itself. The most specific matching item wins (full, then bare,
then domain, as servers implement "the item that matches"); with none, the
default applies. The seed says the same of items (bare, full or domain) and
has no ``exactmatch``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from slixmpp.jid import JID, InvalidJID

from archiveviewer.domain import Dialect, OtrMode, Prefs, SaveMode, SaveRule
from archiveviewer.protocol.pref_rules import describe_expiry


class Source(enum.Enum):
    """Where the applying rule comes from."""

    FULL_JID = "full JID item"
    BARE_JID = "bare JID item"
    DOMAIN = "domain item"
    DEFAULT = "default"
    SERVER_DEFAULT = "server default"  # <default unset='true'/>, or no default reported


@dataclass(frozen=True)
class Effective:
    """The rule that applies to a JID, where it comes from, and the reason in a sentence."""

    jid: str
    rule: SaveRule | None
    source: Source
    reason: str

    @property
    def summary(self) -> str:
        """What happens to the conversation, e.g. "message text saved, kept 1 year"."""
        return describe_rule(self.rule)


def describe_rule(rule: SaveRule | None) -> str:
    """A rule in words: what is saved, for how long, and the OTR mode."""
    if rule is None:
        return "whatever the server does by default (it did not say)"
    saved = {
        SaveMode.FALSE: "nothing saved",
        SaveMode.BODY: "message text saved",
        SaveMode.ALL: "whole messages saved",
        SaveMode.MESSAGE: "whole messages saved",
        SaveMode.STREAM: "the whole stream saved",
    }[rule.save]
    kept = f", kept {describe_expiry(rule.expire)}" if rule.expire is not None else ", kept forever"
    kept = "" if rule.save is SaveMode.FALSE else kept
    otr = "always off the record" if rule.otr is OtrMode.REQUIRE else f"OTR “{rule.otr.value}”"
    return f"{saved}{kept}; {otr}"


@dataclass(frozen=True)
class _Address:
    node: str
    domain: str
    resource: str

    @property
    def bare(self) -> str:
        return f"{self.node}@{self.domain}" if self.node else self.domain

    @property
    def full(self) -> str:
        return f"{self.bare}/{self.resource}" if self.resource else self.bare


def _address(text: str) -> _Address | None:
    try:
        jid = JID(text.strip())
    except InvalidJID:
        return None
    if not jid.domain:
        return None
    return _Address(jid.user, jid.domain, jid.resource)


def effective_rule(prefs: Prefs, jid: str, dialect: Dialect) -> Effective:
    """The preference that applies to conversations with *jid*; ValueError for a bad JID."""
    target = _address(jid)
    if target is None:
        raise ValueError(f"“{jid[:64]}” is not a valid JID.")
    skipped: list[str] = []
    best: tuple[int, SaveRule, Source] | None = None
    for item in prefs.items:
        if item.jid is None:
            continue
        address = _address(item.jid)
        if address is None:
            continue
        match = _match(address, target, exact=item.exactmatch and dialect is Dialect.URN)
        if match is None:
            if _would_match_without_exact(address, target):
                skipped.append(address.full)
            continue
        if best is None or match[0] < best[0]:
            best = (match[0], item, match[1])
    if best is not None:
        _, rule, source = best
        return Effective(target.full, rule, source, _reason(source, rule, target))
    return _default(prefs, target, skipped)


def _match(item: _Address, target: _Address, *, exact: bool) -> tuple[int, Source] | None:
    """(specificity, source) when *item* matches *target*; 0 is the most specific."""
    if item.resource:
        return (0, Source.FULL_JID) if item.full == target.full else None
    if item.node:
        if item.bare != target.bare or (exact and target.resource):
            return None
        return 1, Source.BARE_JID
    if item.domain != target.domain or (exact and (target.node or target.resource)):
        return None
    return 2, Source.DOMAIN


def _would_match_without_exact(item: _Address, target: _Address) -> bool:
    return not item.resource and _match(item, target, exact=False) is not None


def _reason(source: Source, rule: SaveRule, target: _Address) -> str:
    where = rule.jid or ""
    exact = " (exact match)" if rule.exactmatch else ""
    if source is Source.FULL_JID:
        return f"Your preference for {where} applies: it names this very resource."
    if source is Source.BARE_JID:
        resources = "" if rule.exactmatch else " and every resource of it"
        return f"Your preference for {where}{exact} applies to {target.bare}{resources}."
    who = f"{where} itself" if rule.exactmatch else f"everyone at {where}"
    return f"Your preference for the domain {where}{exact} applies to {who}."


def _default(prefs: Prefs, target: _Address, skipped: list[str]) -> Effective:
    names = " or ".join(dict.fromkeys([target.full, target.bare, target.domain]))
    reason = f"You have no preference for {names}, so the default applies."
    if skipped:
        listed = ", ".join(skipped)
        reason = (
            f"Your preference for {listed} matches that address exactly, not {target.full}; "
            "so the default applies."
        )
    default = prefs.default
    if default is None:
        return Effective(
            target.full, None, Source.SERVER_DEFAULT, reason + " The server did not report one."
        )
    if default.unset:
        return Effective(
            target.full,
            default,
            Source.SERVER_DEFAULT,
            reason + " You never chose one: this is the server's own default.",
        )
    return Effective(target.full, default, Source.DEFAULT, reason)
