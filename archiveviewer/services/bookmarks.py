"""The account's bookmarks for the window and the command line: the ``BookmarkEditor`` port.

Over the account's :class:`~archiveviewer.services.connection.Connection`, with
:class:`archiveviewer.xmpp.bookmarks.BookmarkService` for the wire. What this
adds to the library:

* the merged view with each bookmark's homes and divergence
  (:mod:`archiveviewer.protocol.bookmark_rules`);
* a stated home for new bookmarks: ``None`` (the default) writes where the
  server and other clients look (XEP-0402, plus private storage unless the
  server keeps the homes in step), or a set the user chose;
* compare before publishing: :meth:`BookmarkCommands.save` reads every home
  again and refuses with :class:`~archiveviewer.ports.bookmarks.EditConflict`
  when the bookmark changed since the user opened it;
* bringing homes in step from one home, and export/import of XEP-0048 files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from archiveviewer.domain import Bookmark, BookmarkEntry, BookmarkHome, Conference
from archiveviewer.errors import KnownError
from archiveviewer.ports.bookmarks import (
    BookmarkRow,
    BookmarkView,
    EditConflict,
    ImportOutcome,
    ViewListener,
)
from archiveviewer.protocol import bookmark_rules as rules
from archiveviewer.protocol import bookmarks as codec
from archiveviewer.protocol.untrusted_xml import parse_untrusted, serialize
from archiveviewer.services.connection import Connection
from archiveviewer.xmpp.bookmarks import BookmarkService, BookmarkSupport

_STORAGE = "{" + codec.NS_LEGACY + "}storage"


class BookmarkCommands:
    """``BookmarkEditor`` of one account, over its connection."""

    def __init__(self, connection: Connection, *, timeout: float = 10.0) -> None:
        self._connection = connection
        self._timeout = timeout
        self._service: BookmarkService | None = None
        self._client: object = None
        self._new_homes: frozenset[BookmarkHome] | None = None
        self._listeners: list[ViewListener] = []

    # --- setting and checks -------------------------------------------------------

    def set_new_homes(self, homes: frozenset[BookmarkHome] | None) -> None:
        """Where new bookmarks are written; None: as the server and other clients do."""
        self._new_homes = homes

    def check(self, bookmark: Bookmark) -> Bookmark:
        """The bookmark checked for the homes it will go to; ``InvalidBookmark`` otherwise."""
        return rules.check_for_homes(bookmark, self._homes_for(bookmark))

    def _homes_for(self, bookmark: Bookmark) -> frozenset[BookmarkHome]:
        support = self._service.support if self._service is not None else None
        if support is None:
            return self._new_homes or frozenset({BookmarkHome.NATIVE})
        held = self._held(codec.key_of(bookmark))
        homes = held.homes if held is not None else self._new_homes_of(support, bookmark)
        if (
            support.native_compat
            and isinstance(bookmark, Conference)
            and BookmarkHome.NATIVE in homes
        ):
            return frozenset({BookmarkHome.NATIVE})  # the server writes the others itself
        return homes

    def _new_homes_of(
        self, support: BookmarkSupport, bookmark: Bookmark
    ) -> frozenset[BookmarkHome]:
        if self._new_homes is None:
            return support.default_homes(bookmark)
        chosen = frozenset(h for h in self._new_homes if rules.can_hold(h, bookmark))
        return (chosen & support.homes) or frozenset({BookmarkHome.PRIVATE})

    # --- reading --------------------------------------------------------------------------

    async def _started(self, action: str) -> BookmarkService:
        network = self._connection.require(action)
        if self._service is None or self._client is not network.client:
            if self._service is not None:
                self._service.close()
            self._service = BookmarkService(network.client, timeout=self._timeout)
            self._client = network.client
            self._service.add_listener(self._on_change)
            await self._service.start()
        return self._service

    async def load(self) -> BookmarkView:
        """Read every home and return the merged view."""
        service = await self._started("read your bookmarks")
        await service.load()
        return self._view(service)

    def _view(self, service: BookmarkService) -> BookmarkView:
        support = service.support or BookmarkSupport(False, False, False)
        offered = support.homes
        rows = tuple(
            BookmarkRow(
                entry,
                rules.homes_label(entry.homes),
                rules.differences(entry, offered),
                rules.carries_extensions(entry.bookmark),
            )
            for entry in service.entries
        )
        new_homes = self._new_homes_of(support, Conference(jid="room@example.org"))
        return BookmarkView(
            rows,
            offered,
            rules.homes_label(offered),
            new_homes,
            rules.homes_label(new_homes),
            support.native_compat,
        )

    def _held(self, key: str) -> BookmarkEntry | None:
        entries = self._service.entries if self._service is not None else ()
        return next((e for e in entries if e.key == key), None)

    # --- writing ---------------------------------------------------------------------------

    async def save(self, bookmark: Bookmark, was: BookmarkEntry | None) -> BookmarkView:
        """Add or edit, after checking that nobody changed the bookmark meanwhile."""
        service = await self._started("store the bookmark")
        bookmark = self.check(bookmark)
        await service.load()  # compare before publishing
        for key in {codec.key_of(bookmark), *([was.key] if was else [])}:
            _refuse_conflict(key, was, self._held(key))
        return await self._write(service, bookmark, was)

    async def overwrite(self, bookmark: Bookmark) -> BookmarkView:
        """Write the bookmark whatever the server holds now (the user chose to)."""
        service = await self._started("store the bookmark")
        return await self._write(service, self.check(bookmark), None)

    async def _write(
        self, service: BookmarkService, bookmark: Bookmark, was: BookmarkEntry | None
    ) -> BookmarkView:
        key = codec.key_of(bookmark)
        held = self._held(key)
        homes = None if held is not None else self._new_homes_of(_support(service), bookmark)
        await service.save(bookmark, homes)
        if was is not None and was.key != key:  # the room JID itself was edited
            await service.remove(was.key)
        return self._view(service)

    async def remove(self, key: str) -> BookmarkView:
        """Remove the bookmark from every home."""
        service = await self._started("remove the bookmark")
        await service.remove(key)
        return self._view(service)

    async def align(self, key: str, source: BookmarkHome) -> BookmarkView:
        """Make every offered home hold what ``source`` holds for ``key`` (or nothing)."""
        service = await self._started("bring the bookmark homes in step")
        await service.load()
        entry = self._held(key)
        support = _support(service)
        if entry is None:
            return self._view(service)
        copies = dict(entry.copies)
        wanted = copies.get(source)
        for home in _align_targets(support, source, wanted, entry):
            if wanted is None:
                await service.erase_home(home, key)
            else:
                await service.write_home(home, _with_all_extensions(wanted, copies.values()))
        await service.load()
        return self._view(service)

    # --- files ---------------------------------------------------------------------------------

    async def export_xml(self) -> str:
        """The bookmarks as a XEP-0048 ``<storage/>`` document."""
        service = await self._started("export your bookmarks")
        await service.load()
        element = codec.build_storage(rules.export_storage(service.entries))
        return "<?xml version='1.0' encoding='utf-8'?>\n" + serialize(element) + "\n"

    async def import_xml(self, text: str) -> ImportOutcome:
        """Merge a XEP-0048 ``<storage/>`` document into the bookmarks by room JID."""
        root = parse_untrusted(text)
        if root.tag != _STORAGE:
            raise KnownError(
                "This file holds no bookmarks: it must be a <storage xmlns='storage:bookmarks'> "
                "document, as other clients export."
            )
        imported = codec.parse_storage(root).bookmarks
        service = await self._started("import bookmarks")
        await service.load()
        current = {e.key: e.bookmark for e in service.entries}
        plan = rules.merge_import(current, imported)
        checked = [self.check(b) for b in plan.writes]  # every one before the first write
        for bookmark in checked:
            held = self._held(codec.key_of(bookmark))
            homes = None if held else self._new_homes_of(_support(service), bookmark)
            await service.save(bookmark, homes)
        return ImportOutcome(plan.added, plan.updated, plan.unchanged)

    # --- live ------------------------------------------------------------------------------------

    def listen(self, listener: ViewListener) -> Callable[[], None]:
        """Call ``listener`` on every change another resource makes; returns the remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _on_change(self, _entries: tuple[BookmarkEntry, ...]) -> None:
        if self._service is None:
            return
        view = self._view(self._service)
        for listener in list(self._listeners):
            listener(view)

    def close(self) -> None:
        """Stop following changes."""
        if self._service is not None:
            self._service.close()
            self._service = None


