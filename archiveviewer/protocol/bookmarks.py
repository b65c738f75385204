"""Bookmarks on the wire: XEP-0048 ``storage:bookmarks`` and XEP-0402 ``urn:xmpp:bookmarks:1``.

Sans-I/O: elements in, domain values out, and back. Whatever another client
put into a bookmark that we do not understand (child elements, attributes)
is kept in ``extra``/``extra_attrs`` and written back unchanged, so editing
a bookmark here never strips another client's extensions:

- XEP-0048: unknown children of ``<conference/>``/``<url/>`` and unknown
  attributes; unknown children and attributes of ``<storage/>`` itself
  (:class:`BookmarkStorage`); a ``<conference/>`` without a ``jid`` or a
  ``<url/>`` without a ``url`` is kept whole as an unknown child.
- XEP-0402: the children of ``<extensions/>`` are the same ``extra`` (this is
  how servers translate between the two, too); an unknown child placed
  directly under ``<conference/>`` is kept as well but written back inside
  ``<extensions/>``, where the spec says it belongs.

Reading is lenient (another client's bookmark is shown even if its JID is
odd); writing what the user entered is strict: :func:`validate` refuses an
invalid room JID or URL with a :class:`InvalidBookmark` before anything is
built or sent.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from slixmpp.jid import JID, InvalidJID

from archiveviewer.domain import Bookmark, BookmarkEntry, BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import Fault, KnownError
from archiveviewer.protocol.untrusted_xml import parse_untrusted, serialize

NS_LEGACY = "storage:bookmarks"
NS_NATIVE = "urn:xmpp:bookmarks:1"
#: Feature on the account: the server keeps XEP-0048 and XEP-0402 in step.
FEATURE_NATIVE_COMPAT = NS_NATIVE + "#compat"
#: The PEP node of XEP-0048 bookmarks and its one item.
LEGACY_NODE = NS_LEGACY
LEGACY_ITEM_ID = "current"
NATIVE_NODE = NS_NATIVE

#: Publish-options for private data in PEP (XEP-0223 section 2).
PRIVATE_PUBLISH_OPTIONS: tuple[tuple[str, str], ...] = (
    ("pubsub#persist_items", "true"),
    ("pubsub#access_model", "whitelist"),
)
#: Publish-options of XEP-0402: one item per room, never pushed on presence.
NATIVE_PUBLISH_OPTIONS: tuple[tuple[str, str], ...] = (
    *PRIVATE_PUBLISH_OPTIONS,
    ("pubsub#max_items", "max"),
    ("pubsub#send_last_published_item", "never"),
)

_URL_SCHEMES = ("http", "https", "xmpp")
#: Homes in order of preference when they disagree about one bookmark.
_HOME_ORDER = (BookmarkHome.NATIVE, BookmarkHome.PEP, BookmarkHome.PRIVATE)


class InvalidBookmark(KnownError):
    """The user's bookmark cannot be stored: its room JID or URL is not valid."""

    fault = Fault.LOCAL


@dataclass(frozen=True)
class BookmarkStorage:
    """A XEP-0048 ``<storage/>`` element: its bookmarks and what else it held."""

    bookmarks: tuple[Bookmark, ...] = ()
    extra: tuple[str, ...] = ()
    extra_attrs: tuple[tuple[str, str], ...] = ()


# --- validation ----------------------------------------------------------------


def room_jid(text: str) -> str:
    """Check that ``text`` names a chat room and return its normalised bare JID.

    A room JID needs a local part and a domain and has no resource.
    """
    shown = text.strip()
    try:
        jid = JID(shown)
    except InvalidJID:
        raise InvalidBookmark(f"“{shown}” is not a valid chat room address.") from None
    if not jid.user or not jid.domain:
        raise InvalidBookmark(
            f"“{shown}” is not a chat room address: it needs the form room@service."
        )
    if jid.resource:
        raise InvalidBookmark(
            f"“{shown}” is not a chat room address: remove the part after the “/”."
        )
    return str(jid.bare)


