"""Bookmarks and private XML from a XEP-0227 export, restored into the account (``AccountRestore``).

The file's bookmarks are gathered from every home it has them in (private
XML ``storage:bookmarks``, the PEP node of that name, XEP-0402 items) and
merged into the server's by room JID or URL, as the bookmarks import does
(:func:`archiveviewer.protocol.bookmark_rules.merge_import`): a bookmark not
on the server is added, one that is takes the file's name, autojoin and nick
and keeps what other clients added to it; no bookmark is removed. Each
other private XML namespace of the file is stored where the server holds
nothing; where it holds something else, it is kept unless the user asks to
replace it. A namespace that is not in the file is never touched.

The preview reads the server and changes nothing; :meth:`PortableRestore.restore`
reads it again, so it acts on what is there then.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from archiveviewer.domain import Bookmark
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.formats.xep0227 import PortableAccount
from archiveviewer.formats.xep0227_file import read_export
from archiveviewer.ports.restore import Change, RestoreDone, RestoreItem, RestorePreview
from archiveviewer.protocol import bookmark_rules as rules
from archiveviewer.protocol import bookmarks as codec
from archiveviewer.protocol.private_xml import InvalidPrivateXml, check_namespace
from archiveviewer.protocol.untrusted_xml import namespace_of, parse_untrusted, serialize
from archiveviewer.services.bookmarks import BookmarkCommands
from archiveviewer.services.connection import Connection
from archiveviewer.services.worker import Worker
from archiveviewer.xmpp.private_xml import PrivateXmlStore

_STORAGE = "{" + codec.NS_LEGACY + "}storage"
_NATIVE = "{" + codec.NS_NATIVE + "}conference"


def file_bookmarks(account: PortableAccount) -> list[Bookmark]:
    """Every bookmark the export holds, from each home (XEP-0402 last: it wins a tie)."""
    found: list[Bookmark] = []
    for text in account.private:
        element = parse_untrusted(text)
        if element.tag == _STORAGE:
            found.extend(codec.parse_storage(element).bookmarks)
    for node in account.pep:
        for item in node.items:
            if item.payload is None:
                continue
            element = parse_untrusted(item.payload)
            if node.node == codec.LEGACY_NODE and element.tag == _STORAGE:
                found.extend(codec.parse_storage(element).bookmarks)
            elif node.node == codec.NATIVE_NODE and element.tag == _NATIVE and item.id:
                found.append(codec.parse_native(item.id, element))
    return found


def file_private(account: PortableAccount) -> list[ET.Element]:
    """The export's private XML other than bookmarks (restored through the bookmarks)."""
    return [e for e in map(parse_untrusted, account.private) if e.tag != _STORAGE]


def _same(first: ET.Element, second: ET.Element) -> bool:
    def canonical(element: ET.Element) -> str:
        return ET.canonicalize(serialize(element), strip_text=True)

    return canonical(first) == canonical(second)


@dataclass(frozen=True)
class _Plan:
    items: tuple[RestoreItem, ...]
    bookmarks: tuple[Bookmark, ...]
    private: tuple[tuple[ET.Element, Change], ...]


class PortableRestore:
    """``AccountRestore`` over the account's connection; the file is read on the worker."""

    def __init__(
        self,
        connection: Callable[[], Connection],
        worker: Worker,
        *,
        timeout: float = 10.0,
    ) -> None:
        self._connection = connection
        self._worker = worker
        self._timeout = timeout

    async def preview(self, path: Path) -> RestorePreview:
        """What restoring ``path`` would change (the server is read, nothing is sent)."""
        account = await self._worker.run(_first_account, path)
        plan = await self._plan(account)
        return RestorePreview(path, account.jid, plan.items)

    async def restore(self, preview: RestorePreview, *, replace_private: bool) -> RestoreDone:
        """Merge the bookmarks and store the private XML the preview lists."""
        account = await self._worker.run(_first_account, preview.file)
        plan = await self._plan(account)
        wanted = {Change.ADD, Change.DIFFERS} if replace_private else {Change.ADD}
        store = self._store("restore your private XML")
        stored = 0
        for element, change in plan.private:
            if change in wanted:
                await store.store(element)
                stored += 1
        added = updated = 0
        if plan.bookmarks:
            text = serialize(codec.build_storage(codec.BookmarkStorage(plan.bookmarks)))
            outcome = await BookmarkCommands(self._connection()).import_xml(text)
            added, updated = outcome.added, outcome.updated
        return RestoreDone(added, updated, stored)

    def _store(self, action: str) -> PrivateXmlStore:
        network = self._connection().require(action)
        return PrivateXmlStore(network.client, timeout=self._timeout)

    async def _plan(self, account: PortableAccount) -> _Plan:
        items: list[RestoreItem] = []
        bookmarks = file_bookmarks(account)
        if bookmarks:
            items.extend(await self._bookmark_items(bookmarks))
        refused = {i.name for i in items if i.change is Change.REFUSED}
        bookmarks = [b for b in bookmarks if codec.key_of(b) not in refused]
        private: list[tuple[ET.Element, Change]] = []
        store = self._store("read your private XML")
        for element in file_private(account):
            change, detail = await _private_change(store, element)
            private.append((element, change))
            items.append(RestoreItem("private", namespace_of(element) or "", change, detail))
        return _Plan(tuple(items), tuple(bookmarks), tuple(private))

    async def _bookmark_items(self, bookmarks: list[Bookmark]) -> Iterator[RestoreItem]:
        view = await BookmarkCommands(self._connection()).load()
        current = {row.entry.key: row.entry.bookmark for row in view.rows}
        latest = {codec.key_of(b): b for b in bookmarks}
        return (_bookmark_item(key, bookmark, current) for key, bookmark in latest.items())


def _bookmark_item(key: str, bookmark: Bookmark, current: dict[str, Bookmark]) -> RestoreItem:
    try:
        codec.validate(bookmark)
    except KnownError as refused:
        return RestoreItem("bookmark", key, Change.REFUSED, refused.user_message)
    plan = rules.merge_import(current, [bookmark])
    change = Change.ADD if plan.added else Change.UPDATE if plan.updated else Change.UNCHANGED
    return RestoreItem("bookmark", key, change, bookmark.name or "")


async def _private_change(store: PrivateXmlStore, element: ET.Element) -> tuple[Change, str]:
    namespace = namespace_of(element) or ""
    try:
        check_namespace(namespace)
    except InvalidPrivateXml as refused:
        return Change.REFUSED, refused.user_message
    held = await store.read(element.tag.rpartition("}")[2], namespace)
    if held is None:
        return Change.ADD, ""
    if _same(held, element):
        return Change.UNCHANGED, ""
    return Change.DIFFERS, serialize(held)


def _first_account(path: Path) -> PortableAccount:
    accounts = read_export(path)
    if not accounts:
        raise MalformedInput(f"“{path.name}” holds no account.")
    return accounts[0]