def _support(service: BookmarkService) -> BookmarkSupport:
    return service.support or BookmarkSupport(False, False, False)


def _refuse_conflict(key: str, was: BookmarkEntry | None, now: BookmarkEntry | None) -> None:
    before = was.copies if was is not None and was.key == key else ()
    after = now.copies if now is not None else ()
    if set(before) == set(after):
        return
    if was is None and now is not None:
        raise EditConflict(f"There is already a bookmark for “{key}”.", now)
    if now is None:
        raise EditConflict(
            f"The bookmark “{key}” was removed by another client while you edited it.", None
        )
    raise EditConflict(
        f"The bookmark “{key}” was changed by another client while you edited it.", now
    )


def _align_targets(
    support: BookmarkSupport, source: BookmarkHome, wanted: Bookmark | None, entry: BookmarkEntry
) -> list[BookmarkHome]:
    """The homes to write (or erase) so that they all follow ``source``.

    A server that keeps the homes in step copies from XEP-0402 itself, and
    its copy into XEP-0402 from the XEP-0048 homes is lossy: there a room is
    written (or retracted) in XEP-0402 only.
    """
    sample = wanted or entry.bookmark
    homes = [h for h in rules.HOME_ORDER if h in support.homes and rules.can_hold(h, sample)]
    if support.native_compat and isinstance(sample, Conference):
        homes = [BookmarkHome.NATIVE]
    if wanted is None:
        return [h for h in homes if h in entry.homes]
    return [h for h in homes if h != source or support.native_compat]


def _with_all_extensions(bookmark: Bookmark, copies: Iterable[Bookmark]) -> Bookmark:
    """``bookmark`` carrying every home's unknown extensions (the legacy homes may lack them)."""
    extra = bookmark.extra
    attrs = dict(bookmark.extra_attrs)
    for copy in copies:
        extra = rules.union_extras(extra, copy.extra)
        attrs = {**dict(copy.extra_attrs), **attrs}
    return replace(bookmark, extra=extra, extra_attrs=tuple(attrs.items()))
