"""The rules of archiving preferences, checked before anything is sent.

Both dialects (seed section "Archiving Preferences"; 1.x "Preference Syntax")
say the same things in different words: which Save Modes, OTR Modes and
method uses exist, that OTR ``require`` means Save ``false``, that ``expire``
is a whole number of seconds. Each check answers with :class:`Problem` values
(one per field, with the reason in a sentence) or :class:`Advice` (allowed,
but the specification warns about it), so that a window can show the reason
next to the field and a command line can print it. Nothing here sends.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from slixmpp.jid import JID, InvalidJID

from archiveviewer.domain import AutoArchiving, Dialect, MethodUse, OtrMode, SaveMode, SaveRule

#: Field names shared by :class:`Problem` and :class:`Advice`.
SAVE, OTR, EXPIRE, JID_FIELD, EXACTMATCH = "save", "otr", "expire", "jid", "exactmatch"
USE, TYPE, SCOPE, ENCRYPT = "use", "type", "scope", "encrypt"

METHOD_TYPES = ("auto", "local", "manual")
AUTO_SCOPES = ("stream", "global")


@dataclass(frozen=True)
class Problem:
    """A value the server must not be sent: the field and why, in a sentence."""

    field: str
    reason: str


@dataclass(frozen=True)
class Advice:
    """A value the dialect allows but advises against, and what the specification says."""

    field: str
    text: str


# --- what each dialect defines, each value in one line --------------------------------

SAVE_MEANINGS: dict[Dialect, tuple[tuple[SaveMode, str], ...]] = {
    Dialect.SEED: (
        (SaveMode.FALSE, "Save nothing."),
        (SaveMode.BODY, "Save the text of each message only."),
        (SaveMode.ALL, "Save whole messages, with everything they carry."),
    ),
    Dialect.URN: (
        (SaveMode.FALSE, "Save nothing."),
        (SaveMode.BODY, "Save the text of each message only."),
        (SaveMode.MESSAGE, "Save whole messages, with everything they carry."),
        (SaveMode.STREAM, "Save every byte that passes over the connection."),
    ),
}

OTR_MEANINGS: dict[Dialect, tuple[tuple[OtrMode, str], ...]] = {
    Dialect.SEED: (
        (OtrMode.DENY, "Never off the record; send nothing if the contact requires it."),
        (OtrMode.ALLOW, "Saved unless the contact asks to go off the record."),
        (OtrMode.TRY, "Try to agree with the contact to go off the record."),
        (OtrMode.REQUIRE, "Always off the record; send nothing unless the contact agrees."),
    ),
    Dialect.URN: (
        (OtrMode.APPROVE, "Off the record only when you approve it each time."),
        (OtrMode.CONCEDE, "Off the record if the other side asks for it."),
        (OtrMode.FORBID, "Never off the record."),
        (OtrMode.OPPOSE, "Should not be off the record, even if asked."),
        (OtrMode.PREFER, "Off the record whenever possible."),
        (OtrMode.REQUIRE, "Always off the record."),
    ),
}

USE_MEANINGS: dict[Dialect, tuple[tuple[MethodUse, str], ...]] = {
    Dialect.SEED: (
        (MethodUse.PREFER, "Your clients should use it."),
        (MethodUse.ALLOW, "Your clients may use it when no preferred method works."),
        (MethodUse.NEVER, "Your clients must not use it."),
    ),
    Dialect.URN: (
        (MethodUse.PREFER, "Your clients should use it."),
        (MethodUse.CONCEDE, "Your clients may use it when no other method is available."),
        (MethodUse.FORBID, "Your clients must not use it."),
    ),
}

METHOD_MEANINGS = {
    "auto": "Automatic archiving by your server.",
    "local": "Archiving on the computer or phone itself.",
    "manual": "Your client uploading conversations to your server.",
}

SCOPE_MEANINGS = {
    "stream": "Only for this connection; the next one starts with the server's default.",
    "global": "Also for your later connections.",
}

_SPEAKS = {
    Dialect.SEED: "the 2007 draft of message archiving",
    Dialect.URN: "message archiving 1.x (urn:xmpp:archive)",
}


def save_modes(dialect: Dialect) -> tuple[SaveMode, ...]:
    """The Save Modes of *dialect*, in the specification's order."""
    return tuple(mode for mode, _ in SAVE_MEANINGS[dialect])


