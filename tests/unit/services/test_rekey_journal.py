"""The journal of unfinished re-keys: what the Keys window offers to continue."""

from __future__ import annotations

import stat
from pathlib import Path

from archiveviewer.services.rekeying import RekeyJournal


def test_a_run_is_remembered_per_account_until_it_finishes(tmp_path: Path) -> None:
    journal = RekeyJournal(tmp_path)
    journal.started("Romeo@Montague.example", "old-print", "new-print")
    journal.started("benvolio@montague.example", "a", "b")
    again = RekeyJournal(tmp_path)  # as after a restart (or a kill)
    assert again.unfinished("romeo@montague.example") == ("old-print", "new-print")
    again.finished("romeo@montague.example")
    assert again.unfinished("romeo@montague.example") is None
    assert again.unfinished("benvolio@montague.example") == ("a", "b")
    assert stat.S_IMODE((tmp_path / "rekeys.json").stat().st_mode) == 0o600


def test_a_damaged_journal_is_no_run(tmp_path: Path) -> None:
    (tmp_path / "rekeys.json").write_text("{not json", "utf-8")
    assert RekeyJournal(tmp_path).unfinished("romeo@montague.example") is None
    (tmp_path / "rekeys.json").write_text('{"romeo@montague.example": ["x"]}', "utf-8")
    assert RekeyJournal(tmp_path).unfinished("romeo@montague.example") is None
