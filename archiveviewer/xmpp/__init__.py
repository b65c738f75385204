"""xmpp layer of archiveviewer (see ARCHITECTURE.md)."""
