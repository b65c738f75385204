"""The bundle's entry point: exactly what ``python -m archiveviewer`` does."""

from archiveviewer.__main__ import run

raise SystemExit(run())
