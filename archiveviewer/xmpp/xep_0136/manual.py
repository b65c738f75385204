"""Manual archiving and replacing keys: the requests that add to the archive.

Removing (and notes, which are checked) is in :mod:`.removal`.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Sequence

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Dialect,
    EncryptedItem,
    EncryptedKind,
    SaveMode,
)
from archiveviewer.errors import MalformedInput, ServerError
from archiveviewer.protocol import codec, requests
from archiveviewer.protocol.names import names_of
from archiveviewer.protocol.paging import (
    collection_of_upload,
    last_page,
    prefix_within,
    size_of,
    wrap_upload,
)
from archiveviewer.protocol.requests import PageRequest, PageResult
from archiveviewer.xmpp.xep_0136.base import ArchiveBase
from archiveviewer.xmpp.xep_0136.pages import StoreIncomplete, unsupported

log = logging.getLogger(__name__)


class ManualArchiving(ArchiveBase):
    """Store, subject, note, remove; and the seed's encrypted keys."""

    max_store_bytes: int

    def _init_manual(self) -> None:
        self._store_limit: int = int(self.max_store_bytes)

    # --- manual archiving ------------------------------------------------------------

    async def store(
        self, collection: Collection, *, save: SaveMode = SaveMode.BODY, from_item: int = 0
    ) -> None:
        """Create *collection* on the server, or append its items to it.

        Items go in requests below the size limit, in order; when the server
        answers not-acceptable the request is split further and sent again.
        When even one item is refused, StoreIncomplete says how many went
        in. *save* ``all``/``message`` uploads whole messages, not just bodies.
        *from_item* > 0 sends only the items from that index on (the server
        holds the first ones from an upload cut off half-way), with the
        times they have in the whole collection and without the subject.
        """
        dialect = await self._dialect()
        whole = collection_of_upload(codec.store_element(collection, dialect, save=save), dialect)
        header = dict(whole.attrib)
        children = list(whole)[from_item:]
        if from_item:
            header.pop("subject", None)  # it went with the first request
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
            chunk = prefix_within(children, self._store_limit)
            try:
                await self._store_chunk(dialect, header, chunk)
            except ServerError as exc:
                if exc.condition != "not-acceptable" or len(chunk) == 1:
                    raise
                self._store_limit = max(1, size_of(chunk) // 2)
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
        await self._query("set", wrap_upload(dialect, element), "store the conversation")

    async def set_subject(self, id: CollectionId, subject: str) -> None:
        """Give an existing collection a new subject."""
        dialect = await self._dialect()
        element = codec.store_element(Collection(id=id, subject=subject), dialect)
        await self._query("set", element, "change the subject")

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
            raise unsupported(
                "This server's message archiving (urn:xmpp:archive) has no way to replace "
                "the keys of encrypted conversations."
            )
