"""Removing collections so that a user gets what was asked, on servers that differ.

One collection is removed with the least ambiguous request the dialect
allows, and the server's list is compared before and after: what else went
is reported (:class:`RemoveOutcome`), never hidden. ``open='true'`` is sent
only to a server seen to honour it (:meth:`RemovingChecked.probe_open`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slixmpp import JID

from archiveviewer.domain import Collection, CollectionId, Dialect, Note
from archiveviewer.errors import ServerError
from archiveviewer.protocol import requests
from archiveviewer.xmpp.xep_0136.behaviour import (
    SENTENCES,
    BehaviourKeeper,
    Noticed,
    ServerBehaviour,
)
from archiveviewer.xmpp.xep_0136.manual import ManualArchiving
from archiveviewer.xmpp.xep_0136.pages import RemoveOutcome, unsupported

#: The width of the range that stands for one collection's start: a range, not ``start``
#: alone, because some servers read ``start`` without ``end`` as "from then on".
_ONE = timedelta(seconds=1)


class RemovingChecked(ManualArchiving):
    """Remove one, a range or the open collections; notice what the server really does."""

    def _init_removal(self) -> None:
        #: What this server was seen to do; the program sets it from an earlier run.
        self.behaviour = ServerBehaviour()
        #: Told of every change (the program keeps it per server); None: nobody keeps it.
        self.keeper: BehaviourKeeper | None = None

    # --- what the server was seen to do ------------------------------------------------

    async def _notice(self, name: str, value: bool) -> None:
        if getattr(self.behaviour, name) == value:
            return
        self.behaviour = self.behaviour.with_(name, value)
        noticed = Noticed(name, SENTENCES[name]) if value else None
        if noticed is not None:
            self.xmpp.event("archive_behaviour", noticed)
        if self.keeper is not None:
            await self.keeper.keep(self.behaviour, noticed)

    # --- removing one ---------------------------------------------------------------------

    async def remove(self, id: CollectionId) -> RemoveOutcome:
        """Remove one collection, and check on the server's list that only it went.

        Raises ServerError (item-not-found) if there is none. The outcome
        names anything else the server removed; the caller should tell the
        user and can restore those from its own copy.
        """
        dialect = await self._dialect()
        before = await self._ids_from(id)
        request = requests.remove_element(
            dialect,
            with_jid=id.with_jid,
            start=id.start,
            end=id.start + _ONE,
            exact_match=dialect is Dialect.URN,
        )
        try:
            await self._query("set", request, "remove the conversation")
        except ServerError as exc:
            if exc.condition != "item-not-found" or id not in before:
                raise
            # A server that reads 'end' otherwise: the text's own form names the collection.
            single = requests.remove_element(dialect, with_jid=id.with_jid, start=id.start)
            await self._query("set", single, "remove the conversation")
        after = await self._ids_from(id)
        gone = before - after
        if id in after:
            raise unsupported(
                "The server answered that it removed the conversation, but still lists it."
            )
        extra = tuple(sorted(gone - {id}, key=lambda c: (c.start, c.with_jid)))
        await self._notice("removes_more", bool(extra))
        return RemoveOutcome(removed=(id, *extra), extra=extra)

    async def _ids_from(self, id: CollectionId) -> set[CollectionId]:
        """Every collection a misread remove of *id* could take: its contact's, from its start."""
        contact = JID(id.with_jid).bare or id.with_jid
        found: set[CollectionId] = set()
        async for page in self.list_pages(contact, id.start):
            found.update(c.id for c in page.collections)
        return found

    # --- removing many -----------------------------------------------------------------------

    async def remove_range(
        self,
        with_: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> None:
        """Remove every collection with *with_* (full, bare JID or domain) from *start* until *end*.

        Leave out what should not limit the removal: no argument at all
        removes the whole archive. (For one collection use :meth:`remove`.)
        Raises ServerError (item-not-found) when nothing matched.
        """
        dialect = await self._dialect()
        request = requests.remove_element(dialect, with_jid=with_, start=start, end=end)
        await self._query("set", request, "remove the conversations")

    async def remove_open(self, with_: str | None = None) -> None:
        """Remove the collections the server is recording right now (all, or with *with_*).

        Sent only to a server seen to honour ``open`` (:meth:`probe_open`,
        run here once when not known): to one that ignores it the request
        would remove everything that matches, so this raises ServerError (feature-not-implemented).
        """
        if self.behaviour.ignores_open is None:
            await self.probe_open()
        if self.behaviour.ignores_open:
            raise unsupported(SENTENCES["ignores_open"])
        dialect = await self._dialect()
        request = requests.remove_element(dialect, with_jid=with_, open_only=True)
        await self._query("set", request, "remove the conversations being recorded")

    async def probe_open(self) -> bool:
        """Find out whether the server honours ``open='true'``; True if it does.

        Stores a small collection with a contact of its own (not being
        recorded), asks to remove the open collections with that contact,
        and sees whether it went. The probe collection is removed after.
        """
        probe = CollectionId(
            _now_to_the_second(), f"archiveviewer-probe@{self._client.boundjid.domain}"
        )
        await self.store(
            Collection(id=probe, subject="archiveviewer probe", items=(Note("probe"),))
        )
        dialect = await self._dialect()
        request = requests.remove_element(dialect, with_jid=probe.with_jid, open_only=True)
        try:
            await self._query("set", request, "check how the server removes")
            ignored = True
        except ServerError as exc:
            if exc.condition != "item-not-found":
                raise
            ignored = False
        if not ignored:
            single = requests.remove_element(dialect, with_jid=probe.with_jid, start=probe.start)
            await self._query("set", single, "remove the probe conversation")
        await self._notice("ignores_open", ignored)
        return not ignored

    # --- notes --------------------------------------------------------------------------------

    async def add_note(self, id: CollectionId, note: Note) -> None:
        """Append a private note to a collection.

        The first note on a server is read back: a server that accepts notes
        and drops them is noticed (``drops_notes``) and this raises
        ServerError (feature-not-implemented) instead of pretending the note is kept.
        Once that is known, nothing is sent: the note would be lost anyway.
        """
        if self.behaviour.drops_notes:
            raise unsupported(SENTENCES["drops_notes"])
        await self.store(Collection(id=id, items=(note,)))
        if self.behaviour.drops_notes is None:
            kept = await self.retrieve(id)
            await self._notice("drops_notes", note.text not in [n.text for n in kept.notes])
        if self.behaviour.drops_notes:
            raise unsupported(SENTENCES["drops_notes"])


def _now_to_the_second() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
