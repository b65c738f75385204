"""XEP-0136 Message Archiving for slixmpp, in both dialects.

Every method is a coroutine that builds its own request, so several may be
in flight at once (``asyncio.gather``). Every failure is raised as a typed
error with a sentence: a server error in the middle of paging is raised,
never taken for the end of the list.
"""

from __future__ import annotations

import asyncio
import logging
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import datetime
from typing import Any, ClassVar

from slixmpp.plugins import BasePlugin
from slixmpp.stanza import Iq
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    EncryptedItem,
    EncryptedKind,
    MethodUse,
    Note,
    Prefs,
    SaveRule,
)
from archiveviewer.errors import KnownError, MalformedInput, ServerError
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.xmpp import requests
from archiveviewer.xmpp.xep_0136 import wire
from archiveviewer.xmpp.xep_0136.pages import (
    FEATURES,
    ArchiveSupport,
    ChangePage,
    CollectionPage,
    RetrievePage,
    rsm_request,
    rsm_result,
)

log = logging.getLogger(__name__)

PrefsListener = Callable[[Prefs], None]


class XEP_0136(BasePlugin):  # slixmpp names plugin classes after the XEP
    """Message archiving: discover, list, retrieve, store, remove, preferences, replication."""

    name = "xep_0136"
    description = "XEP-0136: Message Archiving (seed 0.9 and urn:xmpp:archive)"
    dependencies: ClassVar[set[str]] = {"xep_0030", "xep_0059"}
    default_config: ClassVar[dict[str, Any]] = {
        # seconds to wait for each answer
        "timeout": 30.0,
        # items per page when the caller does not say
        "page_size": 100,
        # the largest <store/> we send at first; halved on not-acceptable
        "max_store_bytes": 60_000,
        # the dialect to use when the server offers both
        "preferred_dialect": Dialect.SEED,
    }

    def plugin_init(self) -> None:
        self.support: ArchiveSupport | None = None
        self._discovering = asyncio.Lock()
        self._store_limit: int = int(self.max_store_bytes)
        self._prefs_listeners: list[PrefsListener] = []
        for dialect in Dialect:
            self.xmpp.register_handler(
                Callback(
                    f"XEP-0136 preference push ({dialect.name})",
                    MatchXPath(f"{{jabber:client}}iq/{{{dialect.value}}}pref"),
                    self._on_pref_push,
                )
            )
        self.xmpp.add_event_handler("session_end", self._forget_support)

    def plugin_end(self) -> None:
        for dialect in Dialect:
            self.xmpp.remove_handler(f"XEP-0136 preference push ({dialect.name})")
        self.xmpp.del_event_handler("session_end", self._forget_support)

    def _forget_support(self, _event: Any) -> None:
        # The next connection may reach a server that was upgraded meanwhile.
        self.support = None

    # --- discovery -----------------------------------------------------------------

    async def discover(self, prefer: Dialect | None = None) -> ArchiveSupport:
        """Find out which dialect and features the server offers (server and account disco).

        When both dialects are offered, *prefer* (default: the plugin's
        ``preferred_dialect``, the seed) wins. Raises ServerError
        (``feature-not-implemented``) when the server offers no archiving.
        """
        async with self._discovering:
            features = await self._disco(self.xmpp.boundjid.domain)
            features |= await self._disco_account()
            self.support = _support_from(features, prefer or self.preferred_dialect)
            return self.support

    async def _disco(self, jid: str) -> frozenset[str]:
        iq = self._iq("get", to=jid)
        iq.enable("disco_info")
        result = await requests.send(iq, "ask the server what it supports", self.timeout)
        return frozenset(result["disco_info"]["features"])

    async def _disco_account(self) -> frozenset[str]:
        try:
            return await self._disco(self.xmpp.boundjid.bare)
        except ServerError:
            return frozenset()  # an account without its own disco adds nothing

    async def _dialect(self) -> Dialect:
        if self.support is None:
            await self.discover()
        assert self.support is not None
        return self.support.dialect

    async def _ns(self) -> str:
        return (await self._dialect()).value

    # --- listing -------------------------------------------------------------------

    async def list_page(
        self,
        with_: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        max: int | None = None,
        after: str | None = None,
        before: str | None = None,
        index: int | None = None,
    ) -> CollectionPage:
        """One page of the collections with *with_* (full JID, bare JID or domain) in [start, end).

        ``after``/``before`` are RSM ids from an earlier page (``before=''``
        gives the last page); ``index`` jumps to a position.
        """
        ns = await self._ns()
        request = ET.Element(wire.q(ns, "list"))
        _set_range(request, with_, start, end)
        request.append(rsm_request(max or self.page_size, after, before, index))
        result = await self._query("get", request, "list the archived conversations")
        answer = result.find(wire.q(ns, "list"))
        if answer is None:
            return CollectionPage((), None, None, 0)
        tag = wire.q(ns, wire.collection_tag(Dialect(ns)))
        collections = tuple(
            wire.collection_from_xml(element, ns)[0] for element in answer.findall(tag)
        )
        info = rsm_result(answer)
        return CollectionPage(collections, info.first, info.last, info.count, info.first_index)

    async def list_pages(
        self,
        with_: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        max: int | None = None,
    ) -> AsyncIterator[CollectionPage]:
        """Every page of the list, in order; a server error mid-way is raised, not the end."""
        after: str | None = None
        seen = 0
        while True:
            page = await self.list_page(with_, start, end, max=max, after=after)
            yield page
            seen += len(page.collections)
            if _last_page(page.collections, page.last, page.count, seen, after):
                return
            after = page.last

    # --- retrieving ----------------------------------------------------------------

    async def retrieve_page(
        self,
        id: CollectionId,
        *,
        max: int | None = None,
        after: str | None = None,
        before: str | None = None,
        index: int | None = None,
        key_names: Iterable[str] = (),
        clock: datetime | None = None,
    ) -> RetrievePage:
        """One page of the items of a collection.

        *key_names* limits the EncryptedKey elements to those for these
        public keys. *clock* is the running time before this page (the
        previous page's ``clock``; the collection start for the first page).
        """
        ns = await self._ns()
        request = ET.Element(wire.q(ns, "retrieve"))
        _set_id(request, id)
        request.extend(wire.key_names(key_names))
        request.append(rsm_request(max or self.page_size, after, before, index))
        result = await self._query("get", request, "read the conversation")
        tag = wire.q(ns, wire.collection_tag(Dialect(ns)))
        answer = result.find(tag)
        if answer is None:
            raise MalformedInput("The server answered a retrieve request without a collection.")
        collection, end_clock = wire.collection_from_xml(answer, ns, clock)
        info = rsm_result(answer)
        return RetrievePage(collection, info.first, info.last, info.count, end_clock)

    async def retrieve(
        self,
        id: CollectionId,
        key_names: Iterable[str] = (),
    ) -> Collection:
        """A whole collection: every page merged, each EncryptedKey element once."""
        names = tuple(key_names)
        after: str | None = None
        clock: datetime | None = None
        seen = 0
        items: list[Any] = []
        keys_seen: set[str] = set()
        header: Collection | None = None
        while True:
            page = await self.retrieve_page(id, after=after, key_names=names, clock=clock)
            header = header or page.collection
            _merge_items(items, keys_seen, page.collection)
            seen += len(page.collection.items)
            if _last_page(page.collection.items, page.last, page.count, seen, after):
                break
            after, clock = page.last, page.clock
        return Collection(
            id=header.id,
            subject=header.subject,
            crypt=header.crypt or any(isinstance(i, EncryptedItem) for i in items),
            thread=header.thread,
            version=header.version,
            items=tuple(items),
        )

    # --- manual archiving ------------------------------------------------------------

    async def store(self, collection: Collection) -> None:
        """Create *collection* on the server, or append its items to it.

        Items go in requests below the server's size limit, in order; when
        the server answers not-acceptable the request is split further and
        sent again. A single item the server refuses raises ServerError.
        """
        dialect = await self._dialect()
        tag = wire.collection_tag(dialect)
        whole = wire.collection_to_xml(collection, dialect.value, tag)
        children = list(whole)
        if not children:
            await self._store_chunk(dialect, collection.id, collection.subject, [])
            return
        subject = collection.subject
        while children:
            sent = await self._store_fitting(dialect, collection.id, subject, children)
            children = children[sent:]
            subject = None  # the subject travels with the first request only

    async def _store_fitting(
        self,
        dialect: Dialect,
        cid: CollectionId,
        subject: str | None,
        children: list[ET.Element],
    ) -> int:
        """Send the longest prefix of *children* the server takes; return how many it took."""
        while True:
            chunk = _prefix_within(children, self._store_limit)
            try:
                await self._store_chunk(dialect, cid, subject, chunk)
            except ServerError as exc:
                if exc.condition != "not-acceptable" or len(chunk) == 1:
                    raise
                self._store_limit = max(1, _size(chunk) // 2)
                log.info(
                    "server refused %d items; storing at most %d bytes",
                    len(chunk),
                    self._store_limit,
                )
                continue
            return len(chunk)

    async def _store_chunk(
        self,
        dialect: Dialect,
        cid: CollectionId,
        subject: str | None,
        chunk: list[ET.Element],
    ) -> None:
        ns = dialect.value
        element = wire.collection_head(cid, ns, wire.collection_tag(dialect), subject=subject)
        element.extend(chunk)
        await self._query("set", _upload(dialect, element), "store the conversation")

    async def set_subject(self, id: CollectionId, subject: str) -> None:
        """Give an existing collection a new subject."""
        dialect = await self._dialect()
        element = wire.collection_head(
            id, dialect.value, wire.collection_tag(dialect), subject=subject
        )
        await self._query("set", _upload(dialect, element), "change the subject")

    async def add_note(self, id: CollectionId, note: Note) -> None:
        """Append a private note to a collection."""
        await self.store(Collection(id=id, items=(note,)))

    # --- removing -----------------------------------------------------------------------

    async def remove(self, id: CollectionId) -> None:
        """Remove one collection. Raises ServerError (item-not-found) if there is none."""
        ns = await self._ns()
        request = ET.Element(wire.q(ns, "remove"))
        _set_id(request, id)
        await self._query("set", request, "remove the conversation")

    async def remove_range(
        self,
        with_: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> None:
        """Remove every collection with *with_* (full, bare JID or domain) in [start, end].

        Leave out what should not limit the removal: no argument at all
        removes the whole archive.
        """
        ns = await self._ns()
        request = ET.Element(wire.q(ns, "remove"))
        _set_range(request, with_, start, end)
        await self._query("set", request, "remove the conversations")

    async def remove_open(self, with_: str | None = None) -> None:
        """Remove the collections the server is recording right now (all, or with *with_*)."""
        ns = await self._ns()
        request = ET.Element(wire.q(ns, "remove"), {"open": "true"})
        if with_ is not None:
            request.set("with", with_)
        await self._query("set", request, "remove the conversations being recorded")

    # --- preferences ----------------------------------------------------------------------

    def add_prefs_listener(self, listener: PrefsListener) -> None:
        """Call *listener* with the preferences of every push the server sends.

        The same value is also fired as the slixmpp event ``archive_prefs``.
        The server pushes only to resources that asked for the preferences
        once (:meth:`get_prefs`).
        """
        self._prefs_listeners.append(listener)

    def remove_prefs_listener(self, listener: PrefsListener) -> None:
        """Stop calling *listener*."""
        self._prefs_listeners.remove(listener)

    async def get_prefs(self) -> Prefs:
        """The user's archiving preferences; from now on the server pushes changes."""
        ns = await self._ns()
        result = await self._query("get", ET.Element(wire.q(ns, "pref")), "read the preferences")
        answer = result.find(wire.q(ns, "pref"))
        if answer is None:
            raise MalformedInput("The server answered a preferences request without <pref/>.")
        return wire.prefs_from_xml(answer, ns)

    async def set_default(self, rule: SaveRule) -> None:
        """Set the default save and OTR modes (``rule.jid`` must be None)."""
        if rule.jid is not None:
            raise ValueError("a default rule has no jid; use set_item")
        await self._set_pref([rule], "change the default preference")

    async def set_item(self, rule: SaveRule) -> None:
        """Set the save and OTR modes for the contact ``rule.jid``."""
        if rule.jid is None:
            raise ValueError("a contact rule needs a jid; use set_default")
        await self._set_pref([rule], "change the contact's preference")

    async def _set_pref(self, rules: list[SaveRule], action: str) -> None:
        ns = await self._ns()
        pref = ET.Element(wire.q(ns, "pref"))
        pref.extend(wire.rule_to_xml(rule, ns) for rule in rules)
        await self._query("set", pref, action)

    async def remove_item(self, jid: str) -> None:
        """Remove the contact preference for *jid* (urn:xmpp:archive's ``itemremove``).

        The seed dialect has no way to remove one: this raises KnownError
        rather than pretend, and the caller may set the contact's modes to
        the default ones instead.
        """
        dialect = await self._dialect()
        if dialect is Dialect.SEED:
            raise KnownError(
                "This server speaks the 2007 draft of message archiving, which cannot remove "
                f"the preference for {jid}. Set it to the same values as the default instead."
            )
        ns = dialect.value
        request = ET.Element(wire.q(ns, "itemremove"))
        ET.SubElement(request, wire.q(ns, "item"), {"jid": jid})
        await self._query("set", request, "remove the contact's preference")

    async def set_methods(self, methods: Iterable[tuple[str, MethodUse]]) -> None:
        """Set how clients should use each archiving method (``auto``, ``local``, ``manual``)."""
        ns = await self._ns()
        pref = ET.Element(wire.q(ns, "pref"))
        for kind, use in methods:
            ET.SubElement(pref, wire.q(ns, "method"), {"type": kind, "use": use.value})
        await self._query("set", pref, "change the archiving methods")

    async def set_auto(self, save: bool, encrypt: bool = False, keys: Iterable[str] = ()) -> None:
        """Switch automatic archiving of this stream on or off.

        *encrypt* and *keys* (public keys as ``KeyValue``/``KeyInfo`` XML
        elements) exist in the seed dialect only.
        """
        dialect = await self._dialect()
        key_elements = [wire.parse_trusted_fragment(key) for key in keys]
        if dialect is Dialect.URN and (encrypt or key_elements):
            raise KnownError(
                "This server's message archiving (urn:xmpp:archive) cannot encrypt "
                "automatically archived conversations."
            )
        request = ET.Element(wire.q(dialect.value, "auto"), {"save": _flag(save)})
        if encrypt:
            request.set("encrypt", "true")
        request.extend(key_elements)
        await self._query("set", request, "change automatic archiving")

    def _on_pref_push(self, iq: Any) -> None:
        if iq["type"] != "set" or not self._from_own_account(iq):
            return
        for dialect in Dialect:
            pref = iq.xml.find(wire.q(dialect.value, "pref"))
            if pref is None:
                continue
            try:
                prefs = wire.prefs_from_xml(pref, dialect.value)
            except MalformedInput as exc:
                log.warning("refused a preference push: %s", exc.user_message)
                reply = iq.reply(clear=True)
                reply.error()
                reply["error"]["condition"] = "bad-request"
                reply.send()
                return
            iq.reply(clear=True).send()
            self.xmpp.event("archive_prefs", prefs)
            for listener in list(self._prefs_listeners):
                listener(prefs)
            return

    def _from_own_account(self, iq: Iq) -> bool:
        sender = iq["from"]
        own = self.xmpp.boundjid
        return not str(sender) or sender.bare in (own.bare, own.domain)

    # --- replication ------------------------------------------------------------------

    async def modified(
        self, after: str | None = None, *, max: int | None = None
    ) -> AsyncIterator[ChangePage]:
        """Pages of collections changed or removed since the cursor *after*.

        Each page's ``cursor`` is the value to pass as *after* next time
        (store it with the data it covers). No cursor means from the
        beginning. A server error mid-way is raised, never taken for the end.
        """
        ns = await self._ns()
        cursor = after
        while True:
            request = ET.Element(wire.q(ns, "modified"))
            request.append(rsm_request(max or self.page_size, cursor))
            result = await self._query("get", request, "ask what changed in the archive")
            answer = result.find(wire.q(ns, "modified"))
            if answer is None:
                return
            changes = wire.changes_from_xml(answer, ns)
            info = rsm_result(answer)
            page_cursor = info.last or cursor
            yield ChangePage(tuple(changes), page_cursor, info.count)
            # The cursor is the query here, so a count may be what remains
            # or the total: only an empty page (or a stuck cursor) ends it.
            if _last_page(changes, info.last, None, 0, cursor):
                return
            cursor = page_cursor

    # --- replacing keys (seed) ------------------------------------------------------------

    async def keys(
        self, key_name: str, *, max: int | None = None
    ) -> AsyncIterator[tuple[CollectionId, EncryptedItem]]:
        """Every EncryptedKey element made with the public key *key_name*, with its collection."""
        ns = await self._keys_ns()
        after: str | None = None
        seen = 0
        while True:
            request = ET.Element(wire.q(ns, "keys"))
            request.extend(wire.key_names([key_name]))
            request.append(rsm_request(max or self.page_size, after))
            result = await self._query("get", request, "list the encrypted keys")
            answer = result.find(wire.q(ns, "keys"))
            if answer is None:
                return
            stores = answer.findall(wire.q(ns, "store"))
            for store in stores:
                cid = wire.collection_id(store)
                for element in store.findall(wire.q(wire.XMLENC, "EncryptedKey")):
                    yield cid, wire.encrypted_from_xml(element)
            info = rsm_result(answer)
            seen += len(stores)
            if _last_page(stores, info.last, info.count, seen, after):
                return
            after = info.last

    async def delete_keys(self, id: CollectionId, key_name: str) -> None:
        """Delete from a collection the EncryptedKey elements made with *key_name*."""
        ns = await self._keys_ns()
        request = ET.Element(wire.q(ns, "delete"))
        _set_id(request, id)
        request.extend(wire.key_names([key_name]))
        await self._query("set", request, "delete the old encrypted keys")

    async def _keys_ns(self) -> str:
        dialect = await self._dialect()
        if dialect is not Dialect.SEED:
            raise KnownError(
                "This server's message archiving (urn:xmpp:archive) has no way to replace "
                "the keys of encrypted conversations."
            )
        return str(dialect.value)

    # --- sending ----------------------------------------------------------------------------

    def _iq(self, kind: str, to: str | None = None) -> Iq:
        iq: Iq = self.xmpp.Iq()
        iq["type"] = kind
        if to is not None:
            iq["to"] = to
        return iq

    async def _query(self, kind: str, payload: ET.Element, action: str) -> ET.Element:
        iq = self._iq(kind)
        iq.xml.append(payload)
        result = await requests.send(iq, action, self.timeout)
        return result.xml


# --- helpers ------------------------------------------------------------------------------


def _support_from(features: frozenset[str], prefer: Dialect) -> ArchiveSupport:
    offered = {dialect: _features_of(dialect, features) for dialect in Dialect}
    spoken = [d for d in Dialect if offered[d] is not None]
    if not spoken:
        raise ServerError(
            "This server does not offer message archiving (XEP-0136).",
            condition="feature-not-implemented",
        )
    dialect = prefer if prefer in spoken else spoken[0]
    found = offered[dialect]
    assert found is not None
    return ArchiveSupport(dialect, found)


def _features_of(dialect: Dialect, features: frozenset[str]) -> frozenset[str] | None:
    """The short feature names of *dialect* in *features*; None if it is not offered at all."""
    separator = "#" if dialect is Dialect.SEED else ":"
    names = frozenset(name for name in FEATURES if f"{dialect.value}{separator}{name}" in features)
    if names or dialect.value in features:
        return names
    return None


def _set_id(element: ET.Element, cid: CollectionId) -> None:
    element.set("with", cid.with_jid)
    element.set("start", format_datetime(cid.start))


def _set_range(
    element: ET.Element, with_: str | None, start: datetime | None, end: datetime | None
) -> None:
    if with_ is not None:
        element.set("with", with_)
    if start is not None:
        element.set("start", format_datetime(start))
    if end is not None:
        element.set("end", format_datetime(end))


def _upload(dialect: Dialect, collection: ET.Element) -> ET.Element:
    if dialect is Dialect.SEED:
        return collection
    save = ET.Element(wire.q(dialect.value, "save"))
    save.append(collection)
    return save


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _size(elements: list[ET.Element]) -> int:
    return sum(len(ET.tostring(element)) for element in elements)


def _prefix_within(children: list[ET.Element], limit: int) -> list[ET.Element]:
    """The longest prefix of *children* whose XML fits in *limit* bytes (at least one)."""
    total = 0
    for count, child in enumerate(children):
        total += len(ET.tostring(child))
        if total > limit and count > 0:
            return children[:count]
    return children


def _last_page(
    entries: Any, last: str | None, count: int | None, seen: int, previous: str | None
) -> bool:
    """Whether a page ends the result set.

    An empty page, a page without a ``last`` id, a ``last`` that does not
    move on, or a total ``count`` reached all end it. Errors never reach
    here: they are raised by the request.
    """
    if not entries or last is None or last == previous:
        return True
    return count is not None and seen >= count


def _merge_items(items: list[Any], keys_seen: set[str], page: Collection) -> None:
    for item in page.items:
        if isinstance(item, EncryptedItem) and item.kind is EncryptedKind.KEY:
            if item.xml in keys_seen:
                continue
            keys_seen.add(item.xml)
        items.append(item)
