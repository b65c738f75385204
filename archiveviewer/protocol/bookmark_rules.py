"""Pure rules of the bookmark editor: divergence between homes, import merging, names.

Sans-I/O and table-tested (``tests/unit/protocol/test_bookmark_rules.py``):

- :func:`differences` says, in the user's words, where the homes that hold a
  bookmark disagree ("in PEP but not in private storage", "different nick");
- :func:`merge_import` merges a XEP-0048 ``<storage/>`` file into the current
  bookmarks by room JID (or URL), keeping every unknown part of both sides;
- :func:`check_for_homes` refuses what a home cannot hold (a blank name
  where XEP-0048 requires one) before anything is sent.

A password is never put into a sentence: a difference in passwords is
reported as "different password", nothing more.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from archiveviewer.domain import Bookmark, BookmarkEntry, BookmarkHome, Conference, UrlBookmark
from archiveviewer.protocol import bookmarks as codec

#: Short names of the homes, as the window and the command line print them.
HOME_LABEL = {
    BookmarkHome.NATIVE: "PEP (XEP-0402)",
    BookmarkHome.PEP: "PEP (XEP-0048)",
    BookmarkHome.PRIVATE: "private storage",
}
HOME_ORDER = (BookmarkHome.NATIVE, BookmarkHome.PEP, BookmarkHome.PRIVATE)
#: The fields compared between homes, with the word a sentence uses.
_FIELDS = (("name", "name"), ("autojoin", "autojoin"), ("nick", "nick"), ("password", "password"))


def homes_label(homes: Iterable[BookmarkHome]) -> str:
    """The homes as "PEP (XEP-0402), private storage", in the usual order."""
    held = set(homes)
    return ", ".join(HOME_LABEL[h] for h in HOME_ORDER if h in held)


def can_hold(home: BookmarkHome, bookmark: Bookmark) -> bool:
    """True when ``home`` can hold this kind of bookmark (XEP-0402 holds rooms only)."""
    return home is not BookmarkHome.NATIVE or isinstance(bookmark, Conference)


def differences(entry: BookmarkEntry, offered: Iterable[BookmarkHome]) -> tuple[str, ...]:
    """Where the homes disagree about ``entry``, one short phrase each; empty when in step.

    ``offered`` are the homes the server has; a home that could hold the
    bookmark but does not is named ("in PEP (XEP-0402) but not in private
    storage"). Unknown extensions are not compared: servers that copy
    between homes drop them from the XEP-0048 homes by design.
    """
    held = dict(entry.copies)
    missing = [h for h in HOME_ORDER if h in set(offered) and h not in held]
    missing = [h for h in missing if can_hold(h, entry.bookmark)]
    found: list[str] = []
    if missing and held:
        found.append(f"in {homes_label(held)} but not in {homes_label(missing)}")
    copies = [held[h] for h in HOME_ORDER if h in held]
    for attribute, word in _FIELDS:
        values = {getattr(copy, attribute, None) for copy in copies}
        if len(values) > 1:
            found.append(f"different {word}")
    return tuple(found)


def in_step(entry: BookmarkEntry, offered: Iterable[BookmarkHome]) -> bool:
    """True when every offered home that can hold the bookmark holds the same one."""
    return not differences(entry, offered)


def check_for_homes(bookmark: Bookmark, homes: Iterable[BookmarkHome]) -> Bookmark:
    """``bookmark`` validated for ``homes``, or :class:`~.bookmarks.InvalidBookmark`.

    The room JID or URL is checked and normalised (:func:`.bookmarks.validate`);
    a name made only of spaces is refused; XEP-0048 (private storage and its
    PEP node) requires a name, so a bookmark going there without one is refused.
    """
    bookmark = codec.validate(bookmark)
    name = bookmark.name
    if name is not None and not name.strip():
        raise codec.InvalidBookmark("A bookmark's name cannot be only spaces.")
    legacy = {BookmarkHome.PEP, BookmarkHome.PRIVATE} & set(homes)
    if legacy and not name:
        raise codec.InvalidBookmark(
            f"The bookmark “{codec.key_of(bookmark)}” needs a name to be stored in "
            f"{homes_label(legacy)}."
        )
    return replace(bookmark, name=name.strip() if name else name)


# --- import ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file changes: bookmarks to write, and how many stayed as they were."""

    writes: tuple[Bookmark, ...]
    added: int
    updated: int
    unchanged: int


def merge_import(current: Mapping[str, Bookmark], imported: Iterable[Bookmark]) -> ImportPlan:
    """Merge ``imported`` bookmarks into ``current`` (keyed by room JID or URL).

    A bookmark not yet there is added; one that is there takes the file's
    name, autojoin, nick and password, and keeps its own unknown extensions
    and attributes besides the file's. Nothing is removed. A bookmark listed
    twice in the file counts once, the last one.
    """
    latest: dict[str, Bookmark] = {}
    for bookmark in imported:
        latest[codec.key_of(bookmark)] = bookmark
    writes: list[Bookmark] = []
    added = updated = unchanged = 0
    for key, incoming in latest.items():
        old = current.get(key)
        if old is None:
            writes.append(incoming)
            added += 1
            continue
        merged = _merged(old, incoming)
        if merged == old:
            unchanged += 1
        else:
            writes.append(merged)
            updated += 1
    return ImportPlan(tuple(writes), added, updated, unchanged)


def union_extras(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    """The unknown elements of ``first`` and those of ``second`` it lacks (as XML, not text)."""
    kept = list(first)
    seen = {_canonical(e) for e in kept}
    for text in second:
        if _canonical(text) not in seen:
            seen.add(_canonical(text))
            kept.append(text)
    return tuple(kept)


def _canonical(text: str) -> str:
    return ET.canonicalize(xml_data=text, strip_text=True)


def _merged(old: Bookmark, incoming: Bookmark) -> Bookmark:
    extra = union_extras(old.extra, incoming.extra)
    attrs = dict(old.extra_attrs)
    attrs.update(incoming.extra_attrs)
    if isinstance(old, Conference) and isinstance(incoming, Conference):
        return replace(
            incoming,
            jid=old.jid,
            name=incoming.name or old.name,
            extra=extra,
            extra_attrs=tuple(attrs.items()),
        )
    if isinstance(old, UrlBookmark) and isinstance(incoming, UrlBookmark):
        name = incoming.name or old.name
        return replace(old, name=name, extra=extra, extra_attrs=tuple(attrs.items()))
    return incoming


def export_storage(entries: Iterable[BookmarkEntry]) -> codec.BookmarkStorage:
    """The merged view as one XEP-0048 ``<storage/>`` (unknown parts included)."""
    return codec.BookmarkStorage(tuple(entry.bookmark for entry in entries))


def carries_extensions(bookmark: Bookmark) -> bool:
    """True when another client put elements or attributes into it that we do not show."""
    return bool(bookmark.extra or bookmark.extra_attrs)