def otr_modes(dialect: Dialect) -> tuple[OtrMode, ...]:
    """The OTR Modes of *dialect*, in the specification's order."""
    return tuple(mode for mode, _ in OTR_MEANINGS[dialect])


def method_uses(dialect: Dialect) -> tuple[MethodUse, ...]:
    """The method ``use`` values of *dialect*."""
    return tuple(use for use, _ in USE_MEANINGS[dialect])


def _outside(value: enum.Enum, allowed: tuple[enum.Enum, ...], dialect: Dialect) -> str:
    words = ", ".join(v.value for v in allowed)
    return (
        f"“{value.value}” does not exist on this server, which speaks {_SPEAKS[dialect]} ({words})."
    )


# --- checks --------------------------------------------------------------------------------


def check_rule(rule: SaveRule, dialect: Dialect) -> tuple[Problem, ...]:
    """What is wrong with a ``<default/>`` (jid None) or ``<item/>`` before it is sent."""
    problems: list[Problem] = []
    if rule.save not in save_modes(dialect):
        problems.append(Problem(SAVE, _outside(rule.save, save_modes(dialect), dialect)))
    elif rule.otr is OtrMode.REQUIRE and rule.save is not SaveMode.FALSE:
        problems.append(
            Problem(
                SAVE,
                "Off the record “require” means nothing may be saved: "
                "choose Save “false”, or another OTR mode.",
            )
        )
    if rule.otr not in otr_modes(dialect):
        problems.append(Problem(OTR, _outside(rule.otr, otr_modes(dialect), dialect)))
    if rule.expire is not None and rule.expire < 0:
        problems.append(Problem(EXPIRE, "An expiry cannot be negative."))
    if rule.jid is not None:
        problems.extend(check_jid(rule.jid))
    if rule.exactmatch and (dialect is Dialect.SEED or rule.jid is None):
        problems.append(
            Problem(
                EXACTMATCH,
                f"Exact matching exists only for contacts on servers that speak "
                f"{_SPEAKS[Dialect.URN]}; this one speaks {_SPEAKS[dialect]}."
                if dialect is Dialect.SEED
                else "Exact matching applies to a contact, not to the default.",
            )
        )
    return tuple(problems)


def check_jid(text: str) -> tuple[Problem, ...]:
    """A contact preference's JID: a full JID, a bare JID or a domain."""
    if not text.strip():
        return (Problem(JID_FIELD, "Give the contact's address (a JID) or a domain."),)
    try:
        JID(text.strip())
    except InvalidJID:
        return (Problem(JID_FIELD, f"“{text[:64]}” is not a valid JID."),)
    return ()


def advice_for(rule: SaveRule, dialect: Dialect) -> tuple[Advice, ...]:
    """What the specification advises against in an otherwise valid rule."""
    advice: list[Advice] = []
    if rule.save in (SaveMode.MESSAGE, SaveMode.ALL):
        advice.append(
            Advice(
                SAVE,
                "The specification recommends against saving whole messages: "
                "it costs bandwidth and storage, and servers need not support it.",
            )
        )
    if rule.save is SaveMode.STREAM:
        advice.append(
            Advice(
                SAVE,
                "Saving the whole stream is beyond what the protocol can upload or read back; "
                "few servers support it.",
            )
        )
    if rule.save is SaveMode.FALSE and rule.expire is not None:
        advice.append(Advice(EXPIRE, "Nothing is saved, so the expiry has no effect."))
    if rule.jid is not None and _is_full(rule.jid):
        advice.append(
            Advice(
                JID_FIELD,
                "The specification strongly recommends a bare JID (without a resource).",
            )
        )
    return tuple(advice)


def check_method(method_type: str, use: MethodUse, dialect: Dialect) -> tuple[Problem, ...]:
    """A ``<method/>``: one of auto, local, manual, with a use the dialect defines."""
    problems: list[Problem] = []
    if method_type not in METHOD_TYPES:
        problems.append(
            Problem(TYPE, f"“{method_type[:32]}” is not an archiving method: auto, local, manual.")
        )
    if use not in method_uses(dialect):
        problems.append(Problem(USE, _outside(use, method_uses(dialect), dialect)))
    return tuple(problems)


