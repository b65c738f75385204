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

Attributes in a namespace of their own (``foo:bar='…'``) survive a write
because :func:`archiveviewer.xmpp.iq.send` maps their namespaces to prefixes,
without which slixmpp would drop them. Private XML storage has no
notifications: after another resource's change, the private home is as last
read until the next :meth:`BookmarkService.load`.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from slixmpp import ClientXMPP
from slixmpp.xmlstream import StanzaBase
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from archiveviewer.domain import Bookmark, BookmarkEntry, BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import KnownError, ServerError
from archiveviewer.protocol import bookmarks as codec
from archiveviewer.protocol import pep, private_xml
from archiveviewer.xmpp import iq, redact

NS_DISCO_INFO = "http://jabber.org/protocol/disco#info"
_D = "{" + NS_DISCO_INFO + "}"
_PRIVATE_QUERY = "{" + private_xml.NS_PRIVATE + "}query"
_LEGACY_STORAGE = "{" + codec.NS_LEGACY + "}storage"
_NATIVE_CONFERENCE = "{" + codec.NS_NATIVE + "}conference"

_WHERE = {
    BookmarkHome.PRIVATE: "private XML storage",
    BookmarkHome.PEP: "the PEP node “storage:bookmarks”",
    BookmarkHome.NATIVE: "the PEP node “urn:xmpp:bookmarks:1”",
}
_NODE = {BookmarkHome.PEP: codec.LEGACY_NODE, BookmarkHome.NATIVE: codec.NATIVE_NODE}
#: Order of writing: the modern home first, so a server that copies between
#: homes copies the newest data.
_WRITE_ORDER = (BookmarkHome.NATIVE, BookmarkHome.PEP, BookmarkHome.PRIVATE)

Listener = Callable[[tuple[BookmarkEntry, ...]], None]


