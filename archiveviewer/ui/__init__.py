"""ui layer of archiveviewer (see ARCHITECTURE.md)."""
