"""Moving through the archive: go to a date, the older or newer conversation, and step-keeping.

:class:`Navigation` is the window's entry for it (as ``ui/prefs/PrefsEntry`` is
for the preferences): it owns the "Go to date…", "Older conversation" and
"Newer conversation" actions, and keeps the list's selection and the open
conversation in step whenever the list is read again: the open conversation
is selected if the list holds it, and closed if the list no longer does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDateEdit, QWidget

from archiveviewer.domain import Collection, CollectionId, bare_jid
from archiveviewer.ports.archive import ArchiveReader
from archiveviewer.ui.actions import Actions
from archiveviewer.ui.archive import ShownArchive
from archiveviewer.ui.browser.calendar import CalendarDialog, DayCalendar, archive_calendar
from archiveviewer.ui.browser.panes import ArchiveBrowser
from archiveviewer.ui.messages import MessageBridge
from archiveviewer.ui.reader.pane import ConversationPane
from archiveviewer.ui.timefmt import format_day

#: Rows read around a conversation to find its neighbours (collections starting together).
_AROUND = 50
#: Steps through the list: towards older conversations (down the list) or newer ones.
OLDER, NEWER = 1, -1


def neighbour(reader: ArchiveReader, collection_id: CollectionId, step: int) -> CollectionId | None:
    """The conversation with the same contact just older (``OLDER``) or newer (``NEWER``).

    Blocking (a count and a page of the replica): called in the browser's worker.
    """
    contact = bare_jid(collection_id.with_jid)
    later = reader.collection_count(contact, collection_id.start + timedelta(microseconds=1), None)
    first = max(0, later - 1)
    ids = [r.collection.id for r in reader.collections(contact, None, None, first, _AROUND)]
    if collection_id not in ids:
        return None
    at = ids.index(collection_id) + step
    return ids[at] if 0 <= at < len(ids) else None


class Navigation(QObject):
    """Go to date, older/newer conversation with the same contact; list and pane in step."""

    def __init__(
        self,
        actions: Actions,
        archive: ShownArchive,
        browser: ArchiveBrowser,
        pane: ConversationPane,
        bridge: MessageBridge,
        pickers: Sequence[QDateEdit] = (),
    ) -> None:
        super().__init__(browser)
        self._archive, self._browser, self._pane, self._bridge = archive, browser, pane, bridge
        self._window = browser.parent()
        self.dialog: CalendarDialog | None = None
        self.pickers: list[DayCalendar] = [archive_calendar(edit) for edit in pickers]
        self._steps: list[int] = []  # the step on its way, then the presses that came meanwhile
        browser.opened, browser.when_shown = lambda: pane.chosen, self._when_shown
        browser.collection_model.modelReset.connect(self.keep_in_step)
        browser.date_model.modelReset.connect(self._days_changed)
        actions["older_conversation"].triggered.connect(lambda: self.step(OLDER))
        actions["newer_conversation"].triggered.connect(lambda: self.step(NEWER))
        actions["go_to_date"].triggered.connect(self.open_calendar)

    def keep_in_step(self) -> None:
        """The list was read again: select the open conversation there, or close it."""
        opened = self._pane.chosen
        if opened is not None:
            self._browser.collection_model.find(opened, lambda row: self._kept(opened, row))

    def _kept(self, opened: CollectionId, row: int | None) -> None:
        if self._pane.chosen != opened:
            return  # another one is open by now
        if row is not None:
            self._browser.select_row(row)
        elif not self._browser.collection_model.from_server:  # a server's list grows by pages
            self._pane.show_collection(None)

    def _when_shown(self, collection_id: CollectionId, then: Callable[[], None]) -> None:
        pane = self._pane
        if pane.is_showing(collection_id):
            then()
        elif pane.loading == collection_id:

            def shown() -> None:
                pane.shown.disconnect(shown)
                if pane.is_showing(collection_id):
                    then()

            pane.shown.connect(shown)

    def step(self, step: int) -> None:
        """Open the older or newer conversation with the open one's contact (found off the UI).

        A press while the last one is still on its way waits for it, so that
        each press moves one conversation, however quickly they come.
        """
        if self._steps and (self._browser.loading or self._pane.loading is not None):
            self._steps.append(step)  # (with nothing on its way, the last step was dropped)
        else:
            self._steps = [step]
            self._start(step)

    def _start(self, step: int) -> None:
        """Find the conversation ``step`` from the open one (``_steps[0]`` is on its way)."""
        opened, reader = self._pane.collection, self._archive.reader
        if opened is None:
            self._steps.clear()
            return
        self._browser.reads.run(
            "neighbour",
            lambda: neighbour(reader, opened.id, step),
            lambda target: self._stepped(opened, step, target),
        )

    def _stepped(self, opened: Collection, step: int, target: CollectionId | None) -> None:
        if self._pane.chosen != opened.id:
            self._steps.clear()
            return  # the user opened another one meanwhile
        if target is None:
            self._steps.clear()
            who = self._browser.name_of(opened.with_jid)
            text = (
                self.tr("This is the oldest conversation with %1.")
                if step == OLDER
                else self.tr("This is the newest conversation with %1.")
            )
            self._bridge.info(text.replace("%1", who))
            return
        self._browser.show_conversation(target, self._next_step)  # once the list is counted

    def _next_step(self) -> None:
        """The conversation stepped to is on screen: take the press that came meanwhile."""
        self._steps.pop(0)
        if self._steps:  # the next press's read starts now, whatever else is still loading
            self._start(self._steps[0])

    def open_calendar(self) -> CalendarDialog:
        """The "Go to date" calendar over the days of the chosen contact (or everyone)."""
        window = self._window
        assert isinstance(window, QWidget)
        self.dialog = CalendarDialog(self._browser.date_model.days(), window)
        self.dialog.dayChosen.connect(self.go_to_day)
        self.dialog.open()
        return self.dialog

    def go_to_day(self, day: date) -> None:
        """List the conversations of ``day``, or of the nearest day that has some."""
        days = self._browser.date_model.days()
        if not days:
            self._bridge.info(self.tr("There are no conversations to go to."))
            return
        nearest = min(days, key=lambda d: (abs((d - day).days), d < day))
        if nearest != day:
            sentence = self.tr("No conversations on %1; showing %2, the nearest day with some.")
            sentence = sentence.replace("%1", format_day(day))
            self._bridge.info(sentence.replace("%2", format_day(nearest)))
        index = self._browser.date_model.index_of_day(nearest)
        self._browser.dates.setCurrentIndex(index)  # its currentChanged lists the day
        self._browser.dates.scrollTo(index)

    def _days_changed(self) -> None:
        days = self._browser.date_model.days()
        for calendar in self.pickers:
            calendar.set_days(days, limit_range=False)
