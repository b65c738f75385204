"""What the preferences dialog shows after a push or a removal: the old preferences, updated."""

from __future__ import annotations

from dataclasses import replace

from archiveviewer.domain import Prefs


def merge(prefs: Prefs, pushed: Prefs) -> Prefs:
    """*prefs* with what a push changed (a push holds only what changed)."""
    items = {(item.jid or "").lower(): item for item in prefs.items}
    items.update({(item.jid or "").lower(): item for item in pushed.items})
    methods = dict(prefs.methods) | dict(pushed.methods)
    return Prefs(
        default=pushed.default or prefs.default,
        items=tuple(items.values()),
        methods=tuple(methods.items()),
        auto=pushed.auto or prefs.auto,
    )


def without(prefs: Prefs, jids: tuple[str, ...]) -> Prefs:
    """*prefs* without the items of *jids*."""
    gone = {jid.lower() for jid in jids}
    return replace(prefs, items=tuple(i for i in prefs.items if (i.jid or "").lower() not in gone))
