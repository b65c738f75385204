"""formats layer of archiveviewer (see ARCHITECTURE.md)."""
