"""What the archive on screen cannot do at all, and why: the reasons that disable actions.

A conversation grouped from a message archive (XEP-0313) can only be read:
its reader (the ``ActionLimits`` port) says so, and :func:`limits` turns that
into a reason per window action, which ``Actions.update`` shows as the
disabled action's tooltip and status tip.
"""

from __future__ import annotations

from typing import Any

from archiveviewer.ports.archive import ActionLimits


class Availability(dict[str, bool]):
    """Which actions are possible, and ``reasons``: why some cannot be done at all here.

    A reason (the archive's: message archives cannot remove messages or keep
    notes or subjects) disables its action whatever else holds, and becomes
    its tooltip and status tip.
    """

    def __init__(self, available: dict[str, bool], reasons: dict[str, str]) -> None:
        super().__init__(available)
        self.reasons = reasons


#: The window's actions that ``ActionLimits`` speaks of, by the limit's name.
_LIMITED = {"add_note": "note", "edit_subject": "subject", "delete_selected": "remove"}


def limits(pane: Any, browser: Any) -> dict[str, str]:
    """Why the archive on screen cannot do some actions with what is open or chosen."""
    reader = browser.archive.reader
    if not isinstance(reader, ActionLimits):
        return {}
    opened = pane.collection
    open_ids = [] if opened is None else [opened.id]
    asked = {
        "add_note": reader.unavailable(open_ids, None),
        "delete_selected": reader.unavailable([c.id for c in browser.selected_collections()], None),
    }
    asked["edit_subject"] = asked["add_note"]
    reasons = {name: why for name, said in asked.items() if (why := said.get(_LIMITED[name]))}
    contact = None if browser.contact is None else browser.contact.jid
    whole = reader.unavailable([], contact, whole_range=True).get("remove")
    if whole is not None:
        reasons["delete_dates"] = whole
        if contact is not None:
            reasons["delete_contact"] = whole
    return reasons