def check_auto(auto: AutoArchiving, dialect: Dialect, *, can_encrypt: bool) -> tuple[Problem, ...]:
    """``<auto/>``: ``scope`` exists in 1.x only, ``encrypt`` in the seed and with ``#encrypt``."""
    problems: list[Problem] = []
    if auto.scope is not None and dialect is Dialect.SEED:
        problems.append(
            Problem(SCOPE, f"A scope does not exist on this server ({_SPEAKS[dialect]}).")
        )
    elif auto.scope is not None and auto.scope not in AUTO_SCOPES:
        problems.append(Problem(SCOPE, f"“{auto.scope[:32]}” is not a scope: stream or global."))
    if auto.encrypt and dialect is Dialect.URN:
        problems.append(
            Problem(ENCRYPT, f"Encrypted automatic archiving does not exist in {_SPEAKS[dialect]}.")
        )
    elif auto.encrypt and not can_encrypt:
        problems.append(
            Problem(
                ENCRYPT, "This server does not offer to encrypt what it archives automatically."
            )
        )
    if auto.encrypt and not auto.save:
        problems.append(Problem(ENCRYPT, "Encryption needs automatic archiving switched on."))
    return tuple(problems)


def _is_full(jid: str) -> bool:
    try:
        return bool(JID(jid.strip()).resource)
    except InvalidJID:
        return False


# --- expiry in human units ------------------------------------------------------------------


class ExpiryUnit(enum.Enum):
    """Units a person thinks in; a month is 30 days and a year 365, as the examples count."""

    SECONDS = 1
    DAYS = 86_400
    MONTHS = 30 * 86_400
    YEARS = 365 * 86_400


_UNIT_WORDS = {
    ExpiryUnit.YEARS: ("year", "years"),
    ExpiryUnit.MONTHS: ("month", "months"),
    ExpiryUnit.DAYS: ("day", "days"),
    ExpiryUnit.SECONDS: ("second", "seconds"),
}


def expiry_problem(amount: str | Decimal, unit: ExpiryUnit) -> Problem | None:
    """Why *amount* of *unit* is no expiry (not a number, negative, not whole seconds)."""
    try:
        value = Decimal(str(amount).strip())
    except InvalidOperation:
        return Problem(EXPIRE, f"“{str(amount)[:32]}” is not a number.")
    if not value.is_finite():
        return Problem(EXPIRE, f"“{str(amount)[:32]}” is not a number.")
    if value < 0:
        return Problem(EXPIRE, "An expiry cannot be negative.")
    seconds = value * unit.value
    if seconds != seconds.to_integral_value():
        counted = "" if unit is ExpiryUnit.SECONDS else f" ({seconds.normalize():f})"
        return Problem(
            EXPIRE,
            f"{value.normalize():f} {_UNIT_WORDS[unit][1]} is not a whole number of seconds"
            f"{counted}; the server counts expiry in whole seconds.",
        )
    return None


def expiry_seconds(amount: str | Decimal, unit: ExpiryUnit) -> int:
    """*amount* of *unit* in seconds; ValueError when :func:`expiry_problem` finds one."""
    problem = expiry_problem(amount, unit)
    if problem is not None:
        raise ValueError(problem.reason)
    return int(Decimal(str(amount).strip()) * unit.value)


def expiry_in_units(seconds: int) -> tuple[int, ExpiryUnit]:
    """The largest unit that counts *seconds* exactly, and how many of it."""
    for unit in (ExpiryUnit.YEARS, ExpiryUnit.MONTHS, ExpiryUnit.DAYS):
        if seconds and seconds % unit.value == 0:
            return seconds // unit.value, unit
    return seconds, ExpiryUnit.SECONDS


def describe_expiry(seconds: int | None) -> str:
    """``never``, ``1 year``, ``30 days``, ``90 seconds``."""
    if seconds is None:
        return "never"
    count, unit = expiry_in_units(seconds)
    singular, plural = _UNIT_WORDS[unit]
    return f"{count} {singular if count == 1 else plural}"


def parse_expiry(text: str) -> int | None:
    """A command line's expiry: ``never``, seconds, or a number with ``d``, ``m`` or ``y``.

    ValueError with a sentence when it is none of these or not whole seconds.
    """
    words = text.strip().lower()
    if words == "never":
        return None
    units = {"d": ExpiryUnit.DAYS, "m": ExpiryUnit.MONTHS, "y": ExpiryUnit.YEARS, "s": None}
    unit = units.get(words[-1:]) if words else None
    number = words[:-1] if words[-1:] in units else words
    return expiry_seconds(number, unit or ExpiryUnit.SECONDS)
