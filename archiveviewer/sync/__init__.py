"""sync layer of archiveviewer (see ARCHITECTURE.md)."""
