"""The composition root: builds the application and starts it."""

from __future__ import annotations

import argparse
import sys

from archiveviewer import __version__


def main(argv: list[str] | None = None) -> int:
    """Start archiveviewer; ``--version`` prints the version and exits."""
    parser = argparse.ArgumentParser(prog="archiveviewer", description=__doc__)
    parser.add_argument("--version", action="version", version=f"archiveviewer {__version__}")
    parser.parse_args(sys.argv[1:] if argv is None else argv)
    return 0
