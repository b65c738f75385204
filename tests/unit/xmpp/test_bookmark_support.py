"""Where bookmarks go, decided from what discovery showed (no network involved)."""

import pytest

from archiveviewer.domain import BookmarkEntry, BookmarkHome, Conference, UrlBookmark
from archiveviewer.errors import KnownError
from archiveviewer.xmpp import bookmark_homes as service
from archiveviewer.xmpp.bookmarks import BookmarkSupport

NATIVE, PEP, PRIVATE = BookmarkHome.NATIVE, BookmarkHome.PEP, BookmarkHome.PRIVATE
ROOM = Conference(jid="room@muc.example")
URL = UrlBookmark(url="https://example.org/")
PROSODY = BookmarkSupport(pep=True, publish_options=True, native_compat=True)
PEP_ONLY = BookmarkSupport(pep=True, publish_options=True, native_compat=False)
NO_OPTIONS = BookmarkSupport(pep=True, publish_options=False, native_compat=False)
BARE = BookmarkSupport(pep=False, publish_options=False, native_compat=False)


@pytest.mark.parametrize(
    ("support", "bookmark", "homes"),
    [
        (PROSODY, ROOM, {NATIVE}),
        (PEP_ONLY, ROOM, {NATIVE, PRIVATE}),
        (NO_OPTIONS, ROOM, {PRIVATE}),  # XEP-0223 section 5: no publish-options, no PEP storage
        (BARE, ROOM, {PRIVATE}),
        (PROSODY, URL, {PRIVATE}),
    ],
)
def test_new_bookmark_goes_where_the_server_allows(support, bookmark, homes) -> None:
    assert support.default_homes(bookmark) == homes


def test_a_server_that_copies_between_homes_is_written_through_xep0402_only() -> None:
    assert service.targets_of(PROSODY, ROOM, frozenset({NATIVE, PEP, PRIVATE})) == {NATIVE}
    assert service.targets_of(PEP_ONLY, ROOM, frozenset({NATIVE, PRIVATE})) == {NATIVE, PRIVATE}
    assert service.targets_of(PROSODY, ROOM, frozenset({PRIVATE})) == {PRIVATE}


def test_homes_the_server_lacks_are_refused() -> None:
    with pytest.raises(KnownError) as caught:
        service.check_homes(NO_OPTIONS, ROOM, frozenset({NATIVE}))
    assert "publish-options" in caught.value.user_message
    with pytest.raises(KnownError):
        service.check_homes(PROSODY, URL, frozenset({NATIVE}))
    service.check_homes(PROSODY, ROOM, frozenset({NATIVE, PEP, PRIVATE}))


def test_a_bookmark_the_server_dropped_is_not_reported_as_saved() -> None:
    kept = (BookmarkEntry(key="room@muc.example", bookmark=ROOM, homes=frozenset({NATIVE})),)
    service.check_kept("room@muc.example", frozenset({NATIVE}), kept)
    with pytest.raises(KnownError) as caught:
        service.check_kept("https://example.org/", frozenset({PRIVATE}), kept)
    assert "did not keep it" in caught.value.user_message


def test_a_removal_the_server_did_not_carry_out_is_reported() -> None:
    left = (BookmarkEntry(key="room@muc.example", bookmark=ROOM, homes=frozenset({PRIVATE})),)
    service.check_gone("other@muc.example", frozenset({NATIVE, PRIVATE}), left)
    service.check_gone("room@muc.example", frozenset({NATIVE}), left)
    with pytest.raises(KnownError) as caught:
        service.check_gone("room@muc.example", frozenset({NATIVE, PRIVATE}), left)
    assert "private XML storage" in caught.value.user_message
