"""Help: About archiveviewer and the list of keyboard shortcuts."""
