"""The user's bookmarks on the server, in all three homes, over a connected slixmpp client.

Homes (:class:`~archiveviewer.domain.BookmarkHome`):

- ``PRIVATE``: XEP-0049 private XML ``<storage xmlns='storage:bookmarks'/>``;
- ``PEP``: the XEP-0048/XEP-0223 PEP node ``storage:bookmarks`` (one item
  ``current`` holding the whole ``<storage/>``);
- ``NATIVE``: the XEP-0402 PEP node ``urn:xmpp:bookmarks:1`` (one item per
  room, item id = room JID).

:class:`BookmarkService` reads every home, shows a merged view (each bookmark
and the homes that hold it), writes where the server allows and the user
wants, and follows changes other resources make (PEP notifications, asked
for with ``+notify`` in our disco and caps). PEP homes are written with
private-storage publish-options, and only after service discovery showed
PEP and ``pubsub#publish-options``. Passwords never reach the logs
(:mod:`archiveviewer.xmpp.redact`).

Servers may keep the homes in step themselves (XEP-0402 ``#compat``; Prosody's
mod_bookmarks does): every write is therefore followed by a fresh read of all
homes, so what the service holds is what the server holds, and a bookmark the
server accepted but dropped (Prosody 0.12 keeps no ``<url/>`` bookmarks) is
reported as an error rather than as saved.

Namespaced attributes survive a write (:func:`archiveviewer.xmpp.iq.send` maps
their prefixes). Private XML storage has no notifications: it is as last read
until the next :meth:`BookmarkService.load`.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

from slixmpp import ClientXMPP
from slixmpp.xmlstream import StanzaBase
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from archiveviewer.domain import Bookmark, BookmarkEntry, BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import ServerError
from archiveviewer.protocol import bookmarks as codec
from archiveviewer.protocol import pep, private_xml
from archiveviewer.xmpp import disco, iq, redact
from archiveviewer.xmpp.bookmark_homes import (
    NODE,
    WRITE_ORDER,
    BookmarkSupport,
    check_gone,
    check_homes,
    check_kept,
    read_sentence,
    targets_of,
    write_sentence,
)

NS_DISCO_INFO = disco.NS_DISCO_INFO
_PRIVATE_QUERY = "{" + private_xml.NS_PRIVATE + "}query"
_LEGACY_STORAGE = "{" + codec.NS_LEGACY + "}storage"
_NATIVE_CONFERENCE = "{" + codec.NS_NATIVE + "}conference"

Listener = Callable[[tuple[BookmarkEntry, ...]], None]

__all__ = ["NS_DISCO_INFO", "BookmarkService", "BookmarkSupport", "Listener"]


class BookmarkService:
    """Bookmarks of the account a connected :class:`slixmpp.ClientXMPP` is logged in to.

    Call :meth:`start` once the session has started, then :meth:`load`.
    The service registers the plugins it needs on the client (``xep_0030``,
    and ``xep_0115`` so the server learns of our ``+notify`` interest from caps).
    """

    def __init__(self, client: ClientXMPP, *, timeout: float = 10.0) -> None:
        self._client = client
        self._timeout = timeout
        self._support: BookmarkSupport | None = None
        self._homes: dict[BookmarkHome, tuple[Bookmark, ...]] = {}
        self._listeners: list[Listener] = []
        self._lock = asyncio.Lock()
        self._handler_name = f"archiveviewer bookmarks {id(self)}"
        redact.install()
        # Disco for discovery and +notify; caps so the server learns of +notify.
        client.register_plugin("xep_0030")
        client.register_plugin("xep_0115")

    # --- reading state -----------------------------------------------------------

    @property
    def support(self) -> BookmarkSupport | None:
        """What the server offers, once :meth:`discover` (or :meth:`start`) ran."""
        return self._support

    @property
    def entries(self) -> tuple[BookmarkEntry, ...]:
        """The merged view as last read or notified: each bookmark and its homes."""
        return codec.merge(self._homes)

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(entries)`` whenever the bookmarks change; returns the remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # --- lifecycle -----------------------------------------------------------------

    async def start(self) -> BookmarkSupport:
        """Follow other resources' changes and find out what the server offers.

        Registers the handler for PEP notifications, announces
        ``urn:xmpp:bookmarks:1+notify`` and ``storage:bookmarks+notify`` in
        disco (and caps, re-sending presence, when ``xep_0115`` is loaded),
        then runs :meth:`discover`.
        """
        matcher = MatchXPath(f"{{{self._client.default_ns}}}message/{{{pep.NS_EVENT}}}event")
        self._client.register_handler(Callback(self._handler_name, matcher, self._on_event))
        disco = self._client.plugin["xep_0030"]
        for node in (codec.NATIVE_NODE, codec.LEGACY_NODE):
            await disco.add_feature(node + "+notify")
        await self._client.plugin["xep_0115"].update_caps()
        return await self.discover()

    def close(self) -> None:
        """Stop following notifications; the client stays as it is."""
        self._client.remove_handler(self._handler_name)

    async def discover(self) -> BookmarkSupport:
        """Ask the account (disco#info on the bare JID) what it offers for bookmarks."""
        try:
            answer = await disco.info(
                self._client, self._client.boundjid.bare, timeout=self._timeout
            )
        except ServerError as exc:
            raise ServerError(
                f"The server did not say what it offers for bookmarks ({exc.condition}).",
                condition=exc.condition,
                error_type=exc.error_type,
                text=exc.text,
            ) from None
        self._support = BookmarkSupport(
            pep=("pubsub", "pep") in answer.identities,
            publish_options=pep.FEATURE_PUBLISH_OPTIONS in answer.features,
            native_compat=codec.FEATURE_NATIVE_COMPAT in answer.features,
        )
        return self._support

    # --- reading -----------------------------------------------------------------------

    async def load(self) -> tuple[BookmarkEntry, ...]:
        """Read every home the server offers and return the merged view.

        A home that is not there yet (an empty private element, a PEP node
        that does not exist) is empty; any other error reply is raised as a
        :class:`~archiveviewer.errors.ServerError`, never taken for "no bookmarks".
        """
        support = await self._known_support()
        homes = {BookmarkHome.PRIVATE: (await self._read_private()).bookmarks}
        if support.pep:
            homes[BookmarkHome.PEP] = (await self._read_legacy_pep()).bookmarks
            homes[BookmarkHome.NATIVE] = await self._read_native()
        self._homes = homes
        entries = self.entries
        self._tell(entries)
        return entries

    async def _known_support(self) -> BookmarkSupport:
        return self._support if self._support is not None else await self.discover()

    async def _read_private(self) -> codec.BookmarkStorage:
        request = private_xml.build_get("storage", codec.NS_LEGACY)
        reply = await self._read(BookmarkHome.PRIVATE, request)
        stored = private_xml.parse_result(reply.find(_PRIVATE_QUERY), codec.NS_LEGACY)
        return codec.BookmarkStorage() if stored is None else codec.parse_storage(stored)

    async def _read_items(self, home: BookmarkHome) -> tuple[tuple[str, ET.Element | None], ...]:
        try:
            reply = await self._read(home, pep.build_items_request(NODE[home]))
        except ServerError as exc:
            if exc.condition == "item-not-found":  # the node does not exist: nothing stored
                return ()
            raise
        return pep.parse_items(reply.find("{" + pep.NS_PUBSUB + "}pubsub"))

    async def _read_legacy_pep(self) -> codec.BookmarkStorage:
        items = await self._read_items(BookmarkHome.PEP)
        return _legacy_storage_of(items)

    async def _read_native(self) -> tuple[Bookmark, ...]:
        items = await self._read_items(BookmarkHome.NATIVE)
        return tuple(
            codec.parse_native(item_id, payload)
            for item_id, payload in items
            if payload is not None and payload.tag == _NATIVE_CONFERENCE and item_id
        )

    # --- writing ------------------------------------------------------------------------

    async def save(
        self, bookmark: Bookmark, homes: Iterable[BookmarkHome] | None = None
    ) -> tuple[BookmarkEntry, ...]:
        """Add or edit ``bookmark`` and return the merged view read back afterwards.

        The bookmark is checked first (an invalid room JID or URL raises
        :class:`~archiveviewer.protocol.bookmarks.InvalidBookmark` and nothing is
        sent). It is written to ``homes`` (default: where it already lives, or
        :meth:`BookmarkSupport.default_homes` for a new one) and, to keep the
        homes consistent, to every home that already holds it.
        """
        bookmark = codec.validate(bookmark)
        support = await self._known_support()
        key = codec.key_of(bookmark)
        current = self._homes_of(key)
        wanted = (
            frozenset(homes) if homes is not None else (current or support.default_homes(bookmark))
        )
        targets = targets_of(support, bookmark, wanted | current)
        check_homes(support, bookmark, targets)
        async with self._lock:
            for home in WRITE_ORDER:
                if home in targets:
                    await self.write_home(home, bookmark)
        entries = await self.load()
        check_kept(key, targets, entries)
        return entries

    async def remove(
        self, key: str, homes: Iterable[BookmarkHome] | None = None
    ) -> tuple[BookmarkEntry, ...]:
        """Remove the bookmark ``key`` (room JID or URL) from ``homes`` (default: all).

        Returns the merged view read back afterwards.
        """
        support = await self._known_support()
        key = codec.key_of(_bookmark_for_key(key))
        targets = frozenset(homes) if homes is not None else support.homes
        async with self._lock:
            for home in WRITE_ORDER:
                if home in targets and home in support.homes:
                    await self.erase_home(home, key)
        entries = await self.load()
        check_gone(key, targets, entries)
        return entries

    def _homes_of(self, key: str) -> frozenset[BookmarkHome]:
        for entry in self.entries:
            if entry.key == key:
                return entry.homes
        return frozenset()

    async def write_home(self, home: BookmarkHome, bookmark: Bookmark) -> None:
        """Write ``bookmark`` (already checked) into this one home, as it is (no read back)."""
        if home is BookmarkHome.NATIVE:
            assert isinstance(bookmark, Conference)  # check_homes refused URLs here
            await self._publish(
                home, bookmark.jid, codec.build_native(bookmark), codec.NATIVE_PUBLISH_OPTIONS
            )
        elif home is BookmarkHome.PEP:
            storage = await self._read_legacy_pep()
            await self._publish_legacy(codec.with_bookmark(storage, bookmark))
        else:
            storage = await self._read_private()
            await self._store_private(codec.with_bookmark(storage, bookmark))

    async def erase_home(self, home: BookmarkHome, key: str) -> None:
        """Take the bookmark ``key`` out of this one home (no read back)."""
        if home is BookmarkHome.NATIVE:
            if key in {codec.key_of(b) for b in await self._read_native()}:
                await self._retract(key)
            return
        legacy = home is BookmarkHome.PEP
        storage = await (self._read_legacy_pep() if legacy else self._read_private())
        kept = codec.without_bookmark(storage, key)
        if kept == storage:
            return
        if legacy:
            await self._publish_legacy(kept)
        else:
            await self._store_private(kept)

    async def _store_private(self, storage: codec.BookmarkStorage) -> None:
        await self._write(BookmarkHome.PRIVATE, private_xml.build_set(codec.build_storage(storage)))

    async def _publish_legacy(self, storage: codec.BookmarkStorage) -> None:
        await self._publish(
            BookmarkHome.PEP,
            codec.LEGACY_ITEM_ID,
            codec.build_storage(storage),
            codec.PRIVATE_PUBLISH_OPTIONS,
        )

    async def _publish(
        self,
        home: BookmarkHome,
        item_id: str,
        payload: ET.Element,
        options: tuple[tuple[str, str], ...],
    ) -> None:
        await self._write(home, pep.build_publish(NODE[home], item_id, payload, options))

    async def _retract(self, item_id: str) -> None:
        await self._write(BookmarkHome.NATIVE, pep.build_retract(codec.NATIVE_NODE, item_id))

    async def _read(self, home: BookmarkHome, request: ET.Element) -> ET.Element:
        """The server's answer to ``request`` for ``home``; a failure says which home."""
        return await iq.send(
            self._client,
            "get",
            request,
            timeout=self._timeout,
            action="read your bookmarks",
            sentence=read_sentence(home),
        )

    async def _write(self, home: BookmarkHome, request: ET.Element) -> None:
        """Send the change ``request`` to ``home``; a failure says which home."""
        await iq.send(
            self._client,
            "set",
            request,
            timeout=self._timeout,
            action="store the bookmark",
            sentence=write_sentence(home),
        )

    # --- notifications ------------------------------------------------------------------

    def _on_event(self, message: StanzaBase) -> None:
        sender = message["from"]
        if sender and sender.bare != self._client.boundjid.bare:
            return  # only the account itself speaks for its bookmarks
        event = message.xml.find("{" + pep.NS_EVENT + "}event")
        change = pep.parse_event(event) if event is not None else None
        if change is None or not self._apply(change):
            return
        self._tell(self.entries)

    def _apply(self, change: pep.NodeEvent) -> bool:
        if change.node == codec.NATIVE_NODE:
            self._apply_native(change)
            return True
        if change.node == codec.LEGACY_NODE:
            if change.published:
                self._homes[BookmarkHome.PEP] = _legacy_storage_of(change.published).bookmarks
            elif change.retracted:
                self._homes[BookmarkHome.PEP] = ()
            return True
        return False

    def _apply_native(self, change: pep.NodeEvent) -> None:
        held = {codec.key_of(b): b for b in self._homes.get(BookmarkHome.NATIVE, ())}
        for item_id in change.retracted:
            held.pop(codec.key_of(Conference(jid=item_id)), None)
        for item_id, payload in change.published:
            if payload is not None and payload.tag == _NATIVE_CONFERENCE and item_id:
                conference = codec.parse_native(item_id, payload)
                held[codec.key_of(conference)] = conference
        self._homes[BookmarkHome.NATIVE] = tuple(held.values())

    def _tell(self, entries: tuple[BookmarkEntry, ...]) -> None:
        for listener in list(self._listeners):
            listener(entries)


# --- helpers ---------------------------------------------------------------------------


def _legacy_storage_of(items: Iterable[tuple[str, ET.Element | None]]) -> codec.BookmarkStorage:
    """The ``<storage/>`` of the item ``current`` (or the last item holding one)."""
    found: ET.Element | None = None
    for item_id, payload in items:
        if payload is not None and payload.tag == _LEGACY_STORAGE:
            found = payload
            if item_id == codec.LEGACY_ITEM_ID:
                break
    return codec.BookmarkStorage() if found is None else codec.parse_storage(found)


def _bookmark_for_key(key: str) -> Bookmark:
    return UrlBookmark(url=key) if ":" in key else Conference(jid=key)