def checked_url(text: str) -> str:
    """Check that ``text`` is an http, https or xmpp URL with a host and return it."""
    shown = text.strip()
    try:
        parts = urlsplit(shown)
    except ValueError:
        raise InvalidBookmark(f"“{shown}” is not a valid web address.") from None
    if parts.scheme.lower() not in _URL_SCHEMES:
        raise InvalidBookmark(
            f"“{shown}” is not a web address this program can store: "
            "it must start with http://, https:// or xmpp:."
        )
    host = parts.hostname if parts.scheme.lower() != "xmpp" else _xmpp_uri_host(parts.path)
    if not host or any(c.isspace() for c in shown):
        raise InvalidBookmark(f"“{shown}” is not a valid web address: it names no host.")
    return shown


def _xmpp_uri_host(path: str) -> str | None:
    """The domain of an ``xmpp:`` URI's JID, or None when it has no valid JID."""
    address = path.lstrip("/").partition("?")[0]
    try:
        return JID(address).domain or None
    except InvalidJID:
        return None


def validate(bookmark: Bookmark) -> Bookmark:
    """Return ``bookmark`` with its room JID or URL checked and normalised.

    Raises :class:`InvalidBookmark` with a sentence for the user otherwise.
    """
    if isinstance(bookmark, Conference):
        return replace(bookmark, jid=room_jid(bookmark.jid))
    return replace(bookmark, url=checked_url(bookmark.url))


def key_of(bookmark: Bookmark) -> str:
    """The identity of a bookmark across homes: the normalised room JID or the URL."""
    if isinstance(bookmark, UrlBookmark):
        return bookmark.url
    try:
        return str(JID(bookmark.jid).bare) or bookmark.jid
    except InvalidJID:
        return bookmark.jid


# --- shared element helpers ----------------------------------------------------


def _child_text(parent: ET.Element, tag: str) -> str | None:
    child = parent.find(tag)
    if child is None:
        return None
    return child.text or ""


