"""Sync progress on stderr: one redrawn line on a terminal, plain lines in a pipe."""

from __future__ import annotations

import io

from archiveviewer.cli.archive import ProgressPrinter
from archiveviewer.sync import Progress, SyncMode, SyncResult


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def steps() -> list[Progress]:
    return [Progress(SyncMode.CHANGES, n, 3, n * 10, n * 10) for n in range(4)]


DONE = SyncResult(SyncMode.CHANGES, 3, 0, 30, 4)


def test_a_terminal_gets_one_line_redrawn() -> None:
    out = Terminal()
    printer = ProgressPrinter(out)
    for step in steps():
        printer.show(step)
    printer.finish(DONE)
    text = out.getvalue()
    assert text.count("\n") == 1  # only the final summary ends a line
    assert "\r\x1b[K" in text
    assert "sync: 3/3 conversations, 30 messages stored" in text
    assert text.endswith("sync: done: 3 conversations stored, 0 removed, 30 messages (changes)\n")


def test_a_pipe_gets_plain_lines_no_more_than_one_a_second() -> None:
    out = io.StringIO()
    printer = ProgressPrinter(out, interval=3600)
    for step in steps():
        printer.show(step)
    printer.finish(DONE)
    assert out.getvalue().splitlines() == [
        "sync: 0/3 conversations, 0 messages stored",
        "sync: done: 3 conversations stored, 0 removed, 30 messages (changes)",
    ]
    assert "\x1b" not in out.getvalue()
