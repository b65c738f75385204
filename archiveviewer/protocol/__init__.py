"""protocol layer of archiveviewer (see ARCHITECTURE.md)."""
