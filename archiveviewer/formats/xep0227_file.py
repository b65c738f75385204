"""Reading a XEP-0227 export: one file, or the "Use of XInclude" layout of several.

XInclude is processed as the specification asks, and no further: an
``<include/>`` is followed only as a child of ``<server-data/>`` (a host
file), of ``<host/>`` (a user file) or of ``<user/>`` (a part of the user's
data, such as the archive); one deeper below ``<user/>`` is user data and is
kept as it is, never followed. A followed include must have a relative
``href`` and neither ``parse`` nor ``xpointer``; it must name a file inside
the export's own folder (the folder of the file opened, symbolic links
resolved), and no file may be included twice, so loops end at once. Every
file goes through the safe parser, and all the files of one export together
may hold at most ``max_bytes``.

Levels: ``<server-data/>`` is level 1, ``<host/>`` 2, ``<user/>`` 3, the
user's data 4 and an archive's ``<result/>`` 5, whichever file they are in.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.formats.xep0227 import (
    NS,
    NS_MAM,
    NS_MAM_EXPORT,
    ArchivedMessage,
    PortableAccount,
    archived_from_result,
    user_from_element,
)
from archiveviewer.protocol.safexml import SafeTreeBuilder
from archiveviewer.protocol.xmlpolicy import Limits

NS_XINCLUDE = "http://www.w3.org/2001/XInclude"
INCLUDE = "{" + NS_XINCLUDE + "}include"
_RESULT = "{" + NS_MAM + "}result"
_ARCHIVE = "{" + NS_MAM_EXPORT + "}archive"
_LEVEL_OF_ROOT = {"{" + NS + "}server-data": 1, "{" + NS + "}host": 2, "{" + NS + "}user": 3}
_LEVEL_NAMES = {2: "<host/>", 3: "<user/>"}

#: Largest export read (all its files together), in bytes.
MAX_EXPORT_BYTES = 1024 * 1024 * 1024
_CHUNK = 64 * 1024
_UNBOUNDED_ITEMS = Limits(item_bytes=2**62, total_bytes=2**62)


class UnsafeInclude(MalformedInput):
    """An ``<include/>`` that this program does not follow (outside the export, a URL, …)."""


@dataclass
class _Export:
    """What all the files of one export share: its folder, what is left to read, the result."""

    folder: Path
    budget: int
    seen: set[Path] = field(default_factory=set)
    accounts: list[PortableAccount] = field(default_factory=list)


@dataclass
class _User:
    host: str
    name: str
    archive: list[ArchivedMessage] = field(default_factory=list)

    @property
    def jid(self) -> str:
        return f"{self.name}@{self.host}"


def read_export(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_EXPORT_BYTES
) -> list[PortableAccount]:
    """Every account in the export whose main file is ``path``, in file order.

    Raises :class:`MalformedInput` (the file's fault, naming the file) or
    :class:`KnownError` (a file cannot be opened).
    """
    path = Path(path)
    try:
        resolved = path.resolve(strict=True)
    except OSError as exc:
        raise KnownError(f"“{path}” could not be opened: {exc.strerror or exc}.") from None
    export = _Export(resolved.parent, max_bytes)
    _Document(export, resolved).read()
    return export.accounts


class _Document:
    """One file of the export.

    ``at`` is the level its root must have (None: the main file, level 1);
    ``host`` the host JID of an included user file; ``user`` the user an
    included part of the user's data belongs to.
    """

    def __init__(
        self,
        export: _Export,
        path: Path,
        at: int | None = None,
        host: str | None = None,
        user: _User | None = None,
    ) -> None:
        self._export = export
        self._path = path
        self._at = at
        self._host = host
        self._user = user
        self._here: _User | None = None
        self._root: ET.Element | None = None
        self._offset = 0

    def read(self) -> ET.Element:
        """Parse the file, following its includes; its root element (emptied of what was read)."""
        if self._path in self._export.seen:
            raise UnsafeInclude(
                f"“{self._path.name}” is included more than once (a loop of includes)."
            )
        self._export.seen.add(self._path)
        # The policy's limits on depth, attributes and text apply; the size of the
        # whole export (all its files) is counted here, against ``max_bytes``.
        builder = SafeTreeBuilder(
            limits=_UNBOUNDED_ITEMS, on_root=self._on_root, on_end=self._on_end
        )
        try:
            with self._path.open("rb") as stream:
                while chunk := stream.read(_CHUNK):
                    self._spend(len(chunk))
                    builder.feed(chunk)
                return builder.finish()
        except UnsafeInclude:
            raise
        except MalformedInput as exc:
            if exc.user_message.startswith("“"):
                raise  # an included file's sentence, which names that file
            raise MalformedInput(
                f"“{self._path.name}” is not a readable XEP-0227 export. {exc.user_message}"
            ) from None
        except OSError as exc:
            raise KnownError(
                f"“{self._path.name}” could not be opened: {exc.strerror or exc}."
            ) from None

    def _spend(self, size: int) -> None:
        self._export.budget -= size
        if self._export.budget < 0:
            raise MalformedInput("The export is larger than this program reads.")

    # -- where we are ---------------------------------------------------------------------

    def _on_root(self, root: ET.Element) -> None:
        self._root = root
        level = _LEVEL_OF_ROOT.get(root.tag, 4)
        wanted = self._at or 1
        if level != wanted:
            if self._at is None:
                raise MalformedInput(_not_an_export(root.tag))
            raise MalformedInput(
                f"It includes “{self._path.name}”, which holds "
                f"<{root.tag.rsplit('}', 1)[-1]}/> where {_LEVEL_NAMES.get(wanted, 'user data')} "
                "belongs."
            )
        self._offset = wanted - 1

    def _open_at(self, level: int) -> ET.Element:
        """The element open at ``level`` of this file (each level's last child so far)."""
        assert self._root is not None
        element = self._root
        for _ in range(level - 1 - self._offset):
            element = element[-1]
        return element

    def _host_jid(self) -> str:
        if self._host is not None:
            return self._host
        jid = self._open_at(2).get("jid")
        if not jid:
            raise MalformedInput("A <host/> element has no “jid”, which it needs.")
        return jid

    def _current_user(self) -> _User:
        if self._user is not None:
            return self._user
        if self._here is None:
            self._here = _User(self._host_jid(), self._open_at(3).get("name", ""))
        return self._here

    # -- what each end tag means ----------------------------------------------------------

    def _on_end(self, element: ET.Element, depth: int) -> None:
        level = depth + self._offset
        if element.tag == INCLUDE and depth > 1 and 2 <= level <= 4:
            self._include(element, level)
        elif level == 5 and element.tag == _RESULT and self._open_at(4).tag == _ARCHIVE:
            user = self._current_user()
            message = archived_from_result(element, user.jid)
            if message is not None:
                user.archive.append(message)
            self._open_at(4).remove(element)  # keep memory to one result at a time
        elif level == 3 and element.tag == "{" + NS + "}user":
            user = self._current_user()
            self._export.accounts.append(user_from_element(element, user.host, user.archive))
            self._here = None
            if depth > 1:
                self._open_at(2).remove(element)

    def _include(self, include: ET.Element, level: int) -> None:
        target = included_path(self._export.folder, self._path, include)
        parent = self._open_at(level - 1)
        parent.remove(include)
        if level == 2:
            _Document(self._export, target, 2).read()
        elif level == 3:
            _Document(self._export, target, 3, host=self._host_jid()).read()
        else:
            user = self._current_user()
            part = _Document(self._export, target, 4, user.host, user).read()
            if part.tag != _ARCHIVE:
                parent.append(part)


def _not_an_export(tag: str) -> str:
    local = tag.rsplit("}", 1)[-1]
    return f"Its outermost element is <{local}/>, not a XEP-0227 <server-data/>."


def included_path(export_folder: Path, including: Path, include: ET.Element) -> Path:
    """The file an ``<include/>`` names, checked; :class:`UnsafeInclude` if it is not followed."""
    href = include.get("href")
    if include.get("parse") is not None or include.get("xpointer") is not None:
        raise UnsafeInclude(
            "It includes a file with “parse” or “xpointer”, which a portable export does not use."
        )
    if not href:
        raise UnsafeInclude("It has an include without a file name (“href”).")
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("/", "\\")) or parts.query:
        raise UnsafeInclude(
            f"It includes “{href[:80]}”, which is not a file beside the export; only files in "
            "the export's own folder are read."
        )
    # XInclude resolves against the including file; nothing may leave the export's folder.
    target = (including.parent / unquote(parts.path)).resolve()
    if not target.is_relative_to(export_folder):
        raise UnsafeInclude(
            f"It includes “{href[:80]}”, which lies outside the export's folder; "
            "only files in the export's own folder are read."
        )
    return target