@dataclass(frozen=True)
class BookmarkSupport:
    """What service discovery on the account showed.

    ``pep``: an identity pubsub/pep; ``publish_options``: the feature
    ``…pubsub#publish-options``; ``native_compat``: ``urn:xmpp:bookmarks:1#compat``
    (the server keeps XEP-0048 and XEP-0402 bookmarks in step).
    """

    pep: bool
    publish_options: bool
    native_compat: bool

    @property
    def private_pep(self) -> bool:
        """True when private data may be stored in PEP (XEP-0223 section 5)."""
        return self.pep and self.publish_options

    @property
    def homes(self) -> frozenset[BookmarkHome]:
        """The homes this server lets us write."""
        if self.private_pep:
            return frozenset(BookmarkHome)
        return frozenset({BookmarkHome.PRIVATE})

    def default_homes(self, bookmark: Bookmark) -> frozenset[BookmarkHome]:
        """Where a new bookmark goes when the user does not say.

        A room goes to XEP-0402 when the server has private PEP, and to private
        XML storage as well unless the server copies between them itself;
        a URL (which XEP-0402 cannot hold) goes to private XML storage.
        """
        if isinstance(bookmark, UrlBookmark) or not self.private_pep:
            return frozenset({BookmarkHome.PRIVATE})
        if self.native_compat:
            return frozenset({BookmarkHome.NATIVE})
        return frozenset({BookmarkHome.NATIVE, BookmarkHome.PRIVATE})


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
        request = ET.Element(_D + "query")
        reply = await iq.send(
            self._client, "get", request, timeout=self._timeout, sentence=_disco_sentence
        )
        query = reply.find(_D + "query")
        identities = (
            set()
            if query is None
            else {(i.get("category"), i.get("type")) for i in query.findall(_D + "identity")}
        )
        features = set() if query is None else {f.get("var") for f in query.findall(_D + "feature")}
        self._support = BookmarkSupport(
            pep=("pubsub", "pep") in identities,
            publish_options=pep.FEATURE_PUBLISH_OPTIONS in features,
            native_compat=codec.FEATURE_NATIVE_COMPAT in features,
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
        reply = await iq.send(
            self._client,
            "get",
            request,
            timeout=self._timeout,
            sentence=_read_sentence(BookmarkHome.PRIVATE),
        )
        stored = private_xml.parse_result(reply.find(_PRIVATE_QUERY), codec.NS_LEGACY)
        return codec.BookmarkStorage() if stored is None else codec.parse_storage(stored)

    async def _read_items(self, home: BookmarkHome) -> tuple[tuple[str, ET.Element | None], ...]:
        try:
            reply = await iq.send(
                self._client,
                "get",
                pep.build_items_request(_NODE[home]),
                timeout=self._timeout,
                sentence=_read_sentence(home),
            )
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
        targets = _targets(support, bookmark, wanted | current)
        _check_homes(support, bookmark, targets)
        async with self._lock:
            for home in _WRITE_ORDER:
                if home in targets:
                    await self._write(home, bookmark)
        entries = await self.load()
        _check_kept(key, targets, entries)
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
            for home in _WRITE_ORDER:
                if home in targets and home in support.homes:
                    await self._erase(home, key)
        entries = await self.load()
        _check_gone(key, targets, entries)
        return entries

    def _homes_of(self, key: str) -> frozenset[BookmarkHome]:
        for entry in self.entries:
            if entry.key == key:
                return entry.homes
        return frozenset()

    async def _write(self, home: BookmarkHome, bookmark: Bookmark) -> None:
        if home is BookmarkHome.NATIVE:
            assert isinstance(bookmark, Conference)  # _check_homes refused URLs here
            await self._publish(
                home, bookmark.jid, codec.build_native(bookmark), codec.NATIVE_PUBLISH_OPTIONS
            )
        elif home is BookmarkHome.PEP:
            storage = await self._read_legacy_pep()
            await self._publish_legacy(codec.with_bookmark(storage, bookmark))
        else:
            storage = await self._read_private()
            await self._store_private(codec.with_bookmark(storage, bookmark))

    async def _erase(self, home: BookmarkHome, key: str) -> None:
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
        request = private_xml.build_set(codec.build_storage(storage))
        await iq.send(
            self._client,
            "set",
            request,
            timeout=self._timeout,
            sentence=_write_sentence(BookmarkHome.PRIVATE),
        )

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
        request = pep.build_publish(_NODE[home], item_id, payload, options)
        await iq.send(
            self._client, "set", request, timeout=self._timeout, sentence=_write_sentence(home)
        )

    async def _retract(self, item_id: str) -> None:
        request = pep.build_retract(codec.NATIVE_NODE, item_id)
        await iq.send(
            self._client,
            "set",
            request,
            timeout=self._timeout,
            sentence=_write_sentence(BookmarkHome.NATIVE),
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


def _targets(
    support: BookmarkSupport, bookmark: Bookmark, homes: frozenset[BookmarkHome]
) -> frozenset[BookmarkHome]:
    """The homes to write a bookmark to.

    When the server keeps XEP-0048 and XEP-0402 in step (``#compat``), a room
    is written to XEP-0402 only: the server's copy into the XEP-0048 homes
    is lossy (Prosody 0.12 drops ``<extensions/>`` and unknown attributes),
    and writing those homes back would strip the extensions from XEP-0402 too.
    """
    if support.native_compat and isinstance(bookmark, Conference) and BookmarkHome.NATIVE in homes:
        return frozenset({BookmarkHome.NATIVE})
    return homes


def _check_kept(
    key: str, homes: frozenset[BookmarkHome], entries: tuple[BookmarkEntry, ...]
) -> None:
    """Refuse to report success when the server accepted a bookmark but did not keep it."""
    if any(entry.key == key and entry.homes & homes for entry in entries):
        return
    hint = (
        " Some servers (Prosody's mod_bookmarks, for one) keep only chat room bookmarks "
        "and drop web addresses."
        if ":" in key
        else ""
    )
    raise KnownError(
        f"The server accepted the bookmark “{key}” but did not keep it: "
        f"it is missing when the bookmarks are read back.{hint}"
    )


def _check_gone(
    key: str, homes: frozenset[BookmarkHome], entries: tuple[BookmarkEntry, ...]
) -> None:
    """Refuse to report a removal the server did not carry out."""
    left = [entry for entry in entries if entry.key == key and entry.homes & homes]
    if left:
        where = " and ".join(_WHERE[h] for h in sorted(left[0].homes & homes, key=_home_order))
        raise KnownError(
            f"The server still holds the bookmark “{key}” in {where} after removing it; "
            "another client may have stored it again."
        )


def _home_order(home: BookmarkHome) -> int:
    return _WRITE_ORDER.index(home)


def _check_homes(
    support: BookmarkSupport, bookmark: Bookmark, homes: frozenset[BookmarkHome]
) -> None:
    """Refuse, before sending, a home the server lacks or that cannot hold a URL."""
    if isinstance(bookmark, UrlBookmark) and BookmarkHome.NATIVE in homes:
        raise KnownError(
            "A web address cannot be stored as a XEP-0402 bookmark, which holds chat rooms only."
        )
    missing = homes - support.homes
    if missing:
        raise KnownError(
            "Your server does not offer private storage in PEP (it needs PEP with "
            "publish-options), so this bookmark cannot be stored in "
            + " or ".join(_WHERE[h] for h in sorted(missing, key=_home_order))
            + "."
        )


def _disco_sentence(refusal: iq.Refusal) -> str:
    return f"The server did not say what it offers for bookmarks ({refusal.condition})."


def _read_sentence(home: BookmarkHome) -> iq.Sentence:
    def sentence(refusal: iq.Refusal) -> str:
        return _with_text(
            f"The server refused to read your bookmarks from {_WHERE[home]} ({refusal.condition}).",
            refusal,
        )

    return sentence


def _write_sentence(home: BookmarkHome) -> iq.Sentence:
    def sentence(refusal: iq.Refusal) -> str:
        if pep.is_precondition_failure(refusal.element):
            return _with_text(
                f"The server keeps {_WHERE[home]} with settings other than private, "
                "persistent storage (another client may have created it that way), so it "
                "refused to store the bookmark there. Change that node's access settings to "
                "“whitelist” in a client that can, or remove the node, and try again.",
                refusal,
            )
        return _with_text(
            f"The server refused to store the bookmark in {_WHERE[home]} ({refusal.condition}).",
            refusal,
        )

    return sentence


def _with_text(sentence: str, refusal: iq.Refusal) -> str:
    return f"{sentence} The server said: {refusal.text}" if refusal.text else sentence
