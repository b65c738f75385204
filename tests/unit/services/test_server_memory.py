"""What is kept about a server between runs: read back as written, trusted a while, told once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer.services.server_memory import RECHECK_AFTER, ServerMemory, ServerRecord
from archiveviewer.services.workspace import Workspace
from archiveviewer.xmpp.xep_0136 import ServerBehaviour

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
DROPS = ServerRecord(
    ServerBehaviour(drops_notes=True, ignores_open=False),
    "Prosody 0.12.3",
    NOW - timedelta(days=3),
    frozenset({"drops_notes"}),
)


def test_a_record_is_read_back_as_it_was_written_through_the_data_folder(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "data")
    workspace.save_server_text("Example.ORG", DROPS.encode())
    assert ServerMemory(workspace).read("example.org") == DROPS
    path = workspace.server_path("example.org")
    assert path.parent == tmp_path / "data" / "servers"
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "text",
    [None, "", "not json", "[1, 2]", '{"behaviour": "yes"}', '{"since": "last week"}',
     '{"told": 3}', '{"behaviour": {"drops_notes": true}, "since": "2026-12-01T00:00:00"}'],
)  # fmt: skip
def test_an_unreadable_record_is_nothing_known(text: str | None) -> None:
    record = ServerRecord.decode(text)
    assert not record.trusted("Prosody 0.12.3", NOW)
    assert record.behaviour in (ServerBehaviour(), ServerBehaviour(drops_notes=True))


def test_a_missing_or_unreadable_file_is_nothing_known(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "data")
    assert ServerMemory(workspace).read("example.org") == ServerRecord()
    workspace.save_server_text("example.org", "\x00 garbage")
    assert ServerMemory(workspace).read("example.org") == ServerRecord()


@pytest.mark.parametrize(
    ("software", "age", "trusted"),
    [
        ("Prosody 0.12.3", timedelta(days=3), True),
        (None, timedelta(days=3), True),  # the server no longer says: its age decides
        ("Prosody 13.0.1", timedelta(days=3), False),  # upgraded: found out again
        ("Prosody 0.12.3", RECHECK_AFTER + timedelta(minutes=1), False),  # too old
        ("Prosody 0.12.3", -timedelta(days=1), False),  # from the future: the clock moved
    ],
)
def test_findings_are_trusted_on_the_same_software_for_a_while(
    software: str | None, age: timedelta, trusted: bool
) -> None:
    record = ServerRecord(DROPS.behaviour, DROPS.software, NOW - age, DROPS.told)
    assert record.trusted(software, NOW) is trusted


def test_a_recheck_forgets_the_findings_but_not_what_was_told() -> None:
    again = DROPS.rechecked()
    assert again.behaviour == ServerBehaviour()
    assert (again.software, again.since, again.told) == (None, None, {"drops_notes"})


def test_a_finding_seen_untrue_is_untold_so_that_a_relapse_is_told() -> None:
    later = NOW + timedelta(days=1)
    kept = DROPS.found(ServerBehaviour(drops_notes=False), "Prosody 0.12.3", later)
    assert kept.told == frozenset()
    assert kept.since == DROPS.since  # the oldest finding decides when all are checked again
    fresh = ServerRecord().found(ServerBehaviour(ignores_open=True), None, later)
    assert (fresh.since, fresh.software) == (later, None)
