"""crypto layer of archiveviewer (see ARCHITECTURE.md)."""
