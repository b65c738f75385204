"""Archiving preferences between XML and :class:`archiveviewer.domain.Prefs`.

``<pref/>`` holds ``<default/>``, ``<item/>``, ``<method/>`` and ``<auto/>``
in both dialects; only the allowed values differ (seed: ``all``,
``deny/allow/try/require``, ``allow/never``; urn: ``message``/``stream``,
``approve/concede/forbid/oppose/prefer/require``, ``concede/forbid``).
Reading accepts either set; writing refuses a value the dialect does not
know, with a :class:`KnownError`. ``urn:xmpp:archive``'s ``<session/>``
preferences are skipped on reading: the domain model has no place for them.
"""

from __future__ import annotations

import enum
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TypeVar

from archiveviewer.domain import (
    AutoArchiving,
    Dialect,
    MethodUse,
    OtrMode,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.protocol.names import DialectNames, names_of
from archiveviewer.protocol.safexml import parse_xml
from archiveviewer.protocol.xmlutil import bool_attr, int_attr, set_attr

_E = TypeVar("_E", bound=enum.Enum)

# --- Reading -------------------------------------------------------------------------


def prefs_from_element(element: ET.Element, dialect: Dialect) -> Prefs:
    """Read a ``<pref/>`` result or push into Prefs."""
    names = names_of(dialect)
    default = element.find(names.tag("default"))
    auto = element.find(names.tag("auto"))
    return Prefs(
        default=_rule(default, jid=None) if default is not None else None,
        items=tuple(
            _rule(item, jid=_required(item, "jid")) for item in element.findall(names.tag("item"))
        ),
        methods=tuple(
            (_required(method, "type"), _enum(MethodUse, method, "use"))
            for method in element.findall(names.tag("method"))
        ),
        auto=auto_from_element(auto) if auto is not None else None,
    )


def auto_from_element(element: ET.Element) -> AutoArchiving:
    """Read ``<auto save='…' encrypt='…' scope='…'/>``."""
    save = bool_attr(element, "save")
    if save is None:
        raise MalformedInput("An <auto/> element does not say whether to save.")
    return AutoArchiving(
        save=save,
        encrypt=bool(bool_attr(element, "encrypt")),
        scope=element.get("scope"),
    )


def _rule(element: ET.Element, *, jid: str | None) -> SaveRule:
    return SaveRule(
        save=_enum(SaveMode, element, "save"),
        otr=_enum(OtrMode, element, "otr"),
        jid=jid,
        expire=int_attr(element, "expire"),
        unset=bool(bool_attr(element, "unset")),
        exactmatch=bool(bool_attr(element, "exactmatch")),
    )


def _required(element: ET.Element, name: str) -> str:
    value = element.get(name)
    if not value:
        tag = element.tag.rsplit("}", 1)[-1]
        raise MalformedInput(f"A <{tag}/> preference has no “{name}”, which it needs.")
    return value


def _enum(kind: type[_E], element: ET.Element, name: str) -> _E:
    value = _required(element, name)
    try:
        return kind(value)
    except ValueError:
        tag = element.tag.rsplit("}", 1)[-1]
        raise MalformedInput(
            f"A <{tag}/> preference has “{name}” set to “{value[:32]}”, "
            "which this program does not know."
        ) from None


# --- Writing -------------------------------------------------------------------------


def pref_element(prefs: Prefs, dialect: Dialect) -> ET.Element:
    """Write Prefs as ``<pref/>``: only the parts that are set.

    Send it in an IQ-set to change the default, some items or the methods;
    ``auto`` is written too when set (as in a result), though a client turns
    auto-archiving on and off with :func:`auto_element`.
    """
    names = names_of(dialect)
    element = ET.Element(names.tag("pref"))
    if prefs.default is not None:
        element.append(_rule_element(prefs.default, "default", names))
    element.extend([_rule_element(item, "item", names) for item in prefs.items])
    for method_type, use in prefs.methods:
        method = ET.SubElement(element, names.tag("method"))
        set_attr(method, "type", method_type)
        set_attr(method, "use", _checked(use, names.method_uses, names).value)
    if prefs.auto is not None:
        element.append(auto_element(prefs.auto, dialect))
    return element


def auto_element(
    auto: AutoArchiving, dialect: Dialect, *, key_info: Iterable[str] = ()
) -> ET.Element:
    """``<auto save='true'/>`` to switch automatic archiving of this stream on or off.

    ``encrypt`` is written in the seed only when true; ``scope`` in urn only.
    ``key_info`` are XML Signature ``<KeyInfo/>`` elements (as XML text) with
    extra public keys the server must encrypt the collections for (seed).
    """
    names = names_of(dialect)
    element = ET.Element(names.tag("auto"))
    set_attr(element, "save", auto.save)
    if dialect is Dialect.SEED and auto.encrypt:
        set_attr(element, "encrypt", True)
    if dialect is Dialect.URN:
        set_attr(element, "scope", auto.scope)
    element.extend(parse_xml(text) for text in key_info)
    return element


def itemremove_element(jids: Iterable[str]) -> ET.Element:
    """``<itemremove><item jid='…'/></itemremove>`` (urn only): forget contacts' preferences."""
    names = names_of(Dialect.URN)
    element = ET.Element(names.tag("itemremove"))
    for jid in jids:
        set_attr(ET.SubElement(element, names.tag("item")), "jid", jid)
    return element


def itemremove_jids(element: ET.Element) -> tuple[str, ...]:
    """The JIDs of an ``<itemremove/>`` push (urn only): contacts whose preference is gone."""
    names = names_of(Dialect.URN)
    return tuple(_required(item, "jid") for item in element.findall(names.tag("item")))


def sessionremove_element(threads: Iterable[str]) -> ET.Element:
    """``<sessionremove><session thread='…'/></sessionremove>`` (urn only)."""
    names = names_of(Dialect.URN)
    element = ET.Element(names.tag("sessionremove"))
    for thread in threads:
        set_attr(ET.SubElement(element, names.tag("session")), "thread", thread)
    return element


def _rule_element(rule: SaveRule, local: str, names: DialectNames) -> ET.Element:
    element = ET.Element(names.tag(local))
    set_attr(element, "jid", rule.jid if local == "item" else None)
    set_attr(element, "save", _checked(rule.save, names.save_modes, names).value)
    set_attr(element, "otr", _checked(rule.otr, names.otr_modes, names).value)
    set_attr(element, "expire", rule.expire)
    if rule.unset:
        set_attr(element, "unset", True)
    if rule.exactmatch and (local != "item" or names.dialect is not Dialect.URN):
        raise KnownError(
            "Exact matching exists only for contact preferences, on servers that speak "
            "the newer archiving protocol (urn:xmpp:archive)."
        )
    if rule.exactmatch:
        set_attr(element, "exactmatch", True)
    return element


def _checked(value: _E, allowed: frozenset[_E], names: DialectNames) -> _E:
    if value not in allowed:
        raise KnownError(
            f"The setting “{value.value}” does not exist in the archiving protocol "
            f"this server speaks ({names.ns})."
        )
    return value
