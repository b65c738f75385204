"""What each source can do with a conversation, said plainly for the UI."""

from __future__ import annotations

from archiveviewer.sync.ports import (
    COLLECTION_ABILITIES,
    MESSAGE_ARCHIVE_ABILITIES,
    ArchiveAction,
)


def test_a_message_archive_can_neither_remove_nor_keep_notes_or_subjects() -> None:
    for action in ArchiveAction:
        assert not MESSAGE_ARCHIVE_ABILITIES.allows(action)
        reason = MESSAGE_ARCHIVE_ABILITIES.reason(action)
        assert reason is not None
        assert reason.endswith(".")
        assert "XEP" not in reason


def test_collections_can_do_everything() -> None:
    for action in ArchiveAction:
        assert COLLECTION_ABILITIES.allows(action)
        assert COLLECTION_ABILITIES.reason(action) is None