def _autojoin(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("true", "1")


def _extra_attrs(element: ET.Element, known: Iterable[str]) -> tuple[tuple[str, str], ...]:
    known_names = set(known)
    return tuple((k, v) for k, v in element.attrib.items() if k not in known_names)


def _extras(element: ET.Element, known: Iterable[str]) -> tuple[str, ...]:
    known_tags = set(known)
    return tuple(serialize(child) for child in element if child.tag not in known_tags)


def _append_extras(parent: ET.Element, extras: Iterable[str]) -> None:
    for text in extras:
        parent.append(parse_untrusted(text))


def _text_child(parent: ET.Element, tag: str, text: str | None) -> None:
    if text is not None:
        ET.SubElement(parent, tag).text = text


def _set_attr(element: ET.Element, name: str, value: str | None) -> None:
    if value is not None:
        element.set(name, value)


# --- XEP-0048 ----------------------------------------------------------------------

_L = "{" + NS_LEGACY + "}"
_LEGACY_CONFERENCE_ATTRS = ("jid", "name", "autojoin")
_LEGACY_CONFERENCE_CHILDREN = (_L + "nick", _L + "password")


def parse_storage(element: ET.Element) -> BookmarkStorage:
    """Read a XEP-0048 ``<storage xmlns='storage:bookmarks'/>`` element."""
    bookmarks: list[Bookmark] = []
    extra: list[str] = []
    for child in element:
        bookmark = _parse_legacy_child(child)
        if bookmark is None:
            extra.append(serialize(child))
        else:
            bookmarks.append(bookmark)
    return BookmarkStorage(tuple(bookmarks), tuple(extra), _extra_attrs(element, ()))


def _parse_legacy_child(child: ET.Element) -> Bookmark | None:
    if child.tag == _L + "conference" and child.get("jid"):
        return Conference(
            jid=child.get("jid", ""),
            name=child.get("name"),
            autojoin=_autojoin(child.get("autojoin")),
            nick=_child_text(child, _L + "nick"),
            password=_child_text(child, _L + "password"),
            extra=_extras(child, _LEGACY_CONFERENCE_CHILDREN),
            extra_attrs=_extra_attrs(child, _LEGACY_CONFERENCE_ATTRS),
        )
    if child.tag == _L + "url" and child.get("url"):
        return UrlBookmark(
            url=child.get("url", ""),
            name=child.get("name"),
            extra=_extras(child, ()),
            extra_attrs=_extra_attrs(child, ("url", "name")),
        )
    return None


def build_storage(storage: BookmarkStorage) -> ET.Element:
    """Write a XEP-0048 ``<storage/>`` element, unknown parts included."""
    element = ET.Element(_L + "storage", dict(storage.extra_attrs))
    for bookmark in storage.bookmarks:
        element.append(build_legacy_bookmark(bookmark))
    _append_extras(element, storage.extra)
    return element


def build_legacy_bookmark(bookmark: Bookmark) -> ET.Element:
    """Write one bookmark as a XEP-0048 ``<conference/>`` or ``<url/>``."""
    if isinstance(bookmark, UrlBookmark):
        element = ET.Element(_L + "url", dict(bookmark.extra_attrs))
        element.set("url", bookmark.url)
        _set_attr(element, "name", bookmark.name)
        _append_extras(element, bookmark.extra)
        return element
    element = ET.Element(_L + "conference", dict(bookmark.extra_attrs))
    element.set("jid", bookmark.jid)
    _set_attr(element, "name", bookmark.name)
    if bookmark.autojoin:
        element.set("autojoin", "true")
    _text_child(element, _L + "nick", bookmark.nick)
    _text_child(element, _L + "password", bookmark.password)
    _append_extras(element, bookmark.extra)
    return element


def with_bookmark(storage: BookmarkStorage, bookmark: Bookmark) -> BookmarkStorage:
    """``storage`` with ``bookmark`` added, or replacing the one with the same key in place."""
    key = key_of(bookmark)
    bookmarks = list(storage.bookmarks)
    for index, old in enumerate(bookmarks):
        if key_of(old) == key:
            bookmarks[index] = bookmark
            return replace(storage, bookmarks=tuple(bookmarks))
    return replace(storage, bookmarks=(*bookmarks, bookmark))


def without_bookmark(storage: BookmarkStorage, key: str) -> BookmarkStorage:
    """``storage`` with every bookmark of ``key`` left out."""
    kept = tuple(b for b in storage.bookmarks if key_of(b) != key)
    return replace(storage, bookmarks=kept)


# --- XEP-0402 ----------------------------------------------------------------------

_N = "{" + NS_NATIVE + "}"
_NATIVE_CONFERENCE_ATTRS = ("name", "autojoin")
_NATIVE_CONFERENCE_CHILDREN = (_N + "nick", _N + "password", _N + "extensions")


def parse_native(item_id: str, element: ET.Element) -> Conference:
    """Read a XEP-0402 ``<conference/>``; ``item_id`` is its item's id, the room JID."""
    extensions = element.find(_N + "extensions")
    inside = _extras(extensions, ()) if extensions is not None else ()
    return Conference(
        jid=item_id,
        name=element.get("name"),
        autojoin=_autojoin(element.get("autojoin")),
        nick=_child_text(element, _N + "nick"),
        password=_child_text(element, _N + "password"),
        extra=inside + _extras(element, _NATIVE_CONFERENCE_CHILDREN),
        extra_attrs=_extra_attrs(element, _NATIVE_CONFERENCE_ATTRS),
    )


def build_native(conference: Conference) -> ET.Element:
    """Write a XEP-0402 ``<conference/>``; its item id is ``conference.jid``."""
    element = ET.Element(_N + "conference", dict(conference.extra_attrs))
    _set_attr(element, "name", conference.name)
    element.set("autojoin", "true" if conference.autojoin else "false")
    _text_child(element, _N + "nick", conference.nick)
    _text_child(element, _N + "password", conference.password)
    if conference.extra:
        _append_extras(ET.SubElement(element, _N + "extensions"), conference.extra)
    return element


# --- the merged view ---------------------------------------------------------------


def merge(homes: Mapping[BookmarkHome, Iterable[Bookmark]]) -> tuple[BookmarkEntry, ...]:
    """Merge what each home holds into one entry per bookmark, in first-seen order.

    Homes are visited native, PEP, private; the first copy found is the one
    shown, and every home's copy is kept in the entry.
    """
    copies: dict[str, list[tuple[BookmarkHome, Bookmark]]] = {}
    for home in _HOME_ORDER:
        for bookmark in homes.get(home, ()):
            found = copies.setdefault(key_of(bookmark), [])
            if all(h is not home for h, _ in found):
                found.append((home, bookmark))
    return tuple(
        BookmarkEntry(
            key=key,
            bookmark=found[0][1],
            homes=frozenset(h for h, _ in found),
            copies=tuple(found),
        )
        for key, found in copies.items()
    )
