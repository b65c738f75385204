"""Headless commands for scripts and for people without a screen."""

from __future__ import annotations

import argparse
import sys

from archiveviewer import __version__


def build_parser() -> argparse.ArgumentParser:
    """The command line's grammar; each headless command adds a sub-parser here."""
    parser = argparse.ArgumentParser(prog="archiveviewer", description=__doc__)
    parser.add_argument("--version", action="version", version=f"archiveviewer {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a headless command and return its exit code."""
    build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    return 0
