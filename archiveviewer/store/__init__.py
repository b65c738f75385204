"""store layer of archiveviewer (see ARCHITECTURE.md)."""
