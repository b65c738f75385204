"""Local copies that cannot be written or are damaged: read what can be, never write blind."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from archiveviewer.errors import StoreError
from archiveviewer.store import Replica
from tests.unit.store.conftest import T0, conversation

ROOT = Path(__file__).resolve().parents[3]


def filled(path: Path, count: int = 200) -> None:
    with Replica(path) as replica:
        for n in range(count):
            replica.replace_collection(
                conversation(
                    f"friend{n}@example.org",
                    T0 + timedelta(hours=n),
                    f"balcony scene number {n} " * 20,
                )
            )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CHILD = textwrap.dedent(
    """
    import sys
    from archiveviewer.errors import StoreError
    from archiveviewer.store import Replica
    from tests.unit.store.conftest import T0, conversation
    replica = Replica(sys.argv[1])
    print("read-only:", replica.read_only)
    print("hits:", len(replica.search("balcony")))
    try:
        replica.require_writable()
    except StoreError as exc:
        print("sync:", exc.user_message)
    try:
        replica.replace_collection(conversation("nurse@example.org", T0, "hello"))
    except StoreError as exc:
        print("write:", exc.user_message)
    replica.close()
    """
)


def test_a_copy_on_read_only_media_is_read_and_searched_but_not_synced(tmp_path: Path) -> None:
    media = tmp_path / "backup"
    media.mkdir()
    path = media / "romeo.sqlite3"
    filled(path, count=5)
    before = digest(path)
    # A private mount namespace makes the folder a read-only file system for the child only.
    script = (
        f'mount --bind "{media}" "{media}" && mount -o remount,bind,ro "{media}" && '
        f'exec "{sys.executable}" -c "$CHILD" "{path}"'
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"CHILD": CHILD, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "read-only: is on a read-only disk"
    assert lines[1] == "hits: 5"
    assert lines[2].startswith(f"sync: The local archive copy “{path}” is on a read-only disk:")
    assert "not synchronised" in lines[2]
    assert lines[3].startswith(f"write: The local archive copy “{path}” is on a read-only disk:")
    assert digest(path) == before


def scramble(path: Path, pages: range) -> None:
    """Overwrite whole pages in the middle of the file, as a failing disk would."""
    with path.open("r+b") as file:
        for page in pages:
            file.seek(page * 4096)
            file.write(bytes((page * 7 + i) % 251 for i in range(4096)))


def pages_without(path: Path, needles: tuple[bytes, ...], count: int) -> range:
    """``count`` consecutive pages from the middle of the file on that hold none of ``needles``."""
    data = path.read_bytes()
    pages = len(data) // 4096
    clean = [
        not any(n in data[page * 4096 : (page + 1) * 4096] for n in needles)
        for page in range(pages)
    ]
    for first in range(pages // 3, pages - count):
        if all(clean[first : first + count]):
            return range(first, first + count)
    raise AssertionError("no run of clean pages to damage")


def test_a_damaged_copy_is_found_before_anything_is_written_into_it(tmp_path: Path) -> None:
    path = tmp_path / "romeo.sqlite3"
    filled(path)
    scramble(path, range(20, 26))
    before = digest(path)
    with Replica(path) as replica:
        with pytest.raises(StoreError, match=r"is damaged .*nothing was written") as caught:
            replica.replace_collection(conversation("nurse@example.org", T0, "hello"))
        assert "Rebuild it from the server" in caught.value.user_message
        assert replica.check()  # the full check on demand names the problems
    assert digest(path) == before


def test_a_sound_copy_passes_the_full_check(tmp_path: Path) -> None:
    path = tmp_path / "romeo.sqlite3"
    filled(path, count=3)
    with Replica(path) as replica:
        assert replica.check() == []
        assert replica.read_only is None


def test_a_rebuild_keeps_what_can_be_read_and_its_decrypted_text(tmp_path: Path) -> None:
    from archiveviewer.domain import CollectionId, Direction, EncryptedItem, EncryptedKind, Message
    from archiveviewer.store import rebuild

    path = tmp_path / "romeo.sqlite3"
    filled(path)
    secret = conversation("tybalt@capulet.lit", T0 - timedelta(days=1))
    secret = type(secret)(
        secret.id,
        crypt=True,
        items=(EncryptedItem(EncryptedKind.DATA, "<EncryptedData/>", key_name="k1"),),
    )
    plain = (Message(Direction.FROM, T0, "the secret"),)
    with Replica(path) as replica:
        replica.replace_collection(secret)
        replica.store_decrypted(secret.id, plain)
        replica.apply([], [], "2026-01-01T00:00:00Z")
    # Damage six pages in the middle that do not hold the secret conversation (which pages
    # do depends on the schema's layout), so that it is among what can still be read.
    scramble(path, pages_without(path, (b"tybalt", b"the secret"), 6))

    rebuilt = rebuild(path)
    assert rebuilt.damaged_copy.exists()  # the user's data is never deleted
    assert rebuilt.kept + rebuilt.unreadable <= 201
    assert rebuilt.kept > 0
    with Replica(path) as fresh:
        assert fresh.check() == []
        assert fresh.cursor() is None  # the next sync fetches everything again
        assert len(fresh.collection_ids()) == rebuilt.kept
        assert fresh.decrypted(secret.id) == plain
        fresh.replace_collection(conversation("nurse@example.org", T0, "written at last"))
        assert CollectionId(T0, "nurse@example.org") in fresh.collection_ids()


def test_a_writable_copy_may_be_synced(tmp_path: Path) -> None:
    with Replica(tmp_path / "romeo.sqlite3") as replica:
        replica.require_writable()  # raises nothing
        assert replica.read_only is None
