"""XEP-0136 Message Archiving for slixmpp, in both dialects.

Requests are built and results read by :mod:`archiveviewer.protocol`; this
module sends them and pages through the answers. Every method is a
coroutine that builds its own request, so several may be in flight at once
(``asyncio.gather``). Every failure is raised as a typed error with a
sentence: a server error in the middle of paging is raised, never taken for
the end of the list.
"""

from __future__ import annotations

import asyncio
import logging
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Callable, Iterable, Sequence, Sized
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from slixmpp.plugins import BasePlugin
from slixmpp.stanza import Iq
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from archiveviewer.domain import (
    AutoArchiving,
    Collection,
    CollectionId,
    Dialect,
    EncryptedItem,
    EncryptedKind,
    MethodUse,
    Note,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.errors import KnownError, MalformedInput, ServerError
from archiveviewer.protocol import codec, prefs, requests
from archiveviewer.protocol.features import ArchiveSupport, archive_support
from archiveviewer.protocol.names import RSM_NS, XMLENC_NS, names_of
from archiveviewer.protocol.requests import PageRequest, PageResult
from archiveviewer.protocol.stanza import register_stanza_plugins
from archiveviewer.protocol.xep0082 import format_datetime
from archiveviewer.xmpp import requests as sending
from archiveviewer.xmpp.xep_0136.pages import (
    ChangePage,
    CollectionPage,
    RetrievePage,
    StoreIncomplete,
)

log = logging.getLogger(__name__)

PrefsListener = Callable[[Prefs], None]
#: Called with the JIDs of an ``<itemremove/>`` push (urn:xmpp:archive).
RemovalListener = Callable[[tuple[str, ...]], None]

#: Where replication starts when there is no cursor yet: changes happen on
#: the server's clock, so nothing changed before this.
_BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)


