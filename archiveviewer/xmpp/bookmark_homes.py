"""Where bookmarks live on a server and the rules for choosing among those homes.

Pure decisions of :mod:`.bookmarks` (which homes the server offers, where
a new bookmark goes, whether the server kept what it accepted) and the
sentences for its refusals.
"""

from __future__ import annotations

from dataclasses import dataclass

from archiveviewer.domain import Bookmark, BookmarkEntry, BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import KnownError
from archiveviewer.protocol import bookmarks as codec
from archiveviewer.protocol import pep
from archiveviewer.xmpp import iq

WHERE = {
    BookmarkHome.PRIVATE: "private XML storage",
    BookmarkHome.PEP: "the PEP node “storage:bookmarks”",
    BookmarkHome.NATIVE: "the PEP node “urn:xmpp:bookmarks:1”",
}
NODE = {BookmarkHome.PEP: codec.LEGACY_NODE, BookmarkHome.NATIVE: codec.NATIVE_NODE}
#: Order of writing: the modern home first, so a server that copies between
#: homes copies the newest data.
WRITE_ORDER = (BookmarkHome.NATIVE, BookmarkHome.PEP, BookmarkHome.PRIVATE)


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


def targets_of(
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


def check_kept(
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


def check_gone(
    key: str, homes: frozenset[BookmarkHome], entries: tuple[BookmarkEntry, ...]
) -> None:
    """Refuse to report a removal the server did not carry out."""
    left = [entry for entry in entries if entry.key == key and entry.homes & homes]
    if left:
        where = " and ".join(WHERE[h] for h in sorted(left[0].homes & homes, key=home_order))
        raise KnownError(
            f"The server still holds the bookmark “{key}” in {where} after removing it; "
            "another client may have stored it again."
        )


def home_order(home: BookmarkHome) -> int:
    return WRITE_ORDER.index(home)


def check_homes(
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
            + " or ".join(WHERE[h] for h in sorted(missing, key=home_order))
            + "."
        )


def read_sentence(home: BookmarkHome) -> iq.Sentence:
    def sentence(refusal: iq.Refusal) -> str:
        return with_text(
            f"The server refused to read your bookmarks from {WHERE[home]} ({refusal.condition}).",
            refusal,
        )

    return sentence


def write_sentence(home: BookmarkHome) -> iq.Sentence:
    def sentence(refusal: iq.Refusal) -> str:
        if pep.is_precondition_failure(refusal.element):
            return with_text(
                f"The server keeps {WHERE[home]} with settings other than private, "
                "persistent storage (another client may have created it that way), so it "
                "refused to store the bookmark there. Change that node's access settings to "
                "“whitelist” in a client that can, or remove the node, and try again.",
                refusal,
            )
        return with_text(
            f"The server refused to store the bookmark in {WHERE[home]} ({refusal.condition}).",
            refusal,
        )

    return sentence


def with_text(sentence: str, refusal: iq.Refusal) -> str:
    return f"{sentence} The server said: {refusal.text}" if refusal.text else sentence
