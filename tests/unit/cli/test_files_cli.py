"""``export`` and ``import`` on the command line: every format written, read back, searched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from archiveviewer.cli import EXIT_OK, EXIT_USAGE, main
from archiveviewer.formats.sample import SAMPLE_OWNER, read_sample_archive
from archiveviewer.services.workspace import Workspace
from archiveviewer.store import Replica


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Replica(Workspace(data).replica_path(SAMPLE_OWNER)) as replica:
        for collection in read_sample_archive():
            replica.replace_collection(collection)
        replica.set_last_full_list(read_sample_archive()[0].start)
    return data


@pytest.mark.parametrize("export_format", ["text", "html", "xep0136", "xep0227"])
def test_each_format_is_written_private_and_holds_the_conversations(
    data_dir: Path, tmp_path: Path, export_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out.{export_format}"
    code = main(["export", "--jid", SAMPLE_OWNER, "--data-dir", str(data_dir),
                 "--format", export_format, str(out)])  # fmt: skip
    assert code == EXIT_OK
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "wherefore art thou Romeo?" in out.read_text(encoding="utf-8")
    assert f"wrote {len(read_sample_archive())} conversations" in capsys.readouterr().err


@pytest.mark.parametrize("export_format", ["xep0136", "xep0227"])
def test_an_export_imports_and_searches_like_an_account(
    data_dir: Path, tmp_path: Path, export_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export.xml"
    code = main(["export", "--jid", SAMPLE_OWNER, "--data-dir", str(data_dir),
                 "--format", export_format, "--with", "juliet@capulet.lit", str(out)])  # fmt: skip
    assert code == EXIT_OK
    imports = tmp_path / "imported"
    assert main(["import", "--data-dir", str(imports), str(out)]) == EXIT_OK
    said = capsys.readouterr().out
    name = SAMPLE_OWNER if export_format == "xep0227" else "archive@export"
    assert f"--jid {name} QUERY" in said
    code = main(["search", "--data-dir", str(imports / "imports"), "--jid", name, "wherefore"])
    hits = capsys.readouterr().out
    assert code == EXIT_OK
    assert "juliet@capulet.lit" in hits
    assert "nurse" not in hits  # only Juliet was exported


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "pdf", "x"],
        ["export", "--format", "text", "--since", "yesterday", "x"],
        ["export", "--format", "text", "/no/such/folder/x.txt"],
        ["import", "/no/such/file.xml"],
    ],
)
def test_nonsense_exits_2_with_one_line(
    data_dir: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*argv[:1], "--jid", SAMPLE_OWNER, "--data-dir", str(data_dir), *argv[1:]])
    assert code == EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("archiveviewer")
    assert "Traceback" not in "".join(err)


def test_an_export_onto_a_pipe_is_refused_and_the_pipe_stays(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An export replaces its file whole; a pipe or a device (/dev/full, /dev/null) given
    # as the file was replaced by a regular file, and as root /dev itself was changed.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code = main(["export", "--jid", SAMPLE_OWNER, "--data-dir", str(data_dir),
                 "--format", "text", str(pipe)])  # fmt: skip
    assert code == EXIT_USAGE
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    (line,) = capsys.readouterr().err.splitlines()
    assert "is not a regular file" in line