class XEP_0136(BasePlugin):  # slixmpp names plugin classes after the XEP
    """Message archiving: discover, list, retrieve, store, remove, prefs, replication, keys."""

    name = "xep_0136"
    description = "XEP-0136: Message Archiving (seed 0.9 and urn:xmpp:archive)"
    dependencies: ClassVar[set[str]] = {"xep_0030", "xep_0059"}
    default_config: ClassVar[dict[str, Any]] = {
        # seconds to wait for each answer
        "timeout": 30.0,
        # items per page when the caller does not say
        "page_size": 100,
        # the largest upload we send at first; smaller after a not-acceptable
        "max_store_bytes": 60_000,
        # the dialect to use when the server offers both
        "preferred_dialect": Dialect.SEED,
    }

    def plugin_init(self) -> None:
        register_stanza_plugins()
        self.support: ArchiveSupport | None = None
        self._discovering = asyncio.Lock()
        self._store_limit: int = int(self.max_store_bytes)
        self._prefs_listeners: list[PrefsListener] = []
        self._prefs_asked = False
        for dialect in Dialect:
            self.xmpp.register_handler(
                Callback(
                    _push_handler_name(dialect),
                    MatchXPath(f"{{jabber:client}}iq/{names_of(dialect).tag('pref')}"),
                    self._on_pref_push,
                )
            )
        # A contact preference removed by another resource (urn only; issue #14).
        self._removal_listeners: list[RemovalListener] = []
        self.xmpp.register_handler(
            Callback(
                _ITEMREMOVE_HANDLER,
                MatchXPath(f"{{jabber:client}}iq/{names_of(Dialect.URN).tag('itemremove')}"),
                self._on_itemremove_push,
            )
        )
        self.xmpp.add_event_handler("session_end", self._forget_support)

    def plugin_end(self) -> None:
        for dialect in Dialect:
            self.xmpp.remove_handler(_push_handler_name(dialect))
        self.xmpp.remove_handler(_ITEMREMOVE_HANDLER)
        self.xmpp.del_event_handler("session_end", self._forget_support)

    def _forget_support(self, _event: Any) -> None:
        # The next connection may reach a server that was upgraded meanwhile.
        self.support = None

    # --- discovery -----------------------------------------------------------------

    async def discover(self, prefer: Dialect | None = None) -> ArchiveSupport:
        """Find out which dialect and features the server offers (server and account disco).

        When both dialects are offered, *prefer* wins; it is remembered as
        the plugin's ``preferred_dialect`` (the seed unless set) for later
        discoveries, such as after a reconnection. A server that answers only
        list and retrieve is supported with what it has. Raises ServerError
        (``feature-not-implemented``) when the server offers no archiving.
        """
        if prefer is not None:
            self.preferred_dialect = prefer
        async with self._discovering:
            return await self._discover_now()

    async def _discover_now(self) -> ArchiveSupport:
        features = await self._disco(self.xmpp.boundjid.domain)
        features |= await self._disco_account()
        self.support = choose_support(features, self.preferred_dialect)
        return self.support

    async def _disco(self, jid: str) -> frozenset[str]:
        iq = self._iq("get", to=jid)
        iq.enable("disco_info")
        result = await sending.send(iq, "ask the server what it supports", self.timeout)
        return frozenset(result["disco_info"]["features"])

    async def _disco_account(self) -> frozenset[str]:
        try:
            return await self._disco(self.xmpp.boundjid.bare)
        except ServerError:
            return frozenset()  # an account without its own disco adds nothing

    async def _dialect(self) -> Dialect:
        if self.support is None:
            async with self._discovering:  # requests gathered at once discover once
                if self.support is None:
                    await self._discover_now()
        assert self.support is not None
        return self.support.dialect

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
        """One page of the collections with *with_* (full JID, bare JID or domain) in [start, end].

        ``after``/``before`` are RSM ids from an earlier page (``before=''``
        gives the last page); ``index`` jumps to a position.
        """
        dialect = await self._dialect()
        page = PageRequest(max=max or self.page_size, after=after, before=before)
        request = requests.list_element(dialect, with_jid=with_, start=start, end=end, page=page)
        _add_index(request, index)
        result = await self._query("get", request, "list the archived conversations")
        answer = result.find(names_of(dialect).tag("list"))
        if answer is None:
            raise MalformedInput("The server answered a list request without a <list/>.")
        info = requests.page_from_element(answer) or PageResult()
        collections = tuple(codec.collections_in(answer, dialect))
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
            if last_page(page.collections, page.last, page.count, seen, after):
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
        dialect = await self._dialect()
        page = PageRequest(max=max or self.page_size, after=after, before=before)
        answer, info = await self._retrieve_raw(dialect, id, page, tuple(key_names), index)
        running = clock or id.start
        # Times of a later page run on from the previous page's clock: read
        # the page as if the collection started there, then restore its key.
        answer.set("start", format_datetime(running))
        collection = replace(codec.collection_from_element(answer, dialect), id=id)
        end_clock = running + timedelta(seconds=_secs_in(answer, dialect))
        return RetrievePage(collection, info.first, info.last, info.count, end_clock)

    async def retrieve(self, id: CollectionId, key_names: Iterable[str] = ()) -> Collection:
        """A whole collection: every page merged, each EncryptedKey element once."""
        dialect = await self._dialect()
        names = tuple(key_names)
        merged: ET.Element | None = None
        keys_seen: set[bytes] = set()
        after: str | None = None
        seen = 0
        while True:
            page = PageRequest(max=self.page_size, after=after)
            answer, info = await self._retrieve_raw(dialect, id, page, names, None)
            merged = merged if merged is not None else ET.Element(answer.tag, answer.attrib)
            added = _merge_page(merged, answer, keys_seen)
            seen += added
            if last_page(range(added), info.last, info.count, seen, after):
                break
            after = info.last
        return codec.collection_from_element(merged, dialect)

    async def _retrieve_raw(
        self,
        dialect: Dialect,
        cid: CollectionId,
        page: PageRequest,
        key_names: tuple[str, ...],
        index: int | None,
    ) -> tuple[ET.Element, PageResult]:
        request = requests.retrieve_element(dialect, cid, page=page, key_names=key_names)
        _add_index(request, index)
        result = await self._query("get", request, "read the conversation")
        names = names_of(dialect)
        answer = result.find(names.tag(names.collection))
        if answer is None:
            raise MalformedInput("The server answered a retrieve request without a collection.")
        return answer, requests.page_from_element(answer) or PageResult()

    # --- manual archiving ------------------------------------------------------------

    async def store(self, collection: Collection, *, save: SaveMode = SaveMode.BODY) -> None:
        """Create *collection* on the server, or append its items to it.

        Items go in requests below the size limit, in order; when the server
        answers not-acceptable the request is split further and sent again.
        When even one item is refused, StoreIncomplete says how many went
        in. *save* ``all``/``message`` uploads whole messages, not just bodies.
        """
        dialect = await self._dialect()
        whole = _collection_of_upload(codec.store_element(collection, dialect, save=save), dialect)
        header = dict(whole.attrib)
        children = list(whole)
        if not children:
            await self._store_chunk(dialect, header, [])
            return
        stored = 0
        limit = self._store_limit
        while stored < len(children):
            try:
                stored += await self._store_fitting(dialect, header, children[stored:])
            except ServerError as exc:
                # Even one item was refused: the collection, not the request,
                # is too large, so later uploads need not be split this small.
                self._store_limit = limit
                raise StoreIncomplete(exc, stored, len(children)) from None
            header.pop("subject", None)  # the subject travels with the first request only

    async def _store_fitting(
        self, dialect: Dialect, header: dict[str, str], children: list[ET.Element]
    ) -> int:
        """Send the longest prefix of *children* the server takes; return how many it took."""
        while True:
            chunk = _prefix_within(children, self._store_limit)
            try:
                await self._store_chunk(dialect, header, chunk)
            except ServerError as exc:
                if exc.condition != "not-acceptable" or len(chunk) == 1:
                    raise
                self._store_limit = max(1, _size(chunk) // 2)
                log.info("upload of %d items refused; now at most %d bytes", len(chunk),
                         self._store_limit)  # fmt: skip
                continue
            return len(chunk)

    async def _store_chunk(
        self, dialect: Dialect, header: dict[str, str], chunk: list[ET.Element]
    ) -> None:
        names = names_of(dialect)
        element = ET.Element(names.tag(names.collection), header)
        element.extend(chunk)
        await self._query("set", _upload(dialect, element), "store the conversation")

    async def set_subject(self, id: CollectionId, subject: str) -> None:
        """Give an existing collection a new subject."""
        dialect = await self._dialect()
        element = codec.store_element(Collection(id=id, subject=subject), dialect)
        await self._query("set", element, "change the subject")

    async def add_note(self, id: CollectionId, note: Note) -> None:
        """Append a private note to a collection."""
        await self.store(Collection(id=id, items=(note,)))

    # --- removing -----------------------------------------------------------------------

    async def remove(self, id: CollectionId) -> None:
        """Remove one collection. Raises ServerError (item-not-found) if there is none."""
        dialect = await self._dialect()
        request = requests.remove_element(dialect, with_jid=id.with_jid, start=id.start)
        await self._query("set", request, "remove the conversation")

    async def remove_range(
        self,
        with_: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> None:
        """Remove every collection with *with_* (full, bare JID or domain) from *start* until *end*.

        Leave out what should not limit the removal: no argument at all
        removes the whole archive. (With *with_* and *start* but no *end*
        the seed means the one collection that starts then: see
        :meth:`remove`.) Raises ServerError (item-not-found) when nothing
        matched.
        """
        dialect = await self._dialect()
        request = requests.remove_element(dialect, with_jid=with_, start=start, end=end)
        await self._query("set", request, "remove the conversations")

    async def remove_open(self, with_: str | None = None) -> None:
        """Remove the collections the server is recording right now (all, or with *with_*)."""
        dialect = await self._dialect()
        request = requests.remove_element(dialect, with_jid=with_, open_only=True)
        await self._query("set", request, "remove the conversations being recorded")

    # --- preferences ----------------------------------------------------------------------

    def add_prefs_listener(self, listener: PrefsListener) -> None:
        """Call *listener* with the preferences of every push the server sends.

        The same value is also fired as the slixmpp event ``archive_prefs``.
        A push holds only what changed. The server pushes only to resources
        that asked for the preferences once (:meth:`get_prefs`).
        """
        self._prefs_listeners.append(listener)

    def remove_prefs_listener(self, listener: PrefsListener) -> None:
        """Stop calling *listener*."""
        self._prefs_listeners.remove(listener)

    async def get_prefs(self) -> Prefs:
        """The user's archiving preferences; from now on the server pushes changes."""
        dialect = await self._dialect()
        request = ET.Element(names_of(dialect).tag("pref"))
        result = await self._query("get", request, "read the archiving preferences")
        answer = result.find(names_of(dialect).tag("pref"))
        if answer is None:
            raise MalformedInput("The server answered a preferences request without <pref/>.")
        self._prefs_asked = True
        return prefs.prefs_from_element(answer, dialect)

    async def resume_pushes(self) -> Prefs | None:
        """After a reconnection, ask for the preferences again if they were asked for before.

        A server pushes changes only to streams that asked; a new stream has
        not. Returns the current preferences, or None when nobody asked.
        """
        if not self._prefs_asked:
            return None
        return await self.get_prefs()

    async def set_default(self, rule: SaveRule) -> None:
        """Set the default save and OTR modes (``rule.jid`` must be None)."""
        if rule.jid is not None:
            raise ValueError("a default rule has no jid; use set_item")
        await self._set_prefs(Prefs(default=rule), "change the default archiving preference")

    async def set_item(self, rule: SaveRule) -> None:
        """Set the save and OTR modes for the contact ``rule.jid``."""
        if rule.jid is None:
            raise ValueError("a contact rule needs a jid; use set_default")
        await self._set_prefs(Prefs(items=(rule,)), "change the contact's archiving preference")

    async def set_methods(self, methods: Iterable[tuple[str, MethodUse]]) -> None:
        """Set how clients should use each archiving method (``auto``, ``local``, ``manual``)."""
        await self._set_prefs(Prefs(methods=tuple(methods)), "change the archiving methods")

    async def _set_prefs(self, wanted: Prefs, action: str) -> None:
        dialect = await self._dialect()
        await self._query("set", prefs.pref_element(wanted, dialect), action)

    async def remove_item(self, jid: str) -> None:
        """Remove the contact preference for *jid* (urn:xmpp:archive's ``itemremove``).

        The seed dialect has no way to remove one: this raises KnownError
        rather than pretend; the caller may set the contact's modes to the
        default ones instead.
        """
        dialect = await self._dialect()
        if dialect is Dialect.SEED:
            raise KnownError(
                "This server speaks the 2007 draft of message archiving, which cannot remove "
                f"the preference for {jid}. Set it to the same values as the default instead."
            )
        await self._query(
            "set", prefs.itemremove_element([jid]), "remove the contact's archiving preference"
        )

    async def set_auto(
        self,
        save: bool,
        encrypt: bool = False,
        keys: Iterable[str] = (),
        *,
        scope: str | None = None,
    ) -> None:
        """Switch automatic archiving of this stream on or off.

        *encrypt* and *keys* (extra public keys as XML Signature ``KeyInfo``
        elements, as XML text) exist in the seed dialect only; asking for
        them from a urn:xmpp:archive server raises KnownError. *scope*
        (``stream`` or ``global``) is written in urn:xmpp:archive only.
        """
        dialect = await self._dialect()
        key_info = tuple(keys)
        if dialect is Dialect.URN and (encrypt or key_info):
            raise KnownError(
                "This server's message archiving (urn:xmpp:archive) cannot encrypt "
                "automatically archived conversations."
            )
        request = prefs.auto_element(
            AutoArchiving(save=save, encrypt=encrypt, scope=scope), dialect, key_info=key_info
        )
        await self._query("set", request, "change automatic archiving")

    def _on_pref_push(self, iq: Any) -> None:
        if iq["type"] != "set" or not self._from_own_account(iq):
            return
        for dialect in Dialect:
            pref = iq.xml.find(names_of(dialect).tag("pref"))
            if pref is not None:
                self._accept_push(iq, pref, dialect)
                return

    def _accept_push(self, iq: Any, pref: ET.Element, dialect: Dialect) -> None:
        try:
            pushed = prefs.prefs_from_element(pref, dialect)
        except MalformedInput as exc:
            log.warning("refused a preference push: %s", exc.user_message)
            reply = iq.reply(clear=True)
            reply.error()
            reply["error"]["condition"] = "bad-request"
            reply.send()
            return
        iq.reply(clear=True).send()
        self.xmpp.event("archive_prefs", pushed)
        for listener in list(self._prefs_listeners):
            listener(pushed)

    def add_removal_listener(self, listener: RemovalListener) -> None:
        """Call *listener* with the JIDs of every ``<itemremove/>`` push (urn:xmpp:archive)."""
        self._removal_listeners.append(listener)

    def remove_removal_listener(self, listener: RemovalListener) -> None:
        """Stop calling *listener*."""
        self._removal_listeners.remove(listener)

    def _on_itemremove_push(self, iq: Any) -> None:
        element = iq.xml.find(names_of(Dialect.URN).tag("itemremove"))
        if iq["type"] != "set" or element is None or not self._from_own_account(iq):
            return
        try:
            jids = prefs.itemremove_jids(element)
        except MalformedInput as exc:
            log.warning("refused a preference removal push: %s", exc.user_message)
            return
        iq.reply(clear=True).send()
        for listener in list(self._removal_listeners):
            listener(jids)

    def _from_own_account(self, iq: Any) -> bool:
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
        dialect = await self._dialect()
        cursor = after
        while True:
            page = PageRequest(max=max or self.page_size, after=cursor)
            request = requests.modified_element(dialect, _BEGINNING, page=page)
            result = await self._query("get", request, "ask what changed in the archive")
            answer = result.find(names_of(dialect).tag("modified"))
            if answer is None:
                raise MalformedInput("The server answered a modified request without <modified/>.")
            changes = requests.changes_from_element(answer, dialect)
            info = requests.page_from_element(answer) or PageResult()
            yield ChangePage(tuple(changes), info.last or cursor, info.count)
            # The cursor is the query here, so a count may be what remains
            # or the total: only an empty page (or a stuck cursor) ends it.
            if last_page(changes, info.last, None, 0, cursor):
                return
            cursor = info.last

    # --- replacing keys (seed) ------------------------------------------------------------

    async def keys(
        self, key_name: str, *, max: int | None = None
    ) -> AsyncIterator[tuple[CollectionId, EncryptedItem]]:
        """Every EncryptedKey element made with the public key *key_name*, with its collection."""
        await self._require_seed_keys()
        after: str | None = None
        seen = 0
        while True:
            page = PageRequest(max=max or self.page_size, after=after)
            result = await self._query(
                "get", requests.keys_element([key_name], page=page), "list the encrypted keys"
            )
            answer = result.find(names_of(Dialect.SEED).tag("keys"))
            if answer is None:
                raise MalformedInput("The server answered a keys request without <keys/>.")
            collections = codec.collections_in(answer, Dialect.SEED)
            for collection in collections:
                for item in collection.encrypted:
                    yield collection.id, item
            info = requests.page_from_element(answer) or PageResult()
            seen += len(collections)
            if last_page(collections, info.last, info.count, seen, after):
                return
            after = info.last

    async def store_keys(self, id: CollectionId, items: Sequence[EncryptedItem]) -> None:
        """Append EncryptedKey *items* to the existing collection *id* (seed dialect).

        This is the store half of replacing keys (the ``KeyArchive`` of the
        crypto layer). A collection that is no longer on the server raises
        ServerError (item-not-found) rather than being created anew with
        keys and no data; anything but EncryptedKey items is a ValueError.
        """
        await self._require_seed_keys()
        if any(item.kind is not EncryptedKind.KEY for item in items):
            raise ValueError("store_keys takes EncryptedKey items only")
        if not items:
            return
        await self.retrieve_page(id, max=1)  # item-not-found if it was removed meanwhile
        await self.store(Collection(id=id, crypt=True, items=tuple(items)))

    async def delete_keys(self, id: CollectionId, key_name: str) -> None:
        """Delete from a collection the EncryptedKey elements made with *key_name*."""
        await self._require_seed_keys()
        request = requests.delete_element(id, [key_name])
        await self._query("set", request, "delete the old encrypted keys")

    async def _require_seed_keys(self) -> None:
        if await self._dialect() is not Dialect.SEED:
            raise KnownError(
                "This server's message archiving (urn:xmpp:archive) has no way to replace "
                "the keys of encrypted conversations."
            )

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
        result = await sending.send(iq, action, self.timeout)
        return result.xml


# --- helpers ------------------------------------------------------------------------------


def choose_support(features: frozenset[str], prefer: Dialect) -> ArchiveSupport:
    """The dialect to use among those the disco *features* offer: *prefer* if it is there."""
    offered = archive_support(features)
    if not offered:
        raise ServerError(
            "This server does not offer message archiving (XEP-0136).",
            condition="feature-not-implemented",
        )
    for support in offered:
        if support.dialect is prefer:
            return support
    return offered[0]


def last_page(
    entries: Sized, last: str | None, count: int | None, seen: int, previous: str | None
) -> bool:
    """Whether a page ends the result set.

    An empty page, a page without a ``last`` id, a ``last`` that does not
    move on, or a total ``count`` reached all end it. Errors never reach
    here: they are raised by the request.
    """
    if not len(entries) or last is None or last == previous:
        return True
    return count is not None and seen >= count


_ITEMREMOVE_HANDLER = "XEP-0136 preference removal push"


def _push_handler_name(dialect: Dialect) -> str:
    return f"XEP-0136 preference push ({dialect.name})"


def _add_index(request: ET.Element, index: int | None) -> None:
    if index is None:
        return
    rsm = request.find(f"{{{RSM_NS}}}set")
    if rsm is None:
        rsm = ET.SubElement(request, f"{{{RSM_NS}}}set")
    ET.SubElement(rsm, f"{{{RSM_NS}}}index").text = str(index)


def _secs_in(collection: ET.Element, dialect: Dialect) -> int:
    names = names_of(dialect)
    total = 0
    for child in collection:
        if child.tag in (names.tag("to"), names.tag("from")) and child.get("utc") is None:
            total += int(child.get("secs") or 0)
    return total


def _merge_page(merged: ET.Element, page: ET.Element, keys_seen: set[bytes]) -> int:
    """Append a retrieve page's items to *merged*, each EncryptedKey once; count the items."""
    added = 0
    for child in page:
        if child.tag == f"{{{RSM_NS}}}set":
            continue
        if child.tag == f"{{{XMLENC_NS}}}EncryptedKey":
            text = ET.tostring(child)
            if text in keys_seen:
                continue
            keys_seen.add(text)
        else:
            added += 1
        merged.append(child)
    return added


def _collection_of_upload(upload: ET.Element, dialect: Dialect) -> ET.Element:
    names = names_of(dialect)
    return upload if names.upload is None else upload[0]


def _upload(dialect: Dialect, collection: ET.Element) -> ET.Element:
    names = names_of(dialect)
    if names.upload is None:
        return collection
    wrapper = ET.Element(names.tag(names.upload))
    wrapper.append(collection)
    return wrapper


def _size(elements: list[ET.Element]) -> int:
    wrapper = ET.Element("x")
    wrapper.extend(elements)
    return len(ET.tostring(wrapper)) - len(b"<x></x>")


def _prefix_within(children: list[ET.Element], limit: int) -> list[ET.Element]:
    """All of *children* if their XML fits in *limit* bytes, else the longest prefix that does.

    Serialising once is much cheaper than once per child, and most uploads fit.
    """
    if _size(children) <= limit:
        return children
    return _prefix_within_each(children, limit)


def _prefix_within_each(children: list[ET.Element], limit: int) -> list[ET.Element]:
    """The longest prefix of *children* whose XML fits in *limit* bytes (at least one)."""
    total = 0
    for count, child in enumerate(children):
        total += len(ET.tostring(child))
        if total > limit and count > 0:
            return children[:count]
    return children
