"""What the archive on screen cannot do at all, and why: the reasons that disable actions.

A conversation grouped from a message archive (XEP-0313) can only be read:
its reader (the ``ActionLimits`` port) says so, and :func:`limits` turns that
into a reason per window action, which ``Actions.update`` shows as the
disabled action's tooltip and status tip.

The reader is asked in the browser's worker thread (``ArchiveBrowser.reads``),
never on the UI thread: :class:`LimitReads` answers with the last reasons it
has, asks again when what is open or chosen changed, and says when the
answer differs (the window then updates its actions once more).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from archiveviewer.domain import CollectionId
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

#: What the reader is asked: the reader, the open conversation, the selected ones, the contact.
_Question = tuple[ActionLimits, tuple[CollectionId, ...], tuple[CollectionId, ...], str | None]


class LimitReads:
    """The reasons for what is open and chosen, read in a worker; ``changed`` when they differ."""

    def __init__(self, reads: Any, changed: Callable[[], None]) -> None:
        self._reads, self._changed = reads, changed
        self._asked: _Question | None = None
        self._reasons: dict[str, str] = {}

    def reasons(self, question: _Question) -> dict[str, str]:
        """The last reasons known; the reader is asked again if the question is new."""
        if question != self._asked:
            self._asked = question
            self._reads.run("limits", lambda: ask(*question), lambda r: self._answered(question, r))
        return self._reasons

    def ask_again(self) -> None:
        """Ask the reader again (what the server is known to do changed), then ``changed``."""
        self._asked = None
        self._changed()

    def _answered(self, question: _Question, reasons: dict[str, str]) -> None:
        if question != self._asked or reasons == self._reasons:
            return
        self._reasons = reasons
        self._changed()


def limits(pane: Any, browser: Any) -> dict[str, str]:
    """Why the archive on screen cannot do some actions with what is open or chosen (as known)."""
    reader = browser.archive.reader
    if not isinstance(reader, ActionLimits):
        return {}
    opened = pane.collection
    open_ids = () if opened is None else (opened.id,)
    selected = tuple(c.id for c in browser.selected_collections())
    contact = None if browser.contact is None else browser.contact.jid
    answer: dict[str, str] = browser.limit_reads.reasons((reader, open_ids, selected, contact))
    return answer


def ask(
    reader: ActionLimits,
    open_ids: Sequence[CollectionId],
    selected: Sequence[CollectionId],
    contact: str | None,
) -> dict[str, str]:
    """The reasons, from the reader (blocking: called in a worker thread)."""
    asked = {
        "add_note": reader.unavailable(open_ids, None),
        "delete_selected": reader.unavailable(selected, None),
    }
    asked["edit_subject"] = asked["add_note"]
    reasons = {name: why for name, said in asked.items() if (why := said.get(_LIMITED[name]))}
    whole = reader.unavailable([], contact, whole_range=True).get("remove")
    if whole is not None:
        reasons["delete_dates"] = whole
        if contact is not None:
            reasons["delete_contact"] = whole
    return reasons
